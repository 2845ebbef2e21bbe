"""Supervision records and share files in the journal format: written, read back exactly, and
read safely when someone edited them."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import ANY_TEXT, ONE_LINE
from peersup_cli.journal.format import JournalFormatError, parse, render
from peersup_cli.journal.model import (
    Agreement,
    GuidelineItem,
    Journal,
    SessionRecord,
    SharedFrom,
    ValueRef,
    ValueReflection,
)

WHEN = datetime(2026, 12, 4, 15, 0, tzinfo=timezone(timedelta(hours=-5)))


def record(**changes: object) -> Journal:
    rec = SessionRecord(
        held=date(2026, 12, 4), minutes=50, format="individual", mode="video",
        values=[ValueRef("voluntary", 1, "Peer Support is Voluntary")],
        discussed=["Caseload balance", "Self-care after hard calls"],
        agreed=[Agreement("Book the training", "Alex"), Agreement("Send the rota", "me"),
                Agreement("Try the new check-in")],
        next_session=date(2026, 12, 18),
    )
    for key, value in changes.items():
        setattr(rec, key, value)
    return Journal(date=WHEN, role="supervisor", framework="ma-accs-2022", supervisee="Alex",
                   role_label="Supervisor", framework_title="Framework", record=rec,
                   peersup_version="0.2.0")


def shared(parts: list[str], **changes: object) -> Journal:
    value = ValueReflection(
        "hopeful", 2, "Hopeful", "Share Hope",
        items=[GuidelineItem(1, "one", True), GuidelineItem(2, "two")] if "ticks" in parts else [],
        rating=3 if "ratings" in parts else None,
        rating_label="Steady" if "ratings" in parts else None,
        prompts=["What gave you hope?"] if "answers" in parts else [],
        answers=["A walk with a friend."] if "answers" in parts else [],
    )
    j = Journal(date=WHEN, role="peer-supporter", framework="ma-accs-2022", reflections=[value],
                role_label="Peer supporter", framework_title="Framework", peersup_version="0.2.0",
                shared=SharedFrom(on=WHEN + timedelta(days=1), source="2026-12-04-peer.md",
                                  parts=parts, by="Jo"))
    for key, val in changes.items():
        setattr(j, key, val)
    return j


def test_a_record_reads_back_exactly_and_reads_plainly() -> None:
    journal = record()
    text = render(journal)
    assert parse(text) == journal
    assert journal.kind == "record" and "\nkind: record\n" in text
    assert "# Supervision record: Alex — Friday 04 December 2026, 15:00" in text
    for line in ("- Held: Friday 04 December 2026", "- Length: 50 minutes",
                 "- Format: individual", "- Mode: video",
                 "- Next session: Friday 18 December 2026", "- 1. Peer Support is Voluntary",
                 "- [x] Caseload balance", "- [ ] Book the training — who: Alex",
                 "- [ ] Try the new check-in"):
        assert f"\n{line}\n" in text
    # A record asks neither an action plan nor support: no empty sections for them.
    assert "Action plan" not in text and "Support I would like" not in text


def test_a_record_with_nothing_said_says_so() -> None:
    journal = record(held=None, minutes=None, format=None, mode=None, values=[], discussed=[],
                     agreed=[], next_session=None)
    text = render(journal)
    assert parse(text) == journal
    assert "*Nothing recorded about the session itself.*" in text
    assert "*None recorded.*" in text


def test_an_agreed_item_ticked_by_hand_is_done_and_its_words_are_searchable() -> None:
    text = render(record()).replace("- [ ] Send the rota", "- [x] Send the rota")
    back = parse(text)
    assert back.record is not None
    assert [(a.text, a.who, a.done) for a in back.record.agreed] == [
        ("Book the training", "Alex", False), ("Send the rota", "me", True),
        ("Try the new check-in", None, False)]
    lines = text.split("\n")
    where = {b.where: b for b in back.blocks}
    assert lines[where["agreed"].line - 1] == "- [ ] Book the training — who: Alex"
    assert lines[where["discussed"].line - 1] == "- [x] Caseload balance"


@settings(max_examples=200)
@given(
    agreed=st.lists(st.builds(Agreement, ONE_LINE, st.none() | ONE_LINE.filter(
        lambda w: "— who:" not in w and w != ""), st.booleans()), max_size=4),
    discussed=st.lists(ONE_LINE, max_size=3),
    fmt=st.none() | ONE_LINE.filter(lambda t: 0 < len(t) <= 200),
    minutes=st.none() | st.integers(0, 100_000),
)
def test_any_record_round_trips(agreed: list[Agreement], discussed: list[str],
                                fmt: str | None, minutes: int | None) -> None:
    journal = record(agreed=agreed, discussed=discussed, format=fmt, minutes=minutes)
    assert parse(render(journal)) == journal


@pytest.mark.parametrize("parts", [[], ["ratings"], ["ticks"], ["answers"], ["plan"],
                                   ["ratings", "ticks", "answers", "plan", "support"]])
def test_a_share_file_leaves_out_whole_what_was_not_shared(parts: list[str]) -> None:
    journal = shared(parts, action_plan="Ask first." if "plan" in parts else None,
                     support="Time to talk." if "support" in parts else None)
    text = render(journal)
    assert parse(text) == journal
    assert journal.kind == "share" and "\nkind: share\n" in text
    assert "# Shared self-evaluation — Friday 04 December 2026, 15:00" in text
    assert "*Shared by Jo on Saturday 05 December 2026, from 2026-12-04-peer.md." in text
    assert ("**Rating:**" in text) is ("ratings" in parts)
    assert ("- [x] 1. one" in text) is ("ticks" in parts)
    assert ("What gave you hope?" in text) is ("answers" in parts)
    assert ("## Action plan" in text) is ("plan" in parts)
    assert ("## Support I would like" in text) is ("support" in parts)
    assert "Skipped" not in text


def test_an_answer_not_shared_reads_not_shared_and_nothing_held_is_ever_dropped() -> None:
    journal = shared(["answers"])
    journal.reflections[0].answers = [None]
    assert "*Not shared.*" in render(journal)
    assert parse(render(journal)) == journal
    # A rating held despite what the front matter says (a hand edit) is still written out.
    odd = shared(["answers"])
    odd.reflections[0].rating, odd.reflections[0].rating_label = 2, "Growing"
    assert "**Rating:** 2 — Growing" in render(odd)


def test_a_prep_keeps_what_to_offer_under_its_own_heading_and_asks_no_support() -> None:
    prep = Journal(date=WHEN, role="supervisor", framework="ma-accs-2022", supervisee="Alex",
                   role_label="Supervisor", framework_title="Framework",
                   action_plan="Check in on the new group")
    text = render(prep)
    assert "## To offer or check on" in text
    assert "Action plan" not in text and "Support I would like" not in text
    assert parse(text) == prep
    older = Journal(date=WHEN, role="supervisor", framework="ma-accs-2022", supervisee="Alex",
                    role_label="Supervisor", framework_title="Framework",
                    support="More time")  # written by peersup 0.1, which asked it
    assert "Support I would like from supervision" in render(older)
    assert parse(render(older)) == older


@pytest.mark.parametrize(("edit", "check"), [
    ("minutes: 50", lambda r: r.minutes is None),
    ("held: '2026-12-04'", lambda r: r.held is None),
    ("format: individual", lambda r: r.format is None),
])
def test_a_record_edited_into_nonsense_keeps_what_it_can(edit: str, check: object) -> None:
    bad = {"minutes: 50": "minutes: lots", "held: '2026-12-04'": "held: someday",
           "format: individual": "format: [1, 2]"}[edit]
    text = render(record())
    assert f"  {edit}\n" in text
    back = parse(text.replace(f"  {edit}\n", f"  {bad}\n"))
    assert back.record is not None and check(back.record)  # type: ignore[operator]
    assert back.record.agreed  # the rest is read as it was


def test_an_unknown_kind_is_a_reason_not_a_crash() -> None:
    text = render(record()).replace("kind: record", "kind: diary")
    with pytest.raises(JournalFormatError, match="kind is not one peersup knows"):
        parse(text)


def test_record_parts_by_hand_in_a_reflection_are_not_a_record() -> None:
    reflection = Journal(date=WHEN, role="peer-supporter", framework="ma-accs-2022")
    text = render(reflection) + "\n<!-- peersup:agreed -->\n- [ ] Something\n"
    back = parse(text)
    assert back.kind == "reflect" and back.record is None


@settings(max_examples=100)
@given(text=ANY_TEXT)
def test_any_text_as_agreed_item_words_never_breaks_reading(text: str) -> None:
    journal = record()
    body = render(journal) + f"\n<!-- peersup:agreed -->\n- [ ] {text}\n"
    parse(body)  # never raises


def test_each_kind_is_saved_under_a_name_that_says_what_it_is(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from peersup_cli.journal import store

    prep = Journal(date=WHEN, role="supervisor", framework="ma-accs-2022", supervisee="Zoë Li",
                   with_share="2026-12-03-share-zoe-li.md")
    names = [store.save_journal(tmp_path, j).name for j in (
        record(), prep, shared(["ratings"]),
        shared(["ratings"], supervisee="Zoë Li"),
        Journal(date=WHEN, role="peer-supporter", framework="ma-accs-2022"))]
    assert names == ["2026-12-04-supervisor-record-alex.md", "2026-12-04-supervisor-prep-zoe-li.md",
                     "2026-12-04-share.md", "2026-12-04-share-zoe-li.md",
                     "2026-12-04-peer-supporter.md"]
    back = store.read_journal(tmp_path / names[1])
    assert back.with_share == "2026-12-03-share-zoe-li.md"


def test_a_prep_made_with_a_share_file_keeps_its_part_of_the_agenda() -> None:
    from peersup_cli.journal.model import Agenda

    prep = Journal(date=WHEN, role="supervisor", framework="ma-accs-2022", supervisee="Alex",
                   role_label="Supervisor", framework_title="Framework",
                   agenda=Agenda(topics=["Caseload"], from_share=["Rated Hopeful 4 — a strength"]),
                   with_share="2026-12-03-share-alex.md")
    text = render(prep)
    assert ("### From their self-evaluation\n\n<!-- peersup:from_share -->\n"
            "- [ ] Rated Hopeful") in text
    assert "\nwith_share: 2026-12-03-share-alex.md\n" in text
    assert parse(text) == prep
    plain = Journal(date=WHEN, role="supervisor", framework="ma-accs-2022", supervisee="Alex",
                    agenda=Agenda(topics=["Caseload"]))
    assert "self-evaluation" not in render(plain)
