"""How each value has been lived over time: how often, how recently, ratings, items practised.

Counted by the journal index's queries, one trend per role and value: a peer
supporter's and a supervisor's guidelines differ, so they are never mixed. They say only what
the journals show: a value counts as reflected on when something was answered, ticked or
rated; an item is "room to grow" only when it was ticked less often than others of its value;
every item of a value is counted out of the same number of reflections. Strengths come first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
) -> list[ValueTrend]:
    """One ``ValueTrend`` per role and value of the journals that fit ``filters`` (with
    ``filters.value``: that value only), strengths first.

    ``context``: (framework, role, value, item number) of guideline items that state context
    rather than a practice: they are never counted as practised or as room to grow.
    """
    where, params = index.where(filters)
    joined = f"FROM journals AS j CROSS JOIN vals AS v ON v.journal = j.id WHERE {where} " \
        "AND v.engaged = 1"
    if filters is not None and filters.value:
        joined += " AND v.vid = ?"
        params = [*params, filters.value]
    conn = index.conn
    by_id: dict[tuple[str, str], ValueTrend] = {}
    # How often and how lately, with the newest journal's wording: counted by SQLite.
    for role, vid, times, _, number, title, practice, day, label in conn.execute(
        "SELECT j.role, v.vid, count(*), max(j.ref), v.number, v.title, v.practice, j.day, "
        f"coalesce(j.role_label, j.role) {joined} GROUP BY j.role, v.vid", params,
    ):
        by_id[(role, vid)] = ValueTrend(vid, number, title, practice, role, label, times, day)
    # Ratings in order; one (day, rating) pair is shared by every value rated so that day.
    pairs: dict[tuple[str, int], tuple[str, int]] = {}
    for role, vid, day, rating, label in conn.execute(
        f"SELECT j.role, v.vid, j.day, v.rating, v.label {joined} AND v.rating IS NOT NULL "
        "ORDER BY j.ref", params,
    ):
        trend = by_id[(role, vid)]
        pair = pairs.get((day, rating))
        if pair is None:
            pair = pairs[(day, rating)] = (day, rating)
        trend.ratings.append(pair)
        trend.last_label = label or ""
    # Items: how many reflections showed a value's items (by how many were shown), and how
    # often each item was ticked.
    shown: dict[tuple[str, str, str], dict[int, int]] = {}
    for framework, role, vid, size, count in conn.execute(
        f"SELECT j.framework, j.role, v.vid, v.shown, count(*) {joined} AND v.shown > 0 "
        "GROUP BY 1, 2, 3, 4", params,
    ):
        shown.setdefault((framework, role, vid), {})[size] = count
    ticks: dict[tuple[str, str, str], dict[int, int]] = {}
    for framework, role, vid, n, count in conn.execute(
        f"SELECT j.framework, j.role, v.vid, t.value, count(*) "
        f"{joined.replace(' WHERE ', ' CROSS JOIN json_each(v.practiced) AS t WHERE ', 1)} "
        "AND json_valid(v.practiced) AND v.shown > 0 GROUP BY 1, 2, 3, 4", params,
    ):
        ticks.setdefault((framework, role, vid), {})[n] = count
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
