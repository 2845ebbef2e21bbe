"""What was agreed in a supervision session, one item per line, and who will do it.

A line may end with a dash and who will do it: the supervisee's name (or first name), ``me``
or ``both`` (``Book the training — Alex``; a plain ``-`` or ``--`` works as well as a long or
a short dash, since few keyboards have one). Only those words name someone, so a line such as
``Try the check-in - a short one`` is never split into a task and a person; the record says
back how it read each line before it goes on.
"""

from __future__ import annotations

import re

from .. import messages as msg
from ..journal.model import Agreement
from ..journal.store import same_person

ME, BOTH = "me", "both"
_WHO_WORDS = {"me": ME, "i": ME, "myself": ME, "both": BOTH, "us": BOTH, "we": BOTH,
              "both of us": BOTH}
# The last dash with a space before it, and what follows it (no dash in that part).
_DASHES = "\u2014\u2013"  # a long (em) and a short (en) dash
_ENDING = re.compile(rf"^(.*\S)\s+(?:[{_DASHES}]|-{{1,2}})\s*(?:who:\s*)?([^{_DASHES}]+?)\s*$")


def read_agreed(line: str, supervisee: str) -> Agreement:
    """One agreed item as typed: the text, and who will do it when the line ends in a way
    that names someone."""
    text = " ".join(line.split())
    m = _ENDING.match(text)
    if m is None:
        return Agreement(text)
    who = _who(m[2], supervisee)
    return Agreement(m[1], who) if who is not None else Agreement(text)


def _who(word: str, supervisee: str) -> str | None:
    folded = " ".join(word.split()).casefold().rstrip(".")
    if folded in _WHO_WORDS:
        return _WHO_WORDS[folded]
    first = supervisee.split()[0] if supervisee.split() else supervisee
    if same_person(folded, supervisee) or same_person(folded, first):
        return supervisee
    return None


def shown(agreement: Agreement) -> str:
    """An agreed item as people read it: ``Book the training — Alex``."""
    if agreement.who is None:
        return agreement.text
    return msg.AGREED_SHOWN.format(text=agreement.text, who=agreement.who)


def understood(agreement: Agreement) -> str:
    """How a typed line was read, nobody named included, to be checked before going on."""
    return shown(agreement) if agreement.who is not None else (
        msg.AGREED_NOBODY.format(text=agreement.text))
