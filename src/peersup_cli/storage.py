"""Every file peersup writes goes through here: private directories and atomic writes.

A journal holds someone's private reflections, so directories are 0700 and files 0600, and a
write either lands whole or not at all: the data goes to a temporary file in the same
directory, is flushed to disk, and only then takes the final name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from .errors import StorageError

DIR_MODE = 0o700
FILE_MODE = 0o600


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) as owner-only directories; return it.

    An existing directory keeps its mode: a person may have chosen to share it.
    """
    try:
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise StorageError(f"{path} exists but is not a folder.") from exc
    except OSError as exc:
        raise StorageError(f"Could not create the folder {path}: {_reason(exc)}.") from exc
    return path


def atomic_write(path: Path, data: str | bytes, *, overwrite: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically with owner-only permissions.

    With ``overwrite=False`` an existing file is never replaced: ``FileExistsError`` is raised
    and the caller picks another name (``os.link`` claims the name atomically, so two sessions
    finishing in the same second cannot take the same file).
    Any other failure raises ``StorageError`` and leaves the old file (if any) untouched and no
    temporary file behind.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent
    if not directory.is_dir():
        raise StorageError(f"Could not save {path}: the folder {directory} does not exist.")
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if overwrite:
            os.replace(tmp_name, path)
        else:
            os.link(tmp_name, path)  # raises FileExistsError if the name is taken
            os.unlink(tmp_name)
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


def _fsync_dir(directory: Path) -> None:
    # Makes the new name itself durable; not every platform lets a directory be opened.
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


def _reason(exc: OSError) -> str:
    """A plain phrase for the common reasons a write fails."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.ENOENT: "the folder does not exist",
        errno.ENOTDIR: "part of the path is not a folder",
        errno.EISDIR: "that path is a folder",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))
