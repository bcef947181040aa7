"""Dates at the ends of the calendar (issue 14 §3): `started = 9999-07-01`, `until =
9999-12-31` and `--date 9999-12-31` give figures, never an OverflowError. The rules are
total over every date; the board opens the worker detail there; capacity bounds hold.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.models import Worker
from planner.core.moves import Assignment
from planner.core.rules import (
    CaseMix,
    add_days,
    add_months,
    capacity,
    capacity_bounds,
    capacity_factors,
    upcoming_changes,
)
from planner.io import schema
from planner.ui.app import PlannerApp
from planner.ui.widgets.detail import WorkerDetail
from team_helpers import SMALL_NORMS, TeamFiles, case, worker

NORMS = schema.norm_set({**SMALL_NORMS, "id": "test"})
LAST = date.max  # 9999-12-31


def test_add_months_holds_at_the_calendars_end() -> None:
    assert add_months(date(9999, 7, 1), 6) == LAST  # would be 10000-01-01
    assert add_months(date(9999, 6, 30), 6) == date(9999, 12, 30)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)  # clamped as before
    assert add_months(date(1, 3, 1), -6) == date.min


def test_add_days_holds_at_the_calendars_ends() -> None:
    assert add_days(LAST, 1) == LAST and add_days(date.min, -1) == date.min
    assert add_days(date(9999, 11, 20), 56) == LAST
    assert add_days(date(2026, 11, 23), 7) == date(2026, 11, 30)


def test_a_new_hire_starting_in_9999_stays_a_new_hire() -> None:
    hire = Worker(id="a", name="A", area="sygedagpenge", hours=37, started=date(9999, 7, 1))
    factors = capacity_factors(hire, NORMS, date(2026, 11, 23))
    assert [(f.kind, f.ends) for f in factors] == [
        ("hours", None),
        ("not_started", None),  # not there before the first day (issue 10): factor 0
        ("new_hire", None),  # it never ends
    ]
    assert upcoming_changes(hire, NORMS, CaseMix(), LAST) == []
    assert [f.kind for f in capacity_factors(hire, NORMS, LAST)] == ["hours", "new_hire"]


def test_changes_ahead_near_the_end_stop_at_the_end() -> None:
    course = schema.adjustment(
        {"reason": "Kursus", "factor": 0.5, "from": date(9999, 12, 1), "until": LAST}
    )
    course_worker = Worker(id="a", name="A", area="sygedagpenge", hours=37, adjustments=[course])
    changes = upcoming_changes(course_worker, NORMS, CaseMix(), date(9999, 11, 20))
    # It starts within the horizon (which would run past 9999-12-31) and never ends.
    assert [(c.on, c.kind) for c in changes] == [(date(9999, 12, 1), "starts")]
    assert changes[0].capacity_max_after == pytest.approx(25.0)


_DAYS = st.dates(min_value=date(1, 1, 1), max_value=LAST)


@settings(max_examples=300, deadline=None)
@given(on=_DAYS, started=_DAYS, start=_DAYS, end=_DAYS, months=st.integers(1, 36))
def test_the_rules_are_total_over_every_date(
    on: date, started: date, start: date, end: date, months: int
) -> None:
    """Whatever the dates, the figures come out (and are finite and positive)."""
    start, end = min(start, end), max(start, end)
    norms = NORMS.model_copy(
        update={"new_hire": NORMS.new_hire.model_copy(update={"months": months})}
    )
    course = schema.adjustment({"reason": "Kursus", "factor": 0.8, "from": start, "until": end})
    person = Worker(
        id="a", name="A", area="sygedagpenge", hours=30, started=started, adjustments=[course]
    )
    cap = capacity(person, norms, CaseMix(), on)
    for change in upcoming_changes(person, norms, CaseMix(), on):
        assert on < change.on <= add_days(on, 56)
    if on < started:
        # Not there before the first day (issue 10): no capacity, on purpose.
        assert (cap.max, cap.multiplier) == (0.0, 0.0)
        return
    assert 0 < cap.max < float("inf")
    low, high = capacity_bounds(person, norms)
    assert low <= cap.max * (1 + 1e-9) and cap.max <= high * (1 + 1e-9)


def test_capacity_bounds_look_at_every_period_not_the_product_of_all() -> None:
    """Twenty half-time courses one after another never halve the capacity twice."""
    courses = [
        schema.adjustment(
            {
                "reason": f"Kursus {year}",
                "factor": 0.5,
                "from": date(year, 1, 1),
                "until": date(year, 12, 31),
            }
        )
        for year in range(2000, 2020)
    ]
    person = Worker(id="a", name="A", area="fleksjob", hours=37, adjustments=courses)
    low, high = capacity_bounds(person, NORMS)
    assert low == pytest.approx(25.0) and high == pytest.approx(50.0)
    assert capacity(person, NORMS, CaseMix(), date(2010, 6, 1)).max == pytest.approx(25.0)
    assert capacity(person, NORMS, CaseMix(), date(2021, 1, 1)).max == pytest.approx(50.0)


@pytest.mark.parametrize("on", [date(9999, 11, 20), LAST])
async def test_the_board_shows_the_detail_at_the_end_of_the_calendar(
    team_files: TeamFiles, on: date
) -> None:
    course = {"reason": "Kursus", "factor": 0.5, "from": date(9999, 12, 1), "until": LAST}
    team_files.workers = [
        worker("a", "sygedagpenge", started=date(9999, 7, 1), adjustments=[course]),
        worker("b", "fleksjob", hours=30),
    ]
    team_files.write([case("K-1", "a"), case("K-2", "b")])
    app = PlannerApp(Assignment(team_files.load(), on), lang="en")
    async with app.run_test(size=(140, 40)) as pilot:
        app.board.worker_list.select_worker("a")
        await pilot.pause()
        shown = app.screen.query_one(WorkerDetail)  # its lines as drawn
        detail = "\n".join(
            shown.render_line(y).text.rstrip() for y in range(shown.content_size.height)
        )
        assert "Medarbejder A" in detail
        assert "× 0.50  new hire\n" in detail  # the new-hire period never ends
        if on < date(9999, 12, 1):
            assert "9999-12-01: Kursus starts" in detail
        await pilot.press("d")  # the same in the dialog
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape")
        assert on + timedelta(0) == app.assignment.on
