"""The Document as clean CommonMark with GitHub task lists (``- [ ]``)."""

from __future__ import annotations

import re

from . import model
from .model import Block, Document, Section

# What a person wrote (answers, agenda, names) and what a guidelines file says is shown as written
# and never read as markup: a viewer must not run <script>, follow a link, fetch an image, or take
# a fake "<!-- peersup: -->" marker for one of ours. "<", ">" and "&" become entities, which every
# Markdown dialect shows as text (some old ones ignore a backslash before "<"); the rest of the
# punctuation that starts markup anywhere in a line gets a backslash, CommonMark's escape.
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_INLINE = re.compile(r"([\\`*_\[\]|~$#])")
# GitHub links bare web addresses and e-mail addresses: break the patterns it looks for.
_AUTOLINK = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)|(?<=\bwww)(\.)|(@)", re.IGNORECASE)
# Only at the start of a line: list markers, setext underlines, numbered lists.
_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")
_INDENT = re.compile(r"^[ \t]+")  # four spaces would make a code block, shown with the escapes


def escape_line(line: str, start: bool = True) -> str:
    """Someone's text, every character shown as typed in a Markdown viewer. ``start``: the text
    begins a line, where "- ", "1. " or an indent would start a list or a code block."""
    out = _INLINE.sub(r"\\\1", line).translate(_ENTITIES)
    out = _AUTOLINK.sub(lambda m: "\\" + m.group(0), out)
    if not start:
        return out
    out = _LINE_START.sub(_line_start, out)
    return _INDENT.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(0)), out)


def _line_start(m: re.Match[str]) -> str:
    return f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}"


def esc(text: str, start: bool = False) -> str:
    """Text on one line (its whitespace squeezed) after our own markup, escaped as
    ``escape_line`` does; ``start`` when it begins the line instead."""
    return escape_line(" ".join(text.split()), start)


def render_markdown(doc: Document) -> str:
    out: list[str] = [f"# {esc(doc.title)}", "", f"*{esc(doc.subtitle)}*", ""]
    if doc.credit:
        out += [f"*{esc(doc.credit)}*", ""]
    if doc.intro:
        out += [esc(doc.intro, start=True), ""]
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
        out += [esc(para, start=True), ""]
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
    for label in block.sign:  # a run of "_" between spaces and the line's end is plain text
        out += [f"{esc(label)}: {'_' * 40}", ""]
    if block.is_empty:
        out += [f"*{esc(block.empty)}*", ""]


def _task(text: str, checked: bool) -> str:
    return f"- [{'x' if checked else ' '}] {esc(text)}"


def _quote(text: str) -> list[str]:
    # The person's words, as typed: every line quoted, so nothing in them becomes structure.
    return [f"> {escape_line(line)}" if line.strip() else ">" for line in model.text_lines(text)]

