"""The index's fast reader (``read_facts``) always says what the full reader says
(``facts_of(parse(...))``), on the journals peersup writes and on anything made of them."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from builders import ANY_TEXT, TAME, TRICKY, journal, journals, plain_journal, reflection
from peersup_cli.journal import facts as facts_mod
from peersup_cli.journal.facts import JournalFacts, facts_of, read_facts, read_words
from peersup_cli.journal.format import JournalFormatError, parse, render
from peersup_cli.journal.model import Agenda


def full(text: str) -> JournalFacts | str:
    try:
        return facts_of(parse(text))
    except JournalFormatError as exc:
        return f"error: {exc}"


def fast(text: str, words: bool = True) -> JournalFacts | str:
    try:
        return read_facts(text, words=words)
    except JournalFormatError as exc:
        return f"error: {exc}"


def items(found: JournalFacts | str) -> list[list[tuple[int, str]]]:
    if isinstance(found, str):
        return []
    return [found.items(n) for n in range(len(found.values))]


def agrees(text: str) -> None:
    expected = full(text)
    got = fast(text)
    assert got == expected
    assert items(got) == items(expected)
    without = fast(text, words=False)
    if isinstance(expected, JournalFacts):
        assert isinstance(without, JournalFacts) and without.blocks == []
        without.blocks = expected.blocks
    assert without == expected
    if isinstance(expected, JournalFacts):  # the words alone, for a journal read already
        assert read_words(text) == (expected.blocks, expected.values)


@settings(max_examples=300)
@given(journals(kinds=True))
def test_any_journal_the_writer_writes_reads_the_same_both_ways(j: object) -> None:
    agrees(render(j))  # type: ignore[arg-type]


@settings(max_examples=200)
@given(journals(TAME, kinds=True), st.data())
def test_a_hand_edit_anywhere_reads_the_same_both_ways(j: object, data: st.DataObject) -> None:
    lines = render(j).split("\n")  # type: ignore[arg-type]
    at = data.draw(st.integers(0, len(lines)))
    edit = data.draw(st.sampled_from(["insert", "delete", "replace"]))
    piece = data.draw(TRICKY | ANY_TEXT)
    if edit == "insert":
        lines.insert(at, piece)
    elif at < len(lines):
        if edit == "delete":
            del lines[at]
        else:
            lines[at] = piece
    agrees("\n".join(lines))


@settings(max_examples=200)
@given(journals(TAME, st.integers(0, 12)))
def test_journals_in_peersups_own_layout_never_need_the_full_reader(j: object) -> None:
    # Value ids are single words (they come from a guidelines file); one with a space in it is
    # not in peersup's own layout, and is read in full.
    assume(all(r.value_id.split() == [r.value_id] for r in j.reflections))  # type: ignore[attr-defined]
    text = render(j)  # type: ignore[arg-type]
    expected = full(text)
    real = facts_mod.parse
    try:
        facts_mod.parse = _refuse  # type: ignore[assignment]
        assert read_facts(text) == expected
    finally:
        facts_mod.parse = real


def _refuse(text: str) -> object:
    raise AssertionError("read in full")


@pytest.mark.parametrize("j", [
    journal("2026-01-01T09:00:00+10:00", reflection("hopeful"), reflection("empathic", None,
                                                                           (), (None, None))),
    journal("2026-01-01T09:00:00+10:00", reflection("voluntary", 3, (1, 2), ("A.", "B\nC")),
            role="supervisor", supervisee="Rosa Díaz", status="partial",
            agenda=Agenda(carried=["x"], done=["y"], topics=["z"], questions=[])),
    plain_journal(),
])
def test_peersups_own_journals_take_the_fast_path(
    j: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = render(j)  # type: ignore[arg-type]
    expected = full(text)

    def refuse(text: str) -> object:
        raise AssertionError("read in full")

    monkeypatch.setattr(facts_mod, "parse", refuse)
    assert read_facts(text) == expected


def test_a_windows_line_end_or_a_long_number_is_read_in_full(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = render(journal("2026-01-01T09:00:00+10:00", reflection("hopeful")))
    for text in (plain.replace("\n", "\r\n"), plain.replace("## 2. Hopeful", "## 2345678901. H")):
        assert fast(text) == full(text)
    calls: list[str] = []
    real = facts_mod.parse
    monkeypatch.setattr(facts_mod, "parse", lambda t: calls.append(t) or real(t))
    read_facts(plain.replace("\n", "\r\n"))
    assert calls  # not peersup's own layout: the full reader decided


def test_skipped_values_are_not_engaged() -> None:
    j = journal("2026-01-01T09:00:00+10:00", reflection("hopeful", None, (), (None, None)),
                reflection("empathic", None, (), ("Said something.", None)))
    found = read_facts(render(j))
    assert [(v.id, v.engaged) for v in found.values] == [("hopeful", False), ("empathic", True)]
