"""`planner check`: every worker's load against their range, as a table or JSON."""

from __future__ import annotations

import argparse

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from planner.cli.common import (
    STATUS_STYLE,
    areas_json,
    fit_text_columns,
    load_assignment,
    worker_json,
)
from planner.cli.output import print_json, shown
from planner.cli.table import QuickTable
from planner.core.moves import Assignment
from planner.core.text import visible
from planner.i18n import STATUS_SYMBOL, detect_language, fmt_num, fmt_pct, fmt_plain, fmt_range, t

NAME = "check"


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, help="check every worker's load against their range")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--lang", choices=["da", "en"], default=argparse.SUPPRESS)
    return parser


def check_json(assignment: Assignment) -> dict[str, object]:
    summary = assignment.summary()
    return {
        "team": assignment.team.id,
        "date": assignment.on.isoformat(),
        "workers": [worker_json(wl) for wl in assignment.evaluate_all()],
        "unassigned": summary.unassigned,
        "areas": areas_json(summary),
    }


def render_table(assignment: Assignment, lang: str, console: Console) -> None:
    """One line per worker, sized to the terminal by rich: figures are never cut (no_wrap),
    names and area labels give way with an ellipsis."""
    team = assignment.team
    summary = assignment.summary()
    workers = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    workers.add_column(t("col.worker", lang), no_wrap=True, overflow="ellipsis", min_width=10)
    workers.add_column(t("col.area", lang), no_wrap=True, overflow="ellipsis", min_width=8)
    for key in ("hours", "load", "capacity", "utilisation"):
        workers.add_column(t(f"col.{key}", lang), justify="right", no_wrap=True)
    workers.add_column(t("col.status", lang), no_wrap=True)
    for wl in assignment.evaluate_all():
        workers.add_row(
            shown(wl.worker.name),
            shown(team.norms.areas[wl.worker.area].label),
            fmt_plain(wl.worker.hours, lang),
            fmt_num(wl.load, lang),
            fmt_range(wl.min, wl.max, lang),
            fmt_pct(wl.utilisation, lang),
            Text(
                f"{STATUS_SYMBOL[wl.status]} {t('status.' + wl.status.value, lang)}",
                style=STATUS_STYLE[wl.status],
            ),
        )
    fit_text_columns(workers, console.width, flexible=(1, 0))  # the area label first
    console.print(Text(f"{visible(team.name)} · {assignment.on.isoformat()}", style="bold"))
    # Drawn as Rich draws it, only quickly: a department lists 1,000 workers.
    console.print(QuickTable(workers))
    # Workers away are none of over, within and under: said when there are any, so the
    # counts add up to the team.
    counts = t(
        "summary.counts_away" if summary.away else "summary.counts",
        lang,
        over=summary.over,
        within=summary.within,
        under=summary.under,
        away=summary.away,
    )
    console.print(
        t(
            "check.summary",
            lang,
            cases=summary.cases,
            unassigned=summary.unassigned,
            load=fmt_num(summary.load, lang),
            capacity=fmt_range(summary.capacity_min, summary.capacity_max, lang),
            counts=counts,
        ),
        highlight=False,
    )
    areas = Table(box=box.SIMPLE_HEAD, title_justify="left")
    areas.add_column(t("col.area", lang), no_wrap=True, overflow="ellipsis")
    for key in ("fte", "fte_effective", "fte_needed", "fte_missing"):
        areas.add_column(t(f"col.{key}", lang), justify="right", no_wrap=True)
    for area in summary.areas:
        areas.add_row(
            shown(area.label),
            fmt_num(area.fte, lang, 2),
            fmt_num(area.fte_effective, lang, 2),
            fmt_num(area.fte_needed, lang, 2),
            fmt_num(area.fte_missing, lang, 2) if area.fte_missing > 0 else "-",
        )
    console.print(areas)


def run(args: argparse.Namespace) -> int:
    from planner.cli.options import EXIT_NOT_WITHIN, EXIT_OK

    assignment = load_assignment(args)
    if args.json:
        print_json(check_json(assignment))
    else:
        lang = getattr(args, "lang", None) or detect_language()
        render_table(assignment, lang, Console(highlight=False))
    return EXIT_OK if assignment.all_within() else EXIT_NOT_WITHIN
