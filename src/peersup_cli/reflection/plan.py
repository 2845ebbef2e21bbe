"""What a session covers: the plan made before the first question, and the steps it asks.

A session is a flat list of steps; which steps, in which order and with which words is up to its
kind (``kinds``: a reflection, a prep). Step ids are the keys of a session's answers, in drafts
too. An answer may change the steps after it (how many of the values offered in turn to take),
so the steps are built from the plan *and* the answers so far, again after every answer; the
steps before the one answered never change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..guidelines.model import Framework, Value
from ..history.lookback import LastTime
from ..journal.model import ValueReflection
from .answers import COUNT_STEP
from .port import Choice, Kind

KIND_REFLECT = "reflect"
KIND_PREP = "prep"
# Every kind a draft may name, and those that are about one supervisee.
KINDS = (KIND_REFLECT, KIND_PREP)
ABOUT_SOMEONE = (KIND_PREP,)
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


def taken(plan: Plan, answers: Answers) -> int:
    """How many of the values in turn this session takes."""
    if not plan.in_turn:
        return 0
    count = answers.get(COUNT_STEP)
    number = count if isinstance(count, int) and not isinstance(count, bool) else plan.size
    return max(0, min(number, len(plan.in_turn)))


def chosen_values(plan: Plan, answers: Answers) -> list[Value]:
    """Every value this session covers: the chosen ones, then those taken in turn (in the
    framework's order, as people know them)."""
    picked = sorted(plan.in_turn[: taken(plan, answers)], key=plan.framework.values.index)
    return plan.values + [v for v in picked if v not in plan.values]
