"""A supervisee's view of a value (``prep NAME --with FILE``) laid out to fit the screen above the
supervisor's own question: their rating, the guidelines they ticked, their answers.

Everything is shown whole when it fits. When it does not, the longest entries give up lines
first (each cut ends in "…"), down to one line each; past that the last entries are left out
and a line says how many. Whenever anything is cut, the last line says how to read it all.
Pure layout, as ``value_screen``: ``terminal`` draws the lines.
"""

from __future__ import annotations

from .. import messages as msg
from ..reflection.port import TheirView
from .value_screen import QUESTION_ROWS, Line, fit_rows, shorten, wrap

# Below the view: the question may take a second line; one more row to breathe.
SPARE = 2


def their_lines(block: TheirView, width: int, height: int) -> list[Line]:
    wrap_at = max(width - 1, 30)
    head = [Line(""), Line(block.heading, rule=True)]
    if block.rating:
        head.append(Line(block.rating, "italic"))
    entries: list[list[Line]] = []
    if block.ticked:
        head_ticked = Line(msg.THEIR_TICKED)
        for n, text in enumerate(block.ticked):
            rows = [Line(t) for t in wrap(text, wrap_at, indent="    ", first="  • ")]
            entries.append(([head_ticked] if n == 0 else []) + rows)
    for question, answer in block.answers:
        rows = [Line(t, "bold") for t in wrap(question, wrap_at)] if question else []
        for part in answer.split("\n"):
            rows += [Line(t, "dim") for t in wrap(part, wrap_at, indent="  │ ", first="  │ ")]
        entries.append(rows)
    room = max(height - QUESTION_ROWS - SPARE - len(head), 3)
    full = [len(rows) for rows in entries]
    if sum(full) <= room:
        return head + [line for rows in entries for line in rows]
    room -= 2  # the lines that say how much is left out and how to read it all
    # The heading of the ticked list and a question stay whole: at least two lines an entry.
    allowed = fit_rows(full, room, [False] * len(full))
    allowed = [max(a, min(f, 2)) for a, f in zip(allowed, full, strict=True)]
    out = list(head)
    used = 0
    for n, (rows, keep) in enumerate(zip(entries, allowed, strict=True)):
        if used + keep > room:
            left = len(entries) - n
            out.append(Line(msg.THEIR_MORE.format(count=left), "italic"))
            break
        out += rows if keep >= len(rows) else _cut(rows[:keep], wrap_at)
        used += keep
    out.append(Line(block.whole, "italic"))
    return out


def _cut(rows: list[Line], width: int) -> list[Line]:
    texts = shorten([r.text for r in rows], width)
    return [Line(t, r.style) for t, r in zip(texts, rows, strict=True)]
