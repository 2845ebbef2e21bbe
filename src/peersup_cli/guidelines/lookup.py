"""Find frameworks, roles and values from what a person types: "3", "hope", "strengths"."""

from __future__ import annotations

import difflib
import re

from ..errors import UsageError
from .model import Framework, Guidelines, Value

DEFAULT_FRAMEWORK = "ma-accs-2022"
_WORD = re.compile(r"[a-z0-9]+")


def get_framework(guidelines: Guidelines, framework_id: str | None) -> Framework:
    """The framework named, else the default one, else the first in the file."""
    if framework_id:
        fw = guidelines.framework(framework_id)
        if fw is None:
            known = ", ".join(f.id for f in guidelines.frameworks)
            raise UsageError(f"No framework called {framework_id!r}. Available: {known}.")
        return fw
    return guidelines.framework(DEFAULT_FRAMEWORK) or guidelines.frameworks[0]


def check_role(framework: Framework, role: str | None) -> str | None:
    """``role`` if this framework has it (None passes through); a clear error otherwise."""
    if role is None or role in framework.role_ids:
        return role
    known = ", ".join(framework.role_ids)
    raise UsageError(f"The framework {framework.id} has no role {role!r}. Roles: {known}.")


def find_value(framework: Framework, query: str) -> Value:
    """One value from its number, id, or a unique word/prefix of its title or practice phrase."""
    q = query.strip().lower()
    if not q:
        raise UsageError("Name a value: its number, id, or a word from its title.")
    for value in framework.values:
        if q == str(value.number) or q == value.id:
            return value
    if q.isdigit():
        raise UsageError(
            f"No value number {q} in {framework.id}; numbers go from 1 to {len(framework.values)}."
        )
    matches = [v for v in framework.values if _matches(v, q)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        # A word like "peer" fits nearly every value: name a few, not a wall of text.
        names = ", ".join(f"{v.number} {v.id}" for v in matches[:4])
        more = f" and {len(matches) - 4} more" if len(matches) > 4 else ""
        raise UsageError(
            f"{query!r} fits {len(matches)} values: {names}{more}. "
            "Did you mean one of these? A number or a more specific word picks one."
        )
    hint = _did_you_mean(framework, q)
    raise UsageError(f"No value matches {query!r} in {framework.id}.{hint}")


def find_values(framework: Framework, spec: str | None) -> list[Value]:
    """A comma- or space-separated list of value queries; all values when ``spec`` is empty."""
    if not spec or not spec.strip():
        return list(framework.values)
    chosen: list[Value] = []
    for part in re.split(r"[,\s]+", spec.strip()):
        if part:
            value = find_value(framework, part)
            if value not in chosen:
                chosen.append(value)
    return chosen


def _matches(value: Value, q: str) -> bool:
    words = _WORD.findall(f"{value.id} {value.title} {value.practice}".lower())
    qwords = _WORD.findall(q)
    if not qwords:
        return False
    # Every typed word must start some word of the value ("strength" fits "strengths-focused").
    return all(any(w.startswith(qw) for w in words) for qw in qwords) or q in value.id


def _did_you_mean(framework: Framework, q: str) -> str:
    vocabulary: dict[str, Value] = {}
    for v in framework.values:
        vocabulary[v.id] = v
        for w in _WORD.findall(f"{v.title} {v.practice}".lower()):
            if len(w) > 3:
                vocabulary.setdefault(w, v)
    close = difflib.get_close_matches(q, list(vocabulary), n=3, cutoff=0.6)
    seen: list[Value] = []
    for word in close:
        if vocabulary[word] not in seen:
            seen.append(vocabulary[word])
    if not seen:
        return f" Try a number from 1 to {len(framework.values)}, or `peersup values`."
    return " Did you mean: " + ", ".join(f"{v.number} {v.id} ({v.practice})" for v in seen) + "?"
