"""Keeping the journal index in step with the files: which files changed (name, size,
modification time), reading those through the journal package's reader, storing their rows,
numbering every journal, and the full-text index. Nothing here ever writes a journal file.

A run that finds the folder as the last one left it costs one look at each file's size and
time and one query: the list of every file with its size and time is kept as a digest, and
the rows are compared file by file only when that digest changed (once, under the write lock).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..journal.facts import read_facts, read_words
from ..journal.format import JournalFormatError
from ..journal.store import is_journal_name, name_order, read_text
from . import tally
from .records import RefreshResult, encode_places
from .rows import INSERT_TEXT, JournalRows

if TYPE_CHECKING:
    import sqlite3

BULK = 500  # from this many new or changed files on, the full-text index is rebuilt later
BATCH = 256  # journals stored at a time: fast, and memory stays small
# Called as (files read, files to read) while a refresh reads files; the CLI draws a bar.
Progress = Callable[[int, int], None]


class Scan(NamedTuple):
    """Every journal file in a folder as ``name/size/mtime_ns`` keys, sorted, and their digest."""

    keys: list[str]
    digest: str

    def files(self) -> dict[str, tuple[int, int]]:
        """name -> (size, mtime_ns)."""
        out: dict[str, tuple[int, int]] = {}
        for key in self.keys:
            name, size, mtime = key.rsplit("/", 2)  # a file name holds no "/"
            out[name] = (int(size), int(mtime))
        return out


class KeepInStep:
    """What ``Index`` does to stay in step with the journal folder."""

    conn: sqlite3.Connection
    journal_dir: Path
    dir_key: str
    folder: int
    has_fts: bool

    # -- keeping in step with the files --------------------------------------------------------
    def refresh(self, progress: Progress | None = None) -> RefreshResult:
        scan = scan_dir(self.journal_dir)
        if scan.digest == self._meta(self._digest_key()):
            return RefreshResult()
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Compared under the write lock: another peersup may have caught up meanwhile.
            files = scan.files()
            stale, fresh, removed = self._changes(files)
            if stale or fresh:
                self._forget(stale, fts := self._fts_live(len(fresh)))
                # Many files at once (a first build): the person's words wait for the first
                # search, so listing, trends and the look-back do not pay for reading them.
                words = len(fresh) < BULK and not self._words_later()
                if not words:
                    self._set_meta(self._words_key(), "later")
                first_new = self._store(fresh, files, fts and words, progress, words)
                appended = self._number(first_new, renumber_all=bool(stale))
                tally.after_refresh(self, first_new, appended)  # type: ignore[arg-type]
            self._set_meta(self._digest_key(), scan.digest)
            conn.execute("COMMIT")
        except BaseException:  # Ctrl-C included: the index stays as it was
            with contextlib.suppress(Exception):
                conn.execute("ROLLBACK")
            raise
        return RefreshResult(read=len(fresh), removed=removed)

    def _digest_key(self) -> str:
        return f"files {self.dir_key}"

    def _words_key(self) -> str:
        return f"words later {self.dir_key}"

    def _words_later(self) -> bool:
        return self._meta(self._words_key()) is not None

    def ensure_words(self, progress: Progress | None = None) -> None:
        """Store the person's words of every journal read without them (see ``refresh``),
        reading those files again; the full-text index is then rebuilt by ``ensure_fts``."""
        if not self._words_later():
            return
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            rows = conn.execute(
                "SELECT id, name FROM journals WHERE dir = ? AND error IS NULL "
                "AND id NOT IN (SELECT id FROM texts)", (self.folder,),
            ).fetchall()
            folder = os.path.join(self.journal_dir, "")
            texts: list[tuple[Any, ...]] = []
            for done, (row_id, name) in enumerate(rows, start=1):
                try:
                    words = read_words(read_text(folder + name))
                except JournalFormatError:  # changed since: the next refresh reads it again
                    continue
                texts.append((row_id, "\n".join([b.text for b in words.blocks]),
                              encode_places(words.blocks, words.values)))
                if len(texts) >= BATCH:
                    conn.executemany(INSERT_TEXT, texts)
                    texts.clear()
                    if progress is not None:
                        progress(done, len(rows))
            conn.executemany(INSERT_TEXT, texts)
            if progress is not None:
                progress(len(rows), len(rows))
            conn.execute("DELETE FROM meta WHERE key = ?", (self._words_key(),))
            self._set_meta("fts_stale", "1")
            conn.execute("COMMIT")
        except BaseException:  # Ctrl-C included: the index stays as it was
            with contextlib.suppress(Exception):
                conn.execute("ROLLBACK")
            raise

    def _changes(self, found: dict[str, tuple[int, int]]) -> tuple[list[int], list[str], int]:
        """(row ids to forget, file names to read, how many files are gone)."""
        known = {
            name: (row_id, size, mtime)
            for row_id, name, size, mtime in self.conn.execute(
                "SELECT id, name, size, mtime_ns FROM journals WHERE dir = ?", (self.folder,)
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
            self._set_meta("fts_stale", "1")
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
        for table, key in (("journals", "id"), ("texts", "id"), ("vals", "journal")):
            self.conn.execute(
                f"DELETE FROM {table} WHERE {key} IN (SELECT value FROM json_each(?))", (ids,)
            )

    def _store(
        self, names: list[str], found: dict[str, tuple[int, int]], fts: bool,
        progress: Progress | None, words: bool,
    ) -> int:
        """Read and store ``names`` (``words``: with the person's words); returns the first new
        row id."""
        conn = self.conn
        before = conn.execute("SELECT coalesce(max(id), 0) FROM journals").fetchone()[0]
        # Newest first (names start with the date), so the first wording seen of a guideline
        # item or a rating label is the newest, and each value's items are noted once.
        names = sorted(names, key=name_order, reverse=True)
        rows = JournalRows(self.folder, before, words)
        # The collector is paused while files are read: 10,000 journals make millions of
        # small objects, and its passes over them cost a third of the time. Nothing here makes
        # reference cycles; it runs again at the end.
        collecting = gc.isenabled()
        gc.disable()
        try:
            folder = os.path.join(self.journal_dir, "")
            for done, name in enumerate(names, start=1):
                try:
                    facts = read_facts(read_text(folder + name), words=words)
                except JournalFormatError as exc:
                    rows.unreadable(name, found[name], str(exc))
                else:
                    rows.add(name, found[name], facts)
                if len(rows.journals) >= BATCH:
                    rows.insert(conn)
                    if progress is not None:
                        progress(done, len(names))
        finally:
            if collecting:
                gc.enable()
        rows.insert(conn)
        if progress is not None:
            progress(len(names), len(names))
        if fts:
            conn.execute(
                "INSERT INTO fts (rowid, text) SELECT id, text FROM texts WHERE id > ?", (before,)
            )
        conn.executemany(
            "INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?)",
            ((*k, v) for k, v in rows.items.items()),
        )
        conn.executemany(
            "INSERT OR REPLACE INTO scale VALUES (?, ?, ?)",
            ((*k, v) for k, v in rows.scale.items()),
        )
        return int(before) + 1

    def _number(self, first_new: int, *, renumber_all: bool) -> bool:
        """Give each readable journal its ``ref``. New journals that all come after the old
        ones (the usual case: today's session) are numbered on from the last (True); anything
        else (a back-dated or removed journal) numbers the folder again in one statement."""
        conn, key = self.conn, self.folder
        # The old journal with the highest number is the newest one (refs follow ts, seq).
        newest_old = conn.execute(
            "SELECT ref, ts, seq FROM journals WHERE dir = ? AND error IS NULL AND id < ? "
            "AND ref IS NOT NULL ORDER BY ref DESC LIMIT 1", (key, first_new),
        ).fetchone()
        oldest_new = conn.execute(
            "SELECT ts, seq FROM journals WHERE id >= ? AND dir = ? AND error IS NULL "
            "ORDER BY ts, seq LIMIT 1", (first_new, key),
        ).fetchone()
        if oldest_new is None and not renumber_all:
            return True
        if not renumber_all and (newest_old is None or tuple(oldest_new) > tuple(newest_old[1:])):
            conn.execute(
                "UPDATE journals SET ref = r.n + ? FROM (SELECT id, row_number() OVER "
                "(ORDER BY ts, seq) AS n FROM journals WHERE id >= ? AND dir = ? "
                "AND error IS NULL) AS r WHERE journals.id = r.id",
                (newest_old[0] if newest_old else 0, first_new, key),
            )
            return True
        conn.execute(
            "UPDATE journals SET ref = r.n FROM (SELECT id, row_number() OVER "
            "(ORDER BY ts, seq) AS n FROM journals WHERE dir = ? AND error IS NULL) AS r "
            "WHERE journals.id = r.id",
            (key,),
        )
        return False

    def rebuild(self, progress: Progress | None = None) -> None:
        """Forget this folder's journals and read every file again."""
        self.conn.execute("BEGIN IMMEDIATE")
        for table, key in (("texts", "id"), ("vals", "journal")):
            self.conn.execute(
                f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM journals WHERE dir = ?)",
                (self.folder,),
            )
        self.conn.execute("DELETE FROM journals WHERE dir = ?", (self.folder,))
        tally.after_refresh(self, 0, appended=False)  # type: ignore[arg-type]
        self.conn.execute("DELETE FROM meta WHERE key IN (?, ?)",
                          (self._digest_key(), self._words_key()))
        self._set_meta("fts_stale", "1")
        self.conn.execute("COMMIT")
        self.refresh(progress)

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def _fts_stale(self) -> bool:
        return self._meta("fts_stale") == "1"

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


def scan_dir(journal_dir: Path) -> Scan:
    """Every journal file's name, size and modification time (drafts and hidden files left
    out), with their digest."""
    keys: list[str] = []
    try:
        entries = os.scandir(journal_dir)
    except FileNotFoundError:
        return Scan(keys, _digest(keys))
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
                        keys.append(f"{name}/{st.st_size}/{st.st_mtime_ns}")
                except OSError:
                    continue
    keys.sort()
    return Scan(keys, _digest(keys))


def _digest(keys: list[str]) -> str:
    # A name the file system could not decode keeps its escapes: "surrogateescape".
    data = "\n".join(keys).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(data, digest_size=16).hexdigest()
