"""The domain's nouns: norm sets, caseworkers, cases and teams.

Plain frozen dataclasses: they hold data only, and every rule that turns them into figures
lives in :mod:`planner.core.rules`. What a file may say is the schema's business
(planner.io.schema, pydantic models that refuse unknown keys and check every value); the
loaders make these from what it has checked. Keeping pydantic out of the nouns keeps it out
of every start of the board that does not read a config file itself (planner.cli.board).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Self

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


class _Copies:
    """Copies of a noun with changes, made through its constructor (so a team's indexes
    are made anew): ``replace(**changes)``, and ``model_copy(update=...)``, the spelling
    the loaders and the scenario share with plans' events (pydantic models)."""

    __slots__ = ()

    def replace(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Self:
        return self.replace(**(update or {}))


@dataclass(frozen=True, slots=True)
class Range(_Copies):
    """A caseload range in cases (or weighted cases) per full-time worker."""

    min: float
    max: float


@dataclass(frozen=True, slots=True)
class Variant(Range):
    """A narrower range within an area, e.g. many complex sickness-benefit cases."""

    id: str
    label: str
    tag: str | None = None
    # Share of the worker's cases (by count) carrying `tag` from which the variant applies.
    share: float = 0.5


@dataclass(frozen=True, slots=True)
class Area(Range):
    label: str
    variants: list[Variant] = field(default_factory=list)

    def variant(self, variant_id: str) -> Variant | None:
        return next((v for v in self.variants if v.id == variant_id), None)


@dataclass(frozen=True, slots=True)
class NewHire(_Copies):
    """Fewer cases during the first `months` calendar months after `started`."""

    months: int
    factor: float


@dataclass(frozen=True, slots=True)
class Duty(_Copies):
    """A task that is not cases (coordinating, company collaboration, ...)."""

    label: str
    factor: float


@dataclass(frozen=True, slots=True)
class NormSet(_Copies):
    """One norms/<id>.toml file."""

    title: str
    source: str
    full_time_hours: float
    areas: dict[str, Area]
    id: str = ""  # set from the file name by the loader
    new_hire: NewHire | None = None
    duties: dict[str, Duty] = field(default_factory=dict)
    tag_weights: dict[str, float] = field(default_factory=dict)
    # Reasons offered when a case is moved; editable per workplace.
    reasons: list[str] = field(default_factory=list)
    # Swedish-model style hard cap on cases per worker, shown as information.
    cap: int | None = None
    # While the new-hire factor applies, a suggested rebalancing never takes a new hire
    # above their own max (the excess goes to the others); false turns that off.
    protect_new_hires: bool = True
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Adjustment(_Copies):
    """A dated capacity factor: union duties, phased return, further training, ...
    (written ``from`` in the files: a Python keyword, so ``from_`` here)."""

    reason: str
    factor: float
    from_: date | None = None
    until: date | None = None

    def in_force(self, on: date) -> bool:
        return (self.from_ is None or self.from_ <= on) and (self.until is None or on <= self.until)


@dataclass(frozen=True, slots=True)
class Worker(_Copies):
    id: str
    name: str
    area: str
    hours: float
    started: date | None = None  # in the future: not there before it (a vacancy)
    left: date | None = None  # last working day
    duties: list[str] = field(default_factory=list)
    variant: str | None = None
    adjustments: list[Adjustment] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Flow(_Copies):
    """An area's weekly flow of cases: new ones in, closed ones out (for the forecast)."""

    intake_per_week: float = 0.0
    closed_per_week: float = 0.0
    # What a new case weighs (the area's closures weigh its average case).
    intake_weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Case(_Copies):
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

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as loaded_case's arguments: the board's team comes from a forked child
        # (planner.io.preload), and a dataclass's own state restores each field by
        # object.__setattr__, several times slower for tens of thousands of cases.
        return (
            loaded_case,
            (
                self.id,
                self.worker,
                self.area,
                self.tags,
                self.weight,
                self.household,
                self.pinned,
                self.since,
            ),
        )


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
class Team(_Copies):
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
