"""The journal index: a SQLite cache of what every journal holds, kept in step with the files.

The markdown files are the only source of truth. The index is a cache in the platform cache
folder: each run stats every ``*.md`` file in the journal folder and re-reads only those whose
name, size or modification time changed, so a warm run costs a directory scan and one query.
Deleting the cache loses nothing; a cache that is corrupt, from another schema version or not a
database at all is deleted and rebuilt without a word. Nothing here ever writes a journal file.

This module keeps the index in step (``Index.refresh``) and answers queries; the schema and
opening the file live in ``index_schema``, reading files into rows in ``index_rows``, and the
data handed out (``Entry``, ``Filters``, ``Skipped``) in ``entries``.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import index_rows, index_schema
from .entries import Entry, Filters, RefreshResult, Skipped, filter_sql
from .index_rows import compact_numbers
from .index_schema import COLUMNS, ENTRY_COLUMNS, NCOLUMNS, SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite3

# Re-exported: callers have always imported these from here.
__all__ = [
    "BULK",
    "SCHEMA_VERSION",
    "Entry",
    "Filters",
    "Index",
    "RefreshResult",
    "Skipped",
    "compact_numbers",
    "with_index",
]

T = TypeVar("T")
BULK = 500  # from this many new or changed files on, the full-text index is rebuilt later


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
        found = index_rows.scan_dir(self.journal_dir)
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
        # key -> (file name, text): the newest file's wording wins (names start with the
        # date), whatever order the rows arrive in.
        items: dict[tuple[str, str, str, int], tuple[str, str]] = {}
        scale: dict[tuple[str, int], tuple[str, str]] = {}
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
                f"INSERT INTO journals (id, {COLUMNS}) VALUES ({', '.join('?' * (NCOLUMNS + 1))})"
            )
            insert_text = "INSERT INTO texts VALUES (?, ?, ?)"
            journal_rows: list[tuple[Any, ...]] = []
            text_rows: list[tuple[Any, ...]] = []
            for row_id, (row, text, file_items, file_scale) in enumerate(
                index_rows.read_all(self.journal_dir, self.dir_key, fresh, found), start=before + 1
            ):
                _keep_newest(items, row[1], file_items)
                _keep_newest(scale, row[1], file_scale)
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
                ((*k, v) for k, (_, v) in items.items()),
            )
            conn.executemany(
                "INSERT OR REPLACE INTO scale VALUES (?, ?, ?)",
                ((*k, v) for k, (_, v) in scale.items()),
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
        where, params = filter_sql(filters or Filters(), "j.")
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
        where, params = filter_sql(filters or Filters())
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


K = TypeVar("K")


def _keep_newest(kept: dict[K, tuple[str, str]], name: str, found: dict[K, str]) -> None:
    for key, text in found.items():
        old = kept.get(key)
        if old is None or old[0] < name:
            kept[key] = (name, text)


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
            conn = index_schema.connect(file)
        except (sqlite3.DatabaseError, OSError) as exc:
            if file is not None and attempt == 0 and not index_schema.busy(exc):
                index_schema.delete(file)
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
            if attempt == 0 and not index_schema.busy(exc):
                index_schema.delete(file)
            else:
                file = None
        finally:
            conn.close()
    raise AssertionError("unreachable")  # pragma: no cover
