"""``peersup record NAME``: a supervision session recorded right after it."""

from __future__ import annotations

from pathlib import Path

import click

from . import options
from .base import Command, HelpArgument


@click.command(
    "record",
    cls=Command,
    short_help="Record a supervision session with NAME, right after it.",
    examples=[
        ("peersup record Sam", "What you talked about and agreed with Sam today."),
        ("peersup record Sam --answers session.yaml", "The same, from a file."),
        ('peersup record "Sam Lee" --resume', "Carry on with an unfinished record."),
    ],
)
@click.argument(
    "name",
    metavar="NAME",
    cls=HelpArgument,
    help="The supervisee's name, as you use it with `peersup prep`.",
)
@options.FRAMEWORK
@options.JOURNAL_DIR
@options.ANSWERS
@options.RESUME
def record(
    name: str,
    framework: str | None,
    journal_dir: Path | None,
    answers: Path | None,
    resume: bool,
) -> None:
    """Record a supervision session with NAME, right after it, in a few short questions.

    When it was and for how long, individual or group, in person, by video or by phone, which
    values and agenda items you talked about, what you agreed and who will do it, and when
    you meet next. Enter skips any question. Your next `peersup prep NAME` starts from what
    is still open.
    """
    from ..errors import UsageError
    from .session_flow import SessionArgs, run_session

    if not name.strip():
        raise UsageError("Please give the supervisee's name, e.g. peersup record Sam.")
    run_session(SessionArgs(
        kind="record", supervisee=name, role=None, framework=framework, values=None,
        focus=None, every=False, journal_dir=journal_dir, answers=answers, resume=resume,
        history=False,
    ))
