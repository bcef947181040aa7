"""The domain's nouns: norm sets, caseworkers, cases and teams.

These pydantic models double as the schema of the TOML files (unknown keys are refused, so a
typo never passes silently). They hold data only; every rule that turns them into figures
lives in :mod:`planner.core.rules`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from planner.core.problems import Notice

# A factor scales capacity; DS names no numbers, so the workplace sets them within this range.
FACTOR_MIN_EXCLUSIVE = 0.0
FACTOR_MAX = 1.5
# An adjustment may also be 0: an absence (leave, maternity leave, long sickness).
ADJUSTMENT_FACTOR_MIN = 0.0
# What one case may weigh (a tag's weight, a case's own): above 0, at most this.
WEIGHT_MAX = 100.0
# Weekly hours a worker may be registered with.
HOURS_MIN_EXCLUSIVE = 0.0
HOURS_MAX = 60.0
# A range is cases (or weighted cases) per full-time worker: a max below one case is a
# slip of the pen, and one above this no workplace has; both would make the figures absurd
# (a max of 1e-300 turns utilisation and FTE needed into infinity).
RANGE_MAX_LOWEST = 1.0
RANGE_HIGHEST = 10_000.0
# A full-time week, in hours.
FULL_TIME_HOURS_MIN = 1.0

# Numbers from the files: an integer or a decimal, never a boolean (`hours = true` is not
# one hour), never inf or nan (`max = inf` is not a range, and is not JSON either).
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
WholeNumber = Annotated[int, Field(strict=True)]
Flag = Annotated[bool, Field(strict=True)]


class Strict(BaseModel):
    """Base for file-backed models: unknown keys are an error, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class OnDemand(Strict):
    """Base for file-backed models that only some runs check (a plan's moves and events, an
    odd case record): pydantic builds their validators when the first one is checked, not
    on import, which every start of the board would pay for."""

    model_config = ConfigDict(defer_build=True)


def refused(key: str, **values: object) -> PydanticCustomError:
    """A value the schema refuses, said by a text key of planner.i18n (``model.*``) with its
    values: the loaders render it in the user's language (planner.io.validation)."""
    return PydanticCustomError(key, key, values)


def _check_factor(value: float) -> float:
    if not FACTOR_MIN_EXCLUSIVE < value <= FACTOR_MAX:
        raise refused("model.factor", max=FACTOR_MAX)
    return value


def _check_adjustment_factor(value: float) -> float:
    if not ADJUSTMENT_FACTOR_MIN <= value <= FACTOR_MAX:
        raise refused("model.adjustment_factor", max=FACTOR_MAX)
    return value


def _date_not_number(value: object) -> object:
    # pydantic would read a number as a Unix timestamp (started = 0 -> 1970-01-01); in these
    # files a number where a date belongs is a mistake: said as pydantic's own "not a date".
    if isinstance(value, int | float):
        raise PydanticCustomError("date_type", "is not a date")
    return value


class Range(Strict):
    """A caseload range in cases (or weighted cases) per full-time worker."""

    min: Number = Field(ge=0, le=RANGE_HIGHEST)
    max: Number = Field(ge=RANGE_MAX_LOWEST, le=RANGE_HIGHEST)

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Range:
        if self.min > self.max:
            raise refused("model.min_above_max", min=self.min, max=self.max)
        return self


class Variant(Range):
    """A narrower range within an area, e.g. many complex sickness-benefit cases."""

    id: str = Field(min_length=1)
    label: str
    tag: str | None = None
    # Share of the worker's cases (by count) carrying `tag` from which the variant applies.
    share: Number = Field(default=0.5, gt=0, le=1)


class Area(Range):
    label: str
    variants: list[Variant] = Field(default_factory=list)

    @field_validator("variants")
    @classmethod
    def _unique_variant_ids(cls, variants: list[Variant]) -> list[Variant]:
        seen: set[str] = set()
        for variant in variants:
            if variant.id in seen:
                raise refused("model.variant_twice", id=variant.id)
            seen.add(variant.id)
        return variants

    def variant(self, variant_id: str) -> Variant | None:
        return next((v for v in self.variants if v.id == variant_id), None)


class NewHire(Strict):
    """Fewer cases during the first `months` calendar months after `started`."""

    months: WholeNumber = Field(ge=1, le=36)
    factor: Number

    _factor = field_validator("factor")(_check_factor)


class Duty(Strict):
    """A task that is not cases (coordinating, company collaboration, ...)."""

    label: str
    factor: Number

    _factor = field_validator("factor")(_check_factor)


class NormSet(Strict):
    """One norms/<id>.toml file."""

    id: str = ""  # set from the file name by the loader
    title: str
    source: str
    full_time_hours: Number = Field(ge=FULL_TIME_HOURS_MIN, le=HOURS_MAX)
    new_hire: NewHire | None = None
    duties: dict[str, Duty] = Field(default_factory=dict)
    tag_weights: dict[str, Number] = Field(default_factory=dict)
    areas: dict[str, Area] = Field(min_length=1)
    # Reasons offered when a case is moved; editable per workplace.
    reasons: list[str] = Field(default_factory=list)
    # Swedish-model style hard cap on cases per worker, shown as information.
    cap: WholeNumber | None = Field(default=None, gt=0)
    # While the new-hire factor applies, a suggested rebalancing never takes a new hire
    # above their own max (the excess goes to the others); false turns that off.
    protect_new_hires: Flag = True
    note: str | None = None

    @field_validator("tag_weights")
    @classmethod
    def _positive_weights(cls, weights: dict[str, float]) -> dict[str, float]:
        for tag, weight in weights.items():
            if not 0 < weight <= WEIGHT_MAX:
                raise refused("model.tag_weight", tag=tag, max=WEIGHT_MAX, got=repr(weight))
        return weights


class Adjustment(Strict):
    """A dated capacity factor: union duties, phased return, further training, ..."""

    reason: str = Field(min_length=1)
    factor: Number
    from_: date | None = Field(default=None, alias="from")
    until: date | None = None

    _factor = field_validator("factor")(_check_adjustment_factor)
    _dates = field_validator("from_", "until", mode="before")(_date_not_number)

    @model_validator(mode="after")
    def _from_before_until(self) -> Adjustment:
        if self.from_ and self.until and self.from_ > self.until:
            raise refused("model.from_after_until", from_=str(self.from_), until=str(self.until))
        return self

    def in_force(self, on: date) -> bool:
        return (self.from_ is None or self.from_ <= on) and (self.until is None or on <= self.until)


class Worker(Strict):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    area: str = Field(min_length=1)
    hours: Number
    started: date | None = None  # in the future: not there before it (a vacancy)
    left: date | None = None  # last working day
    duties: list[str] = Field(default_factory=list)
    variant: str | None = None
    adjustments: list[Adjustment] = Field(default_factory=list)

    _started = field_validator("started", "left", mode="before")(_date_not_number)

    @model_validator(mode="after")
    def _started_not_after_left(self) -> Worker:
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


class Flow(Strict):
    """An area's weekly flow of cases: new ones in, closed ones out (for the forecast)."""

    intake_per_week: Number = Field(default=0.0, ge=0, le=10_000)
    closed_per_week: Number = Field(default=0.0, ge=0, le=10_000)
    # What a new case weighs (the area's closures weigh its average case).
    intake_weight: Number = Field(default=1.0, gt=0, le=100)


@dataclass(frozen=True, slots=True)
class Case:
    """A case, known only by its pseudonymous id.

    A slots dataclass, not a pydantic model: a department holds tens of thousands of them
    (a model took about 1 KB each, this about a tenth). Cases come from a file only through
    the loader, which checks every field against the case schema (planner.io.schema
    CaseFields: a weight in (0, 100], a strict flag, ...) before making one."""

    id: str
    worker: str | None = None  # None = unassigned
    area: str | None = None  # None = the worker's area
    tags: tuple[str, ...] = ()
    weight: float | None = None
    household: str | None = None
    pinned: bool = False
    # The date the case came to its current worker (the export's optional `since` column):
    # a rebalancing moves the cases held the shortest first (continuity with the
    # caseworker). None = unknown, counted as held the longest.
    since: date | None = None

    def __post_init__(self) -> None:
        # As the model did: tags given as a list become a tuple, a whole weight a float.
        if type(self.tags) is not tuple:
            object.__setattr__(self, "tags", tuple(self.tags))
        if self.weight is not None and type(self.weight) is not float:
            object.__setattr__(self, "weight", float(self.weight))

    def replace(self, **changes: Any) -> Case:
        return dataclasses.replace(self, **changes)

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Case:
        """The pydantic spelling of :meth:`replace`, so every model copies the same way."""
        return self.replace(**(update or {}))


# Each field's slot, written directly: a frozen dataclass's __init__ goes through
# object.__setattr__ once per field, twice the time of this for tens of thousands of cases.
_CASE_SLOTS = tuple(Case.__dict__[f.name].__set__ for f in dataclasses.fields(Case))
_new_case = Case.__new__


def loaded_case(
    id: str,
    worker: str | None,
    area: str | None,
    tags: tuple[str, ...],
    weight: float | None,
    household: str | None,
    pinned: bool,
    since: date | None,
) -> Case:
    """``Case(...)`` for values already as a case holds them (a tuple of tags, a float
    weight or None), which is what __post_init__ would make of them: the loader's way of
    making a department's cases."""
    case = _new_case(Case)
    set_id, set_worker, set_area, set_tags, set_weight, set_household, set_pinned, set_since = (
        _CASE_SLOTS
    )
    set_id(case, id)
    set_worker(case, worker)
    set_area(case, area)
    set_tags(case, tags)
    set_weight(case, weight)
    set_household(case, household)
    set_pinned(case, pinned)
    set_since(case, since)
    return case


@dataclass(frozen=True, slots=True)
class Team:
    """A team as loaded: its norm set, workers and cases (frozen; moves live elsewhere).

    Built by the loader from validated parts, so a plain dataclass: its indexes by id are
    made in __post_init__, and every copy (``replace`` / ``model_copy``) makes them anew
    (a cached_property on a frozen pydantic model kept the old index in copies)."""

    id: str
    name: str
    norms: NormSet
    workers: tuple[Worker, ...]
    cases: tuple[Case, ...]
    # Fingerprint of the cases file as loaded, for plans made against it.
    cases_fingerprint: str = ""
    reasons: tuple[str, ...] = ()
    # What the user should know about how the files were read (e.g. the encoding).
    notices: tuple[Notice, ...] = ()
    # Weekly intake and closures per area (teams.toml [teams.<id>.flow.<area>]).
    flows: Mapping[str, Flow] = field(default_factory=dict)
    workers_by_id: Mapping[str, Worker] = field(init=False, repr=False, compare=False)
    cases_by_id: Mapping[str, Case] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "workers", tuple(self.workers))
        object.__setattr__(self, "cases", tuple(self.cases))
        object.__setattr__(self, "workers_by_id", {w.id: w for w in self.workers})
        object.__setattr__(self, "cases_by_id", {c.id: c for c in self.cases})

    def replace(self, **changes: Any) -> Team:
        """A copy with `changes` (and fresh indexes)."""
        return dataclasses.replace(self, **changes)

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Team:
        """The pydantic spelling of :meth:`replace`, so every model copies the same way."""
        return self.replace(**(update or {}))
