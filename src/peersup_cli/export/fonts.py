"""Where the PDF's fonts come from: DejaVu Sans, bundled with peersup (see fonts/LICENSE.txt).

Characters DejaVu lacks (emoji, CJK) are drawn with fallback fonts: see ``fallback``.

The fonts ship as package data of ``peersup_cli`` (the ``fonts`` folder is not a package). When
they are missing (a trimmed install), the PDF falls back to the PDF core font Helvetica, which
only knows Latin-1: ``to_latin1`` then turns curly quotes, dashes and the like into their plain
equivalents, and anything else Latin-1 lacks into '?'.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
FALLBACK_FAMILY = "helvetica"


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path


def font_dir() -> Path:
    return Path(str(resources.files("peersup_cli").joinpath("fonts")))


def bundled_fonts(directory: Path | None = None) -> FontFiles | None:
    """The bundled font files, or None when the regular face is missing (use the fallback)."""
    folder = directory or font_dir()
    regular = folder / REGULAR
    if not regular.is_file():
        return None
    bold = folder / BOLD
    # Without the bold face, headings use the regular one: plainer, but every character shows.
    return FontFiles(regular, bold if bold.is_file() else regular)


_PLAIN = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u2026": "...", "\u2022": "*", "\u00a0": " ",
        "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
        "\u200b": "", "\u2713": "x", "\u2714": "x", "\u2192": "->", "\u2190": "<-",
        # Letters with no decomposition to a Latin-1 base letter.
        "\u0141": "L", "\u0142": "l", "\u0110": "D", "\u0111": "d", "\u0152": "OE",
        "\u0153": "oe", "\u0131": "i",
    }
)


def to_latin1(text: str, lost: dict[str, None] | None = None) -> str:
    """``text`` in characters Helvetica (Latin-1) can show: the fallback when fonts are missing.

    With ``lost``, what has no Latin-1 form is drawn as "[?]" and recorded there (for the note
    at the end of the PDF); without it, it becomes "?".
    """
    plain = text.translate(_PLAIN)
    try:
        plain.encode("latin-1")
        return plain
    except UnicodeEncodeError:
        pass
    out: list[str] = []
    for ch in plain:
        if ord(ch) < 256:
            out.append(ch)
            continue
        # "ő" -> "o" + combining mark -> "o"; what has no Latin-1 base becomes "?".
        base = "".join(
            c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
        )
        if base and all(ord(c) < 256 for c in base):
            out.append(base)
        elif lost is None:
            out.append("?")
        elif not (unicodedata.category(ch) == "Cf" or 0xFE00 <= ord(ch) <= 0xFE0F):
            lost.setdefault(ch)
            out.append("[?]")
    return "".join(out)
