"""What is still open with a supervisee: where the next prep starts, and the agenda items a
supervision record ticks as talked about.

- After a prep and nothing since, a prep starts from the prep's open items (what it carried,
  its topics and what to offer or check on), as it always has; a record offers the whole agenda
  to tick (its questions too).
- After a record made since the last prep, what is open is what was agreed in it and is not
  done (ticked in the file), shown with who will do it, then the agenda items it did not talk
  about. With several records since that prep, each one is taken in turn the same way, so an
  item talked about once is never offered again and nothing agreed earlier and still open is
  lost.

``since_last_prep`` is the one place that finds journals by their kind (reading each file);
once the journal index keeps every journal's kind, it can ask the index instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time

from ..history.filters import Filters
from ..history.lookback import LatestPrep, Lookback
from ..journal.format import JournalFormatError
from ..journal.model import KIND_PREP, KIND_RECORD, STATUS_COMPLETE, Journal
from ..journal.store import read_journal
from .agreed import shown
from .answers import items as listed_items


@dataclass(frozen=True)
class SinceLastPrep:
    prep: LatestPrep | None  # the newest finished prep for the person
    records: list[Journal] = field(default_factory=list)  # finished records since, oldest first


@dataclass(frozen=True)
class Open:
    """The open items and where they come from: the last prep, or the last record since."""

    items: list[str]
    date: datetime | None
    source: str = KIND_PREP


def since_last_prep(lookback: Lookback, supervisee: str) -> SinceLastPrep:
    """The newest finished prep for ``supervisee`` and the finished records made after it
    (every record, when there is no prep), reading the person's journals from the newest."""
    records: list[Journal] = []
    # The index keeps each journal's kind and the person it is about, folded for matching.
    wanted = f"j.status = '{STATUS_COMPLETE}' AND j.kind IN ('{KIND_PREP}', '{KIND_RECORD}')"
    for entry in lookback.index.rows(Filters(supervisee=supervisee), where=wanted):
        try:
            journal = read_journal(entry.path)
        except JournalFormatError:
            continue
        if journal.kind == KIND_RECORD:
            records.append(journal)
        elif journal.kind == KIND_PREP:
            return SinceLastPrep(LatestPrep(entry.path, journal), records[::-1])
    return SinceLastPrep(None, records[::-1])


def carry_items_from(journal: Journal) -> list[str]:
    """Last prep's open items: what was carried, its topics, and its action plan (for a prep:
    what the supervisor meant to offer or check on), one per line."""
    items: list[str] = []
    if journal.agenda is not None:
        items += journal.agenda.carried + journal.agenda.topics
    items += listed_items(journal.action_plan)
    return list(dict.fromkeys(items))  # each item once, first place kept


def agenda_items(journal: Journal) -> list[str]:
    """Everything a prep's agenda still had to do: carried, topics, questions, and what to
    offer or check on (its done items are done)."""
    agenda = journal.agenda
    items = agenda.carried + agenda.topics + agenda.questions if agenda is not None else []
    return list(dict.fromkeys(items + listed_items(journal.action_plan)))


def after_record(open_before: list[str], record: Journal) -> list[str]:
    """What is open once ``record`` was made: its agreed items not done (with who), then what
    was open before it and was not talked about."""
    assert record.record is not None
    agreed = [shown(a) for a in record.record.agreed if not a.done]
    talked = set(record.record.discussed)
    return list(dict.fromkeys(agreed + [i for i in open_before if i not in talked]))


def for_prep(found: SinceLastPrep) -> Open:
    """Where the next prep starts."""
    return _open(found, carry_items_from)


def for_record(found: SinceLastPrep) -> Open:
    """The agenda items a new record offers to tick as talked about."""
    return _open(found, agenda_items)


def _open(found: SinceLastPrep, from_prep: Callable[[Journal], list[str]]) -> Open:
    """``from_prep`` of the last prep when nothing was recorded since; else what each record
    since it left open, in turn, starting from that prep's whole agenda."""
    prep = found.prep.journal if found.prep is not None else None
    if not found.records:
        return Open(from_prep(prep), prep.date) if prep is not None else Open([], None)
    items = agenda_items(prep) if prep is not None else []
    for record in found.records:
        items = after_record(items, record)
    return Open(items, _held(found.records[-1]), KIND_RECORD)


def _held(journal: Journal) -> datetime:
    """When a record's session took place (the day it says), else when it was made."""
    held = journal.record.held if journal.record is not None else None
    if held is None:
        return journal.date
    return datetime.combine(held, time(), tzinfo=journal.date.tzinfo)
