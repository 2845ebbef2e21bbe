"""`peersup journal ...` through the CLI: every command, filters, references, broken journals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import checksums, journal, reflection, sample, save
from peersup_cli.history.index import open_index
from peersup_cli.history.refs import resolve


def resolve_journal(ref: str, folder: Path) -> Path:
    with open_index(folder) as index:
        return resolve(ref, folder, index).path


@pytest.fixture
def history(pinned_paths: dict[str, Path]) -> dict[str, Path]:
    return sample(pinned_paths["home"])


def out(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_list_newest_first_with_stable_numbers(cli, history) -> None:  # type: ignore[no-untyped-def]
    result = cli("journal", "list")
    lines = out(result).splitlines()
    assert lines[0].split() == ["REF", "DATE", "WHAT", "FOR", "VALUES", "STATUS"]
    refs = [int(line.split()[0]) for line in lines[1:]]
    assert refs == [5, 4, 3, 2, 1]  # 1 is the oldest, so new journals never renumber old ones
    assert lines[1].split()[:2] == ["5", "2026-01-15"]
    assert "Sam" in lines[3] and "Prep" in lines[3]  # a prep is named by its kind
    assert "2-3" in lines[1]  # values 2 and 3
    # The broken journal is named once, with the reason, and everything else still lists.
    assert result.stderr.count("2025-02-02-peer-supporter.md") == 1
    assert "its front matter is not valid YAML (line 3)" in result.stderr


def test_list_filters(cli, history) -> None:  # type: ignore[no-untyped-def]
    def refs(*args: str) -> list[int]:
        data = json.loads(out(cli("journal", "list", "--json", *args)))
        return [j["ref"] for j in data["journals"]]

    assert refs("--role", "supervisor") == [3, 2]
    assert refs("--role", "sup") == [3, 2]  # a unique start of a role is enough
    assert refs("--since", "2025-04-01") == [5, 4, 3]
    assert refs("--until", "2025-03-01") == [2, 1]
    assert refs("--since", "2025-02-01", "--until", "2025-05-01") == [3, 2]
    assert refs("--value", "transparent") == [4]
    assert refs("--value", "hope") == [5, 4, 1]  # a word of the title works
    assert refs("--supervisee", "sam") == [3, 2]
    assert refs("--limit", "2") == [5, 4]


def test_list_json_is_json_only(cli, history) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(out(cli("journal", "list", "--json")))
    newest = data["journals"][0]
    assert newest["values"] == ["hopeful", "empathic"]
    assert newest["ratings"] == {"hopeful": 4, "empathic": 3}
    assert data["skipped"] == [{
        "name": "2025-02-02-peer-supporter.md",
        "reason": "its front matter is not valid YAML (line 3)",
    }]


def test_bad_filters_say_what_is_wrong(cli, history) -> None:  # type: ignore[no-untyped-def]
    result = cli("journal", "list", "--since", "last week")
    assert result.exit_code == 2
    assert "--since takes a date like 2026-11-22" in result.stderr
    result = cli("journal", "list", "--role", "coach")
    assert result.exit_code == 2
    assert "peer-supporter, supervisor" in result.stderr
    result = cli("journal", "list", "--value", "kindness")
    assert result.exit_code == 2 and "hopeful" in result.stderr


def test_empty_folder(cli) -> None:  # type: ignore[no-untyped-def]
    assert "No journals yet" in out(cli("journal", "list"))
    assert "No journals" in out(cli("journal", "trends"))


def test_show_by_every_kind_of_reference(cli, history) -> None:  # type: ignore[no-untyped-def]
    latest = out(cli("journal", "show", "latest"))
    assert latest == out(cli("journal", "show", "5"))
    assert latest == out(cli("journal", "show", "#5"))
    assert latest == out(cli("journal", "show", "2026-01-15"))
    assert latest == out(cli("journal", "show", "2026-01-15-peer-supporter"))
    assert latest == out(cli("journal", "show", str(history["new"])))
    assert "Reflection — Thursday 15 January 2026, 09:00" in latest
    assert "Rating: 4 — A strength I could help others with" in latest
    assert "✓ 3. Hopeful item 3 for a supporter" in latest
    assert "Hope came up in the group again." in latest
    assert "Talking through hard calls." in latest


def test_show_prep_puts_the_agenda_first(cli, history) -> None:  # type: ignore[no-untyped-def]
    text = out(cli("journal", "show", "3"))
    assert text.index("Agenda") < text.index("1. Voluntary — Choice")
    assert "[x] Sam to try a weekly check-in." in text
    assert "[ ] Self-care" in text


def test_references_that_do_not_fit(cli, history) -> None:  # type: ignore[no-untyped-def]
    for ref, words in (("9", "Numbers go from 1 to 5"), ("2024-01-01", "No journal is dated"),
                       ("nothing", "No journal matches"), ("missing.md", "no journal file")):
        result = cli("journal", "show", ref)
        assert result.exit_code == 2, ref
        assert words in result.stderr, (ref, result.stderr)
    result = cli("journal", "show", "2025-02-02-peer-supporter.md")
    assert result.exit_code == 2
    assert "its front matter is not valid YAML" in result.stderr


def test_a_date_shared_by_two_journals_says_so(cli, pinned_paths) -> None:  # type: ignore[no-untyped-def]
    home = pinned_paths["home"]
    save(home, "a.md", journal("2026-03-03T09:00:00+00:00", action_plan="Morning plan."))
    save(home, "b.md", journal("2026-03-03T17:00:00+00:00", action_plan="Evening plan."))
    result = cli("journal", "show", "2026-03-03")
    assert "Evening plan." in out(result)
    assert "2 journals are dated 2026-03-03; this is the newest (2). The others: 1." in (
        result.stderr
    )
    assert resolve_journal("2026-03-03", home) == home / "b.md"
    assert resolve_journal("1", home) == home / "a.md"
    assert resolve_journal("latest", home) == home / "b.md"


def test_search_shows_the_matching_lines(cli, history) -> None:  # type: ignore[no-untyped-def]
    result = cli("journal", "search", "hope")
    text = out(result)
    assert "2026-01-15-peer-supporter.md:" in text
    assert "Hopeful: Hope came up in the group again." in text
    assert "Action plan: Share hope with a short story." in text
    assert "I shared a bit of my recovery story." not in text  # no word starting with "hope"
    assert "2 matching lines in 2 journals." in text
    # Each line number points at that very line of the file.
    for line in text.splitlines():
        if ".md:" in line:
            name, number, rest = line.strip().split(":", 2)
            words = rest.split(": ", 1)[1]
            file_line = (history["new"].parent / name).read_text().splitlines()[int(number) - 1]
            assert file_line == f"> {words}"


def test_search_all_words_agendas_and_filters(cli, history) -> None:  # type: ignore[no-untyped-def]
    text = out(cli("journal", "search", "caseload", "balance"))
    assert "Topic: Caseload balance" in text
    assert "No journal mentions" in out(cli("journal", "search", "caseload", "grief"))
    data = json.loads(out(cli("journal", "search", "story", "--role", "peer-supporter",
                              "--since", "2025-05-01", "--json")))
    assert [j["ref"] for j in data["journals"]] == [4]
    match = data["journals"][0]["matches"][0]
    assert match["text"] == "I shared a bit of my recovery story."
    assert match["where"] == "Hopeful"
    assert cli("journal", "search", "  ").exit_code == 2
    assert "No journal mentions" in out(cli("journal", "search", "!!"))


def test_trends_strengths_first(cli, history) -> None:  # type: ignore[no-untyped-def]
    text = out(cli("journal", "trends", "--role", "peer-supporter"))
    order = [text.index(t) for t in ("2. Hopeful", "3. Empathic", "10. Transparent")]
    assert order == sorted(order)
    assert "reflected on 3 times, last on 2026-01-15" in text
    assert "ratings ▁▆█  1 → 4, recent average 2.7" in text
    assert "latest: 4 — A strength I could help others with" in text
    assert "most practised (3 of 3): Hopeful item 1 for a supporter" in text
    assert "room to grow (1 of 3): Hopeful item 3 for a supporter" in text
    data = json.loads(out(cli("journal", "trends", "--value", "empathic", "--json")))
    (empathic,) = data["values"]
    assert [r["rating"] for r in empathic["ratings"]] == [2, 3]
    assert empathic["times"] == 2


def test_compare_different_roles_and_frameworks(cli, pinned_paths, tmp_path) -> None:  # type: ignore[no-untyped-def]
    home = pinned_paths["home"]
    mine = save(home, "2026-05-01-peer-supporter.md", journal(
        "2026-05-01T10:00:00+00:00",
        reflection("hopeful", 3, (1, 2), ("I shared my story.", None)),
        reflection("empathic", 2, (1,), ("I listened.", None)),
    ))
    shared = tmp_path / "shared" / "supervisor-view.md"
    save(shared.parent, shared.name, journal(
        "2026-05-02T10:00:00+00:00",
        reflection("hopeful", 4, (1,), ("They bring hope to the team.", None), role="supervisor"),
        reflection("open-minded", 3, (2,), ("Curious about new ideas.", None), role="supervisor"),
        role="supervisor", framework="naps-2019",
    ))
    text = out(cli("journal", "compare", mine.name, str(shared)))
    assert "A: 2026-05-01 10:00 · Peer supporter · Peer support values" in text
    assert "B: 2026-05-02 10:00 · Supervisor · NAPS values" in text
    hopeful = text[text.index("2. Hopeful"):text.index("3. Empathic")]
    assert "Rating       ≠ 3 — Steady" in hopeful and "4 — A strength" in hopeful
    assert "They bring hope to the team." in hopeful
    empathic = text[text.index("3. Empathic"):text.index("12. Open-minded")]
    assert "only in A" in empathic
    assert "only in B" in text[text.index("12. Open-minded"):]
    data = json.loads(out(cli("journal", "compare", "latest", str(shared), "--json")))
    by_id = {v["value"]: v for v in data["values"]}
    assert by_id["hopeful"]["rating_differs"] is True
    assert by_id["empathic"]["b"] is None and by_id["open-minded"]["a"] is None


def test_summary_content(cli, history) -> None:  # type: ignore[no-untyped-def]
    text = out(cli("journal", "summary"))
    assert text.startswith("# Growth summary")
    assert "· 2025-01-10 to 2026-01-15 · 5 journals*" in text
    strengths = text[text.index("## Strengths"):text.index("## Items practised most")]
    assert "**Voluntary — Choice**" in strengths
    assert "- Hopeful item 1 for a supporter (Hopeful): practised in 3 of 3" in text
    grew = text[text.index("## Values that grew"):text.index("## Next steps")]
    assert "**Hopeful**: 1.0 → 4.0" in grew
    steps = text[text.index("## Next steps"):text.index("## Action plans")]
    assert "**Transparent — Set clear expectations** (latest rating 2 — Growing)" in steps
    assert "deficit" not in text.lower() and "weak" not in text.lower()
    plans = text[text.index("## Action plans"):]
    assert "counts as carried out when the next prep for the same person" in plans
    assert "2025-03-01 (#2): Sam to try a weekly check-in. — **carried out**" in plans
    # A peer supporter's own plans are not judged by anyone's prep: they are plans, not misses.
    assert "2025-01-10 (#1): Share hope with a short story. — **a plan to look back on**" in plans
    assert "no later record" not in plans
    assert "1 of 1 plan that a later prep could check marked carried out." in plans
    own = out(cli("journal", "summary", "--role", "peer-supporter"))
    assert "3 plans made: each one a step you chose to take." in own
    assert "0 of" not in own
    period = out(cli("journal", "summary", "--role", "supervisor", "--since", "2025-01-01"))
    assert "Supervisor · 2025-01-01 to 2025-04-01 · 2 journals" in period


def test_summary_writes_only_where_told(cli, history, tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "review.md"
    result = cli("journal", "summary", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text().startswith("# Growth summary")
    assert target.stat().st_mode & 0o777 == 0o600
    target.write_text("keep me")
    result = cli("journal", "summary", "-o", str(target))
    assert result.exit_code == 2 and "--force" in result.stderr
    assert target.read_text() == "keep me"
    assert cli("journal", "summary", "-o", str(target), "--force").exit_code == 0
    assert target.read_text().startswith("# Growth summary")
    # Never over a journal, not even with --force.
    before = history["new"].read_bytes()
    result = cli("journal", "summary", "-o", str(history["new"]), "--force")
    assert result.exit_code == 2 and "is a journal" in result.stderr
    assert history["new"].read_bytes() == before


def test_reindex_counts(cli, history) -> None:  # type: ignore[no-untyped-def]
    result = cli("journal", "reindex")
    assert "Indexed 5 journals" in out(result) and "skipped 1." in result.stdout
    assert "skipped 2025-02-02-peer-supporter.md: its front matter is not valid YAML" in (
        result.stderr
    )


def test_no_history_command_writes_a_journal(cli, history, tmp_path) -> None:  # type: ignore[no-untyped-def]
    home = history["new"].parent
    drafts = home / ".drafts"
    drafts.mkdir()
    (drafts / "draft.md").write_text("not a journal")
    before = checksums(home)
    commands = [
        ("list",), ("list", "--json"), ("show", "latest"), ("show", "1"), ("search", "hope"),
        ("trends",), ("compare", "1", "5"), ("summary",), ("reindex",),
        ("summary", "-o", str(tmp_path / "s.md")),
    ]
    for args in commands:
        result = cli("journal", *args)
        assert result.exit_code == 0, (args, result.output)
        assert checksums(home) == before, args


def test_hand_edited_body(cli, history) -> None:  # type: ignore[no-untyped-def]
    assert "Hope came up in the group again." in out(cli("journal", "show", "5"))
    path = history["new"]
    text = path.read_text()
    path.write_text(text.replace("> Hope came up in the group again.",
                                 "> Hope came up again, and then laughter.\n> A second line."))
    shown = out(cli("journal", "show", "5"))
    assert "Hope came up again, and then laughter." in shown
    assert "A second line." in shown
    assert "Hope came up in the group again." not in shown
    found = out(cli("journal", "search", "laughter"))
    assert "Hopeful: Hope came up again, and then laughter." in found
    assert "No journal mentions" in out(cli("journal", "search", "group", "again"))
    # A rating edited in the body wins over the front matter, as when loading the journal.
    path.write_text(path.read_text().replace("**Rating:** 4 — A strength I could help others with",
                                             "**Rating:** 2 — Growing"))
    data = json.loads(out(cli("journal", "list", "--json")))
    assert data["journals"][0]["ratings"]["hopeful"] == 2


@pytest.mark.parametrize("ref", ["9" * 40, "²", "x" * 120_000, "bad\x1b]52;c;eA==\x07", "#0"])
def test_odd_references_get_one_plain_sentence(cli, history, monkeypatch, ref) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("PEERSUP_DEBUG")
    result = cli("journal", "show", ref)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("peersup: No journal")
    assert "did not expect" not in result.stderr and "\x1b" not in result.stderr
    assert len(result.stderr) < 400


def test_show_leaves_skipped_questions_out_unless_all(cli, history) -> None:  # type: ignore[no-untyped-def]
    shown = out(cli("journal", "show", "5"))
    assert "(skipped)" not in shown and "What would you try next?" not in shown
    assert "(2 questions skipped; --all shows them)" not in shown
    assert "question skipped; --all shows them)" in shown
    everything = out(cli("journal", "show", "5", "--all"))
    assert "What would you try next?" in everything and "(skipped)" in everything


@pytest.mark.parametrize("columns", ["80", "60"])
def test_history_views_fit_the_terminal(cli, history, monkeypatch, columns) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", columns)
    for args in (("list",), ("show", "5"), ("show", "5", "--all"), ("trends",),
                 ("compare", "4", "5"), ("compare", "1", "3")):
        printed = out(cli("journal", *args))
        too_wide = [line for line in printed.splitlines() if len(line) > int(columns)]
        assert too_wide == [], (args, too_wide)
    header = out(cli("journal", "list")).splitlines()[0]
    assert header.split() == ["REF", "DATE", "WHAT", "FOR", "VALUES", "STATUS"]
