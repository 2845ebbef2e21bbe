"""`peersup export journal`: a filled journal in the checklist's layout."""

# ruff: noqa: RUF001  (curly quotes and dashes are what these tests are about)

from __future__ import annotations

from pathlib import Path

from builders import (
    ANSWER,
    md_tasks,
    sample_journal,
    small_framework,
    write_guidelines,
    write_journal,
)
from peersup_cli.export.journal_doc import build_journal
from peersup_cli.export.markdown import render_markdown


def test_markdown_ticks_practised_items_and_keeps_answers() -> None:
    text = render_markdown(build_journal(sample_journal(), small_framework()))
    tasks = md_tasks(text)
    assert tasks == [
        (True, "I support people’s choices — even when I would choose differently."),
        (False, "I ask before I share my own story."),
    ]
    # Every line of the answer is quoted, the carriage return counted as a line break.
    quoted = (
        "> I asked first, then listened.\n>\n> &lt;script&gt;alert(2)&lt;/script&gt; stayed text\n"
        "> too"
    )
    assert quoted in text
    assert "**What helps you step back?** *(skipped)*\n" in text  # compact, in its place
    assert "**3** — Steady" in text
    assert "## Action plan" in text and "> Notice when I rush." in text
    assert "> Time to talk about &lt;b&gt;boundaries&lt;/b&gt;." in text
    assert text.startswith("# Reflection\n\n*Sunday 22 November 2026, 09:30 · Peer supporter*")
    assert "Source: Test Organisation (2022)" in text


def test_prep_puts_the_agenda_first() -> None:
    text = render_markdown(build_journal(sample_journal(prep=True), small_framework()))
    assert text.startswith("# Supervision prep: Sam\n")
    agenda = text.index("## Agenda")
    assert agenda < text.index("## 1. Voluntary")
    assert text.index("### Carried over from last time") > agenda
    assert (False, "Plan the group session") in md_tasks(text)
    assert (True, "Read the guidelines") in md_tasks(text)  # done since last time
    assert (False, "How do I say no?") in md_tasks(text)
    # A prep's plan is what to offer or check on: in the agenda, not an action plan after it.
    offer = text.index("### To offer or check on")
    assert agenda < offer < text.index("## 1. Voluntary")
    assert (False, "Notice when I rush.") in md_tasks(text)
    assert "## Action plan" not in text


def test_without_the_framework_the_journal_still_exports() -> None:
    doc = build_journal(sample_journal(), None)
    text = render_markdown(doc)
    assert "**3** — Steady" in text and doc.credit == ""
    assert "Core values – a “small” test framework" in text  # from the journal itself


def test_unrated_and_empty_agenda_lists() -> None:
    journal = sample_journal(prep=True)
    journal.reflections[0].rating = None
    journal.reflections[0].rating_label = None
    assert journal.agenda is not None
    journal.agenda.topics = []
    journal.support = None
    text = render_markdown(build_journal(journal, small_framework()))
    assert "Not rated." in text
    assert "### Topics to raise\n\n*Nothing listed.*" in text
    # A prep does not ask for support: no empty section for it.
    assert "Support I would like" not in text
    journal.action_plan = None
    text = render_markdown(build_journal(journal, small_framework()))
    assert "### To offer or check on\n\n*Nothing listed.*" in text


def test_cli_journal_md_to_stdout_from_a_path(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    guidelines = write_guidelines(tmp_path)
    journal = write_journal(tmp_path, sample_journal())
    result = cli("--guidelines", str(guidelines), "export", "journal", str(journal))
    assert result.exit_code == 0, result.output
    assert (True, "I support people’s choices — even when I would choose differently.") in md_tasks(
        result.stdout
    )
    assert "> &lt;script&gt;alert(2)&lt;/script&gt; stayed text" in result.stdout
    assert "> too" in result.stdout  # the carriage return inside the answer survived the file


def test_cli_journal_by_name_in_the_journal_folder(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, pinned_paths: dict[str, Path]
) -> None:
    guidelines = write_guidelines(tmp_path)
    home = pinned_paths["home"]
    home.mkdir(parents=True)
    write_journal(home, sample_journal(), "2026-11-22-0930-reflect.md")
    result = cli(
        "--guidelines", str(guidelines), "export", "journal", "2026-11-22-0930-reflect.md"
    )
    assert result.exit_code == 0, result.output
    assert "I asked first, then listened." in result.stdout


def test_cli_journal_errors_are_plain(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = cli("export", "journal", str(tmp_path / "nope.md"))
    assert missing.exit_code == 2
    assert "nope.md" in missing.stderr and "Traceback" not in missing.output
    not_journal = tmp_path / "notes.md"
    not_journal.write_text("just some notes\n", encoding="utf-8")
    bad = cli("export", "journal", str(not_journal))
    assert bad.exit_code == 2
    assert "is not a peersup journal" in bad.stderr
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"---\n\xff\xfe\n")
    assert "not UTF-8" in cli("export", "journal", str(binary)).stderr


def test_cli_journal_answer_is_unchanged_on_disk(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    guidelines = write_guidelines(tmp_path)
    journal = write_journal(tmp_path, sample_journal())
    before = journal.read_bytes()
    out = tmp_path / "out.md"
    result = cli(
        "--guidelines", str(guidelines), "export", "journal", str(journal), "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert journal.read_bytes() == before  # exporting never touches the journal
    assert ANSWER.split("\n")[0] in out.read_text(encoding="utf-8")
