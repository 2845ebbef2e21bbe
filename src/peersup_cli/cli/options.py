"""Every option and argument more than one command takes, declared once with one help text.

Each name is a decorator (``@options.JSON``); click makes a fresh parameter each time one is
applied, so sharing them is safe. Metavars are plain words (FOLDER, FILE, DATE, NUMBER, ...)
rather than type names, since most people reading ``--help`` are not programmers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import messages as msg
from .base import HelpArgument

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    _Type = click.ParamType[Any, Any]  # generic from click 8.2 (typed), plain before
else:
    _Type = click.ParamType

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

FORMATS = ("md", "html", "pdf")
PAPERS = ("a4", "letter")


# -- types: plain words in --help, one plain sentence when what is typed does not fit ----------
class Number(_Type):
    """A whole number of ``low`` or more."""

    name = "number"

    def __init__(self, low: int = 0) -> None:
        self.low = low

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= self.low:
            return value
        try:
            number = int(str(value).strip())
        except ValueError:
            number = self.low - 1
        if number < self.low:
            self.fail(msg.TAKES_NUMBER.format(low=self.low, value=_shown(value)), param, ctx)
        return number


class Word(_Type):
    """One of a few fixed words, matched like everything else (``PDF``, ``h`` for html)."""

    name = "word"

    def __init__(self, choices: tuple[str, ...], aliases: dict[str, str] | None = None) -> None:
        self.choices = choices
        self.aliases = aliases or {}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from .. import matching

        text = str(value)
        options = [
            matching.Candidate(c, tuple(a for a, to in self.aliases.items() if to == c))
            for c in self.choices
        ]
        try:
            return matching.pick(text, options)
        except (matching.NoMatch, matching.Ambiguous) as exc:
            hint = matching.did_you_mean(getattr(exc, "suggestions", []))
            words = matching.or_list(self.choices)
            self.fail(msg.TAKES_ONE_OF.format(choices=words, value=_shown(text)) + hint, param, ctx)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        return [CompletionItem(c) for c in self.choices if c.startswith(incomplete.lower())]


class Place(click.Path):
    """A file or a folder, refused in a plain sentence when it is the other kind."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            shown = _shown(value)
            problem = msg.TAKES_FILE if self.dir_okay is False else msg.TAKES_FOLDER
            self.fail(problem.format(value=shown), param, ctx)


class Named(_Type):
    """A role or framework from the guidelines in use, read the way ``matching`` reads it
    (``Supervisor``, ``super``, ``-f naps``). A word that fits nothing goes through as typed,
    so the command says what would fit, with a "did you mean"."""

    name = "name"

    def __init__(self, kind: str, extra: tuple[str, ...] = ()) -> None:
        self.kind = kind  # "role" or "framework"
        self.extra = extra  # words that mean something more here (``both``)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from .. import matching
        from ..errors import PeersupError

        text = str(value).strip()
        try:
            return matching.pick(text, [*self._candidates(), *matching.candidates(self.extra)])
        except (PeersupError, LookupError, OSError):
            return text

    def _candidates(self) -> list[Any]:
        from ..guidelines import lookup
        from .common import load_guidelines

        guidelines = load_guidelines()
        if self.kind == "framework":
            return lookup.framework_candidates(guidelines)
        roles = sorted({r for fw in guidelines.frameworks for r in fw.role_ids})
        return lookup.role_candidates(roles)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        from . import completion

        found = completion.roles(ctx) if self.kind == "role" else completion.frameworks(ctx)
        return completion.items([*found, *((e, "") for e in self.extra)], incomplete)


def _shown(value: object) -> str:
    text = str(value)
    return text if text and text.strip() == text and " " not in text else repr(text)


def complete(kind: str) -> Callable[[click.Context, click.Parameter, str], list[Any]]:
    """A shell-completion callback for ``kind`` ("values", "refs"), loaded only when used."""

    def run(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from . import completion

        return completion.complete(kind, ctx, incomplete)

    return run


# -- options ------------------------------------------------------------------------------------
GUIDELINES = click.option(
    "--guidelines",
    type=Place(dir_okay=False, path_type=Path),
    metavar="FILE",
    envvar="PEERSUP_GUIDELINES",
    help="Use your own guidelines file instead of the one peersup comes with "
    "(or set PEERSUP_GUIDELINES to it).",
)
JOURNAL_DIR = click.option(
    "--journal-dir",
    type=Place(file_okay=False, path_type=Path),
    metavar="FOLDER",
    help="Use the journals in this folder this time (to change it for good, set "
    "PEERSUP_HOME or `peersup config set journal_dir FOLDER`).",
)
FRAMEWORK = click.option(
    "--framework",
    "-f",
    type=Named("framework"),
    metavar="NAME",
    help="The framework to use: ma-accs-2022 unless your settings say otherwise, or another "
    "from `peersup frameworks`, such as naps-2019.",
)
ROLE_HELP = "Your role: peer-supporter or supervisor (the start is enough: -r peer)."
ROLE = click.option("--role", "-r", type=Named("role"), metavar="ROLE", help=ROLE_HELP)
ROLE_OR_BOTH = click.option(
    "--role",
    "-r",
    type=Named("role", extra=("both",)),
    metavar="ROLE",
    help="peer-supporter, supervisor or both (default: your setting, else both).",
)
VALUES = click.option(
    "--values",
    metavar="LIST",
    shell_complete=complete("values"),
    help="Only these values, by number, id or word, such as 1,3,hope.",
)
JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON only (for scripts).")
FORCE = click.option("--force", is_flag=True, help="Replace the file if it is already there.")


def output_option(help: str = "Write to this file instead of the screen.") -> Decorator:
    """``-o FILE``, with the help a command needs (share writes a file whatever it is told)."""
    return click.option(
        "--output",
        "-o",
        "target",  # not "output", which would hide the output module inside a command
        type=Place(dir_okay=True, path_type=Path),
        metavar="FILE",
        help=help,
    )


OUTPUT = output_option()
SINCE = click.option("--since", metavar="DATE", help="From this date on (YYYY-MM-DD).")
UNTIL = click.option(
    "--until", metavar="DATE", help="Up to and including this date (YYYY-MM-DD)."
)
VALUE = click.option(
    "--value",
    metavar="VALUE",
    shell_complete=complete("values"),
    help="Only journals covering this value: its number, id or a word (such as hope).",
)
KINDS = ("reflect", "prep", "record", "share")
KIND = click.option(
    "--kind",
    type=Word(KINDS, {"reflection": "reflect", "shared": "share"}),
    metavar="KIND",
    help="Only journals of this kind: reflect, prep, record (of a supervision session) or share "
    "(a self-evaluation someone shared).",
)
SUPERVISEE = click.option(
    "--supervisee", metavar="NAME",
    help="Only journals about this person: preps, records and self-evaluations kept for them.",
)
FORMAT = click.option(
    "--format",
    "fmt",
    type=Word(FORMATS, {"markdown": "md", "htm": "html"}),
    default="md",
    metavar="FORMAT",
    help="md (Markdown, the default), html or pdf; html and pdf need -o FILE.",
)
PAPER = click.option(
    "--paper",
    type=Word(PAPERS),
    default="a4",
    metavar="SIZE",
    help="Paper size for html and pdf: a4 (the default) or letter.",
)
LIMIT = click.option(
    "--limit",
    "-n",
    type=Number(0),
    default=0,
    metavar="NUMBER",
    help="Show only the newest NUMBER journals (0, the default, shows all).",
)

# reflect and prep
ALL_VALUES = click.option(
    "--all", "every", is_flag=True, help="Every value, not just the few next in turn."
)
FOCUS = click.option(
    "--focus",
    type=Number(1),
    metavar="NUMBER",
    help="A short session: the NUMBER values you reflected on least recently.",
)
ANSWERS = click.option(
    "--answers",
    type=Place(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Answer from a YAML or JSON file instead of typing at the prompts.",
)
RESUME = click.option(
    "--resume", is_flag=True,
    help="Carry on with your newest unfinished session of this kind (`peersup drafts` lists "
    "them).",
)
NO_HISTORY = click.option(
    "--no-history", is_flag=True, help="Do not show what you said last time for each value."
)

# -- arguments ----------------------------------------------------------------------------------
REF_HELP = "A number from `journal list`, `latest`, a date (2026-11-22), or a journal file."


def ref_argument(name: str = "ref", metavar: str = "REF", help: str = REF_HELP) -> Decorator:
    """A journal reference, as ``journal show`` and ``export journal`` take it."""
    return click.argument(
        name, metavar=metavar, cls=HelpArgument, help=help, shell_complete=complete("refs")
    )


def session_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """What reflect and prep both take, in the order their help lists it."""
    for option in reversed((FRAMEWORK, VALUES, ALL_VALUES, FOCUS, JOURNAL_DIR, ANSWERS, RESUME)):
        command = option(command)
    return command
