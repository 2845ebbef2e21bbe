"""A session never loses or rewrites what a person wrote: kills at any point, hand-edited partial
journals, values the guidelines dropped, two windows, undecodable input, signals, old temp files,
and answers files that are not files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from builders import TINY_GUIDELINES, ScriptedPort
from peersup_cli import paths
from peersup_cli.errors import AnswersFileError, SessionOpenElsewhere
from peersup_cli.guidelines.loader import parse_guidelines
from peersup_cli.history.lookback import Lookback
from peersup_cli.journal import store
from peersup_cli.journal.format import render
from peersup_cli.journal.model import STATUS_COMPLETE, STATUS_PARTIAL, Journal, ValueReflection
from peersup_cli.reflection import runner
from peersup_cli.reflection.answers_file import load_answers
from peersup_cli.reflection.draft import list_drafts, load_draft
from peersup_cli.reflection.engine import KIND_REFLECT, Outcome
from peersup_cli.reflection.lock import DraftLock, lock_path
from peersup_cli.reflection.port import Block, Notice, Question, Reply, parse_line

GUIDELINES = parse_guidelines(TINY_GUIDELINES)
WHEN = datetime.fromisoformat("2026-11-22T10:15:00+01:00")


class Killed(BaseException):
    """The process dying: not an Exception, so nothing in peersup catches it."""


class LinePort:
    """Answers from ``answers`` (question id -> text); a multi-line text is entered line by line
    through ``on_line``. ``kill_at`` counts events (a prompt, or an entered line) and dies there.
    A question showing an earlier answer is kept with Enter, as a person resuming would."""

    def __init__(self, answers: dict[str, str], kill_at: int | None = None) -> None:
        self.answers = answers
        self.kill_at = kill_at
        self.events = 0
        self.shown: list[Block] = []
        self.entered: dict[str, list[str]] = {}  # every line entered, by question

    def _tick(self) -> None:
        self.events += 1
        if self.kill_at is not None and self.events >= self.kill_at:
            raise Killed()

    def ask(self, question: Question) -> Reply:
        self._tick()
        if question.current is not None:
            return parse_line("")
        text = self.answers.get(question.id, "")
        lines = text.split("\n")
        if question.multiline and len(lines) > 1 and question.on_line is not None:
            for n in range(1, len(lines) + 1):
                question.on_line("\n".join(lines[:n]))
                self.entered.setdefault(question.id, []).append(lines[n - 1])
                self._tick()
        elif text:
            self.entered.setdefault(question.id, []).append(text)
        return parse_line(text)

    def show(self, block: Block) -> None:
        self.shown.append(block)

    def notices(self) -> str:
        return "\n".join(b.text for b in self.shown if isinstance(b, Notice))


ANSWERS = {
    "voluntary.practiced": "1 3",
    "voluntary.rating": "3",
    "voluntary.answer.1": "I asked what they wanted\nand waited for the answer\nwithout rushing",
    "voluntary.answer.2": "Next time, offer two choices",
    "action_plan": "Ask first\nthen listen",
    "support": "Talking through a hard call",
}


def _new(jdir: Path, values: tuple[str, ...] = ("voluntary",)) -> tuple[Any, Any]:
    fw = GUIDELINES.framework("tiny")
    assert fw is not None
    return runner.start(
        GUIDELINES, kind=KIND_REFLECT, framework_id="tiny", role="peer-supporter",
        values=[v for v in fw.values if v.id in values], lookback=Lookback(jdir),
        now=WHEN,
    )


def _resume(jdir: Path, port: Any) -> runner.Result:
    found = runner.find_session(Lookback(jdir), KIND_REFLECT, guidelines=GUIDELINES)
    assert found is not None, "nothing to resume"
    plan = runner.resume_plan(GUIDELINES, found.draft, found.journal, Lookback(jdir))
    return runner.run(plan, port, found.draft, journal_dir=jdir, version="t", resumed=True)


# -- kills at every point ------------------------------------------------------------------------
def _events_of_a_whole_session(tmp_path: Path) -> int:
    jdir = tmp_path / "count"
    plan, draft = _new(jdir)
    port = LinePort(ANSWERS)
    runner.run(plan, port, draft, journal_dir=jdir, version="t")
    return port.events


def test_a_kill_at_any_prompt_or_line_loses_nothing_and_saves_one_journal(tmp_path: Path) -> None:
    total = _events_of_a_whole_session(tmp_path)
    assert total > 10  # prompts and lines both counted
    for kill_at in range(1, total + 1):
        jdir = tmp_path / f"k{kill_at}"
        plan, draft = _new(jdir)
        first = LinePort(ANSWERS, kill_at=kill_at)
        with pytest.raises(Killed):
            runner.run(plan, first, draft, journal_dir=jdir, version="t")
        assert not list(jdir.glob("*.md"))  # killed, not stopped: only the draft holds it
        second = LinePort(ANSWERS)
        if kill_at == 1:  # killed before the first answer: nothing to resume, start again
            assert runner.find_session(Lookback(jdir), KIND_REFLECT) is None
            plan, draft = _new(jdir)
            done = runner.run(plan, second, draft, journal_dir=jdir, version="t")
        else:
            done = _resume(jdir, second)
        assert done.outcome is Outcome.COMPLETE and done.path is not None
        journals = store.list_journals(jdir)
        assert journals == [done.path], f"kill at {kill_at}: {journals}"
        text = done.path.read_text(encoding="utf-8")
        entered = {**first.entered}
        for qid, lines in second.entered.items():
            entered.setdefault(qid, []).extend(lines)
        finished = store.read_journal(done.path)
        assert finished.reflections[0].practiced == [1, 3] and finished.ratings == {"voluntary": 3}
        for qid, lines in entered.items():
            if qid.endswith((".practiced", ".rating")):
                continue  # checked as ticks and a rating just above
            for line in lines:
                assert line in text, f"kill at {kill_at}: {qid} line {line!r} lost"
        assert list_drafts(jdir) == [] and not list(paths.drafts_dir(jdir).glob(".*.lock"))


@pytest.mark.parametrize("status", [STATUS_COMPLETE, STATUS_PARTIAL])
def test_a_kill_between_saving_the_journal_and_the_draft_makes_no_duplicate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status: str
) -> None:
    jdir = tmp_path / "j"
    plan, draft = _new(jdir)
    real_save = store.save_journal

    def save_then_die(*args: Any, **kw: Any) -> Path:
        real_save(*args, **kw)
        raise Killed()

    monkeypatch.setattr(store, "save_journal", save_then_die)
    answers = dict(ANSWERS) if status == STATUS_COMPLETE else {"voluntary.practiced": "1"}
    script = [(k, v) for k, v in answers.items()] + (
        [] if status == STATUS_COMPLETE else [("voluntary.rating", ":q")])
    with pytest.raises(Killed):
        runner.run(plan, ScriptedPort(script), draft, journal_dir=jdir, version="t")
    monkeypatch.setattr(store, "save_journal", real_save)
    [saved] = store.list_journals(jdir)
    before = saved.read_bytes()
    if status == STATUS_COMPLETE:
        # Nothing is left to resume: the next start only finishes the tidying.
        assert runner.find_session(Lookback(jdir), KIND_REFLECT) is None
        assert list_drafts(jdir) == []
    else:
        port = LinePort({**ANSWERS, "voluntary.practiced": ""})
        done = _resume(jdir, port)
        assert done.path == saved  # its own partial, finished in place
    assert store.list_journals(jdir) == [saved]
    assert status == STATUS_PARTIAL or saved.read_bytes() == before


def test_a_killed_run_on_an_already_saved_draft_only_tidies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jdir = tmp_path / "j"
    plan, draft = _new(jdir)
    monkeypatch.setattr(runner, "delete_draft", lambda d: (_ for _ in ()).throw(Killed()))
    with pytest.raises(Killed):
        runner.run(plan, LinePort(ANSWERS), draft, journal_dir=jdir, version="t")
    monkeypatch.undo()
    kept = load_draft(draft.path)
    assert kept is not None and kept.saving_sha256 is not None
    port = ScriptedPort([])
    result = runner.run(plan, port, kept, journal_dir=jdir, version="t", resumed=True)
    assert result.outcome is Outcome.COMPLETE and len(store.list_journals(jdir)) == 1
    assert "already saved" in result.notes[0] and not draft.path.exists()


# -- resume never rewrites what a person wrote ---------------------------------------------------
def _stopped_partial(jdir: Path) -> Path:
    plan, draft = _new(jdir, ("voluntary", "hopeful"))
    script = [(k, ANSWERS[k]) for k in ("voluntary.practiced", "voluntary.rating",
                                         "voluntary.answer.1", "voluntary.answer.2")]
    result = runner.run(plan, ScriptedPort([*script, ("hopeful.practiced", ":q")]), draft,
                        journal_dir=jdir, version="t")
    assert result.path is not None
    return result.path


def test_a_hand_edited_partial_stays_byte_for_byte_and_is_not_offered_again(
    tmp_path: Path,
) -> None:
    jdir = tmp_path / "j"
    partial = _stopped_partial(jdir)
    edited = partial.read_bytes().replace(b"I asked", b"I gently asked") + b"\nMy own note.\n"
    partial.write_bytes(edited)
    for _ in range(2):  # a second stop and resume must not touch it either
        port = LinePort({"hopeful.practiced": ":q"})
        stopped = _resume(jdir, port)
        assert stopped.outcome is Outcome.STOPPED and stopped.path != partial
        assert partial.read_bytes() == edited
        assert f"{partial}" in port.notices() and "stays exactly as it is" in port.notices()
    port = LinePort({"hopeful.practiced": "2", "hopeful.rating": "4", **ANSWERS})
    done = _resume(jdir, port)
    assert done.outcome is Outcome.COMPLETE and done.path not in (None, partial)
    assert partial.read_bytes() == edited
    assert f"Saved to {done.path}. Your earlier file {partial} is unchanged." in done.notes
    assert runner.find_session(Lookback(jdir), KIND_REFLECT) is None
    assert sorted(store.list_journals(jdir)) == sorted([partial, done.path])


def test_a_partial_without_a_draft_that_peersup_did_not_write_is_kept(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    partial = _stopped_partial(jdir)
    for d in list_drafts(jdir):
        d.path.unlink()
    edited = partial.read_bytes() + b"\nA note I wrote by hand.\n"
    partial.write_bytes(edited)
    port = LinePort({"hopeful.practiced": "2", "hopeful.rating": "4", **ANSWERS})
    done = _resume(jdir, port)
    assert done.path is not None and done.path != partial and partial.read_bytes() == edited
    finished = store.read_journal(done.path)
    assert finished.reflections[0].answers[0] == ANSWERS["voluntary.answer.1"]
    assert runner.find_session(Lookback(jdir), KIND_REFLECT) is None


def _gone_value_partial(jdir: Path, planned: list[str]) -> Path:
    """A partial journal (no draft) holding answers for ``forgiving``, a value the tiny
    guidelines do not have, written by another peersup."""
    gone = ValueReflection("forgiving", 9, "Forgiving", "Let go", [], 2, "Growing",
                           ["What did you let go of?"], ["An old grudge, finally.\nFor good."])
    kept = ValueReflection("voluntary", 1, "Voluntary", "Support Choice", [], 3, "Steady",
                           ["voluntary prompt one?", "voluntary prompt two?"], ["Mine.", None])
    j = Journal(date=WHEN, role="peer-supporter",
                framework="tiny", reflections=[gone, kept], status=STATUS_PARTIAL,
                peersup_version="0.0.9", planned=planned)
    path = jdir / "2026-11-22-peer-supporter.md"
    path.write_text(render(j), encoding="utf-8")
    return path


@pytest.mark.parametrize("planned", [["forgiving", "voluntary", "hopeful"], ["nonsense"]])
def test_answers_for_values_the_guidelines_lack_are_kept(tmp_path: Path,
                                                         planned: list[str]) -> None:
    jdir = tmp_path / "j"
    jdir.mkdir()
    partial = _gone_value_partial(jdir, planned)
    before = partial.read_bytes()
    port = LinePort({"hopeful.practiced": "2", "hopeful.rating": "4", **ANSWERS})
    done = _resume(jdir, port)
    assert done.outcome is Outcome.COMPLETE and done.path is not None
    finished = store.read_journal(done.path)
    gone = finished.reflection("forgiving")
    assert gone is not None and gone.answers == ["An old grudge, finally.\nFor good."]
    assert gone.rating == 2 and gone.title == "Forgiving"
    assert finished.reflection("voluntary") is not None
    assert finished.reflection("voluntary").answers[0] == "Mine."  # type: ignore[union-attr]
    assert "Forgiving" in port.notices() and "no longer have it" in port.notices()
    assert len(done.path.read_bytes()) >= len(before) * 0.8  # not shrunk to a stub
    assert partial.read_bytes() == before or done.path == partial


def test_draft_answers_for_a_value_the_guidelines_dropped_are_kept(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    plan, draft = _new(jdir, ("voluntary", "hopeful"))
    runner.run(plan, ScriptedPort([*[(k, ANSWERS[k]) for k in (
        "voluntary.practiced", "voluntary.rating", "voluntary.answer.1", "voluntary.answer.2")],
        ("hopeful.practiced", ":q")]), draft, journal_dir=jdir, version="t")
    fewer = parse_guidelines(TINY_GUIDELINES.split("\n      - id: voluntary")[0] + "".join(
        "\n      - id: " + part for part in TINY_GUIDELINES.split("\n      - id: ")[2:]))
    assert fewer.framework("tiny").value("voluntary") is None  # type: ignore[union-attr]
    found = runner.find_session(Lookback(jdir), KIND_REFLECT, guidelines=fewer)
    assert found is not None
    plan2 = runner.resume_plan(fewer, found.draft, None, Lookback(jdir))
    port = LinePort({"hopeful.practiced": "2", "hopeful.rating": "4", **ANSWERS})
    done = runner.run(plan2, port, found.draft, journal_dir=jdir, version="t", resumed=True)
    assert done.journal is not None
    kept = done.journal.reflection("voluntary")
    assert kept is not None and kept.title == "Voluntary"
    assert kept.answers == [ANSWERS["voluntary.answer.1"], ANSWERS["voluntary.answer.2"]]
    assert kept.prompts == ["voluntary prompt one?", "voluntary prompt two?"]


# -- locks ---------------------------------------------------------------------------------------
def test_two_resumes_at_once_one_gets_the_lock_the_other_a_plain_sentence(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    _stopped_partial(jdir)
    found = runner.find_session(Lookback(jdir), KIND_REFLECT)
    assert found is not None and found.open_elsewhere is None
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path;"
         "from peersup_cli.reflection.lock import DraftLock;"
         "DraftLock(Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(60)",
         str(found.draft.path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        again = runner.find_session(Lookback(jdir), KIND_REFLECT)
        assert again is not None and again.open_elsewhere is not None
        assert "open in another window" in again.open_elsewhere
        plan = runner.resume_plan(GUIDELINES, again.draft, None, Lookback(jdir))
        with pytest.raises(SessionOpenElsewhere) as err:
            runner.run(plan, ScriptedPort([]), again.draft, journal_dir=jdir, version="t")
        assert err.value.message == again.open_elsewhere
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    # The holder is gone: its lock is stale and the next resume simply takes it.
    assert runner.find_session(Lookback(jdir), KIND_REFLECT).open_elsewhere is None  # type: ignore[union-attr]
    done = _resume(jdir, LinePort({"hopeful.practiced": "", **ANSWERS}))
    assert done.outcome is Outcome.COMPLETE


def test_a_lock_older_than_a_day_is_stale(tmp_path: Path) -> None:
    draft_path = tmp_path / ".drafts" / "x.json"
    draft_path.parent.mkdir(parents=True)
    lock_path(draft_path).write_text(
        f'{{"pid": {os.getppid()}, "host": "elsewhere", "started": {time.time() - 90000},'
        ' "token": "t"}', encoding="utf-8")
    with DraftLock(draft_path) as lock:
        assert lock.held
    assert not lock_path(draft_path).exists()
    lock_path(draft_path).write_text("{half written", encoding="utf-8")
    with DraftLock(draft_path) as lock:  # a lock killed mid-write is not a lock
        assert lock.held


# -- what is typed -------------------------------------------------------------------------------
def test_undecodable_input_is_kept_with_a_replacement_character(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    plan, draft = _new(jdir)
    odd = "caf\udcff\udcfe and more"
    script = [("voluntary.practiced", "1"), ("voluntary.rating", "2"),
              ("voluntary.answer.1", odd), ("voluntary.answer.2", ":q")]
    result = runner.run(plan, ScriptedPort(script), draft, journal_dir=jdir, version="t")
    assert result.outcome is Outcome.STOPPED and result.path is not None
    kept = load_draft(draft.path)
    assert kept is not None and kept.answers["voluntary.answer.1"] == "caf\ufffd\ufffd and more"
    assert "caf\ufffd\ufffd and more" in result.path.read_text(encoding="utf-8")


def test_a_partial_answer_is_shown_as_the_earlier_answer_on_resume(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    plan, draft = _new(jdir)
    # The kill comes right after the second line of the first text answer.
    with pytest.raises(Killed):
        runner.run(plan, LinePort(ANSWERS, kill_at=5), draft, journal_dir=jdir, version="t")
    kept = load_draft(draft.path)
    assert kept is not None
    typed = "I asked what they wanted\nand waited for the answer"
    assert kept.answers["voluntary.answer.1.partial"] == typed
    port = LinePort(ANSWERS)
    seen: list[Question] = []
    real_ask = port.ask
    port.ask = lambda q: (seen.append(q), real_ask(q))[1]  # type: ignore[method-assign]
    _resume(jdir, port)
    assert seen[0].id == "voluntary.answer.1" and seen[0].current == typed


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("signame", ["SIGHUP", "SIGTERM"])
def test_a_hangup_saves_everything_and_ends_cleanly(tmp_path: Path, signame: str) -> None:
    jdir = tmp_path / "j"
    plan, draft = _new(jdir)

    class HangsUp(LinePort):
        def ask(self, question: Question) -> Reply:
            if question.id == "voluntary.answer.2":
                os.kill(os.getpid(), getattr(signal, signame))
            return super().ask(question)

    old = signal.signal(getattr(signal, signame), runner.StopOnSignal())
    try:
        result = runner.run(plan, HangsUp(ANSWERS), draft, journal_dir=jdir, version="t")
    finally:
        signal.signal(getattr(signal, signame), old)
    assert result.outcome is Outcome.STOPPED and result.path is not None
    assert "without rushing" in result.path.read_text(encoding="utf-8")
    assert load_draft(draft.path) is not None


# -- old temporary files -------------------------------------------------------------------------
def test_a_session_start_removes_old_peersup_temp_files_only(tmp_path: Path) -> None:
    jdir = tmp_path / "j"
    drafts = paths.drafts_dir(jdir)
    drafts.mkdir(parents=True)
    old = time.time() - 7200
    files = [jdir / ".2026-11-22-peer-supporter.md.abcd1234.tmp",
             drafts / ".20261122T101500-reflect-aa.json.abcd1234.tmp"]
    mine = jdir / "my-notes.tmp"
    for f in [*files, mine]:
        f.write_text("x", encoding="utf-8")
        os.utime(f, (old, old))
    _new(jdir)
    assert not any(f.exists() for f in files) and mine.exists()
    files[0].write_text("x", encoding="utf-8")
    os.utime(files[0], (old, old))
    runner.find_session(Lookback(jdir), KIND_REFLECT)
    assert not files[0].exists()


# -- answers files -------------------------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_an_answers_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    with pytest.raises(AnswersFileError) as err:
        load_answers(fifo, prep=False)
    assert err.value.message == f"{fifo}: this is not a regular file, so it is not read."


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_as_answers_is_refused_at_once() -> None:
    with pytest.raises(AnswersFileError, match="not a regular file"):
        load_answers(Path("/dev/zero"), prep=False)


def test_answers_yaml_aliases_and_size_are_refused_in_one_sentence(tmp_path: Path) -> None:
    bomb = tmp_path / "a.yaml"
    bomb.write_text('a: &x ["lol"]\nb: [*x, *x]\nrole: peer-supporter\n', encoding="utf-8")
    with pytest.raises(AnswersFileError) as err:
        load_answers(bomb, prep=False)
    assert err.value.message == (
        f"{bomb}:2: YAML aliases (*name) are not allowed; write the text out.")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (5 * 1024 * 1024 + 1))
    with pytest.raises(AnswersFileError, match="larger than 5 MiB"):
        load_answers(big, prep=False)
    bad = tmp_path / "bad.yaml"
    bad.write_text("role: [1]\n", encoding="utf-8")
    with pytest.raises(AnswersFileError) as err:
        load_answers(bad, prep=False)
    assert err.value.message == f"{bad}: role: expected text (put it in quotes)."
