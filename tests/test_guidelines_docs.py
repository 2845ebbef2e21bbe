"""docs/guidelines-format.md: its complete example passes the checks, and it documents the keys."""

from __future__ import annotations

import re
from pathlib import Path

from peersup_cli.guidelines.loader import MAX_BYTES, parse_guidelines

DOC = Path(__file__).resolve().parents[1] / "docs" / "guidelines-format.md"


def yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text("utf-8"), flags=re.DOTALL)


def test_the_complete_example_validates_with_a_context_item_and_a_glossary() -> None:
    [example] = [b for b in yaml_blocks() if b.lstrip().startswith("# Our agency")]
    fw = parse_guidelines(example, "example.yaml").frameworks[0]
    v = fw.values[0]
    assert v.context == {"peer-supporter": (2,)}
    assert [i.number for i in v.practice_items("peer-supporter")] == [1, 3, 4]
    assert set(fw.glossary) == {"ACCS", "dual relationships"}
    assert [t for t, _ in fw.terms_in(v.guidelines["peer-supporter"][1])] == [
        "ACCS",
        "dual relationships",
    ]


def test_the_doc_states_the_limits_and_the_new_keys() -> None:
    text = DOC.read_text("utf-8")
    assert f"at most 2 MiB ({MAX_BYTES:,} bytes)" in text
    for needle in ("context: true", "glossary:", "practice_items(role)", "terms_in(text)",
                   "control character", "regular file"):
        assert needle in text, needle
