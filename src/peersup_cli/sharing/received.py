"""A self-evaluation someone shared with you, as ``prep NAME --with FILE`` takes it in.

The file is read through the one reader (bounded, regular files only, no YAML aliases): a file
that is not a journal, or is a journal but not a self-evaluation (a share file, or a whole
reflection handed over as it is), is refused in one plain sentence. peersup keeps a copy in the
journal folder as a share for NAME (``supervisee: NAME``), written as peersup writes every
journal (private to the user, never over another file), so it stays with that person's preps
and records. Given the same file again, the copy already kept is used: it is never stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import messages as msg
from ..errors import JournalError
from ..journal import store
from ..journal.format import JournalFormatError, render
from ..journal.model import KIND_REFLECT, KIND_SHARE, Journal, SharedFrom

# A whole reflection handed over holds every part a share file can hold.
WHOLE = list(msg.SHARED_PARTS)


@dataclass(frozen=True)
class Kept:
    path: Path  # the copy in the journal folder
    journal: Journal  # as kept: a share for the supervisee
    new: bool  # False when the same self-evaluation was kept already


def read_shared(path: Path) -> Journal:
    """The self-evaluation in ``path``; ``JournalError`` with one plain sentence otherwise."""
    try:
        journal = store.read_journal(path)
    except JournalFormatError as exc:
        raise JournalError(msg.WITH_NOT_READABLE.format(file=path, reason=exc)) from None
    if journal.kind not in (KIND_SHARE, KIND_REFLECT):
        raise JournalError(msg.WITH_WRONG_KIND.format(
            file=path, kind=msg.KIND_WORDS.get(journal.kind, journal.kind)))
    return journal


def as_kept(journal: Journal, supervisee: str, source: str) -> Journal:
    """``journal`` as the share kept for ``supervisee``. A reflection handed over whole says
    so: shared from ``source`` (its file name), every part, on its own date (when it was
    handed over is not known)."""
    journal.supervisee = supervisee
    journal.agenda = None
    if journal.shared is None:
        journal.shared = SharedFrom(on=journal.date, source=source, parts=list(WHOLE))
    return journal


def keep(journal_dir: Path, journal: Journal, supervisee: str, source: str) -> Kept:
    """Keep ``journal`` (from ``read_shared``) in ``journal_dir`` as a share for
    ``supervisee``, unless the very same one is kept there already."""
    copy = as_kept(journal, supervisee, source)
    base = store.base_name(copy)
    for path in store.list_journals(journal_dir):
        if store.name_order(path.name)[0] != base:
            continue
        try:
            kept = store.read_journal(path)
            if kept.supervisee is None or not store.same_person(kept.supervisee, supervisee):
                continue
            copy.supervisee = kept.supervisee  # "alex" today, "Alex" last time: one person
            if store.read_text(path) == render(copy):  # the very same, byte for byte
                return Kept(path, copy, False)
        except JournalFormatError:
            continue
    copy.supervisee = supervisee
    return Kept(store.save_journal(journal_dir, copy), copy, True)


def load_kept(journal_dir: Path, name: str) -> Journal | None:
    """The share a prep was made with, from its copy in the journal folder; None if it cannot
    be read any more (moved, or edited into something else)."""
    try:
        journal = store.read_journal(journal_dir / name)
    except JournalFormatError:
        return None
    return journal if journal.kind == KIND_SHARE else None
