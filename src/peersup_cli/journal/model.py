"""What a journal holds. ``format.render`` writes it; ``format.parse`` reads back the same thing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

STATUS_COMPLETE = "complete"
STATUS_PARTIAL = "partial"


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
    topics: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)


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
    # Filled in by ``format.parse``: not part of what a journal says, so never compared.
    blocks: list[TextBlock] = field(default_factory=list, compare=False, repr=False)

    @property
    def kind(self) -> str:
        return "prep" if self.supervisee is not None else "reflect"

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
