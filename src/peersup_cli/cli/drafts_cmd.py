"""``peersup drafts``: the unfinished sessions, how to carry on with each, and ``--discard``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import options, output
from .base import Command

if TYPE_CHECKING:
    from ..guidelines.model import Guidelines
    from ..reflection.resume import Unfinished


@click.command(
    "drafts",
    cls=Command,
    short_help="List your unfinished sessions; discard one.",
    examples=[
        ("peersup drafts", "Every unfinished reflection, prep and record, newest first."),
        ("peersup drafts --discard 2", "Discard the second one (a journal it saved is kept)."),
    ],
)
@click.option(
    "--discard",
    type=options.Number(1),
    metavar="NUMBER",
    help="Discard unfinished session NUMBER of the list. Its draft is removed; an unfinished "
    "journal it saved stays in your journals.",
)
@options.JOURNAL_DIR
@options.JSON
def drafts(discard: int | None, journal_dir: Path | None, as_json: bool) -> None:
    """List the sessions you have not finished, newest first, with how to carry on with each.

    A session stopped with :q, Ctrl-C or a closed window is kept as a draft (and, after :q, an
    unfinished journal); `peersup reflect --resume`, `peersup prep NAME --resume` or
    `peersup record NAME --resume` carries on.
    """
    from .. import messages as msg
    from ..errors import UsageError
    from ..history.lookback import Lookback
    from ..reflection.resume import sessions
    from ..reflection.unfinished import discard as discard_one
    from . import common

    guidelines = _guidelines()
    jdir = common.journal_dir(journal_dir)
    with Lookback(jdir) as lookback:
        found, problems = sessions(lookback, guidelines)
    for sentence in problems:
        output.error(sentence)
    if discard is not None:
        if not 1 <= discard <= len(found):
            raise UsageError(msg.NO_SUCH_DRAFT.format(number=discard, count=len(found)))
        import textwrap

        sentence = discard_one(jdir, found[discard - 1].draft).sentence
        output.echo("\n".join(  # wrapped at words; the path on a line of its own, whole
            textwrap.fill(part, output.text_width(), break_long_words=False)
            for part in sentence.split("\n")))
        return
    rows = _rows(found, guidelines)
    if as_json:
        output.print_json({"unfinished": rows})
        return
    if not rows:
        output.echo(msg.NO_DRAFTS)
        return
    lines: list[str] = []
    for row in rows:
        lines.append(f"{row['number']:>2}  {row['what']}")
        detail = row["answered"]
        if row["problem"]:
            detail += f" · {msg.DRAFT_CANNOT_RUN.format(reason=row['problem'])}"
        elif row["open_elsewhere"]:
            detail += f" · {msg.DRAFT_OPEN_ELSEWHERE}"
        elif row["resume"]:
            detail += f" · `{row['resume']}`"
        else:
            detail += f" · {msg.DRAFT_OLDER}"
        lines.append(f"    {detail}")
        for label in ("draft", "journal"):
            if row[label]:
                lines.append(f"    {msg.DRAFT_LABELS[label]}: {row[label]}")
    lines += ["", msg.DRAFTS_FOOTER]
    output.echo("\n".join(lines))


def _guidelines() -> Guidelines | None:
    from ..errors import PeersupError
    from . import common

    try:
        return common.load_guidelines()
    except PeersupError:  # listing drafts needs no guidelines; resuming says what is wrong
        return None


def _rows(found: list[Unfinished], guidelines: Guidelines | None) -> list[dict[str, Any]]:
    from .. import messages as msg
    from ..journal.store import person_key
    from ..reflection.plan import KIND_REFLECT
    from .unfinished_offer import describe

    rows: list[dict[str, Any]] = []
    first: set[tuple[str, str, str]] = set()
    for n, item in enumerate(found, start=1):
        d = item.draft
        said = describe(item, guidelines)
        # --resume takes the newest of a kind (for a reflection: of a role; for a prep or a
        # record: of a person): say its command only for that one.
        key = (d.kind, d.role if d.kind == KIND_REFLECT else "", person_key(d.supervisee or ""))
        resume = None
        if key not in first and item.problem is None:
            first.add(key)
            resume = msg.resume_command(d.supervisee if d.kind != KIND_REFLECT else None, d.kind)
            if d.kind == KIND_REFLECT:
                resume += f" --role {d.role}"
        rows.append({
            "number": n,
            "kind": d.kind,
            "role": d.role,
            "supervisee": d.supervisee,
            "started": item.started.isoformat(),
            "what": said.what_when[:1].upper() + said.what_when[1:],
            "answered": said.answered[:1].upper() + said.answered[1:],
            "draft": str(d.path) if d.path.is_file() else None,
            "journal": str(d.path.parent.parent / item.partial_journal)
            if item.partial_journal else None,
            "open_elsewhere": item.open_elsewhere is not None,
            "problem": item.problem,
            "resume": resume,
        })
    return rows
