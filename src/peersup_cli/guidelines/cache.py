"""A JSON copy of a parsed guidelines file, so everyday commands skip YAML parsing.

Importing yaml and checking the packaged file costs about 20 ms on every run; reading this JSON
copy costs about 1 ms. The copy is keyed by the file's path, size and two checksums of its
bytes (not its modification time, which can stay the same across a quick edit), so any change to
the file is seen at once. Anything wrong with the cache (missing, unreadable, stale, another
format, a folder that cannot be written) falls back silently to the YAML file: the cache can
only make peersup faster, never different. It lives in ``paths.cache_dir()`` and is safe to
delete. ``peersup validate`` never uses it.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from .model import Framework, Guidelines, RatingPoint, Role, Source, Value

# Bump when the model or this file's layout changes. 2: item context flags and glossaries.
FORMAT = 2


def load_guidelines_cached(path: Path | str | None = None) -> Guidelines:
    """Like ``loader.load_guidelines``, through the cache when the file is unchanged."""
    from .loader import decode_text, packaged_path, parse_guidelines, read_bytes

    file = Path(path) if path else packaged_path()
    # The same careful read as the loader's (regular files only, size-limited): a pipe or a
    # device given as --guidelines fails here at once with the loader's own message. The bytes
    # read are the bytes parsed, so the key always matches what is stored under it.
    raw = read_bytes(file)
    key, cache_file = _key(file, raw)
    cached = _read(cache_file, key, str(file))
    if cached is not None:
        return cached
    guidelines = parse_guidelines(decode_text(raw, str(file)), str(file))
    _write(cache_file, key, guidelines)
    return guidelines


def _key(file: Path, raw: bytes) -> tuple[str, Path]:
    from .. import __version__, paths

    where = str(file.resolve())
    key = f"{FORMAT}|{__version__}|{where}|{len(raw)}|{zlib.crc32(raw)}|{zlib.adler32(raw)}"
    name = f"guidelines-{zlib.crc32(where.encode('utf-8')):08x}.json"
    return key, paths.cache_dir() / name


def _read(cache_file: Path, key: str, name: str) -> Guidelines | None:
    try:
        data = json.loads(cache_file.read_bytes())
        if data.get("key") != key:
            return None
        return _from_dict(data["guidelines"], name)
    except Exception:  # any damage at all: use the YAML file instead
        return None


def _write(cache_file: Path, key: str, guidelines: Guidelines) -> None:
    from dataclasses import asdict

    from ..storage import atomic_write, ensure_private_dir

    try:
        ensure_private_dir(cache_file.parent)
        body = {"key": key, "guidelines": asdict(guidelines)}
        atomic_write(cache_file, json.dumps(body, ensure_ascii=False, separators=(",", ":")))
    except Exception:  # no cache is fine; peersup works the same without it
        pass


def _from_dict(d: dict[str, Any], name: str) -> Guidelines:
    # Strict on purpose: a key this version does not know raises TypeError, and the caller
    # goes back to the YAML file.
    frameworks = tuple(
        Framework(
            **{
                **f,
                "source": Source(**f["source"]),
                "roles": tuple(Role(**r) for r in f["roles"]),
                "values": tuple(
                    Value(
                        **{
                            **v,
                            "guidelines": {k: tuple(t) for k, t in v["guidelines"].items()},
                            "prompts": {k: tuple(t) for k, t in v["prompts"].items()},
                            "context": {k: tuple(n) for k, n in v["context"].items()},
                        }
                    )
                    for v in f["values"]
                ),
                "rating_scale": tuple(RatingPoint(**p) for p in f["rating_scale"]),
                "glossary": dict(f["glossary"]),
            }
        )
        for f in d["frameworks"]
    )
    return Guidelines(**{**d, "frameworks": frameworks, "path": name})
