"""What the journal index keeps of a journal (``JournalFacts``), read fast.

``read_facts(text)`` always equals ``facts_of(format.parse(text))``; it exists because the
index reads every journal in the folder on its first build, and building the whole model
(an object per guideline item, per answer) costs most of that time. A body in peersup's own
layout, exactly as ``format.render`` writes it, is read here with a few patterns anchored one
after another, each taking in a whole value in C; the first line that does not fit that layout
(a hand edit, a Windows line end, a number too long) sends the whole text to ``format.parse``
instead, so nothing is ever read two ways. The front matter is read by the one reader
(``front_matter.read``) either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import NamedTuple

from .. import messages as msg
from .format import SKIPPED, journal_head, parse
from .front_matter import read, split
from .model import Agenda, Journal, TextBlock


class ValueFacts(NamedTuple):
    """One value of one journal: what the index stores of it."""

    id: str
    number: int
    title: str
    practice: str
    shown: int  # guideline items shown
    rating: int | None
    rating_label: str | None
    practiced: tuple[int, ...]  # the numbers of the items ticked
    engaged: bool  # something was answered, ticked or rated


@dataclass(slots=True)
class JournalFacts:
    date: datetime  # timezone-aware
    role: str
    framework: str
    status: str
    supervisee: str | None
    kind: str  # reflect, prep, record or share (``Journal.kind``)
    role_label: str
    framework_title: str
    values: list[ValueFacts]
    action_plan: str | None
    support: str | None
    agenda: Agenda | None
    blocks: list[TextBlock]  # the person's words, as ``Journal.blocks``
    # Each value's guideline items as (number, text); only the index's wording table asks,
    # for a few journals, so they are kept as written until then (see ``items``).
    item_lines: list[str | list[tuple[int, str]]] = field(compare=False, repr=False)

    def items(self, position: int) -> list[tuple[int, str]]:
        """The guideline items of the value at ``position`` in ``values``: (number, text)."""
        found = self.item_lines[position]
        if isinstance(found, str):
            return [(int(n), text) for n, text in _ITEM.findall(found)]
        return found


def facts_of(journal: Journal) -> JournalFacts:
    """The facts of a journal read in full: the definition ``read_facts`` keeps to."""
    return JournalFacts(
        journal.date, journal.role, journal.framework, journal.status, journal.supervisee,
        journal.kind, journal.role_label, journal.framework_title,
        [ValueFacts(r.value_id, r.number, r.title, r.practice, len(r.items), r.rating,
                    r.rating_label, tuple(r.practiced), r.engaged)
         for r in journal.reflections],
        journal.action_plan, journal.support, journal.agenda, journal.blocks,
        [[(i.number, i.text) for i in r.items] for r in journal.reflections],
    )


def read_facts(text: str, *, words: bool = True) -> JournalFacts:
    """The facts of a journal file's text; ``JournalFormatError`` as ``format.parse`` raises.

    ``words=False``: without ``blocks`` (an empty list), for a caller that wants the person's
    words later or not at all; every other fact is the same."""
    fm_text, body, before = split(text)
    head = journal_head(read(fm_text))
    found = None if "\r" in body else _own_layout(body, before, head, words)
    if found is None:
        found = facts_of(parse(text))
        if not words:
            found.blocks = []
    return found


class Words(NamedTuple):
    blocks: list[TextBlock]  # the person's words, as ``Journal.blocks``
    values: list[ValueFacts]  # the values they belong to (their titles name them)


def read_words(text: str) -> Words:
    """The person's words of a journal the index has read already (its front matter is not
    read again); the same as ``read_facts`` gives for any text ``format.parse`` reads."""
    _, body, before = split(text)
    found = None if "\r" in body else _own_layout(body, before, _HEADLESS, True)
    if found is None:
        found = facts_of(parse(text))
    return Words(found.blocks, found.values)


_HEADLESS = Journal(date=datetime(2000, 1, 1, tzinfo=UTC), role="", framework="")


# -- peersup's own layout ---------------------------------------------------------------------
# Each pattern is one stretch of ``format.render_body``'s output, line for line; every part
# of it that ``format.parse`` reads is captured the way that parser reads it (a heading's
# title up to its last " — ", a rating's label after its first), and nothing else is allowed.
_E = re.escape
# Possessive repeats (``*+``, ``++``) where giving back could never lead to a match: the
# engine keeps no state to go back to, which makes these patterns cheaper.
_QUOTE = rf"(?:(?:> [^\n]*+\n)++|{_E(SKIPPED)}\n)"  # an answer: quoted lines, or "skipped"
_PRELUDE = re.compile(r"# [^\n]*+\n\n\*([^\n]*)\*\n(?:\n\*[^\n]*\*\n)?\n")
_AGENDA = re.compile(rf"## {_E(msg.SECTION_AGENDA)}\n\n")
_AGENDA_PART = re.compile(
    r"### [^\n]*+\n\n<!-- peersup:(carried|done|from_share|topics|questions) -->\n"
    r"((?:- \[[ x]\] [^\n]*+\n)*+)\n"
)
_VALUE = re.compile(
    r"## ([0-9]{1,9})\. ([^\n]*) — ([^\n]*)\n<!-- peersup:value (\S++) -->\n\n"
    rf"(?:{_E(msg.GUIDELINES_TICKED)}\n\n((?:- \[[ x]\] [0-9]{{1,9}}\. [^\n]*+\n)++)\n)?"
    r"\*\*Rating:\*\* (?:not rated|([0-9]{1,9}) — ([^\n]*+))\n\n"
    # Its questions and answers (a question that looks like a rating line is not ours).
    rf"((?:\*\*(?!Rating:\*\* )[^\n]*\*\*\n\n<!-- peersup:answer [0-9]{{1,9}} -->\n{_QUOTE}\n)*+)"
)
# The end: the action plan (a prep's, under "To offer or check on"), then support wanted (which
# a prep written since peersup 0.2 does not ask).
_END = re.compile(
    rf"(?:## {_E(msg.SECTION_ACTION_PLAN)}\n\n\*{_E(msg.SECTION_ACTION_PLAN_NOTE)}\*\n\n"
    rf"|## {_E(msg.AGENDA_OFFER)}\n\n)"
    rf"<!-- peersup:action_plan -->\n({_QUOTE})"
    rf"(?:\n## {_E(msg.SECTION_SUPPORT)}\n\n<!-- peersup:support -->\n({_QUOTE}))?\Z"
)
# A record from a tuple, without a Python call each.
_block = partial(tuple.__new__, TextBlock)
_value = partial(tuple.__new__, ValueFacts)
_ANSWER = re.compile(rf"<!-- peersup:answer [0-9]+ -->\n({_QUOTE})")
_TICKED = re.compile(r"\n- \[x\] ([0-9]+)\.")  # in "\n" + the item lines
_ITEM = re.compile(r"^- \[[ x]\] ([0-9]+)\. ([^\n]*)", re.MULTILINE)


def _unquote(quote: str) -> str:
    """Quoted lines ("> a\\n> b\\n") as the text they hold ("a\\nb")."""
    return quote[2:-1].replace("\n> ", "\n")


def _own_layout(body: str, before: int, head: Journal, words: bool) -> JournalFacts | None:
    """The facts of a body in ``render``'s own layout; None for any other body."""
    if head.record is not None or head.shared is not None:
        return None  # a record's and a share file's own parts: the full reader reads them
    m = _PRELUDE.match(body)
    if m is None or " · " not in m.group(1):
        return None
    role_label, _, framework_title = m.group(1).partition(" · ")
    pos = m.end()
    blocks: list[TextBlock] = []
    count = body.count
    counted, line = 0, before + 1  # the file line of body[counted]
    agenda = None
    m = _AGENDA.match(body, pos)
    if m is not None:
        agenda, pos = Agenda(), m.end()
        while (m := _AGENDA_PART.match(body, pos)) is not None:
            kind, tasks = m.groups()
            found = [task[6:] for task in tasks[:-1].split("\n")] if tasks else []
            setattr(agenda, kind, found)
            if found and words:
                line += count("\n", counted, m.start(2))
                counted = m.start(2)
                blocks.append(TextBlock(line, kind, "\n".join(found)))
            pos = m.end()
    values: list[ValueFacts] = []
    item_lines: list[str | list[tuple[int, str]]] = []
    while (m := _VALUE.match(body, pos)) is not None:
        number, title, practice, vid, items, rating, label, answers = m.groups()
        ticked = tuple(map(int, _TICKED.findall("\n" + items))) if items else ()
        if answers and words:
            # Each answer is its question, a blank line, its marker, its quoted lines (or the
            # one "skipped" line) and a blank line: the lines are counted, not searched for.
            line += count("\n", counted, m.start(8))
            counted = m.end(8)
            for quote in _ANSWER.findall(answers):
                lines = quote.count("\n")
                if quote[0] == ">":
                    blocks.append(_block((line + 3, vid, quote[2:-1].replace("\n> ", "\n"))))
                line += 4 + lines
        values.append(_value((
            vid, int(number), title, practice, items.count("\n") if items else 0,
            None if rating is None else int(rating), label, ticked,
            rating is not None or bool(ticked) or "\n> " in answers,
        )))
        item_lines.append(items or "")
        pos = m.end()
    m = _END.match(body, pos)
    if m is None:
        return None
    plan, support = m.group(1), m.group(2)
    texts: list[str | None] = []
    for where, quote, start in (("action_plan", plan, m.start(1)), ("support", support,
                                                                     m.start(2))):
        if quote is not None and quote[0] == ">":
            text = _unquote(quote)
            texts.append(text)
            if words:
                line += count("\n", counted, start)
                counted = start
                blocks.append(TextBlock(line, where, text))
        else:
            texts.append(None)
    return JournalFacts(
        head.date, head.role, head.framework, head.status, head.supervisee, head.kind,
        role_label, framework_title, values, texts[0], texts[1], agenda, blocks, item_lines,
    )
