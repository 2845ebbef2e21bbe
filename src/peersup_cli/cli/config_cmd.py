"""``peersup config show``, ``peersup config set KEY VALUE`` and ``peersup where``."""

from __future__ import annotations

import typer

from .common import command_group

config_app = command_group(
    "config", "Show or change your settings (default role, framework, journal folder)."
)


@config_app.command("show")
def show(
    as_json: bool = typer.Option(False, "--json", help="Print the settings as JSON."),
) -> None:
    """Show every setting and where the config file is."""
    from .. import paths
    from ..config import KEYS, load_config
    from . import common

    settings = load_config().as_dict()
    if as_json:
        common.print_json({"file": str(paths.config_file()), "settings": settings})
        return
    lines = [f"Config file: {paths.config_file()}", ""]
    width = max(len(k) for k in KEYS)
    for key, value in settings.items():
        lines.append(f"{key:<{width}}  {value if value is not None else '(not set)'}")
    lines += ["", "Change a setting with: peersup config set KEY VALUE (an empty VALUE clears it)."]
    common.echo("\n".join(lines))


@config_app.command("set")
def set_(
    key: str = typer.Argument(..., help="role, framework or journal_dir."),
    value: str = typer.Argument(..., help="The new value; an empty value clears the setting."),
) -> None:
    """Change one setting; it is checked before it is saved."""
    from ..config import set_value
    from . import common

    new = set_value(key, value, check=_check)
    shown = new.as_dict()[key]
    if shown is None:
        common.echo(f"Cleared {key}.")
    else:
        common.echo(f"Set {key} to {shown}.")


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
    elif key == "journal_dir":
        from pathlib import Path

        path = Path(value).expanduser()
        if path.exists() and not path.is_dir():
            return f"{value} exists and is not a folder."
    return None


def where(
    as_json: bool = typer.Option(False, "--json", help="Print the paths as JSON."),
    journal_dir: str | None = typer.Option(
        None, "--journal-dir", help="Show the paths as they would be with this journal folder."
    ),
) -> None:
    """Show every folder and file peersup uses."""
    from pathlib import Path

    from .. import paths
    from . import common

    jdir = common.journal_dir(Path(journal_dir) if journal_dir else None)
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

        common.print_json({f.name: str(getattr(info, f.name)) for f in fields(info)})
        return
    width = max(len(label) for label, _ in rows)
    common.echo("\n".join(f"{label:<{width}}  {value}" for label, value in rows))


def register(app: typer.Typer) -> None:
    """Add ``config`` and ``where`` to the root app."""
    app.add_typer(config_app, name="config")
    app.command("where")(where)
