"""Full-text search over the person's own words: answers, action plans, support, agendas.

A search names one or more words; a journal matches when it holds every word, each matching
the start of a word in the text (``hope`` finds hope, hopes and hopeful), in any case. The
index's full-text table (SQLite FTS5) finds the journals; the lines are then picked out in
Python, so each hit can point at its file and line. Without FTS5 a plain scan does the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError
from .filters import Filters
from .index import BlockPlace, Index
from .records import IndexedJournal

_WORD = re.compile(r"[^\W_]+")
WHERE_LABELS = {
    "action_plan": "Action plan",
    "support": "Support",
    "carried": "Carried over",
    "done": "Done",
    "topics": "Topic",
    "questions": "Question",
}


@dataclass
class Match:
    line: int  # line number in the journal file
    where: str  # "Hopeful", "Action plan", "Topic", ...
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # highlighted parts of text

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "where": self.where, "text": self.text}


@dataclass
class Hit:
    entry: IndexedJournal
    matches: list[Match]


def query_words(text: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        raise UsageError("Search for at least one word, for example: peersup journal search hope")
    return list(dict.fromkeys(words))


def search(index: Index, text: str, filters: Filters | None = None) -> list[Hit]:
    """Journals holding every word of ``text``, newest first, with their matching lines."""
    words = query_words(text)
    ids = _candidates(index, words)
    if not ids:
        return []
    entries = index.entries(filters, ids=ids)
    # Highlight each word from its start to the end of the word it begins.
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(w)}\w*" for w in words), re.IGNORECASE)
    hits: list[Hit] = []
    for start in range(0, len(entries), 200):  # a batch at a time: memory stays small
        batch = entries[start : start + 200]
        texts = index.texts([e.id for e in batch])
        for entry in batch:
            found_text = texts.get(entry.id)
            if found_text is None:
                continue
            found = _lines(entry, found_text.text, found_text.blocks, words, pattern)
            if found:
                hits.append(Hit(entry, found))
    return hits


def _candidates(index: Index, words: list[str]) -> list[int]:
    import sqlite3

    if index.ensure_fts():
        query = " AND ".join(f'"{w}"*' for w in words)
        try:
            rows = index.conn.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (query,))
            return [r[0] for r in rows]
        except sqlite3.OperationalError:
            pass  # a query FTS5 cannot take: the plain scan below still answers it
    where = " AND ".join("instr(lower(t.text), ?) > 0" for _ in words)
    rows = index.conn.execute(
        "SELECT j.id FROM journals j JOIN texts t ON t.id = j.id "
        f"WHERE j.dir = ? AND j.error IS NULL AND {where}",
        [index.dir_key, *words],
    )
    return [r[0] for r in rows]


def _lines(
    entry: IndexedJournal, body: str, blocks: list[BlockPlace], words: list[str],
    pattern: re.Pattern[str],
) -> list[Match]:
    """The lines holding a word: found with ``str.find`` on the lowered text (C speed)."""
    lowered = body.lower()
    if len(lowered) != len(body):  # a few characters grow when lowered: take the slow road
        found = sorted({m.start() for m in pattern.finditer(body)})
    else:
        found = sorted(_starts(lowered, words))
    if not found:
        return []
    titles: dict[str, str] | None = None  # decoded only for a line in a value's answer
    starts: list[tuple[int, BlockPlace]] = []  # (index of the block's first line in body, block)
    index = 0
    for block in blocks:
        starts.append((index, block))
        index += block.lines
    out: list[Match] = []
    line_index, line_start, b, end = 0, 0, 0, -1
    for pos in found:
        if pos <= end:
            continue  # this line is already in
        line_index += body.count("\n", line_start, pos)
        line_start = body.rfind("\n", 0, pos) + 1
        end = body.find("\n", pos)
        end = len(body) if end == -1 else end
        line = body[line_start:end]
        while b + 1 < len(starts) and starts[b + 1][0] <= line_index:
            b += 1
        place = starts[b][1]
        label = WHERE_LABELS.get(place.where)
        if label is None:
            if titles is None:
                titles = {v.id: v.title for v in entry.values()}
            label = titles.get(place.where) or place.where
        spans = [m.span() for m in pattern.finditer(line)]
        out.append(Match(place.line + line_index - starts[b][0], label, line, spans))
    return out


def _starts(lowered: str, words: list[str]) -> set[int]:
    """Where a word begins with one of ``words`` (the text and words already lowered)."""
    out: set[int] = set()
    for word in words:
        pos = lowered.find(word)
        while pos != -1:
            if pos == 0 or not lowered[pos - 1].isalnum():
                out.add(pos)
            pos = lowered.find(word, pos + 1)
    return out


def snippet(match: Match, width: int) -> tuple[str, list[tuple[int, int]]]:
    """The line cut to ``width`` around its first highlighted word, spans moved to suit."""
    text = match.text.rstrip("\r")
    if len(text) <= width:
        return text, match.spans
    start = max(0, min(match.spans[0][0] - width // 3, len(text) - width + 1)) if match.spans else 0
    cut = text[start : start + width - 2]
    prefix = "…" if start else ""
    shift = len(prefix) - start
    spans = [(a + shift, min(b + shift, len(prefix) + len(cut))) for a, b in match.spans]
    spans = [(a, b) for a, b in spans if a >= len(prefix) and a < len(prefix) + len(cut)]
    return f"{prefix}{cut}…", spans
