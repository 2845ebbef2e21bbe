"""The root ``peersup`` command: global options, the lazy command table, and ``main``, the one
place where errors of any kind become a message on stderr and an exit code."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import click

from .. import __version__
from .. import messages as msg
from ..errors import EXIT_FAILURE, EXIT_INTERRUPTED, PeersupError
from . import options, output
from .base import ExtraWords, Group, NoSuchCommand, first_example
from .common import AppState

DEBUG_ENV = "PEERSUP_DEBUG"
COMPLETE_VAR = "_PEERSUP_COMPLETE"

# Which module holds each command (and under which name), in the order --help lists them. Only
# the module a run asks for is imported: the others never cost it anything.
COMMANDS: dict[str, tuple[str, str]] = {
    "reflect": ("reflect_cmd", "reflect"),
    "prep": ("reflect_cmd", "prep"),
    "record": ("record_cmd", "record"),
    "drafts": ("drafts_cmd", "drafts"),
    "journal": ("journal_cmd", "journal"),
    "export": ("export_cmd", "export"),
    "share": ("share_cmd", "share"),
    "log": ("log_cmd", "log"),
    "frameworks": ("browse", "frameworks"),
    "values": ("browse", "values"),
    "show": ("browse", "show"),
    "about": ("browse", "about"),
    "validate": ("browse", "validate"),
    "init-guidelines": ("browse", "init_guidelines"),
    "config": ("config_cmd", "config"),
    "where": ("config_cmd", "where"),
    "completion": ("completion", "completion"),
}


class PeersupGroup(Group):
    """The root: finds each command in its module only when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        module = importlib.import_module(f"{__package__}.{where[0]}")
        command = getattr(module, where[1])
        assert isinstance(command, click.Command)
        return command

    def menu(self, ctx: click.Context) -> str:
        return msg.WELCOME


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        output.echo(f"peersup {__version__}")
        ctx.exit()


@click.group(
    cls=PeersupGroup,
    name="peersup",
    context_settings={"help_option_names": ["-h", "--help"]},
    examples=[
        ("peersup reflect", "Reflect on the core values, one at a time, and save a journal."),
        ("peersup prep Sam", "Prepare for a supervision session with Sam."),
        ("peersup export checklist -o checklist.pdf --format pdf", "A checklist to print."),
    ],
)
@options.GUIDELINES
@click.option(
    "--version",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_version,
    help="Show the version and stop.",
)
@click.pass_context
def cli(ctx: click.Context, guidelines: Path | None) -> None:
    """Reflect on the core values of peer support, one value at a time. Everything stays on
    this computer.

    Start with `peersup reflect`. Each command below has its own help, with examples:
    `peersup COMMAND --help`.
    """
    ctx.obj = AppState(guidelines_path=guidelines)


def main(argv: list[str] | None = None) -> int:
    """Run peersup and return the exit code (the console script passes it to ``sys.exit``).

    The one error boundary: commands and domain code raise, and only this turns what they raise
    into words on stderr and an exit code. Nobody sees a traceback unless PEERSUP_DEBUG is set.
    """
    output.setup_streams()
    if os.environ.get(COMPLETE_VAR):
        from . import completion  # noqa: F401  (registers PowerShell completion)
    try:
        code = cli.main(args=argv, prog_name="peersup", standalone_mode=False)
    except PeersupError as exc:
        output.error(str(exc))
        return exc.exit_code
    except click.UsageError as exc:
        output.error(plain_usage(exc))
        return exc.exit_code
    except click.ClickException as exc:
        output.error(exc.format_message())
        return exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        output.error(msg.STOPPED)
        return EXIT_INTERRUPTED
    except (output.OutputClosed, BrokenPipeError):
        # Output piped into `head` and the reader left: not an error worth a message.
        output.silence_closed_output()
        return 0
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        output.error(
            msg.UNEXPECTED.format(kind=exc.__class__.__name__, detail=exc, debug_env=DEBUG_ENV)
        )
        return EXIT_FAILURE
    return code if isinstance(code, int) else 0


# -- usage mistakes in one plain sentence -------------------------------------------------------
def plain_usage(exc: click.UsageError) -> str:
    """One sentence for a usage mistake, made from the exception's parts (the option, the word
    given, what would fit), naming the command's --help at most once. Never click's own
    ``Usage:``/``Try``/``Error:`` layout."""
    from ..matching import candidates, did_you_mean, suggest

    ctx = exc.ctx
    path = ctx.command_path if ctx is not None else "peersup"
    see = " " + msg.SEE_HELP.format(path=path)
    if isinstance(exc, NoSuchCommand):
        what = f"`{path}`" if path != "peersup" else "peersup"
        close = suggest(exc.name, candidates(exc.possibilities))
        close += [p for p in exc.possibilities if p.startswith(exc.name.lower()) and p not in close]
        hint = did_you_mean([f"{path} {c}" for c in close[:3]])
        return msg.NO_SUCH_COMMAND.format(name=exc.name, what=what) + hint + see
    if isinstance(exc, click.NoSuchOption):
        hint = did_you_mean(sorted(exc.possibilities or ()))
        return msg.NO_SUCH_OPTION.format(path=path, option=exc.option_name) + hint + see
    if isinstance(exc, ExtraWords):
        words = " ".join(f"`{w}`" for w in exc.words)
        hint = msg.EXTRA_WORDS_HINT if len(exc.words) > 1 else ""
        return msg.EXTRA_WORDS.format(path=path, words=words) + hint + see
    if isinstance(exc, click.MissingParameter):
        return _missing(exc, path) + see
    if isinstance(exc, click.BadParameter):
        return f"{_param_name(exc.param, exc.param_hint)} {_bad(exc)}" + see
    if isinstance(exc, click.BadOptionUsage):
        return _bad_option(exc, ctx) + see
    text = exc.format_message().strip().removeprefix("Error: ")
    return text + see


def _param_name(param: click.Parameter | None, hint: object = None) -> str:
    if isinstance(param, click.Option):
        longs = [o for o in param.opts if o.startswith("--")]
        return (longs or param.opts)[0]
    if param is not None:
        return param.human_readable_name
    return str(hint or "That")


def _bad(exc: click.BadParameter) -> str:
    """The rest of the sentence after the option's name: our own types word it already."""
    text = exc.message.strip()
    if text.startswith("takes ") or text.startswith("cannot "):
        return text
    return msg.BAD_VALUE.format(value="that", problem=text[:1].lower() + text[1:])


def _missing(exc: click.MissingParameter, path: str) -> str:
    param = exc.param
    if isinstance(param, click.Option):
        return msg.NEEDS_OPTION.format(path=path, option=_param_name(param))
    metavar = param.human_readable_name if param is not None else "more"
    command = exc.ctx.command if exc.ctx is not None else None
    example = first_example(command, path) if command is not None else None
    if example:
        return msg.NEEDS_ARGUMENT.format(path=path, metavar=metavar, example=example)
    return msg.NEEDS_ARGUMENT_PLAIN.format(path=path, metavar=metavar)


def _bad_option(exc: click.BadOptionUsage, ctx: click.Context | None) -> str:
    name = exc.option_name
    if "does not take" in exc.message:
        return msg.TAKES_NO_VALUE.format(option=name)
    param = next(
        (p for p in (ctx.command.params if ctx else []) if name in getattr(p, "opts", ())), None
    )
    metavar = (getattr(param, "metavar", None) or "a value") if param else "a value"
    nargs = getattr(param, "nargs", 1)
    if nargs > 1:
        return msg.NEEDS_VALUES.format(option=name, count=nargs, metavar=metavar)
    return msg.NEEDS_VALUE.format(option=name, metavar=metavar)
