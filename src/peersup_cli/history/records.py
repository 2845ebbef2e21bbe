"""The named records the journal index hands out: ``IndexedJournal`` (one readable journal),
``IndexedValue`` (one value of it), ``Skipped`` (a file that could not be read) and
``RefreshResult``, and the compact text forms the index stores them in (decoded here and
nowhere else).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple


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


# A journal's values as one query hands them over: a JSON list of lists, in the order of
# ``IndexedValue``'s fields (``VALUES_JSON`` in ``index`` builds it).
def decode_values(vals_json: str | None) -> list[IndexedValue]:
    try:
        return [IndexedValue(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7] or [], bool(v[8]))
                for v in json.loads(vals_json or "[]")]
    except (ValueError, TypeError, IndexError):  # a damaged cache row: as if it held no values
        return []


@dataclass
class IndexedJournal:
    """One readable journal as the index knows it (its values only when asked for)."""

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
    numbers: str  # the numbers of the values reflected on, compact: "1-3,5"
    action_plan: str | None = None
    agenda_json: str | None = field(repr=False, default=None)
    vals_json: str | None = field(repr=False, default=None)  # with ``values=True`` only

    @property
    def path(self) -> Path:
        return self.folder / self.name

    @property
    def kind(self) -> str:
        return "prep" if self.supervisee is not None else "reflect"

    def values(self) -> list[IndexedValue]:
        assert self.vals_json is not None, "asked for without values=True"
        return decode_values(self.vals_json)

    def agenda(self) -> dict[str, list[str]] | None:
        return decode_agenda(self.agenda_json)

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


def decode_agenda(agenda_json: str | None) -> dict[str, list[str]] | None:
    try:
        found = json.loads(agenda_json) if agenda_json else None
    except ValueError:  # a damaged cache row
        return None
    return found if isinstance(found, dict) else None


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


# Block places as the index stores them: "line,lines,where" joined by the record separator.
# A place's ``where`` is a value id, which holds no white space, so neither separator (both
# white space to Python) can appear in it. Cheaper to write than JSON for 10,000 journals.
_FIELD, _RECORD, _NL = "\x1f", "\x1e", "\n"


def encode_places(blocks: Any) -> str:
    """(line, where, text) blocks as "line<US>lines<US>where" joined by <RS>."""
    return _RECORD.join([f"{line}\x1f{text.count(_NL) + 1}\x1f{where}"
                         for line, where, text in blocks])


def decode_places(text: str) -> list[list[Any]]:
    out: list[list[Any]] = []
    for record in text.split(_RECORD) if text else ():
        line, lines, where = record.split(_FIELD, 2)
        out.append([int(line), where, int(lines)])
    return out
