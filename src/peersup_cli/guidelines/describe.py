"""The guidelines as plain data (for ``--json``) and plain text (for piped output).

Pure functions, no terminal I/O: the browse commands print what these return. Plain text is
what peersup prints when its output goes to a file or another program (it needs no rich, which
keeps those runs fast); on a terminal the same data is drawn with rich tables.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from .. import messages as msg

if TYPE_CHECKING:  # the diff module is only loaded by `frameworks --diff`
    from .diff import Change, FrameworkDiff
    from .model import Framework, Guidelines, Value

GAP = 2  # spaces between table columns


# -- data for --json -------------------------------------------------------------------------
def framework_dict(fw: Framework) -> dict[str, Any]:
    s = fw.source
    return {
        "id": fw.id,
        "title": fw.title,
        "values": len(fw.values),
        "roles": [{"id": r.id, "label": r.label} for r in fw.roles],
        "source": {
            "title": s.title,
            "organisation": s.organisation,
            "year": s.year,
            "url": s.url,
            "licence": s.licence,
            "citation": s.citation,
            "adapted_from": s.adapted_from,
            "credit": s.credit(),
        },
        "rating_scale": [
            {"number": p.number, "label": p.label, "description": p.description}
            for p in fw.rating_scale
        ],
        "glossary": dict(fw.glossary),
    }


def value_row(v: Value) -> dict[str, Any]:
    return {"number": v.number, "id": v.id, "title": v.title, "practice": v.practice}


def value_dict(fw: Framework, v: Value, roles: tuple[str, ...]) -> dict[str, Any]:
    return {
        "framework": fw.id,
        **value_row(v),
        "description": v.description,
        "roles": list(roles),
        "guidelines": {r: list(v.guidelines.get(r, ())) for r in roles},
        # Numbers (from 1) of the items above that set the scene: not for ticking.
        "context_items": {r: list(v.context.get(r, ())) for r in roles},
        "prompts": {r: list(v.prompts.get(r, ())) for r in roles},
        # The glossary terms this value's text uses, so a reader can look them up.
        "glossary": [
            {"term": term, "meaning": meaning}
            for term, meaning in fw.terms_in(value_source_text(v, roles))
        ],
    }


def value_source_text(v: Value, roles: tuple[str, ...]) -> str:
    """A value's own text for ``roles`` (title, practice, description, items), not the prompts."""
    items = [t for r in roles for t in v.guidelines.get(r, ())]
    return "\n".join([v.title, v.practice, v.description, *items])


def framework_rows(guidelines: Guidelines) -> list[list[str]]:
    """Rows for the frameworks table: id, title, values, roles, source."""
    return [
        [
            fw.id,
            fw.title,
            str(len(fw.values)),
            ", ".join(r.label for r in fw.roles),
            f"{fw.source.organisation.split(' (')[0].split(',')[0]}, {fw.source.year}",
        ]
        for fw in guidelines.frameworks
    ]


# -- plain text ------------------------------------------------------------------------------
def frameworks_text(guidelines: Guidelines, width: int) -> str:
    """The frameworks table as records: five columns do not fit 80 characters readably."""
    rows = framework_rows(guidelines)
    pad = max(len(r[0]) for r in rows) + GAP
    blocks = []
    for fid, title, count, roles, source in rows:
        lines = [f"{title}", f"{count} values; roles: {roles}", f"Source: {source}"]
        wrapped = [
            textwrap.fill(
                line,
                width,
                initial_indent=" " * pad,
                subsequent_indent=" " * pad,
                break_on_hyphens=False,
            )
            for line in lines
        ]
        first = wrapped[0]
        wrapped[0] = fid.ljust(pad) + first[pad:]
        blocks.append("\n".join(wrapped))
    return "\n\n".join(blocks)


def plain_table(headers: list[str], rows: list[list[str]], width: int) -> str:
    """Aligned columns that fit ``width``: the widest columns wrap until the table fits."""
    cols = len(headers)
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(cols)]
    room = max(width - GAP * (cols - 1), cols * 4)
    while sum(widths) > room:
        i = max(range(cols), key=lambda c: widths[c])
        if widths[i] <= 4:
            break
        widths[i] -= 1
    lines: list[str] = []
    rule = ["-" * w for w in widths]
    for row in [headers, rule, *rows]:
        cells = [
            textwrap.wrap(cell, w, break_on_hyphens=False) or [""]
            for cell, w in zip(row, widths, strict=True)
        ]
        for k in range(max(len(c) for c in cells)):
            parts = [
                (c[k] if k < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)
            ]
            lines.append((" " * GAP).join(parts).rstrip())
    return "\n".join(lines)


def numbered(
    items: tuple[str, ...] | list[str], width: int, indent: int = 2, bullet: str = ""
) -> str:
    """Items as a numbered (or bulleted) list with hanging indentation."""
    out: list[str] = []
    for n, item in enumerate(items, 1):
        mark = bullet or f"{n}."
        lead = " " * indent + mark.rjust(3 if not bullet else len(bullet)) + " "
        out.append(
            textwrap.fill(
                " ".join(item.split()),
                width,
                initial_indent=lead,
                subsequent_indent=" " * len(lead),
                break_on_hyphens=False,
            )
        )
    return "\n".join(out)


def paragraphs(text: str, width: int, indent: int = 0) -> str:
    """Wrap each paragraph (separated by blank lines in the data) to ``width``."""
    pad = " " * indent
    blocks = [b for b in text.split("\n\n") if b.strip()]
    return "\n\n".join(
        textwrap.fill(
            " ".join(b.split()),
            width,
            initial_indent=pad,
            subsequent_indent=pad,
            break_on_hyphens=False,
            break_long_words=False,  # paths and URLs stay whole (and copyable)
        )
        for b in blocks
    )


def value_text(fw: Framework, v: Value, roles: tuple[str, ...], width: int) -> str:
    """One value in full, as plain text: then the words the glossary explains."""
    heading = textwrap.fill(f"{v.number}. {v.title}: {v.practice}", width, break_on_hyphens=False)
    parts = [f"{heading}\n{fw.id} / {v.id}"]
    if v.description.strip():
        parts.append(paragraphs(v.description, width))
    for role in roles:
        label = fw.role_label(role)
        # An item that sets the scene rather than names a practice is marked (never ticked).
        items = [f"{msg.CONTEXT_MARK} {i.text}" if i.context else i.text for i in v.items(role)]
        if items:
            parts.append(f"{label} guidelines\n{numbered(items, width)}")
    for role in roles:
        prompts = v.prompts.get(role, ())
        if prompts:
            parts.append(
                f"Questions to reflect on ({fw.role_label(role).lower()})\n"
                + numbered(prompts, width, bullet="-")
            )
    terms = fw.terms_in(value_source_text(v, roles))
    if terms:
        parts.append(msg.WORDS_HEADING.rstrip(":") + "\n" + "\n".join(
            textwrap.fill(f"{term}: {meaning}", width, initial_indent="  ",
                          subsequent_indent="    ", break_on_hyphens=False)
            for term, meaning in terms))
    return "\n\n".join(parts)


def diff_text(d: FrameworkDiff, width: int) -> str:
    """What ``d.b`` changed from ``d.a``, as plain text."""
    out: list[str] = [f"What {d.b} changed from {d.a}"]
    if d.identical:
        out.append("  No differences: same values, titles, practice phrases and items.")
        return "\n".join(out)
    counts = (
        f"{len(d.values_added)} added, {len(d.values_removed)} removed, "
        f"{len(d.values_changed)} changed, {len(d.values_unchanged)} unchanged"
    )
    out.append(_wrap(f"Values: {counts}.", width))
    if d.title:
        out.append(_change_line("Title", d.title, width))
    if d.roles_added:
        out.append(_wrap(f"Roles added: {', '.join(d.roles_added)}", width))
    if d.roles_removed:
        out.append(_wrap(f"Roles removed: {', '.join(d.roles_removed)}", width))
    if d.values_added:
        out.append("\nValues added (only in " + d.b + ")")
        out += [
            _wrap(f"+ {v.number}. {v.id}: {v.title} ({v.practice})", width, 4)
            for v in d.values_added
        ]
    if d.values_removed:
        out.append("\nValues removed (only in " + d.a + ")")
        out += [
            _wrap(f"- {v.number}. {v.id}: {v.title} ({v.practice})", width, 4)
            for v in d.values_removed
        ]
    if d.values_changed:
        roles = ", ".join(d.shared_roles) or "none"
        out.append(f"\nValues in both that changed (items compared for: {roles})")
        for vd in d.values_changed:
            a_num, b_num = vd.number
            moved = f" (number {a_num} -> {b_num})" if a_num != b_num else ""
            out.append(f"\n  {vd.id}{moved}")
            if vd.title:
                out.append(_change_line("Title", vd.title, width, 4))
            if vd.practice:
                out.append(_change_line("Practice", vd.practice, width, 4))
            if vd.description_changed:
                out.append("    Description: reworded")
            for ic in vd.items:
                for sign, items, what in (("+", ic.added, "added"), ("-", ic.removed, "removed")):
                    if items:
                        out.append(f"    {ic.role} items {what}: {len(items)}")
                        out += [_wrap(f"{sign} {t}", width, 6) for t in items]
    if d.values_unchanged:
        out.append(_wrap("\nUnchanged: " + ", ".join(d.values_unchanged), width))
    return "\n".join(out)


def _change_line(label: str, change: Change, width: int, indent: int = 2) -> str:
    note = " (capitalisation only)" if change.case_only else ""
    return _wrap(f'{label}: "{change.old}" -> "{change.new}"{note}', width, indent)


def _wrap(text: str, width: int, indent: int = 2) -> str:
    lead = "\n" if text.startswith("\n") else ""
    pad = " " * indent
    return lead + textwrap.fill(
        " ".join(text.split()),
        width,
        initial_indent=pad,
        subsequent_indent=pad + "  ",
        break_on_hyphens=False,
    )
