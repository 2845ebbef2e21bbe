"""Values with nothing answered, ticked or rated are left out of journal exports, in one line."""

from __future__ import annotations

import io

from pypdf import PdfReader

from builders import Page, sample_journal, small_framework
from peersup_cli.export.html import render_html
from peersup_cli.export.journal_doc import build_journal
from peersup_cli.export.markdown import render_markdown
from peersup_cli.export.pdf import render_pdf
from peersup_cli.journal.model import GuidelineItem, Journal, ValueReflection

TITLES = ["Open Minded", "Hopeful", "Curious", "Strengths Focused"]


def prep_with_blank_values() -> Journal:
    """A prep: value 1 answered, values 2 to 5 untouched (blank answers count as none)."""
    journal = sample_journal(prep=True)
    for number, title in enumerate(TITLES, start=2):
        journal.reflections.append(
            ValueReflection(
                value_id=title.lower(), number=number, title=title, practice="Practice",
                items=[GuidelineItem(1, f"An unticked guideline of {title}.", False)],
                rating=None, prompts=["A question?", "Another?"], answers=[None, "  \n"],
            )
        )
    return journal


SKIPPED_LINE = "Skipped this time: 2. Open Minded, 3. Hopeful, 4. Curious, 5. Strengths Focused."


def test_the_document_leaves_blank_values_out() -> None:
    doc = build_journal(prep_with_blank_values(), small_framework())
    [part] = doc.parts
    assert [s.number for s in part.sections] == [1]
    assert part.skipped_line == SKIPPED_LINE


def test_a_value_with_only_a_tick_or_only_a_rating_stays() -> None:
    journal = prep_with_blank_values()
    journal.reflections[1].items[0].practiced = True
    journal.reflections[2].rating = 2
    doc = build_journal(journal, small_framework())
    assert [s.number for s in doc.parts[0].sections] == [1, 2, 3]
    assert doc.parts[0].skipped == ("4. Curious", "5. Strengths Focused")


def test_markdown_and_html_say_which_were_skipped() -> None:
    doc = build_journal(prep_with_blank_values(), small_framework())
    md = render_markdown(doc)
    assert f"*{SKIPPED_LINE}*" in md
    assert "Open Minded —" not in md and "An unticked guideline" not in md
    assert "## 1. Voluntary" in md
    page = Page(render_html(doc))
    assert SKIPPED_LINE in page.text
    assert "An unticked guideline" not in page.text


def test_a_prep_pdf_is_no_longer_a_page_per_skipped_value() -> None:
    doc = build_journal(prep_with_blank_values(), small_framework())
    reader = PdfReader(io.BytesIO(render_pdf(doc)))
    # The agenda page and value 1's page; the skipped line follows value 1.
    assert len(reader.pages) == 2
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert SKIPPED_LINE in text and "An unticked guideline" not in text


def test_all_values_skipped_still_exports_with_the_line() -> None:
    journal = prep_with_blank_values()
    journal.reflections = journal.reflections[1:]
    doc = build_journal(journal, small_framework())
    assert doc.parts[0].sections == ()
    reader = PdfReader(io.BytesIO(render_pdf(doc)))
    assert len(reader.pages) == 1  # no empty page before the line
    assert SKIPPED_LINE in " ".join(reader.pages[0].extract_text().split())
    assert SKIPPED_LINE in render_markdown(doc)
