"""The named records the journal index hands out: ``IndexedJournal`` (one readable journal),
``IndexedValue`` (one value of it), ``Skipped`` (a file that could not be read) and
``RefreshResult``. The index stores a journal's values as compact JSON lists; they are decoded
into ``IndexedValue`` here and nowhere else.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..journal.model import Journal


class IndexedValue(NamedTuple):
    """One value of one journal, as the index keeps it."""

    id: str
    number: int
    title: str
    practice: str
    shown: int  # how many guideline items were shown
    rating_label: str | None
    rating: int | None
    practiced: list[int]  # the item numbers ticked
    engaged: bool  # something was answered, ticked or rated


def encode_values(journal: Journal) -> list[list[Any]]:
    """A journal's values in the order of ``IndexedValue``'s fields, for the index's JSON."""
    return [
        [r.value_id, r.number, r.title, r.practice, len(r.items), r.rating_label, r.rating,
         r.practiced, r.engaged]
        for r in journal.reflections
    ]


def decode_values(vals_json: str | None) -> list[IndexedValue]:
    # _make builds each record straight from its list (trends decode 50,000 at a time).
    try:
        return list(map(_make_value, json.loads(vals_json or "[]")))
    except (ValueError, TypeError):  # a damaged cache row: as if it held no values
        return []


_make_value = IndexedValue._make


@dataclass
class IndexedJournal:
    """One readable journal as the index knows it (its values decoded when asked for)."""

    ref: int  # the number ``journal list`` shows: 1 is the oldest
    id: int  # the index's row id
    folder: Path
    name: str
    date: str  # ISO 8601, as written
    day: str  # YYYY-MM-DD
    role: str
    role_label: str
    framework: str
    framework_title: str
    supervisee: str | None
    status: str
    numbers: str  # the value numbers, compact: "1-3,5"
    vals_json: str = field(repr=False, default="[]")
    action_plan: str | None = None
    agenda_json: str | None = field(repr=False, default=None)

    @property
    def path(self) -> Path:
        return self.folder / self.name

    def values(self) -> list[IndexedValue]:
        return decode_values(self.vals_json)

    def ratings(self) -> dict[str, int]:
        return {v.id: v.rating for v in self.values() if v.rating is not None}

    def agenda(self) -> dict[str, list[str]] | None:
        try:
            found = json.loads(self.agenda_json) if self.agenda_json else None
        except ValueError:  # a damaged cache row
            return None
        return found if isinstance(found, dict) else None

    def who(self) -> str:
        return self.role_label or self.role

    def to_json(self) -> dict[str, Any]:
        values = self.values()
        return {
            "ref": self.ref,
            "path": str(self.path),
            "date": self.date,
            "role": self.role,
            "framework": self.framework,
            "supervisee": self.supervisee,
            "status": self.status,
            "values": [v.id for v in values],
            "ratings": {v.id: v.rating for v in values if v.rating is not None},
        }


@dataclass
class Skipped:
    """A journal file the index could not read, and why."""

    name: str
    reason: str

    def line(self) -> str:
        return f"skipped {self.name}: {self.reason}"

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "reason": self.reason}


@dataclass
class RefreshResult:
    read: int = 0  # files (re)read this time
    removed: int = 0


def compact_numbers(numbers: Any) -> str:
    """1,2,3,5 -> '1-3,5': value numbers in little room."""
    nums = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.append(str(nums[i]) if i == j else f"{nums[i]}-{nums[j]}")
        i = j + 1
    return ",".join(parts)


class ValueRow(NamedTuple):
    """One journal as trends see it: its day, framework, role and values (decoded on use)."""

    day: str
    framework: str
    role: str
    vals_json: str
    role_label: str


class BlockPlace:
    """Where one block of a journal's searchable text stands in its file."""

    __slots__ = ("line", "lines", "where")

    def __init__(self, line: int, where: str, lines: int) -> None:
        self.line, self.where, self.lines = line, where, lines


# Block places as the index stores them: "line,lines,where" joined by the record separator.
# A place's ``where`` is a value id, which holds no white space, so neither separator (both
# white space to Python) can appear in it. Cheaper to write than JSON for 10,000 journals.
_FIELD, _RECORD = "\x1f", "\x1e"


def encode_places(blocks: Any) -> str:
    return _RECORD.join(f"{b.line}{_FIELD}{b.size}{_FIELD}{b.where}" for b in blocks)


def decode_places(text: str) -> list[list[Any]]:
    out: list[list[Any]] = []
    for record in text.split(_RECORD) if text else ():
        line, lines, where = record.split(_FIELD, 2)
        out.append([int(line), where, int(lines)])
    return out


class SearchText:
    """A journal's searchable lines (every block's text, in order) and where each block is;
    the block places are decoded only when a line is found."""

    __slots__ = ("_linemap", "_raw", "_starts", "text")

    def __init__(self, text: str, places: str) -> None:
        self.text = text
        self._linemap = places
        self._raw: list[list[Any]] = []
        self._starts: list[int] | None = None  # each block's first line index in ``text``

    def place(self, line_index: int) -> tuple[BlockPlace, int]:
        """The block holding line ``line_index`` of ``text``, and its first line's index."""
        if self._starts is None:
            self._raw = decode_places(self._linemap)
            starts, at = [], 0
            for block in self._raw:
                starts.append(at)
                at += block[2]
            self._starts = starts
        if not self._raw:
            return BlockPlace(0, "", 0), 0
        i = max(0, bisect.bisect_right(self._starts, line_index) - 1)
        return BlockPlace(*self._raw[i]), self._starts[i]
