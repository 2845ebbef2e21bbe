"""``peersup share`` in a real 80x24 pseudo-terminal, read through a terminal emulator (pyte):
answers chosen one by one, a flagged answer seen marked on the screen and edited, another
removed, and the file holding exactly what was chosen.

As in test_pty_session: every send waits for its prompt, every expect allows ``TIMEOUT``.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pexpect
import pyte
import pytest

from builders import journal, reflection, save
from peersup_cli.journal.store import read_journal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

ROWS, COLS = 24, 80
TIMEOUT = 30
FIRST = "I asked Jessica what she wanted first."
SECOND = "Slow down before answering."
PHONE = "Call me on 0412 345 678."
PLAN = "Ask one open question first."
SUPPORT = "Talking through hard calls."
EDITED = "I asked her what she wanted first."


class Screen:
    """What the terminal shows: everything peersup writes, fed to an emulator as it comes."""

    def __init__(self) -> None:
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.Stream(self.screen)

    def write(self, data: str) -> None:
        self.stream.feed(data)

    def flush(self) -> None:
        pass

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)


def test_choosing_answers_one_by_one_and_editing_a_flagged_one(
    tmp_path: Path, pinned_paths: dict[str, Path]
) -> None:
    save(pinned_paths["home"], "2026-12-04-peer-supporter.md", journal(
        "2026-12-04T10:00:00+00:00",
        reflection("hopeful", 3, (1,), (FIRST, SECOND)),
        reflection("empathic", 2, (), (PHONE, None)),
        action_plan=PLAN, support=SUPPORT))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERSUP_")}
    env.update(PEERSUP_HOME=str(pinned_paths["home"]), PEERSUP_CONFIG=str(pinned_paths["config"]),
               PEERSUP_CACHE_DIR=str(pinned_paths["cache"]), NO_COLOR="1", TERM="dumb")
    screen = Screen()
    child = pexpect.spawn(sys.executable, ["-m", "peersup_cli", "share", "latest"], env=env,
                          cwd=str(tmp_path), encoding="utf-8", dimensions=(ROWS, COLS),
                          timeout=TIMEOUT)
    child.delaybeforesend = None  # safe: nothing is sent before its prompt has been seen
    child.logfile_read = screen
    try:
        def answer(after: str, line: str) -> None:
            child.expect_exact(after)
            child.expect_exact("> ")
            child.sendline(line)

        answer("Share your ratings?", "")  # Enter: yes
        answer("Share the guidelines you ticked?", "n")
        answer("Share this answer?", "y")  # FIRST
        answer("Share this answer?", "")  # SECOND: Enter is no
        answer("Share this answer?", "y")  # PHONE
        answer("Share your action plan?", "")
        answer("Share the support you would like from supervision?", "y")
        child.expect_exact("Keep it, remove this answer from the share, or edit it?")
        child.expect_exact("> ")
        # The detail is marked on the screen itself, not by colour, with its reason.
        assert f"  │ {FIRST.replace('Jessica', '[[Jessica]]')}" in screen.text
        assert "[[Jessica]] This looks like a person's name." in screen.text
        child.sendline("e")
        child.expect_exact("> ")
        child.sendline(EDITED)
        child.expect_exact("· ")
        child.sendline("")
        child.expect_exact("[[0412 345 678]] This looks like a phone number.")
        child.expect_exact("> ")
        child.sendline("r")
        answer("Your name on the share file", "Jo")
        child.expect_exact("yours to hand over")
        child.expect(pexpect.EOF)
    finally:
        if child.isalive():
            child.kill(signal.SIGKILL)
        deadline = time.monotonic() + TIMEOUT
        while child.isalive() and time.monotonic() < deadline:
            time.sleep(0.02)
        child.close()
    assert child.exitstatus == 0
    written = tmp_path / "peersup-share-2026-12-04.md"
    text = written.read_text(encoding="utf-8")
    for absent in (FIRST, SECOND, PHONE, PLAN, "Jessica", "0412", "Hopeful item 1"):
        assert absent not in text, absent
    for present in (EDITED, SUPPORT, "**Rating:** 3 — Steady", "*Not shared.*"):
        assert present in text, present
    back = read_journal(written)
    assert back.shared is not None and back.shared.by == "Jo"
    assert back.shared.parts == ["ratings", "answers", "support"]
    assert back.reflections[0].answers == [EDITED, None]
