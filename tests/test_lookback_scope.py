"""What a session looks back on is scoped: a reflection looks back on reflections, a prep for Sam
on Sam's preps only (``kind`` and ``supervisee`` of ``last_times`` and ``last_reflected``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import journal, reflection, save, supervisor_history
from peersup_cli.history.lookback import Lookback
from peersup_cli.journal.model import Agenda


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "journals"
    supervisor_history(d)
    # Skipped through: not looked back on, in any scope.
    save(d, "2026-10-04-supervisor-prep-sam.md", journal(
        "2026-10-04T09:00:00+00:00",
        reflection("empathic", None, practiced=(), answers=(None, None), role="supervisor"),
        role="supervisor", supervisee="sam", action_plan=None, agenda=Agenda()))
    return d


def test_a_prep_looks_back_on_that_supervisees_preps_only(folder: Path) -> None:
    with Lookback(folder) as past:
        sam = past.last_times("supervisor", kind="prep", supervisee="SAM")
        assert set(sam) == {"hopeful"}
        assert sam["hopeful"].rating == 3
        assert sam["hopeful"].action_plan == "Offer Sam the training."
        alex = past.last_times("supervisor", kind="prep", supervisee="alex")
        assert alex["hopeful"].action_plan == "Check on Alex's leave."
        assert past.last_times("supervisor", kind="prep", supervisee="Kim") == {}
        assert set(past.last_reflected("supervisor", kind="prep", supervisee="Sam")) == {
            "hopeful"}


def test_a_reflection_looks_back_on_reflections_only(folder: Path) -> None:
    with Lookback(folder) as past:
        own = past.last_times("supervisor", kind="reflect")
        assert set(own) == {"hopeful"} and own["hopeful"].action_plan == "My own plan."
        # Unscoped, as before: the newest of any kind.
        assert past.last_times("supervisor")["hopeful"].action_plan == "Check on Alex's leave."
        assert set(past.last_reflected("supervisor", ["hopeful", "empathic"])) == {
            "hopeful", "empathic"}
        assert set(past.last_reflected("supervisor", kind="reflect")) == {"hopeful"}
