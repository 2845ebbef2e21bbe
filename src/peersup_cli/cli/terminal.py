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

import codecs
import contextlib
import locale
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import messages as msg
from .. import paths
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
        return Reply.answer("\n".join(lines))

    def _read(self, prompt: str) -> str:
        self.console.file.flush()
        try:
            return self._read_line(prompt)
        except EOFError:
            raise InputClosed() from None

    def _from_editor(self, question: Question) -> Reply:
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
            fh.write(question.current or "")
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
            problem = msg.EDITOR_FAILED.format(reason=_reason(exc))
        except BaseException:
            # Stopped while the editor's text waited (Ctrl-C, end of input): keep what was written.
            if _changed(path, written):
                self.show(Notice(msg.EDITOR_KEPT.format(path=path)))
            raise
        # Never lose what was written: the file goes once its words are the answer, or when it
        # holds nothing new; otherwise it stays, and the person is told where.
        if text is not None or not _changed(path, written):
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
            return msg.EDITOR_FAILED.format(reason=_reason(exc))
        except subprocess.CalledProcessError as exc:
            return msg.EDITOR_ENDED.format(code=exc.returncode)
        if time.monotonic() - began < HANDED_OFF_SECONDS and not _changed(path, written):
            # Some editors hand the file to a window that is already open and return at once
            # (a Notepad with tabs, an editor without its wait flag): wait for the person.
            self.show(Notice(msg.EDITOR_STILL_OPEN))
            self._read(PROMPT)
        return None

    # -- showing -------------------------------------------------------------------------------
    def show(self, block: Block) -> None:
        render_block(self.console, block)


def _input(prompt: str) -> str:
    return input(output.for_terminal(prompt))


# -- the editor for a long answer (``:e``) --------------------------------------------------------
HANDED_OFF_SECONDS = 3.0  # an editor back sooner, file untouched, most likely did not wait

# Editors that return at once unless asked to wait, and the flag that asks. A flag already in
# the command (or one of these) is not added twice.
_WAIT_FLAGS: dict[str, tuple[str, ...]] = {
    "code": ("--wait",),
    "code-insiders": ("--wait",),
    "codium": ("--wait",),
    "atom": ("--wait",),
    "subl": ("-w",),
    "mate": ("-w",),
    "gedit": ("--wait",),
    "gvim": ("-f",),
    "mvim": ("-f",),
    "kate": ("--block",),
    "notepad++": ("-multiInst", "-nosession"),
    "open": ("-W", "-n"),  # macOS: wait for the app, in a new instance of it
}
_WAITING = {"--wait", "-w", "-f", "--nofork", "--block", "-b", "-W", "--wait-apps", "-multiInst"}


@dataclass(frozen=True)
class Editor:
    """A command that edits the file named after it, and what to tell the person about it."""

    argv: list[str]
    name: str
    how: str  # one sentence: how to come back to peersup


def choose_editor(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    which: Callable[[str], str | None] | None = None,
) -> Editor | None:
    """The person's ``VISUAL`` or ``EDITOR``, else a default for the platform (None: none found).

    Raises ValueError for a setting that cannot be read as a command (a quote left open).
    """
    env = os.environ if environ is None else environ
    platform = platform or paths.current_platform()
    which = which or shutil.which
    setting = env.get("VISUAL", "").strip() or env.get("EDITOR", "").strip()
    if not setting:
        return default_editor(platform, which)
    argv = with_wait_flag(split_command(setting, windows=platform == "win32", which=which))
    return Editor(argv, msg.EDITOR_YOURS.format(command=_program(argv[0])), msg.EDITOR_HOW_YOURS)


def default_editor(
    platform: str, which: Callable[[str], str | None] | None = None
) -> Editor | None:
    """Notepad on Windows, TextEdit on macOS (waited for), nano or else vi elsewhere.

    Each is there on a fresh machine of its kind and needs no setting up; nano is the friendlier
    of the two terminal editors and most Linux systems have it, vi is there when it is not.
    """
    if platform == "win32":
        return Editor(["notepad.exe"], "Notepad", msg.EDITOR_HOW_NOTEPAD)
    if platform == "darwin":
        # -e TextEdit, -n a new instance of it, -W wait until that instance quits.
        return Editor(["open", "-W", "-n", "-e"], "TextEdit", msg.EDITOR_HOW_TEXTEDIT)
    which = which or shutil.which
    if which("nano"):
        return Editor(["nano"], "nano", msg.EDITOR_HOW_NANO)
    if which("vi"):
        return Editor(["vi"], "vi", msg.EDITOR_HOW_VI)
    return None


def split_command(
    setting: str,
    *,
    windows: bool,
    which: Callable[[str], str | None] | None = None,
    is_file: Callable[[str], bool] | None = None,
) -> list[str]:
    """``EDITOR``'s value as a command and its arguments.

    On Windows backslashes are path separators and apostrophes ordinary letters (``O'Neil``):
    only double quotes group, and quotes around a whole word are taken off. Elsewhere it is split
    as a POSIX shell would. A path with spaces left unquoted (``C:\\Program Files\\...``) is
    taken as one command when that file exists.
    """
    which = which or shutil.which
    is_file = is_file or os.path.isfile
    unquoted = _unquote(setting)
    if is_file(unquoted):
        return [unquoted]
    argv = _split_windows(setting) if windows else shlex.split(setting)
    if not argv:
        raise ValueError("EDITOR is empty")
    if is_file(argv[0]) or which(argv[0]):
        return argv
    words = setting.split()
    for end in range(len(words), 1, -1):
        head = " ".join(words[:end])
        if is_file(head):
            rest = " ".join(words[end:])
            return [head, *(_split_windows(rest) if windows else shlex.split(rest))]
    return argv  # not found: running it says so


def with_wait_flag(argv: list[str]) -> list[str]:
    """``argv`` with the flag that makes its editor wait until the file is closed, if needed."""
    flags = _WAIT_FLAGS.get(_program(argv[0]))
    if flags is None or _WAITING.intersection(argv[1:]):
        return argv
    return [argv[0], *flags, *argv[1:]]


def _program(command: str) -> str:
    """``C:\\...\\Code.exe`` -> ``code``: the program's name, as the table above spells it."""
    name = re.split(r"[\\/]", command)[-1].lower()
    for suffix in (".exe", ".cmd", ".bat", ".com"):
        name = name.removesuffix(suffix)
    return name


def _unquote(word: str) -> str:
    word = word.strip()
    if len(word) >= 2 and word[0] == word[-1] and word[0] in "\"'":
        return word[1:-1]
    return word


def _split_windows(text: str) -> list[str]:
    """Split as Windows programs read their command line: whitespace outside double quotes.

    A word that starts with an apostrophe runs to the next apostrophe before a space, as in git's
    own Windows examples (``'C:/Program Files/Notepad++/notepad++.exe' -multiInst``); anywhere
    else an apostrophe is a letter.
    """
    words: list[str] = []
    word: list[str] = []
    closing = ""  # the quote that ends the current group, if in one
    started = False
    for at, ch in enumerate(text):
        if ch == closing and (ch == '"' or text[at + 1 : at + 2].strip() == ""):
            closing = ""
        elif closing:
            word.append(ch)
        elif ch == '"' or (ch == "'" and not started):
            closing, started = ch, True
        elif ch.isspace():
            if started:
                words.append("".join(word))
            word, started = [], False
        else:
            word.append(ch)
            started = True
    if closing:
        raise ValueError(f"EDITOR has a quote ({closing}) that is not closed")
    if started:
        words.append("".join(word))
    return words


def decode_answer(raw: bytes) -> str | None:
    """The text an editor saved, with LF line ends; None when no encoding reads it cleanly.

    UTF-8 first, with or without a BOM (Notepad writes one on request); UTF-16 when it starts
    with that BOM (Notepad's "Unicode"); then the platform's own encoding and cp1252, for editors
    that still save in a Windows code page. A NUL means the guess was wrong.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", locale.getpreferredencoding(False), "cp1252"]
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if "\x00" not in text:
            return text.replace("\r\n", "\n").replace("\r", "\n")
    return None


def _reason(exc: OSError) -> str:
    """``No such file or directory: code``: plain, without Python's ``[Errno 2]``."""
    reason = exc.strerror or str(exc)
    return f"{reason}: {exc.filename}" if exc.filename else reason


def _changed(path: Path, written: bytes) -> bool:
    try:
        return path.read_bytes() != written
    except OSError:
        return False  # gone: nothing left to keep


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
