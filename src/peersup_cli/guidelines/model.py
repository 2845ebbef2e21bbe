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
class Value:
    id: str
    number: int
    title: str
    practice: str
    description: str
    guidelines: dict[str, tuple[str, ...]]
    prompts: dict[str, tuple[str, ...]]

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
