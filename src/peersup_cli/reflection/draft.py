"""Drafts: every answer lands on disk the moment it is given, so nothing typed is ever lost.

A draft is a small JSON file in ``<journals>/.drafts`` holding what the session planned (kind,
role, framework, values, supervisee, carry-over items), where it stands (``position``) and every
answer so far (an unfinished text answer as ``"<step>.partial"``, line by line). It is rewritten
atomically after each change. When a session is stopped on purpose its partial journal is saved
too, and the draft remembers that file by *name* within the journal folder, with a checksum of
what was written, so finishing later replaces exactly that file and only while it is unchanged.

A draft file is untrusted input (it may be planted, shared, or half-written by another version):
it is read bounded, checked field by field, and a bad one is set aside with a plain reason
(``DraftError``) without keeping any other draft from being offered.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import messages as msg
from .. import paths
from ..errors import DraftError
from ..journal import store
from ..journal.format import JournalFormatError
from ..storage import atomic_write, ensure_private_dir
from .answers import COUNT_STEP, LISTED, NUMBERED, PARTIAL, WHOLE_NUMBER
from .plan import ABOUT_SOMEONE, CARRY, DONE, DROP, KINDS

# 3: the values offered in turn (``in_turn``, ``size``) and a prep's done and drop lists. A draft
# of version 2 reads as one with nothing offered in turn; its answers are upgraded on resuming.
# Still 3 with a record's answers, ``with_share`` and ``carry_from``: keys an older draft lacks
# read as their defaults, and an older peersup reading a record draft refuses its kind plainly.
DRAFT_VERSION = 3
SUFFIX = ".json"
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Draft:
    path: Path
    kind: str
    role: str
    framework: str
    values: list[str]
    started: datetime
    supervisee: str | None = None
    carry_items: list[str] = field(default_factory=list)
    carry_date: datetime | None = None
    position: int = 0
    answers: dict[str, Any] = field(default_factory=dict)
    # The partial journal this session saved (a file name in the journal folder) and the sha256
    # of what it wrote there: the only file a finish may replace, and only while it matches.
    journal: str | None = None
    journal_sha256: str | None = None
    # A partial journal this session carries on from but must never replace (edited by hand, or
    # not provably peersup's own); it is named to the person and left byte for byte.
    continues: str | None = None
    # Set just before a journal is written: its checksum and status. If the process dies between
    # writing the journal and updating or deleting the draft, the next start finds the journal by
    # this checksum and only finishes the tidying (no second copy).
    saving_sha256: str | None = None
    saving_status: str | None = None
    # What each value looked like when the session started (title, prompts, items), so answers
    # for a value that later guidelines no longer have can still be kept with their questions.
    snapshot: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The values offered in turn (ids, least recently reflected on first) and how many of them
    # a skipped "how many" question takes (``Plan.in_turn``, ``Plan.size``).
    in_turn: list[str] = field(default_factory=list)
    size: int = 0
    # A prep made with a share file: the copy's name in the journal folder (``Plan.share_name``);
    # and where the carry-over items come from, the last prep or a record since it.
    with_share: str | None = None
    carry_from: str = "prep"

    def to_json(self) -> str:
        data = asdict(self)
        data.pop("path")
        data["version"] = DRAFT_VERSION
        data["started"] = self.started.isoformat()
        data["carry_date"] = self.carry_date.isoformat() if self.carry_date else None
        return json.dumps(clean(data), ensure_ascii=False, indent=1)


def clean(value: Any) -> Any:
    """``value`` with every lone surrogate (undecodable bytes read with ``surrogateescape``)
    replaced by U+FFFD, so it can always be written as UTF-8; all other text is kept."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    return value


def new_draft(
    journal_dir: Path,
    *,
    kind: str,
    role: str,
    framework: str,
    values: list[str],
    started: datetime,
    supervisee: str | None = None,
    carry_items: list[str] | None = None,
    carry_date: datetime | None = None,
    name: str | None = None,
    in_turn: list[str] | None = None,
    size: int = 0,
    with_share: str | None = None,
    carry_from: str = "prep",
) -> Draft:
    """A draft with a fresh file name, or ``name`` (not written until ``save_draft``)."""
    if name is None:
        stamp = started.strftime("%Y%m%dT%H%M%S")
        name = f"{stamp}-{kind}-{os.urandom(4).hex()}{SUFFIX}"
    return Draft(
        path=paths.drafts_dir(journal_dir) / name,
        kind=kind,
        role=role,
        framework=framework,
        values=list(values),
        started=started,
        supervisee=supervisee,
        carry_items=list(carry_items or []),
        carry_date=carry_date,
        in_turn=list(in_turn or []),
        size=size,
        with_share=with_share,
        carry_from=carry_from,
    )


def save_draft(draft: Draft) -> None:
    ensure_private_dir(draft.path.parent.parent)
    if draft.path.parent.is_symlink():
        # A link could send a person's words anywhere: drafts live only in a real folder.
        from ..errors import StorageError

        raise StorageError(
            f"{draft.path.parent} is a link to somewhere else; peersup keeps drafts only in a "
            "folder of its own. Remove the link and try again."
        )
    ensure_private_dir(draft.path.parent)
    atomic_write(draft.path, draft.to_json())


def journal_dir_of(draft: Draft) -> Path:
    return draft.path.parent.parent


# -- reading: untrusted input --------------------------------------------------------------------
def read_draft(path: Path, journal_dir: Path) -> Draft:
    """The draft in ``path``, or ``DraftError`` with one plain reason (the file is left alone)."""
    try:
        text = store.read_text(path)  # bounded, regular files only
    except JournalFormatError as exc:
        raise DraftError(msg.DRAFT_UNREADABLE.format(name=path.name, reason=exc)) from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        raise DraftError(msg.DRAFT_UNREADABLE.format(
            name=path.name, reason="it is not valid JSON")) from None
    try:
        # A JSON "\udcff" escape gives a lone surrogate: cleaned like anything typed.
        return _draft_from(clean(data), path, journal_dir)
    except _Bad as bad:
        raise DraftError(msg.DRAFT_UNREADABLE.format(name=path.name, reason=bad)) from None


class _Bad(Exception):
    pass


def _draft_from(data: Any, path: Path, journal_dir: Path) -> Draft:
    if not isinstance(data, dict):
        raise _Bad("it is not a peersup draft")
    for key in ("kind", "role", "framework", "values", "started"):
        if key not in data:
            raise _Bad(f"the {key} is missing")
    kind = _str(data, "kind")
    if kind not in KINDS:
        raise _Bad(f"the kind {kind!r} is not {' or '.join(KINDS)}")
    values = _texts(data, "values", "the values are not a list of value ids")
    in_turn = _texts(data, "in_turn", "the values offered in turn are not a list of value ids")
    carry = _texts(data, "carry_items", "the carry-over items are not a list of texts")
    size = _count(data, "size", "the session size is not a number")
    position = _count(data, "position", "the position is not a number")
    answers = data.get("answers") or {}
    if not isinstance(answers, dict):
        raise _Bad("the answers are not a list of questions and answers")
    for key, value in answers.items():
        problem = answer_problem(str(key), value)
        if problem:
            raise _Bad(problem)
    snapshot = data.get("snapshot") or {}
    if not isinstance(snapshot, dict) or not all(isinstance(v, dict) for v in snapshot.values()):
        raise _Bad("the saved value texts are not readable")
    supervisee = data.get("supervisee")
    if supervisee is not None and not isinstance(supervisee, str):
        raise _Bad("the supervisee is not a name")
    if kind in ABOUT_SOMEONE and supervisee is None:
        raise _Bad(f"a {kind} draft names no supervisee")
    return Draft(
        path=path,
        kind=kind,
        role=_str(data, "role"),
        framework=_str(data, "framework"),
        values=list(values),
        started=_when(data.get("started"), "start time"),
        supervisee=supervisee,
        carry_items=list(carry),
        carry_date=_when(data["carry_date"], "carry-over date") if data.get("carry_date") else None,
        position=position,
        answers=dict(answers),
        journal=_name(data.get("journal"), journal_dir),
        journal_sha256=_opt_str(data, "journal_sha256"),
        continues=_name(data.get("continues"), journal_dir),
        saving_sha256=_opt_str(data, "saving_sha256"),
        saving_status=_opt_str(data, "saving_status"),
        snapshot=dict(snapshot),
        in_turn=list(in_turn),
        size=size,
        with_share=_name(data.get("with_share"), journal_dir),
        carry_from=_carry_from(data.get("carry_from")),
    )


def _carry_from(value: Any) -> str:
    if value in (None, "prep", "record"):
        return value or "prep"
    raise _Bad("where its open items come from is not a prep or a record")


def answer_problem(key: str, value: Any) -> str | None:
    """Why ``value`` cannot be the answer to step ``key`` (by the step's shape), or None."""
    if value is None:
        return None
    step = key.removesuffix(PARTIAL)
    if key.endswith(PARTIAL):
        ok = isinstance(value, str)
    elif step.endswith(".rating"):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif step.endswith(".practiced") or step in NUMBERED:
        ok = isinstance(value, list) and all(
            isinstance(n, int) and not isinstance(n, bool) for n in value)
    elif step == COUNT_STEP or step in WHOLE_NUMBER:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    elif step.startswith("carry."):  # one choice per item, as peersup 0.1 saved a prep
        ok = value in (CARRY, DONE, DROP)
    elif step in LISTED:
        ok = isinstance(value, list) and all(isinstance(t, str) for t in value)
    else:
        ok = isinstance(value, str)
    return None if ok else f"the answer to {key} is not the right kind ({value!r:.40})"


def _texts(data: dict[str, Any], key: str, problem: str) -> list[str]:
    value = data.get(key)
    value = [] if value is None else value
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(problem)
    return list(value)


def _count(data: dict[str, Any], key: str, problem: str) -> int:
    value = data.get(key)
    value = 0 if value is None else value
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _Bad(problem)
    return value


def _str(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise _Bad(f"the {key} is not a name")
    return value


def _opt_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise _Bad(f"the {key} is not text")
    return value


def _when(value: Any, what: str) -> datetime:
    try:
        when = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Bad(f"the {what} is not a date") from None
    if when.tzinfo is None:
        raise _Bad(f"the {what} has no time zone")
    return when


def _name(value: Any, journal_dir: Path) -> str | None:
    """A journal's file name within the folder. Drafts of peersup 0.1 held a full path: one
    inside the folder is taken by its name; anything else (another folder, ``..``) is refused,
    so a planted draft can never make a session write outside the journal folder."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Bad("its journal is not a file name")
    name = value
    if "/" in value or "\\" in value or os.sep in value:
        candidate = Path(value)
        if candidate.is_absolute() and _same_dir(candidate.parent, journal_dir):
            name = candidate.name
        else:
            raise _Bad(msg.DRAFT_OUTSIDE.format(journal=value))
    if name in ("", ".", "..") or not store.is_journal_name(name) or "\x00" in name:
        raise _Bad(msg.DRAFT_OUTSIDE.format(journal=value))
    return name


def _same_dir(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


@dataclass(frozen=True)
class DraftScan:
    drafts: list[Draft]  # every usable draft, oldest first
    problems: list[str]  # one plain sentence per draft set aside


def scan_drafts(journal_dir: Path) -> DraftScan:
    folder = paths.drafts_dir(journal_dir)
    if folder.is_symlink():  # never read drafts through a link someone planted
        return DraftScan([], [f"{folder} is a link, so the drafts in it were not read."])
    try:
        files = [p for p in folder.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")]
    except OSError:
        return DraftScan([], [])
    drafts: list[Draft] = []
    problems: list[str] = []
    for path in sorted(files):
        try:
            drafts.append(read_draft(path, journal_dir))
        except DraftError as exc:
            problems.append(exc.message)
    drafts.sort(key=lambda d: (d.started.timestamp(), d.path.name))
    return DraftScan(drafts, problems)


def load_draft(path: Path) -> Draft | None:
    """The draft in ``path``, or None if it cannot be used (it is then left alone)."""
    try:
        return read_draft(path, path.parent.parent)
    except DraftError:
        return None


def list_drafts(journal_dir: Path) -> list[Draft]:
    """Every usable draft, newest last (by when the session started)."""
    return scan_drafts(journal_dir).drafts


def delete_draft(draft: Draft) -> None:
    with contextlib.suppress(FileNotFoundError):
        draft.path.unlink()


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
