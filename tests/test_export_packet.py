"""``peersup export packet NAME``: the agenda, the shared self-evaluation beside the supervisor's
view of each value, the record with what was agreed and by whom, and lines to sign, in each
format (the PDF read back with pypdf); what is missing said plainly; a person's text inert."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from builders import Page, journal, record_journal, reflection, share_journal, supervision_folder
from peersup_cli.export.markdown import render_markdown
from peersup_cli.export.packet_doc import PacketParts, build_packet
from peersup_cli.history.by_kind import latest_record
from peersup_cli.history.index import open_index
from peersup_cli.history.lookback import latest_prep
from peersup_cli.journal.model import Agenda
from peersup_cli.journal.store import save_journal

AGENDA = ("Book the next session", "Caseload balance", "What helps on busy days?",
          "Offer the facilitation training.")
RATINGS = ("Alex: 3 (Steady) · Supervisor: 4 (A strength I could help others with)",
           "Alex: 2 (Growing)", "Supervisor: 2 (Growing)")
AGREED = ("Book the training — who: Alex", "Send the rota — who: me")
WORDS = ("Hope came up in the group again.", "They lead the group well.",
         "I sat with someone's grief.")
SIGN = ("Signed by Alex (supervisee)", "Signed by Supervisor", "Date")


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(data: bytes) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def markdown_text(md: str) -> str:
    return flat(html.unescape(re.sub(r"\\(.)", r"\1", md)))


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_the_packet_in_each_format(
    cli: Any, pinned_paths: dict[str, Path], tmp_path: Path, fmt: str
) -> None:
    supervision_folder(pinned_paths["home"])
    target = tmp_path / f"packet.{fmt}"
    result = cli("export", "packet", "alex", "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.output
    if fmt == "pdf":
        text = pdf_text(target.read_bytes())
    elif fmt == "html":
        text = Page(target.read_text(encoding="utf-8")).text
    else:
        text = markdown_text(target.read_text(encoding="utf-8"))
    for expected in (*AGENDA, *RATINGS, *AGREED, *WORDS, *SIGN,
                     "Supervision packet: Alex", "Held: Friday 04 December 2026",
                     "Length: 50 minutes", "Next session: Friday 18 December 2026",
                     "Shared by Alex on Tuesday 01 December 2026"):
        assert expected in text, (fmt, expected)
    # Each value once, its two views under it: theirs first, then the supervisor's.
    hope = text.index("2. Hopeful")
    assert hope < text.index("Alex, from their self-evaluation", hope) < text.index(
        "Supervisor, from the prep", hope) < text.index("3. Empathic")
    assert text.count("Signed by") == 2 and text.count("Date") >= 2
    assert "No record" not in text and "No shared self-evaluation" not in text


def test_markdown_goes_to_the_screen_and_pdf_needs_a_file(
    cli: Any, pinned_paths: dict[str, Path]
) -> None:
    supervision_folder(pinned_paths["home"])
    shown = cli("export", "packet", "Alex")
    assert shown.exit_code == 0 and shown.stdout.startswith("# Supervision packet: Alex\n")
    assert "Signed by Alex (supervisee): ____" in shown.stdout
    refused = cli("export", "packet", "Alex", "--format", "pdf")
    assert refused.exit_code == 2 and "needs a file to write to" in refused.stderr


def test_a_packet_with_no_share_and_no_record_yet(
    cli: Any, pinned_paths: dict[str, Path], tmp_path: Path
) -> None:
    supervision_folder(pinned_paths["home"], with_share=False, with_record=False)
    target = tmp_path / "packet.pdf"
    assert cli("export", "packet", "Alex", "--format", "pdf", "-o", str(target)).exit_code == 0
    text = pdf_text(target.read_bytes())
    for expected in (*AGENDA, "Supervisor: 4 (A strength I could help others with)",
                     "No shared self-evaluation yet: `peersup prep Alex --with FILE` prepares "
                     "with the one Alex gives you.",
                     "No record of this session yet: right after it, `peersup record Alex` "
                     "keeps what was agreed", *SIGN):
        assert expected in text, expected
    assert "Alex, from their self-evaluation" not in text


def test_no_prep_yet_and_a_share_that_cannot_be_used(
    cli: Any, pinned_paths: dict[str, Path]
) -> None:
    home = pinned_paths["home"]
    none = cli("export", "packet", "Sam")
    assert none.exit_code == 2
    assert "There is no prep for Sam yet. Start one with `peersup prep Sam`." in none.stderr
    prep = supervision_folder(home, with_share=False, with_record=False)
    prep.with_share = "../../elsewhere/share.md"  # from a file: never followed as a path
    prep.date = prep.date.replace(hour=10)
    save_journal(home, prep)
    out = cli("export", "packet", "Alex").stdout
    assert "could not be used: '../../elsewhere/share.md' is not the name of a file in your " \
           "journal folder." in markdown_text(out)


def test_the_newest_prep_and_the_record_after_it(pinned_paths: dict[str, Path]) -> None:
    home = pinned_paths["home"]
    prep = supervision_folder(home)  # the record (4 December) is newer than the prep
    with open_index(home) as index:
        found = latest_prep(index, "ALEX")
        assert found is not None and found.journal.kind == "prep"  # not the newer record
        assert found.journal.date == prep.date
        after = latest_record(index, "Alex", prep.date)
        assert after is not None and after.journal.record is not None
        assert after.journal.record.minutes == 50
        assert latest_record(index, "Alex", after.journal.date.replace(day=5)) is None
        assert latest_record(index, "Sam", prep.date) is None


HOSTILE = ("<script>alert(1)</script>", "[click](javascript:alert(2))", "<img src=x onerror=y>",
           "**bold** _em_ `code`", "# not a heading", "- not a list", "<!-- peersup:agreed -->")


def test_a_persons_text_is_never_live_markup() -> None:
    text = "\n".join(HOSTILE)
    name = "<b>Al</b> [x](javascript:y)"
    prep = journal(
        "2026-12-03T09:00:00+00:00",
        reflection("hopeful", 4, (1,), (text, None), role="supervisor"),
        role="supervisor", supervisee=name, action_plan=text,
        agenda=Agenda(carried=list(HOSTILE), topics=list(HOSTILE), questions=list(HOSTILE)))
    share = share_journal("2026-12-01T18:00:00+00:00",
                          reflection("hopeful", 3, (1,), (text, None)), by=name)
    record = record_journal("2026-12-04T16:00:00+00:00", name, discussed=HOSTILE,
                            agreed=tuple((h, name, False) for h in HOSTILE))
    doc = build_packet(PacketParts(name=name, prep=prep, share=share, record=record))
    md = render_markdown(doc)
    assert "<" not in md and not re.search(r"(?<!\\)\]\(", md)
    assert not re.search(r"^\s*(#+|[-+*]|>)\s*not", md, re.M)
    for hostile in (*HOSTILE, name):
        assert flat(hostile) in markdown_text(md), hostile
    from peersup_cli.export.html import render_html

    page = Page(render_html(doc))
    assert not {t for t, _ in page.tags} & {"script", "a", "img", "b"}
    assert not any(k in ("href", "src", "onerror") for _, a in page.tags for k in a)
    assert "<!-- peersup:" not in render_html(doc)
    for hostile in HOSTILE:
        assert flat(hostile) in page.text, hostile
