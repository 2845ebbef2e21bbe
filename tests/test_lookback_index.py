"""Looking back (``last_times``, ``last_reflected``, ``latest_prep`` ...) from the journal index
gives exactly what reading every front matter gives, hand-edited journals included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from peersup_cli.history import lookback
from peersup_cli.journal import store
from peersup_cli.journal.format import render
from peersup_cli.storage import atomic_write, ensure_private_dir
from test_history_support import journal, reflection

DAY = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
# Written by hand: a flow list and map with a comment (the YAML path), a value the body does
# not have, a rating that is not a number, a date with no offset.
HAND_EDITED_FRONT = """\
date: 2026-11-20T08:30:00
role: peer-supporter
framework: ma-accs-2022
values: [hopeful, empathic]  # added empathic by hand
ratings: {hopeful: 4, empathic: lots}
status: complete
"""


def write(folder: Path, name: str, text: str) -> Path:
    return atomic_write(folder / name, text)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "lookback"
    ensure_private_dir(d)
    for n, when in enumerate(("2026-10-01T09:00:00+10:00", "2026-10-08T09:00:00-05:00")):
        write(d, f"2026-10-0{n + 1}-peer-supporter.md", render(journal(
            when, reflection("hopeful", 2 + n), reflection("voluntary", None),
            action_plan=f"plan {n}")))
    # Three sessions in the same second: the file names decide (-2 before -10).
    for suffix in ("", "-2", "-10"):
        write(d, f"2026-11-01-peer-supporter{suffix}.md", render(journal(
            "2026-11-01T09:00:00+00:00", reflection("empathic", len(suffix) + 1),
            action_plan=f"same second{suffix}")))
    partial = render(journal("2026-11-02T09:00:00+00:00", reflection("transparent", 1),
                             status="partial"))
    write(d, "2026-11-02-peer-supporter.md", partial.replace(  # a fraction of a second, by hand
        "'2026-11-02T09:00:00+00:00'", "'2026-11-02T09:00:00.250000+00:00'"))
    write(d, "2026-11-03-supervisor.md", render(journal(
        "2026-11-03T09:00:00+00:00", reflection("hopeful", 4), role="supervisor")))
    for name, who, when, status in (
        ("2026-11-04-supervisor-prep-sam.md", "Sam", "2026-11-04T09:00:00+00:00", "complete"),
        ("2026-11-05-supervisor-prep-sam.md", "sam ", "2026-11-05T09:00:00+00:00", "partial"),
        ("2026-11-06-supervisor-prep-alex.md", "Alex", "2026-11-06T09:00:00+00:00", "complete"),
    ):
        write(d, name, render(journal(when, reflection("open-minded", 3), role="supervisor",
                                      supervisee=who, status=status)))
    body = render(journal("2026-11-20T08:30:00", reflection("hopeful", 3))).split("---\n", 2)[2]
    write(d, "2026-11-20-peer-supporter.md", f"---\n{HAND_EDITED_FRONT}---\n{body}")
    write(d, "2026-11-21-broken.md", "---\nrole: [unclosed\n---\nbody\n")
    (d / "2026-11-22-not-utf8.md").write_bytes(b"---\ndate: \xff\n---\n")
    write(d, ".hidden.md", render(journal("2026-12-01T09:00:00+00:00")))
    (d / ".drafts").mkdir()
    return d


def lookbacks(folder: Path) -> dict[str, Any]:
    """Every look-back answer reflect and prep ask for."""
    partial = folder / "2026-11-02-peer-supporter.md"
    return {
        "last_times": store.last_times(folder, "peer-supporter"),
        "last_times_excluding": store.last_times(folder, "peer-supporter", exclude=partial),
        "last_times_supervisor": store.last_times(folder, "supervisor"),
        "last_reflected": store.last_reflected(folder, "peer-supporter"),
        "previous": store.previous_reflection(folder, "peer-supporter", "empathic"),
        "previous_none": store.previous_reflection(folder, "supervisor", "voluntary"),
        "latest_prep": store.latest_prep(folder, "SAM"),
        "latest_complete_prep": store.latest_prep(folder, "Sam", complete_only=True),
        "latest_prep_excluding": store.latest_prep(
            folder, "sam", exclude=folder / "2026-11-05-supervisor-prep-sam.md"),
        "no_prep": store.latest_prep(folder, "Kim"),
        "partial": store.partial_journals(folder),
    }


def only(monkeypatch: pytest.MonkeyPatch, way: str) -> None:
    """Look back only ``way`` ("index" or "scan"): the other one fails if it is asked."""

    def fail(*args: Any, **kwargs: Any) -> list[store.Entry]:
        raise RuntimeError("not this way")

    monkeypatch.setattr(store, "indexed_entries", REAL["index"] if way == "index" else fail)
    monkeypatch.setattr(store, "scanned_entries", REAL["scan"] if way == "scan" else fail)


REAL = {"index": store.indexed_entries, "scan": store.scanned_entries}


def test_index_and_scan_agree(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert store.indexed_entries(folder) == store.scanned_entries(folder)
    for role in ("peer-supporter", "supervisor"):
        assert store.indexed_entries(folder, role=role) == [
            e for e in store.scanned_entries(folder) if e.role == role]
    only(monkeypatch, "scan")
    scanned = lookbacks(folder)
    only(monkeypatch, "index")
    assert lookbacks(folder) == scanned
    # The answers are the ones expected, not merely equal.
    last = scanned["last_times"]
    assert last["empathic"].path.name == "2026-11-20-peer-supporter.md"  # the front matter says so
    assert last["empathic"].rating is None  # "lots" is no rating, and the body has none
    assert last["hopeful"].rating == 3  # the body's rating wins over the front matter's 4
    assert scanned["previous"] == last["empathic"]
    assert last["voluntary"].action_plan == "plan 1"
    assert scanned["last_reflected"]["transparent"] == datetime(
        2026, 11, 2, 9, 0, 0, 250000, tzinfo=UTC)
    assert last["transparent"].path.name == "2026-11-02-peer-supporter.md"
    assert scanned["last_times_excluding"]["empathic"].path.name == "2026-11-20-peer-supporter.md"
    assert "transparent" not in scanned["last_times_excluding"]
    assert scanned["latest_prep"][0].name == "2026-11-05-supervisor-prep-sam.md"
    assert scanned["latest_complete_prep"][0].name == "2026-11-04-supervisor-prep-sam.md"
    assert scanned["latest_prep_excluding"][0].name == "2026-11-04-supervisor-prep-sam.md"
    assert scanned["no_prep"] is None and scanned["previous_none"] is None
    names = [e.path.name for e in REAL["scan"](folder)]
    assert names[2:5] == ["2026-11-01-peer-supporter.md", "2026-11-01-peer-supporter-2.md",
                          "2026-11-01-peer-supporter-10.md"]
    assert "2026-11-21-broken.md" not in names and ".hidden.md" not in names


def test_the_index_follows_a_hand_edit(folder: Path) -> None:
    assert store.indexed_entries(folder) == store.scanned_entries(folder)  # the index is warm
    edited = folder / "2026-11-20-peer-supporter.md"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("[hopeful, empathic]", "[hopeful, voluntary, mutual]")
                      .replace("lots", "2"), encoding="utf-8")
    (folder / "2026-11-01-peer-supporter-2.md").unlink()
    indexed = store.indexed_entries(folder)
    assert indexed == store.scanned_entries(folder)
    assert next(e for e in indexed if e.path == edited).values == ("hopeful", "voluntary", "mutual")
    assert store.last_times(folder, "peer-supporter")["mutual"].path == edited


def test_store_looks_back_through_the_index(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_scan(journal_dir: Path) -> list[store.Entry]:
        raise AssertionError("the files were scanned")

    expected = store.scanned_entries(folder)
    monkeypatch.setattr(store, "scanned_entries", no_scan)
    assert store.entries(folder) == expected


@pytest.mark.parametrize("trouble", [OSError("disk gone"), RuntimeError("a bug")])
def test_any_index_trouble_falls_back_to_the_files(
    folder: Path, monkeypatch: pytest.MonkeyPatch, trouble: Exception
) -> None:
    def broken(journal_dir: Path) -> list[Any]:
        raise trouble

    expected = store.scanned_entries(folder)
    monkeypatch.setattr(lookback, "journal_facts", broken)
    assert store.entries(folder) == expected


def test_a_damaged_cache_is_rebuilt_silently(
    folder: Path, pinned_paths: dict[str, Path]
) -> None:
    expected = store.scanned_entries(folder)
    assert store.entries(folder) == expected
    for cache in pinned_paths["cache"].rglob("*"):
        if cache.is_file():
            cache.write_bytes(b"not a database at all")
    assert store.indexed_entries(folder) == expected


def test_a_missing_folder_has_nothing_to_look_back_on(tmp_path: Path) -> None:
    assert store.indexed_entries(tmp_path / "nowhere") == []
    assert store.last_times(tmp_path / "nowhere", "peer-supporter") == {}


def test_journals_saved_in_a_row_are_seen_at_once(tmp_path: Path) -> None:
    from test_store import journal as store_journal

    older = store.save_journal(tmp_path, store_journal(DAY - timedelta(days=1)))
    assert store.last_times(tmp_path, "peer-supporter")["hopeful"].path == older
    newer = store.save_journal(tmp_path, store_journal(DAY))
    assert store.last_times(tmp_path, "peer-supporter")["hopeful"].path == newer
