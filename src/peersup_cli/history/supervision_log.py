"""The supervision log: each recorded session, and totals per supervisee per month, for an
agency's documentation and certification renewals. Pure functions over records read elsewhere
(``by_kind.records``); ``to_json`` and ``to_csv`` are the two machine formats, documented in
the README ("The supervision log") and kept stable.

A session's date is the day its record says it was held; a record that does not say is dated
by its journal: the day on the clock it was written by, as ``journal list`` shows it (a record
written at 23:30 in New York on 30 November counts in November, though it was 1 December in
UTC). Its month is that date's month.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from ..journal.model import Journal
from ..journal.store import person_key
from .by_kind import Found

JSON_VERSION = 1
# The CSV's one header row: a session row has ``kind`` "session", a month's total "total".
CSV_COLUMNS = ("kind", "month", "date", "supervisee", "sessions", "minutes", "hours", "format",
               "mode", "next_session", "file")
# A spreadsheet opening a .csv file needs the byte order mark to read it as UTF-8 (Excel on
# Windows takes a file without it for the computer's code page, and accents come out wrong).
BOM = "\ufeff"


@dataclass(frozen=True)
class Session:
    """One recorded supervision session."""

    day: date
    supervisee: str
    minutes: int | None
    format: str | None  # "individual" or "group", as recorded
    mode: str | None  # "in person", "video" or "phone"
    next_session: date | None
    path: Path

    @property
    def month(self) -> str:
        return self.day.strftime("%Y-%m")


@dataclass
class MonthTotal:
    """One supervisee's sessions in one month."""

    supervisee: str
    month: str  # YYYY-MM
    sessions: int = 0
    minutes: int = 0
    without_minutes: int = 0  # sessions whose length was not recorded (not in ``minutes``)

    @property
    def hours(self) -> Decimal:
        return hours(self.minutes)


@dataclass
class Log:
    sessions: list[Session] = field(default_factory=list)  # oldest first
    totals: list[MonthTotal] = field(default_factory=list)  # by supervisee, then month


def hours(minutes: int) -> Decimal:
    """Minutes as hours to one decimal, halves rounded up (45 minutes: 0.8; 15: 0.3)."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def session_day(journal: Journal) -> date:
    """The day a record's session took place: as recorded, else the journal's own date."""
    held = journal.record.held if journal.record is not None else None
    return held if held is not None else journal.date.date()


def build_log(
    found: Iterable[Found], since: str | None = None, until: str | None = None
) -> Log:
    """The log of these records, between ``since`` and ``until`` (YYYY-MM-DD, both included)
    by the session's date."""
    sessions = []
    for path, journal in ((f.path, f.journal) for f in found):
        record = journal.record
        if record is None or journal.supervisee is None:
            continue
        day = session_day(journal)
        if (since and day.isoformat() < since) or (until and day.isoformat() > until):
            continue
        sessions.append(Session(day, journal.supervisee, record.minutes, record.format,
                                record.mode, record.next_session, path))
    sessions.sort(key=lambda s: (s.day, person_key(s.supervisee), s.path.name))
    return Log(sessions, month_totals(sessions))


def month_totals(sessions: list[Session]) -> list[MonthTotal]:
    """Per supervisee (their name as last written) and month, in that order."""
    names: dict[str, str] = {}
    totals: dict[tuple[str, str], MonthTotal] = {}
    for s in sessions:  # oldest first: the newest spelling of a name is kept
        key = person_key(s.supervisee)
        names[key] = s.supervisee
        total = totals.setdefault((key, s.month), MonthTotal(s.supervisee, s.month))
        total.sessions += 1
        if s.minutes is None:
            total.without_minutes += 1
        else:
            total.minutes += s.minutes
    for (key, _), total in totals.items():
        total.supervisee = names[key]
    return [totals[k] for k in sorted(totals)]


# -- machine formats ---------------------------------------------------------------------------
def to_json(log: Log) -> dict[str, Any]:
    """The log as JSON data: ``version``, ``sessions`` (oldest first) and ``totals``."""
    return {
        "version": JSON_VERSION,
        "sessions": [
            {"date": s.day.isoformat(), "month": s.month, "supervisee": s.supervisee,
             "minutes": s.minutes, "format": s.format, "mode": s.mode,
             "next_session": s.next_session.isoformat() if s.next_session else None,
             "path": str(s.path)}
            for s in log.sessions
        ],
        "totals": [
            {"supervisee": t.supervisee, "month": t.month, "sessions": t.sessions,
             "minutes": t.minutes, "hours": float(t.hours), "without_minutes": t.without_minutes}
            for t in log.totals
        ],
    }


def to_csv(log: Log, *, line_end: str = "\r\n", bom: bool = True) -> str:
    """The log as one CSV table: a header row, a row per session, then a row per month's total.
    Dates are ISO (YYYY-MM-DD), hours have a decimal point, every cell is quoted only where
    it must be (a name with a comma in it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=line_end)
    writer.writerow(CSV_COLUMNS)
    for s in log.sessions:
        writer.writerow(["session", s.month, s.day.isoformat(), _cell(s.supervisee), 1,
                         _blank(s.minutes), _blank(hours(s.minutes) if s.minutes is not None
                                                   else None),
                         _cell(s.format), _cell(s.mode),
                         s.next_session.isoformat() if s.next_session else "", s.path.name])
    for t in log.totals:
        writer.writerow(["total", t.month, "", _cell(t.supervisee), t.sessions, t.minutes,
                         t.hours, "", "", "", ""])
    return (BOM if bom else "") + out.getvalue()


def _blank(value: object) -> object:
    return "" if value is None else value


def _cell(text: str | None) -> str:
    """Text for a cell. One that starts with = + - or @ would be run as a formula by a
    spreadsheet (a name typed as "=HYPERLINK(...)"): a leading apostrophe keeps it text."""
    if not text:
        return ""
    return f"'{text}" if text[0] in "=+-@\t\r" else text
