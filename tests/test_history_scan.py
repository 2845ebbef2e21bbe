"""The index's fast reader agrees with ``journal.format.parse`` on everything it records."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peersup_cli.history.scan import Record, fast_front_matter, parse_record
from peersup_cli.journal.format import (
    JournalFormatError,
    parse,
    parse_front_matter,
    render,
    split_front_matter,
)
from peersup_cli.journal.model import Agenda, GuidelineItem, Journal, ValueReflection
from peersup_cli.journal.store import front_matter_facts
from test_history_support import journal, reflection

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
line = text.map(lambda t: " ".join(t.split()) or "x")


@st.composite
def journals(draw: st.DrawFn) -> Journal:
    reflections = []
    for n, vid in enumerate(draw(st.lists(st.sampled_from(
            ["voluntary", "hopeful", "honest-and-direct", "open-minded"]), unique=True,
            max_size=3)), start=1):
        items = [GuidelineItem(k, draw(line), draw(st.booleans()))
                 for k in range(1, draw(st.integers(0, 4)) + 1)]
        prompts = draw(st.lists(line, max_size=3))
        reflections.append(ValueReflection(
            vid, n, draw(line), draw(line), items, draw(st.one_of(st.none(), st.integers(1, 4))),
            draw(line), prompts, [draw(st.one_of(st.none(), text)) for _ in prompts],
        ))
    supervisee = draw(st.one_of(st.none(), line))
    agenda = None
    if supervisee is not None:
        agenda = Agenda(*(draw(st.lists(line, max_size=3)) for _ in range(4)))
    hours = draw(st.integers(-12, 12))
    return Journal(
        date=datetime(2026, 1, 1, 9, tzinfo=timezone(timedelta(hours=hours)))
        + timedelta(days=draw(st.integers(0, 2000))),
        role=draw(st.sampled_from(["peer-supporter", "supervisor"])),
        framework="ma-accs-2022",
        reflections=reflections,
        status=draw(st.sampled_from(["complete", "partial"])),
        peersup_version="0.1.0",
        supervisee=supervisee,
        framework_title=draw(line),
        role_label=draw(line),
        action_plan=draw(st.one_of(st.none(), text)),
        support=draw(st.one_of(st.none(), text)),
        agenda=agenda,
    )


def assert_agrees(file_text: str, crlf: bool = False) -> Record:
    expected = parse(file_text)
    rec = parse_record(file_text)
    assert (rec.date, rec.role, rec.framework, rec.status, rec.supervisee) == (
        expected.date, expected.role, expected.framework, expected.status, expected.supervisee)
    assert (rec.role_label, rec.framework_title) == (expected.role_label, expected.framework_title)
    fm = parse_front_matter(split_front_matter(file_text)[0])
    assert (rec.fm_values, rec.fm_ratings) == front_matter_facts(fm)
    assert [(v.id, v.number, v.title, v.practice) for v in rec.values] == [
        (r.value_id, r.number, r.title, r.practice) for r in expected.reflections]
    for v, r in zip(rec.values, expected.reflections, strict=True):
        assert v.items == [(i.number, i.text) for i in r.items]
        assert v.practiced == r.practiced
        assert (v.rating, v.rating_label) == (r.rating, r.rating_label)
    assert (rec.action_plan, rec.support) == (expected.action_plan, expected.support)
    if expected.agenda is None:
        assert rec.agenda is None
    else:
        a = expected.agenda
        assert rec.agenda == {"carried": a.carried, "done": a.done, "topics": a.topics,
                              "questions": a.questions}
    # Every answer's text is indexed, and each block's line number points at its first line.
    answers = [(r.value_id, a) for r in expected.reflections for a in r.answers if a is not None]
    assert [(w, t) for _, w, t, _ in rec.blocks if w not in (
        "action_plan", "support", "carried", "done", "topics", "questions")] == answers
    lines = file_text.split("\n")
    if crlf:  # the whole file went through a Windows editor
        lines = [x.removesuffix("\r") for x in lines]
    for first, where, block, size in rec.blocks:
        got = lines[first - 1 : first - 1 + size]
        if where in ("carried", "done", "topics", "questions"):
            assert [g[6:] for g in got] == block.split("\n")
        else:
            assert [g[2:] if g.startswith("> ") else g[1:] for g in got] == block.split("\n")
    return rec


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(journals())
def test_reader_agrees_with_format_parse(j: Journal) -> None:
    assert_agrees(render(j))


@settings(max_examples=150)
@given(journals())
def test_fast_front_matter_agrees_with_yaml(j: Journal) -> None:
    fm_text, _ = split_front_matter(render(j))
    fast = fast_front_matter(fm_text)
    slow = parse_front_matter(fm_text)
    if fast is not None:  # None means: "ask YAML", never a wrong answer
        for key in ("date", "role", "framework", "status", "supervisee", "values", "ratings"):
            assert fast.get(key) == slow.get(key), key


def test_our_own_front_matter_takes_the_fast_path() -> None:
    j = journal("2026-01-01T09:00:00+10:00", reflection("hopeful"), reflection("empathic"),
                supervisee="Rosa Díaz", role="supervisor")
    fast = fast_front_matter(split_front_matter(render(j))[0])
    assert fast is not None
    assert fast["supervisee"] == "Rosa Díaz" and fast["date"] == j.date


@pytest.mark.parametrize("fm, reason", [
    ("date: [unclosed\nrole: x\nframework: y\n", "not valid YAML (line 3)"),
    ("date: 2026-01-01\nrole: x\nframework: y\n", "date is not an ISO 8601 date and time"),
    ("role: x\nframework: y\n", "has no 'date'"),
    ("- a list\n", "not a set of keys and values"),
])
def test_unreadable_front_matter_gives_the_yaml_reason(fm: str, reason: str) -> None:
    with pytest.raises(JournalFormatError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_record(f"---\n{fm}---\nbody\n")


def test_hand_written_yaml_shapes_fall_back_to_yaml() -> None:
    fm = ("date: 2026-01-01T09:00:00+00:00\nrole: peer-supporter  # me\nframework: ma-accs-2022\n"
          "supervisee: yes\nvalues: [hopeful]\n")
    assert fast_front_matter(fm) is None
    rec = parse_record(f"---\n{fm}---\n# Reflection\n")
    assert rec.role == "peer-supporter" and rec.supervisee == "True"  # what YAML says


@pytest.mark.parametrize("lists, values, ratings", [
    ("values:\n- hopeful\n- 'it''s mine'\nratings:\n  hopeful: 3\n", ("hopeful", "it's mine"),
     {"hopeful": 3}),
    ("values: []\nratings: {}\n", (), {}),
    ("", (), {}),
])
def test_values_and_ratings_take_the_fast_path(
    lists: str, values: tuple[str, ...], ratings: dict[str, int]
) -> None:
    fm = f"date: '2026-01-01T09:00:00+00:00'\nrole: peer-supporter\nframework: f\n{lists}"
    assert fast_front_matter(fm) is not None
    rec = parse_record(f"---\n{fm}---\n# Reflection\n")
    assert (rec.fm_values, rec.fm_ratings) == (values, ratings)


@pytest.mark.parametrize("lists, values, ratings", [
    ("values:\n- yes\n- 12\n", ("True", "12"), {}),  # what YAML makes of them
    ("values:\n- a\nvalues:\n- b\n", ("b",), {}),  # given twice: the last one
    ("values: hopeful\n", (), {}),  # not a list
    ("values:\n  hopeful: 1\n", (), {}),
    ("ratings:\n  hopeful: 03\n  empathic: x\n", (), {"hopeful": 3}),
    ("ratings:\n  hopeful: 2\n  empathic: []\n", (), {"hopeful": 2}),
    ("ratings:\n  hopeful: 2\n  on: 1\n", (), {"hopeful": 2, "True": 1}),
    ("ratings:\n- hopeful\n", (), {}),
    ("ratings:\n  hopeful: 1_0\n  empathic:\n  - 1\n", (), {"hopeful": 10}),
    ("values:\nratings:\n", (), {}),
])
def test_odd_values_and_ratings_fall_back_to_yaml(
    lists: str, values: tuple[str, ...], ratings: dict[str, int]
) -> None:
    fm = f"date: '2026-01-01T09:00:00+00:00'\nrole: peer-supporter\nframework: f\n{lists}"
    assert fast_front_matter(fm) is None
    rec = parse_record(f"---\n{fm}---\n# Reflection\n")
    assert (rec.fm_values, rec.fm_ratings) == (values, ratings)
    assert (values, ratings) == front_matter_facts(parse_front_matter(fm))


def test_crlf_file_and_odd_edits() -> None:
    j = journal("2026-01-01T09:00:00+10:00",
                reflection("hopeful", 3, (1,), ("line one\n\nline three", "> quoted\n---")),
                action_plan="- first\n- second")
    assert_agrees(render(j).replace("\n", "\r\n"), crlf=True)
    edited = render(j).replace("\n\n**Rating:**", "\n**Rating:**")  # layout changed by hand
    assert_agrees(edited)
    squeezed = render(j).replace("-->\n> line one", "-->\n>line one")
    assert assert_agrees(squeezed).blocks[0][2].startswith("line one")
