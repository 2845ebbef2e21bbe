"""Which journals a ``peersup journal`` command asks for: ``Filters``, made from its options
(--role, --since, --until, --value, --supervisee) and checked against what the journals hold
(a role or value word may be a prefix or a number; a word that fits nothing gets a sentence
naming what would), and the SQL conditions that pick them out of the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import matching
from ..errors import UsageError
from ..journal.store import person_key
from ..matching import normalise

if TYPE_CHECKING:
    from .index import Index


@dataclass
class Filters:
    role: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive, compared with the journal's own date
    until: str | None = None
    value: str | None = None  # a value id: journals that reflected on it
    supervisee: str | None = None
    kind: str | None = None  # "reflect", "prep", "record" or "share" (``Journal.kind``)
    # Only the person's own journals: without the self-evaluations others shared with them
    # (``kind`` share), which are someone else's practice. Trends and summaries are.
    own: bool = False


def filter_sql(f: Filters, t: str = "") -> tuple[list[str], list[Any]]:
    """SQL conditions on the ``journals`` table for ``f``; ``t`` qualifies the columns
    (``"j."``)."""
    conditions: list[str] = []
    params: list[Any] = []
    if f.role:
        conditions.append(f"{t}role = ?")
        params.append(f.role)
    if f.since:
        conditions.append(f"{t}day >= ?")
        params.append(f.since)
    if f.until:
        conditions.append(f"{t}day <= ?")
        params.append(f.until)
    if f.kind:
        conditions.append(f"{t}kind = ?")
        params.append(f.kind)
    elif f.own:
        conditions.append(f"{t}kind != 'share'")
    if f.value:
        conditions.append(f"instr({t}vids, ?) > 0")
        params.append(f",{f.value},")
    if f.supervisee:
        # Folded in Python (SQLite's lower() knows ASCII only: ÉLODIE must find Élodie).
        conditions.append(f"{t}person = ?")
        params.append(person_key(f.supervisee))
    return conditions, params


def make_filters(
    index: Index,
    role: str | None,
    since: str | None,
    until: str | None,
    value: str | None,
    supervisee: str | None,
    kind: str | None = None,
    *,
    own: bool = False,
) -> Filters:
    return Filters(
        role=pick(role, index.known("role"), "role") if role else None,
        since=check_date(since, "--since"),
        until=check_date(until, "--until"),
        value=value_id(index, value) if value else None,
        supervisee=supervisee.strip() if supervisee else None,
        kind=kind,
        own=own,
    )


def pick(text: str, known: list[str], what: str) -> str:
    """``text`` as one of ``known``: any case, a unique prefix or word (``super``, ``Peer``)."""
    key = normalise(text)
    if not known:
        return key
    try:
        return matching.pick(text, matching.candidates(known))
    except matching.Ambiguous as exc:
        raise UsageError(
            f"{text!r} fits more than one {what}: {', '.join(exc.keys)}."
        ) from None
    except matching.NoMatch as exc:
        raise UsageError(
            f"No journals have the {what} {text!r}. Your journals have: {', '.join(known)}."
            + matching.did_you_mean(exc.suggestions)
        ) from None


def check_date(text: str | None, option: str) -> str | None:
    if not text:
        return None
    from datetime import date

    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise UsageError(f"{option} takes a date like 2026-11-22, not {text!r}.") from None


def value_id(index: Index, text: str) -> str:
    """The value id ``text`` names: an id, a number, or a word of its title or practice."""
    titles = index.value_titles()
    key = normalise(text)
    if not titles:
        return key
    choices = [
        matching.Candidate(vid, aliases=(str(n),), words=f"{title} {practice}", substring=True)
        for vid, (n, title, practice) in sorted(titles.items())
    ]
    try:
        return matching.pick(text, choices)
    except matching.Ambiguous as exc:
        raise UsageError(f"{text!r} fits more than one value: {', '.join(exc.keys)}.") from None
    except matching.NoMatch as exc:
        known = ", ".join(sorted(titles))
        raise UsageError(
            f"No journal covers a value {text!r}. Values in your journals: {known}."
            + matching.did_you_mean(exc.suggestions)
        ) from None
