"""The root ``peersup`` app: global options, command registration, and the one place where
domain errors become a message on stderr and an exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import PeersupError
from . import browse, config_cmd, export_cmd, journal_cmd, reflect_cmd
from .clicklib import click
from .common import AppState

DEBUG_ENV = "PEERSUP_DEBUG"


class PeersupGroup(TyperGroup):
    """Runs every command inside one error boundary (subcommands run inside ``invoke``)."""

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


browse.register(app)
reflect_cmd.register(app)
journal_cmd.register(app)
export_cmd.register(app)
config_cmd.register(app)


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
