"""The HTML export: one self-contained, escaped, print-ready file, read back with html.parser."""

# ruff: noqa: RUF001  (curly quotes and dashes are what these tests are about)

from __future__ import annotations

import os
import re
from pathlib import Path

from builders import (
    ANSWER,
    EVIL_ITEMS,
    Page,
    items_of,
    real_guidelines,
    sample_journal,
    small_framework,
    write_guidelines,
    write_journal,
)
from peersup_cli.export.checklist import build_checklist
from peersup_cli.export.html import render_html
from peersup_cli.export.journal_doc import build_journal

UMASK = os.umask(0)
os.umask(UMASK)


def test_checklist_items_checkboxes_and_structure() -> None:
    fw = small_framework()
    doc = build_checklist(fw, ["peer-supporter", "supervisor"], list(fw.values), prompts=True)
    page = Page(render_html(doc))
    expected = items_of(fw, "peer-supporter") + items_of(fw, "supervisor")
    assert page.items == expected
    assert len(page.checkboxes) == len(expected) and not any(page.checkboxes)
    assert len(page.radios) == len(fw.rating_scale) * 2 * len(fw.values)
    assert page.lang == "en"
    names = [t for t, _ in page.tags]
    assert names.count("h1") == 1 and names.count("h2") == 2  # one heading per role
    assert names.count("h3") == 2 * len(fw.values)
    assert "Just starting" in page.text and "A strength I could help others with" in page.text
    assert "Core values – a “small” test framework" in page.text


def test_print_css_paper_page_breaks_and_footer() -> None:
    fw = small_framework()
    doc = build_checklist(fw, ["peer-supporter"], list(fw.values))
    a4 = Page(render_html(doc, "a4"))
    assert re.search(r"@page\s*\{\s*size:\s*A4", a4.style)
    assert "break-before: page" in a4.style
    assert re.search(r"li[^{]*\{[^}]*break-inside: avoid", a4.style)
    assert 'counter(page) " of " counter(pages)' in a4.style
    assert re.search(r"@bottom-left\s*\{\s*content: \"Core values", a4.style)  # in the margin
    footer = [a for t, a in a4.tags if t == "footer"]
    assert footer == [{"class": "running"}]
    assert "Source: Core values for testing (2022)" in a4.text
    letter = Page(render_html(doc, "letter"))
    assert re.search(r"@page\s*\{\s*size:\s*letter", letter.style)


def test_nothing_is_fetched_from_anywhere() -> None:
    fw = small_framework()
    html = render_html(build_checklist(fw, ["peer-supporter"], list(fw.values), prompts=True))
    page = Page(html)
    names = [t for t, _ in page.tags]
    assert "link" not in names and "script" not in names and "img" not in names
    assert not any(("src" in a or "href" in a) for _, a in page.tags)
    assert not re.search(r"url\(|@import", page.style)


def test_markup_in_a_guidelines_file_comes_out_as_text() -> None:
    fw = small_framework(evil=True)
    html = render_html(build_checklist(fw, ["peer-supporter"], list(fw.values)))
    page = Page(html)
    names = [t for t, _ in page.tags]
    assert "script" not in names and "b" not in names
    assert page.items[-2:] == list(EVIL_ITEMS)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_journal_html_ticks_items_and_escapes_answers() -> None:
    page = Page(render_html(build_journal(sample_journal(), small_framework())))
    assert page.checkboxes == [True, False]
    assert page.radios.count(True) == 1  # the chosen rating
    names = [t for t, _ in page.tags]
    assert "script" not in names and "b" not in names
    # The answer, markup and all, as text; the carriage return became a line break.
    assert page.answers[0] == ANSWER.replace("\r", "\n")
    assert "Time to talk about <b>boundaries</b>." in page.answers
    assert "3 — Steady" in page.text and "What helps you step back? (skipped)" in page.text


def test_cli_html_writes_one_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_guidelines(tmp_path)
    out = tmp_path / "sheet.html"
    result = cli(
        "--guidelines", str(path), "export", "checklist", "--format", "html", "--paper",
        "letter", "--with-prompts", "-o", str(out),
    )
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout
    page = Page(out.read_text(encoding="utf-8"))
    assert len(page.checkboxes) == len(items_of(small_framework(), "peer-supporter")) + len(
        items_of(small_framework(), "supervisor")
    )
    assert "size: letter" in page.style
    assert out.stat().st_mode & 0o777 == 0o666 & ~UMASK  # a blank checklist is shareable


def test_cli_journal_html_from_a_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    guidelines = write_guidelines(tmp_path)
    journal = write_journal(tmp_path, sample_journal())
    out = tmp_path / "journal.html"
    result = cli(
        "--guidelines", str(guidelines), "export", "journal", str(journal),
        "--format", "html", "-o", str(out),
    )
    assert result.exit_code == 0, result.output
    page = Page(out.read_text(encoding="utf-8"))
    assert page.checkboxes == [True, False]
    assert ANSWER.replace("\r", "\n") in page.answers


def test_real_guidelines_html_has_every_item() -> None:
    g = real_guidelines()
    fw = g.framework("ma-accs-2022")
    assert fw is not None
    doc = build_checklist(fw, list(fw.role_ids), list(fw.values), descriptions=True, prompts=True)
    page = Page(render_html(doc))
    assert page.items == items_of(fw, "peer-supporter") + items_of(fw, "supervisor")
    assert len(page.checkboxes) == len(page.items)
