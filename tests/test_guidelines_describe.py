"""The --json shapes of a framework and a value carry the context items and glossary terms."""

from __future__ import annotations

from peersup_cli.guidelines import describe
from peersup_cli.guidelines.loader import load_guidelines


def test_framework_dict_has_the_glossary() -> None:
    fw = load_guidelines().framework("ma-accs-2022")
    assert fw is not None
    data = describe.framework_dict(fw)
    assert data["glossary"]["GLE"].startswith("Group Living Environment")
    assert data["glossary"] == fw.glossary


def test_value_dict_names_context_items_and_the_terms_it_uses() -> None:
    fw = load_guidelines().framework("ma-accs-2022")
    assert fw is not None
    v = fw.value("facilitate-change")
    assert v is not None
    data = describe.value_dict(fw, v, fw.role_ids)
    assert data["context_items"] == {"peer-supporter": [], "supervisor": [2]}
    assert data["guidelines"]["supervisor"][1].startswith("It requires allies in MH")
    terms = [t["term"] for t in data["glossary"]]
    # GLE, MH and DMH come from the supervisor items; the description's "trauma informed care"
    # (no hyphen) is not the term "trauma-informed", and PS is not used in this value.
    assert {"ACCS", "GLE", "MH", "DMH"} <= set(terms)
    assert "trauma-informed" not in terms and "PS" not in terms
    assert all(t["meaning"] == fw.glossary[t["term"]] for t in data["glossary"])


def test_value_dict_for_one_role_uses_only_that_roles_items() -> None:
    fw = load_guidelines().framework("ma-accs-2022")
    assert fw is not None
    v = fw.value("mutual")
    assert v is not None
    sup = [t["term"] for t in describe.value_dict(fw, v, ("supervisor",))["glossary"]]
    ps = [t["term"] for t in describe.value_dict(fw, v, ("peer-supporter",))["glossary"]]
    assert "PS" in sup and "1:1" in sup and "e.g." in sup
    assert "PS" not in ps and "1:1" not in ps
