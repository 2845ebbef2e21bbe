"""``peersup config show``, ``config set`` and ``peersup where``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


def test_show_when_nothing_is_set(cli: Any, pinned_paths: dict[str, Path]) -> None:
    result = cli("config", "show")
    assert result.exit_code == 0
    assert f"Config file: {pinned_paths['config']}" in result.stdout
    assert "role          (not set)" in result.stdout
    assert "journal_dir   (not set)" in result.stdout
    assert "session_size  (not set)" in result.stdout


def test_set_then_show(cli: Any, pinned_paths: dict[str, Path]) -> None:
    assert cli("config", "set", "framework", "naps-2019").stdout == "Set framework to naps-2019.\n"
    assert cli("config", "set", "role", "supervisor").exit_code == 0
    shown = cli("config", "show", "--json")
    data = json.loads(shown.stdout)
    assert data["settings"] == {"role": "supervisor", "framework": "naps-2019",
                                "journal_dir": None, "session_size": None, "name": None}
    config = pinned_paths["config"]
    assert 'role = "supervisor"' in config.read_text(encoding="utf-8")
    assert oct(config.stat().st_mode & 0o777) == "0o600"
    assert cli("config", "set", "role", "").stdout == "Cleared role.\n"
    assert json.loads(cli("config", "show", "--json").stdout)["settings"]["role"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["colour", "blue"],
         "Unknown setting 'colour'. Settings: role, framework, journal_dir, session_size, "
         "name."),
        (["session_size", "none"],
         "session_size takes a number of values (1 or more) or all, not 'none'."),
        (["session_size", "0"], "session_size takes a number of values (1 or more) or all"),
        (["framework", "nope"], "There is no framework called 'nope'. Available: "),
        (["role", "coach"], "There is no role called 'coach'. Roles: peer-supporter, supervisor."),
    ],
)
def test_bad_keys_and_values(cli: Any, args: list[str], message: str,
                             pinned_paths: dict[str, Path]) -> None:
    result = cli("config", "set", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not pinned_paths["config"].exists()


def test_role_is_checked_against_the_configured_framework(cli: Any) -> None:
    assert cli("config", "set", "framework", "naps-2019").exit_code == 0
    result = cli("config", "set", "role", "peer-supporter")
    assert result.exit_code == 2
    assert "no role called 'peer-supporter' in naps-2019. Roles: supervisor." in result.stderr


def test_journal_dir_must_not_be_a_file(cli: Any, tmp_path: Path) -> None:
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    result = cli("config", "set", "journal_dir", str(a_file))
    assert result.exit_code == 2 and "is not a folder" in result.stderr


def test_where_prints_every_path(cli: Any, pinned_paths: dict[str, Path], tmp_path: Path) -> None:
    result = cli("where")
    assert result.exit_code == 0
    out = result.stdout
    home = pinned_paths["home"]
    assert f"journals                      {home}\n" in out
    assert f"drafts (unfinished sessions)  {home / '.drafts'}\n" in out
    assert f"config                        {pinned_paths['config']}\n" in out
    assert f"cache (safe to delete)        {pinned_paths['cache']}\n" in out
    assert "journal index" in out and "guidelines.yaml (packaged)" in out
    data = json.loads(cli("where", "--json").stdout)
    assert data["journals"] == str(home) and data["drafts"] == str(home / ".drafts")
    other = tmp_path / "other"
    assert json.loads(cli("where", "--json", "--journal-dir", str(other)).stdout)[
        "journals"] == str(other)
    assert not home.exists()  # looking never creates anything


def test_where_follows_the_config_and_the_guidelines_option(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PEERSUP_HOME")
    target = tmp_path / "configured"
    assert cli("config", "set", "journal_dir", str(target)).exit_code == 0
    data = json.loads(cli("where", "--json").stdout)
    assert data["journals"] == str(target)
    monkeypatch.setenv("PEERSUP_GUIDELINES", str(tmp_path / "g.yaml"))
    assert json.loads(cli("where", "--json").stdout)["guidelines"] == str(tmp_path / "g.yaml")


def test_config_set_matches_roles_and_frameworks_as_typed(cli) -> None:  # type: ignore[no-untyped-def]
    for typed, saved in (("Supervisor", "supervisor"), ("peer", "peer-supporter")):
        result = cli("config", "set", "role", typed)
        assert result.exit_code == 0, result.output
        assert f"Set role to {saved}." in result.stdout
    result = cli("config", "set", "framework", "naps")
    assert result.exit_code == 0 and "Set framework to naps-2019." in result.stdout
