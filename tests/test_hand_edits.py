"""Hand edits that go past what peersup writes still never crash a command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builders import journal, reflection, save
from peersup_cli.journal.format import parse, render


def test_a_huge_number_in_a_heading_is_read_as_text_not_a_crash(
    cli: Any, pinned_paths: dict[str, Path]
) -> None:
    folder = pinned_paths["home"]
    good = save(folder, "2026-03-02-peer-supporter.md", journal("2026-03-02T10:15:00+00:00"))
    edited = render(journal("2026-04-02T10:15:00+00:00", reflection("hopeful")))
    huge = "9" * 5000  # int() refuses more than 4300 digits
    edited = edited.replace("## 2. Hopeful", f"## {huge}. Hopeful").replace(
        "- [x] 1. Hopeful", f"- [x] {huge}. Hopeful"
    )
    assert huge in edited
    (folder / "2026-04-02-peer-supporter.md").write_text(edited, encoding="utf-8")

    loaded = parse(edited)  # the value heading no longer matches; nothing raises
    assert loaded.action_plan == "Ask one open question first."

    listing = cli("journal", "list")
    assert listing.exit_code == 0, listing.output
    assert "2026-04-02" in listing.output and "2026-03-02" in listing.output
    shown = cli("journal", "show", str(good))
    assert shown.exit_code == 0 and "Hopeful" in shown.output
    search = cli("journal", "search", "open question")
    assert search.exit_code == 0 and "2026-04-02" in search.output
