"""Days and lengths of time as people type them right after a session: ``2026-12-04``,
``yesterday``, ``last Tuesday``, ``18 December``, ``in 2 weeks``, ``next Tuesday``; ``50``,
``1h30``, ``an hour``.

Pure functions: the day words count from is always given. A weekday or a day of the month
without a year looks back for a day that has been (``PAST``: when a session took place) and
forward for one to come (``FUTURE``: the next session). Forms that could be read two ways
(``04/12/2026``: April or December?) are not guessed at; the caller asks again, naming the forms
that work, and says back how it understood any form it took.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

PAST, FUTURE = "past", "future"
MAX_MINUTES = 24 * 60

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_UNITS = {"day": 1, "week": 7, "fortnight": 14}
_COUNT = r"(\d{1,3}|" + "|".join(_NUMBERS) + r")"
_UNIT = r"(days?|weeks?|fortnights?|months?)"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_IN = re.compile(rf"(?:in )?{_COUNT} {_UNIT}(?: (?:from now|from today|time))?")
_AGO = re.compile(rf"{_COUNT} {_UNIT} ago")
_WEEKDAY = re.compile(r"(?:(next|this|last|on|coming) )?([a-z]{3,9})")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]{3,9})(?: (\d{4}))?")
_MONTH_DAY = re.compile(r"([a-z]{3,9}) (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?")


def read_day(text: str, today: date, toward: str) -> date | None:
    """The day ``text`` names, or None when it is not a form read here."""
    words = " ".join(text.lower().replace(",", " ").replace(".", " ").split())
    if not words:
        return None
    if m := _ISO.fullmatch(words):
        return _date(int(m[1]), int(m[2]), int(m[3]))
    fixed = {"today": 0, "tomorrow": 1, "yesterday": -1, "next week": 7, "last week": -7,
             "a week ago": -7}
    if words in fixed:
        return today + timedelta(days=fixed[words])
    if m := _AGO.fullmatch(words):
        return _moved(today, m[1], m[2], -1)
    # "2 weeks" alone only looks forward; "in 2 weeks" always does.
    if (m := _IN.fullmatch(words)) and (
            words.startswith("in ") or toward == FUTURE or "from" in words):
        return _moved(today, m[1], m[2], 1)
    if m := _WEEKDAY.fullmatch(words):
        return _weekday(m[1], m[2], today, toward)
    if m := _DAY_MONTH.fullmatch(words):
        return _in_year(int(m[1]), m[2], m[3], today, toward)
    if m := _MONTH_DAY.fullmatch(words):
        return _in_year(int(m[2]), m[1], m[3], today, toward)
    return None


def read_minutes(text: str) -> int | None:
    """A length of time in whole minutes: ``50``, ``50 min``, ``1h30``, ``1.5 hours``,
    ``an hour``, ``1 hour 15 minutes``; None when it is not one (or longer than a day)."""
    words = " ".join(text.lower().replace(",", ".").split())
    words = re.sub(r"^(?:an|one) (?=h)", "1 ", words)
    if words.isdigit():
        minutes = int(words) if len(words) <= 5 else -1
    elif m := re.fullmatch(r"(\d{1,3})\s*m(?:in(?:ute)?s?)?", words):
        minutes = int(m[1])
    elif m := re.fullmatch(
            r"(\d{1,2}(?:\.\d{1,2})?)\s*h(?:ours?|rs?)?(?:\s*(?:and\s*)?(\d{1,2})\s*"
            r"(?:m(?:in(?:ute)?s?)?)?)?", words):
        minutes = round(float(m[1]) * 60) + (int(m[2]) if m[2] else 0)
    else:
        return None
    return minutes if 0 < minutes <= MAX_MINUTES else None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _moved(today: date, count: str, unit: str, sign: int) -> date | None:
    number = _NUMBERS[count] if count in _NUMBERS else int(count)
    unit = unit.rstrip("s")
    if unit == "month":
        months = today.month - 1 + sign * number
        year, month = today.year + months // 12, months % 12 + 1
        if not 1 <= year <= 9999:
            return None
        return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    try:
        return today + timedelta(days=sign * number * _UNITS[unit])
    except OverflowError:
        return None


def _named(word: str, names: tuple[str, ...]) -> int | None:
    """The index of the name ``word`` starts (at least three letters: "tue", "sept")."""
    found = [n for n, name in enumerate(names) if len(word) >= 3 and name.startswith(word)]
    return found[0] if len(found) == 1 else None


def _weekday(which: str | None, word: str, today: date, toward: str) -> date | None:
    day = _named(word, _WEEKDAYS)
    if day is None:
        return None
    ahead = (day - today.weekday()) % 7
    if which in ("next", "coming") or (which in (None, "on", "this") and toward == FUTURE):
        return today + timedelta(days=ahead or 7)
    if which == "last":
        return today - timedelta(days=(7 - ahead) % 7 or 7)
    if which == "this" and ahead:
        return today + timedelta(days=ahead)
    return today - timedelta(days=(7 - ahead) % 7)  # the latest one, today included


def _in_year(day: int, word: str, year: str | None, today: date, toward: str) -> date | None:
    month = _named(word, _MONTHS)
    if month is None:
        return None
    if year is not None:
        return _date(int(year), month + 1, day)
    found = _date(today.year, month + 1, day)
    if found is None:
        return None
    if toward == FUTURE and found < today:
        return _date(today.year + 1, month + 1, day)
    if toward == PAST and found > today:
        return _date(today.year - 1, month + 1, day)
    return found
