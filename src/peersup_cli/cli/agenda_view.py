"""A prep's agenda as text: what `peersup prep NAME --agenda` prints and what a prep ends with.

In a prep, the action plan holds what the supervisor wants to offer or check on, so it is part
of the agenda.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from .. import messages as msg
from ..journal.model import Journal
from ..reflection.answers import items


def agenda_parts(journal: Journal, width: int | None = None) -> list[str]:
    """The agenda's parts, each a heading and its task lines, with a blank line between. A long
    item wraps under its own words (at ``width``, the terminal's by default), not under its box."""
    if width is None:
        from .output import text_width

        width = text_width()
    agenda = journal.agenda
    if agenda is None:
        return []
    # (heading, items, ticked, shown when empty): done items and the part from a share file
    # (prep --with: a few lines from it, strengths first) only when there are some.
    parts = [
        (msg.AGENDA_CARRIED, agenda.carried, False, True),
        (msg.AGENDA_DONE, agenda.done, True, False),
        (msg.AGENDA_FROM_NAME.format(name=journal.supervisee), agenda.from_share, False, False),
        (msg.AGENDA_TOPICS, agenda.topics, False, True),
        (msg.AGENDA_QUESTIONS, agenda.questions, False, True),
        (msg.AGENDA_OFFER, items(journal.action_plan), False, True),
    ]
    lines: list[str] = []
    for title, entries, ticked, when_empty in parts:
        if not entries and not when_empty:
            continue
        box = "x" if ticked else " "
        lines += ["", title]
        lines += [line for entry in entries for line in _task(box, entry, width)] or [
            f"  {msg.AGENDA_EMPTY}"]
    return lines


def _task(box: str, entry: str, width: int) -> list[str]:
    prefix = f"  - [{box}] "
    return textwrap.wrap(entry, width=width - 1, initial_indent=prefix,
                         subsequent_indent=" " * len(prefix), break_long_words=False,
                         break_on_hyphens=False) or [prefix.rstrip()]


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
