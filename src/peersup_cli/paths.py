"""Every path peersup uses, in one place, so ``peersup where`` can show them all.

Order of precedence for the journal folder: ``--journal-dir`` beats ``PEERSUP_HOME``, which
beats ``journal_dir`` in the config file, which beats the platform's user data folder.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "peersup"
ENV_HOME = "PEERSUP_HOME"
ENV_CONFIG = "PEERSUP_CONFIG"
ENV_CACHE = "PEERSUP_CACHE_DIR"
ENV_GUIDELINES = "PEERSUP_GUIDELINES"
DRAFTS_DIRNAME = ".drafts"


def current_platform() -> str:
    """``sys.platform``, asked when it matters: the one switch tests turn to simulate Windows or
    macOS without changing ``sys.platform`` itself (which the standard library reads at import)."""
    return sys.platform


def _platform_dir(kind: str) -> Path:
    # Imported here: only commands that need a platform folder pay for the import.
    import platformdirs

    getter = {
        "data": platformdirs.user_data_dir,
        "config": platformdirs.user_config_dir,
        "cache": platformdirs.user_cache_dir,
    }[kind]
    return Path(getter(APP_NAME, appauthor=False))


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def config_file() -> Path:
    return _env_path(ENV_CONFIG) or _platform_dir("config") / "config.toml"


def cache_dir() -> Path:
    return _env_path(ENV_CACHE) or _platform_dir("cache")


def index_file() -> Path:
    return cache_dir() / "journal-index.sqlite3"


def journal_dir(override: Path | str | None = None, configured: str | None = None) -> Path:
    """The journal folder: ``override`` (``--journal-dir``), env, config, platform default."""
    if override:
        return Path(override).expanduser()
    env = _env_path(ENV_HOME)
    if env:
        return env
    if configured:
        return Path(configured).expanduser()
    return _platform_dir("data") / "journals"


def drafts_dir(journals: Path) -> Path:
    """Unfinished sessions live beside the journals, so both move together."""
    return journals / DRAFTS_DIRNAME


@dataclass(frozen=True)
class Where:
    journals: Path
    drafts: Path
    config: Path
    cache: Path
    index: Path
    guidelines: str

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("journals", str(self.journals)),
            ("drafts (unfinished sessions)", str(self.drafts)),
            ("config", str(self.config)),
            ("cache (safe to delete)", str(self.cache)),
            ("journal index", str(self.index)),
            ("guidelines", self.guidelines),
        ]
