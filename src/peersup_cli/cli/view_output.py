"""Views and streams on their way out: a view's lines styled on a terminal (the codes rich
writes, written here directly: a search that finds 50,000 lines must not pay for a rich call
per line), plain when piped; and output that comes a row at a time (``journal list``, a
search, their JSON) written a chunk at a time, so memory does not grow with it. Every
character still goes out through ``output`` (sanitised, fitted to the stream's encoding).
"""

from __future__ import annotations

import itertools
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, cast

from .output import (
    console,
    echo,
    has_control,
    isatty,
    json_text,
    sanitise,
    terminal_width,
    write,
)


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


def print_lines(lines: Sequence[StyledLine]) -> None:
    """A view: styled on a terminal (as rich styles it, and NO_COLOR keeps bold and dim but
    drops colours); plain text when piped. One write for the whole view either way."""
    with ViewStream() as out:
        out.add(lines)


class ViewStream:
    """Views written as they come, a large chunk at a time (``with``: the rest at the end):
    ``print_lines`` for a stream of views, such as one per journal a search finds."""

    CHUNK = 1 << 16  # characters

    def __init__(self) -> None:
        self.plain = not isatty(sys.stdout) or os.environ.get("TERM") in ("dumb", "unknown")
        self.rich = not self.plain and _rich_needed()
        self.color = not os.environ.get("NO_COLOR")
        self.width = terminal_width()  # rich's width too: the terminal's
        self._parts: list[str] = []
        self._size = 0

    def __enter__(self) -> ViewStream:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.flush()

    def add(self, lines: Sequence[StyledLine]) -> None:
        if self.plain:  # sanitised a chunk at a time, in ``flush``
            text = "\n".join([line.text for line in lines])
        else:
            styled = [] if self.rich else [_styled(line, self.color, self.width)
                                           for line in lines]
            if self.rich or None in styled or any("\t" in line.text for line in lines):
                self.flush()
                _print_with_rich(lines)
                return
            text = "\n".join(cast("list[str]", styled))
        self._parts.append(text)
        self._size += len(text)
        if self._size >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if self._parts:
            text = "\n".join(self._parts)
            if self.plain:
                echo(text)
            else:
                write(text, err=False, color=True)
            self._parts.clear()
            self._size = 0


# The SGR codes rich writes for the styles above, written here directly: a search that finds
# 50,000 lines must not pay for a rich call per line. Attributes come first in rich's order
# (bold 1, dim 2, reverse 7), then the colour; a highlighted word adds bold and reverse.
_ATTRS = {"title": (1,), "heading": (1,), "dim": (2,)}
_COLORS = {"heading": "36", "good": "32", "diff": "33"}
_SGR: dict[tuple[str, bool, bool], str] = {}


def _sgr(style: str, highlight: bool, color: bool) -> str:
    key = (style, highlight, color)
    found = _SGR.get(key)
    if found is None:
        attrs = set(_ATTRS.get(style, ()))
        if highlight:
            attrs |= {1, 7}
        codes = [str(a) for a in sorted(attrs)]
        if color and style in _COLORS:
            codes.append(_COLORS[style])
        found = _SGR[key] = f"\x1b[{';'.join(codes)}m" if codes else ""
    return found


# style -> (its codes, its codes with a highlight), with colour and without.
_CODES = {c: {s: (_sgr(s, False, c), _sgr(s, True, c)) for s in ("", *STYLES)}
          for c in (False, True)}


def _styled(line: StyledLine, color: bool, width: int) -> str | None:
    """One line with its style and highlights, sanitised piece by piece (so that the
    highlighted spans still cover the same words); lines wider than the terminal are wrapped
    at spaces as rich wraps them. None for a line only rich lays out right (wide characters
    or highlights in a line too wide)."""
    text = line.text
    style = line.style
    codes = _CODES[color].get(style)
    base, high = codes if codes is not None else (_sgr(style, False, color),
                                                   _sgr(style, True, color))
    clean = str if text.isprintable() or not has_control(text) else sanitise
    if len(text) > width or clean is sanitise or not text.isascii():
        shown = clean(text)
        if not shown.isascii() and _WIDE_OR_ZERO.search(shown):
            if len(shown) * 2 > width:  # a cell per character or not: only rich knows
                return None
        elif len(shown) > width:
            if line.spans:
                return None
            return "\n".join([f"{base}{part}\x1b[0m" if base else part
                              for part in _wrap(shown, width)])
        elif clean is sanitise and line.spans:
            return None  # sanitised pieces could be as long as the line is wide
    if not line.spans:
        return f"{base}{clean(text)}\x1b[0m" if base and text else clean(text)
    pieces: list[str] = []
    at = 0
    for a, b in sorted(line.spans):
        if a < at or b <= a:
            continue
        if a > at:
            pieces.append(f"{base}{clean(text[at:a])}\x1b[0m" if base else clean(text[at:a]))
        pieces.append(f"{high}{clean(text[a:b])}\x1b[0m")
        at = b
    if at < len(text):
        pieces.append(f"{base}{clean(text[at:])}\x1b[0m" if base else clean(text[at:]))
    return "".join(pieces)


_WORD = re.compile(r"\s*\S+\s*")
# A character that may not take exactly one cell (wide, zero-width, combining): anything but
# printable ASCII, Latin letters, general punctuation, arrows, mathematical signs and blocks.
_WIDE_OR_ZERO = re.compile(
    "[^\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u22ff"
    "\u2500-\u259f]"
)


def _wrap(text: str, width: int) -> list[str]:
    """``text`` (one character per cell) in lines of at most ``width``, broken where rich
    breaks it: before a word that does not fit (its spaces stay at the end of the line), and
    inside a word longer than a whole line."""
    starts: list[int] = []
    used = 0
    for word in _WORD.finditer(text):
        start, end = word.span()
        length = len(word.group().rstrip())
        if width - used >= length:
            used += end - start
        elif length > width:  # folded across lines
            while end - start > width:
                if start:
                    starts.append(start)
                start += width
            if start:
                starts.append(start)
            used = end - start
        elif used and start:
            starts.append(start)
            used = end - start
    bounds = [0, *starts, len(text)]
    lines = []
    for a, b in itertools.pairwise(bounds):
        part = text[a:b]
        if len(part) > width:  # the spaces after a word at the edge go, then the rest
            spaces = len(part) - len(part.rstrip())
            part = part[: len(part) - min(spaces, len(part) - width)][:width]
        lines.append(part)
    return lines


def _rich_needed() -> bool:
    """Only a Windows console without escape sequences (the old conhost) needs rich's own
    way of styling; rich says which it is."""
    return sys.platform == "win32" and bool(console().legacy_windows)


def _print_with_rich(lines: Sequence[StyledLine]) -> None:
    from rich.text import Text

    out = console()
    for line in lines:
        text = Text(style=STYLES.get(line.style, ""))
        at = 0
        for a, b in sorted(line.spans):
            if a < at:
                continue
            text.append(sanitise(line.text[at:a]))
            text.append(sanitise(line.text[a:b]), style="bold reverse")
            at = b
        text.append(sanitise(line.text[at:]))
        out.print(text, overflow="fold")


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
    def dump(data: Any, indent: str) -> str:
        return json_text(data).replace("\n", "\n" + indent)

    head = "{\n" + "".join(f"  {dump(k, '')}: {dump(v, '  ')},\n" for k, v in before.items())
    head += f"  {dump(key, '')}: ["
    chunk: list[str] = []
    count = 0
    for item in items:
        chunk.append(("\n    " if count == 0 else ",\n    ") + dump(item, "    "))
        count += 1
        if len(chunk) >= CHUNK:
            write(head + "".join(chunk), err=False, newline=False)
            head = ""
            chunk.clear()
    tail = "".join(chunk) + ("\n  ]" if count else "]")
    tail += "".join(f",\n  {dump(k, '')}: {dump(v, '  ')}" for k, v in after().items())
    write(head + tail + "\n}", err=False)


