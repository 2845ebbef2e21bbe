"""Views on a terminal look exactly as rich would draw them (the same codes, the same breaks
in a line too wide), and output that streams is the same text as output written at once."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import ANY_TEXT, TAME
from peersup_cli.cli import view_output
from peersup_cli.cli.journal_views import Line


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def xterm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")  # rich takes a "dumb" terminal to be 80 wide


def with_rich(lines: list[Line], width: int, color: bool) -> str:
    from rich.console import Console

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, color_system="standard", width=width,
                      no_color=not color, highlight=False, soft_wrap=False)
    real = view_output.console
    view_output.console = lambda err=False: console  # type: ignore[assignment]
    try:
        view_output._print_with_rich(lines)
    finally:
        view_output.console = real  # type: ignore[assignment]
    return screen.getvalue()


@st.composite
def views(draw: st.DrawFn, text: st.SearchStrategy[str]) -> list[Line]:
    out = []
    for _ in range(draw(st.integers(1, 4))):
        line = draw(text)
        cuts = sorted(draw(st.lists(st.integers(0, len(line)), max_size=4)))
        spans = list(zip(cuts[::2], cuts[1::2], strict=False))
        out.append(Line(line, draw(st.sampled_from(["", *view_output.STYLES])), spans))
    return out


@settings(max_examples=300)
@given(views(TAME | ANY_TEXT.map(lambda t: t.replace("\n", " "))), st.integers(20, 120),
       st.booleans())
def test_a_view_on_a_terminal_is_what_rich_draws(
    lines: list[Line], width: int, color: bool
) -> None:
    styled = [view_output._styled(line, color, width) for line in lines]
    if None in styled or any("\t" in line.text for line in lines):
        return  # rich draws these itself
    ours = "\n".join(s for s in styled if s is not None) + "\n"
    assert ours == with_rich(lines, width, color)


@settings(max_examples=200)
@given(st.text(st.sampled_from("ab -"), max_size=200), st.integers(1, 40))
def test_a_line_too_wide_breaks_where_rich_breaks_it(text: str, width: int) -> None:
    line = Line(text, "heading")
    styled = view_output._styled(line, True, width)
    assert styled is not None
    assert styled + "\n" == with_rich([line], width, True)


def test_views_stream_in_one_write_per_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR")
    writes: list[str] = []
    real = view_output.write
    monkeypatch.setattr(view_output, "write", lambda text, **kw: writes.append(text)
                        or real(text, **kw))
    with view_output.ViewStream() as out:
        for n in range(3000):
            out.add([Line(f"{n} found", "heading"), Line("a line", "", [(2, 6)])])
    assert len(writes) < 5  # 6000 lines, a few writes
    assert screen.getvalue().startswith("\x1b[1;36m0 found\x1b[0m\na \x1b[1;7mline\x1b[0m\n")


@settings(max_examples=100)
@given(st.dictionaries(st.text(max_size=5), st.text() | st.integers(), max_size=3),
       st.lists(st.dictionaries(st.text(max_size=5), st.text() | st.lists(st.integers())),
                max_size=5))
def test_json_that_streams_is_the_json_written_at_once(
    before: dict[str, Any], items: list[dict[str, Any]]
) -> None:
    before.pop("journals", None)
    streamed, whole = io.StringIO(), io.StringIO()
    real = sys.stdout
    try:
        sys.stdout = streamed
        view_output.print_json_stream(before, "journals", iter(items), lambda: {"skipped": []})
        sys.stdout = whole
        from peersup_cli.cli.output import print_json

        print_json({**before, "journals": items, "skipped": []})
    finally:
        sys.stdout = real
    assert streamed.getvalue() == whole.getvalue()
    assert json.loads(streamed.getvalue())["journals"] == items
