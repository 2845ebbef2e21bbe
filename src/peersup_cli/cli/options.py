"""Every option and argument more than one command takes, declared once with one help text.

Each name is a decorator (``@options.JSON``); click makes a fresh parameter each time one is
applied, so sharing them is safe. Metavars are plain words (FOLDER, FILE, DATE, NUMBER, ...)
rather than type names, since most people reading ``--help`` are not programmers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .base import HelpArgument

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

FORMATS = ("md", "html", "pdf")
PAPERS = ("a4", "letter")

# -- options ------------------------------------------------------------------------------------
GUIDELINES = click.option(
    "--guidelines",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    envvar="PEERSUP_GUIDELINES",
    show_envvar=True,
    help="Use this guidelines file instead of the packaged one.",
)
JOURNAL_DIR = click.option(
    "--journal-dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="FOLDER",
    help="Use this journal folder (default: PEERSUP_HOME, your config, or the usual one).",
)
FRAMEWORK = click.option(
    "--framework",
    "-f",
    metavar="ID",
    help="The framework to use (see `peersup frameworks`; default: your configured one, "
    "else ma-accs-2022).",
)
ROLE = click.option(
    "--role",
    "-r",
    metavar="ROLE",
    help="A role: peer-supporter or supervisor.",
)
VALUES = click.option(
    "--values",
    metavar="LIST",
    help="Only these values, by number, id or word: e.g. 1,3,hope (default: all).",
)
JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON only (for scripts).")
FORCE = click.option("--force", is_flag=True, help="Replace the output file if it already exists.")
OUTPUT = click.option(
    "--output",
    "-o",
    "target",  # not "output", which would hide the output module inside a command
    type=click.Path(dir_okay=True, path_type=Path),
    metavar="FILE",
    help="Write to this file instead of the screen.",
)
SINCE = click.option("--since", metavar="DATE", help="From this date on (YYYY-MM-DD).")
UNTIL = click.option(
    "--until", metavar="DATE", help="Up to and including this date (YYYY-MM-DD)."
)
VALUE = click.option(
    "--value", metavar="VALUE", help="Only journals covering this value (id or word)."
)
SUPERVISEE = click.option(
    "--supervisee", metavar="NAME", help="Only supervision preps for this person."
)
FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="md",
    show_default=True,
    help="Output format: md (Markdown), html or pdf; html and pdf need -o FILE.",
)
PAPER = click.option(
    "--paper",
    type=click.Choice(PAPERS),
    default="a4",
    show_default=True,
    help="Paper size for html and pdf.",
)

# reflect and prep
FOCUS = click.option(
    "--focus",
    type=click.IntRange(min=1),
    metavar="NUMBER",
    help="A short session: the NUMBER values reflected on least recently.",
)
ANSWERS = click.option(
    "--answers",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Answer from a YAML or JSON file instead of prompts.",
)
RESUME = click.option(
    "--resume", is_flag=True, help="Carry on with the newest unfinished session."
)
NO_HISTORY = click.option(
    "--no-history", is_flag=True, help="Do not show what you said last time for each value."
)

# -- arguments ----------------------------------------------------------------------------------
REF_HELP = "A number from `journal list`, `latest`, a date (2026-11-22), or a journal file."


def ref_argument(name: str = "ref", metavar: str = "REF", help: str = REF_HELP) -> Decorator:
    """A journal reference, as ``journal show`` and ``export journal`` take it."""
    return click.argument(name, metavar=metavar, cls=HelpArgument, help=help)
