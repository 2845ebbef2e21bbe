"""The shape the code keeps: journal/ is a leaf, one reader of the format, small modules,
and tests that share builders instead of importing each other."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "peersup_cli"


def imports_of(path: Path) -> set[str]:
    """The peersup_cli modules ``path`` imports (relative imports resolved)."""
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            elif node.module and node.module.startswith("peersup_cli"):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("peersup_cli")}
    return found


def test_journal_is_a_leaf() -> None:
    allowed = ("peersup_cli.journal", "peersup_cli.storage", "peersup_cli.errors",
               "peersup_cli.messages")
    for path in (SRC / "journal").glob("*.py"):
        for name in imports_of(path):
            assert name.startswith(allowed) or name == "peersup_cli", (path.name, name)


def test_one_reader_of_the_journal_format() -> None:
    # Only journal/ parses the format; everyone else reads journals through store.
    for path in SRC.rglob("*.py"):
        if path.parent.name == "journal":
            continue
        text = path.read_text(encoding="utf-8")
        assert "front_matter import" not in text, path
        parses = re.search(r"format import [^\n]*\bparse\b", text)
        # resume.py parses text it read itself, for the checksum of exactly those bytes.
        assert not parses or path.name == "resume.py", path


def test_no_module_over_400_lines() -> None:
    for path in SRC.rglob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path


def test_no_test_module_imports_another() -> None:
    for path in (ROOT / "tests").glob("test_*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) test_", text, re.MULTILINE), path.name


def test_every_package_says_what_it_holds() -> None:
    for init in SRC.rglob("__init__.py"):
        text = init.read_text(encoding="utf-8")
        assert "filled in" not in text and "TODO" not in text, init
        if init.parent != SRC and init.parent.name != "data":
            assert ast.get_docstring(ast.parse(text)), init
