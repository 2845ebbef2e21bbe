"""The guidelines loader: the packaged file loads, and every kind of bad file gets a plain message
naming the file, the line where known and the key path. Also the parsed-model cache."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from builders import (
    VALUES,
    framework_yaml,
    line_of,
    problems,
    tiny_yaml,
)
from builders import (
    write_file as write,
)
from peersup_cli.errors import GuidelinesError
from peersup_cli.guidelines.cache import load_guidelines_cached
from peersup_cli.guidelines.loader import load_guidelines, packaged_path


# -- the packaged file -----------------------------------------------------------------------
def test_packaged_file_loads_both_frameworks() -> None:
    g = load_guidelines()
    assert [f.id for f in g.frameworks] == ["ma-accs-2022", "naps-2019"]
    ma, naps = g.frameworks
    assert len(ma.values) == 11 and len(naps.values) == 12
    assert ma.role_ids == ("peer-supporter", "supervisor")
    assert naps.role_ids == ("supervisor",)
    assert [v.number for v in ma.values] == list(range(1, 12))
    hopeful = ma.value("hopeful")
    assert hopeful is not None and hopeful.number == 2 and hopeful.practice == "Share Hope"
    assert naps.value("open-minded") is not None and ma.value("open-minded") is None
    for fw in g.frameworks:
        assert len(fw.rating_scale) == 4
        for v in fw.values:
            for role in fw.role_ids:
                assert v.guidelines[role], (fw.id, v.id, role)
                assert len(v.prompts[role]) == 3, (fw.id, v.id, role)
    assert g.path == str(packaged_path())


def test_tiny_file_loads(tmp_path: Path) -> None:
    g = load_guidelines(write(tmp_path, tiny_yaml()))
    fw = g.frameworks[0]
    assert fw.id == "tiny-2024" and [v.id for v in fw.values] == [v[0] for v in VALUES]
    assert fw.values[1].guidelines["supervisor"] == ("A supervisor guideline for hopeful.",)
    assert [p.label for p in fw.rating_scale] == ["Just starting", "Growing"]


# -- bad files: one problem each --------------------------------------------------------------
def replace_once(old: str, new: str, nth: int = 1) -> Callable[[str], str]:
    def edit(text: str) -> str:
        pos = -1
        for _ in range(nth):
            pos = text.index(old, pos + 1)
        return text[:pos] + new + text[pos + len(old) :]

    return edit


# (case id, edit of the tiny file, (snippet whose line is reported | None), expected message tail)
BAD_EDITS: list[tuple[str, Callable[[str], str], str | None, str]] = [
    (
        "number-where-text-expected",
        replace_once("title: A tiny framework for tests", "title: 42"),
        "title: 42",
        "frameworks[0].title: expected text, got the number 42 (put it in quotes to make it text)",
    ),
    (
        "text-where-number-expected",
        replace_once("number: 2\n        title", "number: two\n        title"),
        "number: two",
        "frameworks[0].values[1].number: expected a whole number, got text",
    ),
    (
        "missing-key",
        replace_once("        practice: Be Curious and Embrace Diversity\n", ""),
        "- id: respectful",
        "frameworks[0].values[3].practice: missing",
    ),
    (
        "missing-source",
        lambda t: t.replace(
            "    source:\n      title: Tiny guidelines\n", "    sauce:\n      title: x\n"
        ),
        "sauce:",
        "frameworks[0].sauce: unknown key (expected one of: id, title, source, roles, values, "
        "rating_scale, glossary)",
    ),
    (
        "unknown-key",
        replace_once(
            "        practice: Share Hope\n", "        practice: Share Hope\n        colour: blue\n"
        ),
        "colour: blue",
        "frameworks[0].values[1].colour: unknown key (expected one of: id, number, title, "
        "practice, description, guidelines, prompts)",
    ),
    (
        "duplicate-value-id",
        replace_once("id: empathic", "id: hopeful"),
        None,
        "frameworks[0].values[2]: duplicate value id 'hopeful'",
    ),
    (
        "duplicate-value-number",
        replace_once("number: 3", "number: 2"),
        None,
        "frameworks[0].values[2]: duplicate value number 2",
    ),
    (
        "duplicate-framework-id",
        lambda t: t + framework_yaml("tiny-2024") + "\n",
        None,
        "frameworks[1]: duplicate framework id 'tiny-2024'",
    ),
    (
        "undeclared-role",
        replace_once("          supervisor:\n", "          trainer:\n"),
        "trainer:",
        "frameworks[0].values[0].guidelines.trainer: role not declared in this framework's roles "
        "(declared: peer-supporter, supervisor)",
    ),
    (
        "declared-role-missing-from-value",
        replace_once(
            "          supervisor:\n            - A supervisor guideline for empathic.\n", ""
        ),
        # A block mapping's line is the line of its first key.
        "          peer-supporter:\n            - A peer-supporter guideline for empathic.",
        "frameworks[0].values[2].guidelines.supervisor: missing",
    ),
    (
        "empty-list",
        replace_once(
            "          peer-supporter:\n"
            "            - When did you practise hopeful as peer-supporter?",
            "          peer-supporter: []",
        ),
        "peer-supporter: []",
        "frameworks[0].values[1].prompts.peer-supporter: must not be an empty list",
    ),
    (
        "empty-values-list",
        lambda t: t[: t.index("    values:\n")] + "    values: []\n",
        "values: []",
        "frameworks[0].values: must not be an empty list",
    ),
    (
        "empty-text",
        replace_once("practice: Support Choice", 'practice: ""'),
        'practice: ""',
        "frameworks[0].values[0].practice: must not be empty",
    ),
    (
        "nothing-where-text-expected",
        replace_once("practice: Support Choice", "practice:"),
        "practice:",
        "frameworks[0].values[0].practice: expected text, got nothing",
    ),
    (
        "bad-slug",
        replace_once("id: hopeful", "id: Hope Ful"),
        "id: Hope Ful",
        "frameworks[0].values[1].id: 'Hope Ful' is not a valid id (use lowercase letters, digits "
        "and hyphens)",
    ),
    (
        "schema-version",
        replace_once("schema_version: 1", "schema_version: 2"),
        "schema_version",
        "schema_version: must be 1",
    ),
    (
        "rating-scale-one-point",
        replace_once(
            "      - number: 2\n        label: Growing\n"
            "        description: I practise this sometimes.\n",
            "",
        ),
        "      - number: 1",
        "frameworks[0].rating_scale: must have from 2 to 10 points",
    ),
    (
        "rating-scale-not-increasing",
        replace_once(
            "      - number: 2\n        label: Growing", "      - number: 1\n        label: Growing"
        ),
        "- number: 1\n        label: Growing",
        "frameworks[0].rating_scale[1].number: numbers must increase down the list",
    ),
    (
        "duplicate-key",
        replace_once(
            "        practice: Share Hope\n",
            "        practice: Share Hope\n        practice: Again\n",
        ),
        "practice: Again",
        "frameworks[0].values[1].practice: duplicate key",
    ),
    (
        "year-as-text",
        replace_once("year: 2024", 'year: "2024"'),
        'year: "2024"',
        "frameworks[0].source.year: expected a whole number, got text",
    ),
]


@pytest.mark.parametrize(
    ("edit", "snippet", "message"),
    [pytest.param(e, s, m, id=i) for i, e, s, m in BAD_EDITS],
)
def test_bad_file_names_file_line_and_key_path(
    tmp_path: Path, edit: Callable[[str], str], snippet: str | None, message: str
) -> None:
    text = edit(tiny_yaml())
    assert text != tiny_yaml()
    file = write(tmp_path, text)
    found = problems(file)
    if snippet is None:
        assert f"{file}: {message}" in found, found
    else:
        assert f"{file}:{line_of(text, snippet)}: {message}" in found, found


def test_yaml_syntax_error(tmp_path: Path) -> None:
    text = "schema_version: 1\nframeworks:\n  - id: [unclosed\n    title: x\n"
    [message] = problems(write(tmp_path, text))
    assert message.startswith(f"{tmp_path / 'g.yaml'}:")
    assert "YAML syntax error" in message


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    raw = tiny_yaml().replace("Share Hope", "Partager l'espoir \xe9").encode("latin-1")
    file = write(tmp_path, raw)
    line = line_of(tiny_yaml(), "Share Hope")
    assert problems(file) == [f"{file}:{line}: not valid UTF-8 text"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "file is empty"),
        ("   \n\n", "file is empty"),
        ("# only a comment\n# and another\n", "file holds no data (only comments or blank lines)"),
    ],
    ids=["empty", "blank", "only-a-comment"],
)
def test_empty_files(tmp_path: Path, text: str, message: str) -> None:
    file = write(tmp_path, text)
    assert problems(file) == [f"{file}: {message}"]


def test_top_level_list(tmp_path: Path) -> None:
    file = write(tmp_path, "- schema_version: 1\n- frameworks: []\n")
    assert problems(file) == [f"{file}:1: (top level): expected a mapping of keys, got a list"]


def test_missing_top_level_keys(tmp_path: Path) -> None:
    file = write(tmp_path, "schema_version: 1\n")
    assert problems(file) == [f"{file}:1: frameworks: missing"]


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert problems(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: no such file"]
    assert problems(tmp_path) == [f"{tmp_path}: is a folder, not a guidelines file"]


def test_file_larger_than_two_mib(tmp_path: Path) -> None:
    text = tiny_yaml() + "# " + "x" * (2 * 1024 * 1024) + "\n"
    file = write(tmp_path, text)
    assert problems(file) == [f"{file}: file is larger than 2 MiB"]


def test_alias_bomb_fails_fast_with_the_alias_message(tmp_path: Path) -> None:
    # "Billion laughs": nine levels of nine aliases would expand to 9**9 strings.
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    file = write(tmp_path, "\n".join(lines) + "\n")
    assert problems(file) == [
        f"{file}:2: a1[0]: YAML aliases (*a0) are not supported; write the text out"
    ]


def test_alias_inside_the_schema(tmp_path: Path) -> None:
    text = tiny_yaml().replace("title: A tiny framework for tests", "title: &t A tiny framework")
    text = text.replace("practice: Share Hope", "practice: *t")
    file = write(tmp_path, text)
    assert problems(file) == [
        f"{file}:{line_of(text, 'practice: *t')}: frameworks[0].values[1].practice: "
        "YAML aliases (*t) are not supported; write the text out"
    ]


def test_python_tags_are_refused(tmp_path: Path) -> None:
    text = tiny_yaml().replace(
        "title: A tiny framework for tests",
        "title: !!python/object/apply:os.system [echo hello]",
    )
    file = write(tmp_path, text)
    line = line_of(text, "!!python")
    assert problems(file) == [
        f"{file}:{line}: frameworks[0].title: the YAML tag !!python/object/apply:os.system is "
        "not allowed; remove it"
    ]


def test_custom_tags_anywhere_are_refused(tmp_path: Path) -> None:
    file = write(tmp_path, "schema_version: 1\nextra: !secret {a: 1}\n")
    assert problems(file) == [f"{file}:2: extra: the YAML tag !secret is not allowed; remove it"]


def test_deep_nesting_is_refused_without_crashing(tmp_path: Path) -> None:
    # The C composer recurses once per level; 100 000 levels would crash the process.
    depth = 100_000
    file = write(tmp_path, "[" * depth + "]" * depth)
    [message] = problems(file)
    assert message.startswith(f"{file}:1: ") and message.endswith("nested more than 20 levels deep")


def test_several_problems_are_all_reported(tmp_path: Path) -> None:
    text = tiny_yaml()
    text = text.replace("title: A tiny framework for tests", "title: 42")
    text = text.replace("id: hopeful", "id: Hope Ful")
    text = text.replace("        practice: Be Curious and Embrace Diversity\n", "")
    text = text.replace("number: 3", "number: 1")
    text = text.replace("year: 2024", "year: 1066")
    file = write(tmp_path, text)
    found = problems(file)
    expected = [
        f"{file}:{line_of(text, 'title: 42')}: frameworks[0].title: expected text",
        f"{file}:{line_of(text, 'year: 1066')}: frameworks[0].source.year: must be a whole number "
        "from 1900 up",
        f"{file}:{line_of(text, 'id: Hope Ful')}: frameworks[0].values[1].id: 'Hope Ful' is not",
        f"{file}:{line_of(text, '- id: respectful')}: frameworks[0].values[3].practice: missing",
        f"{file}: frameworks[0].values[2]: duplicate value number 1",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in found), (start, found)
    assert len(found) == len(expected)


def test_broken_roles_do_not_crash_the_value_checks(tmp_path: Path) -> None:
    text = tiny_yaml().replace(
        "      - id: supervisor\n        label: Supervisor\n", "      - id: supervisor\n"
    )
    file = write(tmp_path, text)
    assert problems(file) == [
        f"{file}:{line_of(text, '- id: supervisor')}: frameworks[0].roles[1].label: missing"
    ]


# -- the cache ---------------------------------------------------------------------------------
def cache_files(pinned: dict[str, Path]) -> list[Path]:
    return sorted(pinned["cache"].glob("guidelines-*.json"))


def test_cache_gives_the_same_model(tmp_path: Path, pinned_paths: dict[str, Path]) -> None:
    first = load_guidelines_cached()
    [cache] = cache_files(pinned_paths)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert (
        json.loads(cache.read_text("utf-8"))["guidelines"]["frameworks"][0]["id"] == "ma-accs-2022"
    )
    second = load_guidelines_cached()
    assert second == first == load_guidelines()
    assert second.path == str(packaged_path())


def test_cache_sees_an_edit_even_with_the_same_size_and_time(
    tmp_path: Path, pinned_paths: dict[str, Path]
) -> None:
    file = write(tmp_path, tiny_yaml())
    assert load_guidelines_cached(file).frameworks[0].values[1].practice == "Share Hope"
    before = file.stat()
    file.write_text(tiny_yaml().replace("Share Hope", "Shore Hope"), encoding="utf-8")
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert file.stat().st_size == before.st_size
    assert load_guidelines_cached(file).frameworks[0].values[1].practice == "Shore Hope"


def test_damaged_cache_falls_back_to_the_yaml(
    tmp_path: Path, pinned_paths: dict[str, Path]
) -> None:
    file = write(tmp_path, tiny_yaml())
    load_guidelines_cached(file)
    [cache] = cache_files(pinned_paths)
    good = json.loads(cache.read_text("utf-8"))
    # A cache in a shape this version does not know, half a file, or a key from another file.
    damaged = json.loads(json.dumps(good))
    damaged["guidelines"]["frameworks"][0]["values"][0]["unexpected"] = 1
    damaged["guidelines"]["frameworks"][0]["values"][0]["title"] = "Tampered"
    other_key = {**good, "key": good["key"] + "x"}
    other_key["guidelines"]["frameworks"][0]["title"] = "From another file"
    for body in (json.dumps(damaged), json.dumps(good)[:500], json.dumps(other_key), "[]"):
        cache.write_text(body, encoding="utf-8")
        fw = load_guidelines_cached(file).frameworks[0]
        assert fw.title == "A tiny framework for tests"
        assert fw.values[0].title == "Peer Support is Voluntary"


def test_bad_file_is_reported_through_the_cache_too(tmp_path: Path) -> None:
    file = write(tmp_path, "schema_version: 1\n")
    with pytest.raises(GuidelinesError, match="frameworks: missing"):
        load_guidelines_cached(file)
    with pytest.raises(GuidelinesError, match="no such file"):
        load_guidelines_cached(tmp_path / "missing.yaml")


def test_unwritable_cache_folder_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = write(tmp_path, "a file where the cache folder should be", "blocker")
    monkeypatch.setenv("PEERSUP_CACHE_DIR", str(blocker / "cache"))
    assert load_guidelines_cached(write(tmp_path, tiny_yaml())).frameworks[0].id == "tiny-2024"
