"""``peersup export``: printable checklists and filled journals as Markdown, HTML or PDF.

Only argument handling and writing the result live here; the documents are built and rendered
in ``peersup_cli.export`` (imported inside the commands, so other commands never pay for them).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .common import command_group

if TYPE_CHECKING:
    from ..export.model import Document
    from ..guidelines.model import Framework
    from ..journal.model import Journal


class Format(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"


class Paper(StrEnum):
    a4 = "a4"
    letter = "letter"


FORMAT_HELP = "Output format: md (Markdown), html or pdf."
OUTPUT_HELP = "Write to this file (needed for html and pdf; md goes to the screen without it)."
FORCE_HELP = "Replace the output file if it already exists."


def checklist(
    framework: str | None = typer.Option(
        None,
        "--framework",
        metavar="ID",
        help="Framework id (default: your configured one, else ma-accs-2022).",
    ),
    role: str | None = typer.Option(
        None,
        "--role",
        metavar="ROLE",
        help="peer-supporter, supervisor or both (default: your configured role, else both).",
    ),
    values: str | None = typer.Option(
        None,
        "--values",
        metavar="LIST",
        help="Which values, by number, id or word: e.g. 1,3,hope (default: all).",
    ),
    with_descriptions: bool = typer.Option(
        False, "--with-descriptions", help="Add each value's description."
    ),
    with_prompts: bool = typer.Option(
        False, "--with-prompts", help="Add the reflective prompts, with lines to write on."
    ),
    paper: Paper = typer.Option(Paper.a4, "--paper", help="Paper size for html and pdf."),
    fmt: Format = typer.Option(Format.md, "--format", help=FORMAT_HELP),
    output: Path | None = typer.Option(None, "-o", "--output", metavar="FILE", help=OUTPUT_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
) -> None:
    """A blank, printable checklist to tick and write on."""
    from ..config import load_config
    from ..export.checklist import BOTH, build_checklist, resolve_roles
    from ..guidelines.lookup import find_values, get_framework
    from .common import load_guidelines

    _needs_output(fmt, output)
    config = load_config()
    fw = get_framework(load_guidelines(), framework or config.framework)
    if role is None:
        # A configured role the framework lacks (naps-2019 has supervisors only) is no error here.
        role = config.role if config.role in fw.role_ids else BOTH
    doc = build_checklist(
        fw,
        resolve_roles(fw, role),
        find_values(fw, values),
        descriptions=with_descriptions,
        prompts=with_prompts,
    )
    _emit(doc, fmt, paper, output, force, "checklist")


def journal(
    ref: str = typer.Argument(
        ...,
        metavar="REF",
        help="A journal: as in `peersup journal show` (e.g. latest, a date), or a file path.",
    ),
    fmt: Format = typer.Option(Format.md, "--format", help=FORMAT_HELP),
    output: Path | None = typer.Option(None, "-o", "--output", metavar="FILE", help=OUTPUT_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    paper: Paper = typer.Option(Paper.a4, "--paper", help="Paper size for html and pdf."),
    journal_dir: Path | None = typer.Option(
        None,
        "--journal-dir",
        metavar="DIR",
        help="Look for journals here instead of the usual folder.",
    ),
) -> None:
    """A filled journal in the checklist's layout: ticks, ratings and answers."""
    from ..export.journal_doc import build_journal
    from .common import load_guidelines

    _needs_output(fmt, output)
    entry = _load_journal(_journal_path(ref, journal_dir))
    framework: Framework | None = load_guidelines().framework(entry.framework)
    _emit(build_journal(entry, framework), fmt, paper, output, force, "journal")


def _needs_output(fmt: Format, output: Path | None) -> None:
    from ..errors import UsageError

    if output is None and fmt is not Format.md:
        raise UsageError(
            f"--format {fmt.value} needs a file to write to: add -o FILE "
            f"(for example -o checklist.{fmt.value})."
        )


def _journal_path(ref: str, override: Path | None) -> Path:
    from ..history.index import open_index
    from ..history.refs import resolve
    from .common import journal_dir

    given = Path(ref).expanduser()
    if given.exists() and not given.is_dir():
        return given
    folder = journal_dir(override)
    with open_index(folder) as index:
        return resolve(ref, folder, index).path


def _load_journal(path: Path) -> Journal:
    from ..journal.store import load_journal

    return load_journal(path)


def _emit(
    doc: Document, fmt: Format, paper: Paper, output: Path | None, force: bool, what: str
) -> None:
    from ..errors import UsageError
    from ..storage import atomic_write
    from .common import echo

    data: str | bytes
    if fmt is Format.md:
        from ..export.markdown import render_markdown

        data = render_markdown(doc)
        if output is None:
            echo(data.rstrip("\n"))
            return
    elif fmt is Format.html:
        from ..export.html import render_html

        data = render_html(doc, paper.value)
    else:
        from ..export.pdf import render_pdf

        data = render_pdf(doc, paper.value)
    assert output is not None
    path = output.expanduser()
    if path.is_dir():
        example = path / f"{what}.{fmt.value}"
        raise UsageError(f"{path} is a folder: give a file name, such as {example}.")
    try:
        atomic_write(path, data, overwrite=force)
    except FileExistsError:
        raise UsageError(f"{path} already exists. Add --force to replace it.") from None
    echo(f"Saved the {what} to {path}.")


def register(app: typer.Typer) -> None:
    """Add ``peersup export`` and its commands to the root app."""
    export = command_group(
        "export", "Printable checklists and journals as Markdown, HTML or PDF."
    )
    export.command("checklist")(checklist)
    export.command("journal")(journal)
    app.add_typer(export, name="export")
