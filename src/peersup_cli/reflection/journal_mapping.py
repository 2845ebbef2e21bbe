"""Session answers to a journal and back: the journal a session saves, and the answers that
resume a partial journal whose draft is gone."""

from __future__ import annotations

from datetime import datetime

from ..guidelines.model import Value
from ..journal.model import STATUS_PARTIAL, Agenda, GuidelineItem, Journal, ValueReflection
from .plan import CARRY, DONE, DROP, KIND_PREP, Answers, Plan, build_steps


def reached(plan: Plan, answers: Answers, value: Value) -> bool:
    prefix = f"{value.id}."
    return any(key.startswith(prefix) for key in answers)


def to_journal(
    plan: Plan, answers: Answers, *, status: str, date: datetime, version: str
) -> Journal:
    """The journal for a session: every planned value when complete, those reached when not."""
    fw = plan.framework
    reflections: list[ValueReflection] = []
    for value in plan.values:
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
                answers=[answers.get(f"{value.id}.answer.{n}") for n in range(1, len(prompts) + 1)],
            )
        )
    agenda = None
    if plan.kind == KIND_PREP:
        agenda = Agenda()
        for n, item in enumerate(plan.carry_items, start=1):
            choice = answers.get(f"carry.{n}")
            if choice == DONE:
                agenda.done.append(item)
            elif choice != DROP:  # unanswered items carry over: nothing open is lost
                agenda.carried.append(item)
        agenda.topics = list(answers.get("topics") or [])
        agenda.questions = list(answers.get("questions") or [])
    return Journal(
        date=date,
        role=plan.role,
        framework=fw.id,
        reflections=reflections,
        status=status,
        peersup_version=version,
        supervisee=plan.supervisee,
        framework_title=fw.title,
        role_label=fw.role_label(plan.role),
        action_plan=answers.get("action_plan"),
        support=answers.get("support"),
        agenda=agenda,
        planned=[v.id for v in plan.values] if status == STATUS_PARTIAL else [],
    )


def answers_from_journal(plan: Plan, journal: Journal) -> tuple[Answers, int]:
    """Answers and position to resume a partial journal that has no draft any more.

    Values in the journal count as done (their blanks were skips or not reached; the journal
    cannot tell which), so the session carries on at the first value not yet in it.
    """
    answers: Answers = {}
    # The plan's carry-over items were rebuilt from this journal: its done items, then the rest.
    done = len(journal.agenda.done) if journal.agenda else 0
    for n, _item in enumerate(plan.carry_items, start=1):
        answers[f"carry.{n}"] = DONE if n <= done else CARRY
    for r in journal.reflections:
        value = plan.framework.value(r.value_id)
        if value is None or value not in plan.values:
            continue
        if value.guidelines.get(plan.role):
            answers[f"{r.value_id}.practiced"] = r.practiced
        answers[f"{r.value_id}.rating"] = r.rating
        for n in range(1, len(value.prompts.get(plan.role, ())) + 1):
            answers[f"{r.value_id}.answer.{n}"] = r.answers[n - 1] if n <= len(r.answers) else None
    if journal.agenda is not None:
        if journal.agenda.topics:
            answers["topics"] = list(journal.agenda.topics)
        if journal.agenda.questions:
            answers["questions"] = list(journal.agenda.questions)
    for key in ("action_plan", "support"):
        if getattr(journal, key) is not None:
            answers[key] = getattr(journal, key)
    steps = build_steps(plan)
    position = next((i for i, s in enumerate(steps) if s.id not in answers), len(steps))
    return answers, position
