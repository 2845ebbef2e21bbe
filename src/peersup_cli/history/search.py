"""Full-text search over the person's own words: answers, action plans, support, agendas.

A search names words, "quoted phrases" or any other characters (an emoji, ``!!``). A line
matches when it holds every one of them: a word matches the start of a word in the text
(``hope`` finds hope, hopes and hopeful), a phrase those words in a row, anything else where it
stands; always in any case and with or without accents (``cafe`` finds café, ``renee`` Renée).

The index's full-text table (SQLite FTS5, which folds case and accents too) narrows the
journals down; the lines are then picked out in Python, so each hit points at its file and
line. Without FTS5 a plain scan answers the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError
from .filters import Filters
from .index import Index
from .records import IndexedJournal, SearchText

WHERE_LABELS = {
    "action_plan": "Action plan",
    "support": "Support",
    "carried": "Carried over",
    "done": "Done",
    "topics": "Topic",
    "questions": "Question",
}
BATCH = 200  # journals whose texts are read at a time: memory stays flat


@dataclass(frozen=True)
class Term:
    """One thing a line must hold, folded (see ``fold``)."""

    text: str
    word: bool  # starts with a letter or digit: must begin a word in the text

    def fts(self) -> str | None:
        """The FTS5 query part that narrows journals down, or None when FTS5 cannot help
        (no letters or digits in it)."""
        words = _WORD.findall(self.text)
        if not words:
            return None
        return " AND ".join(f'"{w}"*' for w in words)


@dataclass
class Match:
    line: int  # line number in the journal file
    where: str  # "Hopeful", "Action plan", "Topic", ...
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # highlighted parts of text
    value_number: int | None = None  # the value's number, for a line in a value's answer

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "where": self.where, "value_number": self.value_number,
                "text": self.text}


@dataclass
class Hit:
    entry: IndexedJournal
    matches: list[Match]


# -- folding: any case, with or without accents, one character for one ---------------------------
class _Fold(dict[int, str]):
    """A ``str.translate`` table that folds each character to one character: lower case, and
    without accents (é -> e, Å -> a). One for one, so positions in the folded text are
    positions in the original and highlights land on the right characters."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[:1] or char
        lower = base.lower()
        folded = lower if len(lower) == 1 else base
        self[code] = folded
        return folded


_FOLD = _Fold()


def fold(text: str) -> str:
    return text.lower() if text.isascii() else text.translate(_FOLD)


_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"')


def query_terms(text: str) -> list[Term]:
    """The terms of a search: "quoted phrases" as they are, then each other word; raises
    ``UsageError`` when there is nothing to search for."""
    terms: list[Term] = []

    def phrase(m: re.Match[str]) -> str:
        words = m.group(1).split()
        if words:
            joined = " ".join(words)
            terms.append(Term(fold(joined), _word_start(joined)))
        return " "

    rest = _PHRASE.sub(phrase, text)
    for part in rest.replace('"', " ").split():
        terms.append(Term(fold(part), _word_start(part)))
    if not terms:
        raise UsageError("Search for at least one word, for example: peersup journal search hope")
    return list(dict.fromkeys(terms))


def _word_start(text: str) -> bool:
    return bool(text) and text[0].isalnum()


# -- searching ---------------------------------------------------------------------------------
def search(index: Index, text: str, filters: Filters | None = None) -> Iterator[Hit]:
    """Journals holding a line with every term of ``text``, newest first, with those lines.

    Hits come a batch of journals at a time, so memory does not grow with them; a query
    with nothing to search for raises ``UsageError`` at once.
    """
    return _hits(index, query_terms(text), filters)


def _hits(index: Index, terms: list[Term], filters: Filters | None) -> Iterator[Hit]:
    ids = _candidates(index, terms)
    if not ids:
        return
    entries = index.entries(filters, ids=ids)
    for start in range(0, len(entries), BATCH):
        batch = entries[start : start + BATCH]
        texts = index.texts([e.id for e in batch])
        for entry in batch:
            found_text = texts.get(entry.id)
            if found_text is None:
                continue
            found = _lines(entry, found_text, terms)
            if found:
                yield Hit(entry, found)


def _candidates(index: Index, terms: list[Term]) -> list[int]:
    import sqlite3

    parts = [q for q in (t.fts() for t in terms) if q]
    if parts and len(parts) == len(terms) and index.ensure_fts():
        try:
            rows = index.conn.execute(
                "SELECT rowid FROM fts WHERE fts MATCH ?", (" AND ".join(parts),)
            )
            return [r[0] for r in rows]
        except sqlite3.OperationalError:
            pass  # a query FTS5 cannot take: the plain scan below still answers it
    # Every readable journal with any text: the lines are checked in Python, which folds
    # accents and case (SQLite's lower() knows ASCII only).
    rows = index.conn.execute(
        "SELECT j.id FROM journals j JOIN texts t ON t.id = j.id "
        "WHERE j.dir = ? AND j.error IS NULL AND t.text != ''",
        (index.dir_key,),
    )
    return [r[0] for r in rows]


def _lines(entry: IndexedJournal, found: SearchText, terms: list[Term]) -> list[Match]:
    """The lines of a journal's searchable text that hold every term."""
    body = found.text
    folded = fold(body)
    first = terms[0]
    if first.text not in folded or any(t.text not in folded for t in terms[1:]):
        return []
    values: dict[str, tuple[int, str]] | None = None  # decoded only for a line in an answer
    out: list[Match] = []
    line_index, counted_to = 0, 0  # the line number of position ``counted_to``
    pos = folded.find(first.text)
    while pos != -1:  # only lines holding the first term are looked at (found in C)
        line_start = folded.rfind("\n", 0, pos) + 1
        line_end = folded.find("\n", pos)
        line_end = len(folded) if line_end == -1 else line_end
        line_index += folded.count("\n", counted_to, line_start)
        counted_to = line_start
        spans = _spans(folded[line_start:line_end], terms)
        if spans is not None:
            place, block_first = found.place(line_index)
            label = WHERE_LABELS.get(place.where)
            number = None
            if label is None:
                if values is None:
                    values = {v.id: (v.number, v.title) for v in entry.values()}
                number, label = values.get(place.where, (None, place.where))
            out.append(Match(place.line + line_index - block_first, label,
                             body[line_start:line_end], spans, number))
        pos = folded.find(first.text, line_end)
    return out


def _spans(line: str, terms: list[Term]) -> list[tuple[int, int]] | None:
    """Where each term stands in ``line`` (already folded), or None if one is missing."""
    spans: list[tuple[int, int]] = []
    for term in terms:
        found = False
        pos = line.find(term.text)
        while pos != -1:
            if not term.word or pos == 0 or not line[pos - 1].isalnum():
                end = pos + len(term.text)
                if term.word:  # highlight to the end of the word it begins
                    while end < len(line) and line[end].isalnum():
                        end += 1
                spans.append((pos, end))
                found = True
            pos = line.find(term.text, pos + 1)
        if not found:
            return None
    return sorted(set(spans))


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
