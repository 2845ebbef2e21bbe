"""Read a guidelines YAML file into the model, reporting every problem with file, line and key path.

The YAML is composed into nodes (not constructed into Python objects) so that every problem can
name its line, and so that aliases are refused before they can expand: an alias bomb never gets
the chance to grow. Only the safe loader is used, the C one where PyYAML has it.

Before composing, ``prescan`` refuses aliases, unsafe tags and too deep nesting from the parser's
events; ``validate`` then walks the node tree against the schema and builds the model.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from ..errors import GuidelinesError
from .model import Guidelines
from .prescan import MAX_DEPTH, prescan
from .validate import SCHEMA_VERSION, Checker

__all__ = [
    "MAX_BYTES",
    "SCHEMA_VERSION",
    "decode_text",
    "load_guidelines",
    "packaged_path",
    "parse_guidelines",
    "read_bytes",
]

# A guidelines file is text an organisation wrote: the packaged one is about 90 KiB. The limit
# keeps a wrong or hostile file from filling memory (docs/guidelines-format.md states it).
MAX_BYTES = 2 * 1024 * 1024
PACKAGED_NAME = "guidelines.yaml"


def packaged_path() -> Path:
    """The guidelines file that ships inside the package."""
    import importlib

    data = importlib.import_module("peersup_cli.data")
    if getattr(data, "__file__", None):  # a regular package: no need for importlib.resources
        return Path(str(data.__file__)).parent / PACKAGED_NAME
    from importlib import resources  # (costs ~5 ms: zipfile and friends)

    return Path(str(resources.files(data).joinpath(PACKAGED_NAME)))


def load_guidelines(path: Path | str | None = None) -> Guidelines:
    """Load and validate ``path`` (default: the packaged file). Raises ``GuidelinesError``."""
    file = Path(path) if path else packaged_path()
    return parse_guidelines(decode_text(read_bytes(file), str(file)), str(file))


def read_bytes(file: Path) -> bytes:
    """The bytes of a guidelines file, at most ``MAX_BYTES``. Raises ``GuidelinesError``.

    The file may come from anyone (an organisation hands out its own), so only a regular file
    is read: a named pipe would block for ever and a device such as /dev/zero never ends. It is
    opened without blocking (so opening a pipe returns at once), checked with fstat on the open
    descriptor (so a swap after the check cannot matter), and read up to one byte past the limit.
    A symbolic link is followed: a link to a regular file is fine.
    """
    name = str(file)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(file, flags)
    except FileNotFoundError:
        raise GuidelinesError([f"{name}: no such file"]) from None
    except IsADirectoryError:
        raise GuidelinesError([f"{name}: {_NOT_A_FILE['folder']}"]) from None
    except OSError as exc:
        raise GuidelinesError([f"{name}: cannot be read ({_reason(exc)})"]) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise GuidelinesError([f"{name}: {_NOT_A_FILE[_kind_of(mode)]}"])
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise GuidelinesError([f"{name}: cannot be read ({_reason(exc)})"]) from None
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        raise GuidelinesError([f"{name}: file is larger than {MAX_BYTES // (1024 * 1024)} MiB"])
    return b"".join(chunks)


_NOT_A_FILE = {
    "folder": "is a folder, not a guidelines file",
    "pipe": "is a pipe, not a guidelines file; give the path of a YAML file",
    "device": "is a device, not a guidelines file; give the path of a YAML file",
    "other": "is not a regular file; give the path of a YAML file",
}


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "other"


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def decode_text(raw: bytes, name: str) -> str:
    """``raw`` as text: UTF-8, with or without a byte-order mark. Raises ``GuidelinesError``."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GuidelinesError([f"{name}:{line}: not valid UTF-8 text"]) from None


def parse_guidelines(text: str, name: str = "<guidelines>") -> Guidelines:
    """Validate YAML ``text`` and build the model; ``name`` is used in messages."""
    import yaml  # imported here: only commands that read guidelines pay for it

    loader_cls: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if not text.strip():
        raise GuidelinesError([f"{name}: file is empty"])
    try:
        unsafe = prescan(yaml, loader_cls, text, name)
        if unsafe:
            raise GuidelinesError(unsafe)
        root = yaml.compose(text, Loader=loader_cls)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{name}:{mark.line + 1}" if mark else name
        problem = exc.problem or exc.context or "YAML syntax error"
        if "nesting depth" in problem:
            # libyaml 0.2.6+ (PyYAML 6.0.4 wheels) stops deep nesting itself, before prescan
            # sees it: say it in the same words prescan would.
            raise GuidelinesError([f"{where}: nested more than {MAX_DEPTH} levels deep"]) from None
        raise GuidelinesError([f"{where}: YAML syntax error: {problem}"]) from None
    except yaml.reader.ReaderError:
        raise GuidelinesError([_unreadable_character(yaml, text, name)]) from None
    except yaml.YAMLError as exc:
        raise GuidelinesError([f"{name}: YAML syntax error: {exc}"]) from None
    if root is None:
        raise GuidelinesError([f"{name}: file holds no data (only comments or blank lines)"])
    checker = Checker(name)
    guidelines = checker.document(root)
    if checker.problems or guidelines is None:
        raise GuidelinesError(checker.problems or [f"{name}: not a valid guidelines file"])
    return Guidelines(guidelines.schema_version, guidelines.frameworks, path=name)


def _unreadable_character(yaml: Any, text: str, name: str) -> str:
    # YAML refuses control characters written raw; its own message gives a position that the C
    # reader counts differently from Python, so find the character and its line ourselves.
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if found is None:
        return f"{name}: YAML syntax error: a character that YAML does not allow"
    line = text.count("\n", 0, found.start()) + 1
    return f"{name}:{line}: holds a control character (U+{ord(found.group()):04X}); remove it"
