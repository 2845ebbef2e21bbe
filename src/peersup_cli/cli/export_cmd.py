"""``peersup export``: printable checklists and filled journals as Markdown, HTML or PDF.

Only argument handling and writing the result live here; the documents are built and rendered
in ``peersup_cli.export`` (imported inside the commands, so other commands never pay for them).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import options, output
from .base import Command, Group, HelpArgument

if TYPE_CHECKING:
    from ..export.model import Document
    from ..guidelines.model import Framework
    from ..journal.model import Journal


@click.group(
    "export",
    cls=Group,
    short_help="Printable checklists, journals and supervision packets.",
    examples=[
        ("peersup export checklist", "A blank checklist, on the screen as Markdown."),
        ("peersup export checklist --format pdf -o checklist.pdf", "The same, ready to print."),
        ("peersup export packet Sam --format pdf -o sam.pdf", "A supervision packet to sign."),
    ],
)
def export() -> None:
    """Printable checklists, journals and supervision packets as Markdown, HTML or PDF."""


@export.command(
    "checklist",
    cls=Command,
    examples=[
        ("peersup export checklist --format pdf -o checklist.pdf", "A checklist to print."),
        ("peersup export checklist -r supervisor --values 1,2 --with-prompts",
         "Two values for a supervisor, with questions and room to write."),
    ],
)
@options.FRAMEWORK
@options.ROLE_OR_BOTH
@options.VALUES
@click.option("--with-descriptions", is_flag=True, help="Add each value's description.")
@click.option(
    "--with-prompts", is_flag=True, help="Add the reflective prompts, with lines to write on."
)
@options.PAPER
@options.FORMAT
@options.OUTPUT
@options.FORCE
def checklist(
    framework: str | None,
    role: str | None,
    values: str | None,
    with_descriptions: bool,
    with_prompts: bool,
    paper: str,
    fmt: str,
    target: Path | None,
    force: bool,
) -> None:
    """A blank, printable checklist to tick and write on.

    It holds each value's guidelines for one role or both, with boxes to tick. A blank
    checklist holds no one's words, so its file can be read by others (for a team drive).
    """
    from ..config import load_config
    from ..export.checklist import BOTH, build_checklist, resolve_roles
    from ..guidelines.lookup import find_values, get_framework
    from .common import load_guidelines

    _needs_output(fmt, target)
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
    _emit(doc, fmt, paper, target, force, "checklist")


@export.command(
    "journal",
    cls=Command,
    short_help="A filled journal, laid out like a checklist.",
    examples=[
        ("peersup export journal latest", "Your newest journal, on the screen."),
        ("peersup export journal 12 --format pdf -o journal.pdf", "Journal 12, ready to print."),
    ],
)
@options.ref_argument()
@options.FORMAT
@options.OUTPUT
@options.FORCE
@options.PAPER
@options.JOURNAL_DIR
def journal(
    ref: str, fmt: str, target: Path | None, force: bool, paper: str, journal_dir: Path | None
) -> None:
    """A filled journal in the checklist's layout: ticks, ratings and answers.

    REF is what `peersup journal show` takes, or the path of any journal file. The file
    written holds your words, so only you can open it, like your journals.
    """
    from ..export.journal_doc import build_journal
    from .common import load_guidelines

    _needs_output(fmt, target)
    entry = _load_journal(journal_path(ref, journal_dir))
    framework: Framework | None = load_guidelines().framework(entry.framework)
    _emit(build_journal(entry, framework), fmt, paper, target, force, "journal")


@export.command(
    "packet",
    cls=Command,
    short_help="One printable packet for a session with NAME.",
    examples=[
        ("peersup export packet Sam --format pdf -o sam.pdf", "The packet for Sam, to print."),
        ("peersup export packet Sam", "The same as Markdown, on the screen."),
    ],
)
@click.argument("name", metavar="NAME", cls=HelpArgument,
                help="The supervisee, as in `peersup prep NAME`.")
@options.FORMAT
@options.OUTPUT
@options.FORCE
@options.PAPER
@options.JOURNAL_DIR
def packet(
    name: str, fmt: str, target: Path | None, force: bool, paper: str, journal_dir: Path | None
) -> None:
    """One packet for a supervision session with NAME, to print and sign.

    It holds the agenda of your newest prep for NAME; the self-evaluation NAME shared
    (when the prep was made with it, `peersup prep NAME --with FILE`) beside your own view
    of each value; the record of the session with what was agreed and by whom (`peersup
    record NAME`, once there is one); and lines for you both to sign and date.
    """
    from .. import messages as msg
    from ..errors import UsageError
    from ..export.packet_doc import PacketParts, build_packet
    from ..history.by_kind import kept_share, latest_record
    from ..history.lookback import latest_prep
    from .common import journal_dir as folder
    from .common import load_guidelines
    from .progress import index_for

    _needs_output(fmt, target)
    jdir = folder(journal_dir)
    with index_for(jdir) as index:
        prep = latest_prep(index, name)
        if prep is None:
            start = f"peersup prep {msg.command_word(name)}"
            raise UsageError(msg.NO_AGENDA_FOR.format(name=name, start=start))
        assert prep.journal.supervisee is not None
        record = latest_record(index, prep.journal.supervisee, prep.journal.date)
    share = kept_share(jdir, prep.journal.with_share)
    doc = build_packet(PacketParts(
        name=prep.journal.supervisee, prep=prep.journal, share=share.journal,
        share_problem=share.problem, record=record.journal if record else None,
        framework=load_guidelines().framework(prep.journal.framework)))
    _emit(doc, fmt, paper, target, force, "packet")


def _needs_output(fmt: str, target: Path | None) -> None:
    from ..errors import UsageError

    if target is None and fmt != "md":
        raise UsageError(
            f"--format {fmt} needs a file to write to: add -o FILE "
            f"(for example -o checklist.{fmt})."
        )


def journal_path(ref: str, override: Path | None) -> Path:
    """The journal file REF names: any journal file's path, else one in the journal folder."""
    from ..history.refs import resolve
    from .common import journal_dir
    from .progress import index_for

    given = Path(ref).expanduser()
    if given.exists() and not given.is_dir():
        return given
    folder = journal_dir(override)
    with index_for(folder) as index:
        return resolve(ref, folder, index).path


def _load_journal(path: Path) -> Journal:
    from ..journal.store import load_journal

    return load_journal(path)


def _emit(
    doc: Document, fmt: str, paper: str, target: Path | None, force: bool, what: str
) -> None:
    from .common import save_output

    data: str | bytes
    if fmt == "md":
        from ..export.markdown import render_markdown

        data = render_markdown(doc)
        if target is None:
            output.echo(data.rstrip("\n"))
            return
    elif fmt == "html":
        from ..export.html import render_html

        data = render_html(doc, paper)
    else:
        from ..export.pdf import render_pdf

        data = render_pdf(doc, paper)
    assert target is not None
    # A blank checklist holds no one's words: it gets a normal file's mode, so a trainer can
    # share it on a team drive. A filled journal stays private (owner only).
    path = save_output(target, data, force=force, private=what != "checklist",
                       example=f"{what}.{fmt}")
    output.echo(f"Saved the {what} to {path}.")

