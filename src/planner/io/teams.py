"""Loading config/teams.toml and norms/<id>.toml into a Team, with every problem at once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from planner.core.cpr import find_cpr
from planner.core.models import Case, NormSet, Strict, Team, Worker
from planner.core.problems import Problem, ProblemsFound, display_path
from planner.io.files import bundled_norms_dir, read_bytes, read_toml
from planner.io.validation import line_of, line_of_table, problems_from

CASE_COLUMNS = ("id", "worker", "area", "tags", "weight", "household", "pinned")


class ColumnMap(Strict):
    """Names of the columns in a team's case export, when they differ from ours."""

    id: str | None = None
    worker: str | None = None
    area: str | None = None
    tags: str | None = None
    weight: str | None = None
    household: str | None = None
    pinned: str | None = None

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
                    line = line_of(self.text, "id", worker_id) or line
                else:
                    parts.append(f"worker #{loc[3] + 1}")
                rest = loc[4:]
            else:
                rest = loc[2:]
        else:
            rest = loc
        detail = ".".join(str(p) for p in rest)
        where = ", ".join(parts) + (f" ({detail})" if detail else "") if parts else detail
        return f"line {line}, {where}" if line else where


def load_teams_file(path: Path) -> TeamsFile:
    data, text = read_toml(path)
    shown = display_path(path)
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
            rest = ".".join(str(p) for p in loc[2:])
            label = f"{'area' if loc[0] == 'areas' else 'duty'} '{loc[1]}'" + (
                f" ({rest})" if rest else ""
            )
            return f"line {line}, {label}" if line else label
        return ".".join(str(p) for p in loc)

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
    config: TeamConfig, norms: NormSet, shown: str, locate: _TeamsLocator, team_id: str
) -> list[Problem]:
    """Cross-checks the schema cannot make: ids unique, areas, duties, variants known."""
    problems = []
    seen: set[str] = set()
    for index, worker in enumerate(config.workers):
        where = locate(("teams", team_id, "workers", index))
        if worker.id in seen:
            problems.append(
                Problem(
                    shown,
                    where,
                    f"worker id '{worker.id}' is used twice",
                    "Give each worker a unique id.",
                )
            )
        seen.add(worker.id)
        area = norms.areas.get(worker.area)
        if area is None:
            problems.append(
                Problem(
                    shown,
                    where,
                    f"area '{worker.area}' is not in norm set '{norms.id}'",
                    f"Use one of: {', '.join(norms.areas)}.",
                )
            )
        elif worker.variant and area.variant(worker.variant) is None:
            known = ", ".join(v.id for v in area.variants) or "none"
            problems.append(
                Problem(
                    shown,
                    where,
                    f"variant '{worker.variant}' is not a variant of area '{worker.area}'",
                    f"Known variants: {known}.",
                )
            )
        for duty in worker.duties:
            if duty not in norms.duties:
                known = ", ".join(norms.duties) or "none"
                problems.append(
                    Problem(
                        shown,
                        where,
                        f"duty '{duty}' is not in norm set '{norms.id}'",
                        f"Use one of: {known}, or add [duties.{duty}] to the norm set.",
                    )
                )
    return problems


def fingerprint(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def load_team(config_path: Path, team_id: str | None = None) -> Team:
    """Read a team with its norm set and cases; ProblemsFound lists everything wrong."""
    from planner.io.cases import load_cases  # cases.py imports names from this module

    shown = display_path(config_path)
    teams_file = load_teams_file(config_path)
    team_id = resolve_team_id(teams_file, team_id, shown)
    config = teams_file.teams[team_id]
    data, text = read_toml(config_path)
    locate = _TeamsLocator(data, text)

    candidates = norms_path(config.norms, config_path)
    norms_file = next((p for p in candidates if p.is_file()), None)
    if norms_file is None:
        looked = ", ".join(display_path(p) for p in candidates)
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    locate(("teams", team_id, "norms")),
                    f"norm set '{config.norms}' not found (looked in {looked})",
                    "Name a file in norms/ (without .toml) or a path to a .toml file.",
                )
            ]
        )
    norms = load_norms(norms_file)
    problems = check_workers(config, norms, shown, locate, team_id)

    cases_file = config_path.parent / config.cases
    raw = read_bytes(cases_file)
    workers = {w.id: w for w in config.workers}
    try:
        cases = load_cases(cases_file, raw, config, workers, norms)
    except ProblemsFound as found:
        problems.extend(found.problems)
        cases = []
    if problems:
        raise ProblemsFound(problems)
    return Team(
        id=team_id,
        name=config.name,
        norms=norms,
        workers=tuple(config.workers),
        cases=tuple(cases),
        cases_fingerprint=fingerprint(raw),
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
]
