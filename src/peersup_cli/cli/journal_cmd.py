"""``peersup journal``: look back over saved journals (list, show, search, trends, compare,
summary, reindex).

Argument handling and printing only; the work happens in ``peersup_cli.history`` (imported
inside the commands, so other commands never pay for it). No command here writes a journal:
only the index in the cache folder, and a summary where ``-o`` says.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from ..history.index import Filters, Index, Skipped
    from ..history.views import Line

journal_app = typer.Typer(
    help="Look back over your journals: list, show, search, trends, compare, summary.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

DIR_HELP = "Journal folder (default: PEERSUP_HOME, the config, or the platform's data folder)."
REF_HELP = "A number from `journal list`, `latest`, a date (2026-11-22), or a journal file."


def _dir_opt() -> Any:
    return typer.Option(None, "--journal-dir", help=DIR_HELP, file_okay=False)


def _role_opt() -> Any:
    return typer.Option(None, "--role", help="Only this role: peer-supporter or supervisor.")


def _since_opt() -> Any:
    return typer.Option(None, "--since", help="From this date on (YYYY-MM-DD).")


def _until_opt() -> Any:
    return typer.Option(None, "--until", help="Up to and including this date (YYYY-MM-DD).")


def _value_opt() -> Any:
    return typer.Option(None, "--value", help="Only journals covering this value (id or word).")


def _supervisee_opt() -> Any:
    return typer.Option(None, "--supervisee", help="Only supervision preps for this person.")


def _json_opt() -> Any:
    return typer.Option(False, "--json", help="Print JSON only.")


# -- commands ----------------------------------------------------------------------------------
@journal_app.command("list")
def list_cmd(
    role: str | None = _role_opt(),
    since: str | None = _since_opt(),
    until: str | None = _until_opt(),
    value: str | None = _value_opt(),
    supervisee: str | None = _supervisee_opt(),
    limit: int = typer.Option(0, "--limit", min=0, help="Show only the newest N (0: all)."),
    as_json: bool = _json_opt(),
    journal_dir: Path | None = _dir_opt(),
) -> None:
    """Journals, newest first, each with the number to use in `journal show`."""
    from ..history.index import with_index

    folder = _folder(journal_dir)

    def work(index: Index) -> tuple[list[Any], list[Skipped], bool]:
        filters = _filters(index, role, since, until, value, supervisee)
        return index.entries(filters, limit=limit or None), index.skipped(), index.count() > 0

    entries, skipped, any_at_all = with_index(folder, work)
    if as_json:
        _json({"journals": [_entry_json(e) for e in entries], "skipped": _skipped_json(skipped)})
        return
    if entries:
        from ..history.views import LIST_HEADER, list_row

        lines = [LIST_HEADER, *(list_row(e) for e in entries)]
        _echo("\n".join(lines))
    elif any_at_all:
        _echo("No journals match these filters.")
    else:
        _echo(f"No journals yet in {folder}. Start one with `peersup reflect`.")
    _report_skipped(skipped)


@journal_app.command("show")
def show_cmd(
    ref: str = typer.Argument(..., help=REF_HELP),
    journal_dir: Path | None = _dir_opt(),
) -> None:
    """One journal, laid out for reading (a prep's agenda comes first)."""
    from ..history.refs import resolve
    from ..history.views import show

    resolved = resolve(ref, _folder(journal_dir))
    journal = _load(resolved.path)
    if resolved.note:
        typer.echo(resolved.note, err=True)
    _print_lines(show(journal, _width()))


@journal_app.command("search")
def search_cmd(
    text: list[str] = typer.Argument(..., help="Words to find (every word must be there)."),
    role: str | None = _role_opt(),
    since: str | None = _since_opt(),
    until: str | None = _until_opt(),
    value: str | None = _value_opt(),
    supervisee: str | None = _supervisee_opt(),
    as_json: bool = _json_opt(),
    journal_dir: Path | None = _dir_opt(),
) -> None:
    """Find words in answers, action plans, support and agendas; shows each matching line."""
    from ..history.index import with_index
    from ..history.search import search

    folder = _folder(journal_dir)
    query = " ".join(text)

    def work(index: Index) -> tuple[Any, list[Skipped]]:
        filters = _filters(index, role, since, until, value, supervisee)
        return search(index, query, filters), index.skipped()

    hits, skipped = with_index(folder, work)
    if as_json:
        _json({
            "query": query,
            "journals": [
                {**_entry_json(h.entry), "matches": [m.to_json() for m in h.matches]}
                for h in hits
            ],
            "skipped": _skipped_json(skipped),
        })
        return
    from ..history.search import snippet
    from ..history.views import Line

    lines: list[Line] = []
    width = _width()
    cut_to_fit = sys.stdout.isatty()  # piped, each line stays whole, like grep
    for hit in hits:
        e = hit.entry
        who = e.who() + (f", prep for {e.supervisee}" if e.supervisee else "")
        heading = f"{e.ref}  {e.date[:16].replace('T', ' ')}  {who}"
        lines.append(Line(f"{heading}  {e.name}" if cut_to_fit else heading, "heading"))
        for m in hit.matches:
            if cut_to_fit:  # a terminal: short prefix, the line cut around the match
                where = m.where if len(m.where) <= 24 else m.where[:23] + "…"
                prefix = f"  {m.line:>4}  {where}: "
                cut, spans = snippet(m, max(30, width - len(prefix)))
            else:  # piped: file:line: where: text, whole, like grep
                prefix = f"  {e.name}:{m.line}: {m.where}: "
                cut, spans = m.text, m.spans
            lines.append(Line(prefix + cut, "", [(a + len(prefix), b + len(prefix))
                                                 for a, b in spans]))
    if hits:
        count = sum(len(h.matches) for h in hits)
        lines.append(Line(f"{count} matching line{'s' * (count != 1)} in {len(hits)} "
                          f"journal{'s' * (len(hits) != 1)}.", "dim"))
        _print_lines(lines)
    else:
        _echo(f"No journal mentions {query!r}.")
    _report_skipped(skipped)


@journal_app.command("trends")
def trends_cmd(
    role: str | None = _role_opt(),
    value: str | None = _value_opt(),
    since: str | None = _since_opt(),
    until: str | None = _until_opt(),
    supervisee: str | None = _supervisee_opt(),
    as_json: bool = _json_opt(),
    journal_dir: Path | None = _dir_opt(),
) -> None:
    """For each value: how often and how recently, ratings over time, items practised.

    Strengths first: the values rated highest lately come at the top.
    """
    from ..history.index import with_index
    from ..history.trends import trends
    from ..history.views import trends_view

    folder = _folder(journal_dir)

    def work(index: Index) -> tuple[Any, list[Skipped], int]:
        filters = _filters(index, role, since, until, value, supervisee)
        found = trends(index.value_rows(filters), index.item_texts(), filters.value)
        top = max((n for _, n in index.scale_labels()), default=4)
        return found, index.skipped(), top

    values, skipped, top = with_index(folder, work)
    if as_json:
        _json({"values": [v.to_json() for v in values], "skipped": _skipped_json(skipped)})
        return
    if values:
        _print_lines(trends_view(values, top, _width()))
    else:
        _echo("No journals to show trends for yet.")
    _report_skipped(skipped)


@journal_app.command("compare")
def compare_cmd(
    a: str = typer.Argument(..., help="The first journal: " + REF_HELP),
    b: str = typer.Argument(..., help="The second journal (same kinds of reference)."),
    as_json: bool = _json_opt(),
    journal_dir: Path | None = _dir_opt(),
) -> None:
    """Two journals side by side per value: ratings, items practised, answers.

    Either may be any journal file, such as one a colleague shared, of any role or framework.
    """
    from ..history.compare import compare, describe
    from ..history.index import with_index
    from ..history.refs import resolve
    from ..history.views import compare_view

    folder = _folder(journal_dir)
    path_a, path_b = with_index(
        folder, lambda idx: (resolve(a, folder, idx).path, resolve(b, folder, idx).path)
    )
    ja, jb = _load(path_a), _load(path_b)
    rows = compare(ja, jb)
    if as_json:
        _json({"a": {"path": str(path_a), "about": describe(ja)},
               "b": {"path": str(path_b), "about": describe(jb)},
               "values": [r.to_json() for r in rows]})
        return
    _print_lines(compare_view(rows, f"{describe(ja)} ({path_a.name})",
                              f"{describe(jb)} ({path_b.name})", _width()))


@journal_app.command("summary")
def summary_cmd(
    role: str | None = _role_opt(),
    since: str | None = _since_opt(),
    until: str | None = _until_opt(),
    supervisee: str | None = _supervisee_opt(),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the summary here."),
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
    journal_dir: Path | None = _dir_opt(),
) -> None:
    """A growth summary in markdown, for a review or a supervision check-in."""
    from ..history.index import with_index
    from ..history.summary import summary

    folder = _folder(journal_dir)
    if output is not None:
        _check_output(output, folder, force)

    def work(index: Index) -> tuple[str, list[Skipped]]:
        filters = _filters(index, role, since, until, None, supervisee)
        entries = index.entries(filters, newest_first=False)
        first = since or (entries[0].day if entries else "")
        last = until or (entries[-1].day if entries else "")
        period = f"{first} to {last}" if first or last else "all time"
        roles = sorted({e.who() for e in entries}) or [filters.role or "all roles"]
        who = ", ".join(roles) + (f" · prep for {supervisee}" if supervisee else "")
        return summary(entries, index.item_texts(), period=period, who=who), index.skipped()

    text, skipped = with_index(folder, work)
    if output is None:
        _echo(text.rstrip("\n"))
    else:
        from ..storage import atomic_write

        try:
            atomic_write(output, text, overwrite=force)
        except FileExistsError:
            raise _usage(f"{output} already exists; add --force to replace it.") from None
        typer.echo(f"Wrote the summary to {output}.", err=True)
    _report_skipped(skipped)


@journal_app.command("reindex")
def reindex_cmd(journal_dir: Path | None = _dir_opt()) -> None:
    """Rebuild the journal index from the files (it is only a cache; nothing is lost)."""
    from ..history.index import with_index

    folder = _folder(journal_dir)
    count, skipped = with_index(folder, lambda idx: (idx.count(), idx.skipped()), rebuild=True)
    _echo(f"Indexed {count} journal{'s' * (count != 1)} in {folder}; skipped {len(skipped)}.")
    _report_skipped(skipped)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(journal_app, name="journal")


# -- helpers -----------------------------------------------------------------------------------
def _folder(override: Path | None) -> Path:
    from .common import journal_dir

    return journal_dir(override)


def _usage(message: str) -> Exception:
    from ..errors import UsageError

    return UsageError(message)


def _filters(
    index: Index,
    role: str | None,
    since: str | None,
    until: str | None,
    value: str | None,
    supervisee: str | None,
) -> Filters:
    from ..history.index import Filters

    return Filters(
        role=_pick(role, index.known("role"), "role") if role else None,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        value=_value(index, value) if value else None,
        supervisee=supervisee.strip() if supervisee else None,
    )


def _pick(text: str, known: list[str], what: str) -> str:
    key = text.strip().lower()
    if key in known or not known:
        return key
    starts = [k for k in known if k.startswith(key)]
    if len(starts) == 1:
        return starts[0]
    raise _usage(f"No journals have the {what} {text!r}. Your journals have: {', '.join(known)}.")


def _date(text: str | None, option: str) -> str | None:
    if not text:
        return None
    from datetime import date

    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise _usage(f"{option} takes a date like 2026-11-22, not {text!r}.") from None


def _value(index: Index, text: str) -> str:
    titles = index.value_titles()
    key = text.strip().lower()
    if key in titles or not titles:
        return key
    by_number = [vid for vid, (n, _, _) in titles.items() if str(n) == key]
    if len(by_number) == 1:
        return by_number[0]
    words = [
        vid for vid, (_, title, practice) in titles.items()
        if any(w.startswith(key) for w in f"{vid} {title} {practice}".lower().replace("-", " ")
               .split()) or key in vid
    ]
    if len(words) == 1:
        return words[0]
    known = ", ".join(sorted(titles))
    if words:
        raise _usage(f"{text!r} fits more than one value: {', '.join(words)}.")
    raise _usage(f"No journal covers a value {text!r}. Values in your journals: {known}.")


def _load(path: Path) -> Any:
    from ..errors import JournalError
    from ..journal.format import JournalFormatError, parse

    try:
        return parse(path.read_text(encoding="utf-8"))
    except JournalFormatError as exc:
        raise JournalError(f"Could not read {path.name}: {exc}.") from None
    except UnicodeDecodeError:
        raise JournalError(f"Could not read {path.name}: it is not UTF-8 text.") from None
    except OSError as exc:
        raise JournalError(f"Could not read {path}: {exc.strerror}.") from None


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


def _entry_json(e: Any) -> dict[str, Any]:
    return {
        "ref": e.ref,
        "path": str(e.path),
        "date": e.date,
        "role": e.role,
        "framework": e.framework,
        "supervisee": e.supervisee,
        "status": e.status,
        "values": [v[0] for v in e.vals()],
        "ratings": e.ratings(),
    }


def _skipped_json(skipped: list[Skipped]) -> list[dict[str, str]]:
    return [{"name": s.name, "reason": s.reason} for s in skipped]


def _report_skipped(skipped: list[Skipped]) -> None:
    for s in skipped:
        typer.echo(s.line(), err=True)


def _json(data: Any) -> None:
    from .common import print_json

    print_json(data)


def _echo(text: str) -> None:
    typer.echo(text)


def _width() -> int:
    import shutil

    return max(60, min(100, shutil.get_terminal_size((80, 24)).columns))


_STYLES = {
    "title": "bold",
    "heading": "bold cyan",
    "dim": "dim",
    "good": "green",
    "diff": "yellow",
}


def _print_lines(lines: list[Line]) -> None:
    """Styled on a terminal (rich honours NO_COLOR); plain text when piped."""
    if not sys.stdout.isatty() or os.environ.get("TERM") == "dumb":
        typer.echo("\n".join(line.text for line in lines))
        return
    from rich.text import Text

    from .common import console

    out = console()
    for line in lines:
        text = Text(line.text, style=_STYLES.get(line.style, ""))
        for a, b in line.spans:
            text.stylize("bold reverse", a, b)
        out.print(text, overflow="fold")
