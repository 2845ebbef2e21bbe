"""The first minute: `peersup` alone welcomes, groups alone show a menu, every --help teaches
(plain words, examples, nothing cut, 80 columns), and every usage mistake is one sentence."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click
import pytest

from peersup_cli.cli.app import COMMANDS
from peersup_cli.cli.app import cli as root


def every_command() -> list[tuple[str, ...]]:
    """The root, every command in COMMANDS, and each group's commands."""
    ctx = click.Context(root)
    found: list[tuple[str, ...]] = [()]
    for name in COMMANDS:
        command = root.get_command(ctx, name)
        assert command is not None, name
        found.append((name,))
        if isinstance(command, click.Group):
            found += [(name, sub) for sub in command.list_commands(ctx)]
    return found


def test_the_walk_finds_every_group_command() -> None:
    found = every_command()
    assert ("journal", "summary") in found and ("config", "set") in found
    assert ("export", "journal") in found and ("completion",) in found


# -- a welcome, not an error --------------------------------------------------------------------
def test_peersup_alone_welcomes(cli: Any) -> None:
    result = cli()
    assert result.exit_code == 0 and result.stderr == ""
    out = result.stdout
    for first in ("peersup reflect", "peersup prep NAME", "peersup export checklist",
                  "peersup share latest", "peersup record NAME", "peersup log",
                  "peersup --help"):
        assert first in out
    assert "Usage:" not in out and "Error" not in out
    assert len(out.splitlines()) <= 16  # short: all of it on one screen, with room to spare
    # ... and narrow: no row an 80-column terminal would cut inside a word.
    assert max(len(line) for line in out.splitlines()) < 80


@pytest.mark.parametrize("group", ["journal", "export", "config"])
def test_a_group_alone_shows_its_menu(cli: Any, group: str) -> None:
    result = cli(group)
    assert result.exit_code == 0 and result.stderr == ""
    assert f"peersup {group} " in result.stdout and "Usage:" not in result.stdout
    assert f"peersup {group} COMMAND --help" in result.stdout


def test_config_alone_shows_the_settings(cli: Any) -> None:
    assert cli("config", "set", "role", "supervisor").exit_code == 0
    out = cli("config").stdout
    assert re.search(r"role\s+supervisor", out)
    assert re.search(r"framework\s+\(not set\)", out)
    assert "peersup config set" in out


# -- help that teaches --------------------------------------------------------------------------
LEFTOVERS = ("<str>", "<int", "TEXT", "INTEGER", "PATH", "DIRECTORY", "FILENAME", "x>=", "...",
             "beats", "[env var")


@pytest.mark.parametrize("args", every_command(), ids=lambda a: " ".join(a) or "peersup")
def test_every_help_teaches(cli: Any, args: tuple[str, ...]) -> None:
    result = cli(*args, "--help")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "\nExamples:\n" in text, args
    examples = text.split("\nExamples:\n", 1)[1]
    runs = [line.strip() for line in examples.splitlines() if line.startswith("  peersup")
            or line.startswith('  eval "$(peersup')]
    assert 1 <= len(runs) <= 3, (args, runs)
    for leftover in LEFTOVERS:
        assert leftover not in text, (args, leftover)
    assert not re.search(r"\{[a-z0-9|-]+\}", text), args  # click's {a|b} choices
    assert not re.search(r"\[[a-z0-9]+\|[a-z0-9|]+\]", text), args  # or its [a|b]
    for line in text.splitlines():
        assert len(line) <= 80, (args, line)
    assert text.count("PEERSUP_GUIDELINES") <= 1 and text.count("PEERSUP_HOME") <= 1


def test_examples_in_help_are_real_commands(cli: Any) -> None:
    # Every example starts with a command peersup has (or turns completion on).
    names = set(COMMANDS)
    for args in every_command():
        text = cli(*args, "--help").stdout.split("\nExamples:\n", 1)[1]
        for line in text.splitlines():
            if line.startswith("  peersup "):
                assert line.split()[1] in names, line


# -- one plain sentence for every usage mistake -------------------------------------------------
MISTAKES: list[tuple[tuple[str, ...], str]] = [
    (("nope",), "`nope` is not a peersup command"),
    (("refelct",), "Did you mean `peersup reflect`?"),
    (("journal", "lsit"), "Did you mean `peersup journal list`?"),
    (("show",), "`peersup show` needs VALUE after it, for example `peersup show hope`"),
    (("prep",), "for example `peersup prep Sam`"),
    (("journal", "show"), "`peersup journal show` needs REF"),
    (("journal", "compare", "1"), "needs B"),
    (("validate",), "needs FILE"),
    (("completion",), "needs SHELL"),
    (("completion", "tcsh"), "SHELL takes `bash`, `zsh`, `fish` or `powershell`, not tcsh."),
    (("journal", "list", "--limit", "-3"),
     "--limit takes a whole number of 0 or more, not -3. See `peersup journal list --help`."),
    (("journal", "list", "--limit", "lots"), "--limit takes a whole number of 0 or more"),
    (("journal", "list", "--limit"), "--limit needs NUMBER after it."),
    (("journal", "list", "--limt", "3"), "has no option --limt. Did you mean `--limit`?"),
    (("reflect", "--focus", "0"), "--focus takes a whole number of 1 or more, not 0."),
    (("export", "checklist", "--format", "doc"), "--format takes `md`, `html` or `pdf`"),
    (("export", "checklist", "--paper", "a5"), "--paper takes `a4` or `letter`, not a5."),
    (("values", "extra"), "`peersup values` did not expect `extra`."),
    (("values", "--json=yes"), "--json takes no value"),
    (("frameworks", "--diff", "a"), "--diff needs 2 words after it: A B."),
    (("--nope",), "`peersup` has no option --nope."),
    (("show", "hope", "--rol", "peer"), "Did you mean `--role`?"),
    (("show", "hopefull"), "Did you mean: 2 hopeful"),
    (("values", "--framework", "nasp"), "Did you mean `naps-2019`?"),
    (("journal", "show", "lastest"), "Did you mean `latest`?"),
]


@pytest.mark.parametrize(("args", "words"), MISTAKES, ids=lambda a: " ".join(a)[:30])
def test_a_usage_mistake_is_one_plain_sentence(cli: Any, args: tuple[str, ...], words: str,
                                               tmp_path: Path) -> None:
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    err = result.stderr
    assert err.count("\n") == 1 and err.startswith("peersup: "), err
    for clutter in ("Usage:", "Error:", "Try ", "Traceback"):
        assert clutter not in err, err
    assert err.count("--help") <= 1
    assert words in err, err


def test_a_file_where_a_folder_belongs(cli: Any, tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("x", encoding="utf-8")
    err = cli("where", "--journal-dir", str(file)).stderr
    assert err == (f"peersup: --journal-dir takes a folder, and {file} is a file. "
                   "See `peersup where --help`.\n")


# -- consistent options -------------------------------------------------------------------------
def test_short_flags_are_the_same_everywhere(cli: Any) -> None:
    for args in every_command():
        text = cli(*args, "--help").stdout
        if "--framework" in text:
            assert "-f, --framework" in text, args
        if "--role" in text:
            assert "-r, --role" in text, args
        if "--output" in text:
            assert "-o, --output" in text, args


def test_init_guidelines_refuses_then_replaces_with_force(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "ours.yaml"
    target.write_text("my own work\n", encoding="utf-8")
    refused = cli("init-guidelines", str(target))
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert target.read_text("utf-8") == "my own work\n"
    replaced = cli("init-guidelines", str(target), "--force")
    assert replaced.exit_code == 0, replaced.output
    assert "Wrote" in replaced.stdout
    assert "my own work" not in target.read_text("utf-8")
    assert cli("validate", str(target)).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ours.yaml"]  # no temporary file


def test_a_role_reads_the_same_in_reflect(cli: Any, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("values:\n  hopeful:\n    rating: 3\n", encoding="utf-8")
    result = cli("reflect", "-r", "Peer", "-f", "MA", "--values", "hope",
                 "--answers", str(answers))
    assert result.exit_code == 0, result.output
    journals = list((tmp_path / "journals").glob("*.md"))
    assert len(journals) == 1 and "peer-supporter" in journals[0].read_text("utf-8")
