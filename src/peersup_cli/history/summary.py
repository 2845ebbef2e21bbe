"""A growth summary in markdown, for a performance review or a supervision check-in.

Strengths first, then the items practised most, the values that grew, next steps (never framed
as deficits), and the action plans of the period with whether they were carried out. The rule
for "carried out" is simple and stated in the summary itself (see ``FOLLOW_THROUGH_RULE``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .filters import Filters
from .records import IndexedJournal, ValueRow
from .trends import ValueTrend, sparkline, trends

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


def covers(
    entries: list[IndexedJournal],
    filters: Filters,
    *,
    since: str | None,
    until: str | None,
    supervisee: str | None,
) -> tuple[str, str]:
    """(period, who) for the summary's heading: the dates asked for, else those of the first
    and last journal; the roles found, with the supervisee when it is a prep summary."""
    first = since or (entries[0].day if entries else "")
    last = until or (entries[-1].day if entries else "")
    period = f"{first} to {last}" if first or last else "all time"
    roles = sorted({e.who() for e in entries}) or [filters.role or "all roles"]
    who = ", ".join(roles) + (f" · prep for {supervisee}" if supervisee else "")
    return period, who


def summary(
    entries: list[IndexedJournal],
    item_texts: dict[tuple[str, str, str, int], str],
    *,
    period: str,
    who: str,
    context: frozenset[tuple[str, str, str, int]] = frozenset(),
) -> str:
    """The summary as markdown. ``entries`` oldest first; ``period`` and ``who`` describe them.

    Every text from a journal (titles, items, labels, plans, names) is escaped, so no markup,
    link or image in it is live in a Markdown viewer."""
    from ..export.markdown import esc as e

    entries = sorted(entries, key=lambda e: e.ref)
    lines = ["# Growth summary", ""]
    lines.append(f"*{e(who)} · {period} · {_count(len(entries), 'journal')}*")
    lines.append("")
    if not entries:
        lines += ["No journals in this period yet.", ""]
        return "\n".join(lines)
    values = trends(
        (ValueRow(e.day, e.framework, e.role, e.vals_json, e.role_label or e.role)
         for e in entries),
        item_texts, context=context,
    )
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
    plans = follow_through(entries)
    if not plans:
        lines.append("- No action plans were written in this period.")
    shown = plans[-MAX_PLANS:]
    if len(plans) > len(shown):
        lines.append(f"*The newest {len(shown)} of {len(plans)} plans:*")
        lines.append("")
    for plan in shown:
        lines.append(f"- {plan.day} (#{plan.ref}): {e(plan.text)} — **{plan.state}**")
    checked = [p for p in plans if p.state in (CARRIED_OUT, CARRIED_OVER, NOT_YET)]
    done = sum(p.state == CARRIED_OUT for p in checked)
    if checked:
        lines += ["", f"{done} of {_count(len(checked), 'plan')} that a later prep could check "
                  "marked carried out."]
    elif plans:
        lines += ["", f"{_count(len(plans), 'plan')} made: each one a step you chose to take."]
    lines.append("")
    return "\n".join(lines)


CARRIED_OUT = "carried out"
CARRIED_OVER = "carried over"
NOT_YET = "not in the next prep"
NO_PREP_YET = "no later prep yet"
A_PLAN = "a plan to look back on"


def follow_through(entries: list[IndexedJournal]) -> list[Plan]:
    """Each line of each action plan, oldest first, with what the next prep for the same
    person says about it. One pass: each prep's plans are checked against the next prep of
    that supervisee only, so the time grows with the number of plans, not their square."""
    next_prep: dict[int, IndexedJournal] = {}  # ref -> the next prep for the same supervisee
    newer: dict[str, IndexedJournal] = {}
    for e in sorted(entries, key=lambda e: -e.ref):
        if e.supervisee is not None:
            key = _norm(e.supervisee)
            if key in newer:
                next_prep[e.ref] = newer[key]
            newer[key] = e
    plans: list[Plan] = []
    for e in entries:
        items = _plan_items(e.action_plan)
        if not items:
            continue
        later = next_prep.get(e.ref)
        agenda = later.agenda() if later is not None else None
        done = {_norm(t) for t in (agenda or {}).get("done", [])}
        carried = {_norm(t) for t in (agenda or {}).get("carried", [])}
        for text in items:
            key = _norm(text)
            if e.supervisee is None:
                state = A_PLAN
            elif later is None:
                state = NO_PREP_YET
            elif _found(key, done):
                state = CARRIED_OUT
            elif _found(key, carried):
                state = CARRIED_OVER
            else:
                state = NOT_YET
            plans.append(Plan(e.day, e.ref, text, state))
    return plans


def _plan_items(plan: str | None) -> list[str]:
    items = []
    for line in (plan or "").split("\n"):
        text = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip()
        if text:
            items.append(" ".join(text.split()))
    return items


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
