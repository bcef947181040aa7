"""The rebalancing suggestion: optimal on teams small enough to check by hand or by brute
force, and never breaking a rule on random ones (pins, households, areas, variants)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balance_helpers import (
    NEW,
    ON,
    applied,
    assert_levels,
    brute_force,
    cases_for,
    check_rules,
    team,
)
from planner.core.balance import BalanceCancelled, suggest
from planner.core.models import Adjustment, Case, Team, Worker
from planner.core.moves import UNASSIGNED, Assignment
from planner.core.rules import Status
from planner.io import schema

# ---------------------------------------------------------------------------------------
# Known by hand


def test_two_moves_bring_both_within() -> None:
    t = team([("ab", "a"), ("cd", "a")], cases_for("ab", 8, 1) + cases_for("cd", 2, 20))
    s = suggest(t, ON)
    check_rules(t, s)
    assert (s.feasible, s.optimal, len(s.moves), s.lower_bound) == (True, True, 2, 2)
    assert {(m.from_, m.to) for m in s.moves} == {("ab", "cd")}
    assert s.gap == 0.0


def test_nothing_to_do() -> None:
    t = team([("ab", "a"), ("cd", "a")], cases_for("ab", 5, 1) + cases_for("cd", 5, 20))
    s = suggest(t, ON)
    assert (s.feasible, s.optimal, s.moves, s.lower_bound) == (True, True, (), 0)


def test_pinned_cases_stay_and_overflow_is_minimised() -> None:
    # ab: 8 cases, 7 pinned (max 6); cd: 2 (min 4). Only one case can move.
    t = team(
        [("ab", "a"), ("cd", "a")],
        cases_for("ab", 7, 1, pinned=True) + cases_for("ab", 1, 8) + cases_for("cd", 2, 20),
    )
    s = suggest(t, ON)
    check_rules(t, s)
    assert [m.case for m in s.moves] == ["K-8"]
    assert not s.feasible
    assert s.optimal
    assert s.overflow == pytest.approx(2.0)  # ab one over, cd one under
    assert_levels(s, brute_force(t), budget=False)


def test_a_household_moves_whole() -> None:
    # ab's only movable cases are a household of three; cd needs two.
    t = team(
        [("ab", "a"), ("cd", "a")],
        cases_for("ab", 5, 1, pinned=True)
        + cases_for("ab", 3, 10, household="H-1")
        + cases_for("cd", 2, 20),
    )
    s = suggest(t, ON)
    check_rules(t, s)
    assert sorted(m.case for m in s.moves) == ["K-10", "K-11", "K-12"]
    assert {m.to for m in s.moves} == {"cd"}
    assert (s.feasible, s.optimal, len(s.moves)) == (True, True, 3)


def test_a_household_with_a_pinned_member_stays() -> None:
    t = team(
        [("ab", "a"), ("cd", "a")],
        [
            *cases_for("ab", 6, 1),
            Case(id="K-10", worker="ab", household="H-1", pinned=True),
            *cases_for("ab", 2, 11, household="H-1"),
            *cases_for("cd", 2, 20),
        ],
    )
    s = suggest(t, ON)
    check_rules(t, s)
    assert not {"K-10", "K-11", "K-12"} & {m.case for m in s.moves}
    assert (s.feasible, len(s.moves)) == (True, 3)


def test_cases_stay_in_their_area_and_fte_missing_is_reported() -> None:
    # ab (area a) has 10 cases, max 6; ef (area b) has room but may not take them.
    t = team([("ab", "a"), ("ef", "b")], cases_for("ab", 10, 1) + cases_for("ef", 3, 20))
    s = suggest(t, ON)
    check_rules(t, s)
    assert s.moves == ()
    assert not s.feasible
    area_a = next(a for a in s.areas if a.area == "a")
    assert area_a.over == pytest.approx(4.0)
    assert area_a.fte_missing == pytest.approx(4 / 6)
    assert next(a for a in s.areas if a.area == "b").fte_missing == 0.0


def test_understaffed_area_fills_everyone_then_moves_least() -> None:
    # 3 workers in area a hold 7 + 7 + 2 cases, max 6 each: 16 > 18? no, min 4 -> within
    # is possible; with 9 + 9 + 2 = 20 > 18 the overflow is 2 at best.
    t = team(
        [("ab", "a"), ("cd", "a"), ("ef", "a")],
        cases_for("ab", 9, 1) + cases_for("cd", 9, 20) + cases_for("ef", 2, 40),
    )
    s = suggest(t, ON)
    check_rules(t, s)
    assert not s.feasible
    assert s.optimal
    assert s.overflow == pytest.approx(2.0)
    assert len(s.moves) == 4  # ef from 2 to 6
    assert next(a for a in s.areas if a.area == "a").fte_missing == pytest.approx(2 / 6)


def test_unassigned_cases_are_all_assigned() -> None:
    t = team(
        [("ab", "a"), ("cd", "a")],
        cases_for("ab", 5, 1) + cases_for("cd", 4, 20) + cases_for(None, 2, 40, area="a"),
    )
    s = suggest(t, ON)
    check_rules(t, s)
    assert sorted(m.case for m in s.moves) == ["K-40", "K-41"]
    assert all(m.from_ == UNASSIGNED for m in s.moves)
    assert (s.feasible, s.optimal, s.lower_bound) == (True, True, 2)


def test_an_unassigned_case_without_area_may_go_anywhere() -> None:
    t = team(
        [("ab", "a"), ("ef", "b")],
        cases_for("ab", 6, 1) + cases_for("ef", 2, 20) + [Case(id="K-40")],
    )
    s = suggest(t, ON)
    check_rules(t, s)
    assert [(m.case, m.to) for m in s.moves] == [("K-40", "ef")]
    assert s.feasible


def test_no_worker_for_an_area_leaves_its_cases_unplaced() -> None:
    t = team([("ab", "a")], cases_for("ab", 5, 1) + cases_for(None, 2, 40, area="b"))
    s = suggest(t, ON)
    check_rules(t, s)
    assert s.unplaced == ("K-40", "K-41")
    assert not s.feasible
    area_b = next(a for a in s.areas if a.area == "b")
    assert area_b.unplaced == 2
    assert area_b.fte_missing == pytest.approx(2 / 5)


def test_variant_the_solver_moves_the_case_that_lifts_it() -> None:
    # ab holds 6 cases, 3 'tung': half -> variant 3-4, so 2 over. Moving one 'tung' case
    # lifts the variant (2 of 5 < half: range 4-6) and brings ab within in one move;
    # moving a plain case would not.
    t = team(
        [("ab", "a"), ("cd", "a")],
        cases_for("ab", 3, 1, tags=("tung",)) + cases_for("ab", 3, 10) + cases_for("cd", 3, 20),
        variant=True,
    )
    s = suggest(t, ON)
    check_rules(t, s)
    assert (s.feasible, s.optimal, len(s.moves)) == (True, True, 1)
    assert t.cases_by_id[s.moves[0].case].tags == ("tung",)


def test_variant_receiving_tagged_cases_narrows_the_range() -> None:
    # cd may take plain cases freely, but three 'tung' cases out of five would bring the
    # variant (max 4) on cd: the solver must send plain ones.
    t = team(
        [("ab", "a"), ("cd", "a")],
        cases_for("ab", 4, 1, tags=("tung",))
        + cases_for("ab", 4, 10, pinned=True)
        + cases_for("ab", 2, 14)
        + cases_for("cd", 2, 20),
        variant=True,
    )
    s = suggest(t, ON)
    check_rules(t, s)
    assert_levels(s, brute_force(t), budget=False)
    assert s.optimal


def test_weights_count_not_cases() -> None:
    # One 'kompleks' case weighs 1.5: moving it alone closes a gap of 1.5.
    t = team(
        [("ab", "a"), ("cd", "a")],
        cases_for("ab", 6, 1) + cases_for("ab", 1, 9, tags=("kompleks",)) + cases_for("cd", 3, 20),
    )
    s = suggest(t, ON)
    check_rules(t, s)
    assert [m.case for m in s.moves] == ["K-9"]
    assert (s.feasible, s.optimal) == (True, True)


def test_reduced_capacity_is_respected() -> None:
    part_time = Worker(id="cd", name="CD", area="a", hours=18.5)  # range 2-3
    t = team(
        [Worker(id="ab", name="AB", area="a", hours=37), part_time],
        cases_for("ab", 8, 1) + cases_for("cd", 0, 20),
    )
    s = suggest(t, ON)
    check_rules(t, s)
    assert (s.feasible, len(s.moves)) == (True, 2)
    assert next(wl for wl in s.after if wl.worker.id == "cd").load == pytest.approx(2.0)


def test_moves_carry_the_reason_and_start_from_current_holders() -> None:
    t = team([("ab", "a"), ("cd", "a")], cases_for("ab", 8, 1) + cases_for("cd", 2, 20))
    holders = {c.id: c.worker or UNASSIGNED for c in t.cases}
    holders["K-1"] = holders["K-2"] = "cd"  # the leader already moved two by hand
    s = suggest(t, ON, holders, reason="Sagstalsudligning")
    assert s.moves == ()
    assert s.feasible
    holders["K-1"] = "ab"
    s = suggest(t, ON, holders, reason="Sagstalsudligning")
    assert [m.reason for m in s.moves] == ["Sagstalsudligning"]
    assert s.moves[0].from_ == "ab"


def test_split_household_may_be_made_whole_or_left() -> None:
    # H-1 is spread over ab and cd in the data: it is left alone, or moved whole.
    t = team(
        [("ab", "a"), ("cd", "a")],
        [
            *cases_for("ab", 7, 1),
            Case(id="K-10", worker="ab", household="H-1"),
            Case(id="K-11", worker="cd", household="H-1"),
            *cases_for("cd", 2, 20),
        ],
    )
    s = suggest(t, ON)
    check_rules(t, s)
    assert (s.feasible, s.optimal, len(s.moves)) == (True, True, 2)


def test_an_unassigned_member_joins_its_household() -> None:
    t = team(
        [("ab", "a"), ("cd", "a")],
        [
            *cases_for("ab", 4, 1),
            Case(id="K-10", worker="ab", household="H-1", pinned=True),
            Case(id="K-11", area="a", household="H-1"),
            *cases_for("cd", 5, 20),
        ],
    )
    s = suggest(t, ON)
    check_rules(t, s)
    assert [(m.case, m.from_, m.to) for m in s.moves] == [("K-11", UNASSIGNED, "ab")]


def test_the_solver_beats_the_greedy_when_the_greedy_is_led_astray() -> None:
    # ab is 0.5 over, cd 0.5 under. The greedy closes cd's gap with ef's light case and
    # then still has to unload ab (2 moves); one case from ab to cd does both.
    def c(case_id: str, worker: str, weight: float, pinned: bool = False) -> Case:
        return Case(id=case_id, worker=worker, weight=weight, pinned=pinned)

    t = team(
        [("ab", "a"), ("cd", "a"), ("ef", "a")],
        [
            *(c(f"K-{i}", "ab", 1.0, pinned=i in (1, 5)) for i in (1, 3, 4, 5, 6)),
            c("K-2", "ab", 1.5),
            c("K-7", "cd", 1.0),
            c("K-8", "cd", 1.5, pinned=True),
            c("K-9", "cd", 1.0),
            c("K-10", "ef", 1.0, pinned=True),
            c("K-11", "ef", 0.5, pinned=True),
            c("K-12", "ef", 1.5, pinned=True),
            c("K-13", "ef", 1.5, pinned=True),
            c("K-14", "ef", 0.5),
        ],
    )
    s = suggest(t, ON)
    check_rules(t, s)
    assert (s.feasible, s.optimal, len(s.moves), s.greedy_moves) == (True, True, 1, 2)
    assert (s.moves[0].from_, s.moves[0].to) == ("ab", "cd")
    assert_levels(s, brute_force(t), budget=False)


@pytest.mark.parametrize("use_solver", [True, False])
def test_an_away_workers_cases_are_over_range_load_to_move(use_solver: bool) -> None:
    # ab is on leave (factor 0): capacity 0-0, so all 6 cases are outside the range; cd
    # and ef (4-6 each, 3 cases each) take 3 each: 6 moves, and everyone fits.
    on_leave = schema.worker(
        {"id": "ab", "name": "AB", "area": "a", "hours": 37,
         "adjustments": [{"reason": "Barsel", "factor": 0, "from": ON}]}
    )  # fmt: skip
    t = team(
        [on_leave, Worker(id="cd", name="CD", area="a", hours=37),
         Worker(id="ef", name="EF", area="a", hours=37)],
        cases_for("ab", 6, 1) + cases_for("cd", 3, 20) + cases_for("ef", 3, 40),
    )  # fmt: skip
    before = Assignment(t, ON).evaluate("ab")
    assert (before.status, before.utilisation, before.gap) == (Status.AWAY, None, 6.0)
    s = suggest(t, ON, use_solver=use_solver)
    check_rules(t, s)
    assert s.feasible and len(s.moves) == 6
    assert {m.from_ for m in s.moves} == {"ab"} and {m.to for m in s.moves} == {"cd", "ef"}
    after = applied(t, s)
    assert after.count("ab") == 0 and after.evaluate("ab").fits
    assert (after.count("cd"), after.count("ef")) == (6, 6) and after.all_within()
    if use_solver:
        assert s.optimal and s.lower_bound == 6


def test_an_away_worker_receives_nothing_and_their_area_reports_the_shortage() -> None:
    # Both in area b are away or over; the away worker's 3 cases count as over-range
    # load: 3 / 5 (b's max) = 0.6 FTE missing once nobody can take them.
    on_leave = schema.worker(
        {"id": "gh", "name": "GH", "area": "b", "hours": 37,
         "adjustments": [{"reason": "Syg", "factor": 0}]}
    )  # fmt: skip
    t = team([on_leave, ("ij", "b")], cases_for("gh", 3, 1) + cases_for("ij", 5, 10))
    s = suggest(t, ON)
    check_rules(t, s)
    assert not s.feasible and s.moves == ()
    (area,) = s.areas
    assert area.over == pytest.approx(3.0) and area.fte_missing == pytest.approx(3 / 5)


def test_the_rules_have_the_last_word(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model that misjudges a variant's threshold (here on purpose) cannot pass a wrong
    plan off as right: the plan is re-evaluated with the rules, repaired, and no longer
    claimed optimal."""
    import planner.core.balance as balance

    monkeypatch.setattr(balance, "DELTA", -0.6)  # "not triggered" up to 0.6 above the share
    tung, plain = ("tung",), ()
    spec = [
        ("K-1", "ab", tung, True),
        ("K-2", "cd", tung, False),
        ("K-3", "cd", tung, True),
        ("K-4", "cd", plain, False),
        ("K-5", "cd", tung, False),
        ("K-6", "cd", tung, False),
        ("K-7", "cd", tung, True),
        ("K-8", "cd", plain, False),
        ("K-9", "cd", plain, False),
    ]
    t = team(
        [("ab", "a"), ("cd", "a")],
        [Case(id=i, worker=w, weight=1.0, tags=tags, pinned=p) for i, w, tags, p in spec],
        variant=True,
    )
    s = suggest(t, ON)
    check_rules(t, s)
    assert s.repaired
    assert not s.optimal
    assert s.feasible  # the repair found a plan the rules accept


# ---------------------------------------------------------------------------------------
# Running: quiet, cancellable, bounded in time


def test_highs_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    t = team([("ab", "a"), ("cd", "a")], cases_for("ab", 8, 1) + cases_for("cd", 2, 20))
    suggest(t, ON)
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_cancel_stops_the_run() -> None:
    t = team([("ab", "a"), ("cd", "a")], cases_for("ab", 8, 1) + cases_for("cd", 2, 20))
    with pytest.raises(BalanceCancelled):
        suggest(t, ON, should_stop=lambda: True)


def test_out_of_time_answers_with_the_greedy_plan() -> None:
    t = team(
        [("ab", "a"), ("cd", "a"), ("ef", "a")],
        cases_for("ab", 6, 1)
        + cases_for("ab", 2, 9, tags=("kompleks",))
        + cases_for("cd", 4, 20)
        + cases_for("ef", 4, 30),
    )
    s = suggest(t, ON, time_limit=0.0)
    check_rules(t, s)
    assert s.timed_out
    assert len(s.moves) == s.greedy_moves
    assert not s.optimal  # nothing proven in no time


def test_greedy_only() -> None:
    t = team([("ab", "a"), ("cd", "a")], cases_for("ab", 8, 1) + cases_for("cd", 2, 20))
    s = suggest(t, ON, use_solver=False)
    check_rules(t, s)
    assert len(s.moves) == s.greedy_moves


def test_progress_names_the_stages() -> None:
    t = team([("ab", "a"), ("cd", "a")], cases_for("ab", 8, 1) + cases_for("cd", 2, 20))
    stages: list[str] = []
    suggest(t, ON, progress=stages.append)
    assert stages[0] == "greedy"
    assert "moves" in stages
    assert stages[-1] == "verify"


# ---------------------------------------------------------------------------------------
# Random teams: brute force agrees, and no rule is ever broken


@st.composite
def small_teams(draw: st.DrawFn, max_units: int = 7) -> Team:
    """Two or three workers in areas a and b (part-timers, a new hire, the 'tung' variant),
    their cases with pins, tags, households and `since` dates, and unassigned ones."""
    variant = draw(st.booleans())
    n_workers = draw(st.integers(2, 3))
    workers = []
    for i in range(n_workers):
        area = draw(st.sampled_from(["a", "a", "b"]))
        hours = draw(st.sampled_from([37.0, 37.0, 30.0, 18.5]))
        started = draw(st.sampled_from([None, None, None, NEW]))
        # Now and then someone on leave (an adjustment of factor 0): away, capacity 0.
        leave = [Adjustment(reason="Orlov", factor=0)] if draw(st.integers(0, 6)) == 0 else []
        workers.append(
            Worker(
                id=f"w{i}", name=f"W{i}", area=area, hours=hours, started=started, adjustments=leave
            )
        )
    ids = [w.id for w in workers]
    cases: list[Case] = []
    number = 0
    movable = 0
    for worker in [*ids, None]:
        for _ in range(draw(st.integers(0, 7 if worker else 2))):
            number += 1
            tags = draw(st.sampled_from([(), (), ("tung",), ("kompleks",), ("enkel",)]))
            pinned = worker is not None and draw(st.integers(0, 5)) == 0
            household = None
            size = 1
            if movable < max_units and draw(st.integers(0, 5)) == 0:
                household, size = f"H-{number}", 2
            area = draw(st.sampled_from(["a", "b"])) if worker is None else None
            since = draw(st.sampled_from([None, date(2024, 1, 1), date(2026, 6, 1)]))
            for k in range(size):
                cases.append(
                    Case(
                        id=f"K-{number}-{k}",
                        worker=worker,
                        area=area,
                        tags=tags,
                        household=household,
                        pinned=pinned,
                        since=since if worker else None,
                    )
                )
            if not pinned:
                movable += 1
            if movable >= max_units:
                break
    return team(workers, cases, variant=variant, protect=draw(st.booleans()))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_teams(max_units=6))
def test_matches_brute_force_level_by_level(t: Team) -> None:
    s = suggest(t, ON)
    check_rules(t, s)
    best = brute_force(t)
    assert_levels(s, best, budget=False)
    assert s.optimal
    assert s.feasible == (best.overflow < 1e-6 and not s.unplaced)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_teams(max_units=6), st.integers(0, 3))
def test_matches_brute_force_under_a_moves_budget(t: Team, max_moves: int) -> None:
    s = suggest(t, ON, max_moves=max_moves)
    check_rules(t, s)
    assert s.relocations <= max_moves
    assert_levels(s, brute_force(t, max_moves), budget=True)
    assert s.optimal


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_teams(max_units=14))
def test_never_breaks_a_rule(t: Team) -> None:
    s = suggest(t, ON)
    check_rules(t, s)
    g = suggest(t, ON, use_solver=False)
    check_rules(t, g)
    # The solver's plan is never worse than the greedy one, level by level.
    assert not g.levels.better_than(s.levels, budget=False)


def test_a_proven_plan_under_a_budget_claims_no_fewer_moves_than_it_makes() -> None:
    # Found by the budget test above: two workers on leave, one left to take their cases.
    # The fewest moves and the least weight were solved together, and the solver's bound
    # (a hair under 3 moves plus the weight) was reported as 2 for a proven plan of 3.
    leave = [Adjustment(reason="Orlov", factor=0)]
    workers = [
        Worker(id="w0", name="W0", area="a", hours=37, adjustments=leave),
        Worker(id="w1", name="W1", area="a", hours=37, adjustments=leave),
        Worker(id="w2", name="W2", area="a", hours=37),
    ]
    cases = [
        *(Case(id=f"K-{n}-{k}", worker="w0", household=f"H-{n}", pinned=True)
          for n in (1, 2) for k in (0, 1)),
        *(Case(id=f"K-3-{k}", worker="w0", household="H-3") for k in (0, 1)),
        Case(id="K-4-0", worker="w0"),
        Case(id="K-5-0", worker="w0"),
        Case(id="K-6-0", worker="w0", tags=("tung",)),
        *(Case(id=f"K-7-{k}", worker="w0", household="H-7") for k in (0, 1)),
        Case(id="K-8-0", worker="w1", tags=("enkel",)),
        Case(id="K-9-0", area="a"),
    ]  # fmt: skip
    t = team(workers, cases, variant=True, protect=False)
    s = suggest(t, ON, max_moves=2)
    check_rules(t, s)
    assert s.optimal and s.relocations == 2
    assert s.lower_bound == len(s.moves) == 3
