"""Reading many journal files with two processes at once, for a first index build.

Reading 10,000 journals costs about 2 s of parsing on one core (some 200 µs a file), while the
machine's second core sits idle. From ``PARALLEL_MIN`` files on, where the platform can fork
and this process runs no other thread, a forked helper reads the older part of the list and
sends its rows back through a pipe, pickled in batches, while this process reads the newer part
and stores both. The helper touches only the journal files and the pipe: no SQLite, no
terminal, no other file. Whatever the helper fails to send (it crashed, was killed, sent
garbage), this process reads itself, so the rows are the same either way.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

PARALLEL_MIN = 1000  # below this a fork (~5 ms) and the pickling are not worth it
# The helper only parses; this process also unpickles and stores every row, so it reads less.
HELPER_SHARE = 0.55
BATCH = 64  # rows per pickle: small enough to keep memory flat, large enough to be cheap
PIPE_SIZE = 1 << 20  # lets the helper run a few batches ahead (Linux; elsewhere the default)


def possible() -> bool:
    """True where a forked helper is safe and useful: fork exists, this process has no other
    thread (forking a threaded process can deadlock), and a second CPU is there to use."""
    if not hasattr(os, "fork"):
        return False
    import threading

    if threading.active_count() != 1:
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return cpus >= 2


def read_in_two(read: Callable[[str, set[Any]], T], names: list[str]) -> Iterator[T]:
    """``read(name, seen)`` for every name, the older ``HELPER_SHARE`` of them in a helper.

    Rows come in batches, alternately this process's and the helper's, so not in the order of
    ``names``. Each process passes its own ``seen`` set to ``read``.
    """
    split = len(names) - int(len(names) * HELPER_SHARE)
    mine, theirs = names[:split], names[split:]
    r, w = os.pipe()
    with contextlib.suppress(AttributeError, OSError):
        import fcntl

        fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    pid = os.fork()
    if pid == 0:  # the helper
        os.close(r)
        _helper(read, theirs, w)  # never returns
    os.close(w)
    reader = os.fdopen(r, "rb")
    received = 0
    helper_done = helper_failed = False
    try:
        seen: set[Any] = set()
        start = 0
        # A batch of ours, then one of the helper's, until both are done.
        while start < len(mine) or not helper_done:
            for name in mine[start : start + BATCH]:
                yield read(name, seen)
            start += BATCH
            if not helper_done:
                batch, helper_failed = _receive(reader)
                helper_done = batch is None
                received += len(batch or ())
                yield from batch or ()
        if helper_failed:
            their_seen: set[Any] = set()
            for name in theirs[received:]:
                yield read(name, their_seen)
    finally:
        reader.close()
        if not helper_done:  # stopped early (an error, Ctrl-C): the helper's work is not wanted
            with contextlib.suppress(OSError):
                os.kill(pid, 9)
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)


def _receive(reader: Any) -> tuple[list[Any] | None, bool]:
    """(the helper's next batch, or None when it has no more; whether it failed)."""
    try:
        batch = pickle.load(reader)
    except Exception:  # EOF, a torn pickle: the helper died; read the rest here
        return None, True
    if batch is None:
        return None, False
    if not isinstance(batch, list):
        return None, True
    return batch, False


def _helper(read: Callable[[str, set[Any]], Any], names: list[str], w: int) -> None:
    """Read ``names`` and send their rows through ``w``, then leave at once: ``os._exit``
    skips the parent's atexit handlers, buffered output and open database connections."""
    code = 1
    try:
        with os.fdopen(w, "wb") as out:
            seen: set[Any] = set()
            for start in range(0, len(names), BATCH):
                batch = [read(name, seen) for name in names[start : start + BATCH]]
                pickle.dump(batch, out, pickle.HIGHEST_PROTOCOL)
                out.flush()
            pickle.dump(None, out)
        code = 0
    except BaseException:  # Ctrl-C, a closed pipe, anything: the parent reads what is missing
        pass
    finally:
        os._exit(code)
