"""The session wiring in the CLI: entered lines reach the draft through the terminal port,
a session open in another window is offered as a new one, signals stop a session cleanly."""

from __future__ import annotations

import io
import os
import signal

import pytest

from builders import ScriptedPort
from peersup_cli.cli import reflect_cmd, unfinished_offer
from peersup_cli.cli.terminal import TerminalPort
from peersup_cli.reflection.port import Kind, Question


def test_every_entered_line_is_reported_at_once(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console

    typed = iter(["first line", "second line", ""])
    port = TerminalPort(Console(file=io.StringIO()), scratch_dir=tmp_path)
    monkeypatch.setattr(port, "_read_line", lambda prompt: next(typed))
    seen: list[str] = []
    question = Question("v.answer.1", Kind.TEXT, "What helped?", "", on_line=seen.append)
    reply = port.ask(question)
    assert reply.text == "first line\nsecond line"
    assert seen == ["first line", "first line\nsecond line"]


@pytest.mark.parametrize("typed, starts_new", [("1", True), ("2", False)])
def test_a_session_open_elsewhere_is_offered_as_a_new_one(typed: str, starts_new: bool) -> None:
    port = ScriptedPort([("start_new", typed)])
    assert unfinished_offer.start_new_instead(port, "It is open in another window.") is starts_new
    port.finished()
    assert port.asked[0].text == "It is open in another window."


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP here")
def test_signals_reach_the_handler_only_during_the_session() -> None:
    fired: list[int] = []
    before = signal.getsignal(signal.SIGHUP)
    with reflect_cmd.signals_stop_the_session(lambda n, f: fired.append(n)):
        os.kill(os.getpid(), signal.SIGHUP)
        os.kill(os.getpid(), signal.SIGTERM)
    assert fired == [signal.SIGHUP, signal.SIGTERM]
    assert signal.getsignal(signal.SIGHUP) is before
