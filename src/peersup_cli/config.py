"""The small TOML config file: default role, framework and journal folder.

Reading uses the standard library's tomllib. Writing needs no library: the file only ever holds
a few ``key = "text"`` lines, and it goes through the same atomic write as everything else.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .errors import ConfigError
from .storage import atomic_write, ensure_private_dir

KEYS: dict[str, str] = {
    "role": "The role to reflect as when --role is not given (e.g. peer-supporter, supervisor).",
    "framework": "The framework to use when --framework is not given (e.g. ma-accs-2022).",
    "journal_dir": "Where journals are kept (PEERSUP_HOME and --journal-dir still win).",
    "session_size": "How many values a reflection takes in turn, without asking (a number, or "
    "all).",
    "name": "Your name as a share file gives it (`peersup share`); without it, share asks.",
}


@dataclass(frozen=True)
class Config:
    role: str | None = None
    framework: str | None = None
    journal_dir: str | None = None
    session_size: str | None = None
    name: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {key: getattr(self, key) for key in KEYS}

    @property
    def size(self) -> int | None:
        """``session_size`` as a number (0 for all), or None when it is not set."""
        return None if self.session_size is None else session_size(self.session_size)


def session_size(text: str) -> int:
    """A session size as typed: a whole number of 1 or more, or ``all`` (0); else ConfigError."""
    word = text.strip().lower()
    if word == "all":
        return 0
    if word.isdigit() and int(word) >= 1:
        return int(word)
    raise ConfigError(
        f"session_size takes a number of values (1 or more) or all, not {text.strip()!r}."
    )


def load_config(path: Path | None = None) -> Config:
    """The config file's settings; an absent file means defaults. Bad content is a ConfigError."""
    file = path or paths.config_file()
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"Could not read the config file {file}: {exc.strerror}.") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"The config file {file} is not valid TOML: {exc}.") from None
    for key, value in data.items():
        if key not in KEYS:
            raise ConfigError(
                f"The config file {file} has an unknown key {key!r}. "
                f"Known keys: {', '.join(KEYS)}."
            )
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"The config file {file}: {key} must be non-empty text.")
    if "session_size" in data:
        try:
            session_size(data["session_size"])
        except ConfigError as exc:
            raise ConfigError(f"The config file {file}: {exc.message}") from None
    return Config(**data)


def set_value(
    key: str,
    value: str,
    *,
    check: Callable[[str, str], str | None] | None = None,
    path: Path | None = None,
) -> Config:
    """Set ``key`` to ``value`` (an empty value removes it) and save; returns the new config.

    ``check(key, value)`` returns a problem sentence or None; the caller knows the guidelines.
    """
    if key not in KEYS:
        raise ConfigError(f"Unknown setting {key!r}. Settings: {', '.join(KEYS)}.")
    value = value.strip()
    if value and check is not None and (problem := check(key, value)):
        raise ConfigError(problem)
    file = path or paths.config_file()
    current = load_config(file).as_dict()
    current[key] = value or None
    ensure_private_dir(file.parent)
    atomic_write(file, dump(current))
    return load_config(file)


def dump(settings: dict[str, str | None]) -> str:
    lines = ["# peersup settings. Change them with: peersup config set KEY VALUE", ""]
    for key, value in settings.items():
        if value is not None:
            # A JSON string is a valid TOML basic string for any text (escapes included).
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
