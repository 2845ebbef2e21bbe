"""Draft files are untrusted input: a journal by name inside the folder only, bounded reads,
and a plain reason per bad draft that never keeps the other drafts from being offered."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from builders import TINY_GUIDELINES, ScriptedPort
from peersup_cli import paths
from peersup_cli.errors import DraftError
from peersup_cli.guidelines.loader import parse_guidelines
from peersup_cli.history.lookback import Lookback
from peersup_cli.reflection import runner
from peersup_cli.reflection.draft import read_draft, scan_drafts
from peersup_cli.reflection.engine import KIND_REFLECT, Outcome

GUIDELINES = parse_guidelines(TINY_GUIDELINES)


def _draft(jdir: Path, name: str, **over: Any) -> Path:
    data: dict[str, Any] = {
        "version": 1, "kind": "reflect", "role": "peer-supporter", "framework": "tiny",
        "values": ["voluntary"], "started": "2026-11-22T10:15:00+01:00", "position": 1,
        "answers": {"voluntary.practiced": [1]}, "journal": None, "journal_sha256": None,
    }
    data.update(over)
    folder = paths.drafts_dir(jdir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_planted_draft_pointing_outside_the_folder_is_refused(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    outside = tmp_path / "precious.md"
    outside.write_text("Someone's own words.\n", encoding="utf-8")
    sha = hashlib.sha256(outside.read_bytes()).hexdigest()
    _draft(jdir, "20261122T101500-reflect-aaaa.json", journal=str(outside), journal_sha256=sha)
    found = runner.find_session(Lookback(jdir), KIND_REFLECT, guidelines=GUIDELINES)
    assert found is None
    scan = scan_drafts(jdir)
    assert scan.drafts == []
    assert scan.problems == [
        "The unfinished session in 20261122T101500-reflect-aaaa.json was set aside because it "
        f"points at {outside}, which is not a journal in your journal folder, so peersup will "
        "not touch it."
    ]
    assert outside.read_text(encoding="utf-8") == "Someone's own words.\n"


@pytest.mark.parametrize("journal", ["../precious.md", "sub/x.md", "..\\x.md", "notes.txt",
                                     ".hidden.md", "..", ""])
def test_a_journal_must_be_a_journal_name_in_the_folder(tmp_path: Path, journal: str) -> None:
    path = _draft(tmp_path / "j", "d.json", journal=journal)
    with pytest.raises(DraftError, match="was set aside because it points at"):
        read_draft(path, tmp_path / "j")


def test_an_old_draft_with_a_full_path_inside_the_folder_is_converted(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    path = _draft(jdir, "d.json", journal=str(jdir / "2026-11-22-peer-supporter.md"))
    assert read_draft(path, jdir).journal == "2026-11-22-peer-supporter.md"


@pytest.mark.parametrize(
    ("over", "reason"),
    [
        ({"answers": {"voluntary.rating": "abc"}}, "the answer to voluntary.rating is not"),
        ({"answers": {"voluntary.practiced": "1"}}, "the answer to voluntary.practiced"),
        ({"values": "voluntary"}, "the values are not a list"),
        ({"started": "yesterday"}, "the start time is not a date"),
        ({"kind": "party"}, "the kind 'party' is not reflect or prep"),
        ({"position": -3}, "the position is not a number"),
        ({"role": None}, "the role is not a name"),
    ],
)
def test_bad_fields_give_a_plain_reason(tmp_path: Path, over: dict[str, Any], reason: str) -> None:
    path = _draft(tmp_path / "j", "bad.json", **over)
    with pytest.raises(DraftError) as err:
        read_draft(path, tmp_path / "j")
    assert err.value.message.startswith("The unfinished session in bad.json was set aside because ")
    assert reason in err.value.message


def test_a_missing_key_not_json_or_a_huge_file_is_set_aside(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    folder = paths.drafts_dir(jdir)
    folder.mkdir(parents=True)
    (folder / "a.json").write_text('{"kind": "reflect"}', encoding="utf-8")
    (folder / "b.json").write_text("{not json", encoding="utf-8")
    (folder / "c.json").write_bytes(b" " * (5 * 1024 * 1024 + 1))
    problems = scan_drafts(jdir).problems
    assert problems == [
        "The unfinished session in a.json was set aside because the role is missing.",
        "The unfinished session in b.json was set aside because it is not valid JSON.",
        "The unfinished session in c.json was set aside because it is larger than 5 MB.",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_draft_is_not_waited_on(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    paths.drafts_dir(jdir).mkdir(parents=True)
    os.mkfifo(paths.drafts_dir(jdir) / "f.json")
    assert scan_drafts(jdir).problems == [
        "The unfinished session in f.json was set aside because it is not a regular file."]


def test_a_newest_draft_that_cannot_run_does_not_block_older_ones(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    good = _draft(jdir, "20261120T090000-reflect-good.json", started="2026-11-20T09:00:00+01:00")
    _draft(jdir, "20261122T090000-reflect-fw.json", framework="gone")
    _draft(jdir, "20261123T090000-reflect-rt.json", answers={"voluntary.rating": 99})
    _draft(jdir, "20261124T090000-reflect-ty.json", answers={"voluntary.rating": "abc"})
    found = runner.find_session(Lookback(jdir), KIND_REFLECT, guidelines=GUIDELINES)
    assert found is not None and found.draft.path == good
    assert len(found.set_aside) == 3
    assert any("reflect-fw.json" in p and "gone" in p for p in found.set_aside)
    assert any("rating 99" in p for p in found.set_aside)
    plan = runner.resume_plan(GUIDELINES, found.draft, None, Lookback(jdir))
    script = [("voluntary.rating", "2"), ("voluntary.answer.1", ""), ("voluntary.answer.2", ""),
              ("action_plan", ""), ("support", "")]
    done = runner.run(plan, ScriptedPort(script), found.draft, journal_dir=jdir, version="t")
    assert done.outcome is Outcome.COMPLETE and not good.exists()


def test_a_lone_surrogate_escape_in_a_draft_is_cleaned(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    path = _draft(jdir, "d.json", answers={"voluntary.answer.1": "caf\udcff"})
    assert "\\udcff" in path.read_text(encoding="utf-8")
    assert read_draft(path, jdir).answers["voluntary.answer.1"] == "caf\ufffd"


def test_a_draft_saved_now_holds_the_journal_by_name(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    fw = GUIDELINES.framework("tiny")
    assert fw is not None
    plan, draft = runner.start(GUIDELINES, kind=KIND_REFLECT, framework_id="tiny",
                               role="peer-supporter", values=[fw.values[0]],
                               lookback=Lookback(jdir),
                               now=datetime.fromisoformat("2026-11-22T10:15:00+01:00"))
    runner.run(plan, ScriptedPort([("voluntary.practiced", "1"), ("voluntary.rating", ":q")]),
               draft, journal_dir=jdir, version="t")
    data = json.loads(draft.path.read_text(encoding="utf-8"))
    assert data["journal"] == "2026-11-22-peer-supporter.md"
    assert data["snapshot"]["voluntary"]["title"] == "Voluntary"


def test_a_linked_drafts_folder_is_neither_read_nor_written(tmp_path: Path) -> None:
    from peersup_cli.errors import StorageError
    from peersup_cli.reflection import draft as draft_mod

    journals = tmp_path / "journals"
    journals.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (journals / ".drafts").symlink_to(elsewhere, target_is_directory=True)
    scan = draft_mod.scan_drafts(journals)
    assert scan.drafts == [] and "is a link" in scan.problems[0]
    d = draft_mod.new_draft(journals, kind="reflect", role="peer-supporter", framework="f",
                            values=["hopeful"], started=datetime.now(UTC))
    with pytest.raises(StorageError, match="is a link"):
        draft_mod.save_draft(d)
    assert list(elsewhere.iterdir()) == []


def test_damaged_index_rows_and_a_file_for_a_folder_get_plain_answers(
    cli, tmp_path: Path, pinned_paths: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from builders import journal, save

    monkeypatch.delenv("PEERSUP_DEBUG")
    home = pinned_paths["home"]
    save(home, "2026-01-01-peer-supporter.md", journal("2026-01-01T09:00:00+00:00"))
    assert cli("journal", "list").exit_code == 0
    (index,) = pinned_paths["cache"].glob("journal-index.sqlite3")
    with sqlite3.connect(index) as conn:
        conn.execute("UPDATE journals SET agenda = '{x'")
        conn.execute("UPDATE vals SET practiced = '[[broken'")
    for args in (("journal", "list", "--json"), ("journal", "trends"), ("journal", "summary")):
        result = cli(*args)
        assert result.exit_code == 0 and "did not expect" not in result.stderr, args
    not_a_folder = tmp_path / "journals.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    monkeypatch.setenv("PEERSUP_HOME", str(not_a_folder))
    result = cli("journal", "list")
    assert result.exit_code != 0 and "is a file, not a folder" in result.stderr
