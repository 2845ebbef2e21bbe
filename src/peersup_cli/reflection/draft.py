"""Drafts: every answer lands on disk the moment it is given, so nothing typed is ever lost.

A draft is a small JSON file in ``<journals>/.drafts`` holding what the session planned (kind,
role, framework, values, supervisee, carry-over items), where it stands (``position``) and every
answer so far. It is rewritten atomically after each answer. When a session is stopped on purpose
its partial journal is saved too, and the draft remembers that file (and a checksum of what was
written), so finishing later replaces exactly that partial journal and nothing else.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import paths
from ..storage import atomic_write, ensure_private_dir

DRAFT_VERSION = 1
SUFFIX = ".json"


@dataclass
class Draft:
    path: Path
    kind: str
    role: str
    framework: str
    values: list[str]
    started: datetime
    supervisee: str | None = None
    carry_items: list[str] = field(default_factory=list)
    carry_date: datetime | None = None
    position: int = 0
    answers: dict[str, Any] = field(default_factory=dict)
    journal: str | None = None  # the partial journal saved for this session, if any
    journal_sha256: str | None = None

    def to_json(self) -> str:
        data = asdict(self)
        data.pop("path")
        data["version"] = DRAFT_VERSION
        data["started"] = self.started.isoformat()
        data["carry_date"] = self.carry_date.isoformat() if self.carry_date else None
        return json.dumps(data, ensure_ascii=False, indent=1)


def new_draft(
    journal_dir: Path,
    *,
    kind: str,
    role: str,
    framework: str,
    values: list[str],
    started: datetime,
    supervisee: str | None = None,
    carry_items: list[str] | None = None,
    carry_date: datetime | None = None,
) -> Draft:
    """A draft with a fresh file name (not written until ``save_draft``)."""
    stamp = started.strftime("%Y%m%dT%H%M%S")
    name = f"{stamp}-{kind}-{os.urandom(4).hex()}{SUFFIX}"
    return Draft(
        path=paths.drafts_dir(journal_dir) / name,
        kind=kind,
        role=role,
        framework=framework,
        values=list(values),
        started=started,
        supervisee=supervisee,
        carry_items=list(carry_items or []),
        carry_date=carry_date,
    )


def save_draft(draft: Draft) -> None:
    ensure_private_dir(draft.path.parent.parent)
    ensure_private_dir(draft.path.parent)
    atomic_write(draft.path, draft.to_json())


def load_draft(path: Path) -> Draft | None:
    """The draft in ``path``, or None if it cannot be read (it is then left alone)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Draft(
            path=path,
            kind=str(data["kind"]),
            role=str(data["role"]),
            framework=str(data["framework"]),
            values=[str(v) for v in data["values"]],
            started=datetime.fromisoformat(data["started"]),
            supervisee=data.get("supervisee"),
            carry_items=[str(i) for i in data.get("carry_items") or []],
            carry_date=(
                datetime.fromisoformat(data["carry_date"]) if data.get("carry_date") else None
            ),
            position=int(data.get("position") or 0),
            answers=dict(data.get("answers") or {}),
            journal=data.get("journal"),
            journal_sha256=data.get("journal_sha256"),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def list_drafts(journal_dir: Path) -> list[Draft]:
    """Every readable draft, newest last (by when the session started)."""
    folder = paths.drafts_dir(journal_dir)
    try:
        files = [p for p in folder.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")]
    except OSError:
        return []
    drafts = [d for d in (load_draft(p) for p in files) if d is not None]
    return sorted(drafts, key=lambda d: (d.started.timestamp(), d.path.name))


def delete_draft(draft: Draft) -> None:
    with contextlib.suppress(FileNotFoundError):
        draft.path.unlink()


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
