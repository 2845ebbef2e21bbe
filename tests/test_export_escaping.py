"""A person's text is never live markup in a Markdown or HTML export: hostile text, read back.

Each string below is put in every place a person's words (or a custom guidelines file) reach:
answers, action plan, support, agenda items, the supervisee's name, guidelines and prompts.
"""

from __future__ import annotations

import html
import json
import re

import pytest

from builders import GUIDELINES_YAML, sample_journal
from peersup_cli.export.checklist import build_checklist
from peersup_cli.export.html import render_html
from peersup_cli.export.journal_doc import build_journal
from peersup_cli.export.markdown import escape_line, render_markdown
from peersup_cli.export.model import Block, Document, Item, Part, Prompt, ScalePoint, Section
from peersup_cli.guidelines.loader import parse_guidelines
from peersup_cli.journal.model import Agenda

HOSTILE = (
    "<script>alert(1)</script>",
    "<iframe src=https://evil.example/></iframe>",
    "[click me](javascript:alert(1))",
    "<a href=\"javascript:alert(2)\">x</a>",
    "![](http://evil.example/pixel.png)",
    "![alt][ref]",
    "[ref]: http://evil.example/",
    "<!-- peersup: value=voluntary -->",
    "<http://evil.example/auto>",
    "see http://evil.example/bare and www.evil.example and me@evil.example",
    "**bold** __strong__ *em* _em_ ~~gone~~ `code` $x^2$",
    "# not a heading",
    "- not a list",
    "+ nor this",
    "1. nor a numbered list",
    "2) nor this",
    "> not a quote",
    "    not code, four spaces",
    "| a | b |",
    "---",
    "===",
    "```",
    "~~~",
    "&amp; &lt;b&gt; &#60;script&#62;",
    "a trailing backslash \\",
    "tab\there",
    "javascript:alert(3)",
)


def words(text: str) -> str:
    return " ".join(text.split())


def hostile_journal_md() -> tuple[str, list[str]]:
    """A prep whose every free-text field holds the hostile corpus; and the texts to find."""
    journal = sample_journal(prep=True)
    lines = "\n".join(HOSTILE)
    journal.reflections[0].answers = [lines, lines]
    journal.action_plan = lines
    journal.support = lines
    journal.supervisee = "<img src=x onerror=alert(1)> [Sam](javascript:x)"
    journal.agenda = Agenda(carried=list(HOSTILE), done=[], topics=list(HOSTILE), questions=[])
    yaml = GUIDELINES_YAML.replace("ITEM_A", json.dumps(HOSTILE[2])).replace(
        "ITEM_B", json.dumps(HOSTILE[7])
    )
    fw = parse_guidelines(yaml, "custom.yaml").framework("ma-accs-2022")
    assert fw is not None
    expected = [*HOSTILE, journal.supervisee]
    return render_markdown(build_journal(journal, fw)), expected


def hostile_document() -> Document:
    """Every field of the document holds hostile text (as a custom guidelines file could)."""
    h = " ".join(HOSTILE)
    section = Section(
        number=1, title=h, practice=h, role_label=h, description=f"{h}\n\n{h}",
        items=(Item(h, True), Item(h)), prompts=(Prompt(h, "\n".join(HOSTILE)), Prompt(h)),
        scale=(ScalePoint(1, h),), rating=1, rating_label=h,
    )
    return Document(
        title=h, subtitle=h, framework_title=h, credit=h, footer_credit=h, filled=True, intro=h,
        before=(Block(h, items=(Item(h),), children=(Block(h, h),)),),
        parts=(Part(h, (section,), skipped=(h,)),), after=(Block(h, h, hint=h),),
    )


def unescape(md: str) -> str:
    return html.unescape(re.sub(r"\\(.)", r"\1", md))


def test_markdown_source_has_nothing_live() -> None:
    md, expected = hostile_journal_md()
    for text in (md, render_markdown(hostile_document())):
        assert "<" not in text  # no tag, no comment, no autolink can start
        assert not re.search(r"(?<!\\)\]\(", text)  # no inline link or image
        assert not re.search(r"(?<!\\)\]\[", text)  # no reference link
        assert not re.search(r"^\s*(#+|[-+*]|\d+[.)]|>|```|~~~|\|)\s*not", text, re.M)
    # Every original character is still there once the escapes are undone.
    flat = words(unescape(md))
    for text in expected:
        assert words(text) in flat, text


def test_markdown_line_starts_are_plain() -> None:
    for line in ("# h", "- l", "+ l", "1. n", "2) n", "=== ", "> q", "    code", "\tcode"):
        out = escape_line(line)
        assert not re.match(r"(#|-|\+|=|>|\d+[.)]| {4}|\t)", out), out
        assert unescape(out) == line


def test_the_whole_hostile_document_renders_inert() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    for source in (hostile_journal_md()[0], render_markdown(hostile_document())):
        out = md.render(source)
        for tag in ("<script", "<iframe", "<a ", "<img", "<!--", "<code", "<pre", "<table",
                    "<del", "<s>", "<ol", "<h1>not", "<em>em", "<strong>bold"):
            assert tag not in out, tag
        # Only our own lists (the task lists) and quotes (answers) appear.
        text = html.unescape(re.sub(r"<[^>]+>", " ", out))
        for hostile in HOSTILE:
            assert words(hostile) in words(text), hostile


def test_html_export_escapes_everything_and_has_no_live_href() -> None:
    from builders import Page

    doc = hostile_document()
    out = render_html(doc)
    page = Page(out)
    names = {t for t, _ in page.tags}
    assert not names & {"script", "iframe", "a", "img", "b"}
    assert not any(k in ("href", "src", "onerror") for _, a in page.tags for k in a)
    # "javascript:" is there as text only (and in an aria-label, which nothing follows).
    assert "javascript:" in page.text
    assert {k for _, a in page.tags for k, v in a.items() if v and "javascript" in v} <= {
        "aria-label"
    }
    assert "<!-- peersup:" not in out
    for hostile in HOSTILE:
        assert words(hostile) in page.text, hostile


def test_html_journal_with_hostile_answers() -> None:
    from builders import Page

    journal = sample_journal(prep=True)
    journal.reflections[0].answers = ["\n".join(HOSTILE), None]
    journal.supervisee = "<script>x</script>"
    page = Page(render_html(build_journal(journal)))
    assert "script" not in {t for t, _ in page.tags}
    assert page.answers[0] == "\n".join(HOSTILE)


def test_checklist_from_a_hostile_guidelines_file() -> None:
    yaml = GUIDELINES_YAML.replace("ITEM_A", json.dumps(HOSTILE[0])).replace(
        "ITEM_B", json.dumps(HOSTILE[2])
    )
    fw = parse_guidelines(yaml, "custom.yaml").framework("ma-accs-2022")
    assert fw is not None
    md = render_markdown(build_checklist(fw, ["peer-supporter"], list(fw.values)))
    assert "<" not in md and not re.search(r"(?<!\\)\]\(", md)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "\\[click me\\](javascript:alert(1))" in md
