"""Setting an unfinished session aside for good (`peersup drafts --discard`, or "discard it"
when a new session offers it).

Discarding removes the draft: the answers it held that are in no journal are gone, which is
what the person asked for. A partial journal the session saved with :q is a journal like any
other and is never deleted: it is only no longer offered for resuming (recorded in the drafts
folder beside the partial journals carried on elsewhere), and the sentence says where it is.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from .. import messages as msg
from ..errors import SessionOpenElsewhere
from .draft import Draft
from .lock import lock_path
from .resume import mark_superseded, open_elsewhere

DISCARDED = ""  # the "carried on in" of a partial journal whose session was discarded


@dataclass(frozen=True)
class Discarded:
    draft_removed: bool
    journal_kept: Path | None  # the partial journal left in place, if there is one
    sentence: str


def discard(journal_dir: Path, draft: Draft) -> Discarded:
    """Discard the unfinished session ``draft`` (one from ``resume.sessions``)."""
    elsewhere = open_elsewhere(draft)
    if elsewhere is not None:
        raise SessionOpenElsewhere(elsewhere)
    removed = draft.path.is_file()
    with contextlib.suppress(FileNotFoundError):
        draft.path.unlink()
    with contextlib.suppress(FileNotFoundError):
        lock_path(draft.path).unlink()  # a stale lock of a session long gone
    name = draft.journal or draft.continues
    kept = journal_dir / name if name else None
    if name:
        mark_superseded(journal_dir, name, DISCARDED)
    what = msg.what_session(draft.kind, draft.supervisee)
    sentence = msg.DISCARDED.format(what=what)
    if kept is not None and kept.exists():
        sentence += " " + msg.DISCARDED_JOURNAL_KEPT.format(path=kept)
    return Discarded(removed, kept if kept is not None and kept.exists() else None, sentence)
