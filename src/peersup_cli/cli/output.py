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

Rich is imported only inside ``console()`` and ``print_lines()`` on a terminal, so commands
that print plain text or JSON never pay for it.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any, Protocol, cast

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


class StyledLine(Protocol):
    """A line of a view (``journal_views.Line``): text, a style name, spans to highlight."""

    @property
    def text(self) -> str: ...
    @property
    def style(self) -> str: ...
    @property
    def spans(self) -> Sequence[tuple[int, int]]: ...


STYLES = {
    "title": "bold",
    "heading": "bold cyan",
    "dim": "dim",
    "good": "green",
    "diff": "yellow",
}


# -- the two promises ---------------------------------------------------------------------------
def sanitise(text: str) -> str:
    """``text`` with every control character but newline and tab shown visibly.

    ESC becomes ``^[`` (so ``\\x1b]52;c;...`` shows as text instead of writing the clipboard),
    other C0 controls caret notation (``^G``), DEL ``^?``, C1 controls ``<U+009B>``. A carriage
    return before a newline is dropped (Windows line ends); a lone one, which would let later
    text overwrite the line, becomes ``^M``.
    """
    if not _CONTROL.search(text):
        return text
    return text.replace("\r\n", "\n").translate(_VISIBLE)


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
        if stream is None or _isatty(stream):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        # A stream that cannot change keeps its encoding; ``fit`` still protects it.
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError, io.UnsupportedOperation):
                reconfigure(encoding="utf-8", errors="replace")


# -- width --------------------------------------------------------------------------------------
def terminal_width() -> int:
    """The terminal's width when stdout is one; piped, ``COLUMNS`` or 80."""
    if _isatty(sys.stdout):
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


# -- writing ------------------------------------------------------------------------------------
def echo(text: str = "", *, err: bool = False) -> None:
    """One message (a newline is added), with its control characters shown visibly."""
    _write(sanitise(text), err=err)


def error(message: str) -> None:
    """A problem on stderr, each line starting ``peersup:``."""
    for line in message.splitlines() or [""]:
        echo(f"peersup: {line}" if line else "", err=True)


def echo_headings(lines: Sequence[str], headings: Iterable[int]) -> None:
    """``lines`` with the lines numbered in ``headings`` in bold (for a colour terminal)."""
    bold = set(headings)
    text = "\n".join(
        click.style(sanitise(line), bold=True) if i in bold else sanitise(line)
        for i, line in enumerate(lines)
    )
    _write(text, err=False, color=True)


def print_json(data: Any) -> None:
    """Machine-readable output: exact JSON only, nothing else on stdout."""
    import json  # here, not at the top: plain-text commands never need it

    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    text = _JSON_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if fit(text, _encoding(sys.stdout)) != text:
        # A terminal that cannot show every character gets \u escapes: the same JSON, exactly.
        text = json.dumps(data, ensure_ascii=True, indent=2, default=str)
    _write(text, err=False)


CHUNK = 512  # lines (or JSON records) written at a time by the streaming writers


def echo_stream(lines: Iterable[str], *, header: str | None = None) -> int:
    """``echo`` of each line as the lines come, a chunk at a time, with ``header`` before the
    first one (nothing at all when there is none); returns how many lines there were."""
    count = 0
    chunk: list[str] = []
    for line in lines:
        if not count and header is not None:
            chunk.append(header)
        chunk.append(line)
        count += 1
        if len(chunk) >= CHUNK:
            echo("\n".join(chunk))
            chunk.clear()
    if chunk:
        echo("\n".join(chunk))
    return count


def print_json_stream(
    before: dict[str, Any], key: str, items: Iterable[Any], after: Callable[[], dict[str, Any]]
) -> None:
    """``print_json({**before, key: [*items], **after()})``, the same text exactly, written as
    the items come: memory does not grow with them. ``after`` is asked once they are all out."""
    import json

    def dump(data: Any, indent: str) -> str:
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        text = _JSON_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
        if fit(text, _encoding(sys.stdout)) != text:
            text = json.dumps(data, ensure_ascii=True, indent=2, default=str)
        return text.replace("\n", "\n" + indent)

    head = "{\n" + "".join(f"  {dump(k, '')}: {dump(v, '  ')},\n" for k, v in before.items())
    head += f"  {dump(key, '')}: ["
    chunk: list[str] = []
    count = 0
    for item in items:
        chunk.append(("\n    " if count == 0 else ",\n    ") + dump(item, "    "))
        count += 1
        if len(chunk) >= CHUNK:
            _write(head + "".join(chunk), err=False, newline=False)
            head = ""
            chunk.clear()
    tail = "".join(chunk) + ("\n  ]" if count else "]")
    tail += "".join(f",\n  {dump(k, '')}: {dump(v, '  ')}" for k, v in after().items())
    _write(head + tail + "\n}", err=False)


def for_terminal(text: str) -> str:
    """``text`` made safe to hand to something that writes it to stdout itself (``input()``)."""
    return fit(sanitise(text), _encoding(sys.stdout))


def print_lines(lines: Sequence[StyledLine]) -> None:
    """A view: styled on a terminal (rich honours NO_COLOR); plain text when piped."""
    if not _isatty(sys.stdout) or os.environ.get("TERM") == "dumb":
        echo("\n".join(line.text for line in lines))
        return
    from rich.text import Text

    out = console()
    for line in lines:
        text = Text(style=STYLES.get(line.style, ""))
        # Sanitised piece by piece, so that the highlighted spans still cover the same words.
        at = 0
        for a, b in sorted(line.spans):
            if a < at:
                continue
            text.append(sanitise(line.text[at:a]))
            text.append(sanitise(line.text[a:b]), style="bold reverse")
            at = b
        text.append(sanitise(line.text[at:]))
        out.print(text, overflow="fold")


def console(err: bool = False) -> Console:
    """A rich console writing through this module, readable piped and with NO_COLOR set.

    Text given to it must already be sanitised (rich's own escape codes pass untouched).
    """
    from rich.console import Console

    stream = sys.stderr if err else sys.stdout
    width = None if _isatty(stream) else terminal_width()
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
def _write(text: str, *, err: bool, color: bool | None = None, newline: bool = True) -> None:
    stream = sys.stderr if err else sys.stdout
    try:
        click.echo(fit(text, _encoding(stream)), file=stream, color=color, nl=newline)
    except BrokenPipeError:
        raise OutputClosed() from None


def _encoding(stream: IO[str] | None) -> str | None:
    return getattr(stream, "encoding", None)


def _isatty(stream: IO[str] | None) -> bool:
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
        return _isatty(self._stream)

    def fileno(self) -> int:
        return self._stream.fileno()
