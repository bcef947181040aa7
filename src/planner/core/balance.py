"""Rebalancing: the fewest moves that bring every worker within range, proven.

Each move costs a citizen a new caseworker, so the suggestion moves as few cases as possible
(and assigns every unassigned case) so that every worker's load lies within their range as
:mod:`planner.core.rules` computes it, variants included. Pinned cases stay, a household
moves whole to one worker or not at all, and a case goes only to a worker of its own area.

How (a MILP over *counts*, solved with HiGHS):

* A **unit** is a movable case or a whole household; units with the same allowed area,
  weight, number of cases and tag counts (for the tags that trigger variants) are
  interchangeable, so the model has one integer per worker and unit type for "sent away" and
  one for "received", not one binary per case and worker. Areas linked by no unit are
  independent groups and are solved one by one.
* A worker whose range depends on their case mix (a variant triggered by the share of
  tagged cases, :func:`rules.norm_range`) gets binaries for "variant triggered" and "variant
  in force", linked to the counts, so the model's ranges are the rules' ranges.
* Phases: when the LP relaxation shows that not everyone can be within range, first the
  total load outside the ranges is minimised, then the moves under that overflow; then a
  second, time-limited pass keeps the number of moves and prefers the least weight moved and
  the most even utilisation. A best-fit greedy plan warm-starts the solver and is the
  answer when time runs out.
* The solver's result is turned into concrete moves (senders matched to receivers per type)
  and re-evaluated with :class:`moves.Assignment`: the figures reported are the rules'
  figures, never the model's. Should they disagree (a tolerance at a variant's threshold),
  the plan is repaired greedily and no longer claimed optimal.

Pure: no I/O, no Textual. HiGHS runs in-process; ``should_stop`` lets a caller (the app's
worker thread) cancel a run.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

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
# The second pass (least weight moved, even utilisation) may take this share of the time
# the first took (at least 0.05 s); it keeps its best plan so far when time is up.
POLISH_SHARE = 0.5
# A group that ran out of its share of the time tries again only with at least this much.
MIN_RETRY_SECONDS = 0.2
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
    """An area after the suggestion: staffing figures and what does not fit."""

    area: str
    label: str
    fte: float  # as in `planner check`: the area's hours / full-time hours
    fte_needed: float  # as in `planner check`: the area's load / the area's max
    over: float  # load above the workers' ranges, after the moves
    under: float  # load missing below the workers' ranges, after the moves
    unplaced: int  # cases left unassigned: no worker of their area may take them
    full_time_max: float  # the area's max per full-time worker

    @property
    def fte_missing(self) -> float:
        """Full-time workers needed to carry the load that fits nobody's range."""
        return self.over / self.full_time_max if self.over > LOAD_TOLERANCE else 0.0


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested plan and how good it is, with every figure from the rules."""

    moves: tuple[Move, ...]
    feasible: bool  # everyone within range and every movable case assigned
    optimal: bool  # the number of moves (and the overflow, if any) is proven minimal
    lower_bound: int  # no plan reaching this overflow needs fewer moves
    lp_bound: int  # the rounded-up LP relaxation (part of the lower bound)
    cheap_bound: int  # a per-worker bound (part of the lower bound)
    greedy_moves: int  # moves of the best-fit greedy plan, for comparison
    greedy_feasible: bool
    greedy_overflow: float  # load the greedy plan leaves outside the ranges
    overflow: float  # total load outside the ranges after the moves
    timed_out: bool  # the solver hit the time limit; the best plan found is shown
    repaired: bool  # the solver's plan needed a greedy repair after re-evaluation
    seconds: float
    before: tuple[WorkerLoad, ...]
    after: tuple[WorkerLoad, ...]
    areas: tuple[AreaResult, ...]
    unplaced: tuple[str, ...]  # unassigned cases no worker may take

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

    @property
    def variable(self) -> bool:
        return bool(self.triggers)


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
            worker, load, len(case_ids), tags, multiplier, options, triggers, len(case_ids), load
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
        if area is None:
            return [w.id for w in self.team.workers]
        return self.by_area.get(area, [])

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

    def __init__(self, inst: _Instance, start: _Plan | None = None) -> None:
        self.inst = inst
        self.load = {w: info.load for w, info in inst.workers.items()}
        self.count = {w: info.count for w, info in inst.workers.items()}
        self.tags = {w: list(info.tags) for w, info in inst.workers.items()}
        self.where: dict[int, str] = {i: u.source for i, u in enumerate(inst.units)}
        self.split_to: dict[int, str | None] = dict.fromkeys(range(len(inst.splits)))
        # stock[worker][key]: units of that type the worker holds and may give away
        self.stock: dict[str, dict[TypeKey, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.pool: list[int] = []
        for index, unit in enumerate(inst.units):
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

    def _place(self, index: int, to: str) -> None:
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
        return _Plan(dict(self.where), dict(self.split_to))

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
            best = min(inst.eligible(key[0]), key=lambda r: self._receive_score(r, key))
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
        self._place(self.stock[giver][key][0], taker)
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
        h.passModel(lp)
        return h


def _add(expr: dict[int, float], index: int, value: float) -> None:
    expr[index] = expr.get(index, 0.0) + value


@dataclass(slots=True)
class _GroupOutcome:
    plan: _Plan
    proven: bool  # moves (and overflow, if any) proven minimal
    timed_out: bool
    lower_bound: int
    lp_bound: int
    cheap_bound: int
    claimed_overflow: float  # the model's total load outside the ranges for `plan`
    overflow_mode: bool


class _GroupModel:
    """The counts MILP for one independent group of areas."""

    def __init__(
        self, inst: _Instance, workers: list[str], units: list[int], splits: list[int]
    ) -> None:
        self.inst = inst
        self.workers = workers
        self.unit_ids = units
        self.split_ids = splits
        self.lp = lp = _Lp()
        self.type_units: dict[TypeKey, dict[str, list[int]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for index in units:
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
        self.group_cases = sum(inst.workers[w].count for w in workers) + self.pool_cases
        # Range rows, with overflow slacks that stay at 0 unless overflow is unavoidable.
        self.over: dict[str, int] = {}
        self.under: dict[str, int] = {}
        self.indicators: dict[str, tuple[list[int], list[int], int | None]] = {}
        for w in workers:
            self._range_rows(w)
        self.overflow_cols = [*self.over.values(), *self.under.values()]
        self.overflow_expr = dict.fromkeys(self.overflow_cols, 1.0)
        self.moves_row = lp.row(self.moves_expr, 0.0, INF)
        self.overflow_row = lp.row(self.overflow_expr, 0.0, INF)
        # Evenness for the second pass: |load - target|, the target being the worker's
        # share of the group's load in proportion to their capacity max.
        caps = {
            w: inst.capacity(w, inst.workers[w].count, inst.workers[w].tags)[1] for w in workers
        }
        total_cap = math.fsum(caps.values()) or 1.0
        self.target = {w: self.group_load * caps[w] / total_cap for w in workers}
        self.dev: dict[str, tuple[int, int]] = {}
        for w in workers:
            plus, minus = lp.var(0, INF), lp.var(0, INF)
            constant = self.target[w] - inst.workers[w].load
            lp.row({**self.load_expr[w], plus: -1.0, minus: 1.0}, constant, constant)
            self.dev[w] = (plus, minus)
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

    def _range_rows(self, w: str) -> None:
        inst, lp = self.inst, self.lp
        info = inst.workers[w]
        over, under = lp.var(0, 0), lp.var(0, 0)
        self.over[w], self.under[w] = over, under
        load = self.load_expr[w]
        if not info.variable:
            low, high = info.options[0]
            lp.row({**load, over: -1.0}, -INF, high - info.load)
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
        big = self.group_load + max(high for _, high in info.options)
        for o, (low, high) in enumerate(info.options):
            if o == 0:  # in force when no variant is: relaxed by any selected one
                lp.row(
                    {**load, over: -1.0, **dict.fromkeys(selected, -big)}, -INF, high - info.load
                )
                lp.row({**load, under: 1.0, **dict.fromkeys(selected, low)}, low - info.load, INF)
            else:
                s = selected[o - 1]
                lp.row({**load, over: -1.0, s: big}, -INF, high - info.load + big)
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
        for w in self.workers:
            info = inst.workers[w]
            low, high = inst.capacity(w, count[w], tags[w])
            x[self.over[w]] = max(0.0, load[w] - high)
            x[self.under[w]] = max(0.0, low - load[w])
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
            plus, minus = self.dev[w]
            x[plus] = max(load[w] - self.target[w], 0.0)
            x[minus] = max(self.target[w] - load[w], 0.0)
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

    def cap_receipts(self, overflow: float) -> None:
        """Bound how many units of a type a worker can receive by the load it can carry:
        its loosest max plus the overflow allowed, less what it cannot give away. Small
        bounds make HiGHS's root work (probing, cuts) much cheaper than the type totals."""
        cols, upper = [], []
        for (w, key), var in self.inn.items():
            info = self.inst.workers[w]
            room = max(o[1] for o in info.options) + overflow - info.fixed_load
            cols.append(var)
            if math.isinf(room):
                upper.append(self.lp.upper[var])
            else:
                upper.append(max(0.0, min(self.lp.upper[var], math.floor(room / key[1] + 1e-9))))
        n = len(cols)
        if n:
            self.highs.changeColsBounds(
                n, np.array(cols, dtype=np.int32), np.zeros(n), np.array(upper, dtype=float)
            )

    def allow_overflow(self, allowed: bool) -> None:
        n = len(self.overflow_cols)
        self.highs.changeColsBounds(
            n,
            np.array(self.overflow_cols, dtype=np.int32),
            np.zeros(n),
            np.full(n, INF if allowed else 0.0),
        )

    def solve(
        self,
        *,
        relaxation: bool,
        deadline: float,
        should_stop: Callable[[], bool] | None,
        start: np.ndarray | None = None,
        integral_objective: bool = False,
    ) -> tuple[str, float, float, np.ndarray | None]:
        """Run HiGHS: (status, objective, dual bound, solution or None); status is
        "optimal", "infeasible" or "timeout". Raises BalanceCancelled when asked to stop."""
        h = self.highs
        h.setOptionValue("solve_relaxation", relaxation)
        h.setOptionValue("time_limit", max(0.01, deadline - time.monotonic()))
        # Moves are whole numbers: a gap below one move is a proof. Overflow is not.
        h.setOptionValue("mip_rel_gap", 0.0 if integral_objective else 1e-6)
        h.setOptionValue("mip_abs_gap", 0.99 if integral_objective else 1e-6)
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


def _solve_group(
    inst: _Instance,
    group: tuple[list[str], list[int], list[int]],
    greedy: _Plan,
    deadline: float,
    polish_seconds: float | None,
    should_stop: Callable[[], bool] | None,
    progress: Progress | None,
) -> _GroupOutcome:
    workers, units, splits = group
    model = _GroupModel(inst, workers, units, splits)
    greedy_x = model.vector(greedy)
    cheap = _cheap_bound(inst, workers, units, splits)

    def say(stage: str) -> None:
        if progress is not None:
            progress(stage)

    def solve(
        relaxation: bool, start: np.ndarray | None = None, integral: bool = False
    ) -> tuple[str, float, float, np.ndarray | None]:
        return model.solve(
            relaxation=relaxation,
            deadline=deadline,
            should_stop=should_stop,
            start=start,
            integral_objective=integral,
        )

    def fewest_moves(start: np.ndarray | None) -> tuple[str, int, int, np.ndarray | None, float]:
        """(status, LP bound, proven bound, solution, seconds) for the fewest moves under
        the overflow row's current limit."""
        model.set_costs(model.moves_expr)
        say("moves")
        status, lp_moves, _, _ = solve(True)
        if status == "infeasible":
            return status, 0, 0, None, 0.0
        began = time.monotonic()
        status, _, bound, x = solve(False, start, integral=True)
        lp = math.ceil(lp_moves - 1e-6) if math.isfinite(lp_moves) else 0
        proven = math.ceil(bound - 1e-6) if math.isfinite(bound) else 0
        return status, lp, max(lp, proven), x, time.monotonic() - began

    def timed_out(plan: _Plan, lower: int, lp: int, mode: bool) -> _GroupOutcome:
        vector = model.vector(plan)
        claimed = model.overflow_of(vector) if vector is not None else INF
        if not mode and claimed > LOAD_TOLERANCE:
            # The bounds so far are for plans within range; this one is not.
            lower = lp = model.pool_cases
        return _GroupOutcome(plan, False, True, lower, lp, min(cheap, lower), claimed, mode)

    # 1. Can everyone be within range? If even the LP relaxation of "least load outside
    #    the ranges" is above zero, certainly not.
    say("overflow")
    model.allow_overflow(True)
    model.set_costs(model.overflow_expr)
    status, lp_overflow, _, _ = solve(True)
    if status != "optimal":
        return timed_out(greedy, cheap, 0, False)
    overflow_mode = lp_overflow > LOAD_TOLERANCE
    proven_overflow = True
    status = "infeasible"
    if not overflow_mode:
        # 2a. Everyone within range (overflow fixed at 0), with the fewest moves.
        model.allow_overflow(False)
        model.cap_receipts(0.0)
        status, lp_bound, bound, x, first = fewest_moves(greedy_x)
        overflow_mode = status == "infeasible"  # the LP fits everyone, whole cases cannot
        fallback = greedy
    if overflow_mode:
        # 2b. Least overflow, then the fewest moves that keep it. Whole cases nearly always
        #     reach the LP's least overflow (filling a worker past the limit costs nothing
        #     extra), so that level is tried first: if it holds, it is proven least.
        model.allow_overflow(True)
        cheap = model.pool_cases  # the per-worker bound assumes everyone within range
        if lp_overflow > LOAD_TOLERANCE:
            model.highs.changeRowBounds(model.overflow_row, 0.0, lp_overflow + LOAD_TOLERANCE)
            model.cap_receipts(lp_overflow + LOAD_TOLERANCE)
            status, lp_bound, bound, x, first = fewest_moves(greedy_x)
            fallback = greedy
        if status == "infeasible":
            model.highs.changeRowBounds(model.overflow_row, 0.0, INF)
            model.cap_receipts(INF)
            model.set_costs(model.overflow_expr)
            say("overflow")
            status, least, _, x = solve(False, greedy_x)
            if x is None:
                return timed_out(greedy, model.pool_cases, 0, True)
            proven_overflow = status == "optimal"
            fallback = model.plan(x)
            model.highs.changeRowBounds(model.overflow_row, 0.0, least + LOAD_TOLERANCE)
            model.cap_receipts(least + LOAD_TOLERANCE)
            start = x
            status, lp_bound, bound, x, first = fewest_moves(start)
            if x is None:
                x = start
    lower = max(cheap, bound)
    if x is None:
        return timed_out(fallback, lower, lp_bound, overflow_mode)
    proven = status == "optimal" and proven_overflow
    plan = model.plan(x)
    claimed = model.overflow_of(x)
    # 3. The same number of moves, the least weight moved and the most even utilisation.
    best_moves = round(math.fsum(x[v] * c for v, c in model.moves_expr.items()))
    budget = polish_seconds if polish_seconds is not None else max(0.05, POLISH_SHARE * first)
    polish_deadline = min(deadline, time.monotonic() + budget)
    if best_moves > 0 and time.monotonic() < polish_deadline:
        say("polish")
        model.highs.changeRowBounds(model.moves_row, 0.0, best_moves + 0.5)
        model.highs.changeRowBounds(model.overflow_row, 0.0, claimed + LOAD_TOLERANCE)
        costs = dict(model.weight_expr)
        for plus, minus in model.dev.values():
            costs[plus] = costs[minus] = 1.0
        model.set_costs(costs)
        _, _, _, polished = model.solve(
            relaxation=False, deadline=polish_deadline, should_stop=should_stop, start=x
        )
        if polished is not None:
            plan, claimed = model.plan(polished), model.overflow_of(polished)
    return _GroupOutcome(
        plan, proven, status != "optimal", lower, lp_bound, cheap, claimed, overflow_mode
    )


# ---------------------------------------------------------------------------------------
# Putting it together


def _rank(inst: _Instance, outcome: _GroupOutcome) -> tuple[float, int]:
    """Lower is better: the overflow the model claims, then the moves."""
    return (round(outcome.claimed_overflow, 6), len(outcome.plan.moves(inst)))


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

    def areas(self, moves: Sequence[Move], unplaced: Sequence[str]) -> list[AreaResult]:
        if moves:
            self.assignment.apply_moves(moves)
        try:
            return _areas(self.assignment, unplaced)
        finally:
            if moves:
                self.assignment.undo()


@dataclass(slots=True)
class _Candidate:
    plan: _Plan
    moves: list[Move]
    loads: list[WorkerLoad]
    overflow: float

    @classmethod
    def of(cls, inst: _Instance, judge: _Judge, plan: _Plan) -> _Candidate:
        moves = plan.moves(inst)
        loads = judge.loads(moves)
        return cls(plan, moves, loads, _overflow_of(loads))

    def better_than(self, other: _Candidate) -> bool:
        if self.overflow < other.overflow - LOAD_TOLERANCE:
            return True
        return self.overflow <= other.overflow + LOAD_TOLERANCE and len(self.moves) < len(
            other.moves
        )


def suggest(
    team: Team,
    on: date,
    holders: Mapping[str, str] | None = None,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    polish_seconds: float | None = None,
    reason: str | None = None,
    should_stop: Callable[[], bool] | None = None,
    progress: Progress | None = None,
    use_solver: bool = True,
) -> Suggestion:
    """The fewest moves that bring everyone within range (or as close as the staff allows).

    `holders` is the starting point (case id -> worker id or UNASSIGNED; default: as
    loaded). `time_limit` bounds the whole run in seconds: HiGHS may overrun its own limit,
    so the run also interrupts it at the deadline and then answers with the best plan found
    (the greedy one at worst), not claimed optimal. The second pass gets `polish_seconds`
    per group (default: POLISH_SHARE of the first pass, at least 0.05 s). `use_solver=False` runs only the
    greedy. `should_stop` is polled during the run; when it returns True the run raises
    BalanceCancelled.
    """
    started = time.monotonic()
    deadline = started + time_limit
    if holders is None:
        holders = {c.id: c.worker or UNASSIGNED for c in team.cases}
    inst = _Instance(team, on, holders)
    if progress is not None:
        progress("greedy")
    judge = _Judge(team, on, holders)
    greedy = _Candidate.of(inst, judge, _Greedy(inst).run())
    greedy_feasible = greedy.overflow <= LOAD_TOLERANCE and not inst.unplaced
    before = judge.before
    gap_before = {wl.worker.id: wl.gap for wl in before}
    groups = []
    fixed_overflow = 0.0  # workers no unit can reach keep their figures
    for group in inst.groups():
        if group[1] or group[2]:
            groups.append(group)
        else:
            fixed_overflow += math.fsum(abs(gap_before[w]) for w in group[0])

    best = greedy
    proven = timed_out = repaired = False
    lower = lp_bound = cheap = 0
    if use_solver:
        plan = _Plan()
        proven = True
        claimed = fixed_overflow
        outcomes: list[_GroupOutcome] = []
        for index, group in enumerate(groups):
            if should_stop is not None and should_stop():
                raise BalanceCancelled
            # Each group gets an equal share of the time left, so one hard group cannot
            # starve the others; what a group does not use passes on to the next.
            now = time.monotonic()
            share = now + max(0.0, deadline - now) / (len(groups) - index)
            outcomes.append(
                _solve_group(inst, group, greedy.plan, share, polish_seconds, should_stop, progress)
            )
        # Groups that ran out of their share try again with the time the others left,
        # warm-started with their best plan so far.
        retry = [i for i, outcome in enumerate(outcomes) if outcome.timed_out]
        for n, i in enumerate(retry):
            now = time.monotonic()
            if deadline - now < MIN_RETRY_SECONDS:
                break
            share = now + (deadline - now) / (len(retry) - n)
            again = _solve_group(
                inst, groups[i], outcomes[i].plan, share, polish_seconds, should_stop, progress
            )
            if again.proven or _rank(inst, again) < _rank(inst, outcomes[i]):
                outcomes[i] = again
        for outcome in outcomes:
            plan.units.update(outcome.plan.units)
            plan.splits.update(outcome.plan.splits)
            proven = proven and outcome.proven
            timed_out = timed_out or outcome.timed_out
            lower += outcome.lower_bound
            lp_bound += outcome.lp_bound
            cheap += outcome.cheap_bound
            claimed += outcome.claimed_overflow
        if progress is not None:
            progress("verify")
        solved = _Candidate.of(inst, judge, plan)
        if solved.overflow > claimed + LOAD_TOLERANCE:
            # The rules disagree with the model (a tolerance at a variant's threshold):
            # repair greedily from the solver's plan; no longer claimed optimal.
            proven = False
            fixed = _Candidate.of(inst, judge, _Greedy(inst, start=plan).run())
            if fixed.better_than(solved):
                solved, repaired = fixed, True
        best = solved
        if greedy.better_than(solved):
            best, proven = greedy, False  # only after a time-out
        if best is not solved or repaired:
            # The solver's bounds hold for plans at the overflow it claimed; for another
            # plan keep only what holds for any plan of its kind.
            lower = cheap = _plain_bound(inst, groups, best.overflow <= LOAD_TOLERANCE)
            lp_bound = 0
    else:
        lower = cheap = _plain_bound(inst, groups, best.overflow <= LOAD_TOLERANCE)
    if not proven and best.overflow <= LOAD_TOLERANCE and len(best.moves) <= lower:
        proven = True  # the plan meets the lower bound: optimal whoever found it
    moves = best.moves
    if reason is not None:
        moves = [Move(m.case, m.from_, m.to, reason) for m in moves]
    return Suggestion(
        moves=tuple(moves),
        feasible=best.overflow <= LOAD_TOLERANCE and not inst.unplaced,
        optimal=proven,
        lower_bound=lower,
        lp_bound=lp_bound,
        cheap_bound=cheap,
        greedy_moves=len(greedy.moves),
        greedy_feasible=greedy_feasible,
        greedy_overflow=greedy.overflow,
        overflow=best.overflow,
        timed_out=timed_out,
        repaired=repaired,
        seconds=time.monotonic() - started,
        before=tuple(before),
        after=tuple(best.loads),
        areas=tuple(judge.areas(best.moves, inst.unplaced)),
        unplaced=tuple(inst.unplaced),
    )


def _areas(result: Assignment, unplaced: Sequence[str]) -> list[AreaResult]:
    team = result.team
    over: dict[str, float] = defaultdict(float)
    under: dict[str, float] = defaultdict(float)
    for wl in result.evaluate_all():
        if wl.status in (Status.OVER, Status.AWAY):  # away: the whole load needs cover
            over[wl.worker.area] += wl.gap
        elif wl.status is Status.UNDER:
            under[wl.worker.area] -= wl.gap
    left: dict[str, int] = defaultdict(int)
    for case_id in unplaced:
        area = team.cases_by_id[case_id].area
        if area is not None:
            left[area] += 1
            over[area] += result.weight(case_id)
    return [
        AreaResult(
            area=a.area,
            label=a.label,
            fte=a.fte,
            fte_needed=a.fte_needed,
            over=over.get(a.area, 0.0),
            under=under.get(a.area, 0.0),
            unplaced=left.get(a.area, 0),
            full_time_max=team.norms.areas[a.area].max,
        )
        for a in result.summary().areas
    ]


__all__ = [
    "DEFAULT_TIME_LIMIT",
    "REASON",
    "AreaResult",
    "BalanceCancelled",
    "Suggestion",
    "suggest",
]
