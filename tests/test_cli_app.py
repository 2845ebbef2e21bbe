"""cli/app: the one error boundary, the lazy command table, help that reads plainly, and the
layering rule (nothing below cli/ imports cli/)."""

from __future__ import annotations

import ast
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from peersup_cli.cli.app import COMMANDS, main

SRC = Path(__file__).resolve().parents[1] / "src" / "peersup_cli"


def boom(exc: BaseException) -> Any:
    def raiser(*args: object, **kwargs: object) -> None:
        raise exc

    return raiser


# -- the error boundary -------------------------------------------------------------------------
def test_ctrl_c_anywhere_is_one_calm_line(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("peersup_cli.cli.common.load_guidelines", boom(KeyboardInterrupt()))
    result = cli("values")
    assert result.exit_code == 130
    assert result.stderr.strip() == "peersup: Stopped."
    assert result.stdout == ""


def test_a_command_with_its_own_words_for_ctrl_c(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peersup_cli.errors import Interrupted

    monkeypatch.setattr(
        "peersup_cli.cli.common.load_guidelines", boom(Interrupted("Stopped. Kept a draft."))
    )
    result = cli("values")
    assert (result.exit_code, result.stderr) == (130, "peersup: Stopped. Kept a draft.\n")


def test_unexpected_error_is_one_friendly_line(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("peersup_cli.cli.common.load_guidelines", boom(RuntimeError("boom")))
    monkeypatch.delenv("PEERSUP_DEBUG")
    result = cli("values")
    assert result.exit_code == 1
    assert result.stderr == (
        "peersup: peersup ran into a problem it did not expect: RuntimeError: boom. "
        "Set PEERSUP_DEBUG=1 to see the details.\n"
    )
    monkeypatch.setenv("PEERSUP_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        cli("values")


def test_a_reader_that_left_is_no_error(monkeypatch: pytest.MonkeyPatch) -> None:
    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", Gone())
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["values"]) == 0
    assert err.getvalue() == ""


def test_a_closed_pipe_in_a_real_process_is_quiet(tmp_path: Path) -> None:
    from peersup_cli.guidelines.loader import packaged_path

    # Practice phrases far longer than a pipe holds (64 KiB), so the write must meet the close.
    big = tmp_path / "big.yaml"
    text = packaged_path().read_text("utf-8")
    big.write_text(re.sub(r"practice: .*", f"practice: {'word ' * 1900}", text), "utf-8")
    reader = subprocess.Popen(
        [sys.executable, "-m", "peersup_cli", "--guidelines", str(big), "values"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.read(10)
    reader.stdout.close()  # like `| head -c 10`
    err = reader.stderr.read()
    reader.stderr.close()
    reader.wait(timeout=60)
    assert err == b"" and reader.returncode == 0


def test_usage_errors_are_one_plain_sentence(cli: Any) -> None:
    result = cli("show")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "peersup: `peersup show` needs VALUE after it, for example `peersup show hope`. "
        "See `peersup show --help`.\n"
    )
    assert "`nope` is not a peersup command" in cli("nope").stderr


def test_a_group_without_a_command_shows_its_menu(cli: Any) -> None:
    for args in ((), ("journal",), ("export",), ("config",)):
        result = cli(*args)
        assert result.exit_code == 0 and result.stderr == "", args
        assert "Usage:" not in result.stdout and "peersup" in result.stdout


def test_version(cli: Any) -> None:
    from peersup_cli import __version__

    assert cli("--version").stdout == f"peersup {__version__}\n"


# -- help -----------------------------------------------------------------------------------
def every_command(cli: Any) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = [()]
    for name in COMMANDS:
        found.append((name,))
        text = cli(name, "--help").stdout
        if "Commands:" in text:
            listed = text.split("Commands:\n", 1)[1].split("\n\n")[0].splitlines()
            found += [(name, line.split()[0]) for line in listed if line.startswith("  ")]
    return found


def test_help_summaries_are_never_cut(cli: Any) -> None:
    for args in [(), ("journal",), ("export",), ("config",)]:
        text = cli(*args, "--help").stdout
        commands = text.split("Commands:\n", 1)[1].split("\n\n")[0]
        assert "..." not in commands, (args, commands)
    listed = cli("--help").stdout.split("Commands:\n")[1].split("\n\n")[0].splitlines()
    assert [line.split()[0] for line in listed if not line.startswith("   ")] == list(COMMANDS)


def test_help_uses_plain_words_not_type_names(cli: Any) -> None:
    commands = every_command(cli)
    assert ("journal", "summary") in commands and ("config", "set") in commands
    for args in commands:
        result = cli(*args, "--help")
        assert result.exit_code == 0, (args, result.output)
        text = result.stdout
        for name in ("TEXT", "INTEGER", "PATH", "DIRECTORY", "FILENAME", "<str>", "<int", "<file"):
            assert name not in text, (args, name)


def test_shared_options_have_one_help_text(cli: Any) -> None:
    seen: dict[str, set[str]] = {}
    for args in every_command(cli):
        lines = cli(*args, "--help").stdout.split("Options:\n")[-1].splitlines()
        for line in lines:
            parts = line.split("  ")
            flag = line.strip().split(" ")[0].rstrip(",")
            if flag.startswith("-") and len(parts) > 2:
                seen.setdefault(flag, set()).add(parts[-1].strip()[:30])
    for flag in ("--journal-dir", "--json", "--force", "--since", "--until", "--supervisee"):
        assert len(seen[flag]) == 1, (flag, seen[flag])


# -- lazy command table and layering ------------------------------------------------------------
def test_only_the_command_asked_for_is_imported() -> None:
    code = (
        "import sys; from peersup_cli.cli.app import main; main(['values']); "
        "print(' '.join(sorted(m for m in sys.modules "
        "if m.startswith('peersup_cli.cli.') or m in ('rich', 'typer', 'pydantic'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**os.environ},
    )
    loaded = set(done.stdout.split("\n")[-2].split())
    assert "peersup_cli.cli.browse" in loaded
    for module in ("journal_cmd", "reflect_cmd", "export_cmd", "config_cmd", "terminal"):
        assert f"peersup_cli.cli.{module}" not in loaded
    # Plain text needs neither rich nor anything typer brought.
    assert not loaded & {"rich", "typer", "pydantic"}


def test_nothing_below_cli_imports_cli() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if rel.parts[0] == "cli" or rel.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                target = ("." * node.level) + (node.module or "")
                names = [a.name for a in node.names]
                if "cli" in target.split(".") or (target.strip(".") == "" and "cli" in names):
                    offenders.append(f"{rel}: from {target} import {names}")
            elif isinstance(node, ast.Import):
                offenders += [f"{rel}: {a.name}" for a in node.names if ".cli" in a.name]
    assert offenders == []


def test_typer_is_gone() -> None:
    for path in SRC.rglob("*.py"):
        assert "typer" not in path.read_text("utf-8"), path
