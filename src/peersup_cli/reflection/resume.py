"""Finding an unfinished session to carry on, and making its plan, without ever rewriting what a
person wrote.

Rules, in the order they protect people's words:

- A partial journal is replaced at the end only when it is byte for byte what this session wrote
  (the draft's checksum), or, with no draft, when re-writing it would give back the very same
  bytes (so nothing in it is outside what peersup understands). Otherwise the session carries on
  into a new file (``Draft.continues`` names the old one, which is never touched), and once that
  session is finished the old file is recorded as carried on in ``.drafts/.superseded.json`` so
  it is not offered again. (The finished journal cannot say ``resumed_from`` in its front matter
  yet: the journal format has no such field.)
- Answers for values the current guidelines lack are kept as sections of their own
  (``Plan.kept``), never dropped.
- A draft that cannot be used is set aside with a plain reason; the next one is still offered.
- A draft whose journal was already saved (a kill between saving and tidying) is only tidied.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .. import messages as msg
from .. import paths
from ..errors import UsageError
from ..guidelines.lookup import check_role, get_framework
from ..guidelines.model import Guidelines, Value
from ..history.lookback import Lookback
from ..history.records import IndexedJournal
from ..journal import store
from ..journal.format import JournalFormatError, parse, render
from ..journal.model import KIND_RECORD, KIND_SHARE, STATUS_COMPLETE, Journal
from ..sharing.received import load_kept
from ..storage import atomic_write, ensure_private_dir, remove_stale_temp_files
from .answers import answered
from .draft import SUFFIX, Draft, checksum, delete_draft, new_draft, save_draft, scan_drafts
from .journal_mapping import (
    answers_from_journal,
    first_unanswered,
    kept_from_answers,
    still_askable,
)
from .kinds import kind_of
from .lock import is_stale, lock_path, read_lock
from .plan import KIND_PREP, KIND_REFLECT, Plan

SUPERSEDED = ".superseded.json"


@dataclass
class Resumable:
    draft: Draft
    journal: Journal | None  # the partial journal it was made from, when there was no draft
    set_aside: list[str] = field(default_factory=list)  # one plain sentence per unusable draft
    # Set when another window has this session open: the sentence to show. The CLI offers to
    # start a new session instead; ``runner.run`` would refuse it with the same sentence.
    open_elsewhere: str | None = None


def tidy(journal_dir: Path) -> None:
    """Remove temporary files a crash left (peersup's own names only, an hour old)."""
    remove_stale_temp_files(paths.drafts_dir(journal_dir))
    remove_stale_temp_files(journal_dir)


# -- a save cut short ----------------------------------------------------------------------------
def settle(draft: Draft, journal_dir: Path) -> Path | None:
    """Finish what a killed save left: the finished journal's path if this session is in fact
    already saved (the draft is then deleted), else None (the draft is brought up to date)."""
    if draft.saving_sha256 is None:
        return None
    found = _with_checksum(draft, journal_dir, draft.saving_sha256)
    status, draft.saving_sha256, draft.saving_status = draft.saving_status, None, None
    if found is None:
        return None  # the journal was never written: the draft has everything, save again
    if status == STATUS_COMPLETE:
        if draft.continues:
            mark_superseded(journal_dir, draft.continues, found.name)
        delete_draft(draft)
        return found
    draft.journal, draft.journal_sha256 = found.name, checksum(store.read_text(found))
    save_draft(draft)
    return None


def _with_checksum(draft: Draft, journal_dir: Path, sha: str) -> Path | None:
    day = draft.started.strftime("%Y-%m-%d")
    names = [draft.journal] if draft.journal else []
    names += [p.name for p in store.list_journals(journal_dir) if p.name.startswith(day)]
    for name in dict.fromkeys(names):
        try:
            if checksum(store.read_text(journal_dir / name)) == sha:
                return journal_dir / name
        except JournalFormatError:
            continue
    return None


# -- superseded partial journals -----------------------------------------------------------------
def superseded(journal_dir: Path) -> dict[str, str]:
    """Partial journals carried on into another file: name -> the file that carries on."""
    try:
        data = json.loads(store.read_text(paths.drafts_dir(journal_dir) / SUPERSEDED))
    except (JournalFormatError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def mark_superseded(journal_dir: Path, old: str, new: str) -> None:
    record = superseded(journal_dir)
    record[old] = new
    folder = ensure_private_dir(paths.drafts_dir(journal_dir))
    atomic_write(folder / SUPERSEDED, json.dumps(record, ensure_ascii=False, indent=1))


# -- finding -------------------------------------------------------------------------------------
@dataclass
class Unfinished:
    """One unfinished session: a draft, or a partial journal whose draft is gone (``journal``,
    with a draft made from it that is not saved until the session runs)."""

    draft: Draft
    journal: Journal | None
    problem: str | None = None  # why these guidelines cannot run it; None when they can
    open_elsewhere: str | None = None

    @property
    def started(self) -> datetime:
        return self.journal.date if self.journal is not None else self.draft.started

    @property
    def answered(self) -> int:
        """How many questions have an answer (not skipped), the partial journal's included."""
        if self.journal is not None:
            record = self.journal.record
            said = [record.held, record.minutes, record.format, record.mode, record.values,
                    record.discussed, record.agreed, record.next_session] if record else []
            return sum(1 for fact in said if fact not in (None, [])) + sum(
                (r.rating is not None) + bool(r.practiced) + sum(a is not None for a in r.answers)
                for r in self.journal.reflections
            )
        return answered(self.draft.answers)

    @property
    def partial_journal(self) -> str | None:
        """The name of the partial journal this session saved (or carries on from), if any."""
        return self.draft.journal or self.draft.continues


def sessions(
    lookback: Lookback, guidelines: Guidelines | None = None
) -> tuple[list[Unfinished], list[str]]:
    """Every unfinished session, newest first, and one sentence per draft set aside as
    unreadable. A draft whose journal was in fact saved in full is tidied away, not listed."""
    found, claimed, problems = _draft_sessions(lookback, guidelines)
    for entry in _partials(lookback, claimed):
        made = _draft_for_partial(lookback.journal_dir, entry.path)
        if made is not None:
            found.append(Unfinished(made[0], made[1], _cannot_run(made[0], guidelines)))
    found.sort(key=lambda u: u.started.timestamp(), reverse=True)
    return found, problems


def _draft_sessions(
    lookback: Lookback, guidelines: Guidelines | None
) -> tuple[list[Unfinished], set[str], list[str]]:
    """The sessions kept as drafts, the partial journals they (or a later session) claim, and
    one sentence per draft set aside as unreadable."""
    journal_dir = lookback.journal_dir
    tidy(journal_dir)
    scan = scan_drafts(journal_dir)
    found: list[Unfinished] = []
    claimed = set(superseded(journal_dir))
    for d in scan.drafts:
        claimed.update(n for n in (d.journal, d.continues) if n)
        reason = _cannot_run(d, guidelines)
        elsewhere = open_elsewhere(d)
        if not reason and elsewhere is None and settle(d, journal_dir) is not None:
            continue  # already saved in full: now tidied, nothing to resume
        found.append(Unfinished(d, None, reason, elsewhere))
    return found, claimed, list(scan.problems)


def _partials(lookback: Lookback, claimed: set[str]) -> list[IndexedJournal]:
    """The partial journals no draft claims, newest first (as the index knows them)."""
    entries = [e for e in lookback.partial_journals() if e.path.name not in claimed]
    entries.sort(key=_when, reverse=True)
    return entries


def _when(entry: IndexedJournal) -> float:
    try:
        return datetime.fromisoformat(entry.date).timestamp()
    except (ValueError, OverflowError, OSError):  # the index keeps only dates it could read
        return 0.0


def matches(
    item: Unfinished, kind: str, role: str | None = None, supervisee: str | None = None
) -> bool:
    """Whether ``item`` is a session of this kind (as this role, for this person)."""
    d = item.draft
    if d.kind != kind or (role is not None and d.role != role):
        return False
    if supervisee is None:
        return True
    return d.supervisee is not None and store.same_person(d.supervisee, supervisee)


def find_session(
    lookback: Lookback, kind: str, *, role: str | None = None, supervisee: str | None = None,
    guidelines: Guidelines | None = None,
) -> Resumable | None:
    """The newest unfinished session of this kind: a draft, or a partial journal without one.
    With ``guidelines``, a draft they cannot run (unknown framework or role) is set aside.

    Only the partial journals that may be of this kind are read, newest first, until one
    fits: a folder of years of journals can hold hundreds that were never finished."""
    found, claimed, set_aside = _draft_sessions(lookback, guidelines)
    best: Unfinished | None = None
    for item in sorted(found, key=lambda u: u.started.timestamp(), reverse=True):
        if not matches(item, kind, role, supervisee):
            continue
        if item.problem is not None:
            set_aside.append(msg.DRAFT_NOT_FITTING.format(name=item.draft.path.name,
                                                          reason=item.problem))
            continue
        best = best or item
    for entry in _partials(lookback, claimed):
        if not _may_match(entry, kind, role, supervisee):
            continue
        made = _draft_for_partial(lookback.journal_dir, entry.path)
        if made is None:
            continue
        item = Unfinished(made[0], made[1], _cannot_run(made[0], guidelines))
        if item.problem is None and matches(item, kind, role, supervisee):
            # The newest partial journal of this kind: it or the newest draft, whichever is newer.
            if best is None or item.started.timestamp() > best.started.timestamp():
                best = _exactly_as_written(item, entry.path)
            break
    if best is None:
        return None
    return Resumable(best.draft, best.journal, set_aside, best.open_elsewhere)


def _may_match(
    entry: IndexedJournal, kind: str, role: str | None, supervisee: str | None
) -> bool:
    """Whether a partial journal, as the index knows it, may be a session of this kind, role
    and person (the journal itself decides: this only spares reading the others)."""
    if entry.kind != kind or (role is not None and entry.role != role):
        return False
    return supervisee is None or (
        entry.supervisee is not None and store.same_person(entry.supervisee, supervisee))


def find_resumable(
    lookback: Lookback, kind: str, *, role: str | None = None, supervisee: str | None = None,
    guidelines: Guidelines | None = None,
) -> tuple[Draft, Journal | None] | None:
    """``find_session`` as the pair the CLI has always taken."""
    found = find_session(lookback, kind, role=role, supervisee=supervisee, guidelines=guidelines)
    return None if found is None else (found.draft, found.journal)


def open_elsewhere(draft: Draft) -> str | None:
    """The sentence to show when another window holds this session, else None."""
    from .lock import _when

    info = read_lock(lock_path(draft.path))
    if info is None or is_stale(info):
        return None
    return msg.OPEN_ELSEWHERE.format(since=_when(info.started))


def _cannot_run(draft: Draft, guidelines: Guidelines | None) -> str | None:
    if guidelines is None:
        return None
    try:
        framework = get_framework(guidelines, draft.framework)
        check_role(framework, draft.role)
    except UsageError as exc:
        return exc.message.rstrip(".")
    scale = {p.number for p in framework.rating_scale}
    for key, value in draft.answers.items():
        if key.endswith(".rating") and value is not None and value not in scale:
            return f"the rating {value} for {key.removesuffix('.rating')} is not on the scale"
    return None


def _draft_for_partial(journal_dir: Path, path: Path) -> tuple[Draft, Journal] | None:
    """A draft to carry on the partial journal at ``path``, made in memory. It carries on in
    a new file (``continues``) until ``_exactly_as_written`` finds the journal is byte for byte
    what peersup writes (worth checking only for the one session resumed)."""
    try:
        partial = parse(store.read_text(path))
    except JournalFormatError:  # an unreadable journal is simply not offered
        return None
    if partial.kind == KIND_SHARE:  # a share file is not a session to carry on
        return None
    kind = KIND_PREP if partial.supervisee is not None else KIND_REFLECT
    agenda = partial.agenda
    carry = (agenda.done + agenda.carried) if agenda else []
    if partial.record is not None:
        # Its agenda items: those it says were talked about (open items are the prep's anyway).
        kind, carry = KIND_RECORD, list(partial.record.discussed)
    values = list(dict.fromkeys([*partial.planned, *partial.values]))
    # One name per partial journal, so two windows resuming it meet at the same lock; a file of
    # that name that is not ours (set aside as unreadable) is never overwritten.
    fixed = f"from-{path.stem}{SUFFIX}"
    name = None if (paths.drafts_dir(journal_dir) / fixed).exists() else fixed
    draft = new_draft(
        journal_dir, kind=kind, role=partial.role, framework=partial.framework,
        values=values, started=partial.date, supervisee=partial.supervisee,
        carry_items=carry, name=name, with_share=partial.with_share,
    )
    draft.continues = path.name
    return draft, partial


def _exactly_as_written(item: Unfinished, path: Path) -> Unfinished:
    """``item`` (made by ``_draft_for_partial``) set to replace its journal at the end when the
    file is exactly what peersup writes for what it holds, so replacing it loses nothing.
    Anything else in it (a note, an edit, another version's layout) keeps the new file."""
    try:
        text = store.read_text(path)
        journal = parse(text)
    except JournalFormatError:
        return item
    if journal == item.journal and render(journal) == text:
        item.draft.journal, item.draft.journal_sha256 = path.name, checksum(text)
        item.draft.continues = None
    return item


# -- the plan ------------------------------------------------------------------------------------
def resume_plan(
    guidelines: Guidelines, draft: Draft, journal: Journal | None, lookback: Lookback,
    *, history: bool = True,
) -> Plan:
    framework = get_framework(guidelines, draft.framework)
    check_role(framework, draft.role)
    role = draft.role
    if journal is not None:
        kept = [r for r in journal.reflections if not still_askable(framework, role, r)]
        kept_ids = {r.value_id for r in kept}
    else:
        kept = []
        for vid in dict.fromkeys([*draft.values, *draft.in_turn]):
            value = framework.value(vid)
            answered = [k for k in draft.answers if k.startswith(f"{vid}.answer.")]
            too_many = value is not None and any(
                not _within(k, len(value.prompts.get(role, ()))) for k in answered)
            if value is None or too_many:
                reflection = kept_from_answers(framework, role, vid, draft.answers,
                                               draft.snapshot.get(vid))
                if reflection is not None:
                    kept.append(reflection)
        kept_ids = {r.value_id for r in kept}
    def usable(ids: list[str]) -> list[Value]:
        return [v for v in (framework.value(i) for i in ids)
                if v is not None and v.id not in kept_ids]

    values, offered = usable(draft.values), usable(draft.in_turn)
    exclude_name = draft.journal or draft.continues
    exclude = lookback.journal_dir / exclude_name if exclude_name else None
    scope = draft.supervisee if draft.kind == KIND_PREP else None
    plan = Plan(
        kind=draft.kind, role=role, framework=framework, values=values,
        supervisee=draft.supervisee, carry_items=list(draft.carry_items),
        carry_date=draft.carry_date, kept=kept, in_turn=offered, size=draft.size,
        history=(lookback.last_times(role, exclude=exclude, kind=draft.kind, supervisee=scope,
                                     values=[v.id for v in [*values, *offered]])
                 if history and draft.kind != KIND_RECORD else {}),
        carry_from=draft.carry_from, share_name=draft.with_share, today=draft.started.date(),
        share=load_kept(lookback.journal_dir, draft.with_share) if draft.with_share else None,
    )
    if journal is not None:
        draft.answers, draft.position = answers_from_journal(plan, journal)
        return plan
    upgraded = kind_of(plan).upgrade(plan, draft.answers)
    if upgraded != draft.answers or len(values) + len(offered) != len(
            draft.values) + len(draft.in_turn):
        # The steps changed (a value gone, answers saved by an older peersup): carry on at the
        # first question not answered yet.
        draft.answers = upgraded
        draft.position = first_unanswered(plan, upgraded)
    return plan


def _within(key: str, prompts: int) -> bool:
    number = key.rsplit(".", 1)[-1]
    return not number.isdigit() or int(number) <= prompts
