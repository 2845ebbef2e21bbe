"""What the journal index hands out: ``Entry`` (one readable journal), ``Skipped`` (one that is
not), ``Filters`` (which journals a command asks for) and the SQL conditions for them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Filters:
    role: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive, compared with the journal's own date
    until: str | None = None
    value: str | None = None  # a value id
    supervisee: str | None = None


def filter_sql(f: Filters, t: str = "") -> tuple[list[str], list[Any]]:
    """SQL conditions on the ``journals`` table for ``f``; ``t`` qualifies the columns
    (``"j."``)."""
    conditions: list[str] = []
    params: list[Any] = []
    if f.role:
        conditions.append(f"{t}role = ?")
        params.append(f.role)
    if f.since:
        conditions.append(f"{t}day >= ?")
        params.append(f.since)
    if f.until:
        conditions.append(f"{t}day <= ?")
        params.append(f.until)
    if f.value:
        conditions.append(f"instr({t}vids, ?) > 0")
        params.append(f",{f.value},")
    if f.supervisee:
        conditions.append(f"lower({t}supervisee) = ?")
        params.append(f.supervisee.strip().lower())
    return conditions, params


@dataclass
class Entry:
    """One readable journal as the index knows it (JSON columns decoded on demand)."""

    ref: int
    id: int
    folder: Path
    name: str
    date: str
    day: str
    role: str
    role_label: str
    framework: str
    framework_title: str
    supervisee: str | None
    status: str
    numbers: str
    vals_json: str = field(repr=False, default="[]")
    action_plan: str | None = None
    agenda_json: str | None = field(repr=False, default=None)

    @property
    def path(self) -> Path:
        return self.folder / self.name

    def vals(self) -> list[list[Any]]:
        """[[id, number, title, practice, items shown, rating label, rating, practiced], ...]"""
        return list(json.loads(self.vals_json))

    def ratings(self) -> dict[str, int]:
        return {v[0]: v[6] for v in self.vals() if v[6] is not None}

    def practiced(self) -> dict[str, list[int]]:
        return {v[0]: v[7] for v in self.vals() if v[7]}

    def agenda(self) -> dict[str, list[str]] | None:
        return json.loads(self.agenda_json) if self.agenda_json else None

    def who(self) -> str:
        return self.role_label or self.role

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "path": str(self.path),
            "date": self.date,
            "role": self.role,
            "framework": self.framework,
            "supervisee": self.supervisee,
            "status": self.status,
            "values": [v[0] for v in self.vals()],
            "ratings": self.ratings(),
        }


@dataclass
class Skipped:
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
