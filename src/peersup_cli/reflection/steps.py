"""The steps every kind of session shares: a value's questions, how many values to take in turn,
and a text or list question. Each kind (``reflect_kind``, ``prep_kind``) puts them in its order.
"""

from __future__ import annotations

from .. import messages as msg
from ..guidelines.model import Value
from .answers import COUNT_STEP
from .plan import Plan, Step
from .port import Choice, Kind


def value_steps(plan: Plan, value: Value) -> list[Step]:
    """Which guidelines were practised (when the role has any to tick), the rating, and each
    reflective prompt of ``value``."""
    role = plan.role
    steps: list[Step] = []
    items = value.items(role)
    if any(not item.context for item in items):
        steps.append(Step(
            f"{value.id}.practiced", Kind.ITEMS, value.id, value,
            text=msg.ASK_PRACTICED, hint=msg.ASK_PRACTICED_HINT, low=1, high=len(items),
            unavailable=tuple(item.number for item in items if item.context),
            unavailable_why=msg.NOT_FOR_TICKING,
        ))
    scale = plan.framework.rating_scale
    steps.append(Step(
        f"{value.id}.rating", Kind.RATING, value.id, value,
        text=msg.ASK_RATING.format(title=value.title),
        hint=msg.ASK_RATING_HINT.format(low=scale[0].number, high=scale[-1].number),
        choices=tuple(Choice(str(p.number), p.label, p.description) for p in scale),
    ))
    for n, prompt in enumerate(value.prompts.get(role, ()), start=1):
        steps.append(Step(f"{value.id}.answer.{n}", Kind.TEXT, value.id, value, n,
                          text=prompt, hint=msg.TEXT_HINT))
    return steps


def count_step(plan: Plan, *, section: str, text: str, hint: str, low: int) -> Step:
    """How many of the values in turn to take (Enter: ``plan.size``)."""
    return Step(COUNT_STEP, Kind.COUNT, section, text=text, hint=hint, low=low,
                high=len(plan.in_turn))


def text_step(step_id: str, section: str, text: str, *, listed: bool = False) -> Step:
    """A free-text question, or (``listed``) one entry per line."""
    if listed:
        return Step(step_id, Kind.LIST, section, text=text, hint=msg.LIST_HINT)
    return Step(step_id, Kind.TEXT, section, text=text, hint=msg.TEXT_HINT)


def next_in_turn(plan: Plan, count: int) -> str:
    """The next ``count`` values in turn, as people know them: "4. Respectful, 5. Mutual"."""
    picked = sorted(plan.in_turn[:count], key=plan.framework.values.index)
    return ", ".join(f"{v.number}. {v.title}" for v in picked)
