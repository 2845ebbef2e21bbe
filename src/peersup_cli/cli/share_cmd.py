"""``peersup share REF``: a share file holding only what its author chose, checked first for
details that could identify someone.

At a terminal the person is asked part by part (``sharing.choose``); with ``--include`` nothing
is asked, and text the check flags stops the share unless ``--keep-flagged`` says to keep it.
The file is an ordinary journal (``kind: share``), written atomically, owner-only, never over
an existing file without ``--force``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import messages as msg
from . import options, output
from .base import Command

if TYPE_CHECKING:
    from ..guidelines.model import Framework
    from ..journal.model import Journal
    from ..reflection.port import InputPort
    from ..sharing.select import Part

PARTS_HELP = "ratings, ticks, answers, plan, support"


@click.command(
    "share",
    cls=Command,
    short_help="A file with only what you choose to share.",
    examples=[
        ("peersup share latest", "Choose, part by part, what to share from your newest journal."),
        ("peersup share 12 -o for-my-supervisor.md", "Journal 12, saved under a name you choose."),
        ("peersup share latest --include ratings,ticks", "No questions: ratings and ticks only."),
    ],
)
@options.ref_argument()
@options.output_option("The file to write (else peersup-share-DATE.md in this folder).")
@click.option(
    "--include", metavar="PARTS",
    help=f"Share these parts without asking ({PARTS_HELP}; commas between).",
)
@click.option(
    "--keep-flagged", is_flag=True,
    help="With --include: share text that may identify someone as it is, instead of stopping.",
)
@click.option(
    "--by", metavar="NAME",
    help="Your name on the file (else the `name` setting; else asked, and Enter leaves it out).",
)
@options.FORCE
@options.JOURNAL_DIR
def share(
    ref: str, target: Path | None, include: str | None, keep_flagged: bool, by: str | None,
    force: bool, journal_dir: Path | None,
) -> None:
    """Make a share file from one of your journals, with only what you choose.

    REF is what `peersup journal show` takes. You are asked, part by part, what to share:
    ratings and ticked guidelines (Enter: yes), then each answer, the action plan and the
    support you would like (Enter: no). Before anything is written, the text is checked for
    details that could identify someone (names, phone numbers, addresses, emails, dates of
    birth), and you keep, remove or edit each. The file is yours to hand over: peersup sends
    nothing anywhere.
    """
    from ..errors import NoTerminalError, PeersupError, UsageError
    from ..sharing.select import UnknownParts, parse_parts

    parts: frozenset[Part] | None = None
    if include is not None:
        try:
            parts = parse_parts(include)
        except UnknownParts as exc:
            raise UsageError(f"--include takes {PARTS_HELP}; not {', '.join(exc.names)}.") from None
    elif keep_flagged:
        raise UsageError("--keep-flagged goes with --include; at a terminal you decide about each.")
    elif not sys.stdin.isatty():
        raise NoTerminalError(msg.SHARE_NO_TERMINAL)
    from .export_cmd import journal_path

    path = journal_path(ref, journal_dir)
    journal = _shareable_kind(path)
    vocabulary = _vocabulary(journal, _framework(journal.framework))
    if parts is None:
        try:
            chosen = _ask(journal, vocabulary, by, journal_dir)
        except _Stopped:
            output.echo(msg.SHARE_STOPPED)
            return
        if chosen is None:
            output.echo(msg.SHARE_NOTHING)
            return
        selected, by_name = chosen
    else:
        scripted = _scripted(journal, parts, vocabulary, keep_flagged, ref)
        if scripted is None:
            raise PeersupError(msg.SHARE_NOTHING)
        selected, by_name = scripted, _by(by)
    _write(selected, path.name, by_name, target, force)


def _shareable_kind(path: Path) -> Journal:
    from ..errors import UsageError
    from ..journal.model import KIND_RECORD, KIND_SHARE
    from ..journal.store import load_journal

    journal = load_journal(path)
    if journal.kind in (KIND_RECORD, KIND_SHARE):
        kind = "record" if journal.kind == KIND_RECORD else "share file"
        raise UsageError(msg.SHARE_NOT_KIND.format(name=path.name, kind=kind))
    return journal


def _framework(framework_id: str) -> Framework | None:
    from ..errors import PeersupError
    from .common import load_guidelines

    try:
        return load_guidelines().framework(framework_id)
    except PeersupError:  # guidelines that cannot be read: the check still runs, with less
        return None


def _vocabulary(journal: Journal, framework: Framework | None) -> list[str]:
    """Words of the guidelines (titles, practices, role labels, glossary terms), never taken for
    someone's name ("Hope", "Grace" in a title)."""
    words = [text for r in journal.reflections for text in (r.title, r.practice)]
    words.append(journal.role_label)
    if framework is not None:
        words += [text for v in framework.values for text in (v.title, v.practice)]
        words += [role.label for role in framework.roles]
        words += list(framework.glossary)
    return words


def _ask(
    journal: Journal, vocabulary: list[str], by: str | None, journal_dir: Path | None
) -> tuple[Journal, str | None] | None:
    """The share at a terminal: what to include, the check, the name. None: nothing chosen.
    ``:q`` stops with nothing written (exit 0); Ctrl-C and a closed input likewise, as stops."""
    from ..errors import InputClosed, InputEnded, Interrupted, SessionStopped
    from ..reflection.port import Notice
    from ..sharing.choose import ask_by, choose, holds_anything, one_name, review, shareable
    from .terminal import enable_line_editing

    port = _port(journal_dir)
    enable_line_editing()
    try:
        port.show(Notice(msg.SHARE_START))
        selected = shareable(journal, choose(port, journal))
        if holds_anything(selected):
            selected = review(port, selected, vocabulary)
        if not holds_anything(selected):
            return None
        name = one_name(by) or _configured_name()
        chosen = selected, name if name is not None else ask_by(port)
        output.echo()
        return chosen
    except SessionStopped:
        raise _Stopped() from None
    except KeyboardInterrupt:
        output.echo()
        raise Interrupted(msg.SHARE_STOPPED) from None
    except InputClosed:
        output.echo()
        raise InputEnded(msg.SHARE_STOPPED) from None


class _Stopped(Exception):
    """The person typed :q."""


def _port(journal_dir: Path | None) -> InputPort:
    from .. import paths
    from .common import journal_dir as folder
    from .terminal import TerminalPort

    # An answer edited with :e is written to a private file beside the drafts while it is open.
    return TerminalPort(output.console(), scratch_dir=paths.drafts_dir(folder(journal_dir)))


def _scripted(
    journal: Journal, parts: frozenset[Part], vocabulary: list[str], keep_flagged: bool, ref: str
) -> Journal | None:
    """The share without a terminal: the parts named; flagged text stops it, or is kept and
    named when ``keep_flagged``. None: it would hold nothing."""
    from ..errors import PeersupError
    from ..sharing.choose import flag_lines, holds_anything
    from ..sharing.select import flagged_texts, select

    selected = select(journal, parts)
    if not holds_anything(selected):
        return None
    flagged = flagged_texts(selected, vocabulary=vocabulary)
    if flagged and not keep_flagged:
        hint = msg.SHARE_FLAGGED_HINT.format(ref=msg.command_word(ref))
        raise PeersupError("\n".join([msg.SHARE_FLAGGED, *flag_lines(flagged), hint]))
    if flagged:
        output.echo("\n".join([msg.SHARE_KEPT_FLAGGED, *flag_lines(flagged)]), err=True)
    return selected


def _by(by: str | None) -> str | None:
    from ..sharing.choose import one_name

    return one_name(by) or _configured_name()


def _configured_name() -> str | None:
    from ..config import load_config

    return load_config().name


def _parts_of(selected: Journal) -> frozenset[Part]:
    """The parts a share holds: one chosen but empty (no plan was written; every answer said
    yes to was then removed) is not said to be there."""
    from ..sharing.select import ACTION_PLAN_ID, SUPPORT_ID, Part, shared_texts

    texts = shared_texts(selected)
    found = {Part.RATINGS} if selected.ratings else set()
    found |= {Part.TICKS} if any(r.items for r in selected.reflections) else set()
    found |= {Part.ANSWERS} if any(t.where not in (ACTION_PLAN_ID, SUPPORT_ID)
                                   for t in texts) else set()
    found |= {Part.PLAN} if selected.action_plan is not None else set()
    found |= {Part.SUPPORT} if selected.support is not None else set()
    return frozenset(found)


def _write(
    selected: Journal, source: str, by: str | None, target: Path | None, force: bool
) -> None:
    from datetime import datetime

    from .. import __version__
    from ..journal.format import render
    from ..journal.model import STATUS_COMPLETE, SharedFrom
    from ..sharing.select import Part
    from .common import save_output

    parts = _parts_of(selected)
    names = [p.value for p in Part if p in parts]
    selected.shared = SharedFrom(on=datetime.now().astimezone(), source=source, parts=names,
                                 by=by)
    # Written by this peersup; and whole as it is (a hint to resume an unfinished journal would
    # mean nothing to the person it is handed to).
    selected.peersup_version = __version__
    selected.status, selected.planned = STATUS_COMPLETE, []
    default = f"peersup-share-{selected.date:%Y-%m-%d}.md"
    path = save_output(target or Path(default), render(selected), force=force, private=True,
                       example=default)
    words = ", ".join(msg.SHARE_PARTS_YOURS[name] for name in names)
    shown = str(path.resolve())
    text = msg.SHARE_SAVED.format(path=shown, parts=words)
    # The path on a line of its own, never wrapped, so it can be copied whole.
    output.echo("\n".join(line if line == shown else _wrapped(line)
                          for line in text.split("\n")))


def _wrapped(text: str) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, output.text_width(), break_on_hyphens=False))
