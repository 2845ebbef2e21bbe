"""A blank, printable checklist for a framework, its roles and values, as a Document."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import UsageError
from ..guidelines.lookup import check_role
from ..guidelines.model import Framework, Value
from .model import Document, Item, Part, Prompt, ScalePoint, Section, short_credit

BOTH = "both"
INTRO = (
    "For each value, tick the guidelines you practise, write a few lines for each prompt, "
    "and choose the rating that fits best right now. There are no right or wrong answers: "
    "this sheet is for your own reflection and for supervision."
)


def resolve_roles(framework: Framework, role: str | None) -> list[str]:
    """The role ids to print: one role, or every role the framework has for ``both``/None."""
    if role is None or role == BOTH:
        return list(framework.role_ids)
    checked = check_role(framework, role)
    assert checked is not None
    return [checked]


def build_checklist(
    framework: Framework,
    roles: Sequence[str],
    values: Sequence[Value],
    *,
    descriptions: bool = False,
    prompts: bool = False,
) -> Document:
    """The worksheet for ``roles`` (ids the framework has) and ``values``, in the order given."""
    if not roles:
        raise UsageError(f"The framework {framework.id} has no roles to print.")
    if not values:
        raise UsageError("Choose at least one value to print.")
    scale = tuple(ScalePoint(p.number, p.label) for p in framework.rating_scale)
    parts: list[Part] = []
    for role_id in roles:
        label = framework.role_label(role_id)
        sections = tuple(
            Section(
                number=v.number,
                title=v.title,
                practice=v.practice,
                role_label=label,
                description=_paragraphs(v.description) if descriptions else "",
                items=tuple(Item(_line(t)) for t in v.guidelines.get(role_id, ())),
                prompts=tuple(Prompt(_line(t)) for t in v.prompts.get(role_id, ()))
                if prompts
                else (),
                scale=scale,
            )
            for v in values
        )
        parts.append(Part(label, sections))
    labels = " and ".join(p.label for p in parts)
    return Document(
        title=f"Reflection checklist: {labels}",
        subtitle=framework.title,
        framework_title=framework.title,
        credit=f"Source: {framework.source.credit()}",
        footer_credit=short_credit(framework.source),
        filled=False,
        intro=INTRO,
        parts=tuple(parts),
    )


def _paragraphs(text: str) -> str:
    """YAML block text to paragraphs: single newlines are wrapping, blank lines separate."""
    paras = (" ".join(p.split()) for p in text.strip().split("\n\n"))
    return "\n\n".join(p for p in paras if p)


def _line(text: str) -> str:
    return " ".join(text.split())
