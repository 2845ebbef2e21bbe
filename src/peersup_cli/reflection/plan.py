"""What a session covers: the plan made before the first question, and the flat list of steps.

A session is a flat list of steps (carry-over decisions for prep, then for each value: the items
practised, the rating and each reflective prompt; then topics and questions for prep; then the
action plan and the support wanted). Step ids are the keys of a session's answers, in drafts too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..guidelines.model import Framework, Value
from ..history.lookback import LastTime
from ..journal.model import ValueReflection
from .port import Kind

KIND_REFLECT = "reflect"
KIND_PREP = "prep"
CARRY, DONE, DROP = "carry", "done", "drop"

Answers = dict[str, Any]


@dataclass
class Plan:
    """Everything a session needs to know before the first question."""

    kind: str
    role: str
    framework: Framework
    values: list[Value]
    supervisee: str | None = None
    carry_items: list[str] = field(default_factory=list)  # open items from the last prep
    carry_date: datetime | None = None
    history: dict[str, LastTime] = field(default_factory=dict)  # value id -> last time
    # Answers from an earlier save for values these guidelines no longer have (or whose
    # questions changed): never asked again, carried into the journal exactly as they were.
    kept: list[ValueReflection] = field(default_factory=list)


@dataclass(frozen=True)
class Step:
    id: str
    kind: Kind
    section: str  # a value id, "carry", "agenda" or "finish": its header shows on entering
    value: Value | None = None
    index: int = 0  # the prompt number (1-based) or the carry-over item number


def build_steps(plan: Plan) -> list[Step]:
    steps: list[Step] = []
    for n, _item in enumerate(plan.carry_items, start=1):
        steps.append(Step(f"carry.{n}", Kind.CHOICE, "carry", index=n))
    for value in plan.values:
        if value.guidelines.get(plan.role):
            steps.append(Step(f"{value.id}.practiced", Kind.ITEMS, value.id, value))
        steps.append(Step(f"{value.id}.rating", Kind.RATING, value.id, value))
        for n, _prompt in enumerate(value.prompts.get(plan.role, ()), start=1):
            steps.append(Step(f"{value.id}.answer.{n}", Kind.TEXT, value.id, value, n))
    if plan.kind == KIND_PREP:
        steps.append(Step("topics", Kind.LIST, "agenda"))
        steps.append(Step("questions", Kind.LIST, "agenda"))
    steps.append(Step("action_plan", Kind.TEXT, "finish"))
    steps.append(Step("support", Kind.TEXT, "finish"))
    return steps
