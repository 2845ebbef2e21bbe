"""The one input point: the real terminal behind the engine's input port.

Questions are read a line at a time with ``input()`` (line editing where readline exists); blocks
are drawn with rich on a console from ``output.console()``. Every text reaches rich through
``_text``, which sanitises it: guidelines and earlier answers come from files, and rich lets
escape sequences through. Free-text answers may span several lines and end with an empty line,
or go through an editor with ``:e``: ``$VISUAL``/``$EDITOR``, else the platform's own (Notepad,
TextEdit, nano or vi), its file read back whatever encoding and line ends it saved. Ctrl-C
propagates as KeyboardInterrupt and end of input becomes ``InputClosed``; the command turns
either into a calm message, since the draft already holds every finished answer.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import tempfile
import textwrap
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .. import messages as msg
from .. import paths
from ..errors import InputClosed
from ..reflection.port import (
    EDITOR_KEY,
    Block,
    Command,
    HelpBlock,
    ItemList,
    MoreText,
    Notice,
    Problem,
    Question,
    Reply,
    Section,
    Summary,
    TheirView,
    ValueHeader,
    parse_line,
    unknown_key,
)
from ..storage import ensure_private_dir
from . import output
from .editor import HANDED_OFF_SECONDS, Editor, changed, choose_editor, decode_answer, reason

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

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
        self._after_problem = False
        self._questioned: str | None = None  # an unknown :word shown a problem once

    # -- asking --------------------------------------------------------------------------------
    def ask(self, question: Question) -> Reply:
        again = question.id == self._last_id  # asked again after a problem or help
        self._last_id = question.id
        after_problem, self._after_problem = self._after_problem, False
        if not (again and after_problem and question.continuing is None):
            # After a problem the sentence saying what to fix is right above: only the prompt
            # again, so the list the person is choosing from stays in view.
            self._introduce(question, again)
        if question.continuing is not None:
            return self._rest_of_answer(question, question.continuing.split("\n"))
        first = self._read_checked(PROMPT)
        reply = parse_line(first)
        if not question.multiline or reply.text is None:
            return reply
        if first.strip().lower() == EDITOR_KEY:
            return self._from_editor(question)
        # Each entered line goes to the draft at once: a closed window loses nothing typed.
        if question.on_line is not None:
            question.on_line(first)
        return self._rest_of_answer(question, [first])

    def _introduce(self, question: Question, again: bool) -> None:
        c = self.console
        c.print()
        c.print(_text(question.text, style="bold"))
        if question.choices and not again:
            _numbered(c, [
                (ch.key, f"{ch.label} — {ch.description}" if ch.description else ch.label)
                for ch in question.choices
            ])
        if question.continuing is not None:
            c.print(_text(msg.SO_FAR, style="dim"))
            _quote(c, question.continuing)
        elif question.current is not None:
            c.print(_text(msg.EARLIER, style="dim"))
            _quote(c, question.current)
            c.print(_text(msg.EARLIER_HINT, style="dim"))
        elif question.hint:
            c.print(_text(question.hint, style="dim"))

    def _rest_of_answer(self, question: Question, lines: list[str]) -> Reply:
        """Read the lines after the first until an empty one. A key on any of them acts as a
        key (``typed`` carries the lines before it, which the draft holds already)."""
        while True:
            try:
                line = self._read_checked(CONTINUE)
            except InputClosed:
                # Ctrl-D ends the answer being typed rather than losing it; the next question
                # then meets the end of input and the session stops with this answer kept.
                break
            if line == "":
                break
            if line.strip().lower() == EDITOR_KEY:
                return self._from_editor(question, "\n".join(lines))
            reply = parse_line(line)
            if reply.command is not None and reply.command is not Command.SKIP:
                return Reply(command=reply.command, typed="\n".join(lines))
            lines.append(line)
            if question.on_line is not None:
                question.on_line("\n".join(lines))
        return Reply.answer("\n".join(lines))

    def _read_checked(self, prompt: str) -> str:
        """A line, with a ``:word`` that is not a key questioned once: typed again, it is text."""
        while True:
            line = self._read(prompt)
            word = unknown_key(line)
            if word is None or word == self._questioned:
                self._questioned = None
                return line
            self._questioned = word
            render_block(self.console, Problem(msg.UNKNOWN_KEY.format(word=word)))

    def _read(self, prompt: str) -> str:
        self.console.file.flush()
        try:
            return self._read_line(prompt)
        except EOFError:
            raise InputClosed() from None

    def _from_editor(self, question: Question, typed: str | None = None) -> Reply:
        try:
            editor = choose_editor()
        except ValueError as exc:  # EDITOR with a quote left open
            self.show(Problem(msg.EDITOR_FAILED.format(reason=exc)))
            return self.ask(question)
        if editor is None:
            self.show(Problem(msg.EDITOR_NOT_FOUND))
            return self.ask(question)
        ensure_private_dir(self.scratch_dir)
        # mkstemp creates the file 0600 (on Windows: inside the per-user drafts folder); it holds
        # the answer while the editor is open, and afterwards only if its words could not be used.
        fd, name = tempfile.mkstemp(prefix=".answer-", suffix=".md", dir=self.scratch_dir)
        path = Path(name)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(typed if typed is not None else question.current or "")
        written = path.read_bytes()
        text: str | None = None
        problem: str | None = None
        try:
            problem = self._edit(editor, path, written)
            if problem is None:
                text = decode_answer(path.read_bytes())
                if text is None:
                    problem = msg.EDITOR_UNREADABLE.format(path=path)
        except OSError as exc:  # the file could not be read back
            problem = msg.EDITOR_FAILED.format(reason=reason(exc))
        except BaseException:
            # Stopped while the editor's text waited (Ctrl-C, end of input): keep what was written.
            if changed(path, written):
                self.show(Notice(msg.EDITOR_KEPT.format(path=path)))
            raise
        # Never lose what was written: the file goes once its words are the answer, or when it
        # holds nothing new; otherwise it stays, and the person is told where.
        if text is not None or not changed(path, written):
            with contextlib.suppress(OSError):
                path.unlink()
        elif problem is not None and str(path) not in problem:
            problem += " " + msg.EDITOR_KEPT.format(path=path)
        if text is None:
            self.show(Problem(problem or msg.EDITOR_NOT_FOUND))
            return self.ask(question)
        # Editors end the file with a newline that is not part of the answer.
        text = text[:-1] if text.endswith("\n") else text
        return Reply.answer(text)

    def _edit(self, editor: Editor, path: Path, written: bytes) -> str | None:
        """Run ``editor`` on ``path`` until the person is done; a problem to show, or None."""
        self.show(Notice(msg.EDITOR_OPENING.format(name=editor.name, how=editor.how)))
        began = time.monotonic()
        try:
            subprocess.run([*editor.argv, str(path)], check=True)
        except OSError as exc:
            return msg.EDITOR_FAILED.format(reason=reason(exc))
        except subprocess.CalledProcessError as exc:
            return msg.EDITOR_ENDED.format(code=exc.returncode)
        if time.monotonic() - began < HANDED_OFF_SECONDS and not changed(path, written):
            # Some editors hand the file to a window that is already open and return at once
            # (a Notepad with tabs, an editor without its wait flag): wait for the person.
            self.show(Notice(msg.EDITOR_STILL_OPEN))
            self._read(PROMPT)
        return None

    # -- showing -------------------------------------------------------------------------------
    def show(self, block: Block) -> None:
        self._after_problem = isinstance(block, Problem)
        render_block(self.console, block)


def _input(prompt: str) -> str:
    return input(output.for_terminal(prompt))


# -- the editor for a long answer (``:e``) --------------------------------------------------------
# -- no terminal ----------------------------------------------------------------------------------
def no_terminal_message(
    command: str, environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str:
    """Why ``peersup COMMAND`` cannot ask questions here, and what to do instead.

    Git Bash runs in mintty, whose window is not a Windows console: Python sees a pipe, so a
    person who is sitting right there gets told there is no terminal. Say how to get one.
    """
    env = os.environ if environ is None else environ
    if (platform or paths.current_platform()) == "win32" and (
        env.get("TERM_PROGRAM") == "mintty" or env.get("MSYSTEM")
    ):
        return msg.NO_TERMINAL_MINTTY.format(command=command)
    return msg.NO_TERMINAL


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
        for line in block.text.split("\n"):
            for part in _wrapped_line(line, c.width - 1):
                c.print(_text(part), soft_wrap=True)
    elif isinstance(block, Problem):
        c.print(_text(block.text, style="yellow"))
    elif isinstance(block, HelpBlock):
        for line in block.lines:
            _hanging(c, "  ", line)
        _terms(c, block.terms)
    elif isinstance(block, MoreText):
        _more(c, block)
    elif isinstance(block, Section):
        c.print()
        c.rule(_text(block.title), style="dim")
        if block.text:
            c.print(_text(block.text))
    elif isinstance(block, ItemList):
        if block.title:
            c.print(_text(block.title, style="bold"))
        _numbered(c, [(f"{n}.", item) for n, item in enumerate(block.items, start=1)])
    elif isinstance(block, ValueHeader | TheirView):
        from .their_view import their_lines
        from .value_screen import value_lines

        rows = (value_lines(block, c.width, c.height) if isinstance(block, ValueHeader)
                else their_lines(block, c.width, c.height))
        for row in rows:
            if row.rule:
                c.rule(_text(row.text), style="dim")
            else:
                c.print(_text(row.text, style=row.style), soft_wrap=True)
    elif isinstance(block, Summary):
        _summary(c, block)


def _more(c: Console, block: MoreText) -> None:
    """A value in full: the description, every guideline whole, and the words explained."""
    c.print()
    c.print(_text(block.title, style="bold"))
    if block.text:
        c.print(_text(block.text))
    if block.items:
        c.print()
        _numbered(c, [
            (f"{n}.", f"{msg.CONTEXT_MARK} {item}" if n in block.context else item)
            for n, item in enumerate(block.items, start=1)
        ])
    _terms(c, block.terms)


def _terms(c: Console, terms: tuple[tuple[str, str], ...]) -> None:
    if not terms:
        return
    c.print()
    c.print(_text(msg.WORDS_HEADING))
    for term, meaning in terms:
        _hanging(c, f"  {term}: ", meaning)


def _hanging(c: Console, lead: str, text: str) -> None:
    import textwrap

    for line in textwrap.wrap(" ".join(text.split()), width=max(c.width - 1, 40),
                              initial_indent=lead, subsequent_indent=" " * 4,
                              break_on_hyphens=False) or [lead.rstrip()]:
        c.print(_text(line), soft_wrap=True)


# A line's own lead-in: its indent, and a quote bar, bullet or number after it.
_LEAD = re.compile(r"^\s*(?:│ |• |- |\d{1,3}[.)] )?")


def _wrapped_line(line: str, width: int) -> list[str]:
    """``line`` wrapped at ``width``, words kept whole, its continuation lines under its own
    words: a quoted answer ("  │ ...") keeps its bar on every line, a bullet its indent."""
    if len(line) <= width:
        return [line]
    lead = _LEAD.match(line)
    first = lead.group() if lead else ""
    rest = first if "│" in first else " " * len(first)
    return textwrap.wrap(line[len(first):], width=max(width, len(first) + 20),
                         initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False) or [line]


def _quote(c: Console, text: str) -> None:
    """Words a person wrote, shown back as a quotation, the bar on every screen line."""
    for line in text.split("\n"):
        for part in _wrapped_line(f"  │ {line}", c.width - 1):
            c.print(_text(part, style="dim"), soft_wrap=True)


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
