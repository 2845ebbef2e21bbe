"""The one reader of the journal format on anything a person or a colleague may hand it: hand
edits, odd dates, YAML tricks, huge and pathological files, things that are not files."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import ANY_TEXT, journal, reflection, save
from peersup_cli.journal import front_matter, store
from peersup_cli.journal.format import JournalFormatError, parse, render
from peersup_cli.journal.model import Agenda


def fm_of(text: str) -> str:
    return front_matter.split(text)[0]


def yaml_read(fm: str) -> dict[str, Any]:
    import yaml

    data = yaml.load(fm, Loader=yaml.SafeLoader)
    assert isinstance(data, dict)
    return data


@settings(max_examples=200)
@given(supervisee=st.none() | ANY_TEXT, role=ANY_TEXT, planned=st.lists(ANY_TEXT, max_size=3))
def test_the_fast_front_matter_reads_exactly_what_yaml_reads(
    supervisee: str | None, role: str, planned: list[str]
) -> None:
    j = journal("2026-01-01T09:00:00+10:00", reflection("hopeful"), role=role or "x",
                supervisee=supervisee, status="partial")
    j.planned = planned
    fm = fm_of(render(j))
    fast = front_matter.fast_read(fm)
    if fast is not None:  # None means "ask YAML", never a wrong answer
        expected = yaml_read(fm)
        assert fast == {k: v for k, v in expected.items() if k in front_matter.WANTED}
    assert parse(render(j)) == j


def test_our_own_front_matter_takes_the_fast_path() -> None:
    j = journal("2026-01-01T09:00:00+10:00", reflection("hopeful"), reflection("empathic"),
                supervisee="Rosa Díaz", role="supervisor")
    fast = front_matter.fast_read(fm_of(render(j)))
    assert fast is not None
    assert fast["supervisee"] == "Rosa Díaz" and fast["date"] == j.date.isoformat()
    assert "ratings" not in fast  # the body holds them, and the body wins


@pytest.mark.parametrize("block", ["values:\n- 12\n- on\n", "ratings:\n  hopeful: 03\n"])
def test_odd_lists_the_reader_does_not_need_keep_the_fast_path(block: str) -> None:
    fm = f"date: '2026-01-01T09:00:00+00:00'\nrole: r\nframework: f\n{block}"
    fast = front_matter.fast_read(fm)
    assert fast == {"date": "2026-01-01T09:00:00+00:00", "role": "r", "framework": "f"}


@pytest.mark.parametrize("fm", [
    "date: '2026-01-01T09:00:00+00:00'\nrole: peer-supporter  # me\nframework: f\n",
    "date: '2026-01-01T09:00:00+00:00'\nrole: r\nframework: f\nsupervisee: yes\n",
    "date: '2026-01-01T09:00:00+00:00'\nrole: r\nframework: f\nvalues: [hopeful]\n",
    "date: '2026-01-01T09:00:00+00:00'\nrole: r\nframework: f\nrole: s\n",
    "date: '2026-01-01T09:00:00+00:00'\nrole: r\nframework: f\nsupervisee: 12\n",
    "date: '2026-01-01T09:00:00+00:00'\nrole: \"r\\u0085\"\nframework: f\n",
])
def test_hand_written_shapes_go_to_yaml_and_mean_what_yaml_says(fm: str) -> None:
    assert front_matter.fast_read(fm) is None
    expected = yaml_read(fm)
    got = parse(f"---\n{fm}---\n# Reflection\n")
    assert got.role == str(expected["role"])
    if expected.get("supervisee") is not None:
        assert got.supervisee == str(expected["supervisee"])  # yes -> "True", as YAML says


@pytest.mark.parametrize("fm, reason", [
    ("date: [unclosed\nrole: x\nframework: y\n", "not valid YAML (line 3)"),
    ("date: 2026-01-01\nrole: x\nframework: y\n", "date is not an ISO 8601 date and time"),
    ("date: '2026-13-45T09:00:00'\nrole: x\nframework: y\n", "not an ISO 8601 date"),
    ("date: '0001-01-01T00:00:00+23:59'\nrole: x\nframework: y\n", "date is out of range"),
    ("date: '9999-12-31T23:59:59-23:59'\nrole: x\nframework: y\n", "date is out of range"),
    ("role: x\nframework: y\n", "has no 'date'"),
    ("- a list\n", "not a set of keys and values"),
    ("date: '2026-01-01T09:00:00'\nrole: [x]\nframework: y\n", "role and framework must be text"),
    ("a: &x [1]\nb: *x\n", "uses YAML aliases"),
    ("date: !!python/object:os.system x\nrole: x\nframework: y\n", "a YAML tag"),
    ("date: " + "[" * 50 + "]" * 50 + "\nrole: x\nframework: y\n", "nested more than 8 deep"),
])
def test_unreadable_front_matter_gives_a_plain_reason(fm: str, reason: str) -> None:
    with pytest.raises(JournalFormatError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse(f"---\n{fm}---\nbody\n")


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n"
        for n in range(20)
    )
    with pytest.raises(JournalFormatError, match="aliases"):
        parse(f"---\n{bomb}date: '2026-01-01T09:00:00'\nrole: x\nframework: y\n---\n")


def test_a_front_matter_that_never_ends_is_refused() -> None:
    with pytest.raises(JournalFormatError, match="no closing ---"):
        parse("---\ndate: x\n")
    long = "---\n" + "note: x\n" * 20_000 + "---\n"
    with pytest.raises(JournalFormatError, match="longer than 64 KiB"):
        parse(long)


@pytest.mark.parametrize("line", [
    "## 1. " + "a — " * 50_000,  # many separators on one heading line
    "## 1. " + "a" * 200_000,
    "*" + "x ·" * 70_000,  # a label line that never closes
    "- [x] " + "1" * 200_000,
    "**Rating:** " + "1 —" * 60_000,
    "<!-- peersup:" + "a" * 200_000,
    "> " * 100_000,
])
def test_pathological_lines_of_200_kb_read_in_one_pass(line: str) -> None:
    # Each of these took 10-40 s with the old patterns; one pass reads them at once.
    good = render(journal("2026-01-01T09:00:00+10:00", reflection("hopeful")))
    text = good.replace("# Reflection", line + "\n\n# Reflection", 1)
    text += "\n" + (line + "\n") * 2
    got = parse(text)
    assert got.reflections[0].value_id == "hopeful"
    assert got.action_plan == "Ask one open question first."


def test_a_carriage_return_in_an_answer_comes_back_whole(
    cli: Any, pinned_paths: dict[str, Path]
) -> None:
    folder = pinned_paths["home"]
    path = save(folder, "2026-01-01-peer-supporter.md", journal(
        "2026-01-01T09:00:00+10:00",
        reflection("hopeful", 3, (1,), ("before\rafter the return", None)),
        action_plan="first\r\nsecond",
    ))
    loaded = store.read_journal(path)
    assert loaded.reflections[0].answers[0] == "before\rafter the return"
    assert loaded.action_plan == "first\r\nsecond"
    shown = cli("journal", "show", "latest")
    assert shown.exit_code == 0, shown.output
    assert "after the return" in shown.stdout and "second" in shown.stdout
    compared = cli("journal", "compare", "latest", str(path), "--json")
    assert compared.exit_code == 0, compared.output
    assert "before\\rafter the return" in compared.stdout


def test_search_points_at_the_line_in_the_file(pinned_paths: dict[str, Path]) -> None:
    j = journal("2026-01-01T09:00:00+10:00",
                reflection("hopeful", 3, (1,), ("one\ntwo kayak\nthree", None)),
                supervisee="Sam", role="supervisor",
                agenda=Agenda(topics=["first topic", "kayak trip"]))
    text = render(parse(render(j)))
    lines = text.split("\n")
    blocks = parse(text).blocks
    assert [b.where for b in blocks] == ["topics", "hopeful", "action_plan"]
    for block in blocks:
        first = block.text.split("\n")[0]
        assert lines[block.line - 1].endswith(first)


def test_a_body_edited_out_of_shape_is_read_as_far_as_it_makes_sense() -> None:
    text = render(journal("2026-01-01T09:00:00+10:00", reflection("hopeful"),
                          reflection("empathic")))
    edited = (text.replace("<!-- peersup:value empathic -->", "")
              .replace("\n\n**Rating:**", "\n**Rating:**")
              .replace("-->\n> An answer.", "-->\n>An answer."))
    got = parse(edited)
    assert [r.value_id for r in got.reflections] == ["hopeful"]
    assert got.reflections[0].answers[0] == "An answer."
    assert parse(text.replace("\n", "\r\n")) == parse(text)


def test_only_regular_files_of_bounded_size_are_read(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as fh:
        fh.truncate(store.MAX_JOURNAL_BYTES + 1)
    cases: dict[Path, str] = {big: "larger than 5 MB", tmp_path: "is a folder",
                              tmp_path / "missing.md": "no such file"}
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.md"
        os.mkfifo(fifo)
        cases[fifo] = "not a regular file"  # refused at once: no writer is waited for
    if Path("/dev/zero").exists():
        cases[Path("/dev/zero")] = "not a regular file"
    for path, reason in cases.items():
        with pytest.raises(JournalFormatError, match=reason):
            store.read_journal(path)
    (tmp_path / "latin1.md").write_bytes(b"---\ndate: caf\xe9\n---\n")
    with pytest.raises(JournalFormatError, match="not UTF-8"):
        store.read_journal(tmp_path / "latin1.md")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_commands_refuse_a_fifo_with_one_plain_sentence(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PEERSUP_DEBUG")
    fifo = tmp_path / "shared.md"
    os.mkfifo(fifo)
    for args in (("journal", "show", str(fifo)), ("export", "journal", str(fifo))):
        result = cli(*args)
        assert result.exit_code == 2, result.output
        assert "is not a peersup journal: it is not a regular file." in result.stderr


def test_journals_with_odd_dates_are_skipped_with_their_reason(
    cli: Any, pinned_paths: dict[str, Path]
) -> None:
    folder = pinned_paths["home"]
    save(folder, "2026-01-01-peer-supporter.md", journal("2026-01-01T09:00:00+10:00"))
    good = render(journal("2026-01-02T09:00:00+10:00"))
    for n, date in enumerate(("9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59",
                              "2026-02-30T09:00:00", "2026-01-01T25:00:00")):
        (folder / f"odd-{n}.md").write_text(
            good.replace("'2026-01-02T09:00:00+10:00'", f"'{date}'"), encoding="utf-8")
    listing = cli("journal", "list", "--json")
    assert listing.exit_code == 0, listing.output
    import json

    data = json.loads(listing.stdout)
    assert len(data["journals"]) == 1
    assert {s["name"] for s in data["skipped"]} == {f"odd-{n}.md" for n in range(4)}
    assert all("date" in s["reason"] for s in data["skipped"])
    for command in (("journal", "trends"), ("journal", "summary"), ("journal", "search", "x")):
        assert cli(*command).exit_code == 0


def test_parse_never_raises_anything_but_its_own_error() -> None:
    samples = ["", "---", "---\n---\n", "---\n---\n## 1. a — b\n<!-- peersup:value -->",
               "---\ndate: '2026-01-01T09:00:00'\nrole: r\nframework: f\n---\n"
               "## 99999999999999999999. x — y\n<!-- peersup:value v -->\n- [x] 1. a\n",
               "\ufeff---\r\ndate: '2026-01-01T09:00:00'\r\nrole: r\r\nframework: f\r\n---\r\n"]
    for text in samples:
        try:
            got = parse(text)
        except JournalFormatError:
            continue
        assert isinstance(got.date, datetime)
    assert sys.getrecursionlimit() > 0
