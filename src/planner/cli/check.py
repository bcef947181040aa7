"""`planner check`: every worker's load against their range, as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from rich import box
from rich.console import Console
from rich.table import Table

from planner.core.moves import Assignment
from planner.core.rules import Status, TeamSummary, WorkerLoad
from planner.i18n import detect_language, t
from planner.io.files import default_config
from planner.io.teams import load_team

NAME = "check"

STATUS_SYMBOL = {Status.OVER: "▲", Status.WITHIN: "✓", Status.UNDER: "▼"}
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
    return [{"area": a.area, "fte": a.fte, "fte_needed": a.fte_needed} for a in summary.areas]


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
    team = assignment.team
    summary = assignment.summary()
    table = Table(
        title=f"{team.name} · {assignment.on.isoformat()}", title_justify="left", box=box.SIMPLE_HEAD
    )
    # Names and area labels are cut, never wrapped: one worker, one line, even at 80 columns.
    table.add_column(t("col.worker", lang), no_wrap=True, overflow="ellipsis", max_width=22)
    table.add_column(t("col.area", lang), no_wrap=True, overflow="ellipsis", max_width=16)
    table.add_column(t("col.hours", lang), justify="right")
    table.add_column(t("col.load", lang), justify="right")
    table.add_column(t("col.capacity", lang), justify="right", no_wrap=True)
    table.add_column(t("col.utilisation", lang), justify="right", no_wrap=True)
    table.add_column(t("col.status", lang), no_wrap=True)
    for wl in assignment.evaluate_all():
        style = STATUS_STYLE[wl.status]
        table.add_row(
            wl.worker.name,
            team.norms.areas[wl.worker.area].label,
            f"{wl.worker.hours:g}",
            f"{wl.load:.1f}",
            f"{wl.min:.1f}-{wl.max:.1f}",
            f"{wl.utilisation:.0%}",
            f"[{style}]{STATUS_SYMBOL[wl.status]} {t('status.' + wl.status.value, lang)}[/]",
        )
    console.print(table)
    console.print(
        f"{summary.cases} {t('summary.cases', lang)}, {summary.unassigned} {t('summary.unassigned', lang)}; "
        f"{t('summary.load', lang)} {summary.load:.1f}, "
        f"{t('summary.capacity', lang)} {summary.capacity_min:.1f}-{summary.capacity_max:.1f}; "
        + t("summary.counts", lang, over=summary.over, within=summary.within, under=summary.under)
    )
    for area in summary.areas:
        missing = (
            f", {t('summary.fte_missing', lang)} {area.fte_missing:.2f}"
            if area.fte_missing > 0
            else ""
        )
        console.print(
            f"  {area.label}: {t('summary.fte', lang)} {area.fte:.2f}, "
            f"{t('summary.fte_needed', lang)} {area.fte_needed:.2f}{missing}"
        )


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
