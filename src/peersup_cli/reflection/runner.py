"""Setting a session up, running it with a draft behind it, and saving the journal at the end.

This is the glue between the engine, drafts and the journal folder; it does no terminal I/O (the
port does), so the commands stay thin and all of it can be tested with a scripted port. Finding
and planning a resumed session is ``resume`` (re-exported here, as the CLI calls it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import FrameType

from .. import messages as msg
from ..errors import SessionStopped, StorageError
from ..guidelines.lookup import check_role, get_framework
from ..guidelines.model import Framework, Guidelines, Value
from ..history.lookback import Lookback
from ..journal import store
from ..journal.format import JournalFormatError, render
from ..journal.model import KIND_RECORD, STATUS_COMPLETE, STATUS_PARTIAL, Journal
from . import carry_over
from .answers import worth_keeping
from .carry_over import carry_items_from
from .choose import DEFAULT_SIZE, Selection, choose_focus, in_turn, select
from .draft import Draft, checksum, delete_draft, new_draft, save_draft
from .engine import Outcome, Session
from .lock import DraftLock
from .plan import KIND_PREP, Plan
from .port import Choice, Command, InputPort, Kind, Notice, Problem, Question, Summary
from .resume import (
    Resumable,
    find_resumable,
    find_session,
    mark_superseded,
    open_elsewhere,
    resume_plan,
    settle,
    tidy,
)

__all__ = [
    "DEFAULT_SIZE",
    "Result",
    "Resumable",
    "Selection",
    "StopOnSignal",
    "ask_role",
    "ask_yes",
    "carry_items_from",
    "choose_focus",
    "find_resumable",
    "find_session",
    "in_turn",
    "open_elsewhere",
    "resume_plan",
    "run",
    "select",
    "start",
    "summarise",
]



@dataclass
class Result:
    outcome: Outcome
    journal: Journal | None
    path: Path | None
    # Plain sentences for the person beyond the usual closing (e.g. which earlier file was kept
    # as it is); the port has been shown them already.
    notes: tuple[str, ...] = ()


# -- asking before a session ---------------------------------------------------------------
def ask_role(port: InputPort, framework: Framework) -> str | None:
    """Ask which role to reflect as; None if the person chose to stop. A framework with one
    role has nothing to ask."""
    if len(framework.roles) == 1:
        return framework.roles[0].id
    question = Question(
        "role", Kind.CHOICE, msg.ASK_ROLE, msg.ASK_ROLE_HINT,
        # The label alone: its id ("peer-supporter") says the same to a person, in worse words.
        tuple(Choice(str(n), r.label) for n, r in enumerate(framework.roles, start=1)),
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


def ask_yes(
    port: InputPort, qid: str, text: str, hint: str, *, default: bool = True
) -> bool | None:
    """A yes-or-no question where Enter means ``default`` (yes unless told otherwise); None if
    the person chose to stop."""
    question = Question(qid, Kind.CHOICE, text, hint, can_go_back=False)
    while True:
        reply = port.ask(question)
        if reply.command is Command.STOP:
            return None
        if reply.command is not None:  # Enter (or any other key): the default
            return default
        word = (reply.text or "").strip().lower()
        if word in ("y", "yes", "1"):
            return True
        if word in ("n", "no", "2"):
            return False
        port.show(Problem(msg.YES_OR_NO if default else msg.NO_OR_YES))


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
    selection: Selection | None = None,
    share: Journal | None = None,
    share_name: str | None = None,
) -> tuple[Plan, Draft]:
    """The plan and a fresh draft of a new session. ``selection`` (from ``select``) says what
    it covers; without it, ``values`` (every value when None), each looked back on. A prep
    made with a share file has it as ``share``, kept in the journal folder as ``share_name``."""
    framework = get_framework(guidelines, framework_id)
    check_role(framework, role)
    tidy(lookback.journal_dir)
    opened = carry_over.Open([], None)
    if kind in (KIND_PREP, KIND_RECORD) and supervisee is not None:
        found = carry_over.since_last_prep(lookback, supervisee)
        opened = carry_over.for_prep(found) if kind == KIND_PREP else carry_over.for_record(found)
    carry, carry_date = opened.items, opened.date
    if kind == KIND_RECORD:
        selection = Selection([])  # a record ticks the values talked about; none is reflected on
    if selection is None:
        selection = Selection(list(values if values is not None else framework.values))
        if history:
            selection.history = lookback.last_times(
                role, values=[v.id for v in selection.values], kind=kind,
                supervisee=supervisee if kind == KIND_PREP else None)
    plan = Plan(
        kind=kind,
        role=role,
        framework=framework,
        values=list(selection.values),
        supervisee=supervisee,
        carry_items=carry,
        carry_date=carry_date,
        history=dict(selection.history) if history else {},
        in_turn=list(selection.in_turn),
        size=selection.size,
        last_plan=selection.last_plan if history else None,
        carry_from=opened.source,
        share=share,
        share_name=share_name,
        today=now.date(),
    )
    draft = new_draft(
        lookback.journal_dir, kind=kind, role=role, framework=framework.id,
        values=[v.id for v in plan.values], started=now, supervisee=supervisee,
        carry_items=carry, carry_date=carry_date, in_turn=[v.id for v in plan.in_turn],
        size=plan.size, with_share=share_name, carry_from=opened.source,
    )
    # The wording each value was asked in, so answers outlive a guidelines update.
    draft.snapshot = {
        v.id: {"number": v.number, "title": v.title, "practice": v.practice,
               "items": list(v.guidelines.get(role, ())), "prompts": list(v.prompts.get(role, ()))}
        for v in [*plan.values, *plan.in_turn]
    }
    return plan, draft


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

    The draft is locked for the whole run (``SessionOpenElsewhere`` if another window has it).
    With ``keep_drafts=False`` (answers from a file: the file is the draft) nothing but the
    journal is written.
    """
    if not keep_drafts:
        return _run(plan, port, draft, journal_dir, version, resumed, False, resume_hint)
    with DraftLock(draft.path):
        return _run(plan, port, draft, journal_dir, version, resumed, True, resume_hint)


def _run(
    plan: Plan, port: InputPort, draft: Draft, journal_dir: Path, version: str, resumed: bool,
    keep_drafts: bool, resume_hint: str,
) -> Result:
    if keep_drafts:
        done = settle(draft, journal_dir)
        if done is not None:  # killed after saving, before tidying: nothing more to save
            note = msg.ALREADY_SAVED.format(name=done.name)
            port.show(Notice(note))
            try:
                return Result(Outcome.COMPLETE, store.read_journal(done), done, (note,))
            except JournalFormatError:
                return Result(Outcome.COMPLETE, None, done, (note,))
    target = _own_partial(draft, journal_dir)
    if draft.journal and target is None:
        # Changed since this session wrote it: it is the person's now. Keep it, carry on anew.
        draft.continues, draft.journal, draft.journal_sha256 = draft.journal, None, None
    if draft.continues and resumed:
        port.show(Notice(msg.EDITED_PARTIAL_KEPT.format(old=journal_dir / draft.continues)))

    def on_change(answers: dict[str, object], position: int) -> None:
        draft.answers, draft.position = answers, position
        if keep_drafts:
            save_draft(draft)

    session = Session(plan, port, answers=draft.answers, position=draft.position,
                      on_change=on_change)
    outcome = session.run(resumed=resumed)
    draft.answers, draft.position = dict(session.answers), session.position
    if outcome is Outcome.STOPPED and not worth_keeping(session.answers):
        drop_if_empty(draft)
        return Result(outcome, None, None)
    status = STATUS_COMPLETE if outcome is Outcome.COMPLETE else STATUS_PARTIAL
    journal = session.journal(status=status, date=draft.started, version=version)
    text = render(journal)
    try:
        if keep_drafts:
            # Recorded first, so a kill right after the journal is written is recognised later.
            draft.saving_sha256, draft.saving_status = checksum(text), status
            save_draft(draft)
        path = store.save_journal(journal_dir, journal, replace=target)
    except StorageError as exc:
        if not keep_drafts:
            raise
        draft.saving_sha256 = draft.saving_status = None
        save_draft(draft)
        raise StorageError(
            msg.SAVE_FAILED.format(problem=exc.message, draft=draft.path, resume=resume_hint)
        ) from None
    notes: tuple[str, ...] = ()
    if draft.continues:
        notes = (msg.CONTINUED_IN.format(new=path, old=journal_dir / draft.continues),)
        port.show(Notice(notes[0]))
    if outcome is Outcome.COMPLETE:
        if keep_drafts and draft.continues:
            mark_superseded(journal_dir, draft.continues, path.name)
        delete_draft(draft)
    elif keep_drafts:
        draft.journal, draft.journal_sha256 = path.name, checksum(text)
        draft.saving_sha256 = draft.saving_status = None
        save_draft(draft)
    return Result(outcome, journal, path, notes)


def drop_if_empty(draft: Draft) -> bool:
    """Remove the draft of a session stopped before anything worth keeping (and that carries
    on no journal); True if there is nothing left of it."""
    if worth_keeping(draft.answers) or draft.journal is not None or draft.continues is not None:
        return False
    delete_draft(draft)
    return True


def _own_partial(draft: Draft, journal_dir: Path) -> Path | None:
    """This session's partial journal, if it is still exactly as this session wrote it."""
    if not draft.journal or not draft.journal_sha256:
        return None
    path = journal_dir / draft.journal
    try:
        current = store.read_text(path)
    except JournalFormatError:
        return None
    # Edited by hand since? Then it is the person's now: keep it and save under a new name.
    return path if checksum(current) == draft.journal_sha256 else None


class StopOnSignal:
    """A handler for SIGHUP / SIGTERM (and SIGBREAK on Windows) during a session.

    The first signal raises ``SessionStopped`` wherever the main thread is (usually waiting in
    the port's ``ask``); ``Session.run`` turns that into a stop, as ``:q``, and ``run`` saves the
    partial journal and the draft. Later signals are ignored, so that save is never cut short.
    Every entered line is in the draft already, so even a second, harder kill loses nothing.
    """

    def __init__(self) -> None:
        self.fired = False

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if self.fired:
            return
        self.fired = True
        raise SessionStopped()


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
