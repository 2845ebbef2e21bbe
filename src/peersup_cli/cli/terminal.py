"""The one input point: the real terminal behind the engine's input port.

Questions are read a line at a time with ``input()`` (line editing where readline exists); blocks
are drawn with rich on a console from ``output.console()``. Every text reaches rich through
``_text``, which sanitises it: guidelines and earlier answers come from files, and rich lets
escape sequences through. Free-text answers may span several lines and end with an empty line,
or go through ``$EDITOR`` with ``:e``. Ctrl-C propagates as KeyboardInterrupt and end of input
becomes ``InputClosed``; the command turns either into a calm message, since the draft already
holds every finished answer.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import messages as msg
from ..errors import InputClosed
from ..reflection.port import (
    EDITOR_KEY,
    Block,
    HelpBlock,
    ItemList,
    MoreText,
    Notice,
    Problem,
    Question,
    Reply,
    Section,
    Summary,
    ValueHeader,
    parse_line,
)
from ..storage import ensure_private_dir
from . import output

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
PROMPT = "> "
CONTINUE = "· "


class TerminalPort:
    def __init__(
        self,
        console: Console,
        *,
        scratch_dir: Path,
        read_line: Callable[[str], str] | None = None,
    ) -> None:
        self.console = console
        self.scratch_dir = scratch_dir  # where $EDITOR's temporary file lives (the drafts folder)
        self._read_line = read_line or _input
        self._last_id: str | None = None

    # -- asking --------------------------------------------------------------------------------
    def ask(self, question: Question) -> Reply:
        c = self.console
        again = question.id == self._last_id  # asked again after a problem or help
        self._last_id = question.id
        c.print()
        c.print(_text(question.text, style="bold"))
        if question.choices and not again:
            _numbered(c, [
                (ch.key, f"{ch.label} — {ch.description}" if ch.description else ch.label)
                for ch in question.choices
            ])
        if question.current is not None:
            c.print(_text(msg.EARLIER, style="dim"))
            for line in question.current.split("\n"):
                c.print(_text(f"  │ {line}", style="dim"))
        if question.hint:
            c.print(_text(question.hint, style="dim"))
        first = self._read(PROMPT)
        reply = parse_line(first)
        if not question.multiline or reply.text is None:
            return reply
        if first.strip() == EDITOR_KEY:
            return self._from_editor(question)
        lines = [first]
        # Each entered line goes to the draft at once: a closed window loses nothing typed.
        if question.on_line is not None:
            question.on_line(first)
        while True:
            try:
                line = self._read(CONTINUE)
            except InputClosed:
                # Ctrl-D ends the answer being typed rather than losing it; the next question
                # then meets the end of input and the session stops with this answer kept.
                break
            if line == "":
                break
            lines.append(line)
            if question.on_line is not None:
                question.on_line("\n".join(lines))
        return Reply.answer("\n".join(lines))

    def _read(self, prompt: str) -> str:
        self.console.file.flush()
        try:
            return self._read_line(prompt)
        except EOFError:
            raise InputClosed() from None

    def _from_editor(self, question: Question) -> Reply:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.show(Problem(msg.NO_EDITOR))
            return self.ask(question)
        ensure_private_dir(self.scratch_dir)
        # mkstemp creates the file 0600; it holds the answer only while the editor is open.
        fd, name = tempfile.mkstemp(prefix=".answer-", suffix=".md", dir=self.scratch_dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(question.current or "")
            try:
                subprocess.run([*shlex.split(editor), name], check=True)
            except (OSError, subprocess.CalledProcessError, ValueError) as exc:
                self.show(Problem(msg.EDITOR_FAILED.format(reason=exc)))
                return self.ask(question)
            text = Path(name).read_text(encoding="utf-8")
        finally:
            with contextlib.suppress(OSError):
                os.unlink(name)
        # Editors end the file with a newline that is not part of the answer.
        text = text[:-1] if text.endswith("\n") else text
        return Reply.answer(text)

    # -- showing -------------------------------------------------------------------------------
    def show(self, block: Block) -> None:
        render_block(self.console, block)


def _input(prompt: str) -> str:
    return input(output.for_terminal(prompt))


def _text(text: str = "", style: str = "") -> Text:
    """A rich ``Text`` of ``text`` with its control characters shown visibly."""
    from rich.text import Text

    return Text(output.sanitise(text), style=style)


def enable_line_editing() -> None:
    """Arrow keys and history while typing, where the platform has readline."""
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401


def render_block(console: Console, block: Block) -> None:
    c = console
    if isinstance(block, Notice):
        c.print(_text(block.text))
    elif isinstance(block, Problem):
        c.print(_text(block.text, style="yellow"))
    elif isinstance(block, HelpBlock):
        for line in block.lines:
            c.print(_text(f"  {line}"))
    elif isinstance(block, MoreText):
        c.print()
        c.print(_text(block.title, style="bold"))
        c.print(_text(block.text))
    elif isinstance(block, Section):
        c.print()
        c.rule(_text(block.title), style="dim")
        if block.text:
            c.print(_text(block.text))
    elif isinstance(block, ItemList):
        if block.title:
            c.print(_text(block.title, style="bold"))
        _numbered(c, [(f"{n}.", item) for n, item in enumerate(block.items, start=1)])
    elif isinstance(block, ValueHeader):
        _value_header(c, block)
    elif isinstance(block, Summary):
        _summary(c, block)


def _value_header(c: Console, block: ValueHeader) -> None:
    c.print()
    c.rule(_text(f"Value {block.position} of {block.total}"), style="dim")
    c.print(_text(f"{block.number}. {block.title} — {block.practice}", style="bold"))
    if block.summary:
        more = f" {msg.MORE_AVAILABLE}" if block.has_more else ""
        c.print(_text(block.summary + more))
    last = block.last_time
    if last is not None:
        rating = (
            f"{last.rating} — {last.rating_label}" if last.rating and last.rating_label
            else str(last.rating) if last.rating else msg.NOT_RATED
        )
        line = msg.LAST_TIME.format(date=last.date.strftime("%d %B %Y"), rating=rating)
        if last.action_plan and last.action_plan.strip():
            # A planned list reads as one line: "- a\n- b" becomes "a; b".
            plan = "; ".join(
                " ".join(_BULLET.sub("", line).split())
                for line in last.action_plan.splitlines() if line.strip()
            )
            plan = plan if len(plan) <= 120 else plan[:117] + "..."
            line += " " + msg.LAST_TIME_PLAN.format(plan=plan)
        c.print(_text(line, style="italic"))
    if block.items:
        c.print()
        c.print(_text(block.guidelines_heading))
        _numbered(c, [(f"{n}.", item) for n, item in enumerate(block.items, start=1)])


def _numbered(c: Console, rows: list[tuple[str, str]]) -> None:
    """A numbered list whose long items wrap under their own text, not under the number.

    Wrapped by hand (not a rich table) so that no line ends in padding spaces when piped.
    """
    import textwrap

    keys = max((len(key) for key, _ in rows), default=0)
    for key, text in rows:
        prefix = f"  {key:>{keys}} "
        lines = textwrap.wrap(
            " ".join(text.split()), width=max(c.width - 1, 40), initial_indent=prefix,
            subsequent_indent=" " * len(prefix), break_on_hyphens=False,
        ) or [prefix.rstrip()]
        for line in lines:
            c.print(_text(line), soft_wrap=True)


def _summary(c: Console, block: Summary) -> None:
    c.print()
    c.rule(_text(msg.STRENGTHS_HEADING), style="dim")
    for line in block.strengths:
        c.print(_text(f"  • {line}"))
    c.print(_text(block.practiced))
    if block.growing:
        c.print(_text(msg.GROWING.format(titles=", ".join(block.growing))))
    for note in block.notes:
        c.print(_text(note))
    c.print()
    c.print(_text(block.closing))
    # The path on a line of its own, never wrapped, so it can be copied whole.
    c.print(_text(block.saved_to), soft_wrap=True)
