"""Builders shared by the tests (no tests of its own): journals, a sample history, checksums.

Journals are written with the project's own writer (``format.render``) and ``atomic_write``,
exactly as peersup saves them, so the history commands see what real sessions leave behind.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import strategies as st

from peersup_cli.guidelines.loader import parse_guidelines
from peersup_cli.guidelines.model import Framework
from peersup_cli.journal.format import render
from peersup_cli.journal.model import Agenda, GuidelineItem, Journal, ValueReflection
from peersup_cli.reflection.port import Block, Problem, Question, Reply, parse_line
from peersup_cli.storage import atomic_write, ensure_private_dir

TITLES = {
    "voluntary": (1, "Voluntary", "Choice"),
    "hopeful": (2, "Hopeful", "Share Hope"),
    "empathic": (3, "Empathic", "Walk alongside"),
    "transparent": (10, "Transparent", "Set clear expectations"),
    "open-minded": (12, "Open-minded", "Stay curious"),
}
LABELS = {1: "Just starting", 2: "Growing", 3: "Steady", 4: "A strength I could help others with"}


def reflection(
    vid: str,
    rating: int | None = 3,
    practiced: tuple[int, ...] = (1,),
    answers: tuple[str | None, ...] = ("An answer.", None),
    role: str = "peer-supporter",
) -> ValueReflection:
    number, title, practice = TITLES[vid]
    who = "supporter" if role == "peer-supporter" else "supervisor"
    items = [GuidelineItem(n, f"{title} item {n} for a {who}", n in practiced) for n in (1, 2, 3)]
    prompts = [f"How did you practise {title.lower()}?", "What would you try next?"]
    return ValueReflection(
        vid, number, title, practice, items, rating, LABELS.get(rating or 0), prompts,
        list(answers),
    )


def journal(
    when: str,
    *reflections: ValueReflection,
    role: str = "peer-supporter",
    framework: str = "ma-accs-2022",
    supervisee: str | None = None,
    action_plan: str | None = "Ask one open question first.",
    support: str | None = None,
    agenda: Agenda | None = None,
    status: str = "complete",
) -> Journal:
    return Journal(
        date=datetime.fromisoformat(when),
        role=role,
        framework=framework,
        reflections=list(reflections) or [reflection("hopeful")],
        status=status,
        peersup_version="0.1.0",
        supervisee=supervisee,
        framework_title="Peer support values" if framework == "ma-accs-2022" else "NAPS values",
        role_label="Peer supporter" if role == "peer-supporter" else "Supervisor",
        action_plan=action_plan,
        support=support,
        agenda=agenda if agenda is not None else (Agenda() if supervisee else None),
    )


def save(folder: Path, name: str, j: Journal) -> Path:
    ensure_private_dir(folder)
    return atomic_write(folder / name, render(j), overwrite=False)


def checksums(folder: Path) -> dict[str, str]:
    """Every file in the folder (drafts included) with its sha256: proof nothing was written."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def sample(folder: Path) -> dict[str, Path]:
    """A small history: three reflections over a year, two supervision preps, a broken file."""
    files = {
        "old": save(folder, "2025-01-10-peer-supporter.md", journal(
            "2025-01-10T09:00:00+10:00",
            reflection("hopeful", 1, (1,), ("I kept my story to myself.", None)),
            reflection("empathic", 2, (2,), ("Listening felt hard on busy days.", None)),
            action_plan="Share hope with a short story.",
        )),
        "mid": save(folder, "2025-06-01-peer-supporter.md", journal(
            "2025-06-01T09:00:00+10:00",
            reflection("hopeful", 3, (1, 2), ("I shared a bit of my recovery story.", "More.")),
            reflection("transparent", 2, (), ("I explained my role at the start.", None)),
            action_plan="Check in about boundaries at the start.",
        )),
        "new": save(folder, "2026-01-15-peer-supporter.md", journal(
            "2026-01-15T09:00:00+10:00",
            reflection("hopeful", 4, (1, 2, 3), ("Hope came up in the group again.", None)),
            reflection("empathic", 3, (1, 2), ("I sat with someone's grief.", None)),
            support="Talking through hard calls.",
        )),
        "prep1": save(folder, "2025-03-01-supervisor-prep-sam.md", journal(
            "2025-03-01T14:00:00+10:00",
            reflection("voluntary", 3, (1,), ("Sam chose the focus.", None), role="supervisor"),
            role="supervisor", supervisee="Sam",
            agenda=Agenda(carried=[], topics=["Caseload balance"], questions=["What helps?"]),
            action_plan="Sam to try a weekly check-in.",
        )),
        "prep2": save(folder, "2025-04-01-supervisor-prep-sam.md", journal(
            "2025-04-01T14:00:00+10:00",
            reflection("voluntary", 4, (1, 2), ("Sam led the session.", None), role="supervisor"),
            role="supervisor", supervisee="Sam",
            agenda=Agenda(done=["Sam to try a weekly check-in."], topics=["Self-care"],
                          questions=["What felt hardest?"]),
            action_plan=None,
        )),
    }
    broken = folder / "2025-02-02-peer-supporter.md"
    atomic_write(broken, "---\ndate: [unclosed\nrole: peer-supporter\n---\n# Reflection\n")
    files["broken"] = broken
    return files


DAY = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def plain_journal(
    when: datetime = DAY,
    role: str = "peer-supporter",
    ratings: dict[str, int | None] | None = None,
    action_plan: str | None = None,
    supervisee: str | None = None,
    status: str = "complete",
) -> Journal:
    """A journal with one item and one question per value, rated as ``ratings`` says."""
    reflections = [
        ValueReflection(vid, n, vid.title(), "Practice", [GuidelineItem(1, "item", True)],
                        rating, "Label" if rating else None, ["Q?"], [None])
        for n, (vid, rating) in enumerate((ratings or {"hopeful": 3}).items(), start=1)
    ]
    return Journal(date=when, role=role, framework="ma-accs-2022", reflections=reflections,
                   action_plan=action_plan, supervisee=supervisee, status=status,
                   agenda=Agenda(topics=["t"]) if supervisee else None)


# Text as people type it, with the shapes most likely to confuse a markdown format mixed in.
TRICKY = st.sampled_from(
    ["---", "# heading", "", "  ", "trailing  ", "\r\n", "\r", "> quote",
     "<!-- peersup:support -->", "- [x] 1. not an item", "**bold**", "## 1. A — B", "\n\n",
     "\ufeff", "…", "—", "\t"]
)
ANY_TEXT = st.lists(st.one_of(st.text(), TRICKY), max_size=6).map("".join) | st.text()
ONE_LINE = ANY_TEXT.map(lambda t: t.replace("\n", " ").replace("\r", " "))


# -- sessions: a tiny framework whose wording the tests control, and a scripted port -------------
def _value(n: int, vid: str, title: str, practice: str) -> str:
    return f"""
      - id: {vid}
        number: {n}
        title: "{title}"
        practice: "{practice}"
        description: "{title} is the first sentence. Here is a second one. And a third, longer."
        guidelines:
          peer-supporter: ["{vid} item one", "{vid} item two", "{vid} item three"]
          supervisor: ["{vid} sup one", "{vid} sup two"]
        prompts:
          peer-supporter: ["{vid} prompt one?", "{vid} prompt two?"]
          supervisor: ["{vid} sup prompt one?", "{vid} sup prompt two?"]
"""


TINY_GUIDELINES = (
    """schema_version: 1
frameworks:
  - id: tiny
    title: "A tiny framework"
    source:
      title: "Tiny"
      organisation: "Tests"
      year: 2024
      url: "https://example.org"
      licence: "CC0"
    roles:
      - {id: peer-supporter, label: "Peer supporter"}
      - {id: supervisor, label: "Supervisor"}
    values:"""
    + _value(1, "voluntary", "Voluntary", "Support Choice")
    + _value(2, "hopeful", "Hopeful", "Share Hope")
    + _value(3, "empathic", "Empathic", "Listen Deeply")
)


def write_tiny_guidelines(folder: Path) -> Path:
    path = folder / "tiny-guidelines.yaml"
    path.write_text(TINY_GUIDELINES, encoding="utf-8")
    return path


def tiny_framework() -> Framework:
    fw = parse_guidelines(TINY_GUIDELINES).framework("tiny")
    assert fw is not None
    return fw


class ScriptedPort:
    """Replies in order; every question must be the one the script expects."""

    def __init__(self, script: list[tuple[str, str | Reply]]) -> None:
        self.script = list(script)
        self.asked: list[Question] = []
        self.shown: list[Block] = []

    def ask(self, question: Question) -> Reply:
        assert self.script, f"unexpected question {question.id!r}: the script is finished"
        expected, reply = self.script.pop(0)
        assert question.id == expected, f"expected question {expected!r}, got {question.id!r}"
        self.asked.append(question)
        return parse_line(reply) if isinstance(reply, str) else reply

    def show(self, block: Block) -> None:
        self.shown.append(block)

    def problems(self) -> list[str]:
        return [b.text for b in self.shown if isinstance(b, Problem)]

    def finished(self) -> None:
        assert not self.script, f"questions never asked: {self.script}"
