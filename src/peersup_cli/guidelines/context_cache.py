"""Which guideline items state context rather than a practice, cached apart from the model.

``journal trends`` and ``summary`` leave context items out of what was practised. They need
only that small set, and building the whole guidelines model costs a look back about 40 ms;
so the set is kept in a tiny file of its own, valid while the guidelines file keeps its path,
size and modification time. On a miss (or any trouble) it comes from the full model.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from .. import __version__

Context = frozenset[tuple[str, str, str, int]]
FORMAT = 1


def context_items(path: Path | str | None = None) -> Context:
    """(framework, role, value id, item number) of every context item in the guidelines at
    ``path`` (default: the packaged file). Raises what loading the guidelines raises."""
    from .. import paths

    file = Path(path) if path else _packaged()
    try:
        info = os.stat(file)
        key = f"{FORMAT}|{__version__}|{file.resolve()}|{info.st_size}|{info.st_mtime_ns}"
        regular = stat.S_ISREG(info.st_mode)
    except OSError:
        key, regular = "", False
    cache_file = paths.cache_dir() / "guidelines-context.json"
    if regular:
        try:
            data = json.loads(cache_file.read_text(encoding="utf-8"))
            if data.get("key") == key:
                return frozenset((str(f), str(r), str(v), int(n)) for f, r, v, n in data["items"])
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            pass
    from .cache import load_guidelines_cached

    guidelines = load_guidelines_cached(path)
    items = frozenset(
        (fw.id, role, value.id, number)
        for fw in guidelines.frameworks
        for value in fw.values
        for role, numbers in value.context.items()
        for number in numbers
    )
    if regular:
        _store(cache_file, key, items)
    return items


def _packaged() -> Path:
    from .loader import packaged_path

    return packaged_path()


def _store(cache_file: Path, key: str, items: Context) -> None:
    from ..storage import atomic_write, ensure_private_dir

    try:
        ensure_private_dir(cache_file.parent)
        atomic_write(cache_file, json.dumps({"key": key, "items": sorted(items)}))
    except Exception:  # a cache that cannot be written costs time, never a command
        pass
