"""What the subcommands share beyond parsing: loading the team, its notices, and the tables
and JSON records of workers and areas. (Exit codes, the team options and --date are
planner.cli.options: what reading the command line needs, and no more.)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence

from rich import box
from rich.cells import cell_len
from rich.table import Table

from planner.cli.options import parse_date
from planner.cli.output import shown
from planner.core.models import Team
from planner.core.moves import Assignment
from planner.core.rules import Status, TeamSummary, WorkerLoad
from planner.i18n import STATUS_SYMBOL, detect_language, fmt_num, fmt_pct, notice_text, t
from planner.io.files import default_config

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
