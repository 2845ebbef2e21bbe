"""`peersup prep NAME --with FILE` (issue 15): preparing with a supervisee's shared
self-evaluation, from another role and another framework; the copy kept once, private; the
supervisee's view beside the supervisor's own questions, fitted to the screen; the agenda's
part from it, strengths first; and hostile files refused or shown safely."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from builders import ScriptedPort, peer_self_evaluation, share_file
from peersup_cli.cli.their_view import their_lines
from peersup_cli.guidelines.loader import load_guidelines
from peersup_cli.history.lookback import Lookback
from peersup_cli.journal import store
from peersup_cli.journal.format import render
from peersup_cli.reflection import runner
from peersup_cli.reflection.port import ItemList, Notice, TheirView, ValueHeader
from peersup_cli.sharing.received import keep, read_shared


def write(tmp_path: Path, data: Any, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def kept_shares(home: Path) -> list[Path]:
    return [p for p in store.list_journals(home) if "-share-" in p.name]


def last_prep(home: Path) -> Any:
    return [j for j in map(store.load_journal, store.list_journals(home)) if j.kind == "prep"][-1]


# -- the whole prep, from a file -----------------------------------------------------------------
def test_a_share_from_another_role_and_framework(  # type: ignore[no-untyped-def]
    cli, tmp_path, pinned_paths
) -> None:
    """A peer supporter's share, made on naps-2019, and a supervisor preparing on ma-accs-2022:
    values matched by id, the supervisee's words and titles kept as they wrote them."""
    home = pinned_paths["home"]
    shared = share_file(tmp_path / "alex-share.md", peer_self_evaluation("naps-2019"))
    result = cli("prep", "Alex", "--with", str(shared), "--answers",
                 str(write(tmp_path, {"values": {"hopeful": {"rating": 3}}})))
    assert result.exit_code == 0, result.output
    [copy] = kept_shares(home)
    assert copy.name == "2026-12-01-share-alex.md"
    assert f"Kept a copy of Alex's self-evaluation with your journals:\n{copy}" in result.stderr
    if sys.platform != "win32":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    kept = store.load_journal(copy)
    assert kept.kind == "share" and kept.supervisee == "Alex" and kept.role == "peer-supporter"
    assert kept.reflections == read_shared(shared).reflections  # every word as shared

    prep = last_prep(home)
    assert prep.with_share == copy.name
    assert prep.values == ["hopeful"] and prep.reflections[0].title == (
        "Peer Supporters Are Hopeful")  # the supervisor's own wording, rated by them
    assert prep.agenda.from_share == [
        "Rated highest: Peer Supporters Are Hopeful (4 — A strength I could help others with)",
        "Practised recently: 4 guidelines, most in Peer Supporters Are Hopeful",
        "Support they would like: Talking through hard calls.",
        "Their plan: Ask before I advise.",
    ]
    out = result.stdout
    assert "From Alex's self-evaluation\n  - [ ] Rated highest: Peer Supporters Are Hopeful" in out
    assert out.index("From Alex's self-evaluation") < out.index("Topics to raise")
    shown = cli("prep", "Alex", "--agenda")
    assert "From Alex's self-evaluation\n  - [ ] Rated highest" in shown.stdout

    # The same file again (the name typed another way): the copy kept is used, never a second.
    again = cli("prep", "alex", "--with", str(shared), "--answers", str(write(tmp_path, {})))
    assert again.exit_code == 0, again.output
    assert kept_shares(home) == [copy]
    assert "self-evaluation is already kept with your journals" in again.stderr
    assert last_prep(home).with_share == copy.name
    # The copy names the person, so it stays with them, never in another's preps.
    assert store.load_journal(copy).supervisee == "Alex"


def test_a_whole_reflection_handed_over_is_kept_as_a_share(  # type: ignore[no-untyped-def]
    cli, tmp_path, pinned_paths
) -> None:
    reflection = tmp_path / "mine.md"
    reflection.write_text(render(peer_self_evaluation()), encoding="utf-8")
    result = cli("prep", "Sam", "--with", str(reflection), "--answers", str(write(tmp_path, {})))
    assert result.exit_code == 0, result.output
    [copy] = kept_shares(pinned_paths["home"])
    kept = store.load_journal(copy)
    assert kept.shared is not None and kept.shared.source == "mine.md"
    assert kept.shared.parts == ["ratings", "ticks", "answers", "plan", "support"]
    assert kept.supervisee == "Sam" and kept.support == "Talking through hard calls."


def test_only_the_ratings_shared_makes_a_short_part(tmp_path: Path) -> None:
    from peersup_cli.reflection.with_share import agenda_lines

    shared = read_shared(share_file(tmp_path / "s.md", peer_self_evaluation(), ("ratings",)))
    assert agenda_lines(shared) == [
        "Rated highest: Peer Supporters Are Hopeful (4 — A strength I could help others with)"]
    assert agenda_lines(read_shared(share_file(tmp_path / "t.md", peer_self_evaluation(),
                                               ("answers",)))) == []


# -- during the prep -------------------------------------------------------------------------
def test_their_view_comes_before_the_supervisors_own_questions(tmp_path: Path) -> None:
    home = tmp_path / "j"
    shared = read_shared(share_file(tmp_path / "s.md", peer_self_evaluation("naps-2019")))
    kept = keep(home, shared, "Alex", "s.md")
    fw = load_guidelines().framework("ma-accs-2022")
    with Lookback(home) as lookback:
        selection = runner.select(fw, kind="prep", role="supervisor", lookback=lookback,
                                  supervisee="Alex", offer=[v for v in fw.values
                                                            if kept.journal.reflection(v.id)])
        plan, draft = runner.start(load_guidelines(), kind="prep", framework_id="ma-accs-2022",
                                   role="supervisor", values=None, lookback=lookback,
                                   now=kept.journal.date, supervisee="Alex", selection=selection,
                                   share=kept.journal, share_name=kept.path.name)
    assert [v.id for v in plan.in_turn] == ["hopeful", "empathic"]
    hopeful = [f"hopeful.{q}" for q in ("practiced", "rating", "answer.1", "answer.2",
                                        "answer.3")]
    port = ScriptedPort([("topics", ""), ("questions", ""), ("offer", ""),
                         ("values.picked", "3"), ("values.picked", "1"),
                         *[(q, "") for q in hopeful]])
    result = runner.run(plan, port, draft, journal_dir=home, version="t")
    port.finished()
    assert port.problems() == ["There is no value 3 here; the numbers go from 1 to 2."]
    rows = next(b for b in port.shown if isinstance(b, ItemList))
    assert rows.items == ("Peer Supporters Are Hopeful (rated 4 — A strength I could help others "
                          "with)", "Peer Supporters Are Empathic (rated 3 — Steady)")
    notices = [b.text for b in port.shown if isinstance(b, Notice)]
    assert "Also in it, from other guidelines than yours: Peer Supporters Open Minded " \
           "(3 — Steady)." in notices
    header = next(b for b in port.shown if isinstance(b, ValueHeader))
    assert header.aside == ("Alex: rated 4 — A strength I could help others with · ticked 2 of 3"
                            " · answered 1")
    [view] = [b for b in port.shown if isinstance(b, TheirView)]
    order = [type(b).__name__ for b in port.shown]
    assert order.index("TheirView") > order.index("ValueHeader")
    # Shown on arriving at the first question answered in words, after the rating.
    assert [q.id for q in port.asked].index("hopeful.answer.1") == len(port.asked) - 3
    assert view.rating == "Rated 4 — A strength I could help others with"
    assert view.ticked == ("I share my story with care.", "I model recovery at work.")
    assert view.answers == (("When did sharing your story help?",
                             "A short story in group helped Jo."),)
    assert view.whole == f"All of it: peersup journal show {kept.path.name}"
    assert result.journal is not None and result.journal.with_share == kept.path.name
    # Resumed later, the prep finds its share again by the copy's name.
    assert draft.with_share == kept.path.name


def test_their_view_fits_the_screen_whatever_they_wrote() -> None:
    long = " ".join(["word"] * 120)
    view = TheirView("What Alex said about 2. Hopeful", "Rated 4 — Strong",
                     tuple(f"Guideline {n} " + long for n in range(6)),
                     tuple((f"Question {n}?", long + "\n" + long) for n in range(5)),
                     "All of it: peersup journal show 2026-12-01-share-alex.md")
    lines = their_lines(view, 80, 24)
    assert len(lines) <= 24 - 4 - 2
    assert all(len(line.text) <= 79 for line in lines)
    texts = [line.text for line in lines]
    assert texts[1] == view.heading and texts[2] == view.rating
    assert texts[-1] == view.whole and any("more, not shown here" in t for t in texts)
    small = their_lines(TheirView("h", "", ("one",), (("Q?", "A."),), "w"), 80, 24)
    assert [line.text for line in small] == ["", "h", "Practised recently:", "  • one", "Q?",
                                             "  │ A."]


# -- files that are not what they say ---------------------------------------------------------
@pytest.mark.parametrize(("make", "problem"), [
    (lambda p: p.write_bytes(b"x" * (5 * 1024 * 1024 + 1)), "it is larger than 5 MB"),
    (lambda p: p.write_text("just some notes\n", encoding="utf-8"), "cannot be used as a "
     "self-evaluation"),
    (lambda p: p.write_text("---\ndate: &a 2026-12-01\nrole: *a\nframework: x\n---\n",
                            encoding="utf-8"), "YAML aliases"),
    (lambda p: p.write_text(render(peer_self_evaluation()).replace("date:", "kind: prep\ndate:")
                            .replace("role: peer-supporter", "role: peer-supporter\n"
                                     "supervisee: Sam"), encoding="utf-8"),
     "is a supervision prep, not a self-evaluation"),
    (lambda p: p.mkdir(), "takes a file, and"),
])
def test_a_file_that_is_not_a_self_evaluation_is_one_sentence(  # type: ignore[no-untyped-def]
    cli, tmp_path, pinned_paths, make, problem
) -> None:
    bad = tmp_path / "bad.md"
    make(bad)
    result = cli("prep", "Alex", "--with", str(bad), "--answers", str(write(tmp_path, {})))
    assert result.exit_code == 2, result.output
    assert problem in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not pinned_paths["home"].exists() or not store.list_journals(pinned_paths["home"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_at_once(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "share.md"
    os.mkfifo(fifo)
    result = cli("prep", "Alex", "--with", str(fifo), "--answers", str(write(tmp_path, {})))
    assert result.exit_code == 2
    assert "it is not a regular file" in result.stderr


def test_escape_codes_in_a_share_never_reach_the_terminal(  # type: ignore[no-untyped-def]
    cli, tmp_path, pinned_paths
) -> None:
    evil = peer_self_evaluation()
    evil.support = "Call me \x1b]52;c;cGFzdGU=\x07 \x1b[2J now"
    evil.reflections[0].title = "Hope\x1b[31m red"
    shared = share_file(tmp_path / "evil.md", evil)
    result = cli("prep", "Alex", "--with", str(shared), "--answers", str(write(tmp_path, {})))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout + result.stderr
    assert "Support they would like: Call me ^[]52;c;cGFzdGU=^G ^[[2J now." in result.stdout
    # Kept exactly as shared, for the person to read with any viewer.
    assert "\x1b[2J" in store.load_journal(kept_shares(pinned_paths["home"])[0]).support


def test_with_and_resume_or_agenda_do_not_go_together(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shared = share_file(tmp_path / "s.md", peer_self_evaluation())
    resumed = cli("prep", "Alex", "--with", str(shared), "--resume")
    assert resumed.exit_code == 2 and "leave out --with" in resumed.stderr
    agenda = cli("prep", "Alex", "--with", str(shared), "--agenda")
    assert agenda.exit_code == 2 and "leave out --with" in agenda.stderr


def test_a_prep_with_a_share_carries_on_with_it(tmp_path: Path) -> None:
    home = tmp_path / "j"
    shared = read_shared(share_file(tmp_path / "s.md", peer_self_evaluation()))
    kept = keep(home, shared, "Alex", "s.md")
    fw = load_guidelines().framework("ma-accs-2022")
    offered = [fw.value("hopeful"), fw.value("empathic")]
    with Lookback(home) as lookback:
        selection = runner.select(fw, kind="prep", role="supervisor", lookback=lookback,
                                  supervisee="Alex", offer=offered)
        plan, draft = runner.start(load_guidelines(), kind="prep", framework_id="ma-accs-2022",
                                   role="supervisor", values=None, lookback=lookback,
                                   now=shared.date, supervisee="Alex", selection=selection,
                                   share=kept.journal, share_name=kept.path.name)
    runner.run(plan, ScriptedPort([("topics", "Caseload"), ("questions", ""), ("offer", ""),
                                   ("values.picked", "2"), ("empathic.practiced", ":q")]),
               draft, journal_dir=home, version="t")
    with Lookback(home) as lookback:
        found = runner.find_session(lookback, "prep", supervisee="Alex")
        assert found is not None and found.draft.with_share == kept.path.name
        again = runner.resume_plan(load_guidelines(), found.draft, found.journal, lookback)
    assert again.share is not None and again.share_name == kept.path.name
    assert [v.id for v in again.in_turn] == ["hopeful", "empathic"]
    port = ScriptedPort([(f"empathic.{q}", "") for q in ("practiced", "rating", "answer.1",
                                                         "answer.2", "answer.3")])
    result = runner.run(again, port, found.draft, journal_dir=home, version="t", resumed=True)
    port.finished()
    assert any(isinstance(b, TheirView) for b in port.shown)
    assert result.journal is not None and result.journal.with_share == kept.path.name
    assert result.journal.agenda is not None and result.journal.agenda.from_share
    # The copy gone (moved away by hand): the prep still carries on, without their view.
    kept.path.unlink()
    with Lookback(home) as lookback:
        assert runner.find_session(lookback, "prep", supervisee="Alex") is None
