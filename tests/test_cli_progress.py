"""A first index build: a progress bar on a terminal when it takes a while, nothing piped,
and Ctrl-C in the middle leaves the index as it was and the journals untouched."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from builders import checksums, journal, save
from peersup_cli.cli import progress as progress_mod
from peersup_cli.cli.progress import IndexProgress, index_for
from peersup_cli.history import refresh as index_mod
from peersup_cli.history.index import open_index


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def many(pinned_paths: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    home = pinned_paths["home"]
    for n in range(12):
        save(home, f"2026-01-{n + 1:02d}-peer-supporter.md",
             journal(f"2026-01-{n + 1:02d}T09:00:00+00:00"))
    monkeypatch.setattr(index_mod, "BATCH", 2)  # a progress call every two files
    return home


def test_a_long_build_shows_a_bar_on_a_terminal(
    many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(progress_mod, "SHOW_AFTER", 0.0)
    seen: list[bool] = []
    real = IndexProgress.__call__

    def spy(self: IndexProgress, done: int, total: int) -> None:
        real(self, done, total)
        seen.append(self.shown)

    monkeypatch.setattr(IndexProgress, "__call__", spy)
    with index_for(many) as index:
        assert index.count() == 12
    assert any(seen)  # the bar was up while files were read ...
    assert "Reading your journals" in screen.getvalue()
    with index_for(many) as index:  # ... and a warm run never shows it
        assert index.count() == 12
    assert len(seen) == 7  # six batches and the end: none for the warm run


def test_no_bar_when_piped_or_quick(many: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    monkeypatch.setattr(progress_mod, "SHOW_AFTER", 0.0)
    with index_for(many) as index:
        assert index.count() == 12
    assert piped.getvalue() == ""
    monkeypatch.setattr(progress_mod, "SHOW_AFTER", 0.5)
    quick = IndexProgress(enabled=True)  # well under half a second: nothing drawn
    quick(2, 12)
    assert not quick.shown


def test_ctrl_c_during_a_build_rolls_back(many: Path) -> None:
    before = checksums(many)
    calls: list[int] = []

    def stop(done: int, total: int) -> None:
        calls.append(done)
        if done >= 6:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt), open_index(many, progress=stop):
        pass
    assert calls[-1] == 6
    assert checksums(many) == before
    with open_index(many) as index:  # nothing half-stored: the next run reads all twelve
        assert index.count() == 12
