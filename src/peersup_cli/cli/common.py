"""What every command module shares: the app state, loading the guidelines, and output helpers.

Rich is imported only inside ``console()``, so commands that print plain text or JSON never pay
for it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .clicklib import click

if TYPE_CHECKING:
    import typer
    from rich.console import Console

    from ..guidelines.model import Guidelines


@dataclass
class AppState:
    guidelines_path: Path | None = None
    _guidelines: Guidelines | None = field(default=None, repr=False)


def state() -> AppState:
    ctx = click.get_current_context(True)
    root = ctx.find_root() if ctx else None
    obj = root.obj if root else None
    return obj if isinstance(obj, AppState) else AppState()


def guidelines_source() -> str:
    """The guidelines file in use, for messages and ``peersup where``."""
    path = state().guidelines_path
    if path:
        return str(path)
    from ..guidelines.loader import packaged_path

    return f"{packaged_path()} (packaged)"


def load_guidelines() -> Guidelines:
    """The guidelines for this run (``--guidelines``/``PEERSUP_GUIDELINES`` or packaged)."""
    st = state()
    if st._guidelines is None:
        # The cache falls back to the YAML loader whenever it cannot help.
        from ..guidelines.cache import load_guidelines_cached as load

        st._guidelines = load(st.guidelines_path)
    return st._guidelines


def console(stderr: bool = False) -> Console:
    """A rich console that stays readable piped to a file and with NO_COLOR set."""
    from rich.console import Console

    width = None
    if not (os.isatty(2) if stderr else os.isatty(1)):
        width = int(os.environ.get("COLUMNS", "0") or 0) or 100
    return Console(stderr=stderr, highlight=False, width=width, soft_wrap=False)


def echo(text: str = "", *, err: bool = False) -> None:
    click.echo(text, err=err)


def print_json(data: Any) -> None:
    """Machine-readable output: JSON only, nothing else on stdout."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def journal_dir(override: Path | None = None) -> Path:
    """The journal folder for this run: --journal-dir, PEERSUP_HOME, config, platform default."""
    from .. import paths
    from ..config import load_config

    configured = None if override else load_config().journal_dir
    return paths.journal_dir(override, configured)


def command_group(name: str, help: str) -> typer.Typer:
    """A sub-command group (``peersup journal ...``) set up like the root app: plain help text,
    no shell-completion options, and its help when run without a sub-command."""
    import typer

    return typer.Typer(
        name=name, help=help, no_args_is_help=True, add_completion=False, rich_markup_mode=None
    )
