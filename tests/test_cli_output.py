"""cli/output: no control character from a file reaches the terminal, no encoding ever crashes,
JSON stays exact, one width rule. Through the functions and through real commands."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peersup_cli.cli import output
from peersup_cli.guidelines.loader import packaged_path

# Escape sequences a hostile or damaged file could carry, and what each would do to a terminal.
ATTACKS = {
    "osc52": "\x1b]52;c;SGVsbG8=\x07",  # write the clipboard
    "title": "\x1b]0;x\x07",  # set the window title
    "clear": "\x1b[2J",  # clear the screen
    "link": "\x1b]8;;http://x\x1b\\",  # a hidden hyperlink
    "c1csi": "\x9b2J",  # clear the screen, with the one-character C1 CSI
}
# Characters peersup's own views print, and ones no Windows code page has.
GLYPHS = "✓ → ≠ — … · │ ▁▂▃▄▅▆▇█"


def raw_controls(text: str) -> list[str]:
    return [ch for ch in text if (ord(ch) < 0x20 and ch not in "\n\t") or 0x7F <= ord(ch) < 0xA0]


# -- sanitise -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_sanitise_shows_escape_sequences_as_text(name: str) -> None:
    shown = output.sanitise(f"before {ATTACKS[name]} after")
    assert raw_controls(shown) == []
    assert shown.startswith("before ") and shown.endswith(" after")


def test_sanitise_notation() -> None:
    assert output.sanitise("\x1b[2J") == "^[[2J"
    assert output.sanitise("\x1b]0;x\x07") == "^[]0;x^G"
    assert output.sanitise("a\x00b\x7fc") == "a^@b^?c"
    assert output.sanitise("\x9b2J") == "<U+009B>2J"
    assert output.sanitise("\x85") == "<U+0085>"


def test_sanitise_keeps_newlines_tabs_and_windows_line_ends() -> None:
    assert output.sanitise("one\n\ttwo") == "one\n\ttwo"
    assert output.sanitise("one\r\ntwo\r\n") == "one\ntwo\n"
    # A lone carriage return would let the rest of the line overwrite what came before it.
    assert output.sanitise("safe\rEVIL") == "safe^MEVIL"
    plain = "Peer Supporters Are Hopeful — Share Hope ✓ 日本語"
    assert output.sanitise(plain) is plain


@given(st.text())
def test_sanitise_never_leaves_a_control_character(text: str) -> None:
    assert raw_controls(output.sanitise(text)) == []


# -- fit ----------------------------------------------------------------------------------------
def test_fit_gives_plain_stand_ins_for_what_the_encoding_lacks() -> None:
    assert output.fit("✓ done → next ≠ same", "cp1252") == "[x] done -> next != same"
    assert output.fit("▁▂▃▄▅▆▇█", "cp1252") == "12345678"
    assert output.fit("— … · │", "ascii") == "- ... - |"
    assert output.fit("日本", "cp1252") == "??"
    # What the encoding has stays as it is: cp1252 has the dash, the ellipsis and the dot.
    assert output.fit("— … ·", "cp1252") == "— … ·"
    assert output.fit(GLYPHS, "utf-8") == GLYPHS


@given(st.text())
def test_fit_always_encodes(text: str) -> None:
    output.fit(text, "cp1252").encode("cp1252")
    output.fit(text, "ascii").encode("ascii")


# -- width --------------------------------------------------------------------------------------
def test_width_when_piped_is_columns_or_80(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.setenv("COLUMNS", "132")
    assert output.terminal_width() == 132
    assert output.text_width() == 100  # plain text is never laid out wider than 100
    monkeypatch.setenv("COLUMNS", "20")
    assert output.text_width() == 40 and output.text_width(minimum=60) == 60
    for unset in ("", "wide", "-3"):
        monkeypatch.setenv("COLUMNS", unset)
        assert output.terminal_width() == 80
    monkeypatch.delenv("COLUMNS")
    assert output.terminal_width() == 80


# -- through real commands ----------------------------------------------------------------------
def hostile_guidelines(tmp_path: Path, controls: bool = False) -> tuple[Path, str]:
    """The packaged guidelines with every glyph (and with ``controls``, every attack) in value
    2's practice phrase.

    Written with YAML escapes (YAML itself refuses raw control characters in a file).
    """
    attacks = "".join(ATTACKS.values()) + " " if controls else ""
    practice = "Share " + attacks + GLYPHS + " 日本 Hope"
    escaped = json.dumps(practice)  # a JSON string is a valid YAML double-quoted scalar
    text = packaged_path().read_text("utf-8")
    assert "practice: Share Hope\n" in text
    path = tmp_path / "hostile.yaml"
    # The first framework's (ma-accs-2022, the default) value 2.
    text = text.replace("practice: Share Hope\n", f"practice: {escaped}\n", 1)
    path.write_text(text, "utf-8")
    return path, practice


def test_a_guidelines_file_with_escape_codes_is_refused_plainly(
    cli: Any, tmp_path: Path
) -> None:
    path, _ = hostile_guidelines(tmp_path, controls=True)
    for args in (("values",), ("show", "2"), ("show", "2", "--role", "supervisor")):
        result = cli("--guidelines", str(path), *args)
        assert result.exit_code == 2, result.output
        assert "holds a control character (U+001B); remove it" in result.stderr
        assert raw_controls(result.stdout + result.stderr) == []


def test_values_and_show_print_glyphs(cli: Any, tmp_path: Path) -> None:
    path, _ = hostile_guidelines(tmp_path)
    for args in (("values",), ("show", "2"), ("show", "2", "--role", "supervisor")):
        result = cli("--guidelines", str(path), *args)
        assert result.exit_code == 0, result.output
        assert GLYPHS in result.stdout.replace("\n", " ") or args == ("values",)


def test_json_stays_exact(cli: Any, tmp_path: Path) -> None:
    path, practice = hostile_guidelines(tmp_path)
    result = cli("--guidelines", str(path), "show", "2", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["practice"] == practice
    assert "✓" in result.stdout  # other characters as themselves (ensure_ascii=False)


def test_json_of_a_journal_with_escape_codes_is_exact_and_harmless(
    cli: Any, tmp_path: Path
) -> None:
    from builders import journal, reflection, save

    name = "Sam " + "".join(ATTACKS.values())
    folder = tmp_path / "journals"
    save(folder, "2026-03-02-supervisor-prep-sam.md", journal(
        "2026-03-02T10:00:00+00:00", reflection("hopeful", role="supervisor"),
        role="supervisor", supervisee=name))
    result = cli("journal", "list", "--json", "--journal-dir", str(folder))
    assert result.exit_code == 0, result.output
    assert raw_controls(result.stdout) == []  # C0 and C1 arrive as \\u escapes ...
    assert json.loads(result.stdout)["journals"][0]["supervisee"] == name  # ... exactly


def test_journal_show_and_search_print_answers_harmlessly(cli: Any, tmp_path: Path) -> None:
    from peersup_cli.journal.format import render
    from peersup_cli.journal.model import GuidelineItem, Journal, ValueReflection

    answer = "I " + " ".join(ATTACKS.values()) + " listened\rOVERWRITE"
    reflection = ValueReflection(
        "hopeful", 2, "Peer Supporters Are Hopeful", "Share Hope",
        [GuidelineItem(1, "An item", True)], 3, "Steady", ["What helped?"], [answer],
    )
    journal = Journal(
        date=datetime.fromisoformat("2026-03-02T10:00:00+00:00"), role="peer-supporter",
        framework="ma-accs-2022", reflections=[reflection], peersup_version="0.1.0",
        framework_title="Peer support values", role_label="Peer supporter",
        action_plan="Plan \x1b]0;pwned\x07 ahead",
    )
    folder = tmp_path / "journals"
    folder.mkdir(mode=0o700, exist_ok=True)
    (folder / "2026-03-02-peer-supporter.md").write_text(render(journal), "utf-8", newline="")
    for args in (("show", "latest"), ("search", "listened"), ("search", "ahead")):
        result = cli("journal", *args, "--journal-dir", str(folder))
        assert result.exit_code == 0, result.output
        assert raw_controls(result.stdout) == [], args
        assert "^[" in result.stdout
    shown = cli("journal", "show", "latest", "--journal-dir", str(folder)).stdout
    assert "^[[2J" in shown and "Plan ^[]0;pwned^G ahead" in shown
    exported = cli("export", "journal", "latest", "--journal-dir", str(folder))
    assert exported.exit_code == 0, exported.output
    # Markdown escaping puts a backslash before "]": the escape code shows as text either way.
    assert raw_controls(exported.stdout) == [] and "52;c;" in exported.stdout


def test_an_error_naming_a_file_prints_it_harmlessly(cli: Any, tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path / "bad\x1b]0;x\x07.yaml"))
    assert result.exit_code == 2
    assert raw_controls(result.stderr) == []
    assert "bad^[]0;x^G.yaml" in result.stderr


def test_a_cp1252_terminal_gets_plain_stand_ins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from peersup_cli.cli.app import main

    class Cp1252Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    path, practice = hostile_guidelines(tmp_path)
    screen = Cp1252Terminal(io.BytesIO(), encoding="cp1252", newline="")
    monkeypatch.setattr(sys, "stdout", screen)
    assert main(["--guidelines", str(path), "show", "2"]) == 0
    text = screen.buffer.getvalue().decode("cp1252")  # type: ignore[attr-defined]
    flat = " ".join(text.split())
    assert "[x] -> != — … · | 12345678 ?? Hope" in flat  # cp1252 has the dash, dots and dot
    assert raw_controls(text) == []

    screen = Cp1252Terminal(io.BytesIO(), encoding="cp1252", newline="")
    monkeypatch.setattr(sys, "stdout", screen)
    assert main(["--guidelines", str(path), "show", "2", "--json"]) == 0
    data = screen.buffer.getvalue().decode("cp1252")  # type: ignore[attr-defined]
    assert json.loads(data)["practice"] == practice  # \\u escapes: the same JSON, exactly


@pytest.mark.parametrize("args", [("show", "2"), ("values",), ("show", "2", "--json")])
def test_cp1252_pipes_get_utf8(tmp_path: Path, args: tuple[str, ...]) -> None:
    """A Windows pipe: Python would write cp1252 and crash on the first character it lacks."""
    path, practice = hostile_guidelines(tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PEERSUP_GUIDELINES": str(path)}
    env.pop("PEERSUP_DEBUG")
    done = subprocess.run(
        [sys.executable, "-m", "peersup_cli", *args], env=env, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stderr == b""
    text = done.stdout.decode("utf-8")  # strict: every byte is UTF-8
    if "--json" in args:
        assert json.loads(text)["practice"] == practice
    else:
        assert "日本" in text and raw_controls(text) == []
        assert "▁▂▃▄▅▆▇█" in text or args == ("values",)


def test_errors_on_a_cp1252_pipe_are_utf8(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run(
        [sys.executable, "-m", "peersup_cli", "show", "≠日本"], env=env, capture_output=True,
        check=False,
    )
    assert done.returncode == 2
    assert "≠日本" in done.stderr.decode("utf-8")


def test_terminal_blocks_and_styled_views_are_sanitised(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    from peersup_cli.cli.journal_views import Line
    from peersup_cli.cli.terminal import render_block
    from peersup_cli.cli.view_output import print_lines
    from peersup_cli.reflection.port import Notice

    screen = io.StringIO()
    render_block(Console(file=screen, no_color=True), Notice("a" + "".join(ATTACKS.values())))
    assert raw_controls(screen.getvalue()) == [] and "^[]52;c;" in screen.getvalue()

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.setenv("TERM", "xterm")
    # The highlighted word comes after an escape sequence: it must still be the one highlighted.
    text = "x\x1b[2J found here"
    print_lines([Line(text, "heading", [(text.index("found"), text.index(" here"))])])
    shown = screen.getvalue()
    assert "\x1b[1;7mfound\x1b[0m" in shown  # rich's own bold reverse, on the right word
    plain = re.sub(r"\x1b\[[0-9;]*m", "", shown)  # without rich's style codes ...
    assert plain == "x^[[2J found here\n"  # ... the file's escape sequence is only text


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_an_error_on_a_terminal_wraps_between_words_and_piped_stays_whole() -> None:
    import pexpect

    args = ["-m", "peersup_cli", "journal", "list", "--kind", "diary"]
    child = pexpect.spawn(sys.executable, args, dimensions=(24, 60), encoding="utf-8",
                          env={**os.environ, "PEERSUP_DEBUG": ""}, timeout=30)
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r\n", "\n").strip().split("\n")
    assert lines == ["peersup: --kind takes `reflect`, `prep`, `record` or",
                     "         `share`, not diary. See `peersup journal list",
                     "         --help`."]
    piped = subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False)
    assert piped.stderr.count("\n") == 1  # one line, whatever its length: a pipe wraps nothing


def test_markdown_on_a_terminal_wraps_between_words_and_stays_markdown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "\n".join([
        "# A growth summary",
        "",
        "- " + "a plan with several words " * 4 + "end",
        "  - " + "nested item words " * 5 + "end",
        "12. " + "numbered item words " * 5 + "end",
        "A paragraph of " + "ordinary words " * 6 + "and https://example.org/a-very-long-link-"
        "that-must-stay-whole-on-its-own-line-even-if-wider",
    ])
    # Piped: one line per paragraph, as written (for files and other tools).
    assert output.fit_markdown(text) == text
    monkeypatch.setattr(output, "isatty", lambda stream: True)
    monkeypatch.setattr(output, "terminal_width", lambda: 44)
    fitted = output.fit_markdown(text).splitlines()
    assert fitted[0] == "# A growth summary"
    assert fitted.count("") == 1
    assert " ".join(" ".join(fitted).split()) == " ".join(text.split())  # the same words
    long_word = [line for line in fitted if "https://" in line]
    assert long_word == ["https://example.org/a-very-long-link-that-must-stay-whole-on-its-own-"
                         "line-even-if-wider"]  # never cut inside a word
    assert all(len(line) <= 44 for line in fitted if line not in long_word)
    # A list item's further lines stand under its text.
    item = fitted.index(next(line for line in fitted if line.startswith("- ")))
    assert fitted[item + 1].startswith("  ") and fitted[item + 1][2] != " "
    nested = fitted.index(next(line for line in fitted if line.startswith("  - ")))
    assert fitted[nested + 1].startswith("    ") and fitted[nested + 1][4] != " "
    numbered = fitted.index(next(line for line in fitted if line.startswith("12. ")))
    assert fitted[numbered + 1].startswith("    ") and fitted[numbered + 1][4] != " "
