"""Time the look-back of `peersup reflect` and `prep` over 10,000 journals.

Before a session, reflect asks what was said last time about each value (``last_times``; not
with ``--answers``), ``--focus`` asks when each value was last reflected on
(``last_reflected``), and prep asks for the newest prep for the supervisee (``latest_prep``).
This runs whole commands as processes, with the journal index cold (cache deleted first) and
warm, and times the three look-back calls alone in a fresh process (what an interactive reflect
or prep pays). The journal each run saves is deleted afterwards, so every run sees the same
folder. The journals come from ``bench_history.write_journals``.

    .venv/bin/python bench/bench_lookback.py [--journals 10000] [--runs 7] [--keep DIR]

Set PYTHONPATH to time another copy of the source tree (the child processes use it). Prints
medians in ms; no asserts. Timings on a shared machine vary by a third: quote medians.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_history import write_journals

ANSWERS = """\
role: peer-supporter
framework: ma-accs-2022
values:
  voluntary:
    practiced: [1]
    rating: 3
    answers: ["I asked what they wanted before I offered anything."]
action_plan: Ask one open question first.
support: Time to talk about boundaries.
"""
PREP_ANSWERS = """\
framework: ma-accs-2022
values:
  voluntary:
    rating: 3
topics: [Caseload balance]
"""
LOOKBACK = """\
import sys, time
from pathlib import Path
t = time.perf_counter()
from peersup_cli.history.lookback import Lookback
with Lookback(Path(sys.argv[1])) as past:
    past.last_times("peer-supporter")
    past.last_reflected("peer-supporter")
    past.latest_prep("Sam", complete_only=True)
print((time.perf_counter() - t) * 1000)
"""


def run_once(argv: list[str], env: dict[str, str], folder: Path) -> float:
    before = set(os.listdir(folder))
    started = time.perf_counter()
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    elapsed = (time.perf_counter() - started) * 1000
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {proc.stderr.strip()}")
    for name in set(os.listdir(folder)) - before:  # the saved journal: keep the folder the same
        if name.endswith(".md"):
            (folder / name).unlink()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journals", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the journals here and keep them")
    opts = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="peersup-lookback-"))
    folder = opts.keep or tmp / "journals"
    cache = tmp / "cache"
    try:
        if not (folder.exists() and any(folder.glob("*.md"))):
            write_journals(folder, opts.journals)
        (folder / ".peersup").touch()  # past the first-run welcome
        answers = tmp / "answers.yaml"
        answers.write_text(ANSWERS, encoding="utf-8")
        env = {**os.environ, "PEERSUP_HOME": str(folder), "PEERSUP_CACHE_DIR": str(cache),
               "PEERSUP_CONFIG": str(tmp / "config.toml"), "NO_COLOR": "1"}
        reflect = [sys.executable, "-m", "peersup_cli", "reflect", "--answers", str(answers),
                   "--values", "1"]
        print(f"{len(list(folder.glob('*.md')))} journals; medians of {opts.runs} runs (ms)")

        def median(argv: list[str], cold: bool) -> float:
            if not cold:
                run_once(argv, env, folder)  # warm the index first
            times = []
            for _ in range(opts.runs):
                if cold:
                    shutil.rmtree(cache, ignore_errors=True)
                times.append(run_once(argv, env, folder))
            return statistics.median(times)

        prep_answers = tmp / "prep.yaml"
        prep_answers.write_text(PREP_ANSWERS, encoding="utf-8")
        prep = [sys.executable, "-m", "peersup_cli", "prep", "Sam", "--answers",
                str(prep_answers)]
        probe = [sys.executable, "-c", LOOKBACK, str(folder)]

        def probe_median(cold: bool) -> float:
            if not cold:
                subprocess.run(probe, env=env, capture_output=True, check=True)
            times = []
            for _ in range(opts.runs):
                if cold:
                    shutil.rmtree(cache, ignore_errors=True)
                out = subprocess.run(probe, env=env, capture_output=True, text=True, check=True)
                times.append(float(out.stdout))
            return statistics.median(times)

        rows = [
            ("reflect --answers --values 1", median([*reflect], cold=False)),
            ("  the same, index cold", median([*reflect], cold=True)),
            ("reflect --answers --focus 2", median([*reflect[:-2], "--focus", "2"], cold=False)),
            ("  the same, index cold", median([*reflect[:-2], "--focus", "2"], cold=True)),
            ("prep Sam --answers", median(prep, cold=False)),
            ("  the same, index cold", median(prep, cold=True)),
            ("look-back calls alone", probe_median(cold=False)),
            ("  the same, index cold", probe_median(cold=True)),
        ]
        for label, ms in rows:
            print(f"{label:<32}{ms:>8.0f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
