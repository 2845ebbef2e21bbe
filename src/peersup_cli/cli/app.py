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
from .base import Group, ShowHelp
from .common import AppState

DEBUG_ENV = "PEERSUP_DEBUG"

# Which module holds each command (and under which name), in the order --help lists them. Only
# the module a run asks for is imported: the others never cost it anything.
COMMANDS: dict[str, tuple[str, str]] = {
    "reflect": ("reflect_cmd", "reflect"),
    "prep": ("reflect_cmd", "prep"),
    "journal": ("journal_cmd", "journal"),
    "export": ("export_cmd", "export"),
    "frameworks": ("browse", "frameworks"),
    "values": ("browse", "values"),
    "show": ("browse", "show"),
    "about": ("browse", "about"),
    "validate": ("browse", "validate"),
    "init-guidelines": ("browse", "init_guidelines"),
    "config": ("config_cmd", "config"),
    "where": ("config_cmd", "where"),
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


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        output.echo(f"peersup {__version__}")
        ctx.exit()


@click.group(
    cls=PeersupGroup,
    name="peersup",
    context_settings={"help_option_names": ["-h", "--help"]},
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
    this computer."""
    ctx.obj = AppState(guidelines_path=guidelines)


def main(argv: list[str] | None = None) -> int:
    """Run peersup and return the exit code (the console script passes it to ``sys.exit``).

    The one error boundary: commands and domain code raise, and only this turns what they raise
    into words on stderr and an exit code. Nobody sees a traceback unless PEERSUP_DEBUG is set.
    """
    output.setup_streams()
    try:
        code = cli.main(args=argv, prog_name="peersup", standalone_mode=False)
    except PeersupError as exc:
        output.error(str(exc))
        return exc.exit_code
    except ShowHelp as exc:
        output.echo(exc.format_message(), err=True)
        return exc.exit_code
    except click.UsageError as exc:
        _usage_error(exc)
        return exc.exit_code
    except click.ClickException as exc:
        output.echo(f"Error: {exc.format_message()}", err=True)
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


def _usage_error(exc: click.UsageError) -> None:
    """Usage, a hint at the help, then the problem: the layout click itself uses."""
    lines = []
    ctx = exc.ctx
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help.")
        lines.append("")
    lines.append(f"Error: {exc.format_message()}")
    output.echo("\n".join(lines), err=True)
