"""The parts of a file that only a supervision record or a share file has, both ways.

A record's facts (when it was held, how long, individual or group, in person / video / phone,
the values discussed, the next session) live in its front matter, under ``record:``: they are
facts for ``peersup log``, as the date and the role are. The words the supervisor wrote (agenda
items discussed, what was agreed and by whom) live in the body, under markers, as a prep's
agenda does: ``journal search`` finds them and a person can tick an agreed item done by hand.

A share file says where it came from under ``shared:`` (by whom, when, from which journal, which
parts), and ``format.render`` leaves out every part its author did not choose to share.

Everything read here comes from a file someone may have edited: a field that cannot be read is
left out (None), never an exception; only a ``kind`` peersup does not know refuses the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .. import messages as msg
from .front_matter import JournalFormatError, as_datetime
from .model import (
    KIND_PREP,
    KIND_RECORD,
    KIND_REFLECT,
    KIND_SHARE,
    KINDS,
    Agreement,
    Journal,
    SessionRecord,
    SharedFrom,
    ValueRef,
)

# The agenda parts of a record, by their marker in the file.
RECORD_PARTS = ("discussed", "agreed")
MAX_TEXT = 200  # characters of a short field (format, mode, a value's title, a name)


# -- writing -------------------------------------------------------------------------------
def kind_data(journal: Journal) -> dict[str, Any]:
    """The front matter keys of a record or a share (nothing for a reflection or a prep, whose
    files stay as older peersup versions wrote them)."""
    data: dict[str, Any] = {}
    if journal.record is not None:
        data["record"] = _record_data(journal.record)
    if journal.shared is not None:
        data["shared"] = _shared_data(journal.shared)
    return data


def _record_data(record: SessionRecord) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if record.held is not None:
        data["held"] = record.held.isoformat()
    if record.minutes is not None:
        data["minutes"] = record.minutes
    if record.format is not None:
        data["format"] = record.format
    if record.mode is not None:
        data["mode"] = record.mode
    if record.values:
        data["values"] = [{"id": v.value_id, "number": v.number, "title": v.title}
                          for v in record.values]
    if record.next_session is not None:
        data["next"] = record.next_session.isoformat()
    return data


def _shared_data(shared: SharedFrom) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if shared.by is not None:
        data["by"] = shared.by
    data["on"] = shared.on.isoformat(timespec="seconds")
    data["from"] = shared.source
    data["parts"] = list(shared.parts)
    return data


def day(value: date) -> str:
    return value.strftime(msg.DAY_FORMAT)


def record_body(journal: Journal, lines: list[str], tasks: Any) -> None:
    """The body of a record after its title lines. ``tasks(lines, marker, items, checked)`` is
    the format's own writer of a marked task list."""
    record = journal.record
    assert record is not None
    facts = session_facts(record)
    lines += [f"## {msg.SECTION_SESSION}", ""]
    lines += [f"- {fact}" for fact in facts] or [f"*{msg.SESSION_NOT_SAID}*"]
    lines += ["", f"## {msg.SECTION_VALUES_DISCUSSED}", ""]
    lines += [f"- {v.number}. {one_line(v.title)}" for v in record.values] or [
        f"*{msg.NOTHING_RECORDED}*"]
    lines += ["", f"## {msg.SECTION_DISCUSSED}", ""]
    tasks(lines, "discussed", record.discussed, checked=True)
    lines += [f"## {msg.SECTION_AGREED}", ""]
    lines.append(f"{'<!-- peersup:'}agreed -->")
    lines.extend(f"- [{'x' if a.done else ' '}] {agreed_line(a)}" for a in record.agreed)
    lines.append("")


def session_facts(record: SessionRecord) -> list[str]:
    """What a record says about the session itself, a short sentence each ("Length: 50
    minutes"); the file lists them, and so does an export of the session."""
    facts = []
    if record.held is not None:
        facts.append(msg.SESSION_HELD.format(date=day(record.held)))
    if record.minutes is not None:
        facts.append(msg.SESSION_MINUTES.format(minutes=record.minutes))
    if record.format is not None:
        facts.append(msg.SESSION_FORMAT.format(format=one_line(record.format)))
    if record.mode is not None:
        facts.append(msg.SESSION_MODE.format(mode=one_line(record.mode)))
    if record.next_session is not None:
        facts.append(msg.SESSION_NEXT.format(date=day(record.next_session)))
    return facts


def agreed_line(agreement: Agreement) -> str:
    """An agreed item as its task line's text. The "who" part is written whenever the text
    itself holds the separator, so that reading the line back never splits the text."""
    if agreement.who is not None:
        return f"{agreement.text}{msg.AGREED_WHO}{agreement.who}"
    if msg.AGREED_WHO.rstrip() in agreement.text:  # an empty "who" keeps the text whole
        return f"{agreement.text}{msg.AGREED_WHO.rstrip()}"
    return agreement.text


@dataclass(frozen=True)
class Closing:
    """One of the two sections at the end of a journal, as its kind has it."""

    field: str  # "action_plan" or "support": the marker and the ``Journal`` field
    title: str
    note: str = ""  # a line under the title (the action plan's)


def closing_sections(journal: Journal) -> list[Closing]:
    """The action plan and the support wanted, each where the kind of journal has it: a prep's
    plan is what to offer or check on and a prep asks no support, a record has neither, and a
    share file only what its author shared. Words a journal holds anyway (from an older peersup,
    or a hand edit) always have their section: nothing written is ever left out."""
    kind = journal.kind
    parts = set(journal.shared.parts) if journal.shared is not None else None
    out: list[Closing] = []
    if kind == KIND_PREP:
        out.append(Closing("action_plan", msg.AGENDA_OFFER))
    elif journal.action_plan is not None or (
            kind != KIND_RECORD and (parts is None or "plan" in parts)):
        out.append(Closing("action_plan", msg.SECTION_ACTION_PLAN, msg.SECTION_ACTION_PLAN_NOTE))
    if journal.support is not None or (
            kind not in (KIND_PREP, KIND_RECORD) and (parts is None or "support" in parts)):
        out.append(Closing("support", msg.SECTION_SUPPORT))
    return out


def shared_line(shared: SharedFrom) -> str:
    by = msg.SHARED_BY.format(name=one_line(shared.by)) if shared.by else ""
    parts = ", ".join(msg.SHARED_PARTS.get(p, p) for p in shared.parts) or "nothing"
    return msg.SHARED_LINE.format(by=by, on=day(shared.on), source=one_line(shared.source),
                                  parts=parts)


def one_line(text: str) -> str:
    return " ".join(text.split())


# -- reading -------------------------------------------------------------------------------
def read_kind(fm: dict[str, Any], journal: Journal) -> None:
    """Set ``journal.record`` or ``journal.shared`` from a front matter that says it is one.
    Raises ``JournalFormatError`` for a kind peersup does not know."""
    kind = fm.get("kind")
    if kind is None:
        return
    if not isinstance(kind, str) or kind not in KINDS:
        raise JournalFormatError(
            f"its front matter's kind is not one peersup knows ({', '.join(KINDS)})")
    if kind in (KIND_REFLECT, KIND_PREP):
        return
    if kind == KIND_RECORD:
        data = fm.get("record")
        journal.record = _record_from(data if isinstance(data, dict) else {})
    elif kind == KIND_SHARE:
        data = fm.get("shared")
        journal.shared = _shared_from(data if isinstance(data, dict) else {}, journal.date)


def _record_from(data: dict[str, Any]) -> SessionRecord:
    minutes = data.get("minutes")
    return SessionRecord(
        held=_day(data.get("held")),
        minutes=minutes if isinstance(minutes, int) and not isinstance(minutes, bool)
        and 0 <= minutes <= 100_000 else None,
        format=short(data.get("format")),
        mode=short(data.get("mode")),
        values=_values(data.get("values")),
        next_session=_day(data.get("next")),
    )


def _shared_from(data: dict[str, Any], fallback: datetime) -> SharedFrom:
    try:
        on = as_datetime(data.get("on"))
    except JournalFormatError:
        on = fallback
    parts = data.get("parts")
    return SharedFrom(
        on=on,
        source=short(data.get("from")) or "",
        parts=[p for p in parts if isinstance(p, str) and p in msg.SHARED_PARTS]
        if isinstance(parts, list) else [],
        by=short(data.get("by")),
    )


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def short(value: Any) -> str | None:
    """A short piece of text from a front matter; None for anything else."""
    return value if isinstance(value, str) and 0 < len(value) <= MAX_TEXT else None


def _values(value: Any) -> list[ValueRef]:
    out: list[ValueRef] = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, dict):
            continue
        vid, number, title = item.get("id"), item.get("number"), item.get("title")
        if (isinstance(vid, str) and 0 < len(vid) <= MAX_TEXT and isinstance(number, int)
                and not isinstance(number, bool) and 0 <= number < 10**9):
            out.append(ValueRef(vid, number, title if isinstance(title, str) else vid))
    return out


def read_record_part(journal: Journal, part: str, found: list[str]) -> None:
    """The task lines under a record's ``discussed`` or ``agreed`` marker (a line without its
    ``- [ ] ``, the box kept as its first character); ignored in any other kind of journal."""
    record = journal.record
    if record is None:
        return
    if part == "discussed":
        record.discussed = [line[4:] for line in found]
        return
    agreed = []
    for line in found:
        text, sep, who = line[4:].rpartition(msg.AGREED_WHO.rstrip())
        if not sep:
            text, who = who, ""
        elif who.startswith(" "):
            who = who[1:]
        agreed.append(Agreement(text, who or None, done=line[1] != " "))
    record.agreed = agreed
