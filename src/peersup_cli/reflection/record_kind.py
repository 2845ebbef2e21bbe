"""A supervision record, made right after the session (``peersup record NAME``): when it was
held and for how long, individual or group, in person / video / phone, the values and agenda
items talked about, what was agreed and by whom, and when the next session is. At most eight
questions, each skipped with Enter (the date then is the day the record was started).

Answers are kept as the draft can hold them: days as ISO text, the length in minutes, the
format and mode as their words, values and agenda items as the numbers shown (of the
framework's values, and of ``Plan.carry_items``: the agenda items open when the record began),
and what was agreed as the lines typed. ``fill`` makes the ``SessionRecord`` from them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from .. import messages as msg
from ..journal.model import KIND_RECORD, Journal, SessionRecord, ValueRef
from .agreed import read_agreed, shown, understood
from .answers import given, lines
from .kinds import SessionKind
from .plan import Answers, Parsed, Plan, Step
from .port import Block, Choice, ItemList, Kind, Notice, Section
from .when import FUTURE, PAST, read_day, read_minutes

SESSION, TALKED, ITEMS, AGREED = "session", "talked", "items", "agreed"
HELD, MINUTES, FORMAT, MODE = "record.held", "record.minutes", "record.format", "record.mode"
VALUES, DISCUSSED, AGREED_ITEMS, NEXT = (
    "record.values", "record.discussed", "record.agreed", "record.next")
FORMATS = ("individual", "group")
MODES = ("in person", "video", "phone")


def steps(plan: Plan, answers: Answers) -> list[Step]:
    today = _today(plan)
    name = plan.supervisee or ""
    out = [
        Step(HELD, Kind.CHOICE, SESSION, text=msg.ASK_HELD.format(name=name),
             hint=msg.ASK_HELD_HINT.format(today=today.strftime(msg.SHORT_DAY)),
             parse=lambda text: _day(text, today, PAST)),
        Step(MINUTES, Kind.CHOICE, SESSION, text=msg.ASK_MINUTES, hint=msg.ASK_MINUTES_HINT,
             parse=_minutes),
        _choice(FORMAT, msg.ASK_FORMAT, msg.FORMAT_LABELS, FORMATS),
        _choice(MODE, msg.ASK_MODE, msg.MODE_LABELS, MODES),
    ]
    values = plan.framework.values
    out.append(Step(VALUES, Kind.ITEMS, TALKED, text=msg.ASK_VALUES_DISCUSSED,
                    hint=msg.ASK_VALUES_DISCUSSED_HINT, low=1, high=len(values), noun="value",
                    before=(ItemList("", tuple(v.title for v in values)),)))
    if plan.carry_items:
        out.append(Step(DISCUSSED, Kind.ITEMS, ITEMS, text=msg.ASK_ITEMS_DISCUSSED,
                        hint=msg.ASK_ITEMS_DISCUSSED_HINT, low=1, high=len(plan.carry_items),
                        noun="item"))
    out.append(Step(AGREED_ITEMS, Kind.LIST, AGREED, text=msg.ASK_AGREED,
                    hint=msg.ASK_AGREED_HINT.format(name=_first(name)),
                    parse=lambda text: _agreed(text, name)))
    out.append(Step(NEXT, Kind.CHOICE, AGREED, text=msg.ASK_NEXT, hint=msg.ASK_NEXT_HINT,
                    parse=lambda text: _day(text, today, FUTURE)))
    return out


def sections(plan: Plan, section: str, answers: Answers) -> list[Block]:
    name = plan.supervisee or ""
    if section == SESSION:
        return [Section(msg.RECORD_SECTION.format(name=name), msg.RECORD_SECTION_TEXT)]
    if section == TALKED:
        return [Section(msg.TALKED_SECTION, msg.TALKED_SECTION_TEXT)]
    if section == ITEMS:
        when = plan.carry_date.strftime("%d %B %Y") if plan.carry_date else ""
        title = msg.ITEMS_FROM_RECORD if plan.carry_from == KIND_RECORD else msg.ITEMS_FROM_PREP
        return [Section(title.format(name=name, date=when)), ItemList("", tuple(plan.carry_items))]
    if section == AGREED:
        return [Section(msg.AGREED_SECTION, msg.AGREED_SECTION_TEXT.format(name=name))]
    return []


def _choice(step_id: str, text: str, labels: tuple[str, ...], words: tuple[str, ...]) -> Step:
    choices = tuple(Choice(str(n), label) for n, label in enumerate(labels, start=1))
    high = len(words)
    return Step(step_id, Kind.CHOICE, SESSION, text=text,
                hint=msg.CHOICE_HINT.format(numbers=_or_list([str(n) for n in range(1, high + 1)])),
                choices=choices, parse=_chooser(labels, words))


def _chooser(labels: tuple[str, ...], words: tuple[str, ...]) -> Callable[[str], Parsed]:
    def parse(text: str) -> Parsed:
        typed = " ".join(text.lower().split())
        if typed.isdigit() and 1 <= int(typed) <= len(words):
            return Parsed(words[int(typed) - 1])
        found = [w for w, label in zip(words, labels, strict=True)
                 if typed and (w.startswith(typed) or label.lower().startswith(typed)
                               or typed in label.lower().replace("(", " ").split())]
        if len(found) == 1:
            return Parsed(found[0])
        numbers = _or_list([str(n) for n in range(1, len(words) + 1)])
        return Parsed(None, msg.BAD_CHOICE.format(numbers=numbers))
    return parse


def _or_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _day(text: str, today: date, toward: str) -> Parsed:
    found = read_day(text, today, toward)
    if found is None:
        return Parsed(None, msg.BAD_HELD if toward == PAST else msg.BAD_NEXT)
    said = found.strftime(msg.DAY_FORMAT)
    if toward == PAST and found > today:
        return Parsed(None, msg.HELD_AHEAD.format(day=said))
    if toward == FUTURE and found < today:
        return Parsed(None, msg.NEXT_PASSED.format(day=said))
    return Parsed(found.isoformat(), shown=(Notice(msg.UNDERSTOOD.format(
        what=said + _from_today(found, today))),))


def _from_today(day: date, today: date) -> str:
    days = (day - today).days
    if days == 0:
        return msg.DAYS_TODAY
    if abs(days) == 1:
        return msg.DAYS_TOMORROW if days > 0 else msg.DAYS_YESTERDAY
    return (msg.DAYS_AHEAD if days > 0 else msg.DAYS_AGO).format(days=abs(days))


def _minutes(text: str) -> Parsed:
    minutes = read_minutes(text)
    if minutes is None:
        return Parsed(None, msg.BAD_MINUTES)
    if text.strip().isdigit():
        return Parsed(minutes)
    return Parsed(minutes, shown=(Notice(msg.UNDERSTOOD.format(
        what=msg.MINUTES_UNDERSTOOD.format(minutes=minutes))),))


def _agreed(text: str, name: str) -> Parsed:
    typed = lines(text)
    read = [read_agreed(line, name) for line in typed]
    return Parsed(typed, shown=(Notice(msg.AGREED_UNDERSTOOD),
                                ItemList("", tuple(understood(a) for a in read))))


def _first(name: str) -> str:
    return name.split()[0] if name.split() else name


def _today(plan: Plan) -> date:
    return plan.today or date.today()


# -- the journal --------------------------------------------------------------------------------
def fill(journal: Journal, plan: Plan, answers: Answers) -> None:
    values = plan.framework.values
    held = _iso(answers.get(HELD))
    minutes = answers.get(MINUTES)
    journal.record = SessionRecord(
        held=held if held is not None else journal.date.date(),
        minutes=minutes if isinstance(minutes, int) else None,
        format=_word(answers.get(FORMAT), FORMATS),
        mode=_word(answers.get(MODE), MODES),
        values=[ValueRef(values[n - 1].id, values[n - 1].number, values[n - 1].title)
                for n in _numbers(answers.get(VALUES), len(values))],
        discussed=[plan.carry_items[n - 1]
                   for n in _numbers(answers.get(DISCUSSED), len(plan.carry_items))],
        agreed=[read_agreed(line, plan.supervisee or "")
                for line in given(answers, AGREED_ITEMS) or []],
        next_session=_iso(answers.get(NEXT)),
    )


def unfill(plan: Plan, journal: Journal, answers: Answers) -> None:
    """Answers back from a partial record whose draft is gone: what it holds. (Its agenda items
    are the ones it says were discussed, ``resume`` makes them the plan's.)"""
    record = journal.record
    if record is None:
        return
    if record.held is not None:
        answers[HELD] = record.held.isoformat()
    for key, value in ((MINUTES, record.minutes), (FORMAT, record.format), (MODE, record.mode)):
        if value is not None:
            answers[key] = value
    ids = [v.id for v in plan.framework.values]
    if record.values:
        answers[VALUES] = [ids.index(v.value_id) + 1 for v in record.values if v.value_id in ids]
    if record.discussed:
        answers[DISCUSSED] = [n for n, item in enumerate(plan.carry_items, start=1)
                              if item in record.discussed]
    if record.agreed:
        answers[AGREED_ITEMS] = [shown(a) for a in record.agreed]
    if record.next_session is not None:
        answers[NEXT] = record.next_session.isoformat()


def _iso(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _word(value: object, words: tuple[str, ...]) -> str | None:
    return value if isinstance(value, str) and value in words else None


def _numbers(value: object, high: int) -> list[int]:
    if not isinstance(value, list):
        return []
    return [n for n in value if isinstance(n, int) and not isinstance(n, bool) and 0 < n <= high]


KIND = SessionKind(KIND_RECORD, steps, sections, fill, unfill)
