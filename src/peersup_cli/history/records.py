"""The named records the journal index hands out: ``IndexedJournal`` (one readable journal),
``IndexedValue`` (one value of it), ``Skipped`` (a file that could not be read) and
``RefreshResult``, and the compact text forms the index stores them in (decoded here and
nowhere else).
"""

from __future__ import annotations

import json
import operator
from dataclasses import dataclass, field
from itertools import repeat
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
    kind: str = "reflect"  # reflect, prep, record or share (``Journal.kind``)
    action_plan: str | None = None
    agenda_json: str | None = field(repr=False, default=None)
    vals_json: str | None = field(repr=False, default=None)  # with ``values=True`` only

    @property
    def path(self) -> Path:
        return self.folder / self.name

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
            "kind": self.kind,
            "status": self.status,
            "values": [v.id for v in values],
            "ratings": {v.id: v.rating for v in values if v.rating is not None},
        }


class Listed(NamedTuple):
    """One row of ``journal list``."""

    ref: int
    date: str
    role: str
    role_label: str | None
    supervisee: str | None
    numbers: str | None
    status: str
    kind: str

    def who(self) -> str:
        """What ``journal list`` names it by: a reflection by its role, anything else by its
        kind (a prep or a record is always the supervisor's)."""
        return KIND_WORDS.get(self.kind) or self.role_label or self.role


# How ``journal list`` and ``search`` name a journal that is not a reflection.
KIND_WORDS = {"prep": "Prep", "record": "Record", "share": "Shared"}


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


# Where each line of a journal's searchable text stands in its file, as the index stores it:
# a JSON list of what each block of text is ([where, value number, value title]; the number
# and title for a value's answers only), a newline, then for each line of the text 11 digits:
# its line in the file (7) and which entry of that list it belongs to (4). A search reads the
# few digits of the lines it found, and nothing else, for each of 10,000 journals.
_PLACES = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
LINE_DIGITS, WHERE_DIGITS = 7, 4
PLACE_DIGITS = LINE_DIGITS + WHERE_DIGITS


def encode_places(blocks: Any, values: Any = ()) -> str:
    """(line, where, text) blocks, in the order their texts are joined, and the journal's
    values (``id``, ``number``, ``title``) that the blocks name."""
    named = {v.id: (v.number, v.title) for v in values}
    wheres: dict[str, int] = {}
    records: list[str] = []
    for line, where, text in blocks:
        k = wheres.setdefault(where, len(wheres))
        tail = f"{min(k, 10**WHERE_DIGITS - 1):0{WHERE_DIGITS}d}"
        end = line + text.count("\n") + 1
        if end > len(_LINES):  # a file this long is rare: its numbers are written out
            records += [f"{min(n, 10**LINE_DIGITS - 1):0{LINE_DIGITS}d}{tail}"
                        for n in range(line, end)]
        else:  # in C: the usual numbers, written once, each with the block's number
            records.append("".join(map(operator.add, _LINES[line:end], repeat(tail))))
    header = [[w, *named.get(w, (None, None))] for w in wheres]
    return _PLACES.encode(header) + "\n" + "".join(records)


_LINES = [f"{n:0{LINE_DIGITS}d}" for n in range(5000)]  # line numbers as the map writes them


def places_header(header: str) -> list[tuple[str, int | None, str | None]]:
    """(where, value number, value title) of each kind of block a line map names; raises
    ``ValueError`` for a damaged cache row."""
    try:
        found = json.loads(header)
        return [(str(w), n if isinstance(n, int) else None, None if t is None else str(t))
                for w, n, t in found]
    except (TypeError, ValueError) as exc:
        raise ValueError("a damaged line map") from exc
