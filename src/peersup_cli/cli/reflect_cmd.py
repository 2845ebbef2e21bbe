"""``peersup reflect`` and ``peersup prep NAME``: guided walkthroughs saved as journals.

The commands only parse options, pick the input port (the terminal, or an ``--answers`` file),
and render the result; the session itself lives in ``reflection``.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import options, output
from .base import Command, HelpArgument

if TYPE_CHECKING:
    from ..reflection.answers_file import AnswersData
    from ..reflection.port import InputPort

SUPERVISOR = "supervisor"
T = TypeVar("T")


@click.command(
    "reflect",
    cls=Command,
    short_help="Reflect on the core values; save a journal.",
    examples=[
        ("peersup reflect", "Reflect on every value, one at a time."),
        ("peersup reflect -r peer --focus 3", "A short session: three values as a peer supporter."),
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
    focus: int | None,
    journal_dir: Path | None,
    answers: Path | None,
    resume: bool,
    no_history: bool,
) -> None:
    """Walk through the core values and save your reflection as a dated journal.

    For each value you read the guidelines for your role, tick what you have practised, rate
    where you are and answer a few questions; Enter skips any of them.
    """
    _session(
        kind="reflect", supervisee=None, role=role, framework=framework, values=values,
        focus=focus, journal_dir=journal_dir, answers=answers, resume=resume,
        history=not no_history,
    )


@click.command(
    "prep",
    cls=Command,
    short_help="Prepare for supervision with NAME.",
    examples=[
        ("peersup prep Sam", "Prepare for your next session with Sam."),
        ("peersup prep Sam --agenda", "Print the agenda you prepared for Sam."),
        ('peersup prep "Sam Lee" --resume', "Carry on with an unfinished prep."),
    ],
)
@click.argument(
    "name",
    metavar="NAME",
    cls=HelpArgument,
    help="The supervisee's name, as you would like it kept.",
)
@options.session_options
@click.option("--agenda", is_flag=True, help="Print the latest agenda for NAME and stop.")
@options.NO_HISTORY
def prep(
    name: str,
    framework: str | None,
    values: str | None,
    focus: int | None,
    journal_dir: Path | None,
    answers: Path | None,
    resume: bool,
    agenda: bool,
    no_history: bool,
) -> None:
    """Prepare for a supervision session with NAME: carry-overs, reflection, agenda."""
    from ..errors import UsageError

    if not name.strip():
        raise UsageError("Please give the supervisee's name, e.g. peersup prep Sam.")
    if agenda:
        _print_agenda(name, journal_dir)
        return
    _session(
        kind="prep", supervisee=name, role=SUPERVISOR, framework=framework, values=values,
        focus=focus, journal_dir=journal_dir, answers=answers, resume=resume,
        history=not no_history,
    )


def _resume_command(kind: str, supervisee: str | None) -> str:
    from .. import messages as msg

    # Double quotes where needed: read the same in cmd.exe, PowerShell, bash and zsh.
    return msg.resume_command((supervisee or "") if kind == "prep" else None)


def _session(
    *,
    kind: str,
    supervisee: str | None,
    role: str | None,
    framework: str | None,
    values: str | None,
    focus: int | None,
    journal_dir: Path | None,
    answers: Path | None,
    resume: bool,
    history: bool,
) -> None:
    from datetime import datetime

    from .. import __version__, paths
    from .. import messages as msg
    from ..config import load_config
    from ..errors import (
        AnswersFileError,
        InputClosed,
        InputEnded,
        Interrupted,
        NoTerminalError,
        SessionStopped,
        UsageError,
    )
    from ..guidelines.lookup import get_framework
    from ..history.lookback import Lookback
    from ..journal import store
    from ..reflection import runner
    from ..reflection.answers_file import AnswersPort, check_against, load_answers
    from ..reflection.port import Notice
    from . import common
    from .progress import IndexProgress
    from .terminal import TerminalPort, enable_line_editing, no_terminal_message, render_block

    if answers is not None and resume:
        raise UsageError("--resume and --answers cannot be used together.")
    if resume and (values or focus):
        raise UsageError(msg.RESUME_CONFLICT)
    if answers is None and not sys.stdin.isatty():
        command = "reflect" if kind == "reflect" else f"prep {msg.command_word(supervisee or '')}"
        raise NoTerminalError(no_terminal_message(command))
    guidelines = common.load_guidelines()
    config = load_config()
    jdir = common.journal_dir(journal_dir)
    console = output.console()
    data = load_answers(answers, prep=kind == "prep") if answers is not None else None
    resume_hint = _resume_command(kind, supervisee)

    port: InputPort
    if data is None:
        enable_line_editing()
        port = TerminalPort(console, scratch_dir=paths.drafts_dir(jdir))
    def welcome() -> None:
        if store.is_first_run(jdir):
            notice = msg.FIRST_RUN.format(journal_dir=jdir)
            if data is None:
                port.show(Notice(notice))
            else:
                output.echo(notice, err=True)
            store.mark_welcomed(jdir)

    if data is None:
        welcome()
    progress = IndexProgress()
    lookback = Lookback(jdir, progress=progress)
    try:
        if resume:
            found = runner.find_session(
                lookback, kind, role=role if kind == "reflect" else None,
                supervisee=supervisee, guidelines=guidelines,
            )
            for sentence in found.set_aside if found is not None else []:
                output.error(sentence)
            if found is None:
                what = f"prep for {supervisee}" if kind == "prep" else "reflection"
                start_cmd = resume_hint.removesuffix(" --resume")
                raise UsageError(msg.NOTHING_TO_RESUME.format(what=what, start=start_cmd))
            if found.open_elsewhere is not None:
                # Another window has it: offer a new session here rather than take it over.
                if not _start_new_instead(port, found.open_elsewhere):
                    return
                resume = False
            else:
                plan = runner.resume_plan(
                    guidelines, found.draft, found.journal, lookback, history=history)
                draft = found.draft
                resumed = True
        if not resume:
            fw_id = framework or (data.framework if data else None) or _configured_framework(
                guidelines, config.framework, kind
            )
            fw = _from_file(data, "framework", framework, lambda: get_framework(guidelines, fw_id))
            chosen_role = _choose_role(kind, role, data, config.role)
            if chosen_role is None:
                if data is not None:
                    raise AnswersFileError(
                        f"{data.source}: role: missing; add `role: ...` or use --role."
                    )
                chosen_role = runner.ask_role(port, fw)
                if chosen_role is None:
                    return
            if (
                data is not None and data.supervisee is not None and supervisee is not None
                and not store.same_person(data.supervisee, supervisee)
            ):
                raise AnswersFileError(
                    f"{data.source}: supervisee: {data.supervisee!r} is not {supervisee!r}."
                )
            default_ids = list(data.values) if data is not None and data.values else None
            from ..guidelines.lookup import check_role

            _from_file(data, "role", role, lambda: check_role(fw, chosen_role))
            chosen = runner.pick_values(
                fw, values, focus, lookback=lookback, role=chosen_role, default_ids=default_ids
            )
            plan, draft = runner.start(
                guidelines, kind=kind, framework_id=fw.id, role=chosen_role, values=chosen,
                lookback=lookback, now=datetime.now().astimezone(), supervisee=supervisee,
                history=history and data is None,
            )
            resumed = False
        if data is not None:
            check_against(data, plan.framework, plan.role, plan.carry_items)
            port = AnswersPort(data, plan.carry_items)
            welcome()
        lookback.close()  # everything looked back on is in the plan: free the index
        progress.close()
        # A closed terminal (SIGHUP) or a shutdown (SIGTERM) saves what was typed and stops
        # as :q does; every entered line is in the draft already.
        with _signals_stop_the_session(runner.StopOnSignal()):
            result = runner.run(
                plan, port, draft, journal_dir=jdir, version=__version__, resumed=resumed,
                keep_drafts=data is None, resume_hint=resume_hint,
            )
    except SessionStopped:
        console.print()
        raise Interrupted(msg.INTERRUPTED.format(resume=resume_hint)) from None
    except KeyboardInterrupt:
        console.print()
        raise Interrupted(msg.INTERRUPTED.format(resume=resume_hint)) from None
    except InputClosed:
        console.print()
        raise InputEnded(msg.INPUT_CLOSED.format(resume=resume_hint)) from None
    finally:
        lookback.close()
        progress.close()

    if result.path is None or result.journal is None:
        return
    if result.journal.status == "partial":
        console.print()
        output.echo(msg.CLOSING_PARTIAL.format(path=result.path, resume=resume_hint))
        return
    render_block(console, runner.summarise(result.journal, result.path))


def _start_new_instead(port: InputPort, sentence: str) -> bool:
    """Ask whether to start a new session, the unfinished one being open elsewhere."""
    from ..errors import UsageError
    from ..reflection.port import Choice, Command, Kind, Question

    question = Question(
        "start_new", Kind.CHOICE, sentence, "1 starts a new one · 2 leaves it",
        (Choice("1", "Start a new one"), Choice("2", "Leave it for now")),
        can_go_back=False,
    )
    try:
        reply = port.ask(question)
    except Exception:  # an answers file cannot answer this: say the sentence instead
        raise UsageError(sentence) from None
    return reply.command is not Command.STOP and (reply.text or "").strip() == "1"


@contextlib.contextmanager
def _signals_stop_the_session(handler: Callable[[int, Any], None]) -> Iterator[None]:
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


def _from_file(data: AnswersData | None, key: str, option: str | None, check: Callable[[], T]) -> T:
    """Run ``check``; when the value came from the answers file, its error names the key."""
    from ..errors import AnswersFileError, UsageError

    try:
        return check()
    except UsageError as exc:
        if data is None or option is not None or getattr(data, key) is None:
            raise
        raise AnswersFileError(f"{data.source}: {key}: {exc.message}") from None


def _configured_framework(guidelines: object, configured: str | None, kind: str) -> str | None:
    """The config's framework, unless prep needs a supervisor role it does not have."""
    from ..guidelines.model import Guidelines

    if configured and kind == "prep" and isinstance(guidelines, Guidelines):
        fw = guidelines.framework(configured)
        if fw is not None and SUPERVISOR not in fw.role_ids:
            return None
    return configured


def _choose_role(
    kind: str, role: str | None, data: AnswersData | None, configured: str | None
) -> str | None:
    from ..errors import AnswersFileError

    if kind == "prep":
        if data is not None and data.role not in (None, SUPERVISOR):
            raise AnswersFileError(f"{data.source}: role: prep is for the supervisor role.")
        return SUPERVISOR
    return role or (data.role if data is not None else None) or configured


def _print_agenda(name: str, journal_dir: Path | None) -> None:
    from .. import messages as msg
    from ..errors import JournalError
    from ..history.lookback import Lookback
    from . import common

    with Lookback(common.journal_dir(journal_dir)) as lookback:
        found = lookback.latest_prep(name)
    if found is None or found.journal.agenda is None:
        start = f"peersup prep {msg.command_word(name)}"
        raise JournalError(msg.NO_AGENDA_FOR.format(name=name, start=start))
    path, journal = found.path, found.journal
    agenda = journal.agenda
    assert agenda is not None
    lines = [
        msg.AGENDA_HEADING.format(
            name=journal.supervisee, date=journal.date.strftime("%A %d %B %Y, %H:%M")
        ),
        str(path),
    ]
    if journal.status == "partial":
        lines.append(msg.AGENDA_UNFINISHED.format(name=msg.command_word(name)))
    sections = [
        (msg.AGENDA_CARRIED, agenda.carried, " "),
        (msg.AGENDA_DONE, agenda.done, "x"),
        (msg.AGENDA_TOPICS, agenda.topics, " "),
        (msg.AGENDA_QUESTIONS, agenda.questions, " "),
    ]
    for title, items, box in sections:
        if box == "x" and not items:
            continue
        lines += ["", title]
        lines += [f"  - [{box}] {item}" for item in items] or [f"  {msg.AGENDA_EMPTY}"]
    output.echo("\n".join(lines))

