"""``peersup journal``: look back over saved journals (list, show, search, trends, compare,
summary, reindex).

Argument handling only; the work happens in ``peersup_cli.history`` (imported inside the
commands, so other commands never pay for it), the printing in ``output``. No command
here writes a journal: only the index in the cache folder, and a summary where ``-o`` says.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import UsageError
from . import options, output
from .base import Group, HelpArgument
from .common import context_items
from .output import print_json
from .view_output import ViewStream, echo_stream, print_json_stream, print_lines

if TYPE_CHECKING:
    from ..history.records import Skipped


@click.group(
    "journal",
    cls=Group,
    short_help="Look back over your journals.",
    examples=[
        ("peersup journal list", "Your journals, newest first, each with its number."),
        ("peersup journal show latest", "Read your newest journal."),
        ("peersup journal trends", "How each value has gone over time."),
    ],
)
def journal() -> None:
    """Look back over your journals: list, show, search, trends, compare, summary."""


# -- commands ----------------------------------------------------------------------------------
@journal.command(
    "list",
    short_help="Journals, newest first.",
    examples=[
        ("peersup journal list --limit 5", "Your five newest journals."),
        ("peersup journal list -r supervisor --since 2026-01-01", "Supervision this year."),
        ("peersup journal list --value hope", "Journals where you reflected on Hopeful."),
    ],
)
@options.ROLE
@options.SINCE
@options.UNTIL
@options.VALUE
@options.SUPERVISEE
@options.KIND
@options.LIMIT
@options.JSON
@options.JOURNAL_DIR
def list_cmd(
    role: str | None,
    since: str | None,
    until: str | None,
    value: str | None,
    supervisee: str | None,
    kind: str | None,
    limit: int,
    as_json: bool,
    journal_dir: Path | None,
) -> None:
    """Journals, newest first, each with the number to use in `journal show`."""
    from ..history.filters import make_filters
    from .progress import index_for

    folder = _folder(journal_dir)

    with index_for(folder) as index:
        filters = make_filters(index, role, since, until, value, supervisee, kind)
        # Streamed, a row at a time: memory stays the same for 100 or 100,000 journals.
        if as_json:
            rows = index.rows(filters, limit=limit or None, values=True)
            print_json_stream(
                {}, "journals", (e.to_json() for e in rows),
                lambda: {"skipped": [s.to_json() for s in index.skipped()]},
            )
            return
        from .journal_views import list_header, list_row

        columns = width()
        listed = index.listing(filters, limit=limit or None)
        if not echo_stream((list_row(e, columns) for e in listed),
                                  header=list_header(columns)):
            if index.any_readable():
                echo("No journals match these filters.")
            else:
                echo(f"No journals yet in {folder}. Start one with `peersup reflect`.")
        skipped = index.skipped()
    report_skipped(skipped)


@journal.command(
    "show",
    short_help="One journal, laid out for reading.",
    examples=[
        ("peersup journal show latest", "Your newest journal."),
        ("peersup journal show 12", "Journal 12 from `peersup journal list`."),
        ("peersup journal show 2026-11-22 --all", "That day's journal, skipped questions too."),
    ],
)
@options.ref_argument()
@click.option("--all", "show_all", is_flag=True,
              help="Show the skipped questions too (they are left out by default).")
@options.JOURNAL_DIR
def show_cmd(ref: str, show_all: bool, journal_dir: Path | None) -> None:
    """One journal, laid out for reading (a prep's agenda comes first). Questions you skipped
    are left out; --all shows them."""
    from ..history.refs import resolve
    from ..journal.store import load_journal
    from .journal_views import show
    from .progress import index_for

    folder = _folder(journal_dir)
    with index_for(folder) as index:
        resolved = resolve(ref, folder, index)
    journal = load_journal(resolved.path)
    if resolved.note:
        echo(resolved.note, err=True)
    print_lines(show(journal, width(), skipped=show_all))


@journal.command(
    "search",
    short_help="Find words in your journals.",
    examples=[
        ("peersup journal search boundaries", "Every line that mentions boundaries."),
        ("peersup journal search open question -r peer", "Lines with both words."),
    ],
)
@click.argument(
    "text",
    nargs=-1,
    required=True,
    metavar="WORDS",
    cls=HelpArgument,
    help="Words to find (every word must be there).",
)
@options.ROLE
@options.SINCE
@options.UNTIL
@options.VALUE
@options.SUPERVISEE
@options.KIND
@options.JSON
@options.JOURNAL_DIR
def search_cmd(
    text: tuple[str, ...],
    role: str | None,
    since: str | None,
    until: str | None,
    value: str | None,
    supervisee: str | None,
    kind: str | None,
    as_json: bool,
    journal_dir: Path | None,
) -> None:
    """Find words in answers, action plans, support and agendas; shows each matching line."""
    from ..history.filters import make_filters
    from ..history.search import search
    from .progress import index_for

    folder = _folder(journal_dir)
    query = " ".join(text)

    from .journal_views import hit_view, search_total

    with index_for(folder) as index:
        filters = make_filters(index, role, since, until, value, supervisee, kind)
        hits = search(index, query, filters, values=as_json)
        if as_json:
            print_json_stream(
                {"query": query}, "journals",
                ({**h.entry.to_json(), "matches": [m.to_json() for m in h.matches]}
                 for h in hits),
                lambda: {"skipped": [s.to_json() for s in index.skipped()]},
            )
            return
        # Streamed: each journal's lines go out as they are found. On a terminal each line is
        # cut to fit; piped, each line stays whole, like grep.
        cut = sys.stdout.isatty()
        columns = width()
        found_lines = found_journals = 0
        with ViewStream() as out:
            for hit in hits:
                out.add(hit_view(hit, columns, cut_to_fit=cut))
                found_lines += len(hit.matches)
                found_journals += 1
            if found_journals:
                out.add([search_total(found_lines, found_journals)])
        if not found_journals:
            echo(f"No journal mentions {query!r}.")
        skipped = index.skipped()
    report_skipped(skipped)


@journal.command(
    "trends",
    short_help="Each value over time, strengths first.",
    examples=[
        ("peersup journal trends", "Every value, strengths first."),
        ("peersup journal trends --value hope --since 2026-01-01", "One value this year."),
    ],
)
@options.ROLE
@options.VALUE
@options.SINCE
@options.UNTIL
@options.SUPERVISEE
@options.KIND
@options.JSON
@options.JOURNAL_DIR
def trends_cmd(
    role: str | None,
    value: str | None,
    since: str | None,
    until: str | None,
    supervisee: str | None,
    kind: str | None,
    as_json: bool,
    journal_dir: Path | None,
) -> None:
    """For each value: how often and how recently, ratings over time, items practised.

    Strengths first: the values rated highest lately come at the top.
    """
    from ..history.filters import make_filters
    from ..history.trends import trends
    from .journal_views import trends_view
    from .progress import index_for

    folder = _folder(journal_dir)

    with index_for(folder) as index:
        filters = make_filters(index, role, since, until, value, supervisee, kind, own=True)
        values = trends(index, filters, context=context_items(), days=as_json)
        top = max((n for _, n in index.scale_labels()), default=4)
        skipped = index.skipped()
    if as_json:
        print_json({"values": [v.to_json() for v in values],
                    "skipped": [s.to_json() for s in skipped]})
        return
    if values:
        print_lines(trends_view(values, top, width()))
    else:
        echo("No journals to show trends for yet.")
    report_skipped(skipped)


@journal.command(
    "compare",
    short_help="Two journals side by side.",
    examples=[
        ("peersup journal compare 3 latest", "Journal 3 beside your newest one."),
        ("peersup journal compare latest shared/their-journal.md", "Yours beside a shared one."),
    ],
)
@options.ref_argument("a", "A", "The first journal: " + options.REF_HELP)
@options.ref_argument("b", "B", "The second journal (same kinds of reference).")
@options.JSON
@options.JOURNAL_DIR
def compare_cmd(a: str, b: str, as_json: bool, journal_dir: Path | None) -> None:
    """Two journals side by side per value: ratings, items practised, answers.

    Either may be any journal file, such as one a colleague shared, of any role or framework.
    """
    from ..history.compare import compare, describe
    from ..history.refs import resolve
    from ..journal.store import load_journal
    from .journal_views import compare_view
    from .progress import index_for

    folder = _folder(journal_dir)
    with index_for(folder) as index:
        path_a, path_b = resolve(a, folder, index).path, resolve(b, folder, index).path
    ja, jb = load_journal(path_a), load_journal(path_b)
    rows = compare(ja, jb)
    if as_json:
        print_json({"a": {"path": str(path_a), "about": describe(ja)},
               "b": {"path": str(path_b), "about": describe(jb)},
               "values": [r.to_json() for r in rows]})
        return
    print_lines(compare_view(rows, f"{describe(ja)} ({path_a.name})",
                              f"{describe(jb)} ({path_b.name})", width()))


@journal.command(
    "summary",
    short_help="A growth summary in markdown.",
    examples=[
        ("peersup journal summary --since 2026-01-01", "This year, on the screen."),
        ("peersup journal summary --supervisee Sam -o sam.md", "Sam's preps, saved to a file."),
    ],
)
@options.ROLE
@options.SINCE
@options.UNTIL
@options.SUPERVISEE
@options.OUTPUT
@options.FORCE
@options.JOURNAL_DIR
def summary_cmd(
    role: str | None,
    since: str | None,
    until: str | None,
    supervisee: str | None,
    target: Path | None,
    force: bool,
    journal_dir: Path | None,
) -> None:
    """A growth summary in markdown, for a review or a supervision check-in."""
    from ..history.filters import make_filters
    from ..history.summary import covers, summary
    from .progress import index_for

    folder = _folder(journal_dir)
    if target is not None:
        _check_output(target, folder, force)

    with index_for(folder) as index:
        filters = make_filters(index, role, since, until, None, supervisee, own=True)
        period, who, count = covers(index, filters, since=since, until=until,
                                    supervisee=supervisee)
        text = summary(index, filters, period=period, who=who, journals=count,
                       context=context_items())
        skipped = index.skipped()
    if target is None:
        echo(output.fit_markdown(text.rstrip("\n")))
    else:
        from ..storage import atomic_write

        try:
            atomic_write(target, text, overwrite=force)
        except FileExistsError:
            raise UsageError(f"{target} already exists; add --force to replace it.") from None
        echo(f"Wrote the summary to {target}.", err=True)
    report_skipped(skipped)


@journal.command(
    "reindex",
    short_help="Rebuild the journal index from the files.",
    examples=[("peersup journal reindex", "Read every journal again.")],
)
@options.JOURNAL_DIR
def reindex_cmd(journal_dir: Path | None) -> None:
    """Rebuild the journal index from the files (it is only a cache; nothing is lost)."""
    from .progress import index_for

    folder = _folder(journal_dir)
    with index_for(folder, rebuild=True) as index:
        count, skipped = index.count(), index.skipped()
    echo(f"Indexed {count} journal{'s' * (count != 1)} in {folder}; skipped {len(skipped)}.")
    report_skipped(skipped)


# -- helpers -----------------------------------------------------------------------------------
def echo(text: str, *, err: bool = False) -> None:
    output.echo(text, err=err)


def width() -> int:
    """Journal views are laid out for 60 columns at least, so their columns stay readable."""
    return output.text_width(minimum=60)


def report_skipped(skipped: list[Skipped]) -> None:
    for s in skipped:
        output.echo(s.line(), err=True)


def _folder(override: Path | None) -> Path:
    from .common import journal_dir

    return journal_dir(override)


def _check_output(target: Path, folder: Path, force: bool) -> None:
    # A summary must never take the place of a journal, even with --force.
    try:
        inside = target.resolve().parent == folder.resolve() and target.suffix == ".md"
    except OSError:
        inside = False
    if inside and target.exists():
        raise UsageError(f"{target} is a journal; write the summary to another file.")
    if target.exists() and not force:
        raise UsageError(f"{target} already exists; add --force to replace it.")
