"""Small teams for the balancer's tests, the rules every suggestion must respect, and a
brute force that finds the lexicographic optimum by trying every plan, judged by the rules
alone (planner.core.rules and Assignment; nothing of the balancer's model).

(A module of its own: test_balance.py and test_balance_fair.py both use it.)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pytest

from planner.core.balance import Suggestion
from planner.core.models import Area, Case, NewHire, NormSet, Team, Variant, Worker
from planner.core.moves import UNASSIGNED, Assignment
from planner.core.rules import (
    area_peaks,
    case_weight,
    evaluate_worker,
    is_present,
    peak,
    protected_workers,
)

ON = date(2026, 11, 23)
# Started within the last six months: the new-hire factor (0.5) applies on ON.
NEW = date(2026, 9, 1)


def norms(*, variant: bool = False, protect: bool = True) -> NormSet:
    """Area a: 4-6 cases per full-time worker (3-4 when half or more are 'tung'); b: 3-5.
    A new hire carries half for six months."""
    variants = (
        [Variant(id="tung", label="Mange tunge", min=3, max=4, tag="tung", share=0.5)]
        if variant
        else []
    )
    return NormSet(
        title="Test",
        source="test",
        full_time_hours=37,
        new_hire=NewHire(months=6, factor=0.5),
        protect_new_hires=protect,
        tag_weights={"kompleks": 1.5, "enkel": 0.5},
        areas={
            "a": Area(label="Område A", min=4, max=6, variants=variants),
            "b": Area(label="Område B", min=3, max=5),
        },
    )


def team(
    workers: Sequence[tuple[str, str]] | Sequence[Worker],
    cases: Sequence[Case],
    *,
    variant: bool = False,
    protect: bool = True,
) -> Team:
    """A team as the loader makes it: a case's empty area becomes its worker's area."""
    made = [
        w if isinstance(w, Worker) else Worker(id=w[0], name=w[0].upper(), area=w[1], hours=37)
        for w in workers
    ]
    by_id = {w.id: w for w in made}
    resolved = tuple(
        c.model_copy(update={"area": by_id[c.worker].area}) if c.worker and c.area is None else c
        for c in cases
    )
    return Team(
        id="t",
        name="Test",
        norms=norms(variant=variant, protect=protect),
        workers=tuple(made),
        cases=resolved,
    )


def cases_for(worker: str | None, count: int, start: int, **fields: object) -> list[Case]:
    return [Case(id=f"K-{start + i}", worker=worker, **fields) for i in range(count)]  # type: ignore[arg-type]


def applied(t: Team, s: Suggestion) -> Assignment:
    assignment = Assignment(t, ON)
    assignment.apply_moves(s.moves)
    return assignment


def check_rules(t: Team, s: Suggestion) -> None:
    """What every suggestion must respect, checked with the rules and nothing else."""
    assignment = applied(t, s)
    moved = [m.case for m in s.moves]
    assert len(moved) == len(set(moved)), "a case is moved twice"
    for move in s.moves:
        case = t.cases_by_id[move.case]
        assert not case.pinned, f"pinned case {move.case} moved"
        assert move.to != UNASSIGNED
        assert not assignment.out_of_area(move.case, move.to), f"{move.case} left its area"
    households: dict[str, set[str]] = {}
    for case in t.cases:
        if case.household:
            households.setdefault(case.household, set()).add(assignment.holder(case.id))
    for household, holders in households.items():
        members = [c for c in t.cases if c.household == household]
        before = {c.worker or UNASSIGNED for c in members}
        # Together before -> together after; a split one is either untouched or made whole.
        untouched = not any(m.case in {c.id for c in members} for m in s.moves)
        assert len(holders) == 1 or (len(before) > 1 and untouched), f"household {household} split"
    loads = assignment.evaluate_all()
    assert [(wl.worker.id, wl.load, wl.status) for wl in loads] == [
        (wl.worker.id, wl.load, wl.status) for wl in s.after
    ]
    overflow = math.fsum(abs(wl.gap) for wl in loads)
    assert s.overflow == pytest.approx(overflow, abs=1e-9)
    assert s.peak == peak(loads, s.protected)
    if s.feasible:
        assert all(wl.fits for wl in loads)  # within range, or away with nothing held
        assert all(assignment.holder(c.id) != UNASSIGNED for c in t.cases if not c.pinned), (
            "an unassigned case was left"
        )
    if s.max_moves is not None:
        assert s.relocations <= s.max_moves
    assert s.lower_bound <= len(s.moves)
    if s.optimal:
        assert s.lower_bound == len(s.moves)


# ---------------------------------------------------------------------------------------
# Brute force: every placement of every unit, judged by the rules alone


@dataclass(frozen=True)
class Optimum:
    """The lexicographic optimum, level by level, and how many plans were tried."""

    protected: float
    team_peak: float
    peak: float
    overflow: float
    relocations: int
    weight: float
    plans: int

    def levels(self, budget: bool) -> tuple[float, ...]:
        values = (self.peak, self.overflow, float(self.relocations), self.weight)
        return (self.protected, self.team_peak, *values) if budget else (self.protected, *values)


def assert_levels(s: Suggestion, best: Optimum, budget: bool) -> None:
    """Level by level: the first that differs is named in the failure."""
    names = ["protected", *["team peak"] * budget, "peak", "overflow", "relocations", "weight"]
    for name, mine, theirs in zip(names, s.levels.key(budget), best.levels(budget), strict=True):
        assert mine == pytest.approx(theirs, abs=1e-5), f"level {name}: {mine} != {theirs}"


def brute_force(t: Team, max_moves: int | None = None) -> Optimum:
    """The lexicographic optimum over every plan: per area the peak (protected new hires
    left out), the load outside the ranges, the relocations, the weight relocated; under a
    budget of relocations the team's peak first. Units: single unpinned cases and whole
    unpinned households held by one holder. Unassigned units must go to a worker when
    one may take them; a protected new hire ends at most at their own max (or at the least
    load any plan leaves them, should that be more: their load above their max is the
    first level)."""
    units: list[list[Case]] = []
    households: dict[str, list[Case]] = {}
    for case in t.cases:
        if case.household:
            households.setdefault(case.household, []).append(case)
        elif not case.pinned:
            units.append([case])
    for members in households.values():
        assert len({c.worker for c in members}) == 1, "brute force takes whole households only"
        if not any(c.pinned for c in members):
            units.append(members)
    options = []
    away = {w.id for w in t.workers if not is_present(w, ON)}  # takes nothing
    for unit in units:
        areas = {c.area for c in unit} - {None}
        targets = [w.id for w in t.workers if (not areas or w.area in areas) and w.id not in away]
        source = unit[0].worker
        if source is None:
            options.append(targets or [None])  # no worker may take it: stays unassigned
        else:
            options.append(sorted({source, *targets}))
    protected = protected_workers(t, ON)
    open_areas = {w.area for w in t.workers if w.id not in protected}
    fixed = [c for c in t.cases if not any(c in u for u in units)]
    plans = []
    for choice in itertools.product(*options):
        held: dict[str | None, list[Case]] = {None: [], **{w.id: [] for w in t.workers}}
        for case in fixed:
            held.setdefault(case.worker, []).append(case)
        relocated: list[Case] = []
        for unit, to in zip(units, choice, strict=True):
            held[to].extend(unit)
            if unit[0].worker is not None and to != unit[0].worker:
                relocated.extend(unit)
        if max_moves is not None and len(relocated) > max_moves:
            continue
        loads = [evaluate_worker(w, held[w.id], t.norms, ON) for w in t.workers]
        plans.append((loads, relocated))
    best: list[tuple[float, ...]] = []
    for loads, relocated in plans:
        peaks = area_peaks(loads, protected)
        best.append(
            (
                math.fsum(max(0.0, wl.load - wl.max) for wl in loads if wl.worker.id in protected),
                max(1.0, peak(loads, protected)),
                math.fsum(max(1.0, peaks[a]) for a in open_areas),
                math.fsum(abs(wl.gap) for wl in loads),
                float(len(relocated)),
                math.fsum(case_weight(c, t.norms) for c in relocated),
            )
        )
    tried = len(best)
    # Level by level: keep the plans at the least value (within a tolerance), then the next.
    for level in range(6):
        if level == 1 and max_moves is None:
            continue  # the team's peak is a level of its own only under a budget
        least_value = min(b[level] for b in best)
        best = [b for b in best if b[level] <= least_value + 1e-9]
    top = best[0]
    return Optimum(top[0], top[1], top[2], top[3], int(top[4]), top[5], tried)


__all__ = [
    "NEW",
    "ON",
    "Optimum",
    "applied",
    "assert_levels",
    "brute_force",
    "cases_for",
    "check_rules",
    "date",
    "norms",
    "team",
]
