"""``:e`` during a text answer: which editor opens, how its command is read on each platform, and
what comes back, whatever encoding and line ends the editor saved.

The editors here are small Python scripts run with ``sys.executable``, so they behave the same on
every machine; the platform is simulated by passing ``platform`` and ``which`` in.
"""

from __future__ import annotations

import io
import locale
import shlex
import sys
from pathlib import Path

import pytest

from peersup_cli import messages as msg
from peersup_cli import paths
from peersup_cli.cli import editor, terminal
from peersup_cli.cli.editor import (
    choose_editor,
    decode_answer,
    default_editor,
    split_command,
    with_wait_flag,
)
from peersup_cli.cli.terminal import TerminalPort
from peersup_cli.reflection.port import Kind, Question

WORDS = "Renée said “no”, then \u2013 naïve as I was \u2013 I paid €5 and smiled."  # cp1252 has all
QUESTION = Question("voluntary.answer.1", Kind.TEXT, "What helped?", "Finish with an empty line.")


def _nothing(_: str) -> str | None:
    return None


def _only(*names: str):  # type: ignore[no-untyped-def]
    return lambda name: f"/usr/bin/{name}" if name in names else None


# -- which editor ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("platform", "on_path", "argv", "name"),
    [
        ("win32", (), ["notepad.exe"], "Notepad"),
        ("darwin", (), ["open", "-W", "-n", "-e"], "TextEdit"),
        ("linux", ("nano", "vi"), ["nano"], "nano"),
        ("linux", ("vi",), ["vi"], "vi"),
        ("freebsd14", ("vi",), ["vi"], "vi"),
    ],
)
def test_the_default_editor_per_platform(
    platform: str, on_path: tuple[str, ...], argv: list[str], name: str
) -> None:
    editor = choose_editor({}, platform, _only(*on_path))
    assert editor is not None
    assert (editor.argv, editor.name) == (argv, name)
    # Each default comes with how to get back to peersup from it.
    assert editor.how in (
        msg.EDITOR_HOW_NOTEPAD, msg.EDITOR_HOW_TEXTEDIT, msg.EDITOR_HOW_NANO, msg.EDITOR_HOW_VI
    )


def test_no_editor_at_all_on_a_bare_linux() -> None:
    assert default_editor("linux", _nothing) is None


def test_visual_beats_editor_and_either_beats_the_default() -> None:
    which = _only("nano", "vim", "emacs")
    chosen = choose_editor({"VISUAL": "vim", "EDITOR": "emacs"}, "linux", which)
    assert chosen is not None and chosen.argv == ["vim"]
    chosen = choose_editor({"VISUAL": " ", "EDITOR": "emacs -nw"}, "linux", which)
    assert chosen is not None and chosen.argv == ["emacs", "-nw"]
    assert chosen.name == "your editor (emacs)"


@pytest.mark.parametrize(
    ("setting", "argv"),
    [
        ("code", ["code", "--wait"]),
        ("code --wait", ["code", "--wait"]),
        ("code -w", ["code", "-w"]),
        ("code-insiders", ["code-insiders", "--wait"]),
        ("codium --new-window", ["codium", "--wait", "--new-window"]),
        ("subl", ["subl", "-w"]),
        ("atom", ["atom", "--wait"]),
        ("mate", ["mate", "-w"]),
        ("gedit", ["gedit", "--wait"]),
        ("gvim", ["gvim", "-f"]),
        ("kate", ["kate", "--block"]),
        ("open -e", ["open", "-W", "-n", "-e"]),
        ("open -W -e", ["open", "-W", "-e"]),
        ("nano", ["nano"]),
        ("vim", ["vim"]),
    ],
)
def test_editors_that_would_not_wait_are_asked_to(setting: str, argv: list[str]) -> None:
    assert with_wait_flag(shlex.split(setting)) == argv


def test_the_wait_flag_on_windows_programs() -> None:
    code = r"C:\Users\Sam\AppData\Local\Programs\Microsoft VS Code\bin\code.cmd"
    assert with_wait_flag([code]) == [code, "--wait"]
    npp = r"C:\Program Files\Notepad++\notepad++.exe"
    assert with_wait_flag([npp]) == [npp, "-multiInst", "-nosession"]
    assert with_wait_flag(["Notepad.exe"]) == ["Notepad.exe"]  # Notepad waits by itself


# -- reading EDITOR on Windows ------------------------------------------------------------------
def _files(*paths: str):  # type: ignore[no-untyped-def]
    return lambda path: path in paths


@pytest.mark.parametrize(
    ("setting", "argv"),
    [
        # shlex would read these backslashes as escapes: C:Windowsnotepad.exe.
        (r"C:\Windows\notepad.exe", [r"C:\Windows\notepad.exe"]),
        (r"C:\Windows\System32\notepad.exe", [r"C:\Windows\System32\notepad.exe"]),
        (
            r'"C:\Program Files\Notepad++\notepad++.exe" -multiInst -nosession',
            [r"C:\Program Files\Notepad++\notepad++.exe", "-multiInst", "-nosession"],
        ),
        (r"'C:\Program Files\Vim\gvim.exe' -f", [r"C:\Program Files\Vim\gvim.exe", "-f"]),
        # An apostrophe is a letter in a Windows path, not a quote.
        (r"C:\Users\O'Neil\bin\micro.exe", [r"C:\Users\O'Neil\bin\micro.exe"]),
        ("code --wait", ["code", "--wait"]),
        ('"notepad"', ["notepad"]),
    ],
)
def test_editor_settings_read_as_windows_reads_them(setting: str, argv: list[str]) -> None:
    assert split_command(setting, windows=True, which=_nothing, is_file=_files()) == argv


def test_a_path_with_spaces_left_unquoted_is_one_command_when_it_exists() -> None:
    sublime = r"C:\Program Files\Sublime Text\subl.exe"
    exists = _files(sublime)
    assert split_command(sublime, windows=True, which=_nothing, is_file=exists) == [sublime]
    assert split_command(f"{sublime} -w", windows=True, which=_nothing, is_file=exists) == [
        sublime, "-w"
    ]
    mac = "/Applications/Sublime Text.app/Contents/SharedSupport/bin/subl"
    assert split_command(mac, windows=False, which=_nothing, is_file=_files(mac)) == [mac]


def test_a_quote_left_open_is_a_problem_not_a_crash() -> None:
    with pytest.raises(ValueError):
        split_command(r'"C:\Program Files\x.exe -w', windows=True, which=_nothing, is_file=_files())
    with pytest.raises(ValueError):
        split_command("vim 'oops", windows=False, which=_nothing, is_file=_files())


def test_posix_settings_keep_their_shell_quoting() -> None:
    setting = "sh -c 'printf \"%s\" hi > \"$1\"' sh"
    assert split_command(setting, windows=False, which=_only("sh"), is_file=_files()) == [
        "sh", "-c", 'printf "%s" hi > "$1"', "sh"
    ]


# -- what comes back -------------------------------------------------------------------------------
@pytest.fixture
def utf8_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The platform's preferred encoding pinned, so the fallbacks below are the ones tried."""
    monkeypatch.setattr(locale, "getpreferredencoding", lambda do_setlocale=True: "UTF-8")


@pytest.mark.usefixtures("utf8_locale")
@pytest.mark.parametrize(
    "raw",
    [
        WORDS.encode("utf-8"),
        b"\xef\xbb\xbf" + WORDS.encode("utf-8"),  # Notepad's "UTF-8 with BOM"
        WORDS.encode("cp1252"),  # an editor still on the Windows code page
        WORDS.encode("utf-16"),  # Notepad's "UTF-16 LE", BOM first
    ],
    ids=["utf-8", "utf-8-bom", "cp1252", "utf-16"],
)
def test_every_character_survives_the_encoding(raw: bytes) -> None:
    assert decode_answer(raw) == WORDS


def test_the_platform_encoding_is_tried_before_cp1252(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(locale, "getpreferredencoding", lambda do_setlocale=True: "cp1251")
    assert decode_answer("Привет, Оля".encode("cp1251")) == "Привет, Оля"


@pytest.mark.usefixtures("utf8_locale")
def test_crlf_and_lone_cr_become_lf() -> None:
    assert decode_answer(b"one\r\ntwo\r\n\r\nthree\rfour") == "one\ntwo\n\nthree\nfour"


@pytest.mark.usefixtures("utf8_locale")
def test_bytes_no_encoding_reads_cleanly_are_refused() -> None:
    # 0x81 is in no cp1252 character and not UTF-8; a NUL is never part of an answer.
    assert decode_answer(b"\x81\x8d abc") is None
    assert decode_answer(b"a\x00b\x00") is None


# -- the whole path, with a real editor process ----------------------------------------------------
def _editor(tmp_path: Path, body: str, name: str = "editor.py") -> str:
    """An EDITOR setting that runs ``body`` with ``path`` (the file to edit) and ``old`` (its
    text, read as UTF-8) defined."""
    script = tmp_path / name
    script.write_text(
        "import sys\n"
        "path = sys.argv[-1]\n"
        "old = open(path, encoding='utf-8').read()\n" + body + "\n",
        encoding="utf-8",
    )
    return shlex.join([sys.executable, str(script)])


class Scripted:
    """A terminal port fed scripted lines; ``on_read`` runs before each line is given."""

    def __init__(self, tmp_path: Path, lines: list[str]) -> None:
        self.out = io.StringIO()
        self.lines = iter(lines)
        self.scratch = tmp_path / "journals" / ".drafts"
        self.on_read = lambda prompt: None
        from rich.console import Console

        console = Console(file=self.out, width=100, no_color=True, highlight=False)
        self.port = TerminalPort(console, scratch_dir=self.scratch, read_line=self._read)

    def _read(self, prompt: str) -> str:
        self.on_read(prompt)
        try:
            return next(self.lines)
        except StopIteration:
            raise EOFError from None

    @property
    def shown(self) -> str:
        return " ".join(self.out.getvalue().split())  # rich wraps long lines: compare as words

    def left(self) -> list[Path]:
        return sorted(self.scratch.glob(".answer-*")) if self.scratch.exists() else []


@pytest.mark.usefixtures("utf8_locale")
@pytest.mark.parametrize(
    ("write", "expected"),
    [
        ("open(path, 'wb').write(b'\\xef\\xbb\\xbf' + WORDS.encode('utf-8') + b'\\r\\n')", WORDS),
        ("open(path, 'wb').write(WORDS.encode('cp1252') + b'\\r\\n')", WORDS),
        (
            "open(path, 'wb').write(b'First\\r\\n\\r\\n' + WORDS.encode('cp1252') + b'\\r\\n')",
            f"First\n\n{WORDS}",
        ),
    ],
    ids=["utf-8-bom-crlf", "cp1252-crlf", "notepad-paragraphs"],
)
def test_an_answer_written_in_the_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write: str, expected: str
) -> None:
    monkeypatch.setenv("EDITOR", _editor(tmp_path, f"WORDS = {WORDS!r}\n{write}"))
    s = Scripted(tmp_path, [":e"])
    assert s.port.ask(QUESTION).text == expected
    assert "Opening your editor (" in s.shown and msg.EDITOR_HOW_YOURS in s.shown
    assert s.left() == []  # the temporary file is gone once its words are the answer


def test_the_earlier_answer_reaches_the_editor_as_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    append = "open(path, 'a', encoding='utf-8').write(' 🙂')"
    monkeypatch.setenv("EDITOR", _editor(tmp_path, append))
    earlier = Question(QUESTION.id, QUESTION.kind, QUESTION.text, current=f"{WORDS}\nZoë")
    s = Scripted(tmp_path, [":e"])
    assert s.port.ask(earlier).text == f"{WORDS}\nZoë 🙂"


@pytest.mark.usefixtures("utf8_locale")
def test_unreadable_text_is_kept_and_its_path_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "open(path, 'wb').write(b'kept \\x81\\x8d')"))
    s = Scripted(tmp_path, [":e", "typed instead", ""])
    assert s.port.ask(QUESTION).text == "typed instead"
    [kept] = s.left()
    assert kept.read_bytes() == b"kept \x81\x8d"  # byte for byte, nothing lost
    assert "Nothing is lost: it is kept at" in s.shown and str(kept) in s.out.getvalue()


def test_an_editor_that_fails_after_writing_keeps_the_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "open(path, 'w', encoding='utf-8').write('half an answer')\nsys.exit(3)"
    monkeypatch.setenv("EDITOR", _editor(tmp_path, body))
    s = Scripted(tmp_path, [":e", "typed", ""])
    assert s.port.ask(QUESTION).text == "typed"
    [kept] = s.left()
    assert kept.read_text(encoding="utf-8") == "half an answer"
    assert "exit code 3" in s.shown and "What you wrote in the editor is kept at" in s.shown


def test_an_editor_that_cannot_start_is_a_problem_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    s = Scripted(tmp_path, [":e", "typed", ""])
    assert s.port.ask(QUESTION).text == "typed"
    assert "The editor could not be opened (No such file or directory" in s.shown
    assert s.left() == []


def test_an_editor_that_came_back_at_once_is_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a Notepad with tabs does: it hands the file to the open window and exits. The person
    # writes there, saves, and presses Enter here.
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "pass"))
    s = Scripted(tmp_path, [":e", ""])

    def save_in_the_other_window(prompt: str) -> None:
        if msg.EDITOR_STILL_OPEN.split()[0] in s.out.getvalue() and s.left():
            s.left()[0].write_bytes("Written later\r\n".encode("cp1252"))

    s.on_read = save_in_the_other_window
    assert s.port.ask(QUESTION).text == "Written later"
    assert "came back straight away" in s.shown
    assert s.left() == []


def test_stopping_while_waiting_keeps_what_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peersup_cli.errors import InputClosed

    monkeypatch.setenv("EDITOR", _editor(tmp_path, "pass"))
    s = Scripted(tmp_path, [":e"])  # input ends at the "press Enter" prompt

    def save(prompt: str) -> None:
        if s.left():
            s.left()[0].write_text("saved, then the window closed", encoding="utf-8")

    s.on_read = save
    with pytest.raises(InputClosed):
        s.port.ask(QUESTION)
    [kept] = s.left()
    assert kept.read_text(encoding="utf-8") == "saved, then the window closed"
    assert "is kept at" in s.shown


def test_no_editor_found_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "current_platform", lambda: "linux")
    monkeypatch.setattr(editor.shutil, "which", _nothing)
    s = Scripted(tmp_path, [":e", "typed", ""])
    assert s.port.ask(QUESTION).text == "typed"
    assert "No editor was found here" in s.shown


def test_the_default_editor_is_the_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated Windows with nothing set: Notepad is what runs, with the file after it.
    ran: list[list[str]] = []

    def run(argv: list[str], check: bool) -> None:
        ran.append(argv)
        Path(argv[-1]).write_bytes(b"From Notepad\r\n")

    monkeypatch.setattr(paths, "current_platform", lambda: "win32")
    monkeypatch.setattr(terminal.subprocess, "run", run)
    s = Scripted(tmp_path, [":e"])
    assert s.port.ask(QUESTION).text == "From Notepad"
    assert ran[0][0] == "notepad.exe" and ran[0][1].endswith(".md")
    assert "Opening Notepad for this answer." in s.shown and "close Notepad" in s.shown
