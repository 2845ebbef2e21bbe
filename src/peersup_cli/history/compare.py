"""Two journals side by side, value by value: ratings, items practised, answers.

Works on any two journal files: different roles or frameworks included. Values are matched by
id; a value only one journal covers is shown as such. Titles and item texts come from the
journals themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..journal.model import Journal, ValueReflection


@dataclass
class Side:
    present: bool
    rating: str = ""  # "3 — Steady", "not rated"
    practiced: list[str] = field(default_factory=list)  # "1. item text"
    answers: list[tuple[str, str | None]] = field(default_factory=list)  # (prompt, answer)


@dataclass
class ValueComparison:
    id: str
    number: int
    title: str
    practice: str
    a: Side
    b: Side

    @property
    def rating_differs(self) -> bool:
        return self.a.present and self.b.present and self.a.rating != self.b.rating

    @property
    def items_differ(self) -> bool:
        def texts(side: Side) -> set[str]:
            return {p.split(". ", 1)[-1] for p in side.practiced}

        return self.a.present and self.b.present and texts(self.a) != texts(self.b)

    @property
    def only_in(self) -> str | None:
        if self.a.present and not self.b.present:
            return "a"
        if self.b.present and not self.a.present:
            return "b"
        return None

    def to_json(self) -> dict[str, Any]:
        def side(s: Side) -> dict[str, Any] | None:
            if not s.present:
                return None
            return {
                "rating": s.rating,
                "practiced": s.practiced,
                "answers": [{"prompt": p, "answer": a} for p, a in s.answers],
            }

        return {
            "value": self.id,
            "number": self.number,
            "title": self.title,
            "practice": self.practice,
            "a": side(self.a),
            "b": side(self.b),
            "rating_differs": self.rating_differs,
            "items_differ": self.items_differ,
        }


def describe(journal: Journal) -> str:
    """One line naming a journal: date, role, supervisee, framework."""
    who = journal.role_label or journal.role
    if journal.supervisee is not None:
        who = f"{who}, prep for {journal.supervisee}"
    return f"{journal.date:%Y-%m-%d %H:%M} · {who} · {journal.framework_title or journal.framework}"


def compare(a: Journal, b: Journal) -> list[ValueComparison]:
    """Every value either journal covers, in value-number order."""
    ids = list(dict.fromkeys([*(r.value_id for r in a.reflections),
                              *(r.value_id for r in b.reflections)]))
    rows: list[ValueComparison] = []
    for vid in ids:
        ra, rb = a.reflection(vid), b.reflection(vid)
        base = ra or rb
        assert base is not None
        rows.append(
            ValueComparison(vid, base.number, base.title, base.practice, _side(ra), _side(rb))
        )
    rows.sort(key=lambda r: r.number)
    return rows


def _side(r: ValueReflection | None) -> Side:
    if r is None:
        return Side(False)
    rating = "not rated" if r.rating is None else f"{r.rating} — {r.rating_label or ''}".strip()
    practiced = [f"{i.number}. {i.text}" for i in r.items if i.practiced]
    answers = [(p, r.answers[n] if n < len(r.answers) else None) for n, p in enumerate(r.prompts)]
    return Side(True, rating.rstrip(" —"), practiced, answers)
