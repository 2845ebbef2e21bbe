"""A reflection: how many values to take in turn (unless chosen already), each value's
questions, then the action plan and the support wanted from supervision."""

from __future__ import annotations

from .. import messages as msg
from ..journal.model import Journal
from .answers import as_sentences, given
from .kinds import SessionKind
from .plan import Answers, Plan, Step, chosen_values
from .port import Block, Notice, Section
from .steps import count_step, next_in_turn, text_step, value_steps

START, FINISH = "start", "finish"


def steps(plan: Plan, answers: Answers) -> list[Step]:
    out: list[Step] = []
    if plan.in_turn:
        out.append(count_step(
            plan, section=START, low=1, text=msg.ASK_HOW_MANY,
            hint=msg.ASK_HOW_MANY_HINT.format(size=plan.size, high=len(plan.in_turn)),
        ))
    for value in chosen_values(plan, answers):
        out += value_steps(plan, value)
    out.append(text_step("action_plan", FINISH, msg.ASK_ACTION_PLAN))
    out.append(text_step("support", FINISH, msg.ASK_SUPPORT))
    return out


def sections(plan: Plan, section: str, answers: Answers) -> list[Block]:
    if section == START:
        return [Notice(msg.IN_TURN.format(next=next_in_turn(plan, plan.size)))]
    if section == FINISH:
        return [Section(msg.FINISHING, msg.FINISHING_TEXT)]
    return []


def intro(plan: Plan) -> list[Block]:
    last = plan.last_plan
    if last is None:
        return []
    return [Notice(msg.LAST_PLAN.format(date=last.date.strftime("%d %B %Y"),
                                        plan=as_sentences(last.text)))]


def fill(journal: Journal, plan: Plan, answers: Answers) -> None:
    journal.action_plan = given(answers, "action_plan")
    journal.support = given(answers, "support")


def unfill(plan: Plan, journal: Journal, answers: Answers) -> None:
    for key in ("action_plan", "support"):
        if getattr(journal, key) is not None:
            answers[key] = getattr(journal, key)


KIND = SessionKind("reflect", steps, sections, fill, unfill, intro=intro)
