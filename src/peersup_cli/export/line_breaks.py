"""Breaking text into lines that fit a width, given how wide a piece of text is.

The PDF writer lays out its own lines (see pdf.py for why). Words go on a line while they fit;
a word wider than a whole line (a pasted link, a run of letters with no space) is broken where
it must. Such a run can be as long as a journal allows, so it is measured in pieces, never
again whole for each line it fills: linear in its length.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


def break_lines(
    paragraphs: Iterable[str], measure: Callable[[str], float], width: float
) -> list[str]:
    """The lines of each paragraph, in order; an empty paragraph is an empty line."""
    out: list[str] = []
    space = measure(" ")
    for para in paragraphs:
        line: list[str] = []
        used = 0.0
        for word in para.split():
            w = measure(word)
            while w > width:  # a word longer than the line: break it where it must
                cut = max(1, int(len(word) * width / w) - 1)
                piece = measure(word[:cut])
                while piece > width and cut > 1:  # wider letters here than on average
                    cut = max(1, cut * 9 // 10)
                    piece = measure(word[:cut])
                if line:
                    out.append(" ".join(line))
                    line, used = [], 0.0
                out.append(word[:cut])
                word = word[cut:]
                # What is left is measured again only once it is short.
                w = w - piece if len(word) > 4 * cut else measure(word)
            if line and used + space + w > width:
                out.append(" ".join(line))
                line, used = [], 0.0
            used = used + space + w if line else w
            line.append(word)
        out.append(" ".join(line))
    return out
