"""A prep for supervision with one person, starting from the agenda: what is open from last
time (done, carried over or dropped), topics, questions, what the supervisor wants to offer or
check on, then (if asked for) one or two values to prepare with. With the supervisee's shared
self-evaluation (``with_share``), the values offered are the ones it holds, each shown with
what the supervisee said, and the agenda gains a few lines from it.

What to offer or check on is kept as the prep's action plan: it is the supervisor's plan for
the session, and like every action plan it comes back as open items in the next prep.
"""

from __future__ import annotations

from dataclasses import replace

from .. import messages as msg
from ..guidelines.model import Value
from ..journal.model import KIND_RECORD, Agenda, Journal
from . import with_share
from .answers import PICK_STEP, given, items
from .kinds import SessionKind
from .plan import DONE, DROP, Answers, Plan, Step, chosen_values
from .port import Block, ItemList, Kind, Notice, Section
from .steps import count_step, next_in_turn, text_step, value_steps

CARRY_PART, AGENDA_PART, VALUES_PART = "carry", "agenda", "values"


def steps(plan: Plan, answers: Answers) -> list[Step]:
    out: list[Step] = []
    count = len(plan.carry_items)
    if count:
        out.append(Step("carry.done", Kind.ITEMS, CARRY_PART, text=msg.ASK_DONE,
                        hint=msg.ASK_DONE_HINT, low=1, high=count, noun="item"))
        done = _numbers(answers.get("carry.done"))
        if len(done) < count:  # when every item is done, nothing is left to drop
            out.append(Step("carry.drop", Kind.ITEMS, CARRY_PART, text=msg.ASK_DROP,
                            hint=msg.ASK_DROP_HINT, low=1, high=count,
                            unavailable=tuple(done), unavailable_why=msg.ALREADY_DONE,
                            noun="item"))
    name = plan.supervisee or ""
    out.append(text_step("topics", AGENDA_PART, msg.ASK_TOPICS.format(name=name), listed=True))
    out.append(text_step("questions", AGENDA_PART, msg.ASK_QUESTIONS.format(name=name),
                         listed=True))
    out.append(text_step("offer", AGENDA_PART, msg.ASK_OFFER.format(name=name), listed=True))
    if plan.in_turn and plan.share is not None:
        out.append(Step(PICK_STEP, Kind.ITEMS, VALUES_PART, text=msg.ASK_PICK,
                        hint=msg.ASK_PICK_HINT, low=1, high=len(plan.in_turn), noun="value"))
    elif plan.in_turn:
        out.append(count_step(plan, section=VALUES_PART, low=0, text=msg.ASK_PREP_VALUES,
                              hint=msg.ASK_PREP_VALUES_HINT))
    for value in chosen_values(plan, answers):
        out += _with_their_view(plan, value_steps(plan, value))
    return out


def _with_their_view(plan: Plan, steps: list[Step]) -> list[Step]:
    """A value's steps, the supervisee's view of it shown before the first of the
    supervisor's own questions to answer in words (else before the rating)."""
    if plan.share is None or not steps or steps[0].value is None:
        return steps
    seen = with_share.view(plan.share, steps[0].value, plan.supervisee or "",
                           plan.share_name or "")
    if seen is None:
        return steps
    at = next((i for i, s in enumerate(steps) if s.kind is Kind.TEXT),
              next((i for i, s in enumerate(steps) if s.kind is Kind.RATING), 0))
    steps[at] = replace(steps[at], before=(seen,))
    return steps


def aside(plan: Plan, value: Value) -> str:
    return with_share.aside(plan.share, value, plan.supervisee or "")


def sections(plan: Plan, section: str, answers: Answers) -> list[Block]:
    name = plan.supervisee or ""
    if section == CARRY_PART:
        when = plan.carry_date.strftime("%d %B %Y") if plan.carry_date else "last time"
        title = msg.CARRY_SECTION_RECORD if plan.carry_from == KIND_RECORD else msg.CARRY_SECTION
        return [Section(title.format(name=name, date=when), msg.CARRY_SECTION_TEXT),
                ItemList("", tuple(plan.carry_items))]
    if section == AGENDA_PART:
        return [Section(msg.AGENDA_SECTION.format(name=name), msg.AGENDA_SECTION_TEXT)]
    if section == VALUES_PART and plan.share is not None:
        blocks: list[Block] = [
            Section(msg.PICK_SECTION.format(name=name), msg.PICK_SECTION_TEXT.format(name=name)),
            with_share.pick_rows(plan.share, plan.in_turn)]
        others = with_share.unmatched_line(plan.share, plan.framework)
        return blocks + ([Notice(others)] if others else [])
    if section == VALUES_PART:
        return [Section(msg.PREP_VALUES_SECTION,
                        msg.PREP_VALUES_TEXT.format(next=next_in_turn(plan, 2)))]
    return []


def fill(journal: Journal, plan: Plan, answers: Answers) -> None:
    agenda = Agenda()
    done = _numbers(answers.get("carry.done"))
    drop = _numbers(answers.get("carry.drop"))
    for n, item in enumerate(plan.carry_items, start=1):
        if n in done:
            agenda.done.append(item)
        elif n not in drop:  # unanswered items carry over: nothing open is lost
            agenda.carried.append(item)
    agenda.topics = list(given(answers, "topics") or [])
    agenda.questions = list(given(answers, "questions") or [])
    agenda.from_share = with_share.agenda_lines(plan.share)
    journal.agenda = agenda
    journal.with_share = plan.share_name
    offer = given(answers, "offer") or []
    journal.action_plan = "\n".join(offer) if offer else None
    # Only a prep begun before peersup stopped asking it has support wanted: kept, never lost.
    journal.support = given(answers, "support")


def unfill(plan: Plan, journal: Journal, answers: Answers) -> None:
    # The plan's carry-over items were rebuilt from this journal: its done items, then the rest.
    done = len(journal.agenda.done) if journal.agenda else 0
    if plan.carry_items:
        answers["carry.done"] = list(range(1, min(done, len(plan.carry_items)) + 1))
        if done < len(plan.carry_items):
            answers["carry.drop"] = []
    if journal.agenda is not None:
        for key in ("topics", "questions"):
            if getattr(journal.agenda, key):
                answers[key] = list(getattr(journal.agenda, key))
    if journal.action_plan is not None:
        answers["offer"] = items(journal.action_plan)
    if journal.support is not None:
        answers["support"] = journal.support


def upgrade(plan: Plan, answers: Answers) -> Answers:
    """Answers of a prep draft saved by peersup 0.1: one carry-over choice per item
    (``carry.N``) and an action plan, now the done and drop lists and what to offer."""
    out = dict(answers)
    choices = {k: out.pop(k) for k in list(out) if k.startswith("carry.")
               and k.split(".", 1)[1].isdigit()}
    if choices:
        picked: dict[str, list[int]] = {DONE: [], DROP: []}
        for key, choice in choices.items():
            if choice in picked:
                picked[choice].append(int(key.split(".", 1)[1]))
        out.setdefault("carry.done", sorted(picked[DONE]))
        out.setdefault("carry.drop", sorted(picked[DROP]))
    if "action_plan" in out and "offer" not in out:
        plan_text = out.pop("action_plan")
        out["offer"] = items(plan_text) if isinstance(plan_text, str) else None
    if "action_plan.partial" in out and "offer.partial" not in out:
        out["offer.partial"] = out.pop("action_plan.partial")
    return out


def _numbers(value: object) -> list[int]:
    return [n for n in value if isinstance(n, int)] if isinstance(value, list) else []


KIND = SessionKind("prep", steps, sections, fill, unfill, upgrade=upgrade, aside=aside)
