"""The schema of config/teams.toml: teams, their workers and how their case export is read.

The pydantic models double as the file format: unknown keys are refused, every field is
typed. Loading (with every problem at once) is in planner.io.teams.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from planner.core.models import Flag, Flow, Number, OnDemand, Strict, Worker

CASE_COLUMNS = ("id", "worker", "area", "tags", "weight", "household", "pinned", "since")


class CaseFields(OnDemand):
    """What a case in an export must be: the loader checks each record against this before
    it makes a planner.core.models.Case (a plain dataclass, so that 60,000 of them stay
    small); a record that fails is reported with pydantic's reason, field by field."""

    id: str = Field(min_length=1)
    worker: str | None = None
    area: str | None = None
    tags: tuple[str, ...] = ()
    weight: Number | None = Field(default=None, gt=0, le=100)
    household: str | None = None
    pinned: Flag = False
    since: date | None = None


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


class ValueMaps(Strict):
    """An export's own codes for workers, areas and tags, mapped to the team's ids:
    `[teams.X.values.area]` "Målgruppe 2.4" = "aktivitetsparate-over-30". A tag mapped to
    "" is dropped."""

    worker: dict[str, str] = Field(default_factory=dict)
    area: dict[str, str] = Field(default_factory=dict)
    tags: dict[str, str] = Field(default_factory=dict)


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
    # A spreadsheet's sheet to read (default: the first).
    sheet: str | None = Field(default=None, min_length=1)
    values: ValueMaps = ValueMaps()
    # Weekly intake and closures per area, for the forecast ([teams.<id>.flow.<area>]).
    flow: dict[str, Flow] = Field(default_factory=dict)


class TeamsFile(Strict):
    default: str | None = None
    teams: dict[str, TeamConfig] = Field(min_length=1)
