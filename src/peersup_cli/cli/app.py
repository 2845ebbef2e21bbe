"""The root ``peersup`` app: global options, command registration, and the one place where
domain errors become a message on stderr and an exit code."""

from __future__ import annotations

import functools
import importlib
import os
import sys
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import PeersupError
from .clicklib import click
from .common import AppState

DEBUG_ENV = "PEERSUP_DEBUG"


# Which module holds each command, in the order --help lists them. Only the module a run asks
# for is imported and turned into click commands: building all of them cost every run ~17 ms.
COMMANDS: dict[str, str] = {
    "reflect": "reflect_cmd",
    "prep": "reflect_cmd",
    "journal": "journal_cmd",
    "export": "export_cmd",
    "frameworks": "browse",
    "values": "browse",
    "show": "browse",
    "about": "browse",
    "validate": "browse",
    "init-guidelines": "browse",
    "config": "config_cmd",
    "where": "config_cmd",
}


@functools.cache
def _module_commands(module: str) -> dict[str, click.Command]:
    """The click commands that ``peersup_cli.cli.<module>.register`` defines."""
    mod = importlib.import_module(f"{__package__}.{module}")
    sub = typer.Typer(add_completion=False, rich_markup_mode=None)
    mod.register(sub)
    # A callback makes typer build a group even for a module with a single command.
    sub.callback()(lambda: None)
    group = typer.main.get_command(sub)
    return dict(getattr(group, "commands", {}))


class PeersupGroup(TyperGroup):
    """Finds commands lazily, and runs every one inside one error boundary (subcommands run
    inside ``invoke``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        return _module_commands(module).get(cmd_name) if module else None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PeersupError as exc:
            _say(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _say("Stopped. Nothing was lost: unfinished sessions are kept as drafts.")
            raise typer.Exit(130) from None
        except (click.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get(DEBUG_ENV):
                raise
            _say(
                f"peersup ran into a problem it did not expect: {exc.__class__.__name__}: {exc}. "
                f"Set {DEBUG_ENV}=1 to see the details."
            )
            raise typer.Exit(1) from None


def _say(message: str) -> None:
    for line in message.splitlines() or [""]:
        click.echo(f"peersup: {line}" if line else "", err=True)


app = typer.Typer(
    cls=PeersupGroup,
    name="peersup",
    help=(
        "Reflect on the core values of peer support, one value at a time. "
        "Everything stays on this computer."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"peersup {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    guidelines: Path | None = typer.Option(
        None,
        "--guidelines",
        envvar="PEERSUP_GUIDELINES",
        help="Use this guidelines file instead of the packaged one (also: PEERSUP_GUIDELINES).",
        dir_okay=False,
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and stop."
    ),
) -> None:
    ctx.obj = AppState(guidelines_path=guidelines)



def main(argv: list[str] | None = None) -> int:
    """Run the app and return the exit code (the console script passes it to ``sys.exit``)."""
    try:
        # Without standalone mode, typer *returns* the code of a `typer.Exit(code)` (errors
        # raised inside commands become one in PeersupGroup.invoke) instead of raising it.
        code = app(args=argv, prog_name="peersup", standalone_mode=False)
    except click.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        _say("Stopped.")
        return 130
    except KeyboardInterrupt:
        _say("Stopped.")
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the reader left: not an error worth a message.
        sys.stderr.close()
        return 0
    return code if isinstance(code, int) else 0
