"""`planner check`: every worker's load against their range, as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import date

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from planner.core.moves import Assignment
from planner.core.rules import Status, TeamSummary, WorkerLoad
from planner.i18n import STATUS_SYMBOL, detect_language, t
from planner.io.files import default_config
from planner.io.teams import load_team
from planner.ui.format import fmt_pct

NAME = "check"

STATUS_STYLE = {Status.OVER: "bold red", Status.WITHIN: "green", Status.UNDER: "yellow"}


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, help="check every worker's load against their range")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--lang", choices=["da", "en"], default=argparse.SUPPRESS)
    return parser


def load_assignment(args: argparse.Namespace) -> Assignment:
    """The team named by --config/--team, at --date: shared by the commands that read one."""
    from planner.cli import parse_date

    on = parse_date(args.date)
    team = load_team(default_config(args.config), args.team)
    return Assignment(team, on)


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
            escape(before.worker.name),
            f"{before.load:.1f} -> {after.load:.1f}",
            f"{fmt_pct(before.utilisation, before.status, lang)} -> "
            f"{fmt_pct(after.utilisation, after.status, lang)}",
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


def check_json(assignment: Assignment) -> dict[str, object]:
    summary = assignment.summary()
    return {
        "team": assignment.team.id,
        "date": assignment.on.isoformat(),
        "workers": [worker_json(wl) for wl in assignment.evaluate_all()],
        "unassigned": summary.unassigned,
        "areas": areas_json(summary),
    }


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def render_table(assignment: Assignment, lang: str, console: Console) -> None:
    """One line per worker, sized to the terminal: figures are never cut, names give way."""
    team = assignment.team
    summary = assignment.summary()
    loads = assignment.evaluate_all()
    rows = [
        (
            wl.worker.name,
            team.norms.areas[wl.worker.area].label,
            f"{wl.worker.hours:g}",
            f"{wl.load:.1f}",
            f"{wl.min:.1f}-{wl.max:.1f}",
            fmt_pct(wl.utilisation, wl.status, lang),
            f"{STATUS_SYMBOL[wl.status]} {t('status.' + wl.status.value, lang)}",
        )
        for wl in loads
    ]
    keys = ("worker", "area", "hours", "load", "capacity", "utilisation", "status")
    headers = [t(f"col.{key}", lang) for key in keys]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    spare = console.width - sum(widths) - 2 * (len(widths) - 1)
    for index, floor in ((1, 8), (0, 10)):
        if spare < 0:
            give = min(-spare, max(widths[index] - floor, 0))
            widths[index] -= give
            spare += give

    def line(cells: tuple[str, ...] | list[str]) -> str:
        parts = []
        for index, cell in enumerate(cells):
            cell = _cut(cell, widths[index])
            parts.append(
                cell.rjust(widths[index]) if 2 <= index <= 5 else cell.ljust(widths[index])
            )
        return "  ".join(parts).rstrip()

    console.print(Text(f"{team.name} · {assignment.on.isoformat()}", style="bold"))
    console.print(Text(line(headers), style="bold"))
    for wl, row in zip(loads, rows, strict=True):
        text = Text(line(row[:6]) + "  ")
        text.append(row[6], style=STATUS_STYLE[wl.status])
        console.print(text)
    console.print(
        f"{summary.cases} {t('summary.cases', lang)}, {summary.unassigned} {t('summary.unassigned', lang)}; "
        f"{t('summary.load', lang)} {summary.load:.1f}, "
        f"{t('summary.capacity', lang)} {summary.capacity_min:.1f}-{summary.capacity_max:.1f}; "
        + t("summary.counts", lang, over=summary.over, within=summary.within, under=summary.under)
    )
    areas = Table(box=box.SIMPLE_HEAD, title_justify="left")
    areas.add_column(t("col.area", lang), no_wrap=True, overflow="ellipsis")
    areas.add_column(t("summary.fte", lang), justify="right", no_wrap=True)
    areas.add_column(t("summary.fte_effective", lang), justify="right", no_wrap=True)
    areas.add_column(t("summary.fte_needed", lang), justify="right", no_wrap=True)
    areas.add_column(t("summary.fte_missing", lang), justify="right", no_wrap=True)
    for area in summary.areas:
        missing = f"{area.fte_missing:.2f}" if area.fte_missing > 0 else "-"
        areas.add_row(
            area.label,
            f"{area.fte:.2f}",
            f"{area.fte_effective:.2f}",
            f"{area.fte_needed:.2f}",
            missing,
        )
    console.print(areas)


def run(args: argparse.Namespace) -> int:
    from planner.cli import EXIT_NOT_WITHIN, EXIT_OK

    assignment = load_assignment(args)
    if args.json:
        json.dump(check_json(assignment), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        lang = getattr(args, "lang", None) or detect_language()
        render_table(assignment, lang, Console(highlight=False))
    return EXIT_OK if assignment.all_within() else EXIT_NOT_WITHIN


__all__ = ["date"]
