"""The rows the journal index stores of each journal read (``journals``, ``vals``, ``texts``),
gathered a batch at a time, and the wording of guideline items and rating labels."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..journal.facts import JournalFacts
from ..journal.model import Agenda
from ..journal.store import name_order, person_key
from . import schema
from .records import compact_numbers, encode_places

if TYPE_CHECKING:
    import sqlite3

_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
INSERT_JOURNAL = (
    f"INSERT INTO journals (id, {schema.COLUMNS}) VALUES ({', '.join('?' * (schema.NCOLUMNS + 1))})"
)
INSERT_VALUE = "INSERT INTO vals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
INSERT_TEXT = "INSERT INTO texts VALUES (?, ?, ?)"


def _agenda(a: Agenda) -> dict[str, list[str]]:
    return {"carried": a.carried, "done": a.done, "from_share": a.from_share,
            "topics": a.topics, "questions": a.questions}


class JournalRows:
    """The rows of the journals being read, a batch at a time, and the wording of each
    guideline item and rating label (from the first, newest, journal that shows it)."""

    def __init__(self, folder: int, before: int, words: bool) -> None:
        self.folder = folder
        self.words = words
        self.next_id = before + 1
        self.journals: list[tuple[Any, ...]] = []
        self.values: list[tuple[Any, ...]] = []
        self.texts: list[tuple[Any, ...]] = []
        self.items: dict[tuple[str, str, str, int], str] = {}
        self.scale: dict[tuple[str, int], str] = {}
        self._seen: set[tuple[str, str, str, int]] = set()

    def unreadable(self, name: str, stat: tuple[int, int], reason: str) -> None:
        self.journals.append((self.next_id, self.folder, name, *stat, reason,
                              *([None] * (schema.NCOLUMNS - 5))))
        self.next_id += 1

    def add(self, name: str, stat: tuple[int, int], j: JournalFacts) -> None:
        row_id = self.next_id
        self.next_id += 1
        base, number = name_order(name)
        date = j.date.isoformat()
        engaged = [v for v in j.values if v.engaged]
        supervisee = j.supervisee
        self.journals.append((
            row_id, self.folder, name, *stat, None,
            date, j.date.timestamp(), date[:10], f"{base}\x00{number:010d}",
            j.kind,
            j.role, j.role_label, j.framework, j.framework_title, supervisee,
            None if supervisee is None else person_key(supervisee), j.status,
            "," + ",".join([v.id for v in engaged]) + ",",
            compact_numbers([v.number for v in engaged]),
            j.action_plan,
            None if j.agenda is None else _JSON.encode(_agenda(j.agenda)),
        ))
        framework, role = j.framework, j.role
        seen, values = self._seen, self.values
        for pos, v in enumerate(j.values):
            vid, shown, rating, label, ticked = v.id, v.shown, v.rating, v.rating_label, v.practiced
            values.append((
                row_id, pos, vid, v.number, v.title, v.practice, shown, rating, label,
                f"[{','.join(map(str, ticked))}]" if ticked else None, v.engaged,
            ))
            key = (framework, role, vid, shown)
            if key not in seen:  # this value with this many items: noted already
                seen.add(key)
                for n, text in j.items(pos):
                    self.items.setdefault((framework, role, vid, n), text)
            if rating is not None and label:
                self.scale.setdefault((framework, rating), label)
        if self.words:
            self.texts.append((row_id, "\n".join([b.text for b in j.blocks]),
                               encode_places(j.blocks, j.values)))

    def insert(self, conn: sqlite3.Connection) -> None:
        conn.executemany(INSERT_JOURNAL, self.journals)
        conn.executemany(INSERT_VALUE, self.values)
        conn.executemany(INSERT_TEXT, self.texts)
        self.journals.clear()
        self.values.clear()
        self.texts.clear()
