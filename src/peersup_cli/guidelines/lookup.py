"""Find frameworks, roles and values from what a person types: "3", "hope", "Supervisor".

Every lookup goes through ``peersup_cli.matching``: case-insensitive, unique prefixes and words
accepted, and a "did you mean" when nothing fits.
"""

from __future__ import annotations

import re

from ..errors import UsageError
from ..matching import Ambiguous, Candidate, NoMatch, did_you_mean, pick
from .model import Framework, Guidelines, Value

DEFAULT_FRAMEWORK = "ma-accs-2022"


def framework_candidates(guidelines: Guidelines) -> list[Candidate]:
    return [Candidate(fw.id, words=fw.title) for fw in guidelines.frameworks]


def role_candidates(roles: tuple[str, ...] | list[str]) -> list[Candidate]:
    return [Candidate(r) for r in roles]


def value_candidates(framework: Framework) -> list[Candidate]:
    return [
        Candidate(v.id, aliases=(str(v.number),), words=f"{v.title} {v.practice}", substring=True)
        for v in framework.values
    ]


def get_framework(guidelines: Guidelines, framework_id: str | None) -> Framework:
    """The framework named (id, unique prefix or title word), else the default, else the first."""
    if framework_id:
        known = ", ".join(f.id for f in guidelines.frameworks)
        try:
            found = pick(framework_id, framework_candidates(guidelines))
        except Ambiguous as exc:
            raise UsageError(
                f"{framework_id!r} fits more than one framework: {', '.join(exc.keys)}."
            ) from None
        except NoMatch as exc:
            raise UsageError(
                f"No framework called {framework_id!r}. Available: {known}."
                + did_you_mean(exc.suggestions)
            ) from None
        fw = guidelines.framework(found)
        assert fw is not None
        return fw
    return guidelines.framework(DEFAULT_FRAMEWORK) or guidelines.frameworks[0]


def check_role(framework: Framework, role: str | None) -> str | None:
    """The role id ``role`` names in this framework (None passes through); a clear error
    otherwise."""
    if role is None:
        return None
    known = ", ".join(framework.role_ids)
    try:
        return pick(role, role_candidates(framework.role_ids))
    except NoMatch as exc:
        hint = did_you_mean(exc.suggestions)
        raise UsageError(
            f"The framework {framework.id} has no role {role!r}. Roles: {known}.{hint}"
        ) from None
    except Ambiguous as exc:
        raise UsageError(f"{role!r} fits more than one role: {', '.join(exc.keys)}.") from None


def find_value(framework: Framework, query: str) -> Value:
    """One value from its number, id, or a unique word/prefix of its title or practice phrase."""
    q = query.strip().lower()
    if not q:
        raise UsageError("Name a value: its number, id, or a word from its title.")
    by_id = {v.id: v for v in framework.values}
    try:
        return by_id[pick(q, value_candidates(framework))]
    except Ambiguous as exc:
        matches = [by_id[k] for k in exc.keys]
        # A word like "peer" fits nearly every value: name a few, not a wall of text.
        names = ", ".join(f"{v.number} {v.id}" for v in matches[:4])
        more = f" and {len(matches) - 4} more" if len(matches) > 4 else ""
        raise UsageError(
            f"{query!r} fits {len(matches)} values: {names}{more}. "
            "Did you mean one of these? A number or a more specific word picks one."
        ) from None
    except NoMatch as exc:
        if q.isdigit():
            raise UsageError(
                f"No value number {q} in {framework.id}; "
                f"numbers go from 1 to {len(framework.values)}."
            ) from None
        close = [by_id[k] for k in exc.suggestions]
        if close:
            hint = " Did you mean: " + ", ".join(
                f"{v.number} {v.id} ({v.practice})" for v in close
            ) + "?"
        else:
            hint = f" Try a number from 1 to {len(framework.values)}, or `peersup values`."
        raise UsageError(f"No value matches {query!r} in {framework.id}.{hint}") from None


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
