"""The one way out: every character peersup writes to stdout or stderr passes through here.

Two promises, each with its own tests:

- **Encoding never crashes.** Piped or redirected, the streams write UTF-8 (``setup_streams``;
  a Windows pipe would otherwise be cp1252). On a terminal whose encoding lacks a character,
  common glyphs get plain stand-ins (``✓`` -> ``[x]``, ``—`` -> ``-``) and anything else ``?``.
- **No control character from a file reaches the terminal.** Journals, guidelines and file names
  are other people's text: ``sanitise`` shows escape sequences, C1 controls and a lone carriage
  return visibly (``^[``, ``<U+009B>``, ``^M``) instead of letting them drive the terminal.

JSON stays exact: ``json.dumps`` escapes C0 controls itself, and C1/DEL are written as ``\\u``
escapes, which decode to the same string.

Views (styled on a terminal) and output that streams a row at a time live in ``view_output``,
and write through here. Rich is imported only inside ``console()`` (prompts, the progress bar,
and views on an old Windows console), so commands that print views, plain text or JSON never
pay for it.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any, cast

import click

if TYPE_CHECKING:
    from rich.console import Console

MAX_WIDTH = 100  # plain text wider than this is hard to read, whatever the terminal
PIPED_WIDTH = 80  # piped or redirected, without COLUMNS

# Which characters a terminal (or a file's text on its way there) may not carry as they are:
# C0 controls but newline and tab, DEL, and C1 controls (U+0080-U+009F; some terminals treat
# U+009B as CSI, the start of an escape sequence).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_VISIBLE = {c: f"^{chr(c + 64)}" for c in range(0x20) if c not in (0x09, 0x0A)}
_VISIBLE[0x7F] = "^?"
_VISIBLE.update({c: f"<U+{c:04X}>" for c in range(0x80, 0xA0)})
_JSON_CONTROL = re.compile("[\x7f-\x9f]")

# Plain stand-ins for the glyphs peersup itself prints, for a terminal that cannot show them.
FALLBACKS = {
    "✓": "[x]",
    "→": "->",
    "≠": "!=",
    "—": "-",
    "\u2013": "-",  # en dash
    "…": "...",
    "·": "-",
    "•": "*",
    "│": "|",
    "─": "-",
    **{block: str(n) for n, block in enumerate("▁▂▃▄▅▆▇█", start=1)},
}


class OutputClosed(Exception):
    """The reader of our output went away (``peersup journal list | head``)."""


# -- the two promises ---------------------------------------------------------------------------
def sanitise(text: str) -> str:
    """``text`` with every control character but newline and tab shown visibly.

    ESC becomes ``^[`` (so ``\\x1b]52;c;...`` shows as text instead of writing the clipboard),
    other C0 controls caret notation (``^G``), DEL ``^?``, C1 controls ``<U+009B>``. A carriage
    return before a newline is dropped (Windows line ends); a lone one, which would let later
    text overwrite the line, becomes ``^M``.
    """
    if not has_control(text):
        return text
    return text.replace("\r\n", "\n").translate(_VISIBLE)


# Bytes that can never be part of a control character's UTF-8 form: deleting them leaves a
# control byte, or 0xC2 (the lead byte of U+0080-U+00BF, C1 controls among them), or nothing.
# In C, several times faster than the pattern on the 13 MB a large search writes.
_NOT_CONTROL = bytes(b for b in range(256)
                     if b in (0x09, 0x0A) or 0x20 <= b < 0x7F or (b >= 0x80 and b != 0xC2))


def has_control(text: str) -> bool:
    try:
        suspects = text.encode("utf-8").translate(None, _NOT_CONTROL)
    except UnicodeEncodeError:  # a lone surrogate: let the pattern decide
        return _CONTROL.search(text) is not None
    return bool(suspects) and _CONTROL.search(text) is not None


def fit(text: str, encoding: str | None) -> str:
    """``text`` as ``encoding`` can write it: unknown characters get plain stand-ins or ``?``."""
    try:
        text.encode(encoding or "utf-8")
        return text
    except LookupError:  # an encoding Python does not know: let the stream decide
        return text
    except UnicodeEncodeError:
        pass
    enc = encoding or "utf-8"
    out = []
    for ch in text:
        try:
            ch.encode(enc)
            out.append(ch)
        except UnicodeEncodeError:
            out.append(FALLBACKS.get(ch, "?"))
    return "".join(out)


def setup_streams() -> None:
    """Piped or redirected output is UTF-8, whatever the locale says (cp1252 on Windows)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or isatty(stream):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        # A stream that cannot change keeps its encoding; ``fit`` still protects it.
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError, io.UnsupportedOperation):
                reconfigure(encoding="utf-8", errors="replace")


# -- width --------------------------------------------------------------------------------------
def terminal_width() -> int:
    """The terminal's width when stdout is one; piped, ``COLUMNS`` or 80."""
    if isatty(sys.stdout):
        try:
            columns = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            columns = 0
        if columns > 0:
            return columns
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    return columns if columns > 0 else PIPED_WIDTH


def text_width(minimum: int = 40) -> int:
    """The width to lay plain text out for: the terminal's, kept between ``minimum`` and 100."""
    return max(minimum, min(terminal_width(), MAX_WIDTH))


def fit_markdown(text: str) -> str:
    """Markdown for a terminal: each line longer than the width wrapped between words (a list
    item's further lines indented under its text), still the same markdown. Piped, text is
    left as it is, one line per paragraph, for files and other tools."""
    if not isatty(sys.stdout):
        return text
    import textwrap

    width = text_width()
    return "\n".join(
        line if len(line) <= width else textwrap.fill(
            line, width, subsequent_indent=_hanging_indent(line),
            break_long_words=False, break_on_hyphens=False)
        for line in text.split("\n"))


_ITEM = re.compile(r"\s*(?:[-*] |\d+\. )?")  # a line's indent and list marker, if any


def _hanging_indent(line: str) -> str:
    """Spaces as wide as ``line``'s indent and list marker: its further lines go under its text."""
    found = _ITEM.match(line)
    return " " * (found.end() if found else 0)


# -- writing ------------------------------------------------------------------------------------
def echo(text: str = "", *, err: bool = False) -> None:
    """One message (a newline is added), with its control characters shown visibly."""
    stream = sys.stderr if err else sys.stdout
    buffer = _utf8_bytes(stream) if not isatty(stream) else None
    if buffer is not None:
        # Piped: encoded once, and the bytes looked at for controls (nearly always none).
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: the usual way below
            data = b"\x00"
        if not data.translate(None, _NOT_CONTROL):
            try:
                stream.flush()
                buffer.write(data + b"\n")
                buffer.flush()
            except BrokenPipeError:
                raise OutputClosed() from None
            return
    write(sanitise(text), err=err)


def error(message: str) -> None:
    """A problem on stderr, each line starting ``peersup:``. On a terminal a long line wraps
    between words (never inside a command such as ``--resume``), under its own text."""
    width = _stderr_width()
    for line in message.splitlines() or [""]:
        text = f"peersup: {line}" if line else ""
        if width and len(text) >= width:
            import textwrap

            text = "\n".join(textwrap.wrap(text, width=width - 1, subsequent_indent=" " * 9,
                                            break_long_words=False, break_on_hyphens=False))
        echo(text, err=True)


def _stderr_width() -> int:
    """The terminal's width when stderr is one, else 0 (piped: lines stay whole)."""
    if not isatty(sys.stderr):
        return 0
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return 0


def echo_headings(lines: Sequence[str], headings: Iterable[int]) -> None:
    """``lines`` with the lines numbered in ``headings`` in bold (for a colour terminal)."""
    bold = set(headings)
    text = "\n".join(
        click.style(sanitise(line), bold=True) if i in bold else sanitise(line)
        for i, line in enumerate(lines)
    )
    write(text, err=False, color=True)


def print_json(data: Any) -> None:
    """Machine-readable output: exact JSON only, nothing else on stdout."""
    write(json_text(data), err=False)


def json_text(data: Any) -> str:
    """``data`` as the JSON text ``print_json`` writes (indented by two spaces)."""
    import json  # here, not at the top: plain-text commands never need it

    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    text = _JSON_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if fit(text, _encoding(sys.stdout)) != text:
        # A terminal that cannot show every character gets \u escapes: the same JSON, exactly.
        text = json.dumps(data, ensure_ascii=True, indent=2, default=str)
    return text


def for_terminal(text: str) -> str:
    """``text`` made safe to hand to something that writes it to stdout itself (``input()``)."""
    return fit(sanitise(text), _encoding(sys.stdout))


def console(err: bool = False) -> Console:
    """A rich console writing through this module, readable piped and with NO_COLOR set.

    Text given to it must already be sanitised (rich's own escape codes pass untouched).
    """
    from rich.console import Console

    stream = sys.stderr if err else sys.stdout
    width = None if isatty(stream) else terminal_width()
    return Console(
        file=cast(IO[str], _Stream(stream)), highlight=False, width=width, soft_wrap=False
    )


def silence_closed_output() -> None:
    """After the reader left: send what is still buffered nowhere, so exiting stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


# -- helpers ------------------------------------------------------------------------------------
def write(text: str, *, err: bool, color: bool | None = None, newline: bool = True) -> None:
    stream = sys.stderr if err else sys.stdout
    try:
        if _utf8_bytes(stream) is not None and (color is not None or not isatty(stream)):
            # Straight to the bytes underneath, encoded once (a lone surrogate from a file
            # name becomes "?", as ``fit`` makes it); with ``color`` set, or piped, there is
            # nothing for click to add or take away.
            stream.flush()
            buffer = _utf8_bytes(stream)
            assert buffer is not None
            buffer.write((text + "\n" if newline else text).encode("utf-8", "replace"))
            buffer.flush()
            return
        click.echo(fit(text, _encoding(stream)), file=stream, color=color, nl=newline)
    except BrokenPipeError:
        raise OutputClosed() from None


def _utf8_bytes(stream: IO[str]) -> IO[bytes] | None:
    """The binary stream under a UTF-8 text stream, where there is one (not on Windows, where
    click may have colours to translate for the console)."""
    if sys.platform == "win32":
        return None
    encoding = (_encoding(stream) or "").lower().replace("_", "-")
    if encoding not in ("utf-8", "utf8"):
        return None
    return cast("IO[bytes] | None", getattr(stream, "buffer", None))


def _encoding(stream: IO[str] | None) -> str | None:
    return getattr(stream, "encoding", None)


def isatty(stream: IO[str] | None) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (ValueError, OSError):  # a closed stream
        return False


class _Stream(io.TextIOBase):
    """What rich writes to: the real stream, with ``fit`` for its encoding."""

    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        self._stream = stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return _encoding(self._stream) or "utf-8"

    def write(self, text: str) -> int:
        try:
            return self._stream.write(fit(text, _encoding(self._stream)))
        except BrokenPipeError:
            raise OutputClosed() from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise OutputClosed() from None

    def isatty(self) -> bool:
        return isatty(self._stream)

    def fileno(self) -> int:
        return self._stream.fileno()
