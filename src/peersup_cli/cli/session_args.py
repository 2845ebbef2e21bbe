"""Step 1 of a session (``session_flow``): everything typed on the command line, in the
settings and in an answers file is checked before the first question: option conflicts, the
framework, the role, the values, the session_size setting, and a prep's --with file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .. import messages as msg

if TYPE_CHECKING:
    from ..config import Config
    from ..guidelines.model import Framework, Guidelines, Value
    from ..journal.model import Journal
    from ..reflection.answers_file import AnswersData

SUPERVISOR = "supervisor"
T = TypeVar("T")


@dataclass
class SessionArgs:
    kind: str
    supervisee: str | None
    role: str | None
    framework: str | None
    values: str | None
    focus: int | None
    every: bool
    journal_dir: Path | None
    answers: Path | None
    resume: bool
    history: bool
    with_file: Path | None = None  # prep --with: the supervisee's shared self-evaluation


@dataclass
class Checked:
    """What the command line and settings say, each checked."""

    framework: Framework
    role: str | None  # None: to be asked
    values: list[Value] | None  # chosen with --values
    size: int | None  # the session_size setting (0: every value)
    share: Journal | None = None  # read from --with FILE


def check_args(args: SessionArgs) -> tuple[Guidelines, Checked, AnswersData | None]:
    """The guidelines, what the command line and settings say, and the answers file, each
    checked; ``UsageError`` (or one of its kind) with one plain sentence otherwise."""
    from ..config import load_config
    from ..errors import NoTerminalError, UsageError
    from ..reflection.answers_file import load_answers
    from . import common
    from .terminal import no_terminal_message

    if args.answers is not None and args.resume:
        raise UsageError("--resume and --answers cannot be used together.")
    if args.with_file is not None and args.resume:
        raise UsageError(msg.WITH_RESUME_CONFLICT)
    if args.resume and (args.values or args.focus or args.every):
        raise UsageError(msg.RESUME_CONFLICT)
    if args.every and (args.values or args.focus):
        raise UsageError(msg.ALL_CONFLICT)
    guidelines = common.load_guidelines()
    config = load_config()
    data = load_answers(args.answers, kind=args.kind) if args.answers else None
    checked = _check(args, guidelines, config, data)
    if args.with_file is not None:
        from ..sharing.received import read_shared

        checked.share = read_shared(args.with_file)
    if data is None and not sys.stdin.isatty():
        command = "reflect" if args.kind == "reflect" else (
            f"{args.kind} {msg.command_word(args.supervisee or '')}")
        raise NoTerminalError(no_terminal_message(command))
    return guidelines, checked, data


def _check(
    args: SessionArgs, guidelines: Guidelines, config: Config, data: AnswersData | None
) -> Checked:
    from ..errors import AnswersFileError
    from ..guidelines.lookup import check_role, find_values, get_framework

    fw_id = args.framework or (data.framework if data else None) or _configured_framework(
        guidelines, config.framework, args.kind)
    framework = _from_file(data, "framework", args.framework,
                           lambda: get_framework(guidelines, fw_id))
    role: str | None
    if args.kind != "reflect":
        if data is not None and data.role not in (None, SUPERVISOR):
            raise AnswersFileError(
                f"{data.source}: role: {args.kind} is for the supervisor role.")
        role = SUPERVISOR
    else:
        role = args.role or (data.role if data is not None else None) or config.role
    if role is not None:
        chosen = role
        _from_file(data, "role", args.role, lambda: check_role(framework, chosen))
    if (data is not None and data.supervisee is not None and args.supervisee is not None
            and not _same(data.supervisee, args.supervisee)):
        raise AnswersFileError(
            f"{data.source}: supervisee: {data.supervisee!r} is not {args.supervisee!r}.")
    values = find_values(framework, args.values) if args.values else None
    size = config.size if args.kind == "reflect" else None
    return Checked(framework, role, values, size)


def _same(a: str, b: str) -> bool:
    from ..journal import store

    return store.same_person(a, b)


def _from_file(data: AnswersData | None, key: str, option: str | None, check: Callable[[], T]) -> T:
    """Run ``check``; when the value came from the answers file, its error names the key."""
    from ..errors import AnswersFileError, UsageError

    try:
        return check()
    except UsageError as exc:
        if data is None or option is not None or getattr(data, key) is None:
            raise
        raise AnswersFileError(f"{data.source}: {key}: {exc.message}") from None


def _configured_framework(guidelines: Guidelines, configured: str | None, kind: str) -> str | None:
    """The config's framework, unless prep or record needs a supervisor role it lacks."""
    if configured and kind != "reflect":
        fw = guidelines.framework(configured)
        if fw is not None and SUPERVISOR not in fw.role_ids:
            return None
    return configured
