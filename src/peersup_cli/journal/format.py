"""A journal as markdown with YAML front matter, both ways: the one writer and the one reader.

The front matter holds the facts other tools read (date, role, ratings, practised items). The
body is for people, and it is also where the person's own words live: each answer is a
blockquote that follows an HTML comment marker (invisible in any markdown viewer). Every line of
an answer gets a ``> `` prefix, so nothing a person types (``---``, ``# heading``, blank lines,
trailing spaces, a stray carriage return) can be mistaken for the journal's own structure, and
``parse(render(j)) == j`` for any text.

``parse`` reads any text a person or a colleague may hand it: it never raises anything but
``JournalFormatError``, and its time grows linearly with the text (one pass over the lines, each
line looked at by its first characters; no pattern here can backtrack across a line).
"""

from __future__ import annotations

import re
from typing import Any

from .. import messages as msg
from .front_matter import FENCE, JournalFormatError, read, split
from .model import (
    STATUS_COMPLETE,
    STATUS_PARTIAL,
    Agenda,
    GuidelineItem,
    Journal,
    TextBlock,
    ValueReflection,
)

__all__ = ["JournalFormatError", "parse", "render"]

MARK_PREFIX = "<!-- peersup:"
# Structural lines of the body. Numbers are capped: a hand edit cannot make int() choke.
MARK = re.compile(r"<!-- peersup:([a-z_]+)(?: (\S+))? -->\r?\Z")
ITEM = re.compile(r"- \[([ xX])\] (\d{1,9})\. (.*)\Z", re.DOTALL)
RATING = re.compile(r"\*\*Rating:\*\* (?:(\d{1,9}) — (.*)|not rated)\Z", re.DOTALL)
SKIPPED = "*Skipped.*"
AGENDA_KINDS = tuple(kind for kind, _ in msg.AGENDA_PARTS)
ANSWER_KINDS = ("answer", "action_plan", "support")


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


def heading(journal: Journal) -> str:
    """The journal's title line, as the file, ``journal show`` and exports give it."""
    stamp = journal.date.strftime(msg.DATE_FORMAT)
    if journal.supervisee is not None:
        return msg.JOURNAL_PREP.format(name=one_line(journal.supervisee), date=stamp)
    return msg.JOURNAL_REFLECTION.format(date=stamp)


def _answer(lines: list[str], marker: str, text: str | None) -> None:
    lines.append(f"{MARK_PREFIX}{marker} -->")
    # Split on "\n" only: a lone "\r" or a Unicode line separator stays inside its line.
    lines.extend([f"> {line}" for line in text.split("\n")] if text is not None else [SKIPPED])
    lines.append("")


def _tasks(lines: list[str], marker: str, items: list[str], checked: bool) -> None:
    lines.append(f"{MARK_PREFIX}{marker} -->")
    box = "x" if checked else " "
    # Newlines cannot live in a list item; agenda items are single lines by construction.
    lines.extend(f"- [{box}] {item}" for item in items)
    lines.append("")


def render_body(journal: Journal) -> str:
    who = journal.role_label or journal.role
    lines = [f"# {heading(journal)}", ""]
    lines.append(f"*{who} · {journal.framework_title or journal.framework}*")
    if journal.status == STATUS_PARTIAL:
        resume = msg.resume_command(journal.supervisee)
        lines += ["", f"*{msg.JOURNAL_UNFINISHED.format(resume=resume)}*"]
    lines.append("")
    if journal.agenda is not None:
        agenda = journal.agenda
        lines += [f"## {msg.SECTION_AGENDA}", ""]
        for kind, title in msg.AGENDA_PARTS:
            items = getattr(agenda, kind)
            if kind == "done" and not items:
                continue
            lines += [f"### {title}", ""]
            _tasks(lines, kind, items, checked=kind == "done")
    for r in journal.reflections:
        lines.append(f"## {r.number}. {one_line(r.title)} — {one_line(r.practice)}")
        lines.append(f"{MARK_PREFIX}value {r.value_id} -->")
        lines.append("")
        if r.items:
            lines += [msg.GUIDELINES_TICKED, ""]
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
            lines += [f"**{one_line(prompt)}**", ""]
            _answer(lines, f"answer {n}", answer)
    lines += [f"## {msg.SECTION_ACTION_PLAN}", "", f"*{msg.SECTION_ACTION_PLAN_NOTE}*", ""]
    _answer(lines, "action_plan", journal.action_plan)
    lines += [f"## {msg.SECTION_SUPPORT}", ""]
    _answer(lines, "support", journal.support)
    return "\n".join(lines)


# -- reading ---------------------------------------------------------------------------------
def parse(text: str) -> Journal:
    """Read a journal file's text back into the ``Journal`` it was written from.

    Raises ``JournalFormatError`` (with a reason in plain words) for text that is not a
    journal; a body edited by hand is read as far as it makes sense, never refused.
    """
    fm_text, body, before = split(text)
    fm = read(fm_text)
    supervisee = fm.get("supervisee")
    planned = fm.get("planned")
    journal = Journal(
        date=fm["date"],
        role=fm["role"],
        framework=fm["framework"],
        status=str(fm.get("status") or STATUS_COMPLETE),
        peersup_version=str(fm.get("peersup_version") or ""),
        supervisee=None if supervisee is None else str(supervisee),
        planned=[str(v) for v in planned] if isinstance(planned, list) else [],
    )
    _parse_body(body.split("\n"), journal, before)
    return journal


def _parse_body(lines: list[str], journal: Journal, before: int) -> None:
    """One pass over the body's lines. ``before``: file lines above the body, so each block of
    the person's words knows its line in the file."""
    if any(line.endswith("\r") for line in lines[:3]) and _crlf_file(lines):
        # The whole file went through a Windows editor (then its first lines end with "\r"
        # too): undo that only.
        lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    current: ValueReflection | None = None
    last_text = ""  # the last non-blank line: an answer's prompt stands just above its marker
    blocks = journal.blocks
    item_match = ITEM.match
    count = len(lines)
    i = 0
    while i < count:
        line = lines[i]
        first = line[:1]
        if not first:
            i += 1
            continue
        if first == "<" and line.startswith(MARK_PREFIX) and (mark := MARK.match(line)):
            kind = mark.group(1)
            if kind in AGENDA_KINDS:
                items, i = _read_tasks(lines, i + 1)
                if journal.agenda is None:
                    journal.agenda = Agenda()
                setattr(journal.agenda, kind, items)
                if items:
                    blocks.append(TextBlock(before + i - len(items) + 1, kind, "\n".join(items)))
                continue
            answer, nxt = _read_quote(lines, i + 1)
            where = None
            if kind == "answer" and current is not None:
                current.prompts.append(_prompt(last_text))
                current.answers.append(answer)
                where = current.value_id
            elif kind in ("action_plan", "support"):
                setattr(journal, kind, answer)
                current, where = None, kind
            if where is not None and answer is not None:
                blocks.append(TextBlock(before + i + 2, where, answer))
            last_text = ""
            i = max(nxt, i + 1)
            continue
        if first == "-" and current is not None:
            # A value's guideline items come in a run: read the run in one go.
            start = i
            items_list = current.items
            while i < count and (m := item_match(lines[i])):
                items_list.append(GuidelineItem(int(m.group(2)), m.group(3), m.group(1) != " "))
                i += 1
            if i > start:
                last_text = lines[i - 1]
                continue
        elif first == "#" and line.startswith("## "):
            reflection = _value_heading(line, lines[i + 1] if i + 1 < count else "")
            if reflection is not None:
                current = reflection
                journal.reflections.append(current)
                i += 2
                continue
        elif first == "*":
            if line.startswith("**Rating:** "):
                if current is not None and (m := RATING.match(line)) and m.group(1) is not None:
                    # The body wins over the front matter: it is what a person reads and edits.
                    current.rating, current.rating_label = int(m.group(1)), m.group(2)
            elif not journal.role_label and line.endswith("*") and " · " in line:
                who, _, fw_title = line[1:-1].partition(" · ")
                journal.role_label, journal.framework_title = who, fw_title
        if first != " " or line.strip():
            last_text = line
        i += 1


def _value_heading(line: str, next_line: str) -> ValueReflection | None:
    """``## 3. Title — Practice`` followed by its value marker, or None."""
    number, dot, rest = line[3:].partition(". ")
    if not dot or not number.isdecimal() or len(number) > 9 or " — " not in rest:
        return None
    mark = MARK.match(next_line) if next_line.startswith(MARK_PREFIX) else None
    if mark is None or mark.group(1) != "value" or not mark.group(2):
        return None
    title, _, practice = rest.rpartition(" — ")
    return ValueReflection(mark.group(2), int(number), title, practice)


def _prompt(line: str) -> str:
    return line[2:-2] if len(line) >= 4 and line.startswith("**") and line.endswith("**") else line


def _read_quote(lines: list[str], i: int) -> tuple[str | None, int]:
    """The blockquote starting at line ``i`` (None if the answer was skipped); next index."""
    out: list[str] = []
    count = len(lines)
    while i < count and lines[i][:1] == ">":
        line = lines[i]
        out.append(line[2:] if line[1:2] == " " else line[1:])
        i += 1
    return ("\n".join(out) if out else None), i


def _read_tasks(lines: list[str], i: int) -> tuple[list[str], int]:
    out: list[str] = []
    count = len(lines)
    while i < count and lines[i][:4] in ("- [ ", "- [x", "- [X") and lines[i][4:6] == "] ":
        out.append(lines[i][6:])
        i += 1
    return out, i


def _crlf_file(lines: list[str]) -> bool:
    # Our own output never ends a structural line with "\r"; if the markers all do, the file was
    # converted as a whole, and the "\r" belongs to the converter, not to the person.
    marks = [line for line in lines if line.startswith(MARK_PREFIX)]
    return bool(marks) and all(line.endswith("\r") for line in marks)
