# ruff: noqa: RUF001  (the test framework's title has an en dash on purpose)

"""Printing the HTML checklist: the running footer sits in the page margin, clear of every line.

The CSS is checked by content everywhere; where Chromium is installed, the full checklist is
printed to PDF with it and every line's position is read back with pypdf.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from builders import Page, real_guidelines, small_framework
from peersup_cli.export.checklist import build_checklist
from peersup_cli.export.html import css_string, render_html

MM = 72 / 25.4
BOTTOM_MARGIN = 22 * MM


def full_checklist_html() -> tuple[str, str]:
    fw = real_guidelines().framework("ma-accs-2022")
    assert fw is not None
    doc = build_checklist(fw, list(fw.role_ids), list(fw.values), descriptions=True, prompts=True)
    return render_html(doc), f"{doc.framework_title} · {doc.footer_credit}"


def test_the_footer_is_in_the_page_margin_not_over_the_text() -> None:
    fw = small_framework()
    page = Page(render_html(build_checklist(fw, ["peer-supporter"], list(fw.values))))
    css = page.style
    assert "position: fixed" not in css
    assert re.search(r"@page\s*\{[^@]*margin: 16mm 16mm 22mm", css)
    bottom_left = re.search(r"@bottom-left\s*\{([^}]*)\}", css)
    assert bottom_left is not None
    title = css_string("Core values – a “small” test framework")[:-1]  # without its end quote
    assert f"content: {title}" in bottom_left.group(1)
    assert re.search(r"@bottom-right\s*\{[^}]*counter\(page\)", css)


def test_a_rating_box_stays_with_its_value() -> None:
    fw = small_framework()
    css = Page(render_html(build_checklist(fw, ["peer-supporter"], list(fw.values)))).style
    rule = re.search(r"fieldset\.rating\s*\{([^}]*)\}", css)
    assert rule is not None and "break-before: avoid" in rule.group(1)
    assert re.search(r"(^|,)\s*fieldset\s*(,[^{]*)?\{[^}]*break-inside: avoid", css, re.M)


def test_css_strings_cannot_be_broken_out_of() -> None:
    hostile = 'a"b\\c</style><script>x</script>\n'
    quoted = css_string(hostile)
    assert quoted.count('"') == 2 and "<" not in quoted and "\\" + "\n" not in quoted
    # Every escape is 6 hex digits and a space, so the space of the text is kept.
    assert css_string("a · b") == '"a \\0000b7  b"'


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if path := shutil.which(name):
            return path
    pytest.skip("Chromium is not installed")


def lines_by_page(pdf: Path) -> list[list[tuple[float, str]]]:
    """(baseline height from the page's foot, text) of every piece of text, page by page."""
    pages: list[list[tuple[float, str]]] = []
    for page in PdfReader(pdf).pages:
        found: list[tuple[float, str]] = []

        def visit(
            text: str, cm: list[float], tm: list[float], *_: object,
            found: list[tuple[float, str]] = found,
        ) -> None:
            if text.strip():
                found.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def overlaps(pages: list[list[tuple[float, str]]], footer: str) -> list[str]:
    """Body text whose baseline is less than 14 pt above the footer's first baseline: the
    footer's own height (its 7 to 8 pt letters) and a body line's descent need that much."""
    footer_words = " ".join(footer.split())
    bad: list[str] = []
    for number, found in enumerate(pages, start=1):
        label = f"Page {number} of {len(pages)}"
        # The framework's title is also the subtitle on page 1: a footer is near the foot.
        foot = [
            y for y, t in found
            if y < 150 and (" ".join(t.split()) in footer_words or t in label)
        ]
        assert foot, f"page {number} has no footer"
        top = max(foot)
        bad += [f"page {number}: {t}" for y, t in found if y not in foot and y < top + 14]
    return bad


def test_printed_by_chromium_no_line_runs_under_the_footer(tmp_path: Path) -> None:
    browser = chromium()
    html, footer = full_checklist_html()
    source = tmp_path / "checklist.html"
    source.write_text(html, encoding="utf-8")
    out = tmp_path / "checklist.pdf"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={out}", source.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    pages = lines_by_page(out)
    assert len(pages) > 10
    assert overlaps(pages, footer) == []
    for number, found in enumerate(pages, start=1):
        # The footer is in the bottom margin, below the page's text area ...
        assert min(y for y, _ in found) < BOTTOM_MARGIN
        # ... and no page starts with a Rating box cut off from its value.
        first = max(found)[1]
        assert not first.startswith("Rating"), f"page {number} starts with the Rating box"
