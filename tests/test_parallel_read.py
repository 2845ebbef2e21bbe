"""A first index build reads with two processes; the index must be the same as with one.

``PARALLEL_MIN`` and ``BATCH`` are lowered so a few dozen journals take the two-process path,
and ``possible`` is forced on, so the path is tested even on a one-CPU machine.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from peersup_cli.history import index_rows, parallel_read
from peersup_cli.history.index import with_index
from peersup_cli.history.index_schema import COLUMNS
from peersup_cli.journal.model import GuidelineItem
from peersup_cli.storage import atomic_write
from test_history_support import checksums, journal, reflection, sample, save

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the helper needs os.fork")

VIDS = ("voluntary", "hopeful", "empathic", "transparent", "open-minded")


@pytest.fixture
def many(pinned_paths: dict[str, Path]) -> Path:
    """Forty-odd journals over three years: the shared sample, generated ones whose guideline
    wording changes from year to year, and two broken files."""
    home = pinned_paths["home"]
    sample(home)
    for i in range(36):
        year = 2023 + i // 12
        month = i % 12 + 1
        vid = VIDS[i % len(VIDS)]
        r = reflection(vid, i % 4 + 1, tuple(range(1, i % 3 + 2)),
                       (f"Answer {i} about {vid}.\nIts second line.", None if i % 2 else "More."))
        r.items = [GuidelineItem(n, f"{vid} item {n} as worded in {year}", n <= i % 3 + 1)
                   for n in (1, 2, 3)]
        save(home, f"{year}-{month:02d}-03-peer-supporter.md", journal(
            f"{year}-{month:02d}-03T09:00:00+10:00", r, action_plan=f"Plan {i}.",
        ))
    atomic_write(home / "2024-05-05-peer-supporter.md", "no front matter at all\n")
    return home


def build(home: Path, file: Path) -> dict[str, Any]:
    """Build the index from nothing into ``file``; every table's content, ids left out."""
    file.unlink(missing_ok=True)
    with_index(home, lambda idx: None, index_file=file)
    with sqlite3.connect(file) as conn:
        return {
            "journals": sorted(conn.execute(f"SELECT {COLUMNS} FROM journals").fetchall(),
                               key=repr),
            "texts": sorted(conn.execute(
                "SELECT j.name, t.text, t.linemap FROM texts AS t JOIN journals AS j USING (id)"
            ).fetchall()),
            "items": sorted(conn.execute("SELECT * FROM items").fetchall()),
            "scale": sorted(conn.execute("SELECT * FROM scale").fetchall()),
        }


def serial(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    with monkeypatch.context() as m:
        m.setattr(parallel_read, "PARALLEL_MIN", 10**9)
        return build(home, tmp_path / "serial.sqlite")


@pytest.fixture
def two_processes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Force the two-process path; returns the names this process read itself."""
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN", 2)
    monkeypatch.setattr(parallel_read, "BATCH", 4)
    monkeypatch.setattr(parallel_read, "possible", lambda: True)
    read_here: list[str] = []
    real = index_rows.read_one
    me = os.getpid()

    def spy(job, seen):  # type: ignore[no-untyped-def]
        if os.getpid() == me:  # the helper's appends land in its own copy of the list
            read_here.append(job[2])
        return real(job, seen)

    monkeypatch.setattr(index_rows, "read_one", spy)
    return read_here


def test_two_processes_build_the_same_index(
    many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_processes: list[str]
) -> None:
    expected = serial(many, tmp_path, monkeypatch)
    two_processes.clear()
    before = checksums(many)
    got = build(many, tmp_path / "parallel.sqlite")
    assert got == expected
    assert len(got["journals"]) == 43
    # This process read only the newer part; the helper read the older 55 %.
    newest_first = sorted((p.name for p in many.glob("*.md")), reverse=True)
    assert sorted(two_processes, reverse=True) == newest_first[: 43 - int(43 * 0.55)]
    assert checksums(many) == before  # the helper, too, wrote nothing in the journal folder


def test_the_newest_wording_of_an_item_is_kept(
    many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_processes: list[str]
) -> None:
    for got in (serial(many, tmp_path, monkeypatch), build(many, tmp_path / "p.sqlite")):
        texts = {(v, n): t for f, r, v, n, t in got["items"] if r == "peer-supporter"}
        assert texts[("voluntary", 1)] == "voluntary item 1 as worded in 2025"
        assert texts[("open-minded", 3)] == "open-minded item 3 as worded in 2025"


def test_rows_in_any_order_of_readers_keep_the_newest_wording(
    many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_processes: list[str]
) -> None:
    expected = serial(many, tmp_path, monkeypatch)

    def older_half_first(read, names):  # type: ignore[no-untyped-def]
        # Each reader goes newest first with its own ``seen``; the older reader's rows come in
        # first, as the helper's may.
        half = len(names) // 2
        older: set[Any] = set()
        newer: set[Any] = set()
        return [read(n, older) for n in names[half:]] + [read(n, newer) for n in names[:half]]

    monkeypatch.setattr(parallel_read, "read_in_two", older_half_first)
    assert build(many, tmp_path / "p.sqlite")["items"] == expected["items"]


def _dies_at_once(read, names, w):  # type: ignore[no-untyped-def]
    os._exit(1)


def _dies_after_one_batch(read, names, w):  # type: ignore[no-untyped-def]
    seen: set[Any] = set()
    os.write(w, pickle.dumps([read(name, seen) for name in names[:4]]))
    os._exit(1)


def _sends_garbage(read, names, w):  # type: ignore[no-untyped-def]
    os.write(w, b"this is not a pickle")
    os._exit(0)


def _sends_the_wrong_thing(read, names, w):  # type: ignore[no-untyped-def]
    os.write(w, pickle.dumps({"not": "a batch"}))
    os._exit(0)


@pytest.mark.parametrize(
    "helper", [_dies_at_once, _dies_after_one_batch, _sends_garbage, _sends_the_wrong_thing]
)
def test_a_failing_helper_loses_nothing(
    many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_processes: list[str],
    helper: Any,
) -> None:
    expected = serial(many, tmp_path, monkeypatch)
    monkeypatch.setattr(parallel_read, "_helper", helper)
    assert build(many, tmp_path / "parallel.sqlite") == expected


def test_stopping_early_leaves_no_helper_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel_read, "BATCH", 1)
    rows = parallel_read.read_in_two(lambda name, seen: name.upper(), [f"n{i}" for i in range(9)])
    assert next(rows) == "N0"
    rows.close()  # as when storing a row fails, or Ctrl-C: the helper is stopped and reaped
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_every_name_is_read_once() -> None:
    names = [f"n{i:03d}" for i in range(300)]
    got = list(parallel_read.read_in_two(lambda name, seen: name, names))
    assert sorted(got) == names


def test_no_helper_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parallel_read.possible() is False
    finally:
        stop.set()
        other.join()
