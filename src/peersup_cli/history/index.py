"""The journal index: a SQLite cache of what every journal holds, kept in step with the files.

The markdown files are the only source of truth. The index is a cache in the platform cache
folder: each run stats every ``*.md`` file in the journal folder and re-reads only those whose
name, size or modification time changed, so a warm run costs a directory scan and one query.
Deleting the cache loses nothing; a cache that is corrupt, from another schema version or not a
database at all is deleted and rebuilt without a word; one that cannot be opened, created or
locked at once gives way to an in-memory index for the run. Nothing here writes a journal file.

Every file is read through ``journal.store.read_journal``, the one reader of the format. The
schema and opening the file live in ``schema``; the records handed out in ``records``.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..journal.format import JournalFormatError
from ..journal.model import Journal
from ..journal.store import is_journal_name, name_order, person_key, read_journal
from . import schema
from .filters import Filters, filter_sql
from .records import (
    IndexedJournal,
    RefreshResult,
    Skipped,
    compact_numbers,
    decode_values,
    encode_values,
)

if TYPE_CHECKING:
    import sqlite3

BULK = 500  # from this many new or changed files on, the full-text index is rebuilt later
BATCH = 256  # rows stored at a time: fast, and memory stays small
# Called as (files read, files to read) while a refresh reads files; the CLI draws a bar.
Progress = Callable[[int, int], None]
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class Index:
    """An open index for one journal folder. Use ``open_index`` rather than this directly."""

    def __init__(self, conn: sqlite3.Connection, journal_dir: Path, file: Path | None) -> None:
        self.conn = conn
        self.journal_dir = journal_dir
        self.dir_key = str(journal_dir.resolve()) if journal_dir.exists() else str(journal_dir)
        self.file = file
        self.has_fts = bool(
            conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'fts'").fetchone()
        )

    # -- keeping in step with the files --------------------------------------------------------
    def refresh(self, progress: Progress | None = None) -> RefreshResult:
        found = scan_dir(self.journal_dir)
        stale, fresh, removed = self._changes(found)
        if not stale and not fresh:
            return RefreshResult()
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Asked again under the write lock: another peersup may have caught up meanwhile.
            stale, fresh, removed = self._changes(found)
            self._forget(stale, fts := self._fts_live(len(fresh)))
            first_new = self._store(fresh, found, fts, progress)
            self._number(first_new, renumber_all=bool(stale))
            conn.execute("COMMIT")
        except BaseException:  # Ctrl-C included: the index stays as it was
            with contextlib.suppress(Exception):
                conn.execute("ROLLBACK")
            raise
        return RefreshResult(read=len(fresh), removed=removed)

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
        fresh = [
            name for name, stat in found.items() if name not in known or known[name][1:] != stat
        ]
        return stale, fresh, sum(name not in found for name in known)

    def _fts_live(self, changes: int) -> bool:
        """Whether to keep the full-text index in step row by row (few changes) or leave it to
        be rebuilt in one go by the next search (many: 3x faster)."""
        fts = self.has_fts and not self._fts_stale()
        if fts and changes >= BULK:
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', '1')")
            return False
        return fts

    def _forget(self, stale: list[int], fts: bool) -> None:
        if not stale:
            return
        ids = json.dumps(stale)
        if fts:
            self.conn.execute(
                "INSERT INTO fts (fts, rowid, text) SELECT 'delete', id, text "
                "FROM texts WHERE id IN (SELECT value FROM json_each(?))",
                (ids,),
            )
        for table in ("journals", "texts"):
            self.conn.execute(
                f"DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?))", (ids,)
            )

    def _store(
        self, names: list[str], found: dict[str, tuple[int, int]], fts: bool,
        progress: Progress | None,
    ) -> int:
        """Read and store ``names``; returns the first new row id."""
        conn = self.conn
        before = conn.execute("SELECT coalesce(max(id), 0) FROM journals").fetchone()[0]
        insert_journal = (
            f"INSERT INTO journals (id, {schema.COLUMNS}) "
            f"VALUES ({', '.join('?' * (schema.NCOLUMNS + 1))})"
        )
        # key -> (file name, text): the newest file's wording wins (names start with the date).
        items: dict[tuple[str, str, str, int], tuple[str, str]] = {}
        scale: dict[tuple[str, int], tuple[str, str]] = {}
        journal_rows: list[tuple[Any, ...]] = []
        text_rows: list[tuple[Any, ...]] = []
        for done, name in enumerate(names, start=1):
            row_id = before + done
            try:
                journal = read_journal(self.journal_dir / name)
            except JournalFormatError as exc:
                journal_rows.append(
                    (row_id, self.dir_key, name, *found[name], str(exc),
                     *([None] * (schema.NCOLUMNS - 5)))
                )
            else:
                journal_rows.append((row_id, *self._row(name, found[name], journal)))
                text_rows.append((row_id, *_texts(journal)))
                _note_wording(items, scale, name, journal)
            if len(journal_rows) >= BATCH:
                self._insert(insert_journal, journal_rows, text_rows)
                if progress is not None:
                    progress(done, len(names))
        self._insert(insert_journal, journal_rows, text_rows)
        if progress is not None:
            progress(len(names), len(names))
        if fts:
            conn.execute(
                "INSERT INTO fts (rowid, text) SELECT id, text FROM texts WHERE id > ?", (before,)
            )
        conn.executemany(
            "INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?)",
            ((*k, v) for k, (_, v) in items.items()),
        )
        conn.executemany(
            "INSERT OR REPLACE INTO scale VALUES (?, ?, ?)",
            ((*k, v) for k, (_, v) in scale.items()),
        )
        return int(before) + 1

    def _number(self, first_new: int, *, renumber_all: bool) -> None:
        """Give each readable journal its ``ref``. New journals that all come after the old
        ones (the usual case: today's session) are numbered on from the last; anything else
        (a back-dated or removed journal) numbers the folder again in one statement."""
        conn, key = self.conn, self.dir_key
        last_ref = conn.execute(
            "SELECT coalesce(max(ref), 0) FROM journals WHERE dir = ? AND error IS NULL "
            "AND id < ?", (key, first_new),
        ).fetchone()[0]
        newest_old = conn.execute(
            "SELECT ts, seq FROM journals WHERE dir = ? AND error IS NULL AND id < ? "
            "ORDER BY ts DESC, seq DESC LIMIT 1", (key, first_new),
        ).fetchone()
        oldest_new = conn.execute(
            "SELECT ts, seq FROM journals WHERE dir = ? AND error IS NULL AND id >= ? "
            "ORDER BY ts, seq LIMIT 1", (key, first_new),
        ).fetchone()
        if oldest_new is None and not renumber_all:
            return
        if not renumber_all and (newest_old is None or tuple(oldest_new) > tuple(newest_old)):
            conn.execute(
                "UPDATE journals SET ref = r.n + ? FROM (SELECT id, row_number() OVER "
                "(ORDER BY ts, seq) AS n FROM journals WHERE dir = ? AND error IS NULL "
                "AND id >= ?) AS r WHERE journals.id = r.id",
                (last_ref, key, first_new),
            )
            return
        conn.execute(
            "UPDATE journals SET ref = r.n FROM (SELECT id, row_number() OVER "
            "(ORDER BY ts, seq) AS n FROM journals WHERE dir = ? AND error IS NULL) AS r "
            "WHERE journals.id = r.id",
            (key,),
        )

    def _insert(
        self, sql: str, journal_rows: list[tuple[Any, ...]], text_rows: list[tuple[Any, ...]]
    ) -> None:
        self.conn.executemany(sql, journal_rows)
        self.conn.executemany("INSERT INTO texts VALUES (?, ?, ?)", text_rows)
        journal_rows.clear()
        text_rows.clear()

    def _row(self, name: str, stat: tuple[int, int], j: Journal) -> tuple[Any, ...]:
        """The ``journals`` row of a readable journal, in ``schema.COLUMNS`` order."""
        base, number = name_order(name)
        return (
            self.dir_key, name, *stat, None,
            j.date.isoformat(), j.date.timestamp(), j.date.date().isoformat(),
            f"{base}\x00{number:010d}",
            j.role, j.role_label, j.framework, j.framework_title, j.supervisee,
            person_key(j.supervisee) if j.supervisee is not None else None,
            j.status,
            "," + ",".join(j.values) + ",",
            compact_numbers(r.number for r in j.reflections),
            _JSON.encode(encode_values(j)), j.action_plan, j.support,
            _JSON.encode(_agenda(j)) if j.agenda is not None else None,
        )

    def rebuild(self, progress: Progress | None = None) -> None:
        """Forget this folder's journals and read every file again."""
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute(
            "DELETE FROM texts WHERE id IN (SELECT id FROM journals WHERE dir = ?)",
            (self.dir_key,),
        )
        self.conn.execute("DELETE FROM journals WHERE dir = ?", (self.dir_key,))
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', '1')")
        self.conn.execute("COMMIT")
        self.refresh(progress)

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
        where: str = "",
    ) -> list[IndexedJournal]:
        """Readable journals with their reference numbers (1 = oldest), filtered. ``where``:
        one more SQL condition on the journal columns (``j.``), for the look-back."""
        conditions, params = filter_sql(filters or Filters(), "j.")
        if where:
            conditions.append(where)
        if ids is not None:
            conditions.append("j.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(ids))
        if ref is not None:
            conditions.append("j.ref = ?")
            params.append(ref if 0 < ref < 2**62 else -1)  # a number no journal has
        if name is not None:
            conditions.append("j.name = ?")
            params.append(name)
        columns = ", ".join(f"j.{c.strip()}" for c in schema.ENTRY_COLUMNS.split(","))
        sql = (
            f"SELECT j.ref, {columns} FROM journals AS j WHERE j.dir = ? AND j.error IS NULL"
            f"{''.join(' AND ' + c for c in conditions)} "
            f"ORDER BY j.ref {'DESC' if newest_first else 'ASC'}"
        )
        if limit:
            sql += " LIMIT ?"
            params.append(min(int(limit), 2**62))  # SQLite's integers end at 2**63
        return [self._entry(row) for row in self.conn.execute(sql, [self.dir_key, *params])]

    def newest_first(self, filters: Filters | None = None) -> Iterator[IndexedJournal]:
        """Readable journals from the newest, one at a time: a caller that stops early (the
        look-back, once it has found every value) reads only the rows it needs."""
        conditions, params = filter_sql(filters or Filters(), "j.")
        columns = ", ".join(f"j.{c.strip()}" for c in schema.ENTRY_COLUMNS.split(","))
        sql = (
            f"SELECT j.ref, {columns} FROM journals AS j WHERE j.dir = ? AND j.error IS NULL"
            f"{''.join(' AND ' + c for c in conditions)} ORDER BY j.ref DESC"
        )
        for row in self.conn.execute(sql, [self.dir_key, *params]):
            yield self._entry(row)

    def value_rows(self, filters: Filters | None = None) -> list[ValueRow]:
        """What trends need of each readable journal, oldest first, without building an
        ``IndexedJournal`` for each of 10,000 journals."""
        conditions, params = filter_sql(filters or Filters())
        sql = (
            "SELECT day, framework, role, vals, coalesce(role_label, role) FROM journals "
            "WHERE dir = ? AND error IS NULL "
            f"{''.join(' AND ' + c for c in conditions)} ORDER BY ts, seq"
        )
        return list(map(ValueRow._make, self.conn.execute(sql, [self.dir_key, *params])))

    def _entry(self, row: tuple[Any, ...]) -> IndexedJournal:
        (ref, row_id, name, date, day, role, role_label, framework, fw_title, supervisee,
         status, numbers, vals, action_plan, agenda) = row
        return IndexedJournal(
            ref=ref, id=row_id, folder=self.journal_dir, name=name, date=date, day=day,
            role=role, role_label=role_label or "", framework=framework,
            framework_title=fw_title or "", supervisee=supervisee, status=status,
            numbers=numbers, vals_json=vals, action_plan=action_plan, agenda_json=agenda,
        )

    def texts(self, ids: list[int]) -> dict[int, SearchText]:
        """The searchable lines of these journals, by row id."""
        out: dict[int, SearchText] = {}
        for row_id, text, linemap in self.conn.execute(
            "SELECT id, text, linemap FROM texts WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        ):
            out[row_id] = SearchText(text or "", linemap or "[]")
        return out

    def item_texts(self) -> dict[tuple[str, str, str, int], str]:
        """(framework, role, value id, item number) -> the newest wording of that item."""
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
            for v in decode_values(vals):
                out.setdefault(v.id, (v.number, v.title, v.practice))
        return out


class ValueRow(NamedTuple):
    """One journal as trends see it: its day, framework, role and values (decoded on use)."""

    day: str
    framework: str
    role: str
    vals_json: str
    role_label: str


class BlockPlace:
    """Where one block of a journal's searchable text stands in its file."""

    __slots__ = ("line", "lines", "where")

    def __init__(self, line: int, where: str, lines: int) -> None:
        self.line, self.where, self.lines = line, where, lines


class SearchText:
    """A journal's searchable lines (every block's text, in order) and where each block is;
    the block places are decoded only when a line is found."""

    __slots__ = ("_linemap", "_raw", "_starts", "text")

    def __init__(self, text: str, linemap_json: str) -> None:
        self.text = text
        self._linemap = linemap_json
        self._raw: list[list[Any]] = []
        self._starts: list[int] | None = None  # each block's first line index in ``text``

    def place(self, line_index: int) -> tuple[BlockPlace, int]:
        """The block holding line ``line_index`` of ``text``, and its first line's index."""
        if self._starts is None:
            self._raw = json.loads(self._linemap)
            starts, at = [], 0
            for block in self._raw:
                starts.append(at)
                at += block[2]
            self._starts = starts
        if not self._raw:
            return BlockPlace(0, "", 0), 0
        i = max(0, bisect.bisect_right(self._starts, line_index) - 1)
        return BlockPlace(*self._raw[i]), self._starts[i]


def _texts(j: Journal) -> tuple[str, str]:
    """The ``texts`` row: every block of the person's words, and where each block is."""
    text = "\n".join(b.text for b in j.blocks)
    return text, _JSON.encode([[b.line, b.where, b.size] for b in j.blocks])


def _agenda(j: Journal) -> dict[str, list[str]]:
    a = j.agenda
    assert a is not None
    return {"carried": a.carried, "done": a.done, "topics": a.topics, "questions": a.questions}


def _note_wording(
    items: dict[tuple[str, str, str, int], tuple[str, str]],
    scale: dict[tuple[str, int], tuple[str, str]],
    name: str,
    j: Journal,
) -> None:
    """Keep each guideline item's and rating label's wording from the newest file by name."""
    for r in j.reflections:
        for item in r.items:
            key = (j.framework, j.role, r.value_id, item.number)
            old = items.get(key)
            if old is None or old[0] < name:
                items[key] = (name, item.text)
        if r.rating is not None and r.rating_label:
            rkey = (j.framework, r.rating)
            old = scale.get(rkey)
            if old is None or old[0] < name:
                scale[rkey] = (name, r.rating_label)


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
            if is_journal_name(name):
                try:
                    if e.is_file():
                        st = e.stat()
                        found[name] = (st.st_size, st.st_mtime_ns)
                except OSError:
                    continue
    return found


@contextlib.contextmanager
def open_index(
    journal_dir: Path,
    *,
    index_file: Path | None = None,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> Iterator[Index]:
    """The index for ``journal_dir``, brought up to date, open for one command.

    A cache that cannot be used is deleted and rebuilt once; one that cannot be opened, created
    or locked (another peersup busy with it, a read-only disk, a folder that is not ours) gives
    way to an in-memory index for this run.
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
        conn = None
        try:
            conn = schema.connect(file)
            index = Index(conn, journal_dir, file)
            if rebuild:
                index.rebuild(progress)
            else:
                index.refresh(progress)
        except (sqlite3.DatabaseError, OSError) as exc:
            if conn is not None:
                conn.close()
            if file is None:
                raise
            if attempt == 0 and isinstance(exc, sqlite3.DatabaseError) and not schema.busy(exc):
                schema.delete(file)
            else:
                file = None
            continue
        try:
            yield index
        finally:
            conn.close()
        return
    raise AssertionError("unreachable")  # pragma: no cover
