"""What ``peersup reflect`` and ``prep`` look back on, asked of the journal index: when each value
was last reflected on, what was said about it then, the newest prep for a supervisee, and the
journals saved as unfinished. Each answer is a query; only ``latest_prep`` reads a file (the
whole prep, for its agenda). ``Lookback`` opens the index once, on first use, for a session.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from ..journal.format import JournalFormatError
from ..journal.model import Journal
from ..journal.store import person_key, read_journal
from .filters import Filters
from .index import Index, Progress, open_index
from .records import IndexedJournal


@dataclass(frozen=True)
class LastTime:
    """What a role said about one value the last time it reflected on it."""

    value_id: str
    date: datetime
    rating: int | None
    rating_label: str | None
    action_plan: str | None
    path: Path


@dataclass(frozen=True)
class LatestPrep:
    path: Path
    journal: Journal


def last_reflected(
    index: Index,
    role: str,
    values: Collection[str] | None = None,
    *,
    kind: str | None = None,
    supervisee: str | None = None,
) -> dict[str, datetime]:
    """For each value id: when this role last reflected on it (answered, ticked or rated
    something: a value skipped through does not count). ``values``: the ids asked about;
    the newest journals are read until each has been found. ``kind`` and ``supervisee`` as
    for ``last_times``."""
    found = last_times(index, role, values=values, kind=kind, supervisee=supervisee)
    return {vid: last.date for vid, last in found.items()}


def last_times(
    index: Index,
    role: str,
    *,
    exclude: Path | None = None,
    values: Collection[str] | None = None,
    kind: str | None = None,
    supervisee: str | None = None,
) -> dict[str, LastTime]:
    """For each value id: what this role said about it the last time it reflected on it
    (rating, date, planned action). ``exclude`` leaves out one file (the partial journal of
    the session resumed); ``values``: the ids asked about (reading stops once all are found).
    ``kind`` ("reflect" or "prep"): only journals of that kind; ``supervisee``: only preps for
    that person (so one supervisee's notes never show in another's prep).
    """
    out: dict[str, LastTime] = {}
    wanted = set(values) if values is not None else None
    person = person_key(supervisee) if supervisee is not None else None
    for entry in index.newest_first(Filters(role=role)):
        if entry.path == exclude:
            continue
        if kind is not None and ("prep" if entry.supervisee is not None else "reflect") != kind:
            continue
        if person is not None and (
            entry.supervisee is None or person_key(entry.supervisee) != person
        ):
            continue
        when: datetime | None = None
        for value in entry.values():
            if value.id in out or not value.engaged:
                continue
            when = when or datetime.fromisoformat(entry.date)
            out[value.id] = LastTime(
                value_id=value.id, date=when, rating=value.rating,
                rating_label=value.rating_label, action_plan=entry.action_plan, path=entry.path,
            )
        if wanted is not None and wanted <= out.keys():
            break
    return out


def latest_prep(
    index: Index, supervisee: str, *, complete_only: bool = False, exclude: Path | None = None
) -> LatestPrep | None:
    """The newest prep journal for ``supervisee`` that can be read, or None."""
    for entry in index.entries(Filters(supervisee=supervisee)):
        if entry.path == exclude or (complete_only and entry.status != "complete"):
            continue
        if entry.supervisee is None or person_key(entry.supervisee) != person_key(supervisee):
            continue
        try:
            journal = read_journal(entry.path)
        except JournalFormatError:
            continue
        if journal.kind == "prep":  # a supervision record or a kept share names a person too
            return LatestPrep(entry.path, journal)
    return None


def partial_journals(index: Index) -> list[IndexedJournal]:
    """Journals saved as unfinished, oldest first."""
    return index.entries(newest_first=False, where="j.status = 'partial'")


class Lookback:
    """The look-back of one session: the index opened on first use, once, and closed with
    ``with``. A session that needs no look-back never opens it."""

    def __init__(
        self, journal_dir: Path, index_file: Path | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.journal_dir = journal_dir
        self._index_file = index_file
        self._progress = progress
        self._stack = contextlib.ExitStack()
        self._index: Index | None = None

    def __enter__(self) -> Lookback:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._stack.close()
        self._index = None

    @property
    def index(self) -> Index:
        if self._index is None:
            self._index = self._stack.enter_context(
                open_index(self.journal_dir, index_file=self._index_file,
                           progress=self._progress)
            )
        return self._index

    def last_reflected(
        self,
        role: str,
        values: Collection[str] | None = None,
        *,
        kind: str | None = None,
        supervisee: str | None = None,
    ) -> dict[str, datetime]:
        return last_reflected(self.index, role, values, kind=kind, supervisee=supervisee)

    def last_times(
        self,
        role: str,
        *,
        exclude: Path | None = None,
        values: Collection[str] | None = None,
        kind: str | None = None,
        supervisee: str | None = None,
    ) -> dict[str, LastTime]:
        return last_times(self.index, role, exclude=exclude, values=values, kind=kind,
                          supervisee=supervisee)

    def latest_prep(
        self, supervisee: str, *, complete_only: bool = False, exclude: Path | None = None
    ) -> LatestPrep | None:
        return latest_prep(self.index, supervisee, complete_only=complete_only, exclude=exclude)

    def partial_journals(self) -> list[IndexedJournal]:
        return partial_journals(self.index)
