"""The journal index: kept in step with the files, and rebuilt silently when it cannot be used."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from builders import journal, reflection, sample, save
from peersup_cli import paths
from peersup_cli.history import refresh as index_mod
from peersup_cli.history import schema
from peersup_cli.history.filters import Filters
from peersup_cli.history.index import Index, open_index
from peersup_cli.history.search import search


def names(folder: Path, filters: Filters | None = None) -> list[str]:
    with open_index(folder) as index:
        return [e.name for e in index.entries(filters)]


def found(folder: Path, text: str) -> list[str]:
    with open_index(folder) as index:
        return [h.entry.name for h in search(index, text)]


def skipped(folder: Path) -> list[str]:
    with open_index(folder) as index:
        return [s.name for s in index.skipped()]


@pytest.fixture
def home(pinned_paths: dict[str, Path]) -> Path:
    sample(pinned_paths["home"])
    return pinned_paths["home"]


def test_cache_file_is_private_and_where_paths_say(home: Path) -> None:
    names(home)
    file = paths.index_file()
    assert file.is_file()
    assert file.stat().st_mode & 0o777 == 0o600
    assert file.parent.stat().st_mode & 0o777 == 0o700
    with sqlite3.connect(file) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION


def test_adding_editing_and_deleting_journals(home: Path) -> None:
    assert len(names(home)) == 5
    save(home, "2026-02-01-peer-supporter.md", journal(
        "2026-02-01T09:00:00+00:00", reflection("hopeful", 2, (), ("Kayaking with the group.",))
    ))
    assert names(home)[0] == "2026-02-01-peer-supporter.md"
    assert found(home, "kayaking") == ["2026-02-01-peer-supporter.md"]

    edited = home / "2026-02-01-peer-supporter.md"
    edited.write_text(edited.read_text().replace("Kayaking", "Canoeing"))
    assert found(home, "kayaking") == []
    assert found(home, "canoeing") == ["2026-02-01-peer-supporter.md"]

    edited.unlink()
    assert len(names(home)) == 5
    assert found(home, "canoeing") == []


def test_only_changed_files_are_read_again(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names(home)
    read: list[str] = []
    real = index_mod.read_text

    def spy(path: str) -> str:
        read.append(os.path.basename(path))
        return real(path)

    monkeypatch.setattr(index_mod, "read_text", spy)
    names(home)
    assert read == []
    target = home / "2025-06-01-peer-supporter.md"
    target.write_text(target.read_text() + "\n")
    names(home)
    assert read == ["2025-06-01-peer-supporter.md"]


def test_deleted_cache_is_rebuilt(home: Path) -> None:
    before = names(home)
    paths.index_file().unlink()
    assert names(home) == before
    assert found(home, "grief") == ["2026-01-15-peer-supporter.md"]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "old-version"])
def test_unusable_cache_is_rebuilt_silently(home: Path, damage: str) -> None:
    before = names(home)
    file = paths.index_file()
    if damage == "garbage":
        file.write_bytes(os.urandom(4096))
    elif damage == "truncated":
        file.write_bytes(file.read_bytes()[:1500])
    elif damage == "foreign":
        file.unlink()
        with sqlite3.connect(file) as conn:
            conn.execute("CREATE TABLE notes (x)")
    else:
        with sqlite3.connect(file) as conn:
            conn.execute("PRAGMA user_version = 999")
    assert names(home) == before
    assert found(home, "hope") == ["2026-01-15-peer-supporter.md", "2025-01-10-peer-supporter.md"]
    with sqlite3.connect(file) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION


def test_unwritable_cache_folder_still_works(home: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("PEERSUP_CACHE_DIR", str(blocker / "cache"))
    assert len(names(home)) == 5  # an in-memory index for this run


def test_drafts_and_hidden_files_are_not_journals(home: Path) -> None:
    drafts = paths.drafts_dir(home)
    drafts.mkdir()
    save(drafts, "draft.md", journal("2026-09-09T09:00:00+00:00"))
    save(home, ".hidden.md", journal("2026-09-09T09:00:00+00:00"))
    (home / "notes.txt").write_text("not markdown")
    assert len(names(home)) == 5
    assert skipped(home) == ["2025-02-02-peer-supporter.md"]


def test_broken_journal_fixed_by_hand_comes_back(home: Path) -> None:
    broken = home / "2025-02-02-peer-supporter.md"
    save(home, "tmp.md", journal("2025-02-02T09:00:00+00:00", action_plan="Mended."))
    (home / "tmp.md").replace(broken)
    assert "2025-02-02-peer-supporter.md" in names(home)
    assert skipped(home) == []


def test_search_without_fts5_gives_the_same_answer(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = found(home, "hope story")
    monkeypatch.setattr(Index, "ensure_fts", lambda self: False)
    assert found(home, "hope story") == expected == ["2025-01-10-peer-supporter.md"]


def test_many_changes_at_once_rebuild_the_text_index(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past BULK new files the full-text index is rebuilt on the next search, in one go.
    monkeypatch.setattr(index_mod, "BULK", 2)
    names(home)
    for n in range(3):
        save(home, f"2026-03-0{n + 1}-peer-supporter.md", journal(
            f"2026-03-0{n + 1}T09:00:00+00:00",
            reflection("hopeful", 3, (), (f"Rowing lesson {n}.",)),
        ))
    names(home)
    assert len(found(home, "rowing")) == 3
    (home / "2026-03-01-peer-supporter.md").unlink()
    assert len(found(home, "rowing")) == 2


def test_two_folders_share_one_cache(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    save(other, "2026-04-04-supervisor.md", journal("2026-04-04T09:00:00+00:00", role="supervisor"))
    assert names(other) == ["2026-04-04-supervisor.md"]
    assert len(names(home)) == 5
    assert names(other) == ["2026-04-04-supervisor.md"]


def test_two_runs_at_once_do_not_index_twice(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = paths.index_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    first = Index(schema.connect(file), home, file)
    second = Index(schema.connect(file), home, file)
    # The first run looked at the folder before the second stored what it found there ...
    real_meta = first._meta
    monkeypatch.setattr(first, "_meta", lambda key: None if key.startswith("files ")
                        else real_meta(key))
    second.refresh()
    read: list[str] = []
    real_read = index_mod.read_text
    monkeypatch.setattr(index_mod, "read_text", lambda path: read.append(path) or real_read(path))
    first.refresh()
    assert read == []  # ... and compared again under the write lock: nothing left to read
    assert first.count() == 5 and second.count() == 5
    first.conn.close()
    second.conn.close()


def refs(folder: Path) -> dict[str, int]:
    with open_index(folder) as index:
        return {e.name: e.ref for e in index.entries()}


def test_numbers_count_from_the_oldest_whatever_changes(home: Path) -> None:
    before = refs(home)
    assert sorted(before.values()) == [1, 2, 3, 4, 5]
    newest = save(home, "2026-06-01-peer-supporter.md", journal("2026-06-01T09:00:00+00:00"))
    after = refs(home)
    assert after[newest.name] == 6 and all(after[n] == r for n, r in before.items())
    oldest = save(home, "2024-01-01-peer-supporter.md", journal("2024-01-01T09:00:00+00:00"))
    back_dated = refs(home)
    assert back_dated[oldest.name] == 1 and back_dated[newest.name] == 7
    oldest.unlink()
    assert refs(home) == after
    with open_index(home) as index:
        assert [e.name for e in index.entries(limit=2)] == [
            newest.name, "2026-01-15-peer-supporter.md"]
        assert index.entries(ref=10**40) == [] and index.entries(ref=0) == []
        assert len(index.entries(limit=10**30)) == 6
