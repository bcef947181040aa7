"""Issue 10's capacity rules against figures computed by hand: an absence (factor 0), a
leaving date, a start in the future (with the new-hire factor after it), and dates near the
end of the calendar. The norms are team_helpers.SMALL_NORMS: sygedagpenge 35-50 per full
time worker, new hires at 0.5 for six calendar months."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from planner.core.models import Case, Team, Worker
from planner.core.moves import Assignment
from planner.core.rules import (
    CaseMix,
    Status,
    add_days,
    add_months,
    area_fte,
    capacity,
    evaluate_worker,
    is_present,
    upcoming_changes,
)
from planner.i18n import text_of
from planner.io import schema
from planner.io.validation import error_text
from team_helpers import SMALL_NORMS

ON = date(2026, 11, 23)
NORMS = schema.norm_set({**SMALL_NORMS, "id": "test"})


def make_worker(worker_id: str = "w", **fields: Any) -> Worker:
    base: dict[str, Any] = {"id": worker_id, "name": worker_id.upper(), "area": "sygedagpenge"}
    return schema.worker({**base, "hours": 37, **fields})


def held(count: int, worker_id: str = "w") -> list[Case]:
    return [
        Case(id=f"{worker_id}-{i}", worker=worker_id, area="sygedagpenge") for i in range(count)
    ]


def leave(**fields: Any) -> dict[str, Any]:
    return {"reason": "Barsel", "factor": 0, **fields}


# ---------------------------------------------------------------------------------------
# Factor 0: an absence


def test_an_absence_gives_capacity_0_and_status_away_never_a_percentage() -> None:
    worker = make_worker(
        adjustments=[leave(**{"from": date(2026, 11, 1), "until": date(2026, 12, 31)})]
    )
    wl = evaluate_worker(worker, held(3), NORMS, ON)
    assert (wl.min, wl.max) == (0.0, 0.0)
    assert wl.status is Status.AWAY
    assert wl.utilisation is None
    assert not wl.present
    # The three cases still count, all of them outside the (empty) range, and need cover.
    assert wl.load == 3.0 and wl.gap == 3.0 and wl.needs_cover and not wl.fits
    # The day after `until`: back at 35-50, so 3 cases are under range.
    back = evaluate_worker(worker, held(3), NORMS, date(2027, 1, 1))
    assert (back.min, back.max, back.status) == (35.0, 50.0, Status.UNDER)
    assert back.utilisation == pytest.approx(3 / 50)


def test_away_without_cases_fits_and_the_team_is_all_within() -> None:
    worker = make_worker(adjustments=[leave(**{"from": ON})])
    wl = evaluate_worker(worker, [], NORMS, ON)
    assert wl.status is Status.AWAY and wl.fits and not wl.needs_cover
    team = Team(id="t", name="T", norms=NORMS, workers=(worker,), cases=())
    assert Assignment(team, ON).all_within()
    team = Team(id="t", name="T", norms=NORMS, workers=(worker,), cases=tuple(held(1)))
    assert not Assignment(team, ON).all_within()


def test_a_partial_absence_is_a_factor_not_away() -> None:
    # Phased return at 0.5: 17.5-25, and there.
    worker = make_worker(adjustments=[leave(factor=0.5)])
    wl = evaluate_worker(worker, held(20), NORMS, ON)
    assert (wl.min, wl.max, wl.status) == (35 * 0.5, 50 * 0.5, Status.WITHIN)
    assert wl.utilisation == pytest.approx(20 / 25)


@pytest.mark.parametrize("factor", [0, 0.0, 1.5])
def test_adjustment_factors_from_0_to_one_and_a_half(factor: float) -> None:
    assert schema.adjustment(leave(factor=factor)).factor == factor


@pytest.mark.parametrize(
    ("factor", "said"),
    [
        (-0.01, r"model\.adjustment_factor"),  # "must be between 0 (absent) and 1.5"
        (1.51, r"model\.adjustment_factor"),
        (math.nan, "finite number"),
        (math.inf, "finite number"),
        (-math.inf, "finite number"),
    ],
)
def test_adjustment_factors_outside_0_to_one_and_a_half_are_refused(
    factor: float, said: str
) -> None:
    with pytest.raises(ValidationError, match=said):
        schema.adjustment(leave(factor=factor))


# ---------------------------------------------------------------------------------------
# Leaving and starting


def test_left_is_the_last_working_day() -> None:
    worker = make_worker(left=ON)
    assert is_present(worker, ON)
    assert evaluate_worker(worker, held(40), NORMS, ON).status is Status.WITHIN
    after = evaluate_worker(worker, held(40), NORMS, date(2026, 11, 24))
    assert after.status is Status.AWAY and after.max == 0.0 and after.load == 40.0


def test_leaving_before_starting_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"model\.left_before_started") as refused:
        make_worker(started=date(2026, 2, 1), left=date(2026, 1, 31))
    (item,) = refused.value.errors(include_url=False)
    assert (
        text_of(error_text(item)[0], "en") == "'left' (2026-01-31) is before 'started' (2026-02-01)"
    )
    # Starting and leaving on the same day is one working day.
    assert is_present(make_worker(started=ON, left=ON), ON)


def test_a_future_start_is_a_vacancy_then_the_new_hire_factor_runs_from_it() -> None:
    worker = make_worker(started=date(2026, 12, 1))
    mix = CaseMix()
    # Not there before the first day.
    assert not is_present(worker, date(2026, 11, 30))
    before = capacity(worker, NORMS, mix, date(2026, 11, 30))
    assert (before.min, before.max, before.multiplier) == (0.0, 0.0, 0.0)
    # From the first day: 35-50 x 0.5 for six calendar months (until 2027-05-31) ...
    first = capacity(worker, NORMS, mix, date(2026, 12, 1))
    assert (first.min, first.max) == (35 * 0.5, 50 * 0.5)
    last = capacity(worker, NORMS, mix, date(2027, 5, 31))
    assert (last.min, last.max) == (35 * 0.5, 50 * 0.5)
    # ... then the full range.
    full = capacity(worker, NORMS, mix, date(2027, 6, 1))
    assert (full.min, full.max) == (35.0, 50.0)


def test_fte_counts_the_hours_of_those_there_and_the_load_of_all() -> None:
    # Two full-timers in sygedagpenge, one on leave: 1 FTE there, 1 effective; the load
    # of both (40 + 30 cases) needs 70 / 50 = 1.4 FTE; 0.4 missing.
    a = make_worker("a")
    b = make_worker("b", adjustments=[leave(**{"from": ON})])
    team = Team(
        id="t", name="T", norms=NORMS, workers=(a, b), cases=(*held(40, "a"), *held(30, "b"))
    )
    (syg,) = area_fte(team, {"sygedagpenge": 70.0}, ON)
    assert (syg.fte, syg.fte_effective) == (1.0, 1.0)
    assert syg.fte_needed == pytest.approx(70 / 50)
    assert syg.fte_missing == pytest.approx(70 / 50 - 1)
    summary = Assignment(team, ON).summary()
    assert (summary.away, summary.within, summary.under) == (1, 1, 0)


def test_upcoming_changes_name_a_first_day_and_a_leaving_date() -> None:
    newcomer = make_worker(started=date(2026, 12, 7))
    (arrival,) = upcoming_changes(newcomer, NORMS, CaseMix(), ON)
    assert (arrival.on, arrival.what, arrival.capacity_max_before) == (
        date(2026, 12, 7),
        "arrival",
        0.0,
    )
    assert arrival.capacity_max_after == 50 * 0.5
    leaver = make_worker(left=date(2026, 12, 31))
    (gone,) = upcoming_changes(leaver, NORMS, CaseMix(), ON)
    assert (gone.on, gone.what) == (date(2027, 1, 1), "departure")
    assert (gone.capacity_max_before, gone.capacity_max_after) == (50.0, 0.0)


# ---------------------------------------------------------------------------------------
# The end of the calendar


def test_date_arithmetic_clamps_at_the_end_of_the_calendar() -> None:
    assert add_days(date(9999, 12, 30), 7) == date.max
    assert add_days(date(1, 1, 3), -7) == date.min
    assert add_months(date(9999, 8, 1), 6) == date.max


def test_the_rules_hold_on_the_last_day_of_the_calendar() -> None:
    # A new hire who started in the last year of the calendar, with an adjustment up to
    # its last day: nothing may overflow (9999-12-31 used to raise OverflowError).
    worker = make_worker(
        started=date(9999, 10, 1),
        adjustments=[{"reason": "TR", "factor": 0.8, "until": date.max}],
    )
    wl = evaluate_worker(worker, held(10), NORMS, date.max)
    assert wl.max == pytest.approx(50 * 0.5 * 0.8)
    assert upcoming_changes(worker, NORMS, CaseMix(), date(9999, 12, 1)) == []
