"""The session state machine: one question at a time, through an input port, never the terminal.

The steps come from ``plan.build_steps``. ``position`` points at the next step; ``answers`` maps
step ids to what was given (``None`` for a skip). Both are handed to ``on_change`` after every
answer, so the caller can save a draft the moment anything changes. ``journal_mapping`` turns the
answers into the journal.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .. import messages as msg
from ..errors import SessionStopped
from ..journal.model import Journal
from .draft import PARTIAL, clean
from .journal_mapping import answers_from_journal, to_journal
from .plan import KIND_PREP, KIND_REFLECT, Answers, Plan, Step, build_steps
from .port import (
    Choice,
    Command,
    HelpBlock,
    InputPort,
    ItemList,
    Kind,
    MoreText,
    Notice,
    Problem,
    Question,
    Section,
    ValueHeader,
)

# The plan and journal names are re-exported so that a test or a benchmark can drive a session
# from this one import.
__all__ = [
    "KIND_PREP",
    "KIND_REFLECT",
    "Answers",
    "Outcome",
    "Plan",
    "Session",
    "Step",
    "answers_from_journal",
    "build_steps",
    "parse_carry",
    "parse_items",
    "parse_list",
    "parse_rating",
    "to_journal",
]


class Outcome(enum.Enum):
    COMPLETE = "complete"
    STOPPED = "stopped"


class Session:
    """Runs the steps of ``plan`` through ``port``, starting at ``position``."""

    def __init__(
        self,
        plan: Plan,
        port: InputPort,
        *,
        answers: Answers | None = None,
        position: int = 0,
        on_change: Callable[[Answers, int], None] | None = None,
    ) -> None:
        self.plan = plan
        self.port = port
        self.steps = build_steps(plan)
        self.answers: Answers = dict(answers or {})
        self.position = max(0, min(position, len(self.steps)))
        self._on_change = on_change
        self._shown_section: str | None = None

    # -- running -------------------------------------------------------------------------------
    def run(self, *, resumed: bool = False) -> Outcome:
        """Ask until the last step or a stop. ``SessionStopped`` raised by the port, or by a
        signal handler while a question waits (see ``runner.StopOnSignal``), ends the session
        the way ``:q`` does: everything given so far stays in ``answers``."""
        try:
            return self._run(resumed)
        except SessionStopped:
            return Outcome.STOPPED

    def _run(self, resumed: bool) -> Outcome:
        if self.plan.kept:
            titles = [r.title for r in self.plan.kept]
            self.port.show(Notice(msg.KEPT_VALUES.format(
                titles=", ".join(titles), them="it" if len(titles) == 1 else "them")))
        if resumed:
            self.port.show(Notice(msg.RESUMING if self.position < len(self.steps) else
                                  msg.RESUMING_DONE))
        if self.position < len(self.steps):
            self.port.show(Notice(msg.KEYS_LINE))
        while self.position < len(self.steps):
            step = self.steps[self.position]
            if step.section != self._shown_section:
                self._show_section(step)
            reply = self.port.ask(self._question(step))
            if reply.command is Command.STOP:
                if not self.answers:
                    # Nothing to keep yet: stopping is simply leaving.
                    self.port.show(Notice(msg.NO_STOP_YET))
                return Outcome.STOPPED
            if reply.command is Command.BACK:
                if self.position == 0:
                    self.port.show(Problem(msg.FIRST_QUESTION))
                else:
                    self.position -= 1
                    self._changed()
                continue
            if reply.command is Command.HELP:
                self.port.show(HelpBlock(msg.HELP_LINES))
                continue
            if reply.command is Command.MORE:
                if step.value is not None and step.value.description.strip():
                    self.port.show(MoreText(step.value.title, step.value.description.strip()))
                else:
                    self.port.show(Problem(msg.NO_MORE))
                continue
            # Undecodable bytes typed at a prompt arrive as lone surrogates; U+FFFD keeps the
            # rest of the answer writable as UTF-8 (draft and journal) and the session going.
            text = clean(reply.text) if reply.command is None else None
            if text is None or not text.strip():
                # A skip keeps an earlier answer: going back and pressing Enter loses nothing,
                # and the lines of an answer cut off earlier (shown as the earlier answer) count.
                value = self.answers.get(step.id)
                if value is None:
                    value = self._typed_before(step)
            else:
                value, problem = self._parse(step, text)
                if problem:
                    self.port.show(Problem(problem))
                    continue
            self.answers[step.id] = value
            self.answers.pop(step.id + PARTIAL, None)
            self.position += 1
            self._changed()
        return Outcome.COMPLETE

    def _typed(self, step: Step, text: str) -> None:
        """One more line of an unfinished answer was entered: keep it in the draft now."""
        self.answers[step.id + PARTIAL] = clean(text)
        self._changed()

    def _typed_before(self, step: Step) -> Any:
        typed = self.answers.get(step.id + PARTIAL)
        if not isinstance(typed, str) or not typed.strip():
            return None
        return parse_list(typed) if step.kind is Kind.LIST else typed

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change(dict(self.answers), self.position)

    # -- showing -------------------------------------------------------------------------------
    def _show_section(self, step: Step) -> None:
        self._shown_section = step.section
        plan = self.plan
        name = plan.supervisee or ""
        if step.section == "carry":
            when = plan.carry_date.strftime("%d %B %Y") if plan.carry_date else "last time"
            self.port.show(Section(msg.CARRY_SECTION.format(name=name, date=when),
                                   msg.CARRY_SECTION_TEXT))
            self.port.show(ItemList("", tuple(plan.carry_items)))
        elif step.section == "agenda":
            self.port.show(Section(msg.AGENDA_SECTION.format(name=name), msg.AGENDA_SECTION_TEXT))
        elif step.section == "finish":
            self.port.show(Section(msg.FINISHING, msg.FINISHING_TEXT))
        elif step.value is not None:
            value = step.value
            role_label = plan.framework.role_label(plan.role).lower()
            summary = value.summary()
            self.port.show(
                ValueHeader(
                    position=plan.values.index(value) + 1,
                    total=len(plan.values),
                    number=value.number,
                    title=value.title,
                    practice=value.practice,
                    summary=summary,
                    has_more=" ".join(value.description.split()) != summary,
                    guidelines_heading=msg.GUIDELINES_HEADING.format(role=role_label + "s"),
                    items=tuple(value.guidelines.get(plan.role, ())),
                    last_time=plan.history.get(value.id),
                )
            )

    def _question(self, step: Step) -> Question:
        question = self._plain_question(step)
        if step.kind not in (Kind.TEXT, Kind.LIST):
            return question
        current = question.current
        if current is None and self._typed_before(step) is not None:
            current = self.answers[step.id + PARTIAL]
        return dataclasses.replace(
            question, current=current, on_line=lambda text: self._typed(step, text))

    def _plain_question(self, step: Step) -> Question:
        back = self.position > 0
        current = _describe(step, self.answers.get(step.id), self.plan)
        plan = self.plan
        if step.kind is Kind.CHOICE:
            item = plan.carry_items[step.index - 1]
            # The one-line hint names the three choices; no list under every item.
            return Question(step.id, step.kind, msg.ASK_CARRY.format(item=item),
                            msg.ASK_CARRY_HINT, can_go_back=back, current=current)
        if step.kind is Kind.ITEMS:
            return Question(step.id, step.kind, msg.ASK_PRACTICED, msg.ASK_PRACTICED_HINT,
                            can_go_back=back, current=current)
        if step.kind is Kind.RATING:
            assert step.value is not None
            scale = plan.framework.rating_scale
            hint = msg.ASK_RATING_HINT.format(low=scale[0].number, high=scale[-1].number)
            return Question(
                step.id, step.kind, msg.ASK_RATING.format(title=step.value.title), hint,
                tuple(Choice(str(p.number), p.label, p.description) for p in scale), back, current,
            )
        if step.value is not None:
            prompt = step.value.prompts[plan.role][step.index - 1]
            return Question(step.id, step.kind, prompt, msg.TEXT_HINT, can_go_back=back,
                            current=current)
        name = plan.supervisee or ""
        texts = {
            "topics": (msg.ASK_TOPICS.format(name=name), msg.LIST_HINT),
            "questions": (msg.ASK_QUESTIONS.format(name=name), msg.LIST_HINT),
            "action_plan": (msg.ASK_ACTION_PLAN, msg.TEXT_HINT),
            "support": (msg.ASK_SUPPORT, msg.TEXT_HINT),
        }
        text, hint = texts[step.id]
        return Question(step.id, step.kind, text, hint, can_go_back=back, current=current)

    # -- parsing -------------------------------------------------------------------------------
    def _parse(self, step: Step, text: str) -> tuple[Any, str | None]:
        if step.kind is Kind.ITEMS:
            assert step.value is not None
            return parse_items(text, len(step.value.guidelines.get(self.plan.role, ())))
        if step.kind is Kind.RATING:
            return parse_rating(text, [p.number for p in self.plan.framework.rating_scale])
        if step.kind is Kind.CHOICE:
            return parse_carry(text)
        if step.kind is Kind.LIST:
            return parse_list(text), None
        return text, None

    # -- the result ----------------------------------------------------------------------------
    def journal(self, *, status: str, date: datetime, version: str) -> Journal:
        return to_journal(self.plan, self.answers, status=status, date=date, version=version)


# -- parsers: (value, problem) ------------------------------------------------------------------
_SEP = re.compile(r"[\s,;]+")


def parse_items(text: str, high: int) -> tuple[list[int] | None, str | None]:
    tokens = [t for t in _SEP.split(text.strip()) if t]
    if [t.lower() for t in tokens] in (["0"], ["none"], ["-"]):
        return [], None
    numbers: list[int] = []
    for token in tokens:
        if not token.isdigit():
            return None, msg.BAD_ITEMS.format(high=high)
        number = int(token)
        if not 1 <= number <= high:
            return None, msg.BAD_ITEM_NUMBER.format(number=number, high=high)
        if number not in numbers:
            numbers.append(number)
    return sorted(numbers), None


def parse_rating(text: str, scale: list[int]) -> tuple[int | None, str | None]:
    token = text.strip()
    if token.lstrip("-").isdigit() and int(token) in scale:
        return int(token), None
    return None, msg.BAD_RATING.format(low=scale[0], high=scale[-1])


def parse_carry(text: str) -> tuple[str | None, str | None]:
    token = text.strip().lower()
    for key, word, label in msg.CARRY_CHOICES:
        if token in (key, word, label.lower()):
            return word, None
    keys = ", ".join(f"{key} ({label.lower()})" for key, _, label in msg.CARRY_CHOICES)
    return None, msg.BAD_CHOICE.format(keys=keys)


def parse_list(text: str) -> list[str]:
    """One entry per line; blank lines dropped; a stray carriage return is not part of it."""
    return [line.rstrip("\r") for line in text.split("\n") if line.strip()]


def _describe(step: Step, value: Any, plan: Plan) -> str | None:
    """An earlier answer as the person would read it back."""
    if value is None:
        return None
    if step.kind is Kind.ITEMS:
        return " ".join(str(n) for n in value) if value else "none"
    if step.kind is Kind.RATING:
        point = plan.framework.rating(value)
        return f"{value} — {point.label}" if point else str(value)
    if step.kind is Kind.LIST:
        return "\n".join(value)
    return str(value)
