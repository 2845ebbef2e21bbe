"""One way to match what people type: roles, values, frameworks and journal references are
read the same everywhere (any case, unique starts and words), and a word that fits nothing
gets a "did you mean"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from builders import sample
from peersup_cli.matching import Ambiguous, Candidate, NoMatch, candidates, pick, suggest

ROLES = candidates(["peer-supporter", "supervisor"])
VALUES = [
    Candidate("voluntary", ("1",), "Voluntary Choice", substring=True),
    Candidate("hopeful", ("2",), "Hopeful Share Hope", substring=True),
    Candidate("open-minded", ("3",), "Open-minded Stay curious", substring=True),
]


# -- the matcher ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("supervisor", "supervisor"),
        ("Supervisor", "supervisor"),
        ("  SUPER ", "supervisor"),
        ("sup", "supervisor"),  # a start of the whole name comes before a start of a word
        ("peer", "peer-supporter"),
        ("Peer Supporter", "peer-supporter"),
        ("peer_supporter", "peer-supporter"),
    ],
)
def test_roles_in_any_case_and_by_their_start(typed: str, expected: str) -> None:
    assert pick(typed, ROLES) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("2", "hopeful"), ("hope", "hopeful"), ("HOPE", "hopeful"), ("curious", "open-minded"),
     ("minded", "open-minded"), ("open", "open-minded")],
)
def test_values_by_number_id_or_word(typed: str, expected: str) -> None:
    assert pick(typed, VALUES) == expected


def test_several_fits_are_named_and_nothing_fitting_suggests() -> None:
    with pytest.raises(Ambiguous) as many:
        pick("s", candidates(["supervisor", "supporter"]))
    assert many.value.keys == ["supervisor", "supporter"]
    with pytest.raises(NoMatch) as none:
        pick("hopefull", VALUES)
    assert none.value.suggestions == ["hopeful"]
    with pytest.raises(NoMatch) as empty:
        pick("  ", VALUES)
    assert empty.value.suggestions == []


def test_suggestions_look_at_parts_of_names() -> None:
    frameworks = candidates(["ma-accs-2022", "naps-2019"])
    assert suggest("nasp", frameworks) == ["naps-2019"]
    assert suggest("lastest", candidates(["latest"])) == ["latest"]
    assert suggest("zzz", frameworks) == []


# -- through the commands ---------------------------------------------------------------------
def ok(result: Any) -> str:
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def refused(result: Any) -> str:
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and result.stderr.count("\n") == 1, result.stderr
    return str(result.stderr)


@pytest.mark.parametrize("role", ["supervisor", "Supervisor", "super", "SUP"])
def test_show_takes_a_role_in_any_case(cli: Any, role: str) -> None:
    out = ok(cli("show", "hope", "-r", role))
    assert "Questions to reflect on (supervisor)" in out


def test_peer_is_the_peer_supporter_role_everywhere(cli: Any) -> None:
    assert "(peer supporter)" in ok(cli("show", "hope", "--role", "peer"))
    assert "Peer supporter" in ok(cli("export", "checklist", "--role", "peer", "--values", "2"))


def test_frameworks_by_their_start_and_a_suggestion(cli: Any) -> None:
    assert "(naps-2019)" in ok(cli("values", "-f", "naps"))
    assert "(naps-2019)" in ok(cli("values", "--framework", "NAPS-2019"))
    err = refused(cli("values", "--framework", "nasp"))
    assert "Did you mean `naps-2019`?" in err


def test_an_unknown_role_suggests(cli: Any) -> None:
    err = refused(cli("show", "hope", "--role", "supervsor"))
    assert "Did you mean `supervisor`?" in err


@pytest.fixture
def history(pinned_paths: dict[str, Path]) -> dict[str, Path]:
    return sample(pinned_paths["home"])


def refs(cli: Any, *args: str) -> list[int]:
    data = json.loads(ok(cli("journal", "list", "--json", *args)))
    return [j["ref"] for j in data["journals"]]


def test_journal_filters_match_like_everything_else(cli: Any, history: Any) -> None:
    supervisor = refs(cli, "--role", "supervisor")
    assert supervisor and refs(cli, "--role", "Supervisor") == supervisor
    assert refs(cli, "-r", "super") == supervisor
    assert refs(cli, "--role", "peer") == refs(cli, "--role", "peer-supporter")
    hopeful = refs(cli, "--value", "hopeful")
    assert hopeful and refs(cli, "--value", "hope") == hopeful
    assert refs(cli, "--value", "2") == hopeful
    assert refs(cli, "--value", "HOPE") == hopeful


def test_journal_filters_suggest(cli: Any, history: Any) -> None:
    assert "Did you mean `hopeful`?" in refused(cli("journal", "list", "--value", "hopefull"))
    assert "Did you mean `supervisor`?" in refused(cli("journal", "trends", "--role", "supervisr"))


def test_journal_references_suggest_latest(cli: Any, history: Any) -> None:
    err = refused(cli("journal", "show", "lastest"))
    assert "Did you mean `latest`?" in err
    assert ok(cli("journal", "show", "Latest")) == ok(cli("journal", "show", "latest"))
    assert ok(cli("journal", "show", "lat")) == ok(cli("journal", "show", "latest"))


def test_a_reference_with_nothing_close_has_no_guess(cli: Any, history: Any) -> None:
    err = refused(cli("journal", "show", "xyzzy"))
    assert "Did you mean" not in err and "No journal matches 'xyzzy'" in err
