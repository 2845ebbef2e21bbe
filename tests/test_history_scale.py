"""History at scale keeps meaning the same: values reflected on are those engaged with, the
look-back keeps to a kind and a person, running totals equal a count from scratch, the words
read later are the words read now, and an unchanged folder costs one look."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from builders import DAY, journal, plain_journal, reflection, sample, save
from peersup_cli.history import refresh as refresh_mod
from peersup_cli.history.filters import Filters
from peersup_cli.history.index import open_index
from peersup_cli.history.lookback import Lookback
from peersup_cli.history.search import search
from peersup_cli.history.trends import trends
from peersup_cli.journal import store


def test_values_skipped_through_are_not_counted_as_reflected_on(
    cli: Any, pinned_paths: dict[str, Path]
) -> None:
    home = pinned_paths["home"]
    save(home, "2026-01-01-peer-supporter.md", journal(
        "2026-01-01T09:00:00+00:00", reflection("voluntary", None, (), (None, None)),
        reflection("hopeful", None, (), (None, None)), action_plan=None))
    save(home, "2026-01-02-peer-supporter.md", journal(
        "2026-01-02T09:00:00+00:00", reflection("voluntary", None, (), (None, None)),
        reflection("hopeful", 3, (), (None, None))))
    rows = cli("journal", "list").stdout.splitlines()
    assert rows[1].split()[-2:] == ["2", "complete"]  # hopeful (2) only, not 1-2
    assert rows[2].split()[-1] == "complete" and "1-2" not in rows[2]  # nothing reflected on
    listed = json.loads(cli("journal", "list", "--json").stdout)["journals"]
    assert listed[1]["values"] == ["voluntary", "hopeful"]  # the JSON names what it covers
    only = cli("journal", "list", "--value", "voluntary").stdout
    assert "No journals match these filters." in only


def test_the_look_back_keeps_to_a_kind_and_a_person(tmp_path: Path) -> None:
    def saved(days: int, ratings: dict[str, int | None], **kw: Any) -> Path:
        return store.save_journal(tmp_path, plain_journal(DAY - timedelta(days=days),
                                                          ratings=ratings, **kw))

    reflected = saved(9, {"hopeful": 1}, role="supervisor")
    sam = saved(7, {"hopeful": 2}, role="supervisor", supervisee="Sam",
                action_plan="Sam's plan")
    alex = saved(5, {"hopeful": 3}, role="supervisor", supervisee="Alex",
                 action_plan="Alex's plan")
    skipped = journal((DAY - timedelta(days=1)).isoformat(),
                      reflection("hopeful", None, (), (None, None)), role="supervisor",
                      supervisee="Sam")
    store.save_journal(tmp_path, skipped)  # Sam's newest prep: hopeful skipped through
    with Lookback(tmp_path) as past:
        assert past.last_times("supervisor")["hopeful"].path == alex
        assert past.last_times("supervisor", kind="reflect")["hopeful"].path == reflected
        for_sam = past.last_times("supervisor", kind="prep", supervisee=" SAM ")
        assert for_sam["hopeful"].path == sam
        assert for_sam["hopeful"].action_plan == "Sam's plan"
        assert past.last_reflected("supervisor", ["hopeful"], kind="prep",
                                   supervisee="Kim") == {}
        assert past.last_reflected("supervisor", kind="prep", supervisee="alex") == {
            "hopeful": DAY - timedelta(days=5)}


def trend_json(home: Path, filters: Filters | None = None) -> list[dict[str, Any]]:
    with open_index(home) as index:
        return [t.to_json() for t in trends(index, filters)]


def test_running_totals_equal_a_count_from_scratch(
    pinned_paths: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = pinned_paths["home"]
    sample(home)
    trend_json(home)  # counted once and kept
    save(home, "2026-02-01-peer-supporter.md", journal(  # after all others: added on
        "2026-02-01T09:00:00+00:00", reflection("hopeful", 2, (3,), ("Again.", None))))
    kept = trend_json(home)
    save(home, "2024-01-01-peer-supporter.md", journal(  # back-dated: counted again
        "2024-01-01T09:00:00+00:00", reflection("empathic", 1)))
    counted_again = trend_json(home)
    for cache in pinned_paths["cache"].iterdir():
        cache.unlink()
    assert trend_json(home) == counted_again != kept
    (home / "2024-01-01-peer-supporter.md").unlink()
    assert trend_json(home) == kept
    # A date filter counts the journals it picks, the same way.
    since = Filters(since="2025-05-01")
    assert [t["value"] for t in trend_json(home, since)] == ["hopeful", "empathic",
                                                             "transparent"]


def test_a_first_build_reads_the_words_on_the_first_search(
    pinned_paths: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = pinned_paths["home"]
    sample(home)
    monkeypatch.setattr(refresh_mod, "BULK", 2)  # "many files at once" from two on
    read: list[str] = []
    real = refresh_mod.read_text
    monkeypatch.setattr(refresh_mod, "read_text",
                        lambda path: read.append(os.path.basename(path)) or real(path))
    with open_index(home) as index:
        assert len(read) == 6 and index.count() == 5
        texts = index.conn.execute("SELECT count(*) FROM texts").fetchone()[0]
        assert texts == 0  # list, trends and the look-back need none of them
    read.clear()
    calls: list[tuple[int, int]] = []
    with open_index(home, progress=lambda done, total: calls.append((done, total))) as index:
        assert read == []  # nothing changed: nothing read
        found = [h.entry.name for h in search(index, "hope")]
    assert found == ["2026-01-15-peer-supporter.md", "2025-01-10-peer-supporter.md"]
    assert sorted(read) == sorted(n for n in os.listdir(home) if "02-02" not in n)
    assert calls[-1] == (5, 5)  # the bar, when it is slow, counts these files too
    read.clear()
    with open_index(home) as index:
        assert [h.entry.name for h in search(index, "hope")] == found and read == []


def test_an_unchanged_folder_is_not_compared_row_by_row(
    pinned_paths: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = pinned_paths["home"]
    sample(home)
    with open_index(home):
        pass
    compared: list[int] = []
    real = refresh_mod.KeepInStep._changes
    monkeypatch.setattr(refresh_mod.KeepInStep, "_changes",
                        lambda self, found: compared.append(1) or real(self, found))
    with open_index(home) as index:
        assert index.count() == 5
    assert compared == []
    (home / "2025-06-01-peer-supporter.md").touch()  # same size, a new time: read again
    with open_index(home) as index:
        assert index.count() == 5
    assert compared == [1]


def test_ctrl_c_while_the_words_are_read_leaves_them_for_next_time(
    pinned_paths: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = pinned_paths["home"]
    sample(home)
    monkeypatch.setattr(refresh_mod, "BULK", 2)
    monkeypatch.setattr(refresh_mod, "BATCH", 2)

    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with open_index(home) as index, pytest.raises(KeyboardInterrupt):
        index.ensure_words(stop)
    with open_index(home) as index:
        assert index.conn.execute("SELECT count(*) FROM texts").fetchone()[0] == 0
        assert [h.entry.name for h in search(index, "grief")] == ["2026-01-15-peer-supporter.md"]
