"""Browse the guidelines: frameworks, values, show, about, validate, init-guidelines.

Only click and the standard library at the top: the guidelines and yaml are imported inside the
commands. Output is plain aligned text that reads the same on a terminal (with bold headings),
in a file or through a pipe; these commands are run often, and rich would cost them ~40 ms.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import common, options, output
from .base import Command, HelpArgument

if TYPE_CHECKING:
    from ..guidelines.model import Framework, Guidelines

DIFF_HELP = (
    "Show what framework B changed from framework A. Each is a framework's name (naps-2019) "
    "or FILE:NAME for one in another guidelines file (ours.yaml:ma-accs-2022)."
)

INIT_HEADER = """\
# Your own copy of the peersup guidelines, written by `peersup init-guidelines` (peersup {version}).
#
# How to adapt it for your setting:
#   - Edit, add or remove values, their guidelines and prompts; give a framework you change a new
#     id and title (e.g. our-org-2025) so nobody mistakes it for the original.
#   - Keep each framework's source and licence lines: they credit the people who wrote the
#     guidelines. Say what you adapted from in source.adapted_from.
#   - Check your changes:        peersup validate {name}
#   - Use it for any command:    peersup --guidelines {name} values
#                                (or set PEERSUP_GUIDELINES={name})
#   - See what you changed:      peersup frameworks --diff ma-accs-2022 {name}:YOUR-ID
#   - Every key is explained in docs/guidelines-format.md.
#
# ---------------------------------------------------------------------------------------------
"""


# -- commands --------------------------------------------------------------------------------
@click.command(
    "frameworks",
    cls=Command,
    examples=[
        ("peersup frameworks", "Every framework, with its values, roles and source."),
        ("peersup frameworks --diff ma-accs-2022 ours.yaml:our-org-2025",
         "What your own copy changed."),
    ],
)
@click.option("--diff", nargs=2, metavar="A B", default=None, help=DIFF_HELP)
@options.JSON
def frameworks(diff: tuple[str, str] | None, as_json: bool) -> None:
    """List the frameworks, or compare two with --diff.

    Shows each framework's name, title, number of values, roles and source.
    """
    from ..guidelines import describe

    if diff:
        _frameworks_diff(diff[0], diff[1], as_json)
        return
    guidelines = common.load_guidelines()
    if as_json:
        output.print_json(
            {
                "guidelines": common.guidelines_source(),
                "frameworks": [describe.framework_dict(fw) for fw in guidelines.frameworks],
            }
        )
        return
    # One record per framework, on a terminal too: five columns of long titles do not fit.
    output.echo(describe.frameworks_text(guidelines, _width()))


@click.command(
    "values",
    cls=Command,
    examples=[
        ("peersup values", "The core values of the framework you use."),
        ("peersup values -f naps", "The values of naps-2019 (the start of a name is enough)."),
    ],
)
@options.FRAMEWORK
@options.JSON
def values(framework: str | None, as_json: bool) -> None:
    """List the values of a framework.

    Each core value with its number, id, title and practice phrase. Use the number, the id or
    a word of the title wherever peersup asks for a value.
    """
    from ..guidelines import describe

    fw = _framework(common.load_guidelines(), framework)
    if as_json:
        output.print_json(
            {"framework": fw.id, "values": [describe.value_row(v) for v in fw.values]}
        )
        return
    rows = [[str(v.number), v.id, v.title, v.practice] for v in fw.values]
    _table(["#", "Id", "Title", "Practice"], rows, title=f"{fw.title} ({fw.id})", no_wrap=2)


@click.command(
    "show",
    cls=Command,
    examples=[
        ("peersup show hope", "The value Hopeful: its guidelines and questions."),
        ("peersup show 3 -r supervisor", "Value 3, with the supervisor's guidelines only."),
    ],
)
@click.argument(
    "value",
    metavar="VALUE",
    cls=HelpArgument,
    help="The value: its number, id, or a word from its title (3, hope, strengths).",
    shell_complete=options.complete("values"),
)
@options.FRAMEWORK
@options.ROLE
@options.JSON
def show(value: str, framework: str | None, role: str | None, as_json: bool) -> None:
    """Show one value in full.

    Its title, practice phrase and description, each role's guidelines, and questions to
    reflect on.
    """
    from ..guidelines import describe
    from ..guidelines.lookup import check_role, find_value

    fw = _framework(common.load_guidelines(), framework)
    chosen = check_role(fw, role)
    v = find_value(fw, value)
    roles = (chosen,) if chosen else fw.role_ids
    if as_json:
        output.print_json(describe.value_dict(fw, v, roles))
    else:
        _emit(describe.value_text(fw, v, roles, _width()))


@click.command(
    "about", cls=Command, examples=[("peersup about", "Who wrote the guidelines, and more.")]
)
def about() -> None:
    """What peersup is, its sources, and where it keeps files."""
    from .. import __version__, paths
    from .. import messages as msg
    from ..guidelines.describe import paragraphs

    guidelines = common.load_guidelines()
    width = _width()
    journals = common.journal_dir()
    sources: list[str] = []
    for fw in guidelines.frameworks:
        s = fw.source
        lines = [paragraphs(f"{fw.title} ({fw.id})", width, 2)]
        lines.append(paragraphs(f"Source: {s.credit()}", width, 4))
        if s.adapted_from:
            lines.append(paragraphs(f"Adapted from: {s.adapted_from}", width, 4))
        lines.append(paragraphs(f"Licence note: {s.licence}", width, 4))
        sources.append("\n".join(lines))
    sources.append(paragraphs(f"Loaded from: {common.guidelines_source()}", width, 2))
    files = [
        ("Journals", journals),
        ("Unfinished sessions", paths.drafts_dir(journals)),
        ("Settings", paths.config_file()),
        ("Cache (safe to delete)", paths.cache_dir()),
    ]
    out = [
        f"peersup {__version__}",
        paragraphs(ABOUT, width),
        "Guidelines\n" + "\n\n".join(sources),
        paragraphs(CREDIT, width),
        "Your files\n"
        + "\n".join(paragraphs(f"{label}: {where}", width, 2) for label, where in files)
        + "\n"
        + paragraphs(f"{PRIVACY} {msg.protection(paths.current_platform())}", width, 2),
        "Licence\n" + paragraphs(LICENCE, width, 2),
    ]
    output.echo("\n\n".join(out))


@click.command(
    "validate",
    cls=Command,
    examples=[("peersup validate our-guidelines.yaml", "Check your adapted copy.")],
)
@click.argument(
    "file",
    metavar="FILE",
    type=click.Path(path_type=Path),
    cls=HelpArgument,
    help="The guidelines file to check.",
)
def validate(file: Path) -> None:
    """Check a guidelines file.

    Prints every problem found, each with its line number, or says the file is valid.
    """
    from ..errors import GuidelinesError, UsageError
    from ..guidelines.loader import load_guidelines

    try:
        guidelines = load_guidelines(file)
    except GuidelinesError as exc:
        for problem in exc.problems:
            output.echo(problem)
        n = len(exc.problems)
        raise UsageError(f"{file} is not valid: {n} problem{'s' if n != 1 else ''}.") from None
    n_fw = len(guidelines.frameworks)
    n_values = sum(len(fw.values) for fw in guidelines.frameworks)
    output.echo(
        f"{file} is valid: {n_fw} framework{'s' if n_fw != 1 else ''}, "
        f"{n_values} value{'s' if n_values != 1 else ''}."
    )


@click.command(
    "init-guidelines",
    cls=Command,
    examples=[
        ("peersup init-guidelines our-guidelines.yaml", "Start your own copy."),
        ("peersup init-guidelines our-guidelines.yaml --force", "Start again from scratch."),
    ],
)
@click.argument(
    "path",
    metavar="FILE",
    type=click.Path(path_type=Path),
    cls=HelpArgument,
    help="Where to write your copy, such as our-guidelines.yaml.",
)
@options.FORCE
def init_guidelines(path: Path, force: bool) -> None:
    """Write a copy of the guidelines to adapt for your setting.

    The copy starts with a short note on how to adapt it. A file already there is kept unless
    you add --force.
    """
    from .. import __version__
    from ..errors import UsageError
    from ..guidelines.loader import packaged_path
    from ..storage import atomic_write

    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name, e.g. {path / 'guidelines.yaml'}.")
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"The folder {folder} does not exist; create it first or pick another.")
    text = INIT_HEADER.format(version=__version__, name=path) + packaged_path().read_text("utf-8")
    try:
        atomic_write(path, text, overwrite=force)
    except FileExistsError:
        raise UsageError(
            f"{path} already exists; choose another name, or add --force to replace it."
        ) from None
    from ..guidelines.describe import paragraphs

    output.echo(
        paragraphs(
            f"Wrote {path}. Adapt it, check it with `peersup validate {path}`, "
            f"then use it with `peersup --guidelines {path} values`.",
            _width(),
        )
    )


# -- helpers ---------------------------------------------------------------------------------
ABOUT = (
    "peersup is a reflection checklist for the peer support workforce. Peer supporters and "
    "their supervisors take the core values of peer support one at a time, look at the "
    "practice guidelines for their role, answer a few open questions, and keep what they write "
    "as dated journals in plain text files."
)
CREDIT = (
    "With thanks: the values and guidelines come from the National Association of Peer "
    "Supporters (NAPS), National Practice Guidelines for Peer Specialists and Supervisors "
    "(2019), and from the Massachusetts ACCS Peer Support Supervision Workgroup, in "
    "collaboration with iSPARC, UMass Chan Medical School, Guidelines for Supervision of Peer "
    "Supporters (2022). Their wording is quoted as written. The reflective questions and the "
    "rating scale are peersup's own."
)
PRIVACY = "Nothing leaves this computer: peersup makes no network connections."
LICENCE = (
    "peersup itself is free software under the MIT licence. The guideline texts stay with their "
    "authors (see the licence notes above)."
)


def _framework(guidelines: Guidelines, framework_id: str | None) -> Framework:
    """``--framework``, else the config file's framework if this file has it, else the default."""
    from ..guidelines.lookup import get_framework

    if not framework_id:
        from .. import paths

        # Only read the config (tomllib and friends, ~5 ms) when there is one.
        if not paths.config_file().exists():
            return get_framework(guidelines, None)
        from ..config import load_config

        configured = load_config().framework
        if configured and guidelines.framework(configured):
            framework_id = configured
    return get_framework(guidelines, framework_id)


def _frameworks_diff(spec_a: str, spec_b: str, as_json: bool) -> None:
    from ..guidelines import describe
    from ..guidelines.diff import diff_frameworks

    loaded: dict[str, Guidelines] = {}
    a = _resolve(spec_a, loaded)
    b = _resolve(spec_b, loaded)
    result = diff_frameworks(a, b, spec_a, spec_b)
    if as_json:
        output.print_json(result.as_dict())
    else:
        output.echo(describe.diff_text(result, _width()))


def _resolve(spec: str, loaded: dict[str, Guidelines]) -> Framework:
    """A framework from ``ID`` (the guidelines in use) or ``FILE:ID``."""
    from ..errors import UsageError
    from ..guidelines.diff import split_spec
    from ..guidelines.loader import load_guidelines
    from ..guidelines.lookup import get_framework

    file, fid = split_spec(spec)
    if not fid:
        raise UsageError(f"{spec!r}: name a framework after the colon, e.g. {file}:ma-accs-2022.")
    if file is None:
        return get_framework(common.load_guidelines(), fid)
    if file not in loaded:
        loaded[file] = load_guidelines(Path(file).expanduser())
    fw = loaded[file].framework(fid)
    if fw is None:
        known = ", ".join(f.id for f in loaded[file].frameworks)
        raise UsageError(f"No framework called {fid!r} in {file}. Available: {known}.")
    return fw


def _emit(text: str) -> None:
    """Print ``text``: bold headings for a person at a colour terminal, plain everywhere else.

    The terminal gets the same plain layout as a file: rich would add 35-45 ms to every
    ``values`` and ``show`` (pushing them past 100 ms) for no gain in what the person reads.
    """
    import os

    if not _is_tty() or os.environ.get("NO_COLOR"):
        output.echo(text)
        return
    lines = text.split("\n")
    output.echo_headings(lines, (i for i, line in enumerate(lines) if _is_heading(line, lines, i)))


def _is_tty() -> bool:
    return sys.stdout.isatty()


def _is_heading(line: str, lines: list[str], i: int) -> bool:
    # The first line, and any unindented line followed by an indented list or a rule.
    if i == 0:
        return bool(line.strip())
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    return bool(line) and not line[0].isspace() and (nxt.startswith("  ") or nxt.startswith("--"))


def _width() -> int:
    return output.text_width()


def _table(headers: list[str], rows: list[list[str]], title: str, no_wrap: int = 0) -> None:
    """A plain aligned table under a title (``no_wrap`` is kept for callers' intent: numbers
    and ids are short enough never to wrap)."""
    from ..guidelines.describe import paragraphs, plain_table

    del no_wrap
    text = paragraphs(title, _width()) + "\n\n" + plain_table(headers, rows, _width())
    _emit(text)
