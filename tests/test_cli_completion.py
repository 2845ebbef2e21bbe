"""Shell completion: `peersup completion SHELL` prints a script for bash, zsh, fish and
PowerShell, and partial words complete to commands, roles, frameworks, values and journal
references, through the same environment-variable protocol the shells use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.shell_completion import get_completion_class

from builders import sample
from peersup_cli.cli import completion
from peersup_cli.cli.app import cli as root


def offered(shell: str, args: list[str], incomplete: str) -> list[str]:
    cls = get_completion_class(shell)
    assert cls is not None
    found = cls(root, {}, "peersup", completion.COMPLETE_VAR).get_completions(args, incomplete)
    return [item.value for item in found]


def bash(words: str, cword: int) -> list[str]:
    """What bash is told for COMP_WORDS/COMP_CWORD, from a real peersup process."""
    env = {**os.environ, "_PEERSUP_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(cword)}
    done = subprocess.run([sys.executable, "-m", "peersup_cli"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return [line.split(",", 1)[1] for line in done.stdout.splitlines()]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell", "PowerShell", "pwsh"])
def test_completion_prints_a_script_for_each_shell(cli: Any, shell: str) -> None:
    result = cli("completion", shell)
    assert result.exit_code == 0, result.output
    assert "_PEERSUP_COMPLETE" in result.stdout and "peersup" in result.stdout


def test_the_powershell_script_registers_a_completer(cli: Any) -> None:
    text = cli("completion", "powershell").stdout
    assert "Register-ArgumentCompleter -Native -CommandName peersup" in text
    assert "powershell_complete" in text and "%" not in text


def test_bash_completes_commands_through_the_environment() -> None:
    assert bash("peersup jou", 1) == ["journal"]
    assert bash("peersup journal ", 2)[:2] == ["list", "show"]
    assert bash("peersup show -r su", 3) == ["supervisor"]


def test_roles_frameworks_values_and_shells() -> None:
    assert offered("bash", ["show", "hope", "--role"], "") == ["peer-supporter", "supervisor"]
    assert offered("zsh", ["values", "-f"], "na") == ["naps-2019"]
    assert offered("fish", ["show"], "hop") == ["hopeful"]
    assert "open-minded" in offered("bash", ["show", "-f", "naps-2019"], "op")
    assert offered("bash", ["export", "checklist", "--role"], "b") == ["both"]
    assert offered("bash", ["export", "checklist", "--format"], "") == ["md", "html", "pdf"]
    assert offered("bash", ["completion"], "p") == ["powershell"]


def test_journal_references_come_from_the_index(cli: Any, pinned_paths: dict[str, Path]) -> None:
    assert offered("bash", ["journal", "show"], "") == ["latest"]  # no index yet: still cheap
    sample(pinned_paths["home"])
    assert cli("journal", "list").exit_code == 0  # builds the index
    refs = offered("bash", ["journal", "show"], "")
    assert refs[:3] == ["latest", "5", "4"]
    assert "2026-01-15" in refs
    assert offered("bash", ["export", "journal"], "2026") == ["2026-01-15"]
    assert offered("bash", ["journal", "compare", "1"], "l") == ["latest"]


def test_powershell_protocol_gives_type_value_and_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMP_WORDS", "peersup show -r s")
    monkeypatch.setenv("COMP_CWORD", "s")
    ps = completion.PowerShellComplete(root, {}, "peersup", completion.COMPLETE_VAR)
    assert ps.complete() == "plain\tsupervisor\tSupervisor"


def test_completion_never_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("frameworks: [", encoding="utf-8")
    assert offered("bash", ["--guidelines", str(broken), "show"], "h") == []
    assert offered("bash", ["--guidelines", str(broken), "values", "-f"], "") == []
    index = Path(os.environ["PEERSUP_CACHE_DIR"])
    index.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr("peersup_cli.paths.index_file", lambda: index / "index.sqlite")
    (index / "index.sqlite").write_text("not a database", encoding="utf-8")
    assert offered("bash", ["journal", "show"], "") == []
