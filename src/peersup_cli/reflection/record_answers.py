"""The answers file of a supervision record (``peersup record NAME --answers FILE``)::

    date: 2026-12-04            # or yesterday, last Tuesday ...; missing: the day it is made
    minutes: 50                 # or "1h30"
    format: individual          # individual | group
    mode: video                 # in person | video | phone
    values: [voluntary, 3]      # the values talked about: their ids or numbers
    discussed: [Caseload, 2]    # agenda items talked about: their text or number (1 = first)
    agreed:                     # one item each, ending with who will do it, as typed
      - Book the training - Alex
      - Send the rota - me
    next: in 2 weeks            # or 2026-12-18, next Tuesday

Each answer is read by the very question it answers (``record_kind``), so a file says exactly
what typing it would; ``check`` runs them all before the record starts, so a mistake is one
line naming its key and no journal is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..guidelines.model import Framework
from .answers_file import fail, single_lines
from .kinds import build_steps
from .plan import Plan

KEYS = ("date", "minutes", "format", "mode", "values", "discussed", "agreed", "next")
# The step each key answers.
STEPS = {"date": "record.held", "minutes": "record.minutes", "format": "record.format",
         "mode": "record.mode", "values": "record.values", "discussed": "record.discussed",
         "agreed": "record.agreed", "next": "record.next"}


@dataclass
class RecordAnswers:
    date: str | None = None
    minutes: str | None = None
    format: str | None = None
    mode: str | None = None
    values: list[str | int] | None = None  # None: not said; [] none of them
    discussed: list[str | int] | None = None
    agreed: list[str] = field(default_factory=list)
    next: str | None = None


def read(data: dict[str, Any], source: str) -> RecordAnswers:
    """The record's keys of an answers file, shape-checked."""
    out = RecordAnswers()
    out.date, out.next = _day(data, "date", source), _day(data, "next", source)
    minutes = data.get("minutes")
    if minutes is not None:
        if isinstance(minutes, bool) or not isinstance(minutes, int | str):
            raise fail(source, "minutes", "expected a number of minutes, e.g. 50")
        out.minutes = str(minutes)
    for key in ("format", "mode"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise fail(source, key, "expected text (put it in quotes)")
        setattr(out, key, value)
    for key in ("values", "discussed"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, list) or not all(
                isinstance(v, str | int) and not isinstance(v, bool) for v in value):
            raise fail(source, key, "expected a list of names or numbers")
        setattr(out, key, list(value))
    out.agreed = single_lines(data.get("agreed"), "agreed", source)
    return out


def _day(data: dict[str, Any], key: str, source: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, datetime):  # YAML reads 2026-12-04 as a date, with a time as this
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise fail(source, key, "expected a date such as 2026-12-04")
    return value


def text_for(rec: RecordAnswers, qid: str, framework: Framework | None,
             carry_items: list[str]) -> str | None:
    """The answer to question ``qid`` as it would be typed; None to skip it."""
    key = next((k for k, step in STEPS.items() if step == qid), None)
    if key in ("values", "discussed"):
        chosen = rec.values if key == "values" else rec.discussed
        if chosen is None:
            return None
        numbers = [_position(v, key, framework, carry_items) for v in chosen]
        return " ".join(str(n) for n in numbers if n is not None) or "0"
    if key == "agreed":
        return "\n".join(rec.agreed) or None
    if key is None:
        return None
    value: str | None = getattr(rec, key)
    return value


def _position(item: str | int, key: str, framework: Framework | None,
              carry_items: list[str]) -> int | None:
    """Where ``item`` is in the list the question shows (1 = first), or None."""
    if key == "discussed":
        if isinstance(item, int):
            return item if 0 < item <= len(carry_items) else None
        return carry_items.index(item) + 1 if item in carry_items else None
    values = framework.values if framework is not None else []
    for n, value in enumerate(values, start=1):
        if (isinstance(item, int) and value.number == item) or (
                isinstance(item, str) and item.strip().lower() in (value.id, str(value.number))):
            return n
    return None


def check(rec: RecordAnswers, plan: Plan, source: str) -> None:
    """Every answer in the file, read by its own question: one line naming a key that does
    not fit, before the record starts."""
    steps = {s.id: s for s in build_steps(plan, {})}
    for key, qid in STEPS.items():
        if key in ("values", "discussed"):
            _check_listed(rec, key, plan, source, qid in steps)
            continue
        text = text_for(rec, qid, plan.framework, plan.carry_items)
        step = steps.get(qid)
        if text is None or step is None or step.parse is None:
            continue
        problem = step.parse(text).problem
        if problem:
            raise fail(source, key, problem)


def _check_listed(rec: RecordAnswers, key: str, plan: Plan, source: str, asked: bool) -> None:
    chosen = rec.values if key == "values" else rec.discussed
    if not chosen:
        return
    if not asked:
        raise fail(source, key, f"there is no prep for {plan.supervisee} with open items to tick")
    for item in chosen:
        if _position(item, key, plan.framework, plan.carry_items) is None:
            where = (f"no value with this id or number in {plan.framework.id}" if key == "values"
                     else f"not one of the {len(plan.carry_items)} open agenda items")
            raise fail(source, f"{key}.{item}", where)
