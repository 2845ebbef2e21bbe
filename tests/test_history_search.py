"""journal search finds what people mean: any case, any accent, phrases, every word on the
line, any character; each value named so that lines can be told apart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from builders import journal, reflection, save
from peersup_cli.history.index import Index, open_index
from peersup_cli.history.search import search


@pytest.fixture
def folder(pinned_paths: dict[str, Path]) -> Path:
    home = pinned_paths["home"]
    save(home, "2026-01-01-peer-supporter.md", journal(
        "2026-01-01T09:00:00+00:00",
        reflection("hopeful", 3, (1,), ("We met at the Café on Main Street.", None)),
        reflection("empathic", 3, (1,), ("Renée was relieved 🙂 after the call.", None)),
        action_plan="Read the new guide.\nAsk what is new for them.",
    ))
    save(home, "2026-01-02-peer-supporter.md", journal(
        "2026-01-02T09:00:00+00:00",
        reflection("transparent", 2, (), ("A NEW start; the guide came later.", None)),
        action_plan="ÉLODIE asked about straße signs!!",
    ))
    return home


def texts(folder: Path, query: str, fts: bool = True) -> list[str]:
    with open_index(folder) as index:
        if not fts:
            index.has_fts = False
        return [m.text for hit in search(index, query) for m in hit.matches]


@pytest.mark.parametrize("fts", [True, False])
@pytest.mark.parametrize("query, expected", [
    ("cafe", ["We met at the Café on Main Street."]),
    ("CAFÉ", ["We met at the Café on Main Street."]),
    ("renee", ["Renée was relieved 🙂 after the call."]),
    ("🙂", ["Renée was relieved 🙂 after the call."]),
    ("elodie", ["ÉLODIE asked about straße signs!!"]),
    ("strasse", []),  # one character for one: ß stays ß
    ("straße", ["ÉLODIE asked about straße signs!!"]),
    ("!!", ["ÉLODIE asked about straße signs!!"]),
    ('"new guide"', ["Read the new guide."]),
    ("new guide", ["A NEW start; the guide came later.", "Read the new guide."]),
    ("guide new", ["A NEW start; the guide came later.", "Read the new guide."]),
    ("relie", ["Renée was relieved 🙂 after the call."]),  # the start of a word
    ("lieved", []),  # not the middle of one
])
def test_search_finds_what_people_mean(
    folder: Path, query: str, expected: list[str], fts: bool
) -> None:
    assert texts(folder, query, fts) == expected


def test_lines_with_only_some_of_the_words_are_not_shown(folder: Path) -> None:
    # "Ask what is new for them." holds "new" but not "guide".
    assert "Ask what is new for them." not in texts(folder, "new guide")


def test_highlights_land_on_the_words_typed(folder: Path) -> None:
    with open_index(folder) as index:
        (hit,) = list(search(index, "renee relieved"))
    match = hit.matches[0]
    assert [match.text[a:b] for a, b in match.spans] == ["Renée", "relieved"]


def test_the_value_is_named_in_full_and_by_number(cli: Any, folder: Path) -> None:
    result = cli("journal", "search", "renee", "--json")
    assert result.exit_code == 0, result.output
    match = json.loads(result.stdout)["journals"][0]["matches"][0]
    assert (match["where"], match["value_number"]) == ("Empathic", 3)
    piped = cli("journal", "search", "renee")
    assert ": Empathic: Renée was relieved" in piped.stdout


def test_emoji_and_symbols_are_searchable_from_the_command(cli: Any, folder: Path) -> None:
    for query in ("🙂", "!!"):
        result = cli("journal", "search", query)
        assert result.exit_code == 0, result.output
        assert "1 matching line in 1 journal." in result.stdout
    assert cli("journal", "search", " ").exit_code == 2


def test_search_is_a_stream(folder: Path) -> None:
    with open_index(folder) as index:
        found = search(index, "the")
        assert not isinstance(found, list)
        assert isinstance(index, Index)
        assert len(list(found)) == 2
