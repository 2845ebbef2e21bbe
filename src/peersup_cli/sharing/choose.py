"""Choosing what goes into a share file, asked through the input port (no terminal I/O here).

``choose`` asks part by part: the ratings and the ticked guidelines first (Enter: yes), then
each answer, the action plan and the support wanted, each shown before it is asked about
(Enter: no, so nothing a person wrote is shared by a key pressed too fast). ``shareable``
builds the journal that holds just that. ``review`` shows each piece of text in it in which the
identifying-details check finds something, the details marked ``[[like this]]`` (visible
without colour, and in any console encoding) with the reason for each, and carries out what
the person decides: keep it, remove it from the share, or edit it (the new text is checked
again). ``:q`` at any question raises ``SessionStopped``: nothing is written.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .. import messages as msg
from ..errors import SessionStopped
from ..journal.model import Journal
from ..reflection.port import (
    Choice,
    Command,
    InputPort,
    Kind,
    Notice,
    Problem,
    Question,
    Section,
)
from ..reflection.runner import ask_yes
from .identifying import Finding, find_identifying
from .select import (
    ACTION_PLAN_ID,
    SUPPORT_ID,
    Action,
    Decision,
    FlaggedText,
    Part,
    SharedText,
    apply_decisions,
    flagged_texts,
    select,
    shared_texts,
)

MARK_OPEN, MARK_CLOSE = "[[", "]]"
QUOTE = "  │ "
_ACTIONS = {"k": Action.KEEP, "keep": Action.KEEP, "r": Action.REMOVE, "remove": Action.REMOVE,
            "e": Action.EDIT, "edit": Action.EDIT}


@dataclass(frozen=True)
class Chosen:
    """What a person chose to share: the parts, and which answers (``SharedText`` ids)."""

    parts: frozenset[Part]
    answers: frozenset[str] = frozenset()


# -- what to share -----------------------------------------------------------------------------
def choose(port: InputPort, journal: Journal) -> Chosen:
    """Ask about each part the journal holds; parts it does not hold are not asked about."""
    parts: set[Part] = set()
    rated = [r for r in journal.reflections if r.rating is not None]
    if rated:
        lines = [f"  {r.number}. {r.title}: {r.rating}" + (f" — {r.rating_label}" if r.rating_label
                 else "") for r in rated]
        if _yes(port, "share.ratings", msg.SHARE_ASK["ratings"], lines, default=True):
            parts.add(Part.RATINGS)
    ticked = [r for r in journal.reflections if r.practiced]
    if ticked:
        lines = [f"  {r.number}. {r.title}: {', '.join(map(str, r.practiced))}" for r in ticked]
        if _yes(port, "share.ticks", msg.SHARE_ASK["ticks"], lines, default=True):
            parts.add(Part.TICKS)
    answers: set[str] = set()
    heading = ""
    for shared in shared_texts(journal):
        if shared.where in (ACTION_PLAN_ID, SUPPORT_ID):
            part = Part.PLAN if shared.where == ACTION_PLAN_ID else Part.SUPPORT
            port.show(Section(msg.SHARE_WHERE[shared.where]))
            if _yes(port, f"share.{shared.id}", msg.SHARE_ASK[part.value], quoted(shared.text)):
                parts.add(part)
            continue
        lines = [shared.prompt, *quoted(shared.text)] if shared.prompt else quoted(shared.text)
        if shared.title != heading:
            heading = shared.title
            port.show(Section(shared.title))
        else:
            lines.insert(0, "")  # apart from the answer before it
        if _yes(port, f"share.{shared.id}", msg.SHARE_ASK["answer"], lines):
            answers.add(shared.id)
    if answers:
        parts.add(Part.ANSWERS)
    return Chosen(frozenset(parts), frozenset(answers))


def _yes(port: InputPort, qid: str, text: str, lines: list[str], default: bool = False) -> bool:
    for line in lines:
        port.show(Notice(line))
    hint = msg.SHARE_YES_HINT if default else msg.SHARE_NO_HINT
    answer = ask_yes(port, qid, text, hint, default=default)
    if answer is None:
        raise SessionStopped()
    return answer


def shareable(journal: Journal, chosen: Chosen) -> Journal:
    """A new journal holding only the chosen parts, and of the answers only the chosen ones
    (with ``Part.ANSWERS`` and no ``answers`` listed: every answer, as ``--include`` means)."""
    selected = select(journal, chosen.parts)
    if Part.ANSWERS not in chosen.parts or not chosen.answers:
        return selected
    left_out = [Decision(s.id, Action.REMOVE) for s in shared_texts(selected)
                if s.where not in (ACTION_PLAN_ID, SUPPORT_ID) and s.id not in chosen.answers]
    return apply_decisions(selected, left_out)


def holds_anything(journal: Journal) -> bool:
    """Whether a share of ``journal`` would say anything: a rating, a tick or some words."""
    return bool(journal.ratings or journal.practiced or shared_texts(journal))


# -- the identifying-details check ---------------------------------------------------------------
def review(port: InputPort, journal: Journal, vocabulary: Collection[str] = ()) -> Journal:
    """The journal after the person's decision about each piece of text the check flags."""
    flagged = flagged_texts(journal, vocabulary=vocabulary)
    if not flagged:
        return journal
    port.show(Section(msg.SHARE_CHECK, msg.SHARE_CHECK_TEXT))
    decisions = []
    for found in flagged:
        decisions.append(_decide(port, found, vocabulary))
    return apply_decisions(journal, decisions)


def _decide(port: InputPort, found: FlaggedText, vocabulary: Collection[str]) -> Decision:
    shared = found.shared
    text, findings = shared.text, found.findings
    while True:
        port.show(Section(shared.title or where(shared)))
        prompt = [shared.prompt] if shared.prompt else []
        for line in [*prompt, *quoted(marked(text, findings)), *reasons(findings)]:
            port.show(Notice(line))
        action = _ask_action(port, shared.id)
        if action is Action.REMOVE:
            return Decision(shared.id, Action.REMOVE)
        if action is Action.KEEP:
            return (Decision(shared.id, Action.KEEP) if text == shared.text
                    else Decision(shared.id, Action.EDIT, text))
        new = _ask_edit(port, shared.id, text)
        if new == "":
            return Decision(shared.id, Action.REMOVE)
        if new is not None:
            text = new
            findings = tuple(find_identifying(text, vocabulary=vocabulary))
            if not findings:
                return Decision(shared.id, Action.EDIT, text)


def _ask_action(port: InputPort, qid: str) -> Action:
    question = Question(
        f"check.{qid}", Kind.CHOICE, msg.SHARE_DECIDE, msg.SHARE_DECIDE_HINT,
        choices=tuple(Choice(key, label) for key, label in msg.SHARE_CHOICES), can_go_back=False)
    while True:
        reply = port.ask(question)
        if reply.command is Command.STOP:
            raise SessionStopped()
        if reply.command is Command.SKIP:
            return Action.REMOVE  # the safe side: not shared; the journal keeps it
        action = _ACTIONS.get((reply.text or "").strip().lower())
        if action is not None:
            return action
        port.show(Problem(msg.SHARE_DECIDE_HINT))


def _ask_edit(port: InputPort, qid: str, text: str) -> str | None:
    """The new text; "" to remove it (``:clear``); None to go back to the choice (Enter)."""
    reply = port.ask(Question(f"edit.{qid}", Kind.TEXT, msg.SHARE_EDIT, current=text))
    if reply.command is Command.STOP:
        raise SessionStopped()
    if reply.command is Command.CLEAR:
        return ""
    return reply.text if reply.text is not None and reply.text.strip() else None


def ask_by(port: InputPort) -> str | None:
    """The name to put on the share file; None when the person leaves it out."""
    reply = port.ask(Question("share.by", Kind.CHOICE, msg.SHARE_ASK_BY, msg.SHARE_ASK_BY_HINT,
                              can_go_back=False))
    if reply.command is Command.STOP:
        raise SessionStopped()
    return one_name(reply.text)


def one_name(text: str | None) -> str | None:
    """A name as one line of at most 200 characters (what a share file's front matter keeps)."""
    name = " ".join((text or "").split())[:200].strip()
    return name or None


# -- showing findings -----------------------------------------------------------------------------
def where(shared: SharedText) -> str:
    """Where a piece of text stands: "Hopeful — What gave you hope?", "Action plan"."""
    if shared.where in msg.SHARE_WHERE:
        return msg.SHARE_WHERE[shared.where]
    if not shared.prompt:
        return shared.title
    import textwrap

    return f"{shared.title} — {textwrap.shorten(shared.prompt, 60, placeholder=' …')}"


def marked(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with each finding between ``[[`` and ``]]`` (findings never overlap)."""
    out, at = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        out += [text[at:f.start], MARK_OPEN, text[f.start:f.end], MARK_CLOSE]
        at = f.end
    out.append(text[at:])
    return "".join(out)


def reasons(findings: Iterable[Finding]) -> list[str]:
    return [f"  {MARK_OPEN}{' '.join(f.text.split())}{MARK_CLOSE} {f.reason}" for f in findings]


def quoted(text: str) -> list[str]:
    return [f"{QUOTE}{line}" for line in text.split("\n")]


def flag_lines(flagged: Iterable[FlaggedText]) -> list[str]:
    """Each finding on a line of its own, with where it is: for a refusal without a terminal."""
    return [f"- {where(found.shared)}: {line.strip()}"
            for found in flagged for line in reasons(found.findings)]
