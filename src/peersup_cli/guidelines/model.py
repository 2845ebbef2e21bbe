"""The guidelines as plain, immutable data. Built by ``loader``; read by everything else."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    title: str
    organisation: str
    year: int
    url: str
    licence: str
    citation: str | None = None
    adapted_from: str | None = None

    def credit(self) -> str:
        """One line that credits the source, for footers and ``about``."""
        return self.citation or f"{self.organisation} ({self.year}). {self.title}. {self.url}"


@dataclass(frozen=True)
class Role:
    id: str
    label: str


@dataclass(frozen=True)
class RatingPoint:
    number: int
    label: str
    description: str


@dataclass(frozen=True)
class GuidelineItem:
    """One guideline item of a role, numbered from 1 as people see it and journals record it.

    ``context`` is true for an item that sets the scene (says why, or introduces the items after
    it) rather than naming something to practise: it is shown, but never offered for ticking,
    never counted as room to grow and never suggested as a next step.
    """

    number: int
    text: str
    context: bool = False


@dataclass(frozen=True)
class Value:
    id: str
    number: int
    title: str
    practice: str
    description: str
    guidelines: dict[str, tuple[str, ...]]
    prompts: dict[str, tuple[str, ...]]
    # role id -> numbers (from 1, sorted) of its guideline items that are context. A tuple, not a
    # set, so the cache's JSON copy round-trips it. Roles without context items are left out.
    context: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def is_context(self, role: str, number: int) -> bool:
        """Whether item ``number`` (from 1) of ``role`` is context rather than a practice."""
        return number in self.context.get(role, ())

    def items(self, role: str) -> tuple[GuidelineItem, ...]:
        """Every guideline item of ``role``, context ones included, numbered from 1."""
        marked = self.context.get(role, ())
        return tuple(
            GuidelineItem(n, text, n in marked)
            for n, text in enumerate(self.guidelines.get(role, ()), 1)
        )

    def practice_items(self, role: str) -> tuple[GuidelineItem, ...]:
        """The items of ``role`` a person can tick, grow in and take as a next step.

        Numbers keep their place in the full list (``items``), so a journal that records item 4
        means the same item whether or not item 3 is context.
        """
        return tuple(item for item in self.items(role) if not item.context)

    def summary(self, sentences: int = 2) -> str:
        """The first sentence or two of the description: enough to set the scene."""
        text = " ".join(self.description.split())
        if not text:
            return ""
        out: list[str] = []
        rest = text
        while rest and len(out) < sentences:
            cut = _sentence_end(rest)
            out.append(rest[:cut].strip())
            rest = rest[cut:]
        return " ".join(out)


def _sentence_end(text: str) -> int:
    for i, ch in enumerate(text):
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] == " "):
            return i + 1
    return len(text)


DEFAULT_RATING_SCALE: tuple[RatingPoint, ...] = (
    RatingPoint(
        1, "Just starting", "I am beginning to practise this and learning what it asks of me."
    ),
    RatingPoint(2, "Growing", "I practise this some of the time and I am building confidence."),
    RatingPoint(3, "Steady", "I practise this most of the time, even when it is hard."),
    RatingPoint(
        4,
        "A strength I could help others with",
        "This comes naturally and I could support others in it.",
    ),
)


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    source: Source
    roles: tuple[Role, ...]
    values: tuple[Value, ...]
    rating_scale: tuple[RatingPoint, ...] = DEFAULT_RATING_SCALE
    # term -> a plain one-sentence meaning, for abbreviations and phrases the text never explains.
    glossary: dict[str, str] = field(default_factory=dict)

    def terms_in(self, text: str) -> list[tuple[str, str]]:
        """(term, meaning) for each glossary term that occurs in ``text``, in order of first use."""
        if not self.glossary:
            return []
        from .glossary import terms_in

        return terms_in(self.glossary, text)

    @property
    def role_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.roles)

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def role_label(self, role_id: str) -> str:
        role = self.role(role_id)
        return role.label if role else role_id.replace("-", " ").capitalize()

    def value(self, value_id: str) -> Value | None:
        return next((v for v in self.values if v.id == value_id), None)

    def rating(self, number: int | None) -> RatingPoint | None:
        return next((p for p in self.rating_scale if p.number == number), None)


@dataclass(frozen=True)
class Guidelines:
    schema_version: int
    frameworks: tuple[Framework, ...]
    path: str = field(default="", compare=False)

    def framework(self, framework_id: str) -> Framework | None:
        return next((f for f in self.frameworks if f.id == framework_id), None)
