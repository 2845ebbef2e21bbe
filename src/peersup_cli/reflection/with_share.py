"""What a prep made with a supervisee's shared self-evaluation shows (``prep NAME --with FILE``).

The share may come from another role and another framework (a peer supporter on naps-2019, a
supervisor on ma-accs-2022): its values are matched to the supervisor's by value id, and a value
the supervisor's guidelines do not have is named by its own title. Everything here reads the
share as the supervisee wrote it (their titles, their guidelines' words, their rating labels),
never the supervisor's framework's wording for the same value.

The agenda gains a few lines from it, strengths first: what they rated highest, what they
practised, the support they asked for, then their plan.
"""

from __future__ import annotations

from .. import messages as msg
from ..guidelines.model import Framework, Value
from ..journal.model import Journal, ValueReflection
from .answers import as_sentences
from .port import ItemList, TheirView

MAX_LINE = 100  # characters of the supervisee's words on one agenda line
MOST = 3  # values named in one agenda line


def matched(share: Journal, framework: Framework) -> list[Value]:
    """The supervisor's values that the share holds something about, in the framework's order."""
    ids = {r.value_id for r in share.reflections if _said(r)}
    return [v for v in framework.values if v.id in ids]


def unmatched(share: Journal, framework: Framework) -> list[ValueReflection]:
    """The share's values the supervisor's framework does not have."""
    known = {v.id for v in framework.values}
    return [r for r in share.reflections if r.value_id not in known and _said(r)]


def _said(r: ValueReflection) -> bool:
    return r.engaged or bool(r.items) or r.rating is not None


def _rating(r: ValueReflection) -> str:
    if r.rating is None:
        return ""
    return f"{r.rating} — {r.rating_label}" if r.rating_label else str(r.rating)


def pick_rows(share: Journal, values: list[Value]) -> ItemList:
    """The values offered to prepare with, each with what the supervisee said in brief."""
    rows = []
    for value in values:
        r = share.reflection(value.id)
        what = msg.THEIR_RATED.format(rating=_rating(r)) if r is not None and r.rating else ""
        rows.append(msg.PICK_ROW.format(title=value.title, what=what) if what else value.title)
    return ItemList("", tuple(rows))


def unmatched_line(share: Journal, framework: Framework) -> str:
    others = unmatched(share, framework)
    if not others:
        return ""
    titles = ", ".join(
        f"{r.title} ({_rating(r)})" if r.rating is not None else r.title for r in others)
    return msg.PICK_UNMATCHED.format(titles=titles)


def aside(share: Journal | None, value: Value, name: str) -> str:
    """One line under the value's title: what the supervisee said about it, in brief."""
    if share is None:
        return ""
    r = share.reflection(value.id)
    if r is None or not _said(r):
        return msg.THEIR_ASIDE_NONE.format(name=name)
    parts = []
    if r.rating is not None:
        parts.append(msg.THEIR_RATED.format(rating=_rating(r)))
    if r.practiced:  # none ticked is not said: their view is about what they do
        parts.append(msg.THEIR_TICKED_COUNT.format(count=len(r.practiced), shown=len(r.items)))
    answered = sum(1 for a in r.answers if a is not None)
    if answered:
        parts.append(msg.THEIR_ANSWERS.format(count=answered))
    return msg.THEIR_ASIDE.format(name=name, parts=" · ".join(parts))


def view(share: Journal | None, value: Value, name: str, share_name: str) -> TheirView | None:
    """What the supervisee said about ``value``, to show before the supervisor's questions;
    None when there is nothing more to show than the line under the title."""
    r = share.reflection(value.id) if share is not None else None
    if r is None:
        return None
    ticked = tuple(item.text for item in r.items if item.practiced)
    answers = tuple(
        (r.prompts[n] if n < len(r.prompts) else "", answer)
        for n, answer in enumerate(r.answers) if answer is not None and answer.strip())
    if not ticked and not answers:
        return None
    return TheirView(
        heading=msg.THEIR_VIEW_HEADING.format(name=name, title=f"{r.number}. {r.title}"),
        rating=msg.THEIR_RATED_LINE.format(rating=_rating(r)) if r.rating is not None else "",
        ticked=ticked,
        answers=answers,
        whole=msg.THEIR_WHOLE.format(file=share_name),
    )


# -- the agenda's part ---------------------------------------------------------------------------
def agenda_lines(share: Journal | None) -> list[str]:
    """A few lines for the agenda, strengths first."""
    if share is None:
        return []
    lines = []
    rated = [r for r in share.reflections if r.rating is not None]
    if rated:
        top = max(r.rating or 0 for r in rated)
        best = [r for r in rated if r.rating == top]
        lines.append(msg.FROM_RATED_HIGHEST.format(values=_titles(best), rating=_rating(best[0])))
    ticked = [r for r in share.reflections if r.practiced]
    if ticked:
        count = sum(len(r.practiced) for r in ticked)
        most = sorted(ticked, key=lambda r: -len(r.practiced))
        top_count = len(most[0].practiced)
        lines.append(msg.FROM_PRACTISED.format(
            count=count, s="" if count == 1 else "s",
            values=_titles([r for r in most if len(r.practiced) == top_count])))
    if share.support and share.support.strip():
        lines.append(msg.FROM_SUPPORT.format(text=_short(as_sentences(share.support))))
    if share.action_plan and share.action_plan.strip():
        lines.append(msg.FROM_PLAN.format(text=_short(as_sentences(share.action_plan))))
    return lines


def _titles(reflections: list[ValueReflection]) -> str:
    names = [" ".join(r.title.split()) for r in reflections[:MOST]]
    more = len(reflections) - MOST
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _short(text: str) -> str:
    """The supervisee's words on one line, cut at a word when they run long."""
    one = " ".join(text.split())
    if len(one) <= MAX_LINE:
        return one
    return one[:MAX_LINE].rsplit(" ", 1)[0].rstrip(",;:") + " …"
