"""What a share file holds (sharing/select.py): only the chosen parts, then the person's decisions.

The whole rendered file is checked, so text not chosen cannot hide in a field a test forgot.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import ANY_TEXT, journal, reflection
from peersup_cli.journal.format import parse, render
from peersup_cli.journal.model import Agenda, GuidelineItem, Journal, ValueReflection
from peersup_cli.sharing.identifying import Kind
from peersup_cli.sharing.select import (
    DEFAULT_PARTS,
    Action,
    Decision,
    Part,
    SharedText,
    UnknownParts,
    apply_decisions,
    flagged_texts,
    parse_parts,
    select,
    shared_texts,
)

ANSWER_1 = "I asked Jessica what she wanted first."
ANSWER_2 = "Next time: slow down."
ANSWER_3 = "I shared a short piece of my story."
PLAN = "Ask one open question first."
SUPPORT = "Help with saying no to extra tasks."
AGENDA_TOPIC = "Caseload balance with Sam"
SUPERVISEE = "Sam Okafor"


def rich() -> Journal:
    """A prep journal with everything: ratings, ticks, answers, plan, support, an agenda."""
    return journal(
        "2026-03-01T10:00:00+10:00",
        reflection("voluntary", 3, (1, 3), (ANSWER_1, ANSWER_2), role="supervisor"),
        reflection("hopeful", 4, (2,), (None, ANSWER_3), role="supervisor"),
        role="supervisor", supervisee=SUPERVISEE, action_plan=PLAN, support=SUPPORT,
        agenda=Agenda(carried=["Old item"], topics=[AGENDA_TOPIC], questions=["What helps?"]),
    )


ALL_PARTS = list(Part)
COMBINATIONS = [
    frozenset(c) for n in range(len(ALL_PARTS) + 1) for c in itertools.combinations(ALL_PARTS, n)
]


@pytest.mark.parametrize("parts", COMBINATIONS, ids=lambda p: ",".join(sorted(p)) or "nothing")
def test_each_include_combination_shares_only_what_was_chosen(parts: frozenset[Part]) -> None:
    original = rich()
    shared = select(original, parts)
    text = render(shared)
    for answer in (ANSWER_1, ANSWER_2, ANSWER_3):
        assert (answer in text) is (Part.ANSWERS in parts)
    assert (PLAN in text) is (Part.PLAN in parts)
    assert (SUPPORT in text) is (Part.SUPPORT in parts)
    assert ("**Rating:** 3 — Steady" in text) is (Part.RATINGS in parts)
    assert ("Voluntary item 3 for a supervisor" in text) is (Part.TICKS in parts)
    assert (shared.ratings == {"voluntary": 3, "hopeful": 4}) is (Part.RATINGS in parts)
    assert (shared.practiced == {"voluntary": [1, 3], "hopeful": [2]}) is (Part.TICKS in parts)
    # Never shared: the supervisor's agenda and the supervisee's name.
    for private in (AGENDA_TOPIC, "Old item", "What helps?", "Sam"):
        assert private not in text
    assert shared.agenda is None and shared.supervisee is None
    # The values stay as structure, whatever was chosen; their questions come with the answers.
    assert shared.values == ["voluntary", "hopeful"]
    assert ("How did you practise voluntary?" in text) is (Part.ANSWERS in parts)
    assert parse(text) == shared
    assert original == rich()  # the journal given is never changed


def test_by_default_ratings_and_ticks_are_shared() -> None:
    assert {Part.RATINGS, Part.TICKS} == DEFAULT_PARTS
    shared = select(rich(), DEFAULT_PARTS)
    assert shared.ratings and shared.practiced
    assert shared_texts(shared) == []


def test_without_ticks_the_guidelines_are_left_out_not_shown_unticked() -> None:
    shared = select(rich(), {Part.RATINGS})
    assert all(r.items == [] for r in shared.reflections)
    assert "- [ ]" not in render(shared)


def test_nothing_of_the_original_remains_reachable_from_the_result() -> None:
    original = parse(render(rich()))  # parsed, so its text blocks are filled in
    assert original.blocks
    shared = select(original, ALL_PARTS)
    assert shared.blocks == []
    shared.reflections[0].answers[0] = "changed"
    shared.reflections[0].items[0].practiced = False
    shared.reflections[0].prompts.append("extra")
    assert original.reflections[0].answers[0] == ANSWER_1
    assert original.reflections[0].items[0].practiced is True
    assert len(original.reflections[0].prompts) == 2


@pytest.mark.parametrize(
    ("spec", "parts"),
    [
        ("ratings,ticks", {Part.RATINGS, Part.TICKS}),
        ("Answers, PLAN support", {Part.ANSWERS, Part.PLAN, Part.SUPPORT}),
        ("ratings,ratings", {Part.RATINGS}),
        ("", set()),
    ],
)
def test_parts_are_read_from_an_include_option(spec: str, parts: set[Part]) -> None:
    assert parse_parts(spec) == parts


def test_an_unknown_part_is_named() -> None:
    with pytest.raises(UnknownParts) as caught:
        parse_parts("ratings,agenda,tick")
    assert caught.value.names == ["agenda", "tick"]
    assert str(caught.value) == "agenda, tick"


# -- the pieces of text and the person's decisions -------------------------------------------
def test_each_piece_of_text_is_listed_with_a_stable_id() -> None:
    texts = shared_texts(rich())
    assert texts == [
        SharedText("voluntary:1", "voluntary", "Voluntary", "How did you practise voluntary?",
                   ANSWER_1),
        SharedText("voluntary:2", "voluntary", "Voluntary", "What would you try next?", ANSWER_2),
        SharedText("hopeful:2", "hopeful", "Hopeful", "What would you try next?", ANSWER_3),
        SharedText("action_plan", "action_plan", "", "", PLAN),
        SharedText("support", "support", "", "", SUPPORT),
    ]
    assert shared_texts(select(rich(), ALL_PARTS)) == texts
    assert shared_texts(parse(render(rich()))) == texts


def test_a_value_that_comes_twice_gets_different_ids() -> None:
    twice = journal(
        "2026-03-01T10:00:00+10:00",
        reflection("hopeful", answers=("first", None)),
        reflection("hopeful", answers=("second", "third")),
    )
    ids = [t.id for t in shared_texts(twice)]
    assert ids == ["hopeful:1", "hopeful:1~2", "hopeful:2~2", "action_plan"]
    changed = apply_decisions(twice, [Decision("hopeful:1~2", Action.EDIT, "edited")])
    assert [r.answers for r in changed.reflections] == [["first", None], ["edited", "third"]]


def test_decisions_remove_edit_or_keep_each_piece() -> None:
    shared = select(rich(), ALL_PARTS)
    result = apply_decisions(shared, [
        Decision("voluntary:1", Action.EDIT, "I asked what she wanted first."),
        Decision("voluntary:2", Action.KEEP),
        Decision("hopeful:2", Action.REMOVE),
        Decision("support", Action.REMOVE),
        Decision("action_plan", Action.EDIT, "Ask first."),
    ])
    assert result.reflections[0].answers == ["I asked what she wanted first.", ANSWER_2]
    assert result.reflections[1].answers == [None, None]
    assert result.reflections[1].prompts == ["How did you practise hopeful?",
                                             "What would you try next?"]
    assert (result.action_plan, result.support) == ("Ask first.", None)
    text = render(result)
    assert "Jessica" not in text and ANSWER_3 not in text and SUPPORT not in text
    assert shared == select(rich(), ALL_PARTS)  # the journal given is never changed


def test_no_decision_keeps_everything() -> None:
    shared = select(rich(), ALL_PARTS)
    assert apply_decisions(shared, []) == shared


@pytest.mark.parametrize(
    ("decisions", "error"),
    [
        ([Decision("voluntary:9", Action.REMOVE)], KeyError),
        ([Decision("hopeful:1", Action.REMOVE)], KeyError),  # skipped: nothing to decide
        ([Decision("support", Action.KEEP), Decision("support", Action.REMOVE)], ValueError),
        ([Decision("support", Action.EDIT)], ValueError),
    ],
)
def test_a_decision_that_cannot_apply_is_refused(
    decisions: list[Decision], error: type[Exception]
) -> None:
    with pytest.raises(error):
        apply_decisions(rich(), decisions)


def test_a_decision_about_text_not_chosen_is_refused() -> None:
    with pytest.raises(KeyError):
        apply_decisions(select(rich(), DEFAULT_PARTS), [Decision("support", Action.EDIT, "x")])


def test_flagged_texts_say_which_piece_holds_what() -> None:
    j = journal(
        "2026-03-01T10:00:00+10:00",
        reflection("hopeful", answers=("Hope came up in group.", "Call Will on 617-555-0123.")),
        action_plan="Write to sam@example.org", support="More time to reflect.",
    )
    flagged = flagged_texts(j)
    assert [f.shared.id for f in flagged] == ["hopeful:2", "action_plan"]
    assert [(x.kind, x.text) for x in flagged[0].findings] == [
        (Kind.NAME, "Will"), (Kind.PHONE, "617-555-0123"),
    ]
    for f in flagged:
        assert all(f.shared.text[x.start : x.end] == x.text for x in f.findings)
    assert flagged_texts(j, vocabulary=["Will"])[0].findings[0].kind is Kind.PHONE


# -- any journal ---------------------------------------------------------------------------------
SECRET = "secret{}:"  # every piece of text starts with its own marker: none is inside another


@st.composite
def journals(draw: st.DrawFn) -> Journal:
    counter = itertools.count(1)

    def text() -> str | None:
        if draw(st.booleans()):
            return None
        return SECRET.format(next(counter)) + draw(ANY_TEXT)

    reflections = []
    for number in range(1, draw(st.integers(0, 4)) + 1):
        prompts = [f"Question {n}?" for n in range(1, draw(st.integers(0, 3)) + 1)]
        items = [GuidelineItem(n, f"Item {n}.", draw(st.booleans())) for n in (1, 2)]
        rating = draw(st.none() | st.integers(1, 4))
        reflections.append(ValueReflection(
            draw(st.sampled_from(["voluntary", "hopeful", "x"])), number, f"Value {number}",
            "Practice", items, rating, None if rating is None else "Label", prompts,
            [text() for _ in prompts],
        ))
    prep = draw(st.booleans())
    return Journal(
        date=datetime(2026, 3, 1, tzinfo=UTC), role="peer-supporter", framework="fw",
        reflections=reflections, peersup_version="0.1.0", framework_title="Framework",
        role_label="Role",
        supervisee=SECRET.format(next(counter)) if prep else None,
        action_plan=text(), support=text(),
        agenda=Agenda(topics=[SECRET.format(next(counter)) + "topic"]) if prep else None,
    )


def _pieces(j: Journal) -> dict[str, list[str]]:
    return {
        Part.ANSWERS: [a for r in j.reflections for a in r.answers if a is not None],
        Part.PLAN: [j.action_plan] if j.action_plan is not None else [],
        Part.SUPPORT: [j.support] if j.support is not None else [],
    }


@settings(max_examples=300)
@given(original=journals(), parts=st.frozensets(st.sampled_from(ALL_PARTS)))
def test_text_not_chosen_never_reaches_the_file(original: Journal, parts: frozenset[Part]) -> None:
    text = render(select(original, parts))
    for part, pieces in _pieces(original).items():
        for piece in pieces:
            marker = piece[: piece.index(":") + 1]
            assert (marker in text) is (part in parts)
    for private in [original.supervisee, *(original.agenda.topics if original.agenda else [])]:
        if private is not None:
            assert private[: private.index(":") + 1] not in text


@settings(max_examples=200)
@given(original=journals(), data=st.data())
def test_removing_a_piece_removes_it_from_the_file(original: Journal, data: st.DataObject) -> None:
    shared = select(original, ALL_PARTS)
    texts = shared_texts(shared)
    removed = data.draw(st.lists(st.sampled_from(texts), unique=True) if texts else st.just([]))
    result = apply_decisions(shared, [Decision(t.id, Action.REMOVE) for t in removed])
    rendered = render(result)
    for piece in texts:
        marker = piece.text[: piece.text.index(":") + 1]
        assert (marker in rendered) is (piece not in removed)
    assert len({t.id for t in texts}) == len(texts)
    assert parse(rendered) == result
