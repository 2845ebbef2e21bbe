"""Session answers to a journal and back: the journal a session saves, and the answers that
resume a partial journal whose draft is gone."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .. import messages as msg
from ..guidelines.model import Framework, Value
from ..journal.model import STATUS_PARTIAL, GuidelineItem, Journal, ValueReflection
from .answers import given
from .kinds import build_steps, kind_of
from .plan import Answers, Plan, chosen_values

__all__ = ["answers_from_journal", "given", "to_journal", "value_text"]


def reached(plan: Plan, answers: Answers, value: Value) -> bool:
    prefix = f"{value.id}."
    return any(key.startswith(prefix) for key in answers)


def value_text(value: Value, role: str) -> str:
    """A value's own words for ``role`` (title, practice, description, items), to find the
    glossary terms it uses."""
    return "\n".join([value.title, value.practice, value.description,
                      *value.guidelines.get(role, ())])


def to_journal(
    plan: Plan, answers: Answers, *, status: str, date: datetime, version: str
) -> Journal:
    """The journal for a session: every value covered when complete, those reached when not."""
    fw = plan.framework
    values = chosen_values(plan, answers)
    reflections: list[ValueReflection] = []
    for value in values:
        if status == STATUS_PARTIAL and not reached(plan, answers, value):
            continue
        practiced = answers.get(f"{value.id}.practiced") or []
        rating = answers.get(f"{value.id}.rating")
        point = fw.rating(rating)
        prompts = list(value.prompts.get(plan.role, ()))
        reflections.append(
            ValueReflection(
                value_id=value.id,
                number=value.number,
                title=value.title,
                practice=value.practice,
                items=[
                    GuidelineItem(n, text, n in practiced)
                    for n, text in enumerate(value.guidelines.get(plan.role, ()), start=1)
                ],
                rating=rating,
                rating_label=point.label if point else None,
                prompts=prompts,
                answers=[given(answers, f"{value.id}.answer.{n}")
                         for n in range(1, len(prompts) + 1)],
            )
        )
    reflections += plan.kept
    journal = Journal(
        date=date,
        role=plan.role,
        framework=fw.id,
        reflections=reflections,
        status=status,
        peersup_version=version,
        supervisee=plan.supervisee,
        framework_title=fw.title,
        role_label=fw.role_label(plan.role),
        planned=(
            [v.id for v in values] + [r.value_id for r in plan.kept]
            if status == STATUS_PARTIAL else []
        ),
    )
    kind_of(plan).fill(journal, plan, answers)
    return journal


def answers_from_journal(plan: Plan, journal: Journal) -> tuple[Answers, int]:
    """Answers and position to resume a partial journal that has no draft any more.

    Values in the journal count as done (their blanks were skips or not reached; the journal
    cannot tell which), so the session carries on at the first value not yet in it.
    """
    answers: Answers = {}
    kept = {id(r) for r in plan.kept}
    for r in journal.reflections:
        value = plan.framework.value(r.value_id)
        if value is None or value not in plan.values or id(r) in kept:
            continue
        if value.guidelines.get(plan.role):
            answers[f"{r.value_id}.practiced"] = r.practiced
        answers[f"{r.value_id}.rating"] = r.rating
        for n in range(1, len(value.prompts.get(plan.role, ())) + 1):
            answers[f"{r.value_id}.answer.{n}"] = r.answers[n - 1] if n <= len(r.answers) else None
    kind_of(plan).unfill(plan, journal, answers)
    return answers, first_unanswered(plan, answers)


def first_unanswered(plan: Plan, answers: Answers) -> int:
    """Where a session with these answers carries on: its first step not answered yet."""
    steps = build_steps(plan, answers)
    return next((i for i, s in enumerate(steps) if s.id not in answers), len(steps))


def still_askable(framework: Framework, role: str, reflection: ValueReflection) -> bool:
    """Whether these guidelines can take ``reflection`` back as answers without losing any: the
    value exists and has at least as many prompts and items for the role as were answered."""
    value = framework.value(reflection.value_id)
    if value is None:
        return False
    prompts = len(value.prompts.get(role, ()))
    answered = [n for n, a in enumerate(reflection.answers, start=1) if a is not None]
    items = len(value.guidelines.get(role, ()))
    return all(n <= prompts for n in answered) and all(n <= items for n in reflection.practiced)


def kept_from_answers(
    framework: Framework, role: str, value_id: str, answers: Answers,
    snapshot: dict[str, Any] | None,
) -> ValueReflection | None:
    """A draft's answers for a value the guidelines no longer have (or with more prompts than
    they have now), as a section of its own, worded as the draft's ``snapshot`` remembers."""
    prefix = f"{value_id}."
    mine = {k[len(prefix):]: v for k, v in answers.items() if k.startswith(prefix)}
    if not mine:
        return None
    shot = snapshot or {}
    value = framework.value(value_id)
    prompts = [str(p) for p in shot.get("prompts") or []]
    if value is not None and not prompts:
        prompts = list(value.prompts.get(role, ()))
    numbers = sorted(
        int(k.split(".")[1]) for k in mine
        if k.startswith("answer.") and k.split(".")[1].isdigit()
    )
    count = max([len(prompts), *numbers]) if numbers else len(prompts)
    prompts += [msg.EARLIER_QUESTION.format(number=n) for n in range(len(prompts) + 1, count + 1)]
    items = [str(t) for t in shot.get("items") or []]
    if value is not None and not items:
        items = list(value.guidelines.get(role, ()))
    practiced = mine.get("practiced") or []
    items += [msg.EARLIER_QUESTION.format(number=n) for n in practiced if n > len(items)]
    rating = mine.get("rating")
    point = framework.rating(rating) if isinstance(rating, int) else None
    return ValueReflection(
        value_id=value_id,
        number=int(shot.get("number") or (value.number if value else 0)),
        title=str(shot.get("title") or (value.title if value else value_id)),
        practice=str(shot.get("practice") or (value.practice if value else "")),
        items=[GuidelineItem(n, t, n in practiced) for n, t in enumerate(items, start=1)],
        rating=rating,
        rating_label=point.label if point else None,
        prompts=prompts,
        answers=[given(mine, f"answer.{n}") for n in range(1, count + 1)],
    )
