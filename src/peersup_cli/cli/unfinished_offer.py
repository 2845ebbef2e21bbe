"""Unfinished sessions in words: how one is named, the offer made when a new session of the same
kind starts, and what a stop kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import messages as msg

if TYPE_CHECKING:
    from ..guidelines.model import Guidelines
    from ..reflection.draft import Draft
    from ..reflection.port import InputPort
    from ..reflection.resume import Resumable, Unfinished


@dataclass(frozen=True)
class Described:
    what_when: str  # "reflection as Peer supporter, started Tuesday 03 December 2026, 14:05"
    answered: str  # "4 questions answered"


def role_label(role: str, framework: str, guidelines: Guidelines | None) -> str:
    fw = guidelines.framework(framework) if guidelines is not None else None
    return fw.role_label(role) if fw is not None else role.replace("-", " ").capitalize()


def describe(found: Resumable | Unfinished, guidelines: Guidelines | None = None) -> Described:
    from ..reflection.resume import Unfinished

    item = found if isinstance(found, Unfinished) else Unfinished(found.draft, found.journal)
    d = item.draft
    what = msg.what_session(d.kind, d.supervisee)
    if d.supervisee is None:
        what += f" as {role_label(d.role, d.framework, guidelines)}"
    when = item.started.strftime(msg.DATE_FORMAT)
    from ..reflection.answers import typing

    count = item.answered
    parts = [f"{count} question{'' if count == 1 else 's'} answered"] if count else []
    if typing(d.answers):  # lines of an answer cut off are kept: never say "nothing"
        parts.append(msg.KEPT_TYPING)
    answered = " and ".join(parts) or "nothing answered yet"
    return Described(f"{what}, started {when}", answered)


def ask_about(port: InputPort, described: Described) -> str | None:
    """Carry on, start afresh or discard: "resume", "afresh", "discard"; None to leave."""
    from ..reflection.port import Choice, Command, Kind, Problem, Question

    question = Question(
        "unfinished", Kind.CHOICE,
        msg.UNFINISHED_FOUND.format(what_when=described.what_when, answered=described.answered),
        msg.UNFINISHED_HINT,
        tuple(Choice(key, label) for key, _, label in msg.UNFINISHED_CHOICES),
        can_go_back=False,
    )
    while True:
        reply = port.ask(question)
        if reply.command is Command.STOP:
            return None
        if reply.command is not None:  # Enter: carry on
            return "resume"
        typed = (reply.text or "").strip().lower()
        for key, choice, _ in msg.UNFINISHED_CHOICES:
            if typed in (key, choice):
                return choice
        port.show(Problem(msg.UNFINISHED_HINT))


def kept_sentence(word: str, draft: Draft | None, resume: str) -> str:
    """After Ctrl-C, a closed input or a stop outside a session: exactly what was kept."""
    from ..reflection.answers import answered, typing
    from ..reflection.runner import drop_if_empty

    if draft is not None and draft.path.exists() and drop_if_empty(draft):
        return msg.KEPT_NOTHING.format(word=word)
    if draft is None or not draft.path.exists():
        name = draft.journal or draft.continues if draft is not None else None
        if name:
            return msg.KEPT_JOURNAL_AS_IT_WAS.format(word=word, name=name, resume=resume)
        return msg.KEPT_NOTHING.format(word=word)
    count = answered(draft.answers)
    parts = [f"{count} answer{'' if count == 1 else 's'}"] if count else []
    if typing(draft.answers):
        parts.append(msg.KEPT_TYPING)
    what = " and ".join(parts) or msg.KEPT_NO_ANSWERS
    return msg.KEPT_IN_DRAFT.format(word=word, what=what, resume=resume)


def start_new_instead(port: InputPort, sentence: str) -> bool:
    """The unfinished session is open in another window: start a new one here instead?"""
    from ..errors import UsageError
    from ..reflection.port import Choice, Command, Kind, Question

    question = Question(
        "start_new", Kind.CHOICE, sentence, "1 starts a new one · 2 leaves it",
        (Choice("1", "Start a new one"), Choice("2", "Leave it for now")),
        can_go_back=False,
    )
    try:
        reply = port.ask(question)
    except Exception:  # an answers file cannot answer this: say the sentence instead
        raise UsageError(sentence) from None
    return reply.command is not Command.STOP and (reply.text or "").strip() == "1"
