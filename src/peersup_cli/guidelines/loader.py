"""Read a guidelines YAML file into the model, reporting every problem with file, line and key path.

The YAML is composed into nodes (not constructed into Python objects) so that every problem can
name its line, and so that aliases are refused before they can expand: an alias bomb never gets
the chance to grow. Only the safe loader is used, the C one where PyYAML has it.

Before composing, ``prescan`` refuses aliases, unsafe tags and too deep nesting from the parser's
events; ``validate`` then walks the node tree against the schema and builds the model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import GuidelinesError
from .model import Guidelines
from .prescan import MAX_DEPTH, prescan
from .validate import SCHEMA_VERSION, Checker

__all__ = ["MAX_BYTES", "SCHEMA_VERSION", "load_guidelines", "packaged_path", "parse_guidelines"]

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
    return parse_guidelines(_read_text(file), str(file))


def _read_text(file: Path) -> str:
    name = str(file)
    try:
        with file.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise GuidelinesError([f"{name}: no such file"]) from None
    except IsADirectoryError:
        raise GuidelinesError([f"{name}: is a folder, not a guidelines file"]) from None
    except OSError as exc:
        raise GuidelinesError([f"{name}: cannot be read ({exc.strerror})"]) from None
    if len(raw) > MAX_BYTES:
        raise GuidelinesError([f"{name}: file is larger than {MAX_BYTES // (1024 * 1024)} MiB"])
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
    except yaml.YAMLError as exc:
        raise GuidelinesError([f"{name}: YAML syntax error: {exc}"]) from None
    if root is None:
        raise GuidelinesError([f"{name}: file holds no data (only comments or blank lines)"])
    checker = Checker(name)
    guidelines = checker.document(root)
    if checker.problems or guidelines is None:
        raise GuidelinesError(checker.problems or [f"{name}: not a valid guidelines file"])
    return Guidelines(guidelines.schema_version, guidelines.frameworks, path=name)
