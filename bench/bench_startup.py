"""Whole-process start-up times for the browse commands, against ``python -c pass``.

Run by hand: ``.venv/bin/python bench/bench_startup.py [-n 20]``. Each command runs N times as a
separate process (the ``peersup`` installed next to this Python), output piped away, and the
median, min and max wall time in milliseconds are printed. No asserts: the figures go in notes.
Goal (issue 2): each peersup command under 100 ms median on the development machine.

Like an installed copy (pip writes .pyc files at install), the runs use compiled bytecode: it is
kept in a temporary PYTHONPYCACHEPREFIX, so nothing is written into the source tree, and a
PYTHONDONTWRITEBYTECODE=1 in the environment is overridden. ``--no-bytecode`` measures the
slower path where every peersup module is compiled on each run. The guidelines cache is warmed
by the first run, as it is after the first command a person runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def commands() -> list[tuple[str, list[str]]]:
    peersup = str(Path(sys.executable).with_name("peersup"))
    return [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("import click (floor)", [sys.executable, "-c", "import click"]),
        ("peersup --help", [peersup, "--help"]),
        ("peersup values", [peersup, "values"]),
        ("peersup show 1", [peersup, "show", "1"]),
    ]


def time_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=20, help="runs per command (default 20)")
    parser.add_argument(
        "--no-bytecode", action="store_true", help="compile every module on each run"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        # Keep the benchmark away from real journals, config and cache.
        env = {
            **os.environ,
            "PEERSUP_HOME": str(Path(tmp) / "journals"),
            "PEERSUP_CONFIG": str(Path(tmp) / "config.toml"),
            "PEERSUP_CACHE_DIR": str(Path(tmp) / "cache"),
        }
        env.pop("PEERSUP_GUIDELINES", None)
        if args.no_bytecode:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        print(f"{'command':<22} {'median':>8} {'min':>8} {'max':>8}   (ms, {args.n} runs)")
        for name, cmd in commands():
            time_once(cmd, env)  # warm the file cache once
            runs = [time_once(cmd, env) for _ in range(args.n)]
            print(f"{name:<22} {statistics.median(runs):8.1f} {min(runs):8.1f} {max(runs):8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
