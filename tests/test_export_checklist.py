"""The checklist document and its Markdown; also the small guidelines and journals the other
export tests share (``from test_export_checklist import ...``)."""

# ruff: noqa: RUF001  (curly quotes and dashes are what these tests are about)

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from peersup_cli.errors import UsageError
from peersup_cli.export.checklist import build_checklist, resolve_roles
from peersup_cli.export.markdown import render_markdown
from peersup_cli.guidelines.loader import load_guidelines, parse_guidelines
from peersup_cli.guidelines.model import Framework, Guidelines
from peersup_cli.journal import format as journal_format
from peersup_cli.journal.model import Agenda, GuidelineItem, Journal, ValueReflection

REPO = Path(__file__).resolve().parents[1]
REAL_GUIDELINES = REPO / "data" / "guidelines.yaml"

# Curly quotes, dashes and accents on purpose: every format must carry them through.
GUIDELINES_YAML = """\
schema_version: 1
frameworks:
  - id: ma-accs-2022
    title: "Core values – a “small” test framework"
    source:
      title: Core values for testing
      organisation: Test Organisation
      year: 2022
      url: https://example.org/values
      licence: CC BY 4.0
    roles:
      - {id: peer-supporter, label: Peer supporter}
      - {id: supervisor, label: Supervisor}
    values:
      - id: voluntary
        number: 1
        title: Voluntary
        practice: Support Choice
        description: |
          Recovery is a choice – a person’s “own” path. Café, naïve, résumé.

          A second paragraph, long enough to wrap across lines in every renderer that wraps text.
        guidelines:
          peer-supporter:
            - I support people’s choices — even when I would choose differently.
            - >-
              I ask before I share my own story, and I accept “no” as an answer; this item is long
              enough to wrap onto a second line of the printed page.
          supervisor:
            - I let supervisees set the agenda.
        prompts:
          peer-supporter:
            - When did you last check someone’s choice?
            - What helps you step back?
          supervisor:
            - How do you invite the agenda?
      - id: hopeful
        number: 2
        title: Hopeful
        practice: Share Hope
        description: Hope is catching.
        guidelines:
          peer-supporter:
            - I share stories of recovery.
            - ITEM_A
            - ITEM_B
          supervisor:
            - I notice progress, however small.
        prompts:
          peer-supporter:
            - Where did you see hope this week?
          supervisor:
            - What gave your supervisee hope?
  - id: naps-2019
    title: National Practice Guidelines
    source:
      title: National Practice Guidelines
      organisation: Test Association
      year: 2019
      url: https://example.org/naps
      licence: All rights reserved
    roles:
      - {id: supervisor, label: Supervisor}
    values:
      - id: open-minded
        number: 1
        title: Open Minded
        practice: Withhold Judgment
        description: ""
        guidelines:
          supervisor:
            - I stay curious about what I do not know.
        prompts:
          supervisor:
            - What surprised you this week?
"""
PLAIN_ITEMS = ("I stay humble.", "I keep learning.")
EVIL_ITEMS = ("<script>alert(1)</script>", "<b>bold</b> & more")


def guidelines_text(evil: bool = False) -> str:
    a, b = EVIL_ITEMS if evil else PLAIN_ITEMS
    return GUIDELINES_YAML.replace("ITEM_A", f'"{a}"').replace("ITEM_B", f'"{b}"')


def write_guidelines(tmp_path: Path, evil: bool = False) -> Path:
    path = tmp_path / ("evil.yaml" if evil else "guidelines.yaml")
    path.write_text(guidelines_text(evil), encoding="utf-8")
    return path


def small_guidelines(evil: bool = False) -> Guidelines:
    return parse_guidelines(guidelines_text(evil), "test.yaml")


def small_framework(evil: bool = False) -> Framework:
    fw = small_guidelines(evil).framework("ma-accs-2022")
    assert fw is not None
    return fw


def real_guidelines() -> Guidelines:
    if not REAL_GUIDELINES.is_file():
        pytest.skip("data/guidelines.yaml is not there yet")
    return load_guidelines(REAL_GUIDELINES)


def items_of(fw: Framework, role: str) -> list[str]:
    return [" ".join(t.split()) for v in fw.values for t in v.guidelines.get(role, ())]


FIRST_ITEM = "I support people’s choices — even when I would choose differently."
# Answers hold markup, a blank line and a carriage return: all must come through as text.
ANSWER = "I asked first, then listened.\n\n<script>alert(2)</script> stayed text\rtoo"


def sample_journal(prep: bool = False) -> Journal:
    reflection = ValueReflection(
        value_id="voluntary",
        number=1,
        title="Voluntary",
        practice="Support Choice",
        items=[
            GuidelineItem(1, FIRST_ITEM, True),
            GuidelineItem(2, "I ask before I share my own story.", False),
        ],
        rating=3,
        rating_label="Steady",
        prompts=["When did you last check someone’s choice?", "What helps you step back?"],
        answers=[ANSWER, None],
    )
    return Journal(
        date=datetime(2026, 11, 22, 9, 30, tzinfo=UTC),
        role="supervisor" if prep else "peer-supporter",
        framework="ma-accs-2022",
        reflections=[reflection],
        peersup_version="0.1.0",
        supervisee="Sam" if prep else None,
        framework_title="Core values – a “small” test framework",
        role_label="Supervisor" if prep else "Peer supporter",
        action_plan="Ask before sharing, every time.\nNotice when I rush.",
        support="Time to talk about <b>boundaries</b>.",
        agenda=Agenda(
            carried=["Plan the group session"],
            done=["Read the guidelines"],
            topics=["Workload"],
            questions=["How do I say no?"],
        )
        if prep
        else None,
    )


def write_journal(tmp_path: Path, journal: Journal, name: str = "journal.md") -> Path:
    path = tmp_path / name
    # newline="": the carriage return inside the answer must reach the file as it is.
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(journal_format.render(journal))
    return path


TASK = re.compile(r"^- \[([ x])\] (.*)$")


def md_tasks(text: str) -> list[tuple[bool, str]]:
    """Every GitHub task list item: (ticked, text without markdown escapes)."""
    out = []
    for line in text.splitlines():
        if m := TASK.match(line):
            out.append((m.group(1) == "x", html.unescape(re.sub(r"\\(.)", r"\1", m.group(2)))))
    return out


# -- the document ------------------------------------------------------------------------------
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
