"""A guidelines file handed out by someone else: only a regular file of at most 2 MiB is read.

Every case goes through both loaders the CLI uses (``loader.load_guidelines`` and
``cache.load_guidelines_cached``) and must end in one plain sentence (``GuidelinesError``), at
once: a named pipe must not block and /dev/zero must not be read without end.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from builders import tiny_yaml
from peersup_cli.errors import GuidelinesError
from peersup_cli.guidelines import loader
from peersup_cli.guidelines.cache import load_guidelines_cached
from peersup_cli.guidelines.loader import MAX_BYTES, load_guidelines
from peersup_cli.guidelines.model import Guidelines

LOADERS: dict[str, Callable[[Path], Guidelines]] = {
    "loader": load_guidelines,
    "cached": load_guidelines_cached,
}
both = pytest.mark.parametrize("load", list(LOADERS.values()), ids=list(LOADERS))


def refused(load: Callable[[Path], Guidelines], path: Path, timeout: float = 10.0) -> list[str]:
    """The problems ``load(path)`` reports, failing (not hanging) if it takes over ``timeout``."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["result"] = load(path)
        except BaseException as exc:
            outcome["error"] = exc

    # A daemon thread: if the loader blocks on a pipe, the test fails instead of hanging for ever.
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), f"loading {path} did not return within {timeout} s"
    error = outcome.get("error")
    assert isinstance(error, GuidelinesError), outcome
    assert str(error) == "\n".join(error.problems)
    return error.problems


@both
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_named_pipe_is_refused_at_once(tmp_path: Path, load: Callable[[Path], Guidelines]) -> None:
    fifo = tmp_path / "guidelines.yaml"
    os.mkfifo(fifo)
    assert refused(load, fifo) == [
        f"{fifo}: is a pipe, not a guidelines file; give the path of a YAML file"
    ]


@both
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_device_is_refused_without_reading_it(
    load: Callable[[Path], Guidelines], monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[int] = []
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        reads.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(loader.os, "read", counting_read)
    assert refused(load, Path("/dev/zero")) == [
        "/dev/zero: is a device, not a guidelines file; give the path of a YAML file"
    ]
    assert reads == []  # refused from fstat alone, before a single byte


@both
def test_symlink_to_a_device_is_refused(
    tmp_path: Path, load: Callable[[Path], Guidelines]
) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    link = tmp_path / "guidelines.yaml"
    link.symlink_to("/dev/zero")
    assert refused(load, link) == [
        f"{link}: is a device, not a guidelines file; give the path of a YAML file"
    ]


@both
def test_folder_is_refused(tmp_path: Path, load: Callable[[Path], Guidelines]) -> None:
    assert refused(load, tmp_path) == [f"{tmp_path}: is a folder, not a guidelines file"]


@both
def test_missing_file(tmp_path: Path, load: Callable[[Path], Guidelines]) -> None:
    assert refused(load, tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: no such file"]


@both
def test_file_over_the_limit_is_refused_reading_at_most_one_byte_more(
    tmp_path: Path, load: Callable[[Path], Guidelines], monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(tiny_yaml() + "# " + "x" * (3 * MAX_BYTES) + "\n", encoding="utf-8")
    got = bytearray()
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        chunk = real_read(fd, n)
        got.extend(chunk)
        return chunk

    monkeypatch.setattr(loader.os, "read", counting_read)
    assert refused(load, big) == [f"{big}: file is larger than 2 MiB"]
    assert len(got) == MAX_BYTES + 1


@both
def test_file_exactly_at_the_limit_is_read(
    tmp_path: Path, load: Callable[[Path], Guidelines]
) -> None:
    text = tiny_yaml()
    padded = text + "#" * (MAX_BYTES - len(text.encode("utf-8")) - 1) + "\n"
    assert len(padded.encode("utf-8")) == MAX_BYTES
    file = tmp_path / "g.yaml"
    file.write_text(padded, encoding="utf-8")
    assert load(file).frameworks[0].id == "tiny-2024"


@both
def test_symlink_to_a_regular_file_is_allowed(
    tmp_path: Path, load: Callable[[Path], Guidelines]
) -> None:
    real = tmp_path / "real.yaml"
    real.write_text(tiny_yaml(), encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    g = load(link)
    assert g.frameworks[0].values[1].practice == "Share Hope"
    assert g.path == str(link)  # messages and `about` name the path the person gave


@both
def test_unreadable_file(tmp_path: Path, load: Callable[[Path], Guidelines]) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root can read any file")
    file = tmp_path / "g.yaml"
    file.write_text(tiny_yaml(), encoding="utf-8")
    file.chmod(0)
    assert refused(load, file) == [f"{file}: cannot be read (Permission denied)"]


@both
def test_aliases_are_still_refused(tmp_path: Path, load: Callable[[Path], Guidelines]) -> None:
    text = tiny_yaml().replace("title: A tiny framework for tests", "title: &t A tiny framework")
    text = text.replace("title: Tiny guidelines", "title: *t")
    file = tmp_path / "g.yaml"
    file.write_text(text, encoding="utf-8")
    [problem] = refused(load, file)
    assert "YAML aliases (*t) are not supported" in problem


@both
def test_raw_control_character_names_its_line(
    tmp_path: Path, load: Callable[[Path], Guidelines]
) -> None:
    text = tiny_yaml().replace("Share Hope", "Share\x1b[2J Hope")
    file = tmp_path / "g.yaml"
    file.write_text(text, encoding="utf-8")
    line = text[: text.index("\x1b")].count("\n") + 1
    assert refused(load, file) == [
        f"{file}:{line}: holds a control character (U+001B); remove it"
    ]
