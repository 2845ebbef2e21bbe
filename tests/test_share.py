"""``peersup share REF``: only what the person chose reaches the file, checked first for details
that could identify someone. Without a terminal (``--include``) nothing is asked, and flagged
text is never kept silently. The questions themselves run through a scripted port here; a whole
session in a real terminal is in test_share_pty.py."""

from __future__ import annotations

import itertools
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from builders import ScriptedPort, journal, record_journal, reflection, save, share_journal
from peersup_cli.errors import SessionStopped
from peersup_cli.journal.store import read_journal
from peersup_cli.reflection.port import Command, Notice, Reply
from peersup_cli.sharing.choose import Chosen, choose, marked, review, shareable
from peersup_cli.sharing.identifying import find_identifying
from peersup_cli.sharing.select import Part

ANSWER_HOPE = "I shared a short piece of my own story."
ANSWER_NEXT = "Slow down before answering."
ANSWER_EMPATHY = "Listening felt hard on busy days."
PLAN = "Ask one open question first."
SUPPORT = "Talking through hard calls."
PARTS = ("ratings", "ticks", "answers", "plan", "support")


def plain(folder: Path) -> Path:
    """A reflection holding every part, with no detail the check would flag."""
    return save(folder, "2026-12-04-peer-supporter.md", journal(
        "2026-12-04T10:00:00+00:00",
        reflection("hopeful", 3, (1, 2), (ANSWER_HOPE, ANSWER_NEXT)),
        reflection("empathic", 2, (), (ANSWER_EMPATHY, None)),
        action_plan=PLAN, support=SUPPORT))


@pytest.fixture
def source(pinned_paths: dict[str, Path]) -> Path:
    return plain(pinned_paths["home"])


# -- --include: every combination -------------------------------------------------------------
COMBINATIONS = [c for n in range(1, 6) for c in itertools.combinations(PARTS, n)]


@pytest.mark.parametrize("parts", COMBINATIONS, ids=",".join)
def test_each_include_combination_writes_only_what_was_chosen(
    cli: Any, source: Path, tmp_path: Path, parts: tuple[str, ...]
) -> None:
    target = tmp_path / "share.md"
    result = cli("share", str(source), "--include", ",".join(parts), "-o", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    for text_of, part in ((ANSWER_HOPE, "answers"), (ANSWER_NEXT, "answers"),
                          (ANSWER_EMPATHY, "answers"), (PLAN, "plan"), (SUPPORT, "support")):
        assert (text_of in text) is (part in parts), (text_of, parts)
    assert ("**Rating:** 3 — Steady" in text) is ("ratings" in parts)
    assert ("ratings:\n  hopeful: 3" in text) is ("ratings" in parts)
    assert ("- [x] 1. Hopeful item 1" in text) is ("ticks" in parts)
    # Each question only where answers are shared; a guideline's wording only with the ticks.
    assert ("How did you practise hopeful?" in text) is ("answers" in parts)
    assert ("Hopeful item 3" in text) is ("ticks" in parts)
    back = read_journal(target)
    assert back.kind == "share" and back.shared is not None
    assert back.shared.parts == [p for p in PARTS if p in parts]
    assert back.shared.source == "2026-12-04-peer-supporter.md"
    assert back.supervisee is None and back.agenda is None
    assert "It holds only what you chose" in result.stdout and str(target) in result.stdout


def test_the_file_is_private_and_never_overwritten_without_force(
    cli: Any, source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("share", "latest", "--include", "ratings").exit_code == 0
    written = tmp_path / "peersup-share-2026-12-04.md"  # named by the journal's date
    if sys.platform != "win32":
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
    before = written.read_bytes()
    again = cli("share", "latest", "--include", "ratings,answers")
    assert again.exit_code == 2
    assert "already exists. Add --force to replace it." in again.stderr
    assert written.read_bytes() == before
    assert cli("share", "latest", "--include", "ratings,answers", "--force").exit_code == 0
    assert ANSWER_HOPE in written.read_text(encoding="utf-8")


def test_a_share_of_an_unfinished_journal_holds_no_hint_to_resume_it(
    cli: Any, pinned_paths: dict[str, Path], tmp_path: Path
) -> None:
    save(pinned_paths["home"], "2026-12-04-peer-supporter.md", journal(
        "2026-12-04T10:00:00+00:00", reflection("hopeful", 3, (1,)), status="partial"))
    assert cli("share", "latest", "--include", "ratings", "-o", str(tmp_path / "s.md")
               ).exit_code == 0
    text = (tmp_path / "s.md").read_text(encoding="utf-8")
    assert "--resume" not in text and "status: complete" in text


def test_the_name_on_the_file_comes_from_by_then_the_setting(
    cli: Any, source: Path, tmp_path: Path
) -> None:
    assert cli("share", "latest", "--include", "ratings", "-o", str(tmp_path / "a.md"),
               "--by", "  Jo   Lee ").exit_code == 0
    assert read_journal(tmp_path / "a.md").shared.by == "Jo Lee"  # type: ignore[union-attr]
    assert cli("config", "set", "name", "Sam").exit_code == 0
    assert cli("share", "latest", "--include", "ratings", "-o", str(tmp_path / "b.md")
               ).exit_code == 0
    assert read_journal(tmp_path / "b.md").shared.by == "Sam"  # type: ignore[union-attr]


# -- what the check finds, without a terminal -------------------------------------------------
def test_flagged_text_stops_the_share_and_says_what_and_where(
    cli: Any, pinned_paths: dict[str, Path], tmp_path: Path
) -> None:
    save(pinned_paths["home"], "2026-12-04-peer-supporter.md", journal(
        "2026-12-04T10:00:00+00:00",
        reflection("hopeful", 3, (1,), ("I asked Jessica what she wanted.", None)),
        action_plan="Call the team on 0412 345 678."))
    target = tmp_path / "share.md"
    refused = cli("share", "latest", "--include", "answers,plan", "-o", str(target))
    assert refused.exit_code == 1 and not target.exists()
    assert "Nothing was written" in refused.stderr
    assert ("- Hopeful — How did you practise hopeful?: [[Jessica]] This looks like a person's "
            "name.") in refused.stderr
    assert "- Action plan: [[0412 345 678]] This looks like a phone number." in refused.stderr
    assert "--keep-flagged" in refused.stderr
    # Only what is included is checked: the ratings alone hold nothing to flag.
    assert cli("share", "latest", "--include", "ratings", "-o", str(target)).exit_code == 0
    kept = cli("share", "latest", "--include", "answers,plan", "--keep-flagged", "-o",
               str(tmp_path / "kept.md"))
    assert kept.exit_code == 0
    assert "[[Jessica]]" in kept.stderr  # kept, and said so
    assert "I asked Jessica" in (tmp_path / "kept.md").read_text(encoding="utf-8")


def test_words_of_the_guidelines_are_not_taken_for_names(
    cli: Any, pinned_paths: dict[str, Path], tmp_path: Path
) -> None:
    # "Hope" is a first name too; here it is the value's practice ("Share Hope").
    save(pinned_paths["home"], "2026-12-04-peer-supporter.md", journal(
        "2026-12-04T10:00:00+00:00",
        reflection("hopeful", 3, (1,), ("I sat with Hope at the centre of the talk.", None))))
    result = cli("share", "latest", "--include", "answers", "-o", str(tmp_path / "s.md"))
    assert result.exit_code == 0, result.output
    assert find_identifying("I sat with Hope at the centre of the talk.")  # without the words


# -- refusals ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("args", "code", "said"), [
    ((), 2, "standard input is not a terminal. Name the parts instead: --include"),
    (("--include", "ratings,feelings"), 2, "--include takes ratings, ticks, answers, plan, "
                                           "support; not feelings."),
    (("--keep-flagged",), 2, "--keep-flagged goes with --include"),
    (("--include", ""), 1, "Nothing was chosen, so no share file was written."),
])
def test_what_share_refuses_is_one_plain_sentence(
    cli: Any, source: Path, tmp_path: Path, args: tuple[str, ...], code: int, said: str
) -> None:
    result = cli("share", "latest", *args, "-o", str(tmp_path / "s.md"))
    assert result.exit_code == code and said in result.stderr
    assert not (tmp_path / "s.md").exists()


def test_a_record_or_a_share_file_is_not_shared_again(
    cli: Any, pinned_paths: dict[str, Path], tmp_path: Path
) -> None:
    home = pinned_paths["home"]
    record = save(home, "r.md", record_journal("2026-12-04T16:00:00+00:00"))
    kept = save(home, "s.md", share_journal("2026-12-01T10:00:00+00:00"))
    for path, kind in ((record, "record"), (kept, "share file")):
        result = cli("share", str(path), "--include", "ratings", "-o", str(tmp_path / "x.md"))
        assert result.exit_code == 2
        assert f"is a supervision {kind}; `peersup share` takes a reflection or a prep" in (
            result.stderr)


# -- the questions (a scripted port) ----------------------------------------------------------
def test_ratings_and_ticks_default_to_yes_and_each_answer_to_no() -> None:
    source = journal("2026-12-04T10:00:00+00:00",
                     reflection("hopeful", 3, (1,), (ANSWER_HOPE, ANSWER_NEXT)),
                     action_plan=PLAN, support=SUPPORT)
    port = ScriptedPort([
        ("share.ratings", ""), ("share.ticks", "n"),
        ("share.hopeful:1", "y"), ("share.hopeful:2", ""),
        ("share.action_plan", ""), ("share.support", "yes"),
    ])
    chosen = choose(port, source)
    port.finished()
    assert chosen == Chosen(frozenset({Part.RATINGS, Part.ANSWERS, Part.SUPPORT}),
                            frozenset({"hopeful:1"}))
    shown = [b.text for b in port.shown if isinstance(b, Notice)]
    assert f"  │ {ANSWER_NEXT}" in shown and f"  │ {PLAN}" in shown  # each shown before asked
    shared = shareable(source, chosen)
    assert shared.reflections[0].answers == [ANSWER_HOPE, None]
    assert shared.action_plan is None and shared.support == SUPPORT
    assert shared.reflections[0].items == [] and shared.reflections[0].rating == 3


def test_a_journal_without_ratings_or_ticks_is_not_asked_about_them() -> None:
    source = journal("2026-12-04T10:00:00+00:00", reflection("hopeful", None, (), ("A.", None)),
                     action_plan=None)
    port = ScriptedPort([("share.hopeful:1", "n")])
    assert choose(port, source) == Chosen(frozenset())
    port.finished()


def test_a_flagged_answer_is_kept_removed_or_edited_and_an_edit_is_checked_again() -> None:
    source = journal("2026-12-04T10:00:00+00:00",
                     reflection("hopeful", 3, (), ("I asked Jessica first.", "Call 0412 345 678")),
                     action_plan="Ask Maria about the rota.")
    port = ScriptedPort([
        ("check.hopeful:1", "x"),  # not a choice: asked again
        ("check.hopeful:1", "e"), ("edit.hopeful:1", "I asked Maria first."),  # still a name
        ("check.hopeful:1", "edit"), ("edit.hopeful:1", "I asked her first."),
        ("check.hopeful:2", ""),  # Enter: removed from the share
        ("check.action_plan", "k"),
    ])
    result = review(port, source, vocabulary=["Hopeful"])
    port.finished()
    assert result.reflections[0].answers == ["I asked her first.", None]
    assert result.action_plan == "Ask Maria about the rota."
    shown = [b.text for b in port.shown if isinstance(b, Notice)]
    assert "  │ I asked [[Jessica]] first." in shown
    assert "  │ I asked [[Maria]] first." in shown  # the edited text, checked again
    assert "  [[0412 345 678]] This looks like a phone number." in shown
    assert port.problems()  # the stray "x"
    assert source.reflections[0].answers[0] == "I asked Jessica first."  # the journal as it was


def test_clear_removes_and_q_stops_with_nothing_decided() -> None:
    source = journal("2026-12-04T10:00:00+00:00",
                     reflection("hopeful", 3, (), ("I asked Jessica first.", None)),
                     action_plan="Ask Maria.")
    port = ScriptedPort([("check.hopeful:1", "e"), ("edit.hopeful:1", Reply.of(Command.CLEAR)),
                         ("check.action_plan", ":q")])
    with pytest.raises(SessionStopped):
        review(port, source)
    port = ScriptedPort([("check.hopeful:1", "e"), ("edit.hopeful:1", Reply.of(Command.CLEAR)),
                         ("check.action_plan", "r")])
    result = review(port, source)
    assert result.reflections[0].answers == [None, None] and result.action_plan is None


def test_findings_are_marked_in_place() -> None:
    text = "Jessica called from 0412 345 678 today."
    assert marked(text, find_identifying(text)) == (
        "[[Jessica]] called from [[0412 345 678]] today.")
