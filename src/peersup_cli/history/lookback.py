"""What ``peersup reflect`` and ``prep`` look back on, asked of the journal index: when each value
was last reflected on, what was said about it then, the newest prep for a supervisee, and the
journals saved as unfinished. Each answer is a query (the latest row per value); only
``latest_prep`` reads a file (the whole prep, for its agenda). ``Lookback`` opens the index
once, on first use, for a session.

``kind`` ("reflect" or "prep") keeps to journals of that kind and ``supervisee`` to the preps
for that person (any case and spacing), so a prep for Sam never shows what was said in a prep
for Alex, and a reflection never shows a prep.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from ..journal.format import JournalFormatError
from ..journal.model import KIND_PREP, Journal
from ..journal.store import read_journal
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
    index: Index, role: str, values: Collection[str] | None = None, *,
    kind: str | None = None, supervisee: str | None = None,
) -> dict[str, datetime]:
    """For each value id: when this role last reflected on it (answered, ticked or rated
    something: a value skipped through does not count). ``values``: the ids asked about."""
    found = last_times(index, role, values=values, kind=kind, supervisee=supervisee)
    return {vid: last.date for vid, last in found.items()}


# The latest journal per value: read from the newest journal of the role (the index holds
# them in that order), so finding a value reflected on lately costs a few rows.
_LATEST = (
    "SELECT v.vid, j.name, j.date, v.rating, v.label, j.action_plan "
    "FROM journals AS j CROSS JOIN vals AS v ON v.journal = j.id "
    "WHERE {where} AND v.vid = ? AND v.engaged = 1 ORDER BY j.ref DESC LIMIT 1"
)
_LATEST_EACH = (  # every value at once: the row with the highest number per value
    "SELECT v.vid, j.name, j.date, v.rating, v.label, j.action_plan, max(j.ref) "
    "FROM journals AS j CROSS JOIN vals AS v ON v.journal = j.id "
    "WHERE {where} AND v.engaged = 1 GROUP BY v.vid"
)


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
    the session resumed); ``values``: the ids asked about (default: every value)."""
    where, params = index.where(Filters(role=role, kind=kind, supervisee=supervisee))
    if exclude is not None and exclude.parent == index.journal_dir:
        where += " AND j.name != ?"
        params.append(exclude.name)
    if values is None:
        rows = list(index.conn.execute(_LATEST_EACH.format(where=where), params))
    else:
        sql = _LATEST.format(where=where)
        rows = [row for vid in dict.fromkeys(values)
                for row in index.conn.execute(sql, [*params, vid])]
    out: dict[str, LastTime] = {}
    for vid, name, date, rating, label, action_plan, *_ in rows:
        out[vid] = LastTime(
            value_id=vid, date=datetime.fromisoformat(date), rating=rating,
            rating_label=label, action_plan=action_plan, path=index.journal_dir / name,
        )
    return out


def latest_prep(
    index: Index, supervisee: str, *, complete_only: bool = False, exclude: Path | None = None
) -> LatestPrep | None:
    """The newest prep journal for ``supervisee`` that can be read, or None."""
    where = "j.status = 'complete'" if complete_only else ""
    # Preps only: a record or a kept share names the supervisee too.
    for entry in index.rows(Filters(supervisee=supervisee, kind=KIND_PREP), where=where):
        if entry.path == exclude:
            continue
        try:
            journal = read_journal(entry.path)
        except JournalFormatError:
            continue
        if journal.kind == KIND_PREP:  # changed since the index read it: as the index would
            return LatestPrep(entry.path, journal)
    return None


def spelling(index: Index, supervisee: str) -> str:
    """``supervisee`` as the newest of one's own journals about them writes the name (typed
    "alex", written "Alex"), so that one person keeps one name in lists, logs and packets;
    as typed for someone new."""
    for entry in index.rows(Filters(supervisee=supervisee, own=True), limit=1):
        return entry.supervisee or supervisee
    return supervisee


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
        self, role: str, values: Collection[str] | None = None, *,
        kind: str | None = None, supervisee: str | None = None,
    ) -> dict[str, datetime]:
        return last_reflected(self.index, role, values, kind=kind, supervisee=supervisee)

    def last_times(
        self, role: str, *, exclude: Path | None = None, values: Collection[str] | None = None,
        kind: str | None = None, supervisee: str | None = None,
    ) -> dict[str, LastTime]:
        return last_times(self.index, role, exclude=exclude, values=values, kind=kind,
                          supervisee=supervisee)

    def latest_prep(
        self, supervisee: str, *, complete_only: bool = False, exclude: Path | None = None
    ) -> LatestPrep | None:
        return latest_prep(self.index, supervisee, complete_only=complete_only, exclude=exclude)

    def partial_journals(self) -> list[IndexedJournal]:
        return partial_journals(self.index)

    def spelling(self, supervisee: str) -> str:
        return spelling(self.index, supervisee)
