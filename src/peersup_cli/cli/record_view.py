"""What a finished supervision record ends with: the record itself (what was agreed, the next
session first among what matters), where it is saved, and where the next prep starts."""

from __future__ import annotations

from pathlib import Path

from .. import messages as msg
from ..journal.model import Journal
from ..reflection.agreed import shown


def record_lines(journal: Journal) -> list[str]:
    """The record as text: its facts, what was talked about, what was agreed, the next session."""
    record = journal.record
    if record is None:
        return []
    held = record.held.strftime(msg.DAY_FORMAT) if record.held else journal.date.strftime(
        msg.DAY_FORMAT)
    lines = [msg.RECORD_HEADING.format(name=journal.supervisee, date=held)]
    facts = [msg.MINUTES_UNDERSTOOD.format(minutes=record.minutes) if record.minutes else "",
             record.format or "", record.mode or ""]
    if any(facts):
        lines.append(" · ".join(f for f in facts if f))
    if record.values:
        lines += ["", msg.RECORD_VALUES]
        lines += [f"  {v.number}. {v.title}" for v in record.values]
    if record.discussed:
        lines += ["", msg.RECORD_DISCUSSED]
        lines += [f"  - [x] {item}" for item in record.discussed]
    lines += ["", msg.RECORD_AGREED]
    lines += [f"  - [{'x' if a.done else ' '}] {shown(a)}" for a in record.agreed] or [
        f"  {msg.AGENDA_EMPTY}"]
    lines.append("")
    lines.append(msg.RECORD_NEXT.format(date=record.next_session.strftime(msg.DAY_FORMAT))
                 if record.next_session else msg.RECORD_NO_NEXT)
    return lines


def record_ending(journal: Journal, path: Path, name: str) -> str:
    """The record, where it is saved, and what the next prep starts from."""
    return "\n".join([
        *record_lines(journal),
        "",
        msg.RECORD_SAVED,
        str(path),  # on a line of its own, whole, so it can be copied
        msg.RECORD_NEXT_PREP.format(name=msg.command_word(name)),
    ])
