"""data/guidelines.yaml: the shape of both frameworks, and faithfulness to the source documents.

The faithfulness checks compare every guideline item (and each description paragraph, title and
practice phrase) with the seed texts the file was built from. They run when the seeds are present
next to the checkout (``/work/shared/seeds`` for a checkout at ``/work/main``) and are skipped
otherwise; the shape checks always run.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "guidelines.yaml"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_FILES = {
    "ma-accs-2022": "003_14c37468dc8f52bb.txt",
    "naps-2019": "000_7d96e750ba69f2d1.txt",
}

PS, SUP = "peer-supporter", "supervisor"

MA_IDS = [
    "voluntary",
    "hopeful",
    "empathic",
    "respectful",
    "facilitate-change",
    "honest-and-direct",
    "mutual",
    "equally-shared-power",
    "strengths-focused",
    "transparent",
    "person-driven",
]
NAPS_IDS = [
    "voluntary",
    "hopeful",
    "open-minded",
    "empathic",
    "respectful",
    "facilitate-change",
    "honest-and-direct",
    "mutual",
    "equally-shared-power",
    "strengths-focused",
    "transparent",
    "person-driven",
]

# Items per value and role, counted by hand in the seeds (page-break fragments joined, nested
# sub-bullets and explanatory paragraphs counted as items of their own).
COUNTS: dict[str, dict[str, dict[str, int]]] = {
    "ma-accs-2022": {
        "voluntary": {PS: 5, SUP: 7},
        "hopeful": {PS: 4, SUP: 4},
        "empathic": {PS: 3, SUP: 3},
        "respectful": {PS: 5, SUP: 9},
        "facilitate-change": {PS: 4, SUP: 7},
        "honest-and-direct": {PS: 4, SUP: 6},
        "mutual": {PS: 3, SUP: 4},
        "equally-shared-power": {PS: 3, SUP: 10},
        "strengths-focused": {PS: 5, SUP: 8},
        "transparent": {PS: 6, SUP: 7},
        "person-driven": {PS: 7, SUP: 5},
    },
    "naps-2019": {
        "voluntary": {SUP: 3},
        "hopeful": {SUP: 3},
        "open-minded": {SUP: 3},
        "empathic": {SUP: 2},
        "respectful": {SUP: 4},
        "facilitate-change": {SUP: 4},
        "honest-and-direct": {SUP: 3},
        "mutual": {SUP: 3},
        "equally-shared-power": {SUP: 4},
        "strengths-focused": {SUP: 3},
        "transparent": {SUP: 5},
        "person-driven": {SUP: 4},
    },
}

# Items split by a page break in the MA seed and joined back: (value, role, index) -> how the
# second fragment begins. Every other item must occur in its seed in one unbroken piece.
JOINS: dict[tuple[str, str, int], str] = {
    ("voluntary", PS, 3): "work with the individual;",
    ("voluntary", SUP, 3): "effective strategies to respond",
    ("respectful", PS, 4): "maintaining the integrity of their own",
    ("honest-and-direct", PS, 1): "providers around the scope",
    ("mutual", PS, 1): "ACCS and agency staff",
    ("mutual", SUP, 1): "present at all program",
    ("equally-shared-power", SUP, 3): "related to dual relationships",
    ("strengths-focused", SUP, 4): "supervisory tools, and other measures",
    ("transparent", SUP, 3): "the frequency and duration",
    ("person-driven", PS, 3): "stories to also self-advocate",
    ("person-driven", SUP, 3): "beyond the supervisor",
}

# (framework, value, role) -> (first item, last item), ASCII-only ones chosen.
KNOWN_ENDS = {
    ("ma-accs-2022", "voluntary", PS): (
        "Peer supporters do not force or coerce others to participate in peer support services "
        "or any other service.",
        "Peer supporters advocate for choice when they observe coercion in any mental health or "
        "substance use service setting.",
    ),
    ("ma-accs-2022", "voluntary", SUP): (
        "Encourage peer supporters in promoting individuals' choices including the choice to "
        "participate in ACCS.",
        "Advocate on behalf of the peer supporter with other leadership entities if a peer "
        "supporter meets resistance in advocating for change or to support them in their need to "
        "maintain autonomy over their personal lived experience and how they share this "
        "experience with others.",
    ),
    ("ma-accs-2022", "respectful", SUP): (
        "Strengthen the peer supporter's core role of supporting the individual as a person, "
        'rather than "working with a case":',
        "Coach the peer supporters, as well as the other team members, in ways to act as agents "
        "of change in working to shift these perspectives.",
    ),
    ("ma-accs-2022", "strengths-focused", PS): (
        "Peer supporters walk alongside a person as they explore and identify their strengths and "
        "how to utilize them to make desired changes.",
        "Peer supporters don't fix or do for others what they can do for themselves.",
    ),
    ("ma-accs-2022", "person-driven", SUP): (
        "Provide an environment where peer supporters are empowered to move beyond comfort zones "
        "and learn from their mistakes.",
        "Instead of problem-solving for them, use intentional, open-ended questions and empower "
        "peer supporters to develop creative solutions to the problem at hand in order to "
        "undertake their own journey and learn from their own experiences on the job.",
    ),
    ("naps-2019", "voluntary", SUP): (
        "Encourage peer support specialists in promoting individuals' choices including becoming "
        "more knowledgeable about trauma-informed approaches that reduce or eliminate force and "
        "coercion to create a safer environment for all.",
        "Provide guidance to peer support specialists when they are advocating for choice or "
        "speaking up when coercion occurs, especially when it is subtle or systemic.",
    ),
    ("naps-2019", "person-driven", SUP): (
        "Provide an environment where peer support specialists are empowered to move beyond "
        "comfort zones and learn from their mistakes.",
        "Recognize when the issues a peer support specialist brings up in supervision are beyond "
        "the supervisor's role; and suggest constructive ways to obtain help for these issues.",
    ),
}

YES_NO_OPENINGS = (
    "do",
    "did",
    "does",
    "are",
    "is",
    "was",
    "were",
    "have",
    "has",
    "had",
    "can",
    "could",
    "will",
    "would",
    "should",
    "shall",
    "may",
    "might",
)


# -- helpers ------------------------------------------------------------------------------------
@cache
def data() -> dict[str, Any]:
    with DATA.open(encoding="utf-8") as fh:
        loaded = yaml.safe_load(fh)
    assert isinstance(loaded, dict)
    return loaded


def frameworks() -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in data()["frameworks"]}


def texts(items: list[Any]) -> list[str]:
    """The texts of a role's items: an item is text, or ``{text: ..., context: true}``."""
    return [item if isinstance(item, str) else item["text"] for item in items]


def normalise(text: str) -> str:
    """Strip HTML tags, bullet characters and markdown emphasis; collapse all whitespace."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub("[\u2022\u25cb\u25aa\u25e6]", " ", text)
    text = text.replace("*", "")
    return " ".join(text.split())


@cache
def seed(framework_id: str) -> str:
    path = SEEDS / SEED_FILES[framework_id]
    if not path.is_file():
        pytest.skip(f"seed text not available at {path}")
    return " " + normalise(path.read_text(encoding="utf-8")) + " "


def pieces_in(text: str, haystack: str) -> list[str]:
    """Split ``text`` into the fewest runs of whole words that each occur in ``haystack``.

    Greedy longest-prefix matching is optimal here (any part of an occurring run occurs too).
    A word that occurs nowhere raises AssertionError naming it.
    """
    words = normalise(text).split(" ")
    out: list[str] = []
    start = 0
    while start < len(words):
        end = len(words)
        while end > start and f" {' '.join(words[start:end])} " not in haystack:
            end -= 1
        assert end > start, f"{words[start]!r} (word {start + 1}) not found in the seed: {text!r}"
        out.append(" ".join(words[start:end]))
        start = end
    return out


# -- (a) shape ----------------------------------------------------------------------------------
def test_file_loads_and_has_both_frameworks() -> None:
    assert data()["schema_version"] == 1
    assert [f["id"] for f in data()["frameworks"]] == ["ma-accs-2022", "naps-2019"]


def test_no_yaml_aliases_or_anchors() -> None:
    events = yaml.parse(DATA.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    for event in events:
        assert not isinstance(event, yaml.AliasEvent)
        assert getattr(event, "anchor", None) is None


@pytest.mark.parametrize(
    ("framework_id", "ids", "roles"),
    [("ma-accs-2022", MA_IDS, [PS, SUP]), ("naps-2019", NAPS_IDS, [SUP])],
)
def test_values_roles_and_prompts(framework_id: str, ids: list[str], roles: list[str]) -> None:
    fw = frameworks()[framework_id]
    assert [r["id"] for r in fw["roles"]] == roles
    values = fw["values"]
    assert [v["id"] for v in values] == ids
    assert [v["number"] for v in values] == list(range(1, len(ids) + 1))
    for v in values:
        assert set(v) == {
            "id",
            "number",
            "title",
            "practice",
            "description",
            "guidelines",
            "prompts",
        }
        assert list(v["guidelines"]) == roles, v["id"]
        assert list(v["prompts"]) == roles, v["id"]
        for role in roles:
            assert len(v["prompts"][role]) == 3, (v["id"], role)
            for item in v["guidelines"][role]:
                # Plain text, or the mapping form, used only to mark context (never for nothing).
                assert isinstance(item, str) or set(item) == {"text", "context"}, item
                assert isinstance(item, str) or item["context"] is True, item
            assert all(isinstance(t, str) and t.strip() for t in texts(v["guidelines"][role]))
        if framework_id == "naps-2019":
            assert v["description"] == ""
        else:
            assert v["description"].strip()


def test_rating_scale() -> None:
    for fw in frameworks().values():
        scale = fw["rating_scale"]
        assert [p["number"] for p in scale] == [1, 2, 3, 4]
        assert scale[0]["label"] == "Just starting"
        assert scale[-1]["label"] == "A strength I could help others with"
        assert all("\n" not in p["description"] and p["description"].strip() for p in scale)


def test_item_counts() -> None:
    for fid, expected in COUNTS.items():
        got = {
            v["id"]: {role: len(items) for role, items in v["guidelines"].items()}
            for v in frameworks()[fid]["values"]
        }
        assert got == expected, fid


def test_known_first_and_last_items() -> None:
    for (fid, vid, role), (first, last) in KNOWN_ENDS.items():
        value = next(v for v in frameworks()[fid]["values"] if v["id"] == vid)
        items = texts(value["guidelines"][role])
        assert items[0] == first, (fid, vid, role)
        assert items[-1] == last, (fid, vid, role)


def test_items_are_clean() -> None:
    for fw in frameworks().values():
        for v in fw["values"]:
            for role, items in v["guidelines"].items():
                for item in texts(items):
                    where = (fw["id"], v["id"], role, item[:40])
                    assert item == item.strip() and "  " not in item, where
                    assert not re.search(r"<[^>]+>|\*\*|[\u2022\u25cb]", item), where
                    assert not item.startswith(("-", "\u2022")), where


# -- (b) faithfulness ---------------------------------------------------------------------------
@pytest.mark.parametrize("framework_id", list(SEED_FILES))
def test_every_item_is_word_for_word_in_the_seed(framework_id: str) -> None:
    haystack = seed(framework_id)
    problems = []
    for v in frameworks()[framework_id]["values"]:
        for role, items in v["guidelines"].items():
            for i, item in enumerate(texts(items)):
                join = JOINS.get((v["id"], role, i)) if framework_id == "ma-accs-2022" else None
                pieces = pieces_in(item, haystack)
                if join is None and len(pieces) != 1:
                    problems.append((v["id"], role, i, pieces))
                # A joined item is two runs meeting at the join; once tags and whitespace are
                # normalised away a fragment may already sit next to its start (one run).
                if join is not None and not (
                    len(pieces) == 1 or (len(pieces) == 2 and pieces[1].startswith(join))
                ):
                    problems.append((v["id"], role, i, pieces))
    assert not problems


def test_every_join_is_used() -> None:
    ma = {v["id"]: v for v in frameworks()["ma-accs-2022"]["values"]}
    for (vid, role, i), start in JOINS.items():
        assert f" {start}" in texts(ma[vid]["guidelines"][role])[i], (vid, role, i)


def test_descriptions_titles_and_practices_are_from_the_seed() -> None:
    ma = seed("ma-accs-2022")
    for v in frameworks()["ma-accs-2022"]["values"]:
        assert f" # {v['title']} " in ma, v["id"]
        assert f" {v['practice']} " in ma, v["id"]
        for paragraph in v["description"].split("\n\n"):
            assert len(pieces_in(paragraph, ma)) == 1, (v["id"], paragraph[:60])
    naps = seed("naps-2019")
    for v in frameworks()["naps-2019"]["values"]:
        assert f"CORE VALUE: {v['title'].upper()} " in naps, v["id"]
        assert f"PRACTICE GUIDELINE: {v['practice'].upper()} " in naps, v["id"]


def test_seed_bullets_are_all_present() -> None:
    """Every whole bullet of the NAPS seed (one per line there) is an item, in order."""
    raw = SEEDS / SEED_FILES["naps-2019"]
    if not raw.is_file():
        pytest.skip(f"seed text not available at {raw}")
    bullets = [
        line[2:].strip()
        for line in raw.read_text(encoding="utf-8").splitlines()
        if line.startswith("- ")
    ]
    items = [t for v in frameworks()["naps-2019"]["values"] for t in texts(v["guidelines"][SUP])]
    assert items == bullets


# -- (c) prompts --------------------------------------------------------------------------------
def test_prompts_are_open_questions() -> None:
    for fw in frameworks().values():
        for v in fw["values"]:
            for role, prompts in v["prompts"].items():
                for p in prompts:
                    where = (fw["id"], v["id"], role, p)
                    first = re.split(r"\W", p.strip(), maxsplit=1)[0].lower()
                    assert first not in YES_NO_OPENINGS, where
                    assert p.rstrip().endswith("?"), where
                    assert p == p.strip() and "\n" not in p, where
                    assert len(re.findall(r"[.?!](?:\s|$)", p)) <= 2, where


# -- (d) context items ----------------------------------------------------------------------------
# (framework, value, role) -> {item number (from 1): how it begins}. Each sets the scene rather
# than names a practice, so it is shown but never offered for ticking or as room to grow.
CONTEXT_ITEMS: dict[tuple[str, str, str], dict[int, str]] = {
    ("ma-accs-2022", "voluntary", PS): {3: "Peer supporters, like all members of the ACCS Team,"},
    ("ma-accs-2022", "respectful", SUP): {1: "Strengthen the peer supporter's core role"},
    ("ma-accs-2022", "facilitate-change", SUP): {2: "It requires allies in MH service leadership"},
    ("ma-accs-2022", "equally-shared-power", SUP): {2: "Educating peer supporters may include"},
}


def test_context_items_are_exactly_the_ones_chosen() -> None:
    marked: dict[tuple[str, str, str], dict[int, str]] = {}
    for fid, fw in frameworks().items():
        for v in fw["values"]:
            for role, items in v["guidelines"].items():
                for n, item in enumerate(items, 1):
                    if isinstance(item, dict) and item["context"]:
                        marked.setdefault((fid, v["id"], role), {})[n] = item["text"]
    assert set(marked) == set(CONTEXT_ITEMS)
    for where, expected in CONTEXT_ITEMS.items():
        assert set(marked[where]) == set(expected), where
        for n, start in expected.items():
            assert marked[where][n].startswith(start), (where, n)


def test_the_model_agrees_and_leaves_practice_items_to_tick() -> None:
    from peersup_cli.guidelines.loader import load_guidelines

    g = load_guidelines(DATA)
    for fw in g.frameworks:
        raw = {v["id"]: v for v in frameworks()[fw.id]["values"]}
        for v in fw.values:
            for role in fw.role_ids:
                # Marking context changes no text: the model's items are the file's texts.
                assert list(v.guidelines[role]) == texts(raw[v.id]["guidelines"][role])
                expected = set(CONTEXT_ITEMS.get((fw.id, v.id, role), {}))
                assert set(v.context.get(role, ())) == expected, (fw.id, v.id, role)
                practice = v.practice_items(role)
                assert practice and all(not i.context for i in practice)
                assert {i.number for i in practice} | expected == set(
                    range(1, len(v.guidelines[role]) + 1)
                )
    ma = g.framework("ma-accs-2022")
    assert ma is not None
    respectful = ma.value("respectful")
    assert respectful is not None
    # The item ending with ":" introduces the two after it; those two stay practices.
    assert respectful.guidelines[SUP][0].endswith('"working with a case":')
    assert respectful.is_context(SUP, 1)
    assert not respectful.is_context(SUP, 2) and not respectful.is_context(SUP, 3)


# -- (e) glossary ---------------------------------------------------------------------------------
GLOSSARY_TERMS = {
    "ma-accs-2022": {
        "ACCS", "DMH", "GLE", "MH", "PS", "CPS", "CARC", "Recovery Coach", "Code of Ethics",
        "iSPARC", "peer drift", "peer role drift", "co-optation", "in but not of",
        "dual relationships", "trauma-informed", "cultural humility", "person-first", "1:1",
        "e.g.", "i.e.",
    },
    "naps-2019": {
        "N.A.P.S.", "peer drift", "co-optation", "dual relationships", "trauma-informed",
        "cultural humility", "person-first",
    },
}


def authors_text(fw: dict[str, Any]) -> str:
    """Everything in a framework that comes from its source document (not peersup's prompts)."""
    source = fw["source"]
    parts = [fw["title"], *(str(source.get(k) or "") for k in source)]
    for v in fw["values"]:
        parts += [v["title"], v["practice"], v["description"]]
        for items in v["guidelines"].values():
            parts += texts(items)
    return "\n".join(parts)


def test_glossary_terms() -> None:
    assert {fid: set(fw["glossary"]) for fid, fw in frameworks().items()} == GLOSSARY_TERMS


@pytest.mark.parametrize("framework_id", list(SEED_FILES))
def test_every_glossary_term_occurs_in_that_frameworks_text(framework_id: str) -> None:
    from peersup_cli.guidelines.glossary import terms_in

    fw = frameworks()[framework_id]
    found = {term for term, _ in terms_in(fw["glossary"], authors_text(fw))}
    assert found == set(fw["glossary"]), set(fw["glossary"]) - found


def test_glossary_meanings_are_one_plain_sentence() -> None:
    for fid, fw in frameworks().items():
        for term, meaning in fw["glossary"].items():
            where = (fid, term)
            assert isinstance(meaning, str) and meaning == meaning.strip(), where
            assert "\n" not in meaning and meaning[0].isupper() and meaning.endswith("."), where
            # One sentence: no full stop followed by a capital inside it ("e.g." is not one).
            assert not re.search(r"[a-z]{2}\. [A-Z]", meaning[:-1]), where
            assert len(meaning) <= 240, where


def test_glossary_meanings_agree_with_the_seeds() -> None:
    """Where a seed spells a term out, the glossary uses the seed's words."""
    ma, naps = seed("ma-accs-2022"), seed("naps-2019")
    glossary = frameworks()["ma-accs-2022"]["glossary"]
    assert " Adult Community Clinical Services (ACCS)" in ma
    assert glossary["ACCS"].startswith("Adult Community Clinical Services:")
    assert " the Massachusetts Department of Mental Health " in ma
    assert "Massachusetts Department of Mental Health" in glossary["DMH"]
    assert " CPS Code of Ethics " in ma and " Certified Peer Specialist Code of Ethics " in ma
    assert glossary["CPS"].startswith("Certified Peer Specialist:")
    assert " Implementation Science & Practice Advances Research Center " in ma
    assert glossary["iSPARC"].startswith("The Implementation Science & Practice Advances")
    # The seeds' own words for what peer drift and co-optation pull the role away from.
    assert " non-clinical nature of the peer support role " in ma
    assert " co-opted into a role of case management or service coordination" in ma
    assert "non-clinical nature" in glossary["peer drift"]
    assert "case management or service coordination" in glossary["co-optation"]
    assert "in but not of the system" in ma and " roles of a fixer, a helper, an expert" in ma
    assert "a fixer, a helper or an expert" in glossary["in but not of"]
    for fid in SEED_FILES:
        humility = frameworks()[fid]["glossary"]["cultural humility"]
        assert humility.startswith("A process of openness")
        assert f" {humility[2].lower()}{humility[3:-1]}" in f" {naps}", fid
    naps_glossary = frameworks()["naps-2019"]["glossary"]
    assert " endorse or enforce a particular form of treatment " in naps
    assert "endorse or enforce a form of treatment" in naps_glossary["peer drift"]
