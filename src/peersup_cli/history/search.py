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

import contextlib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple

from ..errors import UsageError
from .filters import Filters
from .index import Index
from .records import LINE_DIGITS, PLACE_DIGITS, IndexedJournal, places_header

WHERE_LABELS = {
    "action_plan": "Action plan",
    "support": "Support",
    "carried": "Carried over",
    "done": "Done",
    "topics": "Topic",
    "questions": "Question",
    "from_share": "From their self-evaluation",
    "discussed": "Discussed",
    "agreed": "Agreed",
}


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

    def pattern(self) -> re.Pattern[str]:
        """Whether a folded line holds it: at a word's start (not after a letter or digit), or
        anywhere. The text comes first in the pattern, so the engine can jump to it."""
        text = re.escape(self.text)
        return re.compile(f"{text}(?<![^\\W_]{text})" if self.word else text)

    def places(self) -> re.Pattern[str]:
        """Where it stands in a folded line (as ``pattern``), a word term with the rest of
        the word it begins: the part to highlight."""
        text = re.escape(self.text)
        if self.word:
            return re.compile(f"{text}(?<![^\\W_]{text})[^\\W_]*+")
        return re.compile(text)


class Match(NamedTuple):
    """One line found: where it is, and the words to highlight (worked out when asked)."""

    line: int  # line number in the journal file
    where: str  # "Hopeful", "Action plan", "Topic", ...
    text: str
    value_number: int | None  # the value's number, for a line in a value's answer
    terms: tuple[Term, ...]

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The highlighted parts of ``text``."""
        terms = self.terms
        if len(terms) == 1 and terms[0].text.isalnum():
            # The usual case: one word of letters and digits, whose places at the start of a
            # word can never overlap, so the engine finds them all in one go.
            return [m.span() for m in _places(terms[0]).finditer(fold(self.text))]
        return _spans(fold(self.text), terms) or []

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "where": self.where, "value_number": self.value_number,
                "text": self.text}


_match = partial(tuple.__new__, Match)  # a Match from a tuple, without a Python call


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
def search(
    index: Index, text: str, filters: Filters | None = None, *, values: bool = False
) -> Iterator[Hit]:
    """Journals holding a line with every term of ``text``, newest first, with those lines.

    Hits come one journal at a time, straight from one query, so memory does not grow with
    them; a query with nothing to search for raises ``UsageError`` at once. ``values``: each
    entry with its values (for ``IndexedJournal.to_json``).
    """
    return _hits(index, query_terms(text), filters, values)


def _hits(
    index: Index, terms: list[Term], filters: Filters | None, values: bool
) -> Iterator[Hit]:
    import sqlite3

    from .index import _HEADING, _SHOWN, VALUES_JSON

    index.ensure_words(index.progress)
    where, params = index.where(filters)
    # The journal's columns a hit shows (not its plan or agenda), then its searchable text.
    head = (f"SELECT {_SHOWN if values else _HEADING}, {VALUES_JSON if values else 'NULL'}, "
            "t.text, t.linemap FROM journals AS j JOIN texts AS t ON t.id = j.id WHERE ")
    order = " ORDER BY j.ref DESC"
    parts = [q for q in (t.fts() for t in terms) if q]
    rows = None
    if parts and len(parts) == len(terms) and index.ensure_fts():
        # A query FTS5 cannot take: the plain scan below still answers it.
        with contextlib.suppress(sqlite3.OperationalError):
            rows = index.conn.execute(
                f"{head}{where} AND j.id IN (SELECT rowid FROM fts WHERE fts MATCH ?){order}",
                [*params, " AND ".join(parts)],
            )
    if rows is None:
        # Every readable journal with any text: the lines are checked in Python, which folds
        # accents and case (SQLite's lower() knows ASCII only).
        rows = index.conn.execute(f"{head}{where} AND t.text != ''{order}", params)
    finder = _Finder(tuple(terms))
    for row in rows:
        found = finder.lines(row[-2] or "", row[-1] or "")
        if found:
            yield Hit(index.entry(row[:-2]), found)


class _Finder:
    """Picks the matching lines out of each journal's searchable text."""

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.terms = terms
        self.first = terms[0].text
        self.rest = [t.text for t in terms[1:]]
        self.patterns = [t.pattern() for t in terms]
        self.word_start = terms[0].word
        self.check_all = len(terms) > 1
        self._seen: dict[str, list[tuple[str, int | None]]] = {}

    def lines(self, body: str, linemap: str) -> list[Match]:
        """The lines of a journal's searchable text that hold every term."""
        folded = fold(body)
        first = self.first
        if first not in folded or any(t not in folded for t in self.rest):
            return []
        lines = folded.split("\n")  # in C: cheaper than finding each line's ends in Python
        if self.check_all:
            patterns = self.patterns
            found = [i for i, line in enumerate(lines)
                     if first in line and all(p.search(line) for p in patterns)]
        elif self.word_start:  # the pattern starts with the term: the engine jumps to it
            search = self.patterns[0].search
            found = [i for i, line in enumerate(lines) if first in line and search(line)]
        else:
            found = [i for i, line in enumerate(lines) if first in line]
        if not found:
            return []
        text_lines = body.split("\n")  # folding keeps every character where it was
        records = linemap.find("\n") + 1  # where the digits start (see records.encode_places)
        try:
            labels = self._labels(linemap[:records])
        except ValueError:  # a damaged cache row
            return []
        out: list[Match] = []
        for i in found:
            at = records + i * PLACE_DIGITS
            try:
                label, number = labels[int(linemap[at + LINE_DIGITS : at + PLACE_DIGITS])]
                line = int(linemap[at : at + LINE_DIGITS])
            except (ValueError, IndexError):  # a damaged cache row: the line is left out
                continue
            out.append(_match((line, label, text_lines[i], number, self.terms)))
        return out

    def _labels(self, header: str) -> list[tuple[str, int | None]]:
        """What each block of a journal is called (a value's title and number, or "Action
        plan" ...), from the head of its line map; many journals share one."""
        found = self._seen.get(header)
        if found is None:
            found = [(label, number) for label, number in map(_label, places_header(header))]
            if len(self._seen) < 4096:
                self._seen[header] = found
        return found


def _label(entry: tuple[str, int | None, str | None]) -> tuple[str, int | None]:
    where, number, title = entry
    label = WHERE_LABELS.get(where)
    if label is not None:
        return label, None
    return (title if title is not None else where), number


def _spans(line: str, terms: Sequence[Term]) -> list[tuple[int, int]] | None:
    """Where each term stands in ``line`` (already folded), or None if one is missing."""
    spans: list[tuple[int, int]] = []
    for term in terms:
        search = _places(term).search
        m = search(line)
        if m is None:
            return None
        while m is not None:  # from the next character on: overlapping places count too
            spans.append(m.span())
            m = search(line, m.start() + 1)
    return sorted(set(spans))


_PLACES: dict[Term, re.Pattern[str]] = {}


def _places(term: Term) -> re.Pattern[str]:
    found = _PLACES.get(term)
    if found is None:
        found = _PLACES[term] = term.places()
    return found


def snippet(match: Match, width: int) -> tuple[str, list[tuple[int, int]]]:
    """The line cut to ``width`` around its first highlighted word, spans moved to suit."""
    text = match.text
    if text[-1:] == "\r":
        text = text.rstrip("\r")
    found = match.spans
    if len(text) <= width:
        return text, found
    start = max(0, min(found[0][0] - width // 3, len(text) - width + 1)) if found else 0
    cut = text[start : start + width - 2]
    lead = 1 if start else 0  # the "…" in front
    shift, end = lead - start, lead + len(cut)
    spans = [(a + shift, min(b + shift, end)) for a, b in found
             if lead <= a + shift < end]
    return f"{'…' if start else ''}{cut}…", spans
