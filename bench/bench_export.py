"""Whole-process wall time of `peersup export checklist` for the full checklist.

Both roles, every value, descriptions and prompts: as PDF, HTML and Markdown. Each figure is the
median of several runs of the real command in a fresh process (startup and imports included),
which is what a person waits for; then a journal PDF in-process, plain, with an emoji and with
Chinese (fallback fonts). No asserts: the figures go into notes. Goals on this machine:
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
    journal_pdfs(opts.runs)


def journal_pdfs(runs: int) -> None:
    """In-process render_pdf of a journal (fpdf2 already imported): plain text, with an emoji,
    and with an emoji and Chinese, where the computer's fonts are searched and embedded."""
    from datetime import UTC, datetime

    from peersup_cli.export.journal_doc import build_journal
    from peersup_cli.export.pdf import render_pdf
    from peersup_cli.journal.model import GuidelineItem, Journal, ValueReflection

    def journal(answer: str) -> Journal:
        reflections = [
            ValueReflection(
                value_id=f"v{n}", number=n, title=f"Value {n}", practice="Practice",
                items=[GuidelineItem(1, "I ask before I share my own story.", True)], rating=3,
                prompts=["What happened?", "What helped?"], answers=[answer, "Asked first."],
            )
            for n in range(1, 6)
        ]
        return Journal(
            date=datetime(2026, 11, 22, 9, 30, tzinfo=UTC), role="peer-supporter",
            framework="ma-accs-2022", reflections=reflections, peersup_version="bench",
        )

    render_pdf(build_journal(journal("warm-up")))
    print(f"journal PDF, 5 values, in-process render_pdf; {runs} runs")
    for label, answer in (
        ("plain", "Renée was relieved."),
        ("emoji", "Renée was relieved \U0001f642"),
        ("emoji + CJK", "Renée was relieved \U0001f642 \u5e0c\u671b"),
    ):
        doc = build_journal(journal(answer))
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            render_pdf(doc)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        print(f"{label:>12}: median {statistics.median(times):5.0f} ms  min {times[0]:5.0f}"
              f"  max {times[-1]:5.0f}")


if __name__ == "__main__":
    main()
