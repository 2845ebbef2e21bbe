"""Printing for ``peersup journal``: view lines styled on a terminal (rich, which honours
NO_COLOR), plain text when piped; skipped files on stderr; the width views are laid out for.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from ..history.records import Skipped
    from ..history.views import Line

STYLES = {
    "title": "bold",
    "heading": "bold cyan",
    "dim": "dim",
    "good": "green",
    "diff": "yellow",
}


def print_lines(lines: list[Line]) -> None:
    """Styled on a terminal (rich honours NO_COLOR); plain text when piped."""
    if not sys.stdout.isatty() or os.environ.get("TERM") == "dumb":
        typer.echo("\n".join(line.text for line in lines))
        return
    from rich.text import Text

    from .common import console

    out = console()
    for line in lines:
        text = Text(line.text, style=STYLES.get(line.style, ""))
        for a, b in line.spans:
            text.stylize("bold reverse", a, b)
        out.print(text, overflow="fold")


def report_skipped(skipped: list[Skipped]) -> None:
    for s in skipped:
        typer.echo(s.line(), err=True)


def print_json(data: Any) -> None:
    from .common import print_json

    print_json(data)


def echo(text: str) -> None:
    typer.echo(text)


def width() -> int:
    import shutil

    return max(60, min(100, shutil.get_terminal_size((80, 24)).columns))
