"""The checklist document and its Markdown."""

# ruff: noqa: RUF001  (curly quotes and dashes are what these tests are about)

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builders import (
    EVIL_ITEMS,
    items_of,
    md_tasks,
    real_guidelines,
    small_framework,
    small_guidelines,
    write_guidelines,
)
from peersup_cli.errors import UsageError
from peersup_cli.export.checklist import build_checklist, resolve_roles
from peersup_cli.export.markdown import render_markdown


def test_both_roles_make_two_labelled_parts_with_every_item() -> None:
    fw = small_framework()
    doc = build_checklist(fw, resolve_roles(fw, "both"), list(fw.values))
    assert [p.label for p in doc.parts] == ["Peer supporter", "Supervisor"]
    assert "Peer supporter and Supervisor" in doc.title
    assert fw.title in doc.subtitle
    got = [i.text for s in doc.parts[0].sections for i in s.items]
    assert got == items_of(fw, "peer-supporter")
    assert all(not i.checked for s in doc.sections() for i in s.items)
    assert [p.label for p in doc.parts[1].sections[0].scale] == [
        p.label for p in fw.rating_scale
    ]


def test_descriptions_and_prompts_only_when_asked() -> None:
    fw = small_framework()
    bare = build_checklist(fw, ["peer-supporter"], list(fw.values))
    assert all(s.description == "" and s.prompts == () for s in bare.sections())
    full = build_checklist(fw, ["peer-supporter"], list(fw.values), descriptions=True, prompts=True)
    first = next(full.sections())
    assert first.description.startswith("Recovery is a choice – a person’s “own” path.")
    assert "\n\n" in first.description  # paragraphs survive, single newlines do not
    assert [p.text for p in first.prompts] == list(fw.values[0].prompts["peer-supporter"])


def test_roles_are_checked_against_the_framework() -> None:
    g = small_guidelines()
    naps = g.framework("naps-2019")
    assert naps is not None
    assert resolve_roles(naps, "both") == ["supervisor"]
    with pytest.raises(UsageError, match="no role 'peer-supporter'"):
        resolve_roles(naps, "peer-supporter")


# -- markdown ----------------------------------------------------------------------------------
def test_markdown_has_a_task_item_for_every_guideline() -> None:
    fw = small_framework()
    doc = build_checklist(fw, ["peer-supporter", "supervisor"], list(fw.values), prompts=True)
    text = render_markdown(doc)
    tasks = md_tasks(text)
    assert [t for _, t in tasks] == items_of(fw, "peer-supporter") + items_of(fw, "supervisor")
    assert not any(ticked for ticked, _ in tasks)
    assert text.startswith("# Reflection checklist: Peer supporter and Supervisor\n")
    assert "## Peer supporter" in text and "## Supervisor" in text
    assert "### 2. Hopeful — Share Hope" in text
    assert "**Where did you see hope this week?**" in text
    assert "**1** Just starting" in text and "#### Notes" in text


def test_markdown_escapes_markup_from_the_guidelines() -> None:
    fw = small_framework(evil=True)
    text = render_markdown(build_checklist(fw, ["peer-supporter"], list(fw.values)))
    assert not re.search(r"(?<!\\)<", text)  # every "<" is escaped, so no tag can start
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert [t for _, t in md_tasks(text)][-2:] == list(EVIL_ITEMS)


def test_markdown_of_the_real_guidelines_lists_every_item() -> None:
    g = real_guidelines()
    for fw in g.frameworks:
        doc = build_checklist(fw, list(fw.role_ids), list(fw.values), prompts=True)
        expected = [t for r in fw.role_ids for t in items_of(fw, r)]
        assert [t for _, t in md_tasks(render_markdown(doc))] == expected


# -- the command -------------------------------------------------------------------------------
def test_cli_markdown_goes_to_stdout(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_guidelines(tmp_path)
    result = cli("--guidelines", str(path), "export", "checklist", "--role", "supervisor")
    assert result.exit_code == 0, result.output
    assert "# Reflection checklist: Supervisor" in result.stdout
    fw = small_framework()
    assert [t for _, t in md_tasks(result.stdout)] == items_of(fw, "supervisor")


def test_cli_values_and_framework(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_guidelines(tmp_path)
    result = cli(
        "--guidelines", str(path), "export", "checklist", "--values", "hope",
        "--role", "peer-supporter", "--with-descriptions",
    )
    assert result.exit_code == 0, result.output
    assert "Hope is catching." in result.stdout
    assert "Voluntary" not in result.stdout
    naps = cli("--guidelines", str(path), "export", "checklist", "--framework", "naps-2019")
    assert naps.exit_code == 0, naps.output
    assert [t for _, t in md_tasks(naps.stdout)] == ["I stay curious about what I do not know."]
    assert "Reflection checklist: Supervisor" in naps.stdout


def test_cli_unknown_role_or_value_is_a_plain_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_guidelines(tmp_path)
    bad_role = cli(
        "--guidelines", str(path), "export", "checklist", "--framework", "naps-2019",
        "--role", "peer-supporter",
    )
    assert bad_role.exit_code == 2
    assert "has no role 'peer-supporter'" in bad_role.stderr
    bad_value = cli("--guidelines", str(path), "export", "checklist", "--values", "99")
    assert bad_value.exit_code == 2
    assert "No value number 99" in bad_value.stderr
    assert "Traceback" not in bad_value.output
