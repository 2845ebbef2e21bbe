"""``peersup config show``, ``peersup config set KEY VALUE`` and ``peersup where``."""

from __future__ import annotations

from pathlib import Path

import click

from . import options, output
from .base import Command, Group, HelpArgument


def _menu(ctx: click.Context) -> str:
    """``peersup config`` alone: the settings and their values, then what to do with them."""
    from .. import messages as msg
    from .. import paths
    from ..config import KEYS, load_config
    from ..errors import PeersupError
    from .base import group_menu

    lines = [group_menu(config, ctx)]
    try:
        settings = load_config().as_dict()
    except PeersupError as exc:
        lines += ["", str(exc)]
        return "\n".join(lines)
    width = max(len(k) for k in KEYS)
    lines += ["", msg.CONFIG_MENU_SETTINGS.format(file=paths.config_file())]
    lines += [
        f"  {key:<{width}}  {value if value is not None else msg.CONFIG_NOT_SET}"
        for key, value in settings.items()
    ]
    return "\n".join(lines)


@click.group(
    "config",
    cls=Group,
    short_help="Show or change your settings.",
    menu=_menu,
    examples=[
        ("peersup config set role supervisor", "Reflect as a supervisor unless you say otherwise."),
        ("peersup config show", "Every setting and where they are kept."),
    ],
)
def config() -> None:
    """Show or change your settings: your usual role, framework, journal folder and how many
    values a reflection takes."""


@config.command(
    "show",
    examples=[
        ("peersup config show", "Every setting, and where the settings file is."),
        ("peersup config show --json", "The same, for a script."),
    ],
)
@options.JSON
def show(as_json: bool) -> None:
    """Show every setting and where the settings file is."""
    from .. import paths
    from ..config import KEYS, load_config

    settings = load_config().as_dict()
    if as_json:
        output.print_json({"file": str(paths.config_file()), "settings": settings})
        return
    lines = [f"Config file: {paths.config_file()}", ""]
    width = max(len(k) for k in KEYS)
    for key, value in settings.items():
        lines.append(f"{key:<{width}}  {value if value is not None else '(not set)'}")
    lines += ["", "Change a setting with: peersup config set KEY VALUE (an empty VALUE clears it)."]
    output.echo("\n".join(lines))


@config.command(
    "set",
    examples=[
        ("peersup config set role peer-supporter", "Your usual role."),
        ("peersup config set session_size 2", "Reflections take two values, without asking."),
        ('peersup config set journal_dir ""', "Back to the usual journal folder."),
    ],
)
@click.argument(
    "key",
    metavar="KEY",
    cls=HelpArgument,
    help="role, framework, journal_dir, session_size or name.",
)
@click.argument(
    "value",
    metavar="VALUE",
    cls=HelpArgument,
    help="The new value; an empty value clears the setting.",
)
def set_(key: str, value: str) -> None:
    """Change one setting; it is checked before it is saved."""
    from ..config import set_value

    new = set_value(key, _matched(key, value), check=_check)
    shown = new.as_dict()[key]
    if shown is None:
        output.echo(f"Cleared {key}.")
    else:
        output.echo(f"Set {key} to {shown}.")


def _matched(key: str, value: str) -> str:
    """A role or framework as typed (``Supervisor``, ``peer``, ``naps``) in its proper form,
    by the one matcher every option uses; anything it cannot place is left to ``_check``."""
    from .. import matching
    from . import common

    if key not in ("role", "framework") or not value.strip():
        return value
    guidelines = common.load_guidelines()
    if key == "framework":
        choices = [matching.Candidate(f.id) for f in guidelines.frameworks]
    else:
        labels = {r.id: r.label for f in guidelines.frameworks for r in f.roles}
        choices = [matching.Candidate(rid, aliases=(label,)) for rid, label in labels.items()]
    try:
        return matching.pick(value, choices)
    except (matching.NoMatch, matching.Ambiguous):
        return value


def _check(key: str, value: str) -> str | None:
    """A plain sentence if ``value`` cannot work for ``key``, else None."""
    from ..config import load_config
    from . import common

    if key == "framework":
        guidelines = common.load_guidelines()
        if guidelines.framework(value) is None:
            known = ", ".join(f.id for f in guidelines.frameworks)
            return f"There is no framework called {value!r}. Available: {known}."
    elif key == "role":
        guidelines = common.load_guidelines()
        configured = load_config().framework
        frameworks = [f for f in guidelines.frameworks if not configured or f.id == configured]
        roles = sorted({r for f in frameworks for r in f.role_ids})
        if value not in roles:
            where = f" in {configured}" if configured else ""
            return f"There is no role called {value!r}{where}. Roles: {', '.join(roles)}."
    elif key == "session_size":
        from ..config import session_size
        from ..errors import ConfigError

        try:
            session_size(value)
        except ConfigError as exc:
            return exc.message
    elif key == "journal_dir":
        path = Path(value).expanduser()
        if path.exists() and not path.is_dir():
            return f"{value} exists and is not a folder."
    return None


@click.command(
    "where",
    cls=Command,
    examples=[
        ("peersup where", "Your journals, unfinished sessions, settings and cache."),
        ("peersup where --json", "The same, for a script."),
    ],
)
@options.JSON
@options.JOURNAL_DIR
def where(as_json: bool, journal_dir: Path | None) -> None:
    """Show every folder and file peersup uses, and what each one is for."""
    from .. import paths
    from . import common

    jdir = common.journal_dir(journal_dir)
    info = paths.Where(
        journals=jdir,
        drafts=paths.drafts_dir(jdir),
        config=paths.config_file(),
        cache=paths.cache_dir(),
        index=paths.index_file(),
        guidelines=common.guidelines_source(),
    )
    rows = info.rows()
    if as_json:
        from dataclasses import fields

        output.print_json({f.name: str(getattr(info, f.name)) for f in fields(info)})
        return
    import textwrap

    from .. import messages as msg

    width = max(len(label) for label, _ in rows)
    output.echo("\n".join(f"{label:<{width}}  {value}" for label, value in rows))
    # Who can open them, honestly per platform (Windows has no owner-only modes to set).
    protection = msg.protection(paths.current_platform())
    output.echo("\n" + textwrap.fill(protection, output.text_width(), break_on_hyphens=False))

