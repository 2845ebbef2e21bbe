"""``peersup log [NAME]``: the supervision log from the records, as a table, JSON or CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import messages as msg
from . import options, output
from .base import Command, HelpArgument

if TYPE_CHECKING:
    from ..history.supervision_log import Log

TITLE = "Supervision log"
TOTALS = "Hours per month (to one decimal)"
SESSION_COLUMNS = ("DATE", "WITH", "LENGTH", "FORMAT", "MODE", "NEXT")
TOTAL_COLUMNS = ("MONTH", "WITH", "SESSIONS", "HOURS")
WITHOUT_LENGTH = "{count} without a length"
ALL = "All"
NAME_WIDTH = 16


@click.command(
    "log",
    cls=Command,
    short_help="The supervision log: sessions and hours.",
    examples=[
        ("peersup log", "Every recorded session, and the hours per person per month."),
        ("peersup log Sam --since 2026-01-01", "Sam's sessions this year."),
        ("peersup log --csv -o supervision.csv", "The same for a spreadsheet."),
    ],
)
@click.argument("name", metavar="NAME", required=False, cls=HelpArgument,
                help="Only the sessions with this supervisee.")
@options.SINCE
@options.UNTIL
@options.JSON
@click.option("--csv", "as_csv", is_flag=True,
              help="CSV for a spreadsheet: one header row, ISO dates, UTF-8.")
@options.OUTPUT
@options.FORCE
@options.JOURNAL_DIR
def log(
    name: str | None, since: str | None, until: str | None, as_json: bool, as_csv: bool,
    target: Path | None, force: bool, journal_dir: Path | None,
) -> None:
    """The supervision log, for agency records and certification renewals.

    Each recorded session (`peersup record NAME`) with its date, supervisee, length, format,
    mode and the next session's date; then the sessions and hours per supervisee per month.
    A session is dated by the day its record says it was held.
    """
    from ..errors import UsageError
    from ..history.by_kind import records
    from ..history.filters import check_date
    from ..history.supervision_log import build_log
    from .common import journal_dir as folder
    from .progress import index_for

    if as_json and as_csv:
        raise UsageError("--json and --csv each make the whole output: choose one.")
    start, end = check_date(since, "--since"), check_date(until, "--until")
    person = name.strip() if name and name.strip() else None
    with index_for(folder(journal_dir)) as index:
        found = records(index, person)
    entries = build_log(found, start, end)
    if as_csv:
        _csv(entries, target, force)
    elif as_json:
        _json(entries, target, force)
    elif target is not None:
        _save(target, "\n".join(_lines(entries, person, start, end)) + "\n", force, "log.txt")
    else:
        output.echo("\n".join(_lines(entries, person, start, end)))


def _csv(entries: Log, target: Path | None, force: bool) -> None:
    from ..history.supervision_log import to_csv

    if target is not None:
        _save(target, to_csv(entries), force, "supervision.csv")
        return
    # On a screen no spreadsheet reads it: no byte order mark. Piped, "\n" (the stream makes
    # "\r\n" of it on Windows, where it would otherwise be "\r\r\n").
    text = to_csv(entries, line_end="\n", bom=not sys.stdout.isatty())
    output.echo(text.removesuffix("\n"))


def _json(entries: Log, target: Path | None, force: bool) -> None:
    from ..history.supervision_log import to_json

    if target is None:
        output.print_json(to_json(entries))
        return
    import json

    _save(target, json.dumps(to_json(entries), ensure_ascii=False, indent=2) + "\n", force,
          "supervision.json")


def _save(target: Path, text: str, force: bool, example: str) -> None:
    from .common import save_output

    # It names the people supervised: private, like the journals it comes from.
    path = save_output(target, text, force=force, private=True, example=example)
    output.echo(f"Saved the log to {path}.")


def _lines(entries: Log, name: str | None, since: str | None, until: str | None) -> list[str]:
    from ..history.supervision_log import hours

    if not entries.sessions:
        who = f" for {name}" if name else ""
        who += (f" from {since}" if since else "") + (f" until {until}" if until else "")
        import textwrap

        return textwrap.wrap(msg.LOG_EMPTY.format(who=who), output.text_width(),
                             break_on_hyphens=False)
    count = len(entries.sessions)
    lines = [f"{TITLE} · {count} session{'s' if count != 1 else ''}", ""]
    date, who, length, fmt, mode, nxt = SESSION_COLUMNS
    lines.append(f"{date:<10}  {who:<{NAME_WIDTH}}  {length:>7}  {fmt:<10}  {mode:<9}  {nxt}")
    for s in entries.sessions:
        minutes = f"{s.minutes} min" if s.minutes is not None else "-"
        lines.append(
            f"{s.day.isoformat():<10}  {_fit(s.supervisee):<{NAME_WIDTH}}  {minutes:>7}  "
            f"{_fit(s.format or '-', 10):<10}  {_fit(s.mode or '-', 9):<9}  "
            f"{s.next_session.isoformat() if s.next_session else ''}".rstrip()
        )
    month, who, sessions, hrs = TOTAL_COLUMNS
    lines += ["", TOTALS, f"{month:<7}  {who:<{NAME_WIDTH}}  {sessions:>8}  {hrs:>5}"]
    for t in entries.totals:
        untimed = (f"  ({WITHOUT_LENGTH.format(count=t.without_minutes)})"
                   if t.without_minutes else "")
        lines.append(f"{t.month:<7}  {_fit(t.supervisee):<{NAME_WIDTH}}  {t.sessions:>8}  "
                     f"{t.hours:>5}{untimed}")
    total = sum(t.minutes for t in entries.totals)
    lines.append(f"{'':<7}  {ALL:<{NAME_WIDTH}}  {count:>8}  {hours(total):>5}")
    return lines


def _fit(text: str, width: int = NAME_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
