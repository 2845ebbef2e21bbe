"""A growth summary in markdown, for a performance review or a supervision check-in.

Strengths first, then the items practised most, the values that grew, next steps (never framed
as deficits), and the action plans of the period with whether they were carried out. The rule
for "carried out" is simple and stated in the summary itself (see ``FOLLOW_THROUGH_RULE``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .filters import Filters
from .records import decode_agenda
from .trends import ValueTrend, sparkline, trends

if TYPE_CHECKING:
    from .index import Index

FOLLOW_THROUGH_RULE = (
    "A plan made in a supervision prep counts as carried out when the next prep for the same "
    "person lists it under \"Done since last time\", and as carried over when that prep still "
    "lists it as open. Nothing records yet what became of the plans in a reflection: they are "
    "listed as plans, to look back on."
)
WINDOW = 3  # ratings averaged at each end of the period to judge growth
MAX_PLANS = 12


@dataclass
class Plan:
    day: str
    ref: int
    text: str
    state: str  # CARRIED_OUT, CARRIED_OVER, NOT_YET, NO_PREP_YET or A_PLAN


@dataclass
class FollowThrough:
    """The plans of a period: the newest ones in full, and counts over all of them."""

    newest: list[Plan]  # at most ``MAX_PLANS``, oldest first
    total: int = 0
    checked: int = 0  # plans a later prep could check
    done: int = 0  # of those, marked carried out


def covers(
    index: Index, filters: Filters, *, since: str | None, until: str | None,
    supervisee: str | None,
) -> tuple[str, str, int]:
    """(period, who, journals) for the summary's heading: the dates asked for, else those of
    the first and last journal; the roles found, with the supervisee when it is a prep
    summary; how many journals."""
    where, params = index.where(filters)
    count, _, first_day = index.conn.execute(
        f"SELECT count(*), min(j.ref), j.day FROM journals AS j WHERE {where}", params
    ).fetchone()
    _, last_day = index.conn.execute(
        f"SELECT max(j.ref), j.day FROM journals AS j WHERE {where}", params
    ).fetchone()
    first = since or first_day or ""
    last = until or last_day or ""
    period = f"{first} to {last}" if first or last else "all time"
    roles = [r for (r,) in index.conn.execute(
        f"SELECT DISTINCT coalesce(nullif(j.role_label, ''), j.role) FROM journals AS j "
        f"WHERE {where} ORDER BY 1", params,
    )] or [filters.role or "all roles"]
    who = ", ".join(roles) + (f" · prep for {supervisee}" if supervisee else "")
    return period, who, int(count)


def summary(
    index: Index,
    filters: Filters,
    *,
    period: str,
    who: str,
    journals: int,
    context: frozenset[tuple[str, str, str, int]] = frozenset(),
) -> str:
    """The summary as markdown of the journals that fit ``filters``; ``period``, ``who`` and
    ``journals`` (how many) describe them (see ``covers``).

    Every text from a journal (titles, items, labels, plans, names) is escaped, so no markup,
    link or image in it is live in a Markdown viewer."""
    from ..export.markdown import esc as e

    lines = ["# Growth summary", ""]
    lines.append(f"*{e(who)} · {period} · {_count(journals, 'journal')}*")
    lines.append("")
    if not journals:
        lines += ["No journals in this period yet.", ""]
        return "\n".join(lines)
    values = trends(index, filters, context=context, days=False)
    rated = [v for v in values if v.recent is not None]

    lines += ["## Strengths", ""]
    strengths = [v for v in rated if v.recent is not None and v.recent >= 3][:3] or rated[:2]
    for v in strengths:
        lines.append(
            f"- **{e(v.title)} — {e(v.practice)}**: rated {_avg(v)} on average lately "
            f"({_count(v.times, 'reflection')}; latest {v.latest}"
            f"{f' — {e(v.last_label)}' if v.last_label else ''})."
        )
    if not strengths:
        lines.append("- No ratings in this period yet: the items below show what you practised.")
    lines.append("")

    lines += ["## Items practised most", ""]
    top = sorted(
        ((item, v) for v in values for item in v.items.values() if item.practiced),
        key=lambda p: (-p[0].practiced, -p[0].share, p[0].text),
    )[:5]
    for item, v in top:
        lines.append(
            f"- {e(item.text)} ({e(v.title)}): practised in {item.practiced} of {v.shown} "
            "reflections"
        )
    if not top:
        lines.append("- No items were ticked as practised in this period.")
    lines.append("")

    lines += ["## Values that grew", ""]
    grew = [(v, *_ends(v)) for v in rated if len(v.ratings) >= 2]
    grew = [g for g in grew if g[2] > g[1]]
    for v, first, last in sorted(grew, key=lambda g: g[1] - g[2]):
        lines.append(
            f"- **{e(v.title)}**: {first:.1f} → {last:.1f} "
            f"`{sparkline([r for _, r in v.ratings])}`"
        )
    if not grew:
        lines.append("- Ratings held steady over this period.")
    lines.append(
        f"\n*Growth compares the average of the first {WINDOW} ratings of a value in the period "
        f"with the average of its last {WINDOW}.*"
    )
    lines.append("")

    lines += ["## Next steps", ""]
    chosen = {v.id for v in strengths} | {v.id for v, _, _ in grew}
    top_rating = max((r for v in rated for _, r in v.ratings), default=0)
    steps = [v for v in reversed(rated) if v.id not in chosen and v.latest != top_rating][:3]
    for v in steps:
        tip = v.least()
        idea = f" One thing to try next: {e(tip[0].text.rstrip('.'))}." if tip else ""
        label = f" — {e(v.last_label)}" if v.last_label else ""
        lines.append(
            f"- **{e(v.title)} — {e(v.practice)}** (latest rating {v.latest}{label}).{idea}"
        )
    if not steps:
        lines.append("- Keep doing what works; pick any value for a fresh look next time.")
    lines.append("")

    lines += ["## Action plans and follow-through", "", FOLLOW_THROUGH_RULE, ""]
    plans = follow_through(index, filters)
    if not plans.total:
        lines.append("- No action plans were written in this period.")
    shown = plans.newest
    if plans.total > len(shown):
        lines.append(f"*The newest {len(shown)} of {plans.total} plans:*")
        lines.append("")
    for plan in shown:
        lines.append(f"- {plan.day} (#{plan.ref}): {e(plan.text)} — **{plan.state}**")
    if plans.checked:
        lines += ["", f"{plans.done} of {_count(plans.checked, 'plan')} that a later prep "
                  "could check marked carried out."]
    elif plans.total:
        lines += ["", f"{_count(plans.total, 'plan')} made: each one a step you chose to take."]
    lines.append("")
    return "\n".join(lines)


CARRIED_OUT = "carried out"
CARRIED_OVER = "carried over"
NOT_YET = "not in the next prep"
NO_PREP_YET = "no later prep yet"
A_PLAN = "a plan to look back on"


def follow_through(index: Index, filters: Filters) -> FollowThrough:
    """Each line of each action plan, with what the next prep for the same person says about
    it. One pass from the newest journal back: each prep's agenda is remembered as the next
    one for its supervisee, so the time grows with the number of journals, and only the
    newest ``MAX_PLANS`` plans are kept."""
    where, params = index.where(filters)
    found = FollowThrough([])
    newer: dict[str, str | None] = {}  # supervisee -> the agenda of their next (newer) prep
    checks: dict[str | None, tuple[set[str], set[str]]] = {}  # agenda -> (done, carried)
    names: dict[str, str] = {}  # supervisee as written -> folded for matching
    for ref, day, supervisee, plan, agenda in index.conn.execute(
        "SELECT j.ref, j.day, j.supervisee, j.action_plan, j.agenda FROM journals AS j "
        f"WHERE {where} ORDER BY j.ref DESC", params,
    ):
        key = None if supervisee is None else names.get(supervisee)
        if key is None and supervisee is not None:
            key = names[supervisee] = _norm(supervisee)
        if key is None and len(found.newest) >= MAX_PLANS:
            # A reflection's plans are only counted once the newest are all kept.
            found.total += _plan_count(plan)
            continue
        items = _plan_items(plan) if plan else []
        if items:
            later = newer.get(key, _NONE) if key is not None else _NONE
            if later is not _NONE and later not in checks:
                parts = decode_agenda(later) or {}
                checks[later] = ({_norm(t) for t in parts.get("done", [])},
                                 {_norm(t) for t in parts.get("carried", [])})
            for text in reversed(items):
                state = _state(key, later, checks, text)
                found.total += 1
                if state in (CARRIED_OUT, CARRIED_OVER, NOT_YET):
                    found.checked += 1
                    found.done += state == CARRIED_OUT
                if len(found.newest) < MAX_PLANS:
                    found.newest.append(Plan(day, ref, text, state))
        if key is not None:
            newer[key] = agenda
    found.newest.reverse()
    return found


_NONE = "\x00no prep"  # no later prep (an agenda is JSON, never this)


def _state(
    key: str | None, later: str | None,
    checks: dict[str | None, tuple[set[str], set[str]]], text: str,
) -> str:
    if key is None:
        return A_PLAN
    if later is _NONE:
        return NO_PREP_YET
    done, carried = checks[later]
    norm = _norm(text)
    if _found(norm, done):
        return CARRIED_OUT
    if _found(norm, carried):
        return CARRIED_OVER
    return NOT_YET


def _plan_items(plan: str | None) -> list[str]:
    items = []
    for line in (plan or "").split("\n"):
        text = _BULLET.sub("", line).strip()
        if text:
            items.append(" ".join(text.split()))
    return items


_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def _plan_count(plan: str | None) -> int:
    """``len(_plan_items(plan))``, at once for the usual plan: one line, starting with a letter
    (no bullet to take off, and something left)."""
    if not plan:
        return 0
    if plan[:1].isalpha() and "\n" not in plan:
        return 1
    return len(_plan_items(plan))


def _found(key: str, texts: set[str]) -> bool:
    return any(t and (t == key or t in key or key in t) for t in texts)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _ends(v: ValueTrend) -> tuple[float, float]:
    ratings = [r for _, r in v.ratings]
    n = min(WINDOW, len(ratings) // 2) or 1
    return sum(ratings[:n]) / n, sum(ratings[-n:]) / n


def _avg(v: ValueTrend) -> str:
    return f"{v.recent:.1f}" if v.recent is not None else "no rating"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
