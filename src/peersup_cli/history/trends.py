"""How each value has been lived over time: how often, how recently, ratings, items practised.

Read from the index's running totals (``tally``), one trend per role and value: a peer
supporter's and a supervisor's guidelines differ, so they are never mixed. They say only what
the journals show: a value counts as reflected on when something was answered, ticked or
rated; an item is "room to grow" only when it was ticked less often than others of its value;
every item of a value is counted out of the same number of reflections. Strengths come first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .tally import SHOWN, totals

if TYPE_CHECKING:
    from .filters import Filters
    from .index import Index

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
    index: Index,
    filters: Filters | None = None,
    *,
    context: frozenset[tuple[str, str, str, int]] = frozenset(),
    days: bool = True,
) -> list[ValueTrend]:
    """One ``ValueTrend`` per role and value of the journals that fit ``filters`` (with
    ``filters.value``: that value only), strengths first.

    ``context``: (framework, role, value, item number) of guideline items that state context
    rather than a practice: they are never counted as practised or as room to grow. ``days``:
    each rating with its day (else "": a view that shows no days need not read them).
    """
    found = totals(index, filters)
    by_id: dict[tuple[str, str], ValueTrend] = {}
    pairs: dict[tuple[str, int], tuple[str, int]] = {}  # one tuple for each (day, rating)
    for (role, vid), g in found.groups.items():
        trend = by_id[(role, vid)] = ValueTrend(
            vid, g.number, g.title, g.practice, role, g.role_label, g.times, g.day,
            last_label=g.label)
        ratings = ",".join(g.ratings).split(",") if g.ratings else []
        dates = ",".join(g.days).split(",") if days and g.days else [""] * len(ratings)
        for day, rating in zip(dates, ratings, strict=True):
            found_pair = (day, int(rating))
            pair = pairs.get(found_pair)
            if pair is None:
                pair = pairs[found_pair] = found_pair
            trend.ratings.append(pair)
    shown: dict[tuple[str, str, str], dict[int, int]] = {}
    ticks: dict[tuple[str, str, str], dict[int, int]] = {}
    for (framework, role, vid, kind, n), count in found.items.items():
        part = shown if kind == SHOWN else ticks
        part.setdefault((framework, role, vid), {})[n] = count
    item_texts = index.item_texts()
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
