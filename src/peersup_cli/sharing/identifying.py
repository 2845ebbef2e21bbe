"""Details in a person's words that could identify someone they support: an offline check.

``find_identifying`` looks for phone numbers, email addresses, street addresses, dates that look
like dates of birth and common first names (``names.py``), and says where each one is, so that
the person can keep, remove or edit the text before it is shared. It is a helper, not a
guarantee: it knows shapes and a list of names, and docs/identifying-details.md says what it finds
and what it cannot.

Everything from a journal is untrusted text, so every pattern here starts only where a run of
characters starts (a look-behind refuses the middle of a run) and every repeat is bounded: no text
can make a pattern backtrack without bound, and the time taken grows linearly with the text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .. import messages as msg
from .names import find_names
from .names import words_of as _words

__all__ = ["REASONS", "Finding", "Kind", "find_identifying"]


class Kind(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "street address"
    BIRTH_DATE = "birth date"
    NAME = "name"


# The sentence a person reads about each finding (the words live in messages/).
REASONS: dict[Kind, str] = {kind: msg.IDENTIFYING_REASONS[kind.value] for kind in Kind}

# When two findings overlap, the one whose kind comes first here is kept.
_PRIORITY = {kind: n for n, kind in enumerate(
    (Kind.EMAIL, Kind.BIRTH_DATE, Kind.ADDRESS, Kind.PHONE, Kind.NAME)
)}
# A full date with a year in [1900, this year - 10] is taken for a date of birth on its own.
BIRTH_YEARS_FROM = 1900
RECENT_YEARS = 10


@dataclass(frozen=True, slots=True)
class Finding:
    kind: Kind
    start: int  # text[start:end] is the detail found
    end: int
    text: str
    reason: str  # a plain sentence for the person


def find_identifying(
    text: str, *, vocabulary: Collection[str] = (), today: date | None = None
) -> list[Finding]:
    """Every detail in ``text`` that could identify someone, in order, none overlapping another.

    ``vocabulary``: words or phrases never taken for a name (the titles and terms of the
    guidelines in use, for a framework of one's own). ``today`` sets which years are recent.
    """
    words = frozenset(w for phrase in vocabulary for w in phrase.split())
    year = (today or date.today()).year
    found: list[tuple[int, int, Kind]] = []
    if "@" in text:
        found += ((m.start(), m.end(), Kind.EMAIL) for m in _EMAIL.finditer(text))
    # Phone numbers, addresses and dates all hold digits: they are looked for only near digits.
    for lo, hi in _digit_windows(text):
        found += ((s, e, Kind.PHONE) for s, e in _phones(text, lo, hi))
        found += ((s, e, Kind.ADDRESS) for s, e in _addresses(text, lo, hi))
        found += ((s, e, Kind.BIRTH_DATE) for s, e in _birth_dates(text, lo, hi, year))
    found += ((n.start, n.end, Kind.NAME) for n in find_names(text, words))
    return [
        Finding(kind, start, end, text[start:end], REASONS[kind])
        for start, end, kind in _without_overlaps(found)
    ]


def _without_overlaps(found: list[tuple[int, int, Kind]]) -> list[tuple[int, int, Kind]]:
    """Sorted by start; of overlapping findings, one of a kind is joined into one, and of two
    kinds the one with the higher priority is kept."""
    kept: list[tuple[int, int, Kind]] = []
    for start, end, kind in sorted(found, key=lambda f: (f[0], _PRIORITY[f[2]], -f[1])):
        if kept and start < kept[-1][1]:
            last_start, last_end, last_kind = kept[-1]
            if kind == last_kind:
                kept[-1] = (last_start, max(last_end, end), kind)
            elif _PRIORITY[kind] < _PRIORITY[last_kind]:
                kept[-1] = (start, end, kind)
            continue
        kept.append((start, end, kind))
    return kept


_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s")
# How far before its first digit a detail may start ("date of birth: ", a town before a ZIP code)
# and after its last digit it may run on (three words of a street's name and its type).
REACH_BEFORE = 64
REACH_AFTER = 160


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """The parts of ``text`` within reach of its digits, none overlapping another, each ending
    where a space or a line break starts (a pattern's look-ahead at a window's end then sees what
    it would see in the whole text; its look-behind sees the whole text anyway)."""
    spans: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(text):
        lo, hi = max(0, m.start() - REACH_BEFORE), min(len(text), m.end() + REACH_AFTER)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    windows: list[tuple[int, int]] = []
    start = -1
    for n, (lo, hi) in enumerate(spans):
        start = lo if start < 0 else start
        # Look for the space only up to the next span, so that the text is scanned once.
        limit = spans[n + 1][0] if n + 1 < len(spans) else len(text)
        space = _SPACE.search(text, hi, limit)
        if space is not None or limit == len(text):
            windows.append((start, space.start() if space is not None else limit))
            start = -1
    return windows


# -- email addresses ---------------------------------------------------------------------------
_EMAIL = re.compile(
    r"(?<![\w.%+'-])[\w.%+'-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}"
    r"\.[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z0-9])"
)

# -- phone numbers -----------------------------------------------------------------------------
# A country code, an area code in brackets, then up to six groups of digits (the first may be a
# whole number written without spaces), each separated by one space, dot or dash. What it
# matches is then judged by its digits (``_is_phone``).
# A phone number never starts right after one of these: it would be inside a word, a number, a
# date, an address or an amount. Each branch looks behind only after its first character: the
# engine then skips in C to where that character is, instead of looking behind everywhere.
_NOT_BEFORE_PHONE = r"[\w+@/.:,$£€-]"
_PHONE = re.compile(
    rf"(?:\+(?<!{_NOT_BEFORE_PHONE}\+)\d{{1,3}}[ .-]?(?:\(0\)[ .-]?)?(?:\(\d{{1,5}}\)[ .-]?)?\d"
    rf"|\((?<!{_NOT_BEFORE_PHONE}\()\d{{1,5}}\)[ .-]?\d"
    rf"|\d(?<!{_NOT_BEFORE_PHONE}\d))"
    r"\d{0,10}(?:[ .-]\d{1,6}){0,5}"
    r"(?![\w/%@]|[.,:-]\d)"
)
_DIGIT_RUN = re.compile(r"\d+")
_LOCAL_NUMBER = re.compile(r"\d{3}[.-]\d{4}")  # 555-0123: a US number without its area code
_YEARLIKE = re.compile(r"(?:19|20)\d\d")


def _phones(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    for m in _PHONE.finditer(text, lo, hi):
        if _is_phone(m.group()):
            yield m.start(), m.end()


def _is_phone(candidate: str) -> bool:
    groups = _DIGIT_RUN.findall(candidate)
    digits = sum(map(len, groups))
    international = candidate.startswith("+")
    if international:
        groups = groups[1:]  # the country code
    if digits == 7 and not international:
        return _LOCAL_NUMBER.fullmatch(candidate) is not None
    if not 8 <= digits <= 15:
        return False
    if len(groups) == 1:
        return international or digits in (10, 11)  # 6175550123, 07700900123
    if any(len(g) > 6 for g in groups):
        return False
    if all(len(g) == 4 and _YEARLIKE.fullmatch(g) for g in groups):
        return False  # 2019 2020, 2019-2020
    if sum(len(g) == 1 for g in groups) > 1:
        return False  # a run of small numbers: "3 4 3 2 4 1 3 4"
    if len(groups) == 3 and _is_numeric_date(groups):
        return False
    # 10 000 000: thousands, not a phone number (those start with 0 or have longer groups)
    return international or not (
        len(groups[0]) <= 3 and not groups[0].startswith("0")
        and all(len(g) == 3 for g in groups[1:])
    )


def _is_numeric_date(groups: list[str]) -> bool:
    first, middle, last = groups
    if len(first) == 4 and _YEARLIKE.fullmatch(first):
        return len(middle) <= 2 and len(last) <= 2
    return len(first) <= 2 and len(middle) <= 2 and len(last) == 4


# -- street addresses --------------------------------------------------------------------------
# "12 Elm Street", "221B Baker St.", "3/45 Smith Road": a number, up to three words, a street
# type. With a street name in lowercase ("12 elm street") only the plainest street types count.
_STREET = re.compile(
    r"\d(?<![\w/.,-]\d)\d{0,4}[A-Za-z]?(?:[/-]\d{1,5}[A-Za-z]?)?,?[ \t]{1,3}"
    r"((?:[A-Za-z][A-Za-z'\u2019.-]{0,30}[ \t]{1,3}){1,3})"
    r"(Street|Road|Avenue|Boulevard|Drive|Lane|Court|Place|Terrace|Close|Crescent|Parade|Highway"
    r"|Circle|Square|Grove|Parkway|Way|St|Rd|Ave|Blvd|Dr|Ln|Ct|Pl|Tce|Cres|Pde|Hwy|Cir|Sq|Pkwy"
    r"|street|road|avenue|boulevard|st|rd|ave|blvd)\b\.?",
)
_LOWER_STREET_WORDS = _words(
    "a an the this that my your his her our their its of on in at to by for from and or but "
    "down up along across over into onto off out around near past more most few many some "
    "minutes minute hours hour miles mile blocks block times time days day weeks steps people "
    "years year months month am pm"
)
_UNIT = re.compile(
    r"(?:[Aa](?<![\w'\u2019][Aa])(?i:pt|partment)|F(?<![\w'\u2019]F)lat|S(?<![\w'\u2019]S)(?:uite|te))"
    r"\.?[ \t]{0,3}#?[ \t]{0,2}"
    r"\d{1,5}[A-Za-z]?(?!\w)"
)
_PO_BOX = re.compile(
    r"(?:[Pp](?<![\w.][Pp])(?i:[ \t]?\.?[ \t]?o\.?[ \t]?box|ost[ \t]office[ \t]box)"
    r"|[Gg](?<![\w.][Gg])(?i:po[ \t]box))"
    r"[ \t]{0,3}\d{1,7}(?!\w)"
)
_STATES = _words(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY"
)
# Postcodes, each starting with a capital (looked behind after it, as for phone numbers):
_POSTCODE = re.compile(
    r"[A-Z](?<![\w-][A-Z])(?:"
    # Boston, MA 02139 (a town, a US state and ZIP code) or MA 02139: the state is checked after
    r"(?:[a-z]{1,30},?[ \t]{1,2}(?P<state>[A-Z]{2})|(?P<second>[A-Z]))[ \t]\d{5}(?:-\d{4})?"
    # Bondi NSW 2026: an Australian suburb, state and postcode
    r"|[a-z]{1,30}[ \t]{1,2}(?:NSW|VIC|Vic|QLD|Qld|SA|WA|TAS|Tas|NT|ACT)[ \t]\d{4}"
    r"|[A-Z]?\d[A-Z\d]?[ \t]\d(?!AM|PM)[A-Z]{2}"  # SW1A 1AA: a UK postcode
    r")(?!\w)"
)
_ABBREVIATED = _words("St Rd Ave Blvd Dr Ln Ct Pl Tce Cres Pde Hwy Cir Sq Pkwy st rd ave blvd")
_PLAIN_STREET_TYPES = _words("street road avenue boulevard st rd ave blvd")


def _addresses(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    for m in _STREET.finditer(text, lo, hi):
        words = m.group(1).split()
        kind = m.group(2)
        named = all(w[0].isupper() for w in words) and kind[0].isupper()
        if named or (
            kind.lower() in _PLAIN_STREET_TYPES
            and not any(w.lower() in _LOWER_STREET_WORDS for w in words)
        ):
            # "Road." ends a sentence; "St." is an abbreviation whose full stop belongs to it.
            full_stop = m.group().endswith(".") and kind not in _ABBREVIATED
            yield m.start(), m.end() - full_stop
    for pattern in (_UNIT, _PO_BOX):
        yield from ((m.start(), m.end()) for m in pattern.finditer(text, lo, hi))
    for m in _POSTCODE.finditer(text, lo, hi):
        state = m.group("state") or (m.group()[0] + m.group("second") if m.group("second") else "")
        if not state or state in _STATES:
            yield m.start(), m.end()


# -- dates of birth ----------------------------------------------------------------------------
# A full month name, or three letters (four for "Sept") with or without a full stop.
_MONTH_NAMES = (
    r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|jun(?:e|\.)?|jul(?:y|\.)?"
    r"|aug(?:ust|\.)?|sep(?:tember|t\.?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?"
)
_MONTH_KEYS = _words("jan feb mar apr may jun jul aug sep oct nov dec")
_END_OF_DATE = r"(?![\w/]|[.-]\d)"
# Dates that start with a digit: 3/4/1987, 03-04-87, 1987-04-03, 3 April 1987, 3rd of Apr. 1987.
_DATE = re.compile(
    r"(?:"
    r"(?P<a>\d(?<![\w/.-]\d)\d?)(?P<s1>[/.-])(?P<b>\d{1,2})(?P=s1)(?P<y1>\d{4}|\d{2})"
    r"|(?P<y2>\d(?<![\w/.-]\d)\d{3})(?P<s2>[/.-])(?P<m2>\d{1,2})(?P=s2)(?P<d2>\d{1,2})"
    rf"|(?P<d3>\d(?<![\w/.-]\d)\d?)(?:st|nd|rd|th)?(?:[ \t]of)?[ \t]{{1,2}}(?P<m3>{_MONTH_NAMES})"
    r"(?:,?[ \t]{1,2}(?P<y3>\d{4}))?"
    rf"){_END_OF_DATE}",
    re.IGNORECASE,
)
# Dates that start with the month: April 3, 1987; Apr 3rd. The first letter is any month's (the
# engine skips in C to one of them) and ``_valid`` checks the whole name.
_MONTH_TAILS = (
    r"an(?:uary|\.)?|eb(?:ruary|\.)?|ar(?:ch|\.)?|pr(?:il|\.)?|ay|un(?:e|\.)?|ul(?:y|\.)?"
    r"|ug(?:ust|\.)?|ep(?:tember|t\.?|\.)?|ct(?:ober|\.)?|ov(?:ember|\.)?|ec(?:ember|\.)?"
)
_DATE_MONTH_FIRST = re.compile(
    rf"(?P<m4>[jfmasond](?<![\w/.-][jfmasond])(?:{_MONTH_TAILS}))"
    r"[ \t]{1,2}(?P<d4>\d{1,2})(?:st|nd|rd|th)?(?:,?[ \t]{1,2}(?P<y4>\d{4}))?"
    rf"{_END_OF_DATE}",
    re.IGNORECASE,
)
# Words that say a date is a date of birth, and how far after them it may stand.
_BIRTH_CUE = re.compile(
    r"[bd](?<!\w[bd])(?:(?P<born>(?<=b)orn|(?<=d)\.o\.b\.?|(?<=d)ob|(?<=d)ate[ \t]of[ \t]birth"
    r"|(?<=b)irth[ \t]?date)|(?<=b)irthday|(?<=b)-day)(?!\w)",
    re.IGNORECASE,
)
_CUE_REACH = 40
_YEAR = re.compile(r"[12](?<![\w/.-][12])(?:9|0)\d\d(?![\w/]|[.-]\d)")
_SENTENCE_END = re.compile(r"[!?\n]|\.[ \t]")


def _birth_dates(text: str, lo: int, hi: int, this_year: int) -> Iterator[tuple[int, int]]:
    for m in _BIRTH_CUE.finditer(text, lo, hi):
        end = _date_after(text, m.end(), born=m.group("born") is not None, this_year=this_year)
        if end is not None:
            yield m.start(), end
    latest = this_year - RECENT_YEARS
    for pattern in (_DATE, _DATE_MONTH_FIRST):
        for m in pattern.finditer(text, lo, hi):
            year = _full_year(m)
            if year is not None and BIRTH_YEARS_FROM <= year <= latest and _valid(m):
                yield m.start(), m.end()


def _date_after(text: str, at: int, born: bool, this_year: int) -> int | None:
    """Where a date (any date after "birthday"; after "born" or "DOB" a year alone too) that
    stands in the same sentence within ``_CUE_REACH`` characters of ``at`` ends."""
    stop = _SENTENCE_END.search(text, at, at + _CUE_REACH)
    limit = stop.start() + 1 if stop is not None else min(len(text), at + _CUE_REACH)
    found = (p.search(text, at, limit) for p in (_DATE, _DATE_MONTH_FIRST))
    dates = [m for m in found if m is not None and _valid(m)]
    if dates:
        return min(dates, key=lambda m: m.start()).end()
    if born:
        year = _YEAR.search(text, at, limit)
        if year is not None and BIRTH_YEARS_FROM <= int(year.group()) <= this_year:
            return year.end()
    return None


def _full_year(m: re.Match[str]) -> int | None:
    groups = m.groupdict()
    for group in ("y1", "y2", "y3", "y4"):
        year = groups.get(group)
        if year is not None:
            return int(year) if len(year) == 4 else None
    return None


def _valid(m: re.Match[str]) -> bool:
    """A day and a month that exist (in either order, for 3/4/1987)."""
    g = m.groupdict()
    if g.get("a") is not None:
        a, b = int(g["a"]), int(g["b"])
        return (1 <= a <= 12 and 1 <= b <= 31) or (1 <= a <= 31 and 1 <= b <= 12)
    if g.get("y2") is not None:
        return 1 <= int(g["m2"]) <= 12 and 1 <= int(g["d2"]) <= 31
    month, day = g.get("m3") or g["m4"], g.get("d3") or g["d4"]
    return month[:3].lower() in _MONTH_KEYS and 1 <= int(day) <= 31
