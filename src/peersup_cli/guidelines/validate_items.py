"""The checks for guideline items (which may be marked as context) and for a framework's glossary.

Kept apart from ``validate`` so that module stays readable; these work through its ``Checker``,
so every problem is reported the same way: file, line, key path and one plain sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .validate import Checker

_BOOL = "tag:yaml.org,2002:bool"
_STR = "tag:yaml.org,2002:str"
MAX_TERM = 100  # longer than any abbreviation or phrase worth explaining


def guideline_lists(
    checker: Checker, node: Any, path: str, role_ids: tuple[str, ...] | None
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[int, ...]]] | None:
    """A value's ``guidelines``: role id -> item texts, and role id -> numbers of context items.

    Each item is either text or a mapping ``{text: ..., context: true}``.
    """
    if role_ids is None:  # the roles themselves are broken; that is already reported
        return None
    keys = checker.mapping(
        node, path, role_ids, (),
        unknown="role not declared in this framework's roles (declared: {allowed})",
    )
    if keys is None:
        return None
    texts: dict[str, tuple[str, ...]] = {}
    context: dict[str, tuple[int, ...]] = {}
    ok = True
    for rid, list_node in keys.items():
        role_path = f"{path}.{rid}"
        items = checker.sequence(list_node, role_path)
        if items is None:
            ok = False
            continue
        got = [_item(checker, item, f"{role_path}[{i}]") for i, item in enumerate(items)]
        if any(g is None for g in got):
            ok = False
            continue
        pairs = [g for g in got if g is not None]
        texts[rid] = tuple(text for text, _ in pairs)
        marked = tuple(n for n, (_, is_context) in enumerate(pairs, 1) if is_context)
        if len(marked) == len(pairs):
            # Nothing would be left to tick or grow in for this role.
            checker.fail(
                list_node, role_path,
                "every item is marked context: leave at least one item as a practice",
            )
            ok = False
        elif marked:
            context[rid] = marked
    return (texts, context) if ok else None


def _item(checker: Checker, node: Any, path: str) -> tuple[str, bool] | None:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        text = checker.text(node, path)
        return None if text is None else (text, False)
    keys = checker.mapping(node, path, ("text",), ("context",))
    if keys is None or "text" not in keys:
        return None
    text = checker.text(keys["text"], f"{path}.text")
    is_context = (
        boolean(checker, keys["context"], f"{path}.context") if "context" in keys else False
    )
    if text is None or is_context is None:
        return None
    return text, is_context


def boolean(checker: Checker, node: Any, path: str) -> bool | None:
    """``true`` or ``false`` (YAML's own words for them), else a problem."""
    import yaml

    if not checker.visit(node, path):
        return None
    if not isinstance(node, yaml.ScalarNode) or node.tag != _BOOL:
        checker.fail(node, path, f"expected true or false, got {checker.kind(node)}")
        return None
    return str(node.value).lower() in ("true", "yes", "on", "y")


def glossary(checker: Checker, node: Any, path: str) -> dict[str, str] | None:
    """A framework's ``glossary``: a mapping of term -> one plain sentence saying what it means."""
    import yaml

    if not checker.visit(node, path):
        return None
    if not isinstance(node, yaml.MappingNode):
        checker.fail(node, path, f"expected a mapping of term: meaning, got {checker.kind(node)}")
        return None
    out: dict[str, str] = {}
    ok = True
    for key_node, value_node in node.value:
        term = _term(checker, key_node, path)
        if term is None:
            ok = False
            continue
        term_path = f"{path}.{term}"  # _term made sure it prints safely
        if term in out:
            checker.fail(key_node, term_path, "this term is already in the glossary")
            ok = False
            continue
        meaning = checker.text(value_node, term_path)
        if meaning is None:
            ok = False
            continue
        out[term] = meaning
    return out if ok else None


def _term(checker: Checker, node: Any, path: str) -> str | None:
    import yaml

    if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
        checker.fail(node, path, f"a glossary term must be text, got {checker.kind(node)}")
        return None
    term = str(node.value)
    # The path names the term, made safe to print: one line, no control characters.
    shown = "".join(ch if ch.isprintable() else "?" for ch in " ".join(term.split()))
    where = f"{path}.{shown}" if shown else path
    if not term.strip():
        checker.fail(node, where, "a glossary term must not be empty")
    elif checker.control_character(node, where, term):
        pass
    elif term != " ".join(term.split()):
        checker.fail(node, where, "a glossary term must be on one line, without extra spaces")
    elif len(term) > MAX_TERM:
        checker.fail(node, where, f"a glossary term must be at most {MAX_TERM} characters")
    elif not any(ch.isalnum() for ch in term):
        checker.fail(node, where, "a glossary term must have at least one letter or digit")
    else:
        return term
    return None
