"""Time a scripted 11-value reflection through the real CLI; print figures (no asserts).

    .venv/bin/python bench/bench_session.py [--runs N]

1. ``peersup reflect --answers FILE`` for all 11 values of ma-accs-2022 as a peer supporter, as
   whole processes: wall time per run, and the in-process split into steps (which is slowest).
2. The same session typed into a real pseudo-terminal with pexpect: the whole wall time and the
   slowest step (from sending an answer to seeing the next prompt).
3. For scale: a few other whole-process commands of this area (``where``, ``prep --agenda``).

Everything happens in a temporary folder; nothing outside it is touched.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FRAMEWORK = "ma-accs-2022"
ROLE = "peer-supporter"


def _env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERSUP_")}
    env.update(
        PEERSUP_HOME=str(root / "journals"),
        PEERSUP_CONFIG=str(root / "config.toml"),
        PEERSUP_CACHE_DIR=str(root / "cache"),
        NO_COLOR="1",
        TERM="dumb",
    )
    return env


def _answers() -> dict[str, Any]:
    from peersup_cli.guidelines.loader import load_guidelines

    fw = load_guidelines().framework(FRAMEWORK)
    assert fw is not None
    values = {}
    for value in fw.values:
        prompts = value.prompts.get(ROLE, ())
        values[value.id] = {
            # Every other guideline that can be ticked (background items cannot).
            "practiced": [item.number for item in value.practice_items(ROLE)][::2],
            "rating": 1 + value.number % 4,
            "answers": [f"An answer for {value.id}, prompt {n}.\nA second line."
                        for n in range(1, len(prompts) + 1)],
        }
    return {"role": ROLE, "framework": FRAMEWORK, "values": values,
            "action_plan": "- Try one thing\n- Rest", "support": "Time to talk"}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def bench_answers_file(root: Path, runs: int) -> None:
    import yaml

    answers = root / "answers.yaml"
    answers.write_text(yaml.safe_dump(_answers(), allow_unicode=True), encoding="utf-8")
    env = _env(root)
    cmd = [sys.executable, "-m", "peersup_cli", "reflect", "--answers", str(answers)]
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        if done.returncode != 0:
            print(done.stderr)
            raise SystemExit("the answers-file run failed")
    print(f"1. reflect --answers, 11 values, {runs} whole-process runs")
    print(f"   median {_ms(statistics.median(walls))}   min {_ms(min(walls))}"
          f"   max {_ms(max(walls))}")
    journals = len(list((root / "journals").glob("*.md")))
    print(f"   ({journals} journals written, all distinct names)")
    _in_process_steps(root, answers)


def _in_process_steps(root: Path, answers: Path) -> None:
    """The same run in-process, split into the steps a session goes through."""
    os.environ.update(_env(root))
    jdir = root / "journals"
    steps: list[tuple[str, float]] = []

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        out = fn()
        steps.append((name, time.perf_counter() - start))
        return out

    timed("import the CLI app", lambda: __import__("peersup_cli.cli.app"))
    from datetime import datetime

    from peersup_cli.guidelines.loader import load_guidelines
    from peersup_cli.history.lookback import Lookback
    from peersup_cli.journal.format import render
    from peersup_cli.reflection import runner
    from peersup_cli.reflection.answers_file import AnswersPort, check_against, load_answers
    from peersup_cli.reflection.engine import Session

    guidelines = timed("load and check the guidelines", load_guidelines)
    data = timed("read the answers file", lambda: load_answers(answers, prep=False))
    plan, draft = timed(
        "plan (incl. look back over journals)",
        lambda: runner.start(guidelines, kind="reflect", framework_id=FRAMEWORK, role=ROLE,
                             values=None, lookback=Lookback(jdir),
                             now=datetime.now().astimezone()),
    )
    timed("check the answers", lambda: check_against(data, plan.framework, ROLE, []))
    session = Session(plan, AnswersPort(data, []))
    timed("run the engine (55 questions)", session.run)
    journal = session.journal(status="complete", date=draft.started, version="bench")
    text = timed("render the journal", lambda: render(journal))
    from peersup_cli.journal import store

    path = timed("save the journal (atomic, fsync)", lambda: store.save_journal(jdir, journal))
    timed("load it back", lambda: store.load_journal(path))
    print("   in-process steps:")
    for name, seconds in steps:
        print(f"     {name:<38} {_ms(seconds)}")
    slowest = max(steps, key=lambda s: s[1])
    print(f"   slowest step: {slowest[0]} ({_ms(slowest[1]).strip()}); journal {len(text)} chars")


def bench_pty(root: Path) -> None:
    try:
        import pexpect
    except ImportError:
        print("2. pexpect is not installed: interactive run skipped")
        return
    from peersup_cli.guidelines.loader import load_guidelines

    fw = load_guidelines().framework(FRAMEWORK)
    assert fw is not None
    env = _env(root / "pty")
    child = pexpect.spawn(sys.executable, ["-m", "peersup_cli", "reflect", "--role", ROLE, "--all"],
                          env=env, encoding="utf-8", dimensions=(40, 100), timeout=30)
    child.delaybeforesend = None
    steps: list[tuple[str, float]] = []
    start = time.perf_counter()
    child.expect_exact("> ")
    steps.append(("start to first question", time.perf_counter() - start))

    def send(name: str, *lines: str) -> None:
        t = time.perf_counter()
        for n, line in enumerate(lines):
            if n:
                child.expect_exact("· ")
            child.sendline(line)
        child.expect_exact(["> ", "Your journal is saved at:"][: 2])
        steps.append((name, time.perf_counter() - t))

    for value in fw.values:
        send(f"{value.id}: practiced", "1 2")
        send(f"{value.id}: rating", "3")
        for n, _ in enumerate(value.prompts[ROLE], start=1):
            send(f"{value.id}: prompt {n}", f"answer {n}", "second line", "")
    send("action plan", "Try one thing", "")
    t = time.perf_counter()
    child.sendline("")  # skip support: the journal is saved
    child.expect_exact("Your journal is saved at:")
    child.expect(pexpect.EOF)
    steps.append(("support, save and summary", time.perf_counter() - t))
    total = time.perf_counter() - start
    child.close()
    times = [s for _, s in steps]
    slowest = max(steps, key=lambda s: s[1])
    print(f"2. interactive session in a pseudo-terminal: {len(steps)} steps, 11 values")
    print(f"   whole wall time {_ms(total)}   median step {_ms(statistics.median(times))}")
    print(f"   slowest step: {slowest[0]} ({_ms(slowest[1]).strip()})")
    print(f"   exit status {child.exitstatus}; journals: "
          f"{len(list((root / 'pty' / 'journals').glob('*.md')))}")


def bench_commands(root: Path, runs: int) -> None:
    env = _env(root)
    answers = root / "prep.yaml"
    answers.write_text("topics: [One, Two]\nquestions: [Why?]\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "peersup_cli", "prep", "Sam", "--answers",
                    str(answers)], env=env, capture_output=True, check=True)
    print(f"3. other whole-process commands, median of {runs}")
    for args in (["where"], ["config", "show"], ["prep", "Sam", "--agenda"]):
        walls = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "peersup_cli", *args], env=env,
                           capture_output=True, check=True)
            walls.append(time.perf_counter() - start)
        print(f"   peersup {' '.join(args):<22} {_ms(statistics.median(walls))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]} on {sys.platform}")
    with tempfile.TemporaryDirectory(prefix="peersup-bench-") as tmp:
        root = Path(tmp)
        bench_answers_file(root, args.runs)
        bench_pty(root)
        bench_commands(root, args.runs)


if __name__ == "__main__":
    main()
