"""``--answers FILE``: a whole session answered from YAML or JSON, through the same engine.

The file is checked in full before the session starts, so a mistake is one line naming its key,
exit code 2, and no journal. Schema (every key optional except what the session cannot guess)::

    role: peer-supporter          # --role wins; then this; then the config file
    framework: ma-accs-2022       # --framework wins; then this; then the config file
    values:                       # value id -> answers; without --values, these are the values
      voluntary:
        practiced: [1, 3]         # guideline numbers ([] = none of them)
        rating: 3                 # a point on the framework's rating scale
        answers: ["text", null]   # one per prompt, in order; null or missing = skipped
    action_plan: "..."            # reflect only
    support: "..."                # reflect only
    # prep only:
    carry_over:                   # decisions for last prep's open items: done | carry | drop
      "Practise saying no": done  # keyed by the item's text or its number (1 = first)
    topics: ["...", "..."]        # single lines
    questions: ["..."]
    offer: ["..."]                # what to offer or check on (``action_plan`` text works too)

Without ``values`` (and without --values), a reflection takes the values next in turn (as
many as the session_size setting says, else 3) and a prep takes none. A supervision record's
file has keys of its own (``record_answers``): date, minutes, format, mode, values (a list of
the values talked about), discussed, agreed and next.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import messages as msg
from ..errors import AnswersFileError
from ..guidelines.model import Framework
from .answers import COUNT_STEP, items
from .plan import CARRY, DONE, DROP
from .port import Block, Command, Problem, Question, Reply

if TYPE_CHECKING:
    from .plan import Plan
    from .record_answers import RecordAnswers

MAX_BYTES = 5 * 1024 * 1024
TOP_KEYS = ("role", "framework", "supervisee", "values", "action_plan", "support")
PREP_KEYS = ("carry_over", "topics", "questions", "offer")
REFLECT_ONLY = ("support",)
VALUE_KEYS = ("practiced", "rating", "answers")
DECISIONS = (DONE, CARRY, DROP)


@dataclass
class ValueAnswers:
    practiced: list[int] | None = None
    rating: int | None = None
    answers: list[str | None] = field(default_factory=list)


@dataclass
class AnswersData:
    source: str
    role: str | None = None
    framework: str | None = None
    supervisee: str | None = None
    values: dict[str, ValueAnswers] = field(default_factory=dict)
    action_plan: str | None = None
    support: str | None = None
    carry_over: dict[str | int, str] = field(default_factory=dict)
    topics: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    offer: list[str] = field(default_factory=list)
    record: RecordAnswers | None = None  # a supervision record's answers (``record_answers``)


def fail(source: str, key: str, problem: str) -> AnswersFileError:
    """The error for ``key`` of the file ``source``: one sentence, ending as one, whatever the
    problem's wording."""
    end = "" if problem.endswith((".", "?", "!")) else "."
    return AnswersFileError(f"{source}: {key}: {problem}{end}")


def load_answers(path: Path, *, prep: bool = False, kind: str | None = None) -> AnswersData:
    """Read and shape-check the answers file of a session of ``kind`` (``prep=True``: of a
    prep); the framework is checked later by ``check_against``."""
    kind = kind or ("prep" if prep else "reflect")
    prep = kind == "prep"
    source = str(path)
    raw = _read_bounded(path, source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswersFileError(f"{source}: not valid UTF-8 text.") from None
    data = _parse(text, source, json_file=path.suffix.lower() == ".json")
    if not isinstance(data, dict):
        raise AnswersFileError(f"{source}: expected keys such as role, values, action_plan.")
    from . import record_answers

    allowed: tuple[str, ...] = tuple(
        k for k in (TOP_KEYS + PREP_KEYS if prep else TOP_KEYS)
        if not (prep and k in REFLECT_ONLY))
    if kind == "record":
        allowed = ("role", "framework", "supervisee", *record_answers.KEYS)
    for key in data:
        if key not in allowed:
            hint = (" (only for prep)" if key in PREP_KEYS else
                    " (a prep does not ask it)" if key in REFLECT_ONLY and prep else
                    " (a record does not ask it)" if kind == "record" else
                    " (only for record)" if key in record_answers.KEYS else "")
            raise fail(source, str(key), f"unknown key{hint}; known keys: {', '.join(allowed)}")
    out = AnswersData(source)
    if kind == "record":
        out.role = _text(data, "role", source, optional=True)
        out.framework = _text(data, "framework", source, optional=True)
        out.supervisee = _text(data, "supervisee", source, optional=True)
        out.record = record_answers.read(data, source)
        return out
    out.role = _text(data, "role", source, optional=True)
    out.framework = _text(data, "framework", source, optional=True)
    out.supervisee = _text(data, "supervisee", source, optional=True)
    out.action_plan = _text(data, "action_plan", source, optional=True)
    out.support = _text(data, "support", source, optional=True)
    values = data.get("values")
    if values is not None:
        if not isinstance(values, dict):
            raise fail(source, "values", "expected value ids, each with its answers")
        for value_id, entry in values.items():
            out.values[str(value_id)] = _value(entry, f"values.{value_id}", source)
    if prep:
        out.topics = single_lines(data.get("topics"), "topics", source)
        out.questions = single_lines(data.get("questions"), "questions", source)
        out.offer = single_lines(data.get("offer"), "offer", source)
        out.carry_over = _decisions(data.get("carry_over"), source)
    return out


def _read_bounded(path: Path, source: str) -> bytes:
    """The file's bytes: a regular file of at most ``MAX_BYTES`` only. A FIFO, a device such as
    /dev/zero, or a folder is refused at once, never waited on or read without end."""
    import os
    import stat

    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer (0 where the platform lacks it).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise AnswersFileError(f"{source}: there is no such file.") from None
    except IsADirectoryError:
        raise AnswersFileError(f"{source}: this is a folder, not an answers file.") from None
    except OSError as exc:
        raise AnswersFileError(f"{source}: the file cannot be opened ({exc.strerror}).") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise AnswersFileError(f"{source}: this is a folder, not an answers file.")
        if not stat.S_ISREG(info.st_mode):
            raise AnswersFileError(f"{source}: this is not a regular file, so it is not read.")
        if info.st_size > MAX_BYTES:
            raise AnswersFileError(f"{source}: the file is larger than 5 MiB.")
        parts: list[bytes] = []
        left = MAX_BYTES + 1
        while left > 0:
            part = os.read(fd, min(left, 1 << 20))
            if not part:
                break
            parts.append(part)
            left -= len(part)
    except OSError as exc:
        raise AnswersFileError(f"{source}: the file cannot be read ({exc.strerror}).") from None
    finally:
        os.close(fd)
    raw = b"".join(parts)
    if len(raw) > MAX_BYTES:  # it grew while we read
        raise AnswersFileError(f"{source}: the file is larger than 5 MiB.")
    return raw


def _parse(text: str, source: str, *, json_file: bool) -> Any:
    if json_file:
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise AnswersFileError(f"{source}:{exc.lineno}: not valid JSON ({exc.msg}).") from None
        except RecursionError:
            raise AnswersFileError(f"{source}: nested too deep to be answers.") from None
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        # Aliases (``*name``) are refused before anything is built: nobody answering questions
        # needs them, and nested aliases can blow a small file up to gigabytes ("billion laughs").
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else 0
                raise AnswersFileError(
                    f"{source}:{line}: YAML aliases (*name) are not allowed; write the text out.")
        # Safe loading only; the C loader where PyYAML has it.
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise AnswersFileError(f"{source}{where}: not valid YAML.") from None
    except (ValueError, OverflowError) as exc:  # an unquoted date with no such day
        raise AnswersFileError(f"{source}: a date that does not exist ({exc}).") from None


def _text(data: dict[str, Any], key: str, source: str, *, optional: bool) -> str | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise fail(source, key, "expected text (put it in quotes)")
    return value


def _value(entry: Any, key: str, source: str) -> ValueAnswers:
    if entry is None:
        return ValueAnswers()
    if not isinstance(entry, dict):
        raise fail(source, key, "expected practiced, rating and answers")
    for sub in entry:
        if sub not in VALUE_KEYS:
            raise fail(source, f"{key}.{sub}", f"unknown key; known: {', '.join(VALUE_KEYS)}")
    out = ValueAnswers()
    practiced = entry.get("practiced")
    if practiced is not None:
        if not isinstance(practiced, list) or not all(_is_int(n) for n in practiced):
            raise fail(source, f"{key}.practiced", "expected a list of guideline numbers")
        out.practiced = sorted(set(practiced))
    rating = entry.get("rating")
    if rating is not None and not _is_int(rating):
        raise fail(source, f"{key}.rating", "expected a number on the rating scale")
    out.rating = rating
    answers = entry.get("answers")
    if answers is not None:
        if not isinstance(answers, list):
            raise fail(source, f"{key}.answers", "expected a list of texts, one per prompt")
        for n, text in enumerate(answers, start=1):
            if text is not None and not isinstance(text, str):
                raise fail(source, f"{key}.answers[{n}]", "expected text (put it in quotes)")
        out.answers = list(answers)
    return out


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def single_lines(value: Any, key: str, source: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise fail(source, key, "expected a list of texts")
    for n, item in enumerate(value, start=1):
        if not isinstance(item, str):
            raise fail(source, f"{key}[{n}]", "expected text (put it in quotes)")
        if "\n" in item or "\r" in item:
            raise fail(source, f"{key}[{n}]", "must be a single line")
    return [item for item in value if item.strip()]


def _decisions(value: Any, source: str) -> dict[str | int, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fail(source, "carry_over", "expected item: done | carry | drop")
    out: dict[str | int, str] = {}
    for item, decision in value.items():
        if decision not in DECISIONS:
            raise fail(source, f"carry_over.{item}", f"expected one of {', '.join(DECISIONS)}")
        out[item if _is_int(item) else str(item)] = decision
    return out


def check_against(
    data: AnswersData, framework: Framework, role: str, carry_items: list[str],
    plan: Plan | None = None,
) -> None:
    """Check value ids, item numbers, ratings and carry-over items against this session (a
    record's answers against its ``plan``, question by question)."""
    src = data.source
    if data.record is not None and plan is not None:
        from . import record_answers

        record_answers.check(data.record, plan, src)
    scale = [p.number for p in framework.rating_scale]
    for value_id, entry in data.values.items():
        key = f"values.{value_id}"
        value = framework.value(value_id)
        if value is None:
            raise fail(src, key, f"no value with this id in {framework.id}")
        high = len(value.guidelines.get(role, ()))
        for n in entry.practiced or []:
            if not 1 <= n <= high:
                raise fail(src, f"{key}.practiced", f"{n} is not a guideline number (1 to {high})")
            if value.is_context(role, n):
                raise fail(src, f"{key}.practiced", msg.NOT_FOR_TICKING.format(number=n))
        if entry.rating is not None and entry.rating not in scale:
            raise fail(src, f"{key}.rating",
                        f"{entry.rating} is not on the rating scale ({scale[0]} to {scale[-1]})")
        prompts = len(value.prompts.get(role, ()))
        if len(entry.answers) > prompts:
            raise fail(src, f"{key}.answers",
                        f"{len(entry.answers)} answers, but this value has {prompts} prompts")
    for item in data.carry_over:
        if isinstance(item, int):
            if not 1 <= item <= len(carry_items):
                raise fail(src, f"carry_over.{item}",
                            f"there are {len(carry_items)} items from the last prep")
        elif item not in carry_items:
            raise fail(src, f"carry_over.{item}", "not one of the items from the last prep")


class AnswersPort:
    """Answers each question from the file; shows nothing. A re-asked question is a bug in the
    file check, so it stops the run instead of looping."""

    def __init__(self, data: AnswersData, carry_items: list[str],
                 framework: Framework | None = None) -> None:
        self.data = data
        self.carry_items = carry_items
        self.framework = framework  # a record's values are named by id or number

    def show(self, block: Block) -> None:
        if isinstance(block, Problem):
            raise AnswersFileError(f"{self.data.source}: {block.text}")

    def ask(self, question: Question) -> Reply:
        text = self._text_for(question.id)
        if text is None or not text.strip():
            return Reply.of(Command.SKIP)
        return Reply.answer(text)

    def _text_for(self, qid: str) -> str | None:
        d = self.data
        if d.record is not None:
            from . import record_answers

            return record_answers.text_for(d.record, qid, self.framework, self.carry_items)
        if qid in ("carry.done", "carry.drop"):
            wanted = DONE if qid == "carry.done" else DROP
            numbers = [str(n) for n, item in enumerate(self.carry_items, start=1)
                       if (d.carry_over.get(n) or d.carry_over.get(item)) == wanted]
            return " ".join(numbers) or None
        if qid == "offer":
            return "\n".join(d.offer or items(d.action_plan)) or None
        if qid == COUNT_STEP:
            return None  # the file's values are chosen already; else the usual number in turn
        if qid in ("topics", "questions"):
            return "\n".join(getattr(d, qid)) or None
        if qid in ("action_plan", "support"):
            text: str | None = getattr(d, qid)
            return text
        value_id, _, rest = qid.partition(".")
        entry = d.values.get(value_id)
        if entry is None:
            return None
        if rest == "practiced":
            if entry.practiced is None:
                return None
            return " ".join(map(str, entry.practiced)) if entry.practiced else "0"
        if rest == "rating":
            return None if entry.rating is None else str(entry.rating)
        if rest.startswith("answer."):
            n = int(rest.split(".", 1)[1])
            return entry.answers[n - 1] if n <= len(entry.answers) else None
        raise AnswersFileError(f"{d.source}: the session asked {qid!r}; a file cannot answer it.")
