"""The click classes every peersup command is made of.

They add what plain click lacks or does differently across 8.x releases, so that the help reads
the same everywhere and teaches: argument descriptions (click has them only from 8.5), an
``Examples:`` section from each command's ``examples``, one-line summaries that are never cut,
commands listed in the order they were added, help printed through ``output`` (sanitised,
encoding-safe), and a group run without a command that shows a short menu (exit 0) rather than
an error. Usage mistakes are raised as click exceptions with their parts intact (the option,
the word given, what would fit); ``app.main`` turns them into one plain sentence.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import click

Example = tuple[str, str]  # (command line, what it does)


class HelpArgument(click.Argument):
    """A positional argument with a line in an ``Arguments:`` section of ``--help``."""

    def __init__(self, param_decls: Sequence[str], help: str | None = None, **attrs: Any) -> None:
        # Kept apart from click's own ``help`` (8.5+), so the section is written once.
        self.doc = help
        super().__init__(param_decls, **attrs)


class NoSuchCommand(click.UsageError):
    """``peersup nope``: a command name that is not there."""

    def __init__(self, name: str, possibilities: Sequence[str], ctx: click.Context) -> None:
        super().__init__(f"No such command {name!r}.", ctx)
        self.name = name
        self.possibilities = list(possibilities)


class ExtraWords(click.UsageError):
    """Words left over once a command has every argument it takes."""

    def __init__(self, words: Sequence[str], ctx: click.Context) -> None:
        super().__init__(f"Got unexpected extra arguments ({' '.join(words)})", ctx)
        self.words = list(words)


def _show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from . import output

    output.echo(ctx.get_help())
    ctx.exit()


def summary(command: click.Command) -> str:
    """A command's one-line summary, whole: its ``short_help``, else its help's first line."""
    if command.short_help:
        return command.short_help
    text = (command.help or "").strip().split("\n\n", 1)[0]
    return " ".join(text.split())


class _Teaching:
    """What commands and groups share: help through ``output``, whole summaries, examples."""

    examples: tuple[Example, ...] = ()

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.callback = _show_help
        return option  # type: ignore[no-any-return]

    def get_short_help_str(self, limit: int = 45) -> str:
        assert isinstance(self, click.Command)
        return summary(self)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.examples:
            write_examples(formatter, self.examples)
        super().format_epilog(ctx, formatter)  # type: ignore[misc]


def write_examples(formatter: click.HelpFormatter, examples: Sequence[Example]) -> None:
    with formatter.section("Examples"):
        for i, (line, what) in enumerate(examples):
            if i:
                formatter.write_paragraph()
            formatter.write_text(f"\b\n{line}")
            if what:
                with formatter.indentation():
                    formatter.write_text(what)


class Command(_Teaching, click.Command):
    """A peersup command: documented arguments come before the options in ``--help``."""

    def __init__(self, *args: Any, examples: Sequence[Example] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.examples = tuple(examples)

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

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Leftover words are gathered here and named plainly, rather than in click's wording.
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest = _parse(super().parse_args, ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            raise ExtraWords(rest, ctx)
        return rest


class Group(_Teaching, click.Group):
    """A group of commands (``peersup journal ...``), listed in the order they were added.

    Run without a command, it prints ``menu(ctx)`` (by default its commands and examples) and
    exits with 0: being curious about ``peersup journal`` is no mistake.
    """

    command_class = Command

    def __init__(
        self,
        *args: Any,
        examples: Sequence[Example] = (),
        menu: Callable[[click.Context], str] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs["invoke_without_command"] = True
        kwargs.setdefault("subcommand_metavar", "COMMAND [ARGS]")
        kwargs["no_args_is_help"] = False
        super().__init__(*args, **kwargs)
        self.examples = tuple(examples)
        self._menu = menu
        if self.callback is not None:
            self.callback = self._menu_when_alone(self.callback)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def menu(self, ctx: click.Context) -> str:
        """What ``peersup GROUP`` alone prints."""
        if self._menu is not None:
            return self._menu(ctx)
        return group_menu(self, ctx)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return _parse(super().parse_args, ctx, args)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if (
            name
            and not name.startswith("-")
            and self.get_command(ctx, name) is None
            and not ctx.resilient_parsing
        ):
            raise NoSuchCommand(name, self.list_commands(ctx), ctx)
        return super().resolve_command(ctx, args)

    def _menu_when_alone(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(callback)
        def run(*args: Any, **kwargs: Any) -> Any:
            result = callback(*args, **kwargs)
            ctx = click.get_current_context()
            if ctx.invoked_subcommand is None:
                from . import output

                output.echo(self.menu(ctx))
                ctx.exit(0)
            return result

        return run


Group.group_class = Group


def _parse(
    parse: Callable[[click.Context, list[str]], list[str]], ctx: click.Context, args: list[str]
) -> list[str]:
    """``parse(ctx, args)``; a mistake click's parser raises without a context gets this one,
    so that its sentence can name the right command."""
    try:
        return parse(ctx, args)
    except click.UsageError as exc:
        if exc.ctx is None:
            exc.ctx = ctx
        raise


def group_menu(group: click.Group, ctx: click.Context, intro: str | None = None) -> str:
    """A group's short menu: what it is for, its commands, a couple of examples."""
    from .. import messages as msg

    names = group.list_commands(ctx)
    commands = [(n, group.get_command(ctx, n)) for n in names]
    width = max((len(n) for n in names), default=0)
    lines = [intro or summary(group), ""]
    lines += [
        f"  {ctx.command_path} {name:<{width}}  {summary(cmd)}" for name, cmd in commands if cmd
    ]
    examples = getattr(group, "examples", ())
    if examples:
        lines += ["", msg.MENU_FOR_EXAMPLE, *(f"  {line}" for line, _ in examples[:3])]
    lines += ["", msg.MENU_MORE.format(path=ctx.command_path)]
    return "\n".join(lines)


def first_example(command: click.Command, path: str) -> str | None:
    """The first of ``command``'s examples that is a run of it (``peersup show hope``)."""
    examples: Sequence[Example] = getattr(command, "examples", ())
    return next((line for line, _ in examples if line.startswith(f"{path} ")), None)
