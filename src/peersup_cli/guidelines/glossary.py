"""Find which glossary terms a piece of guideline text uses, so a reader can see what they mean.

The guidelines use abbreviations (ACCS, DMH, CPS) and phrases ("peer drift") that they never
explain. A framework's ``glossary`` maps each to a plain sentence; ``terms_in`` says which of them
a given text uses, so a checklist or a value page can explain just those.

Matching rules, the same ones docs/guidelines-format.md gives:

- A term matches as a whole word or phrase: the characters either side of it must not be letters
  or digits, so ``PS`` is found in "the PS' preference" and in "PS/CARC", never inside "CPS".
- A term with a capital letter in it (an acronym such as ``ACCS`` or a name) matches only with the
  same capitals: "ps" or "Ps" is not the acronym. A term in lowercase letters only ("peer drift")
  matches in any case, so it is found at the start of a sentence too.
- Any run of spaces or line breaks in the text matches a space in the term.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["terms_in"]


def terms_in(glossary: dict[str, str], text: str) -> list[tuple[str, str]]:
    """(term, meaning) for each term of ``glossary`` found in ``text``, in order of first use.

    Each term is listed once. Terms found at the same place (one inside a longer one, as in
    "peer role drift" and "role drift") are listed longest first.
    """
    if not glossary or not text:
        return []
    found: list[tuple[int, int, str]] = []
    for term, pattern in _patterns(tuple(glossary)):
        match = pattern.search(text)
        if match:
            found.append((match.start(), -len(term), term))
    return [(term, glossary[term]) for _, _, term in sorted(found)]


@lru_cache(maxsize=16)
def _patterns(terms: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    # Compiled once per glossary (frameworks are immutable, so the same terms come back often).
    return tuple((term, _compile(term)) for term in terms)


def _compile(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in term.split()]
    body = r"\s+".join(words)
    flags = 0 if any(ch.isupper() for ch in term) else re.IGNORECASE
    # Letters and digits only (not ``\w``, which includes "_"): the edge is a non-alphanumeric.
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", flags)
