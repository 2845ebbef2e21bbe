"""What ``peersup reflect`` and ``prep`` look back on, from the journal index: each readable
journal's front matter facts, so ``journal.store.entries`` need not read 10,000 files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .index import Index, with_index

# (file name, lookback JSON [date, values, ratings], role, framework, status, supervisee)
Facts = tuple[str, str, str, str, str, str | None]


def journal_facts(
    journal_dir: Path, *, role: str | None = None, preps: bool = False, partial: bool = False
) -> list[Facts]:
    """Every readable journal in ``journal_dir`` (only this ``role``'s, only supervision preps,
    only partial journals when asked), in no particular order."""
    sql = (
        "SELECT name, lookback, role, framework, status, supervisee FROM journals "
        "WHERE dir = ? AND error IS NULL"
    )
    params: list[Any] = []
    if role is not None:
        sql += " AND role = ?"
        params.append(role)
    if preps:
        sql += " AND supervisee IS NOT NULL"
    if partial:
        sql += " AND status = 'partial'"

    def work(index: Index) -> list[Facts]:
        return index.conn.execute(sql, [index.dir_key, *params]).fetchall()

    return with_index(journal_dir, work)
