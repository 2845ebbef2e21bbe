"""What a session covers: the plan made before the first question, and the steps it asks.

A session is a flat list of steps; which steps, in which order and with which words is up to its
kind (``kinds``: a reflection, a prep). Step ids are the keys of a session's answers, in drafts
too. An answer may change the steps after it (how many of the values offered in turn to take),
so the steps are built from the plan *and* the answers so far, again after every answer; the
steps before the one answered never change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from ..guidelines.model import Framework, Value
from ..history.lookback import LastTime
from ..journal.model import KIND_RECORD, Journal, ValueReflection
from .answers import COUNT_STEP, PICK_STEP
from .port import Block, Choice, Kind

KIND_REFLECT = "reflect"
KIND_PREP = "prep"
# Every kind a draft may name, and those that are about one supervisee.
KINDS = (KIND_REFLECT, KIND_PREP, KIND_RECORD)
ABOUT_SOMEONE = (KIND_PREP, KIND_RECORD)
CARRY, DONE, DROP = "carry", "done", "drop"

Answers = dict[str, Any]


@dataclass(frozen=True)
class LastPlan:
    """The action plan of the newest session of this kind, shown once at the start."""

    date: datetime
    text: str


@dataclass
class Plan:
    """Everything a session needs to know before the first question."""

    kind: str
    role: str
    framework: Framework
    values: list[Value]  # the values always covered (chosen with --values, --all, --focus ...)
    supervisee: str | None = None
    carry_items: list[str] = field(default_factory=list)  # open items from the last prep
    carry_date: datetime | None = None
    history: dict[str, LastTime] = field(default_factory=dict)  # value id -> last time
    # Answers from an earlier save for values these guidelines no longer have (or whose
    # questions changed): never asked again, carried into the journal exactly as they were.
    kept: list[ValueReflection] = field(default_factory=list)
    # The values offered in turn, least recently reflected on first: a question asks how many
    # of them to take (``size`` when it is skipped). Empty when the values are already chosen.
    in_turn: list[Value] = field(default_factory=list)
    size: int = 0
    last_plan: LastPlan | None = None
    # Where ``carry_items`` come from: the last prep, or a supervision record made since it.
    carry_from: str = KIND_PREP
    # A prep made with the supervisee's shared self-evaluation (``prep NAME --with FILE``): the
    # copy kept in the journal folder (its file name) and what it holds. ``in_turn`` then holds
    # the values it shares that the supervisor's framework has, offered to pick by number.
    share: Journal | None = None
    share_name: str | None = None
    # The day that words such as "yesterday" or "next Tuesday" count from (None: today).
    today: date | None = None


class Parsed(NamedTuple):
    """An answer as a kind reads it (``Step.parse``): the value to keep, or the problem that
    asks again; and blocks that say how it was understood, shown once it is kept."""

    value: Any
    problem: str | None = None
    shown: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Step:
    id: str
    kind: Kind
    section: str  # a value id, or a part of the session ("carry", "agenda", "finish" ...)
    value: Value | None = None
    index: int = 0  # the prompt number (1-based)
    text: str = ""  # the question
    hint: str = ""  # how to answer, one short line
    choices: tuple[Choice, ...] = ()
    low: int = 0  # ITEMS and COUNT: the numbers that can be typed
    high: int = 0
    # ITEMS: numbers shown but not to be chosen (a context item, an item already marked done),
    # and the sentence that says why (with ``{number}``).
    unavailable: tuple[int, ...] = ()
    unavailable_why: str = ""
    noun: str = "guideline"  # ITEMS: what the numbers count, in a sentence about a bad one
    # The kind's own reading of a typed answer (a date, a length, who will do what); without
    # it the engine reads the answer by its ``kind``.
    parse: Callable[[str], Parsed] | None = field(default=None, compare=False)
    # Blocks shown on arriving at this step (not again when it is asked again after a problem).
    before: tuple[Block, ...] = ()


def taken(plan: Plan, answers: Answers) -> int:
    """How many of the values in turn this session takes."""
    if not plan.in_turn:
        return 0
    count = answers.get(COUNT_STEP)
    number = count if isinstance(count, int) and not isinstance(count, bool) else plan.size
    return max(0, min(number, len(plan.in_turn)))


def chosen_values(plan: Plan, answers: Answers) -> list[Value]:
    """Every value this session covers: the chosen ones, then those taken in turn, or picked
    by number from those offered (in the framework's order, as people know them)."""
    numbers = answers.get(PICK_STEP)
    if isinstance(numbers, list):
        offered = [plan.in_turn[n - 1] for n in numbers
                   if isinstance(n, int) and 0 < n <= len(plan.in_turn)]
    else:
        offered = plan.in_turn[: taken(plan, answers)]
    picked = sorted(offered, key=plan.framework.values.index)
    return plan.values + [v for v in picked if v not in plan.values]
