"""`planner balance`: the fewest moves that bring every worker within range.

Prints the suggested moves (workers by name), each affected worker before -> after, and
how good the plan is: "31 moves; at least 31 are needed; a greedy plan would take 40".
When the staff cannot carry the load, it says per area how many FTE are missing.

``--out PLAN.toml`` saves the moves as a plan file (the format of ``planner plan``; atomic,
0600), which the app opens with ``planner --plan``. An existing file at that path is
replaced only with ``--force`` (atomically, and the output says so), and only a regular
file; planner's own input files are refused even then.
``--json`` prints::

    {"feasible", "optimal", "gap", "overflow",
     "moves": [{"case", "from", "to"}], "workers": [... as in check, after the moves ...],
     "areas": [{"area", "fte", "fte_needed"}]}

"gap" is (moves - proven lower bound) / moves, 0 when the fewest moves are proven;
"overflow" is the load left outside the ranges. "from" is "" for an unassigned case. Exit 0 when everyone ends within range, 1 when not,
2 for bad input (nothing is written).
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
from planner.i18n import detect_language, worker_name
from planner.io.files import check_output, default_config
from planner.io.norms import norms_path
from planner.io.plans import plan_from, write_plan
from planner.io.teams import load_team, load_teams_file

NAME = "balance"

# key: (english, danish)
TEXTS: dict[str, tuple[str, str]] = {
    "moves_title": ("Suggested moves ({count})", "Foreslåede flytninger ({count})"),
    "no_moves": ("No moves are needed.", "Ingen flytninger er nødvendige."),
    "case": ("Case", "Sag"),
    "from": ("From", "Fra"),
    "to": ("To", "Til"),
    "workers_title": ("Before -> after", "Før -> efter"),
    "summary": (
        "{moves} moves; at least {bound} are needed; a greedy plan would take {greedy}.",
        "{moves} flytninger; mindst {bound} er nødvendige; en grådig plan ville bruge {greedy}.",
    ),
    "greedy_short": (
        "(and would leave {overflow:.1f} load outside the ranges)",
        "(og ville efterlade {overflow:.1f} belastning uden for intervallerne)",
    ),
    "proven": ("Proven: no plan needs fewer moves.", "Bevist: ingen plan kræver færre flytninger."),
    "timed_out": (
        "Time ran out after {seconds:.2f} s: this is the best plan found, not proven the fewest.",
        "Tiden løb ud efter {seconds:.2f} s: dette er den bedste plan fundet, ikke bevist den korteste.",
    ),
    "not_proven": (
        "Not proven the fewest moves.",
        "Ikke bevist at være det færrest mulige flytninger.",
    ),
    "infeasible": (
        "Not everyone can be within range: {overflow:.1f} load stays outside the ranges, "
        "the least possible.",
        "Ikke alle kan komme inden for intervallet: {overflow:.1f} belastning forbliver uden "
        "for intervallerne, det mindst mulige.",
    ),
    "infeasible_found": (
        "Not everyone can be within range: {overflow:.1f} load stays outside the ranges in "
        "this plan.",
        "Ikke alle kan komme inden for intervallet: {overflow:.1f} belastning forbliver uden "
        "for intervallerne i denne plan.",
    ),
    "fte_missing": (
        "{area}: {fte:.2f} FTE missing ({load:.1f} load above the ranges)",
        "{area}: der mangler {fte:.2f} årsværk ({load:.1f} belastning over intervallerne)",
    ),
    "fte_surplus": (
        "{area}: {load:.1f} load below the ranges (too few cases for the staff)",
        "{area}: {load:.1f} belastning under intervallerne (for få sager til medarbejderne)",
    ),
    "unplaced": (
        "{area}: {count} case(s) stay unassigned: no worker of the area may take them",
        "{area}: {count} sag(er) forbliver ufordelt: ingen medarbejder i området må tage dem",
    ),
    "written": ("Plan written: {path}", "Plan skrevet: {path}"),
    "replaced": (
        "Plan written (replaced the earlier file): {path}",
        "Plan skrevet (erstattede den tidligere fil): {path}",
    ),
    "note": (
        "Suggested by planner balance for {date}: {moves} moves, at least {bound} needed.",
        "Forslag fra planner balance pr. {date}: {moves} flytninger, mindst {bound} nødvendige.",
    ),
    "time_limit": (
        "planner balance: --time-limit '{value}' is not a number of seconds above 0, e.g. 20.",
        "planner balance: --time-limit '{value}' er ikke et antal sekunder over 0, fx 20.",
    ),
}


def tr(key: str, lang: str, **values: object) -> str:
    english, danish = TEXTS[key]
    text = danish if lang == "da" else english
    return text.format(**values) if values else text


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, help="suggest the fewest moves that bring everyone within range")
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
    from planner.cli.common import UsageError

    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < float("inf"):
        raise UsageError(tr("time_limit", lang, value=value))
    return seconds


# ---------------------------------------------------------------------------------------
# JSON


def suggestion_json(suggestion: Suggestion) -> dict[str, object]:
    return {
        "feasible": suggestion.feasible,
        "optimal": suggestion.optimal,
        "gap": suggestion.gap,
        "overflow": suggestion.overflow,
        "moves": [{"case": m.case, "from": m.from_, "to": m.to} for m in suggestion.moves],
        "workers": [worker_json(wl) for wl in suggestion.after],
        "areas": [
            {"area": a.area, "fte": a.fte, "fte_needed": a.fte_needed} for a in suggestion.areas
        ],
    }


# ---------------------------------------------------------------------------------------
# Text


def _name(team: Team, worker_id: str, lang: str) -> str:
    return worker_name(team, worker_id, lang)


def render(team: Team, suggestion: Suggestion, on: str, lang: str, console: Console) -> None:
    console.print(f"[bold]{shown(team.name)}[/] · {on}")
    if not suggestion.moves:
        console.print(tr("no_moves", lang))
    else:
        moves = Table(
            title=tr("moves_title", lang, count=len(suggestion.moves)),
            title_justify="left",
            box=box.SIMPLE_HEAD,
        )
        moves.add_column(tr("case", lang), no_wrap=True)
        moves.add_column(tr("from", lang), no_wrap=True, overflow="ellipsis", max_width=24)
        moves.add_column(tr("to", lang), no_wrap=True, overflow="ellipsis", max_width=24)
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
        console.print(before_after_table(pairs, tr("workers_title", lang), lang))
    greedy = tr(
        "summary",
        lang,
        moves=len(suggestion.moves),
        bound=suggestion.lower_bound,
        greedy=suggestion.greedy_moves,
    )
    if suggestion.greedy_overflow > suggestion.overflow + 1e-6:
        greedy = (
            greedy[:-1] + " " + tr("greedy_short", lang, overflow=suggestion.greedy_overflow) + "."
        )
    console.print(greedy)
    if suggestion.timed_out and not suggestion.optimal:
        console.print(tr("timed_out", lang, seconds=suggestion.seconds))
    elif suggestion.optimal:
        console.print(tr("proven", lang))
    else:
        console.print(tr("not_proven", lang))
    if suggestion.overflow > 1e-6:
        key = "infeasible" if suggestion.optimal else "infeasible_found"
        console.print(tr(key, lang, overflow=suggestion.overflow))
    for area in suggestion.areas:
        label = shown(area.label)
        if area.fte_missing > 0:
            console.print(
                "  " + tr("fte_missing", lang, area=label, fte=area.fte_missing, load=area.over)
            )
        if area.under > 1e-6:
            console.print("  " + tr("fte_surplus", lang, area=label, load=area.under))
        if area.unplaced:
            console.print("  " + tr("unplaced", lang, area=label, count=area.unplaced))


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
    note = tr(
        "note",
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
    from planner.cli.common import EXIT_NOT_WITHIN, EXIT_OK, parse_date, report_notices

    lang = getattr(args, "lang", None) or detect_language()
    time_limit = _time_limit(args.time_limit, lang)
    on = parse_date(getattr(args, "date", None))
    config = default_config(getattr(args, "config", None))
    team = load_team(config, getattr(args, "team", None))
    report_notices(team, args)
    if args.out is not None:  # before the search, which may take a while
        check_output(args.out, force=args.force, protected=_input_files(config, team.id))
    assignment = Assignment(team, on)
    suggestion = suggest(team, on, assignment.snapshot(), time_limit=time_limit, reason=REASON)
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
            tr(key, lang, path=shown_path(args.out)), file=sys.stderr if args.json else sys.stdout
        )
    return EXIT_OK if suggestion.feasible else EXIT_NOT_WITHIN
