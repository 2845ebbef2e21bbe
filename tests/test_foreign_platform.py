"""The real commands, run as subprocesses on a "foreign platform": this machine made to look
like Windows on a FAT/exFAT drive where it matters to storage.

A ``sitecustomize.py`` on PYTHONPATH (written by the ``foreign`` fixture) runs before peersup in
every child process and:

* removes ``os.fchmod`` (CPython 3.11/3.12 on Windows has none),
* removes ``os.fork`` (Windows cannot fork; the parallel index read must not need it),
* removes ``os.link`` (no hard links on FAT/exFAT, many shares, Windows setups),
* makes the first ``os.replace`` onto an existing file raise ``PermissionError`` with Windows'
  sharing-violation code, as when a virus scanner or OneDrive holds the file for a moment.

Each simulated hold is logged, so the tests can tell the retry really ran. Every path peersup
uses is pinned inside ``tmp_path``. Output piped under cp1252 (a Windows pipe) comes out as
UTF-8, every script and emoji intact.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

SITECUSTOMIZE = '''\
"""Test-only: make this process look like Windows on a FAT drive (see test_foreign_platform)."""
import errno
import os

for _name in ("fchmod", "fork", "link"):
    if hasattr(os, _name):
        delattr(os, _name)

_real_replace = os.replace
_held = {"done": False}


def _replace(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    if not _held["done"] and os.path.exists(dst):
        _held["done"] = True
        with open(os.environ["FOREIGN_LOG"], "a", encoding="utf-8") as log:
            log.write("held " + os.fspath(dst) + "\\n")
        exc = PermissionError(
            errno.EACCES,
            "The process cannot access the file because it is being used by another process",
            os.fspath(dst),
        )
        exc.winerror = 32
        raise exc
    return _real_replace(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)


os.replace = _replace
'''

MANY_SCRIPTS = "Renée 🙂 日本語 Ελληνικά עברית ✓"


@dataclass
class Foreign:
    root: Path
    env: dict[str, str]
    log: Path

    @property
    def home(self) -> Path:
        return Path(self.env["PEERSUP_HOME"])

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[bytes]:
        """``peersup ARGS`` in a child process, output piped (bytes: the encoding is the test)."""
        result = subprocess.run(
            [sys.executable, "-m", "peersup_cli", *args],
            cwd=self.root,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=120,
            check=False,
        )
        if ok:
            assert result.returncode == 0, _show(result)
            assert b"Traceback" not in result.stderr, _show(result)
        return result

    def answers(self, data: dict[str, Any], name: str = "answers.yaml") -> str:
        path = self.root / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return str(path)

    def journals(self) -> list[Path]:
        return sorted(self.home.glob("*.md"))

    def held(self) -> list[str]:
        if not self.log.exists():
            return []
        return self.log.read_text(encoding="utf-8").splitlines()


def _show(result: subprocess.CompletedProcess[bytes]) -> str:
    out = result.stdout.decode("utf-8", "replace")
    err = result.stderr.decode("utf-8", "replace")
    return f"exit {result.returncode}\n--- stdout\n{out}\n--- stderr\n{err}"


@pytest.fixture
def foreign(tmp_path: Path) -> Foreign:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PEERSUP_", "PYTHON", "XDG_"))
    }
    env.update(
        {
            "PYTHONPATH": str(site),
            "PEERSUP_HOME": str(tmp_path / "journals"),
            "PEERSUP_CONFIG": str(tmp_path / "config" / "config.toml"),
            "PEERSUP_CACHE_DIR": str(tmp_path / "cache"),
            "HOME": str(tmp_path / "home"),
            "USERPROFILE": str(tmp_path / "home"),
            "FOREIGN_LOG": str(tmp_path / "held.log"),
            "NO_COLOR": "1",
            "TERM": "dumb",
            "COLUMNS": "100",
            "PYTHONIOENCODING": "utf-8",
        }
    )
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(tmp_path / "xdg" / var.lower())
    env.pop("EDITOR", None)
    env.pop("VISUAL", None)
    (tmp_path / "home").mkdir()
    return Foreign(root=tmp_path, env=env, log=tmp_path / "held.log")


REFLECT = {
    "role": "peer-supporter",
    "values": {
        "voluntary": {"practiced": [1], "rating": 3, "answers": ["I asked before helping."]},
        "hopeful": {"rating": 4, "answers": ["Shared my story"]},
    },
    "action_plan": "- Listen longer",
    "support": "Talk about boundaries",
}

PREP = {
    "values": {"hopeful": {"practiced": [1], "rating": 3, "answers": ["Sam is growing"]}},
    "topics": ["Caseload this month"],
    "questions": ["What felt hard this week?"],
    "action_plan": "- Book the next session",
}


def test_the_layer_is_in_place(foreign: Foreign) -> None:
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os; print(hasattr(os, 'fchmod'), hasattr(os, 'fork'), hasattr(os, 'link'))",
        ],
        env=foreign.env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert probe.stdout.split() == ["False", "False", "False"]


def test_reflect_prep_config_export_and_journal(foreign: Foreign) -> None:
    foreign.run("reflect", "--answers", foreign.answers(REFLECT))
    [reflection] = foreign.journals()
    text = reflection.read_text(encoding="utf-8")
    assert reflection.name.endswith("-peer-supporter.md")
    assert "> I asked before helping." in text and "Talk about boundaries" in text
    assert oct(reflection.stat().st_mode & 0o777) == "0o600"  # chmod of the path, no fchmod
    assert oct(foreign.home.stat().st_mode & 0o777) == "0o700"

    # The same day again: the name is taken, so the second journal gets the next one, claimed
    # without a hard link.
    foreign.run("reflect", "--answers", foreign.answers(REFLECT))
    names = [p.name for p in foreign.journals()]
    assert len(names) == 2 and any(n.endswith("-peer-supporter-2.md") for n in names)

    foreign.run("prep", "Sam", "--answers", foreign.answers(PREP, "prep.yaml"))
    [prep] = [p for p in foreign.journals() if "-supervisor-prep-sam" in p.name]
    prep_text = prep.read_text(encoding="utf-8")
    assert "- [ ] Caseload this month" in prep_text and "Sam is growing" in prep_text

    # Setting twice: the second save replaces the config file, which the simulated scanner
    # holds at first; the retry gets it saved.
    foreign.run("config", "set", "role", "peer-supporter")
    foreign.run("config", "set", "role", "supervisor")
    config = Path(foreign.env["PEERSUP_CONFIG"])
    assert "supervisor" in config.read_text(encoding="utf-8")
    assert [line for line in foreign.held() if line.endswith("config.toml")], foreign.held()

    foreign.run("export", "checklist", "-o", "x.md")
    checklist = (foreign.root / "x.md").read_text(encoding="utf-8")
    assert "Peer Support is Voluntary" in checklist
    refused = foreign.run("export", "checklist", "-o", "x.md", ok=False)
    assert refused.returncode == 2 and b"already exists" in refused.stderr
    foreign.run("export", "checklist", "-o", "x.md", "--force", "--role", "peer-supporter")
    assert foreign.held()[-1] == "held x.md"  # replaced while held, retried
    assert (foreign.root / "x.md").read_text(encoding="utf-8") != checklist

    foreign.run("export", "journal", "latest", "-o", "j.md")
    exported = (foreign.root / "j.md").read_text(encoding="utf-8")
    assert "Sam is growing" in exported

    listing = foreign.run("journal", "list").stdout.decode("utf-8")
    assert listing.count("Peer supporter") == 2 and "Sam" in listing
    shown = foreign.run("journal", "show", "latest").stdout.decode("utf-8")
    assert "Sam is growing" in shown

    # Nothing half-done left behind: no temp files, no claims.
    leftovers = [p.name for p in foreign.root.rglob("*.tmp")]
    assert leftovers == []


UNICODE_REFLECT = {
    "role": "peer-supporter",
    "values": {
        "voluntary": {"practiced": [1], "rating": 3, "answers": [f"{MANY_SCRIPTS} one"]},
        "hopeful": {"rating": 4, "answers": [f"{MANY_SCRIPTS} two"]},
    },
    "action_plan": f"- {MANY_SCRIPTS} plan",
    "support": f"{MANY_SCRIPTS} support",
}
UNICODE_PREP = {
    "values": {"hopeful": {"rating": 3, "answers": [f"{MANY_SCRIPTS} prep"]}},
    "topics": [f"{MANY_SCRIPTS} topic"],
    "questions": [],
}


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_many_scripts_are_saved_whatever_the_pipe(foreign: Foreign, encoding: str) -> None:
    # Windows' default for a piped stdout is the ANSI code page (cp1252 in Western Europe and
    # the Americas), which has none of these scripts. The journal on disk must hold the words
    # exactly as written anyway, and the commands below print nothing outside cp1252.
    foreign.env["PYTHONIOENCODING"] = encoding
    foreign.run("reflect", "--answers", foreign.answers(UNICODE_REFLECT))
    name = f"Renée {MANY_SCRIPTS}"
    foreign.run("prep", name, "--answers", foreign.answers(UNICODE_PREP, "p.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in foreign.journals()]
    assert len(texts) == 2
    assert any(f"{MANY_SCRIPTS} one" in t and f"{MANY_SCRIPTS} support" in t for t in texts)
    assert any(f"supervisee: {name}" in t and f"{MANY_SCRIPTS} topic" in t for t in texts)
    foreign.run("journal", "list")
    foreign.run("export", "journal", "1", "-o", "j.md")  # the reflection (2 is the prep)
    assert f"{MANY_SCRIPTS} support" in (foreign.root / "j.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
@pytest.mark.parametrize(
    "command", [("journal", "show", "latest"), ("export", "journal", "latest")], ids=" ".join
)
def test_many_scripts_printed_to_a_pipe(
    foreign: Foreign, encoding: str, command: tuple[str, ...]
) -> None:
    foreign.run("reflect", "--answers", foreign.answers(UNICODE_REFLECT))
    foreign.env["PYTHONIOENCODING"] = encoding
    printed = foreign.run(*command).stdout
    # Piped, peersup writes UTF-8 whatever the console's code page: nothing is lost.
    assert MANY_SCRIPTS in printed.decode("utf-8")


@pytest.mark.parametrize(
    "command",
    [("journal", "list"), ("journal", "search", "Renée"), ("journal", "trends"),
     ("journal", "compare", "1", "2"), ("journal", "summary"), ("journal", "list", "--json"),
     ("values",), ("show", "hope"), ("where",), ("config", "show")],
    ids=" ".join,
)
def test_every_command_survives_a_cp1252_pipe(foreign: Foreign, command: tuple[str, ...]) -> None:
    foreign.run("reflect", "--answers", foreign.answers(UNICODE_REFLECT))
    foreign.run("reflect", "--answers", foreign.answers(UNICODE_REFLECT))
    foreign.env["PYTHONIOENCODING"] = "cp1252"
    done = foreign.run(*command)
    text = done.stdout.decode("utf-8")  # strict: every byte is UTF-8
    assert text.strip(), command
    if command[:2] == ("journal", "search"):
        assert MANY_SCRIPTS in text


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_supervision_together_on_the_foreign_platform(foreign: Foreign, encoding: str) -> None:
    # share, prep --with, record, log, the packet and drafts, as a Windows user runs them.
    foreign.env["PYTHONIOENCODING"] = encoding
    foreign.run("reflect", "--answers", foreign.answers(UNICODE_REFLECT))
    told = foreign.run("share", "latest", "--include", "ratings,ticks,answers,plan",
                       "--keep-flagged", "-o", "shared.md")
    told.stderr.decode("utf-8")  # what it flagged, in UTF-8 whatever the pipe
    shared = foreign.root / "shared.md"
    text = shared.read_text(encoding="utf-8")
    assert f"{MANY_SCRIPTS} one" in text and f"{MANY_SCRIPTS} plan" in text
    assert f"{MANY_SCRIPTS} support" not in text  # not chosen, not in the file
    assert oct(shared.stat().st_mode & 0o777) == "0o600"

    foreign.run("prep", "Renée", "--with", "shared.md",
                "--answers", foreign.answers(UNICODE_PREP, "p.yaml"))
    record = {"minutes": 50, "format": "individual", "mode": "video",
              "agreed": [f"{MANY_SCRIPTS} agreed"]}
    foreign.run("record", "renée", "--answers", foreign.answers(record, "r.yaml"))
    records = [p for p in foreign.journals() if "-record-" in p.name]
    assert len(records) == 1 and "supervisee: Renée" in records[0].read_text(encoding="utf-8")

    log = foreign.run("log", "--csv").stdout.decode("utf-8")
    assert "Renée" in log and ",50," in log
    foreign.run("log", "--csv", "-o", "log.csv")
    assert "Renée" in (foreign.root / "log.csv").read_text(encoding="utf-8-sig")
    foreign.run("export", "packet", "Renée", "--format", "md", "-o", "packet.md")
    packet = (foreign.root / "packet.md").read_text(encoding="utf-8")
    assert f"{MANY_SCRIPTS} agreed" in packet and f"{MANY_SCRIPTS} one" in packet
    listing = foreign.run("journal", "list", "--kind", "record").stdout.decode("utf-8")
    assert "Renée" in listing and "Peer supporter" not in listing
    assert foreign.run("drafts").stdout.decode("utf-8").strip()
    assert [p.name for p in foreign.root.rglob("*.tmp")] == []


# -- Git Bash (mintty): standard input is a pipe there, yet a person is at the keyboard --------
@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process told it runs on Windows, through peersup's one switch for it (the real
    ``sys.platform`` stays, so nothing else changes its imports)."""
    from peersup_cli import paths

    monkeypatch.setattr(paths, "current_platform", lambda: "win32")


@pytest.mark.usefixtures("windows")
@pytest.mark.parametrize(
    "env", [{"MSYSTEM": "MINGW64"}, {"TERM_PROGRAM": "mintty"}], ids=["msystem", "term-program"]
)
def test_reflect_in_git_bash_says_how_to_run_it(
    cli, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = cli("reflect")
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    assert "Git Bash's window (mintty) is not a Windows console" in err
    assert "`winpty peersup reflect`" in err
    assert "Windows Terminal, PowerShell or Command Prompt" in err and "--answers FILE" in err
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("windows")
def test_prep_in_git_bash_names_the_command_in_quotes_every_shell_reads(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MSYSTEM", "MINGW64")
    err = " ".join(cli("prep", "Maria Lopez").stderr.split())
    assert '`winpty peersup prep "Maria Lopez"`' in err


def test_no_terminal_elsewhere_keeps_the_plain_message(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # MSYSTEM left over on Linux or macOS (an MSYS-built shell config) is not mintty.
    monkeypatch.setenv("MSYSTEM", "MINGW64")
    err = " ".join(cli("reflect").stderr.split())
    assert "standard input is not one" in err and "winpty" not in err


# -- hints a person can paste into their own shell ------------------------------------------
NAMES = [("O'Neil", '"O\'Neil"'), ("Maria Lopez", '"Maria Lopez"'), ("Zoë", "Zoë")]


@pytest.mark.parametrize(("name", "word"), NAMES, ids=[n for n, _ in NAMES])
def test_the_resume_hint_quotes_for_every_shell(name: str, word: str) -> None:
    # Double quotes: cmd.exe, PowerShell, bash and zsh all read "Maria Lopez" and "O'Neil" as one
    # word; shlex.quote's 'Maria Lopez' is two words in cmd, and its 'O'"'"'Neil' is noise there.
    from peersup_cli.messages import resume_command

    assert resume_command(name) == f"peersup prep {word} --resume"
    assert resume_command(None) == "peersup reflect --resume"


@pytest.mark.parametrize(("name", "word"), NAMES, ids=[n for n, _ in NAMES])
def test_agenda_hints_quote_for_every_shell(
    cli, pinned_paths: dict[str, Path], name: str, word: str
) -> None:  # type: ignore[no-untyped-def]
    from builders import journal, reflection, save
    from peersup_cli.journal.model import Agenda

    none_yet = " ".join(cli("prep", name, "--agenda").stderr.split())
    start = f"`peersup prep {word}`"
    assert none_yet == f"peersup: There is no prep for {name} yet. Start one with {start}."

    save(pinned_paths["home"], "2026-11-02-supervisor-prep-x.md", journal(
        "2026-11-02T14:00:00+10:00",
        reflection("voluntary", 3, (1,), ("Chose the focus.", None), role="supervisor"),
        role="supervisor", supervisee=name, status="partial", agenda=Agenda(topics=["Leave"]),
    ))
    shown = cli("prep", name, "--agenda")
    assert shown.exit_code == 0, shown.output
    assert f"`peersup prep {word} --resume` carries on" in shown.stdout


def test_no_hint_in_src_uses_posix_only_quoting() -> None:
    src = Path(__file__).resolve().parents[1] / "src"
    offenders = [p.name for p in src.rglob("*.py") if "shlex.quote" in p.read_text("utf-8")]
    assert offenders == []


# -- the editor path on the foreign platform ------------------------------------------------
EDIT_IN_CHILD = '''\
import io, sys
from pathlib import Path
from rich.console import Console
from peersup_cli.cli import terminal
from peersup_cli.reflection.port import Kind, Question

from peersup_cli import paths

paths.current_platform = lambda: "win32"  # read EDITOR as Windows does
lines = iter([":e"])
port = terminal.TerminalPort(
    Console(file=io.StringIO()), scratch_dir=Path(sys.argv[1]), read_line=lambda p: next(lines)
)
reply = port.ask(Question("v.answer.1", Kind.TEXT, "What helped?", current="Zoë"))
sys.stdout.buffer.write(reply.text.encode("utf-8"))
'''

NOTEPAD_LIKE = '''\
import sys
path = sys.argv[-1]
old = open(path, encoding="utf-8").read()
with open(path, "wb") as fh:  # what an editor on cp1252 leaves: CRLF, the ANSI code page
    fh.write((old + "\\r\\nRen\\u00e9e paid \\u20ac5 \\u2013 O'Neil too\\r\\n").encode("cp1252"))
'''


def test_the_editor_on_the_foreign_platform(foreign: Foreign) -> None:
    # No fchmod, no fork, no hard links; EDITOR a Windows-style quoted command; the editor saves
    # cp1252 with CRLF. The answer comes back whole, and the temporary file is gone.
    editor = foreign.root / "notepad like.py"
    editor.write_text(NOTEPAD_LIKE, encoding="utf-8")
    child = foreign.root / "child.py"
    child.write_text(EDIT_IN_CHILD, encoding="utf-8")
    drafts = foreign.home / ".drafts"
    env = {**foreign.env, "EDITOR": f'"{sys.executable}" "{editor}"', "PYTHONUTF8": "0"}
    result = subprocess.run(
        [sys.executable, str(child), str(drafts)], env=env, capture_output=True, timeout=60,
        check=False,
    )
    assert result.returncode == 0, _show(result)
    assert result.stdout.decode("utf-8") == "Zoë\nRenée paid €5 \u2013 O'Neil too"
    assert list(drafts.iterdir()) == []


# -- what peersup promises about who can open the journals -----------------------------------
@pytest.mark.parametrize("command", ["where", "about"])
def test_protection_is_described_honestly_per_platform(
    cli, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:  # type: ignore[no-untyped-def]
    from peersup_cli import paths

    posix = " ".join(cli(command).stdout.split())
    assert "only your user account can open (folders 0700, files 0600)" in posix
    monkeypatch.setattr(paths, "current_platform", lambda: "win32")
    windows = " ".join(cli(command).stdout.split())
    assert "0700" not in windows and "0600" not in windows
    assert "On Windows peersup sets no permissions of its own" in windows
    assert "AppData, only your account and the computer's administrators can open" in windows
