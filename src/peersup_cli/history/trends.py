"""How each value has been lived over time: how often, how recently, ratings, items practised.

Pure functions over index entries (oldest first), one trend per role and value: a peer
supporter's and a supervisor's guidelines differ, so they are never mixed. They say only what
the journals show: a value counts as reflected on when something was answered, ticked or
rated; an item is "room to grow" only when it was ticked less often than others of its value;
every item of a value is counted out of the same number of reflections. Strengths come first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .records import decode_values

if TYPE_CHECKING:
    from .records import ValueRow

RECENT = 3  # ratings that count as "recent"
SPARK = "▁▂▃▄▅▆▇█"
SPARK_WIDTH = 24  # the newest ratings shown in a sparkline


@dataclass
class ItemCount:
    text: str
    practiced: int = 0
    shown: int = 0

    @property
    def share(self) -> float:
        return self.practiced / self.shown if self.shown else 0.0


@dataclass
class ValueTrend:
    id: str
    number: int
    title: str
    practice: str
    role: str = ""
    role_label: str = ""
    times: int = 0  # reflections in which something was answered, ticked or rated
    last: str = ""
    ratings: list[tuple[str, int]] = field(default_factory=list)  # (day, rating), oldest first
    items: dict[str, ItemCount] = field(default_factory=dict)  # by item text
    last_label: str = ""

    @property
    def recent(self) -> float | None:
        tail = [r for _, r in self.ratings[-RECENT:]]
        return sum(tail) / len(tail) if tail else None

    @property
    def latest(self) -> int | None:
        return self.ratings[-1][1] if self.ratings else None

    def ranked_items(self) -> list[ItemCount]:
        """Most often practised first."""
        return sorted(self.items.values(), key=lambda i: (-i.share, -i.practiced, i.text))

    @property
    def shown(self) -> int:
        """The one denominator of this value's items: reflections that showed them."""
        return max((i.shown for i in self.items.values()), default=0)

    def most(self, n: int = 2) -> list[ItemCount]:
        """The items practised most often (at most ``n``, all ticked as often as the first)."""
        ranked = self.ranked_items()
        top = ranked[0].practiced if ranked else 0
        return [i for i in ranked[:n] if i.practiced and i.practiced == top]

    def least(self, n: int = 1) -> list[ItemCount]:
        """Room to grow: items ticked less often than the value's most practised one (none
        when every item was ticked as often as the rest)."""
        ranked = self.ranked_items()
        if not ranked:
            return []
        top = ranked[0].practiced
        most = self.most()
        chosen = [i for i in reversed(ranked) if i.practiced < top and i not in most]
        return chosen[:n]

    def to_json(self) -> dict[str, Any]:
        recent = self.recent
        return {
            "value": self.id,
            "role": self.role,
            "number": self.number,
            "title": self.title,
            "practice": self.practice,
            "times": self.times,
            "last": self.last,
            "recent_average": round(recent, 2) if recent is not None else None,
            "ratings": [{"date": d, "rating": r} for d, r in self.ratings],
            "items": [
                {"text": i.text, "practiced": i.practiced, "shown": self.shown}
                for i in self.ranked_items()
            ],
        }


def trends(
    rows: Iterable[ValueRow],
    item_texts: dict[tuple[str, str, str, int], str],
    only: str | None = None,
    *,
    context: frozenset[tuple[str, str, str, int]] = frozenset(),
) -> list[ValueTrend]:
    """One ``ValueTrend`` per role and value (``only``: just that value id), strengths first.

    ``rows`` are ``Index.value_rows()``, oldest first. ``context``: (framework, role, value,
    item number) of guideline items that state context rather than a practice: they are
    never counted as practised or as room to grow.
    """
    # Counted by (framework, role, value) first, items named at the end: 10,000 journals mean
    # some 200,000 item rows, too many to touch one by one.
    shown: dict[tuple[str, str, str], dict[int, int]] = {}  # -> {items shown: reflections}
    ticks: dict[tuple[str, str, str], dict[int, int]] = {}  # -> {item number: times practised}
    # Per role, then per value id: no tuple key built for each of 50,000 values.
    roles: dict[str, dict[str, ValueTrend]] = {}
    for row in rows:
        day, role = row.day, row.role
        per_role = roles.get(role)
        if per_role is None:
            per_role = roles[role] = {}
        for vid, number, title, practice, size, label, rating, practiced, engaged in (
            decode_values(row.vals_json)
        ):
            if not engaged or (only and vid != only):
                continue
            trend = per_role.get(vid)
            if trend is None:
                trend = per_role[vid] = ValueTrend(
                    vid, number, title, practice, role, row.role_label)
            elif trend.title != title or trend.number != number:
                trend.number, trend.title, trend.practice = number, title, practice  # newest
            trend.times += 1
            trend.last = day
            if rating is not None:
                trend.ratings.append((day, rating))
                trend.last_label = label or ""
            if not size:
                continue
            key = (row.framework, role, vid)
            per = shown.get(key)
            if per is None:
                per = shown[key] = {}
            per[size] = per.get(size, 0) + 1
            if practiced:
                per_tick = ticks.get(key)
                if per_tick is None:
                    per_tick = ticks[key] = {}
                for n in practiced:
                    per_tick[n] = per_tick.get(n, 0) + 1
    by_id = {(role, vid): t for role, per_role in roles.items() for vid, t in per_role.items()}
    for key, counts in shown.items():
        framework, role, vid = key
        trend = by_id[(role, vid)]
        ticked = ticks.get(key, {})
        times = sum(counts.values())  # one denominator: every reflection that showed them
        for n in range(1, max(counts) + 1):
            if (framework, role, vid, n) in context:
                continue
            text = item_texts.get((framework, role, vid, n), f"Item {n}")
            item = trend.items.get(text)
            if item is None:
                item = trend.items[text] = ItemCount(text)
            item.shown += times
            item.practiced += ticked.get(n, 0)
    return sorted(by_id.values(), key=_strength)


def _strength(t: ValueTrend) -> tuple[float, float, int, int]:
    recent = t.recent if t.recent is not None else 0.0
    ticks = sum(i.practiced for i in t.items.values())
    shown = sum(i.shown for i in t.items.values())
    return (-recent, -(ticks / shown if shown else 0.0), -t.times, t.number)


def sparkline(ratings: list[int], top: int = 4) -> str:
    """▁▃▆█ for ratings 1..top (the newest ``SPARK_WIDTH`` of them)."""
    top = max(top, *ratings) if ratings else top
    out = []
    for r in ratings[-SPARK_WIDTH:]:
        step = round((r - 1) / (top - 1) * (len(SPARK) - 1)) if top > 1 else len(SPARK) - 1
        out.append(SPARK[max(0, min(len(SPARK) - 1, step))])
    return "".join(out)
