"""The Document as a PDF, made with fpdf2 alone: no browser, no system library.

Layout is done here rather than with fpdf2's ``multi_cell``: its line breaker measures every
line again for every character, which made a full checklist take most of a second. Words are
measured once and each line is placed with ``text()``, which keeps the text extractable (for
copy-paste and screen readers) at a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import model
from .fonts import FALLBACK_FAMILY, FAMILY, FontFiles, bundled_fonts, to_latin1
from .line_breaks import break_lines
from .model import Block, Document, Section
from .pdf_text import (
    LATIN1_BOX,
    NOTE_HEADING,
    Glyphs,
    add_fallbacks,
    characters,
    fpdf_class,
    note_text,
)

PAPER = {"a4": "A4", "letter": "Letter"}
MARGIN = 54.0  # points (3/4 inch)
TOP = 70.0
BOTTOM_GAP = 62.0
BODY = 10.5
BOX = 8.5
RULE_GAP = 22.0
INK = (17, 17, 17)
MUTED = (85, 85, 85)
LIGHT = (165, 165, 165)
TICK = "\u2713"


def render_pdf(
    doc: Document, paper: str = "a4", fonts: FontFiles | bool | None = True,
    font_dirs: Sequence[Path] | None = None, bundled_fallback: bool = True,
) -> bytes:
    """The PDF bytes. ``fonts``: True finds the bundled fonts; None/False forces Helvetica.

    Characters the bundled fonts lack are drawn with fallback fonts (see ``fallback``): the
    bundled Noto Emoji unless ``bundled_fallback`` is False, then fonts found in ``font_dirs``
    (None: this computer's font folders, or PEERSUP_FONT_DIRS; empty: none).
    """
    files = bundled_fonts() if fonts is True else (fonts or None)
    pdf = fpdf_class()(orientation="portrait", unit="pt", format=PAPER.get(paper, "A4"))
    try:
        return _Writer(pdf, doc, files, font_dirs, bundled_fallback).build()
    except Exception:
        for font in pdf.fonts.values():  # fpdf2 closes font files in output(), not before
            if hasattr(font, "close"):
                font.close()
        if font_dirs is not None and not font_dirs:
            raise
        pdf = fpdf_class()(orientation="portrait", unit="pt", format=PAPER.get(paper, "A4"))
        # A font on this computer that fpdf2 turns out not to handle must not stop the export:
        # without the computer's fonts, what they would have drawn is boxed and noted instead.
        return _Writer(pdf, doc, files, [], bundled_fallback).build()


class _Writer:
    def __init__(
        self, pdf: Any, doc: Document, fonts: FontFiles | None,
        font_dirs: Sequence[Path] | None, bundled_fallback: bool,
    ) -> None:
        self.doc = doc
        pdf.set_auto_page_break(False)
        pdf.set_margins(MARGIN, TOP, MARGIN)
        pdf.alias_nb_pages()
        pdf.set_creator("peersup")
        pdf.set_title(doc.title)
        pdf.set_subject(doc.framework_title)
        pdf.set_lang(doc.lang)
        if fonts is not None:
            pdf.add_font(FAMILY, "", str(fonts.regular))
            pdf.add_font(FAMILY, "B", str(fonts.bold))
            self.family = FAMILY
            self.glyphs = add_fallbacks(
                pdf, doc.all_text(), characters(pdf, FAMILY), font_dirs, bundled_fallback
            )
            self.plain: Callable[[str], str] = self.glyphs.prepare
            self.tick = TICK
        else:
            # Helvetica knows Latin-1 only, so text is transliterated (see fonts.py).
            self.family = FALLBACK_FAMILY
            self.glyphs = Glyphs(frozenset(), {}, LATIN1_BOX)
            self.plain = lambda text: to_latin1(text, self.glyphs.missing)
            self.tick = "x"
        self.pdf = pdf
        self.left = MARGIN
        self.right = float(pdf.w) - MARGIN
        self.width = self.right - self.left
        self.bottom = float(pdf.h) - BOTTOM_GAP
        self.y = TOP
        self.role = ""
        self._widths: dict[tuple[bool, str], float] = {}
        pdf.set_font(self.family, "", BODY)
        pdf.set_text_color(*INK)
        self.current: tuple[float, bool, tuple[int, int, int]] = (BODY, False, INK)

    # -- primitives -----------------------------------------------------------------------
    def font(self, size: float, bold: bool = False, color: tuple[int, int, int] = INK) -> None:
        if (size, bold, color) == self.current:
            return  # fpdf2 does real work even for a no-op change; a page has hundreds of these
        if (size, bold) != self.current[:2]:
            self.pdf.set_font(self.family, "B" if bold else "", size)
        if color != self.current[2]:
            self.pdf.set_text_color(*color)
        self.current = (size, bold, color)

    def measure(self, text: str) -> float:
        # Words repeat a lot ("peer", "support", "the"): each is measured once per style, at
        # 1 pt, and scaled; that is a good share of the layout time saved.
        size, bold = self.current[0], self.current[1]
        key = (bold, text)
        per_point = self._widths.get(key)
        if per_point is None:
            per_point = 0.0
            for family, run in self.runs(text):
                font = self.pdf.current_font if family is None else self.pdf.fonts[family]
                per_point += float(font.get_text_width(run, 1.0, None)[1])
            if len(text) <= 200:  # words, not the pieces of a pasted run of letters
                self._widths[key] = per_point
        return per_point * size

    def runs(self, text: str) -> list[tuple[str | None, str]]:
        if self.family == FALLBACK_FAMILY:
            return [(None, text)]
        return self.glyphs.runs(text)

    def text(self, x: float, y: float, text: str) -> None:
        """One line at (x, baseline y), each piece in the font that has its characters."""
        runs = self.runs(text)
        if len(runs) == 1 and runs[0][0] is None:
            self.pdf.text(x, y, text)
            return
        size, bold = self.current[0], self.current[1]
        for family, run in runs:
            if family is None:
                self.pdf.set_font(self.family, "B" if bold else "", size)
                width = self.measure(run)
            else:
                # Fallback fonts come in one face: bold text uses it too, which beats a box.
                self.pdf.set_font(family, "", size)
                width = float(self.pdf.fonts[family].get_text_width(run, 1.0, None)[1]) * size
            self.pdf.text(x, y, run)
            x += width
        self.pdf.set_font(self.family, "B" if bold else "", size)

    def wrap(self, text: str, width: float) -> list[str]:
        """Lines of ``text`` (current font) no wider than ``width``; newlines are kept."""
        return break_lines(model.text_lines(self.plain(text)), self.measure, width)

    def ensure(self, height: float) -> None:
        if self.y + height > self.bottom:
            self.new_page()

    def new_page(self) -> None:
        """A fresh page with header and footer; the text style in use carries over."""
        pdf = self.pdf
        keep = self.current
        pdf.add_page()
        h = float(pdf.h)
        pdf.set_draw_color(*LIGHT)
        pdf.set_line_width(0.5)
        self.font(7.5, color=MUTED)
        role = self.plain(self.role)
        role_width = self.measure(role) + 12 if role else 0.0
        title = self.wrap(self.doc.framework_title, self.width - role_width)
        more = "…" if self.plain is not to_latin1 else "..."
        self.text(self.left, 36, title[0] + (more if len(title) > 1 else ""))
        if role:
            self.text(self.right - role_width + 12, 36, role)
        pdf.line(self.left, 42, self.right, 42)
        pdf.line(self.left, h - 50, self.right, h - 50)
        self.font(7)
        page = f"Page {pdf.page_no()} of {{nb}}"
        room = self.width - self.measure("Page 000 of 000") - 12
        for i, line in enumerate(self.wrap(self.doc.footer_credit, room)[:2]):
            self.text(self.left, h - 39 + i * 9, line)
        # The total page count is only known at the end: fpdf2 fills in "{nb}" for cell() text.
        pdf.set_xy(self.right - 120, h - 45.5)
        pdf.c_margin = 0
        pdf.cell(120, 9, page, align="R")
        self.font(*keep)
        self.y = TOP

    def lines(self, lines: list[str], x: float, leading: float) -> None:
        for line in lines:
            self.ensure(leading)
            self.text(x, self.y + leading * 0.75, line)
            self.y += leading

    def para(
        self, text: str, size: float = BODY, bold: bool = False,
        color: tuple[int, int, int] = INK, indent: float = 0.0, after: float = 6.0,
    ) -> None:
        self.font(size, bold, color)
        self.lines(self.wrap(text, self.width - indent), self.left + indent, size * 1.35)
        self.y += after

    def heading(self, text: str, size: float, keep: float = 60.0, rule: bool = False) -> None:
        self.font(size, bold=True)
        lines = self.wrap(text, self.width)
        self.ensure(len(lines) * size * 1.3 + keep)  # never a heading alone at a page's foot
        self.lines(lines, self.left, size * 1.3)
        if rule:
            self.pdf.set_draw_color(*INK)
            self.pdf.set_line_width(1.2)
            self.pdf.line(self.left, self.y + 1, self.right, self.y + 1)
            self.y += 6
        self.y += 4

    def box(self, x: float, top: float, checked: bool) -> None:
        pdf = self.pdf
        pdf.set_draw_color(*INK)
        pdf.set_line_width(0.8)
        pdf.rect(x, top, BOX, BOX)
        if checked:
            self.font(BOX, bold=True)
            pdf.text(x + 0.9, top + BOX - 1.2, self.tick)

    def item(self, text: str, checked: bool, indent: float = 0.0) -> None:
        self.font(BODY, bold=False)
        leading = BODY * 1.35
        lines = self.wrap(text, self.width - indent - 16)
        self.ensure(len(lines) * leading + 3)  # an item is never split across pages
        self.box(self.left + indent, self.y + (leading - BOX) / 2, checked)
        self.font(BODY, bold=False)
        self.lines(lines, self.left + indent + 16, leading)
        self.y += 3

    def rules(self, count: int, fill: bool = False) -> None:
        """Ruled lines for writing: ``count`` of them, or down to the page's foot with ``fill``."""
        if fill:
            count = max(count, int((self.bottom - self.y) // RULE_GAP))
        self.pdf.set_draw_color(*LIGHT)
        self.pdf.set_line_width(0.5)
        for _ in range(count):
            self.ensure(RULE_GAP)
            self.y += RULE_GAP
            self.pdf.line(self.left, self.y, self.right, self.y)
        self.y += 6

    def quote(self, text: str) -> None:
        """What a person wrote, with a bar down its left side."""
        self.font(BODY)
        leading = BODY * 1.35
        for line in self.wrap(text, self.width - 12):
            self.ensure(leading)
            self.pdf.set_draw_color(*LIGHT)
            self.pdf.set_line_width(2)
            self.pdf.line(self.left + 2, self.y, self.left + 2, self.y + leading)
            self.text(self.left + 12, self.y + leading * 0.75, line)
            self.y += leading
        self.y += 6

    # -- the document ---------------------------------------------------------------------
    def build(self) -> bytes:
        doc = self.doc
        self.role = doc.parts[0].label if doc.parts and not doc.before else ""
        self.new_page()
        self.heading(doc.title, 20, keep=30)
        self.para(doc.subtitle, 11, color=MUTED, after=4)
        if doc.credit:
            self.para(doc.credit, 8, color=MUTED, after=10)
        if doc.intro:
            self.para(doc.intro, after=12)
        for block in doc.before:
            self.block(block, 15)
        several = len(doc.parts) > 1
        for p, part in enumerate(doc.parts):
            self.role = part.label
            if (p > 0 or doc.before) and part.sections:
                self.new_page()
            if several:
                self.heading(part.label, 15, keep=120, rule=True)
            for n, section in enumerate(part.sections):
                if n > 0:
                    self.new_page()
                self.section(section, doc.filled)
            if part.skipped:
                self.para(part.skipped_line, color=MUTED, after=10)
        self.role = ""
        for block in doc.after:
            self.block(block, 14)
        if self.glyphs.missing:
            # Last, so that it names every character met on the way, headers included.
            self.y += 6
            self.heading(NOTE_HEADING, 14, keep=40)
            self.para(note_text(self.glyphs.missing, self.glyphs.box), 9.5)
        return bytes(self.pdf.output())

    def section(self, s: Section, filled: bool) -> None:
        self.ensure(160)
        self.para(s.role_label.upper(), 7.5, color=MUTED, after=2)
        self.heading(s.heading, 16, keep=40)
        self.para(s.practice, 12, color=MUTED, after=8)
        for para in s.description.split("\n\n") if s.description else ():
            self.para(para, 9.5, color=(51, 51, 51), after=5)
        if s.items:
            hint = model.GUIDELINES_FILLED if filled else model.GUIDELINES_BLANK
            self.sub(model.GUIDELINES, hint)
            for item in s.items:
                self.item(item.text, item.checked)
        if s.prompts:
            self.sub(model.PROMPTS)
            for prompt in s.prompts:
                if filled and prompt.answer is None:
                    self.para(f"{prompt.text} {model.SKIPPED_PROMPT}", color=MUTED, after=4)
                    continue
                self.font(BODY, bold=True)
                lines = self.wrap(prompt.text, self.width)
                room = RULE_GAP * 3 if not filled else BODY * 2.7
                self.ensure(len(lines) * BODY * 1.35 + room)
                self.lines(lines, self.left, BODY * 1.35)
                if not filled:
                    self.rules(3)
                elif prompt.answer is not None:
                    self.y += 2
                    self.quote(prompt.answer)
        self.rating(s, filled)
        if not filled:
            self.sub(model.NOTES, keep=RULE_GAP * 3)
            self.rules(3, fill=True)

    def sub(self, title: str, hint: str = "", keep: float = 40.0) -> None:
        self.y += 6
        self.heading(title, 11.5, keep=keep)
        if hint:
            self.para(hint, 9, color=MUTED, after=4)

    def rating(self, s: Section, filled: bool) -> None:
        hint = "" if filled else model.RATING_BLANK
        self.sub(model.RATING, hint, keep=50)
        if filled:
            label = f" — {s.rating_label}" if s.rating_label else ""
            chosen = f"{s.rating}{label}" if s.rating is not None else f"{model.NOT_RATED}."
            self.para(chosen, bold=s.rating is not None, after=4)
        leading = BODY * 1.35
        x = self.left
        self.ensure(leading + 4)
        for point in s.scale:
            self.font(BODY, bold=filled and point.number == s.rating)
            text = self.plain(f"{point.number} · {point.label}")
            w = 14 + self.measure(text)
            if x > self.left and x + w > self.right:
                x = self.left
                self.y += leading + 4
                self.ensure(leading + 4)
            self.box(x, self.y + (leading - BOX) / 2, filled and point.number == s.rating)
            self.font(BODY, bold=filled and point.number == s.rating)
            self.text(x + 14, self.y + leading * 0.75, text)
            x += w + 18
        self.y += leading + 8

    def block(self, block: Block, size: float) -> None:
        self.y += 6
        # Lines to sign on stay with their heading: none is left alone at a page's foot.
        self.heading(block.heading, size, keep=40 + len(block.sign) * (RULE_GAP + 22))
        if block.hint:
            self.para(block.hint, 9, color=MUTED, after=4)
        if block.text is not None:
            self.quote(block.text)
        for item in block.items:
            self.item(item.text, item.checked)
        for child in block.children:
            self.block(child, max(size - 3, 11))
        for label in block.sign:  # a line to write on by hand, its label under it
            self.rules(1)
            self.para(label, 8.5, color=MUTED, after=4)
        if block.is_empty:
            self.para(block.empty, color=MUTED)

