"""`peersup frameworks --diff A B` and the diff logic behind it."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from peersup_cli.guidelines.diff import diff_frameworks, split_spec
from peersup_cli.guidelines.loader import load_guidelines, packaged_path

NEW_ITEM = "Ask the peer supporter what choice looks like in their own work this month."


def flat(text: str) -> str:
    return " ".join(text.split())


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.exit_code, result.output)
    return str(result.stdout)


# -- the two packaged frameworks ---------------------------------------------------------------
def test_packaged_diff_data() -> None:
    g = load_guidelines()
    ma, naps = g.framework("ma-accs-2022"), g.framework("naps-2019")
    assert ma and naps
    d = diff_frameworks(ma, naps)
    assert [v.id for v in d.values_added] == ["open-minded"]
    assert d.values_added[0].practice == "Withhold Judgment About Others"
    assert d.values_removed == ()
    assert d.roles_removed == ("peer-supporter",) and d.roles_added == ()
    assert d.shared_roles == ("supervisor",)
    changed = {v.id: v for v in d.values_changed}
    # A real rewording of a practice phrase ...
    honest = changed["honest-and-direct"]
    assert honest.practice is not None
    assert honest.practice.old == "Address Difficult Issues with Caring and Compassion"
    assert honest.practice.new == "Address Difficult Situations with Caring and Compassion"
    assert not honest.practice.case_only
    assert changed["mutual"].practice is not None
    assert changed["mutual"].practice.new == "Encourage Peers to Give and Receive"
    # ... is told apart from capitals only.
    strengths = changed["strengths-focused"].practice
    assert strengths is not None and strengths.case_only
    # Unchanged practice phrases are not reported.
    assert changed["hopeful"].practice is None and changed["hopeful"].title is None
    # open-minded is number 3 in NAPS, so empathic moves from 3 to 4.
    assert changed["empathic"].number == (3, 4)
    # Items are whole texts: this MA supervisor item is not in NAPS, this NAPS one not in MA.
    [items] = changed["hopeful"].items
    assert items.role == "supervisor"
    assert (
        "Promote a culture of high expectations for the people that the ACCS team serves."
        in items.removed
    )
    assert (
        "Demonstrate confidence in peer specialists' ability to share a hopeful message."
        in items.added
    )
    # Seen the other way round, the same value was removed.
    back = diff_frameworks(naps, ma)
    assert [v.id for v in back.values_removed] == ["open-minded"] and back.values_added == ()
    assert back.roles_added == ("peer-supporter",)


def test_packaged_diff_text(cli: Any) -> None:
    out = ok(cli("frameworks", "--diff", "ma-accs-2022", "naps-2019"))
    assert out.startswith("What naps-2019 changed from ma-accs-2022\n")
    assert "Values: 1 added, 0 removed, 11 changed, 0 unchanged." in out
    added = out.split("Values added (only in naps-2019)\n")[1].split("\n\n")[0]
    assert "+ 3. open-minded: Peer Supporters Open Minded" in added
    assert "Roles removed: peer-supporter" in out
    text = flat(out)
    assert (
        'Practice: "Address Difficult Issues with Caring and Compassion" -> '
        '"Address Difficult Situations with Caring and Compassion"'
    ) in text
    assert (
        "Practice: \"See what's Strong, Not What's Wrong\" -> \"See What's Strong, Not What's "
        'Wrong" (capitalisation only)'
    ) in text
    assert "empathic (number 3 -> 4)" in out


def test_packaged_diff_json(cli: Any) -> None:
    data = json.loads(ok(cli("frameworks", "--diff", "naps-2019", "ma-accs-2022", "--json")))
    assert data["from"] == "naps-2019" and data["to"] == "ma-accs-2022"
    assert data["identical"] is False
    assert [v["id"] for v in data["values"]["removed"]] == ["open-minded"]
    assert data["values"]["added"] == []
    assert data["roles"] == {"added": ["peer-supporter"], "removed": [], "compared": ["supervisor"]}
    honest = next(v for v in data["values"]["changed"] if v["id"] == "honest-and-direct")
    assert honest["practice"] == {
        "from": "Address Difficult Situations with Caring and Compassion",
        "to": "Address Difficult Issues with Caring and Compassion",
        "capitalisation_only": False,
    }
    assert honest["number"] == {"from": 7, "to": 6}
    assert honest["items"][0]["role"] == "supervisor"


def test_same_framework_has_no_differences(cli: Any) -> None:
    out = ok(cli("frameworks", "--diff", "ma-accs-2022", "ma-accs-2022"))
    assert "No differences" in out


# -- an adapted file ----------------------------------------------------------------------------
@pytest.fixture
def adapted(tmp_path: Path) -> Path:
    """The packaged file plus an adapted copy of ma-accs-2022: one title renamed, one value
    dropped, one supervisor item added."""
    doc = yaml.safe_load(packaged_path().read_text("utf-8"))
    ours = copy.deepcopy(doc["frameworks"][0])
    assert ours["id"] == "ma-accs-2022"
    ours["id"] = "our-org-2025"
    ours["title"] = "Our organisation's supervision guidelines"
    ours["values"] = [v for v in ours["values"] if v["id"] != "transparent"]
    hopeful = next(v for v in ours["values"] if v["id"] == "hopeful")
    hopeful["title"] = "We Are Hopeful"
    voluntary = next(v for v in ours["values"] if v["id"] == "voluntary")
    voluntary["guidelines"]["supervisor"].append(NEW_ITEM)
    doc["frameworks"].append(ours)
    file = tmp_path / "adapted.yaml"
    file.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return file


def test_adapted_file_diff_text(cli: Any, adapted: Path) -> None:
    out = ok(cli("frameworks", "--diff", "ma-accs-2022", f"{adapted}:our-org-2025"))
    assert out.startswith(f"What {adapted}:our-org-2025 changed from ma-accs-2022\n")
    assert "Values: 0 added, 1 removed, 2 changed, 8 unchanged." in out
    text = flat(out)
    assert (
        "Values removed (only in ma-accs-2022) - 10. transparent: Peer Support is Transparent"
        in text
    )
    assert 'Title: "Peer Supporters Are Hopeful" -> "We Are Hopeful"' in text
    assert f"supervisor items added: 1 + {NEW_ITEM}" in text
    assert "items removed" not in out
    assert "Roles added" not in out and "Roles removed" not in out
    assert "Unchanged: empathic, respectful," in text


def test_adapted_file_diff_json_both_sides_from_the_file(cli: Any, adapted: Path) -> None:
    data = json.loads(
        ok(
            cli(
                "frameworks",
                "--diff",
                f"{adapted}:ma-accs-2022",
                f"{adapted}:our-org-2025",
                "--json",
            )
        )
    )
    assert data["values"]["added"] == []
    assert [v["id"] for v in data["values"]["removed"]] == ["transparent"]
    changed = {v["id"]: v for v in data["values"]["changed"]}
    assert set(changed) == {"hopeful", "voluntary"}
    assert changed["hopeful"]["title"]["to"] == "We Are Hopeful"
    assert changed["voluntary"]["items"] == [
        {"role": "supervisor", "added": [NEW_ITEM], "removed": []}
    ]
    assert data["roles"]["compared"] == ["peer-supporter", "supervisor"]
    assert len(data["values"]["unchanged"]) == 8


def test_diff_with_guidelines_option(cli: Any, adapted: Path) -> None:
    # Plain ids resolve in the --guidelines file; FILE:ID always names its own file.
    out = ok(
        cli(
            "--guidelines",
            str(adapted),
            "frameworks",
            "--diff",
            "our-org-2025",
            f"{packaged_path()}:ma-accs-2022",
        )
    )
    assert "Values: 1 added, 0 removed, 2 changed, 8 unchanged." in out
    assert "+ 10. transparent" in out


# -- bad specs ---------------------------------------------------------------------------------
def test_split_spec() -> None:
    assert split_spec("naps-2019") == (None, "naps-2019")
    assert split_spec("ours.yaml:our-org") == ("ours.yaml", "our-org")
    assert split_spec(r"C:\guides\ours.yaml:our-org") == (r"C:\guides\ours.yaml", "our-org")
    assert split_spec("ours.yaml:") == ("ours.yaml", "")


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        ("ma-accs-2022", "nope", "No framework called 'nope'. Available: ma-accs-2022, naps-2019."),
        (
            "ma-accs-2022",
            "{adapted}:nope",
            "No framework called 'nope' in {adapted}. Available: ma-accs-2022, naps-2019, "
            "our-org-2025.",
        ),
        ("ma-accs-2022", "{adapted}:", "name a framework after the colon"),
        ("{tmp}/missing.yaml:x", "ma-accs-2022", "{tmp}/missing.yaml: no such file"),
    ],
)
def test_bad_diff_specs(
    cli: Any, adapted: Path, tmp_path: Path, a: str, b: str, message: str
) -> None:
    fill = {"adapted": str(adapted), "tmp": str(tmp_path)}
    result = cli("frameworks", "--diff", a.format(**fill), b.format(**fill))
    assert result.exit_code == 2, result.output
    assert message.format(**fill) in result.stderr
    assert result.stdout == ""


def test_diff_needs_two_names(cli: Any) -> None:
    result = cli("frameworks", "--diff", "ma-accs-2022")
    assert result.exit_code == 2
    assert "--diff" in result.output
