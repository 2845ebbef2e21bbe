"""``peersup reflect`` and ``peersup prep`` through CliRunner, answered from files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from builders import write_tiny_guidelines
from peersup_cli.journal import store


@pytest.fixture(autouse=True)
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = write_tiny_guidelines(tmp_path)
    monkeypatch.setenv("PEERSUP_GUIDELINES", str(path))
    return path


@pytest.fixture
def home(pinned_paths: dict[str, Path]) -> Path:
    return pinned_paths["home"]


def write(tmp_path: Path, data: Any, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    if name.endswith(".json"):
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


REFLECT = {
    "role": "peer-supporter",
    "framework": "tiny",
    "values": {
        "voluntary": {"practiced": [1, 3], "rating": 3,
                      "answers": ["I asked before helping.\n---\n# not a heading", None]},
        "hopeful": {"practiced": [2], "rating": 4, "answers": ["Shared my story"]},
        "empathic": {"rating": 1},
    },
    "action_plan": "- Listen longer\n- Rest",
    "support": "Talk about boundaries",
}


def test_reflect_from_answers_file_writes_the_journal(cli, tmp_path, home) -> None:  # type: ignore[no-untyped-def]
    result = cli("reflect", "--answers", str(write(tmp_path, REFLECT)))
    assert result.exit_code == 0, result.output
    [path] = store.list_journals(home)
    assert path.name.endswith("-peer-supporter.md")
    text = path.read_text(encoding="utf-8")
    assert "ratings:\n  voluntary: 3\n  hopeful: 4\n  empathic: 1" in text
    assert "- [x] 1. voluntary item one\n- [ ] 2. voluntary item two" in text
    assert "**Rating:** 4 — A strength I could help others with" in text
    assert "> I asked before helping.\n> ---\n> # not a heading" in text
    journal = store.load_journal(path)
    assert journal.reflections[0].answers == ["I asked before helping.\n---\n# not a heading", None]
    assert journal.support == "Talk about boundaries"
    # Strengths first, then the path of the saved journal.
    out = result.stdout
    assert out.index("Hopeful: 4") < out.index("Voluntary: 3") < out.index(str(path))
    assert "Values to keep growing in next: Empathic." not in out  # only 3 rated: all shown
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert oct(home.stat().st_mode & 0o777) == "0o700"
    assert not (home / ".drafts").exists()  # a file-driven run needs no draft


def test_first_run_notice_once_on_stderr(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    answers = str(write(tmp_path, REFLECT))
    first = cli("reflect", "--answers", answers)
    assert "nothing you write ever leaves this computer" in first.stderr
    assert "identifying details" in first.stderr
    second = cli("reflect", "--answers", answers)
    assert "leaves this computer" not in second.stderr


def test_never_overwrite_two_sessions_the_same_day(cli, tmp_path, home) -> None:  # type: ignore[no-untyped-def]
    answers = str(write(tmp_path, REFLECT))
    assert cli("reflect", "--answers", answers).exit_code == 0
    [first] = store.list_journals(home)
    before = first.read_bytes()
    assert cli("reflect", "--answers", answers).exit_code == 0
    assert cli("reflect", "--answers", answers).exit_code == 0
    names = [p.name for p in store.list_journals(home)]
    stem = first.name.removesuffix(".md")
    assert names == [first.name, f"{stem}-2.md", f"{stem}-3.md"]
    assert first.read_bytes() == before


def test_json_answers_and_values_option(cli, tmp_path, home) -> None:  # type: ignore[no-untyped-def]
    answers = write(tmp_path, REFLECT, "answers.json")
    result = cli("reflect", "--answers", str(answers), "--values", "hope")
    assert result.exit_code == 0, result.output
    journal = store.load_journal(store.list_journals(home)[0])
    assert journal.values == ["hopeful"]


def test_all_values_when_the_file_names_none(cli, tmp_path, home) -> None:  # type: ignore[no-untyped-def]
    result = cli("reflect", "--answers", str(write(tmp_path, {"role": "peer-supporter"})))
    assert result.exit_code == 0, result.output
    journal = store.load_journal(store.list_journals(home)[0])
    assert journal.values == ["voluntary", "hopeful", "empathic"]
    assert "You showed up to reflect today" in result.stdout


def test_focus_takes_the_values_reflected_on_least_recently(cli, tmp_path, home) -> None:  # type: ignore[no-untyped-def]
    # A value skipped through does not count as reflected on: it keeps its turn.
    cli("reflect", "--answers", str(write(tmp_path, {"role": "peer-supporter",
                                                     "values": {"empathic": None}})))
    cli("reflect", "--answers", str(write(tmp_path, {"role": "peer-supporter",
                                                     "values": {"voluntary": {"rating": 2}}})))
    result = cli("reflect", "--answers", str(write(tmp_path, {"role": "peer-supporter"})),
                 "--focus", "2")
    assert result.exit_code == 0, result.output
    newest = max(store.list_journals(home), key=lambda p: p.stat().st_mtime_ns)
    assert store.load_journal(newest).values == ["hopeful", "empathic"]


def test_journal_dir_option_beats_the_environment(cli, tmp_path, home) -> None:  # type: ignore[no-untyped-def]
    elsewhere = tmp_path / "elsewhere"
    result = cli("reflect", "--answers", str(write(tmp_path, REFLECT)), "--journal-dir",
                 str(elsewhere))
    assert result.exit_code == 0
    assert len(store.list_journals(elsewhere)) == 1 and store.list_journals(home) == []


def test_role_from_config_when_not_given(cli, tmp_path, home) -> None:  # type: ignore[no-untyped-def]
    assert cli("config", "set", "role", "supervisor").exit_code == 0
    data = {k: v for k, v in REFLECT.items() if k != "role"}
    data["values"] = {"voluntary": {"practiced": [2]}}
    result = cli("reflect", "--answers", str(write(tmp_path, data)))
    assert result.exit_code == 0, result.output
    journal = store.load_journal(store.list_journals(home)[0])
    assert journal.role == "supervisor"
    assert journal.reflections[0].items[1].text == "voluntary sup two"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"values": {"hopefull": {"rating": 2}}}, "values.hopefull: no value with this id in tiny"),
        ({"values": {"voluntary": {"practiced": [1, 9]}}},
         "values.voluntary.practiced: 9 is not a guideline number (1 to 3)"),
        ({"values": {"voluntary": {"rating": 7}}},
         "values.voluntary.rating: 7 is not on the rating scale (1 to 4)"),
        ({"values": {"voluntary": {"rating": "high"}}},
         "values.voluntary.rating: expected a number"),
        ({"values": {"voluntary": {"answers": ["a", "b", "c"]}}},
         "values.voluntary.answers: 3 answers, but this value has 2 prompts"),
        ({"values": {"voluntary": {"answers": [42]}}},
         "values.voluntary.answers[1]: expected text"),
        ({"values": {"voluntary": {"feelings": "x"}}}, "values.voluntary.feelings: unknown key"),
        ({"role": "coach"}, "The framework tiny has no role 'coach'"),
        ({"framework": "nope"}, "No framework called 'nope'"),
        ({"mood": "good"}, "mood: unknown key"),
        ({"topics": ["x"]}, "topics: unknown key (only for prep)"),
        ({"action_plan": ["a", "b"]}, "action_plan: expected text"),
    ],
)
def test_answers_file_errors_name_the_key(cli, tmp_path, home, change, message) -> None:  # type: ignore[no-untyped-def]
    result = cli("reflect", "--answers", str(write(tmp_path, {**REFLECT, **change})))
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert store.list_journals(home) == []


def test_answers_file_without_a_role(cli, tmp_path, home) -> None:  # type: ignore[no-untyped-def]
    result = cli("reflect", "--answers", str(write(tmp_path, {"values": {}})))
    assert result.exit_code == 2
    assert "role: missing" in result.stderr


def test_answers_file_that_is_not_yaml(cli, tmp_path, home) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("values: [unclosed\n", encoding="utf-8")
    result = cli("reflect", "--answers", str(bad))
    assert result.exit_code == 2 and "not valid YAML" in result.stderr
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{", encoding="utf-8")
    result = cli("reflect", "--answers", str(bad_json))
    assert result.exit_code == 2 and "not valid JSON" in result.stderr


def test_no_terminal_and_no_answers_refuses(cli, home) -> None:  # type: ignore[no-untyped-def]
    for args in (["reflect"], ["prep", "Sam"]):
        result = cli(*args, input="1\n")
        assert result.exit_code == 2
        assert "standard input is not" in result.stderr and "--answers" in result.stderr
    assert not home.exists() or store.list_journals(home) == []


def test_resume_with_nothing_to_resume(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = cli("reflect", "--resume", "--answers", str(write(tmp_path, REFLECT)))
    assert result.exit_code == 2 and "cannot be used together" in result.stderr


# -- prep ----------------------------------------------------------------------------------------
PREP_1 = {
    "values": {"hopeful": {"practiced": [1], "rating": 3, "answers": ["Sam is growing"]}},
    "topics": ["Caseload this month", "Training plan"],
    "questions": ["What felt hard this week?"],
    "action_plan": "- Share the new guide\n- Book the next session",
}


def test_prep_carry_over_across_two_sessions(cli, tmp_path, home) -> None:  # type: ignore[no-untyped-def]
    first = cli("prep", "Sam O'Neil", "--answers", str(write(tmp_path, PREP_1)))
    assert first.exit_code == 0, first.output
    [path1] = store.list_journals(home)
    assert path1.name.endswith("-supervisor-prep-sam-o-neil.md")
    text = path1.read_text(encoding="utf-8")
    assert text.index("## Agenda") < text.index("## 2. Hopeful")
    assert "supervisee: Sam O'Neil" in text
    assert "- [ ] Caseload this month" in text

    second_answers = {
        "supervisee": "sam o'neil",  # the same person, whatever the case
        "carry_over": {"Caseload this month": "done", 2: "drop", "Share the new guide": "carry"},
        "topics": ["Leave in December"],
        "questions": [],
        "values": {"voluntary": {"rating": 2}},
    }
    second = cli("prep", "Sam O'Neil", "--answers", str(write(tmp_path, second_answers, "p2.yaml")))
    assert second.exit_code == 0, second.output
    newest = [p for p in store.list_journals(home) if p != path1]
    assert [p.name for p in newest] == [path1.name.replace(".md", "-2.md")]
    agenda = store.load_journal(newest[0]).agenda
    assert agenda is not None
    assert agenda.done == ["Caseload this month"]
    # Not mentioned in the file: "Book the next session" carries over (nothing open is lost).
    assert agenda.carried == ["Share the new guide", "Book the next session"]
    assert agenda.topics == ["Leave in December"] and agenda.questions == []

    shown = cli("prep", "Sam O'Neil", "--agenda")
    assert shown.exit_code == 0
    out = shown.stdout
    assert "Agenda for Sam O'Neil" in out and str(newest[0]) in out
    assert "Carried over from last time\n  - [ ] Share the new guide" in out
    assert "Done since last time\n  - [x] Caseload this month" in out
    assert "Topics to raise\n  - [ ] Leave in December" in out
    assert "Questions to ask\n  (none)" in out
    assert "Training plan" not in out  # dropped


def test_prep_answer_file_errors(cli, tmp_path, home) -> None:  # type: ignore[no-untyped-def]
    cli("prep", "Sam", "--answers", str(write(tmp_path, PREP_1)))
    cases = [
        ({"carry_over": {"Something else": "done"}}, "carry_over.Something else: not one of"),
        ({"carry_over": {9: "done"}}, "carry_over.9: there are 4 items"),
        ({"carry_over": {1: "later"}}, "carry_over.1: expected one of done, carry, drop"),
        ({"topics": ["two\nlines"]}, "topics[1]: must be a single line"),
        ({"role": "peer-supporter"}, "role: prep is for the supervisor role"),
        ({"supervisee": "Alex"}, "supervisee: 'Alex' is not 'Sam'"),
    ]
    for change, message in cases:
        result = cli("prep", "Sam", "--answers", str(write(tmp_path, change, "bad.yaml")))
        assert result.exit_code == 2, change
        assert message in result.stderr, (change, result.stderr)
    assert len(store.list_journals(home)) == 1


def test_prep_agenda_when_there_is_none(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("prep", "Nobody", "--agenda")
    assert result.exit_code == 2
    assert "There is no prep for Nobody yet" in result.stderr


def test_prep_slug_for_a_name_without_latin_letters(cli, tmp_path, home) -> None:  # type: ignore[no-untyped-def]
    assert cli("prep", "李雷", "--answers", str(write(tmp_path, {}))).exit_code == 0
    [path] = store.list_journals(home)
    assert "-supervisor-prep-supervisee-" in path.name
    assert store.load_journal(path).supervisee == "李雷"
