"""The neutral document every export is drawn from: built once, rendered as md, HTML or PDF.

A blank checklist and a filled journal share this shape, so the three renderers hold the layout
and nothing else; what goes on the page is decided in ``checklist`` and ``journal_doc``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..guidelines.model import Source


@dataclass(frozen=True)
class Item:
    """A guideline (or agenda line) with a checkbox; ``checked`` only in filled documents."""

    text: str
    checked: bool = False


@dataclass(frozen=True)
class Prompt:
    """A reflective question; in a filled document ``answer`` holds the words (None: skipped)."""

    text: str
    answer: str | None = None


@dataclass(frozen=True)
class ScalePoint:
    number: int
    label: str


@dataclass(frozen=True)
class Section:
    """One value as seen from one role."""

    number: int
    title: str
    practice: str
    role_label: str
    description: str = ""
    items: tuple[Item, ...] = ()
    prompts: tuple[Prompt, ...] = ()
    scale: tuple[ScalePoint, ...] = ()
    rating: int | None = None  # filled documents only
    rating_label: str = ""

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class Part:
    """The values for one role; a checklist for both roles has two parts."""

    label: str
    sections: tuple[Section, ...]
    # Filled documents: headings of the values left out because nothing was answered, ticked
    # or rated ("3. Open Minded"); a page of "Skipped." per value helps nobody.
    skipped: tuple[str, ...] = ()

    @property
    def skipped_line(self) -> str:
        return f"{SKIPPED_VALUES}: {', '.join(self.skipped)}." if self.skipped else ""


@dataclass(frozen=True)
class Block:
    """Text outside the values: the agenda, the action plan, support wanted."""

    heading: str
    text: str | None = None  # what the person wrote, kept exactly; None: nothing written
    items: tuple[Item, ...] = ()
    hint: str = ""
    children: tuple[Block, ...] = ()
    empty: str = "Nothing written."  # shown when there is no text, no items and no children
    sign: tuple[str, ...] = ()  # lines to write on by hand, each with its label ("Date")

    @property
    def is_empty(self) -> bool:
        return self.text is None and not self.items and not self.children and not self.sign


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    framework_title: str
    credit: str  # the full source credit, shown once near the top
    footer_credit: str = ""  # a short one for running footers (on every printed page)
    # False: a blank worksheet (writing lines, room for notes); True: a filled journal.
    filled: bool = False
    intro: str = ""
    before: tuple[Block, ...] = ()
    parts: tuple[Part, ...] = ()
    after: tuple[Block, ...] = ()
    lang: str = "en"

    def sections(self) -> Iterator[Section]:
        for part in self.parts:
            yield from part.sections

    def all_text(self) -> Iterator[str]:
        """Every piece of text in the document (for font coverage checks)."""
        yield from (self.title, self.subtitle, self.framework_title, self.credit, self.intro)
        yield self.footer_credit
        for block in (*self.before, *self.after):
            yield from _block_text(block)
        for part in self.parts:
            yield part.label
            yield from part.skipped
            for s in part.sections:
                yield from (s.title, s.practice, s.role_label, s.description, s.rating_label)
                yield from (i.text for i in s.items)
                yield from (p.text for p in s.prompts)
                yield from (p.answer for p in s.prompts if p.answer)
                yield from (p.label for p in s.scale)


def _block_text(block: Block) -> Iterator[str]:
    yield block.heading
    yield block.hint
    if block.text:
        yield block.text
    yield from (i.text for i in block.items)
    yield from block.sign
    for child in block.children:
        yield from _block_text(child)


def short_credit(source: Source) -> str:
    """A credit short enough for a running footer; the full one is on the first page."""
    line = f"Source: {source.title} ({source.year}), {source.url}"
    return line if len(line) <= 100 else f"Source: {source.url} (full credit at the top of page 1)"


def text_lines(text: str) -> list[str]:
    """The lines of something a person wrote; Windows and old-Mac line breaks count too."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# Labels shared by the renderers, so the three formats read the same.
GUIDELINES = "Guidelines"
GUIDELINES_BLANK = "Tick the ones you practise."
GUIDELINES_FILLED = "Ticked where practised recently."
PROMPTS = "Reflective prompts"
RATING = "Rating"
RATING_BLANK = "Tick the one that fits best right now."
NOTES = "Notes"
SKIPPED_PROMPT = "(skipped)"  # after a question left unanswered in a value that has answers
SKIPPED_VALUES = "Skipped this time"
NOT_RATED = "Not rated"
