"""The area groups solved side by side (issue 11): the same plan as one at a time, every
HiGHS on a thread of its own, a cancel or an error stops them all."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balance_helpers import ON, cases_for, check_rules, team
from planner.core import balance
from planner.core.balance import BalanceCancelled, suggest
from planner.core.models import Team
from planner.io.files import bundled_config
from planner.io.teams import load_team
from planner.synthetic import write_department


def two_groups() -> Team:
    """Areas a and b, each with a worker over range and one under: two independent groups."""
    return team(
        [("ab", "a"), ("cd", "a"), ("ef", "b"), ("gh", "b")],
        cases_for("ab", 9, 1, tags=("kompleks",))
        + cases_for("cd", 1, 20)
        + cases_for("ef", 8, 30)
        + cases_for("gh", 1, 40),
    )


def test_the_demo_has_several_groups_and_the_same_plan_one_or_two_at_a_time() -> None:
    t = load_team(bundled_config())
    serial = suggest(t, ON, threads=1)
    side_by_side = suggest(t, ON, threads=2)
    assert serial.optimal and side_by_side.optimal
    assert side_by_side.moves == serial.moves
    assert side_by_side.levels == serial.levels
    assert side_by_side.lower_bound == serial.lower_bound


def test_a_department_gives_the_same_plan_one_two_or_four_at_a_time(tmp_path: Path) -> None:
    t = load_team(write_department(tmp_path / "dept", 30, 1500))
    plans = [suggest(t, ON, threads=n) for n in (1, 2, 4)]
    assert all(p.optimal for p in plans)
    assert plans[1].moves == plans[0].moves
    assert plans[2].moves == plans[0].moves
    # And again: the same input, the same plan.
    assert suggest(t, ON, threads=2).moves == plans[0].moves


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 6), st.integers(0, 6), st.integers(0, 6), st.integers(0, 3))
def test_side_by_side_equals_one_at_a_time(a: int, b: int, c: int, unassigned: int) -> None:
    t = team(
        [("ab", "a"), ("cd", "a"), ("ef", "b"), ("gh", "b")],
        cases_for("ab", a, 1)
        + cases_for("cd", b, 20, tags=("kompleks",))
        + cases_for("ef", c, 30)
        + cases_for("gh", 1, 40, tags=("enkel",))
        + cases_for(None, unassigned, 50, area="b"),
    )
    serial = suggest(t, ON, threads=1)
    side_by_side = suggest(t, ON, threads=2)
    check_rules(t, side_by_side)
    assert side_by_side.moves == serial.moves
    assert side_by_side.optimal == serial.optimal


def test_every_highs_runs_in_a_thread_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """HiGHS sizes its scheduler per calling thread at the first run there: the caller's
    thread (the app's worker, the CLI's main thread) never runs one."""
    seen: set[int] = set()
    original = balance._GroupModel.solve

    def solve(self: balance._GroupModel, **kwargs: object) -> object:
        seen.add(threading.get_ident())
        return original(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(balance._GroupModel, "solve", solve)
    s = suggest(two_groups(), ON, threads=1)
    assert s.optimal
    assert seen and threading.get_ident() not in seen


def test_a_cancel_stops_every_group() -> None:
    calls = 0
    lock = threading.Lock()

    def should_stop() -> bool:
        nonlocal calls
        with lock:
            calls += 1
            return calls > 3  # after the first checks, in the middle of the solving

    with pytest.raises(BalanceCancelled):
        suggest(two_groups(), ON, threads=2, should_stop=should_stop)


def test_an_error_in_one_group_is_raised_not_hidden_as_a_cancel(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = balance._solve_group
    started = threading.Event()

    def solve_group(inst: object, group: tuple[list[str], list[int], list[int]], *args: object):  # type: ignore[no-untyped-def]
        if "ef" in group[0]:
            started.wait(5)  # the other group is under way when this one fails
            raise RuntimeError("boom")
        started.set()
        return original(inst, group, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(balance, "_solve_group", solve_group)
    with pytest.raises(RuntimeError, match="boom"):
        suggest(two_groups(), ON, threads=2)


def test_more_threads_than_groups_and_out_of_time() -> None:
    t = two_groups()
    s = suggest(t, ON, threads=8, time_limit=0.0)
    check_rules(t, s)
    assert not s.optimal
    assert len(s.moves) == s.greedy_moves


def test_a_group_out_of_time_tries_again_from_the_same_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A group proven at its second try has the plan a first try proves: the retry starts
    where the first try started, not from the plan the first try had reached."""
    t = two_groups()
    clean = suggest(t, ON, threads=2)
    original = balance._solve_group
    starts: dict[str, list[object]] = {}

    def solve_group(
        inst: object, group: tuple[list[str], list[int], list[int]], start: object, *args: object
    ):  # type: ignore[no-untyped-def]
        tried = starts.setdefault(group[0][0], [])
        tried.append(start)
        if len(tried) == 1:  # out of time at the first try, with a plan of its own
            return balance._GroupOutcome(balance._Plan(), False, True, 0, {}, {})
        return original(inst, group, start, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(balance, "_solve_group", solve_group)
    s = suggest(t, ON, threads=2)
    assert sorted(starts) == ["ab", "ef"]
    assert all(len(tried) == 2 and tried[1] is tried[0] for tried in starts.values())
    assert s.optimal
    assert s.moves == clean.moves
