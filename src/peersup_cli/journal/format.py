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
from . import kinds
from .front_matter import FENCE, JournalFormatError, read, split
from .model import (
    KIND_RECORD,
    KIND_SHARE,
    STATUS_COMPLETE,
    STATUS_PARTIAL,
    Agenda,
    GuidelineItem,
    Journal,
    TextBlock,
    ValueReflection,
)

__all__ = ["SKIPPED", "JournalFormatError", "journal_head", "parse", "render"]

MARK_PREFIX = "<!-- peersup:"
# Numbers in the body are capped at 9 digits: a hand edit cannot make int() choke.
SKIPPED = "*Skipped.*"


# -- writing ---------------------------------------------------------------------------------
def render(journal: Journal) -> str:
    """The whole journal file as text (LF line endings; answers keep their own characters)."""
    return render_front_matter(journal) + render_body(journal)


def front_matter_data(journal: Journal) -> dict[str, Any]:
    data: dict[str, Any] = {"date": journal.date.isoformat(timespec="seconds")}
    if journal.kind in (KIND_RECORD, KIND_SHARE):
        data["kind"] = journal.kind
    data.update({
        "role": journal.role,
        "framework": journal.framework,
        "values": journal.values,
        "ratings": journal.ratings,
        "practiced": journal.practiced,
    })
    if journal.supervisee is not None:
        data["supervisee"] = journal.supervisee
    if journal.with_share is not None:
        data["with_share"] = journal.with_share
    data.update(kinds.kind_data(journal))
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
    if journal.kind == KIND_SHARE:
        return msg.JOURNAL_SHARE.format(date=stamp)
    if journal.supervisee is not None:
        title = msg.JOURNAL_RECORD if journal.kind == KIND_RECORD else msg.JOURNAL_PREP
        return title.format(name=one_line(journal.supervisee), date=stamp)
    return msg.JOURNAL_REFLECTION.format(date=stamp)


def _answer(lines: list[str], marker: str, text: str | None, none: str = SKIPPED) -> None:
    lines.append(f"{MARK_PREFIX}{marker} -->")
    # Split on "\n" only: a lone "\r" or a Unicode line separator stays inside its line.
    lines.extend([f"> {line}" for line in text.split("\n")] if text is not None else [none])
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
    if journal.shared is not None:
        lines += ["", f"*{kinds.shared_line(journal.shared)}*"]
    if journal.status == STATUS_PARTIAL:
        resume = msg.resume_command(journal.supervisee, journal.kind)
        lines += ["", f"*{msg.JOURNAL_UNFINISHED.format(resume=resume)}*"]
    lines.append("")
    if journal.record is not None:
        kinds.record_body(journal, lines, _tasks)
    if journal.agenda is not None:
        agenda = journal.agenda
        lines += [f"## {msg.SECTION_AGENDA}", ""]
        for kind, title in msg.AGENDA_PARTS:
            items = getattr(agenda, kind)
            if kind in ("done", "from_share") and not items:
                continue
            lines += [f"### {title}", ""]
            _tasks(lines, kind, items, checked=kind == "done")
    # A share file leaves out, whole, each part its author did not choose to share.
    parts = set(journal.shared.parts) if journal.shared is not None else None
    rated = parts is None or "ratings" in parts
    answered = parts is None or "answers" in parts
    none = SKIPPED if parts is None else msg.NOT_SHARED
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
        if r.rating is not None:
            lines += [f"**Rating:** {r.rating} — {r.rating_label or ''}", ""]
        elif rated:
            lines += ["**Rating:** not rated", ""]
        # (Words a share file holds anyway, say from a hand edit, are never dropped.)
        shown = answered or any(a is not None for a in r.answers)
        for n, prompt in enumerate(r.prompts if shown else (), start=1):
            answer = r.answers[n - 1] if n <= len(r.answers) else None
            lines += [f"**{one_line(prompt)}**", ""]
            _answer(lines, f"answer {n}", answer, none)
    for section in kinds.closing_sections(journal):
        lines += [f"## {section.title}", ""]
        if section.note:
            lines += [f"*{section.note}*", ""]
        _answer(lines, section.field, getattr(journal, section.field))
    return "\n".join(lines)


# -- reading ---------------------------------------------------------------------------------
def parse(text: str) -> Journal:
    """Read a journal file's text back into the ``Journal`` it was written from.

    Raises ``JournalFormatError`` (with a reason in plain words) for text that is not a
    journal; a body edited by hand is read as far as it makes sense, never refused.
    """
    fm_text, body, before = split(text)
    journal = journal_head(read(fm_text))
    _parse_body(body, journal, before)
    return journal


def journal_head(fm: dict[str, Any]) -> Journal:
    """The journal a front matter (as ``front_matter.read`` gives it) describes, without its
    body yet."""
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
        with_share=kinds.short(fm.get("with_share")),
    )
    kinds.read_kind(fm, journal)
    return journal


# The body's structure, in one pattern that ``finditer`` runs in C: the person's own words are
# passed over without a Python step per line. Every alternative starts with a newline (a
# literal first character lets the engine jump from line to line) and each part stops at the
# end of its line, so nothing can backtrack across a line: time grows linearly with the text.
_ITEM_RUN = r"- \[[ xX]\] \d{1,9}\. [^\n]*(?:\n- \[[ xX]\] \d{1,9}\. [^\n]*)*"
_BODY = re.compile(
    r"\n(?:"
    # 1-2: a value's heading and marker; 3-4, in the usual layout, its items and rating too
    r"## ([^\n]*)\n<!-- peersup:value (\S+) -->\r?(?=\n|\Z)"
    rf"(?:\n\n{re.escape(msg.GUIDELINES_TICKED)}\n\n({_ITEM_RUN})\n\n"
    r"\*\*Rating:\*\* ([^\n]*))?"
    rf"|({_ITEM_RUN})"  # 5: guideline items in a row, in any other layout
    r"|\*\*Rating:\*\* ([^\n]*)"  # 6: a rating line, likewise
    # 7-8: an agenda part's marker and its task lines
    r"|<!-- peersup:(carried|done|from_share|topics|questions|discussed|agreed)"
    r"(?: \S+)? -->\r?(?=\n|\Z)"
    r"((?:\n- \[[ xX]\] [^\n]*)*)"
    # 9-11: in the usual layout, a question, its answer's marker and the quote after it
    r"|\*\*([^\n]*)\*\*\n\n<!-- peersup:(answer)(?: \S+)? -->\r?(?=\n|\Z)"
    r"((?:\n>[^\n]*)*)"
    r"|<!-- peersup:([a-z_]+)(?: \S+)? -->\r?(?=\n|\Z)"  # 12: any other marker,
    r"((?:\n>[^\n]*)*)"  # 13: and the quote after it
    r")"
)
_ITEMS = re.compile(r"- \[([ xX])\] (\d{1,9})\. ([^\n]*)")
_LABEL_LINE = re.compile(r"^\*[^\n]*", re.MULTILINE)


def _parse_body(body: str, journal: Journal, before: int) -> None:
    """One pass over the body. ``before``: file lines above the body, so each block of the
    person's words knows its line in the file."""
    if "\r" in body and _crlf_file(body):
        # The whole file went through a Windows editor: undo that only.
        body = body.replace("\r\n", "\n")
        body = body[:-1] if body.endswith("\r") else body
    for found_line in _LABEL_LINE.finditer(body):
        line = found_line.group()
        if line.endswith("*") and " · " in line:
            journal.role_label, _, journal.framework_title = line[1:-1].partition(" · ")
            break
    body = "\n" + body  # so that the first line, too, follows a newline
    blocks = journal.blocks
    current: ValueReflection | None = None
    count = body.count
    # Line numbers: the character at body[p] is on file line ``before + body.count("\n", 0, p)``
    # (counted on from the last block), so a block's first line, below its marker line at
    # m.start() + 1, is ``before + count(0, m.start()) + 2``.
    line_pos = 0
    line_no = before
    for m in _BODY.finditer(body):
        (head, vid, items, rating, more_items, more_rating, akind, tasks,
         prompt, answered, prompt_quote, kind, quote) = m.groups()
        if vid is not None:
            current = _value(head, vid)
            if current is not None:
                journal.reflections.append(current)
                if items is not None:
                    _add_items(current, items)
                    _rate(current, rating)
        elif more_items is not None:
            if current is not None:
                _add_items(current, more_items)
        elif more_rating is not None:
            if current is not None:
                _rate(current, more_rating)
        elif akind is not None:
            if akind in kinds.RECORD_PARTS:
                boxed = [line[2:] for line in tasks[1:].split("\n")] if tasks else []
                kinds.read_record_part(journal, akind, boxed)
                found = [line[4:] for line in boxed]
                if found and journal.record is not None:
                    line_no += count("\n", line_pos, m.start())
                    line_pos = m.start()
                    blocks.append(TextBlock(line_no + 2, akind, "\n".join(found)))
                continue
            found = [line[6:] for line in tasks[1:].split("\n")] if tasks else []
            if journal.agenda is None:
                journal.agenda = Agenda()
            setattr(journal.agenda, akind, found)
            if found:
                line_no += count("\n", line_pos, m.start())
                line_pos = m.start()
                blocks.append(TextBlock(line_no + 2, akind, "\n".join(found)))
        else:
            if answered is not None:
                kind, quote = answered, prompt_quote
            answer = _unquote(quote) if quote else None
            where = None
            if kind == "answer" and current is not None:
                current.prompts.append(
                    prompt if prompt is not None else _prompt_before(body, m.start())
                )
                current.answers.append(answer)
                where = current.value_id
            elif kind in ("action_plan", "support"):
                setattr(journal, kind, answer)
                current, where = None, kind
            if where is not None and answer is not None:
                line_no += count("\n", line_pos, m.start())
                line_pos = m.start()
                # Below the question, a blank line and the marker when the match began there.
                blocks.append(TextBlock(line_no + (2 if prompt is None else 4), where, answer))


def _value(head: str, vid: str) -> ValueReflection | None:
    """``3. Title — Practice`` (a heading's text) for the value ``vid``, or None."""
    number, dot, rest = head.partition(". ")
    if not dot or not number.isdecimal() or len(number) > 9 or " — " not in rest:
        return None
    title, _, practice = rest.rpartition(" — ")
    return ValueReflection(vid, int(number), title, practice)


def _add_items(value: ValueReflection, run: str) -> None:
    value.items += [
        GuidelineItem(int(number), text, box != " ") for box, number, text in _ITEMS.findall(run)
    ]


def _rate(value: ValueReflection, text: str) -> None:
    # The body wins over the front matter: it is what a person reads and edits.
    number, dash, label = text.partition(" — ")
    if dash and number.isdecimal() and len(number) <= 9:
        value.rating, value.rating_label = int(number), label


def _unquote(quote: str) -> str:
    """The text of a blockquote (it starts with a newline): each line without its "> "."""
    if quote.find("\n", 1) == -1:  # one line: the usual answer
        return quote[3:] if quote.startswith("\n> ") else quote[2:]
    if quote.count("\n") == quote.count("\n> "):
        return quote[3:].replace("\n> ", "\n")  # the usual case, in C
    return "\n".join(q[2:] if q[1:2] == " " else q[1:] for q in quote[1:].split("\n"))


def _prompt_before(body: str, at: int) -> str:
    """The question an answer marker answers: the last line above it that is not blank (the
    marker's own line starts at ``at + 1``), without its ``**``."""
    end = at
    while end > 0:
        start = body.rfind("\n", 0, end)
        line = body[start + 1 : end]
        if line.strip():
            if line.startswith(">") or line.startswith(MARK_PREFIX):
                return ""  # no question between this answer and the one before
            if len(line) >= 4 and line.startswith("**") and line.endswith("**"):
                return line[2:-2]
            return line
        end = start
    return ""


_MARK_LINE = re.compile(r"^<!-- peersup:[^\n]*", re.MULTILINE)


def _crlf_file(body: str) -> bool:
    # Our own output never ends a structural line with "\r"; if the markers all do, the file was
    # converted as a whole, and the "\r" belongs to the converter, not to the person.
    marks = _MARK_LINE.findall(body)
    return bool(marks) and all(line.endswith("\r") for line in marks)
