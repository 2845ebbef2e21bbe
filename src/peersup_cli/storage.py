"""Every file peersup writes goes through here: private directories and atomic writes.

A journal holds someone's private reflections, so directories are 0700 and files 0600 (where
the platform has such modes), and a write either lands whole or not at all: the data goes to a
temporary file ``.NAME.xxxxxxxx.tmp`` in the same directory, is flushed to disk, and only then
takes the final name.

Most people run peersup on Windows laptops, some keep journals on a USB stick (FAT/exFAT) or a
network share, so nothing here may assume POSIX: every call that only some platforms have is
guarded, and each guard says what happens instead.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .errors import StorageError

DIR_MODE = 0o700
FILE_MODE = 0o600
# A leftover temp file older than this is from a write that was killed; a write in progress
# takes milliseconds (and keeps touching its file), so an hour can never catch a live one.
STALE_AFTER_SECONDS = 3600.0

# Windows has no owner/group/other modes: os.chmod there only flips the read-only flag, and a
# file's privacy comes from the ACL it inherits from the user's profile folder. Tests change this
# to walk the Windows paths on any machine.
_WINDOWS = os.name == "nt"

# os.link fails with these where the file system or share simply has no hard links (FAT/exFAT
# report EPERM on Linux, ENOTSUP on macOS; SMB and FUSE mounts say EOPNOTSUPP, ENOSYS, EXDEV, and
# some EACCES for a directory we could just write to). Any of them means "use the other way".
def _errnos(*names: str) -> frozenset[int]:
    # By name, so a code one platform's errno module lacks can never break the import.
    return frozenset(code for name in names if (code := getattr(errno, name, None)) is not None)


_NO_HARD_LINKS = _errnos(
    "EPERM", "EACCES", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "ENOSYS", "EMLINK", "EINVAL"
)
# chmod fails like this where the file system stores no modes at all (FAT on Linux without the
# ``quiet`` mount option says EPERM): there is nothing to protect by failing the write then.
_NO_MODES = _errnos("EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EINVAL")

# A virus scanner, the search indexer or OneDrive may hold a file for a moment after it is
# written; the sleeps grow so a short hold costs little and a long one ends after about a second.
_HELD_RETRY_DELAYS = (0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.25)
# Windows error codes behind PermissionError: access denied (5), sharing violation (32),
# lock violation (33).
_WINERROR_HELD = frozenset({5, 32, 33})

# The names atomic_write leaves behind only if it is killed: mkstemp's ".NAME." + 8 characters
# from [a-z0-9_] + ".tmp", and the ".NAME.claim.tmp" of the no-hard-link path.
_TEMP_NAME = re.compile(r"\..+\.(?:[a-z0-9_]{8}|claim)\.tmp")
_CLAIM_SUFFIX = ".claim.tmp"

_umask_lock = threading.Lock()


# -- folders -------------------------------------------------------------------------------------


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents as owner-only (0700) folders; return it.

    Each folder this call creates is set to 0700 after it is made, so neither the umask (000 would
    leave parents 0777; 0277 would leave a folder we cannot write) nor ``mkdir``'s masking decide.
    A folder that already exists keeps its mode: a person may have chosen to share it. On Windows
    modes mean nothing and the folder inherits its parent's permissions.
    """
    missing: list[Path] = []
    probe = path
    try:
        # Walk up to the first folder that exists; everything below it is ours to create.
        while not probe.is_dir():
            if probe.exists() or probe.is_symlink():
                raise StorageError(f"{probe} exists but is not a folder.")
            missing.append(probe)
            if probe.parent == probe:  # a drive or root that does not exist
                break
            probe = probe.parent
    except OSError as exc:
        raise StorageError(f"Could not create the folder {path}: {_reason(exc)}.") from exc
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError as exc:
            # Another peersup made it a moment ago: theirs, so its mode is left alone.
            if not folder.is_dir():
                raise StorageError(f"{folder} exists but is not a folder.") from exc
            continue
        except OSError as exc:
            raise StorageError(f"Could not create the folder {folder}: {_reason(exc)}.") from exc
        try:
            _set_mode(str(folder), DIR_MODE)
        except OSError as exc:
            raise StorageError(f"Could not protect the folder {folder}: {_reason(exc)}.") from exc
    return path


# -- writing -------------------------------------------------------------------------------------


def atomic_write(
    path: Path, data: str | bytes, *, overwrite: bool = True, private: bool = True
) -> Path:
    """Write ``data`` (``str`` as UTF-8) to ``path`` atomically; return ``path``.

    ``private=True`` (the default) makes the file owner-only (0600); ``private=False`` gives it
    the mode any new file would get (0666 less the umask), for blank checklists that hold no
    private text. On Windows both leave the file to the folder's inherited permissions.

    With ``overwrite=False`` an existing file is never replaced: ``FileExistsError`` is raised
    and the caller picks another name; of two writers racing for one name exactly one wins (see
    ``_claim`` for how, on each platform). With ``overwrite=True`` a file held for a moment by
    another program is retried for about a second.

    Any other failure raises ``StorageError`` with a plain sentence, and leaves the old file (if
    any) untouched and no temporary file behind. The data and (where the platform allows) the
    folder entry are flushed to disk before this returns.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent
    if not directory.is_dir():
        raise StorageError(f"Could not save {path}: the folder {directory} does not exist.")
    mode = FILE_MODE if private or _WINDOWS else _shareable_mode()
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        try:
            _set_mode(tmp_name, mode, fd)
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if overwrite:
            _while_held(path, lambda: os.replace(tmp_name, path))
        else:
            _claim(tmp_name, path)
        tmp_name = ""
        _fsync_dir(directory)
    except FileExistsError:
        raise
    except OSError as exc:
        raise StorageError(f"Could not save {path}: {_reason(exc)}.") from exc
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return path


def _claim(tmp_name: str, path: Path) -> None:
    """Give the finished temp file the name ``path`` only if nothing has that name.

    Raises ``FileExistsError`` when the name is taken (or being taken by another peersup).

    * Windows: ``os.rename`` refuses to replace an existing file (MoveFileEx without
      REPLACE_EXISTING), and the check is the file system's own, so it is atomic on NTFS, FAT,
      exFAT and SMB alike. No hard links are needed.
    * POSIX: ``os.link`` fails with EEXIST if the name exists, atomically, and the temp name is
      then dropped. A kill between the two leaves only a temp file for
      ``remove_stale_temp_files``.
    * POSIX without hard links (FAT/exFAT USB sticks, many network shares, or ``os.link``
      missing): ``os.rename`` would silently replace, so peersup writers first take a lock beside
      the file, ``.NAME.claim.tmp``, with ``O_CREAT | O_EXCL`` (exclusive on every file system
      that has no hard links, NFSv3+ included). Holding it, the name is checked and the temp file
      renamed. Two peersup writers are thereby serialised; only another program creating that
      exact name between the check and the rename (microseconds) could still be replaced. A
      zero-byte placeholder under the final name would be simpler but would show as an empty
      journal after a kill; a leftover claim is a hidden temp file that blocks only that one
      name (callers move on to the next) until ``remove_stale_temp_files`` takes it away.
    """
    if _WINDOWS:
        _while_held(path, lambda: os.rename(tmp_name, path))
        return
    link = getattr(os, "link", None)
    if link is not None:
        try:
            link(tmp_name, path)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
        else:
            # The data is safely under its final name; a failure to drop the temp name must not
            # report the save as failed (the leftover is swept later).
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            return
    _claim_without_links(tmp_name, path)


def _claim_without_links(tmp_name: str, path: Path) -> None:
    claim = path.with_name(f".{path.name}{_CLAIM_SUFFIX}")
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(claim, flags, FILE_MODE)  # FileExistsError: another writer holds this name
    os.close(fd)
    try:
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "File exists", str(path))
        _while_held(path, lambda: os.rename(tmp_name, path))
    finally:
        with contextlib.suppress(OSError):
            os.unlink(claim)


def _while_held(path: Path, move: Callable[[], None]) -> None:
    """Run ``move`` (a rename onto ``path``), retrying for about a second while another
    program holds a file (``PermissionError``); then a ``StorageError`` that says so.

    Retried on every platform: Windows is where it happens daily, but a Mac or Linux machine
    writing to an SMB share can meet a file a Windows machine holds open, the same way.
    """
    for delay in (*_HELD_RETRY_DELAYS, None):
        try:
            move()
            return
        except PermissionError as exc:
            if delay is None:
                raise StorageError(f"Could not save {path}: {_held_reason(path, exc)}") from exc
            time.sleep(delay)


def _held_reason(path: Path, exc: PermissionError) -> str:
    winerror = getattr(exc, "winerror", None)
    if _WINDOWS or winerror in _WINERROR_HELD:
        with contextlib.suppress(OSError):
            # Windows refuses to replace a file marked read-only, with the same error code.
            if not os.stat(path).st_mode & stat.S_IWRITE:
                return "the file is marked read-only. Clear that in its Properties and try again."
        return (
            "another program (perhaps a virus scanner or OneDrive) is holding the file. "
            "Try again in a moment."
        )
    return f"{_reason(exc)}."


def _set_mode(name: str, mode: int, fd: int | None = None) -> None:
    """Set ``mode`` where the platform has modes; a file system without them is no error."""
    if _WINDOWS:
        return  # os.chmod would only toggle the read-only flag; the ACL decides privacy
    try:
        fchmod = getattr(os, "fchmod", None)
        if fd is not None and fchmod is not None:
            fchmod(fd, mode)
        else:
            os.chmod(name, mode)  # our own fresh file or folder, so no symlink to follow here
    except OSError as exc:
        if exc.errno not in _NO_MODES:
            raise


def _shareable_mode() -> int:
    """0666 less the umask: the mode a plain ``open(..., "w")`` would give a new file.

    Python has no way to read the umask without setting it. Linux shows it in /proc/self/status,
    which changes nothing; elsewhere ``os.umask`` is set and put back at once, under a lock so two
    peersup threads cannot interleave. A file another thread creates in that instant would get
    umask 077, i.e. be more private, never less: a documented, harmless race.
    """
    with (
        contextlib.suppress(OSError, ValueError),
        open("/proc/self/status", encoding="ascii", errors="replace") as status,
    ):
        for line in status:
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    with _umask_lock:
        old = os.umask(0o077)
        os.umask(old)
    return 0o666 & ~old


def _fsync_dir(directory: Path) -> None:
    # Makes the new name itself durable; not every platform lets a directory be opened (Windows
    # refuses, and NTFS journals the rename itself).
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- leftovers -----------------------------------------------------------------------------------


def remove_stale_temp_files(
    folder: Path, older_than_seconds: float = STALE_AFTER_SECONDS
) -> list[Path]:
    """Remove the temp files a killed ``atomic_write`` left in ``folder``; return those removed.

    Only peersup's own names are touched (``.NAME.xxxxxxxx.tmp`` and ``.NAME.claim.tmp``), only
    regular files (a symlink is never followed nor removed), only files owned by this user where
    the platform says who owns a file, and only those last changed more than
    ``older_than_seconds`` ago, so a write in progress in another peersup is safe. Only ``folder``
    itself is looked at, not its subfolders (``folder`` itself may be a symlink: it is the
    caller's choice of folder). A missing folder, or a file that cannot be removed (held by
    another program, say), is skipped: this is tidying, never a reason to fail.
    """
    cutoff = time.time() - older_than_seconds
    uid = os.getuid() if hasattr(os, "getuid") else None
    removed: list[Path] = []
    # Where the platform allows, the folder is opened once and every name is looked at and
    # removed relative to it, so the folder cannot be swapped for another in between.
    dir_fd: int | None = None
    if os.listdir in os.supports_fd and os.stat in os.supports_dir_fd \
            and os.unlink in os.supports_dir_fd:
        try:
            dir_fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return removed
    try:
        # The names are listed in C and only ours looked at closer: a journal folder of years
        # holds 100,000 names, and every session tidies it.
        names = os.listdir(folder if dir_fd is None else dir_fd)
        for name in [n for n in names if n.endswith(".tmp") and _TEMP_NAME.fullmatch(n)]:
            where = name if dir_fd is not None else folder / name
            with contextlib.suppress(OSError):  # gone already, or held by another program
                info = os.stat(where, dir_fd=dir_fd, follow_symlinks=False)
                if (stat.S_ISREG(info.st_mode) and (uid is None or info.st_uid == uid)
                        and info.st_mtime <= cutoff):
                    os.unlink(where, dir_fd=dir_fd)
                    removed.append(folder / name)
    except OSError:
        pass
    finally:
        if dir_fd is not None:
            os.close(dir_fd)
    return removed


# -- reasons -------------------------------------------------------------------------------------


def _reason(exc: OSError) -> str:
    """A plain phrase for the common reasons a write fails."""
    winerror = getattr(exc, "winerror", None)
    if winerror in (32, 33):
        return "another program (perhaps a virus scanner or OneDrive) is using the file"
    if winerror == 5:
        return "access was denied (another program may be using the file, or it is read-only)"
    unsupported = "this disk or network folder does not support it"
    reasons = {
        **dict.fromkeys(_errnos("ENOTSUP", "EOPNOTSUPP"), unsupported),
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.ENOENT: "the folder does not exist",
        errno.ENOTDIR: "part of the path is not a folder",
        errno.EISDIR: "that path is a folder",
        errno.EBUSY: "the file is in use by another program",
        errno.ENAMETOOLONG: "the name is too long",
        errno.EIO: "the disk could not be read or written (is it still plugged in?)",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))
