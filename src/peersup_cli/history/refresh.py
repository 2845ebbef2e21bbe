"""Keeping the journal index in step with the files: which files changed (name, size,
modification time), reading those through the one reader, storing their rows, numbering
every journal, and the full-text index. Nothing here ever writes a journal file.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..journal.format import JournalFormatError
from ..journal.model import Journal
from ..journal.store import is_journal_name, name_order, person_key, read_journal
from . import schema
from .records import RefreshResult, compact_numbers, encode_places, encode_values

if TYPE_CHECKING:
    import sqlite3

BULK = 500  # from this many new or changed files on, the full-text index is rebuilt later
BATCH = 256  # rows stored at a time: fast, and memory stays small
# Called as (files read, files to read) while a refresh reads files; the CLI draws a bar.
Progress = Callable[[int, int], None]
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class KeepInStep:
    """What ``Index`` does to stay in step with the journal folder."""

    conn: sqlite3.Connection
    journal_dir: Path
    dir_key: str
    has_fts: bool

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
        # Newest first (names start with the date), so the first wording seen of a guideline
        # item or a rating label is the newest, and each value's items are noted once.
        names = sorted(names, key=name_order, reverse=True)
        wording = _Wording()
        journal_rows: list[tuple[Any, ...]] = []
        text_rows: list[tuple[Any, ...]] = []
        # The collector is paused while files are read: 10,000 journals make millions of
        # small objects that all live until stored, and its passes over them cost a third of
        # the time. Nothing here makes reference cycles; it runs again at the end.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._read_all(names, found, before, wording, journal_rows, text_rows, insert_journal,
                           progress)
        finally:
            if collecting:
                gc.enable()
        self._insert(insert_journal, journal_rows, text_rows)
        if progress is not None:
            progress(len(names), len(names))
        if fts:
            conn.execute(
                "INSERT INTO fts (rowid, text) SELECT id, text FROM texts WHERE id > ?", (before,)
            )
        conn.executemany(
            "INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?)",
            ((*k, v) for k, v in wording.items.items()),
        )
        conn.executemany(
            "INSERT OR REPLACE INTO scale VALUES (?, ?, ?)",
            ((*k, v) for k, v in wording.scale.items()),
        )
        return int(before) + 1

    def _read_all(
        self, names: list[str], found: dict[str, tuple[int, int]], before: int,
        wording: _Wording, journal_rows: list[tuple[Any, ...]],
        text_rows: list[tuple[Any, ...]], insert_journal: str, progress: Progress | None,
    ) -> None:
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
                wording.note(journal)
            if len(journal_rows) >= BATCH:
                self._insert(insert_journal, journal_rows, text_rows)
                if progress is not None:
                    progress(done, len(names))

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

def _texts(j: Journal) -> tuple[str, str]:
    """The ``texts`` row: every block of the person's words, and where each block is."""
    text = "\n".join(b.text for b in j.blocks)
    return text, encode_places(j.blocks)


def _agenda(j: Journal) -> dict[str, list[str]]:
    a = j.agenda
    assert a is not None
    return {"carried": a.carried, "done": a.done, "topics": a.topics, "questions": a.questions}


class _Wording:
    """Each guideline item's and rating label's wording, from the first (newest) journal
    read that shows it."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str, str, int], str] = {}
        self.scale: dict[tuple[str, int], str] = {}
        self._seen: set[tuple[str, str, str, int]] = set()

    def note(self, j: Journal) -> None:
        for r in j.reflections:
            shown = (j.framework, j.role, r.value_id, len(r.items))
            if shown not in self._seen:  # this value with this many items: noted already
                self._seen.add(shown)
                for item in r.items:
                    self.items.setdefault((j.framework, j.role, r.value_id, item.number),
                                          item.text)
            if r.rating is not None and r.rating_label:
                self.scale.setdefault((j.framework, r.rating), r.rating_label)


def scan_dir(journal_dir: Path) -> dict[str, tuple[int, int]]:
    """name -> (size, mtime_ns) of every journal file (drafts and hidden files left out)."""
    found: dict[str, tuple[int, int]] = {}
    try:
        entries = os.scandir(journal_dir)
    except FileNotFoundError:
        return found
    except NotADirectoryError:
        from ..errors import JournalError

        raise JournalError(
            f"The journal folder {journal_dir} is a file, not a folder. Point peersup at a "
            "folder with --journal-dir or PEERSUP_HOME."
        ) from None
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


