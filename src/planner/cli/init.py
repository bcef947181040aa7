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

from planner.core.models import NormSet
from planner.core.problems import Problem, ProblemsFound
from planner.i18n import detect_language, fill
from planner.io.files import display_path, read_bytes
from planner.io.norms import load_norms, norms_path
from planner.io.schema import CASE_COLUMNS
from planner.io.team_init import Draft, draft_team, read_export

NAME = "init"
DEFAULT_OUT = Path("config") / "teams.toml"
HOURS = 37

# key: (english, danish)
TEXTS: dict[str, tuple[str, str]] = {
    "read": (
        "Read {file}: header at {where}, {cases} {cases:case|cases}.",
        "Læst {file}: overskrift i {where}, {cases} {cases:sag|sager}.",
    ),
    "columns": ("Columns:", "Kolonner:"),
    "column": ("  {header:<{width}} -> {column}", "  {header:<{width}} -> {column}"),
    "unused": ("  not used: {names}", "  bruges ikke: {names}"),
    "no_worker_column": (
        '  no worker column recognised: add one under [teams.{team}.columns] (worker = "...")',
        '  ingen medarbejderkolonne genkendt: tilføj den under [teams.{team}.columns] (worker = "...")',
    ),
    "workers": ("Workers ({count}) in '{column}':", "Medarbejdere ({count}) i '{column}':"),
    "worker_line": (
        "  {name:<{width}} {cases:>5} cases -> id {id}, area {area}",
        "  {name:<{width}} {cases:>5} sager -> id {id}, område {area}",
    ),
    "unassigned_line": (
        "  {label:<{width}} {cases:>5} cases (unassigned)",
        "  {label:<{width}} {cases:>5} sager (ufordelte)",
    ),
    "empty": ("(empty)", "(tom)"),
    "area_todo": ("TODO", "TODO"),
    "wrote": (
        "Wrote {file}. Check the lines marked TODO, then run: planner check --config {file}",
        "Skrev {file}. Tjek linjerne mærket TODO, og kør så: planner check --config {file}",
    ),
    "exists": ("already exists", "findes allerede"),
    "exists.todo": (
        "Nothing was written: planner init never overwrites a file. Choose another --out, or move the file away.",
        "Intet er skrevet: planner init overskriver aldrig en fil. Vælg en anden --out, eller flyt filen.",
    ),
    "norms_missing": (
        "norm set '{ref}' not found (looked in {looked})",
        "normsættet '{ref}' findes ikke (søgt i {looked})",
    ),
    "norms_missing.todo": (
        "Name a bundled norm set (ds, ds-2016, sverigesmodellen) or a path to a .toml file.",
        "Angiv et medfølgende normsæt (ds, ds-2016, sverigesmodellen) eller en sti til en .toml-fil.",
    ),
    "write_failed": ("could not be written ({error})", "kunne ikke skrives ({error})"),
    # -- comments in the teams.toml written ---------------------------------------------
    "c.head": (
        "# Written by `planner init` from {export}.\n"
        "# Check every line marked TODO, then run `planner check --config {out}`.\n"
        "# The README's Files section explains every key.",
        "# Skrevet af `planner init` ud fra {export}.\n"
        "# Tjek hver linje mærket TODO, og kør så `planner check --config {out}`.\n"
        "# README'ens afsnit Files forklarer hver nøgle.",
    ),
    "c.name": (
        "TODO: the team's name as the board shows it",
        "TODO: teamets navn, som tavlen viser det",
    ),
    "c.norms": ("{title}", "{title}"),
    "c.cases": ("the export, relative to this file", "eksporten, i forhold til denne fil"),
    "c.columns": ("the export's column names", "eksportens kolonnenavne"),
    "c.no_worker": (
        '# TODO: no worker column was recognised; name it here: worker = "..."',
        '# TODO: ingen medarbejderkolonne blev genkendt; angiv den her: worker = "..."',
    ),
    "c.values_area": (
        "the export's own area values -> the norm set's area ids",
        "eksportens egne områdeværdier -> normsættets område-id'er",
    ),
    "c.value_todo": (
        "TODO ({cases} {cases:case|cases}): one of {areas}",
        "TODO ({cases} {cases:sag|sager}): et af {areas}",
    ),
    "c.workers": (
        "# {count} {count:worker|workers}, from the column '{column}' (most cases first).",
        "# {count} {count:medarbejder|medarbejdere} fra kolonnen '{column}' (flest sager først).",
    ),
    "c.no_workers": (
        "# TODO: no workers found; add one [[teams.{team}.workers]] table per caseworker.",
        "# TODO: ingen medarbejdere fundet; tilføj en [[teams.{team}.workers]]-tabel pr. sagsbehandler.",
    ),
    "c.worker_cases": (
        "{cases} {cases:case|cases} in the export",
        "{cases} {cases:sag|sager} i eksporten",
    ),
    "c.initials": (
        "TODO: the full name ({cases} {cases:case|cases} in the export)",
        "TODO: det fulde navn ({cases} {cases:sag|sager} i eksporten)",
    ),
    "c.area": (
        "{area_cases} of {cases} {cases:case|cases}",
        "{area_cases} af {cases} {cases:sag|sager}",
    ),
    "c.area_unknown": (
        "TODO: '{value}' is not an area of the norm set; one of {areas}",
        "TODO: '{value}' er ikke et område i normsættet; et af {areas}",
    ),
    "c.area_none": ("TODO: one of {areas}", "TODO: et af {areas}"),
    "c.hours": ("TODO: check the weekly hours", "TODO: tjek ugetimerne"),
}


def tr(key: str, lang: str, **values: object) -> str:
    english, danish = TEXTS[key]
    text = danish if lang == "da" else english
    return fill(text, **values) if values else text


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
        # Problems are English for now, as every loader's are (both languages are above).
        raise ProblemsFound(
            [
                Problem(
                    "--norms",
                    "",
                    tr("norms_missing", "en", ref=reference, looked=looked),
                    tr("norms_missing.todo", "en"),
                )
            ]
        )
    return load_norms(found), _relative(found, out.parent) if as_path else reference


def _write_new(path: Path, text: str) -> None:
    """Create `path` with `text`; never replace a file that is there (O_EXCL)."""
    shown = display_path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise ProblemsFound(
            [Problem(shown, "", tr("exists", "en"), tr("exists.todo", "en"))]
        ) from None
    except OSError as error:
        raise ProblemsFound(
            [Problem(shown, "", tr("write_failed", "en", error=error.strerror), "")]
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def run(args: argparse.Namespace) -> int:
    from planner.cli.common import EXIT_OK

    lang = getattr(args, "lang", None) or detect_language()
    out: Path = args.out
    team = getattr(args, "team", None) or "team"
    if out.exists() or out.is_symlink():
        raise ProblemsFound(
            [Problem(display_path(out), "", tr("exists", "en"), tr("exists.todo", "en"))]
        )
    norms, norms_ref = _norms(args.norms, out)
    table, shown = read_export(args.export, read_bytes(args.export))
    draft = draft_team(table, shown, norms)

    print(tr("read", lang, file=shown, where=draft.header_where, cases=draft.cases))
    print(tr("columns", lang))
    width = max((len(h) for h in draft.columns.values()), default=0)
    for column, header in draft.columns.items():
        print(tr("column", lang, header=header, width=width, column=column))
    if draft.unused:
        print(tr("unused", lang, names=", ".join(draft.unused)))
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
