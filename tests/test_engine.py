"""The session engine, driven through a scripted fake port that fails on any unexpected question.

The small framework (``TINY_GUIDELINES`` in builders) has wording the tests control,
independent of the packaged data.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from builders import TINY_GUIDELINES, ScriptedPort, tiny_framework
from peersup_cli.errors import StorageError
from peersup_cli.guidelines.loader import parse_guidelines
from peersup_cli.history.lookback import Lookback
from peersup_cli.journal import store
from peersup_cli.journal.model import STATUS_COMPLETE, STATUS_PARTIAL
from peersup_cli.reflection import runner
from peersup_cli.reflection.draft import list_drafts, load_draft
from peersup_cli.reflection.engine import (
    KIND_PREP,
    KIND_REFLECT,
    Outcome,
    Plan,
    Session,
    answers_from_journal,
    build_steps,
    parse_items,
    parse_rating,
)
from peersup_cli.reflection.port import (
    Command,
    HelpBlock,
    Kind,
    MoreText,
    Notice,
    Question,
    Reply,
    ValueHeader,
    parse_line,
)


def plan_for(values: list[str] | None = None, **kw: Any) -> Plan:
    fw = tiny_framework()
    chosen = [v for v in fw.values if values is None or v.id in values]
    return Plan(kind=kw.pop("kind", KIND_REFLECT), role=kw.pop("role", "peer-supporter"),
                framework=fw, values=chosen, **kw)


NOW = datetime(2026, 11, 22, 10, 15, tzinfo=timezone(timedelta(hours=1)))


def one_value_script(vid: str = "voluntary") -> list[tuple[str, str | Reply]]:
    return [
        (f"{vid}.practiced", "1 3"),
        (f"{vid}.rating", "3"),
        (f"{vid}.answer.1", "first answer"),
        (f"{vid}.answer.2", "second\n\nanswer  "),
    ]


# -- the whole walk ------------------------------------------------------------------------------
def test_steps_follow_the_value_then_closing_questions() -> None:
    ids = [s.id for s in build_steps(plan_for(["voluntary"]))]
    assert ids == ["voluntary.practiced", "voluntary.rating", "voluntary.answer.1",
                   "voluntary.answer.2", "action_plan", "support"]
    # A prep starts from the agenda; the values it prepares with come after it, and it asks
    # what to offer or check on instead of the support wanted from supervision.
    prep = plan_for(["hopeful"], kind=KIND_PREP, role="supervisor", supervisee="Sam",
                    carry_items=["a", "b"])
    assert [s.id for s in build_steps(prep)] == [
        "carry.done", "carry.drop", "topics", "questions", "offer", "hopeful.practiced",
        "hopeful.rating", "hopeful.answer.1", "hopeful.answer.2"]
    # Every carry-over item done: nothing is left to drop.
    assert [s.id for s in build_steps(prep, {"carry.done": [1, 2]})][:2] == ["carry.done",
                                                                          "topics"]


def test_complete_session_builds_the_journal() -> None:
    port = ScriptedPort([*one_value_script(), ("action_plan", "Rest more"),
                         ("support", "Time to talk")])
    session = Session(plan_for(["voluntary"]), port)
    assert session.run() is Outcome.COMPLETE
    port.finished()
    journal = session.journal(status=STATUS_COMPLETE, date=NOW, version="t")
    r = journal.reflections[0]
    assert r.practiced == [1, 3]
    assert (r.rating, r.rating_label) == (3, "Steady")
    assert r.answers == ["first answer", "second\n\nanswer  "]
    assert r.prompts == ["voluntary prompt one?", "voluntary prompt two?"]
    assert journal.action_plan == "Rest more" and journal.support == "Time to talk"
    assert journal.role_label == "Peer supporter"
    # The keys are told once, at the start, in one line.
    notices = [b.text for b in port.shown if isinstance(b, Notice)]
    assert len([n for n in notices if ":b" in n and ":q" in n]) == 1
    header = next(b for b in port.shown if isinstance(b, ValueHeader))
    assert header.items == ("voluntary item one", "voluntary item two", "voluntary item three")
    assert header.summary == "Voluntary is the first sentence. Here is a second one."
    assert header.has_more


def test_skip_everything_with_enter() -> None:
    script: list[tuple[str, str | Reply]] = [
        (s.id, "") for s in build_steps(plan_for(["voluntary"]))
    ]
    port = ScriptedPort(script)
    session = Session(plan_for(["voluntary"]), port)
    assert session.run() is Outcome.COMPLETE
    journal = session.journal(status=STATUS_COMPLETE, date=NOW, version="t")
    r = journal.reflections[0]
    assert r.practiced == [] and r.rating is None and r.answers == [None, None]
    assert journal.action_plan is None and journal.support is None
    assert port.problems() == []


def test_back_keeps_the_earlier_answer_or_replaces_it() -> None:
    port = ScriptedPort([
        ("voluntary.practiced", "1 3"),
        ("voluntary.rating", ":b"),
        ("voluntary.practiced", ""),  # Enter keeps "1 3"
        ("voluntary.rating", "2"),
        ("voluntary.answer.1", ":b"),
        ("voluntary.rating", "4"),  # a new answer replaces the old one
        ("voluntary.answer.1", "x"),
        ("voluntary.answer.2", ""),
        ("action_plan", ""),
        ("support", ""),
    ])
    session = Session(plan_for(["voluntary"]), port)
    assert session.run() is Outcome.COMPLETE
    r = session.journal(status=STATUS_COMPLETE, date=NOW, version="t").reflections[0]
    assert r.practiced == [1, 3] and r.rating == 4
    revisited = port.asked[2]
    assert revisited.id == "voluntary.practiced" and revisited.current == "1 3"
    assert port.asked[5].current == "2 — Growing"


def test_back_on_the_first_question_says_so() -> None:
    port = ScriptedPort([("voluntary.practiced", ":b"), ("voluntary.practiced", ":q")])
    assert Session(plan_for(["voluntary"]), port).run() is Outcome.STOPPED
    assert port.problems() == ["This is the first question, so there is nothing to go back to."]
    assert port.asked[0].can_go_back is False


def test_help_and_more_reask_the_same_question() -> None:
    port = ScriptedPort([
        ("voluntary.practiced", "?"),
        ("voluntary.practiced", ":h"),
        ("voluntary.practiced", ":m"),
        ("voluntary.practiced", ":q"),
    ])
    Session(plan_for(["voluntary"]), port).run()
    helps = [b for b in port.shown if isinstance(b, HelpBlock)]
    assert len(helps) == 2 and any(":e" in line for line in helps[0].lines)
    more = [b for b in port.shown if isinstance(b, MoreText)]
    assert more[0].text.endswith("And a third, longer.")


def test_more_outside_a_value_is_a_plain_problem() -> None:
    steps = build_steps(plan_for(["voluntary"]))
    script: list[tuple[str, str | Reply]] = [(s.id, "") for s in steps[:-2]]
    script += [("action_plan", ":m"), ("action_plan", "plan"), ("support", "")]
    port = ScriptedPort(script)
    Session(plan_for(["voluntary"]), port).run()
    assert port.problems() == ["There is no longer description for this question."]


@pytest.mark.parametrize(
    ("qid", "bad", "problem"),
    [
        ("voluntary.practiced", "7", "There is no guideline 7 here; the numbers go from 1 to 3."),
        ("voluntary.practiced", "one two", "Please type guideline numbers from 1 to 3"),
        ("voluntary.practiced", "1 x", "Please type guideline numbers from 1 to 3"),
        ("voluntary.practiced", "0 2", "There is no guideline 0 here"),
        ("voluntary.rating", "9", "Please type one number from 1 to 4"),
        ("voluntary.rating", "three", "Please type one number from 1 to 4"),
        ("voluntary.rating", "2.5", "Please type one number from 1 to 4"),
        ("voluntary.rating", "-1", "Please type one number from 1 to 4"),
    ],
)
def test_every_bad_answer_is_reasked_with_a_plain_message(qid: str, bad: str, problem: str) -> None:
    script: list[tuple[str, str | Reply]] = []
    for step in build_steps(plan_for(["voluntary"])):
        if step.id == qid:
            script.append((qid, bad))
        script.append((step.id, "2" if step.kind in (Kind.ITEMS, Kind.RATING) else ""))
    port = ScriptedPort(script)
    session = Session(plan_for(["voluntary"]), port)
    assert session.run() is Outcome.COMPLETE
    port.finished()
    assert len(port.problems()) == 1 and port.problems()[0].startswith(problem)
    assert session.answers[qid] == ([2] if qid.endswith("practiced") else 2)


def test_carry_over_marks_done_then_drop_and_the_rest_carries() -> None:
    plan = plan_for([], kind=KIND_PREP, role="supervisor", supervisee="Sam",
                    carry_items=["Check in about boundaries", "Read the guide", "Book a room"])
    port = ScriptedPort([
        ("carry.done", "4"),
        ("carry.done", "1"),
        ("carry.drop", "1 2"),  # 1 is done already
        ("carry.drop", "2"),
        ("topics", "Caseload\n\nTraining  "),
        ("questions", "How are you?"),
        ("offer", "The peer-run training\nCheck on leave"),
    ])
    session = Session(plan, port)
    assert session.run() is Outcome.COMPLETE
    port.finished()
    assert port.problems() == [
        "There is no item 4 here; the numbers go from 1 to 3.",
        "Item 1 is marked done already; it is not carried over.",
    ]
    journal = session.journal(status=STATUS_COMPLETE, date=NOW, version="t")
    agenda = journal.agenda
    assert agenda is not None
    assert agenda.done == ["Check in about boundaries"] and agenda.carried == ["Book a room"]
    assert agenda.topics == ["Caseload", "Training  "] and agenda.questions == ["How are you?"]
    # What to offer or check on is the prep's plan: it comes back as open items next time.
    assert journal.action_plan == "The peer-run training\nCheck on leave"
    assert journal.support is None
    assert runner.carry_items_from(journal) == [
        "Book a room", "Caseload", "Training  ", "The peer-run training", "Check on leave"]


def test_parsers() -> None:
    assert parse_items("3, 1 1;2", 3) == ([1, 2, 3], None)
    assert parse_items("none", 3) == ([], None)
    assert parse_rating(" 4 ", [1, 2, 3, 4]) == (4, None)


def test_a_command_needs_the_whole_line() -> None:
    assert parse_line(":q").command is Command.STOP
    assert parse_line("  :B ").command is Command.BACK
    assert parse_line("").command is Command.SKIP
    assert parse_line(":q is how vim quits").text == ":q is how vim quits"
    assert parse_line("why?").text == "why?"


# -- stop and resume -----------------------------------------------------------------------------
def test_quit_saves_a_partial_and_resume_carries_on_exactly() -> None:
    saved: list[tuple[dict[str, Any], int]] = []
    plan = plan_for(["voluntary", "hopeful"])
    port = ScriptedPort([*one_value_script(), ("hopeful.practiced", "2"), ("hopeful.rating", ":q")])
    session = Session(plan, port, on_change=lambda a, p: saved.append((a, p)))
    assert session.run() is Outcome.STOPPED
    answers, position = saved[-1]
    assert position == 5 and answers["hopeful.practiced"] == [2]
    partial = session.journal(status=STATUS_PARTIAL, date=NOW, version="t")
    assert partial.values == ["voluntary", "hopeful"]  # reached values only
    assert partial.planned == ["voluntary", "hopeful"]

    port2 = ScriptedPort([("hopeful.rating", "4"), ("hopeful.answer.1", "later"),
                          ("hopeful.answer.2", ""), ("action_plan", "p"), ("support", "")])
    resumed = Session(plan_for(["voluntary", "hopeful"]), port2, answers=answers,
                      position=position)
    assert resumed.run(resumed=True) is Outcome.COMPLETE
    port2.finished()
    journal = resumed.journal(status=STATUS_COMPLETE, date=NOW, version="t")
    assert journal.reflections[0].answers == ["first answer", "second\n\nanswer  "]
    assert journal.reflections[1].practiced == [2] and journal.reflections[1].rating == 4
    assert any(isinstance(b, Notice) and "Welcome back" in b.text for b in port2.shown)


def test_stop_before_any_answer_keeps_nothing(tmp_path: Path) -> None:
    plan, draft = runner.start(
        parse_guidelines(TINY_GUIDELINES), kind=KIND_REFLECT, framework_id="tiny",
        role="peer-supporter", values=None, lookback=Lookback(tmp_path / "j"), now=NOW,
    )
    port = ScriptedPort([("voluntary.practiced", ":q")])
    result = runner.run(plan, port, draft, journal_dir=tmp_path / "j", version="t")
    assert result.path is None and not draft.path.exists()
    assert store.list_journals(tmp_path / "j") == []


def test_partial_journal_without_a_draft_resumes_at_the_next_value() -> None:
    plan = plan_for(["voluntary", "hopeful"])
    session = Session(plan, ScriptedPort([*one_value_script(), ("hopeful.practiced", ":q")]))
    session.run()
    partial = session.journal(status=STATUS_PARTIAL, date=NOW, version="t")
    answers, position = answers_from_journal(plan, partial)
    assert build_steps(plan)[position].id == "hopeful.practiced"
    assert answers["voluntary.answer.2"] == "second\n\nanswer  "


# -- runner: drafts, journals, resume ------------------------------------------------------------
def _start(journal_dir: Path, values: list[str], **kw: Any) -> tuple[Plan, Any]:
    fw = tiny_framework()
    return runner.start(
        parse_guidelines(TINY_GUIDELINES), kind=kw.pop("kind", KIND_REFLECT),
        framework_id="tiny", role=kw.pop("role", "peer-supporter"),
        values=[v for v in fw.values if v.id in values], lookback=Lookback(journal_dir),
        now=kw.pop("now", NOW), **kw,
    )


class DraftWatchingPort(ScriptedPort):
    """Checks, at every question, that the draft on disk already holds every earlier answer."""

    def __init__(self, script: list[tuple[str, str | Reply]], journal_dir: Path) -> None:
        super().__init__(script)
        self.journal_dir = journal_dir
        self.snapshots: list[dict[str, Any]] = []

    def ask(self, question: Question) -> Reply:
        drafts = list_drafts(self.journal_dir)
        self.snapshots.append(drafts[-1].answers if drafts else {})
        return super().ask(question)


def test_every_answer_reaches_the_draft_at_once(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    plan, draft = _start(jdir, ["voluntary"])
    port = DraftWatchingPort([*one_value_script(), ("action_plan", ":q")], jdir)
    result = runner.run(plan, port, draft, journal_dir=jdir, version="t")
    assert port.snapshots[1] == {"voluntary.practiced": [1, 3]}
    assert port.snapshots[4]["voluntary.answer.2"] == "second\n\nanswer  "
    assert oct(draft.path.stat().st_mode & 0o777) == "0o600"
    assert oct(draft.path.parent.stat().st_mode & 0o777) == "0o700"
    # Stopped on purpose: a partial journal, and the draft remembers it.
    assert result.outcome is Outcome.STOPPED and result.path is not None
    text = result.path.read_text(encoding="utf-8")
    assert "status: partial" in text and "planned:\n- voluntary" in text
    kept = load_draft(draft.path)
    assert kept is not None and kept.journal == result.path.name


def test_finishing_a_resumed_partial_replaces_it(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    plan, draft = _start(jdir, ["voluntary", "hopeful"])
    first = runner.run(plan, ScriptedPort([*one_value_script(), ("hopeful.practiced", ":q")]),
                       draft, journal_dir=jdir, version="t")
    found = runner.find_resumable(Lookback(jdir), KIND_REFLECT)
    assert found is not None and found[1] is None and found[0].path == draft.path
    plan2 = runner.resume_plan(parse_guidelines(TINY_GUIDELINES), found[0], None, Lookback(jdir))
    port = ScriptedPort([("hopeful.practiced", "1"), ("hopeful.rating", "2"),
                         ("hopeful.answer.1", ""), ("hopeful.answer.2", ""),
                         ("action_plan", "plan"), ("support", "")])
    done = runner.run(plan2, port, found[0], journal_dir=jdir, version="t", resumed=True)
    assert done.path == first.path
    assert store.list_journals(jdir) == [first.path]
    journal = store.load_journal(first.path)
    assert journal.status == STATUS_COMPLETE and journal.planned == []
    assert journal.reflections[0].answers == ["first answer", "second\n\nanswer  "]
    assert journal.date == NOW
    assert list_drafts(jdir) == []


def test_a_hand_edited_partial_is_never_replaced(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    plan, draft = _start(jdir, ["voluntary"])
    port = ScriptedPort([("voluntary.practiced", "1"), ("voluntary.rating", ":q")])
    first = runner.run(plan, port, draft, journal_dir=jdir, version="t")
    assert first.path is not None
    edited = first.path.read_text(encoding="utf-8") + "\nMy own note.\n"
    first.path.write_text(edited, encoding="utf-8")
    found = runner.find_resumable(Lookback(jdir), KIND_REFLECT)
    assert found is not None
    plan2 = runner.resume_plan(parse_guidelines(TINY_GUIDELINES), found[0], None, Lookback(jdir))
    script: list[tuple[str, str | Reply]] = [
        (s.id, "") for s in build_steps(plan2)[found[0].position:]
    ]
    done = runner.run(plan2, ScriptedPort(script), found[0], journal_dir=jdir, version="t")
    assert done.path != first.path and done.path is not None
    assert first.path.read_text(encoding="utf-8") == edited


def test_resume_from_a_partial_journal_whose_draft_is_gone(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    plan, draft = _start(jdir, ["voluntary", "hopeful"])
    first = runner.run(plan, ScriptedPort([*one_value_script(), ("hopeful.practiced", ":q")]),
                       draft, journal_dir=jdir, version="t")
    draft.path.unlink()
    found = runner.find_resumable(Lookback(jdir), KIND_REFLECT)
    assert found is not None and found[1] is not None
    plan2 = runner.resume_plan(
        parse_guidelines(TINY_GUIDELINES), found[0], found[1], Lookback(jdir))
    script: list[tuple[str, str | Reply]] = [
        ("hopeful.practiced", "3"), ("hopeful.rating", "1"), ("hopeful.answer.1", "a"),
        ("hopeful.answer.2", ""), ("action_plan", ""), ("support", ""),
    ]
    done = runner.run(plan2, ScriptedPort(script), found[0], journal_dir=jdir, version="t")
    assert done.path == first.path
    journal = store.load_journal(first.path)
    assert journal.status == STATUS_COMPLETE and journal.values == ["voluntary", "hopeful"]
    assert journal.reflections[0].practiced == [1, 3]


def test_a_failed_save_keeps_the_draft_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jdir = tmp_path / "j"
    plan, draft = _start(jdir, ["voluntary"])

    def full_disk(*_a: Any, **_k: Any) -> Path:
        raise StorageError("Could not save x: the disk is full.")

    monkeypatch.setattr(store, "save_journal", full_disk)
    with pytest.raises(StorageError) as err:
        runner.run(plan, ScriptedPort([*one_value_script(), ("action_plan", "a"), ("support", "")]),
                   draft, journal_dir=jdir, version="t", resume_hint="peersup reflect --resume")
    assert "the disk is full" in err.value.message and str(draft.path) in err.value.message
    kept = json.loads(draft.path.read_text(encoding="utf-8"))
    assert kept["answers"]["action_plan"] == "a" and kept["position"] == 6
    assert store.list_journals(jdir) == []


def test_focus_picks_the_least_recently_reflected_values() -> None:
    fw = tiny_framework()
    last = {"voluntary": NOW, "hopeful": NOW - timedelta(days=30)}
    assert [v.id for v in runner.choose_focus(list(fw.values), last, 1)] == ["empathic"]
    assert [v.id for v in runner.choose_focus(list(fw.values), last, 2)] == ["hopeful", "empathic"]


def test_summary_names_strengths_first(tmp_path: Path) -> None:
    plan = plan_for()
    script: list[tuple[str, str | Reply]] = []
    ratings = {"voluntary": "4", "hopeful": "1", "empathic": "3"}
    for step in build_steps(plan):
        if step.kind is Kind.RATING and step.value is not None:
            script.append((step.id, ratings[step.value.id]))
        elif step.kind is Kind.ITEMS:
            script.append((step.id, "1 2"))
        else:
            script.append((step.id, ""))
    session = Session(plan, ScriptedPort(script))
    session.run()
    summary = runner.summarise(session.journal(status=STATUS_COMPLETE, date=NOW, version="t"),
                               tmp_path / "x.md")
    assert summary.strengths[0] == "Voluntary: 4 — A strength I could help others with"
    assert "6 guidelines" in summary.practiced and "3 values" in summary.practiced


def test_carry_items_come_from_agenda_and_action_plan() -> None:
    from peersup_cli.journal.model import Agenda, Journal

    journal = Journal(date=NOW, role="supervisor", framework="tiny", supervisee="Sam",
                      agenda=Agenda(carried=["old"], topics=["topic", "old"]),
                      action_plan="- try A\n\n2. try B\n")
    assert runner.carry_items_from(journal) == ["old", "topic", "try A", "try B"]


def test_only_the_newest_unfinished_journal_of_the_kind_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Years of journals can hold hundreds never finished: starting a session reads the newest
    # that fits, not every one (at 10,000 journals, 500 of them cost a second before the
    # first question).
    from builders import journal as journal_of
    from builders import save
    from peersup_cli.reflection import resume

    jdir = tmp_path / "j"
    for day in range(1, 21):
        save(jdir, f"2026-03-{day:02d}-0900-peer-supporter.md",
             journal_of(f"2026-03-{day:02d}T09:00:00+00:00", status=STATUS_PARTIAL))
    save(jdir, "2026-03-25-0900-supervisor.md",
         journal_of("2026-03-25T09:00:00+00:00", role="supervisor", status=STATUS_PARTIAL))
    save(jdir, "2026-03-26-0900-supervisor-prep-sam.md",
         journal_of("2026-03-26T09:00:00+00:00", role="supervisor", supervisee="Sam",
                    status=STATUS_PARTIAL))
    read: list[str] = []
    real_parse = resume.parse

    def counted(text: str) -> Any:
        read.append(text)
        return real_parse(text)

    monkeypatch.setattr(resume, "parse", counted)
    found = resume.find_session(Lookback(jdir), KIND_REFLECT, role="peer-supporter")
    assert found is not None and found.journal is not None
    assert found.journal.date == datetime(2026, 3, 20, 9, tzinfo=UTC)
    # Exactly what peersup writes: finishing it replaces it.
    assert found.draft.journal == "2026-03-20-0900-peer-supporter.md"
    assert found.draft.continues is None and found.draft.journal_sha256
    assert len(read) == 2  # that journal, then once more to be sure it is as written
    prep = resume.find_session(Lookback(jdir), KIND_PREP, supervisee="sam")
    assert prep is not None and prep.draft.supervisee == "Sam"
    # The list of unfinished sessions still shows every one, newest first.
    listed, problems = resume.sessions(Lookback(jdir))
    assert problems == [] and len(listed) == 22
    assert listed[0].draft.supervisee == "Sam"
    assert [u.partial_journal for u in listed][-1] == "2026-03-01-0900-peer-supporter.md"


def test_a_newer_draft_wins_over_an_unfinished_journal(tmp_path: Path) -> None:
    from builders import journal as journal_of
    from builders import save
    from peersup_cli.reflection import resume

    jdir = tmp_path / "j"
    save(jdir, "2020-03-01-0900-peer-supporter.md",
         journal_of("2020-03-01T09:00:00+00:00", status=STATUS_PARTIAL))
    plan, draft = _start(jdir, ["voluntary", "hopeful"])
    runner.run(plan, ScriptedPort([*one_value_script(), ("hopeful.practiced", ":q")]),
               draft, journal_dir=jdir, version="t")
    found = resume.find_session(Lookback(jdir), KIND_REFLECT, role="peer-supporter")
    assert found is not None and found.journal is None and found.draft.path == draft.path
