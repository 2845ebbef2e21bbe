"""The journal folder: save a journal under a name nobody else has, list the files, and read
one (through ``format``, the one reader). Looking back over many journals is the journal
index's job (``history``), which reads each file through ``read_journal`` here.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

from ..errors import JournalError
from ..storage import atomic_write, ensure_private_dir
from .format import JournalFormatError, parse, render
from .model import KIND_SHARE, Journal

SUFFIX = ".md"
WELCOME_MARKER = ".peersup"
MAX_SAME_DAY = 1000


# -- names ---------------------------------------------------------------------------------------
def slugify(name: str, limit: int = 40) -> str:
    """A safe file-name part for a supervisee's name: 'Zoë O'Neil' -> 'zoe-o-neil'."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")
    if slug:
        return slug
    # A name with no Latin letters still gets a stable name of its own.
    import hashlib

    return "supervisee-" + hashlib.sha256(name.strip().encode("utf-8")).hexdigest()[:8]


def base_name(journal: Journal) -> str:
    """``2026-12-04-peer-supporter``, ``...-supervisor-prep-alex``, ``...-supervisor-record-alex``,
    ``2026-12-04-share`` (``-alex`` once a supervisor keeps it for Alex)."""
    day = journal.date.strftime("%Y-%m-%d")
    who = f"-{slugify(journal.supervisee)}" if journal.supervisee is not None else ""
    if journal.kind == KIND_SHARE:
        return f"{day}-share{who}"
    if journal.supervisee is not None:
        return f"{day}-{journal.role}-{journal.kind}{who}"
    return f"{day}-{journal.role}"


# -- writing -------------------------------------------------------------------------------------
def save_journal(journal_dir: Path, journal: Journal, *, replace: Path | None = None) -> Path:
    """Write ``journal`` and return its path.

    A new journal takes the first free name of ``NAME.md``, ``NAME-2.md``, ``NAME-3.md`` ...;
    an existing file is never overwritten. ``replace`` is the one exception: the partial journal
    of this same session, swapped atomically for the new text.
    """
    text = render(journal)
    ensure_private_dir(journal_dir)
    if replace is not None:
        return atomic_write(replace, text, overwrite=True)
    base = base_name(journal)
    for n in range(1, MAX_SAME_DAY + 1):
        path = journal_dir / (f"{base}{SUFFIX}" if n == 1 else f"{base}-{n}{SUFFIX}")
        try:
            return atomic_write(path, text, overwrite=False)
        except FileExistsError:
            continue
    raise JournalError(f"There are already {MAX_SAME_DAY} journals named {base} in {journal_dir}.")


def is_first_run(journal_dir: Path) -> bool:
    return not (journal_dir / WELCOME_MARKER).exists()


def mark_welcomed(journal_dir: Path) -> None:
    """Remember that the welcome was shown (a tiny marker file in the journal folder)."""
    ensure_private_dir(journal_dir)
    atomic_write(journal_dir / WELCOME_MARKER, "peersup journal folder\n")


# -- reading -------------------------------------------------------------------------------------
MAX_JOURNAL_BYTES = 5 * 1024 * 1024  # peersup writes 5-30 KiB; a file this large is not ours


def name_order(name: str) -> tuple[str, int]:
    """"2026-11-22-peer-supporter.md" comes before "...-2.md", which comes before "...-10.md"."""
    stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    base, dash, number = stem.rpartition("-")
    if dash and number.isdecimal() and len(number) < 10:
        return base, int(number)
    return stem, 1


def is_journal_name(name: str) -> bool:
    """Journals are ``*.md`` files; hidden files (drafts, temporary files) are not."""
    return name.endswith(SUFFIX) and not name.startswith(".")


def list_journals(journal_dir: Path) -> list[Path]:
    """Every journal file in the folder, by name: by date, then same-day order."""
    try:
        found = [p for p in journal_dir.iterdir() if is_journal_name(p.name) and p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: name_order(p.name))


def read_text(path: Path | str) -> str:
    """A journal's text exactly as stored (no newline translation, so a "\r" typed in an
    answer stays a "\r"). Only a regular file of at most ``MAX_JOURNAL_BYTES`` is read: a
    FIFO or a device (``/dev/zero``) is refused at once, never waited on or read without end.

    Raises ``JournalFormatError`` with the reason in plain words.
    """
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer (0 where the platform lacks it).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise JournalFormatError("there is no such file") from None
    except IsADirectoryError:
        raise JournalFormatError("it is a folder, not a journal") from None
    except OSError as exc:
        raise JournalFormatError(f"it cannot be opened ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise JournalFormatError("it is a folder, not a journal")
        if not stat.S_ISREG(info.st_mode):
            raise JournalFormatError("it is not a regular file")
        if info.st_size > MAX_JOURNAL_BYTES:
            raise JournalFormatError(f"it is larger than {MAX_JOURNAL_BYTES // (1024 * 1024)} MB")
        parts = []
        left = MAX_JOURNAL_BYTES + 1
        while left > 0:  # a regular file comes in one read; the loop is for the rest
            asked = min(left, max(info.st_size + 1, 65536))
            part = os.read(fd, asked)
            parts.append(part)
            left -= len(part)
            if len(part) < asked:  # a regular file reads short only at its end
                break
        raw = parts[0] if len(parts) == 1 else b"".join(parts)
    except OSError as exc:
        raise JournalFormatError(f"it cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(raw) > MAX_JOURNAL_BYTES:  # it grew while we looked
        raise JournalFormatError(f"it is larger than {MAX_JOURNAL_BYTES // (1024 * 1024)} MB")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise JournalFormatError("it is not UTF-8 text") from None


def read_journal(path: Path) -> Journal:
    """THE way to read one journal file, whoever asks (index, look-back, show, compare,
    export): a ``Journal``, or ``JournalFormatError`` with the reason in plain words."""
    return parse(read_text(path))


def load_journal(path: Path) -> Journal:
    """``read_journal`` for a command that names one file: a ``JournalError`` naming it."""
    try:
        return read_journal(path)
    except JournalFormatError as exc:
        if str(exc) == "there is no such file":
            raise JournalError(f"There is no journal at {path}.") from None
        raise JournalError(f"{path} is not a peersup journal: {exc}.") from None


def same_person(a: str, b: str) -> bool:
    """Supervisee names match whatever the case and spacing they were typed with."""
    return person_key(a) == person_key(b)


def person_key(name: str) -> str:
    """A supervisee's name folded for matching: any case (É and é too), any spacing."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()
