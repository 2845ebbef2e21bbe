"""Fonts for what the bundled DejaVu subset cannot draw: emoji, Chinese, Japanese, Korean, more.

Looked for only when a document holds such characters, so a checklist or a plain journal pays
nothing. The order is fixed, so that the same journal prints the same way on one computer:

1. Noto Emoji, bundled (monochrome outlines, 0.8 MB): emoji print on every computer.
2. Fonts this computer has that are known to cover a lot (``KNOWN``, best first): Noto Sans CJK
   and friends on Linux, Arial Unicode and PingFang on macOS, Segoe UI Emoji/Symbol and
   Microsoft YaHei on Windows.
3. Any other font file in the same folders, in name order, up to ``MAX_SCANNED`` of them.

The folders are the platform's usual font folders, or those listed in ``PEERSUP_FONT_DIRS``
(separated like PATH; set it empty for none), or those a caller passes. What no font covers is
drawn as a box and listed at the end of the PDF (see ``pdf_text``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .fonts import font_dir

ENV_FONT_DIRS = "PEERSUP_FONT_DIRS"
BUNDLED_EMOJI = "NotoEmoji-Regular.ttf"
EXTENSIONS = (".ttf", ".otf", ".ttc", ".otc")
# Reading a font's character map takes 1 to 130 ms (a CJK collection is the slow end): this keeps
# a journal with a character nothing covers from reading a whole font library.
MAX_SCANNED = 150

# File names, compared without case. Collections (.ttc) use their first face: for Noto Sans CJK
# that is Japanese, whose Han characters also serve Chinese text well enough on paper.
KNOWN = (
    # Linux
    "NotoSansCJK-Regular.ttc", "NotoSansCJK-Regular.ttf", "NotoSansCJKsc-Regular.otf",
    "NotoSansCJKjp-Regular.otf", "NotoSansCJKkr-Regular.otf", "NotoSansCJKtc-Regular.otf",
    "SourceHanSans-Regular.ttc",
    "NotoSansSC-Regular.otf", "NotoSansJP-Regular.otf", "wqy-zenhei.ttc", "wqy-microhei.ttc",
    "DroidSansFallbackFull.ttf", "DroidSansFallback.ttf", "DejaVuSans.ttf", "NotoSans-Regular.ttf",
    "NotoSansSymbols-Regular.ttf", "NotoSansSymbols2-Regular.ttf", "Symbola.ttf",
    "Symbola_hint.ttf", "FreeSerif.ttf", "unifont.otf",
    # macOS (Apple Color Emoji is a bitmap font that cannot be embedded; Noto Emoji stands in)
    "Arial Unicode.ttf", "PingFang.ttc", "Hiragino Sans GB.ttc", "AppleSDGothicNeo.ttc",
    "STHeiti Light.ttc", "Apple Symbols.ttf",
    # Windows
    "seguiemj.ttf", "seguisym.ttf", "msyh.ttc", "msyh.ttf", "YuGothM.ttc", "msgothic.ttc",
    "malgun.ttf", "simsun.ttc", "arialuni.ttf", "Nirmala.ttf", "segoeui.ttf",
)


@dataclass(frozen=True)
class Fallback:
    """A font file chosen for ``chars``: the characters of the document it will draw."""

    path: Path
    chars: frozenset[str]
    index: int = 0  # the face in a .ttc/.otc collection


def default_font_dirs() -> list[Path]:
    """``PEERSUP_FONT_DIRS`` when set (empty: no folders), else the platform's font folders."""
    env = os.environ.get(ENV_FONT_DIRS)
    if env is not None:
        return [Path(p) for p in env.split(os.pathsep) if p]
    home = Path.home()
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
            Path("/Library/Fonts"), home / "Library" / "Fonts",
        ]
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = os.environ.get("LOCALAPPDATA")
        dirs = [windir / "Fonts"]
        return dirs + ([Path(local) / "Microsoft" / "Windows" / "Fonts"] if local else [])
    data = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    return [
        home / ".local" / "share" / "fonts", home / ".fonts",
        *(Path(d) / "fonts" for d in data.split(":") if d),
    ]


def choose(
    missing: Iterable[str], dirs: Sequence[Path] | None = None, bundled: bool = True
) -> tuple[list[Fallback], frozenset[str]]:
    """Fonts for ``missing`` characters, each chosen for what the ones before it lack, and the
    characters none of them covers. ``dirs`` None: ``default_font_dirs()``."""
    left = set(missing)
    chosen: list[Fallback] = []
    if not left:
        return chosen, frozenset()
    candidates = _candidates(default_font_dirs() if dirs is None else dirs, bundled)
    for scanned, path in enumerate(candidates):
        if not left or scanned >= MAX_SCANNED:
            break
        cmap = _cmap(path)
        covered = frozenset(ch for ch in left if ord(ch) in cmap)
        if covered:
            chosen.append(Fallback(path, covered))
            left -= covered
    return chosen, frozenset(left)


def _candidates(dirs: Sequence[Path], bundled: bool) -> Iterator[Path]:
    if bundled:
        emoji = font_dir() / BUNDLED_EMOJI
        if emoji.is_file():
            yield emoji
    files = _font_files(dirs)
    rank = {name.lower(): n for n, name in enumerate(KNOWN)}
    known = sorted((p for p in files if p.name.lower() in rank), key=lambda p: rank[p.name.lower()])
    yield from known
    yield from sorted((p for p in files if p.name.lower() not in rank), key=lambda p: p.name)


def _font_files(dirs: Sequence[Path]) -> list[Path]:
    seen: set[Path] = set()
    out: list[Path] = []
    for folder in dirs:
        for root, _, names in os.walk(folder):  # a missing folder yields nothing
            for name in names:
                path = Path(root) / name
                if name.lower().endswith(EXTENSIONS) and path not in seen:
                    seen.add(path)
                    out.append(path)
    return out


def _cmap(path: Path) -> frozenset[int]:
    """The code points the font draws with outlines; nothing for fonts fpdf2 cannot embed."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    try:
        # Opened here, so the file is closed even when fontTools refuses it half way.
        with path.open("rb") as fh, TTFont(fh, lazy=True, fontNumber=0) as font:
            # Bitmap colour emoji (CBDT, sbix: Noto Color Emoji, Apple Color Emoji) break fpdf2's
            # output, and a font without outlines has nothing to draw.
            outlines = any(tag in font for tag in ("glyf", "CFF ", "CFF2"))
            if not outlines or any(tag in font for tag in ("CBDT", "sbix")):
                return frozenset()
            return frozenset(font.getBestCmap() or ())
    except Exception:  # a damaged or unusual font file must not stop an export: skip it
        return frozenset()
