"""Whole sessions with the packaged guidelines in a real 80x24 pseudo-terminal, read back through
a terminal emulator (pyte): what a person actually sees on the screen at each prompt.

- A default reflection, answered with Enter alone, ends in at most 20 prompts (peer supporter
  and supervisor, role asked and remembered); a default prep in at most 12, with the agenda on
  the screen at the end.
- Whenever a person is asked which guidelines they practised, the value's title and guideline 1
  are on the screen.
- Keys typed on a later line of an answer act as keys.

As in test_pty_session: every send waits for its prompt, every expect allows ``TIMEOUT``.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pexpect
import pyte
import pytest

from peersup_cli.journal import store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

ROWS, COLS = 24, 80
TIMEOUT = 30
PROMPT = re.compile(r"(?:> |· )$")
TICK = "Which of these have you practised recently?"


@dataclass
class Screen:
    """A peersup process on an 80x24 terminal, with what is on its screen."""

    child: pexpect.spawn
    screen: pyte.Screen = field(default_factory=lambda: pyte.Screen(COLS, ROWS))
    prompts: int = 0  # first lines asked ("> "), not the later lines of one answer
    ticks: list[str] = field(default_factory=list)  # the screen at each tick question

    def __post_init__(self) -> None:
        self.stream = pyte.Stream(self.screen)

    def _take(self) -> None:
        self.stream.feed((self.child.before or "") + (self.child.after or "")
                         if isinstance(self.child.after, str) else self.child.before or "")

    def wait(self) -> str | None:
        """Until the next prompt ("> " or "· "), or the end; the prompt, or None at the end."""
        index = self.child.expect([PROMPT, pexpect.EOF])
        self._take()
        if index == 1:
            return None
        prompt = str(self.child.after)
        if prompt == "> ":
            self.prompts += 1
            if TICK in self.above_prompt(3):
                self.ticks.append(self.text)
        return prompt

    def send(self, line: str) -> None:
        self.child.sendline(line)

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def above_prompt(self, rows: int = 6) -> str:
        y = self.screen.cursor.y
        return "\n".join(self.screen.display[max(0, y - rows):y + 1])

    def finish(self) -> int:
        while self.wait() is not None:
            raise AssertionError(f"still asking:\n{self.text}")
        deadline = time.monotonic() + TIMEOUT
        while self.child.isalive() and time.monotonic() < deadline:
            time.sleep(0.02)
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -1)


@pytest.fixture
def run(pinned_paths: dict[str, Path]):  # type: ignore[no-untyped-def]
    # The terminal's own size, as for a person: no COLUMNS or LINES from the test run.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PEERSUP_") and k not in ("EDITOR", "COLUMNS", "LINES")}
    env.update(
        PEERSUP_HOME=str(pinned_paths["home"]),
        PEERSUP_CONFIG=str(pinned_paths["config"]),
        PEERSUP_CACHE_DIR=str(pinned_paths["cache"]),
        NO_COLOR="1",
        TERM="xterm",
    )
    children: list[pexpect.spawn] = []

    def start(*args: str) -> Screen:
        child = pexpect.spawn(
            sys.executable, ["-m", "peersup_cli", *args], env=env, encoding="utf-8",
            dimensions=(ROWS, COLS), timeout=TIMEOUT,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        child.delaybeforesend = None  # safe: nothing is sent before its prompt has been seen
        children.append(child)
        return Screen(child)

    yield start
    for child in children:
        if not child.closed:
            if child.isalive():
                child.kill(signal.SIGKILL)
            child.close()


def enter_alone(screen: Screen, role: str | None = None) -> None:
    """Answer every question with Enter, except the role question (``role``), to the end."""
    while screen.wait() is not None:
        if role is not None and "Which role are you reflecting as today?" in screen.above_prompt():
            screen.send(role)
            role = None
        else:
            screen.send("")


def title_and_first_guideline_in_view(screen_text: str) -> None:
    value = re.search(r"^(\d+)\. (.+) — ", screen_text, re.MULTILINE)
    assert value is not None, f"no value title on screen:\n{screen_text}"
    assert re.search(r"^  \s?1\. \S", screen_text, re.MULTILINE), (
        f"guideline 1 is not on screen:\n{screen_text}")


@pytest.mark.parametrize(("role", "label"), [("1", "peer-supporter"), ("2", "supervisor")])
def test_a_default_reflection_is_short_and_every_tick_question_shows_the_value(  # type: ignore[no-untyped-def]
    run, pinned_paths, role, label
) -> None:
    screen = run("reflect")
    enter_alone(screen, role=role)
    assert screen.finish() == 0
    # Role, remember it, how many values, 3 values x (ticks, rating, 3 questions), action plan,
    # support: 20, the most the issue allows.
    assert screen.prompts <= 20, screen.prompts
    assert len(screen.ticks) == 3
    for seen in screen.ticks:
        title_and_first_guideline_in_view(seen)
    [path] = store.list_journals(pinned_paths["home"])
    journal = store.load_journal(path)
    assert journal.role == label and len(journal.values) == 3
    assert f'role = "{label}"' in pinned_paths["config"].read_text(encoding="utf-8")

    # Next time the role is remembered, and the next values come in turn... unless skipped
    # through, as here: skipped values keep their turn.
    again = run("reflect")
    enter_alone(again)
    assert again.finish() == 0
    assert again.prompts <= 18
    newest = max(store.list_journals(pinned_paths["home"]), key=lambda p: p.name)
    assert store.load_journal(newest).values == journal.values


def test_every_value_fits_the_screen_at_its_tick_question(run) -> None:  # type: ignore[no-untyped-def]
    for args in (["reflect", "-r", "peer", "--all"], ["reflect", "-r", "super", "--all"],
                 ["reflect", "-r", "super", "-f", "naps", "--all"]):
        screen = run(*args)
        enter_alone(screen)
        assert screen.finish() == 0
        assert len(screen.ticks) in (11, 12)
        for seen in screen.ticks:
            title_and_first_guideline_in_view(seen)


def test_a_bad_tick_answer_keeps_the_value_in_view(run) -> None:  # type: ignore[no-untyped-def]
    screen = run("reflect", "-r", "super", "--values", "8")  # the longest list: 10 guidelines
    assert screen.wait() == "> "
    screen.send("11")
    assert screen.wait() == "> "
    assert "There is no guideline 11 here" in screen.text
    title_and_first_guideline_in_view(screen.text)
    assert "8. Peer Support is Based on Equally Shared Power" in screen.text
    screen.send("2")  # background, not a practice
    assert screen.wait() == "> "
    assert "Guideline 2 is background" in screen.text
    screen.send(":q")
    assert screen.finish() == 0


def test_a_default_prep_starts_from_the_agenda_and_ends_with_it(run, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    screen = run("prep", "Alex")
    assert screen.wait() == "> "
    assert "Topics to raise with Alex." in screen.text
    assert "Support I would like" not in screen.text
    screen.send("Caseload this month")
    assert screen.wait() == "· "
    screen.send("")
    enter_alone(screen)
    assert screen.finish() == 0
    assert screen.prompts <= 12, screen.prompts
    end = screen.text
    for part in ("Agenda for Alex", "Topics to raise", "- [ ] Caseload this month",
                 "Questions to ask", "To offer or check on", "Saved with this prep at:",
                 "peersup export packet Alex --format pdf", "peersup prep Alex --agenda"):
        assert part in end, (part, end)
    # The commands to copy stand whole on rows of their own at 80 columns.
    rows = end.splitlines()
    assert "  peersup export packet Alex --format pdf -o packet.pdf" in rows
    assert "  peersup prep Alex --agenda" in rows

    # The next prep starts from what is open; answered with Enter, it carries it over.
    second = run("prep", "alex")
    assert second.wait() == "> "
    # Typed another way, the name is kept as first written: one person, one name.
    assert "Open from your last prep for Alex" in second.text
    assert "1. Caseload this month" in second.text
    second.send("")
    enter_alone(second)
    assert second.finish() == 0
    assert second.prompts <= 12, second.prompts
    assert "Carried over from last time\n  - [ ] Caseload this month" in second.text


def test_keys_on_later_lines_of_an_answer_act_as_keys(run, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    screen = run("reflect", "-r", "peer", "--values", "hope")
    assert screen.wait() == "> "
    screen.send("")  # ticks
    assert screen.wait() == "> "
    screen.send("")  # rating
    assert screen.wait() == "> "
    screen.send("line one")
    assert screen.wait() == "· "
    screen.send(":h")  # help, then on with the same answer
    assert screen.wait() == "· "
    assert "Keys work on any line" in screen.text
    assert "Your answer so far" in screen.text and "│ line one" in screen.text
    screen.send(":x")  # not a key: questioned, not taken
    assert screen.wait() == "· "
    assert ":x is not a key here" in screen.text
    screen.send("line two")
    assert screen.wait() == "· "
    screen.send("")
    assert screen.wait() == "> "  # the second question
    screen.send("about to go back")
    assert screen.wait() == "· "
    screen.send(":b")  # back to the first question, with its answer
    assert screen.wait() == "> "
    assert "Earlier answer:" in screen.text and "│ line two" in screen.text
    assert "Enter keeps it · :clear empties it" in screen.text
    screen.send("")  # keeps it
    assert screen.wait() == "> "
    assert "│ about to go back" in screen.text  # the lines typed before :b are kept too
    screen.send("a new answer")
    assert screen.wait() == "· "
    screen.send("and more")
    assert screen.wait() == "· "
    screen.send(":q")  # save and stop, with the lines typed so far
    assert screen.finish() == 0
    [path] = store.list_journals(pinned_paths["home"])
    journal = store.load_journal(path)
    assert journal.status == "partial"
    assert journal.reflections[0].answers[:2] == ["line one\nline two", "a new answer\nand more"]


def test_arguments_are_checked_before_the_first_question(run) -> None:  # type: ignore[no-untyped-def]
    screen = run("reflect", "--values", "hopefull")
    assert screen.finish() == 2
    assert "No value matches 'hopefull'" in screen.text
    assert "Which role" not in screen.text and "Welcome" not in screen.text


# -- issue 15: a supervision record, and a prep with a shared self-evaluation --------------------
def _prep_for_alex(home: Path) -> None:
    from builders import journal, save
    from peersup_cli.journal.model import Agenda

    save(home, "2026-12-01-supervisor-prep-alex.md", journal(
        "2026-12-01T10:00:00+00:00", role="supervisor", supervisee="Alex",
        agenda=Agenda(topics=["Caseload", "Leave in December"], questions=["What helps?"]),
        action_plan="Offer the training"))


def test_a_record_with_enter_alone_is_eight_questions(run, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    _prep_for_alex(pinned_paths["home"])
    screen = run("record", "Alex")
    enter_alone(screen)
    assert screen.finish() == 0
    # Date, length, format, mode, values, agenda items, agreed, next session.
    assert screen.prompts == 8 <= 10, screen.prompts
    assert "Supervision with Alex · " in screen.text and "Next session: not set yet" in screen.text
    [record] = [p for p in store.list_journals(pinned_paths["home"]) if "-record-" in p.name]
    assert "Saved at:" in screen.text and record.name[-20:] in screen.text


def test_a_typical_record_shows_what_it_understood(run, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    _prep_for_alex(pinned_paths["home"])
    screen = run("record", "Alex")
    for answer in ("yesterday", "50", "1", "2"):
        assert screen.wait() == "> "
        screen.send(answer)
    assert screen.wait() == "> "  # which values: the whole list is in view
    for title in ("1. Peer Support is Voluntary", "11. Peer Support Is Person-Driven",
                  "Which values came up?"):
        assert title in screen.text, screen.text
    screen.send("2 3")
    assert screen.wait() == "> "  # which agenda items: the prep's, in view
    assert "From your prep for Alex (01 December 2026)" in screen.text
    assert "4. Offer the training" in screen.text
    screen.send("1 3")
    assert screen.wait() == "> "
    screen.send("Book the training - Alex")
    assert screen.wait() == "· "
    screen.send("Send the rota -- me")
    assert screen.wait() == "· "
    screen.send("")
    assert screen.wait() == "> "  # the next session, with the agreed items read back above it
    assert "Agreed, as peersup read it" in screen.text
    assert "1. Book the training — Alex" in screen.text and "2. Send the rota — me" in screen.text
    screen.send("in 2 weeks")
    assert screen.finish() == 0
    assert screen.prompts == 8
    end = screen.text
    assert "Understood: " in end and "(in 14 days)." in end
    for part in ("50 minutes · individual · video", "Agreed", "  - [ ] Book the training — Alex",
                 "Next session: ", "Your next `peersup prep Alex` starts from what is still open."):
        assert part in end, (part, end)


def test_a_prep_with_a_share_keeps_each_value_in_view(run, pinned_paths, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from builders import peer_self_evaluation, share_file

    shared = share_file(tmp_path / "alex-share.md", peer_self_evaluation())
    screen = run("prep", "Alex", "--with", str(shared))
    seen_view = False
    while (prompt := screen.wait()) is not None:
        if screen.prompts == 1:
            assert "Kept a copy of Alex's self-evaluation" in screen.text
        above = screen.above_prompt(8)
        if "Which would you like to prepare with?" in above:
            assert "Prepare with Alex's self-evaluation" in screen.text
            assert "Also in it, from other guidelines than yours: Peer Supporters Open" in (
                screen.text)
            screen.send("1 2")
            continue
        if prompt == "> " and "│ A short story in group helped Jo." in screen.text:
            # Their view and the supervisor's own question about the same value, on one screen.
            assert "What Alex said about 2. Peer Supporters Are Hopeful" in screen.text
            assert "  • I share my story with care." in screen.text
            assert "End with an empty line" in screen.above_prompt(2)
            seen_view = True
        screen.send("")
    assert screen.finish() == 0
    assert len(screen.ticks) == 2
    for seen in screen.ticks:
        title_and_first_guideline_in_view(seen)
        assert re.search(r"^Alex: rated \d", seen, re.MULTILINE), seen
    assert seen_view
    assert "From Alex's self-evaluation" in screen.text
