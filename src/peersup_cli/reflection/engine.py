"""The session state machine: one question at a time, through an input port, never the terminal.

The steps come from the session's kind (``kinds.build_steps``), rebuilt after every answer since
an answer may change the steps after it. ``position`` points at the next step; ``answers`` maps
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
from .answers import PARTIAL, lines, worth_keeping
from .draft import clean
from .journal_mapping import answers_from_journal, to_journal, value_text
from .kinds import build_steps, kind_of
from .plan import KIND_PREP, KIND_REFLECT, Answers, Parsed, Plan, Step
from .port import (
    Command,
    HelpBlock,
    InputPort,
    Kind,
    MoreText,
    Notice,
    Problem,
    Question,
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
    "parse_count",
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
        self.answers: Answers = dict(answers or {})
        self.steps = build_steps(plan, self.answers)
        self.position = max(0, min(position, len(self.steps)))
        self._on_change = on_change
        self._shown_section: str | None = None
        self._arrived: str | None = None  # the step whose ``before`` blocks were shown last
        # The lines of the current answer typed before a key (:h, :m) interrupted them.
        self._continuing: str | None = None

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
            for block in kind_of(self.plan).intro(self.plan):
                self.port.show(block)
        while self.position < len(self.steps):
            step = self.steps[self.position]
            if step.section != self._shown_section:
                self._show_section(step)
            if step.id != self._arrived:
                self._arrived = step.id
                for block in step.before:
                    self.port.show(block)
            reply = self.port.ask(self._question(step))
            if reply.command is Command.STOP:
                if not worth_keeping(self.answers):
                    # Nothing to keep yet: stopping is simply leaving.
                    self.port.show(Notice(msg.NO_STOP_YET))
                return Outcome.STOPPED
            if reply.command is Command.BACK:
                if self.position == 0:
                    self.port.show(Problem(msg.FIRST_QUESTION))
                else:
                    self.position -= 1
                    self._continuing = None
                    self._changed()
                continue
            if reply.command in (Command.HELP, Command.MORE):
                self._continuing = reply.typed
                self.port.show(self._help(step) if reply.command is Command.HELP
                               else self._more(step))
                continue
            if reply.command is Command.CLEAR:
                self._settle(step, None)
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
                parsed = self._parse(step, text)
                if parsed.problem:
                    self.port.show(Problem(parsed.problem))
                    continue
                value = parsed.value
                for block in parsed.shown:  # how the answer was understood
                    self.port.show(block)
            self._settle(step, value)
        return Outcome.COMPLETE

    def _settle(self, step: Step, value: Any) -> None:
        """``value`` is the answer to ``step``: keep it and go on to the next step."""
        self.answers[step.id] = value
        self.answers.pop(step.id + PARTIAL, None)
        self._continuing = None
        self.steps = build_steps(self.plan, self.answers)
        self.position += 1
        self._changed()

    def _typed(self, step: Step, text: str) -> None:
        """One more line of an unfinished answer was entered: keep it in the draft now."""
        self.answers[step.id + PARTIAL] = clean(text)
        self._changed()

    def _typed_before(self, step: Step) -> Any:
        typed = self.answers.get(step.id + PARTIAL)
        if not isinstance(typed, str) or not typed.strip():
            return None
        return lines(typed) if step.kind is Kind.LIST else typed

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change(dict(self.answers), self.position)

    # -- showing -------------------------------------------------------------------------------
    def _show_section(self, step: Step) -> None:
        self._shown_section = step.section
        plan = self.plan
        if step.value is None:
            for block in kind_of(plan).sections(plan, step.section, self.answers):
                self.port.show(block)
            return
        value = step.value
        role_label = plan.framework.role_label(plan.role).lower()
        summary = value.summary()
        values = [s.value for s in self.steps if s.value is not None]
        order = list(dict.fromkeys(v.id for v in values))
        self.port.show(
            ValueHeader(
                position=order.index(value.id) + 1,
                total=len(order),
                number=value.number,
                title=value.title,
                practice=value.practice,
                summary=summary,
                has_more=" ".join(value.description.split()) != summary,
                guidelines_heading=msg.GUIDELINES_HEADING.format(role=role_label + "s"),
                items=tuple(value.guidelines.get(plan.role, ())),
                last_time=plan.history.get(value.id),
                context=value.context.get(plan.role, ()),
                aside=kind_of(plan).aside(plan, value),
            )
        )

    def _terms(self, step: Step) -> tuple[tuple[str, str], ...]:
        if step.value is None:
            return ()
        return tuple(self.plan.framework.terms_in(value_text(step.value, self.plan.role)))

    def _help(self, step: Step) -> HelpBlock:
        return HelpBlock(msg.HELP_LINES, self._terms(step))

    def _more(self, step: Step) -> MoreText | Problem:
        value = step.value
        if value is None:
            return Problem(msg.NO_MORE)
        return MoreText(value.title, value.description.strip(),
                        tuple(value.guidelines.get(self.plan.role, ())),
                        value.context.get(self.plan.role, ()), self._terms(step))

    def _question(self, step: Step) -> Question:
        back = self.position > 0
        question = Question(step.id, step.kind, step.text, step.hint, step.choices, back,
                            _describe(step, self.answers.get(step.id), self.plan),
                            continuing=self._continuing)
        if step.kind not in (Kind.TEXT, Kind.LIST):
            return question
        current = question.current
        if current is None and self._continuing is None and self._typed_before(step) is not None:
            current = self.answers[step.id + PARTIAL]
        return dataclasses.replace(
            question, current=current, on_line=lambda text: self._typed(step, text))

    # -- parsing -------------------------------------------------------------------------------
    def _parse(self, step: Step, text: str) -> Parsed:
        if step.parse is not None:
            return step.parse(text)
        if step.kind is Kind.ITEMS:
            return Parsed(*parse_items(text, step.high, step.unavailable, step.unavailable_why,
                                       step.noun))
        if step.kind is Kind.RATING:
            return Parsed(*parse_rating(text, [p.number for p in self.plan.framework.rating_scale]))
        if step.kind is Kind.COUNT:
            return Parsed(*parse_count(text, step.low, step.high))
        if step.kind is Kind.LIST:
            return Parsed(lines(text))
        return Parsed(text)

    # -- the result ----------------------------------------------------------------------------
    def journal(self, *, status: str, date: datetime, version: str) -> Journal:
        return to_journal(self.plan, self.answers, status=status, date=date, version=version)


# -- parsers: (value, problem) ------------------------------------------------------------------
_SEP = re.compile(r"[\s,;]+")


def parse_items(
    text: str, high: int, unavailable: tuple[int, ...] = (), why: str = "",
    noun: str = "guideline",
) -> tuple[list[int] | None, str | None]:
    """Numbers from 1 to ``high`` (``0``, ``none`` or ``-`` for none of them) of ``noun``s; a
    number in ``unavailable`` is refused with ``why`` (a sentence with ``{number}``)."""
    tokens = [t for t in _SEP.split(text.strip()) if t]
    if [t.lower() for t in tokens] in (["0"], ["none"], ["-"]):
        return [], None
    numbers: list[int] = []
    for token in tokens:
        if not token.isdigit():
            return None, msg.BAD_ITEMS.format(noun=noun, high=high)
        number = int(token)
        if not 1 <= number <= high:
            return None, msg.BAD_ITEM_NUMBER.format(noun=noun, number=number, high=high)
        if number in unavailable:
            return None, why.format(number=number)
        if number not in numbers:
            numbers.append(number)
    return sorted(numbers), None


def parse_rating(text: str, scale: list[int]) -> tuple[int | None, str | None]:
    token = text.strip()
    if token.lstrip("-").isdigit() and int(token) in scale:
        return int(token), None
    return None, msg.BAD_RATING.format(low=scale[0], high=scale[-1])


def parse_count(text: str, low: int, high: int) -> tuple[int | None, str | None]:
    """A whole number from ``low`` to ``high``, or ``all`` for ``high``."""
    token = text.strip().lower()
    if token in ("all", "every", "a"):
        return high, None
    if token.isdigit() and low <= int(token) <= high:
        return int(token), None
    return None, msg.BAD_COUNT.format(low=low, high=high)


def parse_list(text: str) -> list[str]:
    """One entry per line; blank lines dropped; a stray carriage return is not part of it."""
    return lines(text)


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
