"""Time peersup's history over 10,000 and 100,000 journals, as whole processes.

For each size: the first build of the journal index (cache deleted, one process), and each
``journal`` command warm (nothing changed since the last run): list, list --limit 20, search for
a common word ("hope", in nearly every journal) and a rare one ("kayaking", one in a thousand),
piped and on a terminal (a pseudo-terminal, 80x24, where rich and peersup style their output),
trends, summary, show latest, compare; and the time to the first question of ``reflect`` and
``prep`` (pexpect, until the first prompt). Each figure is the median of ``--runs`` runs, with
the peak memory of the process (the largest ru_maxrss of a helper process that runs only it).
With two sizes, the growth of each command (time at the larger / time at the smaller).

    .venv/bin/python bench/bench_history.py [--journals 10000,100000] [--runs 5]
        [--cold-runs 3] [--keep DIR] [--python PATH]

``--keep DIR`` writes the journals once into DIR/journals-N and reuses them (100,000 journals
take about 0.9 GB and several minutes to write). ``--python`` times another installation of
peersup (its interpreter: ``-m peersup_cli``), such as a baseline, over the same journals.
The first search after a first build reads every journal again for the person's words, and
the first trends or summary counts the running totals: both are shown apart ("after a build").
The goals (issue 14): at 10,000, every command within 0.3 s and 60 MiB; at 100,000, list
--limit 20, show latest, a rare search and the first question within 1 s, every command within
5 s and 150 MiB, growth at most 12; a first build at 10,000 within 2 s on one core; a search on
a terminal within 1.3x of piped. No asserts: a shared machine varies by a third from run to
run, so quote medians, and compare side by side.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
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
RARE = "kayaking"  # in one journal in a thousand (``write_journals``)


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
        if i % 1000 == 500:  # a rare word: one journal in a thousand
            journal.support = f"{journal.support} After the group we went {RARE}."
        stem = when.strftime("%Y-%m-%d-%H%M")
        slug = f"supervisor-prep-{journal.supervisee.split()[0].lower()}" if journal.supervisee \
            else journal.role
        atomic_write(folder / f"{stem}-{slug}-{i}.md", jformat.render(journal), overwrite=False)


# One measured run, in a helper process of its own (so its ru_maxrss is this run's alone):
# piped (output read through a pipe), on a terminal (a pseudo-terminal read to the end), or
# until the first prompt. Prints "seconds peak-KiB exit-code".
PROBE = r"""
import os, resource, subprocess, sys, time
mode, argv = sys.argv[1], sys.argv[2:]
code = 0
start = time.perf_counter()
if mode == "pipe":
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    code = done.returncode
elif mode == "tty":
    import fcntl, pty, struct, termios
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    while True:
        try:
            if not os.read(master, 1 << 16):
                break
        except OSError:  # the terminal closed with the process
            break
    code = proc.wait()
else:  # "prompt": time to the first question, then the session is killed
    import pexpect
    child = pexpect.spawn(argv[0], argv[1:], dimensions=(24, 80), timeout=120)
    child.delaybeforesend = None
    code = child.expect(["\\n> ", "> ", pexpect.EOF])
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
    sys.exit()
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def measure(mode: str, argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Seconds, peak MiB and exit code of one run of ``argv``."""
    out = subprocess.run([sys.executable, "-c", PROBE, mode, *argv], env=env,
                         capture_output=True, text=True, check=False).stdout.split()
    if len(out) != 3:
        raise SystemExit(f"could not time {' '.join(argv)} ({mode})")
    kib = float(out[1])
    return float(out[0]), kib / 1024 if sys.platform != "darwin" else kib / 2**20, int(out[2])


class Figure:
    def __init__(self, label: str, seconds: list[float], peak: float, code: int) -> None:
        self.label, self.seconds, self.peak, self.code = label, seconds, peak, code

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def row(self) -> str:
        spread = f"{min(self.seconds) * 1000:.0f}-{max(self.seconds) * 1000:.0f}"
        note = "" if self.code == 0 else f"  (exit {self.code})"
        return (f"  {self.label:<36}{self.median * 1000:>8.0f}{spread:>13}"
                f"{self.peak:>9.1f}{note}")


def time_it(label: str, mode: str, argv: list[str], env: dict[str, str], runs: int,
            before: object = None) -> Figure:
    seconds, peaks, code = [], [], 0
    for _ in range(runs):
        if callable(before):
            before()
        took, peak, code = measure(mode, argv, env)
        seconds.append(took)
        peaks.append(peak)
    return Figure(label, seconds, max(peaks), code)


def tidy_drafts(folder: Path) -> None:
    """A session killed at its first question leaves its draft: take it away."""
    shutil.rmtree(folder / ".drafts", ignore_errors=True)


def bench_size(count: int, opts: argparse.Namespace, tmp: Path) -> dict[str, Figure]:
    folder = opts.keep / f"journals-{count}" if opts.keep else tmp / f"journals-{count}"
    if not (folder.exists() and any(folder.glob("*.md"))):
        print(f"writing {count} journals into {folder} ...", flush=True)
        write_journals(folder, count)
    (folder / ".peersup").touch()  # past the first-run welcome
    cache = tmp / f"cache-{count}"
    env = {**os.environ, "PEERSUP_HOME": str(folder), "PEERSUP_CACHE_DIR": str(cache),
           "PEERSUP_CONFIG": str(tmp / "config.toml"), "NO_COLOR": "1", "TERM": "xterm",
           "COLUMNS": "80"}
    exe = [opts.python, "-m", "peersup_cli"]
    figures: dict[str, Figure] = {}

    def add(figure: Figure) -> None:
        figures[figure.label] = figure
        print(figure.row(), flush=True)

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    print(f"\n{count} journals ({opts.python})")
    print(f"  {'':<36}{'median ms':>8}{'range':>13}{'peak MiB':>9}")
    # The first build, then what comes once after it (words for search, running totals).
    add(time_it("first build (list --limit 1, no index)", "pipe",
                [*exe, "journal", "list", "--limit", "1"], env, opts.cold_runs, drop_cache))
    add(time_it("  then the first search", "pipe", [*exe, "journal", "search", "hope"], env, 1))
    add(time_it("  then the first trends", "pipe", [*exe, "journal", "trends"], env, 1))
    journal = [*exe, "journal"]
    commands = [
        ("list", "pipe", ["list"]),
        ("list --limit 20", "pipe", ["list", "--limit", "20"]),
        ("search hope (piped)", "pipe", ["search", "hope"]),
        ("search hope (terminal)", "tty", ["search", "hope"]),
        (f"search {RARE} (piped)", "pipe", ["search", RARE]),
        (f"search {RARE} (terminal)", "tty", ["search", RARE]),
        ("trends", "pipe", ["trends"]),
        ("summary", "pipe", ["summary"]),
        ("show latest", "pipe", ["show", "latest"]),
        ("compare 1 latest", "pipe", ["compare", "1", "latest"]),
    ]
    for label, mode, args in commands:
        measure(mode, [*journal, *args], env)  # warm
        add(time_it(label, mode, [*journal, *args], env, opts.runs))
    for label, args in (("reflect: first question", ["reflect", "--role", "peer-supporter"]),
                        ("prep Sam: first question", ["prep", "Sam"])):
        add(time_it(label, "prompt", [*exe, *args], env, opts.runs, lambda: tidy_drafts(folder)))
    tidy_drafts(folder)
    piped, tty = figures["search hope (piped)"], figures["search hope (terminal)"]
    print(f"  search hope: terminal / piped = {tty.median / piped.median:.2f}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journals", default="10000,100000",
                        help="sizes, comma-separated (default 10000,100000)")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per command")
    parser.add_argument("--cold-runs", type=int, default=3, help="first builds per size")
    parser.add_argument("--keep", type=Path, help="write the journals here once and reuse them")
    parser.add_argument("--python", default=sys.executable,
                        help="the interpreter whose peersup is timed (default: this one)")
    opts = parser.parse_args()
    sizes = [int(n) for n in opts.journals.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="peersup-bench-"))
    try:
        results = {count: bench_size(count, opts, tmp) for count in sizes}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        print(f"\ngrowth: time at {large} / time at {small} (linear would be "
              f"{large / small:.0f})")
        for label, fig in results[large].items():
            if label in results[small]:
                print(f"  {label:<36}{fig.median / results[small][label].median:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
