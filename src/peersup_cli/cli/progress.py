"""The progress bar of a long first index build, and the index opened with it.

Only on a terminal, and only once reading has taken longer than half a second (a warm run
never shows one); nothing at all when stderr is piped. The bar goes to stderr and is gone
when the build ends, so it never mixes with a command's output.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..history.index import Index

SHOW_AFTER = 0.5  # seconds


class IndexProgress:
    """Called by the index as (files read, files to read)."""

    def __init__(self, enabled: bool | None = None) -> None:
        if enabled is None:
            try:
                enabled = sys.stderr.isatty()
            except (ValueError, OSError):
                enabled = False
        self.enabled = enabled
        self.started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            if done >= total or time.monotonic() - self.started < SHOW_AFTER:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            from . import output

            self._bar = Progress(
                TextColumn("Reading your journals"), BarColumn(), MofNCompleteColumn(),
                console=output.console(err=True), transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("read", total=total)
        self._bar.update(self._task, completed=done, total=total)
        if done >= total:
            self.close()

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


@contextlib.contextmanager
def index_for(folder: Path, *, rebuild: bool = False) -> Iterator[Index]:
    """``open_index`` for a command, with the progress bar; Ctrl-C during a build rolls the
    index back and takes the bar away."""
    from ..history.index import open_index

    progress = IndexProgress()
    try:
        with open_index(folder, rebuild=rebuild, progress=progress) as index:
            progress.close()
            yield index
    finally:
        progress.close()
