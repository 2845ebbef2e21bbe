"""Looking back (``last_times``, ``last_reflected``, ``latest_prep`` ...) through the journal
index: what a new session is told about earlier ones, hand-edited journals included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from builders import (
    DAY,
    journal,
    plain_journal,
    reflection,
)
from peersup_cli.history.index import open_index
from peersup_cli.history.lookback import Lookback
from peersup_cli.journal import store
from peersup_cli.journal.format import render
from peersup_cli.storage import atomic_write, ensure_private_dir

# Written by hand: a flow list and map with a comment (the YAML path), a value the body does
# not have, a rating that is not a number, a date with no offset. The body is what counts.
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


def test_what_a_session_is_told_about_earlier_ones(folder: Path) -> None:
    with Lookback(folder) as past:
        last = past.last_times("peer-supporter")
        assert sorted(last) == ["empathic", "hopeful", "transparent", "voluntary"]
        # The front matter lists empathic for 2026-11-20 but its body does not: the body wins.
        assert last["empathic"].path.name == "2026-11-01-peer-supporter-10.md"  # -10 after -2
        assert last["empathic"].rating == 4 and last["empathic"].action_plan == "same second-10"
        assert last["hopeful"].path.name == "2026-11-20-peer-supporter.md"
        assert last["hopeful"].rating == 3  # the body's rating wins over the front matter's 4
        assert last["hopeful"].rating_label == "Steady"
        assert last["voluntary"].action_plan == "plan 1" and last["voluntary"].rating is None
        assert past.last_reflected("peer-supporter")["transparent"] == datetime(
            2026, 11, 2, 9, 0, 0, 250000, tzinfo=UTC)
        partial = folder / "2026-11-02-peer-supporter.md"
        assert "transparent" not in past.last_times("peer-supporter", exclude=partial)
        supervisor = past.last_times("supervisor")
        assert supervisor["hopeful"].rating == 4
        assert supervisor["open-minded"].path.name == "2026-11-06-supervisor-prep-alex.md"

        found = past.latest_prep("SAM")
        assert found is not None and found.path.name == "2026-11-05-supervisor-prep-sam.md"
        assert found.journal.supervisee == "sam "
        complete = past.latest_prep("Sam", complete_only=True)
        assert complete is not None and complete.path.name == "2026-11-04-supervisor-prep-sam.md"
        other = past.latest_prep("sam", exclude=folder / "2026-11-05-supervisor-prep-sam.md")
        assert other is not None and other.path.name == "2026-11-04-supervisor-prep-sam.md"
        assert past.latest_prep("Kim") is None
        assert [e.name for e in past.partial_journals()] == [
            "2026-11-02-peer-supporter.md", "2026-11-05-supervisor-prep-sam.md"]


def test_unreadable_files_are_named_not_looked_back_on(folder: Path) -> None:
    with open_index(folder) as index:
        names = [e.name for e in index.entries(newest_first=False)]
        skipped = {s.name: s.reason for s in index.skipped()}
    assert names[2:5] == ["2026-11-01-peer-supporter.md", "2026-11-01-peer-supporter-2.md",
                          "2026-11-01-peer-supporter-10.md"]
    assert "2026-11-21-broken.md" not in names and ".hidden.md" not in names
    assert skipped == {
        "2026-11-21-broken.md": "its front matter is not valid YAML (line 3)",
        "2026-11-22-not-utf8.md": "it is not UTF-8 text",
    }


def test_the_look_back_follows_a_hand_edit(folder: Path) -> None:
    with Lookback(folder) as past:
        assert "mutual" not in past.last_times("peer-supporter")
    edited = folder / "2026-11-20-peer-supporter.md"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("## 2. Hopeful", "## 7. Mutual").replace(
        "peersup:value hopeful", "peersup:value mutual"), encoding="utf-8")
    with Lookback(folder) as past:
        assert past.last_times("peer-supporter")["mutual"].path == edited
        assert past.last_times("peer-supporter")["hopeful"].path.name != edited.name


def test_a_damaged_cache_is_rebuilt_silently(
    folder: Path, pinned_paths: dict[str, Path]
) -> None:
    with Lookback(folder) as past:
        expected = past.last_times("peer-supporter")
    for cache in pinned_paths["cache"].rglob("*"):
        if cache.is_file():
            cache.write_bytes(b"not a database at all")
    with Lookback(folder) as past:
        assert past.last_times("peer-supporter") == expected


def test_a_missing_folder_has_nothing_to_look_back_on(tmp_path: Path) -> None:
    with Lookback(tmp_path / "nowhere") as past:
        assert past.last_times("peer-supporter") == {}
        assert past.partial_journals() == []


def test_a_session_that_looks_back_on_nothing_opens_no_index(
    tmp_path: Path, pinned_paths: dict[str, Path]
) -> None:
    with Lookback(tmp_path):
        pass
    assert not any(pinned_paths["cache"].rglob("*.sqlite3"))


def test_journals_saved_in_a_row_are_seen_at_once(tmp_path: Path) -> None:
    older = store.save_journal(tmp_path, journal((DAY - timedelta(days=1)).isoformat()))
    with Lookback(tmp_path) as past:
        assert past.last_times("peer-supporter")["hopeful"].path == older
    newer = store.save_journal(tmp_path, journal(DAY.isoformat()))
    with Lookback(tmp_path) as past:
        assert past.last_times("peer-supporter")["hopeful"].path == newer


def test_last_times_per_value_for_a_role(tmp_path: Path) -> None:
    store.save_journal(tmp_path, plain_journal(DAY - timedelta(days=20), ratings={"hopeful": 1,
                                                                            "voluntary": 2},
                                         action_plan="old plan"))
    store.save_journal(tmp_path, plain_journal(DAY - timedelta(days=5), ratings={"hopeful": 4},
                                         action_plan="Try sharing my story\nonce"))
    store.save_journal(tmp_path, plain_journal(DAY, role="supervisor", ratings={"hopeful": 2}))
    last = Lookback(tmp_path).last_times("peer-supporter")
    assert set(last) == {"hopeful", "voluntary"}
    assert last["hopeful"].date == DAY - timedelta(days=5)
    assert (last["hopeful"].rating, last["hopeful"].rating_label) == (4, "Label")
    assert last["hopeful"].action_plan == "Try sharing my story\nonce"
    assert last["voluntary"].rating == 2 and last["voluntary"].action_plan == "old plan"
    assert Lookback(tmp_path).last_reflected("supervisor") == {"hopeful": DAY}
    assert "empathic" not in last
    assert "hopeful" in Lookback(tmp_path).last_times("supervisor")


def test_last_times_can_leave_out_the_session_being_resumed(tmp_path: Path) -> None:
    older = store.save_journal(
        tmp_path, plain_journal(DAY - timedelta(days=1), ratings={"hopeful": 2}))
    mine = store.save_journal(
        tmp_path, plain_journal(DAY, ratings={"hopeful": None}, status="partial"))
    assert Lookback(tmp_path).last_times("peer-supporter", exclude=mine)["hopeful"].path == older


def test_latest_prep_for_a_supervisee(tmp_path: Path) -> None:
    store.save_journal(tmp_path, plain_journal(DAY - timedelta(days=9), role="supervisor",
                                         supervisee="Sam", action_plan="old"))
    store.save_journal(tmp_path, plain_journal(DAY - timedelta(days=2), role="supervisor",
                                         supervisee="Alex"))
    newest = store.save_journal(tmp_path, plain_journal(DAY, role="supervisor", supervisee="sam ",
                                                  status="partial"))
    found = Lookback(tmp_path).latest_prep("SAM")
    assert found is not None and found.path == newest
    complete = Lookback(tmp_path).latest_prep("Sam", complete_only=True)
    assert complete is not None and complete.journal.action_plan == "old"
    assert Lookback(tmp_path).latest_prep("Kim") is None
    assert [e.path for e in Lookback(tmp_path).partial_journals()] == [newest]


def test_timezones_sort_by_the_moment(tmp_path: Path) -> None:
    east = datetime(2026, 11, 22, 9, 0, tzinfo=timezone(timedelta(hours=9)))  # 00:00 UTC
    west = datetime(2026, 11, 21, 20, 0, tzinfo=timezone(timedelta(hours=-5)))  # 01:00 UTC
    store.save_journal(tmp_path, plain_journal(west, ratings={"hopeful": 4}))
    store.save_journal(tmp_path, plain_journal(east, ratings={"hopeful": 1}))
    assert Lookback(tmp_path).last_times("peer-supporter")["hopeful"].rating == 4
