"""``peersup journal``: look back over saved journals (list, show, search, trends, compare,
summary, reindex).

Argument handling only; the work happens in ``peersup_cli.history`` (imported inside the
commands, so other commands never pay for it), the printing in ``journal_render``. No command
here writes a journal: only the index in the cache folder, and a summary where ``-o`` says.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .common import command_group
from .journal_render import echo, print_json, print_lines, report_skipped, width

if TYPE_CHECKING:
    pass

journal_app = command_group(
    "journal", "Look back over your journals: list, show, search, trends, compare, summary."
)

DIR_HELP = "Journal folder (default: PEERSUP_HOME, the config, or the platform's data folder)."
REF_HELP = "A number from `journal list`, `latest`, a date (2026-11-22), or a journal file."


# Each option is declared once and shared by the commands that take it (typer only reads them).
_DIR = typer.Option(None, "--journal-dir", help=DIR_HELP, file_okay=False)
_ROLE = typer.Option(None, "--role", help="Only this role: peer-supporter or supervisor.")
_SINCE = typer.Option(None, "--since", help="From this date on (YYYY-MM-DD).")
_UNTIL = typer.Option(None, "--until", help="Up to and including this date (YYYY-MM-DD).")
_VALUE = typer.Option(None, "--value", help="Only journals covering this value (id or word).")
_SUPERVISEE = typer.Option(None, "--supervisee", help="Only supervision preps for this person.")
_JSON = typer.Option(False, "--json", help="Print JSON only.")


# -- commands ----------------------------------------------------------------------------------
@journal_app.command("list")
def list_cmd(
    role: str | None = _ROLE,
    since: str | None = _SINCE,
    until: str | None = _UNTIL,
    value: str | None = _VALUE,
    supervisee: str | None = _SUPERVISEE,
    limit: int = typer.Option(0, "--limit", min=0, help="Show only the newest N (0: all)."),
    as_json: bool = _JSON,
    journal_dir: Path | None = _DIR,
) -> None:
    """Journals, newest first, each with the number to use in `journal show`."""
    from ..history.filters import make_filters
    from ..history.index import open_index

    folder = _folder(journal_dir)

    with open_index(folder) as index:
        filters = make_filters(index, role, since, until, value, supervisee)
        entries = index.entries(filters, limit=limit or None)
        skipped, any_at_all = index.skipped(), index.count() > 0
    if as_json:
        print_json({"journals": [e.to_json() for e in entries],
                    "skipped": [s.to_json() for s in skipped]})
        return
    if entries:
        from ..history.views import LIST_HEADER, list_row

        lines = [LIST_HEADER, *(list_row(e) for e in entries)]
        echo("\n".join(lines))
    elif any_at_all:
        echo("No journals match these filters.")
    else:
        echo(f"No journals yet in {folder}. Start one with `peersup reflect`.")
    report_skipped(skipped)


@journal_app.command("show")
def show_cmd(
    ref: str = typer.Argument(..., help=REF_HELP),
    journal_dir: Path | None = _DIR,
) -> None:
    """One journal, laid out for reading (a prep's agenda comes first)."""
    from ..history.index import open_index
    from ..history.refs import resolve
    from ..history.views import show
    from ..journal.store import load_journal

    folder = _folder(journal_dir)
    with open_index(folder) as index:
        resolved = resolve(ref, folder, index)
    journal = load_journal(resolved.path)
    if resolved.note:
        typer.echo(resolved.note, err=True)
    print_lines(show(journal, width()))


@journal_app.command("search")
def search_cmd(
    text: list[str] = typer.Argument(..., help="Words to find (every word must be there)."),
    role: str | None = _ROLE,
    since: str | None = _SINCE,
    until: str | None = _UNTIL,
    value: str | None = _VALUE,
    supervisee: str | None = _SUPERVISEE,
    as_json: bool = _JSON,
    journal_dir: Path | None = _DIR,
) -> None:
    """Find words in answers, action plans, support and agendas; shows each matching line."""
    from ..history.filters import make_filters
    from ..history.index import open_index
    from ..history.search import search

    folder = _folder(journal_dir)
    query = " ".join(text)

    from ..history.views import hit_view, search_total

    with open_index(folder) as index:
        filters = make_filters(index, role, since, until, value, supervisee)
        hits = search(index, query, filters)
        if as_json:
            print_json({
                "query": query,
                "journals": [
                    {**h.entry.to_json(), "matches": [m.to_json() for m in h.matches]}
                    for h in hits
                ],
                "skipped": [s.to_json() for s in index.skipped()],
            })
            return
        # Streamed: each journal's lines go out as they are found. On a terminal each line is
        # cut to fit; piped, each line stays whole, like grep.
        cut = sys.stdout.isatty()
        found_lines = found_journals = 0
        for hit in hits:
            print_lines(hit_view(hit, width(), cut_to_fit=cut))
            found_lines += len(hit.matches)
            found_journals += 1
        if found_journals:
            print_lines([search_total(found_lines, found_journals)])
        else:
            echo(f"No journal mentions {query!r}.")
        skipped = index.skipped()
    report_skipped(skipped)


@journal_app.command("trends")
def trends_cmd(
    role: str | None = _ROLE,
    value: str | None = _VALUE,
    since: str | None = _SINCE,
    until: str | None = _UNTIL,
    supervisee: str | None = _SUPERVISEE,
    as_json: bool = _JSON,
    journal_dir: Path | None = _DIR,
) -> None:
    """For each value: how often and how recently, ratings over time, items practised.

    Strengths first: the values rated highest lately come at the top.
    """
    from ..history.filters import make_filters
    from ..history.index import open_index
    from ..history.trends import trends
    from ..history.views import trends_view

    folder = _folder(journal_dir)

    with open_index(folder) as index:
        filters = make_filters(index, role, since, until, value, supervisee)
        values = trends(index.value_rows(filters), index.item_texts(), filters.value,
                        context=_context_items())
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


@journal_app.command("compare")
def compare_cmd(
    a: str = typer.Argument(..., help="The first journal: " + REF_HELP),
    b: str = typer.Argument(..., help="The second journal (same kinds of reference)."),
    as_json: bool = _JSON,
    journal_dir: Path | None = _DIR,
) -> None:
    """Two journals side by side per value: ratings, items practised, answers.

    Either may be any journal file, such as one a colleague shared, of any role or framework.
    """
    from ..history.compare import compare, describe
    from ..history.index import open_index
    from ..history.refs import resolve
    from ..history.views import compare_view
    from ..journal.store import load_journal

    folder = _folder(journal_dir)
    with open_index(folder) as index:
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


@journal_app.command("summary")
def summary_cmd(
    role: str | None = _ROLE,
    since: str | None = _SINCE,
    until: str | None = _UNTIL,
    supervisee: str | None = _SUPERVISEE,
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the summary here."),
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
    journal_dir: Path | None = _DIR,
) -> None:
    """A growth summary in markdown, for a review or a supervision check-in."""
    from ..history.filters import make_filters
    from ..history.index import open_index
    from ..history.summary import covers, summary

    folder = _folder(journal_dir)
    if output is not None:
        _check_output(output, folder, force)

    with open_index(folder) as index:
        filters = make_filters(index, role, since, until, None, supervisee)
        entries = index.entries(filters, newest_first=False)
        period, who = covers(entries, filters, since=since, until=until,
                             supervisee=supervisee)
        text = summary(entries, index.item_texts(), period=period, who=who,
                       context=_context_items())
        skipped = index.skipped()
    if output is None:
        echo(text.rstrip("\n"))
    else:
        from ..storage import atomic_write

        try:
            atomic_write(output, text, overwrite=force)
        except FileExistsError:
            raise _usage(f"{output} already exists; add --force to replace it.") from None
        typer.echo(f"Wrote the summary to {output}.", err=True)
    report_skipped(skipped)


@journal_app.command("reindex")
def reindex_cmd(journal_dir: Path | None = _DIR) -> None:
    """Rebuild the journal index from the files (it is only a cache; nothing is lost)."""
    from ..history.index import open_index

    folder = _folder(journal_dir)
    with open_index(folder, rebuild=True) as index:
        count, skipped = index.count(), index.skipped()
    echo(f"Indexed {count} journal{'s' * (count != 1)} in {folder}; skipped {len(skipped)}.")
    report_skipped(skipped)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(journal_app, name="journal")


# -- helpers -----------------------------------------------------------------------------------
def _context_items() -> frozenset[tuple[str, str, str, int]]:
    """Guideline items that state context, not a practice: never growth areas. A guidelines
    file that cannot be loaded leaves none out rather than stopping a look back."""
    from ..errors import PeersupError
    from ..history.trends import context_items
    from .common import load_guidelines

    try:
        return context_items(load_guidelines())
    except PeersupError:
        return frozenset()


def _folder(override: Path | None) -> Path:
    from .common import journal_dir

    return journal_dir(override)


def _usage(message: str) -> Exception:
    from ..errors import UsageError

    return UsageError(message)


def _check_output(output: Path, folder: Path, force: bool) -> None:
    # A summary must never take the place of a journal, even with --force.
    try:
        inside = output.resolve().parent == folder.resolve() and output.suffix == ".md"
    except OSError:
        inside = False
    if inside and output.exists():
        raise _usage(f"{output} is a journal; write the summary to another file.")
    if output.exists() and not force:
        raise _usage(f"{output} already exists; add --force to replace it.")
