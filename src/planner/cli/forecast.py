"""`planner forecast`: the coming weeks, week by week, as a table or JSON.

Rows are the workers grouped by area, columns the weeks (D + 7k), each cell the status
symbol and the utilisation (away: the word, never a percentage), and per area a line with
the FTE missing; then the first week each area goes short and why. ``--plan FILE`` adds a
plan's moves and its what-if events. Exit 0 when no area goes short within the horizon,
1 when one does, 2 for bad input.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from planner.cli.common import STATUS_STYLE
from planner.cli.output import echoed, print_json, shown_path
from planner.core.forecast import (
    DEFAULT_WEEKS,
    MAX_WEEKS,
    Forecast,
    assignment_forecast,
    week_dates,
)
from planner.core.moves import Assignment
from planner.core.problems import Msg, ProblemsFound
from planner.core.reconcile import Leftover, reconcile
from planner.core.text import visible
from planner.i18n import detect_language, leftover_text, t
from planner.i18n.forecast import (
    CELL_WIDTH,
    RowKind,
    date_heading,
    explanation_lines,
    grid_rows,
    week_heading,
)
from planner.io.files import default_config
from planner.io.plans import plan_team_id, plan_team_missing, read_plan
from planner.io.teams import load_team

if TYPE_CHECKING:  # only named: the events' module brings pydantic
    from planner.core.events import Event

NAME = "forecast"

NAME_MAX = 24


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, help="the coming weeks: capacity, load and FTE missing per area")
    parser.add_argument(
        "--weeks",
        default=str(DEFAULT_WEEKS),
        metavar="N",
        help=f"how many weeks, from --date (default {DEFAULT_WEEKS}, at most {MAX_WEEKS})",
    )
    parser.add_argument(
        "--plan",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="apply a plan's moves and what-if events (format 1 or 2)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--lang", choices=["da", "en"], default=argparse.SUPPRESS)
    return parser


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def parse_weeks(value: str) -> int:
    from planner.cli.options import UsageError

    try:
        weeks = int(value)
    except ValueError:
        weeks = 0
    if not 1 <= weeks <= MAX_WEEKS:
        # Keyed: the error funnel says it in the --lang given (detect_language ignored it).
        raise UsageError(Msg("error.weeks", max=MAX_WEEKS, value=value))
    return weeks


def forecast_json(forecast: Forecast) -> dict[str, object]:
    """Exactly the issue's shape; numbers unrounded, utilisation null when away."""
    return {
        "team": forecast.team.id,
        "date": forecast.start.isoformat(),
        "weeks": [
            {
                "week": week.index,
                "date": week.on.isoformat(),
                "workers": [
                    {
                        "id": wl.worker.id,
                        "present": wl.present,
                        "min": wl.min,
                        "max": wl.max,
                        "load": wl.load,
                        "utilisation": wl.utilisation,
                        "status": wl.status.value,
                    }
                    for wl in week.workers
                ],
                "areas": [
                    {
                        "area": area.area,
                        "load": area.load,
                        "uncovered": area.uncovered,
                        "fte": area.fte.fte,
                        "fte_effective": area.fte.fte_effective,
                        "fte_needed": area.fte.fte_needed,
                        "fte_missing": area.fte.fte_missing,
                    }
                    for area in week.areas
                ],
            }
            for week in forecast.weeks
        ],
    }


def render_table(forecast: Forecast, lang: str, console: Console) -> None:
    """The grid in blocks of as many weeks as the terminal is wide, then the explanation."""
    weeks = forecast.weeks
    rows = grid_rows(forecast, lang)
    # Two spaces of indent, the label, one space before the first cell.
    labels = [len(r.label) for r in rows if r.kind is not RowKind.AREA]
    label_width = min(max([*labels, 8]), NAME_MAX) + 3
    per_block = max(1, (console.width - label_width) // (CELL_WIDTH + 1))
    title = t(
        "forecast.title", lang, team=visible(forecast.team.name), date=forecast.start.isoformat()
    )
    console.print(Text(title, style="bold"))
    for first in range(0, len(weeks), per_block):
        shown = range(first, min(first + per_block, len(weeks)))
        console.print(
            Text(
                " " * label_width + " ".join(week_heading(k, lang) for k in shown),
                style="bold",
            )
        )
        console.print(
            Text(" " * label_width + " ".join(date_heading(weeks[k].on, lang) for k in shown))
        )
        for row in rows:
            if row.kind is RowKind.AREA:
                console.print(Text(_cut(row.label, console.width), style="bold underline"))
                continue
            line = Text(("  " + _cut(row.label, label_width - 3)).ljust(label_width))
            for index, k in enumerate(shown):
                cell = row.cells[k]
                style = (
                    STATUS_STYLE[cell.status]
                    if cell.status is not None
                    else "bold red"
                    if cell.short
                    else ""
                )
                line.append((" " if index else "") + cell.text, style=style)
            console.print(line, style="dim" if row.kind is RowKind.MISSING else "")
        console.print()
    if len(weeks) < forecast.requested:
        console.print(t("forecast.truncated", lang, weeks=len(weeks), requested=forecast.requested))
    console.print(t("forecast.legend", lang))
    console.print()
    console.print(Text(t("forecast.first_short", lang), style="bold"))
    for line in explanation_lines(forecast, lang):
        # Wrapped lines keep their indent, so each area's lines read as one block.
        indent = " " * (2 + len(line) - len(line.lstrip()))
        wrapped = textwrap.fill(
            line.strip(), console.width, initial_indent=indent, subsequent_indent=indent
        )
        console.print(Text(wrapped))
    console.print()
    console.print(Text(textwrap.fill(t("forecast.projection", lang), console.width), "italic"))


def _leftover_lines(leftovers: list[Leftover], lang: str) -> list[str]:
    return [
        echoed(
            f"  {left.move.case}: {left.move.from_ or '-'} -> {left.move.to or '-'} "
            f"({leftover_text(left, lang)})"
        )
        for left in leftovers
    ]


def run(args: argparse.Namespace) -> int:
    from planner.cli.common import report_notices
    from planner.cli.options import EXIT_NOT_WITHIN, EXIT_OK, parse_date

    lang = getattr(args, "lang", None) or detect_language()
    on = parse_date(args.date)
    weeks = parse_weeks(args.weeks)
    room = len(week_dates(on, weeks))
    if room < weeks:
        # A forecast cut short by the calendar's end would pass for the whole horizon (the
        # JSON has no place to say so): refused, with the most weeks that fit.
        from planner.cli.options import UsageError

        raise UsageError(
            Msg(
                "error.weeks_past_calendar",
                weeks=weeks,
                date=on.isoformat(),
                last=date.max.isoformat(),
                room=room,
            )
        )
    plan_path: Path | None = getattr(args, "plan", None)
    team_id = args.team or (plan_team_id(plan_path) if plan_path else None)
    try:
        team = load_team(default_config(args.config), team_id)
    except ProblemsFound as found:
        if plan_path is None or args.team:
            raise
        raise plan_team_missing(found, plan_path) from None
    report_notices(team, args)
    assignment = Assignment(team, on)
    events: tuple[Event, ...] = ()
    notes: list[str] = []
    if plan_path is not None:
        # As the board opens a plan: what no longer fits the cases is left out and said.
        plan = read_plan(plan_path, team, allow_changed=True)
        result = reconcile([m.as_move() for m in plan.moves], assignment)
        events = plan.events
        if events:
            notes.append(t("forecast.events", lang, count=len(events), plan=shown_path(plan_path)))
        if result.leftovers:
            notes.append(t("forecast.leftovers", lang, count=len(result.leftovers)))
            notes.extend(_leftover_lines(result.leftovers, lang))
    forecast = assignment_forecast(assignment, weeks, events)
    if args.json:
        print_json(forecast_json(forecast))
        for note in notes:
            print(note, file=sys.stderr)
    else:
        console = Console(highlight=False)
        for note in notes:
            console.print(Text(note))
        render_table(forecast, lang, console)
    return EXIT_NOT_WITHIN if forecast.goes_short else EXIT_OK
