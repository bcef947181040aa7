"""`planner init EXPORT [--norms ds] [--team ID] [--out config/teams.toml]`: a teams.toml
drafted from a case export.

Shows the columns it recognised and every distinct worker value with its number of cases,
then writes a commented teams.toml (columns mapped, the cases path relative to it, each
worker with the area most of their cases have, 37 hours, TODO comments where it could not
decide). It never overwrites a file. Exit 0 written, 2 bad input (nothing written).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import tomli_w

from planner import i18n
from planner.core.cpr import find_cpr
from planner.core.models import NormSet
from planner.core.problems import Msg, Notice, Problem, ProblemsFound
from planner.core.text import is_simple_name
from planner.i18n import detect_language, notice_text, text_of
from planner.io.files import display_path, explain, read_bytes, write_new
from planner.io.norms import load_norms, norms_path
from planner.io.schema import CASE_COLUMNS
from planner.io.team_init import Draft, draft_team, read_export

NAME = "init"
DEFAULT_OUT = Path("config") / "teams.toml"
HOURS = 37


def tr(key: str, lang: str, **values: object) -> str:
    """A text of `planner init` (planner.i18n.cli, keys ``init.*``)."""
    return i18n.t(f"init.{key}", lang, **values)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        NAME,
        help="write a teams.toml from a case export (CSV or spreadsheet)",
        description="Recognise the export's columns and workers and write a commented "
        "teams.toml to check and complete. Never overwrites a file. --team ID names the "
        "team (default: team).",
    )
    parser.add_argument("export", type=Path, metavar="EXPORT", help="the case export")
    parser.add_argument("--norms", default="ds", metavar="ID", help="norm set (default: ds)")
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="PATH",
        help=f"where to write (default: {DEFAULT_OUT})",
    )
    parser.add_argument("--lang", choices=["da", "en"], default=argparse.SUPPRESS)
    return parser


def _str(value: str) -> str:
    return tomli_w.dumps({"v": value})[4:].strip()


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _str(key)


def _line(assignment: str, comment: str = "", width: int = 30) -> str:
    return f"{assignment:<{width}} # {comment}" if comment else assignment


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target.resolve(), start.resolve())).as_posix()


def render(
    draft: Draft,
    *,
    team: str,
    norms_ref: str,
    norms: NormSet,
    cases_ref: str,
    export_shown: str,
    out_shown: str,
    lang: str,
) -> str:
    """The commented teams.toml for `draft`."""
    areas = ", ".join(norms.areas)
    t = _key(team)
    lines = [
        tr("c.head", lang, export=export_shown, out=out_shown),
        "",
        f"default = {_str(team)}",
        "",
        f"[teams.{t}]",
        _line(f"name = {_str(team.capitalize())}", tr("c.name", lang)),
        _line(f"norms = {_str(norms_ref)}", tr("c.norms", lang, title=norms.title)),
        _line(f"cases = {_str(cases_ref)}", tr("c.cases", lang)),
        "",
        _line(f"[teams.{t}.columns]", tr("c.columns", lang)),
    ]
    for column in CASE_COLUMNS:
        if column in draft.columns:
            lines.append(f"{column} = {_str(draft.columns[column])}")
    if "worker" not in draft.columns:
        lines.append(tr("c.no_worker", lang))
    if draft.unknown_areas:
        lines += ["", _line(f"[teams.{t}.values.area]", tr("c.values_area", lang))]
        for value, count in draft.unknown_areas.items():
            lines.append(
                _line(f'{_str(value)} = ""', tr("c.value_todo", lang, cases=count, areas=areas))
            )
    lines.append("")
    if draft.workers:
        lines.append(
            tr("c.workers", lang, count=len(draft.workers), column=draft.columns.get("worker"))
        )
    else:
        lines.append(tr("c.no_workers", lang, team=team))
    for worker in draft.workers:
        if worker.area is not None:
            area = _line(
                f"area = {_str(worker.area)}",
                tr("c.area", lang, area_cases=worker.area_cases, cases=worker.cases),
            )
        elif worker.area_value:
            # The export's own value: `planner check` names it until it is replaced.
            area = _line(
                f"area = {_str(worker.area_value)}",
                tr("c.area_unknown", lang, value=worker.area_value, areas=areas),
            )
        else:
            area = _line('area = "TODO"', tr("c.area_none", lang, areas=areas))
        name_comment = "c.initials" if worker.initials_only else "c.worker_cases"
        lines += [
            "",
            f"[[teams.{t}.workers]]",
            f"id = {_str(worker.id)}",
            _line(f"name = {_str(worker.name)}", tr(name_comment, lang, cases=worker.cases)),
            area,
            _line(f"hours = {HOURS}", tr("c.hours", lang)),
        ]
    return "\n".join(lines) + "\n"


def _norms(reference: str, out: Path) -> tuple[NormSet, str]:
    """The norm set and how teams.toml at `out` names it (an id, or a path relative to it)."""
    as_path = reference.endswith(".toml") or "/" in reference or "\\" in reference
    candidates = [Path(reference)] if as_path else norms_path(reference, out)
    found = next((p for p in candidates if p.is_file()), None)
    if found is None:
        looked = ", ".join(display_path(p) for p in candidates)
        raise ProblemsFound(
            [
                Problem(
                    "--norms",
                    "",
                    Msg("load.norms_missing", ref=reference, looked=looked),
                    Msg("init.norms_missing.todo"),
                )
            ]
        )
    return load_norms(found), _relative(found, out.parent) if as_path else reference


def _exists(shown: str) -> Problem:
    return Problem(shown, "", Msg("init.exists"), Msg("init.exists.todo"))


def _write_new(path: Path, text: str) -> None:
    """Create `path` with `text` (owner-only); never replace a file that is there."""
    shown = display_path(path)
    try:
        write_new(path, text.encode("utf-8"))
    except FileExistsError:
        raise ProblemsFound([_exists(shown)]) from None
    except OSError as error:
        raise ProblemsFound(
            [Problem(shown, "", Msg("init.write_failed", reason=explain(error)))]
        ) from None


def _argument_problems(team: str, export: Path, out: Path) -> list[Problem]:
    """The team id, the export's path and --out all end up in teams.toml (and on the
    terminal): refuse a CPR number in any of them, and a team id that is not a simple name
    (it becomes part of file names; `planner check` would refuse it)."""
    problems = []
    masked = find_cpr(team)
    if masked:
        problems.append(
            Problem("--team", "", Msg("load.cpr_found", masked=masked), Msg("init.cpr_team.todo"))
        )
    elif not is_simple_name(team):
        problems.append(
            Problem("--team", "", Msg("load.team_id", team=team), Msg("init.team_id.todo"))
        )
    written = _relative(export, out.parent)  # `cases = "..."` in the file
    for path, extra in ((export, written), (out, "")):
        masked = find_cpr(str(path)) or find_cpr(display_path(path)) or find_cpr(extra)
        if masked:
            # Problem masks the digits in the path it names.
            problems.append(
                Problem(
                    display_path(path),
                    "",
                    Msg("init.cpr_path", masked=masked),
                    Msg("init.cpr_path.todo"),
                )
            )
    return problems


def run(args: argparse.Namespace) -> int:
    from planner.cli.options import EXIT_OK

    lang = getattr(args, "lang", None) or detect_language()
    out: Path = args.out
    team = getattr(args, "team", None) or "team"
    problems = _argument_problems(team, args.export, out)
    if problems:
        raise ProblemsFound(problems)
    if out.exists() or out.is_symlink():
        raise ProblemsFound([_exists(display_path(out))])
    norms, norms_ref = _norms(args.norms, out)
    table, shown = read_export(args.export, read_bytes(args.export))
    if table.encoding not in ("", "UTF-8"):
        # As `planner check` says it (cli.common.report_notices): on stderr, one line.
        notice = Notice(shown, "notice.encoding", {"encoding": table.encoding})
        print(f"planner: {notice_text(notice, lang)}", file=sys.stderr)
    draft = draft_team(table, shown, norms)

    where = text_of(draft.header_where, lang)
    print(tr("read", lang, file=shown, where=where, cases=draft.cases))
    print(tr("columns", lang))
    width = max((len(h) for h in draft.columns.values()), default=0)
    for column, header in draft.columns.items():
        print(tr("column", lang, header=header, width=width, column=column))
    if draft.unused:
        print(tr("unused", lang, names=", ".join(draft.unused)))
    for where in draft.totals:
        print(tr("totals", lang, where=text_of(where, lang)))
    if "worker" not in draft.columns:
        print(tr("no_worker_column", lang, team=team))
    else:
        print(tr("workers", lang, count=len(draft.workers), column=draft.columns["worker"]))
        width = max([len(w.name) for w in draft.workers] + [len(tr("empty", lang))])
        for worker in draft.workers:
            area = worker.area or tr("area_todo", lang)
            print(
                tr(
                    "worker_line",
                    lang,
                    name=worker.name,
                    width=width,
                    cases=worker.cases,
                    id=worker.id,
                    area=area,
                )
            )
        if draft.unassigned:
            print(
                tr(
                    "unassigned_line",
                    lang,
                    label=tr("empty", lang),
                    width=width,
                    cases=draft.unassigned,
                )
            )

    text = render(
        draft,
        team=team,
        norms_ref=norms_ref,
        norms=norms,
        cases_ref=_relative(args.export, out.parent),
        export_shown=shown,
        out_shown=display_path(out),
        lang=lang,
    )
    _write_new(out, text)
    print(tr("wrote", lang, file=display_path(out)))
    sys.stdout.flush()
    return EXIT_OK
