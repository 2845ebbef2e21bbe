"""The click classes every peersup command is made of.

They add what plain click lacks or does differently across 8.x releases, so that the help reads
the same everywhere: argument descriptions (click has them only from 8.5), commands listed in
the order they were added, help printed through ``output`` (sanitised, encoding-safe), and a
group run without a command that shows its help on stderr and exits with 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NoReturn

import click


class HelpArgument(click.Argument):
    """A positional argument with a line in an ``Arguments:`` section of ``--help``."""

    def __init__(self, param_decls: Sequence[str], help: str | None = None, **attrs: Any) -> None:
        # Kept apart from click's own ``help`` (8.5+), so the section is written once.
        self.doc = help
        super().__init__(param_decls, **attrs)


class ShowHelp(click.UsageError):
    """A group run without a command: its help goes to stderr (exit 2)."""


def _show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from . import output

    output.echo(ctx.get_help())
    ctx.exit()


class _HelpThroughOutput:
    """``--help`` printed by ``output.echo`` rather than by click's own echo."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.callback = _show_help
        return option  # type: ignore[no-any-return]


class Command(_HelpThroughOutput, click.Command):
    """A peersup command: documented arguments come before the options in ``--help``."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            # get_usage_pieces, not make_metavar: its signature is the same on every click 8.x.
            (" ".join(param.get_usage_pieces(ctx)), param.doc or "")
            for param in self.get_params(ctx)
            if isinstance(param, HelpArgument) and param.doc
        ]
        if rows:
            with formatter.section("Arguments"):
                formatter.write_dl(rows)
        super().format_options(ctx, formatter)


class Group(_HelpThroughOutput, click.Group):
    """A group of commands (``peersup journal ...``), listed in the order they were added."""

    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("no_args_is_help", True)
        super().__init__(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            _no_command(ctx)
        return super().parse_args(ctx, args)


Group.group_class = Group


def _no_command(ctx: click.Context) -> NoReturn:
    raise ShowHelp(ctx.get_help(), ctx=ctx)
