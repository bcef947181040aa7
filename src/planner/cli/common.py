"""What every subcommand shares: exit codes, the team options, dates from the command line,
loading the team, and the tables and JSON records of workers and areas.

Exit codes, the same for every subcommand: 0 all well, 1 the result is not what was hoped
(someone out of range, no feasible plan), 2 bad input (nothing written), 3 internal error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from rich import box
from rich.cells import cell_len
from rich.table import Table

from planner.cli.output import echoed, shown
from planner.core.models import Team
from planner.core.moves import Assignment
from planner.core.problems import Msg, Text
from planner.core.rules import Status, TeamSummary, WorkerLoad
from planner.core.text import iso_date
from planner.i18n import STATUS_SYMBOL, detect_language, fmt_num, fmt_pct, notice_text, t
from planner.io.files import default_config

EXIT_OK = 0
EXIT_NOT_WITHIN = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


class UsageError(Exception):
    """A command-line value that is wrong; the message says what to write instead (a keyed
    text the error funnel says in the user's language, or a plain one)."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


class Command(Protocol):
    NAME: str

    def add_parser(self, sub: argparse._SubParsersAction) -> argparse.ArgumentParser: ...

    def run(self, args: argparse.Namespace) -> int: ...


def parse_date(value: str | None) -> date:
    """--date (every command): YYYY-MM-DD and nothing else; today when not given."""
    if value is None:
        return date.today()
    day = iso_date(value)
    if day is None:
        raise UsageError(Msg("error.date", value=echoed(value)))
    return day


def add_team_options(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    """--config, --team, --date: on the main parser and on each subcommand."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--config",
        type=Path,
        default=default,
        metavar="PATH",
        help="teams file (default: ./config/teams.toml, else the bundled demo)",
    )
    parser.add_argument(
        "--team", default=default, metavar="ID", help="team id (default: the file's default team)"
    )
    parser.add_argument(
        "--date",
        default=default,
        metavar="YYYY-MM-DD",
        help="the date to plan for (default: today)",
    )


STATUS_STYLE = {
    Status.OVER: "bold red",
    Status.WITHIN: "green",
    Status.UNDER: "yellow",
    Status.AWAY: "bold magenta",
}


def load_assignment(args: argparse.Namespace) -> Assignment:
    """The team named by --config/--team, at --date: shared by the commands that read one."""
    from planner.io.teams import load_team  # pydantic: not imported by the board's start

    on = parse_date(args.date)
    team = load_team(default_config(args.config), args.team)
    report_notices(team, args)
    return Assignment(team, on)


def report_notices(team: Team, args: argparse.Namespace) -> None:
    """What the user should know about how the files were read (e.g. a cases file read as
    Windows-1252): one line each on stderr, so stdout stays the command's output."""
    lang = getattr(args, "lang", None) or detect_language()
    for notice in team.notices:
        print(f"planner: {notice_text(notice, lang)}", file=sys.stderr)


def status_markup(load: WorkerLoad, lang: str) -> str:
    """'▲ over' in the status colour, as rich markup."""
    style = STATUS_STYLE[load.status]
    return f"[{style}]{STATUS_SYMBOL[load.status]} {t('status.' + load.status.value, lang)}[/]"


def before_after_table(
    pairs: Iterable[tuple[WorkerLoad, WorkerLoad]], title: str, lang: str
) -> Table:
    """Each worker a plan touches: load, utilisation and status before -> after."""
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column(t("col.worker", lang), no_wrap=True, overflow="ellipsis", max_width=22)
    table.add_column(t("col.load", lang), justify="right", no_wrap=True)
    table.add_column(t("col.utilisation", lang), justify="right", no_wrap=True)
    table.add_column(t("col.status", lang), no_wrap=True)
    for before, after in pairs:
        table.add_row(
            shown(before.worker.name),
            t(
                "common.change",
                lang,
                before=fmt_num(before.load, lang),
                after=fmt_num(after.load, lang),
            ),
            t(
                "common.change",
                lang,
                before=fmt_pct(before.utilisation, lang),
                after=fmt_pct(after.utilisation, lang),
            ),
            f"{status_markup(before, lang)} -> {status_markup(after, lang)}",
        )
    return table


def worker_json(load: WorkerLoad) -> dict[str, object]:
    return {
        "id": load.worker.id,
        "name": load.worker.name,
        "area": load.worker.area,
        "load": load.load,
        "min": load.min,
        "max": load.max,
        "utilisation": load.utilisation,
        "status": load.status.value,
    }


def areas_json(summary: TeamSummary) -> list[dict[str, object]]:
    return [
        {
            "area": a.area,
            "fte": a.fte,
            "fte_effective": a.fte_effective,
            "fte_needed": a.fte_needed,
            "fte_missing": a.fte_missing,
        }
        for a in summary.areas
    ]


def fit_text_columns(table: Table, console_width: int, flexible: Sequence[int]) -> None:
    """Figures are never cut: when `table` is wider than the terminal, only the `flexible`
    columns (names, labels) give way, each down to its min_width, with an ellipsis. rich
    alone would shrink every no_wrap column, figures included."""
    widths = [
        max([cell_len(str(column.header)), *(cell_len(str(cell)) for cell in column.cells)])
        for column in table.columns
    ]
    padding = 2 * (len(widths) - 1)  # box=None, pad_edge=False: one space either side
    excess = sum(widths) + padding - console_width
    for index in flexible:
        if excess <= 0:
            break
        column = table.columns[index]
        give = min(excess, max(widths[index] - (column.min_width or 1), 0))
        column.max_width = widths[index] - give
        excess -= give
