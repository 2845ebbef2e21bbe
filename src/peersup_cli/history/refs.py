"""Journal references: how a person names one journal on the command line.

``journal list`` numbers journals from the oldest (1) to the newest, so a number stays the same
when new journals are added; it only shifts if an older journal is deleted or back-dated. A
reference is one of:

- that number (``12``; ``#12`` works too, quoted, since a shell reads ``#`` as a comment),
- ``latest`` (any case, or a start of it such as ``lat``): the newest journal,
- a date, ``2026-11-22``: the newest journal of that day (a note names the others),
- a file name in the journal folder (with or without ``.md``), or a path to any journal file,
  such as one somebody shared.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import JournalError
from ..matching import candidates, did_you_mean, suggest
from .filters import Filters
from .records import IndexedJournal

if TYPE_CHECKING:
    from .index import Index

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LATEST = "latest"
RECENT = 200  # journals whose names a "did you mean" looks at
MAX_REF = 1024  # characters: longer than any path a file system takes
HOW = "Use a number from `peersup journal list`, `latest`, a date such as 2026-11-22, or a file."


@dataclass
class Resolved:
    path: Path
    entry: IndexedJournal | None = None  # when the journal is in the journal folder's index
    note: str | None = None  # e.g. which other journals share the date


def resolve(ref: str, journal_dir: Path, index: Index) -> Resolved:
    """The journal ``ref`` names; raises ``JournalError`` with a plain message."""
    text = ref.strip()
    if not text:
        raise JournalError(f"Name a journal. {HOW}")
    if len(text) > MAX_REF or any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in text):
        raise JournalError(f"No journal matches that name. {HOW}")
    if "/" in text or "\\" in text or text.endswith(".md") or text.startswith("~"):
        path = Path(text).expanduser()
        # Whatever is there is handed to the reader, which says plainly why a folder, a pipe
        # or a device is not a journal.
        if path.exists():
            return Resolved(path)
        if not path.is_absolute() and (journal_dir / text).exists():
            return Resolved(journal_dir / text)
        raise JournalError(f"There is no journal file {text}. {HOW}")
    return _resolve(text, journal_dir, index)


def _resolve(text: str, journal_dir: Path, index: Index) -> Resolved:
    key = text.lower()
    if key == LATEST:
        return _latest(journal_dir, index)
    number = key[1:] if key.startswith("#") else key
    if number.isascii() and number.isdigit():
        found = index.entries(ref=int(number) if len(number) < 19 else -1)
        if not found:
            total = index.count()
            span = f" Numbers go from 1 to {total}." if total else ""
            shown = number if len(number) <= 12 else number[:12] + "…"
            raise JournalError(f"No journal has the number {shown}.{span} {HOW}")
        return Resolved(found[0].path, found[0])
    if _DATE.match(key):
        same_day = index.entries(Filters(since=key, until=key))
        if not same_day:
            raise JournalError(f"No journal is dated {key}. {HOW}")
        note = None
        if len(same_day) > 1:
            others = ", ".join(str(e.ref) for e in same_day[1:])
            note = (
                f"{len(same_day)} journals are dated {key}; this is the newest ({same_day[0].ref})."
                f" The others: {others}."
            )
        return Resolved(same_day[0].path, same_day[0], note)
    try:
        for name in (text, f"{text}.md"):
            if (journal_dir / name).is_file():
                entry = index.entries(name=name)
                return Resolved(journal_dir / name, entry[0] if entry else None)
        if Path(text).expanduser().is_file():
            return Resolved(Path(text).expanduser())
    except OSError:  # a name the file system cannot take (too long, say): no such journal
        pass
    if len(key) >= 3 and LATEST.startswith(key):  # "lat", "Late": the one word a ref may be
        return _latest(journal_dir, index)
    raise JournalError(f"No journal matches {text!r}.{_did_you_mean(text, index)} {HOW}")


def _latest(journal_dir: Path, index: Index) -> Resolved:
    newest = index.entries(limit=1)
    if not newest:
        raise JournalError(f"There are no journals in {journal_dir} yet.")
    return Resolved(newest[0].path, newest[0])


def _did_you_mean(text: str, index: Index) -> str:
    """`` Did you mean `latest`?`` for a word close to ``latest`` or to a recent journal's
    file name; nothing when none is close (or the index cannot say)."""
    names = [LATEST]
    with contextlib.suppress(Exception):  # a hint is never worth a second error
        names += [e.path.stem for e in index.entries(limit=RECENT)]
    return did_you_mean(suggest(text, candidates(names)))
