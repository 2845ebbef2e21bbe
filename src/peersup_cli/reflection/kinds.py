"""The kinds of session, each in a module of its own, and the one place that looks them up.

A kind says which steps a session asks and in which order (``steps``), what to show on entering
a part of the session that is not a value (``sections``), what to say once at the start
(``intro``), which parts of the journal its own answers fill (``fill``) and how a partial
journal gives those answers back (``unfill``), and how answers saved by an older peersup map
onto its steps (``upgrade``). The engine, drafts, resuming and the journal mapping know nothing
else about a kind, so a new one (a supervision record: ``record_kind``) is a new module and a
line below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..guidelines.model import Value
from ..journal.model import Journal
from .plan import Answers, Plan, Step
from .port import Block


def _same(plan: Plan, answers: Answers) -> Answers:
    return answers


def _nothing(plan: Plan) -> list[Block]:
    return []


def _no_aside(plan: Plan, value: Value) -> str:
    return ""


@dataclass(frozen=True)
class SessionKind:
    name: str
    steps: Callable[[Plan, Answers], list[Step]]
    sections: Callable[[Plan, str, Answers], list[Block]]
    fill: Callable[[Journal, Plan, Answers], None]
    unfill: Callable[[Plan, Journal, Answers], None]
    upgrade: Callable[[Plan, Answers], Answers] = _same
    intro: Callable[[Plan], list[Block]] = _nothing
    # One line shown under a value's title (a prep with a share file: what the supervisee said).
    aside: Callable[[Plan, Value], str] = _no_aside


def kind_of(plan: Plan) -> SessionKind:
    from . import prep_kind, record_kind, reflect_kind

    kinds = (reflect_kind.KIND, prep_kind.KIND, record_kind.KIND)
    found = {k.name: k for k in kinds}.get(plan.kind)
    if found is None:
        raise ValueError(f"no session kind {plan.kind!r}")
    return found


def build_steps(plan: Plan, answers: Answers | None = None) -> list[Step]:
    """The steps of ``plan`` as they stand with ``answers`` given so far."""
    return kind_of(plan).steps(plan, answers or {})
