"""A session's answers so far: step id -> what was given (``None`` for a skip), plus the lines
of an answer being typed, kept as ``"<step>.partial"`` so a session cut off loses none of them.
"""

from __future__ import annotations

import re
from typing import Any

PARTIAL = ".partial"  # answers["<step>.partial"]: the lines entered so far of an open answer
COUNT_STEP = "values"  # the step asking how many of the values in turn to take
PICK_STEP = "values.picked"  # the step picking, by number, which of the values offered to take
# The steps whose answer is a list of single lines (one entry per line), by their id.
LISTED = frozenset({"topics", "questions", "offer", "record.agreed"})
# The steps whose answer is a list of numbers (of the items or values shown), and those whose
# answer is one whole number, by their id (a value's ``.practiced`` is a list of numbers too).
NUMBERED = frozenset({"carry.done", "carry.drop", PICK_STEP, "record.values",
                      "record.discussed"})
WHOLE_NUMBER = frozenset({"record.minutes"})


def given(answers: dict[str, Any], key: str) -> Any:
    """The answer to step ``key``; failing that, the lines of it entered before the session was
    cut off (kept in the draft line by line), so no entered line is missing from the journal."""
    value = answers.get(key)
    if value is not None:
        return value
    typed = answers.get(key + PARTIAL)
    if isinstance(typed, str) and typed.strip():
        return lines(typed) if key in LISTED else typed
    return None


def worth_keeping(answers: dict[str, Any]) -> bool:
    """Whether a stopped session has anything to keep: an answer or a skip of a question of
    its own (how many values to take is only the way in)."""
    return any(key != COUNT_STEP for key in answers)


def answered(answers: dict[str, Any]) -> int:
    """How many of a session's own questions have an answer (a skip is not one)."""
    return sum(1 for key, value in answers.items()
               if value not in (None, []) and key != COUNT_STEP and not key.endswith(PARTIAL))


def typing(answers: dict[str, Any]) -> bool:
    """Whether the lines of an answer not yet finished are kept (a stop cut it off)."""
    return any(key.endswith(PARTIAL) and isinstance(value, str) and value.strip()
               for key, value in answers.items())


def lines(text: str) -> list[str]:
    """One entry per line; blank lines dropped; a stray carriage return is not part of it."""
    return [line.rstrip("\r") for line in text.split("\n") if line.strip()]


_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)]|\[[ xX]\])\s+")


def items(text: str | None) -> list[str]:
    """A written list (an action plan, say) as its entries: one per line, bullets dropped."""
    out = [" ".join(_BULLET.sub("", line).split()) for line in (text or "").splitlines()]
    return [item for item in out if item]


def as_sentences(text: str) -> str:
    """A written list read as one line of sentences: "- Ask first\\n- Listen" becomes
    "Ask first. Listen." (an entry that ends in its own punctuation keeps it)."""
    return " ".join(
        item if item[-1] in ".!?…:;" else item + "." for item in items(text)
    )
