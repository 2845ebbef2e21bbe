"""The journal folder: save a journal under a name nobody else has, list, load, and look back.

The look-back functions (``last_times``, ``last_reflected``, ``latest_prep``,
``partial_journals``) read every journal's front matter facts through ``entries``, which asks
the journal index (``history``) and falls back to reading the files when the index cannot help.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import JournalError
from ..storage import atomic_write, ensure_private_dir
from .format import JournalFormatError, parse, parse_front_matter, render, split_front_matter
from .model import Journal

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
    day = journal.date.strftime("%Y-%m-%d")
    if journal.supervisee is not None:
        return f"{day}-{journal.role}-prep-{slugify(journal.supervisee)}"
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
_SAME_DAY = re.compile(r"^(.*?)(?:-(\d+))?$")


def _name_order(path: Path) -> tuple[str, int]:
    # "2026-11-22-peer-supporter.md" comes before "...-2.md", which comes before "...-10.md".
    return _stem_order(path.stem)


def _stem_order(stem: str) -> tuple[str, int]:
    m = _SAME_DAY.match(stem)
    assert m is not None
    return (m.group(1), int(m.group(2) or 1)) if m.group(2) else (stem, 1)


def list_journals(journal_dir: Path) -> list[Path]:
    """Every journal file in the folder, by name: by date, then same-day order."""
    try:
        found = [
            p for p in journal_dir.iterdir()
            if p.suffix == SUFFIX and not p.name.startswith(".") and p.is_file()
        ]
    except OSError:
        return []
    return sorted(found, key=_name_order)


def read_text(path: Path) -> str:
    """A journal's text exactly as stored: no newline translation, so a "\r" typed in an
    answer stays a "\r"."""
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def load_journal(path: Path) -> Journal:
    """Read one journal; a plain ``JournalError`` if it is missing or cannot be read."""
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise JournalError(f"There is no journal at {path}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise JournalError(f"Could not read the journal {path}: {exc}.") from None
    try:
        return parse(text)
    except JournalFormatError as exc:
        raise JournalError(f"Could not read the journal {path}: {exc}.") from None


def read_front_matter(path: Path) -> dict[str, Any] | None:
    """The front matter of ``path``, or None when it cannot be read (the file is skipped)."""
    try:
        return parse_front_matter(split_front_matter(read_text(path))[0])
    except (OSError, UnicodeDecodeError, JournalFormatError):
        return None


@dataclass(frozen=True)
class Entry:
    """One journal's front matter facts, enough to look back without reading the body."""

    path: Path
    date: datetime
    role: str
    framework: str
    values: tuple[str, ...]
    ratings: dict[str, int]
    status: str
    supervisee: str | None


def front_matter_facts(fm: dict[str, Any]) -> tuple[tuple[str, ...], dict[str, int]]:
    """The values and ratings a front matter lists, as the look-back reads them (the journal
    index keeps exactly these, so both ways of looking back agree)."""
    ratings = fm.get("ratings") if isinstance(fm.get("ratings"), dict) else {}
    values = fm.get("values") if isinstance(fm.get("values"), list) else []
    return (
        tuple(str(v) for v in values or []),
        {str(k): v for k, v in (ratings or {}).items() if isinstance(v, int)},
    )


def entries(
    journal_dir: Path, *, role: str | None = None, preps: bool = False, partial: bool = False
) -> list[Entry]:
    """Every readable journal's facts, oldest first; only this ``role``'s, only supervision
    preps, or only partial journals when asked.

    Answered from the journal index (a warm index costs a directory scan and one query, where
    reading 10,000 front matters costs seconds); whatever goes wrong there, from the files.
    """
    try:
        return indexed_entries(journal_dir, role=role, preps=preps, partial=partial)
    except Exception:
        return [
            e for e in scanned_entries(journal_dir)
            if (role is None or e.role == role) and (not preps or e.supervisee is not None)
            and (not partial or e.status == "partial")
        ]


def indexed_entries(
    journal_dir: Path, *, role: str | None = None, preps: bool = False, partial: bool = False
) -> list[Entry]:
    """``entries`` from the journal index (which brings itself up to date first)."""
    import json

    from ..history.lookback import journal_facts

    rows = journal_facts(journal_dir, role=role, preps=preps, partial=partial)
    facts = [(name, *json.loads(lookback), rest) for name, lookback, *rest in rows]
    dates = {name: datetime.fromisoformat(date) for name, date, _, _, _ in facts}
    # The order the scan gives: by the moment, then as ``list_journals`` orders the names.
    facts.sort(key=lambda f: (_sort_key(dates[f[0]]), _stem_order(f[0][:-3]), f[0]))
    return [
        Entry(path=journal_dir / name, date=dates[name], role=row_role, framework=framework,
              values=tuple(values), ratings=ratings, status=status, supervisee=supervisee)
        for name, _, values, ratings, (row_role, framework, status, supervisee) in facts
    ]


def scanned_entries(journal_dir: Path) -> list[Entry]:
    """``entries`` read from every journal's front matter."""
    out: list[Entry] = []
    for path in list_journals(journal_dir):
        fm = read_front_matter(path)
        if fm is None:
            continue
        values, ratings = front_matter_facts(fm)
        supervisee = fm.get("supervisee")
        out.append(
            Entry(
                path=path,
                date=fm["date"],
                role=fm["role"],
                framework=fm["framework"],
                values=values,
                ratings=ratings,
                status=str(fm.get("status") or "complete"),
                supervisee=None if supervisee is None else str(supervisee),
            )
        )
    # Same moment (two sessions in one second): the file-name order decides.
    out.sort(key=lambda e: _sort_key(e.date))
    return out


def _sort_key(date: datetime) -> float:
    # Journals written in different time zones still sort by the moment they were written.
    return date.timestamp() if date.tzinfo else date.replace(tzinfo=None).timestamp()


# -- looking back --------------------------------------------------------------------------------
@dataclass(frozen=True)
class LastTime:
    value_id: str
    date: datetime
    rating: int | None
    rating_label: str | None
    action_plan: str | None
    path: Path


def last_reflected(journal_dir: Path, role: str) -> dict[str, datetime]:
    """For each value id: when this role last reflected on it."""
    out: dict[str, datetime] = {}
    for entry in entries(journal_dir, role=role):
        if entry.role == role:
            for value_id in entry.values:
                out[value_id] = entry.date
    return out


def last_times(
    journal_dir: Path, role: str, *, exclude: Path | None = None
) -> dict[str, LastTime]:
    """For each value id: what this role said about it last time (rating, date, planned action).

    ``exclude`` leaves out one file (the partial journal of the session being resumed).
    """
    newest: dict[str, Entry] = {}
    for entry in entries(journal_dir, role=role):
        if entry.role == role and entry.path != exclude:
            for value_id in entry.values:
                newest[value_id] = entry
    loaded: dict[Path, Journal | None] = {}
    out: dict[str, LastTime] = {}
    for value_id, entry in newest.items():
        if entry.path not in loaded:
            try:
                loaded[entry.path] = load_journal(entry.path)
            except JournalError:
                loaded[entry.path] = None
        journal = loaded[entry.path]
        reflection = journal.reflection(value_id) if journal else None
        out[value_id] = LastTime(
            value_id=value_id,
            date=entry.date,
            rating=reflection.rating if reflection else entry.ratings.get(value_id),
            rating_label=reflection.rating_label if reflection else None,
            action_plan=journal.action_plan if journal else None,
            path=entry.path,
        )
    return out


def previous_reflection(journal_dir: Path, role: str, value_id: str) -> LastTime | None:
    """What this role said about one value last time, or None if never."""
    return last_times(journal_dir, role).get(value_id)


def same_person(a: str, b: str) -> bool:
    """Supervisee names match whatever the case and spacing they were typed with."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def latest_prep(
    journal_dir: Path,
    supervisee: str,
    *,
    complete_only: bool = False,
    exclude: Path | None = None,
) -> tuple[Path, Journal] | None:
    """The newest prep journal for ``supervisee`` that can be read, or None."""
    for entry in reversed(entries(journal_dir, preps=True)):
        if entry.supervisee is None or entry.path == exclude:
            continue
        if not same_person(entry.supervisee, supervisee):
            continue
        if complete_only and entry.status != "complete":
            continue
        try:
            return entry.path, load_journal(entry.path)
        except JournalError:
            continue
    return None


def partial_journals(journal_dir: Path) -> list[Entry]:
    """Journals saved as unfinished, oldest first."""
    return [e for e in entries(journal_dir, partial=True) if e.status == "partial"]
