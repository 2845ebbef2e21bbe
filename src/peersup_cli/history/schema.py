"""The journal index's SQLite file: its schema, and opening it (created owner-only, checked for
the schema version; ``open_index`` in ``index`` deletes and rebuilds one that cannot be used).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

SCHEMA_VERSION = 9  # PRAGMA user_version; any other number means: delete and rebuild
BUSY_TIMEOUT = 0.5  # seconds to wait for another peersup holding the index

SCHEMA = """
-- Each journal folder the index knows, by a number: short keys in every index below.
CREATE TABLE folders (id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL);
CREATE TABLE journals (
    id INTEGER PRIMARY KEY,
    dir INTEGER NOT NULL,  -- folders.id
    name TEXT NOT NULL, size INTEGER, mtime_ns INTEGER,
    error TEXT,
    date TEXT, ts REAL, day TEXT,
    -- the file-name order within one moment: "x.md" < "x-2.md" < "x-10.md"
    seq TEXT,
    kind TEXT,  -- "reflect", "prep", "record" or "share" (journal.model.Journal.kind)
    role TEXT, role_label TEXT, framework TEXT, framework_title TEXT,
    supervisee TEXT,
    person TEXT,  -- the supervisee folded for matching (journal.store.person_key)
    status TEXT,
    vids TEXT,  -- ",id1,id2," of the values reflected on (something answered, ticked, rated)
    numbers TEXT,  -- their numbers, compact: "1-3,5"
    action_plan TEXT,
    agenda TEXT,  -- JSON: {"carried": [...], "done": [...], "topics": [...], "questions": [...]}
    -- the number journal list shows: 1 is the oldest readable journal (by ts, then seq);
    -- kept up to date by each refresh that changes something, so queries read it in order
    ref INTEGER
);
CREATE INDEX journals_ref ON journals (dir, ref);
-- Covers the question a refresh asks when the folder changed: which files changed?
CREATE INDEX journals_file ON journals (dir, name, size, mtime_ns);
-- The look-back reads a role's (or a supervisee's) journals from the newest.
CREATE INDEX journals_role ON journals (dir, role, ref);
CREATE INDEX journals_person ON journals (dir, person, ref) WHERE person IS NOT NULL;
CREATE INDEX journals_errors ON journals (dir, name) WHERE error IS NOT NULL;
-- Each value of each journal, in the journal's order: trends and the look-back are queries.
CREATE TABLE vals (
    journal INTEGER NOT NULL, pos INTEGER NOT NULL,
    vid TEXT, number INTEGER, title TEXT, practice TEXT,
    shown INTEGER,  -- guideline items shown
    rating INTEGER, label TEXT,
    practiced TEXT,  -- JSON list of the item numbers ticked, or NULL for none
    engaged INTEGER,  -- 1: something was answered, ticked or rated
    PRIMARY KEY (journal, pos)
) WITHOUT ROWID;
-- Running totals per role and value (history/tally.py), so trends read a few rows.
CREATE TABLE tally (
    dir INTEGER, role TEXT, vid TEXT, times INTEGER, newest INTEGER,
    number INTEGER, title TEXT, practice TEXT, day TEXT, role_label TEXT,
    ratings TEXT, days TEXT,  -- every rating, oldest first, and its day: comma-joined
    label TEXT,
    PRIMARY KEY (dir, role, vid)
) WITHOUT ROWID;
CREATE TABLE tally_items (
    dir INTEGER, framework TEXT, role TEXT, vid TEXT,
    kind TEXT, n INTEGER,  -- "shown": n items shown; "ticked": item n ticked
    count INTEGER,
    PRIMARY KEY (dir, framework, role, vid, kind, n)
) WITHOUT ROWID;
-- The person's words live apart, so listing never reads them.
CREATE TABLE texts (id INTEGER PRIMARY KEY, text TEXT, linemap TEXT);  -- records.encode_places
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
# detail=none: it only narrows journals down (every word or prefix, any case, any accent);
# phrases and lines are found in Python.
FTS = """
CREATE VIRTUAL TABLE fts USING fts5(
    text, content='texts', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', detail=none, columnsize=0
);
"""
# The columns of a ``journals`` row as ``refresh`` stores it (all but the id and the ref).
COLUMNS = (
    "dir, name, size, mtime_ns, error, date, ts, day, seq, kind, role, role_label, framework, "
    "framework_title, supervisee, person, status, vids, numbers, action_plan, agenda"
)
NCOLUMNS = COLUMNS.count(",") + 1


def connect(file: Path | None) -> sqlite3.Connection:
    """Open ``file`` (None: a private in-memory index), creating the schema in an empty one.

    Raises ``sqlite3.DatabaseError`` for a file that holds anything else, so the caller can
    delete it and start again.
    """
    import sqlite3

    if file is None:
        conn = sqlite3.connect(":memory:", isolation_level=None)
    else:
        if os.path.islink(file):
            # A link could make someone else's file the index (or expose this one): refuse it,
            # and the caller uses an in-memory index for this run.
            raise OSError(f"{file} is a symbolic link")
        if not file.exists():
            # Created owner-only before SQLite opens it: journals' words live in here too.
            # O_EXCL: a link planted between the two checks is never followed.
            flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
            with contextlib.suppress(FileExistsError):
                os.close(os.open(file, flags, 0o600))
        # A short wait: another peersup busy with the index makes this run use memory instead.
        conn = sqlite3.connect(file, timeout=BUSY_TIMEOUT, isolation_level=None)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise sqlite3.DatabaseError("foreign schema")
            conn.executescript(SCHEMA)
            with contextlib.suppress(sqlite3.OperationalError):  # SQLite without FTS5
                conn.executescript(FTS)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn


def folder_id(conn: sqlite3.Connection, path: str) -> int:
    """The number the index's rows call the journal folder ``path`` by (given on first use)."""
    row = conn.execute("SELECT id FROM folders WHERE path = ?", (path,)).fetchone()
    if row is None:
        conn.execute("INSERT OR IGNORE INTO folders (path) VALUES (?)", (path,))
        row = conn.execute("SELECT id FROM folders WHERE path = ?", (path,)).fetchone()
    return int(row[0])


def delete(file: Path) -> None:
    """Remove the cache file and whatever SQLite keeps beside it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{file}{suffix}")


def busy(exc: Exception) -> bool:
    # Another peersup holds the cache: use a private in-memory index rather than delete it.
    return "locked" in str(exc) or "busy" in str(exc)
