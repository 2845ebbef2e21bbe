"""Writing a long answer in the person's own editor (``:e``): which editor (``$VISUAL``,
``$EDITOR``, else the platform's own: Notepad, TextEdit, nano or vi), how to run it (Windows
paths and quoting, the wait flag editors need), and reading back what it saved, whatever its
encoding and line ends. The terminal port drives it; nothing here touches the terminal.
"""

from __future__ import annotations

import codecs
import locale
import os
import re
import shlex
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import messages as msg
from .. import paths

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


def reason(exc: OSError) -> str:
    """``No such file or directory: code``: plain, without Python's ``[Errno 2]``."""
    reason = exc.strerror or str(exc)
    return f"{reason}: {exc.filename}" if exc.filename else reason


def changed(path: Path, written: bytes) -> bool:
    try:
        return path.read_bytes() != written
    except OSError:
        return False  # gone: nothing left to keep
