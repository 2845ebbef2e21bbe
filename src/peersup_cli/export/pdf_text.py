"""Which font draws each character of the PDF, and what becomes of those no font can draw.

fpdf2's own ``set_fallback_fonts`` only works in ``cell``/``multi_cell``/``write``; the PDF
writer places lines with ``text()`` (see pdf.py for why), so it splits each line into runs by
font itself. A character no font covers is drawn as a box in the base font and remembered, so
that the document can end with a note naming it: never dropped, never silently replaced.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

BOX = "\u25a1"  # □, in the bundled DejaVu subset
LATIN1_BOX = "[?]"  # Helvetica (no bundled fonts) has no box
NOTE_HEADING = "Some characters could not be drawn"
NOTE_LIMIT = 60  # characters named in the note; the rest are counted


def invisible(ch: str) -> bool:
    """Characters with no ink of their own: joiners, variation selectors, direction marks.
    Emoji sequences carry them (❤️ is U+2764 U+FE0F); a font without them loses nothing."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) == "Cf"
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0100 <= cp <= 0xE01EF
    )


class Glyphs:
    """``base``: what the main font draws (both faces); ``fallback``: character -> font family."""

    def __init__(self, base: frozenset[str], fallback: dict[str, str], box: str = BOX) -> None:
        self.base = base
        self.fallback = fallback
        self.box = box
        self.missing: dict[str, None] = {}  # in the order met, without repeats

    def prepare(self, text: str) -> str:
        """``text`` as it will be drawn: undrawable characters boxed (and noted)."""
        if set(text) <= self.base:
            return text
        out: list[str] = []
        for ch in text:
            if ch in self.base or ch in self.fallback or ch.isspace():
                out.append(ch)
            elif not invisible(ch):
                self.missing.setdefault(ch)
                out.append(self.box)
        return "".join(out)

    def runs(self, text: str) -> list[tuple[str | None, str]]:
        """``text`` (prepared) in pieces of one font each; None is the base font."""
        if set(text) <= self.base:
            return [(None, text)]
        runs: list[tuple[str | None, str]] = []
        for ch in text:
            family = None if ch in self.base or ch.isspace() else self.fallback.get(ch)
            if runs and runs[-1][0] == family:
                runs[-1] = (family, runs[-1][1] + ch)
            else:
                runs.append((family, ch))
        return runs


def note_text(missing: Iterable[str], box: str = BOX) -> str:
    """The closing note: what was boxed, by code point and Unicode name, so it can be looked up."""
    chars = list(missing)
    named = [_describe(ch) for ch in chars[:NOTE_LIMIT]]
    more = len(chars) - len(named)
    tail = f", and {more} more" if more > 0 else ""
    return (
        f"No font on this computer could draw these characters, so they show as {box} above: "
        + ", ".join(named) + tail + "."
    )


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if not name:
        name = "a control character" if unicodedata.category(ch) == "Cc" else "unnamed"
    return f"U+{ord(ch):04X} ({name.lower() if name.isupper() else name})"


def needed(texts: Iterable[str], base: frozenset[str]) -> set[str]:
    """The visible characters of ``texts`` that the base font lacks."""
    out: set[str] = set()
    for text in texts:
        out.update(set(text) - base)
    # Control characters (a pasted bell or escape) are in no font worth looking for.
    return {
        ch for ch in out
        if not ch.isspace() and not invisible(ch) and unicodedata.category(ch) != "Cc"
    }


def add_fallbacks(
    pdf: Any, texts: Iterable[str], base: frozenset[str], dirs: Sequence[Path] | None,
    bundled: bool,
) -> Glyphs:
    """Adds to ``pdf`` the fallback fonts ``texts`` need, and says which draws what."""
    want = needed(texts, base)
    mapping: dict[str, str] = {}
    if want:
        from .fallback import choose

        fonts, _ = choose(want, dirs, bundled)
        for n, font in enumerate(fonts, start=1):
            family = f"Fallback{n}"
            # unicode_range: fpdf2 reads widths for these characters only, not a CJK font's 45,000.
            pdf.add_font(
                family, "", str(font.path), collection_font_number=font.index,
                unicode_range=sorted(ord(ch) for ch in font.chars),
            )
            mapping.update(dict.fromkeys(font.chars, family.lower()))
    return Glyphs(base, mapping)


def characters(pdf: Any, family: str) -> frozenset[str]:
    """The characters both faces can draw (fpdf2 keys its fonts by lowercased family + style)."""
    faces = [pdf.fonts[family.lower() + style] for style in ("", "B")]
    common = set(faces[0].cmap).intersection(*(face.cmap for face in faces[1:]))
    return frozenset(chr(code) for code in common) | {"\n"}


def fpdf_class() -> Any:
    """fpdf2's FPDF, imported here so that only PDF exports pay for it.

    The import (fpdf2 with fontTools and Pillow) creates some 50,000 objects, and the cyclic
    garbage collector runs again and again while they appear, finding nothing to free. Pausing
    it for the import saves about 30 ms of the PDF export's 0.5 s budget.
    """
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        from fpdf import FPDF
    finally:
        if was_enabled:
            gc.enable()
    return FPDF
