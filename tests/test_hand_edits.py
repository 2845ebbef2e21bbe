"""Hand edits that go past what peersup writes still never crash a command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builders import journal, reflection, save
from peersup_cli.journal.format import parse, render


def test_a_huge_number_in_a_heading_is_read_as_text_not_a_crash(
    cli: Any, pinned_paths: dict[str, Path]
) -> None:
    folder = pinned_paths["home"]
    good = save(folder, "2026-03-02-peer-supporter.md", journal("2026-03-02T10:15:00+00:00"))
    edited = render(journal("2026-04-02T10:15:00+00:00", reflection("hopeful")))
    huge = "9" * 5000  # int() refuses more than 4300 digits
    edited = edited.replace("## 2. Hopeful", f"## {huge}. Hopeful").replace(
        "- [x] 1. Hopeful", f"- [x] {huge}. Hopeful"
    )
    assert huge in edited
    (folder / "2026-04-02-peer-supporter.md").write_text(edited, encoding="utf-8")

    loaded = parse(edited)  # the value heading no longer matches; nothing raises
    assert loaded.action_plan == "Ask one open question first."

    listing = cli("journal", "list")
    assert listing.exit_code == 0, listing.output
    assert "2026-04-02" in listing.output and "2026-03-02" in listing.output
    shown = cli("journal", "show", str(good))
    assert shown.exit_code == 0 and "Hopeful" in shown.output
    search = cli("journal", "search", "open question")
    assert search.exit_code == 0 and "2026-04-02" in search.output


def test_a_date_with_no_such_day_is_one_journals_reason(
    cli: Any, pinned_paths: dict[str, Path], tmp_path: Path
) -> None:
    # Unquoted, YAML builds the date itself, and there is no 45th of a 13th month: that journal
    # is skipped with its reason, every command still works, and as a share it is refused
    # in one sentence.
    folder = pinned_paths["home"]
    save(folder, "2026-03-02-peer-supporter.md", journal("2026-03-02T10:15:00+00:00"))
    text = render(journal("2026-04-02T10:15:00+00:00"))
    assert "date: '2026-04-02T10:15:00+00:00'" in text
    edited = text.replace("date: '2026-04-02T10:15:00+00:00'", "date: 2026-13-45T10:15:00")
    (folder / "2026-04-02-peer-supporter.md").write_text(edited, encoding="utf-8")
    listing = cli("journal", "list")
    assert listing.exit_code == 0, listing.output
    assert "2026-03-02" in listing.stdout
    assert ("skipped 2026-04-02-peer-supporter.md: its front matter holds a date that does "
            "not exist (month must be in 1..12)") in listing.stderr
    for command in (("journal", "trends"), ("journal", "search", "open"),
                    ("journal", "show", "latest"), ("drafts",)):
        done = cli(*command)
        assert done.exit_code == 0, (command, done.output)
    shared = tmp_path / "their.md"
    shared.write_text(edited.replace("date: 2026", "kind: share\ndate: 2026"), encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text("{}", encoding="utf-8")
    refused = cli("prep", "Sam", "--with", str(shared), "--answers", str(answers))
    assert refused.exit_code == 2
    assert "their.md cannot be used as a self-evaluation: its front matter holds a date" in (
        refused.stderr)


def test_answers_files_with_no_such_day_or_nested_too_deep(
    cli: Any, tmp_path: Path
) -> None:
    no_day = tmp_path / "r.yaml"
    no_day.write_text("minutes: 30\nnext_session: 2026-02-30\n", encoding="utf-8")
    done = cli("record", "Sam", "--answers", str(no_day))
    assert done.exit_code == 2
    assert done.stderr.strip() == (
        f"peersup: {no_day}: a date that does not exist (day is out of range for month).")
    deep = tmp_path / "a.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    done = cli("reflect", "-r", "peer", "--answers", str(deep))
    assert done.exit_code == 2
    assert done.stderr.strip() == f"peersup: {deep}: nested too deep to be answers."


def test_drafts_superseded_and_locks_nested_too_deep_are_set_aside(
    cli: Any, pinned_paths: dict[str, Path]
) -> None:
    from peersup_cli import paths

    drafts = paths.drafts_dir(pinned_paths["home"])
    drafts.mkdir(parents=True)
    (drafts / "20260301T101500-reflect-aabbccdd.json").write_text("[" * 100_000,
                                                                  encoding="utf-8")
    (drafts / ".superseded.json").write_text("[" * 100_000, encoding="utf-8")
    listed = cli("drafts")
    assert listed.exit_code == 0, listed.output
    assert "20260301T101500-reflect-aabbccdd.json" in listed.stderr
    assert "it is not valid JSON" in listed.stderr
    # A lock that deep reads as no lock (so the session is not held open elsewhere).
    from peersup_cli.reflection.lock import read_lock

    lock = drafts / ".20260301T101500-reflect-aabbccdd.json.lock"
    lock.write_text("[" * 4000, encoding="utf-8")
    assert read_lock(lock) is None
