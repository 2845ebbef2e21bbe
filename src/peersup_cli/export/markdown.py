"""The Document as clean CommonMark with GitHub task lists (``- [ ]``)."""

from __future__ import annotations

import re

from . import model
from .model import Block, Document, Section

# Text from a guidelines file is shown as written, never read as markup.
_SPECIAL = re.compile(r"([\\`*_\[\]<])")


def esc(text: str) -> str:
    """One line of inline text, with markdown's special characters escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(doc: Document) -> str:
    out: list[str] = [f"# {esc(doc.title)}", "", f"*{esc(doc.subtitle)}*", ""]
    if doc.credit:
        out += [f"*{esc(doc.credit)}*", ""]
    if doc.intro:
        out += [esc(doc.intro), ""]
    for block in doc.before:
        _block(out, block, 2)
    several = len(doc.parts) > 1
    level = 3 if several else 2
    for part in doc.parts:
        if several:
            out += [f"## {esc(part.label)}", ""]
        for section in part.sections:
            _section(out, section, level, doc.filled)
        if part.skipped:
            out += [f"*{esc(part.skipped_line)}*", ""]
    for block in doc.after:
        _block(out, block, 2)
    footer = " · ".join(esc(t) for t in (doc.framework_title, doc.footer_credit) if t)
    out += ["---", "", f"*{footer}*", ""]
    return "\n".join(out)


def _section(out: list[str], s: Section, level: int, filled: bool) -> None:
    h = "#" * level
    sub = "#" * (level + 1)
    out += [f"{h} {esc(s.heading)} — {esc(s.practice)}", ""]
    for para in s.description.split("\n\n") if s.description else ():
        out += [esc(para), ""]
    if s.items:
        hint = model.GUIDELINES_FILLED if filled else model.GUIDELINES_BLANK
        out += [f"{sub} {model.GUIDELINES}", "", f"*{hint}*", ""]
        out += [_task(i.text, i.checked) for i in s.items]
        out.append("")
    if s.prompts:
        out += [f"{sub} {model.PROMPTS}", ""]
        for prompt in s.prompts:
            if filled and prompt.answer is None:
                out += [f"**{esc(prompt.text)}** *{esc(model.SKIPPED_PROMPT)}*", ""]
                continue
            out += [f"**{esc(prompt.text)}**", ""]
            if not filled:
                out += [">", ""]  # room to write, in the journal's own answer style
            elif prompt.answer is not None:
                out += [*_quote(prompt.answer), ""]
    out += [f"{sub} {model.RATING}", ""]
    if filled:
        if s.rating is None:
            out += [f"{model.NOT_RATED}.", ""]
        else:
            label = f" — {esc(s.rating_label)}" if s.rating_label else ""
            out += [f"**{s.rating}**{label}", ""]
    elif s.scale:
        points = " · ".join(f"**{p.number}** {esc(p.label)}" for p in s.scale)
        out += [f"*{model.RATING_BLANK}* {points}", ""]
    if not filled:
        out += [f"{sub} {model.NOTES}", "", ">", ""]


def _block(out: list[str], block: Block, level: int) -> None:
    out += [f"{'#' * level} {esc(block.heading)}", ""]
    if block.hint:
        out += [f"*{esc(block.hint)}*", ""]
    if block.text is not None:
        out += [*_quote(block.text), ""]
    if block.items:
        out += [_task(i.text, i.checked) for i in block.items]
        out.append("")
    for child in block.children:
        _block(out, child, level + 1)
    if block.is_empty:
        out += [f"*{block.empty}*", ""]


def _task(text: str, checked: bool) -> str:
    return f"- [{'x' if checked else ' '}] {esc(text)}"


def _quote(text: str) -> list[str]:
    # The person's words, as typed: every line quoted, so nothing in them becomes structure.
    return [f"> {line}" if line.strip() else ">" for line in model.text_lines(text)]

