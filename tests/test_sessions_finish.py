"""Sessions people finish (issue 12), below the terminal: values in turn, how many to take,
background items, a prep that starts from the agenda and looks back on that person only,
unfinished sessions listed, offered and discarded, arguments checked before any question, and
exactly what a stop kept."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from builders import TINY_GUIDELINES, ScriptedPort, supervisor_history, terminal_port
from peersup_cli.guidelines.loader import load_guidelines, parse_guidelines
from peersup_cli.history.lookback import Lookback
from peersup_cli.journal import store
from peersup_cli.journal.model import STATUS_COMPLETE
from peersup_cli.reflection import runner
from peersup_cli.reflection.draft import list_drafts, read_draft
from peersup_cli.reflection.engine import KIND_PREP, KIND_REFLECT, Outcome, Plan, Session
from peersup_cli.reflection.port import Command, HelpBlock, MoreText, Notice, Reply, ValueHeader

NOW = datetime(2026, 11, 22, 10, 15, tzinfo=timezone(timedelta(hours=1)))

# The tiny framework with item 3 of voluntary marked as background, and a glossary.
CONTEXT_GUIDELINES = TINY_GUIDELINES.replace(
    '"voluntary item one", "voluntary item two", "voluntary item three"',
    '"voluntary item one", "voluntary item two", '
    '{text: "voluntary item three for PS", context: true}',
).replace(
    "    values:",
    "    glossary:\n      PS: Short for peer supporter.\n    values:",
)


def tiny(text: str = TINY_GUIDELINES) -> Any:
    return parse_guidelines(text)


def write(tmp_path: Path, data: Any, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def newest(home: Path) -> Any:
    return store.load_journal(max(store.list_journals(home), key=lambda p: p.stat().st_mtime_ns))


# -- values in turn --------------------------------------------------------------------------
def test_values_come_in_turn_and_a_skipped_value_keeps_its_turn(  # type: ignore[no-untyped-def]
    cli, tmp_path, pinned_paths
) -> None:
    home = pinned_paths["home"]
    first = cli("reflect", "--answers", str(write(tmp_path, {"role": "peer-supporter"})))
    assert first.exit_code == 0, first.output
    # Nothing says how many: three, the first in turn.
    assert newest(home).values == ["voluntary", "hopeful", "empathic"]
    # Skipped through: none of them counts as reflected on, so they come round again.
    cli("reflect", "--answers", str(write(tmp_path, {"role": "peer-supporter"})))
    assert newest(home).values == ["voluntary", "hopeful", "empathic"]
    # Hopeful reflected on (rated): it waits for its turn; the next three are taken.
    cli("reflect", "--answers", str(write(tmp_path, {
        "role": "peer-supporter", "values": {"hopeful": {"rating": 3}, "empathic": None}})))
    cli("reflect", "--answers", str(write(tmp_path, {"role": "peer-supporter"})))
    assert newest(home).values == ["voluntary", "empathic", "respectful"]


def test_session_size_setting_and_all(cli, tmp_path, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    home = pinned_paths["home"]
    assert cli("config", "set", "session_size", "2").stdout == "Set session_size to 2.\n"
    cli("reflect", "--answers", str(write(tmp_path, {"role": "peer-supporter"})))
    assert newest(home).values == ["voluntary", "hopeful"]
    cli("reflect", "--all", "--answers", str(write(tmp_path, {"role": "peer-supporter"})))
    assert len(newest(home).values) == 11
    cli("config", "set", "session_size", "all")
    cli("reflect", "--answers", str(write(tmp_path, {"role": "supervisor"})))
    assert len(newest(home).values) == 11
    pinned_paths["config"].write_text('session_size = "lots"\n', encoding="utf-8")
    bad = cli("reflect", "--answers", str(write(tmp_path, {"role": "supervisor"})))
    assert bad.exit_code == 2
    assert "session_size takes a number of values (1 or more) or all, not 'lots'" in bad.stderr


def test_in_turn_orders_never_first_then_least_recent() -> None:
    fw = tiny().framework("tiny")
    last = {"voluntary": NOW, "hopeful": NOW - timedelta(days=30)}
    assert [v.id for v in runner.in_turn(list(fw.values), last)] == [
        "empathic", "hopeful", "voluntary"]


def _plan_in_turn(**kw: Any) -> Plan:
    fw = tiny().framework("tiny")
    return Plan(kind=kw.pop("kind", KIND_REFLECT), role=kw.pop("role", "peer-supporter"),
                framework=fw, values=[], in_turn=list(reversed(fw.values)),
                size=kw.pop("size", 2), **kw)


def test_how_many_values_is_asked_once_and_shapes_the_session() -> None:
    plan = _plan_in_turn()
    port = ScriptedPort([
        ("values", "0"),  # a reflection takes at least one
        ("values", "many"),
        ("values", "1"),
        *[(f"empathic.{q}", "") for q in ("practiced", "rating", "answer.1", "answer.2")],
        ("action_plan", ""), ("support", ""),
    ])
    session = Session(plan, port)
    assert session.run() is Outcome.COMPLETE
    port.finished()
    assert port.problems() == ["Please type a number from 1 to 3, or all."] * 2
    assert session.journal(status=STATUS_COMPLETE, date=NOW, version="t").values == ["empathic"]
    assert port.asked[0].hint == "Enter for 2 · or a number from 1 to 3 · all for every value"
    # Enter takes the default; the values come in the framework's order.
    skip = Session(plan, ScriptedPort([("values", "")] + [
        (f"{v}.{q}", "") for v in ("hopeful", "empathic")
        for q in ("practiced", "rating", "answer.1", "answer.2")
    ] + [("action_plan", ""), ("support", "")]))
    assert skip.run() is Outcome.COMPLETE
    everything = Session(plan, ScriptedPort([("values", "all"), ("voluntary.practiced", ":q")]))
    everything.run()
    assert [s.value.id for s in everything.steps if s.value and s.kind.value == "rating"] == [
        "voluntary", "hopeful", "empathic"]


def test_stopping_right_after_how_many_keeps_nothing(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    lookback = Lookback(jdir)
    fw = tiny().framework("tiny")
    selection = runner.select(fw, kind=KIND_REFLECT, role="peer-supporter", lookback=lookback)
    assert selection.values == [] and selection.size == 3
    plan, draft = runner.start(tiny(), kind=KIND_REFLECT, framework_id="tiny",
                               role="peer-supporter", values=None, lookback=lookback, now=NOW,
                               selection=selection)
    port = ScriptedPort([("values", ""), ("voluntary.practiced", ":q")])
    result = runner.run(plan, port, draft, journal_dir=jdir, version="t")
    assert result.path is None and not draft.path.exists()
    assert any(isinstance(b, Notice) and "nothing to save" in b.text for b in port.shown)


# -- background items and the glossary -------------------------------------------------------
def test_a_background_item_is_shown_but_never_ticked() -> None:
    fw = tiny(CONTEXT_GUIDELINES).framework("tiny")
    plan = Plan(kind=KIND_REFLECT, role="peer-supporter", framework=fw, values=[fw.values[0]])
    port = ScriptedPort([
        ("voluntary.practiced", "1 3"),
        ("voluntary.practiced", ":h"),
        ("voluntary.practiced", ":m"),
        ("voluntary.practiced", "1 2"),
        ("voluntary.rating", ":q"),
    ])
    session = Session(plan, port)
    session.run()
    assert port.problems() == [
        "Guideline 3 is background, not a practice, so it is not for ticking."]
    header = next(b for b in port.shown if isinstance(b, ValueHeader))
    assert header.context == (3,) and len(header.items) == 3
    words = (("PS", "Short for peer supporter."),)
    assert next(b for b in port.shown if isinstance(b, HelpBlock)).terms == words
    more = next(b for b in port.shown if isinstance(b, MoreText))
    assert more.items[2] == "voluntary item three for PS" and more.context == (3,)
    assert more.terms == words
    assert session.answers["voluntary.practiced"] == [1, 2]


def test_an_answers_file_cannot_tick_a_background_item(cli, tmp_path, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    guidelines = tmp_path / "g.yaml"
    guidelines.write_text(CONTEXT_GUIDELINES, encoding="utf-8")
    data = {"role": "peer-supporter", "values": {"voluntary": {"practiced": [3]}}}
    answers = str(write(tmp_path, data))
    result = cli("--guidelines", str(guidelines), "reflect", "--answers", answers)
    assert result.exit_code == 2
    assert "values.voluntary.practiced: Guideline 3 is background" in result.stderr
    assert store.list_journals(pinned_paths["home"]) == []


def test_show_explains_the_words_and_marks_background(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("show", "voluntary", "--role", "peer-supporter").stdout
    assert "   3. (background) Peer supporters, like all members of the ACCS Team" in out
    words = out[out.index("Words used here"):]
    assert "  ACCS: Adult Community Clinical Services" in words
    assert "  dual relationships: When a peer supporter" in words


# -- prep --------------------------------------------------------------------------------------
def test_prep_looks_back_on_that_persons_preps_only(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    supervisor_history(jdir)
    fw = load_guidelines().framework("ma-accs-2022")
    with Lookback(jdir) as lookback:
        kim = runner.select(fw, kind=KIND_PREP, role="supervisor", lookback=lookback,
                            supervisee="Kim")
        sam = runner.select(fw, kind=KIND_PREP, role="supervisor", lookback=lookback,
                            supervisee="sam")
        own = runner.select(fw, kind=KIND_REFLECT, role="supervisor", lookback=lookback)
    assert kim.history == {} and kim.last_plan is None  # never Sam's or Alex's notes
    assert kim.values == [] and kim.size == 0  # a prep takes values only when asked
    assert sam.history["hopeful"].rating == 3 and sam.last_plan is None
    assert [v.id for v in sam.in_turn][:2] == ["voluntary", "empathic"]  # hopeful had its turn
    assert own.history["hopeful"].action_plan == "My own plan."
    assert own.last_plan is not None and own.last_plan.text == "My own plan."


def test_the_plan_is_said_once_with_clean_punctuation() -> None:
    from peersup_cli.reflection.answers import as_sentences
    from peersup_cli.reflection.plan import LastPlan

    assert as_sentences("- Ask before I advise.\n- Share one hope-story in team meeting\n\n") == (
        "Ask before I advise. Share one hope-story in team meeting.")
    fw = tiny().framework("tiny")
    plan = Plan(kind=KIND_REFLECT, role="peer-supporter", framework=fw, values=list(fw.values),
                last_plan=LastPlan(NOW, "1. Rest more\n2) Ask first?"))
    port = ScriptedPort([("voluntary.practiced", ":q")])
    Session(plan, port).run()
    notices = [b.text for b in port.shown if isinstance(b, Notice)]
    assert notices.count("Last time (22 November 2026) you planned: Rest more. Ask first?") == 1


def test_prep_from_a_file_offer_and_no_support(cli, tmp_path, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    home = pinned_paths["home"]
    data = {"topics": ["Caseload"], "offer": ["The peer-run training", "Check on leave"]}
    first = cli("prep", "Sam", "--answers", str(write(tmp_path, data)))
    assert first.exit_code == 0, first.output
    prep = newest(home)
    assert prep.values == [] and prep.support is None
    assert prep.action_plan == "The peer-run training\nCheck on leave"
    out = first.stdout
    assert out.index("Agenda for Sam") < out.index("To offer or check on\n  - [ ] The peer-run")
    assert "Saved with this prep at:" in out and "Your strengths today" not in out
    refused = cli("prep", "Sam", "--answers", str(write(tmp_path, {"support": "x"}, "b.yaml")))
    assert refused.exit_code == 2 and "support: unknown key (a prep does not ask it)" in (
        refused.stderr)
    # The next prep: what to offer comes back as open items, done / dropped / carried.
    second = {"carry_over": {"Caseload": "done", "Check on leave": "drop"},
              "values": {"hopeful": {"rating": 3}}}
    assert cli("prep", "Sam", "--answers", str(write(tmp_path, second, "c.yaml"))).exit_code == 0
    agenda = newest(home).agenda
    assert agenda.done == ["Caseload"] and agenda.carried == ["The peer-run training"]
    assert newest(home).values == ["hopeful"]


def test_an_old_prep_draft_is_carried_on_with_its_answers(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    drafts = jdir / ".drafts"
    drafts.mkdir(parents=True)
    (drafts / "old.json").write_text(json.dumps({
        "version": 2, "kind": "prep", "role": "supervisor", "framework": "tiny",
        "values": ["hopeful"], "started": NOW.isoformat(), "supervisee": "Sam",
        "carry_items": ["a", "b", "c"], "position": 3,
        "answers": {"carry.1": "done", "carry.2": "drop", "carry.3": "carry",
                    "action_plan": "- Offer a walk\n- Ask about leave", "support": "Kept"},
    }), encoding="utf-8")
    draft = read_draft(drafts / "old.json", jdir)
    plan = runner.resume_plan(tiny(), draft, None, Lookback(jdir))
    assert draft.answers["carry.done"] == [1] and draft.answers["carry.drop"] == [2]
    assert draft.answers["offer"] == ["Offer a walk", "Ask about leave"]
    port = ScriptedPort([("topics", ""), ("questions", ""), ("offer", ""),
                         *[(f"hopeful.{q}", "") for q in ("practiced", "rating", "answer.1",
                                                          "answer.2")]])
    result = runner.run(plan, port, draft, journal_dir=jdir, version="t", resumed=True)
    port.finished()
    assert result.journal is not None and result.journal.agenda is not None
    assert result.journal.agenda.done == ["a"] and result.journal.agenda.carried == ["c"]
    assert result.journal.action_plan == "Offer a walk\nAsk about leave"
    assert result.journal.support == "Kept"  # never asked again, never lost


# -- unfinished sessions -----------------------------------------------------------------------
def _stop_a_session(jdir: Path, kind: str, script: list[tuple[str, str | Reply]],
                    **kw: Any) -> None:
    fw = tiny().framework("tiny")
    plan, draft = runner.start(tiny(), kind=kind, framework_id="tiny", values=[fw.values[0]],
                               lookback=Lookback(jdir), now=kw.pop("now", NOW), **kw)
    runner.run(plan, ScriptedPort(script), draft, journal_dir=jdir, version="t")


def test_drafts_lists_and_discards(cli, tmp_path, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    jdir = pinned_paths["home"]
    guidelines = tmp_path / "tiny.yaml"
    guidelines.write_text(TINY_GUIDELINES, encoding="utf-8")
    # A reflection stopped with :q (a draft and a partial journal), and a prep cut off (a
    # draft only: Ctrl-C raised from the port).
    _stop_a_session(jdir, KIND_REFLECT, [("voluntary.practiced", "1"), ("voluntary.rating", ":q")],
                    role="peer-supporter")

    class CtrlC(ScriptedPort):
        def ask(self, question: Any) -> Reply:
            if question.id == "questions":
                raise KeyboardInterrupt
            return super().ask(question)

    fw = tiny().framework("tiny")
    plan, draft = runner.start(tiny(), kind=KIND_PREP, framework_id="tiny", values=[fw.values[0]],
                               role="supervisor", supervisee="Sam", lookback=Lookback(jdir),
                               now=NOW + timedelta(hours=1))
    with pytest.raises(KeyboardInterrupt):
        runner.run(plan, CtrlC([("topics", "Caseload")]), draft, journal_dir=jdir, version="t")

    listed = cli("--guidelines", str(guidelines), "drafts")
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    assert lines[0].startswith(" 1  Prep for Sam, started Sunday 22 November 2026, 11:15")
    assert lines[1] == "    1 question answered · `peersup prep Sam --resume`"
    assert lines[2] == f"    draft: {draft.path}"
    assert lines[3].startswith(" 2  Reflection as Peer supporter, started")
    assert lines[4] == ("    1 question answered · "
                        "`peersup reflect --resume --role peer-supporter`")
    [partial] = store.list_journals(jdir)
    assert f"    unfinished journal: {partial}" in lines
    data = json.loads(cli("--guidelines", str(guidelines), "drafts", "--json").stdout)
    assert [(d["kind"], d["supervisee"], d["answered"]) for d in data["unfinished"]] == [
        ("prep", "Sam", "1 question answered"), ("reflect", None, "1 question answered")]

    gone = cli("--guidelines", str(guidelines), "drafts", "--discard", "2")
    assert gone.exit_code == 0
    assert gone.stdout.startswith("Discarded the unfinished reflection.")
    assert str(partial) in gone.stdout and partial.exists()  # a journal is never deleted
    left = json.loads(cli("--guidelines", str(guidelines), "drafts", "--json").stdout)
    assert [d["kind"] for d in left["unfinished"]] == ["prep"]
    assert runner.find_session(Lookback(jdir), KIND_REFLECT) is None  # not offered again
    missing = cli("--guidelines", str(guidelines), "drafts", "--discard", "5")
    assert missing.exit_code == 2
    assert "There is no unfinished session 5: there are 1." in missing.stderr
    assert cli("--guidelines", str(guidelines), "drafts", "--discard", "1").exit_code == 0
    assert cli("--guidelines", str(guidelines), "drafts").stdout.startswith(
        "No unfinished sessions")
    assert list_drafts(jdir) == []


@pytest.mark.parametrize(("typed", "choice"), [
    ("", "resume"), ("1", "resume"), ("2", "afresh"), ("3", "discard"), ("discard", "discard"),
])
def test_an_unfinished_session_is_offered_three_ways(typed: str, choice: str) -> None:
    from peersup_cli.cli.unfinished_offer import Described, ask_about

    port = ScriptedPort([("unfinished", "4"), ("unfinished", typed)])
    assert ask_about(port, Described("reflection as Peer supporter", "2 questions")) == choice
    assert port.problems() == ["Type 1, 2 or 3 (Enter carries on with it)."]
    assert port.asked[0].text == (
        "You have an unfinished reflection as Peer supporter (2 questions).")
    stop = ScriptedPort([("unfinished", Reply.of(Command.STOP))])
    assert ask_about(stop, Described("x", "y")) is None


def test_what_a_stop_kept_is_said_exactly(tmp_path: Path) -> None:
    from peersup_cli.cli.unfinished_offer import kept_sentence
    from peersup_cli.reflection.draft import new_draft, save_draft

    hint = "peersup reflect --resume"
    assert kept_sentence("Stopped.", None, hint) == "Stopped. Nothing was saved."
    draft = new_draft(tmp_path, kind="reflect", role="peer-supporter", framework="tiny",
                      values=["voluntary"], started=NOW)
    draft.answers = {"values": None}  # only the way in: nothing to keep, the draft goes
    save_draft(draft)
    assert kept_sentence("Stopped.", draft, hint) == "Stopped. Nothing was saved."
    assert not draft.path.exists()
    draft.answers = {"voluntary.practiced": [1], "voluntary.rating": 3,
                     "voluntary.answer.1.partial": "half a thought"}
    save_draft(draft)
    assert kept_sentence("Input ended.", draft, hint) == (
        "Input ended. Kept in a draft: 2 answers and the lines you were typing. "
        "`peersup reflect --resume` carries on where you stopped.")
    resumed = new_draft(tmp_path, kind="reflect", role="peer-supporter", framework="tiny",
                        values=["voluntary"], started=NOW)
    resumed.journal = "2026-11-22-peer-supporter.md"  # a partial journal, its draft unsaved
    assert "your unfinished journal 2026-11-22-peer-supporter.md is as it was" in (
        kept_sentence("Stopped.", resumed, hint))


# -- arguments before questions ----------------------------------------------------------------
@pytest.mark.parametrize(("args", "message"), [
    (["reflect", "--values", "hopefull"], "No value matches 'hopefull'"),
    (["reflect", "-r", "coach"], "has no role 'coach'"),
    (["reflect", "-f", "nope"], "No framework called 'nope'"),
    (["prep", "Sam", "--values", "hopefull"], "No value matches 'hopefull'"),
    (["reflect", "--all", "--focus", "2"], "--all takes every value"),
    (["reflect", "--resume", "--all"], "leave out --values and --focus"),
])
def test_every_argument_is_checked_before_any_question(cli, args, message) -> None:  # type: ignore[no-untyped-def]
    # Standard input is not a terminal here: a mistake on the command line is said first.
    result = cli(*args, input="1\n")
    assert result.exit_code == 2
    assert message in result.stderr and "standard input is not" not in result.stderr
    assert result.stdout == ""


# -- keys on any line, at the terminal port ------------------------------------------------------
def test_keys_on_later_lines_and_unknown_keys_at_the_port(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from peersup_cli.reflection.port import Kind, Question

    seen: list[str] = []
    q = Question("v.answer.1", Kind.TEXT, "What helped?", "hint", on_line=seen.append)
    port, out = terminal_port(["one", "two", ":clear", ":wq", ":wq", "", "a", ":q", ":)", "",
                           "x", ":E"])
    reply = port.ask(q)
    assert reply.command is Command.CLEAR and reply.typed == "one\ntwo"
    assert seen == ["one", "one\ntwo"]
    # An unknown :word is questioned once; typed again, it is the answer (ended by "").
    assert port.ask(q).text == ":wq"
    assert ":wq is not a key here (:b :h :m :q :e :clear). Type it again to keep it." in (
        out.getvalue())
    assert port.ask(q) == Reply(command=Command.STOP, typed="a")
    assert port.ask(q).text == ":)"  # a colon and no letters is text, never questioned
    # :e on a later line opens the editor with the lines typed so far.
    monkeypatch.setattr(port, "_from_editor", lambda question, typed=None: Reply.answer(
        f"edited: {typed}"))
    assert port.ask(q).text == "edited: x"
    # Carrying on after :h: the lines so far are shown and the answer goes on.
    port2, out2 = terminal_port(["three", ""])
    cont = Question("v.answer.1", Kind.TEXT, "What helped?", "hint", continuing="one\ntwo")
    assert port2.ask(cont).text == "one\ntwo\nthree"
    assert "Your answer so far (go on typing; an empty line ends it):\n  │ one\n  │ two" in (
        out2.getvalue())


# -- a value laid out for the screen -----------------------------------------------------------
@pytest.mark.parametrize("height", [24, 12, 200])
def test_a_value_is_laid_out_for_the_screen_it_has(height: int) -> None:
    from peersup_cli.cli.value_screen import QUESTION_ROWS, value_lines

    fw = load_guidelines().framework("ma-accs-2022")
    for role in ("peer-supporter", "supervisor"):
        for value in fw.values:
            items = value.guidelines[role]
            header = ValueHeader(
                position=1, total=1, number=value.number, title=value.title,
                practice=value.practice, summary=value.summary(), has_more=True,
                guidelines_heading="Guidelines:", items=items,
                context=value.context.get(role, ()))
            lines = [line.text for line in value_lines(header, 80, height)]
            assert all(len(line) <= 79 for line in lines)
            numbered = [line for line in lines if re.match(r"^  [ \d]\d?\. ", line)]
            assert len(numbered) == len(items)  # every guideline, with its number, in order
            assert lines[2].startswith(f"{value.number}. {value.title}")
            if height == 24:
                assert len(lines) + QUESTION_ROWS <= height, (role, value.id)
            if height == 200:  # room for everything: nothing shortened
                assert not any(line.endswith(" …") for line in lines), (role, value.id)
            for n in value.context.get(role, ()):
                assert numbered[n - 1].split(". ", 1)[1].startswith("(background)")


def test_the_role_question_names_each_role_in_words_only() -> None:
    fw = load_guidelines().framework("ma-accs-2022")
    assert fw is not None
    port = ScriptedPort([("role", "2")])
    assert runner.ask_role(port, fw) == "supervisor"
    choices = port.asked[0].choices
    assert [(c.key, c.label, c.description) for c in choices] == [
        ("1", "Peer supporter", ""), ("2", "Supervisor", "")]


def test_drafts_never_say_nothing_when_lines_were_typed(tmp_path: Path) -> None:
    from peersup_cli.cli.unfinished_offer import describe
    from peersup_cli.reflection.draft import new_draft
    from peersup_cli.reflection.resume import Unfinished

    draft = new_draft(tmp_path, kind="reflect", role="peer-supporter", framework="tiny",
                      values=["voluntary"], started=NOW)
    draft.answers = {"values": 3, "voluntary.answer.1": None,
                     "voluntary.answer.2.partial": "I asked first."}
    assert describe(Unfinished(draft, None)).answered == "the lines you were typing"
    draft.answers["voluntary.rating"] = 2
    assert describe(Unfinished(draft, None)).answered == (
        "1 question answered and the lines you were typing")
    draft.answers = {"values": 3, "voluntary.answer.1": None}
    assert describe(Unfinished(draft, None)).answered == "nothing answered yet"


def test_a_long_agenda_item_wraps_under_its_own_words() -> None:
    from peersup_cli.cli.agenda_view import agenda_parts
    from peersup_cli.journal.model import Agenda, Journal

    prep = Journal(date=NOW, role="supervisor", framework="tiny", supervisee="Alex",
                   agenda=Agenda(from_share=["Rated highest: Peer Supporters Are Hopeful "
                                             "(4 — A strength I could help others with)"]))
    lines = agenda_parts(prep, width=60)
    at = lines.index("  - [ ] Rated highest: Peer Supporters Are Hopeful (4 — A")
    assert lines[at + 1] == "        strength I could help others with)"
    assert all(len(line) < 60 for line in lines)


def test_words_shown_back_wrap_with_their_bar_on_every_line() -> None:
    from peersup_cli.reflection.port import Kind, Notice, Question

    long = ("I asked the person what they wanted before offering anything, and then I waited "
            "while they thought about it, which felt long but was worth it.")
    port, out = terminal_port([""])
    port.show(Notice(f"  │ {long}"))
    port.ask(Question("x.answer.1", Kind.TEXT, "A question?", current=long))
    lines = [line for line in out.getvalue().split("\n") if "│" in line]
    assert len(lines) == 4 and all(line.startswith("  │ ") for line in lines)
    assert all(len(line) <= 80 for line in lines)
    assert " ".join(line[4:] for line in lines[:2]) == long
