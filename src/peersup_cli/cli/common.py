"""What every command module shares: the app state, the guidelines and the journal folder.

Printing lives in ``output``; shared option declarations in ``options``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..guidelines.model import Guidelines


@dataclass
class AppState:
    guidelines_path: Path | None = None
    _guidelines: Guidelines | None = field(default=None, repr=False)


def state() -> AppState:
    ctx = click.get_current_context(True)
    root = ctx.find_root() if ctx else None
    obj = root.obj if root else None
    return obj if isinstance(obj, AppState) else AppState()


def guidelines_source() -> str:
    """The guidelines file in use, for messages and ``peersup where``."""
    path = state().guidelines_path
    if path:
        return str(path)
    from ..guidelines.loader import packaged_path

    return f"{packaged_path()} (packaged)"


def load_guidelines() -> Guidelines:
    """The guidelines for this run (``--guidelines``/``PEERSUP_GUIDELINES`` or packaged)."""
    st = state()
    if st._guidelines is None:
        # The cache falls back to the YAML loader whenever it cannot help.
        from ..guidelines.cache import load_guidelines_cached as load

        st._guidelines = load(st.guidelines_path)
    return st._guidelines


def journal_dir(override: Path | None = None) -> Path:
    """The journal folder for this run: --journal-dir, PEERSUP_HOME, config, platform default."""
    from .. import paths
    from ..config import load_config

    configured = None if override else load_config().journal_dir
    return paths.journal_dir(override, configured)


def context_items() -> frozenset[tuple[str, str, str, int]]:
    """Guideline items that state context, not a practice: never growth areas. A guidelines
    file that cannot be loaded leaves none out rather than stopping a look back."""
    from ..errors import PeersupError
    from ..guidelines.context_cache import context_items as cached

    try:
        return cached(state().guidelines_path)
    except PeersupError:
        return frozenset()


def save_output(
    target: Path, data: str | bytes, *, force: bool, private: bool, example: str
) -> Path:
    """Write a command's ``-o FILE`` atomically, never over a file already there unless
    ``force``; a folder given as FILE is refused with ``example`` as a file name to use."""
    from ..errors import UsageError
    from ..storage import atomic_write

    path = target.expanduser()
    if path.is_dir():
        raise UsageError(f"{path} is a folder: give a file name, such as {path / example}.")
    try:
        return atomic_write(path, data, overwrite=force, private=private)
    except FileExistsError:
        raise UsageError(f"{path} already exists. Add --force to replace it.") from None
