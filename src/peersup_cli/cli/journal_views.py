"""Plain-text views of history results: lines of text, each with a style name for the terminal.

No terminal I/O here: the command layer prints these lines, styled on a colour terminal and
plain when piped or with NO_COLOR. Every view reads well in 80 columns.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..history.compare import Side, ValueComparison
from ..history.records import Listed
from ..history.trends import ValueTrend, sparkline
from ..journal.kinds import closing_sections
from ..journal.model import Journal

if TYPE_CHECKING:
    from ..history.search import Hit


@dataclass(slots=True)
class Line:
    text: str = ""
    style: str = ""  # "", "title", "heading", "dim", "diff", "good"
    spans: list[tuple[int, int]] = field(default_factory=list)  # parts to highlight


# Column widths of journal list: (ref, date, role, for, values). The narrow layout fits 60
# columns: the date without its time, shorter names, each cut with "…", never mid-column.
_WIDE = (5, 16, 15, 12, 12)
_NARROW = (4, 10, 12, 9, 7)


def _columns(width: int) -> tuple[int, ...]:
    return _WIDE if width >= 78 else _NARROW


def list_header(width: int = 80) -> str:
    ref, date, role, who, values = _columns(width)
    return (f"{'REF':>{ref}}  {'DATE':<{date}}  {'WHAT':<{role}}  {'FOR':<{who}}  "
            f"{'VALUES':<{values}}  STATUS")


def list_row(e: Listed, width: int = 80) -> str:
    ref, date, role, who, values = _columns(width)
    return (
        f"{e.ref:>{ref}}  {e.date[:date].replace('T', ' '):<{date}}  "
        f"{_fit(e.who(), role):<{role}}  {_fit(e.supervisee or '', who):<{who}}  "
        f"{_fit(e.numbers or '', values):<{values}}  {e.status}"
    )


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _short(text: str, width: int) -> str:
    return textwrap.shorten(text, width=width, placeholder=" …")


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    out: list[str] = []
    for para in text.split("\n"):
        out += textwrap.wrap(para, width, initial_indent=indent, subsequent_indent=indent,
                             replace_whitespace=False, drop_whitespace=True) or [indent.rstrip()]
    return out


def show(journal: Journal, width: int = 80, *, skipped: bool = False) -> list[Line]:
    """One journal for reading: agenda first for a prep, then each value, then the plans.

    Questions skipped are left out (one line says how many) unless ``skipped``."""
    from .. import messages as msg
    from ..journal.format import heading

    who = journal.role_label or journal.role
    out = [Line(heading(journal), "title")]
    about = f"{who} · {journal.framework_title or journal.framework}"
    out += [Line(t, "dim") for t in _wrap(about, width)]
    if journal.shared is not None:
        from ..journal.kinds import shared_line

        out += [Line(t, "dim") for t in _wrap(shared_line(journal.shared), width)]
    if journal.status != "complete":
        resume = msg.resume_command(journal.supervisee, journal.kind)
        out += [Line(t, "dim") for t in _wrap(msg.JOURNAL_UNFINISHED.format(resume=resume), width)]
    out.append(Line())
    if journal.agenda is not None:
        a = journal.agenda
        out.append(Line(msg.SECTION_AGENDA, "heading"))
        for kind, label in msg.AGENDA_PARTS:
            items = getattr(a, kind)
            box = "[x]" if kind == "done" else "[ ]"
            if items:
                out.append(Line(f"  {label}"))
                out += [Line(f"    {box} {item}") for item in items]
        out.append(Line())
    if journal.record is not None:
        out += record_lines(journal, width)
    for r in journal.reflections:
        out.append(Line(f"{r.number}. {r.title} — {r.practice}", "heading"))
        if r.rating is not None:
            out.append(Line(f"  Rating: {r.rating} — {r.rating_label or ''}".rstrip(" —"), "good"))
        else:
            out.append(Line("  Rating: not rated", "dim"))
        ticked = [i for i in r.items if i.practiced]
        if r.items:
            out.append(Line(f"  Practised recently: {len(ticked)} of {len(r.items)}"))
            for i in ticked:
                wrapped = _wrap(f"{i.number}. {i.text}", width - 6)
                out.append(Line(f"    ✓ {wrapped[0]}", "good"))
                out += [Line(f"      {t}", "good") for t in wrapped[1:]]
        left_out = 0
        for prompt, answer in zip(r.prompts, r.answers, strict=False):
            if answer is None and not skipped:
                left_out += 1
                continue
            out += [Line(t, "dim") for t in _wrap(prompt, width, "  ")]
            if answer is None:
                out.append(Line(f"    {msg.SKIPPED}", "dim"))
            else:
                out += [Line(t) for t in _wrap(answer, width, "    ")]
        if left_out:
            out.append(Line(f"  ({left_out} question{'s' * (left_out != 1)} skipped; "
                            "--all shows them)", "dim"))
        out.append(Line())
    for section in closing_sections(journal):
        title, text = section.title, getattr(journal, section.field)
        out.append(Line(title, "heading"))
        out += ([Line(t) for t in _wrap(text, width, "  ")] if text
                else [Line(f"  {msg.SKIPPED}", "dim")])
        out.append(Line())
    return out


def record_lines(journal: Journal, width: int) -> list[Line]:
    """A supervision record's own parts: the session, the values and items talked about, and
    what was agreed (with who, and whether it is done)."""
    from .. import messages as msg
    from ..journal.kinds import agreed_line, session_facts

    record = journal.record
    assert record is not None
    out = [Line(msg.SECTION_SESSION, "heading")]
    out += [Line(f"  {fact}") for fact in session_facts(record)] or [
        Line(f"  {msg.SESSION_NOT_SAID}", "dim")]
    out.append(Line())
    for title, entries in (
            (msg.SECTION_VALUES_DISCUSSED, [f"{v.number}. {v.title}" for v in record.values]),
            (msg.SECTION_DISCUSSED, record.discussed),
            (msg.SECTION_AGREED, [("[x] " if a.done else "[ ] ") + agreed_line(a)
                                  for a in record.agreed])):
        out.append(Line(title, "heading"))
        for entry in entries:
            out += [Line(t) for t in _wrap(entry, width, "  ")]
        if not entries:
            out.append(Line(f"  {msg.NOTHING_RECORDED}", "dim"))
        out.append(Line())
    return out


def hit_view(hit: Hit, width: int = 80, cut_to_fit: bool = True) -> list[Line]:
    """One journal found, then its matching lines with the words marked.

    ``cut_to_fit`` (a terminal): a short prefix and each line cut around its match. Otherwise
    (piped) each line stays whole behind ``file:line: where:``, like grep.
    """
    from ..history.search import snippet

    e = hit.entry
    who = e.who() + (f" · {e.supervisee}" if e.supervisee else "")
    heading = f"{e.ref}  {e.date[:16].replace('T', ' ')}  {who}"
    if not cut_to_fit:  # piped: plain text (one Line for them all), no highlights to work out
        name = e.name
        found = "\n".join([f"  {name}:{m.line}: {m.where}: {m.text}" for m in hit.matches])
        return [Line(heading, "heading"), Line(found)]
    lines = [Line(f"{heading}  {e.name}", "heading")]
    named: dict[tuple[str, int | None], str] = {}
    for m in hit.matches:
        where = named.get((m.where, m.value_number))
        if where is None:
            where = m.where if m.value_number is None else f"{m.value_number}. {m.where}"
            where = named[(m.where, m.value_number)] = (
                where if len(where) <= 24 else where[:23] + "…")
        prefix = f"  {m.line:>4}  {where}: "
        n = len(prefix)
        cut, spans = snippet(m, max(30, width - n))
        lines.append(Line(prefix + cut, "", [(a + n, b + n) for a, b in spans]))
    return lines


def search_total(lines: int, journals: int) -> Line:
    return Line(f"{lines} matching line{'s' * (lines != 1)} in {journals} "
                f"journal{'s' * (journals != 1)}.", "dim")


def trends_view(values: list[ValueTrend], top: int = 4, width: int = 80) -> list[Line]:
    """Each value's trend; with more than one role, each role under its own heading."""
    out: list[Line] = []
    roles = sorted({v.role for v in values})  # the same order every time
    for role in roles:
        if len(roles) > 1:
            label = next(v.role_label for v in values if v.role == role) or role
            out += [Line(label, "title"), Line()]
        for v in (v for v in values if v.role == role):
            out += _trend(v, top, width)
    return out


def _trend(v: ValueTrend, top: int, width: int) -> list[Line]:
    ratings = [r for _, r in v.ratings]
    out = [Line(f"{v.number}. {v.title} — {v.practice}", "heading")]
    times = f"{v.times} time{'s' if v.times != 1 else ''}"
    out.append(Line(f"  reflected on {times}, last on {v.last}"))
    if ratings:
        out.append(Line(
            f"  ratings {sparkline(ratings, top)}  {ratings[0]} → {ratings[-1]}, "
            f"recent average {v.recent or 0.0:.1f}", "good"))
        if v.last_label:
            out.append(Line(f"  latest: {ratings[-1]} — {v.last_label}"))
    else:
        out.append(Line("  no ratings yet", "dim"))
    for label, items, style in (("most practised", v.most(), ""),
                                ("room to grow", v.least(), "dim")):
        for item in items:
            head = f"  {label} ({item.practiced} of {v.shown}): "
            wrapped = _wrap(item.text, max(20, width - len(head)))
            out.append(Line(head + wrapped[0], style))
            out += [Line(" " * len(head) + t, style) for t in wrapped[1:]]
    out.append(Line())
    return out


def compare_view(
    rows: list[ValueComparison], head_a: str, head_b: str, width: int = 80
) -> list[Line]:
    """Side by side: a label column, then A and B; rows that differ are marked with ≠."""
    col = max(20, (width - 19) // 2)  # label 16, a space, two columns, two spaces
    out = [Line(t, "title") for t in _wrap("A: " + head_a, width)]
    out += [Line(t, "title") for t in _wrap("B: " + head_b, width)]
    out.append(Line())
    for r in rows:
        out.append(Line(f"{r.number}. {r.title} — {r.practice}", "heading"))
        if r.only_in:
            which = "A" if r.only_in == "a" else "B"
            out.append(Line(f"  only in {which}", "diff"))
        out += _pair("Rating", r.a, r.b, lambda s: s.rating, r.rating_differs, col)
        out += _pair("Practised", r.a, r.b, lambda s: _practised(s, col), r.items_differ, col)
        out += _pair("Answers", r.a, r.b, _answers, False, col)
        out.append(Line())
    return out


def _practised(side: Side, col: int) -> str:
    # Two lines per item at most: side by side, the numbers and first words tell them apart.
    return "\n".join(_short(p, 2 * col - 8) for p in side.practiced) or "none ticked"


def _answers(side: Side) -> str:
    parts = [f"{p}\n→ {a if a is not None else '(skipped)'}" for p, a in side.answers]
    return "\n".join(parts) or "none"


def _pair(label: str, a: Side, b: Side, pick: object, differs: bool, col: int) -> list[Line]:
    assert callable(pick)
    left = _wrap(pick(a), col) if a.present else ["—"]
    right = _wrap(pick(b), col) if b.present else ["—"]
    mark = "≠" if differs else " "
    out = []
    for n in range(max(len(left), len(right))):
        name = f"{label:<13}{mark}" if n == 0 else " " * 14
        l_text = left[n] if n < len(left) else ""
        r_text = right[n] if n < len(right) else ""
        out.append(Line(f"  {name} {l_text:<{col}}  {r_text}".rstrip(), "diff" if differs else ""))
    return out
