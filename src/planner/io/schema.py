"""The schema of the config files: teams.toml (teams, their workers and how their case
export is read) and the norm sets (norms/<id>.toml).

The pydantic models are the file format: unknown keys are refused, every field is typed and
checked. What passes becomes the domain's plain nouns (planner.core.models) by
``.domain()``. Loading (with every problem at once) is in planner.io.teams and
planner.io.norms.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from pydantic import Field, field_validator, model_validator

from planner.core import models
from planner.core.fields import (
    Flag,
    Number,
    OnDemand,
    Strict,
    WholeNumber,
    date_not_number,
    refused,
)
from planner.core.models import (
    ADJUSTMENT_FACTOR_MIN,
    FACTOR_MAX,
    FACTOR_MIN_EXCLUSIVE,
    FULL_TIME_HOURS_MIN,
    HOURS_MAX,
    HOURS_MIN_EXCLUSIVE,
    RANGE_HIGHEST,
    RANGE_MAX_LOWEST,
    WEIGHT_MAX,
)


class Noun(Strict):
    """A schema model that stands for one of the domain's nouns (its DOMAIN class)."""

    DOMAIN: ClassVar[type]

    def domain(self) -> Any:
        """The checked values as the domain's noun, nested models as theirs."""
        return self.DOMAIN(**{name: _domain(value) for name, value in self})


def _domain(value: Any) -> Any:
    if isinstance(value, Noun):
        return value.domain()
    if isinstance(value, list):
        return [_domain(v) for v in value]
    if isinstance(value, dict):
        return {k: _domain(v) for k, v in value.items()}
    return value


def _check_factor(value: float) -> float:
    if not FACTOR_MIN_EXCLUSIVE < value <= FACTOR_MAX:
        raise refused("model.factor", max=FACTOR_MAX)
    return value


def _check_adjustment_factor(value: float) -> float:
    if not ADJUSTMENT_FACTOR_MIN <= value <= FACTOR_MAX:
        raise refused("model.adjustment_factor", max=FACTOR_MAX)
    return value


class RangeFields(Noun):
    """A caseload range in cases (or weighted cases) per full-time worker."""

    DOMAIN = models.Range
    min: Number = Field(ge=0, le=RANGE_HIGHEST)
    max: Number = Field(ge=RANGE_MAX_LOWEST, le=RANGE_HIGHEST)

    @model_validator(mode="after")
    def _min_not_above_max(self) -> RangeFields:
        if self.min > self.max:
            raise refused("model.min_above_max", min=self.min, max=self.max)
        return self


class VariantFields(RangeFields):
    DOMAIN = models.Variant
    id: str = Field(min_length=1)
    label: str
    tag: str | None = None
    share: Number = Field(default=0.5, gt=0, le=1)


class AreaFields(RangeFields):
    DOMAIN = models.Area
    label: str
    variants: list[VariantFields] = Field(default_factory=list)

    @field_validator("variants")
    @classmethod
    def _unique_variant_ids(cls, variants: list[VariantFields]) -> list[VariantFields]:
        seen: set[str] = set()
        for variant in variants:
            if variant.id in seen:
                raise refused("model.variant_twice", id=variant.id)
            seen.add(variant.id)
        return variants


class NewHireFields(Noun):
    DOMAIN = models.NewHire
    months: WholeNumber = Field(ge=1, le=36)
    factor: Number

    _factor = field_validator("factor")(_check_factor)


class DutyFields(Noun):
    DOMAIN = models.Duty
    label: str
    factor: Number

    _factor = field_validator("factor")(_check_factor)


class NormSetFields(Noun):
    """One norms/<id>.toml file."""

    DOMAIN = models.NormSet
    id: str = ""  # set from the file name by the loader
    title: str
    source: str
    full_time_hours: Number = Field(ge=FULL_TIME_HOURS_MIN, le=HOURS_MAX)
    new_hire: NewHireFields | None = None
    duties: dict[str, DutyFields] = Field(default_factory=dict)
    tag_weights: dict[str, Number] = Field(default_factory=dict)
    areas: dict[str, AreaFields] = Field(min_length=1)
    reasons: list[str] = Field(default_factory=list)
    cap: WholeNumber | None = Field(default=None, gt=0)
    protect_new_hires: Flag = True
    note: str | None = None

    @field_validator("tag_weights")
    @classmethod
    def _positive_weights(cls, weights: dict[str, float]) -> dict[str, float]:
        for tag, weight in weights.items():
            if not 0 < weight <= WEIGHT_MAX:
                raise refused("model.tag_weight", tag=tag, max=WEIGHT_MAX, got=repr(weight))
        return weights


class AdjustmentFields(Noun):
    DOMAIN = models.Adjustment
    reason: str = Field(min_length=1)
    factor: Number
    from_: date | None = Field(default=None, alias="from")
    until: date | None = None

    _factor = field_validator("factor")(_check_adjustment_factor)
    _dates = field_validator("from_", "until", mode="before")(date_not_number)

    @model_validator(mode="after")
    def _from_before_until(self) -> AdjustmentFields:
        if self.from_ and self.until and self.from_ > self.until:
            raise refused("model.from_after_until", from_=str(self.from_), until=str(self.until))
        return self


class WorkerFields(Noun):
    DOMAIN = models.Worker
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    area: str = Field(min_length=1)
    hours: Number
    started: date | None = None
    left: date | None = None
    duties: list[str] = Field(default_factory=list)
    variant: str | None = None
    adjustments: list[AdjustmentFields] = Field(default_factory=list)

    _started = field_validator("started", "left", mode="before")(date_not_number)

    @model_validator(mode="after")
    def _started_not_after_left(self) -> WorkerFields:
        if self.started and self.left and self.started > self.left:
            raise refused(
                "model.left_before_started", left=str(self.left), started=str(self.started)
            )
        return self

    @field_validator("hours")
    @classmethod
    def _hours_in_range(cls, hours: float) -> float:
        if not HOURS_MIN_EXCLUSIVE < hours <= HOURS_MAX:
            raise refused("model.hours", max=HOURS_MAX)
        return hours


class FlowFields(Noun):
    """An area's weekly flow of cases: new ones in, closed ones out (for the forecast)."""

    DOMAIN = models.Flow
    intake_per_week: Number = Field(default=0.0, ge=0, le=10_000)
    closed_per_week: Number = Field(default=0.0, ge=0, le=10_000)
    intake_weight: Number = Field(default=1.0, gt=0, le=100)


def norm_set(data: object) -> models.NormSet:
    """A norm set's TOML data checked (pydantic's ValidationError if it does not pass)."""
    return NormSetFields.model_validate(data).domain()


def worker(data: object) -> models.Worker:
    """A worker's TOML data checked (pydantic's ValidationError if it does not pass)."""
    return WorkerFields.model_validate(data).domain()


def adjustment(data: object) -> models.Adjustment:
    """An adjustment's TOML data checked (pydantic's ValidationError if it does not pass)."""
    return AdjustmentFields.model_validate(data).domain()


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
    workers: list[WorkerFields] = Field(min_length=1)
    columns: ColumnMap = ColumnMap()
    # Some case systems number cases with ten digits, which look like CPR numbers; a team
    # whose genuine case ids are such numbers says so here (the dashed form stays refused).
    ten_digit_case_ids: Flag = False
    reasons: list[str] | None = None
    # A spreadsheet's sheet to read (default: the first).
    sheet: str | None = Field(default=None, min_length=1)
    values: ValueMaps = ValueMaps()
    # Weekly intake and closures per area, for the forecast ([teams.<id>.flow.<area>]).
    flow: dict[str, FlowFields] = Field(default_factory=dict)


class TeamsFile(Strict):
    default: str | None = None
    teams: dict[str, TeamConfig] = Field(min_length=1)
