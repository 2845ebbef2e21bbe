"""A value laid out to fit the screen: a header, a line or two of description, the guidelines as
a compact numbered list, and room left for the question after it. (``their_view`` lays out a
supervisee's view of a value the same way.)

The person is asked which guidelines they practised right below the list, so the value's title
and guideline 1 must still be in view then. When everything fits it is shown in full; when it
does not, the longest guidelines are shortened (each ends in "…") until it does, and ``:m``
shows them whole. Pure layout: ``terminal`` draws the lines.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .. import messages as msg
from ..reflection.port import ValueHeader

# Below the list: a blank line, the question, its hint and the prompt.
QUESTION_ROWS = 4
ELLIPSIS = " …"


@dataclass(frozen=True)
class Line:
    text: str
    style: str = ""
    rule: bool = False  # a rule across the screen with the text in its middle


def value_lines(block: ValueHeader, width: int, height: int) -> list[Line]:
    """The lines to draw for ``block`` on a screen ``width`` x ``height``, leaving
    ``QUESTION_ROWS`` rows below them (and the lines above the title never needed)."""
    wrap_at = max(width - 1, 30)  # one short of the edge: no terminal wraps a full line early
    title = wrap(f"{block.number}. {block.title} — {block.practice}", wrap_at)
    last = [_last_time(block)] if block.last_time is not None else []
    if block.aside:  # a prep with a share file: what the supervisee said about this value
        last += wrap(block.aside, wrap_at)
    digits = len(str(len(block.items)))
    rows = [_item_rows(f"  {n:>{digits}}. ", text, n in block.context, wrap_at)
            for n, text in enumerate(block.items, start=1)]
    full = [len(r) for r in rows]
    # The room the guidelines have with the whole header (two description lines), and less
    # header when even one line per guideline would not fit.
    for described, heading in ((2, True), (1, True), (1, False)):
        head = 2 + len(title) + described + len(last) + (1 if heading and rows else 0)
        room = height - QUESTION_ROWS - head
        if sum(full) <= room or len(rows) <= room:
            break
    summary = _description(block, described, wrap_at)
    allowed = fit_rows(full, room, [n in block.context for n in range(1, len(rows) + 1)])
    out = [Line(""), Line(f"Value {block.position} of {block.total}", rule=True)]
    out += [Line(t, "bold") for t in title]
    out += [Line(t) for t in summary]
    out += [Line(t, "italic") for t in last]
    if rows and heading:
        out.append(Line(block.guidelines_heading))
    for n, (lines, keep) in enumerate(zip(rows, allowed, strict=True), start=1):
        shown = lines if keep >= len(lines) else shorten(lines[:keep], wrap_at)
        style = "dim" if n in block.context else ""
        out += [Line(t, style) for t in shown]
    return out


def wrap(text: str, width: int, indent: str = "", first: str = "") -> list[str]:
    """``text`` on one line or more of at most ``width`` characters, words kept whole."""
    return textwrap.wrap(" ".join(text.split()), width=width, initial_indent=first or indent,
                         subsequent_indent=indent, break_on_hyphens=False) or [first.rstrip()]


def _item_rows(prefix: str, text: str, context: bool, width: int) -> list[str]:
    body = f"{msg.CONTEXT_MARK} {text}" if context else text
    return wrap(body, width, indent=" " * len(prefix), first=prefix)


def _description(block: ValueHeader, count: int, width: int) -> list[str]:
    """The summary in at most ``count`` lines, saying when ``:m`` has more."""
    if not block.summary:
        return []
    more = f" {msg.MORE_AVAILABLE}" if block.has_more else ""
    lines = wrap(block.summary + more, width)
    if len(lines) <= count:
        return lines
    kept = wrap(block.summary, width)[:count]
    return shorten(kept, width, suffix=f" … {msg.MORE_SHORT}")


def _last_time(block: ValueHeader) -> str:
    last = block.last_time
    assert last is not None
    if last.rating and last.rating_label:
        rating = f"{last.rating} — {last.rating_label}"
    else:
        rating = str(last.rating) if last.rating else msg.NOT_RATED
    return msg.LAST_TIME.format(date=last.date.strftime("%d %B %Y"), rating=rating)


def fit_rows(full: list[int], room: int, context: list[bool]) -> list[int]:
    """Lines allowed per guideline so that they add up to ``room`` or less (at least one
    each): background items give up their lines first, then the longest, ties from the end."""
    allowed = list(full)
    while sum(allowed) > room:
        longest = max(range(len(allowed)), key=lambda i: (context[i], allowed[i], i))
        if allowed[longest] <= 1:
            if any(context) and not all(context):
                context = [False] * len(context)  # background is down to a line: the rest
                continue
            break
        allowed[longest] -= 1
    return allowed


def shorten(lines: list[str], width: int, suffix: str = ELLIPSIS) -> list[str]:
    """``lines`` with the last one cut at a word so that ``suffix`` fits after it."""
    last = lines[-1].rstrip()
    indent = len(last) - len(last.lstrip())
    words = last.split()
    while words and indent + len(" ".join(words)) + len(suffix) > width:
        words.pop()
    if suffix.startswith(ELLIPSIS) and words and words[-1][-1:] in ",;:":
        words[-1] = words[-1][:-1]
    text = " " * indent + " ".join(words)
    return [*lines[:-1], (text + suffix) if words else text + suffix.lstrip()]
