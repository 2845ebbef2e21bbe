"""Context items, glossaries and control characters in a guidelines file: the model they build,
the one-sentence problems a wrong one gets, and the cache's copy of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import line_of, problems, tiny_yaml
from builders import write_file as write
from peersup_cli.guidelines.cache import FORMAT, load_guidelines_cached
from peersup_cli.guidelines.glossary import terms_in
from peersup_cli.guidelines.loader import load_guidelines
from peersup_cli.guidelines.model import GuidelineItem, Value

PS_LIST = "          peer-supporter:\n            - A peer-supporter guideline for hopeful.\n"
GLOSSARY_AT = "    values:\n"


def with_ps_items(items: str, text: str | None = None) -> str:
    """The tiny file with the peer supporter items of value 2 (hopeful) replaced by ``items``."""
    text = text or tiny_yaml()
    assert PS_LIST in text
    return text.replace(PS_LIST, "          peer-supporter:\n" + items, 1)


def with_glossary(body: str, text: str | None = None) -> str:
    text = text or tiny_yaml()
    return text.replace(GLOSSARY_AT, "    glossary:\n" + body + GLOSSARY_AT, 1)


CONTEXT_ITEMS = """\
            - Peer supporters may find some situations hard.
            - text: "In these situations:"
              context: true
            - text: Peer supporters ask for support.
            - text: Peer supporters take a break when they need one.
              context: false
"""


def hopeful(file: Path) -> Value:
    value = load_guidelines(file).frameworks[0].value("hopeful")
    assert value is not None
    return value


# -- context items -------------------------------------------------------------------------------
def test_context_items_load_into_the_model(tmp_path: Path) -> None:
    v = hopeful(write(tmp_path, with_ps_items(CONTEXT_ITEMS)))
    # The text list callers already use is unchanged: every item, context ones too, in order.
    assert v.guidelines["peer-supporter"] == (
        "Peer supporters may find some situations hard.",
        "In these situations:",
        "Peer supporters ask for support.",
        "Peer supporters take a break when they need one.",
    )
    assert v.context == {"peer-supporter": (2,)}
    assert v.is_context("peer-supporter", 2)
    assert not v.is_context("peer-supporter", 1) and not v.is_context("supervisor", 2)
    assert [i.number for i in v.practice_items("peer-supporter")] == [1, 3, 4]
    assert v.items("peer-supporter")[1] == GuidelineItem(2, "In these situations:", True)
    assert v.practice_items("supervisor") == (
        GuidelineItem(1, "A supervisor guideline for hopeful.", False),
    )
    assert v.items("no-such-role") == () == v.practice_items("no-such-role")


def test_plain_files_have_no_context_and_no_glossary(tmp_path: Path) -> None:
    fw = load_guidelines(write(tmp_path, tiny_yaml())).frameworks[0]
    assert fw.glossary == {} and fw.terms_in("ACCS and anything else") == []
    for v in fw.values:
        assert v.context == {}
        assert [i.text for i in v.practice_items("supervisor")] == list(v.guidelines["supervisor"])


CONTEXT_PROBLEMS = [
    (
        "context-as-text",
        '            - text: Peer supporters ask.\n              context: "yes please"\n',
        "context:",
        "frameworks[0].values[1].guidelines.peer-supporter[0].context: expected true or false, "
        "got text",
    ),
    (
        "context-as-number",
        "            - text: Peer supporters ask.\n              context: 3\n",
        "context:",
        "frameworks[0].values[1].guidelines.peer-supporter[0].context: expected true or false, "
        "got the number 3",
    ),
    (
        "misspelt-key",
        "            - text: Peer supporters ask.\n              contxt: true\n",
        "contxt:",
        "frameworks[0].values[1].guidelines.peer-supporter[0].contxt: unknown key "
        "(expected one of: text, context)",
    ),
    (
        "no-text",
        "            - context: true\n            - Peer supporters ask.\n",
        "- context: true",
        "frameworks[0].values[1].guidelines.peer-supporter[0].text: missing",
    ),
    (
        "empty-text",
        '            - text: ""\n              context: true\n            - Peer supporters ask.\n',
        'text: ""',
        "frameworks[0].values[1].guidelines.peer-supporter[0].text: must not be empty",
    ),
    (
        "all-context",
        "            - text: Some background.\n              context: true\n",
        "          peer-supporter:\n            - text: Some",
        "frameworks[0].values[1].guidelines.peer-supporter: every item is marked context: "
        "leave at least one item as a practice",
    ),
    (
        "item-as-list",
        "            - [one, two]\n",
        "[one, two]",
        "frameworks[0].values[1].guidelines.peer-supporter[0]: expected text, got a list",
    ),
]


@pytest.mark.parametrize(
    ("items", "snippet", "message"),
    [pytest.param(i, s, m, id=n) for n, i, s, m in CONTEXT_PROBLEMS],
)
def test_bad_context_items_get_one_sentence_each(
    tmp_path: Path, items: str, snippet: str, message: str
) -> None:
    text = with_ps_items(items)
    file = write(tmp_path, text)
    line = line_of(text, snippet) + (1 if snippet.startswith("          peer-supporter") else 0)
    found = problems(file)
    assert found == [f"{file}:{line}: {message}"]


def test_prompts_cannot_be_marked_context(tmp_path: Path) -> None:
    text = tiny_yaml().replace(
        "            - When did you practise hopeful as supervisor?",
        "            - text: When did you practise hopeful as supervisor?\n"
        "              context: true",
    )
    file = write(tmp_path, text)
    line = line_of(text, "- text: When did you practise hopeful")
    assert problems(file) == [
        f"{file}:{line}: frameworks[0].values[1].prompts.supervisor[0]: "
        "expected text, got a mapping"
    ]


# -- glossary ------------------------------------------------------------------------------------
GLOSSARY = """\
      ACCS: Adult Community Clinical Services, a Massachusetts service.
      PS: A peer supporter.
      peer drift: When the peer role slowly becomes a clinical one.
"""


def test_glossary_loads_and_finds_terms(tmp_path: Path) -> None:
    fw = load_guidelines(write(tmp_path, with_glossary(GLOSSARY))).frameworks[0]
    assert fw.glossary == {
        "ACCS": "Adult Community Clinical Services, a Massachusetts service.",
        "PS": "A peer supporter.",
        "peer drift": "When the peer role slowly becomes a clinical one.",
    }
    assert fw.terms_in("Peer drift worries the PS\u2019 supervisor in ACCS.") == [
        ("peer drift", "When the peer role slowly becomes a clinical one."),
        ("PS", "A peer supporter."),
        ("ACCS", "Adult Community Clinical Services, a Massachusetts service."),
    ]


GLOSSARY_PROBLEMS = [
    ("as-a-list", "      - ACCS\n", "- ACCS", "glossary: expected a mapping of term: meaning, "
     "got a list"),
    ("empty-meaning", '      ACCS: ""\n', 'ACCS: ""', "glossary.ACCS: must not be empty"),
    ("no-meaning", "      ACCS:\n", "ACCS:", "glossary.ACCS: expected text, got nothing"),
    ("number-meaning", "      ACCS: 12\n", "ACCS: 12",
     "glossary.ACCS: expected text, got the number 12 (put it in quotes to make it text)"),
    ("empty-term", '      "": Nothing at all.\n', '"": Nothing',
     "glossary: a glossary term must not be empty"),
    ("number-term", "      12: A number.\n", "12: A number",
     "glossary: a glossary term must be text, got the number 12"),
    ("punctuation-term", '      "--": Two hyphens.\n', '"--"',
     "glossary.--: a glossary term must have at least one letter or digit"),
    ("spaced-term", '      "peer  drift": Drift.\n', '"peer  drift"',
     "glossary.peer drift: a glossary term must be on one line, without extra spaces"),
    ("duplicate", "      ACCS: One.\n      ACCS: Two.\n", "ACCS: Two",
     "glossary.ACCS: this term is already in the glossary"),
    ("control-in-meaning", '      ACCS: "Adult \\e[31mCommunity"\n', "ACCS:",
     "glossary.ACCS: holds a control character (U+001B); remove it"),
    ("control-in-term", '      "AC\\x9bCS": A term.\n', '"AC',
     "glossary.AC?CS: holds a control character (U+009B); remove it"),
]


@pytest.mark.parametrize(
    ("body", "snippet", "message"),
    [pytest.param(b, s, m, id=n) for n, b, s, m in GLOSSARY_PROBLEMS],
)
def test_bad_glossary_gets_one_sentence_each(
    tmp_path: Path, body: str, snippet: str, message: str
) -> None:
    text = with_glossary(body)
    file = write(tmp_path, text)
    found = problems(file)
    line = line_of(text, snippet)
    assert f"{file}:{line}: frameworks[0].{message}" in found, found
    assert len(found) == 1 and "\n" not in found[0]


# -- terms_in ------------------------------------------------------------------------------------
MEANINGS = {
    "ACCS": "a",
    "PS": "b",
    "CPS": "c",
    "CARC": "d",
    "MH": "e",
    "DMH": "f",
    "peer drift": "g",
    "peer role drift": "h",
    "N.A.P.S.": "i",
}


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("the CPS/CARC Code of Ethics", ["CPS", "CARC"]),
        ("the PS\u2019 preference", ["PS"]),
        ("between the supervisor and PS effects", ["PS"]),
        ("PSA, CPSs, Ps, ps and pS are not the acronym", []),
        ("allies in MH service leadership and the DMH workforce", ["MH", "DMH"]),
        ("the DMH workforce", ["DMH"]),
        ("to avoid “peer drift”, co-optation", ["peer drift"]),
        ("Peer Drift at the start", ["peer drift"]),
        ("peer\n   drift across a line break", ["peer drift"]),
        ("when peer role drift has occurred", ["peer role drift"]),
        ("peerdrift and peer drifting", []),
        ("National Association of Peer Supporters (N.A.P.S.)", ["N.A.P.S."]),
        ("ACCS2, xACCS and ACCSs", []),
        ("the é-ACCS or ACCS-é", ["ACCS"]),
        ("ACCS, then PS, then ACCS again", ["ACCS", "PS"]),
        ("", []),
    ],
)
def test_terms_in(text: str, terms: list[str]) -> None:
    assert terms_in(MEANINGS, text) == [(t, MEANINGS[t]) for t in terms]


def test_terms_in_orders_by_first_use_longest_first_at_one_place() -> None:
    glossary = {"role drift": "x", "peer role drift": "y", "ACCS": "z"}
    assert [t for t, _ in terms_in(glossary, "ACCS peer role drift")] == [
        "ACCS",
        "peer role drift",
        "role drift",
    ]


# -- control characters in any text field --------------------------------------------------------
@pytest.mark.parametrize(
    ("escape", "code"),
    [("\\e", "U+001B"), ("\\x07", "U+0007"), ("\\r", "U+000D"), ("\\x9b", "U+009B"),
     ("\\x7f", "U+007F"), ("\\0", "U+0000")],
)
def test_escaped_control_characters_are_problems(tmp_path: Path, escape: str, code: str) -> None:
    text = tiny_yaml().replace("practice: Share Hope", f'practice: "Share{escape} Hope"')
    file = write(tmp_path, text)
    line = line_of(text, "practice: \"Share")
    assert problems(file) == [
        f"{file}:{line}: frameworks[0].values[1].practice: holds a control character ({code}); "
        "remove it"
    ]


def test_control_character_in_an_item_mapping_and_a_source(tmp_path: Path) -> None:
    text = with_ps_items('            - text: "Ask\\x1b[8m hidden"\n              context: false\n')
    text = text.replace("organisation: The test organisation", 'organisation: "Org\\x85"')
    file = write(tmp_path, text)
    found = problems(file)
    org, item = line_of(text, "organisation:"), line_of(text, 'text: "Ask')
    assert found == [
        f"{file}:{org}: frameworks[0].source.organisation: holds a control character (U+0085); "
        "remove it",
        f"{file}:{item}: frameworks[0].values[1].guidelines.peer-supporter[0].text: holds a "
        "control character (U+001B); remove it",
    ]


def test_tabs_and_line_breaks_are_fine(tmp_path: Path) -> None:
    text = tiny_yaml().replace(
        "description: What hopeful means to us.",
        'description: "What hopeful\\tmeans.\\n\\nA second paragraph."',
    )
    v = hopeful(write(tmp_path, text))
    assert v.description == "What hopeful\tmeans.\n\nA second paragraph."


# -- the cache keeps both --------------------------------------------------------------------------
def test_cache_round_trips_context_and_glossary(
    tmp_path: Path, pinned_paths: dict[str, Path]
) -> None:
    file = write(tmp_path, with_glossary(GLOSSARY, with_ps_items(CONTEXT_ITEMS)))
    first = load_guidelines_cached(file)
    [cache] = sorted(pinned_paths["cache"].glob("guidelines-*.json"))
    body = json.loads(cache.read_text("utf-8"))
    assert body["key"].startswith(f"{FORMAT}|") and FORMAT >= 2
    stored = body["guidelines"]["frameworks"][0]
    assert stored["glossary"]["PS"] == "A peer supporter."
    assert stored["values"][1]["context"] == {"peer-supporter": [2]}
    second = load_guidelines_cached(file)  # from the JSON copy this time
    assert second == first == load_guidelines(file)
    v = second.frameworks[0].value("hopeful")
    assert v is not None and v.context == {"peer-supporter": (2,)}
    assert v.is_context("peer-supporter", 2)
    assert second.frameworks[0].terms_in("the PS") == [("PS", "A peer supporter.")]
