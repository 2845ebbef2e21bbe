"""One pass over the YAML parser's events, before anything is composed into nodes.

It refuses what the composer must never see: aliases (anywhere, even under keys the schema does
not know), tags other than YAML's plain ones (``!!python/object`` and friends), and nesting deeper
than any guidelines file needs (the C composer recurses per level and crashes the process on a few
ten thousand levels).
"""

from __future__ import annotations

from typing import Any

from .validate import join_key

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "map", "seq")
)
# The schema nests 9 levels deep (frameworks[0].values[0].guidelines.role[0].text); leave room.
MAX_DEPTH = 20


def prescan(yaml: Any, loader_cls: Any, text: str, name: str) -> list[str]:
    """Problems found in the event stream: aliases, unsafe tags, too deep nesting.

    Stops at the first alias or too deep level (fail fast: a bomb holds thousands of them);
    collects every unsafe tag.
    """
    problems: list[str] = []
    # One frame per open collection: [key path, is a mapping, children seen, last key].
    stack: list[list[Any]] = []
    node_events = (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)
    for event in yaml.parse(text, Loader=loader_cls):
        if isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            continue
        if not isinstance(event, node_events):
            continue
        path = "(top level)"
        if stack:
            frame = stack[-1]
            if not frame[1]:
                path = f"{'' if frame[0] == '(top level)' else frame[0]}[{frame[2]}]"
            elif frame[2] % 2:
                path = join_key(frame[0], str(frame[3]))
            else:
                path = frame[0]
                frame[3] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
            frame[2] += 1
        where = f"{name}:{event.start_mark.line + 1}: {path}"
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                f"{where}: YAML aliases (*{event.anchor}) are not supported; write the text out"
            )
            return problems
        tag = event.tag
        if tag is not None and tag not in _PLAIN_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(f"{where}: the YAML tag {shown} is not allowed; remove it")
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                problems.append(f"{where}: nested more than {MAX_DEPTH} levels deep")
                return problems
            stack.append([path, isinstance(event, yaml.MappingStartEvent), 0, ""])
    return problems
