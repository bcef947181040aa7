"""`planner plan show|export FILE`: a saved plan's moves and what they do to each worker.

The team is the one the plan names (``team = "..."``), loaded from --config (default as for
every command: ./config/teams.toml, else the bundled demo) with the usual loader. --team may
be given but must then agree with the plan. Figures are for --date (default today).

By default the plan must fit the cases file it was made against (same fingerprint; every
worker and case known): anything else is bad input (exit 2). ``--reconcile`` instead
applies what still makes sense and lists the rest with the reason, as the app does.

* ``show``: the moves (workers by name) and each affected worker's utilisation before ->
  after; ``--json`` for scripts. Exit 0 when everyone is within range after the plan, else 1.
* ``export --format csv|md``: the list to carry out in the case system. CSV is for Danish
  Excel (``;``, UTF-8 with BOM); ``--out PATH`` writes a file (atomically, 0600) instead of
  standard output. An existing file is replaced only with ``--force``, and only a regular
  file; the plan, team, cases and norm files in use and any plan file never are.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from planner.cli.common import before_after_table, worker_json
from planner.cli.output import echoed, print_json, shown, shown_path
from planner.core.moves import UNASSIGNED, Assignment, Impact, Move
from planner.core.moves import impact as moves_impact
from planner.core.problems import Msg, Problem, ProblemsFound
from planner.core.reconcile import Leftover, reconcile
from planner.core.rules import WorkerLoad
from planner.core.text import visible
from planner.i18n import (
    detect_language,
    fmt_pct,
    leftover_reason,
    leftover_text,
    t,
    worker_name,
)
from planner.io.files import atomic_write, check_output, default_config, display_path
from planner.io.kinds import PLAN_EXPORT_COLUMNS
from planner.io.norms import norms_path
from planner.io.planfile import Plan
from planner.io.plans import plan_team_id, plan_team_missing, read_plan
from planner.io.teams import load_team, load_teams_file

NAME = "plan"


def tr(key: str, lang: str, **values: object) -> str:
    """A text of `planner plan` (planner.i18n.cli, keys ``plan.*``)."""
    return t(f"plan.{key}", lang, **values)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    from planner.cli.options import add_team_options

    parser = sub.add_parser(NAME, help="show or export a saved plan")
    # --lang before or after the subcommand (README), so also between `plan` and its action.
    parser.add_argument("--lang", choices=["da", "en"], default=argparse.SUPPRESS)
    actions = parser.add_subparsers(dest="plan_action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="the moves and each affected worker before -> after")
    show.add_argument("file", type=Path, metavar="FILE", help="the plan file (.toml)")
    show.add_argument("--json", action="store_true", help="print JSON instead of tables")
    export = actions.add_parser("export", help="the move list to carry out in the case system")
    export.add_argument("file", type=Path, metavar="FILE", help="the plan file (.toml)")
    export.add_argument("--format", choices=["csv", "md"], required=True, dest="export_format")
    export.add_argument(
        "--out", type=Path, default=None, metavar="PATH", help="write here (default: stdout)"
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="replace the --out file if it exists (never an input file, nor a plan)",
    )
    for action in (show, export):
        action.add_argument(
            "--reconcile",
            action="store_true",
            help="apply what still fits a changed cases file and list the rest",
        )
        action.add_argument("--lang", choices=["da", "en"], default=argparse.SUPPRESS)
        # --config/--team/--date also after the action (`plan show FILE --config X`).
        add_team_options(action, suppress=True)
    return parser


# ---------------------------------------------------------------------------------------
# The figures


@dataclass
class PlanView:
    """A plan read against its team: the moves applied, and each touched worker's figures."""

    path: Path
    plan: Plan
    before: Assignment
    after: Assignment
    applied: list[Move]
    leftovers: list[Leftover]

    def name(self, worker_id: str, lang: str) -> str:
        """The worker's name; the id of a worker who is no longer in the team."""
        return worker_name(self.before.team, worker_id, lang)

    def impacts(self) -> dict[str, Impact]:
        before = self.before
        return moves_impact(before.team, before.snapshot(), self.applied, before.on)


def load_view(args: argparse.Namespace) -> PlanView:
    from planner.cli.common import report_notices
    from planner.cli.options import parse_date

    path: Path = args.file
    on = parse_date(getattr(args, "date", None))
    team_id = plan_team_id(path)
    requested = getattr(args, "team", None)
    if requested and requested != team_id:
        raise ProblemsFound(
            [
                Problem(
                    display_path(path),
                    "team",
                    Msg("plan.team_mismatch", plan=team_id, team=requested),
                    Msg("plan.team_mismatch.todo"),
                )
            ]
        )
    try:
        team = load_team(default_config(getattr(args, "config", None)), team_id)
    except ProblemsFound as found:
        raise plan_team_missing(found, path) from None
    report_notices(team, args)
    allow_changed = bool(getattr(args, "reconcile", False))
    plan = read_plan(path, team, allow_changed=allow_changed)
    before = Assignment(team, on)
    after = Assignment(team, on)
    result = reconcile([m.as_move() for m in plan.moves], after)
    if result.leftovers and not allow_changed:
        # Same cases file, yet a move does not fit: the plan file has been edited by hand.
        file = display_path(path)
        index = {m.case: i for i, m in enumerate(plan.moves)}
        raise ProblemsFound(
            [
                Problem(
                    file,
                    Msg("where.move_case", number=index[left.move.case] + 1, case=left.move.case),
                    Msg("plan.move_unfit", reason=leftover_reason(left)),
                    Msg("plan.move_unfit.todo"),
                )
                for left in result.leftovers
            ]
        )
    return PlanView(path, plan, before, after, result.applied, result.leftovers)


def _percent(load: WorkerLoad | None, lang: str) -> str:
    return fmt_pct(load.utilisation, lang) if load else ""


def view_json(view: PlanView) -> dict[str, object]:
    plan = view.plan
    return {
        "plan": echoed(display_path(view.path)),
        "team": plan.team,
        "date": view.before.on.isoformat(),
        "created": plan.created.isoformat(),
        "author": plan.author,
        "note": plan.note,
        "cases_fingerprint_matches": plan.cases_fingerprint == view.before.team.cases_fingerprint,
        "moves": [
            {
                "case": m.case,
                "from": m.from_,
                "from_name": view.name(m.from_, "en") if m.from_ else None,
                "to": m.to,
                "to_name": view.name(m.to, "en") if m.to else None,
                "reason": m.reason,
            }
            for m in view.applied
        ],
        "workers": [
            {
                "id": worker_id,
                "name": impact.before.worker.name,
                "before": worker_json(impact.before),
                "after": worker_json(impact.after),
            }
            for worker_id, impact in view.impacts().items()
        ],
        "unassigned": {
            "before": view.before.count(UNASSIGNED),
            "after": view.after.count(UNASSIGNED),
        },
        "not_applied": [
            {
                "case": left.move.case,
                "from": left.move.from_,
                "to": left.move.to,
                "reason": left.reason.value,
                "detail": left.detail,
            }
            for left in view.leftovers
        ],
    }


# ---------------------------------------------------------------------------------------
# Output


def render_show(view: PlanView, lang: str, console: Console) -> None:
    plan = view.plan
    team = view.before.team
    console.print(f"[bold]{tr('plan', lang)} {escape(shown_path(view.path))}[/]")
    console.print(f"{shown(team.name)} · {tr('date', lang, date=view.before.on.isoformat())}")
    console.print(shown(tr("created", lang, created=plan.created.isoformat(), author=plan.author)))
    if plan.note:
        console.print(f"{tr('note', lang)}: {shown(plan.note)}")
    if not view.applied:
        console.print(tr("no_moves", lang))
    else:
        moves = Table(
            title=tr("moves", lang, count=len(view.applied)),
            title_justify="left",
            box=box.SIMPLE_HEAD,
        )
        moves.add_column(tr("case", lang), no_wrap=True)
        moves.add_column(tr("from", lang), no_wrap=True, overflow="ellipsis", max_width=22)
        moves.add_column(tr("to", lang), no_wrap=True, overflow="ellipsis", max_width=22)
        moves.add_column(tr("reason", lang), overflow="ellipsis")
        for move in view.applied:
            moves.add_row(
                shown(move.case),
                shown(view.name(move.from_, lang)),
                shown(view.name(move.to, lang)),
                shown(move.reason or ""),
            )
        console.print(moves)
        pairs = [(impact.before, impact.after) for impact in view.impacts().values()]
        console.print(before_after_table(pairs, tr("workers", lang), lang))
        console.print(
            tr(
                "unassigned_count",
                lang,
                before=view.before.count(UNASSIGNED),
                after=view.after.count(UNASSIGNED),
            )
        )
    render_leftovers(view, lang, console)


def render_leftovers(view: PlanView, lang: str, console: Console) -> None:
    if not view.leftovers:
        return
    console.print(tr("leftovers", lang, count=len(view.leftovers)))
    for left in view.leftovers:
        move = left.move
        console.print(
            f"  {shown(move.case)}: {shown(view.name(move.from_, lang))} -> "
            f"{shown(view.name(move.to, lang))}: "
            f"{shown(leftover_text(left, lang))}"
        )


# A cell starting with one of these is a formula to a spreadsheet (Danish Excel runs it on
# opening): OWASP's CSV injection list.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: controls made visible, and a leading formula
    character neutralised with a single quote (OWASP); 'K-1' keeps its dash."""
    text = visible(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_csv(view: PlanView, lang: str) -> bytes:
    """One row per move, self-contained; `;` and a BOM so Danish Excel opens it as is. No
    cell starts a formula (:func:`csv_cell`)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            csv_cell(tr(key, lang))
            for key in PLAN_EXPORT_COLUMNS  # (planner.io.kinds knows them: --out may replace)
        ]
    )
    impacts = view.impacts()
    for move in view.applied:
        source = impacts.get(move.from_)
        target = impacts.get(move.to)
        # A list for people to carry out (and open in a terminal): controls made visible.
        writer.writerow(
            [
                csv_cell(cell)
                for cell in (
                    move.case,
                    move.from_,
                    view.name(move.from_, lang),
                    move.to,
                    view.name(move.to, lang),
                    move.reason or "",
                    _percent(source.before if source else None, lang),
                    _percent(source.after if source else None, lang),
                    _percent(target.before if target else None, lang),
                    _percent(target.after if target else None, lang),
                )
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _md(text: str) -> str:
    """A table cell: controls made visible (line breaks included), pipes escaped."""
    return visible(text).replace("\\", "\\\\").replace("|", "\\|")


def export_md(view: PlanView, lang: str) -> bytes:
    plan = view.plan
    team = view.before.team
    lines = [
        f"# {tr('plan', lang)}: {_md(team.name)}",
        "",
        f"- {_md(shown_path(view.path))}, "
        + _md(tr("created", lang, created=plan.created.isoformat(), author=plan.author)),
        f"- {tr('date', lang, date=view.before.on.isoformat())}",
    ]
    if plan.note:
        lines.append(f"- {tr('note', lang)}: {_md(plan.note)}")
    lines += [
        "",
        f"## {tr('moves', lang, count=len(view.applied))}",
        "",
        f"| {tr('case', lang)} | {tr('from', lang)} | {tr('to', lang)} | {tr('reason', lang)} |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {_md(m.case)} | {_md(view.name(m.from_, lang))} | {_md(view.name(m.to, lang))} "
        f"| {_md(m.reason or '')} |"
        for m in view.applied
    ]
    lines += [
        "",
        f"## {tr('workers', lang)}",
        "",
        f"| {t('col.worker', lang)} | {tr('before', lang)} | {tr('after', lang)} |",
        "|---|--:|--:|",
    ]
    for impact in view.impacts().values():
        b, a = impact.before, impact.after
        lines.append(f"| {_md(b.worker.name)} | {_status(b, lang)} | {_status(a, lang)} |")
    lines += [
        "",
        tr(
            "unassigned_count",
            lang,
            before=view.before.count(UNASSIGNED),
            after=view.after.count(UNASSIGNED),
        ),
    ]
    if view.leftovers:
        lines += ["", tr("leftovers", lang, count=len(view.leftovers)), ""]
        lines += [
            f"- {_md(left.move.case)}: {_md(view.name(left.move.from_, lang))} -> "
            f"{_md(view.name(left.move.to, lang))}: {_md(leftover_text(left, lang))}"
            for left in view.leftovers
        ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _status(load: WorkerLoad, lang: str) -> str:
    """'103% (over)': utilisation and status, for the Markdown table."""
    status = t("status." + load.status.value, lang)
    return tr("status", lang, utilisation=fmt_pct(load.utilisation, lang), status=status)


def protected_files(args: argparse.Namespace, view: PlanView) -> list[Path]:
    """The input files an export must never overwrite."""
    config = default_config(getattr(args, "config", None))
    files = [view.path, config]
    team_config = load_teams_file(config).teams[view.plan.team]
    files.append(config.parent / team_config.cases)
    files += [p for p in norms_path(team_config.norms, config) if p.is_file()]
    return [p.resolve() for p in files]


def run(args: argparse.Namespace) -> int:
    from planner.cli.options import EXIT_NOT_WITHIN, EXIT_OK

    lang = getattr(args, "lang", None) or detect_language()
    view = load_view(args)
    if args.plan_action == "show":
        if args.json:
            print_json(view_json(view))
        else:
            render_show(view, lang, Console(highlight=False))
        return EXIT_OK if view.after.all_within() else EXIT_NOT_WITHIN
    data = export_csv(view, lang) if args.export_format == "csv" else export_md(view, lang)
    out: Path | None = args.out
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    check_output(out, force=args.force, protected=protected_files(args, view), writes="plan_export")
    atomic_write(out, data)
    print(tr("written", lang, path=shown_path(out)), file=sys.stderr)
    return EXIT_OK
