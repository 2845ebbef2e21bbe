"""The click that typer runs on, under one name.

typer 0.28 vendors its own copy of click as ``typer._click`` (typer 0.29+ would cost every
command a pydantic import), and that package's root exports only a few names. The parts peersup
uses are gathered here: ``from peersup_cli.cli.clicklib import click`` then ``click.echo(...)``.
"""

from __future__ import annotations

from typer._click.core import Command as Command
from typer._click.core import Context as Context
from typer._click.exceptions import BadParameter as BadParameter
from typer._click.exceptions import ClickException as ClickException
from typer._click.exceptions import UsageError as UsageError
from typer._click.globals import get_current_context as get_current_context
from typer._click.termui import style as style
from typer._click.utils import echo as echo
from typer._click.utils import get_text_stream as get_text_stream
from typer.exceptions import Abort as Abort
from typer.exceptions import Exit as Exit
