"""From journal files to index rows: which files the folder holds (name, size, modification
time), and each file read into its ``journals`` and ``texts`` rows plus the guideline item
texts and rating labels it shows. No SQL here; ``index`` stores what this returns.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .index_schema import NCOLUMNS
from .scan import Record

Parsed = tuple[
    tuple[Any, ...],  # the journals row
    tuple[str, str] | None,  # the texts row
    dict[tuple[str, str, str, int], str],  # guideline item texts seen
    dict[tuple[str, int], str],  # rating labels seen
]


def scan_dir(journal_dir: Path) -> dict[str, tuple[int, int]]:
    """name -> (size, mtime_ns) of every journal file (drafts and hidden files left out)."""
    found: dict[str, tuple[int, int]] = {}
    try:
        entries = os.scandir(journal_dir)
    except (FileNotFoundError, NotADirectoryError):
        return found
    except OSError as exc:
        from ..errors import JournalError

        raise JournalError(
            f"Could not read the journal folder {journal_dir}: {exc.strerror}."
        ) from None
    with entries:
        for e in entries:
            name = e.name
            if name.endswith(".md") and not name.startswith("."):
                try:
                    if e.is_file():
                        st = e.stat()
                        found[name] = (st.st_size, st.st_mtime_ns)
                except OSError:
                    continue
    return found


def read_all(
    folder: Path, dir_key: str, names: list[str], found: dict[str, tuple[int, int]]
) -> Iterator[Parsed]:
    """Read ``names`` (newest first; many at once come in batches from two processes, see
    ``parallel_read``), with the garbage collector paused: reading 10,000 journals makes
    millions of small objects that all die young, and the collector's passes over them cost a
    third of the time. Nothing here makes reference cycles."""
    import gc

    from . import parallel_read

    def read(name: str, seen: set[tuple[str, str, str, int]]) -> Parsed:
        return read_one((folder, dir_key, name, found[name]), seen)

    enabled = gc.isenabled()
    gc.disable()
    if len(names) >= READ_AHEAD_MIN:
        _read_ahead(folder, names)
    try:
        if len(names) >= parallel_read.PARALLEL_MIN and parallel_read.possible():
            yield from parallel_read.read_in_two(read, names)
        else:
            seen: set[tuple[str, str, str, int]] = set()
            for name in names:
                yield read(name, seen)
    finally:
        if enabled:
            gc.enable()


READ_AHEAD_MIN = 64  # below this, asking the kernel ahead of time is not worth the calls


def _read_ahead(folder: Path, names: list[str]) -> None:
    """Tell the kernel every file we are about to read. Files that are not in memory are then
    fetched in large batches instead of one small read at a time: on a first index build of
    10,000 journals, reading them fell from ~1.1 s to ~0.25 s. Only a hint: any failure is
    ignored, and platforms without posix_fadvise skip it."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    for name in names:
        try:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
        except OSError:
            continue
        try:
            advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(fd)


def read_one(
    job: tuple[Path, str, str, tuple[int, int]], seen: set[tuple[str, str, str, int]]
) -> Parsed:
    """One file's rows; item texts only where ``seen`` lacks them (each reader goes newest
    first, so what it skips is older wording; ``index`` keeps the newest file's)."""
    from ..journal.format import JournalFormatError
    from .scan import read_record

    folder, dir_key, name, stat = job
    try:
        rec = read_record(os.path.join(folder, name))
    except JournalFormatError as exc:
        return (dir_key, name, *stat, str(exc), *([None] * (NCOLUMNS - 5))), None, {}, {}
    items: dict[tuple[str, str, str, int], str] = {}
    scale: dict[tuple[str, int], str] = {}
    for v in rec.values:
        key = (rec.framework, rec.role, v.id, len(v.items))
        if key not in seen:
            seen.add(key)
            for number, text in v.items:
                items[(rec.framework, rec.role, v.id, number)] = text
        if v.rating is not None and v.rating_label:
            scale[(rec.framework, v.rating)] = v.rating_label
    row, texts = record_row(dir_key, name, stat, rec)
    return row, texts, items, scale


def record_row(
    dir_key: str, name: str, stat: tuple[int, int], rec: Record
) -> tuple[tuple[Any, ...], tuple[str, str]]:
    """The ``journals`` row (in ``index_schema.COLUMNS`` order) and ``texts`` row of ``rec``."""
    vals = [
        [v.id, v.number, v.title, v.practice, len(v.items), v.rating_label, v.rating, v.practiced]
        for v in rec.values
    ]
    text = "\n".join(block[2] for block in rec.blocks)
    linemap = [[first, where, size] for first, where, _, size in rec.blocks]
    dumps = _JSON.encode
    return (
        dir_key, name, *stat, None,
        rec.date.isoformat(timespec="seconds"), _timestamp(rec), rec.date.date().isoformat(),
        rec.role, rec.role_label, rec.framework, rec.framework_title, rec.supervisee, rec.status,
        "," + ",".join(v.id for v in rec.values) + ",",
        compact_numbers(v.number for v in rec.values),
        dumps(vals), rec.action_plan, rec.support,
        dumps(rec.agenda) if rec.agenda is not None else None,
        dumps([rec.date.isoformat(), rec.fm_values, rec.fm_ratings]),
    ), (text, dumps(linemap))


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _timestamp(rec: Record) -> float:
    try:
        return rec.date.timestamp()  # a date without an offset counts as local time
    except (OverflowError, OSError, ValueError):
        return 0.0


def compact_numbers(numbers: Any) -> str:
    """1,2,3,5 -> '1-3,5': value numbers in little room."""
    nums = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.append(str(nums[i]) if i == j else f"{nums[i]}-{nums[j]}")
        i = j + 1
    return ",".join(parts)
