"""One window per unfinished session: a lock file beside the draft while a session runs.

The lock is ``.<draft name>.lock`` in the drafts folder, created with ``O_CREAT | O_EXCL`` (the
one exclusive create every platform and file system peersup meets has, Windows included), holding
JSON: pid, host name, start time and a random token.

A lock is *stale*, and may be taken over, when:

- it is older than a day (no reflection lasts that long; a laptop that slept with a session open
  can still be carried on the next day), or
- it was made on this host by a process that is gone. On POSIX that is ``os.kill(pid, 0)``. On
  Windows ``os.kill`` with signal 0 would *terminate* the process, so it is never used there; the
  process is looked up with ``OpenProcess``/``GetExitCodeProcess`` through ``ctypes`` instead, and
  if that cannot tell (no ctypes, access denied), the lock only goes stale after
  ``UNSURE_STALE_HOURS``. A pid reused by an unrelated process makes a lock look held until the
  day is up: the safe side (the person is told, and may start a new session).

Taking over a stale lock renames it to a unique name first and checks that what was moved is
the lock judged stale, so two windows breaking the same stale lock cannot both win; the winner
re-reads its own token after creating.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .. import messages as msg
from ..errors import SessionOpenElsewhere
from ..storage import ensure_private_dir

STALE_AFTER_SECONDS = 24 * 3600.0
UNSURE_STALE_HOURS = 12
_MAX_LOCK_BYTES = 4096


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    started: float
    token: str


def lock_path(draft_path: Path) -> Path:
    return draft_path.with_name(f".{draft_path.name}.lock")


class DraftLock:
    """Held while a session runs on the draft at ``draft_path``; ``release`` (or ``with``)."""

    def __init__(self, draft_path: Path) -> None:
        self.path = lock_path(draft_path)
        self.info = LockInfo(os.getpid(), socket.gethostname(), time.time(), os.urandom(8).hex())
        self.held = False

    def acquire(self) -> DraftLock:
        """Take the lock, or raise ``SessionOpenElsewhere`` with a plain sentence."""
        ensure_private_dir(self.path.parent)
        for _attempt in range(3):
            if self._create():
                if read_lock(self.path) == self.info:
                    self.held = True
                    return self
                continue  # someone broke it between our create and our read: look again
            current = read_lock(self.path)
            if current is None or is_stale(current):
                self._break(current)
                continue
            raise SessionOpenElsewhere(msg.OPEN_ELSEWHERE.format(since=_when(current.started)))
        current = read_lock(self.path)
        since = _when(current.started if current else time.time())
        raise SessionOpenElsewhere(msg.OPEN_ELSEWHERE.format(since=since))

    def release(self) -> None:
        # Only our own lock is removed: one taken over as stale belongs to someone else now.
        if self.held and read_lock(self.path) == self.info:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.held = False

    def __enter__(self) -> DraftLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def _create(self) -> bool:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except FileExistsError:
            return False
        try:
            info = self.info
            os.write(fd, json.dumps({"pid": info.pid, "host": info.host,
                                     "started": info.started, "token": info.token}).encode())
        finally:
            os.close(fd)
        return True

    def _break(self, seen: LockInfo | None) -> None:
        aside = self.path.with_name(f"{self.path.name}.{os.urandom(4).hex()}.stale")
        try:
            os.replace(self.path, aside)
        except OSError:
            return
        moved = read_lock(aside)
        if moved is not None and moved != seen and not is_stale(moved):
            # We moved a lock someone made a moment ago: put it back unless a newer one exists.
            with contextlib.suppress(OSError):
                if not self.path.exists():
                    os.replace(aside, self.path)
                    return
        with contextlib.suppress(OSError):
            aside.unlink()


def read_lock(path: Path) -> LockInfo | None:
    """The lock at ``path``; None when there is none or it cannot be read (a half-written lock
    from a process killed between create and write counts as unreadable, hence stale)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(_MAX_LOCK_BYTES)
        data = json.loads(raw.decode("utf-8"))
        return LockInfo(int(data["pid"]), str(data["host"]), float(data["started"]),
                        str(data["token"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def is_stale(info: LockInfo, *, now: float | None = None) -> bool:
    age = (time.time() if now is None else now) - info.started
    if age > STALE_AFTER_SECONDS or age < -STALE_AFTER_SECONDS:
        return True
    if info.host != socket.gethostname():
        return False  # another machine sharing the folder: only age can tell
    if info.pid == os.getpid():
        return False
    alive = pid_alive(info.pid)
    if alive is None:
        return age > UNSURE_STALE_HOURS * 3600
    return not alive


def pid_alive(pid: int) -> bool | None:
    """Whether process ``pid`` runs on this host; None when the platform cannot say."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by someone else
    except OSError:
        return None
    return True


def _windows_pid_alive(pid: int) -> bool | None:  # pragma: no cover - Windows only
    try:
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        query_limited_information, still_active = 0x1000, 259
        handle = kernel32.OpenProcess(query_limited_information, False, pid)
        if not handle:
            # 87 = ERROR_INVALID_PARAMETER: no such process. Anything else (access denied): unsure.
            return False if kernel32.GetLastError() == 87 else None
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return None
            return code.value == still_active
        finally:
            kernel32.CloseHandle(handle)
    except (ImportError, AttributeError, OSError):
        return None


def _when(started: float) -> str:
    return datetime.fromtimestamp(started).strftime("%H:%M on %d %B")
