"""What a share file holds: only the parts of a journal that its author chose, then only the
pieces of text they decided to keep (as written, or as they edited them).

``select`` builds a new ``Journal`` from the chosen parts: nothing else of the original remains
in it, not even in fields a renderer does not show (the agenda, the supervisee's name, the
parsed text blocks). ``shared_texts`` lists each piece of the person's own words that would be
shared, under a stable id; ``flagged_texts`` runs the identifying-details check on them; and
``apply_decisions`` carries out what the person said about each (keep, remove, edit). Pure
functions: the journal given is never changed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from ..journal.model import Agenda, GuidelineItem, Journal, ValueReflection
from .identifying import Finding, find_identifying

__all__ = [
    "DEFAULT_PARTS",
    "Action",
    "Decision",
    "FlaggedText",
    "Part",
    "SharedText",
    "UnknownParts",
    "apply_decisions",
    "flagged_texts",
    "parse_parts",
    "select",
    "shared_texts",
]


class Part(StrEnum):
    RATINGS = "ratings"  # each value's rating
    TICKS = "ticks"  # the guidelines ticked as practised
    ANSWERS = "answers"  # the answers to each value's questions
    PLAN = "plan"  # the action plan
    SUPPORT = "support"  # the support the person would like from supervision


DEFAULT_PARTS: frozenset[Part] = frozenset({Part.RATINGS, Part.TICKS})
ACTION_PLAN_ID = "action_plan"
SUPPORT_ID = "support"


class UnknownParts(ValueError):
    """``--include`` named parts that do not exist; ``names`` are the ones not known."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(", ".join(names))
        self.names = names


def parse_parts(spec: str) -> frozenset[Part]:
    """``"ratings,ticks"`` (commas and/or spaces, any case) as parts. Raises ``UnknownParts``."""
    names = [n.strip().lower() for n in spec.replace(",", " ").split()]
    unknown = [n for n in names if n not in {p.value for p in Part}]
    if unknown:
        raise UnknownParts(unknown)
    return frozenset(Part(n) for n in names)


def select(journal: Journal, parts: Collection[Part]) -> Journal:
    """A new journal with the same values (their titles and questions, which are the guidelines',
    not the person's) and only the chosen parts of what the person said."""
    chosen = frozenset(parts)
    return Journal(
        date=journal.date,
        role=journal.role,
        framework=journal.framework,
        reflections=[_reflection(r, chosen) for r in journal.reflections],
        status=journal.status,
        peersup_version=journal.peersup_version,
        supervisee=None,  # a prep's supervisee is someone else's name: not a part one shares
        framework_title=journal.framework_title,
        role_label=journal.role_label,
        action_plan=journal.action_plan if Part.PLAN in chosen else None,
        support=journal.support if Part.SUPPORT in chosen else None,
        agenda=None,  # a supervisor's agenda is not among the parts
        planned=list(journal.planned),
    )


def _reflection(r: ValueReflection, chosen: frozenset[Part]) -> ValueReflection:
    rated = Part.RATINGS in chosen
    return ValueReflection(
        value_id=r.value_id,
        number=r.number,
        title=r.title,
        practice=r.practice,
        # Without ticks the guidelines are left out altogether: a list with no box ticked would
        # say "none of these", which is not what the person said.
        items=[GuidelineItem(i.number, i.text, i.practiced) for i in r.items]
        if Part.TICKS in chosen else [],
        rating=r.rating if rated else None,
        rating_label=r.rating_label if rated else None,
        # Without answers the questions go too: a share file shows no question it answers with
        # nothing (``format.render`` leaves them out, and reading the file back agrees).
        prompts=list(r.prompts) if Part.ANSWERS in chosen else [],
        answers=list(r.answers) if Part.ANSWERS in chosen else [],
    )


@dataclass(frozen=True, slots=True)
class SharedText:
    """One piece of the person's words in a journal, as ``shared_texts`` lists it."""

    id: str  # "<value id>:<n>" for a value's n-th answer; "action_plan"; "support"
    where: str  # the value id, "action_plan" or "support" (as in ``TextBlock.where``)
    title: str  # the value's title; "" for the action plan and support
    prompt: str  # the question it answers; "" for the action plan and support
    text: str


def shared_texts(journal: Journal) -> list[SharedText]:
    """Every piece of text the journal holds, in file order, each under an id that is the same
    for the same journal (and for ``select`` of it).

    A value id that comes twice in a hand-edited file gets ``~2``, ``~3``... after the answer's
    number from its second time on, so every id is different.
    """
    return [shared for shared, _ in _located(journal)]


class _Place(NamedTuple):
    """Where a piece of text lives: a value's answer (by position), or a journal field."""

    reflection: int  # index in ``journal.reflections``; -1 for a journal field
    answer: int  # index in its ``answers``
    field: str  # "action_plan" or "support" for a journal field


def _located(journal: Journal) -> list[tuple[SharedText, _Place]]:
    found: list[tuple[SharedText, _Place]] = []
    seen: dict[str, int] = {}
    for index, r in enumerate(journal.reflections):
        seen[r.value_id] = times = seen.get(r.value_id, 0) + 1
        again = f"~{times}" if times > 1 else ""
        for n, answer in enumerate(r.answers, start=1):
            if answer is not None:
                prompt = r.prompts[n - 1] if n <= len(r.prompts) else ""
                shared = SharedText(f"{r.value_id}:{n}{again}", r.value_id, r.title, prompt, answer)
                found.append((shared, _Place(index, n - 1, "")))
    for where, text in ((ACTION_PLAN_ID, journal.action_plan), (SUPPORT_ID, journal.support)):
        if text is not None:
            found.append((SharedText(where, where, "", "", text), _Place(-1, -1, where)))
    return found


@dataclass(frozen=True, slots=True)
class FlaggedText:
    shared: SharedText
    findings: tuple[Finding, ...]  # spans are within ``shared.text``


def flagged_texts(journal: Journal, *, vocabulary: Collection[str] = ()) -> list[FlaggedText]:
    """The pieces of text in which the check finds a detail that could identify someone."""
    flagged = []
    for shared in shared_texts(journal):
        findings = find_identifying(shared.text, vocabulary=vocabulary)
        if findings:
            flagged.append(FlaggedText(shared, tuple(findings)))
    return flagged


class Action(StrEnum):
    KEEP = "keep"
    REMOVE = "remove"  # the answer is not shared (its question stays, unanswered)
    EDIT = "edit"  # the answer is shared as the person rewrote it


@dataclass(frozen=True, slots=True)
class Decision:
    id: str  # a ``SharedText.id``
    action: Action
    text: str | None = None  # the new text, for EDIT


def apply_decisions(journal: Journal, decisions: Iterable[Decision]) -> Journal:
    """A new journal with each decision carried out. Raises ``KeyError`` for an id the journal
    does not hold, ``ValueError`` for an id decided twice or an edit without text."""
    by_id: dict[str, Decision] = {}
    for decision in decisions:
        if decision.id in by_id:
            raise ValueError(f"decided twice: {decision.id}")
        if decision.action is Action.EDIT and decision.text is None:
            raise ValueError(f"an edit without text: {decision.id}")
        by_id[decision.id] = decision
    located = _located(journal)
    missing = sorted(set(by_id) - {shared.id for shared, _ in located})
    if missing:
        raise KeyError(", ".join(missing))
    result = _copy(journal)
    for shared, place in located:
        chosen = by_id.get(shared.id)
        if chosen is None or chosen.action is Action.KEEP:
            continue
        text = chosen.text if chosen.action is Action.EDIT else None
        if place.reflection >= 0:
            result.reflections[place.reflection].answers[place.answer] = text
        else:
            setattr(result, place.field, text)
    return result


def _copy(journal: Journal) -> Journal:
    """The journal again, sharing no list or record with it."""
    result = select(journal, list(Part))
    result.supervisee = journal.supervisee
    if journal.agenda is not None:
        a = journal.agenda
        result.agenda = Agenda(list(a.carried), list(a.done), list(a.topics), list(a.questions))
    return result
