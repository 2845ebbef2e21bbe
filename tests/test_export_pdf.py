"""The PDF export, read back with pypdf: every item is there as text, on the right paper."""

# ruff: noqa: RUF001  (curly quotes and dashes are what these tests are about)

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from builders import (
    ANSWER,
    EVIL_ITEMS,
    items_of,
    real_guidelines,
    sample_journal,
    small_framework,
    write_guidelines,
    write_journal,
)
from peersup_cli.export.checklist import build_checklist
from peersup_cli.export.fonts import bundled_fonts, to_latin1
from peersup_cli.export.journal_doc import build_journal
from peersup_cli.export.pdf import render_pdf

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def flat(text: str) -> str:
    """Whitespace squeezed: items wrap across lines, and a line break reads as a space."""
    return " ".join(text.split())


def read(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return reader, [flat(page.extract_text()) for page in reader.pages]


def size(reader: PdfReader) -> tuple[float, float]:
    box = reader.pages[0].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


def test_every_item_of_both_roles_is_extractable_text() -> None:
    fw = small_framework()
    doc = build_checklist(fw, ["peer-supporter", "supervisor"], list(fw.values), prompts=True)
    reader, pages = read(render_pdf(doc))
    text = " ".join(pages)
    for item in items_of(fw, "peer-supporter") + items_of(fw, "supervisor"):
        assert item in text
    # Each value starts a page; a short value fits on one: 2 roles x 2 values.
    assert len(reader.pages) == 4
    assert size(reader) == A4
    assert "Where did you see hope this week?" in text
    assert "1 · Just starting" in text and "4 · A strength I could help others with" in text
    # Running header and footer on every page, with the real page count.
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of 4" in page
        assert "Core values – a “small” test framework" in page
        assert "Source: Core values for testing (2022), https://example.org/values" in page
    assert "Supervisor" in pages[-1] and "Peer supporter" in pages[0]


def test_letter_paper_and_metadata() -> None:
    fw = small_framework()
    reader, _ = read(render_pdf(build_checklist(fw, ["supervisor"], list(fw.values)), "letter"))
    assert size(reader) == LETTER
    assert reader.metadata is not None
    assert reader.metadata.title == "Reflection checklist: Supervisor"


def test_markup_in_the_guidelines_is_plain_text_in_the_pdf() -> None:
    fw = small_framework(evil=True)
    _, pages = read(render_pdf(build_checklist(fw, ["peer-supporter"], list(fw.values))))
    for item in EVIL_ITEMS:
        assert item in " ".join(pages)


def test_real_guidelines_full_checklist() -> None:
    g = real_guidelines()
    fw = g.framework("ma-accs-2022")
    assert fw is not None
    doc = build_checklist(fw, list(fw.role_ids), list(fw.values), descriptions=True, prompts=True)
    reader, pages = read(render_pdf(doc))
    text = " ".join(pages)
    missing = [i for r in fw.role_ids for i in items_of(fw, r) if i not in text]
    assert missing == []
    # Every value of each role starts a page, and no value runs to more than three.
    assert 2 * len(fw.values) <= len(reader.pages) <= 6 * len(fw.values)
    assert "Share Hope" in text


def test_bundled_font_covers_every_character_of_the_packaged_guidelines() -> None:
    from fontTools.ttLib import TTFont

    g = real_guidelines()
    files = bundled_fonts()
    assert files is not None, "the DejaVu fonts are missing from src/peersup_cli/fonts"
    needed: set[str] = set()
    for fw in g.frameworks:
        roles, values = list(fw.role_ids), list(fw.values)
        doc = build_checklist(fw, roles, values, descriptions=True, prompts=True)
        for text in doc.all_text():
            needed.update(ch for ch in text if not ch.isspace())
    needed.update("✓·—–“”’")
    for path in (files.regular, files.bold):
        with TTFont(str(path)) as font:
            cmap = font.getBestCmap()
        assert sorted(ch for ch in needed if ord(ch) not in cmap) == [], path.name


def test_fallback_without_the_bundled_fonts() -> None:
    fw = small_framework()
    doc = build_checklist(fw, ["peer-supporter"], list(fw.values), descriptions=True)
    _, pages = read(render_pdf(doc, fonts=None))
    text = " ".join(pages)
    assert "I support people's choices - even when I would choose differently." in text
    assert "Café, naïve, résumé." in text  # Latin-1 keeps its accents
    assert "Page 1 of 2" in text


def test_to_latin1() -> None:
    assert to_latin1("“Hope” – it’s here…") == '"Hope" - it\'s here...'
    assert to_latin1("Łódź ✓ 希望") == "Lódz x ??"  # ó is Latin-1; ź loses its accent


def test_journal_pdf_has_the_ticks_and_answers() -> None:
    doc = build_journal(sample_journal(prep=True), small_framework())
    _, pages = read(render_pdf(doc))
    text = " ".join(pages)
    assert "Supervision prep: Sam" in pages[0]
    # The agenda comes first, then the value.
    assert text.index("Topics to raise") < text.index("1. Voluntary")
    assert "✓ I support people’s choices" in text  # ticked: the tick is text too
    assert "✓ I ask before" not in text
    assert "3 — Steady" in text
    for line in ANSWER.replace("\r", "\n").split("\n"):
        assert flat(line) in text
    assert "What helps you step back? (skipped)" in text
    assert "Ask before sharing, every time. Notice when I rush." in text


def test_cli_pdf(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_guidelines(tmp_path)
    out = tmp_path / "sheet.pdf"
    result = cli(
        "--guidelines", str(path), "export", "checklist", "--format", "pdf", "--paper", "letter",
        "--role", "peer-supporter", "--values", "1", "-o", str(out),
    )
    assert result.exit_code == 0, result.output
    reader, pages = read(out.read_bytes())
    assert size(reader) == LETTER
    assert items_of(small_framework(), "peer-supporter")[0] in " ".join(pages)
    assert "Hopeful" not in " ".join(pages)


def test_cli_journal_pdf(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    guidelines = write_guidelines(tmp_path)
    journal = write_journal(tmp_path, sample_journal())
    out = tmp_path / "journal.pdf"
    result = cli(
        "--guidelines", str(guidelines), "export", "journal", str(journal), "--format", "pdf",
        "-o", str(out),
    )
    assert result.exit_code == 0, result.output
    _, pages = read(out.read_bytes())
    assert "I asked first, then listened." in " ".join(pages)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_long_answers_flow_onto_more_pages(paper: str) -> None:
    journal = sample_journal()
    journal.reflections[0].answers[0] = "\n".join(f"Line {n} of a long answer." for n in range(150))
    reader, pages = read(render_pdf(build_journal(journal, small_framework()), paper))
    assert len(reader.pages) >= 3
    text = " ".join(pages)
    assert "Line 0 of a long answer." in text and "Line 149 of a long answer." in text


def test_a_long_framework_title_is_shortened_in_the_header() -> None:
    import dataclasses

    fw = small_framework()
    doc = build_checklist(fw, ["peer-supporter"], list(fw.values)[:1])
    long = dataclasses.replace(doc, framework_title="A very long framework title " * 12)
    _, pages = read(render_pdf(long))
    header = pages[-1].split("Source:")[0]
    assert "A very long framework title A very long" in header
    assert "\u2026" in header and "Peer supporter" in header


def test_a_pasted_run_with_no_space_is_broken_in_linear_time() -> None:
    # A 200,000-letter run took 18 s to lay out when the rest of it was measured again for
    # each line it filled; now what is measured in all stays proportional to its length.
    from peersup_cli.export.line_breaks import break_lines

    measured: list[int] = []

    def measure(text: str) -> float:
        measured.append(len(text))
        return len(text) * (1.4 if "W" in text else 1.0)  # a few wide letters among narrow

    run = ("x" * 997 + "WWW") * 200
    lines = break_lines(["Before " + run + " after", "", "short one"], measure, 100.0)
    assert lines[0] == "Before" and lines[-2:] == ["", "short one"]
    assert "".join(lines[:-2]).replace(" ", "") == f"Before{run}after"  # nothing lost
    assert lines[-3].endswith("WWW after")  # the run's last piece, then the next word
    assert all(measure(line) <= 100.0 for line in lines)
    assert sum(measured) < 4 * len(run)
