"""Every test runs with every peersup path pinned inside its own tmp_path."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]

# Property tests must not fail because the machine is busy (CI has two loaded cores): no per-example
# deadline, and no "too slow" health check. A test's own @settings inherits these unless it sets
# the same setting itself. ``pytest --hypothesis-profile=...`` still picks another profile.
settings.register_profile(
    "peersup", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("peersup")


@pytest.fixture(autouse=True)
def pinned_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Path]]:
    pinned = {
        "home": tmp_path / "journals",
        "config": tmp_path / "config" / "config.toml",
        "cache": tmp_path / "cache",
    }
    monkeypatch.setenv("PEERSUP_HOME", str(pinned["home"]))
    monkeypatch.setenv("PEERSUP_CONFIG", str(pinned["config"]))
    monkeypatch.setenv("PEERSUP_CACHE_DIR", str(pinned["cache"]))
    monkeypatch.delenv("PEERSUP_GUIDELINES", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    # Let unexpected exceptions surface in tests instead of the friendly one-liner.
    monkeypatch.setenv("PEERSUP_DEBUG", "1")
    # platformdirs must never be reached: point the XDG folders into tmp_path as a second guard.
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "xdg" / var.lower()))
    yield pinned


@dataclass
class CliResult:
    """What a run of ``peersup`` left: its exit code and what it wrote where."""

    exit_code: int
    stdout: str
    stderr: str
    output: str  # stdout and stderr interleaved, as a person at a terminal would see them


@pytest.fixture
def runner():  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        return CliRunner()  # click 8.2+: stderr is always apart


@pytest.fixture
def cli(runner):  # type: ignore[no-untyped-def]
    """Run ``peersup ARGS...`` through ``main``, the real entry point; returns a CliResult.

    click's runner only provides the isolation (stdin from ``input``, captured streams); the
    exit code is the one ``main`` returns to the shell. Unexpected exceptions propagate
    (PEERSUP_DEBUG is set), so a test fails with the traceback.
    """
    from peersup_cli.cli.app import main

    def invoke(*args: str, input: str | None = None) -> CliResult:
        with runner.isolation(input=input) as streams:
            code = main(list(args))
            sys.stdout.flush()
            sys.stderr.flush()
            got = [s.getvalue().decode("utf-8", "replace") for s in streams]
        # click 8.2+ also records both interleaved; before it, one after the other is close enough.
        return CliResult(code, got[0], got[1], got[2] if len(got) > 2 else got[0] + got[1])

    return invoke
