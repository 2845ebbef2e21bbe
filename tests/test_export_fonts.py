"""Every character a person types reaches the PDF: drawn by a fallback font, or boxed and named.

The fallback folders are pinned in each test (``font_dirs``), so the machine's own fonts never
decide a result; a small font made here with fontTools stands in for a system CJK font.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from builders import sample_journal, small_framework
from peersup_cli.export import fallback
from peersup_cli.export.fonts import font_dir
from peersup_cli.export.journal_doc import build_journal
from peersup_cli.export.pdf import render_pdf
from peersup_cli.export.pdf_text import Glyphs, invisible, note_text

HOPE = "\u5e0c\u671b"  # 希望, "hope"
ANSWER = f"Renée was relieved 🙂 and wrote {HOPE} ❤️ bell\x07 end"


def text_of(data: bytes) -> str:
    # pypdf puts a NUL before some CID-encoded characters; it is not in the PDF's text.
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(p.extract_text().replace("\x00", "").split()) for p in pages)


def journal_pdf(**kwargs: object) -> str:
    journal = sample_journal()
    journal.reflections[0].answers[0] = ANSWER
    return text_of(render_pdf(build_journal(journal, small_framework()), **kwargs))  # type: ignore[arg-type]


def make_font(path: Path, chars: str) -> Path:
    """A tiny TrueType font whose every glyph is a square: enough to be chosen and embedded."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def square() -> object:
        pen = TTGlyphPen(None)
        pen.moveTo((100, 0))
        pen.lineTo((100, 700))
        pen.lineTo((900, 700))
        pen.lineTo((900, 0))
        pen.closePath()
        return pen.glyph()

    names = [".notdef"] + [f"uni{ord(c):04X}" for c in chars]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    fb.setupGlyf({n: square() for n in names})
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Test Han", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(str(path))
    return path


def test_emoji_and_cjk_are_drawn_when_fallback_fonts_are_found(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    make_font(fonts / "TestHan.ttf", HOPE)
    text = journal_pdf(font_dirs=[fonts])
    # The emoji from the bundled Noto Emoji, 希望 from the folder's font; the variation selector
    # after the heart has no ink and is left out; the bell is in no font.
    assert f"Renée was relieved 🙂 and wrote {HOPE} ❤ bell□ end" in text
    assert "Some characters could not be drawn" in text
    assert "U+0007 (a control character)" in text
    assert "U+1F642" not in text and "U+5E0C" not in text


def test_without_fallback_fonts_characters_are_boxed_and_listed() -> None:
    text = journal_pdf(font_dirs=[], bundled_fallback=False)
    assert "Renée was relieved □ and wrote □□ ❤ bell□ end" in text  # ❤ is in DejaVu
    note = text[text.index("Some characters could not be drawn") :]
    for listed in (
        "U+1F642 (slightly smiling face)", "U+5E0C (cjk unified ideograph-5e0c)",
        "U+671B (cjk unified ideograph-671b)", "U+0007 (a control character)",
    ):
        assert listed in note
    assert "\ufffd" not in text  # nothing silently replaced


def test_the_bundled_emoji_font_alone_draws_emoji_and_notes_the_cjk() -> None:
    text = journal_pdf(font_dirs=[])
    assert "Renée was relieved 🙂 and wrote □□" in text
    assert "U+5E0C" in text and "U+1F642" not in text


def test_a_plain_journal_has_no_note_and_reads_no_font_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("no fallback font should be looked for")

    monkeypatch.setattr(fallback, "choose", refuse)
    data = render_pdf(build_journal(sample_journal(), small_framework()))
    assert "could not be drawn" not in text_of(data)


def test_helvetica_mode_lists_what_latin1_lacks() -> None:
    text = journal_pdf(fonts=None)
    assert "Renée was relieved [?] and wrote [?][?]" in text
    assert "U+1F642 (slightly smiling face)" in text and "U+0007" not in text  # a bell is Latin-1


def test_a_font_fpdf2_cannot_use_does_not_stop_the_export(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "broken.ttf").write_bytes(b"not a font at all")
    make_font(fonts / "TestHan.ttf", HOPE)
    assert f"wrote {HOPE}" in journal_pdf(font_dirs=[fonts], bundled_fallback=False)


def test_a_fallback_font_that_fails_is_dropped_not_the_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peersup_cli.export import pdf

    real = pdf.add_fallbacks

    def fussy(pdf_: object, texts: object, base: object, dirs: object, bundled: bool) -> object:
        if dirs != []:  # as fpdf2 does with a font it reads but cannot embed
            raise RuntimeError("cannot embed this font")
        return real(pdf_, texts, base, dirs, bundled)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "add_fallbacks", fussy)
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    make_font(fonts / "TestHan.ttf", HOPE)
    text = journal_pdf(font_dirs=[fonts])
    assert "relieved 🙂 and wrote □□" in text and "U+5E0C" in text


def test_choose_ranks_known_fonts_and_skips_colour_bitmaps(tmp_path: Path) -> None:
    make_font(tmp_path / "aaa.ttf", HOPE)
    (tmp_path / "sub").mkdir()
    known = make_font(tmp_path / "sub" / "NotoSansCJK-Regular.ttf", HOPE)
    chosen, left = fallback.choose({"\u5e0c", "\U0001f642"}, [tmp_path], bundled=False)
    assert [c.path for c in chosen] == [known]  # a known name beats the alphabet
    assert left == {"\U0001f642"}
    assert fallback.choose(set(), [tmp_path]) == ([], frozenset())
    colour = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")
    if colour.is_file():
        assert fallback._cmap(colour) == frozenset()


def test_font_dirs_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(fallback.ENV_FONT_DIRS, f"{tmp_path / 'a'}{os.pathsep}{tmp_path}")
    assert fallback.default_font_dirs() == [tmp_path / "a", tmp_path]
    monkeypatch.setenv(fallback.ENV_FONT_DIRS, "")
    assert fallback.default_font_dirs() == []
    monkeypatch.delenv(fallback.ENV_FONT_DIRS)
    assert fallback.default_font_dirs()  # the platform's folders


def test_real_system_fonts_when_installed(tmp_path: Path) -> None:
    cjk = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    if not cjk.is_file():
        pytest.skip("Noto Sans CJK is not installed (fonts-noto-cjk)")
    shutil.copy(cjk, tmp_path / cjk.name)
    assert f"wrote {HOPE}" in journal_pdf(font_dirs=[tmp_path])


def test_glyph_runs_and_the_note() -> None:
    glyphs = Glyphs(frozenset("ab "), {"\u5e0c": "fallback1"})
    assert glyphs.prepare("a\u5e0c\u200db\U0001f642") == "a\u5e0cb\u25a1"
    assert list(glyphs.missing) == ["\U0001f642"]
    assert glyphs.runs("ab \u5e0ca") == [(None, "ab "), ("fallback1", "\u5e0c"), (None, "a")]
    assert invisible("\ufe0f") and invisible("\u200d") and not invisible("x")
    many = note_text(chr(0x4E00 + n) for n in range(70))
    assert many.endswith(", and 10 more.") and "U+4E00 (cjk unified ideograph-4e00)" in many


def test_the_bundled_emoji_font_and_its_licence_are_there() -> None:
    assert (font_dir() / fallback.BUNDLED_EMOJI).is_file()
    licence = (font_dir() / "LICENSE-NotoEmoji.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence
