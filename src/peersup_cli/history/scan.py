"""Read one journal file into the flat record the index keeps, fast enough for 10,000 files.

``journal.format.parse`` is the reference reader; it costs about 0.4 ms a file, mostly in YAML.
Indexing 10,000 journals from cold must fit in a few seconds, so this module reads the same
files in two cheaper steps, and must agree with ``format.parse`` on everything it records (the
tests compare the two on generated journals):

- the front matter: peersup writes it in a small, fixed shape. A strict line grammar recognises
  that shape (every line it accepts means exactly what YAML says it means); anything else, such
  as a hand-edited front matter, goes to the real YAML loader, which also gives the reason when
  it cannot be read.
- the body: one pass over the lines with the same markers ``format`` uses, also noting the line
  number of every line of a person's own words, so ``journal search`` can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..journal.format import JournalFormatError
from ..journal.store import front_matter_facts

AGENDA_KINDS = ("carried", "done", "topics", "questions")


# The front matter shape peersup itself writes (see the module docstring): top-level scalars,
# lists of scalars, and maps of scalars or of lists of scalars. Every scalar accepted here is a
# valid plain or single-quoted YAML scalar on one line.
_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_SCALAR = (
    r"(?:'(?:[^'\n]|'')*'"  # single-quoted
    r"|[^\W\d_][\w.-]*(?: [\w.-]+)*"  # plain text starting with a letter
    r"|[0-9][0-9A-Za-z.+-]*)"  # numbers, and things like 0.1.0
)
_FM_SHAPE = re.compile(
    rf"(?:{_KEY}: (?:{_SCALAR}|\{{\}}|\[\])\n"
    rf"|{_KEY}:\n(?:(?:- {_SCALAR}\n)+"
    rf"|(?:  {_KEY}: (?:{_SCALAR}|\[\])\n|  {_KEY}:\n(?:  - {_SCALAR}\n)*)*))*"
)
_FM_TOP = re.compile(r"^(date|role|framework|status|supervisee): (.*)$", re.MULTILINE)
# Plain words YAML 1.1 reads as booleans or null, and plain numbers: the YAML path decides.
_SPECIAL = frozenset(
    form
    for word in ("y", "yes", "n", "no", "true", "false", "on", "off", "null")
    for form in (word, word.title(), word.upper())
)


@dataclass
class Value:
    """One value of one journal, as the index keeps it."""

    id: str
    number: int
    title: str
    practice: str
    items: list[tuple[int, str]] = field(default_factory=list)
    practiced: list[int] = field(default_factory=list)
    rating: int | None = None
    rating_label: str | None = None


@dataclass
class Record:
    """Everything the index keeps about one readable journal file."""

    date: datetime
    role: str
    framework: str
    status: str
    supervisee: str | None
    role_label: str = ""
    framework_title: str = ""
    values: list[Value] = field(default_factory=list)
    action_plan: str | None = None
    support: str | None = None
    agenda: dict[str, list[str]] | None = None
    # The front matter's values and ratings, as ``store.front_matter_facts`` reads them, and
    # the date in full: what ``peersup reflect`` and ``prep`` look back on.
    fm_values: tuple[str, ...] = ()
    fm_ratings: dict[str, int] = field(default_factory=dict)
    # The person's own words, a block at a time: (line number in the file of its first line,
    # where, its text, how many lines). ``where`` is a value id, "action_plan", "support" or
    # an agenda part ("carried", "done", "topics", "questions").
    blocks: list[tuple[int, str, str, int]] = field(default_factory=list)


def read_record(path: Path | str) -> Record:
    """Read ``path``; raises ``JournalFormatError`` with a plain reason if it cannot be read."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise JournalFormatError(f"it cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise JournalFormatError("it is not UTF-8 text") from None
    return parse_record(text)


def parse_record(text: str) -> Record:
    fm_text, body = split_front_matter(text)
    fm = front_matter(fm_text)
    record = Record(
        date=fm["date"],
        role=fm["role"],
        framework=fm["framework"],
        status=str(fm.get("status") or "complete"),
        supervisee=None if fm.get("supervisee") is None else str(fm["supervisee"]),
    )
    record.fm_values, record.fm_ratings = front_matter_facts(fm)
    # Lines before the body: the opening fence, the front matter lines, the closing fence.
    offset = fm_text.count("\n") + 2
    _scan_body(body, record, offset)
    return record


# -- front matter ----------------------------------------------------------------------------
def front_matter(fm_text: str) -> dict[str, Any]:
    """The front matter as ``format.parse_front_matter`` reads it (the date as a datetime)."""
    fast = fast_front_matter(fm_text)
    if fast is not None:
        return fast
    from ..journal.format import parse_front_matter

    return parse_front_matter(fm_text)


def fast_front_matter(fm_text: str) -> dict[str, Any] | None:
    """The top-level scalars of a front matter in peersup's own shape; None for anything else.

    Only shapes whose YAML meaning is certain are accepted, so a ``None`` costs nothing but
    time: the caller falls back to the YAML loader.
    """
    if not _FM_SHAPE.fullmatch(fm_text):
        return None
    top: dict[str, Any] = {}
    for key, raw in _FM_TOP.findall(fm_text):
        if raw.startswith("'"):
            top[key] = raw[1:-1].replace("''", "'")
        elif raw[:1].isdigit() or raw in _SPECIAL or raw in ("{}", "[]"):
            return None  # a number, boolean or null where text belongs: let YAML say so
        else:
            top[key] = raw
    for key in ("date", "role", "framework"):
        if key not in top:
            return None
    try:
        top["date"] = datetime.fromisoformat(top["date"])
    except ValueError:
        return None
    if "values:" in fm_text or "ratings:" in fm_text:
        return _values_and_ratings(fm_text, top)
    return top


def _values_and_ratings(fm_text: str, top: dict[str, Any]) -> dict[str, Any] | None:
    """Add the top-level ``values`` list and ``ratings`` map to ``top``, exactly as YAML reads
    them; None when they have any other shape (given twice, a rating that is not a plain
    number, an item YAML would read as a number, boolean or null). ``_FM_SHAPE`` has already
    checked every line, so plain string steps are enough here."""
    text = "\n" + fm_text
    if text.count("\nvalues:") > 1 or text.count("\nratings:") > 1:
        return None
    at = text.find("\nvalues:")
    if at != -1:
        at += 8
        if text.startswith(" []\n", at):
            top["values"] = []
        elif text.startswith("\n- ", at):
            values: list[str] = []
            while text.startswith("\n- ", at):
                end = text.find("\n", at + 1)
                item = text[at + 3 : end]
                if item.startswith("'"):
                    values.append(item[1:-1].replace("''", "'"))
                elif item[:1].isdigit() or item in _SPECIAL:
                    return None
                else:
                    values.append(item)
                at = end
            top["values"] = values
        else:
            return None
    at = text.find("\nratings:")
    if at != -1:
        at += 9
        if text.startswith(" {}\n", at):
            top["ratings"] = {}
        elif text.startswith("\n  ", at):
            ratings: dict[str, int] = {}
            while text.startswith("\n  ", at):
                end = text.find("\n", at + 1)
                key, _, number = text[at + 3 : end].partition(": ")
                if not (number.isascii() and number.isdigit()) or key in _SPECIAL or (
                    number[0] == "0" and number != "0"
                ):
                    return None
                ratings[key] = int(number)
                at = end
            top["ratings"] = ratings
        else:
            return None
    return top


# -- body ------------------------------------------------------------------------------------
# Every structural line of the body, in one pattern that ``findall`` runs in C: the person's
# own words are skipped without a Python step per line. It starts with a newline, not ``^``: a
# literal first character lets the regex engine jump from line to line (3x faster).
_HEAD = r"## (\d{1,9})\. (.*) — (.*)\n<!-- peersup:value (\S+) -->\r?"
_ITEM_LINES = r"- \[[ xX]\] \d{1,9}\. .*(?:\n- \[[ xX]\] \d{1,9}\. .*)*"
_RATING_LINE = r"\*\*Rating:\*\* (?:(\d{1,9}) — (.*)|not rated)$"
_BODY = re.compile(
    r"(\n(?:"
    # 2-8: a value's heading, items and rating laid out as peersup writes them: one match
    # instead of three for the usual case (the three alternatives below cover any other layout)
    rf"{_HEAD}\n\nGuidelines, ticked where practised recently:\n\n({_ITEM_LINES})\n\n"
    rf"{_RATING_LINE}"
    rf"|{_HEAD}$"  # 9-12: a value's heading
    rf"|({_ITEM_LINES})$"  # 13: guideline items in a row
    rf"|{_RATING_LINE}"  # 14-15: the rating
    r"|<!-- peersup:(carried|done|topics|questions)(?: \S+)? -->\r?$"  # 16: agenda marker,
    r"(?:\n(- \[[ xX]\] .*(?:\n- \[[ xX]\] .*)*))?"  # 17: its task lines
    r"|<!-- peersup:([a-z_]+)(?: \S+)? -->\r?$"  # 18: any other marker,
    r"(?:\n(>.*(?:\n>.*)*))?"  # 19: the quote after it (an answer)
    r"))",
    re.MULTILINE,
)
_ITEMS = re.compile(r"^- \[([ xX])\] (\d{1,9})\. (.*)$", re.MULTILINE)
_LABEL = re.compile(r"^\*([^\n]*?) · ([^\n]*)\*$", re.MULTILINE)
_MARK_LINE = re.compile(r"^<!-- peersup:[^\n]*$", re.MULTILINE)
_FENCE_END = re.compile(r"\n---\r*(?:\n|\Z)")
_ANSWER_KINDS = ("answer", "action_plan", "support")


def split_front_matter(text: str) -> tuple[str, str]:
    """``format.split_front_matter``, with a quick path for the usual case."""
    if text.startswith("---\n") and (m := _FENCE_END.search(text, 3)):
        return text[4 : m.start() + 1], text[m.end() :]
    from ..journal.format import split_front_matter as split

    return split(text)


def _scan_body(body: str, record: Record, offset: int) -> None:
    """Same reading as ``format._parse_body``, noting where each line of a person's words sits.

    Each block of the person's words is kept as (first line number, where, text, line count).
    """
    if "\r" in body:
        marks = _MARK_LINE.findall(body)
        if marks and all(m.endswith("\r") for m in marks):  # converted as a whole: undo that
            body = body.replace("\r\n", "\n")
            body = body[:-1] if body.endswith("\r") else body
    if label := _LABEL.search(body):
        record.role_label, record.framework_title = label.group(1), label.group(2)
    body = "\n" + body  # so that the first line, too, follows a newline
    blocks = record.blocks
    current: Value | None = None
    count = body.count
    line_pos = 0
    line_no = offset  # the file line number of the character at line_pos
    for match in _BODY.finditer(body):
        (_, n1, t1, p1, vid1, items1, rating1, label1, n2, t2, p2, vid2, items2, rating2,
         label2, akind, tasks, kind, quote) = match.groups("")
        if vid1 or vid2:
            if vid1:
                current = Value(vid1, int(n1), t1, p1)
                _items(current, items1)
                if rating1:
                    current.rating, current.rating_label = int(rating1), label1
            else:
                current = Value(vid2, int(n2), t2, p2)
            record.values.append(current)
            continue
        if items2:
            if current is not None:
                _items(current, items2)
            continue
        if akind:
            lines = [line[6:] for line in tasks.split("\n")] if tasks else []
            if record.agenda is None:
                record.agenda = {k: [] for k in AGENDA_KINDS}
            record.agenda[akind] = lines
            if not lines:
                continue
            where, text, size = akind, "\n".join(lines), len(lines)
        elif kind:
            if kind == "answer" and current is not None:
                where = current.id
            elif kind == "action_plan" or kind == "support":
                where = kind
                current = None
            else:
                continue
            if not quote:
                if where == kind:
                    setattr(record, kind, None)
                continue
            if "\n" in quote:
                text, size = _unquote(quote), quote.count("\n") + 1
            else:  # one line: the usual answer
                text, size = (quote[2:] if quote.startswith("> ") else quote[1:]), 1
            if where == kind:
                setattr(record, kind, text)
        else:
            if rating2 and current is not None:
                current.rating, current.rating_label = int(rating2), label2
            continue
        at = match.start() + 1  # the marker line, after the newline the pattern starts with
        line_no += count("\n", line_pos, at)
        line_pos = at
        blocks.append((line_no + 1, where, text, size))


def _unquote(quote: str) -> str:
    """The text of a blockquote: each line without its "> " (or ">")."""
    if quote.startswith("> ") and quote.count("\n") == quote.count("\n> "):
        return quote[2:].replace("\n> ", "\n")  # the usual case, in C
    return "\n".join(q[2:] if q.startswith("> ") else q[1:] for q in quote.split("\n"))


def _items(value: Value, block: str) -> None:
    found = _ITEMS.findall(block)
    value.items += [(int(num), text) for _, num, text in found]
    value.practiced += [int(num) for box, num, _ in found if box != " "]


