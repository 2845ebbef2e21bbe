"""``peersup reflect`` and ``peersup prep NAME``: guided walkthroughs saved as journals.

The commands only parse options; ``session_flow`` runs a session from the checks before the
first question to the last line, and the session itself lives in ``reflection``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from . import options, output
from .base import Command, HelpArgument


@click.command(
    "reflect",
    cls=Command,
    short_help="Reflect on a few core values; save a journal.",
    examples=[
        ("peersup reflect", "A short reflection: a few values, each in its turn."),
        ("peersup reflect -r peer --values hope", "One value, as a peer supporter."),
        ("peersup reflect --resume", "Carry on where you stopped."),
    ],
)
@options.ROLE
@options.session_options
@options.NO_HISTORY
def reflect(
    role: str | None,
    framework: str | None,
    values: str | None,
    every: bool,
    focus: int | None,
    journal_dir: Path | None,
    answers: Path | None,
    resume: bool,
    no_history: bool,
) -> None:
    """Reflect on a few of the core values and save your reflection as a dated journal.

    The values come in turn, so each gets its time over a few sessions (how many: you are
    asked, or set `peersup config set session_size 3`). For each value you read the guidelines
    for your role, tick what you have practised, rate where you are and answer a few
    questions; Enter skips any of them.
    """
    from .session_flow import SessionArgs, run_session

    run_session(SessionArgs(
        kind="reflect", supervisee=None, role=role, framework=framework, values=values,
        focus=focus, every=every, journal_dir=journal_dir, answers=answers, resume=resume,
        history=not no_history,
    ))


@click.command(
    "prep",
    cls=Command,
    short_help="Prepare for supervision with NAME.",
    examples=[
        ("peersup prep Sam", "Prepare your agenda for the next session with Sam."),
        ("peersup prep Sam --with sam-share.md",
         "Prepare with the self-evaluation Sam shared with you."),
        ("peersup prep Sam --agenda", "Print the agenda you prepared for Sam."),
    ],
)
@click.argument(
    "name",
    metavar="NAME",
    cls=HelpArgument,
    help="The supervisee's name, as you would like it kept.",
)
@options.session_options
@click.option(
    "--with",
    "with_file",
    type=options.Place(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Prepare with NAME's shared self-evaluation: a file made with `peersup share` (or a "
    "reflection). A copy is kept with your journals.",
)
@click.option("--agenda", is_flag=True, help="Print the latest agenda for NAME and stop.")
@options.NO_HISTORY
def prep(
    name: str,
    framework: str | None,
    values: str | None,
    every: bool,
    focus: int | None,
    journal_dir: Path | None,
    answers: Path | None,
    resume: bool,
    with_file: Path | None,
    agenda: bool,
    no_history: bool,
) -> None:
    """Prepare for a supervision session with NAME, starting from the agenda.

    What is still open from your last prep or record for NAME (done, carried over or
    dropped), topics to raise, questions to ask, what you want to offer or check on; then, if
    you like, one or two values to prepare with. With --with, the values NAME shared are
    offered, each with their view before your questions, and the agenda gains a few lines
    from their self-evaluation. It ends by printing the agenda.
    """
    from ..errors import UsageError
    from .session_flow import SessionArgs, run_session

    if not name.strip():
        raise UsageError("Please give the supervisee's name, e.g. peersup prep Sam.")
    if agenda:
        if with_file is not None:
            raise UsageError("--agenda prints the agenda you prepared; leave out --with.")
        _print_agenda(name, journal_dir)
        return
    run_session(SessionArgs(
        kind="prep", supervisee=name, role=None, framework=framework, values=values,
        focus=focus, every=every, journal_dir=journal_dir, answers=answers, resume=resume,
        history=not no_history, with_file=with_file,
    ))


@contextlib.contextmanager
def signals_stop_the_session(handler: Callable[[int, Any], None]) -> Iterator[None]:
    import signal

    previous: dict[int, Any] = {}
    for name in ("SIGHUP", "SIGTERM", "SIGBREAK"):  # whichever this platform has
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            previous[number] = signal.signal(number, handler)
        except (ValueError, OSError):  # not the main thread, or not allowed here
            continue
    try:
        yield
    finally:
        for number, old in previous.items():
            with contextlib.suppress(ValueError, OSError):
                signal.signal(number, old)


def _print_agenda(name: str, journal_dir: Path | None) -> None:
    from .. import messages as msg
    from ..errors import JournalError
    from ..history.lookback import Lookback
    from . import common
    from .agenda_view import agenda_text

    with Lookback(common.journal_dir(journal_dir)) as lookback:
        found = lookback.latest_prep(name)
    if found is None or found.journal.agenda is None:
        start = f"peersup prep {msg.command_word(name)}"
        raise JournalError(msg.NO_AGENDA_FOR.format(name=name, start=start))
    output.echo(agenda_text(found.journal, found.path, name))
