"""Supervision records (issue 15): `peersup record NAME` in a few questions, read the way people
type dates, lengths and who will do what; saved, stopped and resumed like every session; and
the carry-over of the next prep from what is still open after it."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from builders import ScriptedPort, journal, save
from peersup_cli.guidelines.loader import load_guidelines
from peersup_cli.history.lookback import Lookback
from peersup_cli.journal import store
from peersup_cli.journal.model import Agenda, Agreement
from peersup_cli.reflection import runner
from peersup_cli.reflection.agreed import read_agreed, understood
from peersup_cli.reflection.engine import Outcome
from peersup_cli.reflection.port import ItemList, Notice
from peersup_cli.reflection.when import FUTURE, PAST, read_day, read_minutes

SATURDAY = date(2026, 12, 5)
NOW = datetime(2026, 12, 5, 16, 30, tzinfo=timezone(timedelta(hours=-5)))
RECORD_STEPS = ("record.held", "record.minutes", "record.format", "record.mode",
                "record.values", "record.discussed", "record.agreed", "record.next")


def write(tmp_path: Path, data: Any, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def newest(home: Path, kind: str) -> Any:
    """The journal of ``kind`` saved last (the same second's come -2, -3 ... by name)."""
    found = [store.load_journal(p) for p in store.list_journals(home)]
    return [j for j in found if j.kind == kind][-1]


# -- how typed answers are read ---------------------------------------------------------------
@pytest.mark.parametrize(("typed", "toward", "day"), [
    ("2026-12-04", PAST, date(2026, 12, 4)),
    ("today", PAST, SATURDAY),
    ("Yesterday", PAST, date(2026, 12, 4)),
    ("last Tuesday", PAST, date(2026, 12, 1)),
    ("tuesday", PAST, date(2026, 12, 1)),
    ("tue", FUTURE, date(2026, 12, 8)),
    ("next Tuesday", FUTURE, date(2026, 12, 8)),
    ("saturday", PAST, SATURDAY),  # today is one
    ("next saturday", FUTURE, date(2026, 12, 12)),
    ("in 2 weeks", FUTURE, date(2026, 12, 19)),
    ("in two weeks", PAST, date(2026, 12, 19)),  # "in" always looks forward
    ("2 weeks", FUTURE, date(2026, 12, 19)),
    ("3 days ago", PAST, date(2026, 12, 2)),
    ("in a month", FUTURE, date(2027, 1, 5)),
    ("18 December", FUTURE, date(2026, 12, 18)),
    ("18 December", PAST, date(2025, 12, 18)),
    ("Dec 1st, 2026", PAST, date(2026, 12, 1)),
    ("next week", FUTURE, date(2026, 12, 12)),
])
def test_days_as_people_type_them(typed: str, toward: str, day: date) -> None:
    assert read_day(typed, SATURDAY, toward) == day


@pytest.mark.parametrize("typed", ["04/12/2026", "12.04.2026", "2026-02-30", "soon", "2 weeks",
                                   "ma", "in 9999 months", ""])
def test_what_could_be_read_two_ways_or_not_at_all_is_asked_again(typed: str) -> None:
    assert read_day(typed, SATURDAY, PAST) is None


@pytest.mark.parametrize(("typed", "minutes"), [
    ("50", 50), ("50 min", 50), ("90m", 90), ("1h30", 90), ("1 h 30 min", 90),
    ("1.5 hours", 90), ("an hour", 60), ("1 hour 15 minutes", 75), ("0", None),
    ("2000", None), ("long", None), ("1e3", None)])
def test_lengths_as_people_type_them(typed: str, minutes: int | None) -> None:
    assert read_minutes(typed) == minutes


@pytest.mark.parametrize(("line", "text", "who"), [
    ("Book the training - Alex", "Book the training", "Alex Lee"),
    ("Book the training — alex lee", "Book the training", "Alex Lee"),
    ("Send the rota -- me", "Send the rota", "me"),
    ("Meet weekly \u2013 both", "Meet weekly", "both"),
    ("Check the 9-5 rota - Alex.", "Check the 9-5 rota", "Alex Lee"),
    ("Write it up — who: me", "Write it up", "me"),
    # Only the supervisee, me or both name someone: the words stay whole otherwise.
    ("Try the check-in - a short one", "Try the check-in - a short one", None),
    ("Ask Sam about it - Sam", "Ask Sam about it - Sam", None),
    ("Follow-up on self-care", "Follow-up on self-care", None),
    ("- me", "- me", None),
])
def test_who_will_do_it_cannot_be_misread(line: str, text: str, who: str | None) -> None:
    assert read_agreed(line, "Alex Lee") == Agreement(text, who)


def test_how_an_agreed_item_was_read_is_said_back() -> None:
    assert understood(Agreement("Book it", "Alex")) == "Book it — Alex"
    assert understood(Agreement("Try it")) == "Try it (nobody named)"


# -- the session ------------------------------------------------------------------------------
def _prep_for_alex(home: Path, when: str = "2026-12-01T10:00:00-05:00", **agenda: Any) -> Path:
    parts = {"topics": ["Caseload"], "questions": ["What helps?"], **agenda}
    return save(home, f"{when[:10]}-supervisor-prep-alex.md", journal(
        when, role="supervisor", supervisee="Alex", agenda=Agenda(**parts),
        action_plan="Offer the training"))


def _start(home: Path, name: str = "Alex") -> Any:
    return runner.start(load_guidelines(), kind="record", framework_id="ma-accs-2022",
                        role="supervisor", values=None, lookback=Lookback(home), now=NOW,
                        supervisee=name)


def test_enter_alone_records_the_day_in_eight_questions_at_most(tmp_path: Path) -> None:
    home = tmp_path / "j"
    _prep_for_alex(home)
    plan, draft = _start(home)
    assert plan.carry_items == ["Caseload", "What helps?", "Offer the training"]
    port = ScriptedPort([(step, "") for step in RECORD_STEPS])
    result = runner.run(plan, port, draft, journal_dir=home, version="t")
    port.finished()
    assert result.outcome is Outcome.COMPLETE and result.path is not None
    assert len(port.asked) == 8 <= 10
    assert result.path.name == "2026-12-05-supervisor-record-alex.md"
    record = store.load_journal(result.path).record
    assert record is not None
    assert record.held == SATURDAY  # Enter: the day the record was made
    assert (record.minutes, record.format, record.mode, record.values, record.discussed,
            record.agreed, record.next_session) == (None, None, None, [], [], [], None)
    # Without a prep there is nothing to tick as discussed: one question fewer.
    plan, draft = _start(home, "Kim")
    port = ScriptedPort([(step, "") for step in RECORD_STEPS if step != "record.discussed"])
    runner.run(plan, port, draft, journal_dir=home, version="t")
    port.finished()


def test_a_typical_record_says_back_how_it_read_each_answer(tmp_path: Path) -> None:
    home = tmp_path / "j"
    _prep_for_alex(home)
    plan, draft = _start(home)
    port = ScriptedPort([
        ("record.held", "next Tuesday"),  # still to come: asked again
        ("record.held", "last tuesday"),
        ("record.minutes", "a while"),
        ("record.minutes", "1h"),
        ("record.format", "3"),
        ("record.format", "group"),
        ("record.mode", "vid"),
        ("record.values", "2 12"),
        ("record.values", "2 3"),
        ("record.discussed", "1 2"),
        ("record.agreed", "Book the training - Alex\nSend the rota -- me\nTry the check-in"),
        ("record.next", "yesterday"),  # passed: asked again
        ("record.next", "in 2 weeks"),
    ])
    result = runner.run(plan, port, draft, journal_dir=home, version="t")
    port.finished()
    assert port.problems() == [
        "Tuesday 08 December 2026 is still to come; please type the day the session took place.",
        "Please type the length in minutes, e.g. 50 (or 1h30), or press Enter to skip.",
        "Please type 1 or 2, or press Enter to skip.",
        "There is no value 12 here; the numbers go from 1 to 11.",
        "Friday 04 December 2026 has passed already; please type a day from today on.",
    ]
    notices = [b.text for b in port.shown if isinstance(b, Notice)]
    assert "Understood: Tuesday 01 December 2026 (4 days ago)." in notices
    assert "Understood: 60 minutes." in notices
    assert "Understood: Saturday 19 December 2026 (in 14 days)." in notices
    lists = [b.items for b in port.shown if isinstance(b, ItemList)]
    assert ("Book the training — Alex", "Send the rota — me",
            "Try the check-in (nobody named)") in lists
    assert result.journal is not None and result.journal.record is not None
    record = result.journal.record
    assert (record.held, record.minutes, record.format, record.mode) == (
        date(2026, 12, 1), 60, "group", "video")
    assert [v.value_id for v in record.values] == ["hopeful", "empathic"]
    assert record.discussed == ["Caseload", "What helps?"]
    assert record.agreed == [Agreement("Book the training", "Alex"),
                             Agreement("Send the rota", "me"), Agreement("Try the check-in")]
    assert record.next_session == date(2026, 12, 19)


# -- carry-over ---------------------------------------------------------------------------------
def test_the_next_prep_starts_from_what_the_record_left_open(  # type: ignore[no-untyped-def]
    cli, tmp_path, pinned_paths
) -> None:
    home = pinned_paths["home"]
    assert cli("prep", "Alex", "--answers", str(write(tmp_path, {
        "topics": ["Caseload", "Leave in December"], "questions": ["What helps?"],
        "offer": ["Check on the group"]}, "p.yaml"))).exit_code == 0
    backdate(home, "prep", "2026-11-20T10:00:00+00:00")
    done = cli("record", "Alex", "--answers", str(write(tmp_path, {
        "date": "yesterday", "minutes": 50, "format": "individual", "mode": "in person",
        "values": ["hopeful", 3], "discussed": ["Caseload", 3],
        "agreed": ["Book the training - Alex", "Send the rota - me", "Share the guide - both"],
        "next": "in 2 weeks"}, "r.yaml")))
    assert done.exit_code == 0, done.output
    out = done.stdout
    assert out.index("Agreed\n  - [ ] Book the training — Alex\n  - [ ] Send the rota — me") < (
        out.index("Next session: "))
    assert "Saved at:\n" in out and "Your next `peersup prep Alex` starts from" in out
    record_file = newest(home, "record")
    assert record_file.record.values[1].title == "Peer Supporters Are Empathic"
    # Sending the rota is ticked done by hand in the record file.
    [path] = [p for p in store.list_journals(home) if "record" in p.name]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- [ ] Send the rota", "- [x] Send the rota"), encoding="utf-8")
    backdate(home, "record", "2026-11-21T10:00:00+00:00")

    nxt = cli("prep", "alex", "--answers", str(write(tmp_path, {
        "carry_over": {"Share the guide — both": "done"}}, "p2.yaml")))
    assert nxt.exit_code == 0, nxt.output
    # Typed "alex": kept as the name was first written, so the list and the log show one person.
    assert newest(home, "prep").supervisee == "Alex"
    agenda = newest(home, "prep").agenda
    # Agreed and open (with who) first, then what was on the agenda and not talked about; what
    # was talked about, and the rota sent, are gone.
    assert agenda.carried == ["Book the training — Alex", "Leave in December", "Check on the group"]
    assert agenda.done == ["Share the guide — both"]
    # The prep after that starts from that prep's open items again, as always.
    assert cli("prep", "Alex", "--answers", str(write(tmp_path, {}, "p3.yaml"))).exit_code == 0
    assert newest(home, "prep").agenda.carried == [
        "Book the training — Alex", "Leave in December", "Check on the group"]
    # A prep's "Last time" and its agenda come from preps only, never from the record.
    assert "Carried over from last time" in cli("prep", "Alex", "--agenda").stdout


def test_several_records_since_a_prep_are_taken_in_turn(tmp_path: Path) -> None:
    from peersup_cli.reflection import carry_over

    home = tmp_path / "j"
    _prep_for_alex(home, topics=["A", "B"], questions=["C"])
    first = _record(home, "2026-12-02T10:00:00-05:00", discussed=["A"],
                    agreed=[Agreement("X", "Alex"), Agreement("Y", done=True)])
    _record(home, "2026-12-03T10:00:00-05:00", discussed=["B", "X — Alex"],
            agreed=[Agreement("Z", "both")])
    with Lookback(home) as lookback:
        found = carry_over.since_last_prep(lookback, "ALEX")
        assert [r.date.day for r in found.records] == [2, 3]
        assert carry_over.for_prep(found).items == ["Z — both", "C", "Offer the training"]
        assert carry_over.for_prep(found).source == "record"
        # Records only (nobody prepared): what they left open is open all the same.
        (home / "2026-12-01-supervisor-prep-alex.md").unlink()
        assert carry_over.for_record(carry_over.since_last_prep(lookback, "Alex")).items == [
            "Z — both"]
    assert first.exists()


def backdate(home: Path, kind: str, when: str) -> None:
    """Date the journals of ``kind`` ``when``: sessions a test runs within one second are
    days apart for the people whose sessions they stand for."""
    for path in store.list_journals(home):
        if store.load_journal(path).kind == kind:
            text = path.read_text(encoding="utf-8")
            old = text.split("\n", 2)[1]
            assert old.startswith("date: ")
            path.write_text(text.replace(old, f"date: '{when}'", 1), encoding="utf-8")


def _record(home: Path, when: str, **fields: Any) -> Path:
    from peersup_cli.journal.model import Journal, SessionRecord

    j = Journal(date=datetime.fromisoformat(when), role="supervisor", framework="ma-accs-2022",
                supervisee="Alex", record=SessionRecord(**fields), peersup_version="t")
    return save(home, f"{when[:10]}-supervisor-record-alex.md", j)


def test_the_latest_prep_is_a_prep(tmp_path: Path) -> None:
    home = tmp_path / "j"
    prep = _prep_for_alex(home)
    _record(home, "2026-12-04T10:00:00-05:00", discussed=["Caseload"])
    with Lookback(home) as lookback:
        found = lookback.latest_prep("Alex")
    assert found is not None and found.path == prep


# -- answers files ------------------------------------------------------------------------------
@pytest.mark.parametrize(("data", "problem"), [
    ({"topics": ["x"]}, "topics: unknown key (only for prep)"),
    ({"date": "someday"}, "date: Please type a date such as 2026-12-04"),
    ({"date": "2099-01-01"}, "date: Thursday 01 January 2099 is still to come"),
    ({"next": "2020-01-01"}, "next: Wednesday 01 January 2020 has passed already"),
    ({"minutes": True}, "minutes: expected a number of minutes, e.g. 50."),
    ({"minutes": "ages"}, "minutes: Please type the length in minutes"),
    ({"format": "pair"}, "format: Please type 1 or 2, or press Enter to skip."),
    ({"values": ["hopefull"]}, "values.hopefull: no value with this id or number in ma-accs"),
    ({"values": "hopeful"}, "values: expected a list of names or numbers."),
    ({"discussed": ["Nothing like it"]}, "discussed.Nothing like it: not one of the 3 open"),
    ({"discussed": [4]}, "discussed.4: not one of the 3 open agenda items."),
    ({"agreed": ["two\nlines"]}, "agreed[1]: must be a single line."),
    ({"role": "peer-supporter"}, "role: record is for the supervisor role."),
])
def test_a_record_file_names_the_key_that_does_not_fit(  # type: ignore[no-untyped-def]
    cli, tmp_path, pinned_paths, data, problem
) -> None:
    _prep_for_alex(pinned_paths["home"])
    before = sorted(p.name for p in store.list_journals(pinned_paths["home"]))
    result = cli("record", "Alex", "--answers", str(write(tmp_path, data)))
    assert result.exit_code == 2, result.output
    assert problem in result.stderr
    assert sorted(p.name for p in store.list_journals(pinned_paths["home"])) == before


def test_nothing_to_tick_without_a_prep(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = cli("record", "Kim", "--answers", str(write(tmp_path, {"discussed": [1]})))
    assert result.exit_code == 2
    assert "discussed: there is no prep for Kim with open items to tick." in result.stderr
    assert cli("record", "Kim", "--answers", str(write(tmp_path, {"values": []}))).exit_code == 0


# -- stopped, listed, resumed ------------------------------------------------------------------
def test_a_stopped_record_is_a_draft_like_any_session(  # type: ignore[no-untyped-def]
    cli, tmp_path, pinned_paths
) -> None:
    home = pinned_paths["home"]
    _prep_for_alex(home)
    plan, draft = _start(home)
    port = ScriptedPort([("record.held", "yesterday"), ("record.minutes", "45"),
                         ("record.format", ":q")])
    stopped = runner.run(plan, port, draft, journal_dir=home, version="t")
    assert stopped.outcome is Outcome.STOPPED and stopped.path is not None
    assert "`peersup record Alex --resume` picks it up" in stopped.path.read_text(encoding="utf-8")
    listed = cli("drafts", "--json")
    [row] = json.loads(listed.stdout)["unfinished"]
    assert (row["kind"], row["supervisee"], row["resume"]) == (
        "record", "Alex", "peersup record Alex --resume")
    assert "Record for Alex, started Saturday 05 December 2026" in cli("drafts").stdout

    with Lookback(home) as lookback:
        found = runner.find_session(lookback, "record", supervisee="alex")
        assert found is not None
        again = runner.resume_plan(load_guidelines(), found.draft, found.journal, lookback)
    assert again.carry_items == plan.carry_items
    port = ScriptedPort([(s, "") for s in RECORD_STEPS[2:]])
    result = runner.run(again, port, found.draft, journal_dir=home, version="t", resumed=True)
    port.finished()
    assert result.path == stopped.path  # the unfinished journal, finished in place
    record = store.load_journal(result.path).record
    assert record is not None and (record.held, record.minutes) == (date(2026, 12, 4), 45)
    assert cli("drafts").stdout.startswith("No unfinished sessions")


def test_an_unfinished_record_without_its_draft_carries_on(tmp_path: Path) -> None:
    home = tmp_path / "j"
    plan, draft = _start(home)
    runner.run(plan, ScriptedPort([("record.held", "2026-12-04"), ("record.minutes", ":q")]),
               draft, journal_dir=home, version="t")
    for leftover in (home / ".drafts").glob("*.json"):
        leftover.unlink()
    with Lookback(home) as lookback:
        found = runner.find_session(lookback, "record", supervisee="Alex")
        assert found is not None and found.journal is not None
        again = runner.resume_plan(load_guidelines(), found.draft, found.journal, lookback)
    assert found.draft.answers["record.held"] == "2026-12-04"
    from peersup_cli.cli.unfinished_offer import describe

    assert describe(found).answered == "1 question answered"
    port = ScriptedPort([(s, "") for s in RECORD_STEPS[1:] if s != "record.discussed"])
    result = runner.run(again, port, found.draft, journal_dir=home, version="t", resumed=True)
    port.finished()
    assert result.journal is not None and result.journal.record is not None
    assert result.journal.record.held == date(2026, 12, 4)
