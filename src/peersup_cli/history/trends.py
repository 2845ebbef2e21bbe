"""How each value has been lived over time: how often, how recently, ratings, items practised.

Pure functions over index entries (oldest first). Strengths come first: values with the highest
recent ratings, then those practised most.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .records import decode_values

if TYPE_CHECKING:
    from .index import ValueRow

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
    times: int = 0
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

    def most(self, n: int = 2) -> list[ItemCount]:
        return [i for i in self.ranked_items()[:n] if i.practiced]

    def least(self, n: int = 1) -> list[ItemCount]:
        ranked = self.ranked_items()
        chosen = [i for i in reversed(ranked) if i not in self.most()]
        return chosen[:n]

    def to_json(self) -> dict[str, Any]:
        recent = self.recent
        return {
            "value": self.id,
            "number": self.number,
            "title": self.title,
            "practice": self.practice,
            "times": self.times,
            "last": self.last,
            "recent_average": round(recent, 2) if recent is not None else None,
            "ratings": [{"date": d, "rating": r} for d, r in self.ratings],
            "items": [
                {"text": i.text, "practiced": i.practiced, "shown": i.shown}
                for i in self.ranked_items()
            ],
        }


def trends(
    rows: Iterable[ValueRow],
    item_texts: dict[tuple[str, str, str, int], str],
    only: str | None = None,
) -> list[ValueTrend]:
    """One ``ValueTrend`` per value (``only``: just that value id), strengths first.

    ``rows`` are ``Index.value_rows()``, oldest first.
    """
    by_id: dict[str, ValueTrend] = {}
    # Counted by (framework, role, value) first, items named at the end: 10,000 journals mean
    # some 200,000 item rows, too many to touch one by one.
    shown: dict[tuple[str, str, str], dict[int, int]] = {}  # -> {items shown: journals}
    ticks: dict[tuple[str, str, str], dict[int, int]] = {}  # -> {item number: times practised}
    for row in rows:
        day = row.day
        for v in decode_values(row.vals_json):
            vid = v.id
            if only and vid != only:
                continue
            trend = by_id.get(vid)
            if trend is None:
                trend = by_id[vid] = ValueTrend(vid, v.number, v.title, v.practice)
            trend.number, trend.title, trend.practice = v.number, v.title, v.practice  # newest
            trend.times += 1
            trend.last = day
            if v.rating is not None:
                trend.ratings.append((day, v.rating))
                trend.last_label = v.rating_label or ""
            key = (row.framework, row.role, vid)
            per = shown.setdefault(key, {})
            per[v.shown] = per.get(v.shown, 0) + 1
            if v.practiced:
                per_tick = ticks.setdefault(key, {})
                for n in v.practiced:
                    per_tick[n] = per_tick.get(n, 0) + 1
    for (framework, role, vid), counts in shown.items():
        trend = by_id[vid]
        ticked = ticks.get((framework, role, vid), {})
        for n in range(1, max(counts) + 1):
            text = item_texts.get((framework, role, vid, n), f"Item {n}")
            item = trend.items.get(text)
            if item is None:
                item = trend.items[text] = ItemCount(text)
            item.shown += sum(times for size, times in counts.items() if size >= n)
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
