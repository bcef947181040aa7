"""Rebalancing for the team as it really is: the fairest plan, then the fewest moves, proven.

Most teams cannot get everyone within range, so the suggestion is judged, within each
area, lexicographically (:data:`LEVELS`): every unassigned case gets a worker of its area
(a constraint); the lowest **peak** (the highest utilisation above 100 % among the area's
unprotected workers); the least load outside the ranges; the fewest relocations; the least
weight moved. Protected new hires (:func:`rules.protected_workers`) never go above their
own max. Of interchangeable cases, those held the shortest (``Case.since``) move: that
chooses which concrete cases realise the counts and costs nothing on the levels. Under a
moves budget (``max_moves``: relocations only) the team's peak comes first, and an
over-range new hire's load above their max is the first level instead of a hard limit.
Pinned cases stay, a household moves whole to one worker or not at all, and a case goes
only to a worker of its own area.

How (a MILP over *counts*, solved with HiGHS):

* A **unit** is a movable case or a whole household; units with the same allowed area,
  weight, number of cases and tag counts (for the tags that trigger variants) are
  interchangeable, so the model has one integer per worker and unit type for "sent away" and
  one for "received", not one binary per case and worker. Areas linked by no unit are
  independent groups and are solved one by one (under a budget: the team as one).
* Fairness is one continuous peak variable per area, above each unprotected worker's
  load / max. A worker whose range depends on their case mix (a variant triggered by the
  share of tagged cases, :func:`rules.norm_range`) gets binaries for "variant triggered"
  and "variant in force", linked to the counts, so the model's ranges are the rules'.
* Levels are solved in order, each then held at its optimum. The least peak is found by a
  search over the values it can take (a load on the grid of the case weights over a max):
  with every load's limit rounded down to that grid the LP relaxation sees whole cases, so
  LPs alone rule out the values below. At that peak the LP's least overflow is tried as a
  bound, and the fewest moves and least weight are proven in one MIP (weight scaled below
  one move); only when no plan meets the bound is the overflow solved as a MIP. A greedy
  plan (best fit, then levelled) warm-starts the search and answers when time runs out.
* The solver's result is turned into concrete moves (senders matched to receivers per type,
  the units held the shortest first) and re-evaluated with :class:`moves.Assignment`: the
  figures reported are the rules' figures, never the model's. Should they disagree (a
  tolerance at a variant's threshold), the plan is repaired greedily and no longer claimed
  optimal.

Pure: no I/O, no Textual. HiGHS runs in-process; ``should_stop`` lets a caller (the app's
worker thread) cancel a run. The groups are independent, so they are solved side by side,
one HiGHS per thread (HiGHS releases the GIL while it runs), each single-threaded in a
thread of its own, so that a group's plan does not depend on how many run beside it.
"""

from __future__ import annotations

import heapq
import math
import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction

import highspy
import numpy as np

from planner.core import rules
from planner.core.models import Team, Worker
from planner.core.moves import UNASSIGNED, Assignment, Move
from planner.core.rules import EPSILON, CaseMix, Status, WorkerLoad

# Loads are sums of weights such as 0.75 and 1.25; two overflows closer than this are equal.
LOAD_TOLERANCE = 1e-6
# A variant is "not triggered" when tagged - share x cases <= -DELTA. With a share of d
# decimals the left side is a multiple of 10^-d, so 1e-3 is exact for shares such as 0.5 or
# 0.35, and well above the solver's feasibility tolerance (1e-6), which a smaller margin
# would drown in. Any other share is caught by re-evaluating the plan with the rules.
DELTA = 1e-3
DEFAULT_TIME_LIMIT = 20.0
# Peaks, overflow and weight are not whole numbers: a level is proven when HiGHS's gap is
# below this (relative and absolute), and is then kept within LEVEL_TOLERANCE of its
# optimum while the next levels are solved.
MIP_GAP = 1e-6
PEAK_TOLERANCE = 1e-6
LEVEL_TOLERANCE = {
    "protected": LOAD_TOLERANCE,
    "team_peak": PEAK_TOLERANCE,
    "peak": PEAK_TOLERANCE,
    "overflow": LOAD_TOLERANCE,
    "moves": 0.5,
    "weight": LOAD_TOLERANCE,
}
# The greedy's levelling tries this many of the least utilised colleagues per step.
RELIEVE_TAKERS = 4
# Weights without a grid: the step assumed between two weights moved (3 decimals).
WEIGHT_STEP = 1e-3
# The search for the least peak gives way to a direct MIP beyond this many values to try.
MAX_PEAK_CANDIDATES = 200_000
# The rules' figures may exceed the model's by HiGHS's feasibility tolerance (1e-6 a row,
# added up over the workers); a disagreement beyond this is the model misjudging a rule.
VERIFY_TOLERANCE = 1e-4
# A group that ran out of its share of the time tries again only with at least this much.
MIN_RETRY_SECONDS = 0.2
# Each HiGHS runs on one thread: HiGHS's own parallelism barely helps these models, and two
# solvers with a scheduler of two threads each only fight over two cores.
HIGHS_OPTIONS: dict[str, bool | int] = {"threads": 1}
INF = highspy.kHighsInf
# The reason recorded on suggested moves (data in the team's language, as in the norm files).
REASON = "Sagstalsudligning"

Progress = Callable[[str], None]


class BalanceCancelled(Exception):
    """The caller asked the run to stop (should_stop returned True)."""


# ---------------------------------------------------------------------------------------
# The result


@dataclass(frozen=True, slots=True)
class AreaResult:
    """An area after the suggestion: its staffing (the one FTE model, as `planner check`
    shows it), its peak, and what does not fit."""

    staffing: rules.AreaFte
    over: float  # load above the workers' ranges, after the moves
    under: float  # load missing below the workers' ranges, after the moves
    unplaced: int  # cases left unassigned: no worker of their area may take them
    peak: float  # highest utilisation above 100 % of an unprotected worker after, else 0
    peak_before: float

    @property
    def area(self) -> str:
        return self.staffing.area

    @property
    def label(self) -> str:
        return self.staffing.label

    @property
    def fte(self) -> float:
        return self.staffing.fte

    @property
    def fte_effective(self) -> float:
        return self.staffing.fte_effective

    @property
    def fte_needed(self) -> float:
        return self.staffing.fte_needed

    @property
    def fte_missing(self) -> float:
        return self.staffing.fte_missing


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested plan and how good it is, with every figure from the rules."""

    moves: tuple[Move, ...]
    feasible: bool  # everyone within range and every movable case assigned
    optimal: bool  # every level of the objective proven optimal (see LEVELS)
    lower_bound: int  # no plan as fair (and as little outside the ranges) needs fewer moves
    greedy_moves: int  # moves of the best-fit greedy plan, for comparison
    greedy_feasible: bool
    greedy_overflow: float  # load the greedy plan leaves outside the ranges
    greedy_peak: float  # and its team peak
    overflow: float  # total load outside the ranges after the moves
    peak: float  # the team's peak after the moves (rules.peak; 0 when nobody is over)
    peak_before: float
    levels: Levels  # the plan's value on each level of the objective
    max_moves: int | None  # the relocations allowed, if a budget was given
    timed_out: bool  # the solver hit the time limit; the best plan found is shown
    repaired: bool  # the solver's plan needed a greedy repair after re-evaluation
    seconds: float
    before: tuple[WorkerLoad, ...]
    after: tuple[WorkerLoad, ...]
    areas: tuple[AreaResult, ...]
    unplaced: tuple[str, ...]  # unassigned cases no worker may take
    protected: frozenset[str]  # new hires kept within their own max

    @property
    def relocations(self) -> int:
        """Moves of a case from one worker to another (allocations are not relocations)."""
        return sum(1 for m in self.moves if m.from_ != UNASSIGNED)

    @property
    def gap(self) -> float:
        """How far the plan may be from the fewest moves: (moves - bound) / moves."""
        count = len(self.moves)
        return 0.0 if count == 0 else max(0, count - self.lower_bound) / count


# ---------------------------------------------------------------------------------------
# The instance: units, types and workers


TypeKey = tuple[str | None, float, int, tuple[int, ...]]  # area, weight, cases, tag counts


@dataclass(slots=True)
class _Unit:
    cases: tuple[str, ...]
    source: str  # worker id or UNASSIGNED
    key: TypeKey
    since: date = date.min  # held by the source since (date.min: unknown, the longest)


@dataclass(slots=True)
class _Split:
    """A household spread over several holders (or parked beside a pinned member): it may
    stay as it is (unless part of it is unassigned) or go whole to one of `targets`."""

    cases: tuple[str, ...]
    at: dict[str, tuple[float, int, tuple[int, ...]]]  # holder -> (load, cases, tags)
    targets: tuple[str, ...]
    may_stay: bool
    weight: float
    count: int
    tags: tuple[int, ...]


@dataclass(slots=True)
class _WorkerInfo:
    worker: Worker
    load: float
    count: int
    tags: tuple[int, ...]
    multiplier: float
    # Capacity ranges the worker may have: [0] the area's (or a forced variant's); then the
    # tag-triggered variants by ascending max, each with (tag index, threshold share).
    options: list[tuple[float, float]]
    triggers: list[tuple[int, float]]
    fixed_cases: int  # cases that cannot leave (pinned, immovable households)
    fixed_load: float  # their load
    protected: bool = False  # a new hire: never above their own max (rules.protected_workers)
    away: bool = False  # not there on the date (capacity 0): takes nothing, in no peak
    forced_load: float = 0.0  # load that must come to them (a household's unassigned members)

    @property
    def variable(self) -> bool:
        return bool(self.triggers)

    def ceiling(self, high: float) -> float:
        """A protected worker's most load under a max of `high`: the max, or what they must
        keep and receive if that is more (pinned cases cannot leave)."""
        return max(high, self.fixed_load + self.forced_load)


class _Instance:
    """Everything the greedy and the MILP need, derived once from the team and holders."""

    def __init__(self, team: Team, on: date, holders: Mapping[str, str]) -> None:
        self.team = team
        self.on = on
        self.holders = holders
        norms = team.norms
        self.norms = norms
        self.weights = {c.id: rules.case_weight(c, norms) for c in team.cases}
        self.tag_names: tuple[str, ...] = tuple(
            sorted({v.tag for a in norms.areas.values() for v in a.variants if v.tag})
        )
        self.order = {c.id: i for i, c in enumerate(team.cases)}
        held: dict[str, list[str]] = defaultdict(list)
        for case in team.cases:
            held[holders[case.id]].append(case.id)
        self.workers: dict[str, _WorkerInfo] = {}
        for worker in team.workers:
            self.workers[worker.id] = self._worker_info(worker, held.get(worker.id, []))
        self.by_area: dict[str, list[str]] = defaultdict(list)
        for worker in team.workers:
            self.by_area[worker.area].append(worker.id)
        # Someone away (capacity 0) takes nothing: only those there are eligible.
        self.present = [w for w, info in self.workers.items() if not info.away]
        self.present_by_area: dict[str, list[str]] = {
            area: [w for w in members if not self.workers[w].away]
            for area, members in self.by_area.items()
        }
        self.units: list[_Unit] = []
        self.splits: list[_Split] = []
        self.unplaced: list[str] = []
        self._make_units()
        for unit in self.units:
            if unit.source != UNASSIGNED:
                self.workers[unit.source].fixed_cases -= len(unit.cases)
                self.workers[unit.source].fixed_load -= unit.key[1]
        for split in self.splits:
            for holder, (load, count, _) in split.at.items():
                if holder != UNASSIGNED:
                    self.workers[holder].fixed_cases -= count
                    self.workers[holder].fixed_load -= load
            if not split.may_stay and len(split.targets) == 1:
                target = split.targets[0]
                here = split.at.get(target, (0.0, 0, ()))[0]
                self.workers[target].forced_load += split.weight - here
        self.grid = _grid(self.weights.values())
        self.protected = rules.protected_workers(team, on)
        for worker_id in self.protected:
            self.workers[worker_id].protected = True
        # Continuity: of interchangeable units a worker holds, the one held the shortest
        # goes first (unknown `since` = held the longest); then the order of the data.
        for unit in self.units:
            unit.since = self._held_since(unit.cases)
        self.units_in_order = sorted(
            range(len(self.units)),
            key=lambda i: (-self.units[i].since.toordinal(), self.order[self.units[i].cases[0]]),
        )

    def forced_relocations(self) -> int:
        """Relocations no plan avoids: a household with an unassigned member must come
        together, and members held by others move to wherever it goes."""
        return sum(
            min(
                sum(n for h, (_, n, _) in split.at.items() if h not in (t, UNASSIGNED))
                for t in split.targets
            )
            for split in self.splits
            if not split.may_stay
        )

    def _held_since(self, case_ids: Sequence[str]) -> date:
        """Since when the holder has had these cases (a household: its first member)."""
        cases = self.team.cases_by_id
        return min(cases[c].since or date.min for c in case_ids)

    # -- workers --------------------------------------------------------------------------

    def tag_counts(self, case_ids: Iterable[str]) -> tuple[int, ...]:
        counts = [0] * len(self.tag_names)
        for case_id in case_ids:
            tags = self.team.cases_by_id[case_id].tags
            for index, tag in enumerate(self.tag_names):
                if tag in tags:
                    counts[index] += 1
        return tuple(counts)

    def _worker_info(self, worker: Worker, case_ids: list[str]) -> _WorkerInfo:
        norms = self.norms
        area = norms.areas[worker.area]
        multiplier = rules.capacity_multiplier(worker, norms, self.on)
        forced = bool(worker.variant) and area.variant(worker.variant or "") is not None
        tagged = [v for v in area.variants if v.tag] if not forced else []
        tags = self.tag_counts(case_ids)
        if tagged:
            options = [(area.min * multiplier, area.max * multiplier)]
            triggers = []
            # rules.norm_range takes the triggered variant with the lowest max (the first
            # such in file order): sorting stably by max makes it the first triggered here.
            for variant in sorted(tagged, key=lambda v: v.max):
                options.append((variant.min * multiplier, variant.max * multiplier))
                triggers.append((self.tag_names.index(variant.tag or ""), variant.share))
        else:
            cap = rules.capacity(worker, norms, CaseMix(len(case_ids), {}), self.on)
            options, triggers = [(cap.min, cap.max)], []
        load = math.fsum(self.weights[c] for c in case_ids)
        return _WorkerInfo(
            worker,
            load,
            len(case_ids),
            tags,
            multiplier,
            options,
            triggers,
            len(case_ids),
            load,
            away=multiplier == 0,
        )

    def capacity(self, worker_id: str, count: int, tags: Sequence[int]) -> tuple[float, float]:
        """The rules' capacity range for a worker holding `count` cases with these tags."""
        info = self.workers[worker_id]
        if not info.variable:
            return info.options[0]
        mix = CaseMix(count, dict(zip(self.tag_names, tags, strict=True)))
        cap = rules.capacity(info.worker, self.norms, mix, self.on)
        return cap.min, cap.max

    def eligible(self, area: str | None) -> list[str]:
        """Who may take a unit of `area` (None: anyone): the workers there, not away."""
        if area is None:
            return self.present
        return self.present_by_area.get(area, [])

    # -- units ----------------------------------------------------------------------------

    def _allowed_area(self, case_ids: Sequence[str]) -> tuple[bool, str | None]:
        """(possible, area): the one area all these cases allow (None = any)."""
        areas = {self.team.cases_by_id[c].area for c in case_ids} - {None}
        if len(areas) > 1:
            return False, None
        return True, next(iter(areas), None)

    def _key(self, case_ids: Sequence[str], area: str | None) -> TypeKey:
        weight = math.fsum(self.weights[c] for c in case_ids)
        return (area, weight, len(case_ids), self.tag_counts(case_ids))

    def _make_units(self) -> None:
        cases = self.team.cases_by_id
        households: dict[str, list[str]] = defaultdict(list)
        for case in self.team.cases:
            if case.household:
                households[case.household].append(case.id)
        for case in self.team.cases:
            if case.household and len(households[case.household]) > 1:
                continue
            if case.pinned:
                continue  # pinned and unassigned: parked on purpose, left alone
            self._add_unit([case.id])
        for members in households.values():
            if len(members) < 2:
                continue
            pinned = [c for c in members if cases[c].pinned]
            if pinned:
                self._add_anchored(members, pinned)
                continue
            holders = {self.holders[c] for c in members}
            if len(holders) == 1:
                self._add_unit(members)
            else:
                self._add_split(members, may_stay=UNASSIGNED not in holders, targets=None)

    def _add_unit(self, case_ids: list[str]) -> None:
        source = self.holders[case_ids[0]]
        possible, area = self._allowed_area(case_ids)
        targets = self.eligible(area) if possible else []
        if not any(w != source for w in targets):
            if source == UNASSIGNED:
                self.unplaced.extend(case_ids)
            return  # nowhere else to go: stays
        self.units.append(_Unit(tuple(case_ids), source, self._key(case_ids, area)))

    def _add_anchored(self, members: list[str], pinned: list[str]) -> None:
        """A household with a pinned member stays; its unassigned members join the pinned
        member's worker (the only way it stays together), when that worker may take them."""
        loose = [c for c in members if self.holders[c] == UNASSIGNED and c not in pinned]
        if not loose:
            return
        anchors = {self.holders[c] for c in pinned}
        anchor = next(iter(anchors))
        possible, area = self._allowed_area(loose)
        if (
            len(anchors) != 1
            or anchor == UNASSIGNED
            or not possible
            or anchor not in self.eligible(area)
        ):
            self.unplaced.extend(loose)
            return
        self._add_split(loose, may_stay=False, targets=[anchor])

    def _add_split(self, members: list[str], may_stay: bool, targets: list[str] | None) -> None:
        if targets is None:
            possible, area = self._allowed_area(members)
            targets = self.eligible(area) if possible else []
        if not targets:
            if not may_stay:
                self.unplaced.extend(c for c in members if self.holders[c] == UNASSIGNED)
            return
        at_cases: dict[str, list[str]] = defaultdict(list)
        for case_id in members:
            at_cases[self.holders[case_id]].append(case_id)
        at = {
            holder: (math.fsum(self.weights[c] for c in ids), len(ids), self.tag_counts(ids))
            for holder, ids in at_cases.items()
        }
        self.splits.append(
            _Split(
                tuple(members),
                at,
                tuple(targets),
                may_stay,
                math.fsum(self.weights[c] for c in members),
                len(members),
                self.tag_counts(members),
            )
        )

    # -- groups ---------------------------------------------------------------------------

    def groups(self) -> list[tuple[list[str], list[int], list[int]]]:
        """Independent parts: (worker ids, unit indexes, split indexes), by linked areas."""
        parent: dict[str, str] = {}

        def find(area: str) -> str:
            parent.setdefault(area, area)
            while parent[area] != area:
                parent[area] = parent[parent[area]]
                area = parent[area]
            return area

        def union(a: str, b: str) -> None:
            parent[find(a)] = find(b)

        areas_with_workers = list(self.by_area)
        for area in areas_with_workers:
            find(area)

        def link(area: str | None, holders: Iterable[str]) -> None:
            linked = list(areas_with_workers) if area is None else [area]
            linked += [self.workers[h].worker.area for h in holders if h != UNASSIGNED]
            for other in linked[1:]:
                union(linked[0], other)

        for unit in self.units:
            link(unit.key[0], [unit.source])
        for split in self.splits:
            linked = [self.workers[t].worker.area for t in split.targets]
            link(linked[0], [*split.at, *split.targets])
        members: dict[str, tuple[list[str], list[int], list[int]]] = {}
        for worker in self.team.workers:
            members.setdefault(find(worker.area), ([], [], []))[0].append(worker.id)
        for index, unit in enumerate(self.units):
            area = unit.key[0] or areas_with_workers[0]
            members[find(area)][1].append(index)
        for index, split in enumerate(self.splits):
            members[find(self.workers[split.targets[0]].worker.area)][2].append(index)
        return list(members.values())


def _grid(weights: Iterable[float]) -> float | None:
    """The largest step every weight is a whole multiple of (0.25 for 0.75, 1, 1.25 and
    1.5), so every load lies on its grid; None when there is none worth using."""
    step = Fraction(0)
    for weight in set(weights):
        fraction = Fraction(weight).limit_denominator(1000)
        if abs(float(fraction) - weight) > 1e-12:
            return None
        step = Fraction(math.gcd(step.numerator * fraction.denominator,
                                 fraction.numerator * step.denominator),
                        step.denominator * fraction.denominator)  # fmt: skip
    return float(step) if step >= Fraction(1, 1000) else None


# ---------------------------------------------------------------------------------------
# A plan in the instance's terms


@dataclass(slots=True)
class _Plan:
    """Where each unit ends up (its index -> worker) and each split (index -> worker or
    None = stays as it is)."""

    units: dict[int, str] = field(default_factory=dict)
    splits: dict[int, str | None] = field(default_factory=dict)

    def moves(self, inst: _Instance) -> list[Move]:
        moves = []
        for index, to in self.units.items():
            unit = inst.units[index]
            if to != unit.source:
                moves.extend(Move(c, unit.source, to) for c in unit.cases)
        for index, to in self.splits.items():
            if to is None:
                continue
            for case_id in inst.splits[index].cases:
                holder = inst.holders[case_id]
                if holder != to:
                    moves.append(Move(case_id, holder, to))
        moves.sort(key=lambda m: inst.order[m.case])
        return moves


# ---------------------------------------------------------------------------------------
# The best-fit greedy


class _Greedy:
    """Worst violator first: the one unit that closes its gap, else the largest that fits.

    Every step must lower the total load outside the ranges (figures from the rules), so it
    ends; it is the plan a careful leader might make by hand, the solver's warm start and
    its fallback. A worker for whom no step helps is skipped until something changes in an
    area it can give to or take from.
    """

    def __init__(
        self, inst: _Instance, start: _Plan | None = None, budget: int | None = None
    ) -> None:
        self.inst = inst
        self.budget = budget  # relocations allowed (cases moved from a worker), None: any
        self.relocated = 0
        self.load = {w: info.load for w, info in inst.workers.items()}
        self.count = {w: info.count for w, info in inst.workers.items()}
        self.tags = {w: list(info.tags) for w, info in inst.workers.items()}
        self.where: dict[int, str] = {i: u.source for i, u in enumerate(inst.units)}
        self.split_to: dict[int, str | None] = dict.fromkeys(range(len(inst.splits)))
        # stock[worker][key]: units of that type the worker holds and may give away
        self.stock: dict[str, dict[TypeKey, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.pool: list[int] = []
        for index in inst.units_in_order:  # each stock list: the shortest held first
            unit = inst.units[index]
            if unit.source == UNASSIGNED:
                self.pool.append(index)
            else:
                self.stock[unit.source][unit.key].append(index)
        # Who is affected when an area changes: its workers and holders of units for it.
        self.watchers: dict[str, set[str]] = defaultdict(set)
        for area, members in inst.by_area.items():
            self.watchers[area].update(members)
        for unit in inst.units:
            if unit.source != UNASSIGNED:
                for area in [unit.key[0]] if unit.key[0] is not None else list(inst.by_area):
                    self.watchers[area].add(unit.source)
        self.gaps = {w: self.gap(w) for w in inst.workers}
        self.stuck: set[str] = set()
        if start is not None:
            for index, to in start.units.items():
                if to != inst.units[index].source:
                    self._place(index, to)
            for index, target in start.splits.items():
                if target is not None:
                    self._place_split(index, target)

    # -- figures --------------------------------------------------------------------------

    def gap(self, w: str, load: float = 0.0, count: int = 0, tags: Sequence[int] = ()) -> float:
        """How far outside the range after a change: > 0 over, < 0 under, 0 within."""
        info = self.inst.workers[w]
        new_load = self.load[w] + load
        if info.variable:
            moved = tags or [0] * len(self.tags[w])
            new_tags = [a + b for a, b in zip(self.tags[w], moved, strict=True)]
            low, high = self.inst.capacity(w, self.count[w] + count, new_tags)
        else:
            low, high = info.options[0]
        if new_load > high + EPSILON:
            return new_load - high
        if new_load < low - EPSILON:
            return new_load - low
        return 0.0

    def _room(self, r: str, key: TypeKey) -> float:
        """Load r could still take after receiving `key` (its range with the new mix)."""
        info = self.inst.workers[r]
        if info.variable:
            tags = [a + b for a, b in zip(self.tags[r], key[3], strict=True)]
            high = self.inst.capacity(r, self.count[r] + key[2], tags)[1]
        else:
            high = info.options[0][1]
        return high - self.load[r] - key[1]

    def _shift(self, w: str, weight: float, count: int, tags: Sequence[int], sign: int) -> None:
        self.load[w] += sign * weight
        self.count[w] += sign * count
        if any(tags):
            self.tags[w] = [a + sign * b for a, b in zip(self.tags[w], tags, strict=True)]
        self.gaps[w] = self.gap(w)
        area = self.inst.workers[w].worker.area
        self.stuck -= self.watchers[area]

    def _relocation(self, index: int, to: str) -> int:
        """How the count of relocated cases changes when unit `index` goes to `to`."""
        unit = self.inst.units[index]
        if unit.source == UNASSIGNED:
            return 0
        current = self.where[index]
        return unit.key[2] * (int(to != unit.source) - int(current != unit.source))

    def _affordable(self, index: int, to: str) -> bool:
        return self.budget is None or self.relocated + self._relocation(index, to) <= self.budget

    def _place(self, index: int, to: str) -> None:
        self.relocated += self._relocation(index, to)
        unit = self.inst.units[index]
        current = self.where[index]
        if current == UNASSIGNED:
            self.pool.remove(index)
        else:
            self.stock[current][unit.key].remove(index)
            self._shift(current, *unit.key[1:], -1)
        self._shift(to, *unit.key[1:], +1)
        self.stock[to][unit.key].append(index)
        self.where[index] = to

    def _place_split(self, index: int, to: str) -> None:
        split = self.inst.splits[index]
        self.relocated += sum(n for h, (_, n, _) in split.at.items() if h not in (to, UNASSIGNED))
        for holder, figures in split.at.items():
            if holder != UNASSIGNED:
                self._shift(holder, *figures, -1)
        self._shift(to, split.weight, split.count, split.tags, +1)
        self.split_to[index] = to

    # -- the steps ------------------------------------------------------------------------

    def run(self) -> _Plan:
        self._place_pool()
        # Each step lowers the total load outside the ranges; the cap is a safety net.
        for _ in range(4 * len(self.inst.units) + 100):
            violators = sorted(
                ((abs(g), w) for w, g in self.gaps.items() if g != 0.0 and w not in self.stuck),
                reverse=True,
            )
            for _, w in violators:
                if self._step(w):
                    break
                self.stuck.add(w)
            else:
                break
        self._level()
        return _Plan(dict(self.where), dict(self.split_to))

    # -- fairness -------------------------------------------------------------------------

    def high(self, w: str, load: float = 0.0, count: int = 0, tags: Sequence[int] = ()) -> float:
        """w's capacity max after a change (a variant may come or go with the mix)."""
        info = self.inst.workers[w]
        if not info.variable:
            return info.options[0][1]
        moved = tags or [0] * len(self.tags[w])
        new_tags = [a + b for a, b in zip(self.tags[w], moved, strict=True)]
        return self.inst.capacity(w, self.count[w] + count, new_tags)[1]

    def _level(self) -> None:
        """Bring each area's peak down: while its most utilised unprotected worker can hand
        a unit to a colleague so that both end below that utilisation, do so (a protected
        new hire only up to their own max)."""
        inst = self.inst
        self._relieve_protected()
        for _ in range(4 * len(inst.units) + 100):
            moved = False
            for members in inst.by_area.values():
                open_ = [
                    w for w in members if not inst.workers[w].protected and not inst.workers[w].away
                ]
                if not open_:
                    continue
                top = max(open_, key=lambda w: self.load[w] / self.high(w))
                peak = self.load[top] / self.high(top)
                if peak <= 1.0 + EPSILON:
                    continue
                chosen = self._relieve(top, peak)
                if chosen is not None:
                    index, to = chosen
                    self._place(index, to)
                    moved = True
            if not moved:
                return

    def _relieve_protected(self) -> None:
        """A protected new hire above their max gives units, heaviest first, each to the
        least utilised unprotected colleague who may take it: the excess to the others."""
        inst = self.inst
        for w, info in inst.workers.items():
            if not info.protected:
                continue
            for _ in range(len(inst.units)):
                if self.load[w] <= info.ceiling(self.high(w)) + EPSILON:
                    break
                choices = [
                    (key[1], index, r)
                    for key, units in self.stock[w].items()
                    if units
                    for index in units[:1]
                    for r in inst.eligible(key[0])
                    if r != w
                    and not inst.workers[r].protected
                    and not inst.workers[r].away
                    and self._affordable(index, r)
                ]
                if not choices:
                    break
                _, index, to = max(
                    choices, key=lambda c: (c[0], -self.load[c[2]] / self.high(c[2]))
                )
                self._place(index, to)

    def _relieve(self, top: str, peak: float) -> tuple[int, str] | None:
        """The unit of `top` and the colleague that lower the larger of their two
        utilisations most, if below `peak` (fewest cases first on a tie). Only the least
        utilised colleagues are tried: a warm start, not the optimum."""
        inst = self.inst
        best: tuple[tuple[float, int], int, str] | None = None
        takers: dict[str | None, list[str]] = {}
        for key, units in self.stock[top].items():
            if not units:
                continue
            _, weight, size, tags = key
            neg = tuple(-t for t in tags)
            after_top = (self.load[top] - weight) / self.high(top, -weight, -size, neg)
            if key[0] not in takers:
                takers[key[0]] = heapq.nsmallest(
                    RELIEVE_TAKERS,
                    (r for r in inst.eligible(key[0]) if r != top and not inst.workers[r].away),
                    key=lambda r: self.load[r] / self.high(r),
                )
            for r in takers[key[0]]:
                if not self._affordable(units[0], r):
                    continue
                high = self.high(r, weight, size, tags)
                load = self.load[r] + weight
                info = inst.workers[r]
                if info.protected and load > info.ceiling(high) + EPSILON:
                    continue
                worst = max(after_top, load / high if not info.protected else 0.0)
                if worst < peak - LOAD_TOLERANCE and (best is None or (worst, size) < best[0]):
                    best = ((worst, size), units[0], r)
        return None if best is None else (best[1], best[2])

    def _place_pool(self) -> None:
        """Every unassigned unit (heaviest first) to the worker it suits best."""
        inst = self.inst
        for index, split in enumerate(inst.splits):
            if split.may_stay or self.split_to[index] is not None:
                continue

            # Part of it is unassigned, so it must go somewhere whole: fewest moves first.
            def cost(t: str, split: _Split = split) -> tuple[int, float]:
                here = split.at.get(t, (0.0, 0, ()))
                return (split.count - here[1], abs(self.gap(t, split.weight - here[0])))

            self._place_split(index, min(split.targets, key=cost))
        for index in sorted(self.pool, key=lambda i: (-inst.units[i].key[1], i)):
            key = inst.units[index].key
            eligible = inst.eligible(key[0])
            # A protected new hire takes it only within their own max, and someone away not
            # at all, if anyone else can.
            allowed = [
                r
                for r in eligible
                if not inst.workers[r].away
                and (
                    not inst.workers[r].protected
                    or self.load[r] + key[1]
                    <= inst.workers[r].ceiling(self.high(r, *key[1:])) + EPSILON
                )
            ] or eligible
            best = min(allowed, key=lambda r: self._receive_score(r, key))
            self._place(index, best)

    def _receive_score(self, r: str, key: TypeKey) -> tuple[float, float]:
        """(change in r's distance from its range, -room left): lower is better."""
        after = self.gap(r, key[1], key[2], key[3])
        return (abs(after) - abs(self.gaps[r]), -self._room(r, key))

    def _step(self, w: str) -> bool:
        gap = self.gaps[w]
        chosen = self._shed(w) if gap > 0 else self._fill(w) if gap < 0 else None
        if chosen is None:
            return False
        key, giver, taker = chosen
        index = self.stock[giver][key][0]
        if not self._affordable(index, taker):
            return False
        self._place(index, taker)
        return True

    def _improves(self, giver: str, taker: str, key: TypeKey) -> tuple[bool, float, float]:
        """Whether giver -> taker lowers their total distance from range, taker not over."""
        if self._room(taker, key) < -EPSILON:
            return False, 0.0, 0.0
        neg = tuple(-t for t in key[3])
        g_giver = self.gap(giver, -key[1], -key[2], neg)
        g_taker = self.gap(taker, key[1], key[2], key[3])
        before = abs(self.gaps[giver]) + abs(self.gaps[taker])
        ok = g_taker <= 0.0 and abs(g_giver) + abs(g_taker) < before - LOAD_TOLERANCE
        return ok, g_giver, g_taker

    @staticmethod
    def _choose(
        candidates: list[tuple[TypeKey, float, str, str]],
    ) -> tuple[TypeKey, str, str] | None:
        """candidates: (key, the violator's gap after, giver, taker), each an improvement.
        The one that closes the gap with the fewest cases and least weight, else the one
        that carries the most weight per case."""
        if not candidates:
            return None
        closing = [c for c in candidates if c[1] == 0.0]
        if closing:
            key, _, giver, taker = min(closing, key=lambda c: (c[0][2], c[0][1]))
        else:
            key, _, giver, taker = max(candidates, key=lambda c: (c[0][1] / c[0][2], c[0][1]))
        return key, giver, taker

    def _shed(self, s: str) -> tuple[TypeKey, str, str] | None:
        best: dict[TypeKey, tuple[tuple[float, float], str, float]] = {}
        for key, units in self.stock[s].items():
            if not units:
                continue
            for r in self.inst.eligible(key[0]):
                if r == s:
                    continue
                ok, g_giver, g_taker = self._improves(s, r, key)
                if ok:
                    # The receiver whose own gap shrinks most, then the one with most room.
                    score = (abs(g_taker) - abs(self.gaps[r]), -self._room(r, key))
                    if key not in best or score < best[key][0]:
                        best[key] = (score, r, g_giver)
        return self._choose([(k, g, s, r) for k, (_, r, g) in best.items()])

    def _fill(self, r: str) -> tuple[TypeKey, str, str] | None:
        area = self.inst.workers[r].worker.area
        best: dict[TypeKey, tuple[tuple[float, float], str, float]] = {}
        for d in self.watchers[area]:
            if d == r:
                continue
            for key, units in self.stock[d].items():
                if not units or (key[0] is not None and key[0] != area):
                    continue
                ok, g_giver, g_taker = self._improves(d, r, key)
                if ok:
                    # The giver furthest over first, then the one with most to spare.
                    score = (abs(g_giver) - abs(self.gaps[d]), -(self.load[d] - key[1]))
                    if key not in best or score < best[key][0]:
                        best[key] = (score, d, g_taker)
        return self._choose([(k, g, d, r) for k, (_, d, g) in best.items()])


# ---------------------------------------------------------------------------------------
# The MILP


class _QuietHighs(highspy.Highs):
    """HiGHS prints a banner on the first call unless output is off before it: switch it
    off before highspy's constructor makes that call (stdout is the CLI's JSON, or the
    app's screen)."""

    def enableCallbacks(self) -> None:
        self.setOptionValue("output_flag", False)
        super().enableCallbacks()


class _Lp:
    """A sparse model built row by row, handed to HiGHS in one go."""

    def __init__(self) -> None:
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.integer: list[bool] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []
        self.starts: list[int] = [0]
        self.index: list[int] = []
        self.value: list[float] = []

    def var(self, lower: float, upper: float, integer: bool = False) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        return len(self.lower) - 1

    def row(self, coefs: Mapping[int, float], lower: float, upper: float) -> int:
        for index, value in coefs.items():
            if value != 0.0:
                self.index.append(index)
                self.value.append(value)
        self.starts.append(len(self.index))
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        return len(self.row_lower) - 1

    def highs(self) -> _QuietHighs:
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.lower)
        lp.num_row_ = len(self.row_lower)
        lp.col_cost_ = np.zeros(lp.num_col_)
        lp.col_lower_ = np.array(self.lower, dtype=float)
        lp.col_upper_ = np.array(self.upper, dtype=float)
        lp.row_lower_ = np.array(self.row_lower, dtype=float)
        lp.row_upper_ = np.array(self.row_upper, dtype=float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.array(self.starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(self.index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(self.value, dtype=float)
        lp.integrality_ = [
            highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
            for i in self.integer
        ]
        h = _QuietHighs()
        h.setOptionValue("output_flag", False)
        # HiGHS keeps a scheduler per calling thread, sized by the first run there: the
        # groups run in threads of their own (_solve_groups), so `threads` is honoured.
        for option, value in HIGHS_OPTIONS.items():
            h.setOptionValue(option, value)
        h.passModel(lp)
        return h


def _add(expr: dict[int, float], index: int, value: float) -> None:
    expr[index] = expr.get(index, 0.0) + value


@dataclass(slots=True)
class _GroupOutcome:
    plan: _Plan
    proven: bool  # every level of the objective proven optimal
    timed_out: bool
    lower_bound: int  # no plan as good on the levels above needs fewer moves
    levels: dict[str, float]  # each level's value in the model, for the plan
    peaks: dict[str, float]  # each area's peak in the model (at least 1.0)


class _GroupModel:
    """The counts MILP for one independent group of areas (or, under a moves budget, the
    whole team): the levels of the objective are its rows, fixed one after the other."""

    def __init__(
        self,
        inst: _Instance,
        workers: list[str],
        units: list[int],
        splits: list[int],
        max_moves: int | None = None,
    ) -> None:
        self.inst = inst
        self.workers = workers
        self.unit_ids = units
        self.split_ids = splits
        self.lp = lp = _Lp()
        self.type_units: dict[TypeKey, dict[str, list[int]]] = defaultdict(
            lambda: defaultdict(list)
        )
        chosen = set(units)
        for index in inst.units_in_order:  # each holder's list: the shortest held first
            if index in chosen:
                unit = inst.units[index]
                self.type_units[unit.key][unit.source].append(index)
        self.load_expr: dict[str, dict[int, float]] = {w: {} for w in workers}
        self.count_expr: dict[str, dict[int, float]] = {w: {} for w in workers}
        self.tag_expr: dict[str, list[dict[int, float]]] = {
            w: [{} for _ in inst.tag_names] for w in workers
        }
        self.moves_expr: dict[int, float] = {}
        self.weight_expr: dict[int, float] = {}
        self.out: dict[tuple[str, TypeKey], int] = {}
        self.inn: dict[tuple[str, TypeKey], int] = {}
        for key, by_holder in self.type_units.items():
            self._type_vars(key, by_holder)
        self.split_vars: dict[int, tuple[int, dict[str, int]]] = {}
        for index in splits:
            self._split_vars(index)
        self.pool_cases = sum(
            inst.units[i].key[2] for i in units if inst.units[i].source == UNASSIGNED
        ) + sum(inst.splits[i].at.get(UNASSIGNED, (0.0, 0, ()))[1] for i in splits)
        pool_load = math.fsum(
            inst.units[i].key[1] for i in units if inst.units[i].source == UNASSIGNED
        ) + math.fsum(inst.splits[i].at.get(UNASSIGNED, (0.0, 0, ()))[0] for i in splits)
        self.group_load = math.fsum(inst.workers[w].load for w in workers) + pool_load
        self.movable_weight = math.fsum(inst.units[i].key[1] for i in units) + math.fsum(
            inst.splits[i].weight for i in splits
        )
        self.group_cases = sum(inst.workers[w].count for w in workers) + self.pool_cases
        # Fairness: one continuous peak per area (>= 1: nobody needs to be over), above the
        # utilisation of each of its unprotected workers.
        self.peak: dict[str, int] = {}
        for w in workers:
            info = inst.workers[w]
            if not info.protected and not info.away and info.worker.area not in self.peak:
                self.peak[info.worker.area] = lp.var(1.0, INF)
        self.peak_rows: list[tuple[int, str, float, float]] = []  # row, area, max, upper
        # Under a budget a protected new hire over range may be out of reach: their load
        # above their max becomes the first level instead of a hard limit.
        self.excess: dict[str, int] = {}
        if max_moves is not None:
            for w in workers:
                if inst.workers[w].protected:
                    self.excess[w] = lp.var(0.0, INF)
        # Range rows, with overflow slacks; peak rows; a protected worker's ceiling.
        self.over: dict[str, int] = {}
        self.under: dict[str, int] = {}
        self.indicators: dict[str, tuple[list[int], list[int], int | None]] = {}
        for w in workers:
            self._range_rows(w)
        self.overflow_cols = [*self.over.values(), *self.under.values()]
        self.overflow_expr = dict.fromkeys(self.overflow_cols, 1.0)
        self.peak_expr = dict.fromkeys(self.peak.values(), 1.0)
        # Under a budget the team's peak comes first: the highest of the area peaks.
        self.team_peak: int | None = None
        if max_moves is not None:
            self.team_peak = lp.var(1.0, INF)
            for var in self.peak.values():
                lp.row({self.team_peak: 1.0, var: -1.0}, 0.0, INF)
            # Relocations = moves - allocations (every unassigned case is allocated once).
            lp.row(self.moves_expr, 0.0, max_moves + self.pool_cases + 0.5)
            if max_moves == 0:
                # Nothing may leave a worker: only the unassigned cases are placed.
                for var in self.out.values():
                    lp.upper[var] = 0.0
        # One row per level of the objective, its upper bound set once it is solved.
        self.level_exprs: dict[str, dict[int, float]] = {}
        if self.excess:
            self.level_exprs["protected"] = dict.fromkeys(self.excess.values(), 1.0)
        if self.team_peak is not None:
            self.level_exprs["team_peak"] = {self.team_peak: 1.0}
        self.level_exprs["peak"] = self.peak_expr
        self.level_exprs["overflow"] = self.overflow_expr
        self.level_exprs["moves"] = self.moves_expr
        self.level_exprs["weight"] = self.weight_expr
        self.level_rows = {name: lp.row(expr, -INF, INF) for name, expr in self.level_exprs.items()}
        self.num_col = len(lp.lower)
        self.highs = lp.highs()

    # -- building -------------------------------------------------------------------------

    def _touch(
        self, w: str, var: int, sign: float, weight: float, size: int, tags: Sequence[int]
    ) -> None:
        """Var moves `sign` x (weight, size, tags) onto worker w's figures."""
        if w not in self.load_expr:
            return
        _add(self.load_expr[w], var, sign * weight)
        _add(self.count_expr[w], var, sign * size)
        for index, n in enumerate(tags):
            if n:
                _add(self.tag_expr[w][index], var, sign * n)

    def _type_vars(self, key: TypeKey, by_holder: dict[str, list[int]]) -> None:
        lp = self.lp
        area, weight, size, tags = key
        total = sum(len(v) for v in by_holder.values())
        balance: dict[int, float] = {}
        for holder, members in by_holder.items():
            if holder == UNASSIGNED:
                continue
            var = lp.var(0, len(members), integer=True)
            self.out[holder, key] = var
            balance[var] = -1.0
            self._touch(holder, var, -1.0, weight, size, tags)
        for r in self.inst.eligible(area):
            var = lp.var(0, total, integer=True)
            self.inn[r, key] = var
            balance[var] = 1.0
            self.moves_expr[var] = float(size)
            self.weight_expr[var] = weight
            self._touch(r, var, 1.0, weight, size, tags)
        # Every unit of the type ends somewhere: received = sent + unassigned ones.
        pool = len(by_holder.get(UNASSIGNED, []))
        lp.row(balance, pool, pool)

    def _split_vars(self, index: int) -> None:
        lp, split = self.lp, self.inst.splits[index]
        stay = lp.var(0, 1 if split.may_stay else 0, integer=True)
        targets = {t: lp.var(0, 1, integer=True) for t in split.targets}
        lp.row({stay: 1.0, **dict.fromkeys(targets.values(), 1.0)}, 1, 1)
        self.split_vars[index] = (stay, targets)
        for holder, (load, count, tags) in split.at.items():
            # Members here leave when the household goes whole to another worker.
            for t, var in targets.items():
                if t != holder:
                    self._touch(holder, var, -1.0, load, count, tags)
        none = (0.0, 0, tuple(0 for _ in self.inst.tag_names))
        for t, var in targets.items():
            here = split.at.get(t, none)
            arriving = tuple(a - b for a, b in zip(split.tags, here[2], strict=True))
            self._touch(t, var, 1.0, split.weight - here[0], split.count - here[1], arriving)
            self.moves_expr[var] = float(split.count - here[1])
            self.weight_expr[var] = split.weight - here[0]

    def _limit_rows(self, w: str, high: float, relax: Mapping[int, float], slack: float) -> None:
        """The rows that a range with this max puts on w's load when it is in force (all
        of `relax` at 0; each term of `relax` lifts the rows by its coefficient)."""
        inst, lp = self.inst, self.lp
        info = inst.workers[w]
        load = self.load_expr[w]
        lp.row({**load, self.over[w]: -1.0, **relax}, -INF, high - info.load + slack)
        if info.away:
            # Someone away takes nothing (their own cases may go: the overflow says so).
            lp.row({**load, **relax}, -INF, max(0.0, info.forced_load) + slack)
        elif info.protected and w in self.excess:
            lp.row({**load, self.excess[w]: -1.0, **relax}, -INF, high - info.load + slack)
        elif info.protected:
            # Never above their own max (or what they must keep), the excess to the others;
            # rounded down to the grid every load lies on (a tighter LP, the same plans).
            ceiling = info.ceiling(high)
            if inst.grid is not None:
                floor = math.floor(ceiling / inst.grid + 1e-9) * inst.grid
                ceiling = max(floor, info.fixed_load + info.forced_load)
            lp.row({**load, **relax}, -INF, ceiling - info.load + slack)
        else:
            # load <= high x peak: the area's peak is at least this worker's utilisation.
            area = info.worker.area
            upper = -info.load + slack
            row = lp.row({**load, self.peak[area]: -high, **relax}, -INF, upper)
            self.peak_rows.append((row, area, high, upper))

    def _range_rows(self, w: str) -> None:
        inst, lp = self.inst, self.lp
        info = inst.workers[w]
        over, under = lp.var(0, INF), lp.var(0, INF)
        self.over[w], self.under[w] = over, under
        load = self.load_expr[w]
        if not info.variable:
            low, high = info.options[0]
            self._limit_rows(w, high, {}, 0.0)
            lp.row({**load, under: 1.0}, low - info.load, INF)
            self.indicators[w] = ([], [], None)
            return
        count = self.count_expr[w]
        n_max = max(self.group_cases, 1)
        empty: int | None = None
        if info.fixed_cases == 0:
            # The worker could give every case away, and no cases trigger no variant.
            empty = lp.var(0, 1, integer=True)
            lp.row({**count, empty: float(n_max)}, -INF, n_max - info.count)
        triggered: list[int] = []
        for tag_index, share in info.triggers:
            # rules.norm_range: triggered when cases > 0 and tagged / cases >= share - EPSILON
            a = share - EPSILON
            z = lp.var(0, 1, integer=True)
            triggered.append(z)
            expr = dict(self.tag_expr[w][tag_index])
            for var, coef in count.items():
                _add(expr, var, -a * coef)
            constant = info.tags[tag_index] - a * info.count  # tagged - a x cases, now
            big = a * n_max + 1.0
            lp.row({**expr, z: -big}, -big - constant, INF)  # z=1 -> tagged >= a x cases
            lp.row({**count, z: -1.0}, -info.count, INF)  # z=1 -> at least one case
            big = n_max + DELTA
            row = {**expr, z: -big}  # z=0 -> tagged <= a x cases - DELTA, or no cases
            if empty is not None:
                row[empty] = -DELTA
                lp.row({empty: 1.0, z: 1.0}, -INF, 1.0)
            lp.row(row, -INF, -DELTA - constant)
        # In force: the first triggered variant (ascending max); else option 0.
        selected: list[int] = []
        if len(triggered) == 1:
            selected = triggered
        else:
            for j, z in enumerate(triggered):
                s = lp.var(0, 1, integer=True)
                lp.row({s: 1.0, z: -1.0}, -INF, 0.0)
                for earlier in triggered[:j]:
                    lp.row({s: 1.0, earlier: 1.0}, -INF, 1.0)
                lp.row({s: 1.0, z: -1.0, **dict.fromkeys(triggered[:j], 1.0)}, 0.0, INF)
                selected.append(s)
            lp.row(dict.fromkeys(selected, 1.0), -INF, 1.0)
        self.indicators[w] = (triggered, selected, empty)
        # Loads never exceed the group's, and a row relaxed by `big` can never bind.
        big = self.group_load + max(high for _, high in info.options) + 1.0
        for o, (low, high) in enumerate(info.options):
            if o == 0:  # in force when no variant is: relaxed by any selected one
                self._limit_rows(w, high, dict.fromkeys(selected, -big), 0.0)
                lp.row({**load, under: 1.0, **dict.fromkeys(selected, low)}, low - info.load, INF)
            else:
                s = selected[o - 1]
                self._limit_rows(w, high, {s: big}, big)
                lp.row({**load, under: 1.0, s: -low}, -info.load, INF)

    # -- plans and vectors ----------------------------------------------------------------

    def vector(self, plan: _Plan) -> np.ndarray | None:
        """The model's variables for a plan (the greedy's), to warm-start HiGHS."""
        inst = self.inst
        x = np.zeros(self.num_col)
        load = {w: inst.workers[w].load for w in self.workers}
        count = {w: inst.workers[w].count for w in self.workers}
        tags = {w: list(inst.workers[w].tags) for w in self.workers}

        def shift(w: str, sign: int, weight: float, size: int, moved: Sequence[int]) -> None:
            if w in load:
                load[w] += sign * weight
                count[w] += sign * size
                tags[w] = [a + sign * b for a, b in zip(tags[w], moved, strict=True)]

        for index in self.unit_ids:
            unit = inst.units[index]
            to = plan.units.get(index, unit.source)
            if to == unit.source:
                continue
            var = self.inn.get((to, unit.key))
            if var is None:
                return None
            x[var] += 1
            if unit.source != UNASSIGNED:
                x[self.out[unit.source, unit.key]] += 1
            shift(unit.source, -1, *unit.key[1:])
            shift(to, +1, *unit.key[1:])
        for index in self.split_ids:
            split = inst.splits[index]
            stay, targets = self.split_vars[index]
            to = plan.splits.get(index)
            if to is None or to not in targets:
                x[stay] = 1.0
                continue
            x[targets[to]] = 1.0
            for holder, figures in split.at.items():
                shift(holder, -1, *figures)
            shift(to, +1, split.weight, split.count, split.tags)
        for var in self.peak.values():
            x[var] = 1.0
        for w in self.workers:
            info = inst.workers[w]
            low, high = inst.capacity(w, count[w], tags[w])
            x[self.over[w]] = max(0.0, load[w] - high)
            x[self.under[w]] = max(0.0, low - load[w])
            if not info.protected and not info.away:
                var = self.peak[info.worker.area]
                x[var] = max(x[var], load[w] / high)
            elif w in self.excess:
                x[self.excess[w]] = max(0.0, load[w] - high)
            triggered, selected, empty = self.indicators[w]
            fired = [
                count[w] > 0 and tags[w][t] - (share - EPSILON) * count[w] >= 0
                for t, share in info.triggers
            ]
            for z, on in zip(triggered, fired, strict=True):
                x[z] = float(on)
            if len(triggered) > 1:
                first = next((j for j, on in enumerate(fired) if on), None)
                for j, s in enumerate(selected):
                    x[s] = float(j == first)
            if empty is not None:
                x[empty] = float(count[w] == 0)
        if self.team_peak is not None:
            x[self.team_peak] = max([1.0, *(x[v] for v in self.peak.values())])
        return x

    def plan(self, x: Sequence[float]) -> _Plan:
        """Counts -> concrete units: each type's senders matched to its receivers."""
        plan = _Plan()
        for key, by_holder in self.type_units.items():
            givers: list[int] = list(by_holder.get(UNASSIGNED, []))
            takers: list[tuple[str, int]] = []
            for w in self.workers:
                sent = round(x[self.out[w, key]]) if (w, key) in self.out else 0
                got = round(x[self.inn[w, key]]) if (w, key) in self.inn else 0
                if got < sent:  # a worker both sending and receiving a type: net it out
                    givers.extend(by_holder[w][: sent - got])
                elif got > sent:
                    takers.append((w, got - sent))
            cursor = 0
            for w, n in takers:
                for index in givers[cursor : cursor + n]:
                    plan.units[index] = w
                cursor += n
        for index in self.split_ids:
            stay, targets = self.split_vars[index]
            chosen = [t for t, var in targets.items() if x[var] > 0.5]
            plan.splits[index] = chosen[0] if chosen and x[stay] < 0.5 else None
        return plan

    def overflow_of(self, x: Sequence[float]) -> float:
        return math.fsum(x[c] for c in self.overflow_cols)

    # -- solving --------------------------------------------------------------------------

    def set_costs(self, costs: Mapping[int, float]) -> None:
        vector = np.zeros(self.num_col)
        for index, value in costs.items():
            vector[index] = value
        self.highs.changeColsCost(self.num_col, np.arange(self.num_col, dtype=np.int32), vector)

    def cap_receipts(self, peaks: Mapping[str, float]) -> None:
        """Bound how many units of a type a worker can receive by the load it can carry:
        its loosest max x its area's peak (a protected worker: its ceiling), less what it
        cannot give away. Small bounds make HiGHS's root work (probing, cuts) much cheaper
        than the type totals."""
        cols, upper = [], []
        for (w, key), var in self.inn.items():
            info = self.inst.workers[w]
            if info.protected and w in self.excess:
                continue  # their excess is a level of its own: no bound from it here
            if info.away:
                most = info.load + info.forced_load  # takes nothing
            elif info.protected:
                most = max(info.ceiling(o[1]) for o in info.options)
            else:
                most = max(o[1] for o in info.options) * peaks[info.worker.area]
            room = most - info.fixed_load
            cols.append(var)
            upper.append(max(0.0, min(self.lp.upper[var], math.floor(room / key[1] + 1e-9))))
        n = len(cols)
        if n:
            self.highs.changeColsBounds(
                n, np.array(cols, dtype=np.int32), np.zeros(n), np.array(upper, dtype=float)
            )

    def peak_at(self, peaks: Mapping[str, float] | None) -> None:
        """Fix each area's peak at a candidate value, every unprotected worker's load then
        at most max x peak rounded down to the grid (all loads lie on it, and the LP
        relaxation of the rounded rows is much tighter); None: the peaks are free again."""
        grid = self.inst.grid
        assert grid is not None
        rows, upper = [], []
        for row, area, high, base in self.peak_rows:
            rows.append(row)
            if peaks is None:
                upper.append(base)
            else:
                value = peaks[area]
                upper.append(base + math.floor(high * value / grid + 1e-9) * grid - high * value)
        n = len(rows)
        if n:
            self.highs.changeRowsBounds(
                n, np.array(rows, dtype=np.int32), np.full(n, -INF), np.array(upper, dtype=float)
            )
        cols = list(self.peak.items())
        low = [1.0 if peaks is None else peaks[a] for a, _ in cols]
        high = [INF if peaks is None else peaks[a] for a, _ in cols]
        self.highs.changeColsBounds(
            len(cols),
            np.array([v for _, v in cols], dtype=np.int32),
            np.array(low, dtype=float),
            np.array(high, dtype=float),
        )

    def peak_candidates(self, low: float, high: float) -> list[float]:
        """The values a peak can take in [low, high]: a worker's load on the grid over one
        of their maxes (the peak is the utilisation of the worker at the top)."""
        grid = self.inst.grid
        assert grid is not None
        values = {1.0} if low <= 1.0 + PEAK_TOLERANCE else set()
        for cap in {high_ for _, _, high_, _ in self.peak_rows}:
            first = max(1, math.ceil(low * cap / grid - 1e-9))
            last = math.floor(high * cap / grid + 1e-9)
            values.update(k * grid / cap for k in range(first, last + 1) if k * grid >= cap)
        return sorted(values)

    def fix(self, level: str, value: float) -> None:
        """Keep a solved level at its optimum (within the tolerance) for the next ones."""
        self.highs.changeRowBounds(self.level_rows[level], -INF, value + LEVEL_TOLERANCE[level])

    def value(self, level: str, x: Sequence[float]) -> float:
        return math.fsum(x[v] * c for v, c in self.level_exprs[level].items())

    def solve(
        self,
        *,
        relaxation: bool,
        deadline: float,
        should_stop: Callable[[], bool] | None,
        start: np.ndarray | None = None,
        integral_objective: bool = False,
        absolute_gap: float | None = None,
    ) -> tuple[str, float, float, np.ndarray | None]:
        """Run HiGHS: (status, objective, dual bound, solution or None); status is
        "optimal", "infeasible" or "timeout". Raises BalanceCancelled when asked to stop."""
        h = self.highs
        h.setOptionValue("solve_relaxation", relaxation)
        h.setOptionValue("time_limit", max(0.01, deadline - time.monotonic()))
        # Moves are whole numbers: a gap below one move is a proof. Peaks, overflow and
        # weight are not: proven means within MIP_GAP of the optimum, or within the
        # absolute gap a caller gives (below the step between two distinct values).
        if absolute_gap is not None:
            h.setOptionValue("mip_rel_gap", 0.0)
            h.setOptionValue("mip_abs_gap", absolute_gap)
        else:
            h.setOptionValue("mip_rel_gap", 0.0 if integral_objective else MIP_GAP)
            h.setOptionValue("mip_abs_gap", 0.99 if integral_objective else MIP_GAP)
        if start is not None and not relaxation:
            solution = highspy.HighsSolution()
            solution.col_value = list(start)
            solution.value_valid = True
            h.setSolution(solution)
        cancelled = False

        def interrupt(event: highspy.highs.HighsCallbackEvent) -> None:
            nonlocal cancelled
            if should_stop is not None and should_stop():
                cancelled = True
                event.interrupt()
            elif time.monotonic() > deadline:
                event.interrupt()

        h.cbMipInterrupt.subscribe(interrupt)
        h.cbSimplexInterrupt.subscribe(interrupt)
        try:
            h.run()
        finally:
            h.cbMipInterrupt.unsubscribe(interrupt)
            h.cbSimplexInterrupt.unsubscribe(interrupt)
        if cancelled:
            raise BalanceCancelled
        status = h.getModelStatus()
        info = h.getInfo()
        has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
        x = np.array(h.getSolution().col_value) if has_solution else None
        if status == highspy.HighsModelStatus.kOptimal:
            objective = info.objective_function_value
            # With a whole-number objective, a gap below one is a proof of the objective.
            bound = objective if relaxation or integral_objective else info.mip_dual_bound
            return "optimal", objective, bound, x
        if status == highspy.HighsModelStatus.kInfeasible:
            return "infeasible", math.inf, math.inf, None
        bound = info.mip_dual_bound if not relaxation else -math.inf
        objective = info.objective_function_value if x is not None else math.inf
        return "timeout", objective, bound if math.isfinite(bound) else -math.inf, x


# ---------------------------------------------------------------------------------------
# Solving one group


def _cheap_bound(inst: _Instance, workers: list[str], units: list[int], splits: list[int]) -> int:
    """Moves no all-within plan can do without: the unassigned cases plus, for each worker
    over range, the fewest cases whose weight covers the excess (at the best weight per
    case); or the fewest arriving cases that fill the workers under range."""
    pool = sum(inst.units[i].key[2] for i in units if inst.units[i].source == UNASSIGNED)
    pool += sum(inst.splits[i].at.get(UNASSIGNED, (0.0, 0, ()))[1] for i in splits)
    movable: dict[str, list[tuple[float, int]]] = defaultdict(list)
    densest: dict[str | None, float] = defaultdict(float)
    for index in units:
        unit = inst.units[index]
        if unit.source != UNASSIGNED:
            movable[unit.source].append((unit.key[1], unit.key[2]))
        densest[unit.key[0]] = max(densest[unit.key[0]], unit.key[1] / unit.key[2])
    for index in splits:
        split = inst.splits[index]
        for holder, (load, count, _) in split.at.items():
            if holder != UNASSIGNED:
                movable[holder].append((load, count))
        for t in split.targets:
            area = inst.workers[t].worker.area
            densest[area] = max(densest[area], split.weight / split.count)
    out_needed = in_needed = 0
    for w in workers:
        info = inst.workers[w]
        # The loosest range any case mix could give (variants only ever narrow it).
        low = min(o[0] for o in info.options)
        high = max(o[1] for o in info.options)
        excess = info.load - high
        if excess > EPSILON:
            needed = 0.0
            for weight, size in sorted(movable[w], key=lambda u: -u[0] / u[1]):
                if excess <= EPSILON:
                    break
                take = min(1.0, excess / weight)
                needed += take * size
                excess -= take * weight
            out_needed += math.ceil(needed - 1e-9)
        deficit = low - info.load
        best = max(densest.get(info.worker.area, 0.0), densest.get(None, 0.0))
        if deficit > EPSILON and best > 0:
            in_needed += math.ceil(deficit / best - 1e-9)
    return max(pool + out_needed, in_needed)


def _plain_bound(
    inst: _Instance, groups: Sequence[tuple[list[str], list[int], list[int]]], within: bool
) -> int:
    """A bound without the solver: the per-worker one for a plan that brings everyone
    within range, else only the unassigned cases (each must move once)."""
    if within:
        return sum(_cheap_bound(inst, *g) for g in groups)
    return sum(
        sum(inst.units[i].key[2] for i in g[1] if inst.units[i].source == UNASSIGNED)
        + sum(inst.splits[i].at.get(UNASSIGNED, (0.0, 0, ()))[1] for i in g[2])
        for g in groups
    )


class _Lexicographic:
    """Solves one group's levels in order, each with the ones above it fixed at their
    optimum, warm-started with the plan so far (the greedy's at first)."""

    def __init__(
        self,
        model: _GroupModel,
        start: np.ndarray | None,
        deadline: float,
        should_stop: Callable[[], bool] | None,
        progress: Progress | None,
    ) -> None:
        self.model = model
        self.x = start
        self.deadline = deadline
        self.should_stop = should_stop
        self.progress = progress
        self.proven = True
        self.timed_out = False
        self.lower = model.pool_cases  # every unassigned case moves once
        self.levels: dict[str, float] = {}

    def say(self, level: str) -> None:
        if self.progress is not None:
            self.progress(level)

    def run_solver(
        self,
        costs: Mapping[int, float],
        *,
        relaxation: bool = False,
        integral: bool = False,
        absolute_gap: float | None = None,
    ) -> tuple[str, float, np.ndarray | None]:
        self.model.set_costs(costs)
        status, _, bound, x = self.model.solve(
            relaxation=relaxation,
            deadline=self.deadline,
            should_stop=self.should_stop,
            start=None if relaxation else self.x,
            integral_objective=integral,
            absolute_gap=absolute_gap,
        )
        return status, bound, x

    def stop(self, status: str) -> bool:
        """Out of time (or, should tolerances bite, no plan within the levels fixed so
        far): the plan so far stands, not proven. Always False: the run ends."""
        self.proven = False
        self.timed_out = self.timed_out or status != "infeasible"
        return False

    def accept(self, level: str, status: str, x: np.ndarray, bound: float = -math.inf) -> bool:
        """Take a solution for `level`; fix the level when proven. False: the run ends."""
        self.x = x
        self.levels[level] = self.model.value(level, x)
        if level == "moves" and math.isfinite(bound):
            self.lower = max(self.lower, math.ceil(bound - 1e-6))
        if status != "optimal":
            return self.stop("timeout")
        if level == "moves":
            # Proven: no plan as good on the levels above needs fewer moves than this one.
            # (The solver's bound alone can fall a hair short of a whole move: the moves
            # and the weight solved together, moves_and_weight, left 2 for a proven 3.)
            self.lower = max(self.lower, math.ceil(self.levels[level] - 1e-6))
        self.model.fix(level, self.levels[level])
        return True

    def direct(self, level: str) -> bool:
        """One MIP for the level."""
        self.say(level)
        status, bound, x = self.run_solver(self.model.level_exprs[level], integral=level == "moves")
        if x is None:
            return self.stop(status)
        return self.accept(level, status, x, bound)

    def moves_and_weight(self) -> str:
        """The fewest moves, then the least weight moved, in one MIP: moves plus the
        weight scaled below one move (no weight saved can pay for a move), solved to a
        gap below the smallest step of the scaled weight, so both levels are proven.
        "done", "stop", or "infeasible" (no plan under the levels above)."""
        model = self.model
        self.say("moves")
        # No plan moves more than every movable unit once: the weight scaled by `scale`
        # stays below one move, whatever the plan.
        scale = 1.0 / (model.movable_weight + 1.0)
        costs = dict(model.moves_expr)
        for var, weight in model.weight_expr.items():
            costs[var] = costs.get(var, 0.0) + scale * weight
        step = model.inst.grid or WEIGHT_STEP
        status, bound, x = self.run_solver(costs, absolute_gap=scale * step / 2)
        if x is None:
            if status == "infeasible":
                return "infeasible"
            self.stop(status)
            return "stop"
        if math.isfinite(bound):
            # The scaled weight is below one move: the moves are at least bound - 1.
            self.lower = max(self.lower, math.ceil(bound - 1.0 + 1e-9))
        if not self.accept("moves", status, x):
            return "stop"
        return "done" if self.accept("weight", status, x) else "stop"

    def overflow_then_moves(self) -> str:
        """The least overflow, then the fewest moves and the least weight moved. Whole
        cases nearly always reach the LP's least overflow, so the moves under that bound
        are tried first: when a plan meets it, the levels are proven in one MIP. "done",
        "stop", or "infeasible" (no plan at all under the levels above)."""
        model = self.model
        self.say("overflow")
        status, _, relaxed = self.run_solver(model.overflow_expr, relaxation=True)
        if status == "infeasible":
            return "infeasible"
        if relaxed is None:
            self.stop(status)
            return "stop"
        model.fix("overflow", model.value("overflow", relaxed))
        outcome = self.moves_and_weight()
        if outcome != "infeasible":
            if self.x is not None and "overflow" not in self.levels:
                self.levels["overflow"] = model.value("overflow", self.x)
            return outcome
        model.highs.changeRowBounds(model.level_rows["overflow"], -INF, INF)
        self.say("overflow")
        status, _, x = self.run_solver(model.overflow_expr)
        if status == "infeasible":
            return "infeasible"
        if x is None:
            self.stop(status)
            return "stop"
        if not self.accept("overflow", status, x):
            return "stop"
        outcome = self.moves_and_weight()
        if outcome == "infeasible":  # tolerances: none within the levels fixed so far
            self.stop(outcome)
            return "stop"
        return outcome

    def least_peak(self, level: str, then: Callable[[], str] | None) -> bool:
        """The least peak, by search over the values it can take (every area's peak at the
        same value: one area, or the team's peak under a budget). A MIP over a continuous
        peak proves this slowly, since its LP relaxation knows nothing of whole cases;
        with each load's limit rounded down to the grid of the weights it does. The search
        gallops up from the LP's least peak and halves the gap with LP relaxations alone
        (no plan under the LP means none at all), then tries the first candidate the LP
        allows with `then` (the next levels), moving up while that finds no plan. Without
        `then`, the peak is confirmed with a MIP and freed again for the next levels."""
        model = self.model
        self.say(level)
        top = model.team_peak if model.team_peak is not None else next(iter(model.peak.values()))
        status, _, relaxed = self.run_solver({top: 1.0}, relaxation=True)
        if relaxed is None:
            return self.stop(status)
        low = float(relaxed[top])
        high = low
        if self.x is not None:
            high = max(high, *(float(self.x[v]) for v in model.peak.values()))
        candidates = model.peak_candidates(low, high)
        index = self._first_allowed(candidates)
        while True:
            if index is None:
                return False
            if index >= len(candidates):  # every candidate up to `high` is proven too low
                low = (candidates[-1] if candidates else low) + 1e-12
                high = 2 * high + 1.0
                candidates = model.peak_candidates(low, high)
                if len(candidates) > MAX_PEAK_CANDIDATES:
                    return self.stop("timeout")
                index = self._first_allowed(candidates)
                continue
            value = candidates[index]
            model.peak_at(dict.fromkeys(model.peak, value))
            if then is not None:
                # Loads are now bounded: tighter bounds on what a worker can take.
                model.cap_receipts(dict.fromkeys(model.peak, value))
                outcome = then()
                if outcome == "infeasible":
                    index += 1
                    continue
                self.levels[level] = value
                return outcome == "done"
            status, _, x = self.run_solver({})
            if status == "infeasible":
                index += 1
                continue
            model.peak_at(None)
            if x is None:
                return self.stop(status)
            self.x = x
            self.levels[level] = value
            model.fix(level, value)
            return True

    def _first_allowed(self, candidates: Sequence[float]) -> int | None:
        """The index of the first candidate whose LP relaxation has a plan (len when
        none has; None when time ran out)."""
        model = self.model
        below, above, index, step = -1, len(candidates), 0, 1
        while index < above:
            model.peak_at(dict.fromkeys(model.peak, candidates[index]))
            status, _, _ = self.run_solver({}, relaxation=True)
            if status == "timeout":
                self.stop(status)
                return None
            if status == "optimal":
                above = index
                break
            below, index, step = index, index + step, step * 2
        while above - below > 1:
            middle = (above + below) // 2
            model.peak_at(dict.fromkeys(model.peak, candidates[middle]))
            status, _, _ = self.run_solver({}, relaxation=True)
            if status == "timeout":
                self.stop(status)
                return None
            if status == "optimal":
                above = middle
            else:
                below = middle
        return above


def _solve_group(
    inst: _Instance,
    group: tuple[list[str], list[int], list[int]],
    start: _Plan,
    deadline: float,
    should_stop: Callable[[], bool] | None,
    progress: Progress | None,
    max_moves: int | None = None,
) -> _GroupOutcome:
    """The lexicographic optimum of one group (see LEVELS)."""
    workers, units, splits = group
    model = _GroupModel(inst, workers, units, splits, max_moves)
    run = _Lexicographic(model, model.vector(start), deadline, should_stop, progress)
    searchable = inst.grid is not None and bool(model.peak_rows)
    fused = searchable and max_moves is None and len(model.peak) == 1
    ok = True
    if "protected" in model.level_exprs:
        ok = run.direct("protected")
    if ok and "team_peak" in model.level_exprs:
        ok = run.least_peak("team_peak", None) if searchable else run.direct("team_peak")
    if ok and fused:
        # The peak found together with the overflow and the moves under it.
        ok = run.least_peak("peak", run.overflow_then_moves)
    elif ok:
        ok = run.direct("peak")
        if ok:
            # Each other area's peak is at least 1, so no area's exceeds the sum less those.
            most = run.levels["peak"] + LEVEL_TOLERANCE["peak"] - (len(model.peak) - 1)
            model.cap_receipts(dict.fromkeys(model.peak, most))
            outcome = run.overflow_then_moves()
            ok = outcome == "done"
            if outcome == "infeasible":
                ok = run.stop("infeasible")
    if run.x is None:
        return _GroupOutcome(start, False, run.timed_out, run.lower, {}, {})
    x = run.x
    peaks = {a: float(x[v]) for a, v in model.peak.items()}
    return _GroupOutcome(model.plan(x), run.proven, run.timed_out, run.lower, run.levels, peaks)


def available_cores() -> int:
    """The cores this process may run on (its affinity where the platform says)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _solve_groups(
    inst: _Instance,
    groups: Sequence[tuple[list[str], list[int], list[int]]],
    starts: Sequence[_Plan],
    deadline: float,
    should_stop: Callable[[], bool] | None,
    progress: Progress | None,
    max_moves: int | None,
    threads: int | None,
    min_seconds: float = 0.0,
) -> list[_GroupOutcome | None]:
    """Each group's lexicographic optimum, `threads` at a time, in the groups' order (None:
    a group that had less than `min_seconds` left when its turn came).

    Every group runs in a thread of the pool, so each HiGHS gets a scheduler of its own
    sized by HIGHS_OPTIONS (HiGHS sizes one per calling thread at its first run), even when
    one runs at a time. A group's share of the time is fixed when it starts: the time left over
    the rounds still to come, so one hard group cannot starve the others and what a group
    does not use passes on. The first error (a cancel) stops the others and is raised."""
    if not groups:
        return []
    workers = max(1, min(threads or available_cores(), len(groups)))
    failed = threading.Event()
    waiting = len(groups)
    lock = threading.Lock()

    def stop() -> bool:
        return failed.is_set() or (should_stop is not None and should_stop())

    def solve(index: int) -> _GroupOutcome | None:
        nonlocal waiting
        if stop():
            raise BalanceCancelled
        with lock:
            rounds = math.ceil(waiting / workers)
            waiting -= 1
        now = time.monotonic()
        if min_seconds > 0 and deadline - now < min_seconds:
            return None
        share = now + max(0.0, deadline - now) / rounds
        try:
            return _solve_group(
                inst, groups[index], starts[index], share, stop, progress, max_moves
            )
        except BaseException:
            failed.set()
            raise

    results: list[_GroupOutcome | None] = []
    errors: list[BaseException] = []
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="planner-balance") as pool:
        futures = [pool.submit(solve, index) for index in range(len(groups))]
        for future in futures:
            try:
                results.append(future.result())
            except BaseException as error:  # raised below, once every group has stopped
                failed.set()
                errors.append(error)
                results.append(None)
    if errors:
        # The groups stopped by another's failure say BalanceCancelled: raise the cause.
        raise next((e for e in errors if not isinstance(e, BalanceCancelled)), errors[0])
    return results


# ---------------------------------------------------------------------------------------
# Putting it together

# The levels of the objective, in order (under a budget the team's peak comes first).
LEVELS = ("protected", "team_peak", "peak", "overflow", "moves", "weight")


def _rank(outcome: _GroupOutcome) -> tuple[float, ...]:
    """Lower is better: the model's value of each level in turn."""
    return tuple(round(outcome.levels.get(name, math.inf), 6) for name in LEVELS)


@dataclass(frozen=True, slots=True)
class Levels:
    """A plan's value on each level of the objective, from the rules' figures."""

    protected: float  # load of protected new hires above their max (0 unless unavoidable)
    team_peak: float  # the highest utilisation of an unprotected worker, at least 1.0
    peak: float  # the sum over areas of the area's peak (at least 1.0 each)
    overflow: float  # load outside the ranges
    relocations: int  # cases moved from one worker to another
    weight: float  # their weight

    def key(self, budget: bool) -> tuple[float, ...]:
        """The levels compared, in order: the team's peak only under a budget."""
        values = (self.peak, self.overflow, float(self.relocations), self.weight)
        return (self.protected, self.team_peak, *values) if budget else (self.protected, *values)

    def better_than(self, other: Levels, budget: bool) -> bool:
        """Lexicographically lower, beyond the tolerances of the levels."""
        tolerances = [LOAD_TOLERANCE, PEAK_TOLERANCE, PEAK_TOLERANCE, LOAD_TOLERANCE, 0.5]
        tolerances.append(LOAD_TOLERANCE)
        if not budget:
            del tolerances[1]
        for mine, theirs, tolerance in zip(
            self.key(budget), other.key(budget), tolerances, strict=True
        ):
            if mine < theirs - tolerance:
                return True
            if mine > theirs + tolerance:
                return False
        return False


def levels_of(
    team: Team, loads: Sequence[WorkerLoad], moves: Sequence[Move], protected: Collection[str]
) -> Levels:
    """A plan's levels, by the rules: every figure from the workers' loads after it."""
    peaks = rules.area_peaks(loads, protected)
    open_areas = {wl.worker.area for wl in loads if wl.worker.id not in protected}
    relocated = [m.case for m in moves if m.from_ != UNASSIGNED]
    weights = {c.id: rules.case_weight(c, team.norms) for c in team.cases}
    return Levels(
        protected=math.fsum(
            max(0.0, wl.load - wl.max) for wl in loads if wl.worker.id in protected
        ),
        team_peak=max(1.0, rules.peak(loads, protected)),
        peak=math.fsum(max(1.0, peaks[a]) for a in open_areas),
        overflow=_overflow_of(loads),
        relocations=len(relocated),
        weight=math.fsum(weights[c] for c in relocated),
    )


def _overflow_of(loads: Iterable[WorkerLoad]) -> float:
    return math.fsum(abs(wl.gap) for wl in loads)


class _Judge:
    """The rules' verdict on plans. One Assignment at the starting point: a plan is
    applied, read (evaluate_all) and taken back (undo). Its figures equal a fresh
    Assignment's, since Assignment recomputes a touched worker's load with fsum over the
    cases held; and it saves building an Assignment of every case for each plan."""

    def __init__(self, team: Team, on: date, holders: Mapping[str, str]) -> None:
        self.assignment = Assignment(team, on)
        start = [
            Move(c.id, c.worker or UNASSIGNED, holders[c.id])
            for c in team.cases
            if holders[c.id] != (c.worker or UNASSIGNED)
        ]
        if start:
            self.assignment.apply_moves(start)
        self.before = self.assignment.evaluate_all()

    def loads(self, moves: Sequence[Move]) -> list[WorkerLoad]:
        if not moves:
            return list(self.before)
        self.assignment.apply_moves(moves)
        try:
            return self.assignment.evaluate_all()
        finally:
            self.assignment.undo()

    def areas(
        self, moves: Sequence[Move], unplaced: Sequence[str], protected: Collection[str]
    ) -> list[AreaResult]:
        peaks_before = rules.area_peaks(self.before, protected)
        if moves:
            self.assignment.apply_moves(moves)
        try:
            return _areas(self.assignment, unplaced, protected, peaks_before)
        finally:
            if moves:
                self.assignment.undo()


@dataclass(slots=True)
class _Candidate:
    plan: _Plan
    moves: list[Move]
    loads: list[WorkerLoad]
    levels: Levels

    @property
    def overflow(self) -> float:
        return self.levels.overflow

    @classmethod
    def of(cls, inst: _Instance, judge: _Judge, plan: _Plan) -> _Candidate:
        moves = plan.moves(inst)
        loads = judge.loads(moves)
        return cls(plan, moves, loads, levels_of(inst.team, loads, moves, inst.protected))


def _lowest_team_peak(inst: _Instance, fairest: Suggestion) -> bool:
    """Whether no plan has a lower team peak than the fairest plan (proven per area): true
    when its peak is 100 % or an area no other area shares workers with has it. Such an
    area's proven peak is the least it can have in any plan, so no plan's team peak (the
    highest of the area peaks) is lower."""
    team_peak = max(1.0, rules.peak(fairest.after, inst.protected))
    if team_peak <= 1.0 + PEAK_TOLERANCE:
        return True
    peaks = rules.area_peaks(fairest.after, inst.protected)
    for workers, _, _ in inst.groups():
        areas = {inst.workers[w].worker.area for w in workers}
        if len(areas) == 1 and peaks.get(next(iter(areas)), 0.0) >= team_peak - PEAK_TOLERANCE:
            return True
    return False


def suggest(
    team: Team,
    on: date,
    holders: Mapping[str, str] | None = None,
    *,
    max_moves: int | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    reason: str | None = None,
    should_stop: Callable[[], bool] | None = None,
    progress: Progress | None = None,
    use_solver: bool = True,
    threads: int | None = None,
) -> Suggestion:
    """The fairest plan, proven: per area, every unassigned case to a worker of its area,
    then the lowest peak, the least load outside the ranges, the fewest relocations, the
    least weight moved; of interchangeable cases those held the shortest move.

    `max_moves` allows at most that many relocations (allocating an unassigned case is
    none) and puts the team's peak first. `holders` is the starting point (case id ->
    worker id or UNASSIGNED; default: as loaded). `time_limit` bounds the whole run in
    seconds: HiGHS may overrun its own limit, so the run also interrupts it at the deadline
    and then answers with the best plan found (the greedy one at worst), not claimed
    optimal. `use_solver=False` runs only the greedy. `should_stop` is polled during the
    run; when it returns True the run raises BalanceCancelled. `threads` groups are solved
    at a time (default: one per core this process may use); the plan is the same for any
    number, as long as no group runs out of time.
    """
    started = time.monotonic()
    deadline = started + time_limit
    if holders is None:
        holders = {c.id: c.worker or UNASSIGNED for c in team.cases}
    inst = _Instance(team, on, holders)
    budget = None if max_moves is None else max(max_moves, inst.forced_relocations())
    if budget is not None and use_solver:
        # A budget the fairest plan fits in changes nothing when that plan already has the
        # lowest team peak: it is then the budget's optimum too (it is lowest on every
        # later level among all plans, so among those at that peak), proven in the time
        # of the per-area models instead of the one team-wide model a budget needs.
        fairest = suggest(
            team, on, holders, time_limit=time_limit / 2, reason=reason,
            should_stop=should_stop, progress=progress, threads=threads,
        )  # fmt: skip
        if fairest.optimal and fairest.relocations <= budget and _lowest_team_peak(inst, fairest):
            return replace(fairest, max_moves=max_moves, seconds=time.monotonic() - started)
    if progress is not None:
        progress("greedy")
    judge = _Judge(team, on, holders)
    greedy = _Candidate.of(inst, judge, _Greedy(inst, budget=budget).run())
    greedy_feasible = greedy.overflow <= LOAD_TOLERANCE and not inst.unplaced
    before = judge.before
    gap_before = {wl.worker.id: wl.gap for wl in before}
    groups = []
    fixed_overflow = 0.0  # workers no unit can reach keep their figures
    if budget is not None:
        # The budget is the team's: one model for everyone.
        groups.append(([w.id for w in team.workers], list(range(len(inst.units))),
                       list(range(len(inst.splits)))))  # fmt: skip
    else:
        for group in inst.groups():
            if group[1] or group[2]:
                groups.append(group)
            else:
                fixed_overflow += math.fsum(abs(gap_before[w]) for w in group[0])

    best = greedy
    proven = timed_out = repaired = False
    lower = 0
    if use_solver:
        plan = _Plan()
        proven = True
        claimed = fixed_overflow
        claimed_peaks: dict[str, float] = {}
        # Without min_seconds every group has an outcome (the greedy's plan at worst).
        outcomes = [
            outcome
            for outcome in _solve_groups(
                inst, groups, [greedy.plan] * len(groups), deadline, should_stop, progress,
                budget, threads,
            )
            if outcome is not None
        ]  # fmt: skip
        # Groups that ran out of their share try again with the time the others left, from
        # the same start: a group proven at the second try then has the plan a first try
        # proves (a plan depends on the model and its start, never on the time it took).
        retry = [i for i, outcome in enumerate(outcomes) if outcome.timed_out]
        if retry:
            again = _solve_groups(
                inst, [groups[i] for i in retry], [greedy.plan] * len(retry), deadline,
                should_stop, progress, budget, threads, MIN_RETRY_SECONDS,
            )  # fmt: skip
            for i, outcome in zip(retry, again, strict=True):
                if outcome is not None and (outcome.proven or _rank(outcome) < _rank(outcomes[i])):
                    outcomes[i] = outcome
        for outcome in outcomes:
            plan.units.update(outcome.plan.units)
            plan.splits.update(outcome.plan.splits)
            proven = proven and outcome.proven
            timed_out = timed_out or outcome.timed_out
            lower += outcome.lower_bound
            claimed += outcome.levels.get("overflow", math.inf)
            claimed_peaks.update(outcome.peaks)
        if progress is not None:
            progress("verify")
        solved = _Candidate.of(inst, judge, plan)
        peaks = rules.area_peaks(solved.loads, inst.protected)
        if solved.overflow > claimed + VERIFY_TOLERANCE or any(
            max(1.0, peaks[a]) > p + VERIFY_TOLERANCE for a, p in claimed_peaks.items()
        ):
            # The rules disagree with the model (a tolerance at a variant's threshold):
            # repair greedily from the solver's plan; no longer claimed optimal.
            proven = False
            fixed = _Candidate.of(inst, judge, _Greedy(inst, start=plan, budget=budget).run())
            if fixed.levels.better_than(solved.levels, budget is not None):
                solved, repaired = fixed, True
        best = solved
        if greedy.levels.better_than(solved.levels, budget is not None):
            best, proven = greedy, False  # only after a time-out
        if best is not solved or repaired:
            # The solver's bound holds for plans as good as it claimed on the levels above
            # the moves; for another plan keep only what holds for any plan of its kind.
            lower = _plain_bound(inst, groups, best.overflow <= LOAD_TOLERANCE)
    else:
        lower = _plain_bound(inst, groups, best.overflow <= LOAD_TOLERANCE)
    if not proven and not best.moves and best.overflow <= LOAD_TOLERANCE:
        proven = True  # everyone within range without a move: nothing can be better
    moves = best.moves
    if reason is not None:
        moves = [Move(m.case, m.from_, m.to, reason) for m in moves]
    return Suggestion(
        moves=tuple(moves),
        feasible=best.overflow <= LOAD_TOLERANCE and not inst.unplaced,
        optimal=proven,
        lower_bound=min(lower, len(moves)) if proven else lower,
        greedy_moves=len(greedy.moves),
        greedy_feasible=greedy_feasible,
        greedy_overflow=greedy.overflow,
        greedy_peak=rules.peak(greedy.loads, inst.protected),
        overflow=best.overflow,
        peak=rules.peak(best.loads, inst.protected),
        peak_before=rules.peak(before, inst.protected),
        levels=best.levels,
        max_moves=max_moves,
        timed_out=timed_out,
        repaired=repaired,
        seconds=time.monotonic() - started,
        before=tuple(before),
        after=tuple(best.loads),
        areas=tuple(judge.areas(best.moves, inst.unplaced, inst.protected)),
        unplaced=tuple(inst.unplaced),
        protected=inst.protected,
    )


def _areas(
    result: Assignment,
    unplaced: Sequence[str],
    protected: Collection[str],
    peaks_before: Mapping[str, float],
) -> list[AreaResult]:
    team = result.team
    loads = result.evaluate_all()
    over: dict[str, float] = defaultdict(float)
    under: dict[str, float] = defaultdict(float)
    for wl in loads:
        if wl.status in (Status.OVER, Status.AWAY):  # away: the whole load needs cover
            over[wl.worker.area] += wl.gap
        elif wl.status is Status.UNDER:
            under[wl.worker.area] -= wl.gap
    left: dict[str, int] = defaultdict(int)
    for case_id in unplaced:
        area = team.cases_by_id[case_id].area
        if area is not None:
            left[area] += 1
    peaks = rules.area_peaks(loads, protected)
    return [
        AreaResult(
            staffing=a,
            over=over.get(a.area, 0.0),
            under=under.get(a.area, 0.0),
            unplaced=left.get(a.area, 0),
            peak=peaks.get(a.area, 0.0),
            peak_before=peaks_before.get(a.area, 0.0),
        )
        for a in result.summary().areas
    ]


def trade_off_budgets(relocations: int, rows: int = 3) -> list[int]:
    """Moves budgets worth showing beside the optimum's `relocations`: none, then round
    steps below it (e.g. 0 / 10 / 20 for 34); the optimum itself is the last row."""
    if relocations <= 0:
        return []
    raw = relocations / rows
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if candidate <= max(raw, 1):
            step = candidate
    return [n * step for n in range(rows) if n * step < relocations]


__all__ = [
    "DEFAULT_TIME_LIMIT",
    "LEVELS",
    "REASON",
    "AreaResult",
    "BalanceCancelled",
    "Levels",
    "Suggestion",
    "available_cores",
    "levels_of",
    "suggest",
    "trade_off_budgets",
]
