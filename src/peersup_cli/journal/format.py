"""A journal as markdown with YAML front matter, both ways.

The front matter holds the structured facts other tools read (date, role, ratings, practiced
items). The body is for people, and it is also where the person's own words live: each answer is
a blockquote that follows an HTML comment marker (invisible in any markdown viewer). Every line of
an answer gets a ``> `` prefix, so nothing a person types (``---``, ``# heading``, blank lines,
trailing spaces, a stray carriage return) can be mistaken for the journal's own structure, and
``parse(render(j)) == j`` for any text.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from .model import (
    STATUS_COMPLETE,
    STATUS_PARTIAL,
    Agenda,
    GuidelineItem,
    Journal,
    ValueReflection,
)

FENCE = "---"
# Structural lines of the body (numbers are capped: a hand edit cannot make int() choke).
MARK = re.compile(r"^<!-- peersup:([a-z_]+)(?: (\S+))? -->\r?$")
ITEM = re.compile(r"^- \[([ xX])\] (\d{1,9})\. (.*)$")
TASK = re.compile(r"^- \[([ xX])\] (.*)$")
VALUE_HEAD = re.compile(r"^## (\d{1,9})\. (.*) — (.*)$")
RATING = re.compile(r"^\*\*Rating:\*\* (?:(\d{1,9}) — (.*)|not rated)$")
SKIPPED = "*Skipped.*"


class JournalFormatError(ValueError):
    """The front matter cannot be read; the message says why in plain words."""


# -- writing ---------------------------------------------------------------------------------
def render(journal: Journal) -> str:
    """The whole journal file as text (LF line endings; answers keep their own characters)."""
    return render_front_matter(journal) + render_body(journal)


def front_matter_data(journal: Journal) -> dict[str, Any]:
    data: dict[str, Any] = {
        "date": journal.date.isoformat(timespec="seconds"),
        "role": journal.role,
        "framework": journal.framework,
        "values": journal.values,
        "ratings": journal.ratings,
        "practiced": journal.practiced,
    }
    if journal.supervisee is not None:
        data["supervisee"] = journal.supervisee
    data["status"] = journal.status
    if journal.status == STATUS_PARTIAL and journal.planned:
        data["planned"] = journal.planned
    data["peersup_version"] = journal.peersup_version
    return data


def _dumper() -> Any:
    """PyYAML's safe dumper, except that text holding a Unicode line break (NEL, LS, PS) is
    double-quoted: in a single-quoted scalar the C loader folds a NEL into a space, and a
    supervisee's name must come back exactly as typed."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: Any, data: str) -> Any:
        style = '"' if any(ch in data for ch in "\x85\u2028\u2029") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(str, text)
    return Dumper


def render_front_matter(journal: Journal) -> str:
    import yaml

    dumped = yaml.dump(
        front_matter_data(journal), Dumper=_dumper(), sort_keys=False, allow_unicode=True,
        width=1000,
    )
    return f"{FENCE}\n{dumped}{FENCE}\n"


def one_line(text: str) -> str:
    """Headings, list items and prompts are single lines; guideline text may wrap in YAML."""
    return " ".join(text.split())


def _quote(text: str) -> list[str]:
    # Split on "\n" only: a lone "\r" or a Unicode line separator stays inside its line.
    return [f"> {line}" for line in text.split("\n")]


def _answer(lines: list[str], marker: str, text: str | None) -> None:
    lines.append(f"<!-- peersup:{marker} -->")
    lines.extend(_quote(text) if text is not None else [SKIPPED])
    lines.append("")


def _tasks(lines: list[str], marker: str, items: list[str], checked: bool) -> None:
    lines.append(f"<!-- peersup:{marker} -->")
    box = "x" if checked else " "
    # Newlines cannot live in a list item; agenda items are single lines by construction.
    lines.extend(f"- [{box}] {item}" for item in items)
    lines.append("")


def render_body(journal: Journal) -> str:
    stamp = journal.date.strftime("%A %d %B %Y, %H:%M")
    who = journal.role_label or journal.role
    if journal.supervisee is not None:
        heading = f"# Supervision prep: {one_line(journal.supervisee)} — {stamp}"
    else:
        heading = f"# Reflection — {stamp}"
    lines = [heading, ""]
    lines.append(f"*{who} · {journal.framework_title or journal.framework}*")
    if journal.status == STATUS_PARTIAL:
        lines.append("")
        resume = "peersup prep NAME --resume" if journal.supervisee is not None else (
            "peersup reflect --resume"
        )
        lines.append(f"*Unfinished: `{resume}` picks it up where it stopped.*")
    lines.append("")
    if journal.agenda is not None:
        agenda = journal.agenda
        lines += ["## Agenda", ""]
        lines += ["### Carried over from last time", ""]
        _tasks(lines, "carried", agenda.carried, checked=False)
        if agenda.done:
            lines += ["### Done since last time", ""]
            _tasks(lines, "done", agenda.done, checked=True)
        lines += ["### Topics to raise", ""]
        _tasks(lines, "topics", agenda.topics, checked=False)
        lines += ["### Questions to ask", ""]
        _tasks(lines, "questions", agenda.questions, checked=False)
    for r in journal.reflections:
        lines.append(f"## {r.number}. {one_line(r.title)} — {one_line(r.practice)}")
        lines.append(f"<!-- peersup:value {r.value_id} -->")
        lines.append("")
        if r.items:
            lines.append("Guidelines, ticked where practised recently:")
            lines.append("")
            lines.extend(
                f"- [{'x' if i.practiced else ' '}] {i.number}. {one_line(i.text)}" for i in r.items
            )
            lines.append("")
        if r.rating is None:
            lines.append("**Rating:** not rated")
        else:
            lines.append(f"**Rating:** {r.rating} — {r.rating_label or ''}")
        lines.append("")
        for n, prompt in enumerate(r.prompts, start=1):
            answer = r.answers[n - 1] if n <= len(r.answers) else None
            lines.append(f"**{one_line(prompt)}**")
            lines.append("")
            _answer(lines, f"answer {n}", answer)
    lines += ["## Action plan", "", "*One or two things to try before next time.*", ""]
    _answer(lines, "action_plan", journal.action_plan)
    lines += ["## Support I would like from supervision", ""]
    _answer(lines, "support", journal.support)
    return "\n".join(lines)


# -- reading ---------------------------------------------------------------------------------
def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter YAML, body). Raises ``JournalFormatError`` if there is no front matter."""
    if text.startswith("\ufeff"):
        text = text[1:]
    first, _, rest = text.partition("\n")
    if first.rstrip("\r") != FENCE:
        raise JournalFormatError("it does not start with a --- front matter block")
    pos = 0
    while True:
        end = rest.find("\n", pos)
        line = rest[pos:] if end == -1 else rest[pos:end]
        if line.rstrip("\r") == FENCE:
            return rest[:pos], "" if end == -1 else rest[end + 1 :]
        if end == -1:
            raise JournalFormatError("its front matter has no closing ---")
        pos = end + 1


def parse_front_matter(yaml_text: str) -> dict[str, Any]:
    import yaml

    try:
        # Safe loading only; the C loader where PyYAML has it (6x faster).
        data = yaml.load(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise JournalFormatError(f"its front matter is not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise JournalFormatError("its front matter is not a set of keys and values")
    for key in ("date", "role", "framework"):
        if key not in data:
            raise JournalFormatError(f"its front matter has no {key!r}")
    data["date"] = _as_datetime(data["date"])
    if not isinstance(data.get("role"), str) or not isinstance(data.get("framework"), str):
        raise JournalFormatError("its front matter's role and framework must be text")
    return data


def _as_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    raise JournalFormatError("its front matter's date is not an ISO 8601 date and time")


def parse(text: str) -> Journal:
    """Read a journal file's text back into the ``Journal`` it was written from."""
    fm_text, body = split_front_matter(text)
    fm = parse_front_matter(fm_text)
    journal = Journal(
        date=fm["date"],
        role=fm["role"],
        framework=fm["framework"],
        status=str(fm.get("status") or STATUS_COMPLETE),
        peersup_version=str(fm.get("peersup_version") or ""),
        supervisee=None if fm.get("supervisee") is None else str(fm["supervisee"]),
        planned=[str(v) for v in fm.get("planned") or []],
    )
    _parse_body(body, journal)
    return journal


def _read_quote(lines: list[str], i: int) -> tuple[str | None, int]:
    """The blockquote starting at line ``i`` (None if the answer was skipped); next index."""
    out: list[str] = []
    while i < len(lines) and lines[i].startswith(">"):
        line = lines[i]
        out.append(line[2:] if line.startswith("> ") else line[1:])
        i += 1
    return ("\n".join(out) if out else None), i


def _read_tasks(lines: list[str], i: int) -> tuple[list[str], int]:
    out: list[str] = []
    while i < len(lines) and (m := TASK.match(lines[i])):
        out.append(m.group(2))
        i += 1
    return out, i


def _parse_body(body: str, journal: Journal) -> None:
    lines = body.split("\n")
    if _crlf_file(lines):  # the whole file went through a Windows editor: undo that only
        lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    current: ValueReflection | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("*") and line.endswith("*") and " · " in line and not journal.role_label:
            who, _, fw_title = line[1:-1].partition(" · ")
            journal.role_label, journal.framework_title = who, fw_title
        if m := VALUE_HEAD.match(line):
            number, title, practice = int(m.group(1)), m.group(2), m.group(3)
            mark = MARK.match(lines[i + 1]) if i + 1 < len(lines) else None
            if mark and mark.group(1) == "value" and mark.group(2):
                current = ValueReflection(mark.group(2), number, title, practice)
                journal.reflections.append(current)
                i += 2
                continue
        if current is not None and (m := ITEM.match(line)):
            current.items.append(GuidelineItem(int(m.group(2)), m.group(3), m.group(1) != " "))
        elif current is not None and (m := RATING.match(line)) and m.group(1) is not None:
            # The body wins over the front matter: it is what a person reads and edits.
            current.rating, current.rating_label = int(m.group(1)), m.group(2)
        mark = MARK.match(line)
        if mark is None:
            i += 1
            continue
        kind = mark.group(1)
        if kind in ("carried", "done", "topics", "questions"):
            items, i = _read_tasks(lines, i + 1)
            if journal.agenda is None:
                journal.agenda = Agenda()
            setattr(journal.agenda, kind, items)
            continue
        answer, nxt = _read_quote(lines, i + 1)
        if kind == "answer" and current is not None:
            prompt = _prompt_before(lines, i)
            current.prompts.append(prompt)
            current.answers.append(answer)
        elif kind == "action_plan":
            journal.action_plan = answer
            current = None
        elif kind == "support":
            journal.support = answer
            current = None
        i = max(nxt, i + 1)


def _prompt_before(lines: list[str], i: int) -> str:
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    line = lines[j] if j >= 0 else ""
    return line[2:-2] if line.startswith("**") and line.endswith("**") else line


def _crlf_file(lines: list[str]) -> bool:
    # Our own output never ends a structural line with "\r"; if the markers all do, the file was
    # converted as a whole, and the "\r" belongs to the converter, not to the person.
    marks = [line for line in lines if line.startswith("<!-- peersup:")]
    return bool(marks) and all(line.endswith("\r") for line in marks)
