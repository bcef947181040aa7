"""`planner balance`: the fairest plan, with the fewest moves that reach it.

Prints the suggested moves (workers by name), each affected worker before -> after, and
how good the plan is: the highest utilisation before -> after, "31 moves; at least 31 are
needed", whether that is proven. When the staff cannot carry the load, it says per area
how many FTE are missing (the one FTE model of `planner check`).

``--max-moves N`` allows at most N relocations (allocating an unassigned case is none): the
best plan within that budget, the team's highest utilisation first. ``--out PLAN.toml``
saves the moves as a plan file (the format of ``planner plan``; atomic, 0600), which the
app opens with ``planner --plan``. An existing file at that path is replaced only with
``--force`` (atomically, and the output says so), and only a regular file; planner's own
input files are refused even then. ``--json`` prints::

    {"feasible", "optimal", "gap", "overflow", "peak",
     "moves": [{"case", "from", "to"}], "workers": [... as in check, after the moves ...],
     "areas": [{"area", "fte", "fte_effective", "fte_needed", "fte_missing", "peak"}]}

"gap" is (moves - proven lower bound) / moves, 0 when the fewest moves are proven;
"overflow" is the load left outside the ranges; "peak" is the highest utilisation above
100 % after the moves (0 when nobody is over; protected new hires left out). "from" is ""
for an unassigned case. Exit 0 when everyone ends within range, 1 when not, 2 for bad
input (nothing is written).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table

from planner.cli.common import before_after_table, worker_json
from planner.cli.output import print_json, shown, shown_path
from planner.core.balance import DEFAULT_TIME_LIMIT, REASON, Suggestion, suggest
from planner.core.models import Team
from planner.core.moves import Assignment
from planner.i18n import detect_language, fmt_num, fmt_peak, suggestion_lines, t, worker_name
from planner.io.files import check_output, default_config
from planner.io.norms import norms_path
from planner.io.plans import plan_from, write_plan
from planner.io.teams import load_team, load_teams_file

NAME = "balance"

# key: (english, danish)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        NAME, help="suggest the fairest plan, with the fewest moves that reach it"
    )
    parser.add_argument(
        "--max-moves",
        default=None,
        metavar="N",
        help="at most N moves between workers (allocating unassigned cases is free): the "
        "best plan within that budget",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="PLAN.toml",
        help="save the moves as a plan file",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the --out file if it exists (never an input file)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument(
        "--time-limit",
        default=str(DEFAULT_TIME_LIMIT),
        metavar="SECONDS",
        help=f"stop searching after this long and show the best plan found (default {DEFAULT_TIME_LIMIT:g})",
    )
    parser.add_argument("--lang", choices=["da", "en"], default=argparse.SUPPRESS)
    return parser


def _time_limit(value: str, lang: str) -> float:
    from planner.cli.options import UsageError

    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < float("inf"):
        raise UsageError(t("balance.cli.time_limit", lang, value=value))
    return seconds


def _max_moves(value: str | None, lang: str) -> int | None:
    from planner.cli.options import UsageError

    if value is None:
        return None
    text = value.strip()
    if not (text.isascii() and text.isdigit()):  # digits only: no sign, no decimals
        raise UsageError(t("balance.cli.max_moves", lang, value=value))
    return int(text)


# ---------------------------------------------------------------------------------------
# JSON


def suggestion_json(suggestion: Suggestion) -> dict[str, object]:
    return {
        "feasible": suggestion.feasible,
        "optimal": suggestion.optimal,
        "gap": suggestion.gap,
        "overflow": suggestion.overflow,
        "peak": suggestion.peak,
        "moves": [{"case": m.case, "from": m.from_, "to": m.to} for m in suggestion.moves],
        "workers": [worker_json(wl) for wl in suggestion.after],
        "areas": [
            {
                "area": a.area,
                "fte": a.fte,
                "fte_effective": a.fte_effective,
                "fte_needed": a.fte_needed,
                "fte_missing": a.fte_missing,
                "peak": a.peak,
            }
            for a in suggestion.areas
        ],
    }


# ---------------------------------------------------------------------------------------
# Text


def _name(team: Team, worker_id: str, lang: str) -> str:
    return worker_name(team, worker_id, lang)


def render(team: Team, suggestion: Suggestion, on: str, lang: str, console: Console) -> None:
    console.print(f"[bold]{shown(team.name)}[/] · {on}")
    if suggestion.moves:
        moves = Table(
            title=t("balance.cli.moves_title", lang, count=len(suggestion.moves)),
            title_justify="left",
            box=box.SIMPLE_HEAD,
        )
        moves.add_column(t("balance.cli.case", lang), no_wrap=True)
        moves.add_column(
            t("balance.cli.from", lang), no_wrap=True, overflow="ellipsis", max_width=24
        )
        moves.add_column(t("balance.cli.to", lang), no_wrap=True, overflow="ellipsis", max_width=22)
        for move in suggestion.moves:
            moves.add_row(
                shown(move.case),
                shown(_name(team, move.from_, lang)),
                shown(_name(team, move.to, lang)),
            )
        console.print(moves)
        touched = {w for m in suggestion.moves for w in (m.from_, m.to)}
        pairs = [
            (b, a)
            for b, a in zip(suggestion.before, suggestion.after, strict=True)
            if b.worker.id in touched
        ]
        console.print(before_after_table(pairs, t("balance.cli.workers_title", lang), lang))
    for line in suggestion_lines(suggestion, lang, family="balance.cli"):
        console.print(shown(line))
    console.print(areas_table(suggestion, lang))
    for area in suggestion.areas:
        if area.unplaced:
            console.print(
                "  " + t("balance.cli.unplaced", lang, area=shown(area.label), count=area.unplaced)
            )


def areas_table(suggestion: Suggestion, lang: str) -> Table:
    """Per area: the highest utilisation before -> after, the FTE figures (as `planner
    check` has them) and the load left above (and below) the ranges."""
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), collapse_padding=True, pad_edge=False)
    # At most 22 wide: the figures beside it fit 80 columns in both languages.
    table.add_column(t("col.area", lang), no_wrap=True, overflow="ellipsis", max_width=22)
    for key in (
        "balance.cli.col_peak",
        "col.fte_needed",
        "col.fte_effective",
        "col.fte_missing",
        "balance.cli.col_over",
    ):
        table.add_column(t(key, lang), justify="right", no_wrap=True)
    below = any(a.under > 1e-6 for a in suggestion.areas)
    if below:
        table.add_column(t("balance.cli.col_under", lang), justify="right", no_wrap=True)
    for area in suggestion.areas:
        cells = [
            shown(area.label),
            f"{fmt_peak(area.peak_before, lang)}->{fmt_peak(area.peak, lang)}",
            fmt_num(area.fte_needed, lang, 2),
            fmt_num(area.fte_effective, lang, 2),
            fmt_num(area.fte_missing, lang, 2) if area.fte_missing > 0 else "-",
            fmt_num(area.over, lang) if area.over > 1e-6 else "-",
        ]
        if below:
            cells.append(fmt_num(area.under, lang) if area.under > 1e-6 else "-")
        table.add_row(*cells)
    return table


# ---------------------------------------------------------------------------------------
# The plan file


def _input_files(config: Path, team_id: str) -> set[Path]:
    """The files planner reads for this team: never to be overwritten by --out."""
    teams = load_teams_file(config)
    files = {config.resolve()}
    team_config = teams.teams.get(team_id)
    if team_config is not None:
        files.add((config.parent / team_config.cases).resolve())
        files.update(p.resolve() for p in norms_path(team_config.norms, config) if p.is_file())
    return files


def write_suggestion(
    path: Path,
    assignment: Assignment,
    suggestion: Suggestion,
    config: Path,
    lang: str,
    *,
    force: bool = False,
) -> bool:
    """Save the suggestion as a plan file; returns True when an existing file was replaced
    (only with `force`, and never an input file or anything but a regular file)."""
    team = assignment.team
    check_output(path, force=force, protected=_input_files(config, team.id))
    after = Assignment(team, assignment.on)
    after.apply_moves(suggestion.moves)
    note = t(
        "balance.cli.note",
        lang,
        date=assignment.on.isoformat(),
        moves=len(suggestion.moves),
        bound=suggestion.lower_bound,
    )
    existed = os.path.lexists(path)
    write_plan(path, plan_from(after, note=note), team)
    return existed


# ---------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    from planner.cli.common import report_notices
    from planner.cli.options import EXIT_NOT_WITHIN, EXIT_OK, parse_date

    lang = getattr(args, "lang", None) or detect_language()
    time_limit = _time_limit(args.time_limit, lang)
    max_moves = _max_moves(args.max_moves, lang)
    on = parse_date(getattr(args, "date", None))
    config = default_config(getattr(args, "config", None))
    team = load_team(config, getattr(args, "team", None))
    report_notices(team, args)
    if args.out is not None:  # before the search, which may take a while
        check_output(args.out, force=args.force, protected=_input_files(config, team.id))
    assignment = Assignment(team, on)
    suggestion = suggest(
        team,
        on,
        assignment.snapshot(),
        max_moves=max_moves,
        time_limit=time_limit,
        reason=REASON,
    )
    replaced = None
    if args.out is not None:
        replaced = write_suggestion(
            args.out, assignment, suggestion, config, lang, force=args.force
        )
    if args.json:
        print_json(suggestion_json(suggestion))
    else:
        render(team, suggestion, on.isoformat(), lang, Console(highlight=False))
    if replaced is not None:
        key = "replaced" if replaced else "written"
        # With --json, stdout is for the JSON alone.
        print(
            t(f"balance.cli.{key}", lang, path=shown_path(args.out)),
            file=sys.stderr if args.json else sys.stdout,
        )
    return EXIT_OK if suggestion.feasible else EXIT_NOT_WITHIN
