"""What one framework changed from another, as data: ``diff_frameworks(a, b)``.

Organisations adapt the guidelines (Massachusetts adapted the national ones), so a trainer wants
to see what moved: values added or removed, titles and practice phrases reworded, guideline items
added or removed for each role they share. Values are matched by id; items are compared as whole
texts (spacing ignored, nothing else), so a reworded item shows as one removed and one added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Framework, Value


@dataclass(frozen=True)
class Change:
    """One field that differs: its old and new text."""

    old: str
    new: str

    @property
    def case_only(self) -> bool:
        return self.old != self.new and self.old.casefold() == self.new.casefold()

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.old, "to": self.new, "capitalisation_only": self.case_only}


@dataclass(frozen=True)
class ItemChanges:
    """Guideline items of one role, in B but not A (added) and in A but not B (removed)."""

    role: str
    added: tuple[str, ...]
    removed: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"role": self.role, "added": list(self.added), "removed": list(self.removed)}


@dataclass(frozen=True)
class ValueDiff:
    """A value both frameworks have (same id), and what differs between them."""

    id: str
    number: tuple[int, int]
    title: Change | None = None
    practice: Change | None = None
    description_changed: bool = False
    items: tuple[ItemChanges, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(
            self.number[0] != self.number[1]
            or self.title
            or self.practice
            or self.description_changed
            or self.items
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": {"from": self.number[0], "to": self.number[1]},
            "title": self.title.as_dict() if self.title else None,
            "practice": self.practice.as_dict() if self.practice else None,
            "description_changed": self.description_changed,
            "items": [i.as_dict() for i in self.items],
        }


@dataclass(frozen=True)
class ValueRef:
    """A value that only one side has."""

    id: str
    number: int
    title: str
    practice: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "practice": self.practice,
        }


@dataclass(frozen=True)
class FrameworkDiff:
    a: str  # how each side was named (``ID`` or ``FILE:ID``)
    b: str
    title: Change | None
    roles_added: tuple[str, ...]
    roles_removed: tuple[str, ...]
    shared_roles: tuple[str, ...]
    values_added: tuple[ValueRef, ...]
    values_removed: tuple[ValueRef, ...]
    values_changed: tuple[ValueDiff, ...]
    values_unchanged: tuple[str, ...] = field(default=())

    @property
    def identical(self) -> bool:
        return not (
            self.title
            or self.roles_added
            or self.roles_removed
            or self.values_added
            or self.values_removed
            or self.values_changed
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.a,
            "to": self.b,
            "identical": self.identical,
            "title": self.title.as_dict() if self.title else None,
            "roles": {
                "added": list(self.roles_added),
                "removed": list(self.roles_removed),
                "compared": list(self.shared_roles),
            },
            "values": {
                "added": [v.as_dict() for v in self.values_added],
                "removed": [v.as_dict() for v in self.values_removed],
                "changed": [v.as_dict() for v in self.values_changed],
                "unchanged": list(self.values_unchanged),
            },
        }


def split_spec(spec: str) -> tuple[str | None, str]:
    """``"ID"`` -> (None, ID); ``"FILE:ID"`` -> (FILE, ID). Ids never hold a colon, so the
    last colon splits (a Windows path such as ``C:\\x.yaml:naps-2019`` still works)."""
    if ":" not in spec:
        return None, spec.strip()
    file, _, fid = spec.rpartition(":")
    return file.strip() or None, fid.strip()


def diff_frameworks(
    a: Framework, b: Framework, a_name: str = "", b_name: str = ""
) -> FrameworkDiff:
    """What ``b`` changed from ``a``."""
    shared_roles = tuple(r for r in a.role_ids if r in b.role_ids)
    changed: list[ValueDiff] = []
    unchanged: list[str] = []
    for va in a.values:
        vb = b.value(va.id)
        if vb is None:
            continue
        vd = _diff_value(va, vb, shared_roles)
        if vd.changed:
            changed.append(vd)
        else:
            unchanged.append(va.id)
    return FrameworkDiff(
        a=a_name or a.id,
        b=b_name or b.id,
        title=_change(a.title, b.title),
        roles_added=tuple(r for r in b.role_ids if r not in a.role_ids),
        roles_removed=tuple(r for r in a.role_ids if r not in b.role_ids),
        shared_roles=shared_roles,
        values_added=tuple(_ref(v) for v in b.values if a.value(v.id) is None),
        values_removed=tuple(_ref(v) for v in a.values if b.value(v.id) is None),
        values_changed=tuple(changed),
        values_unchanged=tuple(unchanged),
    )


def _diff_value(a: Value, b: Value, roles: tuple[str, ...]) -> ValueDiff:
    items: list[ItemChanges] = []
    for role in roles:
        old = a.guidelines.get(role, ())
        new = b.guidelines.get(role, ())
        old_keys = {_norm(t) for t in old}
        new_keys = {_norm(t) for t in new}
        added = tuple(t for t in new if _norm(t) not in old_keys)
        removed = tuple(t for t in old if _norm(t) not in new_keys)
        if added or removed:
            items.append(ItemChanges(role, added, removed))
    return ValueDiff(
        id=a.id,
        number=(a.number, b.number),
        title=_change(a.title, b.title),
        practice=_change(a.practice, b.practice),
        description_changed=_norm(a.description) != _norm(b.description),
        items=tuple(items),
    )


def _change(old: str, new: str) -> Change | None:
    return None if _norm(old) == _norm(new) else Change(old, new)


def _norm(text: str) -> str:
    # Line breaks in the YAML are layout, not wording.
    return " ".join(text.split())


def _ref(v: Value) -> ValueRef:
    return ValueRef(v.id, v.number, v.title, v.practice)
