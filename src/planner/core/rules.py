"""The rules: how norms, a worker and their cases become capacity, load and status.

Every figure the app, the CLI and the balancer show comes from this module; nothing else
computes them. Pure functions over the models: no I/O, no Textual.

For a worker on a date:

* **range** = the area's [min, max], or a variant's. A variant named on the worker wins;
  otherwise every variant whose ``tag`` is carried by at least ``share`` of the worker's
  cases (by count) applies, and the one with the lowest max wins.
* **capacity** = range x (hours / full_time_hours) x the new-hire factor (while the date is
  before ``started`` + ``months`` calendar months) x each duty's factor x the factor of each
  adjustment in force on the date (``from`` and ``until`` inclusive).
* **present**: a worker is not there before ``started``, after ``left`` (the last working
  day) or while an adjustment of factor 0 (an absence) is in force. Then the capacity is 0
  and the status is **away**, whatever the load: their cases still count as the area's load
  and need cover; utilisation is undefined (None), never a percentage.
* **load** = the sum of the weights of the worker's cases. A case weighs its own ``weight``
  when given, else the largest ``tag_weights`` entry among its tags, else 1.0.
* **utilisation** = load / capacity max; **status** = under (load < capacity min), over
  (load > capacity max), else within (away when not there, above).
* **peak** of a group of workers = the highest utilisation above 100 % among them, 0 when
  nobody is over (away workers have no utilisation). New hires are **protected** while
  their new-hire factor applies (unless the norm set says ``protect_new_hires = false``, or
  nobody else works in their area): a suggested rebalancing never takes them above their
  own max, and they count in no peak.
* **team**: per area, FTE there = sum(hours) / full_time_hours of the area's workers who are
  there on the date; FTE
  effective = the same with every capacity factor in force (the sum of the multipliers);
  FTE needed = the area's load (its unassigned cases included) / the area's own max; FTE
  missing = max(0, needed - effective), the figure to take to management.
"""

from __future__ import annotations

import calendar
import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models are only named here; importing them would bring pydantic
    from planner.core.models import Area, Case, NormSet, Team, Worker

# Loads and capacities are sums and products of floats; a load equal to the limit "on paper"
# must not turn over range through rounding (e.g. 0.8 x 40 = 32.000000000000004).
EPSILON = 1e-9


class Status(StrEnum):
    UNDER = "under"
    WITHIN = "within"
    OVER = "over"
    AWAY = "away"  # not there on the date: capacity 0, the cases need cover


# ---------------------------------------------------------------------------------------
# Cases


def case_weight(case: Case, norms: NormSet) -> float:
    if case.weight is not None:
        return case.weight
    weights = [norms.tag_weights[tag] for tag in case.tags if tag in norms.tag_weights]
    return max(weights) if weights else 1.0


def case_area(case: Case, worker: Worker | None) -> str | None:
    """A case's own area, else its worker's; None for an unassigned case with no area."""
    if case.area:
        return case.area
    return worker.area if worker else None


# ---------------------------------------------------------------------------------------
# Range and capacity


@dataclass(frozen=True, slots=True)
class CaseMix:
    """What the range of a worker depends on: how many cases, and how many carry each tag."""

    count: int = 0
    tag_counts: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, cases: Iterable[Case]) -> CaseMix:
        count = 0
        tags: Counter[str] = Counter()
        for case in cases:
            count += 1
            tags.update(set(case.tags))
        return cls(count, dict(tags))


@dataclass(frozen=True, slots=True)
class NormRange:
    min: float
    max: float
    label: str
    variant: str | None = None  # id of the variant in force, if any
    forced: bool = False  # the variant was named on the worker, not triggered by tags


def norm_range(worker: Worker, area: Area, mix: CaseMix) -> NormRange:
    """The full-time range for this worker: the area's or the winning variant's."""
    if worker.variant:
        variant = area.variant(worker.variant)
        if variant is not None:
            return NormRange(variant.min, variant.max, variant.label, variant.id, forced=True)
    triggered = [
        v
        for v in area.variants
        if v.tag and mix.count > 0 and mix.tag_counts.get(v.tag, 0) / mix.count >= v.share - EPSILON
    ]
    if triggered:
        best = min(triggered, key=lambda v: v.max)
        return NormRange(best.min, best.max, best.label, best.id)
    return NormRange(area.min, area.max, area.label)


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (clamped to the month's last day).

    Total over every date: past the calendar's end (`started = 9999-07-01` plus six
    months) it is date.max, the period never ends, rather than an error."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_days(day: date, days: int) -> date:
    """`day` + `days`, held at the calendar's ends (date.max + 1 day would overflow)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def is_present(worker: Worker, on: date) -> bool:
    """Whether the worker is there on `on`: started (if a start is given), not yet left,
    and not in an absence (an adjustment with factor 0 in force)."""
    if worker.started and on < worker.started:
        return False
    if worker.left and on > worker.left:
        return False
    return not any(a.factor == 0 and a.in_force(on) for a in worker.adjustments)


@dataclass(frozen=True, slots=True)
class Factor:
    """One term of a capacity: what it is, how much, and until when (if it ends)."""

    kind: str  # "hours", "new_hire", "duty", "adjustment", "not_started", "left"
    label: str
    factor: float
    ends: date | None = None  # last day in force
    starts: date | None = None  # first day in force, for factors not yet in force


def capacity_factors(worker: Worker, norms: NormSet, on: date) -> list[Factor]:
    """Every factor that scales this worker's range on `on`, in the order of the rule."""
    factors = [
        Factor(
            "hours",
            f"{worker.hours:g}/{norms.full_time_hours:g} t",
            worker.hours / norms.full_time_hours,
        )
    ]
    if worker.started and on < worker.started:
        # A vacancy being filled: nobody is there yet.
        factors.append(Factor("not_started", "not_started", 0.0, starts=worker.started))
    if worker.left and on > worker.left:
        factors.append(Factor("left", "left", 0.0, ends=worker.left))
    if norms.new_hire and worker.started:
        end = add_months(worker.started, norms.new_hire.months)
        if on < end or end == date.max:  # date.max: past the calendar's end, never ends
            ends = None if end == date.max else add_days(end, -1)
            factors.append(Factor("new_hire", "new_hire", norms.new_hire.factor, ends=ends))
    for duty_id in worker.duties:
        duty = norms.duties.get(duty_id)
        if duty is not None:
            factors.append(Factor("duty", duty.label, duty.factor))
    for adjustment in worker.adjustments:
        if adjustment.in_force(on):
            factors.append(
                Factor("adjustment", adjustment.reason, adjustment.factor, ends=adjustment.until)
            )
    return factors


def is_new_hire(worker: Worker, norms: NormSet, on: date) -> bool:
    """Whether the new-hire factor applies to this worker on `on`."""
    return any(f.kind == "new_hire" for f in capacity_factors(worker, norms, on))


def protected_workers(team: Team, on: date) -> frozenset[str]:
    """New hires a rebalancing must not take above their own max: those whose new-hire
    factor applies, when the norm set protects new hires and someone else in their area can
    take the excess."""
    norms = team.norms
    if not norms.protect_new_hires:
        return frozenset()
    there = [w for w in team.workers if is_present(w, on)]  # away: not there to protect
    new = {w.id for w in there if is_new_hire(w, norms, on)}
    others = {w.area for w in there if w.id not in new}
    return frozenset(w.id for w in there if w.id in new and w.area in others)


def capacity_multiplier(worker: Worker, norms: NormSet, on: date) -> float:
    product = 1.0
    for factor in capacity_factors(worker, norms, on):
        product *= factor.factor
    return product


# The capacity max a worker can have, in cases, on any date: below the floor the figures are
# meaningless (a tiny hours or factor value; the product of several can even round to 0 and
# divide by zero), above the ceiling no team works (and products of many factors overflow).
CAPACITY_FLOOR = 0.01
CAPACITY_CEILING = 1e6


def capacity_bounds(worker: Worker, norms: NormSet) -> tuple[float, float]:
    """The lowest and highest capacity max this worker can have, on any date and with any
    case mix (the area's max or a variant's). The factors in force change only on the days
    a new-hire period or an adjustment starts or ends, so those days are all there is to
    look at. Factors of 0 are left out: they mean no capacity on purpose.

    In logarithms, so that no product of many factors underflows to 0 or overflows to
    infinity on the way."""
    area = norms.areas.get(worker.area)
    if area is None:
        return 0.0, 0.0
    maxima = [area.max, *(v.max for v in area.variants)]
    days = {date.min}
    if norms.new_hire and worker.started:
        end = add_months(worker.started, norms.new_hire.months)
        days.update({worker.started, end, add_days(end, -1)})
    for adjustment in worker.adjustments:
        for day in (adjustment.from_, adjustment.until):
            if day is not None:
                days.update({day, add_days(day, 1)})
    logs = [
        sum(math.log(f.factor) for f in capacity_factors(worker, norms, day) if f.factor > 0)
        for day in days
    ]

    def exp(x: float) -> float:
        return math.exp(x) if x < 700 else math.inf

    return exp(math.log(min(maxima)) + min(logs)), exp(math.log(max(maxima)) + max(logs))


@dataclass(frozen=True, slots=True)
class Capacity:
    min: float
    max: float
    range: NormRange
    multiplier: float


def capacity(worker: Worker, norms: NormSet, mix: CaseMix, on: date) -> Capacity:
    area = norms.areas[worker.area]
    base = norm_range(worker, area, mix)
    multiplier = capacity_multiplier(worker, norms, on)
    return Capacity(base.min * multiplier, base.max * multiplier, base, multiplier)


def status_of(load: float, low: float, high: float) -> Status:
    if load < low - EPSILON:
        return Status.UNDER
    if load > high + EPSILON:
        return Status.OVER
    return Status.WITHIN


@dataclass(frozen=True, slots=True)
class WorkerLoad:
    """A worker's figures on a date: what the board, the check and the balancer show."""

    worker: Worker
    cases: int
    load: float
    capacity: Capacity
    status: Status

    @property
    def min(self) -> float:
        return self.capacity.min

    @property
    def max(self) -> float:
        return self.capacity.max

    @property
    def present(self) -> bool:
        return self.status is not Status.AWAY

    @property
    def utilisation(self) -> float | None:
        """load / capacity max; None when away (no capacity: never a percentage)."""
        if self.status is Status.AWAY or self.capacity.max <= 0:
            return None
        return self.load / self.capacity.max

    @property
    def needs_cover(self) -> bool:
        """Away while holding cases: someone else must take them."""
        return self.status is Status.AWAY and self.cases > 0

    @property
    def fits(self) -> bool:
        """Within range, or away with nothing to cover."""
        return self.status is Status.WITHIN or (self.status is Status.AWAY and self.cases == 0)

    @property
    def gap(self) -> float:
        """How far outside the range: positive over, negative under, 0 within. An away
        worker's whole load is outside (their range is 0-0)."""
        if self.status in (Status.OVER, Status.AWAY):
            return self.load - self.capacity.max
        if self.status is Status.UNDER:
            return self.load - self.capacity.min
        return 0.0


def status_for(load: float, cap: Capacity) -> Status:
    """The status of `load` against a capacity: away when there is none."""
    # Every factor but an absence is above 0, so a multiplier of 0 means "not there".
    if cap.multiplier == 0:
        return Status.AWAY
    return status_of(load, cap.min, cap.max)


def peak(loads: Iterable[WorkerLoad], protected: Collection[str] = ()) -> float:
    """The highest utilisation above 100 % among these workers (protected ones left out),
    0 when nobody is over: what a fair rebalancing brings down first."""
    return max(
        (
            wl.utilisation
            for wl in loads
            if wl.status is Status.OVER and wl.worker.id not in protected
        ),
        default=0.0,
    )


def area_peaks(loads: Iterable[WorkerLoad], protected: Collection[str] = ()) -> dict[str, float]:
    """The peak of each area's workers (every area with a worker, 0 when nobody is over)."""
    by_area: dict[str, list[WorkerLoad]] = {}
    for wl in loads:
        by_area.setdefault(wl.worker.area, []).append(wl)
    return {area: peak(members, protected) for area, members in by_area.items()}


def worker_load(worker: Worker, norms: NormSet, mix: CaseMix, load: float, on: date) -> WorkerLoad:
    cap = capacity(worker, norms, mix, on)
    return WorkerLoad(worker, mix.count, load, cap, status_for(load, cap))


def evaluate_worker(worker: Worker, cases: Iterable[Case], norms: NormSet, on: date) -> WorkerLoad:
    """Figures for a worker holding exactly `cases` (the plain, non-incremental form)."""
    cases = list(cases)
    # fsum is exact whatever the order, as in Assignment: the same cases give the same load.
    load = math.fsum(case_weight(c, norms) for c in cases)
    return worker_load(worker, norms, CaseMix.of(cases), load, on)


# ---------------------------------------------------------------------------------------
# Changes ahead


@dataclass(frozen=True, slots=True)
class CapacityChange:
    on: date
    what: str  # a label: the factor that starts or ends
    kind: str  # "ends" or "starts"
    capacity_max_before: float
    capacity_max_after: float


def upcoming_changes(
    worker: Worker, norms: NormSet, mix: CaseMix, on: date, weeks: int = 8
) -> list[CapacityChange]:
    """Capacity changes in the next `weeks` weeks: a new-hire period or an adjustment
    that ends, an adjustment that starts, a first day (``started``) or a leaving date
    (the day after ``left``). A leader plans for next month, not only today."""
    # Near the calendar's end (`--date 9999-12-31`) the horizon stops at date.max, and a
    # period that ends on date.max never ends.
    horizon = add_days(on, 7 * weeks)
    days: set[tuple[date, str, str]] = set()
    if norms.new_hire and worker.started:
        end = add_months(worker.started, norms.new_hire.months)
        if on < end <= horizon and end != date.max:
            days.add((end, "new_hire", "ends"))
    if worker.started and on < worker.started <= horizon:
        days.add((worker.started, "arrival", "starts"))
    if worker.left and on <= worker.left and worker.left < date.max:
        gone = add_days(worker.left, 1)
        if gone <= horizon:
            days.add((gone, "departure", "starts"))
    for adjustment in worker.adjustments:
        if adjustment.from_ and on < adjustment.from_ <= horizon:
            days.add((adjustment.from_, adjustment.reason, "starts"))
        if (
            adjustment.until
            and adjustment.until != date.max
            and on <= adjustment.until
            and add_days(adjustment.until, 1) <= horizon
        ):
            days.add((add_days(adjustment.until, 1), adjustment.reason, "ends"))
    changes = []
    for day, what, kind in sorted(days):
        before = capacity(worker, norms, mix, add_days(day, -1)).max
        after = capacity(worker, norms, mix, day).max
        changes.append(CapacityChange(day, what, kind, before, after))
    return changes


# ---------------------------------------------------------------------------------------
# Team


@dataclass(frozen=True, slots=True)
class AreaFte:
    """The one FTE model: every command, the board and every report show these figures."""

    area: str
    label: str
    fte: float  # sum of the hours of the area's workers there on the date / full_time_hours
    fte_effective: float  # the same with every capacity factor in force on the date
    fte_needed: float  # the area's load, unassigned included, / the area's own max
    load: float
    workers: int

    @property
    def fte_missing(self) -> float:
        """What to take to management: the FTE needed beyond what is effectively there."""
        return max(0.0, self.fte_needed - self.fte_effective)


def area_fte(team: Team, area_loads: Mapping[str, float], on: date) -> list[AreaFte]:
    """FTE there, effective and needed for each area with workers or cases, in norm-set
    order. Effective FTE is the sum of the capacity multipliers (hours share x new hire x
    duties x adjustments), so a new hire at half load counts half."""
    norms = team.norms
    hours: dict[str, float] = {}
    effective: dict[str, float] = {}
    heads: Counter[str] = Counter()
    for worker in team.workers:
        # Someone on leave, not yet started or gone is not there: no hours that day.
        there = worker.hours if is_present(worker, on) else 0.0
        hours[worker.area] = hours.get(worker.area, 0.0) + there
        effective[worker.area] = effective.get(worker.area, 0.0) + capacity_multiplier(
            worker, norms, on
        )
        heads[worker.area] += 1
    result = []
    for area_id, area in norms.areas.items():
        if area_id not in hours and area_id not in area_loads:
            continue
        load = area_loads.get(area_id, 0.0)
        result.append(
            AreaFte(
                area=area_id,
                label=area.label,
                fte=hours.get(area_id, 0.0) / norms.full_time_hours,
                fte_effective=effective.get(area_id, 0.0),
                fte_needed=load / area.max,
                load=load,
                workers=heads[area_id],
            )
        )
    return result


@dataclass(frozen=True, slots=True)
class TeamSummary:
    cases: int
    unassigned: int
    load: float  # all cases, unassigned included
    unassigned_load: float
    capacity_min: float
    capacity_max: float
    over: int
    within: int
    under: int
    areas: list[AreaFte]
    away: int = 0  # workers not there on the date

    @property
    def fte(self) -> float:
        return sum(a.fte for a in self.areas)

    @property
    def fte_effective(self) -> float:
        return sum(a.fte_effective for a in self.areas)

    @property
    def fte_needed(self) -> float:
        return sum(a.fte_needed for a in self.areas)

    @property
    def fte_missing(self) -> float:
        return sum(a.fte_missing for a in self.areas)


def team_summary(
    team: Team,
    loads: Iterable[WorkerLoad],
    unassigned: int,
    unassigned_load: float,
    area_loads: Mapping[str, float],
    on: date,
    total_load: float | None = None,
    areas: list[AreaFte] | None = None,
) -> TeamSummary:
    """`total_load` is the exact sum of every case's weight when the caller has it: it does
    not depend on who holds which case, so moves never change it, not even in the last
    digit (a sum of per-worker sums would). `areas`, likewise, is area_fte's result when
    the caller has it already (it does not change with moves either)."""
    loads = list(loads)
    statuses = Counter(wl.status for wl in loads)
    if total_load is None:
        total_load = math.fsum([*(wl.load for wl in loads), unassigned_load])
    return TeamSummary(
        cases=sum(wl.cases for wl in loads) + unassigned,
        unassigned=unassigned,
        load=total_load,
        unassigned_load=unassigned_load,
        capacity_min=sum(wl.min for wl in loads),
        capacity_max=sum(wl.max for wl in loads),
        over=statuses[Status.OVER],
        within=statuses[Status.WITHIN],
        under=statuses[Status.UNDER],
        areas=area_fte(team, area_loads, on) if areas is None else areas,
        away=statuses[Status.AWAY],
    )


def can_take(worker: Worker, case: Case, current: Worker | None) -> bool:
    """Whether `case` belongs to `worker`'s area (a move elsewhere needs confirmation)."""
    area = case_area(case, current)
    return area is None or area == worker.area


__all__ = [
    "CAPACITY_CEILING",
    "CAPACITY_FLOOR",
    "EPSILON",
    "AreaFte",
    "Capacity",
    "CapacityChange",
    "CaseMix",
    "Factor",
    "NormRange",
    "Status",
    "TeamSummary",
    "WorkerLoad",
    "add_days",
    "add_months",
    "area_fte",
    "area_peaks",
    "can_take",
    "capacity",
    "capacity_bounds",
    "capacity_factors",
    "capacity_multiplier",
    "case_area",
    "case_weight",
    "evaluate_worker",
    "is_new_hire",
    "is_present",
    "norm_range",
    "peak",
    "protected_workers",
    "status_for",
    "team_summary",
    "upcoming_changes",
    "worker_load",
]
