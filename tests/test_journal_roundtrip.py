"""Whatever a person types survives journal write -> load exactly (hypothesis)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import ANY_TEXT, ONE_LINE
from peersup_cli.journal import store
from peersup_cli.journal.format import parse, render
from peersup_cli.journal.model import Agenda, GuidelineItem, Journal, ValueReflection

WHEN = datetime(2026, 11, 22, 10, 15, 30, tzinfo=timezone(timedelta(hours=-5)))


def _journal(
    answers: list[str | None],
    action_plan: str | None,
    support: str | None,
    supervisee: str | None,
    agenda: Agenda | None,
) -> Journal:
    reflection = ValueReflection(
        value_id="hopeful", number=2, title="Hopeful", practice="Share Hope",
        items=[GuidelineItem(1, "one", True), GuidelineItem(2, "two", False)],
        rating=3, rating_label="Steady",
        prompts=[f"Prompt {n}?" for n in range(1, len(answers) + 1)], answers=answers,
    )
    return Journal(
        date=WHEN, role="supervisor" if supervisee is not None else "peer-supporter",
        framework="ma-accs-2022", reflections=[reflection], peersup_version="0.1.0",
        supervisee=supervisee, framework_title="Framework", role_label="Role",
        action_plan=action_plan, support=support, agenda=agenda,
    )


@settings(
    max_examples=300,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    answers=st.lists(st.none() | ANY_TEXT, min_size=1, max_size=4),
    action_plan=st.none() | ANY_TEXT,
    support=st.none() | ANY_TEXT,
)
def test_answers_action_plan_and_support_round_trip(
    answers: list[str | None], action_plan: str | None, support: str | None
) -> None:
    journal = _journal(answers, action_plan, support, None, None)
    back = parse(render(journal))
    assert back.reflections[0].answers == answers
    assert back.action_plan == action_plan
    assert back.support == support
    assert back == journal


@settings(max_examples=300)
@given(
    supervisee=ANY_TEXT,
    carried=st.lists(ONE_LINE, max_size=4),
    done=st.lists(ONE_LINE, max_size=3),
    topics=st.lists(ONE_LINE, max_size=4),
    questions=st.lists(ONE_LINE, max_size=4),
)
def test_supervisee_and_agenda_items_round_trip(
    supervisee: str, carried: list[str], done: list[str], topics: list[str], questions: list[str]
) -> None:
    agenda = Agenda(carried=carried, done=done, topics=topics, questions=questions)
    journal = _journal(["a"], None, None, supervisee, agenda)
    back = parse(render(journal))
    assert back.supervisee == supervisee
    assert back.agenda == agenda


@settings(
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
@given(answer=ANY_TEXT, supervisee=ANY_TEXT)
def test_through_the_journal_folder(tmp_path: Path, answer: str, supervisee: str) -> None:
    """The same, through the files themselves: save_journal -> load_journal."""
    journal = _journal([answer], answer, None, supervisee, Agenda(topics=["t"]))
    path = store.save_journal(tmp_path, journal)
    try:
        assert store.load_journal(path) == journal
    finally:
        path.unlink()


def test_a_file_converted_to_crlf_still_reads() -> None:
    journal = _journal(["two\nlines"], "plan", None, None, None)
    back = parse(render(journal).replace("\n", "\r\n"))
    assert back.reflections[0].answers == ["two\nlines"]
    assert back.action_plan == "plan"
