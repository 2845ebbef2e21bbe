"""A journal's front matter (the YAML between the two ``---`` lines), read safely and fast.

peersup writes its front matter in a small, fixed shape. ``fast_read`` recognises exactly that
shape line by line (every line it accepts means what YAML says it means) and costs a few
microseconds; anything else, such as a hand-edited front matter, goes to PyYAML's safe loader.
That loader only sees a front matter that is small, holds no aliases (an alias bomb would
expand without bound), no tags and no deep nesting, so no file can make it run away.
"""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, datetime
from typing import Any

FENCE = "---"
MAX_FRONT_MATTER = 64 * 1024  # characters; peersup writes about 1 KiB
MAX_DEPTH = 8  # peersup nests 3 levels (practiced: value: [numbers])


class JournalFormatError(ValueError):
    """A journal cannot be read; the message says why in plain words ("it ...")."""


def split(text: str) -> tuple[str, str, int]:
    """(front matter YAML, body, number of file lines before the body).

    Raises ``JournalFormatError`` if there is no front matter block."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if text.startswith("---\n"):  # the usual case, in C: "\n---\n" closes it
        end = text.find("\n---\n", 3, MAX_FRONT_MATTER + 8)
        if end != -1 and text.find("\r", 0, end) == -1:
            return text[4 : end + 1], text[end + 5 :], text.count("\n", 0, end) + 2
    first, _, rest = text.partition("\n")
    if first.rstrip("\r") != FENCE:
        raise JournalFormatError("it does not start with a --- front matter block")
    pos = 0
    lines = 1
    while True:
        end = rest.find("\n", pos)
        line = rest[pos:] if end == -1 else rest[pos:end]
        lines += 1
        if line.rstrip("\r") == FENCE:
            return rest[:pos], "" if end == -1 else rest[end + 1 :], lines
        if end == -1:
            raise JournalFormatError("its front matter has no closing ---")
        if end > MAX_FRONT_MATTER:
            raise JournalFormatError(
                f"its front matter is longer than {MAX_FRONT_MATTER // 1024} KiB"
            )
        pos = end + 1


def read(yaml_text: str) -> dict[str, Any]:
    """The front matter as a dict, with ``date`` as a datetime that can be used."""
    data = fast_read(yaml_text)
    if data is None:
        data = _yaml_read(yaml_text)
    for key in ("date", "role", "framework"):
        if key not in data:
            raise JournalFormatError(f"its front matter has no {key!r}")
    data["date"] = as_datetime(data["date"])
    if not isinstance(data.get("role"), str) or not isinstance(data.get("framework"), str):
        raise JournalFormatError("its front matter's role and framework must be text")
    return data


def as_datetime(value: Any) -> datetime:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise JournalFormatError("its front matter's date is not an ISO 8601 date and time")
    try:
        # Sorting and showing need the moment; a date at the very edge of the calendar, or
        # pushed past it by its offset, has none.
        value.timestamp()
        value.astimezone(UTC)
    except (OverflowError, OSError, ValueError):
        raise JournalFormatError("its front matter's date is out of range") from None
    return value


# -- peersup's own shape --------------------------------------------------------------------
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_PLAIN = re.compile(r"[^\W\d_][\w.-]*(?: [\w.-]+)*\Z")  # text YAML cannot read as anything else
_VERSION = re.compile(r"\d+\.\d+\.\d+[\w.+-]*\Z")  # 0.1.0: a string to YAML (two dots)
# Plain words YAML 1.1 reads as booleans or null: the YAML path decides what they mean.
_SPECIAL = frozenset(
    form
    for word in ("y", "yes", "n", "no", "true", "false", "on", "off", "null")
    for form in (word, word.title(), word.upper())
)
_NO_VALUE = object()


def _scalar(raw: str) -> Any:
    """A one-line scalar as YAML reads it, or ``_NO_VALUE`` when only YAML can say."""
    if raw.startswith("'"):
        inner = raw[1:-1]
        if len(raw) >= 2 and raw.endswith("'") and "'" not in inner.replace("''", ""):
            return inner.replace("''", "'")
        return _NO_VALUE
    if raw.isascii() and raw.isdigit() and (raw == "0" or raw[0] != "0"):
        return int(raw)
    if raw in _SPECIAL or not (_PLAIN.match(raw) or _VERSION.match(raw)):
        return _NO_VALUE
    return raw


# The whole shape, checked in C: top-level ``key: scalar`` lines, and ``key:`` blocks of
# ``- scalar`` lines or of ``  key: scalar`` / ``  key:`` + ``  - scalar`` lines. Possessive
# repeats (``*+``): nothing in it ever needs to give back what it took, so the engine keeps
# no state to go back to.
_S = r"(?:'(?:[^'\n]|'')*+'|[^\W\d_][\w.-]*+(?: [\w.-]++)*+|[0-9][0-9A-Za-z.+-]*+)"
_K = r"[A-Za-z_][A-Za-z0-9_-]*+"
_SHAPE = re.compile(
    rf"(?:{_K}: (?:{_S}|\{{\}}|\[\])\n"
    rf"|{_K}:\n(?:(?:- {_S}\n)++|(?:  {_K}: (?:{_S}|\[\])\n|  {_K}:\n(?:  - {_S}\n)*+)++))*+"
)
# A top-level ``key: value`` line, found in "\n" + the text (a literal first character lets the
# engine jump from line to line).
_TOP = re.compile(rf"\n({_K}):(?: ([^\n]*))?(?=\n)")
# What ``parse`` reads from the front matter; the rest (values, ratings, practiced) repeats
# the body, which wins.
WANTED = ("date", "role", "framework", "status", "supervisee", "peersup_version", "planned",
          "with_share")
# A record or a share file (``kind:``) has nested facts the shape above does not cover: they are
# few, so YAML reads them.
YAML_ONLY = frozenset({"kind", "record", "shared"})
_SCALARS: dict[str, Any] = {}  # plain scalars read before ("peer-supporter", "complete" ...)


def fast_read(yaml_text: str) -> dict[str, Any] | None:
    """The keys ``parse`` needs from a front matter in peersup's own shape, exactly as YAML
    reads them; None for anything else (then YAML reads it)."""
    if not yaml_text.endswith("\n") or not _SHAPE.fullmatch(yaml_text):
        return None
    lines = _TOP.findall("\n" + yaml_text)
    top = dict(lines)
    if len(top) != len(lines) or not _SPECIAL.isdisjoint(top):
        return None  # a key given twice, or one YAML reads as a boolean: YAML decides
    out: dict[str, Any] = {}
    if not YAML_ONLY.isdisjoint(top):
        return None
    for key in WANTED:
        raw = top.get(key)
        if raw is None:
            continue
        if key == "planned":
            value: Any = _planned(yaml_text) if not raw else [] if raw == "[]" else _NO_VALUE
        elif raw[:1] == "'":
            value = _scalar(raw)
        else:
            value = _SCALARS.get(raw, _NO_VALUE)
            if value is _NO_VALUE and raw:
                value = _scalar(raw)
                if len(_SCALARS) < 4096:
                    _SCALARS[raw] = value
        if value is _NO_VALUE or (key != "planned" and not isinstance(value, str)):
            return None  # a number, a list or nothing where text belongs: YAML decides
        out[key] = value
    return out


def _planned(yaml_text: str) -> Any:
    at = yaml_text.find("\nplanned:\n") + 10 if not yaml_text.startswith("planned:\n") else 9
    items: list[Any] = []
    while yaml_text.startswith("- ", at):
        end = yaml_text.index("\n", at)
        value = _scalar(yaml_text[at + 2 : end])
        if value is _NO_VALUE or not isinstance(value, str):
            return _NO_VALUE
        items.append(value)
        at = end + 1
    return items if items else _NO_VALUE


# -- anything else: PyYAML, made safe first --------------------------------------------------
def _yaml_read(yaml_text: str) -> dict[str, Any]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is 6x faster
    try:
        _refuse_what_could_run_away(yaml, loader, yaml_text)
        data = yaml.load(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise JournalFormatError(f"its front matter is not valid YAML{where}") from None
    except RecursionError:
        raise JournalFormatError(f"its front matter is nested more than {MAX_DEPTH} deep") from None
    except (ValueError, OverflowError) as exc:
        # YAML builds a date it sees unquoted (``date: 2026-13-45``) and fails if there is no
        # such day: one journal's reason, never the end of the command.
        raise JournalFormatError(f"its front matter holds a date that does not exist ({exc})"
                                 ) from None
    if not isinstance(data, dict):
        raise JournalFormatError("its front matter is not a set of keys and values")
    return {str(k): v for k, v in data.items()}


_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}"
    for kind in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)


def _refuse_what_could_run_away(yaml: Any, loader: Any, text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise JournalFormatError(
                "its front matter uses YAML aliases, which peersup does not read"
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _PLAIN_TAGS and tag != "!":
            raise JournalFormatError("its front matter has a YAML tag peersup does not read")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise JournalFormatError(f"its front matter is nested more than {MAX_DEPTH} deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
