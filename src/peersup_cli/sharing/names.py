"""Capitalised first names in a person's words, from the bundled list of common first names.

A name that is only a name ("Jessica") is flagged wherever it is written with a capital. A name
that is also an ordinary word, a month or a place ("Hope", "Will", "May", "Sydney": marked ``*``
in ``first_names.txt``) is flagged only where something around it says a person is meant: a
surname after it, a possessive, a cue before it ("with", "named", "told", "client", "my
sister"...), a verb of speech after it ("said", "asked"...), or "and" joining it to another name.
docs/identifying-details.md gives the rules, the list's source and its licence.

The list is read on first use only (``importlib.resources``, so it is found inside a wheel too).
Every pattern here looks at one word and a few characters around it, with bounded repeats, so the
time taken grows linearly with the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["NameSpan", "find_names", "first_names", "words_of"]


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int
    end: int


@cache
def first_names() -> dict[str, bool]:
    """Each bundled name (title-cased) -> whether it is also an ordinary word or a place."""
    text = resources.files(__package__).joinpath("first_names.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and line[0] != "#"]
    names = dict.fromkeys(lines, False)  # most lines are a name alone
    for line in lines:
        if line[-1] == "*":
            del names[line]
            names[line[:-2]] = True
    return names


def words_of(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised words that are never a surname: "Will I", "May The", "Grace Today".
_FUNCTION = words_of(
    "I A An The And But Or Nor So If Is Are Was Were Be Been Am We He She They You It My Our Your "
    "Their His Her Its This That These Those Then When What How Why Who Whom Where Which There "
    "Here To In On At Of For With From By As Not No Yes Do Did Does Has Had Have Can Could Would "
    "Should Will May Might Must Shall Also Just Only Still Even Too Very Today Tomorrow Yesterday "
    "Ok Okay Hi Hello Dear Thanks Please Sorry"
)
_CALENDAR = words_of(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Easter Eve Day Night "
    "Morning Afternoon Evening Week Weekend Month Year Holiday Holidays"
)
# A name right before one of these names a place, an organisation or the guidelines' own words
# ("Jackson Street", "Lincoln Center", "Hope Recovery"): not a person.
_PLACES = words_of(
    "Street St Road Rd Avenue Ave Drive Boulevard Blvd Highway County City Centre Center Clinic "
    "Hospital School College University Institute Library Station Airport Mall Market Program "
    "Programme Project Foundation Trust Council Department Agency Services Service Team Group "
    "Network Unit Community Health Mental Peer Peers Support Supporter Supporters Supervisor "
    "Supervision Specialist Specialists Recovery Coach Coaches Values Value Practice Guidelines "
    "Code Ethics Period Notes Hotline Line"
)
# Places too, but also common surnames: after a name that is only a name they are its surname
# ("Sarah Hall"); after one that is also a word they are not ("Grace House").
_PLACE_SURNAMES = words_of(
    "Lane Court Place Square Way Close Crescent Park Gardens Green Hill Valley River Lake Beach "
    "Bay Island Town Village House Home Hall Church Chapel Ward"
)
_NOT_SURNAME = _FUNCTION | _CALENDAR
# A name right after one of these is a place: "North Carolina", "St Mary", "Lake Victoria".
_PLACE_BEFORE = words_of(
    "North South East West New Saint St San Santa Fort Mount Mt Lake Port Cape Glen Upper Lower"
)
_MONTHS = words_of("April May June August Jan")
# The word before: a name follows ("sat with Grace", "my sister Joy", "client Will", "Ms Hope").
_CUES = words_of(
    "with named called call calling told tell telling tells asked ask asking met meet meeting saw "
    "see seeing visited visit visiting supported supporting support helped helping help texted "
    "text emailed phoned rang thanked hugged greeted introduced invited drove reminded "
    "client clients member participant resident guest individual person peer patient tenant "
    "friend son daughter mother father mom mum dad brother sister wife husband partner aunt "
    "uncle cousin niece nephew grandson granddaughter grandmother grandfather grandma grandpa "
    "neighbour neighbor coworker colleague boyfriend girlfriend baby child kid "
    "mr mrs ms miss mx dr mister"
)
# The two words before: "talked to Will", "name is Hope", "stayed with".
_VERBS_BEFORE_TO = words_of(
    "spoke speak speaking talked talk talking wrote write writing listened listen listening sent "
    "send gave give giving said say explained explain reached out went walked drove lent showed "
    "apologised apologized replied reply answered"
)
_NAME_IS = words_of("name names named")
# The word after: "Grace said", "Will asked".
_AFTER = words_of(
    "said says told tells asked asks texted called calls emailed phoned rang replied mentioned "
    "explained disclosed admitted"
)
_JOIN = words_of("and or &")
_JOINS = (["and"], ["or"], ["&"], [","])

# A capitalised word, or two joined by a hyphen ("Mary-Jane").
# (Each pattern starts with a character class and looks behind only after it: the engine then
# skips in C to where that class matches, instead of trying the look-behind at every position.)
_CAPITALISED = re.compile(
    r"([A-Z](?<![\w'\u2019-][A-Z])[a-z]{1,20})(?:-([A-Z][a-z]{1,20}))?(?!\w)"
)
_SURNAME = re.compile(
    r"[ \t]{1,3}((?:Mc|O['\u2019]|D['\u2019])?[A-Z][a-z]{1,30}(?:-[A-Z][a-z]{1,30})?)(?!\w)"
)
_HONORIFIC = re.compile(
    r"(?:M(?<![\w'\u2019]M)(?:rs?|s|iss|x|ister)|D(?<![\w'\u2019]D)r)\.?[ \t]{1,3}"
    r"(?:Mc|O['\u2019]|D['\u2019])?[A-Z][a-z]{1,30}(?:-[A-Z][a-z]{1,30})?(?!\w)"
)
_LAST_WORDS = re.compile(r"(?<![A-Za-z])([A-Za-z&]{1,20})[.,]?[ \t]{1,3}\Z")
_NEXT_WORD = re.compile(r",?[ \t]{1,3}([A-Za-z&]{1,20})")
# How far back a cue is looked for: two words of up to 20 letters and their spaces.
_LOOK_BACK = 48
_DAY_AFTER = re.compile(r"[ \t]{1,2}\d")


def find_names(text: str, vocabulary: frozenset[str] = frozenset()) -> list[NameSpan]:
    """Spans of first names (with the surname after them, where there is one), then of
    honorifics with the name after them ("Ms Okafor"). ``vocabulary``: words that are never a name
    here (the words of the guidelines in use)."""
    names = first_names()
    spans: list[NameSpan] = []
    flagged_end = -1  # where the last name found ends: "Sarah and Grace", "Mary Grace Lee"
    for m in _CAPITALISED.finditer(text):
        word, start, end = m.group(1), m.start(), m.end()
        ambiguous = names.get(word)
        if m.group(2) is not None and ambiguous is None:
            word = m.group(2)
            ambiguous = names.get(word)
        if ambiguous is None or word in vocabulary or start < flagged_end:
            continue
        mark, letter = text[end : end + 1], text[end + 1 : end + 2]
        apostrophe = mark in ("'", "\u2019")
        possessive = apostrophe and letter == "s" and not text[end + 2 : end + 3].isalnum()
        if apostrophe and not possessive:
            continue  # a contraction: "Don't", "Will've"
        if mark == "-" and letter.islower():
            continue  # a compound word: "Hope-filled"
        if word in _MONTHS and _DAY_AFTER.match(text, end):
            continue  # a date: "May 3"
        before = _words_before(text, start)
        if before and before[-1] in _PLACE_BEFORE:
            continue
        surname = _surname(text, end, vocabulary)
        if surname is not None and surname[0] in _PLACES:
            continue  # "Jackson Street", "Lincoln Center"
        if surname is not None and ambiguous and surname[0] in _PLACE_SURNAMES:
            surname = None  # "Grace House": a place, perhaps, but not a surname
        joined = 0 < start - flagged_end <= 7 and text[flagged_end:start].split() in _JOINS
        if ambiguous and not (
            surname is not None
            or (possessive and word not in _MONTHS)
            or joined
            or _cued(before)
            or _next_word(text, end) in _AFTER
            or _joined_to_name(text, end, names)
        ):
            continue
        if spans and start == flagged_end + 1 and text[flagged_end] in " \t":
            start = spans.pop().start  # "Mary Grace" and "Lee": one name
        flagged_end = surname[1] if surname is not None else end
        spans.append(NameSpan(start, flagged_end))
    spans += (NameSpan(m.start(), m.end()) for m in _HONORIFIC.finditer(text))
    return spans


def _words_before(text: str, start: int) -> list[str]:
    """The (up to) two words just before ``start`` on its line, with nothing but spaces, a comma
    or a full stop (as in "Ms.") after each; the earlier one lowercased, the last one as written
    (so that "St Mary" can be told from "st mary")."""
    window = text[max(0, start - _LOOK_BACK) : start]
    last = _LAST_WORDS.search(window)
    if last is None:
        return []
    words = [last.group(1)]
    earlier = _LAST_WORDS.search(window, 0, last.start())
    if earlier is not None:
        words.insert(0, earlier.group(1).lower())
    return words


def _cued(before: list[str]) -> bool:
    if not before:
        return False
    last = before[-1].lower()
    if last in _CUES:
        return True
    if len(before) == 2:
        first = before[0]
        if last in ("to", "with", "for") and first in _VERBS_BEFORE_TO:
            return True
        if last in ("is", "was") and first in _NAME_IS:
            return True
    return False


def _surname(text: str, end: int, vocabulary: frozenset[str]) -> tuple[str, int] | None:
    m = _SURNAME.match(text, end)
    if m is None:
        return None
    word = m.group(1)
    if word in _NOT_SURNAME or word in vocabulary:
        return None
    return word, m.end()


def _next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text, end)
    return m.group(1).lower() if m is not None else ""


def _joined_to_name(text: str, end: int, names: dict[str, bool]) -> bool:
    """``Grace and Sarah``: "and" and a name that is only a name follow."""
    m = _NEXT_WORD.match(text, end)
    if m is None or m.group(1).lower() not in _JOIN:
        return False
    following = _NEXT_WORD.match(text, m.end())
    return following is not None and names.get(following.group(1)) is False
