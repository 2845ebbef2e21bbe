"""``peersup log``: each recorded session and the totals per supervisee per month, as a table,
JSON and CSV. A session's month is its held date's month, else its journal's own date's (the
clock it was written by), whatever UTC says."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from builders import journal, record_journal, save
from peersup_cli.history.supervision_log import hours
from peersup_cli.journal.store import save_journal


@pytest.fixture
def records(pinned_paths: dict[str, Path]) -> Path:
    home = pinned_paths["home"]
    for rec in (
        # Held dates on both sides of a month's end.
        record_journal("2026-11-30T17:00:00+00:00", "Alex", held="2026-11-30", minutes=50,
                       next_session="2026-12-14"),
        record_journal("2026-12-01T09:00:00+00:00", "Alex", held="2026-12-01", minutes=45),
        # No held date: the journal's own date. 23:30 in New York on 30 November is 1 December
        # in UTC; 00:30 in Sydney on 1 December is 30 November in UTC.
        record_journal("2026-11-30T23:30:00-05:00", "Zoë Li", minutes=60, fmt="group",
                       mode="in person"),
        record_journal("2026-12-01T00:30:00+10:00", "zoë  li", minutes=15, mode="phone"),
        # Held the day before it was written down: the held date counts.
        record_journal("2026-12-01T08:00:00+00:00", "Sam", held="2026-11-28", minutes=None),
    ):
        save_journal(home, rec)
    # A reflection and a prep name no session: never in the log.
    save(home, "2026-11-29-peer-supporter.md", journal("2026-11-29T10:00:00+00:00"))
    save(home, "2026-11-29-supervisor-prep-alex.md", journal(
        "2026-11-29T10:00:00+00:00", role="supervisor", supervisee="Alex"))
    return home


def test_totals_per_supervisee_per_month_in_json(cli: Any, records: Path) -> None:
    result = cli("log", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert [(s["date"], s["supervisee"], s["minutes"]) for s in data["sessions"]] == [
        ("2026-11-28", "Sam", None), ("2026-11-30", "Alex", 50), ("2026-11-30", "Zoë Li", 60),
        ("2026-12-01", "Alex", 45), ("2026-12-01", "zoë  li", 15)]
    assert data["sessions"][1]["next_session"] == "2026-12-14"
    assert data["sessions"][2]["format"] == "group" and data["sessions"][2]["mode"] == "in person"
    totals = [(t["supervisee"], t["month"], t["sessions"], t["minutes"], t["hours"],
               t["without_minutes"]) for t in data["totals"]]
    assert totals == [
        ("Alex", "2026-11", 1, 50, 0.8, 0), ("Alex", "2026-12", 1, 45, 0.8, 0),
        ("Sam", "2026-11", 1, 0, 0.0, 1),
        # One person, however the name was typed; named as it was written last.
        ("zoë  li", "2026-11", 1, 60, 1.0, 0), ("zoë  li", "2026-12", 1, 15, 0.3, 0),
    ]


def test_totals_in_csv_a_spreadsheet_opens(cli: Any, records: Path, tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    result = cli("log", "--csv", "-o", str(target))
    assert result.exit_code == 0 and str(target) in result.stdout
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark: Excel reads accents
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == ["kind", "month", "date", "supervisee", "sessions", "minutes",
                             "hours", "format", "mode", "next_session", "file"]
    assert sum(1 for r in rows if r["kind"] == "kind") == 0  # one header row only
    sessions = [r for r in rows if r["kind"] == "session"]
    got = [(r["date"], r["month"], r["supervisee"], r["minutes"], r["hours"]) for r in sessions]
    assert got == [("2026-11-28", "2026-11", "Sam", "", ""),
                   ("2026-11-30", "2026-11", "Alex", "50", "0.8"),
                   ("2026-11-30", "2026-11", "Zoë Li", "60", "1.0"),
                   ("2026-12-01", "2026-12", "Alex", "45", "0.8"),
                   ("2026-12-01", "2026-12", "zoë  li", "15", "0.3")]
    totals = [(r["supervisee"], r["month"], r["sessions"], r["minutes"], r["hours"])
              for r in rows if r["kind"] == "total"]
    assert totals == [("Alex", "2026-11", "1", "50", "0.8"), ("Alex", "2026-12", "1", "45", "0.8"),
                      ("Sam", "2026-11", "1", "0", "0.0"), ("zoë  li", "2026-11", "1", "60", "1.0"),
                      ("zoë  li", "2026-12", "1", "15", "0.3")]
    assert sessions[1]["next_session"] == "2026-12-14"
    assert sessions[1]["file"] == "2026-11-30-supervisor-record-alex.md"


def test_csv_on_stdout_and_a_name_a_spreadsheet_would_run(
    cli: Any, pinned_paths: dict[str, Path]
) -> None:
    save_journal(pinned_paths["home"], record_journal(
        "2026-12-01T09:00:00+00:00", "=HYPERLINK(\"x\")", held="2026-12-01"))
    out = cli("log", "--csv").stdout
    assert out.startswith("\ufeffkind,month,")  # piped: for a spreadsheet, BOM and all
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows[1][3] == "'=HYPERLINK(\"x\")" and rows[2][3] == rows[1][3]


def test_name_and_dates_narrow_the_log(cli: Any, records: Path) -> None:
    data = json.loads(cli("log", "ZOË LI", "--json").stdout)
    assert [s["date"] for s in data["sessions"]] == ["2026-11-30", "2026-12-01"]
    data = json.loads(cli("log", "--since", "2026-11-30", "--until", "2026-11-30",
                          "--json").stdout)
    assert [s["supervisee"] for s in data["sessions"]] == ["Alex", "Zoë Li"]
    assert [t["month"] for t in data["totals"]] == ["2026-11", "2026-11"]


def test_the_table_for_reading(cli: Any, records: Path) -> None:
    out = cli("log").stdout
    assert out.startswith("Supervision log · 5 sessions\n")
    assert "2026-11-30  Alex               50 min  individual  video      2026-12-14\n" in out
    assert "2026-11-28  Sam                     -  individual  video\n" in out
    assert "2026-11  Sam                      1    0.0  (1 without a length)\n" in out
    assert out.rstrip().endswith("All                      5    2.8")
    assert all(len(line) <= 80 for line in out.splitlines())


def test_an_empty_log_says_how_to_record_a_session(cli: Any) -> None:
    result = cli("log")
    assert result.exit_code == 0
    assert " ".join(result.stdout.split()) == (
        "No supervision sessions are recorded yet. Right after a session, `peersup record "
        "NAME` keeps it for the log.")
    assert json.loads(cli("log", "--json").stdout) == {"version": 1, "sessions": [], "totals": []}
    assert cli("log", "--csv").stdout.strip("\ufeff\n").count("\n") == 0  # the header alone


def test_json_and_csv_together_is_a_usage_mistake(cli: Any) -> None:
    result = cli("log", "--json", "--csv")
    assert result.exit_code == 2 and "choose one" in result.stderr
    assert "--since takes a date like 2026-11-22" in cli("log", "--since", "soon").stderr


@pytest.mark.parametrize(("minutes", "shown"), [(45, "0.8"), (15, "0.3"), (95, "1.6"),
                                                 (50, "0.8"), (0, "0.0"), (600, "10.0")])
def test_hours_to_one_decimal_halves_up(minutes: int, shown: str) -> None:
    assert str(hours(minutes)) == shown
