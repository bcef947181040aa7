"""Loading config/teams.toml and norms/<id>.toml into a Team, with every problem at once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from planner.core.cpr import find_cpr
from planner.core.models import Case, NormSet, Strict, Team, Worker
from planner.core.problems import Problem, ProblemsFound, display_path
from planner.io.files import bundled_norms_dir, read_bytes, read_toml
from planner.io.validation import (
    line_of,
    line_of_array_table,
    line_of_key,
    line_of_table,
    problems_from,
)

CASE_COLUMNS = ("id", "worker", "area", "tags", "weight", "household", "pinned", "since")


class ColumnMap(Strict):
    """Names of the columns in a team's case export, when they differ from ours."""

    id: str | None = None
    worker: str | None = None
    area: str | None = None
    tags: str | None = None
    weight: str | None = None
    household: str | None = None
    pinned: str | None = None
    since: str | None = None

    def header_for(self, column: str) -> str:
        return getattr(self, column) or column


class TeamConfig(Strict):
    name: str = Field(min_length=1)
    norms: str = Field(min_length=1)
    cases: str = Field(min_length=1)
    workers: list[Worker] = Field(min_length=1)
    columns: ColumnMap = ColumnMap()
    # Some case systems number cases with ten digits, which look like CPR numbers; a team
    # whose genuine case ids are such numbers says so here (the dashed form stays refused).
    ten_digit_case_ids: bool = False
    reasons: list[str] | None = None


class TeamsFile(Strict):
    default: str | None = None
    teams: dict[str, TeamConfig] = Field(min_length=1)


def iter_strings(
    value: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every scalar in parsed TOML with its path, for the CPR scan."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key), str(key)
            yield from iter_strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_strings(item, (*path, index))
    elif isinstance(value, str | int):
        yield path, str(value)


def cpr_problems(data: Any, file: str, locate: Any) -> list[Problem]:
    problems = []
    for path, text in iter_strings(data):
        masked = find_cpr(text)
        if masked:
            problems.append(
                Problem(
                    file,
                    locate(path),
                    f"holds what looks like a CPR number ({masked})",
                    "Remove it: planner must never store CPR numbers; use pseudonymous ids.",
                )
            )
    return problems


class _TeamsLocator:
    """Turns a location in teams.toml into 'line 14, team 'x', worker 'ab' (hours)'."""

    def __init__(self, data: dict[str, Any], text: str) -> None:
        self.data, self.text = data, text

    def __call__(self, loc: tuple[int | str, ...]) -> str:
        parts: list[str] = []
        line = None
        if len(loc) >= 2 and loc[0] == "teams":
            team_id = str(loc[1])
            parts.append(f"team '{team_id}'")
            line = line_of_table(self.text, f"teams.{team_id}")
            team = self.data.get("teams", {}).get(team_id, {})
            if len(loc) >= 4 and loc[2] == "workers" and isinstance(loc[3], int):
                workers = team.get("workers", []) if isinstance(team, dict) else []
                worker = workers[loc[3]] if loc[3] < len(workers) else {}
                worker_id = worker.get("id") if isinstance(worker, dict) else None
                if isinstance(worker_id, str):
                    parts.append(f"worker '{worker_id}'")
                else:
                    parts.append(f"worker #{loc[3] + 1}")
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
            else:
                rest = loc[2:]
                if line and len(rest) == 1:
                    line = line_of_key(self.text, str(rest[0]), line + 1) or line
        else:
            rest = loc
            if len(rest) == 1:
                line = line_of_key(self.text, str(rest[0]))
        detail = ".".join(str(p) for p in rest)
        where = ", ".join(parts) + (f" ({detail})" if detail else "") if parts else detail
        return f"line {line}, {where}" if line else where


def load_teams_file(path: Path) -> TeamsFile:
    data, text = read_toml(path)
    return validate_teams_file(data, text, display_path(path))


def validate_teams_file(data: dict[str, Any], text: str, shown: str) -> TeamsFile:
    """The parsed teams.toml as a TeamsFile, or ProblemsFound with every problem in it."""
    locate = _TeamsLocator(data, text)
    problems = cpr_problems(data, shown, locate)
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
                Problem(
                    shown,
                    "default",
                    f"names team '{teams_file.default}', which is not defined",
                    f"Use one of: {', '.join(teams_file.teams)}.",
                )
            ]
        )
    return teams_file


def norms_path(reference: str, config_path: Path) -> list[Path]:
    """Where a team's `norms = ...` may live, in the order they are tried."""
    if reference.endswith(".toml") or "/" in reference or "\\" in reference:
        return [config_path.parent / reference]
    return [
        config_path.parent.parent / "norms" / f"{reference}.toml",
        config_path.parent / "norms" / f"{reference}.toml",
        bundled_norms_dir() / f"{reference}.toml",
    ]


def load_norms(path: Path) -> NormSet:
    data, text = read_toml(path)
    shown = display_path(path)

    def locate(loc: tuple[int | str, ...]) -> str:
        if len(loc) >= 2 and loc[0] in ("areas", "duties"):
            header = f"{loc[0]}.{loc[1]}"
            line = line_of_table(text, header)
            rest = loc[2:]
            if line and len(rest) >= 2 and rest[0] == "variants" and isinstance(rest[1], int):
                line = line_of_array_table(text, f"{header}.variants", rest[1], line) or line
            elif line and len(rest) == 1:
                line = line_of_key(text, str(rest[0]), line + 1) or line
            detail = ".".join(str(p) for p in rest)
            label = f"{'area' if loc[0] == 'areas' else 'duty'} '{loc[1]}'" + (
                f" ({detail})" if detail else ""
            )
            return f"line {line}, {label}" if line else label
        line = None
        if len(loc) == 1:
            line = line_of_key(text, str(loc[0])) or line_of_table(text, str(loc[0]))
        elif len(loc) >= 2:
            table = line_of_table(text, str(loc[0]))
            line = table and (line_of_key(text, str(loc[1]), table + 1) or table)
        where = ".".join(str(p) for p in loc)
        return f"line {line}, {where}" if line else where

    problems = cpr_problems(data, shown, locate)
    try:
        norms = NormSet.model_validate(data)
    except ValidationError as error:
        raise ProblemsFound(problems + problems_from(error, NormSet, shown, locate)) from None
    if problems:
        raise ProblemsFound(problems)
    return norms.model_copy(update={"id": path.stem})


def resolve_team_id(teams_file: TeamsFile, requested: str | None, shown: str) -> str:
    team_id = requested or teams_file.default or next(iter(teams_file.teams))
    if team_id not in teams_file.teams:
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    "",
                    f"has no team '{team_id}'",
                    f"Choose one of: {', '.join(teams_file.teams)} (--team ID).",
                )
            ]
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
        found: list[tuple[str, str]] = []  # (what, todo)
        if worker.id in seen:
            found.append(
                (f"worker id '{worker.id}' is used twice", "Give each worker a unique id.")
            )
        seen.add(worker.id)
        area = norms.areas.get(worker.area)
        if area is None:
            found.append(
                (
                    f"area '{worker.area}' is not in norm set '{norms.id}'",
                    f"Use one of: {', '.join(norms.areas)}.",
                )
            )
        elif worker.variant and area.variant(worker.variant) is None:
            known = ", ".join(v.id for v in area.variants) or "none"
            found.append(
                (
                    f"variant '{worker.variant}' is not a variant of area '{worker.area}'",
                    f"Known variants: {known}.",
                )
            )
        for duty in worker.duties:
            if duty not in norms.duties:
                known = ", ".join(norms.duties) or "none"
                found.append(
                    (
                        f"duty '{duty}' is not in norm set '{norms.id}'",
                        f"Use one of: {known}, or add [duties.{duty}] to the norm set.",
                    )
                )
        if found:
            # Finding the line scans the file: only worth it for a worker with problems.
            where = locate(("teams", team_id, "workers", index))
            problems.extend(Problem(shown, where, what, todo) for what, todo in found)
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
            valid.append((index, Worker.model_validate(item)))
        except ValidationError:
            continue
    return valid, ids


def _lenient_config(raw: dict[str, Any]) -> TeamConfig:
    """Just enough of a broken team's config to read its cases file (columns, id kind)."""
    try:
        columns = ColumnMap.model_validate(raw.get("columns", {}))
    except ValidationError:
        columns = ColumnMap()
    return TeamConfig.model_construct(
        columns=columns, ten_digit_case_ids=raw.get("ten_digit_case_ids") is True
    )


def load_team(config_path: Path, team_id: str | None = None) -> Team:
    """Read a team with its norm set and cases; ProblemsFound lists everything wrong in all
    three files at once (as far as one file's problems leave the others checkable)."""
    from planner.io.cases import load_cases  # cases.py imports names from this module

    shown = display_path(config_path)
    # A missing or malformed teams.toml leaves nothing else to go on.
    data, text = read_toml(config_path)
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
        norms_file = next((p for p in candidates if p.is_file()), None)
        if norms_file is None:
            looked = ", ".join(display_path(p) for p in candidates)
            problems.append(
                Problem(
                    shown,
                    locate(("teams", team_id or "", "norms")),
                    f"norm set '{norms_ref}' not found (looked in {looked})",
                    "Name a file in norms/ (without .toml) or a path to a .toml file.",
                )
            )
        else:
            try:
                norms = load_norms(norms_file)
            except ProblemsFound as found:
                problems.extend(found.problems)
    if config is not None:
        workers = list(enumerate(config.workers))
        known: dict[str, Worker | None] = {w.id: w for w in config.workers}
    else:
        workers, ids = _valid_workers(raw)
        known = dict.fromkeys(ids)
        known.update((w.id, w) for _, w in workers)
    if norms is not None:
        problems.extend(check_workers(workers, norms, shown, locate, team_id or ""))

    cases: list[Case] = []
    cases_ref = config.cases if config else raw.get("cases")
    raw_cases = b""
    if isinstance(cases_ref, str) and cases_ref:
        cases_file = config_path.parent / cases_ref
        try:
            raw_cases = read_bytes(cases_file)
            cases = load_cases(cases_file, raw_cases, config or _lenient_config(raw), known, norms)
        except ProblemsFound as found:
            problems.extend(found.problems)
    if problems:
        raise ProblemsFound(problems)
    assert config is not None and norms is not None and team_id is not None
    return Team(
        id=team_id,
        name=config.name,
        norms=norms,
        workers=tuple(config.workers),
        cases=tuple(cases),
        cases_fingerprint=fingerprint(raw_cases),
        reasons=tuple(config.reasons if config.reasons is not None else norms.reasons),
    )


__all__ = [
    "CASE_COLUMNS",
    "Case",
    "ColumnMap",
    "TeamConfig",
    "TeamsFile",
    "load_norms",
    "load_team",
    "load_teams_file",
    "validate_teams_file",
]
