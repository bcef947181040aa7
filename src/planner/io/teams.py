"""Loading config/teams.toml and norms/<id>.toml into a Team, with every problem at once."""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.core.cpr import find_cpr
from planner.core.models import Case, NormSet, Team, Worker
from planner.core.problems import Msg, Notice, Problem, ProblemsFound, Text
from planner.core.rules import CAPACITY_CEILING, CAPACITY_FLOOR, capacity_bounds
from planner.core.text import is_simple_name
from planner.io.cases import read_cases
from planner.io.files import display_path, read_bytes, read_toml
from planner.io.kinds import FileKind, file_kind, toml_kind
from planner.io.loadtexts import at_line, detailed, places, problem
from planner.io.norms import load_norms, norms_path
from planner.io.schema import ColumnMap, TeamConfig, TeamsFile, ValueMaps, WorkerFields
from planner.io.validation import (
    cpr_problems,
    line_of,
    line_of_array_table,
    line_of_key,
    line_of_keyed_table,
    line_of_table,
    problems_from,
)
from planner.io.values import ValueResolver


class _TeamsLocator:
    """Turns a location in teams.toml into 'line 14, team 'x', worker 'ab' (hours)'."""

    def __init__(self, data: dict[str, Any], text: str) -> None:
        self.data, self.text = data, text

    def __call__(self, loc: tuple[int | str, ...]) -> Text:
        parts: list[Text] = []
        line = None
        if len(loc) >= 2 and loc[0] == "teams":
            team_id = str(loc[1])
            parts.append(Msg("where.team", id=team_id))
            line = line_of_table(self.text, f"teams.{team_id}")
            team = self.data.get("teams", {}).get(team_id, {})
            if len(loc) >= 4 and loc[2] == "workers" and isinstance(loc[3], int):
                workers = team.get("workers", []) if isinstance(team, dict) else []
                worker = workers[loc[3]] if loc[3] < len(workers) else {}
                worker_id = worker.get("id") if isinstance(worker, dict) else None
                if isinstance(worker_id, str):
                    parts.append(Msg("where.worker", id=worker_id))
                else:
                    parts.append(Msg("where.worker_number", number=loc[3] + 1))
                # The index-th [[teams.x.workers]] table; inline tables: the id's line.
                table = line_of_array_table(self.text, f"teams.{team_id}.workers", loc[3])
                if table is None and isinstance(worker_id, str):
                    table = line_of(self.text, "id", worker_id)
                line = table or line
                rest = loc[4:]
                if table and len(rest) >= 2 and rest[0] == "adjustments":
                    if isinstance(rest[1], int):
                        header = f"teams.{team_id}.workers.adjustments"
                        line = line_of_array_table(self.text, header, rest[1], table) or line
                elif table and len(rest) == 1:
                    line = line_of_key(self.text, str(rest[0]), table + 1) or line
            elif len(loc) >= 4 and loc[2] in ("flow", "values"):
                # [teams.x.flow.<area>], [teams.x.values.area]: the table's own line (and
                # its key's), not the team's.
                rest = loc[2:]
                table = line_of_table(self.text, f"teams.{team_id}.{loc[2]}.{loc[3]}")
                line = table or line
                if table and len(loc) == 5:
                    line = line_of_key(self.text, str(loc[4]), table + 1) or line
            else:
                rest = loc[2:]
                if line and len(rest) == 1:
                    line = line_of_key(self.text, str(rest[0]), line + 1) or line
        else:
            rest = loc
            if len(rest) == 1:
                line = line_of_key(self.text, str(rest[0]))
        detail = ".".join(str(p) for p in rest)
        where = detailed(places(*parts), detail) if parts else detail
        return at_line(line, where)


def load_teams_file(path: Path) -> TeamsFile:
    data, text = read_teams_toml(path)
    return validate_teams_file(data, text, display_path(path))


def read_teams_toml(path: Path) -> tuple[dict[str, Any], str]:
    """teams.toml parsed, and its text; a case export given instead (`--config sager.xlsx`)
    is said to be one, with the command that makes a teams.toml of it, not "not TOML"."""
    try:
        return read_toml(path)
    except ProblemsFound:
        if file_kind(path) is FileKind.CASES:
            shown = display_path(path)
            raise ProblemsFound([problem(shown, "", "load.config_is_export", file=shown)]) from None
        raise


def _not_a_teams_file(data: dict[str, Any], shown: str) -> list[Problem]:
    """Another of planner's TOML files given as teams.toml: one line that says which, not
    a line per key it does not know."""
    if isinstance(data.get("teams"), dict):
        return []
    kind = toml_kind(data)
    if kind in (FileKind.PLAN, FileKind.NORMS, FileKind.CASES):
        return [problem(shown, "", f"load.config_is_{kind.value}")]
    return []


def team_id_problems(data: dict[str, Any], text: str, shown: str) -> list[Problem]:
    """Team ids become file names (lock, journal, plans): refuse all but simple names."""
    teams = data.get("teams")
    problems = []
    for team_id in teams if isinstance(teams, dict) else ():
        if is_simple_name(team_id) or find_cpr(team_id):  # a CPR number: reported as such
            continue
        line = line_of_keyed_table(text, "teams", team_id)
        problems.append(
            Problem(
                shown,
                Msg("where.line", line=line) if line else "teams",
                Msg("load.team_id", team=team_id),
                Msg("load.team_id.todo"),
            )
        )
    return problems


def validate_teams_file(data: dict[str, Any], text: str, shown: str) -> TeamsFile:
    """The parsed teams.toml as a TeamsFile, or ProblemsFound with every problem in it."""
    locate = _TeamsLocator(data, text)
    problems = cpr_problems(data, shown, locate)
    if not problems:
        problems = _not_a_teams_file(data, shown)
        if problems:
            raise ProblemsFound(problems)
    problems += team_id_problems(data, text, shown)
    try:
        teams_file = TeamsFile.model_validate(data)
    except ValidationError as error:
        problems.extend(problems_from(error, TeamsFile, shown, locate))
        raise ProblemsFound(problems) from None
    if problems:
        raise ProblemsFound(problems)
    if teams_file.default is not None and teams_file.default not in teams_file.teams:
        raise ProblemsFound(
            [
                problem(
                    shown,
                    "default",
                    "load.default_team",
                    team=teams_file.default,
                    todo=Msg("load.use_one_of", known=", ".join(teams_file.teams)),
                )
            ]
        )
    return teams_file


def resolve_team_id(teams_file: TeamsFile, requested: str | None, shown: str) -> str:
    team_id = requested or teams_file.default or next(iter(teams_file.teams))
    if team_id not in teams_file.teams:
        raise ProblemsFound(
            [problem(shown, "", "load.no_team", team=team_id, teams=", ".join(teams_file.teams))]
        )
    return team_id


def check_workers(
    workers: Iterable[tuple[int, Worker]],
    norms: NormSet,
    shown: str,
    locate: _TeamsLocator,
    team_id: str,
) -> list[Problem]:
    """Cross-checks the schema cannot make: ids unique, areas, duties, variants known.

    `workers` are (position in the file, worker): when some workers do not validate, the
    others are still checked."""
    problems = []
    seen: set[str] = set()
    for index, worker in workers:
        found: list[tuple[Msg, Msg]] = []  # (what, todo)
        if worker.id in seen:
            found.append((Msg("load.worker_twice", id=worker.id), Msg("load.worker_twice.todo")))
        seen.add(worker.id)
        area = norms.areas.get(worker.area)
        if area is None:
            found.append(
                (
                    Msg("load.worker_area", area=worker.area, norms=norms.id),
                    Msg("load.use_one_of", known=", ".join(norms.areas)),
                )
            )
        elif worker.variant and area.variant(worker.variant) is None:
            variants: Text = ", ".join(v.id for v in area.variants) or Msg("load.none")
            found.append(
                (
                    Msg("load.worker_variant", variant=worker.variant, area=worker.area),
                    Msg("load.worker_variant.todo", known=variants),
                )
            )
        for duty in worker.duties:
            if duty not in norms.duties:
                duties: Text = ", ".join(norms.duties) or Msg("load.none")
                found.append(
                    (
                        Msg("load.worker_duty", duty=duty, norms=norms.id),
                        Msg("load.worker_duty.todo", known=duties, duty=duty),
                    )
                )
        if area is not None:
            found.extend(_capacity_problems(worker, norms))
        if found:
            # Finding the line scans the file: only worth it for a worker with problems.
            where = locate(("teams", team_id, "workers", index))
            problems.extend(Problem(shown, where, what, todo) for what, todo in found)
    return problems


def check_flows(
    config: TeamConfig, norms: NormSet, shown: str, locate: _TeamsLocator, team_id: str
) -> list[Problem]:
    """A flow ([teams.X.flow.<area>], for the forecast) must name an area of the norm set."""
    return [
        problem(
            shown,
            locate(("teams", team_id, "flow", area)),
            "load.flow_area",
            area=area,
            norms=norms.id,
            areas=", ".join(norms.areas),
        )
        for area in config.flow
        if area not in norms.areas
    ]


def _capacity_problems(worker: Worker, norms: NormSet) -> list[tuple[Msg, Msg]]:
    """A capacity so small or so large on some date that its figures mean nothing (tiny
    hours or factors; many factors multiplied), as (what, todo)."""
    low, high = capacity_bounds(worker, norms)
    todo = Msg("load.capacity.todo", hours=worker.hours, full=norms.full_time_hours)
    if low < CAPACITY_FLOOR:
        return [(Msg("load.capacity_low", low=low), todo)]
    if high > CAPACITY_CEILING:
        return [(Msg("load.capacity_high", high=high), todo)]
    return []


def check_value_maps(
    config: TeamConfig,
    workers: Mapping[str, Worker | None],
    norms: NormSet,
    shown: str,
    locate: _TeamsLocator,
    team_id: str,
) -> list[Problem]:
    """Each `[teams.X.values.worker]` / `.area` entry must name a worker (by id or name) or
    an area (by id or label): a map to nothing would make every case with that code fail."""
    resolver = ValueResolver(config, workers, norms)
    problems = []
    for kind, codes, target_of, known in (
        ("worker", config.values.worker, resolver.worker_target, list(workers)),
        ("area", config.values.area, resolver.area_target, list(norms.areas)),
    ):
        for code, target in codes.items():
            if target_of(target) is None:
                problems.append(
                    problem(
                        shown,
                        locate(("teams", team_id, "values", kind, code)),
                        "load.value_map",
                        code=code,
                        target=target,
                        what=Msg(f"load.value_map.{kind}"),
                        known=", ".join(known),
                    )
                )
    return problems


def fingerprint(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _raw_team(data: dict[str, Any], team_id: str | None) -> tuple[str | None, dict[str, Any]]:
    """The team's table as parsed, to go on checking the other files when teams.toml has
    problems of its own (so one run reports the problems of every file)."""
    teams = data.get("teams")
    if not isinstance(teams, dict) or not teams:
        return None, {}
    default = data.get("default")
    team_id = team_id or (default if isinstance(default, str) else None) or next(iter(teams))
    raw = teams.get(team_id)
    return team_id, raw if isinstance(raw, dict) else {}


def _valid_workers(raw: dict[str, Any]) -> tuple[list[tuple[int, Worker]], set[str]]:
    """The workers of a team whose teams.toml has problems: those that validate (to check
    them further), and every id named (so their cases are not reported as orphans)."""
    valid: list[tuple[int, Worker]] = []
    ids: set[str] = set()
    items = raw.get("workers")
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            ids.add(item["id"])
        try:
            valid.append((index, WorkerFields.model_validate(item).domain()))
        except ValidationError:
            continue
    return valid, ids


def _lenient_config(raw: dict[str, Any]) -> TeamConfig:
    """Just enough of a broken team's config to read its cases file (columns, id kind)."""
    try:
        columns = ColumnMap.model_validate(raw.get("columns", {}))
    except ValidationError:
        columns = ColumnMap()
    try:
        values = ValueMaps.model_validate(raw.get("values", {}))
    except ValidationError:
        values = ValueMaps()
    sheet = raw.get("sheet")
    return TeamConfig.model_construct(
        columns=columns,
        ten_digit_case_ids=raw.get("ten_digit_case_ids") is True,
        values=values,
        sheet=sheet if isinstance(sheet, str) and sheet else None,
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection while the cases are read: reading makes tens of thousands of
    objects that all live on, and every collection on the way would walk them again for
    nothing (40-50 ms of 18,000 cases). Whatever was paused resumes as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_team(config_path: Path, team_id: str | None = None) -> Team:
    """Read a team with its norm set and cases; ProblemsFound lists everything wrong in all
    three files at once (as far as one file's problems leave the others checkable)."""
    with _collector_paused():
        return _load_team(config_path, team_id)


def _load_team(config_path: Path, team_id: str | None) -> Team:
    shown = display_path(config_path)
    # A missing or malformed teams.toml leaves nothing else to go on.
    data, text = read_teams_toml(config_path)
    locate = _TeamsLocator(data, text)
    problems: list[Problem] = []
    config: TeamConfig | None = None
    try:
        teams_file = validate_teams_file(data, text, shown)
        team_id = resolve_team_id(teams_file, team_id, shown)
        config = teams_file.teams[team_id]
    except ProblemsFound as found:
        problems.extend(found.problems)
    raw_id, raw = _raw_team(data, team_id)
    team_id = team_id or raw_id

    norms: NormSet | None = None
    norms_ref = config.norms if config else raw.get("norms")
    if isinstance(norms_ref, str) and norms_ref:
        candidates = norms_path(norms_ref, config_path)
        # The first that exists: a folder, a FIFO or a symlink loop there is reported as
        # such when read, not passed over for a norm set of the same name further down.
        norms_file = next((p for p in candidates if os.path.lexists(p)), None)
        if norms_file is None:
            looked = ", ".join(display_path(p) for p in candidates)
            problems.append(
                problem(
                    shown,
                    locate(("teams", team_id or "", "norms")),
                    "load.norms_missing",
                    ref=norms_ref,
                    looked=looked,
                )
            )
        else:
            try:
                norms = load_norms(norms_file)
            except ProblemsFound as found:
                problems.extend(found.problems)
    if config is not None:
        workers = list(enumerate(w.domain() for w in config.workers))
        known: dict[str, Worker | None] = {w.id: w for _, w in workers}
    else:
        workers, ids = _valid_workers(raw)
        known = dict.fromkeys(ids)
        known.update((w.id, w) for _, w in workers)
    if norms is not None:
        problems.extend(check_workers(workers, norms, shown, locate, team_id or ""))

    if config is not None and norms is not None:
        problems.extend(check_value_maps(config, known, norms, shown, locate, team_id or ""))
        problems.extend(check_flows(config, norms, shown, locate, team_id or ""))

    cases: list[Case] = []
    notices: list[Notice] = []
    cases_ref = config.cases if config else raw.get("cases")
    raw_cases = b""
    if isinstance(cases_ref, str) and cases_ref:
        cases_file = config_path.parent / cases_ref
        try:
            raw_cases = read_bytes(cases_file)
            read = read_cases(cases_file, raw_cases, config or _lenient_config(raw), known, norms)
            cases, notices = read.cases, read.notices
        except ProblemsFound as found:
            problems.extend(found.problems)
    if problems:
        raise ProblemsFound(problems)
    assert config is not None and norms is not None and team_id is not None
    return Team(
        id=team_id,
        name=config.name,
        norms=norms,
        workers=tuple(w for _, w in workers),
        cases=tuple(cases),
        cases_fingerprint=fingerprint(raw_cases),
        reasons=tuple(config.reasons if config.reasons is not None else norms.reasons),
        notices=tuple(notices),
        flows={area: flow.domain() for area, flow in config.flow.items()},
    )


__all__ = ["load_team", "load_teams_file", "resolve_team_id", "validate_teams_file"]
