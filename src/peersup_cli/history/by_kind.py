"""A supervisee's journals of one kind (supervision records, for the log and the packet),
found through the index, which keeps each journal's kind; and the share file a prep was made
with. Each journal found is read in full (the log and the packet show what it holds).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..journal.format import JournalFormatError
from ..journal.model import KIND_RECORD, KIND_SHARE, Journal
from ..journal.store import is_journal_name, read_journal
from .filters import Filters

if TYPE_CHECKING:
    from .index import Index


@dataclass(frozen=True)
class Found:
    """A journal of the kind asked for, and its file."""

    path: Path
    journal: Journal


def _of_kind(index: Index, kind: str, supervisee: str | None) -> Iterator[Found]:
    """Readable journals of ``kind`` about ``supervisee`` (anyone's when None), newest first."""
    for entry in index.rows(Filters(supervisee=supervisee, kind=kind)):
        try:
            journal = read_journal(entry.path)
        except JournalFormatError:  # changed since the index read it: as the index would, skip
            continue
        if journal.kind == kind:
            yield Found(entry.path, journal)


def records(index: Index, supervisee: str | None = None) -> list[Found]:
    """Every supervision record (about ``supervisee``, when given), newest first."""
    return list(_of_kind(index, KIND_RECORD, supervisee))


def latest_record(index: Index, supervisee: str, since: datetime) -> Found | None:
    """The newest record about ``supervisee`` written at or after ``since`` (a prep's time):
    the record of the session that prep was for, once there is one."""
    for found in _of_kind(index, KIND_RECORD, supervisee):
        if found.journal.date >= since:
            return found
        break  # newest first: every other one is older still
    return None


@dataclass(frozen=True)
class KeptShare:
    """The share file a prep was made with, or why it cannot be used."""

    journal: Journal | None
    problem: str | None = None  # a plain sentence; None also when the prep names no share


def kept_share(journal_dir: Path, name: str | None) -> KeptShare:
    """The share file a prep names (``Journal.with_share``: a file name in the journal folder,
    where ``prep NAME --with FILE`` keeps a copy). The name comes from a file, so it is used
    only as a plain name in that folder, never as a path."""
    if name is None:
        return KeptShare(None)
    if "/" in name or "\\" in name or not is_journal_name(name) or Path(name).name != name:
        return KeptShare(None, f"{name!r} is not the name of a file in your journal folder.")
    try:
        journal = read_journal(journal_dir / name)
    except JournalFormatError as exc:
        return KeptShare(None, f"{name}: {exc}.")
    if journal.kind != KIND_SHARE:
        return KeptShare(None, f"{name} is not a share file.")
    return KeptShare(journal)
