"""Time the `peersup journal` commands over 10,000 journals, cold and warm.

Writes realistic journals (about four years of weekly reflections and supervision preps, with
varied values, ratings, answers and agendas) with the project's own writer into a temporary
folder, then runs each command as a whole process: once with no cache (cold) and several times
with nothing changed (warm, median), and reports the peak memory of each child process.

    .venv/bin/python bench/bench_history.py [--journals 10000] [--runs 7] [--cold-runs 3]
                                            [--keep DIR]

Prints a table of medians; no asserts (the goals: warm list, search and trends no slower than
0.3 s, a first build in one process within 3 s, peak memory under 60 MiB). Timings on a shared
machine vary by a third from run to run: quote medians, and compare side by side.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from peersup_cli.journal import format as jformat  # noqa: E402
from peersup_cli.journal.model import (  # noqa: E402
    Agenda,
    GuidelineItem,
    Journal,
    ValueReflection,
)
from peersup_cli.storage import atomic_write, ensure_private_dir  # noqa: E402

VALUES = [
    ("voluntary", "Voluntary", "Choice"),
    ("hopeful", "Hopeful", "Share Hope"),
    ("empathic", "Empathic", "Walk alongside"),
    ("respectful", "Respectful", "Be curious"),
    ("facilitate-change", "Facilitate change", "Invite growth"),
    ("honest-and-direct", "Honest and direct", "Say what matters"),
    ("mutual", "Mutual", "Learn together"),
    ("equally-shared-power", "Equally shared power", "Share power"),
    ("strengths-focused", "Strengths-focused", "See what is strong"),
    ("transparent", "Transparent", "Set clear expectations"),
    ("person-driven", "Person-driven", "Follow their lead"),
]
LABELS = ["Just starting", "Growing", "Steady", "A strength I could help others with"]
NAMES = ["Sam", "Alex Morgan", "Jo", "Priya", "Kai", "Rosa Díaz", "Lee", "Noor"]
OPENERS = [
    "This week I noticed",
    "In the group session",
    "When we met at the drop-in",
    "On the phone call",
    "During the walk to the clinic",
    "At the team meeting",
    "With a new person I support",
]
MIDDLES = [
    "I shared a part of my own recovery story when it seemed useful",
    "I asked what they wanted from our time together",
    "I held back from giving advice and listened instead",
    "we talked about what had helped them before",
    "I named my own limits honestly and kindly",
    "I checked that the choice stayed with them",
    "we planned the next small step together",
    "I said out loud what I could and could not do",
    "I reflected back the strengths I heard in their words",
    "I felt unsure and said so, which eased things",
]
ENDINGS = [
    "and it seemed to build trust.",
    "which left room for hope.",
    "and I want to keep practising this.",
    "though it felt awkward at first.",
    "and they led the conversation from there.",
    "and I would like to talk this through in supervision.",
]
PLANS = [
    "Ask one open question before offering anything.",
    "Share hope with a short story, then listen.",
    "Check in about boundaries at the start of each meeting.",
    "Write down one strength I notice after every session.",
    "Practise saying no kindly when a request is outside my role.",
    "Invite the person to set the agenda next time.",
]
TOPICS = ["Caseload balance", "Self-care after hard calls", "Group facilitation", "Documentation"]
QUESTIONS = ["What felt hardest this month?", "Where did you feel most yourself?"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(OPENERS)} {rng.choice(MIDDLES)} {rng.choice(ENDINGS)}"


def make_journal(rng: random.Random, when: datetime, progress: float) -> Journal:
    kind = rng.random()
    role = "peer-supporter" if kind < 0.6 else "supervisor"
    supervisee = rng.choice(NAMES) if kind >= 0.8 else None
    count = 11 if rng.random() < 0.3 else rng.randint(1, 5)
    chosen = sorted(rng.sample(range(11), count))
    reflections = []
    for idx in chosen:
        vid, title, practice = VALUES[idx]
        items = [
            GuidelineItem(n, f"A guideline for {title.lower()} in practice, number {n}.",
                          rng.random() < 0.3 + 0.4 * progress)
            for n in range(1, rng.randint(3, 6) + 1)
        ]
        rating = max(1, min(4, round(1.5 + 2 * progress + rng.uniform(-1, 1))))
        answers: list[str | None] = [
            " ".join(sentence(rng) for _ in range(rng.randint(1, 3))) if rng.random() < 0.8
            else None
            for _ in range(3)
        ]
        reflections.append(ValueReflection(
            vid, idx + 1, title, practice, items, rating, LABELS[rating - 1],
            [f"How did you practise {title.lower()} recently?", "What got in the way?",
             "What would you like to try next?"], answers,
        ))
    agenda = None
    if supervisee is not None:
        agenda = Agenda(
            carried=rng.sample(PLANS, rng.randint(0, 2)),
            done=rng.sample(PLANS, rng.randint(0, 2)),
            topics=rng.sample(TOPICS, rng.randint(1, 2)),
            questions=rng.sample(QUESTIONS, 1),
        )
    return Journal(
        date=when, role=role, framework="ma-accs-2022", reflections=reflections,
        peersup_version="0.1.0", supervisee=supervisee,
        role_label="Peer supporter" if role == "peer-supporter" else "Supervisor",
        framework_title="Peer support core values",
        action_plan=" ".join(rng.sample(PLANS, 2)), support=sentence(rng), agenda=agenda,
        status="complete" if rng.random() < 0.95 else "partial",
    )


def write_journals(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    ensure_private_dir(folder)
    start = datetime(2022, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=10)))
    span = timedelta(days=4 * 365)
    for i in range(count):
        when = start + span * (i / count) + timedelta(minutes=rng.randint(0, 600))
        journal = make_journal(rng, when, i / count)
        stem = when.strftime("%Y-%m-%d-%H%M")
        slug = f"supervisor-prep-{journal.supervisee.split()[0].lower()}" if journal.supervisee \
            else journal.role
        atomic_write(folder / f"{stem}-{slug}-{i}.md", jformat.render(journal), overwrite=False)


def run(args: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Wall seconds, exit code and the first line of output of one whole process."""
    started = time.perf_counter()
    proc = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    first = (proc.stdout or proc.stderr).splitlines()[:1]
    return elapsed, proc.returncode, first[0] if first else ""


def peak_mib() -> float:
    # ru_maxrss of children is the largest any single finished child reached (KiB on Linux).
    usage = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return usage / 1024 if sys.platform != "darwin" else usage / (1024 * 1024)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journals", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7, help="warm runs per command")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold runs per command")
    parser.add_argument("--keep", type=Path, help="write the journals here and keep them")
    opts = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="peersup-bench-"))
    folder = opts.keep or tmp / "journals"
    cache = tmp / "cache"
    try:
        t0 = time.perf_counter()
        if not any(folder.glob("*.md")) if folder.exists() else True:
            write_journals(folder, opts.journals)
        files = len(list(folder.glob("*.md")))
        size = sum(p.stat().st_size for p in folder.glob("*.md")) / 2**20
        print(f"{files} journals ({size:.1f} MiB) ready in {time.perf_counter() - t0:.1f} s")
        env = {**os.environ, "PEERSUP_HOME": str(folder), "PEERSUP_CACHE_DIR": str(cache),
               "PEERSUP_CONFIG": str(tmp / "config.toml"), "NO_COLOR": "1"}
        exe = [sys.executable, "-m", "peersup_cli"]
        commands = {
            "list": ["journal", "list"],
            "list20": ["journal", "list", "--limit", "20"],
            "search": ["journal", "search", "boundaries"],
            "search-common": ["journal", "search", "hope"],
            "trends": ["journal", "trends"],
            "summary": ["journal", "summary"],
            "show": ["journal", "show", "latest"],
        }
        print(f"\n{'command':<28}{'cold ms':>9}{'range':>12}{'warm ms':>9}{'range':>10}"
              f"{'peak MiB':>10}  first line")
        print(f"{'':<28}{f'(med. {opts.cold_runs})':>9}{'':>12}{f'(med. {opts.runs})':>9}")
        for cmd in commands.values():
            colds = []
            for _ in range(opts.cold_runs):  # each with the cache deleted first
                shutil.rmtree(cache, ignore_errors=True)
                cold, code, first = run(exe + cmd, env)
                colds.append(cold)
            warm = [run(exe + cmd, env)[0] for _ in range(opts.runs)]
            # ru_maxrss only ever grows, so each peak is measured by a helper process of its
            # own that runs just that command once.
            peak = _peak_of(exe + cmd, env)
            shown = " ".join(cmd)
            print(f"peersup {shown:<20}{statistics.median(colds) * 1000:>9.0f}"
                  f"{_range(colds):>12}{statistics.median(warm) * 1000:>9.0f}{_range(warm):>10}"
                  f"{peak:>10.1f}  "
                  f"{first[:40]!r}{'' if code == 0 else f' (exit {code})'}")
        cold_peak = _peak_of(exe + commands["list"], env, fresh_cache=cache)
        print(f"\npeak MiB of a cold `journal list` (index built from nothing, one process): "
              f"{cold_peak:.1f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _range(seconds: list[float]) -> str:
    return f"{min(seconds) * 1000:.0f}-{max(seconds) * 1000:.0f}"


def _peak_of(cmd: list[str], env: dict[str, str], fresh_cache: Path | None = None) -> float:
    """Peak RSS of one run of ``cmd``, measured by a helper process that runs only it."""
    if fresh_cache is not None:
        shutil.rmtree(fresh_cache, ignore_errors=True)
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], env=env, capture_output=True,
                         text=True, check=False).stdout.strip()
    kib = int(out or 0)
    return kib / 1024 if sys.platform != "darwin" else kib / 2**20


if __name__ == "__main__":
    sys.exit(main())
