"""The journal folder: unique names, modes, listing and loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import plain_journal as journal
from peersup_cli.errors import JournalError
from peersup_cli.journal import store
from peersup_cli.journal.format import render


def test_names_by_date_role_and_supervisee(tmp_path: Path) -> None:
    assert store.save_journal(tmp_path, journal()).name == "2026-11-22-peer-supporter.md"
    prep = journal(role="supervisor", supervisee="Zoë O'Neil")
    assert store.save_journal(tmp_path, prep).name == "2026-11-22-supervisor-prep-zoe-o-neil.md"


def test_slugify() -> None:
    assert store.slugify("  Sam   Smith ") == "sam-smith"
    assert store.slugify("../../etc/passwd") == "etc-passwd"
    assert store.slugify("Ω") == store.slugify("Ω")
    assert store.slugify("Ω").startswith("supervisee-") and store.slugify("Ω") != store.slugify("ж")
    assert len(store.slugify("a" * 200)) == 40


def test_never_overwrite_same_day(tmp_path: Path) -> None:
    paths = [store.save_journal(tmp_path, journal(action_plan=f"plan {n}")) for n in range(11)]
    names = [p.name for p in paths]
    assert names[:3] == ["2026-11-22-peer-supporter.md", "2026-11-22-peer-supporter-2.md",
                         "2026-11-22-peer-supporter-3.md"]
    assert len(set(names)) == 11
    assert [store.load_journal(p).action_plan for p in paths] == [f"plan {n}" for n in range(11)]
    assert store.list_journals(tmp_path) == paths  # -10 sorts after -9


def test_save_never_overwrites_a_taken_name(tmp_path: Path) -> None:
    taken = tmp_path / "2026-11-22-peer-supporter.md"
    taken.write_text("someone else's file", encoding="utf-8")
    path = store.save_journal(tmp_path, journal())
    assert path.name == "2026-11-22-peer-supporter-2.md"
    assert taken.read_text(encoding="utf-8") == "someone else's file"


def test_modes(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "journals"
    path = store.save_journal(folder, journal())
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_replace_swaps_the_partial_of_the_same_session(tmp_path: Path) -> None:
    partial = store.save_journal(tmp_path, journal(status="partial"))
    done = store.save_journal(tmp_path, journal(action_plan="done"), replace=partial)
    assert done == partial and store.load_journal(done).status == "complete"


def test_list_and_load_skip_what_is_not_a_journal(tmp_path: Path) -> None:
    good = store.save_journal(tmp_path, journal())
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("x", encoding="utf-8")
    (tmp_path / "folder.md").mkdir()
    broken = tmp_path / "2026-01-01-broken.md"
    broken.write_text("no front matter here", encoding="utf-8")
    assert store.list_journals(tmp_path) == [broken, good]
    assert store.read_journal(good).values == ["hopeful"]
    with pytest.raises(JournalError, match="does not start with a --- front matter block"):
        store.load_journal(broken)
    with pytest.raises(JournalError, match="There is no journal at"):
        store.load_journal(tmp_path / "missing.md")
    assert store.list_journals(tmp_path / "nowhere") == []


def test_welcome_marker(tmp_path: Path) -> None:
    folder = tmp_path / "j"
    assert store.is_first_run(folder)
    store.mark_welcomed(folder)
    assert not store.is_first_run(folder)
    assert store.list_journals(folder) == []


def test_read_text_keeps_carriage_returns(tmp_path: Path) -> None:
    j = journal(action_plan="a\rb\r\nc")
    path = store.save_journal(tmp_path, j)
    assert store.read_text(path) == render(j)
    assert store.load_journal(path).action_plan == "a\rb\r\nc"
