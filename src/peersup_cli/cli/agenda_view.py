"""A prep's agenda as text: what `peersup prep NAME --agenda` prints and what a prep ends with.

In a prep, the action plan holds what the supervisor wants to offer or check on, so it is part
of the agenda.
"""

from __future__ import annotations

from pathlib import Path

from .. import messages as msg
from ..journal.model import Journal
from ..reflection.answers import items


def agenda_parts(journal: Journal) -> list[str]:
    """The agenda's parts, each a heading and its task lines, with a blank line between."""
    agenda = journal.agenda
    if agenda is None:
        return []
    parts = [
        (msg.AGENDA_CARRIED, agenda.carried, " "),
        (msg.AGENDA_DONE, agenda.done, "x"),
        (msg.AGENDA_TOPICS, agenda.topics, " "),
        (msg.AGENDA_QUESTIONS, agenda.questions, " "),
        (msg.AGENDA_OFFER, items(journal.action_plan), " "),
    ]
    lines: list[str] = []
    for title, entries, box in parts:
        if box == "x" and not entries:
            continue
        lines += ["", title]
        lines += [f"  - [{box}] {entry}" for entry in entries] or [f"  {msg.AGENDA_EMPTY}"]
    return lines


def agenda_text(journal: Journal, path: Path, name: str) -> str:
    """The whole agenda as `prep --agenda` prints it: heading, file, parts."""
    lines = [
        msg.AGENDA_HEADING.format(
            name=journal.supervisee, date=journal.date.strftime("%A %d %B %Y, %H:%M")
        ),
        str(path),
    ]
    if journal.status == "partial":
        lines.append(msg.AGENDA_UNFINISHED.format(name=msg.command_word(name)))
    return "\n".join(lines + agenda_parts(journal))


def prep_ending(journal: Journal, path: Path, name: str) -> str:
    """What a finished prep ends with: the agenda to bring, where it is kept and how to print
    it."""
    word = msg.command_word(name)
    lines = [
        msg.AGENDA_HEADING.format(
            name=journal.supervisee, date=journal.date.strftime("%A %d %B %Y, %H:%M")
        ),
        *agenda_parts(journal),
        "",
        msg.AGENDA_SAVED,
        str(path),
        msg.AGENDA_PRINT.format(name=word),
    ]
    return "\n".join(lines)
