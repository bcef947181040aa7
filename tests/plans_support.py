"""Shared helpers for the plan, journal and lock tests: a small team in a temporary folder.

(A module of its own, not a test_ file: pytest would collect it and find no tests.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from planner.core.models import Team
from planner.core.moves import Assignment
from planner.io.teams import load_team

ON = date(2026, 11, 23)

TEAMS_TOML = """\
default = "lille"

[teams.lille]
name = "Team Lille"
norms = "ds"
cases = "data/cases.csv"

[[teams.lille.workers]]
id = "ab"
name = "Anna Berg"
area = "jobparate-over-30"
hours = 37

[[teams.lille.workers]]
id = "cd"
name = "Carsten Dahl"
area = "jobparate-over-30"
hours = 37

[[teams.lille.workers]]
id = "ef"
name = "Eva Friis"
area = "jobparate-over-30"
hours = 30

[[teams.lille.workers]]
id = "gh"
name = "Gustav Holm"
area = "sygedagpenge"
hours = 37
"""

WORKERS = ("ab", "cd", "ef", "gh")


def cases_csv(rows: dict[str, tuple[str, str]] | None = None) -> str:
    """id;worker;...;pinned rows: 60 cases, most with ab, a few pinned, four unassigned."""
    lines = ["id;worker;area;tags;weight;household;pinned"]
    for index in range(1, 61):
        case_id = f"K-{index:03d}"
        worker = "ab" if index <= 30 else "cd" if index <= 45 else "gh" if index <= 56 else ""
        area = "jobparate-over-30" if worker == "" else ""
        pinned = "ja" if index in (5, 33) else ""
        household = "H-1" if index in (10, 11) else ""
        worker, pinned = (rows or {}).get(case_id, (worker, pinned))
        lines.append(f"{case_id};{worker};{area};;;{household};{pinned}")
    return "\n".join(lines) + "\n"


@dataclass
class TeamDir:
    root: Path

    @property
    def config(self) -> Path:
        return self.root / "config" / "teams.toml"

    @property
    def cases(self) -> Path:
        return self.root / "config" / "data" / "cases.csv"

    def team(self) -> Team:
        return load_team(self.config)

    def assignment(self) -> Assignment:
        return Assignment(self.team(), ON)


def make_team(root: Path, teams_toml: str = TEAMS_TOML, cases: str | None = None) -> TeamDir:
    (root / "config" / "data").mkdir(parents=True, exist_ok=True)
    team_dir = TeamDir(root)
    team_dir.config.write_text(teams_toml, encoding="utf-8")
    team_dir.cases.write_text(cases if cases is not None else cases_csv(), encoding="utf-8")
    return team_dir
