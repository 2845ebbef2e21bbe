"""One printable packet for a supervision session, as a Document: the agenda, the supervisee's
shared self-evaluation beside the supervisor's own view of each value, the record of what was
agreed and by whom, and lines for both people to sign and date.

Whatever is not there yet (no share file with the prep, no record of the session) is said
plainly in its place; the agenda is always printed. Everything shown comes from journal files,
so it reaches the renderers as data, which escape it (see ``markdown``, ``html``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import messages as msg
from ..guidelines.model import Framework
from ..journal.model import Journal, ValueReflection
from .journal_doc import RECORD, build_journal, record_block
from .model import Block, Document, Item, short_credit

TITLE = "Supervision packet: {name}"
SUBTITLE = "Prepared {date} · {role}"
AGENDA = "Agenda"
VIEWS = "Self-evaluation and the supervisor's view"
THEIR_SIDE = "{name}, from their self-evaluation"
YOUR_SIDE = "{role}, from the prep"
RATING = "Rated"
NOT_RATED = "not rated"
NOTHING_SHARED = "Nothing shared about this value."
NOT_PREPARED = "Not part of the prep."
ONLY_RATED = "Nothing ticked or written."
NO_VALUES = "No values were rated, ticked or answered on either side."
NO_SHARE = (
    "No shared self-evaluation yet: `peersup prep {name} --with FILE` prepares with the one "
    "{name} gives you."
)
SHARE_PROBLEM = "The shared self-evaluation this prep was made with could not be used: {problem}"
NO_RECORD = (
    "No record of this session yet: right after it, `peersup record {name}` keeps what was "
    "agreed, and who will do it."
)
SIGNATURES = "Signatures"
SIGNATURES_HINT = "Read together, and agreed."
SIGNED_BY = "Signed by {who}"
DATE = "Date"
SUPERVISEE = "{name} (supervisee)"


@dataclass(frozen=True)
class PacketParts:
    """What a packet is made from: the newest prep for the supervisee, and (when there are)
    the share file it was made with and the record of the session after it."""

    name: str  # the supervisee, as the prep names them
    prep: Journal
    share: Journal | None = None
    share_problem: str | None = None  # why the share the prep names cannot be used
    record: Journal | None = None
    framework: Framework | None = None  # the prep's, when the guidelines in use have it


def build_packet(parts: PacketParts) -> Document:
    prep, name = parts.prep, " ".join(parts.name.split())
    role = prep.role_label or (parts.framework.role_label(prep.role) if parts.framework
                               else prep.role)
    fw = parts.framework
    return Document(
        title=TITLE.format(name=name),
        subtitle=SUBTITLE.format(date=prep.date.strftime(msg.DATE_FORMAT), role=role),
        framework_title=prep.framework_title or (fw.title if fw else prep.framework),
        credit=f"Source: {fw.source.credit()}" if fw else "",
        footer_credit=short_credit(fw.source) if fw else "",
        filled=True,
        before=(_agenda(prep, fw), _views(parts, name, role), _record(parts.record, name),
                _signatures(name, role)),
    )


def _agenda(prep: Journal, framework: Framework | None) -> Block:
    found = build_journal(prep, framework).before
    return found[0] if found else Block(AGENDA, empty=msg.AGENDA_EMPTY)


# -- the two views, value by value -----------------------------------------------------------
def _views(parts: PacketParts, name: str, role: str) -> Block:
    share = parts.share
    mine = {r.value_id: r for r in parts.prep.reflections if r.engaged}
    theirs = {r.value_id: r for r in share.reflections if r.engaged} if share else {}
    order = list(theirs) + [vid for vid in mine if vid not in theirs]
    values = tuple(_value(theirs.get(vid), mine.get(vid), name, role, share) for vid in order)
    word = msg.command_word(name)
    if share is None:
        hint = SHARE_PROBLEM.format(problem=parts.share_problem) if parts.share_problem else (
            NO_SHARE.format(name=word))
    else:
        from ..journal.kinds import shared_line

        hint = shared_line(share.shared) if share.shared is not None else ""
    return Block(VIEWS, hint=hint, children=values, empty=NO_VALUES)


def _value(
    theirs: ValueReflection | None, mine: ValueReflection | None, name: str, role: str,
    share: Journal | None,
) -> Block:
    first = theirs or mine
    assert first is not None
    # Beside each other on one line. A value the share holds unrated says "not rated" only when
    # the ratings were shared; else they were simply not part of what was shared.
    rated = share is not None and share.shared is not None and "ratings" in share.shared.parts
    ratings = [f"{who}: {_rating(r)}" for who, r, say in ((name, theirs, rated), (role, mine, True))
               if r is not None and (r.rating is not None or say)]
    children = []
    if share is not None:
        children.append(_side(THEIR_SIDE.format(name=name), theirs, NOTHING_SHARED))
    children.append(_side(YOUR_SIDE.format(role=role), mine, NOT_PREPARED))
    return Block(
        f"{first.number}. {first.title} — {first.practice}",
        hint=f"{RATING} — {' · '.join(ratings)}" if ratings else "",
        children=tuple(children),
    )


def _rating(r: ValueReflection) -> str:
    if r.rating is None:
        return NOT_RATED
    return f"{r.rating} ({r.rating_label})" if r.rating_label else str(r.rating)


def _side(heading: str, r: ValueReflection | None, empty: str) -> Block:
    if r is None:
        return Block(heading, empty=empty)
    ticked = tuple(Item(i.text, True) for i in r.items if i.practiced)
    answers = tuple(
        Block(prompt, text=answer)
        for prompt, answer in zip(r.prompts, r.answers, strict=False)
        if answer is not None and answer.strip()
    )
    # Only a rating: it stands on the value's line, beside the other one.
    return Block(heading, items=ticked, children=answers, empty=ONLY_RATED)


# -- the record and the signatures -------------------------------------------------------------
def _record(record_journal: Journal | None, name: str) -> Block:
    if record_journal is None or record_journal.record is None:
        return Block(RECORD, empty=NO_RECORD.format(name=msg.command_word(name)))
    return record_block(record_journal)


def _signatures(name: str, role: str) -> Block:
    return Block(SIGNATURES, hint=SIGNATURES_HINT, sign=(
        SIGNED_BY.format(who=SUPERVISEE.format(name=name)), DATE,
        SIGNED_BY.format(who=role), DATE,
    ))
