"""The journal folder: unique names, modes, listing, loading, and looking back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from peersup_cli.errors import JournalError
from peersup_cli.journal import store
from peersup_cli.journal.format import render
from peersup_cli.journal.model import Agenda, GuidelineItem, Journal, ValueReflection

DAY = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def journal(
    when: datetime = DAY,
    role: str = "peer-supporter",
    ratings: dict[str, int | None] | None = None,
    action_plan: str | None = None,
    supervisee: str | None = None,
    status: str = "complete",
) -> Journal:
    reflections = [
        ValueReflection(vid, n, vid.title(), "Practice", [GuidelineItem(1, "item", True)],
                        rating, "Label" if rating else None, ["Q?"], [None])
        for n, (vid, rating) in enumerate((ratings or {"hopeful": 3}).items(), start=1)
    ]
    return Journal(date=when, role=role, framework="ma-accs-2022", reflections=reflections,
                   action_plan=action_plan, supervisee=supervisee, status=status,
                   agenda=Agenda(topics=["t"]) if supervisee else None)


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
    assert [e.path for e in store.entries(tmp_path)] == [good]
    with pytest.raises(JournalError, match="does not start with a --- front matter block"):
        store.load_journal(broken)
    with pytest.raises(JournalError, match="There is no journal at"):
        store.load_journal(tmp_path / "missing.md")
    assert store.list_journals(tmp_path / "nowhere") == []


def test_last_times_per_value_for_a_role(tmp_path: Path) -> None:
    store.save_journal(tmp_path, journal(DAY - timedelta(days=20), ratings={"hopeful": 1,
                                                                            "voluntary": 2},
                                         action_plan="old plan"))
    store.save_journal(tmp_path, journal(DAY - timedelta(days=5), ratings={"hopeful": 4},
                                         action_plan="Try sharing my story\nonce"))
    store.save_journal(tmp_path, journal(DAY, role="supervisor", ratings={"hopeful": 2}))
    last = store.last_times(tmp_path, "peer-supporter")
    assert set(last) == {"hopeful", "voluntary"}
    assert last["hopeful"].date == DAY - timedelta(days=5)
    assert (last["hopeful"].rating, last["hopeful"].rating_label) == (4, "Label")
    assert last["hopeful"].action_plan == "Try sharing my story\nonce"
    assert last["voluntary"].rating == 2 and last["voluntary"].action_plan == "old plan"
    assert store.last_reflected(tmp_path, "supervisor") == {"hopeful": DAY}
    assert store.previous_reflection(tmp_path, "peer-supporter", "empathic") is None
    assert store.previous_reflection(tmp_path, "supervisor", "hopeful") is not None


def test_last_times_can_leave_out_the_session_being_resumed(tmp_path: Path) -> None:
    older = store.save_journal(tmp_path, journal(DAY - timedelta(days=1), ratings={"hopeful": 2}))
    mine = store.save_journal(tmp_path, journal(DAY, ratings={"hopeful": None}, status="partial"))
    assert store.last_times(tmp_path, "peer-supporter", exclude=mine)["hopeful"].path == older


def test_latest_prep_for_a_supervisee(tmp_path: Path) -> None:
    store.save_journal(tmp_path, journal(DAY - timedelta(days=9), role="supervisor",
                                         supervisee="Sam", action_plan="old"))
    store.save_journal(tmp_path, journal(DAY - timedelta(days=2), role="supervisor",
                                         supervisee="Alex"))
    newest = store.save_journal(tmp_path, journal(DAY, role="supervisor", supervisee="sam ",
                                                  status="partial"))
    found = store.latest_prep(tmp_path, "SAM")
    assert found is not None and found[0] == newest
    complete = store.latest_prep(tmp_path, "Sam", complete_only=True)
    assert complete is not None and complete[1].action_plan == "old"
    assert store.latest_prep(tmp_path, "Kim") is None
    assert [e.path for e in store.partial_journals(tmp_path)] == [newest]


def test_timezones_sort_by_the_moment(tmp_path: Path) -> None:
    east = datetime(2026, 11, 22, 9, 0, tzinfo=timezone(timedelta(hours=9)))  # 00:00 UTC
    west = datetime(2026, 11, 21, 20, 0, tzinfo=timezone(timedelta(hours=-5)))  # 01:00 UTC
    store.save_journal(tmp_path, journal(west, ratings={"hopeful": 4}))
    store.save_journal(tmp_path, journal(east, ratings={"hopeful": 1}))
    assert store.last_times(tmp_path, "peer-supporter")["hopeful"].rating == 4


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
