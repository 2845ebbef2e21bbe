"""Whole-process wall time of the issue 15 commands: `peersup share --help` (start-up), `peersup
log` over a few hundred supervision records (table, CSV, JSON), and `peersup export packet NAME
--format pdf`.

A supervisor's folder is made first: RECORDS records for 12 supervisees over two years, and for
Alex a share file, the prep made with it and the record after it (what a packet holds). Each
figure is the median of several runs of the real command in a fresh process, start-up and
imports included, the index warm (the first run builds it and is not counted). No asserts: the
figures go into notes.

    .venv/bin/python bench/bench_supervision.py [--runs 7] [--records 300]
    .venv/bin/python bench/bench_supervision.py --make DIR   # the folder only, to time by hand
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GUIDELINES = REPO / "data" / "guidelines.yaml"
PEOPLE = ("Alex", "Sam Lee", "Zoë Li", "Jo", "Priya", "Tomás", "Ana", "Ben", "Chen", "Dee",
          "Eli", "Fatima")


def make_folder(folder: Path, records: int) -> None:
    """A supervisor's journal folder, written with peersup's own writer."""
    from peersup_cli.journal import model as m
    from peersup_cli.journal.store import save_journal

    zone = timezone(timedelta(hours=-5))
    start = datetime(2025, 1, 6, 15, 0, tzinfo=zone)
    for n in range(records):
        when = start + timedelta(days=n * 730 // max(records, 1), minutes=n)
        save_journal(folder, m.Journal(
            date=when, role="supervisor", framework="ma-accs-2022", supervisee=PEOPLE[n % 12],
            role_label="Supervisor", framework_title="Peer support values",
            peersup_version="0.2.0",
            record=m.SessionRecord(
                held=when.date() if n % 4 else None, minutes=(30, 45, 50, 60, 90)[n % 5],
                format="group" if n % 7 == 0 else "individual",
                mode=("in person", "video", "phone")[n % 3],
                values=[m.ValueRef("hopeful", 2, "Peer Supporters Are Hopeful")],
                discussed=["Caseload", "Self-care after hard calls"],
                agreed=[m.Agreement("Book the training", PEOPLE[n % 12]),
                        m.Agreement("Send the rota", "me", done=True)],
                next_session=when.date() + timedelta(days=14),
            ),
        ))

    def value(vid: str, number: int, title: str, rating: int, answer: str) -> m.ValueReflection:
        items = [m.GuidelineItem(i, f"{title} guideline {i}", i == 1) for i in (1, 2, 3)]
        return m.ValueReflection(vid, number, title, "Practice", items, rating, "Steady",
                               ["What did you notice?", "What next?"], [answer, None])

    now = start + timedelta(days=800)
    share = m.Journal(date=now, role="peer-supporter", framework="ma-accs-2022",
                    reflections=[value("hopeful", 2, "Peer Supporters Are Hopeful", 3,
                                       "Hope came up in the group again.")],
                    supervisee="Alex", role_label="Peer supporter",
                    framework_title="Peer support values", peersup_version="0.2.0",
                    shared=m.SharedFrom(on=now, source="2027-03-16-peer-supporter.md",
                                      parts=["ratings", "ticks", "answers"], by="Alex"))
    kept = save_journal(folder, share)
    save_journal(folder, m.Journal(
        date=now + timedelta(hours=1), role="supervisor", framework="ma-accs-2022",
        reflections=[value("hopeful", 2, "Peer Supporters Are Hopeful", 4, "They lead well.")],
        supervisee="Alex", role_label="Supervisor", framework_title="Peer support values",
        peersup_version="0.2.0", with_share=kept.name, action_plan="Offer the training.",
        agenda=m.Agenda(carried=["Book the next session"], topics=["Caseload balance"],
                      questions=["What helps on busy days?"])))
    save_journal(folder, m.Journal(
        date=now + timedelta(hours=3), role="supervisor", framework="ma-accs-2022",
        supervisee="Alex", role_label="Supervisor", framework_title="Peer support values",
        peersup_version="0.2.0",
        record=m.SessionRecord(held=date(2027, 3, 16), minutes=50, format="individual",
                             mode="video", agreed=[m.Agreement("Book the training", "Alex")])))


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(args)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def summary(runs: list[tuple[float, float]]) -> str:
    wall = sorted(w * 1000 for w, _ in runs)
    cpu = statistics.median(c * 1000 for _, c in runs)
    return (f"median {statistics.median(wall):5.0f} ms  min {wall[0]:5.0f}  max {wall[-1]:5.0f}"
            f"  (cpu median {cpu:4.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--make", type=Path, metavar="DIR",
                        help="only make the journal folder in DIR and stop")
    opts = parser.parse_args()
    if opts.make is not None:
        make_folder(opts.make, opts.records)
        return
    with tempfile.TemporaryDirectory() as tmp:
        make_folder(Path(tmp) / "journals", opts.records)
        env = dict(os.environ, PEERSUP_HOME=f"{tmp}/journals", PEERSUP_CONFIG=f"{tmp}/c.toml",
                   PEERSUP_CACHE_DIR=f"{tmp}/cache", PEERSUP_GUIDELINES=str(GUIDELINES))
        peersup = [sys.executable, "-m", "peersup_cli"]
        print(f"{opts.records} records for 12 supervisees; {opts.runs} runs each, index warm")
        for label, args in (
            ("share --help", ["share", "--help"]),
            ("log", ["log"]),
            ("log --csv", ["log", "--csv"]),
            ("log --json", ["log", "--json"]),
            ("export packet Alex --format pdf",
             ["export", "packet", "Alex", "--format", "pdf", "-o", f"{tmp}/p.pdf", "--force"]),
            ("for scale, --version", ["--version"]),
        ):
            run_once([*peersup, *args], env)
            runs = [run_once([*peersup, *args], env) for _ in range(opts.runs)]
            print(f"{label:>32}: {summary(runs)}")


if __name__ == "__main__":
    main()
