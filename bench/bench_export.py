"""Whole-process wall time of `peersup export checklist` for the full checklist.

Both roles, every value, descriptions and prompts: as PDF, HTML and Markdown. Each figure is the
median of several runs of the real command in a fresh process (startup and imports included),
which is what a person waits for. No asserts: the figures go into notes. Goals on this machine:
PDF <= 500 ms, HTML <= 200 ms.

    .venv/bin/python bench/bench_export.py [--runs 7]
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

REPO = Path(__file__).resolve().parents[1]
GUIDELINES = REPO / "data" / "guidelines.yaml"
FULL = ["--role", "both", "--with-descriptions", "--with-prompts"]


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one run; CPU time (user + system) shows how much of the wall time
    was the command's own work when other processes share the machine."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} failed with exit code {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def summary(runs: list[tuple[float, float]]) -> str:
    wall = sorted(w * 1000 for w, _ in runs)
    cpu = statistics.median(c * 1000 for _, c in runs)
    return (
        f"median {statistics.median(wall):5.0f} ms  min {wall[0]:5.0f}  max {wall[-1]:5.0f}"
        f"  (cpu median {cpu:4.0f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per format (default 7)")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        # Keep the run away from the person's own config and journals.
        env.update(
            PEERSUP_HOME=f"{tmp}/journals",
            PEERSUP_CONFIG=f"{tmp}/config.toml",
            PEERSUP_CACHE_DIR=f"{tmp}/cache",
            PEERSUP_GUIDELINES=str(GUIDELINES),
        )
        base = [sys.executable, "-m", "peersup_cli", "export", "checklist", *FULL]
        run_once([sys.executable, "-m", "peersup_cli", "--version"], env)  # warm the disk cache
        print(f"full checklist (both roles, every value, descriptions, prompts); {opts.runs} runs")
        for fmt, goal in (("pdf", 500), ("html", 200), ("md", None)):
            out = ["-o", f"{tmp}/checklist.{fmt}", "--force"]
            args = [*base, "--format", fmt, *out]
            run_once(args, env)
            runs = [run_once(args, env) for _ in range(opts.runs)]
            size = Path(f"{tmp}/checklist.{fmt}").stat().st_size // 1024
            target = f", goal <= {goal} ms" if goal else ""
            print(f"{fmt:>4}: {summary(runs)}  [{size} KiB{target}]")
        version = [sys.executable, "-m", "peersup_cli", "--version"]
        runs = [run_once(version, env) for _ in range(opts.runs)]
        print(f"for scale, peersup --version: {summary(runs)}")


if __name__ == "__main__":
    main()
