"""What a journal holds. ``format.render`` writes it; ``format.parse`` reads back the same thing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

STATUS_COMPLETE = "complete"
STATUS_PARTIAL = "partial"

# The kinds of journal. A reflection and a prep are told apart by the supervisee a prep names;
# a record and a share say what they are in their front matter (``kind:``).
KIND_REFLECT = "reflect"
KIND_PREP = "prep"
KIND_RECORD = "record"
KIND_SHARE = "share"
KINDS = (KIND_REFLECT, KIND_PREP, KIND_RECORD, KIND_SHARE)


@dataclass(slots=True)
class GuidelineItem:
    number: int  # 1-based, as shown to the person
    text: str
    practiced: bool = False


@dataclass
class ValueReflection:
    """One value of one session: what was shown, and what the person said."""

    value_id: str
    number: int
    title: str
    practice: str
    items: list[GuidelineItem] = field(default_factory=list)
    rating: int | None = None
    rating_label: str | None = None
    prompts: list[str] = field(default_factory=list)
    # One per prompt, same order; None means skipped. Text is kept exactly as typed.
    answers: list[str | None] = field(default_factory=list)

    @property
    def practiced(self) -> list[int]:
        return [item.number for item in self.items if item.practiced]

    @property
    def engaged(self) -> bool:
        """Something was answered, ticked or rated: a value skipped through is not this."""
        return (
            self.rating is not None
            or any(item.practiced for item in self.items)
            or any(answer is not None for answer in self.answers)
        )


@dataclass
class Agenda:
    """The sheet a supervisor brings into a session (prep only)."""

    carried: list[str] = field(default_factory=list)  # open items carried over from last time
    done: list[str] = field(default_factory=list)  # items marked done since last time
    # A prep made with the supervisee's share file: a few lines from it, strengths first.
    from_share: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Agreement:
    """One thing agreed in a supervision session, and who will do it (as the supervisor put it:
    the supervisee's name, "me", "both"; None when nobody was named)."""

    text: str
    who: str | None = None
    done: bool = False  # ticked in the file by hand, or in a later prep: no longer open


@dataclass(frozen=True)
class ValueRef:
    """A value named in a record (discussed in the session): enough to show it, not its text."""

    value_id: str
    number: int
    title: str


@dataclass
class SessionRecord:
    """What a supervision session was, recorded right after it (a record only)."""

    held: date | None = None  # the day it took place
    minutes: int | None = None
    format: str | None = None  # "individual" or "group"
    mode: str | None = None  # "in person", "video" or "phone"
    values: list[ValueRef] = field(default_factory=list)  # values discussed
    discussed: list[str] = field(default_factory=list)  # agenda items discussed
    agreed: list[Agreement] = field(default_factory=list)
    next_session: date | None = None


@dataclass
class SharedFrom:
    """Where a share file comes from: who shared it (if they said), when, from which of their
    journals (a file name), and which parts of it they chose to share."""

    on: datetime  # timezone-aware
    source: str
    parts: list[str] = field(default_factory=list)  # "ratings", "ticks", "answers", ...
    by: str | None = None


class TextBlock(NamedTuple):
    """A run of the person's own words and where it stands in the file (``journal search``
    points at file lines). A named tuple: a journal has dozens and 10,000 journals are read
    in one go."""

    line: int  # the file line (1-based) of its first line
    where: str  # a value id, "action_plan", "support", or an agenda part ("topics", ...)
    text: str

    @property
    def size(self) -> int:
        return self.text.count("\n") + 1


@dataclass
class Journal:
    date: datetime  # timezone-aware
    role: str
    framework: str
    reflections: list[ValueReflection] = field(default_factory=list)
    status: str = STATUS_COMPLETE
    peersup_version: str = ""
    supervisee: str | None = None
    framework_title: str = ""
    role_label: str = ""
    action_plan: str | None = None
    support: str | None = None
    agenda: Agenda | None = None
    # For a partial journal: every value id the session meant to cover, so it can be resumed.
    planned: list[str] = field(default_factory=list)
    record: SessionRecord | None = None  # a supervision record (kind "record")
    # A prep made with a share file (``prep NAME --with FILE``): that file's name in the journal
    # folder, where peersup keeps a copy, so an export of the session can show both views.
    with_share: str | None = None
    shared: SharedFrom | None = None  # a self-evaluation shared with someone (kind "share")
    # Filled in by ``format.parse``: not part of what a journal says, so never compared.
    blocks: list[TextBlock] = field(default_factory=list, compare=False, repr=False)

    @property
    def kind(self) -> str:
        if self.shared is not None:
            return KIND_SHARE
        if self.record is not None:
            return KIND_RECORD
        return KIND_PREP if self.supervisee is not None else KIND_REFLECT

    @property
    def values(self) -> list[str]:
        return [r.value_id for r in self.reflections]

    @property
    def ratings(self) -> dict[str, int]:
        return {r.value_id: r.rating for r in self.reflections if r.rating is not None}

    @property
    def practiced(self) -> dict[str, list[int]]:
        return {r.value_id: r.practiced for r in self.reflections if r.practiced}

    def reflection(self, value_id: str) -> ValueReflection | None:
        return next((r for r in self.reflections if r.value_id == value_id), None)
