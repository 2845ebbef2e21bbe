"""Check a composed guidelines YAML node tree against the schema and build the model.

Every problem is collected (not just the first), each naming the file, line and key path, so one
run tells the author everything to fix. The tree comes from ``yaml.compose``: nodes keep their
line, and an alias would compose to a node already visited, which is refused as such.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from . import validate_items
from .model import DEFAULT_RATING_SCALE, Framework, Guidelines, RatingPoint, Role, Source, Value

SCHEMA_VERSION = 1
MAX_TEXT = 10_000
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# C0 controls but tab and line feed (descriptions have paragraphs), DEL, and C1 controls. A file
# can only hold them through double-quoted escapes such as "\e" or "\x9b" (YAML refuses most of
# them written raw); in a terminal they could recolour, move or hide text.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"


class Checker:
    """Walks the node tree, collecting every problem, and builds the model when all is well."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[str] = []
        self._seen: set[int] = set()

    # -- reporting --------------------------------------------------------------------------
    def fail(self, node: Any, path: str, problem: str) -> None:
        line = f":{node.start_mark.line + 1}" if node is not None else ""
        self.problems.append(f"{self.name}{line}: {path}: {problem}")

    def visit(self, node: Any, path: str) -> bool:
        # An alias composes to the very same node object: refusing a second visit refuses every
        # alias, so nothing can be expanded exponentially.
        if id(node) in self._seen:
            self.fail(node, path, "YAML aliases (*name) are not supported; write the text out")
            return False
        self._seen.add(id(node))
        return True

    def kind(self, node: Any) -> str:
        """How a node is described in a problem: "a list", "the number 3", "text"."""
        return _kind(node)

    def control_character(self, node: Any, path: str, value: str) -> bool:
        """Report (and return True) when ``value`` holds a control character."""
        found = CONTROL.search(value)
        if found is None:
            return False
        code = f"U+{ord(found.group()):04X}"
        self.fail(node, path, f"holds a control character ({code}); remove it")
        return True

    # -- primitive shapes -------------------------------------------------------------------
    def mapping(
        self,
        node: Any,
        path: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
        unknown: str = "unknown key (expected one of: {allowed})",
    ) -> dict[str, Any] | None:
        import yaml

        if not self.visit(node, path):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, path, f"expected a mapping of keys, got {_kind(node)}")
            return None
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.fail(key_node, path, "keys must be plain text")
                continue
            if key in out:
                self.fail(key_node, join_key(path, key), "duplicate key")
                continue
            if key not in required and key not in optional:
                allowed = ", ".join(required + optional)
                self.fail(key_node, join_key(path, key), unknown.format(allowed=allowed))
                continue
            out[key] = value_node
        for key in required:
            if key not in out:
                self.fail(node, join_key(path, key), "missing")
        return out

    def sequence(self, node: Any, path: str, *, allow_empty: bool = False) -> list[Any] | None:
        import yaml

        if not self.visit(node, path):
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, path, f"expected a list, got {_kind(node)}")
            return None
        if not node.value and not allow_empty:
            self.fail(node, path, "must not be an empty list")
            return None
        return list(node.value)

    def text(self, node: Any, path: str, *, allow_empty: bool = False) -> str | None:
        import yaml

        if not self.visit(node, path):
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
            scalar = isinstance(node, yaml.ScalarNode) and node.tag != _NULL
            hint = " (put it in quotes to make it text)" if scalar else ""
            self.fail(node, path, f"expected text, got {_kind(node)}{hint}")
            return None
        value = str(node.value)
        if not allow_empty and not value.strip():
            self.fail(node, path, "must not be empty")
            return None
        if len(value) > MAX_TEXT:
            self.fail(node, path, f"text is longer than {MAX_TEXT} characters")
            return None
        if self.control_character(node, path, value):
            return None
        return value

    def integer(self, node: Any, path: str, *, minimum: int = 1) -> int | None:
        import yaml

        if not self.visit(node, path):
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != _INT:
            self.fail(node, path, f"expected a whole number, got {_kind(node)}")
            return None
        try:
            value = int(str(node.value).replace("_", ""), 0)
        except ValueError:
            self.fail(node, path, "expected a whole number")
            return None
        if value < minimum or value > 1_000_000:
            self.fail(node, path, f"must be a whole number from {minimum} up")
            return None
        return value

    def slug(self, node: Any, path: str) -> str | None:
        value = self.text(node, path)
        if value is not None and not SLUG.match(value):
            hint = "use lowercase letters, digits and hyphens"
            self.fail(node, path, f"{value!r} is not a valid id ({hint})")
            return None
        return value

    def texts(self, node: Any, path: str) -> tuple[str, ...] | None:
        items = self.sequence(node, path)
        if items is None:
            return None
        out = [self.text(item, f"{path}[{i}]") for i, item in enumerate(items)]
        return tuple(t for t in out if t is not None) if None not in out else None

    # -- the document -----------------------------------------------------------------------
    def document(self, root: Any) -> Guidelines | None:
        top = self.mapping(root, "(top level)", ("schema_version", "frameworks"))
        if top is None:
            return None
        version = None
        if "schema_version" in top:
            version = self.integer(top["schema_version"], "schema_version")
            if version is not None and version != SCHEMA_VERSION:
                self.fail(top["schema_version"], "schema_version", f"must be {SCHEMA_VERSION}")
                version = None
        frameworks: list[tuple[int, Framework]] = []
        if "frameworks" in top:
            items = self.sequence(top["frameworks"], "frameworks")
            for i, node in enumerate(items or []):
                fw = self.framework(node, f"frameworks[{i}]")
                if fw is not None:
                    frameworks.append((i, fw))
            for dup_path, dup in _duplicates(frameworks, lambda f: f.id, "frameworks"):
                self.fail(None, dup_path, f"duplicate framework id {dup!r}")
        if self.problems or version is None:
            return None
        return Guidelines(version, tuple(f for _, f in frameworks))

    def framework(self, node: Any, path: str) -> Framework | None:
        keys = self.mapping(
            node, path, ("id", "title", "source", "roles", "values"), ("rating_scale", "glossary")
        )
        if keys is None:
            return None
        before = len(self.problems)
        fid = self.slug(keys["id"], f"{path}.id") if "id" in keys else None
        title = self.text(keys["title"], f"{path}.title") if "title" in keys else None
        source = self.source(keys["source"], f"{path}.source") if "source" in keys else None
        roles = self.roles(keys["roles"], f"{path}.roles") if "roles" in keys else None
        scale = (
            self.rating_scale(keys["rating_scale"], f"{path}.rating_scale")
            if "rating_scale" in keys
            else DEFAULT_RATING_SCALE
        )
        glossary = (
            validate_items.glossary(self, keys["glossary"], f"{path}.glossary")
            if "glossary" in keys
            else {}
        )
        values: list[tuple[int, Value]] = []
        if "values" in keys:
            role_ids = tuple(r.id for r in roles) if roles else None
            for i, vnode in enumerate(self.sequence(keys["values"], f"{path}.values") or []):
                value = self.value(vnode, f"{path}.values[{i}]", role_ids)
                if value is not None:
                    values.append((i, value))
            for dup_path, dup in _duplicates(values, lambda v: v.id, f"{path}.values"):
                self.fail(None, dup_path, f"duplicate value id {dup!r}")
            for dup_path, num in _duplicates(values, lambda v: v.number, f"{path}.values"):
                self.fail(None, dup_path, f"duplicate value number {num}")
        if len(self.problems) > before or None in (fid, title, source, roles, scale, glossary):
            return None
        assert fid and title and source and roles and scale and glossary is not None
        return Framework(fid, title, source, roles, tuple(v for _, v in values), scale, glossary)

    def source(self, node: Any, path: str) -> Source | None:
        keys = self.mapping(
            node, path, ("title", "organisation", "year", "url", "licence"),
            ("citation", "adapted_from"),
        )
        if keys is None:
            return None
        got = {k: self.text(keys[k], f"{path}.{k}") for k in keys if k != "year"}
        year = self.integer(keys["year"], f"{path}.year", minimum=1900) if "year" in keys else None
        required = ("title", "organisation", "url", "licence")
        if year is None or any(got.get(k) is None for k in required):
            return None
        return Source(
            title=got["title"] or "", organisation=got["organisation"] or "", year=year,
            url=got["url"] or "", licence=got["licence"] or "",
            citation=got.get("citation"), adapted_from=got.get("adapted_from"),
        )

    def roles(self, node: Any, path: str) -> tuple[Role, ...] | None:
        roles: list[tuple[int, Role]] = []
        items = self.sequence(node, path) or []
        for i, rnode in enumerate(items):
            keys = self.mapping(rnode, f"{path}[{i}]", ("id", "label"))
            if keys is None or len(keys) < 2:
                continue
            rid = self.slug(keys["id"], f"{path}[{i}].id")
            label = self.text(keys["label"], f"{path}[{i}].label")
            if rid and label:
                roles.append((i, Role(rid, label)))
        for dup_path, dup in _duplicates(roles, lambda r: r.id, path):
            self.fail(None, dup_path, f"duplicate role id {dup!r}")
            return None
        ok = roles and len(roles) == len(items)
        return tuple(r for _, r in roles) if ok else None

    def rating_scale(self, node: Any, path: str) -> tuple[RatingPoint, ...] | None:
        items = self.sequence(node, path)
        if items is None:
            return None
        if not 2 <= len(items) <= 10:
            self.fail(node, path, "must have from 2 to 10 points")
            return None
        points: list[RatingPoint] = []
        for i, pnode in enumerate(items):
            p = f"{path}[{i}]"
            keys = self.mapping(pnode, p, ("number", "label", "description"))
            if keys is None or len(keys) < 3:
                continue
            number = self.integer(keys["number"], f"{p}.number", minimum=0)
            label = self.text(keys["label"], f"{p}.label")
            description = self.text(keys["description"], f"{p}.description")
            if number is not None and label and description:
                if points and number <= points[-1].number:
                    self.fail(keys["number"], f"{p}.number", "numbers must increase down the list")
                    return None
                points.append(RatingPoint(number, label, description))
        return tuple(points) if len(points) == len(items) else None

    def value(self, node: Any, path: str, role_ids: tuple[str, ...] | None) -> Value | None:
        fields = ("id", "number", "title", "practice", "description", "guidelines", "prompts")
        keys = self.mapping(node, path, fields)
        if keys is None:
            return None
        before = len(self.problems)
        vid = self.slug(keys["id"], f"{path}.id") if "id" in keys else None
        number = self.integer(keys["number"], f"{path}.number") if "number" in keys else None
        title = self.text(keys["title"], f"{path}.title") if "title" in keys else None
        practice = self.text(keys["practice"], f"{path}.practice") if "practice" in keys else None
        description = (
            self.text(keys["description"], f"{path}.description", allow_empty=True)
            if "description" in keys
            else None
        )
        items = (
            validate_items.guideline_lists(self, keys["guidelines"], f"{path}.guidelines", role_ids)
            if "guidelines" in keys
            else None
        )
        prompts = (
            self.role_lists(keys["prompts"], f"{path}.prompts", role_ids)
            if "prompts" in keys
            else None
        )
        # A missing key was reported by mapping() before ``before`` was taken: check the results.
        if (
            len(self.problems) > before
            or None in (vid, number, title, practice, description, items, prompts)
        ):
            return None
        assert vid and number and title and practice and description is not None and items
        guidelines, context = items
        return Value(vid, number, title, practice, description, guidelines, prompts or {}, context)

    def role_lists(
        self, node: Any, path: str, role_ids: tuple[str, ...] | None
    ) -> dict[str, tuple[str, ...]] | None:
        if role_ids is None:  # the roles themselves are broken; that is already reported
            return None
        keys = self.mapping(
            node, path, role_ids, (),
            unknown="role not declared in this framework's roles (declared: {allowed})",
        )
        if keys is None:
            return None
        return {rid: t for rid, n in keys.items() if (t := self.texts(n, f"{path}.{rid}"))}


def join_key(path: str, key: str) -> str:
    """``path.key``, or just ``key`` at the top level."""
    return key if path == "(top level)" else f"{path}.{key}"


def _kind(node: Any) -> str:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing"
    if node.tag == _INT:
        return f"the number {node.value}"
    if node.tag == _STR:
        return "text"
    return f"the value {node.value!r}"


def _duplicates(
    items: list[tuple[int, Any]], key: Callable[[Any], Any], path: str
) -> Iterator[tuple[str, Any]]:
    """(path, key) for each item whose key an earlier item already had; items keep source index."""
    seen: set[Any] = set()
    for i, item in items:
        k = key(item)
        if k in seen:
            yield f"{path}[{i}]", k
        seen.add(k)
