"""Which values a new session covers: chosen outright (--values, --all, --focus, an answers
file's values, the session_size setting) or offered in turn, so every value gets its time.

A value's turn comes from when this kind of session (for a prep: for this supervisee) last
reflected on it; a value skipped through does not count as reflected on, so it keeps its turn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..guidelines.lookup import find_values
from ..guidelines.model import Framework, Value
from ..history.lookback import LastTime, Lookback
from .plan import KIND_PREP, KIND_REFLECT, LastPlan

# How many values a reflection takes when nothing says otherwise: a session people finish.
DEFAULT_SIZE = 3


def in_turn(values: list[Value], last: dict[str, datetime]) -> list[Value]:
    """``values`` in the order they come in turn: never reflected on first, then the least
    recently, ties in the framework's order. A value skipped through does not count as
    reflected on (``last`` only holds values answered, ticked or rated)."""
    def key(pair: tuple[int, Value]) -> tuple[int, float, int]:
        index, value = pair
        when = last.get(value.id)
        return (0, 0.0, index) if when is None else (1, when.timestamp(), index)

    return [value for _, value in sorted(enumerate(values), key=key)]


def choose_focus(values: list[Value], last: dict[str, datetime], count: int) -> list[Value]:
    """The ``count`` values reflected on least recently (never counts as oldest), in order."""
    picked = in_turn(values, last)[: max(count, 0)]
    return [v for v in values if v in picked]


@dataclass
class Selection:
    """The values a new session covers, and what it looks back on."""

    values: list[Value]  # always covered
    in_turn: list[Value] = field(default_factory=list)  # offered in turn, with a "how many"
    size: int = 0  # how many of them when that question is skipped
    history: dict[str, LastTime] = field(default_factory=dict)
    last_plan: LastPlan | None = None


def select(
    framework: Framework,
    *,
    kind: str,
    role: str,
    lookback: Lookback,
    supervisee: str | None = None,
    spec: str | None = None,
    focus: int | None = None,
    every: bool = False,
    default_ids: list[str] | None = None,
    size: int | None = None,
    history: bool = True,
    offer: list[Value] | None = None,
) -> Selection:
    """What a new session covers. ``spec`` (--values), ``default_ids`` (an answers file's
    values), ``every`` (--all) and ``focus`` (--focus) choose values outright; ``size`` (the
    session_size setting, 0 for every value) takes that many in turn. Otherwise a reflection
    asks how many to take (``DEFAULT_SIZE`` on Enter) and a prep whether to take any; a prep
    with a share file offers ``offer`` (the values it holds) instead of the values in turn.

    One look back serves all of it: what this kind of session (for this supervisee) said about
    each value last time, which gives the turn order, the "Last time" lines and the last plan.
    """
    everything = list(framework.values)
    scope = supervisee if kind == KIND_PREP else None
    times = lookback.last_times(role, values=[v.id for v in everything], kind=kind,
                                supervisee=scope)
    order = in_turn(everything, {vid: t.date for vid, t in times.items()})
    chosen: Selection
    if spec:
        chosen = Selection(find_values(framework, spec))
    elif default_ids:
        wanted = set(default_ids)
        chosen = Selection([v for v in everything if v.id in wanted])
    elif every or size == 0:
        chosen = Selection(everything)
    elif focus is not None:
        chosen = Selection(choose_focus(everything, {k: t.date for k, t in times.items()}, focus))
    elif size is not None:
        chosen = Selection([v for v in everything if v in order[:size]])
    elif kind == KIND_REFLECT:
        chosen = Selection([], order, DEFAULT_SIZE)
    else:
        chosen = Selection([], order if offer is None else list(offer), 0)
    if history:
        chosen.history = times
        newest = max(times.values(), key=lambda t: t.date, default=None)
        if kind != KIND_PREP and newest is not None and (newest.action_plan or "").strip():
            chosen.last_plan = LastPlan(newest.date, newest.action_plan or "")
    return chosen
