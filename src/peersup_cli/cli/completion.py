"""Shell completion: ``peersup completion SHELL`` and what the shells are offered.

click 8 completes commands and options for bash, zsh and fish through the ``_PEERSUP_COMPLETE``
environment variable; PowerShell is added here (``PowerShellComplete``), so that every shell
gets the same answers on every click 8.x. Roles, frameworks and value ids come from the
guidelines in use; journal references (``latest``, recent numbers and dates) from the journal
index as it stands, read only, never built. Completion must be cheap and never fail: any error
means no suggestions.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from click.shell_completion import (
    CompletionItem,
    ShellComplete,
    add_completion_class,
    get_completion_class,
    split_arg_string,
)

from . import output
from .base import Command, HelpArgument
from .options import Word

COMPLETE_VAR = "_PEERSUP_COMPLETE"
SHELLS = ("bash", "zsh", "fish", "powershell")
RECENT = 20  # journals offered as numbers and dates

# The script PowerShell runs for each Tab: it asks peersup for the words that fit, one per
# line as TYPE<tab>VALUE<tab>HELP, and offers the plain ones (files and folders are left to
# PowerShell's own completion). No percent signs here: the template is %-formatted.
_SOURCE_POWERSHELL = """\
Register-ArgumentCompleter -Native -CommandName %(prog_name)s -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $line = $commandAst.ToString()
    $upTo = $cursorPosition - $commandAst.Extent.StartOffset
    if ($upTo -lt $line.Length) { $line = $line.Substring(0, $upTo) }
    $saved = @($env:%(complete_var)s, $env:COMP_WORDS, $env:COMP_CWORD)
    $env:%(complete_var)s = 'powershell_complete'
    $env:COMP_WORDS = $line
    $env:COMP_CWORD = $wordToComplete
    try {
        $answers = & %(prog_name)s 2>$null
    } finally {
        $env:%(complete_var)s, $env:COMP_WORDS, $env:COMP_CWORD = $saved
    }
    foreach ($answer in @($answers)) {
        $type, $value, $tip = $answer -split "`t", 3
        if ($type -ne 'plain' -or -not $value) { continue }
        if (-not $tip) { $tip = $value }
        [System.Management.Automation.CompletionResult]::new(
            $value, $value, 'ParameterValue', $tip)
    }
}
"""


class PowerShellComplete(ShellComplete):
    """Completion for PowerShell (Windows PowerShell 5.1 and PowerShell 7)."""

    name = "powershell"
    source_template = _SOURCE_POWERSHELL

    def get_completion_args(self) -> tuple[list[str], str]:
        words = split_arg_string(os.environ.get("COMP_WORDS", ""))
        incomplete = os.environ.get("COMP_CWORD", "")
        args = words[1:]
        # Like fish: the word being completed is both the last word and COMP_CWORD.
        if incomplete and args and args[-1] == incomplete:
            args.pop()
        return args, incomplete

    def format_completion(self, item: CompletionItem) -> str:
        tip = " ".join((item.help or "").split())
        return f"{item.type}\t{item.value}\t{tip}"


add_completion_class(PowerShellComplete)


def script(shell: str) -> str:
    """The script that turns completion on in ``shell``."""
    from .app import cli

    cls = get_completion_class(shell)
    assert cls is not None
    return cls(cli, {}, "peersup", COMPLETE_VAR).source()


# -- what the shells are offered ---------------------------------------------------------------
def items(found: Iterable[tuple[str, str]], incomplete: str) -> list[CompletionItem]:
    """``found`` (word, help) that start like ``incomplete``, any case, each once."""
    start = incomplete.casefold()
    seen: set[str] = set()
    out = []
    for word, help_ in found:
        if word not in seen and word.casefold().startswith(start):
            seen.add(word)
            out.append(CompletionItem(word, help=help_ or None))
    return out


def complete(kind: str, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
    """The words for ``kind`` ("values", "refs"); nothing at all when anything goes wrong."""
    try:
        if kind == "values":
            return items(_values(ctx), incomplete)
        if kind == "refs":
            return items(_refs(ctx), incomplete)
    except Exception:  # completion must never show a traceback in somebody's shell
        return []
    return []


def roles(ctx: click.Context) -> list[tuple[str, str]]:
    try:
        guidelines = _guidelines(ctx)
        labels: dict[str, str] = {}
        for fw in guidelines.frameworks:
            for role in fw.role_ids:
                labels.setdefault(role, fw.role_label(role))
        return sorted(labels.items())
    except Exception:  # see complete(): no suggestions, never an error
        return []


def frameworks(ctx: click.Context) -> list[tuple[str, str]]:
    try:
        return [(fw.id, fw.title) for fw in _guidelines(ctx).frameworks]
    except Exception:  # see complete()
        return []


def _guidelines(ctx: click.Context) -> Any:
    from ..guidelines.cache import load_guidelines_cached

    given = ctx.find_root().params.get("guidelines") or os.environ.get("PEERSUP_GUIDELINES")
    return load_guidelines_cached(Path(given) if given else None)


def _values(ctx: click.Context) -> list[tuple[str, str]]:
    from ..guidelines.lookup import get_framework

    guidelines = _guidelines(ctx)
    chosen = ctx.params.get("framework")
    try:
        fw = get_framework(guidelines, chosen)
    except Exception:
        fw = get_framework(guidelines, None)
    return [(v.id, f"{v.number}. {v.title}: {v.practice}") for v in fw.values]


def _refs(ctx: click.Context) -> list[tuple[str, str]]:
    """``latest``, then the recent journals' numbers and dates, from the index file as it is."""
    import sqlite3

    from .. import paths
    from .common import journal_dir

    found = [("latest", "your newest journal")]
    folder = journal_dir(ctx.params.get("journal_dir"))
    index = paths.index_file()
    if not index.is_file():
        return found
    key = str(folder.resolve()) if folder.exists() else str(folder)
    conn = sqlite3.connect(f"{index.as_uri()}?mode=ro", uri=True, timeout=0.2)
    try:
        rows = conn.execute(
            "SELECT ref, day, role, supervisee FROM journals WHERE dir = (SELECT id FROM folders "
            "WHERE path = ?) AND error IS NULL AND ref IS NOT NULL ORDER BY ref DESC LIMIT ?",
            (key, RECENT),
        ).fetchall()
    finally:
        conn.close()
    about = {
        ref: f"{day} {supervisee or str(role).replace('-', ' ')}" for ref, day, role, supervisee
        in rows
    }
    found += [(str(ref), text) for ref, text in about.items()]
    found += [(str(day), f"the newest journal of {day}") for _, day, _, _ in rows if day]
    return found


# -- the command -------------------------------------------------------------------------------
COMPLETION_HELP = """Print the script that lets your shell finish peersup's words for you.

Once it is set up, press Tab while typing a peersup command to finish a command, an option, a
role, a framework, a value or a journal reference. Add the line for your shell to the file
your shell reads when it starts, then open a new terminal.

\b
bash (add to ~/.bashrc):
    eval "$(peersup completion bash)"
zsh (add to ~/.zshrc, after compinit):
    eval "$(peersup completion zsh)"
fish (run once):
    peersup completion fish > ~/.config/fish/completions/peersup.fish
PowerShell (add to your $PROFILE file):
    peersup completion powershell | Out-String | Invoke-Expression
"""


@click.command(
    "completion",
    cls=Command,
    help=COMPLETION_HELP,
    short_help="Let your shell finish peersup's words when you press Tab.",
    examples=[
        ('eval "$(peersup completion bash)"', "Turn on completion in this bash session."),
        ("peersup completion powershell >> $PROFILE", "Turn it on in PowerShell for good."),
    ],
)
@click.argument(
    "shell",
    metavar="SHELL",
    cls=HelpArgument,
    type=Word(SHELLS, {"pwsh": "powershell", "ps": "powershell"}),
    help="bash, zsh, fish or powershell.",
)
def completion(shell: str) -> None:
    output.echo(script(shell).rstrip("\n"))

