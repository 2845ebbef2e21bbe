"""The browse commands through the CLI: frameworks, values, show, about, validate,
init-guidelines, and the global --guidelines / PEERSUP_GUIDELINES."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from peersup_cli.cli import browse
from peersup_cli.guidelines.loader import load_guidelines, packaged_path

HOPE_BULLET = "Peer supporters remain grounded in hope when individuals feel hopeless."
HOPE_SUPERVISOR_BULLET = (
    "Promote a culture of high expectations for the people that the ACCS team serves."
)

TINY = """\
schema_version: 1
frameworks:
  - id: tiny-2024
    title: A tiny framework for tests
    source:
      title: Tiny guidelines
      organisation: The test organisation
      year: 2024
      url: https://example.org/tiny
      licence: Free to use with credit.
    roles:
      - id: supervisor
        label: Supervisor
    values:
      - id: curious
        number: 1
        title: Peer Supporters Are Curious
        practice: Ask Open Questions
        description: We wonder with people, not about them.
        guidelines:
          supervisor:
            - Ask before assuming.
        prompts:
          supervisor:
            - What did you wonder about this week?
"""


def flat(text: str) -> str:
    """Output with line wrapping undone, so a wrapped sentence can be found whole."""
    return " ".join(text.split())


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.exit_code, result.output)
    return str(result.stdout)


def fails(result: Any) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    return str(result.stderr)


# -- frameworks --------------------------------------------------------------------------------
def test_frameworks_table(cli: Any) -> None:
    out = ok(cli("frameworks"))
    ma, naps = (flat(block) for block in out.split("\n\n"))
    assert ma.startswith("ma-accs-2022 Guidelines for Supervision of Peer Supporters")
    assert "11 values; roles: Peer supporter, Supervisor" in ma
    assert "Source: ACCS Peer Support Supervision Workgroup, 2022" in ma
    assert naps.startswith("naps-2019 National Practice Guidelines for Supervisors")
    assert "12 values; roles: Supervisor" in naps
    assert "Source: National Association of Peer Supporters, 2019" in naps


def test_frameworks_json(cli: Any) -> None:
    data = json.loads(ok(cli("frameworks", "--json")))
    by_id = {f["id"]: f for f in data["frameworks"]}
    assert set(by_id) == {"ma-accs-2022", "naps-2019"}
    assert by_id["ma-accs-2022"]["values"] == 11 and by_id["naps-2019"]["values"] == 12
    assert [r["id"] for r in by_id["naps-2019"]["roles"]] == ["supervisor"]
    assert by_id["naps-2019"]["source"]["year"] == 2019
    assert "iSPARC" in by_id["ma-accs-2022"]["source"]["credit"]
    assert len(by_id["ma-accs-2022"]["rating_scale"]) == 4


# -- values --------------------------------------------------------------------------------------
def test_values_default_framework(cli: Any) -> None:
    out = ok(cli("values"))
    rows = [line.split() for line in out.splitlines() if line[:2].strip().isdigit()]
    assert [int(r[0]) for r in rows] == list(range(1, 12))
    assert [r[1] for r in rows][:3] == ["voluntary", "hopeful", "empathic"]
    assert "Share Hope" in out and "open-minded" not in out


def test_values_naps_lists_twelve_with_open_minded(cli: Any) -> None:
    out = ok(cli("values", "--framework", "naps-2019"))
    rows = [line.split() for line in out.splitlines() if line[:2].strip().isdigit()]
    assert len(rows) == 12
    assert rows[2][:2] == ["3", "open-minded"]
    assert "Withhold Judgment About Others" in flat(out)


def test_values_json(cli: Any) -> None:
    data = json.loads(ok(cli("values", "--framework", "naps-2019", "--json")))
    assert data["framework"] == "naps-2019"
    assert len(data["values"]) == 12
    assert data["values"][1] == {
        "number": 2,
        "id": "hopeful",
        "title": "Peer Supporters Are Hopeful",
        "practice": "Share Hope",
    }


def test_unknown_framework(cli: Any) -> None:
    err = fails(cli("values", "--framework", "nope"))
    assert "No framework called 'nope'" in err and "ma-accs-2022, naps-2019" in err


def test_config_framework_is_the_default(cli: Any, pinned_paths: dict[str, Path]) -> None:
    pinned_paths["config"].parent.mkdir(parents=True)
    pinned_paths["config"].write_text('framework = "naps-2019"\n', encoding="utf-8")
    assert "open-minded" in ok(cli("values"))
    assert "open-minded" not in ok(cli("values", "--framework", "ma-accs-2022"))


# -- show ----------------------------------------------------------------------------------------
def test_show_hope(cli: Any) -> None:
    out = ok(cli("show", "hope"))
    text = flat(out)
    assert out.startswith("2. Peer Supporters Are Hopeful: Share Hope")
    assert "Share Hope" in out
    assert HOPE_BULLET in text and HOPE_SUPERVISOR_BULLET in text
    assert "Peer supporter guidelines" in out and "Supervisor guidelines" in out
    assert "The belief that self-defined recovery is possible brings hope" in text
    assert "Questions to reflect on (peer supporter)" in out
    assert "Questions to reflect on (supervisor)" in out
    assert "   4. Peer supporters remain grounded in hope" in out  # numbered


@pytest.mark.parametrize(
    ("query", "heading"),
    [
        ("3", "3. Peer Supporters Are Empathic: Listen with Emotional Sensitivity"),
        ("strengths", "9. Peer Support is Strength-Focused: See what's Strong, Not What's Wrong"),
        ("VOLUNTARY", "1. Peer Support is Voluntary: Support Choice"),
        ("person-driven", "11. Peer Support Is Person-Driven: Focus on the Person, Not the"),
    ],
)
def test_show_by_number_word_or_id(cli: Any, query: str, heading: str) -> None:
    assert ok(cli("show", query)).startswith(heading)


def test_show_role_limits_to_one_role(cli: Any) -> None:
    out = ok(cli("show", "hope", "--role", "supervisor"))
    assert HOPE_SUPERVISOR_BULLET in flat(out)
    assert HOPE_BULLET not in flat(out)
    assert "Peer supporter guidelines" not in out
    assert "(peer supporter)" not in out and "Questions to reflect on (supervisor)" in out


def test_show_unknown_value_suggests(cli: Any) -> None:
    err = fails(cli("show", "hopefull"))
    assert err.count("\n") == 1
    assert "No value matches 'hopefull'" in err and "Did you mean: 2 hopeful (Share Hope)?" in err


def test_show_ambiguous_value_lists_candidates(cli: Any) -> None:
    err = fails(cli("show", "peer"))
    assert err.count("\n") == 1
    assert "fits 11 values: 1 voluntary, 2 hopeful" in err and "and 7 more" in err
    assert "Did you mean" in err


def test_show_number_out_of_range(cli: Any) -> None:
    err = fails(cli("show", "12"))
    assert "No value number 12 in ma-accs-2022; numbers go from 1 to 11." in err


def test_show_role_the_framework_lacks(cli: Any) -> None:
    err = fails(cli("show", "hope", "--framework", "naps-2019", "--role", "peer-supporter"))
    assert "has no role 'peer-supporter'" in err


def test_show_json(cli: Any) -> None:
    data = json.loads(ok(cli("show", "open", "--framework", "naps-2019", "--json")))
    assert data["id"] == "open-minded" and data["number"] == 3
    assert data["framework"] == "naps-2019" and data["roles"] == ["supervisor"]
    assert data["practice"] == "Withhold Judgment About Others"
    assert data["guidelines"]["supervisor"][0].startswith("View differences as an opportunity")
    assert len(data["prompts"]["supervisor"]) == 3
    assert isinstance(data["description"], str)


def test_show_json_with_role(cli: Any) -> None:
    data = json.loads(ok(cli("show", "1", "--role", "peer-supporter", "--json")))
    assert list(data["guidelines"]) == ["peer-supporter"] == list(data["prompts"])


# -- 80 columns, piped and on a terminal --------------------------------------------------------
@pytest.mark.parametrize("tty", [False, True], ids=["piped", "terminal"])
@pytest.mark.parametrize("args", [("values",), ("show", "1"), ("frameworks",), ("about",)])
def test_fits_80_columns(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tty: bool, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(browse, "_is_tty", lambda: tty)
    out = ok(cli(*args))
    assert out.strip()
    # Only a single unbreakable word (a long path of the test's tmp folder) may stick out.
    too_long = [line for line in out.splitlines() if len(line) > 80 and " " in line.strip()]
    assert not too_long
    assert "\x1b[" not in out  # NO_COLOR and not a terminal: no escape codes


def test_terminal_rendering_has_the_content(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browse, "_is_tty", lambda: True)
    monkeypatch.delenv("NO_COLOR")
    out = ok(cli("show", "hope"))
    assert "\x1b[1m2. Peer Supporters Are Hopeful" in out  # the heading is bold
    plain = out.replace("\x1b[1m", "").replace("\x1b[0m", "")
    assert "Share Hope" in plain and HOPE_BULLET in flat(plain)
    table = ok(cli("values", "--framework", "naps-2019"))
    assert "open-minded" in table and "Withhold Judgment" in table


# -- about ---------------------------------------------------------------------------------------
def test_about(cli: Any, pinned_paths: dict[str, Path]) -> None:
    out = ok(cli("about"))
    text = flat(out)
    assert "reflection checklist for the peer support workforce" in text
    assert "National Association of Peer Supporters (NAPS)" in text
    assert "iSPARC" in text and "ACCS Peer Support Supervision Workgroup" in text
    assert f"Journals: {pinned_paths['home']}" in text
    assert f"Settings: {pinned_paths['config']}" in text
    assert "Nothing leaves this computer" in text
    assert "MIT licence" in text
    assert "Licence note: No open licence is stated" in text
    assert "https://www.peersupportworks.org/" in text


# -- validate and bad guidelines files ---------------------------------------------------------
def test_validate_packaged_file(cli: Any) -> None:
    out = ok(cli("validate", str(packaged_path())))
    assert out == f"{packaged_path()} is valid: 2 frameworks, 23 values.\n"


def test_validate_tiny_file(cli: Any, tmp_path: Path) -> None:
    file = tmp_path / "tiny.yaml"
    file.write_text(TINY, encoding="utf-8")
    assert ok(cli("validate", str(file))) == f"{file} is valid: 1 framework, 1 value.\n"


def test_validate_bad_file_lists_every_problem(cli: Any, tmp_path: Path) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text(
        TINY.replace("        practice: Ask Open Questions\n", "").replace(
            "year: 2024", "year: soon"
        ),
        encoding="utf-8",
    )
    result = cli("validate", str(file))
    err = fails(result)
    assert result.stdout.splitlines() == [
        f"{file}:8: frameworks[0].source.year: expected a whole number, got text",
        f"{file}:15: frameworks[0].values[0].practice: missing",
    ]
    assert err == f"peersup: {file} is not valid: 2 problems.\n"


def test_validate_missing_file(cli: Any, tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path / "none.yaml"))
    fails(result)
    assert result.stdout == f"{tmp_path / 'none.yaml'}: no such file\n"


def test_bad_guidelines_option_gives_the_loader_error(cli: Any, tmp_path: Path) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text("schema_version: 1\nframeworks: []\n", encoding="utf-8")
    for args in (("values",), ("show", "1"), ("frameworks",), ("about",)):
        err = fails(cli("--guidelines", str(file), *args))
        assert err == f"peersup: {file}:2: frameworks: must not be an empty list\n"


def test_guidelines_option_and_env_var(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "tiny.yaml"
    file.write_text(TINY, encoding="utf-8")
    out = ok(cli("--guidelines", str(file), "values"))
    assert "curious" in out and "voluntary" not in out
    monkeypatch.setenv("PEERSUP_GUIDELINES", str(file))
    assert "Ask before assuming." in ok(cli("show", "curious"))
    assert f"Loaded from: {file}" in ok(cli("about"))
    err = fails(cli("show", "hope"))
    assert "No value matches 'hope' in tiny-2024" in err


# -- init-guidelines -----------------------------------------------------------------------------
def test_init_guidelines_writes_a_loadable_copy(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "ours.yaml"
    out = ok(cli("init-guidelines", str(target)))
    assert f"Wrote {target}." in out and f"peersup validate {target}" in flat(out)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text("utf-8")
    header = text.split("schema_version")[0]
    for words in (
        "Keep each framework's source and licence lines",
        "peersup validate",
        "--guidelines",
        "PEERSUP_GUIDELINES",
        "docs/guidelines-format.md",
    ):
        assert words in header
    assert text.endswith(packaged_path().read_text("utf-8"))
    assert load_guidelines(target) == load_guidelines()
    assert "is valid: 2 frameworks, 23 values." in ok(cli("validate", str(target)))
    assert "Share Hope" in ok(cli("--guidelines", str(target), "show", "hope"))


def test_init_guidelines_never_overwrites(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "ours.yaml"
    target.write_text("my own work\n", encoding="utf-8")
    err = fails(cli("init-guidelines", str(target)))
    assert (
        err == f"peersup: {target} already exists; choose another name, or add --force to "
        "replace it.\n"
    )
    assert target.read_text("utf-8") == "my own work\n"
    assert [p.name for p in tmp_path.iterdir()] == ["ours.yaml"]  # no temporary file left


def test_init_guidelines_missing_folder_and_folder_path(cli: Any, tmp_path: Path) -> None:
    err = fails(cli("init-guidelines", str(tmp_path / "nope" / "ours.yaml")))
    assert f"The folder {tmp_path / 'nope'} does not exist" in err
    assert not (tmp_path / "nope").exists()
    err = fails(cli("init-guidelines", str(tmp_path)))
    assert f"{tmp_path} is a folder; give a file name" in err


# -- the real entry point: exit codes as a shell sees them -------------------------------------
def test_main_returns_the_exit_code(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from peersup_cli.cli.app import main

    assert main(["show", "hopefull"]) == 2
    assert "Did you mean: 2 hopeful" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("frameworks: 3\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    out = capsys.readouterr().out
    assert f"{bad}:1: schema_version: missing" in out
    assert f"{bad}:1: frameworks: expected a list, got the number 3" in out
    assert main(["values"]) == 0
    assert "open-minded" not in capsys.readouterr().out
