"""The one input point, as data: what the engine asks, what comes back, and what it shows.

The engine never touches the terminal. It hands a ``Question`` to an ``InputPort`` and gets a
``Reply`` back (an answer's raw text, or a command such as BACK); it hands display ``Block``s to
the same port. ``terminal.TerminalPort`` implements the port with real prompts,
``answers_file.AnswersPort`` from an ``--answers`` file, and the tests with a scripted fake that
fails on any question it did not expect.

A port may raise ``errors.SessionStopped`` from ``ask`` (or a signal handler may raise it while
``ask`` waits): the engine then ends the session as if the person had typed ``:q``, and every
answer, and every line of the answer being typed, is kept.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..history.lookback import LastTime


class Kind(enum.Enum):
    ITEMS = "items"  # guideline numbers, e.g. "1 3"
    RATING = "rating"  # one point of the rating scale
    TEXT = "text"  # free text, may span several lines
    LIST = "list"  # several single-line entries, one per line (topics, questions)
    CHOICE = "choice"  # one of a few keyed choices
    COUNT = "count"  # how many (of the values offered in turn)


class Command(enum.Enum):
    SKIP = "skip"  # Enter alone
    BACK = "back"  # :b
    HELP = "help"  # :h or ?
    STOP = "stop"  # :q  save what there is and stop
    MORE = "more"  # :m  the value's full description
    CLEAR = "clear"  # :clear  empty the earlier answer and go on


# What a person types for each command. A command is a whole line on its own, starting with ":"
# (or a lone "?"), so no answer can be taken for one; it works on any line of an answer. Any
# other ``:word`` line is questioned by the port (``unknown_key``), never taken silently.
COMMAND_KEYS: dict[str, Command] = {
    ":b": Command.BACK,
    ":back": Command.BACK,
    ":h": Command.HELP,
    ":help": Command.HELP,
    "?": Command.HELP,
    ":q": Command.STOP,
    ":quit": Command.STOP,
    ":m": Command.MORE,
    ":more": Command.MORE,
    ":clear": Command.CLEAR,
}
EDITOR_KEY = ":e"
_KEY_WORD = re.compile(r":[A-Za-z]+")


def unknown_key(line: str) -> str | None:
    """The ``:word`` on ``line`` when it looks like a key peersup does not have (``:x``,
    ``:wq``), else None. A colon with anything but letters after it (``:)``) is plain text."""
    word = line.strip()
    if not _KEY_WORD.fullmatch(word):
        return None
    if word.lower() in COMMAND_KEYS or word.lower() == EDITOR_KEY:
        return None
    return word


@dataclass(frozen=True)
class Choice:
    key: str  # what to type: "1", "2" ...
    label: str
    description: str = ""


@dataclass(frozen=True)
class Question:
    id: str  # stable: "voluntary.practiced", "voluntary.rating", "voluntary.answer.1", ...
    kind: Kind
    text: str
    hint: str = ""  # how to answer, one short line
    choices: tuple[Choice, ...] = ()
    can_go_back: bool = True
    # The earlier answer, shown as text, when the person comes back to a question they answered.
    current: str | None = None
    # The lines of this answer typed before a key such as :h interrupted it: the port shows them
    # and goes on reading the answer where it stopped.
    continuing: str | None = None
    # For a multi-line answer: a port calls this with the whole text entered so far each time a
    # line is entered (before the closing empty line), so the engine can save it to the draft at
    # once and a killed session loses no finished line. Ports that read an answer in one go (an
    # answers file, an editor) need not call it.
    on_line: Callable[[str], None] | None = field(default=None, compare=False, repr=False)

    @property
    def multiline(self) -> bool:
        return self.kind in (Kind.TEXT, Kind.LIST)


@dataclass(frozen=True)
class Reply:
    text: str | None = None
    command: Command | None = None
    # With a command typed on a later line of an answer: the lines typed before it.
    typed: str | None = None

    @classmethod
    def answer(cls, text: str) -> Reply:
        return cls(text=text)

    @classmethod
    def of(cls, command: Command) -> Reply:
        return cls(command=command)


def parse_line(line: str) -> Reply:
    """A typed first line as a reply: a command if the whole line is one, else an answer."""
    stripped = line.strip()
    if not stripped:
        return Reply.of(Command.SKIP)
    command = COMMAND_KEYS.get(stripped.lower())
    if command is not None:
        return Reply.of(command)
    return Reply.answer(line)


# -- display blocks: data the port renders ------------------------------------------------------
@dataclass(frozen=True)
class Notice:
    text: str


@dataclass(frozen=True)
class Problem:
    """A bad answer; the question is asked again right after."""

    text: str


@dataclass(frozen=True)
class HelpBlock:
    lines: tuple[str, ...]
    # (term, meaning) for the words of the value being asked about that the glossary explains.
    terms: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ValueHeader:
    position: int  # 1-based place in this session
    total: int
    number: int
    title: str
    practice: str
    summary: str
    has_more: bool
    guidelines_heading: str
    items: tuple[str, ...]
    last_time: LastTime | None = None
    # Numbers (from 1) of the items that set the scene rather than name a practice: shown, but
    # never offered for ticking.
    context: tuple[int, ...] = ()
    # One line under the title from the session's kind (a prep with a share file: what the
    # supervisee said about this value), or "".
    aside: str = ""


@dataclass(frozen=True)
class MoreText:
    """Everything about a value (``:m``): the whole description, every guideline in full, and
    what the words the glossary knows mean."""

    title: str
    text: str
    items: tuple[str, ...] = ()
    context: tuple[int, ...] = ()
    terms: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Section:
    """A plain heading between parts of the session (e.g. 'Before you finish')."""

    title: str
    text: str = ""


@dataclass(frozen=True)
class ItemList:
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    strengths: tuple[str, ...]
    practiced: str
    growing: tuple[str, ...]
    saved_to: str
    closing: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TheirView:
    """What a supervisee said about one value in the self-evaluation they shared, shown before
    the supervisor's own questions about it (``prep NAME --with FILE``)."""

    heading: str  # "What Alex said about 2. Peer Supporters Are Hopeful"
    rating: str  # "Rated 4 — A strength I could help others with", or ""
    ticked: tuple[str, ...]  # the guidelines they ticked as practised, in their own words
    answers: tuple[tuple[str, str], ...]  # (their question, their answer), answered ones only
    whole: str  # how to read all of it: "peersup journal show 2026-12-03-share-alex.md"


Block = (Notice | Problem | HelpBlock | ValueHeader | MoreText | Section | ItemList | Summary
         | TheirView)


class InputPort(Protocol):
    def ask(self, question: Question) -> Reply:
        """Ask one question; return the answer's raw text or a command."""
        ...

    def show(self, block: Block) -> None:
        """Show one block of information."""
        ...
