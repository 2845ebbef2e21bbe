"""Whole sessions in a real pseudo-terminal: typing, skipping, going back, Ctrl-C, SIGKILL.

Written to pass on a slow, loaded machine (CI has two cores, often busy): every send waits for the
exact prompt first, every expect allows ``TIMEOUT`` seconds, and a child is always waited for until
it has really exited before it is closed. ``close()`` alone gives a child only 0.1 s to finish
exiting before it signals it, which on a busy machine turns a clean exit into a kill by SIGHUP.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from datetime import UTC
from pathlib import Path

import pexpect
import pytest

from builders import terminal_port, write_tiny_guidelines
from peersup_cli.journal import store
from peersup_cli.reflection.draft import list_drafts

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

PROMPT = "> "
MORE = "· "
# Seconds per expect and for a child to exit: generous, since a pass takes well under a second.
TIMEOUT = 30


@pytest.fixture
def spawn(tmp_path: Path, pinned_paths: dict[str, Path]):  # type: ignore[no-untyped-def]
    guidelines = write_tiny_guidelines(tmp_path)
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("PEERSUP_") and k != "EDITOR"
    }
    env.update(
        PEERSUP_HOME=str(pinned_paths["home"]),
        PEERSUP_CONFIG=str(pinned_paths["config"]),
        PEERSUP_CACHE_DIR=str(pinned_paths["cache"]),
        PEERSUP_GUIDELINES=str(guidelines),
        NO_COLOR="1",
        TERM="dumb",
    )
    children: list[pexpect.spawn] = []

    def default_signals() -> None:
        # An ignored signal stays ignored across exec: when pytest itself runs as a background job
        # of a script (SIGINT ignored), Ctrl-C would never reach peersup. Give it a terminal's
        # usual Ctrl-C whatever state the test run was started in.
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    def start(*args: str, **extra_env: str) -> pexpect.spawn:
        child = pexpect.spawn(
            sys.executable, ["-m", "peersup_cli", *args], env={**env, **extra_env},
            encoding="utf-8", dimensions=(40, 100), timeout=TIMEOUT,
            preexec_fn=default_signals,
        )
        child.delaybeforesend = None  # safe: nothing is sent before its prompt has been seen
        children.append(child)
        return child

    yield start
    for child in children:  # a test that failed half-way leaves its child running
        if not child.closed:
            if child.isalive():
                child.kill(signal.SIGKILL)
            wait_exit(child)
            child.close()


def wait_exit(child: pexpect.spawn) -> None:
    """Wait (up to ``TIMEOUT``) until the child process has exited and been reaped."""
    deadline = time.monotonic() + TIMEOUT
    while child.isalive():
        if time.monotonic() > deadline:
            raise AssertionError(f"peersup still running {TIMEOUT} s after its output ended")
        time.sleep(0.02)


def kill(child: pexpect.spawn) -> None:
    """SIGKILL the child and wait until it is gone."""
    child.kill(signal.SIGKILL)
    wait_exit(child)
    child.close()


def answer(child: pexpect.spawn, *lines: str) -> None:
    """Type one answer: a single line, or several lines ended by an empty one.

    Each line is sent only once its prompt (``> `` first, ``· `` for the lines after) is on screen.
    """
    child.expect_exact(PROMPT)
    child.sendline(lines[0])
    if len(lines) > 1 or (lines[0] and not lines[0].startswith(":")):
        for line in lines[1:]:
            child.expect_exact(MORE)
            child.sendline(line)


def text(child: pexpect.spawn, *lines: str) -> None:
    """A free-text answer: the lines, then the empty line that finishes it."""
    answer(child, *lines, "")


def finish(child: pexpect.spawn) -> int:
    """Read to the end of the output, wait for the process to exit, and return its exit code."""
    child.expect(pexpect.EOF)
    wait_exit(child)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else -1)


def test_whole_session_answer_skip_back_finish(spawn, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    child = spawn("reflect", "--role", "peer-supporter", "--values", "1,2")
    child.expect_exact("Your journals are kept in")
    child.expect_exact(":b back")
    child.expect_exact("1. Voluntary — Support Choice")
    answer(child, "1 3")
    answer(child, "9")  # not on the scale: asked again
    child.expect_exact("Please type one number from 1 to 4")
    answer(child, "3")
    child.expect_exact("voluntary prompt one?")
    text(child, "line one", "# not a heading  ")
    answer(child, "")  # skip prompt two
    child.expect_exact("2. Hopeful — Share Hope")
    answer(child, ":b")  # back to voluntary prompt two
    child.expect_exact("voluntary prompt two?")
    text(child, "written after going back")
    child.expect_exact("Which of these have you practised recently?")
    answer(child, "2")
    answer(child, "")  # skip the rating
    text(child, "hope answer")
    answer(child, "")
    child.expect_exact("Action plan")
    text(child, "Try one small thing")
    answer(child, "")
    child.expect_exact("Your strengths today")
    child.expect_exact("Voluntary: 3 — Steady")
    child.expect_exact("Your journal is saved at:")
    assert finish(child) == 0

    [path] = store.list_journals(pinned_paths["home"])
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    journal = store.load_journal(path)
    voluntary, hopeful = journal.reflections
    assert voluntary.practiced == [1, 3] and voluntary.rating == 3
    assert voluntary.answers == ["line one\n# not a heading  ", "written after going back"]
    assert hopeful.practiced == [2] and hopeful.rating is None
    assert hopeful.answers == ["hope answer", None]
    assert journal.action_plan == "Try one small thing" and journal.support is None
    assert journal.status == "complete"
    assert list_drafts(pinned_paths["home"]) == []


def test_sigkill_mid_session_then_resume_keeps_every_answer(spawn, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    child = spawn("reflect", "--role", "peer-supporter", "--values", "1,2")
    answer(child, "2 3")
    answer(child, "4")
    text(child, "first prompt,", "two lines")
    answer(child, "")
    answer(child, "1")
    child.expect_exact("Where are you with Hopeful")  # the answer "1" is in the draft by now
    kill(child)
    assert store.list_journals(pinned_paths["home"]) == []

    again = spawn("reflect", "--resume")
    again.expect_exact("Welcome back")
    again.expect_exact("Where are you with Hopeful")
    answer(again, "2")
    text(again, "after the crash")
    answer(again, "")
    text(again, "plan")
    text(again, "some support")
    again.expect_exact("Your journal is saved at:")
    assert finish(again) == 0

    [path] = store.list_journals(pinned_paths["home"])
    journal = store.load_journal(path)
    voluntary, hopeful = journal.reflections
    assert voluntary.practiced == [2, 3] and voluntary.rating == 4
    assert voluntary.answers == ["first prompt,\ntwo lines", None]
    assert hopeful.practiced == [1] and hopeful.rating == 2
    assert hopeful.answers == ["after the crash", None]
    assert (journal.action_plan, journal.support) == ("plan", "some support")
    assert list_drafts(pinned_paths["home"]) == []


def test_ctrl_c_and_end_of_input_stop_calmly(spawn, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    child = spawn("reflect", "--role", "peer-supporter", "--values", "1")
    answer(child, "1")
    child.expect_exact("Where are you with Voluntary")
    child.expect_exact(PROMPT)
    child.sendintr()
    # Exactly what was kept: the one answer given, in a draft.
    child.expect_exact("Stopped. Kept in a draft: 1 answer.")
    child.expect_exact("peersup reflect --resume")
    out = child.before or ""
    finish(child)  # the exit code itself: test_real_process_exit_codes
    assert "Traceback" not in out
    [draft] = list_drafts(pinned_paths["home"])
    assert draft.answers == {"voluntary.practiced": [1]}

    again = spawn("reflect", "--resume")
    again.expect_exact("Where are you with Voluntary")
    again.expect_exact(PROMPT)
    again.sendeof()
    again.expect_exact("Input ended. Kept in a draft: 1 answer.")
    finish(again)
    assert list_drafts(pinned_paths["home"])[0].answers == {"voluntary.practiced": [1]}


def test_quit_saves_a_partial_journal(spawn, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    child = spawn("reflect", "--role", "peer-supporter", "--values", "1,2")
    answer(child, "1")
    answer(child, ":q")
    child.expect_exact("marked unfinished")
    assert finish(child) == 0
    [path] = store.list_journals(pinned_paths["home"])
    journal = store.load_journal(path)
    assert journal.status == "partial" and journal.planned == ["voluntary", "hopeful"]
    assert journal.reflections[0].practiced == [1]


def test_editor_for_a_long_answer(spawn, pinned_paths, tmp_path) -> None:  # type: ignore[no-untyped-def]
    editor = "sh -c 'printf \"from the editor\\n\\nsecond paragraph\\n\" > \"$1\"' sh"
    child = spawn("reflect", "--role", "peer-supporter", "--values", "1", EDITOR=editor)
    answer(child, "")
    answer(child, "")
    child.expect_exact("voluntary prompt one?")
    answer(child, ":e")
    answer(child, "")
    child.expect_exact("Action plan")
    answer(child, "")
    answer(child, "")
    assert finish(child) == 0
    [path] = store.list_journals(pinned_paths["home"])
    assert store.load_journal(path).reflections[0].answers[0] == (
        "from the editor\n\nsecond paragraph"
    )
    drafts = pinned_paths["home"] / ".drafts"
    assert not any(p.name.startswith(".answer-") for p in drafts.iterdir())


def test_role_is_asked_when_not_known_and_welcome_shows_once(spawn, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    child = spawn("reflect", "--values", "1")
    child.expect_exact("Your journals are kept in")
    child.expect_exact("Which role are you reflecting as today?")
    answer(child, "7")
    child.expect_exact("Please choose a role")
    answer(child, "2")
    child.expect_exact("Reflect as Supervisor from now on, without this question?")
    answer(child, "n")  # not remembered: asked again next time
    child.expect_exact("Guidelines for supervisors:")
    child.expect_exact("voluntary sup one")
    answer(child, ":q")
    assert finish(child) == 0

    again = spawn("reflect", "--role", "peer-supporter", "--values", "1")
    again.expect_exact("Which of these have you practised recently?")
    assert "Your journals are kept in" not in (again.before or "")
    answer(again, ":q")
    assert finish(again) == 0


def test_real_process_exit_codes(spawn, tmp_path, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    """Exit codes as a shell sees them: 2 for bad input, 130 for Ctrl-C.

    Needs ``cli/app.py:main`` to return the code click hands back under standalone_mode=False.
    """
    bad = spawn("reflect", "--answers", str(tmp_path / "missing.yaml"))
    bad.expect(r"no\s+such\s+file")  # the path before it is as long as tmp_path: it may wrap
    assert finish(bad) == 2

    child = spawn("reflect", "--role", "peer-supporter", "--values", "1")
    child.expect_exact(PROMPT)
    child.sendintr()
    child.expect_exact("Stopped. Nothing was saved.")  # nothing answered: no draft promised
    assert finish(child) == 130
    assert list_drafts(pinned_paths["home"]) == []


def test_last_time_shows_for_each_value_unless_no_history(spawn, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    first = spawn("reflect", "--role", "peer-supporter", "--values", "hopeful")
    for reply in ("1", "3", "", ""):
        answer(first, reply)
    text(first, "Share my story once")
    answer(first, "")
    assert finish(first) == 0

    second = spawn("reflect", "--role", "peer-supporter", "--values", "voluntary,hopeful")
    # The plan once, at the start; each value says how it was rated last time.
    second.expect(r"Last time \(\d\d \w+ \d{4}\) you planned: Share my story once\.")
    second.expect_exact("1. Voluntary — Support Choice")
    second.expect_exact("Which of these have you practised")
    assert "Last time" not in (second.before or "")  # never reflected on voluntary
    answer(second, "")
    answer(second, "")
    answer(second, "")
    answer(second, "")
    second.expect_exact("2. Hopeful — Share Hope")
    second.expect(r"Last time \(\d\d \w+ \d{4}\): 3 — Steady\.\r\n")
    second.expect_exact("Which of these have you practised")
    assert "planned" not in (second.before or "")
    answer(second, ":q")
    finish(second)

    quiet = spawn("reflect", "--role", "peer-supporter", "--values", "hopeful", "--no-history")
    quiet.expect_exact("You have an unfinished reflection as Peer supporter")
    answer(quiet, "2")  # start afresh, keep it
    quiet.expect_exact("Which of these have you practised recently?")
    assert "Last time" not in (quiet.before or "")
    answer(quiet, ":q")
    finish(quiet)


# -- the terminal port without a pseudo-terminal -------------------------------------------------
def _port(lines: list[str]):  # type: ignore[no-untyped-def]
    return terminal_port(lines)


def test_terminal_port_reads_commands_lines_and_end_of_input() -> None:
    from peersup_cli.errors import InputClosed
    from peersup_cli.reflection.port import Choice, Command, Kind, Question

    text_q = Question("v.answer.1", Kind.TEXT, "What helped?", "Finish with an empty line.")
    port, out = _port(["first", "  second  ", "", ":b", "", "?", "3", "last words"])
    assert port.ask(text_q).text == "first\n  second  "
    assert port.ask(text_q).command is Command.BACK
    assert port.ask(text_q).command is Command.SKIP
    rating = Question("v.rating", Kind.RATING, "Where are you?", "1 to 4",
                      (Choice("1", "Just starting", "beginning"),), current="2 — Growing")
    assert port.ask(rating).command is Command.HELP
    assert port.ask(rating).text == "3"  # asked again: the scale is not repeated
    assert out.getvalue().count("1 Just starting — beginning") == 1
    shown = out.getvalue()
    assert "Earlier answer:\n  │ 2 — Growing\nEnter keeps it · :clear empties it" in shown
    # Input ends in the middle of an answer: what was typed is the answer; then it stops.
    assert port.ask(text_q).text == "last words"
    with pytest.raises(InputClosed):
        port.ask(text_q)


def test_terminal_renders_the_value_header_with_last_time() -> None:
    from datetime import datetime

    from peersup_cli.history.lookback import LastTime
    from peersup_cli.reflection.port import ValueHeader

    port, out = _port([])
    last = LastTime(
        value_id="hopeful", date=datetime(2026, 10, 12, tzinfo=UTC), rating=3,
        rating_label="Steady", action_plan="- Share my story\n\n- Rest  more", path=Path("x.md"),
    )
    port.show(ValueHeader(
        position=2, total=11, number=2, title="Hopeful", practice="Share Hope",
        summary="Hope matters.", has_more=True,
        guidelines_heading="Guidelines for peer supporters:", items=("one", "two"), last_time=last,
    ))
    text = out.getvalue()
    assert "Value 2 of 11" in text and "2. Hopeful — Share Hope" in text
    assert "Hope matters. (:m for the full description)" in text
    # The plan is said once per session, not under every value.
    assert "Last time (12 October 2026): 3 — Steady.\n" in text and "planned" not in text
    assert "  2. two" in text


# Every line typed in a short session (one value), in order: the kill test stops after each.
TYPED = ["1 2", "3", "alpha one", "alpha two", "", "beta", "", "the plan", "", "support text", ""]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGHUP], ids=["SIGKILL", "SIGHUP"])
@pytest.mark.parametrize("stop_after", range(1, len(TYPED)))
def test_a_kill_at_any_line_loses_nothing_typed(  # type: ignore[no-untyped-def]
    spawn, pinned_paths, sig, stop_after
) -> None:
    child = spawn("reflect", "--role", "peer-supporter", "--values", "1")
    child.expect_exact("1. Voluntary — Support Choice")
    multiline = False
    for n, line in enumerate(TYPED[:stop_after], start=1):
        child.expect_exact(MORE if multiline else PROMPT)
        child.sendline(line)
        multiline = n >= 3 and line != ""  # from the third line on, answers take more lines
    # Wait until the last line has been taken in: the next prompt is on screen.
    child.expect_exact(MORE if multiline else PROMPT)
    child.kill(sig)
    wait_exit(child)
    child.close()

    again = spawn("reflect", "--resume")
    again.expect_exact("Welcome back")
    while again.expect_exact(["Your journal is saved at:", PROMPT, MORE]) != 0:
        again.sendline("")  # Enter keeps each earlier answer, and skips what was never begun
    assert finish(again) == 0

    [path] = store.list_journals(pinned_paths["home"])  # exactly one journal
    journal = store.load_journal(path)
    (voluntary,) = journal.reflections
    assert voluntary.practiced == [1, 2]
    assert voluntary.rating == (3 if stop_after >= 2 else None)
    first = voluntary.answers[0] or ""
    for n, words in ((3, "alpha one"), (4, "alpha two")):
        assert (words in first) == (stop_after >= n), (stop_after, voluntary.answers)
    assert ("beta" in (voluntary.answers[1] or "")) == (stop_after >= 6)
    assert (journal.action_plan == "the plan") == (stop_after >= 8)
    assert (journal.support == "support text") == (stop_after >= 10)
    assert list_drafts(pinned_paths["home"]) == []
