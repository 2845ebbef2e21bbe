"""How long a person waits for the first question of a session, in a real pseudo-terminal.

    .venv/bin/python bench/bench_first_question.py setup DIR
    .venv/bin/python bench/bench_first_question.py first DIR record Alex
    .venv/bin/python bench/bench_first_question.py first DIR prep Alex [--with FILE]

``setup`` fills DIR with a supervisor's history: 240 reflections, and for each of eight people
preps and supervision records in turn (Alex's newest is a record), plus a share file from Alex
(``DIR/alex-share.md``). ``first`` starts ``python -m peersup_cli ARGS...`` on an 80x24 terminal
with DIR's journals, waits for the first prompt, ends the input (Ctrl-D: nothing is saved) and
waits for the process to end; it prints the seconds from start to the first prompt. Time the
whole of ``first`` from outside (``/usr/bin/time``, or any harness) to compare two commands:
the harness costs both the same. Uses pexpect, a dev dependency.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

PEOPLE = ("Alex", "Sam", "Kim", "Jo", "Lee", "Ana", "Ravi", "Mo")


def setup(folder: Path) -> None:
    from peersup_cli.journal import store
    from peersup_cli.journal.format import render
    from peersup_cli.journal.model import (
        Agenda,
        Agreement,
        GuidelineItem,
        Journal,
        SessionRecord,
        SharedFrom,
        ValueReflection,
    )

    start = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)

    def value(vid: str, n: int, rating: int) -> ValueReflection:
        items = [GuidelineItem(i, f"Guideline {i} of {vid}.", i % 2 == 1) for i in range(1, 6)]
        return ValueReflection(vid, n, vid.title(), "Practice", items, rating, "Steady",
                               ["What went well?", "What next?"], ["It went well.", None])

    for day in range(240):
        when = start + timedelta(days=day * 3)
        store.save_journal(folder, Journal(
            date=when, role="supervisor", framework="ma-accs-2022", peersup_version="bench",
            reflections=[value("hopeful", 2, 1 + day % 4), value("empathic", 3, 2)],
            action_plan="Ask first."))
    for n, person in enumerate(PEOPLE):
        for session in range(6):
            when = start + timedelta(days=session * 60 + n, hours=1)
            store.save_journal(folder, Journal(
                date=when, role="supervisor", framework="ma-accs-2022", supervisee=person,
                peersup_version="bench", action_plan="Offer the training",
                agenda=Agenda(carried=["Leave"], topics=["Caseload", "Rota"],
                              questions=["What helps?"])))
            store.save_journal(folder, Journal(
                date=when + timedelta(days=7), role="supervisor", framework="ma-accs-2022",
                supervisee=person, peersup_version="bench",
                record=SessionRecord(held=(when + timedelta(days=7)).date(), minutes=50,
                                     format="individual", mode="video", discussed=["Caseload"],
                                     agreed=[Agreement("Book the training", person)],
                                     next_session=date(2026, 1, 1))))
    share = Journal(date=start, role="peer-supporter", framework="ma-accs-2022",
                    peersup_version="bench", reflections=[value("hopeful", 2, 4)],
                    shared=SharedFrom(on=start, source="mine.md", parts=["ratings", "ticks"]))
    (folder.parent / "alex-share.md").write_text(render(share), encoding="utf-8")


def first(folder: Path, args: list[str]) -> float:
    import pexpect

    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERSUP_")}
    env.update(PEERSUP_HOME=str(folder), PEERSUP_CONFIG=str(folder.parent / "config.toml"),
               PEERSUP_CACHE_DIR=str(folder.parent / "cache"), NO_COLOR="1", TERM="xterm")
    began = time.perf_counter()
    child = pexpect.spawn(sys.executable, ["-m", "peersup_cli", *args], env=env,
                          encoding="utf-8", dimensions=(24, 80), timeout=60)
    child.delaybeforesend = None
    child.expect("> ")
    seconds = time.perf_counter() - began
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    return seconds


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "setup":
        folder = Path(argv[1]) / "journals"
        setup(folder)
        print(f"{len(list(folder.glob('*.md')))} journals in {folder}")
        return 0
    if len(argv) >= 3 and argv[0] == "first":
        print(f"{first(Path(argv[1]) / 'journals', argv[2:]):.3f} s to the first question")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
