"""The journal index: a SQLite cache of what every journal holds, kept in step with the files.

The markdown files are the only source of truth. The index is a cache in the platform cache
folder: each run stats every ``*.md`` file in the journal folder and re-reads only those whose
name, size or modification time changed, so a warm run costs a directory scan and one query
(the digest of what the scan saw, ``refresh``).
Deleting the cache loses nothing; a cache that is corrupt, from another schema version or not a
database at all is deleted and rebuilt without a word; one that cannot be opened, created or
locked at once gives way to an in-memory index for the run. Nothing here writes a journal file.

Every file is read by the journal package (``journal.facts.read_facts``, which always says
what the one reader of the format says). The schema and opening the file live in ``schema``,
keeping in step in ``refresh`` (the rows in ``rows``, running totals in ``tally``), and the
records handed out in ``records``. Queries read rows in the index's own order (``ref``) and
hand them out one at a time, so a command's memory does not grow with the folder.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema
from .filters import Filters, filter_sql
from .records import IndexedJournal, Listed, Skipped
from .refresh import BATCH, BULK, KeepInStep, Progress, scan_dir

if TYPE_CHECKING:
    import sqlite3

__all__ = ["BATCH", "BULK", "Index", "Progress", "open_index", "scan_dir"]

_listed = Listed._make
# The columns an ``IndexedJournal`` is made from, and its values as one JSON list.
_ENTRY = (
    "j.ref, j.id, j.name, j.date, j.day, j.role, j.role_label, j.framework, "
    "j.framework_title, j.supervisee, j.status, j.numbers, j.kind, j.action_plan, j.agenda"
)
# The same, without the plan and agenda (what a search hit shows).
_SHOWN = _ENTRY.replace("j.action_plan, j.agenda", "NULL, NULL")
# ... and what its heading shows alone (a search's lines, not its JSON).
_HEADING = (
    "j.ref, j.id, j.name, j.date, j.day, j.role, j.role_label, '', '', j.supervisee, '', '', "
    "j.kind, NULL, NULL"
)
VALUES_JSON = (
    "(SELECT json_group_array(json_array(vid, number, title, practice, shown, label, rating, "
    "iif(json_valid(practiced), json(practiced), NULL), engaged)) "
    "FROM (SELECT * FROM vals WHERE journal = j.id ORDER BY pos))"
)


class Index(KeepInStep):
    """An open index for one journal folder: kept in step with the files by ``KeepInStep``
    (``refresh``), asked by the methods below. Use ``open_index`` rather than this directly."""

    def __init__(self, conn: sqlite3.Connection, journal_dir: Path, file: Path | None) -> None:
        self.conn = conn
        self.journal_dir = journal_dir
        self.dir_key = str(journal_dir.resolve()) if journal_dir.exists() else str(journal_dir)
        self.folder = schema.folder_id(conn, self.dir_key)  # what the rows call the folder
        self.file = file
        self.has_fts = bool(
            conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'fts'").fetchone()
        )
        self.progress: Progress | None = None  # for reading files again later (search)

    # -- reading -------------------------------------------------------------------------------
    def skipped(self) -> list[Skipped]:
        rows = self.conn.execute(
            "SELECT name, error FROM journals WHERE dir = ? AND error IS NOT NULL ORDER BY name",
            (self.folder,),
        )
        return [Skipped(name, error) for name, error in rows]

    def count(self) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM journals WHERE dir = ? AND error IS NULL", (self.folder,)
        ).fetchone()
        return int(row[0])

    def any_readable(self) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM journals WHERE dir = ? AND error IS NULL LIMIT 1", (self.folder,)
        ).fetchone() is not None

    def where(self, filters: Filters | None = None) -> tuple[str, list[Any]]:
        """The SQL condition (on ``journals AS j``) that picks this folder's readable journals
        that fit ``filters``, and its parameters."""
        conditions, params = filter_sql(filters or Filters(), "j.")
        sql = "j.dir = ? AND j.error IS NULL" + "".join(f" AND {c}" for c in conditions)
        return sql, [self.folder, *params]

    def entries(self, filters: Filters | None = None, **kwargs: Any) -> list[IndexedJournal]:
        """``rows`` as a list."""
        return list(self.rows(filters, **kwargs))

    def rows(
        self,
        filters: Filters | None = None,
        *,
        newest_first: bool = True,
        ids: list[int] | None = None,
        ref: int | None = None,
        name: str | None = None,
        limit: int | None = None,
        where: str = "",
        values: bool = False,
    ) -> Iterator[IndexedJournal]:
        """Readable journals with their reference numbers (1 = oldest), filtered, one at a
        time in the order of their numbers (the index's own order: nothing is sorted).
        ``where``: one more SQL condition on the journal columns (``j.``); ``values``: with
        each journal's values (``IndexedJournal.values``)."""
        sql, params = self.where(filters)
        if where:
            sql += f" AND {where}"
        if ids is not None:
            sql += " AND j.id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(ids))
        if ref is not None:
            sql += " AND j.ref = ?"
            params.append(ref if 0 < ref < 2**62 else -1)  # a number no journal has
        if name is not None:
            sql += " AND j.name = ?"
            params.append(name)
        sql = (
            f"SELECT {_ENTRY}, {VALUES_JSON if values else 'NULL'} FROM journals AS j "
            f"WHERE {sql} ORDER BY j.ref {'DESC' if newest_first else 'ASC'}"
        )
        if limit:
            sql += " LIMIT ?"
            params.append(min(int(limit), 2**62))  # SQLite's integers end at 2**63
        for row in self.conn.execute(sql, params):
            yield self.entry(row)

    def listing(self, filters: Filters | None = None, *, limit: int | None = None
                ) -> Iterator[Listed]:
        """What ``journal list`` shows of each journal, newest first, a row at a time."""
        sql, params = self.where(filters)
        sql = (
            "SELECT j.ref, j.date, j.role, j.role_label, j.supervisee, j.numbers, j.status, "
            "j.kind "
            f"FROM journals AS j WHERE {sql} ORDER BY j.ref DESC"
        )
        if limit:
            sql += " LIMIT ?"
            params.append(min(int(limit), 2**62))
        return map(_listed, self.conn.execute(sql, params))

    def entry(self, row: tuple[Any, ...]) -> IndexedJournal:
        """An ``IndexedJournal`` from a row that starts with the columns of ``_ENTRY`` and
        the values' JSON."""
        (ref, row_id, name, date, day, role, role_label, framework, fw_title, supervisee,
         status, numbers, kind, action_plan, agenda, vals) = row[:16]
        return IndexedJournal(
            ref=ref, id=row_id, folder=self.journal_dir, name=name, date=date, day=day,
            role=role, role_label=role_label or "", framework=framework,
            framework_title=fw_title or "", supervisee=supervisee, status=status,
            numbers=numbers or "", kind=kind or "reflect", action_plan=action_plan,
            agenda_json=agenda, vals_json=vals,
        )

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
            (self.folder,),
        )
        return [r[0] for r in rows]

    def value_titles(self) -> dict[str, tuple[int, str, str]]:
        """value id -> (number, title, practice), from the newest journal that has it."""
        rows = self.conn.execute(
            "SELECT v.vid, max(j.ref), v.number, v.title, v.practice FROM journals AS j "
            "CROSS JOIN vals AS v ON v.journal = j.id "
            "WHERE j.dir = ? AND j.error IS NULL GROUP BY v.vid",
            (self.folder,),
        )
        return {vid: (number, title, practice) for vid, _, number, title, practice in rows}


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
            index.progress = progress
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
