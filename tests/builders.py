"""Builders shared by the tests (no tests of its own): journals, a sample history, checksums,
the small guidelines files, and the one hypothesis text strategy.

Journals are written with the project's own writer (``format.render``) and ``atomic_write``,
exactly as peersup saves them, so the history commands see what real sessions leave behind.
"""

from __future__ import annotations

# ruff: noqa: RUF001  (curly quotes and dashes are what the export tests are about)
import hashlib
import html
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import strategies as st

from peersup_cli.errors import GuidelinesError
from peersup_cli.guidelines.loader import load_guidelines, parse_guidelines
from peersup_cli.guidelines.model import Framework, Guidelines
from peersup_cli.journal import format as journal_format
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
NUMBER = st.integers(0, 12) | st.integers(-3, 10**12)  # usual ones, and odd ones


TAME = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40)


@st.composite
def journals(draw: st.DrawFn, text: st.SearchStrategy[str] = ANY_TEXT,
             numbers: st.SearchStrategy[int] = NUMBER, kinds: bool = False) -> Journal:
    """A journal as the writer may be handed it: any words, odd numbers and labels included
    (``text``: what people type; ``numbers``: value, item and rating numbers). ``kinds``: a
    supervision record or a share file too, not only reflections and preps."""
    line = text.map(lambda t: t.replace("\n", " ").replace("\r", " "))
    reflections = []
    for vid in draw(st.lists(st.sampled_from(list(TITLES)) | line.filter(bool), max_size=4)):
        prompts = draw(st.lists(line, max_size=3))
        reflections.append(ValueReflection(
            vid, draw(numbers), draw(line), draw(line),
            [GuidelineItem(draw(numbers), draw(line), draw(st.booleans()))
             for _ in range(draw(st.integers(0, 4)))],
            draw(st.none() | numbers), draw(st.none() | line), prompts,
            [draw(st.none() | text) for _ in prompts],
        ))
    supervisee = draw(st.none() | line.filter(lambda t: bool(t.strip())))
    agenda = None
    if supervisee is not None and draw(st.booleans()):
        agenda = Agenda(*(draw(st.lists(line, max_size=2)) for _ in range(5)))
    made = Journal(
        date=DAY, role=draw(st.sampled_from(["peer-supporter", "supervisor"])),
        framework="ma-accs-2022", reflections=reflections,
        status=draw(st.sampled_from(["complete", "partial"])), peersup_version="0.1.0",
        supervisee=supervisee, framework_title=draw(line), role_label=draw(line),
        action_plan=draw(st.none() | text), support=draw(st.none() | text), agenda=agenda,
    )
    kind = draw(st.sampled_from(["as it is", "record", "share"])) if kinds else "as it is"
    if kind == "record" and supervisee is not None:
        from peersup_cli.journal.model import Agreement, SessionRecord

        made.agenda, made.reflections = None, []
        made.record = SessionRecord(
            minutes=draw(st.none() | st.integers(0, 600)), format=draw(st.none() | line),
            discussed=draw(st.lists(line, max_size=2)),
            agreed=[Agreement(t, draw(st.none() | st.just("Alex")), draw(st.booleans()))
                    for t in draw(st.lists(line, max_size=2))])
    elif kind == "share":
        from peersup_cli.journal.model import SharedFrom

        made.agenda = None
        made.shared = SharedFrom(on=DAY, source="2026-11-20-peer-supporter.md",
                                 parts=["ratings", "ticks", "answers", "plan", "support"])
    return made


# -- small guidelines files ------------------------------------------------------------------
# The reflect and prep tests use TINY_GUIDELINES (one framework, 'tiny', three values); the
# export tests use GUIDELINES_YAML (curly quotes, dashes, accents and markup on purpose).
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


REPO = Path(__file__).resolve().parents[1]
REAL_GUIDELINES = REPO / "data" / "guidelines.yaml"

# Curly quotes, dashes and accents on purpose: every format must carry them through.
GUIDELINES_YAML = """\
schema_version: 1
frameworks:
  - id: ma-accs-2022
    title: "Core values – a “small” test framework"
    source:
      title: Core values for testing
      organisation: Test Organisation
      year: 2022
      url: https://example.org/values
      licence: CC BY 4.0
    roles:
      - {id: peer-supporter, label: Peer supporter}
      - {id: supervisor, label: Supervisor}
    values:
      - id: voluntary
        number: 1
        title: Voluntary
        practice: Support Choice
        description: |
          Recovery is a choice – a person’s “own” path. Café, naïve, résumé.

          A second paragraph, long enough to wrap across lines in every renderer that wraps text.
        guidelines:
          peer-supporter:
            - I support people’s choices — even when I would choose differently.
            - >-
              I ask before I share my own story, and I accept “no” as an answer; this item is long
              enough to wrap onto a second line of the printed page.
          supervisor:
            - I let supervisees set the agenda.
        prompts:
          peer-supporter:
            - When did you last check someone’s choice?
            - What helps you step back?
          supervisor:
            - How do you invite the agenda?
      - id: hopeful
        number: 2
        title: Hopeful
        practice: Share Hope
        description: Hope is catching.
        guidelines:
          peer-supporter:
            - I share stories of recovery.
            - ITEM_A
            - ITEM_B
          supervisor:
            - I notice progress, however small.
        prompts:
          peer-supporter:
            - Where did you see hope this week?
          supervisor:
            - What gave your supervisee hope?
  - id: naps-2019
    title: National Practice Guidelines
    source:
      title: National Practice Guidelines
      organisation: Test Association
      year: 2019
      url: https://example.org/naps
      licence: All rights reserved
    roles:
      - {id: supervisor, label: Supervisor}
    values:
      - id: open-minded
        number: 1
        title: Open Minded
        practice: Withhold Judgment
        description: ""
        guidelines:
          supervisor:
            - I stay curious about what I do not know.
        prompts:
          supervisor:
            - What surprised you this week?
"""
PLAIN_ITEMS = ("I stay humble.", "I keep learning.")
EVIL_ITEMS = ("<script>alert(1)</script>", "<b>bold</b> & more")


def guidelines_text(evil: bool = False) -> str:
    a, b = EVIL_ITEMS if evil else PLAIN_ITEMS
    return GUIDELINES_YAML.replace("ITEM_A", f'"{a}"').replace("ITEM_B", f'"{b}"')


def write_guidelines(tmp_path: Path, evil: bool = False) -> Path:
    path = tmp_path / ("evil.yaml" if evil else "guidelines.yaml")
    path.write_text(guidelines_text(evil), encoding="utf-8")
    return path


def small_guidelines(evil: bool = False) -> Guidelines:
    return parse_guidelines(guidelines_text(evil), "test.yaml")


def small_framework(evil: bool = False) -> Framework:
    fw = small_guidelines(evil).framework("ma-accs-2022")
    assert fw is not None
    return fw


def real_guidelines() -> Guidelines:
    return load_guidelines(REAL_GUIDELINES)


def items_of(fw: Framework, role: str) -> list[str]:
    return [" ".join(t.split()) for v in fw.values for t in v.guidelines.get(role, ())]


FIRST_ITEM = "I support people’s choices — even when I would choose differently."
# Answers hold markup, a blank line and a carriage return: all must come through as text.
ANSWER = "I asked first, then listened.\n\n<script>alert(2)</script> stayed text\rtoo"


def sample_journal(prep: bool = False) -> Journal:
    reflection = ValueReflection(
        value_id="voluntary",
        number=1,
        title="Voluntary",
        practice="Support Choice",
        items=[
            GuidelineItem(1, FIRST_ITEM, True),
            GuidelineItem(2, "I ask before I share my own story.", False),
        ],
        rating=3,
        rating_label="Steady",
        prompts=["When did you last check someone’s choice?", "What helps you step back?"],
        answers=[ANSWER, None],
    )
    return Journal(
        date=datetime(2026, 11, 22, 9, 30, tzinfo=UTC),
        role="supervisor" if prep else "peer-supporter",
        framework="ma-accs-2022",
        reflections=[reflection],
        peersup_version="0.1.0",
        supervisee="Sam" if prep else None,
        framework_title="Core values – a “small” test framework",
        role_label="Supervisor" if prep else "Peer supporter",
        action_plan="Ask before sharing, every time.\nNotice when I rush.",
        support="Time to talk about <b>boundaries</b>.",
        agenda=Agenda(
            carried=["Plan the group session"],
            done=["Read the guidelines"],
            topics=["Workload"],
            questions=["How do I say no?"],
        )
        if prep
        else None,
    )


def write_journal(tmp_path: Path, journal: Journal, name: str = "journal.md") -> Path:
    path = tmp_path / name
    # newline="": the carriage return inside the answer must reach the file as it is.
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(journal_format.render(journal))
    return path


TASK = re.compile(r"^- \[([ x])\] (.*)$")


def md_tasks(text: str) -> list[tuple[bool, str]]:
    """Every GitHub task list item: (ticked, text without markdown escapes)."""
    out = []
    for line in text.splitlines():
        if m := TASK.match(line):
            out.append((m.group(1) == "x", html.unescape(re.sub(r"\\(.)", r"\1", m.group(2)))))
    return out


# -- the document ------------------------------------------------------------------------------


# The loader tests' own small framework, built from parts so each test can vary one.
ROLES = ("peer-supporter", "supervisor")
VALUES = (
    ("voluntary", "Peer Support is Voluntary", "Support Choice"),
    ("hopeful", "Peer Supporters Are Hopeful", "Share Hope"),
    ("empathic", "Peer Supporters Are Empathic", "Listen with Emotional Sensitivity"),
    ("respectful", "Peer Supporters Are Respectful", "Be Curious and Embrace Diversity"),
)


def value_yaml(n: int, vid: str, title: str, practice: str, roles: tuple[str, ...] = ROLES) -> str:
    lines = [
        f"      - id: {vid}",
        f"        number: {n}",
        f"        title: {title}",
        f"        practice: {practice}",
        f"        description: What {vid} means to us.",
        "        guidelines:",
    ]
    for role in roles:
        lines += [f"          {role}:", f"            - A {role} guideline for {vid}."]
    lines.append("        prompts:")
    for role in roles:
        lines += [f"          {role}:", f"            - When did you practise {vid} as {role}?"]
    return "\n".join(lines)


def framework_yaml(
    fid: str = "tiny-2024", values: tuple[tuple[str, str, str], ...] = VALUES
) -> str:
    head = f"""\
  - id: {fid}
    title: A tiny framework for tests
    source:
      title: Tiny guidelines
      organisation: The test organisation
      year: 2024
      url: https://example.org/tiny
      licence: Free to use with credit.
    roles:
      - id: peer-supporter
        label: Peer supporter
      - id: supervisor
        label: Supervisor
    rating_scale:
      - number: 1
        label: Just starting
        description: I am beginning.
      - number: 2
        label: Growing
        description: I practise this sometimes.
    values:
"""
    return head + "\n".join(value_yaml(i, *v) for i, v in enumerate(values, 1))


def tiny_yaml() -> str:
    return "schema_version: 1\nframeworks:\n" + framework_yaml() + "\n"


def write_file(tmp_path: Path, text: str | bytes, name: str = "g.yaml") -> Path:
    file = tmp_path / name
    if isinstance(text, bytes):
        file.write_bytes(text)
    else:
        file.write_text(text, encoding="utf-8")
    return file


def line_of(text: str, snippet: str, nth: int = 1) -> int:
    """1-based line of the nth occurrence of ``snippet`` in ``text``."""
    pos = -1
    for _ in range(nth):
        pos = text.index(snippet, pos + 1)
    return text.count("\n", 0, pos) + 1


def problems(file: Path) -> list[str]:
    with pytest.raises(GuidelinesError) as info:
        load_guidelines(file)
    assert info.value.exit_code == 2
    assert str(info.value) == "\n".join(info.value.problems)
    return info.value.problems
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


# -- reading an exported HTML page back -------------------------------------------------------
class Page(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.checkboxes: list[bool] = []  # checked?
        self.radios: list[bool] = []
        self.items: list[str] = []  # text of each <li> in a checklist
        self.style = ""
        self.data: list[str] = []
        self.answers: list[str] = []
        self._li: list[str] | None = None
        self._answer: list[str] | None = None
        self.lang: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "input":
            target = self.checkboxes if a.get("type") == "checkbox" else self.radios
            target.append("checked" in a)
            return  # a void element: nothing to close
        if tag == "li" and self.stack and self.stack[-1] == "ul.checklist":
            self._li = []
        if tag == "blockquote" and a.get("class") == "answer":
            self._answer = []
        self.stack.append(f"{tag}.{a.get('class')}" if a.get("class") else tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._li is not None:
            self.items.append(" ".join("".join(self._li).split()))
            self._li = None
        if tag == "blockquote" and self._answer is not None:
            self.answers.append("".join(self._answer))
            self._answer = None
        while self.stack:
            if self.stack.pop().split(".")[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "style":
            self.style += data
            return
        self.data.append(data)
        if self._li is not None:
            self._li.append(data)
        if self._answer is not None:
            self._answer.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.data).split())


# -- the terminal port, fed typed lines (no pseudo-terminal) --------------------------------------
def terminal_port(lines: list[str]):  # type: ignore[no-untyped-def]
    """A ``TerminalPort`` reading ``lines`` one by one (then end of input), and what it wrote."""
    import io

    from rich.console import Console

    from peersup_cli.cli.terminal import TerminalPort

    out = io.StringIO()
    feed = iter(lines)

    def read_line(prompt: str) -> str:
        out.write(prompt)
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    console = Console(file=out, width=80, no_color=True, highlight=False)
    return TerminalPort(console, scratch_dir=Path("/nonexistent"), read_line=read_line), out


def supervisor_history(folder: Path) -> None:
    """A supervisor's own reflection, a prep for Sam and a prep for Alex (hopeful in each)."""
    save(folder, "2026-10-01-supervisor.md", journal(
        "2026-10-01T09:00:00+00:00", reflection("hopeful", 2, role="supervisor"),
        role="supervisor", action_plan="My own plan."))
    save(folder, "2026-10-02-supervisor-prep-sam.md", journal(
        "2026-10-02T09:00:00+00:00", reflection("hopeful", 3, role="supervisor"),
        role="supervisor", supervisee="Sam", action_plan="Offer Sam the training.",
        agenda=Agenda(topics=["Caseload"])))
    save(folder, "2026-10-03-supervisor-prep-alex.md", journal(
        "2026-10-03T09:00:00+00:00", reflection("hopeful", 4, role="supervisor"),
        reflection("empathic", 1, role="supervisor"),
        role="supervisor", supervisee="Alex", action_plan="Check on Alex's leave.",
        agenda=Agenda(topics=["Leave"])))


# -- share, log and packet (issue 15): records, shares and a supervision folder -----------------
def record_journal(
    when: str,
    name: str = "Alex",
    *,
    held: str | None = None,
    minutes: int | None = 50,
    fmt: str | None = "individual",
    mode: str | None = "video",
    next_session: str | None = None,
    discussed: tuple[str, ...] = ("Caseload",),
    agreed: tuple[tuple[str, str | None, bool], ...] = (("Book the training", "Alex", False),),
) -> Journal:
    """A supervision record written at ``when`` (ISO, with its offset) about ``name``."""
    from datetime import date

    from peersup_cli.journal.model import Agreement, SessionRecord, ValueRef

    return Journal(
        date=datetime.fromisoformat(when), role="supervisor", framework="ma-accs-2022",
        supervisee=name, role_label="Supervisor", framework_title="Peer support values",
        peersup_version="0.2.0",
        record=SessionRecord(
            held=date.fromisoformat(held) if held else None, minutes=minutes, format=fmt,
            mode=mode, values=[ValueRef("hopeful", 2, "Hopeful")], discussed=list(discussed),
            agreed=[Agreement(text, who, done) for text, who, done in agreed],
            next_session=date.fromisoformat(next_session) if next_session else None,
        ),
    )


def share_journal(
    when: str, *reflections: ValueReflection, by: str | None = "Alex",
    parts: tuple[str, ...] = ("ratings", "ticks", "answers"), supervisee: str | None = "Alex",
) -> Journal:
    """A share file as a supervisor keeps it for ``supervisee`` (None: as its author made it)."""
    from peersup_cli.journal.model import SharedFrom

    shared = journal(when, *reflections, action_plan=None)
    shared.supervisee = supervisee
    shared.agenda = None
    shared.shared = SharedFrom(on=shared.date, source="2026-12-01-peer-supporter.md",
                               parts=list(parts), by=by)
    return shared


def supervision_folder(folder: Path, *, with_share: bool = True, with_record: bool = True,
                       name: str = "Alex") -> Journal:
    """A supervisor's folder for one supervisee: a share kept for them, the prep made with it
    (returned) and the record of the session after it. Saved with ``save_journal``."""
    from peersup_cli.journal.store import save_journal

    share_name = None
    if with_share:
        kept = share_journal(
            "2026-12-01T18:00:00+00:00",
            reflection("hopeful", 3, (1, 2), ("Hope came up in the group again.", None)),
            reflection("empathic", 2, (), ("I sat with someone's grief.", None)),
            supervisee=name)
        share_name = save_journal(folder, kept).name
    prep = journal(
        "2026-12-03T09:00:00+00:00",
        reflection("hopeful", 4, (1,), ("They lead the group well.", None), role="supervisor"),
        reflection("voluntary", 2, (), (None, None), role="supervisor"),
        role="supervisor", supervisee=name, action_plan="Offer the facilitation training.",
        agenda=Agenda(carried=["Book the next session"], topics=["Caseload balance"],
                      questions=["What helps on busy days?"]))
    prep.with_share = share_name
    save_journal(folder, prep)
    if with_record:
        save_journal(folder, record_journal(
            "2026-12-04T16:00:00+00:00", name, held="2026-12-04", next_session="2026-12-18",
            agreed=(("Book the training", name, False), ("Send the rota", "me", True))))
    return prep


def share_file(
    path: Path, source: Journal, parts: tuple[str, ...] = ("ratings", "ticks", "answers",
                                                            "plan", "support"),
    by: str | None = "Alex",
) -> Path:
    """A share file as `peersup share` makes one: the chosen parts of ``source`` (through
    ``sharing.select``), marked as shared, written by the one writer."""
    from peersup_cli.journal.model import SharedFrom
    from peersup_cli.sharing.select import Part, select

    shared = select(source, [Part(p) for p in parts])
    shared.shared = SharedFrom(on=source.date.replace(hour=20), source="2026-12-01-peer.md",
                               parts=list(parts), by=by)
    path.write_text(render(shared), encoding="utf-8")
    return path


def peer_self_evaluation(framework: str = "ma-accs-2022") -> Journal:
    """A peer supporter's reflection to share: three values rated, ticked and answered."""
    return Journal(
        date=datetime(2026, 12, 1, 18, 0, tzinfo=UTC),
        role="peer-supporter",
        framework=framework,
        reflections=[
            ValueReflection("hopeful", 2, "Peer Supporters Are Hopeful", "Share Hope",
                            [GuidelineItem(1, "I share my story with care.", True),
                             GuidelineItem(2, "I model recovery at work.", True),
                             GuidelineItem(3, "I hold hope for others.")],
                            4, "A strength I could help others with",
                            ["When did sharing your story help?", "What kept you hopeful?"],
                            ["A short story in group helped Jo.", None]),
            ValueReflection("empathic", 3, "Peer Supporters Are Empathic", "Listen",
                            [GuidelineItem(1, "I listen without fixing.", True),
                             GuidelineItem(2, "I notice my own reactions.")],
                            3, "Steady", ["When did you listen well?"],
                            ["I sat with someone's grief."]),
            ValueReflection("open-minded", 3, "Peer Supporters Open Minded", "Withhold Judgment",
                            [GuidelineItem(1, "I stay curious.", True)], 3, "Steady", [], []),
        ],
        peersup_version="0.2.0",
        framework_title="Peer support values",
        role_label="Peer supporter",
        action_plan="Ask before I advise.",
        support="Talking through hard calls.",
    )
