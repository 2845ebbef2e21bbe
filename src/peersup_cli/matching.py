"""The one way peersup matches what a person types against a list of names.

Roles, frameworks, values, journal references and shell names all go through ``pick``, so the
same rules hold everywhere:

1. Case and spacing do not matter: ``Supervisor``, ``PEER supporter`` and ``peer_supporter``
   are read as ``supervisor`` and ``peer-supporter``.
2. An exact name or alias wins (a value's number, ``2``, is an alias).
3. Otherwise a unique start of a name (``super``, ``naps``); when no name starts so, words
   that each start a word of the name or its description (``peer`` for ``peer-supporter``,
   ``hope`` for ``hopeful``, "Share Hope"). Whatever fits is picked when it is the only one.
4. Several fits: ``Ambiguous`` names them. Nothing fits: ``NoMatch`` carries the closest names
   (``difflib``), for a "did you mean" (``hopefull`` -> ``hopeful``, ``lastest`` -> ``latest``).

Pure and dependency-free: safe to import from anywhere, including shell completion.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"[\s_]+")
CUTOFF = 0.6


@dataclass(frozen=True)
class Candidate:
    """One thing a person may name: ``key`` is what ``pick`` returns."""

    key: str
    aliases: tuple[str, ...] = ()  # exact alternatives, such as a value's number
    words: str = ""  # text whose words may be typed too (a title, a practice phrase)
    substring: bool = False  # a typed piece anywhere in the key counts too (value ids)


class NoMatch(LookupError):
    """Nothing fits ``text``; ``suggestions`` are the closest keys (maybe none)."""

    def __init__(self, text: str, suggestions: list[str]) -> None:
        super().__init__(text)
        self.text = text
        self.suggestions = suggestions


class Ambiguous(LookupError):
    """More than one thing fits ``text``: ``keys``, in the order given."""

    def __init__(self, text: str, keys: list[str]) -> None:
        super().__init__(text)
        self.text = text
        self.keys = keys


def normalise(text: str) -> str:
    """How typed text is compared: trimmed, case-folded, spaces and underscores as ``-``."""
    return _SPACES.sub("-", text.strip().casefold())


def candidates(keys: Iterable[str]) -> list[Candidate]:
    """Plain names, with nothing but the names themselves to match."""
    return [Candidate(k) for k in keys]


def pick(text: str, choices: Sequence[Candidate]) -> str:
    """The key of the one candidate ``text`` names (see the module's rules)."""
    key = normalise(text)
    if not key:
        raise NoMatch(text, [])
    for c in choices:
        if key == normalise(c.key) or key in (normalise(a) for a in c.aliases):
            return c.key
    # A start of the whole name comes first: "sup" is supervisor, not peer-supporter.
    fits = [c for c in choices if normalise(c.key).startswith(key)]
    if not fits:
        typed = _WORD.findall(key)
        for c in choices:
            name = normalise(c.key)
            words = _WORD.findall(f"{name} {c.words.casefold()}")
            if (typed and all(any(w.startswith(t) for w in words) for t in typed)) or (
                c.substring and key in name
            ):
                fits.append(c)
    if len(fits) == 1:
        return fits[0].key
    if fits:
        raise Ambiguous(text, [c.key for c in fits])
    raise NoMatch(text, suggest(text, choices))


def suggest(text: str, choices: Sequence[Candidate], n: int = 3) -> list[str]:
    """Up to ``n`` keys close to ``text``, closest first (by the key, its parts, its words)."""
    key = normalise(text)
    if not key:
        return []
    vocabulary: dict[str, str] = {}
    for c in choices:
        vocabulary.setdefault(normalise(c.key), c.key)
    for c in choices:
        for word in _WORD.findall(f"{normalise(c.key)} {c.words.casefold()}"):
            if len(word) > 3 and not word.isdigit():
                vocabulary.setdefault(word, c.key)
    found: list[str] = []
    for word in difflib.get_close_matches(key, list(vocabulary), n=n * 4, cutoff=CUTOFF):
        if vocabulary[word] not in found:
            found.append(vocabulary[word])
    return found[:n]


def or_list(names: Sequence[str], quote: str = "`") -> str:
    """``a``, ``a or b``, ``a, b or c``, each name in ``quote``."""
    shown = [f"{quote}{n}{quote}" for n in names]
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} or {shown[-1]}"


def did_you_mean(suggestions: Sequence[str]) -> str:
    """`` Did you mean `x`?`` (with a leading space), or nothing when there is no suggestion."""
    return f" Did you mean {or_list(suggestions)}?" if suggestions else ""
