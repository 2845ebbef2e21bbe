"""Records and share files through the history commands: listed by kind, found by --kind,
searched, shown and exported as what they are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import journal, record_journal, reflection, supervision_folder
from peersup_cli.history.lookback import Lookback
from peersup_cli.journal.store import save_journal


@pytest.fixture
def folder(pinned_paths: dict[str, Path]) -> Path:
    home = pinned_paths["home"]
    supervision_folder(home)  # a share kept for Alex, the prep made with it, the record after
    save_journal(home, journal("2026-12-05T08:00:00+00:00", reflection("transparent", 3, (1,),
                                                                       ("We learnt together.",))))
    return home


def test_list_names_each_journal_by_what_it_is(cli, folder) -> None:  # type: ignore[no-untyped-def]
    lines = cli("journal", "list").stdout.splitlines()
    assert lines[0].split()[:4] == ["REF", "DATE", "WHAT", "FOR"]
    what = {line.split()[0]: line.split()[3] for line in lines[1:]}
    assert what == {"4": "Peer", "3": "Record", "2": "Prep", "1": "Shared"}
    rows = json.loads(cli("journal", "list", "--json").stdout)["journals"]
    assert [r["kind"] for r in rows] == ["reflect", "record", "prep", "share"]


@pytest.mark.parametrize(("kind", "refs"), [
    ("record", ["3"]), ("prep", ["2"]), ("share", ["1"]), ("shared", ["1"]), ("reflect", ["4"]),
])
def test_kind_keeps_to_one_kind(cli, folder, kind, refs) -> None:  # type: ignore[no-untyped-def]
    lines = cli("journal", "list", "--kind", kind).stdout.splitlines()[1:]
    assert [line.split()[0] for line in lines] == refs


def test_kind_is_checked_with_one_plain_sentence(cli, folder) -> None:  # type: ignore[no-untyped-def]
    result = cli("journal", "list", "--kind", "diary")
    assert result.exit_code == 2
    assert "--kind takes `reflect`, `prep`, `record` or `share`, not diary." in result.stderr


def test_search_finds_what_was_agreed_and_kind_narrows_it(cli, folder) -> None:  # type: ignore[no-untyped-def]
    found = cli("journal", "search", "training").stdout
    assert "Agreed: Book the training" in found  # the record
    assert "Action plan: Offer the facilitation training." in found  # the prep's plan
    only = cli("journal", "search", "training", "--kind", "record").stdout
    assert "Book the training" in only and "facilitation" not in only


def test_trends_are_your_own_practice_unless_asked_for_a_kind(cli, folder) -> None:  # type: ignore[no-untyped-def]
    def values(*args: str) -> set[tuple[str, str]]:
        found = json.loads(cli("journal", "trends", "--json", *args).stdout)["values"]
        return {(v["role"], v["value"]) for v in found}

    # Alex's shared self-evaluation is Alex's practice, not the supervisor's: left out...
    assert values() == {("peer-supporter", "transparent"), ("supervisor", "hopeful"),
                        ("supervisor", "voluntary")}
    assert values("--since", "2026-01-01") == values()  # counted afresh, the same rule
    # ... unless asked for.
    assert values("--kind", "share") == {("peer-supporter", "hopeful"),
                                         ("peer-supporter", "empathic")}
    assert values("--kind", "reflect") == {("peer-supporter", "transparent")}
    summary = cli("journal", "summary").stdout
    assert "Hope came up in the group again." not in summary


def test_show_a_record_and_a_share_file_as_they_are(cli, folder) -> None:  # type: ignore[no-untyped-def]
    record = cli("journal", "show", "3").stdout
    for part in ("Supervision record: Alex", "Held: Friday 04 December 2026",
                 "Length: 50 minutes", "Agreed", "[ ] Book the training — who: Alex",
                 "[x] Send the rota — who: me"):
        assert part in record
    assert "Action plan" not in record and "Support I would like" not in record
    share = cli("journal", "show", "1").stdout
    assert "Shared self-evaluation" in share
    assert "Shared by Alex on" in share
    assert "Action plan" not in share  # not among the parts shared
    prep = cli("journal", "show", "2").stdout
    assert "To offer or check on" in prep and "Support I would like" not in prep


def test_an_unfinished_record_says_how_to_carry_on(cli, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    rec = record_journal("2026-12-04T16:00:00+00:00", "Alex")
    rec.status = "partial"
    save_journal(pinned_paths["home"], rec)
    assert "peersup record Alex --resume" in cli("journal", "show", "latest").stdout


def test_export_a_record_as_a_record(cli, folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = cli("export", "journal", "3").stdout
    assert "# Supervision record: Alex" in text
    assert "Book the training — who: Alex" in text
    assert "Action plan" not in text and "Support I would like" not in text
    share = cli("export", "journal", "1").stdout
    assert "# Shared self-evaluation" in share and "Shared by Alex on" in share


def test_the_latest_prep_is_a_prep_whatever_came_after_it(folder) -> None:  # type: ignore[no-untyped-def]
    with Lookback(folder) as look:
        found = look.latest_prep("alex")
    assert found is not None and found.journal.kind == "prep"
    assert found.path.name == "2026-12-03-supervisor-prep-alex.md"
