"""The journal index: a SQLite cache of what every journal holds, kept in step with the files.

The markdown files are the only source of truth. The index is a cache in the platform cache
folder: each run stats every ``*.md`` file in the journal folder and re-reads only those whose
name, size or modification time changed, so a warm run costs a directory scan and one query.
Deleting the cache loses nothing; a cache that is corrupt, from another schema version or not a
database at all is deleted and rebuilt without a word. Nothing here ever writes a journal file.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .scan import Record

if TYPE_CHECKING:
    import sqlite3

SCHEMA_VERSION = 2  # PRAGMA user_version; any other number means: delete and rebuild
T = TypeVar("T")

_SCHEMA = """
CREATE TABLE journals (
    id INTEGER PRIMARY KEY,
    dir TEXT NOT NULL, name TEXT NOT NULL, size INTEGER, mtime_ns INTEGER,
    error TEXT,
    date TEXT, ts REAL, day TEXT,
    role TEXT, role_label TEXT, framework TEXT, framework_title TEXT,
    supervisee TEXT, status TEXT,
    vids TEXT, numbers TEXT, vals TEXT,
    action_plan TEXT, support TEXT, agenda TEXT
);
-- Covers the question every run asks first: which files changed since last time?
CREATE INDEX journals_file ON journals (dir, name, size, mtime_ns);
CREATE INDEX journals_order ON journals (dir, ts, name);
-- The person's words live apart, so listing never reads them.
CREATE TABLE texts (id INTEGER PRIMARY KEY, text TEXT, linemap TEXT);
CREATE TABLE items (
    framework TEXT, role TEXT, value_id TEXT, number INTEGER, text TEXT,
    PRIMARY KEY (framework, role, value_id, number)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE scale (
    framework TEXT, number INTEGER, label TEXT, PRIMARY KEY (framework, number)
) WITHOUT ROWID;
"""
# The full-text index holds no copy of the text (content='texts'); peersup keeps it in step
# by hand: row by row for a few changes. After many changes it is left stale (meta fts_stale)
# and rebuilt in one go by the next search (3x faster than row by row, and `list` or `trends`
# on a cold cache do not pay for it).
# detail=none: queries are single words or prefixes, and the lines are found in Python.
_FTS = """
CREATE VIRTUAL TABLE fts USING fts5(
    text, content='texts', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0', detail=none, columnsize=0
);
"""
BULK = 500  # from this many new or changed files on, the full-text index is rebuilt later
_COLUMNS = (
    "dir, name, size, mtime_ns, error, date, ts, day, role, role_label, framework, "
    "framework_title, supervisee, status, vids, numbers, vals, "
    "action_plan, support, agenda"
)
_NCOLUMNS = _COLUMNS.count(",") + 1
ENTRY_COLUMNS = (
    "id, name, date, day, role, role_label, framework, framework_title, supervisee, "
    "status, numbers, vals, action_plan, agenda"
)


@dataclass
class Filters:
    role: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive, compared with the journal's own date
    until: str | None = None
    value: str | None = None  # a value id
    supervisee: str | None = None


@dataclass
class Entry:
    """One readable journal as the index knows it (JSON columns decoded on demand)."""

    ref: int
    id: int
    folder: Path
    name: str
    date: str
    day: str
    role: str
    role_label: str
    framework: str
    framework_title: str
    supervisee: str | None
    status: str
    numbers: str
    vals_json: str = field(repr=False, default="[]")
    action_plan: str | None = None
    agenda_json: str | None = field(repr=False, default=None)

    @property
    def path(self) -> Path:
        return self.folder / self.name

    def vals(self) -> list[list[Any]]:
        """[[id, number, title, practice, items shown, rating label, rating, practiced], ...]"""
        return list(json.loads(self.vals_json))

    def ratings(self) -> dict[str, int]:
        return {v[0]: v[6] for v in self.vals() if v[6] is not None}

    def practiced(self) -> dict[str, list[int]]:
        return {v[0]: v[7] for v in self.vals() if v[7]}

    def agenda(self) -> dict[str, list[str]] | None:
        return json.loads(self.agenda_json) if self.agenda_json else None

    def who(self) -> str:
        return self.role_label or self.role


@dataclass
class Skipped:
    name: str
    reason: str

    def line(self) -> str:
        return f"skipped {self.name}: {self.reason}"


@dataclass
class RefreshResult:
    read: int = 0  # files (re)read this time
    removed: int = 0


class Index:
    """An open index for one journal folder. Use ``with_index`` rather than this directly."""

    def __init__(self, conn: sqlite3.Connection, journal_dir: Path, file: Path | None) -> None:
        self.conn = conn
        self.journal_dir = journal_dir
        self.dir_key = str(journal_dir.resolve()) if journal_dir.exists() else str(journal_dir)
        self.file = file
        self.has_fts = bool(
            conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'fts'").fetchone()
        )

    # -- keeping in step with the files --------------------------------------------------------
    def refresh(self) -> RefreshResult:
        found = _scan_dir(self.journal_dir)
        stale, fresh, removed = self._changes(found)
        if not stale and not fresh:
            return RefreshResult()
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        # Asked again under the write lock: another peersup may have caught up meanwhile.
        try:
            stale, fresh, removed = self._changes(found)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        result = RefreshResult(read=len(fresh), removed=removed)
        items: dict[tuple[str, str, str, int], str] = {}
        scale: dict[tuple[str, int], str] = {}
        try:
            fts = self.has_fts and not self._fts_stale()
            if fts and len(fresh) >= BULK:
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', '1')")
                fts = False
            if stale:
                stale_ids = json.dumps(stale)
                if fts:
                    conn.execute(
                        "INSERT INTO fts (fts, rowid, text) SELECT 'delete', id, text "
                        "FROM texts WHERE id IN (SELECT value FROM json_each(?))",
                        (stale_ids,),
                    )
                for table in ("journals", "texts"):
                    conn.execute(
                        f"DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
                        (stale_ids,),
                    )
            before = conn.execute("SELECT coalesce(max(id), 0) FROM journals").fetchone()[0]
            insert_journal = (
                f"INSERT INTO journals (id, {_COLUMNS}) VALUES ({', '.join('?' * (_NCOLUMNS + 1))})"
            )
            insert_text = "INSERT INTO texts VALUES (?, ?, ?)"
            journal_rows: list[tuple[Any, ...]] = []
            text_rows: list[tuple[Any, ...]] = []
            for row_id, (row, text, file_items, file_scale) in enumerate(
                _read_all(self.journal_dir, self.dir_key, fresh, found), start=before + 1
            ):
                items.update(file_items)
                scale.update(file_scale)
                journal_rows.append((row_id, *row))
                if text is not None:
                    text_rows.append((row_id, *text))
                if len(journal_rows) >= 256:  # in batches: fast, and memory stays small
                    conn.executemany(insert_journal, journal_rows)
                    conn.executemany(insert_text, text_rows)
                    journal_rows.clear()
                    text_rows.clear()
            conn.executemany(insert_journal, journal_rows)
            conn.executemany(insert_text, text_rows)
            if fts:
                conn.execute(
                    "INSERT INTO fts (rowid, text) SELECT id, text FROM texts WHERE id > ?",
                    (before,),
                )
            conn.executemany(
                "INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?)",
                ((*k, v) for k, v in items.items()),
            )
            conn.executemany(
                "INSERT OR REPLACE INTO scale VALUES (?, ?, ?)", ((*k, v) for k, v in scale.items())
            )
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):
                conn.execute("ROLLBACK")
            raise
        return result

    def _changes(self, found: dict[str, tuple[int, int]]) -> tuple[list[int], list[str], int]:
        """(row ids to forget, file names to read, how many files are gone)."""
        known = {
            name: (row_id, size, mtime)
            for row_id, name, size, mtime in self.conn.execute(
                "SELECT id, name, size, mtime_ns FROM journals WHERE dir = ?", (self.dir_key,)
            )
        }
        stale = [
            row_id
            for name, (row_id, size, mtime) in known.items()
            if found.get(name) != (size, mtime)
        ]
        fresh = sorted(
            (name for name, stat in found.items() if name not in known or known[name][1:] != stat),
            reverse=True,  # newest first, as journal names start with their date
        )
        return stale, fresh, sum(name not in found for name in known)

    def rebuild(self) -> None:
        """Forget this folder's journals and read every file again."""
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute(
            "DELETE FROM texts WHERE id IN (SELECT id FROM journals WHERE dir = ?)",
            (self.dir_key,),
        )
        self.conn.execute("DELETE FROM journals WHERE dir = ?", (self.dir_key,))
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', '1')")
        self.conn.execute("COMMIT")
        self.refresh()

    def _fts_stale(self) -> bool:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'fts_stale'").fetchone()
        return bool(row and row[0] == "1")

    def ensure_fts(self) -> bool:
        """Bring the full-text index up to date; False when this SQLite has no FTS5."""
        if not self.has_fts:
            return False
        if self._fts_stale():
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("INSERT INTO fts (fts) VALUES ('rebuild')")
            self.conn.execute("DELETE FROM meta WHERE key = 'fts_stale'")
            self.conn.execute("COMMIT")
        return True

    # -- reading -------------------------------------------------------------------------------
    def skipped(self) -> list[Skipped]:
        rows = self.conn.execute(
            "SELECT name, error FROM journals WHERE dir = ? AND error IS NOT NULL ORDER BY name",
            (self.dir_key,),
        )
        return [Skipped(name, error) for name, error in rows]

    def count(self) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM journals WHERE dir = ? AND error IS NULL", (self.dir_key,)
        ).fetchone()
        return int(row[0])

    def entries(
        self,
        filters: Filters | None = None,
        *,
        newest_first: bool = True,
        ids: list[int] | None = None,
        ref: int | None = None,
        name: str | None = None,
        limit: int | None = None,
    ) -> list[Entry]:
        """Readable journals with their reference numbers (1 = oldest), filtered."""
        where, params = _where(filters or Filters(), "j.")
        if ids is not None:
            where.append("j.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(ids))
        if ref is not None:
            where.append("r.ref = ?")
            params.append(ref)
        if name is not None:
            where.append("j.name = ?")
            params.append(name)
        # Numbers come from a light sort of (ts, name) alone; the wide columns are joined after,
        # so the sort never carries them (3x faster at 10,000 journals).
        columns = ", ".join(f"j.{c.strip()}" for c in ENTRY_COLUMNS.split(","))
        sql = (
            f"SELECT r.ref, {columns} FROM (SELECT id, row_number() OVER "
            f"(ORDER BY ts, name) AS ref FROM journals WHERE dir = ? AND error IS NULL) AS r "
            f"JOIN journals AS j ON j.id = r.id "
            f"{'WHERE ' + ' AND '.join(where) if where else ''}"
        )
        if limit:
            sql += f" ORDER BY r.ref {'DESC' if newest_first else 'ASC'} LIMIT {int(limit)}"
        rows = self.conn.execute(sql, [self.dir_key, *params]).fetchall()
        # Sorted here, not in SQL: SQLite would sort the wide rows in a temporary table.
        rows.sort(key=lambda row: row[0], reverse=newest_first)
        return [self._entry(row) for row in rows]

    def value_rows(self, filters: Filters | None = None) -> list[tuple[str, str, str, str]]:
        """(day, framework, role, vals JSON) of each readable journal, oldest first: all that
        trends need, without building an ``Entry`` for each of 10,000 journals."""
        where, params = _where(filters or Filters())
        sql = (
            "SELECT day, framework, role, vals FROM journals WHERE dir = ? AND error IS NULL "
            f"{''.join(' AND ' + w for w in where)} ORDER BY ts, name"
        )
        return self.conn.execute(sql, [self.dir_key, *params]).fetchall()

    def _entry(self, row: tuple[Any, ...]) -> Entry:
        (ref, row_id, name, date, day, role, role_label, framework, fw_title, supervisee,
         status, numbers, vals, action_plan, agenda) = row
        return Entry(
            ref, row_id, self.journal_dir, name, date, day, role, role_label or "", framework,
            fw_title or "", supervisee, status, numbers, vals, action_plan,
            agenda,
        )

    def texts(self, ids: list[int]) -> dict[int, tuple[str, list[list[Any]]]]:
        """The searchable lines of these journals: id -> (text, blocks).

        ``text`` holds the lines of every block in order; ``blocks`` is
        ``[[line number of its first line, where, how many lines], ...]``.
        """
        out: dict[int, tuple[str, list[list[Any]]]] = {}
        for row_id, text, linemap in self.conn.execute(
            "SELECT id, text, linemap FROM texts WHERE id IN "
            "(SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        ):
            out[row_id] = (text or "", json.loads(linemap or "[]"))
        return out

    def item_texts(self) -> dict[tuple[str, str, str, int], str]:
        rows = self.conn.execute("SELECT framework, role, value_id, number, text FROM items")
        return {(f, r, v, n): t for f, r, v, n, t in rows}

    def scale_labels(self) -> dict[tuple[str, int], str]:
        return {(f, n): label for f, n, label in self.conn.execute("SELECT * FROM scale")}

    def known(self, column: str) -> list[str]:
        """Distinct values of ``role`` or ``supervisee`` among readable journals."""
        assert column in ("role", "supervisee")
        rows = self.conn.execute(
            f"SELECT DISTINCT {column} FROM journals WHERE dir = ? AND error IS NULL "
            f"AND {column} IS NOT NULL ORDER BY 1",
            (self.dir_key,),
        )
        return [r[0] for r in rows]

    def value_titles(self) -> dict[str, tuple[int, str, str]]:
        """value id -> (number, title, practice), from the newest journal that has it."""
        out: dict[str, tuple[int, str, str]] = {}
        rows = self.conn.execute(
            "SELECT vals FROM journals WHERE dir = ? AND error IS NULL ORDER BY ts DESC",
            (self.dir_key,),
        )
        for (vals,) in rows:
            for v in json.loads(vals):
                out.setdefault(v[0], (v[1], v[2], v[3]))
        return out


def _where(f: Filters, t: str = "") -> tuple[list[str], list[Any]]:
    """SQL conditions for ``f``; ``t`` qualifies the columns (``"j."``)."""
    where: list[str] = []
    params: list[Any] = []
    if f.role:
        where.append(f"{t}role = ?")
        params.append(f.role)
    if f.since:
        where.append(f"{t}day >= ?")
        params.append(f.since)
    if f.until:
        where.append(f"{t}day <= ?")
        params.append(f.until)
    if f.value:
        where.append(f"instr({t}vids, ?) > 0")
        params.append(f",{f.value},")
    if f.supervisee:
        where.append(f"lower({t}supervisee) = ?")
        params.append(f.supervisee.strip().lower())
    return where, params


Parsed = tuple[
    tuple[Any, ...],  # the journals row
    tuple[str, str] | None,  # the texts row
    dict[tuple[str, str, str, int], str],  # guideline item texts seen
    dict[tuple[str, int], str],  # rating labels seen
]


def _read_all(
    folder: Path, dir_key: str, names: list[str], found: dict[str, tuple[int, int]]
) -> Iterator[Parsed]:
    """Read ``names`` in order, with the garbage collector paused: reading 10,000 journals
    makes millions of small objects that all die young, and the collector's passes over them
    cost a third of the time. Nothing here makes reference cycles."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    seen: set[tuple[str, str, str, int]] = set()
    try:
        for name in names:
            yield _read_one((folder, dir_key, name, found[name]), seen)
    finally:
        if enabled:
            gc.enable()


def _read_one(
    job: tuple[Path, str, str, tuple[int, int]], seen: set[tuple[str, str, str, int]]
) -> Parsed:
    """One file's rows; item texts and rating labels only where ``seen`` lacks them (names
    come newest first, so the newest wording of a guideline item is the one kept)."""
    from ..journal.format import JournalFormatError
    from .scan import read_record

    folder, dir_key, name, stat = job
    try:
        rec = read_record(os.path.join(folder, name))
    except JournalFormatError as exc:
        return (dir_key, name, *stat, str(exc), *([None] * (_NCOLUMNS - 5))), None, {}, {}
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
    row, texts = _record_row(dir_key, name, stat, rec)
    return row, texts, items, scale


def _record_row(
    dir_key: str, name: str, stat: tuple[int, int], rec: Record
) -> tuple[tuple[Any, ...], tuple[str, str]]:
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


def _scan_dir(journal_dir: Path) -> dict[str, tuple[int, int]]:
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


# -- opening, with silent recovery -------------------------------------------------------------
def _connect(file: Path | None) -> sqlite3.Connection:
    import sqlite3

    if file is None:
        conn = sqlite3.connect(":memory:", isolation_level=None)
    else:
        if not file.exists():
            # Created owner-only before SQLite opens it: journals' words live in here too.
            os.close(os.open(file, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(file, timeout=10, isolation_level=None)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise sqlite3.DatabaseError("foreign schema")
            conn.executescript(_SCHEMA)
            with contextlib.suppress(sqlite3.OperationalError):  # SQLite without FTS5
                conn.executescript(_FTS)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn


def _delete(file: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{file}{suffix}")


def _busy(exc: Exception) -> bool:
    # Another peersup holds the cache: use a private in-memory index rather than delete it.
    return "locked" in str(exc) or "busy" in str(exc)


def with_index(
    journal_dir: Path,
    work: Callable[[Index], T],
    *,
    index_file: Path | None = None,
    rebuild: bool = False,
) -> T:
    """Open the index for ``journal_dir``, bring it up to date, and run ``work`` on it.

    A cache that cannot be used is deleted and rebuilt once; if the cache folder cannot be
    written at all, an in-memory index does the job for this run.
    """
    import sqlite3

    from .. import paths
    from ..errors import StorageError
    from ..storage import ensure_private_dir

    file: Path | None = index_file or paths.index_file()
    try:
        ensure_private_dir(file.parent)  # type: ignore[union-attr]
    except StorageError:
        file = None
    for attempt in range(3):
        try:
            conn = _connect(file)
        except (sqlite3.DatabaseError, OSError) as exc:
            if file is not None and attempt == 0 and not _busy(exc):
                _delete(file)
            else:
                file = None
            continue
        try:
            index = Index(conn, journal_dir, file)
            if rebuild:
                index.rebuild()
            else:
                index.refresh()
            return work(index)
        except sqlite3.DatabaseError as exc:
            if file is None:
                raise
            conn.close()
            if attempt == 0 and not _busy(exc):
                _delete(file)
            else:
                file = None
        finally:
            conn.close()
    raise AssertionError("unreachable")  # pragma: no cover
