"""Setting a session up, running it with a draft behind it, and saving the journal at the end.

This is the glue between the engine, drafts and the journal folder; it does no terminal I/O (the
port does), so the commands stay thin and all of it can be tested with a scripted port.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .. import messages as msg
from ..errors import StorageError
from ..guidelines.lookup import check_role, find_values, get_framework
from ..guidelines.model import Framework, Guidelines, Value
from ..history.lookback import Lookback
from ..journal import store
from ..journal.format import JournalFormatError, parse, render
from ..journal.model import STATUS_COMPLETE, STATUS_PARTIAL, Journal
from .draft import Draft, checksum, delete_draft, list_drafts, new_draft, save_draft
from .engine import Outcome, Session
from .journal_mapping import answers_from_journal
from .plan import KIND_PREP, KIND_REFLECT, Plan
from .port import Choice, Command, InputPort, Kind, Problem, Question, Summary

_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)]|\[[ xX]\])\s+")


@dataclass
class Result:
    outcome: Outcome
    journal: Journal | None
    path: Path | None


# -- choosing what to cover ----------------------------------------------------------------------
def choose_focus(values: list[Value], last: dict[str, datetime], count: int) -> list[Value]:
    """The ``count`` values reflected on least recently (never counts as oldest), in order."""
    def key(pair: tuple[int, Value]) -> tuple[int, float, int]:
        index, value = pair
        when = last.get(value.id)
        return (0, 0.0, index) if when is None else (1, when.timestamp(), index)

    picked = sorted(enumerate(values), key=key)[: max(count, 0)]
    return [value for _, value in sorted(picked, key=lambda pair: pair[0])]


def pick_values(
    framework: Framework,
    spec: str | None,
    focus: int | None,
    *,
    lookback: Lookback,
    role: str,
    default_ids: list[str] | None = None,
) -> list[Value]:
    if spec:
        values = find_values(framework, spec)
    elif default_ids:
        wanted = set(default_ids)
        values = [v for v in framework.values if v.id in wanted]
    else:
        values = list(framework.values)
    if focus is not None:
        values = choose_focus(
            values, lookback.last_reflected(role, [v.id for v in values]), focus)
    return values


def ask_role(port: InputPort, framework: Framework) -> str | None:
    """Ask which role to reflect as; None if the person chose to stop."""
    question = Question(
        "role", Kind.CHOICE, msg.ASK_ROLE, msg.ASK_ROLE_HINT,
        tuple(Choice(str(n), r.label, r.id) for n, r in enumerate(framework.roles, start=1)),
        can_go_back=False,
    )
    while True:
        reply = port.ask(question)
        if reply.command is Command.STOP:
            return None
        text = (reply.text or "").strip().lower()
        for n, role in enumerate(framework.roles, start=1):
            if text in (str(n), role.id, role.label.lower()):
                return role.id
        port.show(Problem(msg.NEED_ROLE))


def carry_items_from(journal: Journal) -> list[str]:
    """Last prep's open items: what was carried, its topics, and its action plan, one per line."""
    items: list[str] = []
    if journal.agenda is not None:
        items += journal.agenda.carried + journal.agenda.topics
    for line in (journal.action_plan or "").splitlines():
        item = _BULLET.sub("", line).strip()
        if item:
            items.append(item)
    return list(dict.fromkeys(items))  # each item once, first place kept


# -- plans and drafts ----------------------------------------------------------------------------
def start(
    guidelines: Guidelines,
    *,
    kind: str,
    framework_id: str | None,
    role: str,
    values: list[Value] | None,
    lookback: Lookback,
    now: datetime,
    supervisee: str | None = None,
    history: bool = True,
) -> tuple[Plan, Draft]:
    framework = get_framework(guidelines, framework_id)
    check_role(framework, role)
    carry: list[str] = []
    carry_date = None
    if kind == KIND_PREP and supervisee is not None:
        last = lookback.latest_prep(supervisee, complete_only=True)
        if last is not None:
            carry, carry_date = carry_items_from(last.journal), last.journal.date
    plan_values = list(values if values is not None else framework.values)
    plan = Plan(
        kind=kind,
        role=role,
        framework=framework,
        values=plan_values,
        supervisee=supervisee,
        carry_items=carry,
        carry_date=carry_date,
        history=(lookback.last_times(role, values=[v.id for v in plan_values])
                 if history else {}),
    )
    draft = new_draft(
        lookback.journal_dir, kind=kind, role=role, framework=framework.id,
        values=[v.id for v in plan.values], started=now, supervisee=supervisee,
        carry_items=carry, carry_date=carry_date,
    )
    return plan, draft


def find_resumable(
    lookback: Lookback, kind: str, *, role: str | None = None, supervisee: str | None = None
) -> tuple[Draft, Journal | None] | None:
    """The newest unfinished session of this kind: a draft, or a partial journal without one."""
    journal_dir = lookback.journal_dir
    drafts = list_drafts(journal_dir)
    claimed = {Path(d.journal) for d in drafts if d.journal}

    def fits(d_kind: str, d_role: str, d_supervisee: str | None) -> bool:
        if d_kind != kind or (role is not None and d_role != role):
            return False
        if supervisee is None:
            return True
        return d_supervisee is not None and store.same_person(d_supervisee, supervisee)

    candidates: list[tuple[float, Draft, Journal | None]] = [
        (d.started.timestamp(), d, None) for d in drafts if fits(d.kind, d.role, d.supervisee)
    ]
    for entry in lookback.partial_journals():
        e_kind = KIND_PREP if entry.supervisee is not None else KIND_REFLECT
        if entry.path in claimed or not fits(e_kind, entry.role, entry.supervisee):
            continue
        try:
            text = store.read_text(entry.path)
            partial = parse(text)
        except JournalFormatError:  # an unreadable journal is simply not offered
            continue
        agenda = partial.agenda
        draft = new_draft(
            journal_dir, kind=e_kind, role=partial.role, framework=partial.framework,
            values=partial.planned or partial.values, started=partial.date,
            supervisee=partial.supervisee,
            carry_items=(agenda.done + agenda.carried) if agenda else [],
        )
        draft.journal = str(entry.path)
        draft.journal_sha256 = checksum(text)
        candidates.append((partial.date.timestamp(), draft, partial))
    if not candidates:
        return None
    _, best, journal = max(candidates, key=lambda c: c[0])
    return best, journal


def resume_plan(
    guidelines: Guidelines, draft: Draft, journal: Journal | None, lookback: Lookback,
    *, history: bool = True,
) -> Plan:
    framework = get_framework(guidelines, draft.framework)
    check_role(framework, draft.role)
    values = [v for v in (framework.value(i) for i in draft.values) if v is not None]
    exclude = Path(draft.journal) if draft.journal else None
    plan = Plan(
        kind=draft.kind, role=draft.role, framework=framework, values=values,
        supervisee=draft.supervisee, carry_items=list(draft.carry_items),
        carry_date=draft.carry_date,
        history=(lookback.last_times(draft.role, exclude=exclude, values=[v.id for v in values])
                 if history else {}),
    )
    if journal is not None:
        draft.answers, draft.position = answers_from_journal(plan, journal)
    return plan


# -- running -------------------------------------------------------------------------------------
def run(
    plan: Plan,
    port: InputPort,
    draft: Draft,
    *,
    journal_dir: Path,
    version: str,
    resumed: bool = False,
    keep_drafts: bool = True,
    resume_hint: str = "",
) -> Result:
    """Run the session; every change goes to the draft; the journal is saved at the end.

    With ``keep_drafts=False`` (answers from a file: the file is the draft) nothing but the
    journal is written.
    """

    def on_change(answers: dict[str, object], position: int) -> None:
        draft.answers, draft.position = answers, position
        if keep_drafts:
            save_draft(draft)

    session = Session(plan, port, answers=draft.answers, position=draft.position,
                      on_change=on_change)
    outcome = session.run(resumed=resumed)
    if outcome is Outcome.STOPPED and not session.answers:
        if draft.journal is None:
            delete_draft(draft)
        return Result(outcome, None, None)
    status = STATUS_COMPLETE if outcome is Outcome.COMPLETE else STATUS_PARTIAL
    journal = session.journal(status=status, date=draft.started, version=version)
    try:
        path = store.save_journal(journal_dir, journal, replace=_own_partial(draft))
    except StorageError as exc:
        if not keep_drafts:
            raise
        save_draft(draft)
        raise StorageError(
            msg.SAVE_FAILED.format(problem=exc.message, draft=draft.path, resume=resume_hint)
        ) from None
    if outcome is Outcome.COMPLETE:
        delete_draft(draft)
    else:
        draft.journal, draft.journal_sha256 = str(path), checksum(render(journal))
        save_draft(draft)
    return Result(outcome, journal, path)


def _own_partial(draft: Draft) -> Path | None:
    """This session's partial journal, if it is still exactly as this session wrote it."""
    if not draft.journal:
        return None
    path = Path(draft.journal)
    try:
        current = store.read_text(path)
    except JournalFormatError:
        return None
    # Edited by hand since? Then it is the person's now: keep it and save under a new name.
    return path if checksum(current) == draft.journal_sha256 else None


# -- the closing summary -------------------------------------------------------------------------
def summarise(journal: Journal, path: Path) -> Summary:
    # Strengths first: the highest rated values (up to three); values rated lower than all of
    # them are the ones to keep growing, framed as next steps rather than shortfalls.
    rated = sorted(
        (r for r in journal.reflections if r.rating is not None), key=lambda r: -(r.rating or 0)
    )
    best = rated[:3]
    strengths = tuple(f"{r.title}: {r.rating} — {r.rating_label or ''}".rstrip(" —") for r in best)
    floor = min((r.rating or 0) for r in best) if best else 0
    growing = tuple(r.title for r in reversed(rated[3:]) if (r.rating or 0) < floor)[:3]
    count = sum(len(r.practiced) for r in journal.reflections)
    with_items = sum(1 for r in journal.reflections if r.practiced)
    practiced = (
        msg.PRACTICED.format(count=count, s="" if count == 1 else "s", values=with_items,
                             vs="" if with_items == 1 else "s")
        if count else msg.PRACTICED_NONE
    )
    return Summary(
        strengths=strengths or (msg.STRENGTHS_NONE,),
        practiced=practiced,
        growing=growing,
        saved_to=str(path),
        closing=msg.CLOSING,
    )
