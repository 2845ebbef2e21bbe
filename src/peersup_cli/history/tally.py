"""Running totals per role and value, kept in the index: how often each value was reflected on,
the newest wording of it, every rating in order, and how often each guideline item was shown
and ticked. ``journal trends`` and ``summary`` read a few of these rows instead of every value
of every journal.

New journals that come after all the others (the usual case: today's session) are added to
the totals as they are stored. Anything else (a journal changed, removed or back-dated, a
first build) drops them, and the next command that needs them counts them again from every
journal, once. A command with a date or supervisee filter counts the journals it picks the same
way, without keeping the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .filters import Filters
    from .index import Index

# Every engaged value of the journals picked, oldest first, with what the totals need of its
# journal. ``{where}``: the condition on ``journals AS j``.
_ROWS = (
    "SELECT j.ref, j.role, j.framework, j.day, coalesce(j.role_label, j.role), v.vid, v.number, "
    "v.title, v.practice, v.shown, v.rating, v.label, v.practiced "
    "FROM journals AS j CROSS JOIN vals AS v ON v.journal = j.id "
    "WHERE {where} AND v.engaged = 1 ORDER BY j.ref"
)
SHOWN, TICKED = "shown", "ticked"


def _own() -> Filters:
    from .filters import Filters

    return Filters(own=True)


@dataclass
class Group:
    """The totals of one value for one role."""

    times: int = 0  # reflections in which something was answered, ticked or rated
    newest: int = 0  # the number (ref) of the newest of them, whose wording is kept
    number: int = 0
    title: str = ""
    practice: str = ""
    day: str = ""  # of the newest
    role_label: str = ""  # of the newest
    ratings: list[str] = field(default_factory=list)  # comma-joined pieces, oldest first
    days: list[str] = field(default_factory=list)  # the same for each rating's day
    label: str = ""  # the newest rating's label


@dataclass
class Totals:
    groups: dict[tuple[str, str], Group] = field(default_factory=dict)  # (role, value id)
    # (framework, role, value id, SHOWN or TICKED, n) -> count: reflections that showed n
    # items, or times item n was ticked
    items: dict[tuple[str, str, str, str, int], int] = field(default_factory=dict)

    def add(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Count ``_ROWS`` rows in, oldest first."""
        groups, items = self.groups, self.items
        for (ref, role, framework, day, role_label, vid, number, title, practice, shown,
             rating, label, practiced) in rows:
            g = groups.get((role, vid))
            if g is None:
                g = groups[(role, vid)] = Group()
            g.times += 1
            g.newest, g.number, g.title, g.practice = ref, number, title, practice
            g.day, g.role_label = day, role_label
            if rating is not None:
                g.ratings.append(str(rating))
                g.days.append(day)
                g.label = label or ""
            if not shown:
                continue
            key = (framework, role, vid, SHOWN, shown)
            items[key] = items.get(key, 0) + 1
            for n in _numbers(practiced):
                key = (framework, role, vid, TICKED, n)
                items[key] = items.get(key, 0) + 1


def _numbers(practiced: str | None) -> list[int]:
    """The item numbers of a ``vals.practiced`` JSON list ("[1,3]"); none for a damaged one."""
    if not practiced:
        return []
    try:
        return [int(n) for n in practiced[1:-1].split(",")]
    except ValueError:
        return []


def totals(index: Index, filters: Filters | None = None) -> Totals:
    """The totals of the journals ``filters`` pick: kept ones when only a role or a value is
    asked for (counted and kept first if there are none), else counted for this once."""
    # The kept totals are of the person's own journals (``Filters.own``), by role and value.
    if filters is not None and (filters.since or filters.until or filters.supervisee
                                or filters.kind or not filters.own):
        where, params = index.where(filters)
        if filters.value:  # that value only, as the kept totals give it
            where += " AND v.vid = ?"
            params.append(filters.value)
        found = Totals()
        found.add(index.conn.execute(_ROWS.format(where=where), params))
        return found
    if index._meta(_key(index)) is None:
        _count_again(index)
    return _read(index, filters.role if filters else None, filters.value if filters else None)


def _key(index: Index) -> str:
    return f"tally {index.dir_key}"


def _count_again(index: Index) -> None:
    conn = index.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        if index._meta(_key(index)) is None:  # another peersup may have counted meanwhile
            where, params = index.where(_own())
            found = Totals()
            found.add(conn.execute(_ROWS.format(where=where), params))
            _store(index, found)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _store(index: Index, found: Totals, *, replace: bool = False) -> None:
    """Write ``found`` as the totals (``replace``: over the rows of the same keys only)."""
    conn, key = index.conn, index.folder
    if not replace:
        for table in ("tally", "tally_items"):
            conn.execute(f"DELETE FROM {table} WHERE dir = ?", (key,))
    conn.executemany(
        "INSERT OR REPLACE INTO tally VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((key, role, vid, g.times, g.newest, g.number, g.title, g.practice, g.day,
          g.role_label, ",".join(g.ratings), ",".join(g.days), g.label)
         for (role, vid), g in found.groups.items()),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO tally_items VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((key, *k, count) for k, count in found.items.items()),
    )
    index._set_meta(_key(index), "counted")


def _read(index: Index, role: str | None, vid: str | None) -> Totals:
    where = "dir = ?"
    params: list[Any] = [index.folder]
    if role:
        where += " AND role = ?"
        params.append(role)
    if vid:
        where += " AND vid = ?"
        params.append(vid)
    found = Totals()
    for (role_, vid_, times, newest, number, title, practice, day, role_label, ratings, days,
         label) in index.conn.execute(
        "SELECT role, vid, times, newest, number, title, practice, day, role_label, ratings, "
        f"days, label FROM tally WHERE {where}", params,
    ):
        found.groups[(role_, vid_)] = Group(
            times, newest, number, title, practice, day, role_label,
            [ratings] if ratings else [], [days] if days else [], label)
    for framework, role_, vid_, kind, n, count in index.conn.execute(
        f"SELECT framework, role, vid, kind, n, count FROM tally_items WHERE {where}", params
    ):
        found.items[(framework, role_, vid_, kind, n)] = count
    return found


def after_refresh(index: Index, first_new: int, appended: bool) -> None:
    """Keep the totals in step with a refresh (inside its transaction): journals from row id
    ``first_new`` on were added after all the others (``appended``), or something else
    changed, and the totals are dropped."""
    if index._meta(_key(index)) is None:
        return  # none kept: the next command that needs them counts them
    if not appended:
        for table in ("tally", "tally_items"):
            index.conn.execute(f"DELETE FROM {table} WHERE dir = ?", (index.folder,))
        index.conn.execute("DELETE FROM meta WHERE key = ?", (_key(index),))
        return
    where, params = index.where(_own())
    rows = index.conn.execute(_ROWS.format(where=f"{where} AND j.id >= ?"),
                              [*params, first_new]).fetchall()
    found = Totals()
    for role, vid in {(row[1], row[5]) for row in rows}:  # only the values these touch
        part = _read(index, role, vid)
        found.groups.update(part.groups)
        found.items.update(part.items)
    found.add(rows)
    _store(index, found, replace=True)
