"""storage.atomic_write and private folders: a write lands whole or not at all."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from peersup_cli import storage
from peersup_cli.errors import StorageError
from peersup_cli.storage import atomic_write, ensure_private_dir


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_new_file_is_private(tmp_path: Path) -> None:
    path = atomic_write(tmp_path / "a.md", "héllo\n")
    assert path.read_text(encoding="utf-8") == "héllo\n"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert _leftovers(tmp_path) == []


def test_replace_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    atomic_write(path, "old")
    os.chmod(path, 0o644)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_overwrite_false_refuses_a_taken_name(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    atomic_write(path, "first")
    with pytest.raises(FileExistsError):
        atomic_write(path, "second", overwrite=False)
    assert path.read_text(encoding="utf-8") == "first"
    assert _leftovers(tmp_path) == []
    atomic_write(tmp_path / "b.md", "fresh", overwrite=False)
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == "fresh"


def test_failed_replace_keeps_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    atomic_write(path, "precious")

    def no_space(*_a: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", no_space)
    with pytest.raises(StorageError, match="the disk is full"):
        atomic_write(path, "new text")
    assert path.read_text(encoding="utf-8") == "precious"
    assert _leftovers(tmp_path) == []


def test_failed_write_midway_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(*_a: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "write", no_space)
    with pytest.raises(StorageError, match="the disk is full"):
        atomic_write(tmp_path / "a.md", "text", overwrite=False)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_or_missing_folder_is_a_plain_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        atomic_write(tmp_path / "missing" / "a.md", "x")

    def denied(*_a: Any, **_k: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    # Root ignores folder permissions, so the refusal is simulated where the temp file is made.
    monkeypatch.setattr(storage.tempfile, "mkstemp", denied)
    with pytest.raises(StorageError, match="permission denied"):
        atomic_write(tmp_path / "a.md", "x")
    assert list(tmp_path.iterdir()) == []


def test_private_dirs(tmp_path: Path) -> None:
    folder = ensure_private_dir(tmp_path / "a" / "b")
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StorageError, match="is not a folder"):
        ensure_private_dir(tmp_path / "file")


def test_cli_full_disk_keeps_no_half_journal(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pinned_paths: dict[str, Path]
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("role: peer-supporter\nvalues:\n  hopeful: {rating: 3}\n", encoding="utf-8")
    real_link = os.link

    def full(src: Any, dst: Any) -> None:
        if str(dst).endswith(".md"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_link(src, dst)

    monkeypatch.setattr(storage.os, "link", full)
    result = cli("reflect", "--answers", str(answers))
    assert result.exit_code == 1
    assert "the disk is full" in result.stderr and "Traceback" not in result.stderr
    home = pinned_paths["home"]
    assert [p.name for p in home.iterdir() if p.suffix == ".md" or p.name.endswith(".tmp")] == []
