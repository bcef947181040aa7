"""Invariants that hold for every team and every sequence of moves (hypothesis)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.models import Adjustment, Case, Team, Worker
from planner.core.moves import UNASSIGNED, Assignment, Move, MoveRefused
from planner.core.rules import CaseMix, capacity, evaluate_worker
from planner.io import schema
from team_helpers import SMALL_NORMS

NORMS = schema.norm_set({**SMALL_NORMS, "id": "test"})
AREAS = sorted(NORMS.areas)
TAGS = ["enkel", "kompleks", "meget-kompleks", "jaf", "ukendt"]
ON = date(2026, 11, 23)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

hours_st = st.floats(min_value=0.25, max_value=60, allow_nan=False).map(lambda h: round(h, 2))
factor_st = st.floats(min_value=0.05, max_value=1.5, allow_nan=False)
day_st = st.dates(min_value=ON - timedelta(days=400), max_value=ON + timedelta(days=200))


@st.composite
def adjustments(draw: st.DrawFn) -> Adjustment:
    start = draw(st.none() | day_st)
    until = draw(st.none() | day_st)
    if start and until and start > until:
        start, until = until, start
    return schema.adjustment(
        {"reason": "r", "factor": draw(factor_st), "from": start, "until": until}
    )


@st.composite
def workers(draw: st.DrawFn, worker_id: str) -> Worker:
    area = draw(st.sampled_from(AREAS))
    variants = [v.id for v in NORMS.areas[area].variants]
    return Worker(
        id=worker_id,
        name=worker_id.upper(),
        area=area,
        hours=draw(hours_st),
        started=draw(st.none() | day_st),
        duties=draw(st.lists(st.sampled_from(sorted(NORMS.duties)), max_size=2)),
        variant=draw(st.none() | st.sampled_from(variants)) if variants else None,
        adjustments=draw(st.lists(adjustments(), max_size=2)),
    )


# Weights like 0.1 and 0.7 do not add up exactly in binary: they make rounding bite.
weight_st = st.none() | st.sampled_from([0.1, 0.2, 0.7, 1.3, 2.25, 3.0]) | st.floats(0.01, 100)


@st.composite
def teams(draw: st.DrawFn) -> Team:
    count = draw(st.integers(1, 5))
    members = [draw(workers(f"w{i}")) for i in range(count)]
    by_id = {w.id: w for w in members}
    cases = []
    for index in range(draw(st.integers(0, 40))):
        holder = draw(st.sampled_from([*by_id, None]))
        area = draw(st.none() | st.sampled_from(AREAS))
        if area is None and holder is not None:
            area = by_id[holder].area  # as the loader resolves it
        cases.append(
            Case(
                id=f"K{index}",
                worker=holder,
                area=area,
                tags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=3))),
                weight=draw(weight_st),
                pinned=index % 5 == 0 and draw(st.booleans()),
            )
        )
    return Team(id="t", name="T", norms=NORMS, workers=tuple(members), cases=tuple(cases))


@dataclass(frozen=True)
class Op:
    kind: str  # "move", "undo", "redo", "revert", "apply"
    cases: tuple[int, ...] = ()
    to: int = 0


ops_st = st.lists(
    st.one_of(
        st.builds(
            Op,
            st.just("move"),
            st.lists(st.integers(0, 39), min_size=1, max_size=4).map(tuple),
            st.integers(0, 5),
        ),
        st.builds(Op, st.sampled_from(["undo", "redo"])),
        st.builds(Op, st.just("revert"), st.tuples(st.integers(0, 39))),
        st.builds(Op, st.just("apply"), st.tuples(st.integers(0, 39)), st.integers(0, 5)),
    ),
    max_size=25,
)


def target(team: Team, index: int) -> str:
    ids = [w.id for w in team.workers]
    return ids[index] if index < len(ids) else UNASSIGNED


def run(live: Assignment, op: Op) -> bool:
    """Carry out one operation; False when it was refused or did nothing."""
    team = live.team
    case_ids = [f"K{i}" for i in op.cases if i < len(team.cases)]
    try:
        if op.kind == "move" and case_ids:
            return bool(live.move(case_ids, target(team, op.to), "r"))
        if op.kind == "apply" and case_ids:
            (case_id,) = case_ids
            move = Move(case_id, live.holder(case_id), target(team, op.to), "p")
            return bool(live.apply_moves([move]))
        if op.kind == "revert" and case_ids:
            return bool(live.revert(case_ids[0]))
        if op.kind == "undo":
            return bool(live.undo())
        if op.kind == "redo":
            return bool(live.redo())
    except MoveRefused:
        return False
    return False


def state(live: Assignment) -> tuple[Any, ...]:
    return (
        live.snapshot(),
        live.net_moves(),
        live.evaluate_all(),
        live.summary(),
        {w: live.cases_of(w) for w in [*live.team.workers_by_id, UNASSIGNED]},
    )


@SETTINGS
@given(teams(), ops_st)
def test_moves_never_change_the_teams_total_load(team: Team, ops: list[Op]) -> None:
    live = Assignment(team, ON)
    total = live.summary().load
    cases = live.summary().cases
    for op in ops:
        run(live, op)
        summary = live.summary()
        assert summary.load == total
        assert summary.cases == cases
        assert sum(live.count(w) for w in [*team.workers_by_id, UNASSIGNED]) == cases


@SETTINGS
@given(teams(), ops_st)
def test_figures_after_moves_equal_the_plain_rule(team: Team, ops: list[Op]) -> None:
    live = Assignment(team, ON)
    for op in ops:
        run(live, op)
        for member in team.workers:
            held = [live.case(c) for c in live.cases_of(member.id)]
            assert live.evaluate(member.id) == evaluate_worker(member, held, NORMS, ON)
    # And a team loaded with the cases where they are now gives the same figures.
    fresh_cases = tuple(
        c.model_copy(update={"worker": live.holder(c.id) or None}) for c in team.cases
    )
    fresh = Assignment(team.model_copy(update={"cases": fresh_cases}), ON)
    assert fresh.evaluate_all() == live.evaluate_all()
    assert fresh.summary() == live.summary()


@SETTINGS
@given(teams(), ops_st)
def test_undo_then_redo_is_the_identity(team: Team, ops: list[Op]) -> None:
    live = Assignment(team, ON)
    for op in ops:
        run(live, op)
        if live.can_undo:
            before = state(live)
            live.undo()
            live.redo()
            assert state(live) == before


@SETTINGS
@given(teams(), ops_st)
def test_every_undo_and_redo_gives_the_state_of_that_point_in_history(
    team: Team, ops: list[Op]
) -> None:
    live = Assignment(team, ON)
    original = state(live)
    done = [original]  # the state after each step that can be undone, oldest first
    undone: list[tuple[Any, ...]] = []
    for op in ops:
        if not run(live, op):
            continue
        if op.kind == "undo":
            undone.append(done.pop())
        elif op.kind == "redo":
            done.append(undone.pop())
        else:
            done.append(state(live))
            undone.clear()
        assert state(live) == done[-1]
    # Any sequence of moves, then undoing all of them, restores the loaded state.
    while live.can_undo:
        live.undo()
        done.pop()
        assert state(live) == done[-1]
    assert state(live) == original
    assert not live.has_moves and live.moved_count == 0


@SETTINGS
@given(teams(), ops_st)
def test_net_moves_replayed_on_the_loaded_team_give_the_same_holders(
    team: Team, ops: list[Op]
) -> None:
    live = Assignment(team, ON)
    for op in ops:
        run(live, op)
    replay = Assignment(team, ON)
    replay.apply_moves([Move(m.case, m.from_, m.to, m.reason) for m in live.net_moves()])
    assert replay.snapshot() == live.snapshot()
    assert replay.net_moves() == live.net_moves()
    assert replay.evaluate_all() == live.evaluate_all()


@settings(max_examples=200, deadline=None)
@given(
    workers("w"),
    st.floats(min_value=0.25, max_value=30, allow_nan=False),
    st.floats(min_value=0.1, max_value=2, allow_nan=False),
    st.lists(st.lists(st.sampled_from(TAGS), max_size=2), max_size=12),
    day_st,
)
def test_capacity_scales_linearly_with_hours(
    member: Worker, hours: float, scale: float, tag_lists: list[list[str]], on: date
) -> None:
    cases = [Case(id=f"K{i}", tags=tuple(tags)) for i, tags in enumerate(tag_lists)]
    mix = CaseMix.of(cases)
    base = capacity(member.model_copy(update={"hours": hours}), NORMS, mix, on)
    scaled = capacity(member.model_copy(update={"hours": hours * scale}), NORMS, mix, on)
    assert scaled.range == base.range  # hours never change which range applies
    assert abs(scaled.max - base.max * scale) <= 1e-9 * max(1.0, scaled.max)
    assert abs(scaled.min - base.min * scale) <= 1e-9 * max(1.0, scaled.min)
