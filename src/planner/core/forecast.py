"""The coming weeks: capacity, load and FTE per area, week by week (a projection).

Week k (k = 0 .. N-1) is the date D + 7k. On that date:

* each worker's capacity and status by the rules (:mod:`planner.core.rules`): 0 and
  ``away`` before ``started``, after ``left`` and in an absence (factor 0);
* each area's load: week 0 is today's (unassigned cases included). Each week adds
  ``intake_per_week`` x ``intake_weight`` and removes ``closed_per_week`` x the area's
  average case weight at week 0 (load / cases; the intake weight when the area has no
  cases), never below 0: load(k+1) = max(0, load(k) + intake(k) - closed). Week k's figure
  is after k weeks of flow; intake(k) is the intake in force in the week starting D + 7k
  (an intake event replaces teams.toml's from the first week starting on or after its
  ``from``);
* per area the FTE figures of :func:`rules.area_fte` (fte, fte_effective, fte_needed,
  fte_missing) on that date with that load, and ``uncovered``: the load of the area's
  cases held by workers who are away;
* per worker a projected load: their cases stay; each week the intake goes first to the
  area's workers who are there, in proportion to their free room (capacity max - load),
  or to their capacity max when nobody has room (to the unassigned cases when nobody of
  the area is there); then the closures come off every holder of the area's cases
  (unassigned included) in proportion to what they hold. A worker's range keeps the case
  mix of week 0 (new cases carry no tags).

This is a projection, not a plan: nobody decides where new cases go by it.

Pure: no I/O, no Textual.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from planner.core.models import Case, Team, Worker
from planner.core.moves import UNASSIGNED, Assignment
from planner.core.rules import (
    EPSILON,
    AreaFte,
    CaseMix,
    WorkerLoad,
    add_days,
    area_fte,
    capacity,
    capacity_multiplier,
    case_area,
    case_weight,
    is_present,
    worker_load,
)
from planner.core.scenario import intake_schedule, scenario_team

if TYPE_CHECKING:  # only named: the events' module brings pydantic
    from planner.core.events import Event

DEFAULT_WEEKS = 12
MAX_WEEKS = 520  # ten years: beyond that a weekly grid says nothing


@dataclass(frozen=True, slots=True)
class AreaWeek:
    """An area on one week's date."""

    fte: AreaFte  # the one FTE model, on that date with that load
    uncovered: float  # load of the area's cases held by workers who are away

    @property
    def area(self) -> str:
        return self.fte.area

    @property
    def load(self) -> float:
        return self.fte.load

    @property
    def short(self) -> bool:
        return self.fte.fte_missing > EPSILON


@dataclass(frozen=True, slots=True)
class Week:
    index: int
    on: date
    workers: tuple[WorkerLoad, ...]  # in the scenario team's order
    areas: tuple[AreaWeek, ...]  # in the norm set's order

    def worker(self, worker_id: str) -> WorkerLoad:
        return next(wl for wl in self.workers if wl.worker.id == worker_id)

    def area(self, area_id: str) -> AreaWeek | None:
        return next((a for a in self.areas if a.area == area_id), None)


@dataclass(frozen=True, slots=True)
class ShortWeek:
    """An area in a week it is short: by how much, and who or what makes it so."""

    week: int
    on: date
    missing: float
    needed: float
    effective: float
    load: float
    # Names of the area's workers away that week (not counting vacancies not yet filled:
    # nobody was there to miss) and of those there at a lower capacity than in week 0.
    away: tuple[str, ...]
    reduced: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Shortfall:
    """An area that goes short: its first short week and its most short week, and why."""

    area: str
    label: str
    load_start: float  # the area's load in week 0
    first: ShortWeek
    worst: ShortWeek


@dataclass(frozen=True, slots=True)
class Forecast:
    team: Team  # the scenario's team: events applied, new workers included
    start: date
    requested: int  # weeks asked for; fewer are computed when the calendar ends first
    weeks: tuple[Week, ...]

    def shortfalls(self) -> list[Shortfall]:
        """Each area that goes short within the horizon: first and most short week."""
        result = []
        for start in self.weeks[0].areas:
            short = [
                (w, a) for w in self.weeks if (a := w.area(start.area)) is not None and a.short
            ]
            if not short:
                continue
            first = self._short_week(start.area, *short[0])
            # The most short week; of equals, the first.
            worst = max(short, key=lambda pair: (pair[1].fte.fte_missing, -pair[0].index))
            result.append(
                Shortfall(
                    start.area,
                    start.fte.label,
                    start.load,
                    first,
                    self._short_week(start.area, *worst),
                )
            )
        return result

    def _short_week(self, area_id: str, week: Week, area: AreaWeek) -> ShortWeek:
        first = self.weeks[0]
        norms = self.team.norms
        away: list[str] = []
        reduced: list[str] = []
        for wl in week.workers:
            worker = wl.worker
            if worker.area != area_id:
                continue
            if not wl.present:
                if not (worker.started and week.on < worker.started):
                    away.append(worker.name)
            elif first.worker(worker.id).present:
                before = capacity_multiplier(worker, norms, first.on)
                after = capacity_multiplier(worker, norms, week.on)
                if after < before - EPSILON:
                    reduced.append(worker.name)
        return ShortWeek(
            week=week.index,
            on=week.on,
            missing=area.fte.fte_missing,
            needed=area.fte.fte_needed,
            effective=area.fte.fte_effective,
            load=area.load,
            away=tuple(away),
            reduced=tuple(reduced),
        )

    @property
    def goes_short(self) -> bool:
        return any(a.short for w in self.weeks for a in w.areas)


def week_dates(start: date, weeks: int) -> list[date]:
    """D + 7k for k = 0 .. weeks-1, as far as the calendar goes (never an overflow)."""
    room = (date.max - start).days // 7 + 1
    return [add_days(start, 7 * k) for k in range(max(0, min(weeks, room)))]


def forecast(
    team: Team,
    holders: Mapping[str, str],
    start: date,
    weeks: int = DEFAULT_WEEKS,
    events: Sequence[Event] = (),
) -> Forecast:
    """The coming `weeks` weeks from `start` for `team` with `holders` (case id -> worker
    id or UNASSIGNED, e.g. an Assignment's snapshot) and the plan's what-if `events`."""
    team = scenario_team(team, events)
    norms = team.norms
    dates = week_dates(start, weeks)
    workers = {w.id: w for w in team.workers}
    weights: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    cases_by_holder: dict[str, list[Case]] = defaultdict(list)
    area_cases: dict[str, int] = defaultdict(int)
    for case in team.cases:
        holder = holders.get(case.id, case.worker or UNASSIGNED)
        worker = workers.get(holder)
        if holder != UNASSIGNED and worker is None:
            holder = UNASSIGNED  # a holder the team no longer has: the case is unassigned
        area = case_area(case, worker)
        cases_by_holder[holder].append(case)
        if area is None:
            continue
        weights[holder][area].append(case_weight(case, norms))
        area_cases[area] += 1
    # What each holder holds of each area (exact sums, as the board's): the projection
    # moves load within an area.
    held: dict[str, dict[str, float]] = {}
    for holder in [*(w.id for w in team.workers), UNASSIGNED]:
        held[holder] = defaultdict(float)
        for area, values in weights.get(holder, {}).items():
            held[holder][area] = math.fsum(values)
    mixes = {w.id: CaseMix.of(cases_by_holder.get(w.id, [])) for w in team.workers}
    # Exact sums (as the board's): the same cases give the same figures in week 0.
    outside: dict[str, float] = {
        holder: math.fsum(
            case_weight(c, norms) for c in cases if case_area(c, workers.get(holder)) is None
        )
        for holder, cases in cases_by_holder.items()
    }
    area_load0 = _area_loads(held)
    average = {
        area: area_load0.get(area, 0.0) / area_cases[area]
        if area_cases.get(area)
        else team.flows[area].intake_weight
        for area in team.flows
    }
    intake = intake_schedule(team, events, dates)

    result: list[Week] = []
    for index, on in enumerate(dates):
        if index > 0:
            previous = dates[index - 1]
            for area in dict.fromkeys([*team.flows, *intake]):
                _flow_week(
                    team, held, mixes, area, previous, intake.get(area, [])[index - 1], average
                )
        result.append(_week(team, held, mixes, outside, index, on))
    return Forecast(team, start, weeks, tuple(result))


def assignment_forecast(
    assignment: Assignment, weeks: int = DEFAULT_WEEKS, events: Sequence[Event] = ()
) -> Forecast:
    """The forecast from an assignment's date and holders (moves included)."""
    return forecast(assignment.team, assignment.snapshot(), assignment.on, weeks, events)


def _area_loads(held: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    parts: dict[str, list[float]] = defaultdict(list)
    for areas in held.values():
        for area, load in areas.items():
            parts[area].append(load)
    return {area: math.fsum(values) for area, values in parts.items()}


def _flow_week(
    team: Team,
    held: dict[str, dict[str, float]],
    mixes: Mapping[str, CaseMix],
    area: str,
    on: date,
    intake_cases: float,
    average: Mapping[str, float],
) -> None:
    """One week of flow in `area` (the week starting `on`): intake in, closures out."""
    flow = team.flows.get(area)
    weight = flow.intake_weight if flow else 1.0
    closed = (flow.closed_per_week if flow else 0.0) * average.get(area, weight)
    incoming = intake_cases * weight
    if incoming > 0:
        there: dict[str, float] = {}
        rooms: dict[str, float] = {}
        for worker in team.workers:
            if worker.area != area or not is_present(worker, on):
                continue
            top = capacity(worker, team.norms, mixes[worker.id], on).max
            there[worker.id] = top
            rooms[worker.id] = max(0.0, top - math.fsum(held[worker.id].values()))
        room = math.fsum(rooms.values())
        shares = rooms if room > EPSILON else there
        total = math.fsum(shares.values())
        if total > 0:
            for worker_id, share in shares.items():
                held[worker_id][area] += incoming * share / total
        else:
            held[UNASSIGNED][area] += incoming  # nobody of the area is there to take them
    if closed > 0:
        holders = [h for h, areas in held.items() if areas.get(area, 0.0) > 0]
        total = math.fsum(held[h][area] for h in holders)
        if total > 0:
            gone = min(closed, total)
            for holder in holders:
                part = held[holder][area]
                # Never below 0, also not through rounding.
                held[holder][area] = max(0.0, part - gone * part / total)


def _week(
    team: Team,
    held: Mapping[str, Mapping[str, float]],
    mixes: Mapping[str, CaseMix],
    outside: Mapping[str, float],
    index: int,
    on: date,
) -> Week:
    norms = team.norms
    loads: list[WorkerLoad] = []
    uncovered: dict[str, list[float]] = defaultdict(list)
    for worker in team.workers:
        parts = held[worker.id]
        load = math.fsum([*parts.values(), outside.get(worker.id, 0.0)])
        wl = worker_load(worker, norms, mixes[worker.id], load, on)
        loads.append(wl)
        if not wl.present:
            for area, part in parts.items():
                uncovered[area].append(part)
    areas = tuple(
        AreaWeek(fte, math.fsum(uncovered.get(fte.area, [])))
        for fte in area_fte(team, _area_loads(held), on)
    )
    return Week(index, on, tuple(loads), areas)


def worker_rows(team: Team) -> list[tuple[str, list[Worker]]]:
    """The scenario's workers grouped by area, in the norm set's order (for the grids)."""
    groups = []
    for area_id in team.norms.areas:
        members = [w for w in team.workers if w.area == area_id]
        if members:
            groups.append((area_id, members))
    return groups


__all__ = [
    "DEFAULT_WEEKS",
    "MAX_WEEKS",
    "AreaWeek",
    "Forecast",
    "ShortWeek",
    "Shortfall",
    "Week",
    "assignment_forecast",
    "forecast",
    "week_dates",
    "worker_rows",
]
