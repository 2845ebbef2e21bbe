"""storage.atomic_write and private folders: a write lands whole or not at all."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
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


# -- permissions where the platform has them -------------------------------------------------------


def test_writes_without_fchmod(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # CPython 3.11/3.12 on Windows has no os.fchmod: the temp file's path is chmod-ed instead.
    monkeypatch.delattr(storage.os, "fchmod")
    path = atomic_write(tmp_path / "a.md", "text")
    assert path.read_text(encoding="utf-8") == "text"
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_windows_never_calls_chmod(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a: Any, **_k: Any) -> None:
        raise AssertionError("chmod means nothing on Windows and must not be called")

    monkeypatch.setattr(storage, "_WINDOWS", True)
    monkeypatch.delattr(storage.os, "fchmod")
    monkeypatch.setattr(storage.os, "chmod", refuse)
    atomic_write(tmp_path / "a.md", "text", private=False)
    ensure_private_dir(tmp_path / "x" / "y")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "text"
    assert (tmp_path / "x" / "y").is_dir()


def test_a_file_system_without_modes_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # FAT on Linux refuses chmod with EPERM; there is nothing to protect by failing the save.
    def no_modes(*_a: Any, **_k: Any) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(storage.os, "fchmod", no_modes)
    monkeypatch.setattr(storage.os, "chmod", no_modes)
    atomic_write(tmp_path / "a.md", "text")
    ensure_private_dir(tmp_path / "d")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "text"


def test_shareable_file_gets_the_normal_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = atomic_write(tmp_path / "blank.md", "checklist", private=False)
        assert oct(path.stat().st_mode & 0o777) == "0o644"
        os.umask(0o027)
        atomic_write(path, "checklist 2", private=False)
        assert oct(path.stat().st_mode & 0o777) == "0o640"
        atomic_write(path, "now private")
        assert oct(path.stat().st_mode & 0o777) == "0o600"
    finally:
        os.umask(old)


def test_shareable_mode_without_proc(monkeypatch: pytest.MonkeyPatch) -> None:
    # macOS and BSD have no /proc: the umask is read by setting it and putting it back.
    real_open = open

    def no_proc(file: Any, *a: Any, **k: Any) -> Any:
        if str(file).startswith("/proc/"):
            raise FileNotFoundError(errno.ENOENT, "No such file", str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr("builtins.open", no_proc)
    old = os.umask(0o002)
    try:
        assert oct(storage._shareable_mode()) == "0o664"
        assert os.umask(0o002) == 0o002  # put back as it was
    finally:
        os.umask(old)


# -- never overwrite: every platform's way -------------------------------------------------------


@pytest.fixture(params=["link", "no-link", "link-eperm", "link-enotsup", "windows"])
def claim_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each way ``overwrite=False`` can claim a name, set up on this machine."""
    kind = str(request.param)
    if kind == "no-link":
        monkeypatch.delattr(storage.os, "link")
    elif kind.startswith("link-"):
        code = errno.EPERM if kind == "link-eperm" else errno.ENOTSUP

        def no_links(*_a: Any, **_k: Any) -> None:
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(storage.os, "link", no_links)
    elif kind == "windows":
        _simulate_windows(monkeypatch)
    return kind


def _simulate_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows' rename refuses an existing target, atomically; it has no fchmod, and hard
    links are not what peersup uses there."""
    real_rename = os.rename
    lock = threading.Lock()  # the file system's own check and move are one step on Windows

    def windows_rename(src: Any, dst: Any) -> None:
        with lock:
            if os.path.lexists(dst):
                raise FileExistsError(errno.EEXIST, "Cannot create a file...", str(dst))
            real_rename(src, dst)

    def no_link(*_a: Any, **_k: Any) -> None:
        raise AssertionError("os.link is not used on Windows")

    monkeypatch.setattr(storage, "_WINDOWS", True)
    monkeypatch.setattr(storage.os, "rename", windows_rename)
    monkeypatch.setattr(storage.os, "link", no_link)
    monkeypatch.delattr(storage.os, "fchmod")


def test_never_overwrite_on_each_path(tmp_path: Path, claim_path: str) -> None:
    path = tmp_path / "a.md"
    atomic_write(path, "first", overwrite=False)
    with pytest.raises(FileExistsError):
        atomic_write(path, "second", overwrite=False)
    assert path.read_text(encoding="utf-8") == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]  # no temp, no claim left


def test_racing_writers_one_wins_on_each_path(tmp_path: Path, claim_path: str) -> None:
    for round_ in range(20):
        path = tmp_path / f"race-{round_}.md"
        barrier = threading.Barrier(4)
        outcomes: list[str] = []

        def writer(
            n: int,
            path: Path = path,
            barrier: threading.Barrier = barrier,
            outcomes: list[str] = outcomes,
        ) -> None:
            barrier.wait()
            try:
                atomic_write(path, f"writer {n}\n", overwrite=False)
                outcomes.append(f"won {n}")
            except FileExistsError:
                outcomes.append("lost")

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        [winner] = [o for o in outcomes if o.startswith("won")]
        assert outcomes.count("lost") == 3
        assert path.read_text(encoding="utf-8") == f"writer {winner.split()[1]}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"race-{n}.md" for n in range(20))


def test_no_link_claim_holds_the_name_while_checking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The exact interleaving a race needs, made to happen: a second writer arrives while the
    # first holds the claim and has checked that the name is free, but not yet renamed.
    monkeypatch.delattr(storage.os, "link")
    path = tmp_path / "a.md"
    real_lexists = os.path.lexists
    seen: list[str] = []

    def lexists_then_rival(name: Any) -> bool:
        free = real_lexists(name)
        if not seen:
            seen.append("checked")
            with pytest.raises(FileExistsError):
                atomic_write(path, "rival", overwrite=False)
            seen.append("rival refused")
        return free

    monkeypatch.setattr(storage.os.path, "lexists", lexists_then_rival)
    atomic_write(path, "first", overwrite=False)
    assert seen == ["checked", "rival refused"]
    assert path.read_text(encoding="utf-8") == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_no_link_claim_left_by_a_kill_blocks_only_that_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(storage.os, "link")
    claim = tmp_path / ".a.md.claim.tmp"
    claim.write_bytes(b"")
    with pytest.raises(FileExistsError):
        atomic_write(tmp_path / "a.md", "x", overwrite=False)
    assert not (tmp_path / "a.md").exists()
    atomic_write(tmp_path / "b.md", "x", overwrite=False)
    os.utime(claim, (1_000_000, 1_000_000))
    assert storage.remove_stale_temp_files(tmp_path) == [claim]
    atomic_write(tmp_path / "a.md", "x", overwrite=False)


def test_link_failing_for_another_reason_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_a: Any, **_k: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "link", full)
    with pytest.raises(StorageError, match="the disk is full"):
        atomic_write(tmp_path / "a.md", "x", overwrite=False)
    assert list(tmp_path.iterdir()) == []


def test_racing_processes_one_wins(tmp_path: Path) -> None:
    # Separate processes, as two peersup windows would be: the real os.link, no threads.
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from peersup_cli.storage import atomic_write\n"
        "go = Path(sys.argv[2])\n"
        "while not go.exists():\n"
        "    pass\n"
        "try:\n"
        "    atomic_write(Path(sys.argv[1]), sys.argv[3], overwrite=False)\n"
        "    print('won')\n"
        "except FileExistsError:\n"
        "    print('lost')\n"
    )
    target, go = tmp_path / "a.md", tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(target), str(go), f"writer {n}"],
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for n in range(3)
    ]
    go.write_bytes(b"")
    results = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert sorted(results) == ["lost", "lost", "won"]
    winner = results.index("won")
    assert target.read_text(encoding="utf-8") == f"writer {winner}"


# -- a file held by another program (Windows) ------------------------------------------------------


def _held(times: int | None, winerror: int | None = 32) -> tuple[Any, list[str]]:
    """An os.replace that fails like a held file ``times`` times (always, for None)."""
    real_replace = os.replace
    calls: list[str] = []

    def replace(src: Any, dst: Any) -> None:
        calls.append("call")
        if times is None or len(calls) <= times:
            exc = PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
            if winerror is not None:
                exc.winerror = winerror  # type: ignore[attr-defined]
            raise exc
        real_replace(src, dst)

    return replace, calls


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(storage.time, "sleep", slept.append)
    return slept


def test_held_file_is_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_sleep: list[float]
) -> None:
    path = atomic_write(tmp_path / "a.md", "old")
    replace, calls = _held(3)
    monkeypatch.setattr(storage.os, "replace", replace)
    atomic_write(path, "new")
    assert path.read_text(encoding="utf-8") == "new"
    assert len(calls) == 4
    assert no_sleep == sorted(no_sleep) and len(no_sleep) == 3  # short, growing sleeps
    assert _leftovers(tmp_path) == []


def test_file_held_for_good_is_a_plain_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_sleep: list[float]
) -> None:
    path = atomic_write(tmp_path / "a.md", "precious")
    replace, calls = _held(None)
    monkeypatch.setattr(storage.os, "replace", replace)
    with pytest.raises(StorageError) as caught:
        atomic_write(path, "new")
    assert str(caught.value) == (
        f"Could not save {path}: another program (perhaps a virus scanner or OneDrive) is "
        "holding the file. Try again in a moment."
    )
    assert 0.5 <= sum(no_sleep) <= 1.5  # about a second in all
    assert len(calls) == len(no_sleep) + 1
    assert path.read_text(encoding="utf-8") == "precious"
    assert _leftovers(tmp_path) == []


def test_held_file_on_windows_and_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_sleep: list[float]
) -> None:
    path = atomic_write(tmp_path / "a.md", "precious")
    _simulate_windows(monkeypatch)
    replace, _calls = _held(None, winerror=5)
    monkeypatch.setattr(storage.os, "replace", replace)
    with pytest.raises(StorageError, match="is holding the file"):
        atomic_write(path, "new")
    os.chmod(path, 0o444)  # what Windows reports for a file marked read-only
    with pytest.raises(StorageError, match="marked read-only"):
        atomic_write(path, "new")
    assert path.read_text(encoding="utf-8") == "precious"
    assert _leftovers(tmp_path) == []


def test_held_temp_file_on_windows_claim_is_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_sleep: list[float]
) -> None:
    # A scanner opens the fresh temp file before it is renamed: the rename is retried too.
    _simulate_windows(monkeypatch)
    windows_rename = storage.os.rename
    calls: list[str] = []

    def held_once(src: Any, dst: Any) -> None:
        calls.append("call")
        if len(calls) == 1:
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        windows_rename(src, dst)

    monkeypatch.setattr(storage.os, "rename", held_once)
    atomic_write(tmp_path / "a.md", "x", overwrite=False)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "x"
    assert len(calls) == 2


def test_posix_permission_denied_is_not_blamed_on_another_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_sleep: list[float]
) -> None:
    path = atomic_write(tmp_path / "a.md", "old")
    replace, _calls = _held(None, winerror=None)
    monkeypatch.setattr(storage.os, "replace", replace)
    with pytest.raises(StorageError, match=r"a\.md: permission denied\.$"):
        atomic_write(path, "new")


@pytest.mark.parametrize(
    ("exc", "phrase"),
    [
        (OSError(errno.ENOTSUP, "Operation not supported"), "does not support it"),
        (OSError(errno.EBUSY, "Device or resource busy"), "in use by another program"),
    ],
)
def test_plain_reasons(exc: OSError, phrase: str) -> None:
    assert phrase in storage._reason(exc)


@pytest.mark.parametrize(
    ("winerror", "phrase"), [(32, "is using the file"), (5, "access was denied")]
)
def test_plain_reasons_for_windows_codes(winerror: int, phrase: str) -> None:
    exc = PermissionError(errno.EACCES, "Access is denied")
    exc.winerror = winerror  # type: ignore[attr-defined]
    assert phrase in storage._reason(exc)


# -- folders ---------------------------------------------------------------------------------------


def test_every_created_folder_is_private_whatever_the_umask(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir(mode=0o755)
    os.chmod(tmp_path / "shared", 0o755)
    for umask in (0o000, 0o277):  # 000 would leave 0777 parents; 277 an unwritable 0500
        old = os.umask(umask)
        try:
            deep = tmp_path / "shared" / f"u{umask:o}" / "b" / "c"
            ensure_private_dir(deep)
        finally:
            os.umask(old)
        for folder in (deep, deep.parent, deep.parent.parent):
            assert oct(folder.stat().st_mode & 0o777) == "0o700", folder
    assert oct((tmp_path / "shared").stat().st_mode & 0o777) == "0o755"  # existing: kept


def test_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    os.chmod(folder, 0o750)
    assert ensure_private_dir(folder) == folder
    assert oct(folder.stat().st_mode & 0o777) == "0o750"


def test_a_file_in_the_way_of_a_parent(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StorageError, match="file exists but is not a folder"):
        ensure_private_dir(tmp_path / "file" / "sub")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    with pytest.raises(StorageError, match="dangling exists but is not a folder"):
        ensure_private_dir(tmp_path / "dangling" / "sub")
    assert not (tmp_path / "nowhere").exists()


def test_folder_made_by_another_writer_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_mkdir = os.mkdir

    def someone_was_first(name: Any, mode: int = 0o777) -> None:
        real_mkdir(name, 0o755)
        os.chmod(name, 0o755)
        real_mkdir(name, mode)  # raises FileExistsError, as in a real race

    monkeypatch.setattr(storage.os, "mkdir", someone_was_first)
    ensure_private_dir(tmp_path / "a")
    assert oct((tmp_path / "a").stat().st_mode & 0o777) == "0o755"  # theirs: left alone


# -- leftovers from a kill -------------------------------------------------------------------------

OLD = (1_000_000.0, 1_000_000.0)  # 1970: older than any threshold


def test_stale_temp_files_only_ours_only_old(tmp_path: Path) -> None:
    ours_old = tmp_path / ".2024-05-01-peer-supporter.md.ab_c12z9.tmp"
    claim_old = tmp_path / ".2024-05-01-peer-supporter.md.claim.tmp"
    ours_new = tmp_path / ".x.md.k3j4h5g6.tmp"
    not_ours = [
        tmp_path / "notes.tmp",  # no leading dot
        tmp_path / ".x.md.short.tmp",  # not mkstemp's 8 characters
        tmp_path / ".x.md.ab_c12z9.tmp.bak",
        tmp_path / ".x.md.ABCDEFGH.tmp",  # mkstemp never uses capitals
        tmp_path / "2024-05-01-peer-supporter.md",
    ]
    for path in [ours_old, claim_old, ours_new, *not_ours]:
        path.write_text("x", encoding="utf-8")
    for path in [ours_old, claim_old, *not_ours]:
        os.utime(path, OLD)
    folder_like = tmp_path / ".d.md.abcdefgh.tmp"
    folder_like.mkdir()
    os.utime(folder_like, OLD)
    sub = tmp_path / "sub"
    sub.mkdir()
    deeper = sub / ".x.md.abcdefgh.tmp"
    deeper.write_text("x", encoding="utf-8")
    os.utime(deeper, OLD)

    removed = storage.remove_stale_temp_files(tmp_path)
    assert sorted(removed) == sorted([ours_old, claim_old])
    assert not ours_old.exists() and not claim_old.exists()
    assert ours_new.exists() and folder_like.is_dir() and deeper.exists()
    assert all(p.exists() for p in not_ours)
    # A younger threshold takes the new one too; nothing else.
    assert storage.remove_stale_temp_files(tmp_path, older_than_seconds=-60) == [ours_new]


def test_stale_cleanup_never_follows_a_symlink(tmp_path: Path) -> None:
    folder = tmp_path / "journals"
    folder.mkdir()
    target = tmp_path / "precious.md"
    target.write_text("keep me", encoding="utf-8")
    os.utime(target, OLD)
    link = folder / ".a.md.abcdefgh.tmp"
    link.symlink_to(target)
    os.utime(link, OLD, follow_symlinks=False)
    assert storage.remove_stale_temp_files(folder) == []
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "keep me"


def test_stale_cleanup_of_a_missing_folder(tmp_path: Path) -> None:
    assert storage.remove_stale_temp_files(tmp_path / "missing") == []


def test_stale_cleanup_without_dir_fd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows has no dir_fd: names are resolved against the folder path instead.
    monkeypatch.setattr(storage.os, "supports_dir_fd", set())
    stale = tmp_path / ".a.md.abcdefgh.tmp"
    stale.write_bytes(b"")
    os.utime(stale, OLD)
    link = tmp_path / ".b.md.abcdefgh.tmp"
    link.symlink_to(stale)
    assert storage.remove_stale_temp_files(tmp_path) == [stale]
    assert link.is_symlink()


def test_stale_cleanup_skips_other_owners(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / ".a.md.abcdefgh.tmp"
    stale.write_bytes(b"")
    os.utime(stale, OLD)
    monkeypatch.setattr(storage.os, "getuid", lambda: stale.stat().st_uid + 1)
    assert storage.remove_stale_temp_files(tmp_path) == []
    assert stale.exists()


def test_stale_cleanup_where_files_have_no_owner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows has no os.getuid: ownership is not checked there, the rest is.
    monkeypatch.delattr(storage.os, "getuid")
    stale = tmp_path / ".a.md.abcdefgh.tmp"
    stale.write_bytes(b"")
    os.utime(stale, OLD)
    fresh = tmp_path / ".b.md.abcdefgh.tmp"
    fresh.write_bytes(b"")
    assert storage.remove_stale_temp_files(tmp_path) == [stale]
    assert fresh.exists()
