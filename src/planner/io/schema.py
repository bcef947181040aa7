"""The schema of config/teams.toml: teams, their workers and how their case export is read.

The pydantic models double as the file format: unknown keys are refused, every field is
typed. Loading (with every problem at once) is in planner.io.teams.
"""

from __future__ import annotations

from pydantic import Field

from planner.core.models import Flag, Strict, Worker

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
    ten_digit_case_ids: Flag = False
    reasons: list[str] | None = None


class TeamsFile(Strict):
    default: str | None = None
    teams: dict[str, TeamConfig] = Field(min_length=1)
