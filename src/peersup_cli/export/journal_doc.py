"""A filled journal as a Document: ticked guidelines, ratings with labels, the person's words."""

from __future__ import annotations

from .. import messages as msg
from ..guidelines.model import Framework
from ..journal.kinds import closing_sections, session_facts, shared_line
from ..journal.model import KIND_PREP, KIND_RECORD, KIND_SHARE, Journal, ValueReflection
from ..reflection.answers import items
from .model import Block, Document, Item, Part, Prompt, ScalePoint, Section, short_credit

RECORD = "Supervision record"



def build_journal(journal: Journal, framework: Framework | None = None) -> Document:
    """``framework`` (when the guidelines in use have it) adds the rating scale and the credit."""
    role_label = journal.role_label or (
        framework.role_label(journal.role) if framework else journal.role
    )
    fw_title = journal.framework_title or (framework.title if framework else journal.framework)
    scale = (
        tuple(ScalePoint(p.number, p.label) for p in framework.rating_scale) if framework else ()
    )
    sections = tuple(
        Section(
            number=r.number,
            title=r.title,
            practice=r.practice,
            role_label=role_label,
            items=tuple(Item(i.text, i.practiced) for i in r.items),
            prompts=tuple(Prompt(p, _answer(r, n)) for n, p in enumerate(r.prompts)),
            scale=scale,
            rating=r.rating,
            rating_label=r.rating_label or _label(framework, r.rating),
        )
        for r in journal.reflections
        if _has_content(r)
    )
    skipped = tuple(f"{r.number}. {r.title}" for r in journal.reflections if not _has_content(r))
    stamp = journal.date.strftime("%A %d %B %Y, %H:%M")
    name = " ".join((journal.supervisee or "").split())
    title = {KIND_PREP: f"Supervision prep: {name}", KIND_RECORD: f"{RECORD}: {name}",
             KIND_SHARE: "Shared self-evaluation"}.get(journal.kind, "Reflection")
    before: tuple[Block, ...] = ()
    if journal.agenda is not None:
        before = (_agenda(journal),)
    elif journal.record is not None:
        before = (record_block(journal),)
    # The plans at the end as the file has them; a prep's is in its agenda already.
    after = tuple(
        Block(section.title, getattr(journal, section.field), hint=section.note)
        for section in closing_sections(journal)
        if not (journal.agenda is not None and section.field == "action_plan")
    )
    status = "" if journal.status == "complete" else " · unfinished"
    credit = f"Source: {framework.source.credit()}" if framework else ""
    return Document(
        title=title,
        subtitle=f"{stamp} · {role_label}{status}",
        framework_title=fw_title,
        credit=credit,
        footer_credit=short_credit(framework.source) if framework else "",
        filled=True,
        intro=shared_line(journal.shared) if journal.shared is not None else "",
        before=before,
        parts=(Part(role_label, sections, skipped),),
        after=after,
    )


def _answer(r: ValueReflection, n: int) -> str | None:
    """The answer to prompt ``n``; blank counts as unanswered."""
    answer = r.answers[n] if n < len(r.answers) else None
    return answer if answer is not None and answer.strip() else None


def _has_content(r: ValueReflection) -> bool:
    """Something answered, ticked or rated: otherwise the value is left out of the export."""
    answered = any(_answer(r, n) is not None for n in range(len(r.answers)))
    return answered or r.rating is not None or any(i.practiced for i in r.items)


def _label(framework: Framework | None, rating: int | None) -> str:
    point = framework.rating(rating) if framework else None
    return point.label if point else ""


def _agenda(journal: Journal) -> Block:
    agenda = journal.agenda
    assert agenda is not None
    children = [_list("Carried over from last time", agenda.carried, False)]
    if agenda.done:
        children.append(_list("Done since last time", agenda.done, True))
    if agenda.from_share:  # a prep made with the supervisee's share file (prep --with)
        children.append(_list("From their self-evaluation", agenda.from_share, False))
    children.append(_list("Topics to raise", agenda.topics, False))
    children.append(_list("Questions to ask", agenda.questions, False))
    children.append(_list("To offer or check on", items(journal.action_plan), False))
    return Block("Agenda", children=tuple(children))


def record_block(journal: Journal) -> Block:
    """A supervision record: the session's facts, then the values and agenda items talked
    about, and what was agreed (with who; ticked when done)."""
    record = journal.record
    assert record is not None
    children = []
    if record.values:
        children.append(Block(msg.SECTION_VALUES_DISCUSSED,
                              items=tuple(Item(f"{v.number}. {v.title}", True)
                                          for v in record.values)))
    if record.discussed:
        children.append(Block(msg.SECTION_DISCUSSED,
                              items=tuple(Item(text, True) for text in record.discussed)))
    agreed = tuple(
        Item(f"{a.text}{msg.AGREED_WHO}{a.who}" if a.who else a.text, a.done)
        for a in record.agreed
    )
    children.append(Block(msg.SECTION_AGREED, items=agreed, empty=msg.NOTHING_RECORDED))
    facts = " · ".join(session_facts(record)) or msg.SESSION_NOT_SAID
    return Block(RECORD, hint=facts, children=tuple(children))


def _items(texts: list[str], checked: bool) -> tuple[Item, ...]:
    return tuple(Item(t, checked) for t in texts)


def _list(heading: str, texts: list[str], checked: bool) -> Block:
    return Block(heading, items=_items(texts, checked), empty="Nothing listed.")
