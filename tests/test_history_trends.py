"""journal trends and summary say only what the journals show: roles apart, skipped values
not counted, room to grow only where something was ticked less, context items left out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from builders import journal, reflection, save
from peersup_cli.history.filters import Filters
from peersup_cli.history.index import open_index
from peersup_cli.history.trends import trends


def build(pinned_paths: dict[str, Path]) -> Path:
    home = pinned_paths["home"]
    for n in (1, 2, 3):
        save(home, f"2026-01-0{n}-peer-supporter.md", journal(
            f"2026-01-0{n}T09:00:00+00:00",
            reflection("hopeful", 3, (1, 2, 3), ("Shared hope.", None)),  # all ticked, always
            reflection("empathic", None, (), (None, None)),  # skipped through entirely
            reflection("transparent", 2, (1,) if n < 3 else (1, 2), ("Said my role.", None)),
        ))
    save(home, "2026-01-04-supervisor.md", journal(
        "2026-01-04T09:00:00+00:00",
        reflection("hopeful", 4, (2,), ("Modelled hope.", None), role="supervisor"),
        role="supervisor",
    ))
    return home


def trend_json(cli: Any, *args: str) -> list[dict[str, Any]]:
    result = cli("journal", "trends", "--json", *args)
    assert result.exit_code == 0, result.output
    values: list[dict[str, Any]] = json.loads(result.stdout)["values"]
    return values


def test_roles_are_kept_apart_and_labelled(cli: Any, pinned_paths: dict[str, Path]) -> None:
    build(pinned_paths)
    values = trend_json(cli)
    hopeful = {v["role"]: v for v in values if v["value"] == "hopeful"}
    assert set(hopeful) == {"peer-supporter", "supervisor"}
    assert hopeful["supervisor"]["times"] == 1
    assert all("supervisor" in i["text"] for i in hopeful["supervisor"]["items"])
    assert all("supporter" in i["text"] for i in hopeful["peer-supporter"]["items"])
    text = cli("journal", "trends").stdout
    assert "Peer supporter\n" in text and "Supervisor\n" in text
    assert text.index("Peer supporter\n") < text.index("Supervisor\n")


def test_a_value_skipped_through_is_not_reflected_on(
    cli: Any, pinned_paths: dict[str, Path]
) -> None:
    build(pinned_paths)
    assert [v for v in trend_json(cli) if v["value"] == "empathic"] == []


def test_room_to_grow_only_where_something_was_ticked_less(
    cli: Any, pinned_paths: dict[str, Path]
) -> None:
    build(pinned_paths)
    text = cli("journal", "trends", "--role", "peer-supporter").stdout
    hopeful = text[text.index("Hopeful —"):text.index("\n\n", text.index("Hopeful —"))]
    assert "room to grow" not in hopeful  # every guideline ticked every time
    transparent = text[text.index("Transparent —"):]
    assert "most practised (3 of 3): Transparent item 1" in transparent
    assert "room to grow (0 of 3): Transparent item 3" in transparent
    for value in trend_json(cli, "--role", "peer-supporter"):
        assert len({i["shown"] for i in value["items"]}) == 1  # one denominator per value


def test_context_items_are_never_practised_or_room_to_grow(
    pinned_paths: dict[str, Path]
) -> None:
    home = build(pinned_paths)
    context = frozenset({("ma-accs-2022", "peer-supporter", "transparent", 3)})
    with open_index(home) as index:
        found = trends(index, Filters(value="transparent"), context=context)
    (peer,) = [t for t in found if t.role == "peer-supporter"]
    assert [i.text for i in peer.items.values()] == [
        "Transparent item 1 for a supporter", "Transparent item 2 for a supporter"]
    assert [i.text for i in peer.least()] == ["Transparent item 2 for a supporter"]


def test_summary_next_steps_come_from_the_same_role(
    cli: Any, pinned_paths: dict[str, Path]
) -> None:
    build(pinned_paths)
    text = cli("journal", "summary").stdout
    steps = text[text.index("## Next steps"):text.index("## Action plans")]
    assert "for a supervisor" not in steps or "for a supporter" not in steps
    for line in steps.splitlines():
        if "One thing to try next" in line and "Transparent" in line:
            assert "for a supporter" in line


def test_the_context_set_is_cached_and_follows_the_file(tmp_path: Path) -> None:
    from peersup_cli.guidelines import context_cache
    from peersup_cli.guidelines.loader import packaged_path

    packaged = context_cache.context_items()
    assert ("ma-accs-2022", "supervisor", "facilitate-change", 2) in packaged
    assert context_cache.context_items() == packaged  # from the small cache file now
    custom = tmp_path / "ours.yaml"
    text = packaged_path().read_text(encoding="utf-8")
    custom.write_text(text.replace("context: true", "context: false"), encoding="utf-8")
    assert context_cache.context_items(custom) == frozenset()
    custom.write_text(text, encoding="utf-8")
    assert context_cache.context_items(custom) == packaged


def test_summary_escapes_what_journals_hold(cli: Any, pinned_paths: dict[str, Path]) -> None:
    home = pinned_paths["home"]
    save(home, "2026-01-01-peer-supporter.md", journal(
        "2026-01-01T09:00:00+00:00", reflection("hopeful", 4, (1,), ("x", None)),
        action_plan="[click](javascript:alert(1)) <script>x</script> ![i](http://e.org/p.png)"))
    text = cli("journal", "summary").stdout
    plans = text[text.index("## Action plans"):]
    import re

    assert "<script" not in plans and not re.search(r"(?<!\\)\]\(", plans)
    assert "&lt;script&gt;" in plans and "\\[click\\]" in plans


def test_one_value_asked_for_is_that_value_only_however_it_is_counted(
    cli: Any, pinned_paths: dict[str, Path]
) -> None:
    build(pinned_paths)
    kept = trend_json(cli, "--value", "transparent")
    fresh = trend_json(cli, "--value", "transparent", "--since", "2000-01-01")
    assert {v["value"] for v in kept} == {"transparent"}
    assert fresh == kept
