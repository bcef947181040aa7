"""The rules of issue 2 section 5, each checked against a figure computed by hand.

The expected numbers are written out as arithmetic from the rule's words (e.g. "50 x 30/37
x 0.8"), never taken from planner itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from planner.core.models import Case, Team, Worker
from planner.core.moves import Assignment
from planner.core.rules import (
    CaseMix,
    Status,
    add_months,
    capacity,
    case_weight,
    evaluate_worker,
    norm_range,
    status_of,
    upcoming_changes,
)
from planner.io import schema
from team_helpers import SMALL_NORMS

ON = date(2026, 11, 23)
NORMS = schema.norm_set({**SMALL_NORMS, "id": "test"})
SYG = NORMS.areas["sygedagpenge"]


def make_worker(**fields: Any) -> Worker:
    base: dict[str, Any] = {"id": "w", "name": "W", "area": "sygedagpenge", "hours": 37}
    return schema.worker({**base, **fields})


def cases(*tag_sets: tuple[str, ...], weight: float | None = None) -> list[Case]:
    return [
        Case(id=f"K{i}", worker="w", tags=tags, weight=weight) for i, tags in enumerate(tag_sets)
    ]


def plain(count: int, *tags: str) -> list[tuple[str, ...]]:
    return [tuple(tags)] * count


def range_of(worker: Worker, held: list[Case]) -> tuple[float, float, str | None]:
    result = norm_range(worker, SYG, CaseMix.of(held))
    return result.min, result.max, result.variant


# ---------------------------------------------------------------------------------------
# Range


def test_range_is_the_areas_when_no_variant_applies() -> None:
    assert range_of(make_worker(), cases(*plain(4))) == (35, 50, None)
    # A worker with no cases has no share of anything: the area's range.
    assert range_of(make_worker(), []) == (35, 50, None)


def test_a_variant_named_on_the_worker_wins_over_tag_triggered_ones() -> None:
    # Every case is 'kompleks' and a quarter 'jaf', which would trigger both tagged
    # variants; the worker's own variant ('tung', 20-30) is used regardless.
    held = cases(*plain(3, "kompleks"), ("kompleks", "jaf"))
    assert range_of(make_worker(variant="tung"), held) == (20, 30, "tung")
    # ...even when its max is higher than the triggered one's.
    held = cases(*plain(2, "jaf"), *plain(2))
    assert range_of(make_worker(variant="komplekse"), held) == (35, 45, "komplekse")


def test_a_tagged_variant_applies_from_its_share_of_cases_by_count() -> None:
    # share 0.5: 2 of 4 is exactly half -> applies; 3 of 7 -> does not.
    assert range_of(make_worker(), cases(*plain(2, "kompleks"), *plain(2))) == (35, 45, "komplekse")
    assert range_of(make_worker(), cases(*plain(3, "kompleks"), *plain(4))) == (35, 50, None)


def test_share_counts_cases_not_weights() -> None:
    # 2 'kompleks' cases (weight 1.5 each = 3.0) and 3 plain ones (3.0): half the load
    # but only 2/5 = 0.4 of the cases, below the share of 0.5.
    held = cases(*plain(2, "kompleks"), *plain(3))
    assert sum(case_weight(c, NORMS) for c in held if "kompleks" in c.tags) == 3.0
    assert range_of(make_worker(), held) == (35, 50, None)


def test_a_tag_written_twice_on_a_case_counts_once() -> None:
    # 1 case of 3 carries the tag (twice): 1/3 < 0.5. Counting it twice would give 2/3.
    held = cases(("kompleks", "kompleks"), (), ())
    assert range_of(make_worker(), held) == (35, 50, None)


def test_among_several_triggered_variants_the_lowest_max_wins() -> None:
    # 2/4 kompleks (>= 0.5 -> 35-45) and 1/4 jaf (>= 0.25 -> 30-40): 40 < 45.
    held = cases(("kompleks",), ("kompleks", "jaf"), (), ())
    assert range_of(make_worker(), held) == (30, 40, "jobafklaring")
    # Without the jaf case only 'komplekse' applies (2/3 >= 0.5).
    assert range_of(make_worker(), held[:1] + held[2:3] + held[:1]) == (35, 45, "komplekse")


def test_a_variant_without_a_tag_is_never_triggered() -> None:
    # 'tung' has no tag: only a worker naming it gets it, whatever the cases carry.
    assert range_of(make_worker(), cases(*plain(5, "tung"))) == (35, 50, None)


# ---------------------------------------------------------------------------------------
# Capacity


def cap(worker: Worker, on: date = ON, held: list[Case] | None = None) -> tuple[float, float]:
    result = capacity(worker, NORMS, CaseMix.of(held or []), on)
    return result.min, result.max


@pytest.mark.parametrize("hours", [37, 30, 18.5, 0.5, 60])
def test_capacity_scales_with_hours_over_full_time(hours: float) -> None:
    assert cap(make_worker(hours=hours)) == pytest.approx((35 * hours / 37, 50 * hours / 37))


@pytest.mark.parametrize(
    ("started", "on", "new_hire"),
    [
        (date(2026, 6, 15), date(2026, 6, 15), True),  # the first day
        (date(2026, 6, 15), date(2026, 12, 14), True),  # the last day of six months
        (date(2026, 6, 15), date(2026, 12, 15), False),  # started + 6 months: over
        (date(2026, 8, 31), date(2027, 2, 27), True),  # Aug 31 + 6 months = Feb 28
        (date(2026, 8, 31), date(2027, 2, 28), False),  # (clamped to the month's end)
        (date(2027, 8, 31), date(2028, 2, 28), True),  # leap year: Feb 29
        (date(2027, 8, 31), date(2028, 2, 29), False),
        (date(2026, 1, 1), date(2026, 6, 30), True),
        (date(2026, 1, 1), date(2026, 7, 1), False),
        (date(2020, 1, 1), ON, False),  # long since
    ],
)
def test_new_hire_factor_applies_until_started_plus_calendar_months(
    started: date, on: date, new_hire: bool
) -> None:
    factor = 0.5 if new_hire else 1.0
    assert cap(make_worker(started=started), on) == pytest.approx((35 * factor, 50 * factor))


def test_no_new_hire_factor_without_started_or_without_new_hire_in_norms() -> None:
    assert cap(make_worker()) == (35, 50)
    norms = NORMS.model_copy(update={"new_hire": None})
    worker = make_worker(started=ON)
    assert capacity(worker, norms, CaseMix(), ON).max == 50


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 10, 31), 4, date(2027, 2, 28)),
        (date(2026, 12, 15), 12, date(2027, 12, 15)),
        (date(2026, 7, 1), 6, date(2027, 1, 1)),
        (date(2026, 5, 30), 25, date(2028, 6, 30)),
    ],
)
def test_calendar_months_clamp_to_the_months_last_day(
    day: date, months: int, expected: date
) -> None:
    assert add_months(day, months) == expected


def test_each_duty_multiplies_capacity() -> None:
    assert cap(make_worker(duties=["koordinerende"])) == pytest.approx((35 * 0.8, 50 * 0.8))
    both = make_worker(duties=["koordinerende", "udvikling"])
    assert cap(both) == pytest.approx((35 * 0.8 * 0.9, 50 * 0.8 * 0.9))


def adjustment(factor: float, start: date | None, until: date | None) -> dict[str, Any]:
    out: dict[str, Any] = {"reason": "Tillidsrepræsentant", "factor": factor}
    if start:
        out["from"] = start
    if until:
        out["until"] = until
    return out


@pytest.mark.parametrize(
    ("on", "in_force"),
    [
        (date(2025, 12, 31), False),
        (date(2026, 1, 1), True),  # from is inclusive
        (date(2026, 3, 15), True),
        (date(2026, 6, 30), True),  # until is inclusive
        (date(2026, 7, 1), False),
    ],
)
def test_an_adjustment_counts_from_from_until_until_inclusive(on: date, in_force: bool) -> None:
    worker = make_worker(adjustments=[adjustment(0.8, date(2026, 1, 1), date(2026, 6, 30))])
    factor = 0.8 if in_force else 1.0
    assert cap(worker, on) == pytest.approx((35 * factor, 50 * factor))


def test_open_ended_adjustments_and_several_at_once() -> None:
    worker = make_worker(
        adjustments=[
            adjustment(0.8, None, date(2026, 12, 31)),  # until only
            adjustment(0.5, date(2026, 11, 1), None),  # from only
            adjustment(1.2, None, None),  # always
            adjustment(0.1, date(2027, 1, 1), None),  # not yet
        ]
    )
    assert cap(worker) == pytest.approx((35 * 0.8 * 0.5 * 1.2, 50 * 0.8 * 0.5 * 1.2))
    assert cap(worker, date(2027, 1, 1)) == pytest.approx(
        (35 * 0.5 * 1.2 * 0.1, 50 * 0.5 * 1.2 * 0.1)
    )
    assert schema.adjustment(adjustment(0.8, ON, ON)).in_force(ON)


def test_all_factors_multiply_the_variants_range() -> None:
    # Part-timer (30 h), new hire, coordinating, an adjustment, on the 'komplekse' variant.
    worker = make_worker(
        hours=30,
        started=date(2026, 10, 1),
        duties=["koordinerende"],
        adjustments=[adjustment(0.9, date(2026, 1, 1), None)],
    )
    held = cases(*plain(3, "kompleks"), *plain(1))
    multiplier = 30 / 37 * 0.5 * 0.8 * 0.9
    assert cap(worker, ON, held) == pytest.approx((35 * multiplier, 45 * multiplier))


# ---------------------------------------------------------------------------------------
# Weight, load, utilisation, status


@pytest.mark.parametrize(
    ("tags", "weight", "expected"),
    [
        ((), None, 1.0),
        (("ukendt",), None, 1.0),  # a tag without a weight
        (("enkel",), None, 0.5),  # the largest among its tags, even below 1.0
        (("enkel", "kompleks"), None, 1.5),
        (("kompleks", "meget-kompleks", "enkel"), None, 2.0),
        (("ukendt", "enkel"), None, 0.5),
        (("meget-kompleks",), 0.7, 0.7),  # an explicit weight overrides tag weights
        (("enkel",), 3.0, 3.0),
        ((), 2.25, 2.25),
    ],
)
def test_case_weight(tags: tuple[str, ...], weight: float | None, expected: float) -> None:
    assert case_weight(Case(id="K", tags=tags, weight=weight), NORMS) == expected


def test_load_utilisation_and_status_of_a_worker() -> None:
    # 10 plain (10), 4 kompleks (6), 2 enkel (1), one with weight 2.5: load 19.5 of 17 cases.
    held = [
        *cases(*plain(10)),
        *[Case(id=f"C{i}", tags=("kompleks",)) for i in range(4)],
        *[Case(id=f"E{i}", tags=("enkel",)) for i in range(2)],
        Case(id="W", tags=("kompleks",), weight=2.5),
    ]
    worker = make_worker(hours=18.5)  # half time: 17.5-25
    result = evaluate_worker(worker, held, NORMS, ON)
    assert result.cases == 17
    assert result.load == 10 + 4 * 1.5 + 2 * 0.5 + 2.5
    assert (result.min, result.max) == pytest.approx((17.5, 25.0))
    assert result.utilisation == pytest.approx(19.5 / 25)
    assert result.status is Status.WITHIN


@pytest.mark.parametrize(
    ("load", "expected"),
    [
        (34.999, Status.UNDER),
        (35, Status.WITHIN),  # exactly at min is within
        (42, Status.WITHIN),
        (50, Status.WITHIN),  # exactly at max is within
        (50.001, Status.OVER),
    ],
)
def test_status_boundaries(load: float, expected: Status) -> None:
    assert status_of(load, 35, 50) is expected


@pytest.mark.parametrize(
    ("area_max", "factor", "load"),
    [
        # 45 x 0.7 = 31.499999999999996 in floating point; 31.5 on paper.
        (45, 0.7, 31.5),
        # 50 x 1.1 = 55.00000000000001: with min = max, a load of 55 is not under.
        (50, 1.1, 55.0),
        (40, 0.8, 32.0),
    ],
)
def test_a_load_equal_to_a_float_product_limit_is_within(
    area_max: float, factor: float, load: float
) -> None:
    norms = schema.norm_set(
        {**SMALL_NORMS, "areas": {"a": {"label": "A", "min": area_max, "max": area_max}}}
    )
    worker = make_worker(area="a", adjustments=[adjustment(factor, None, None)])
    # Halves add up exactly, so the load is exactly the figure on paper.
    held = [Case(id=f"K{i}", weight=0.5) for i in range(round(load * 2))]
    result = evaluate_worker(worker, held, norms, ON)
    assert result.load == load
    # Both limits are the same float product; the load equals it on paper.
    assert result.status is Status.WITHIN, (result.load, result.min, result.max)


# ---------------------------------------------------------------------------------------
# Team


def small_team(held: list[Case], workers: list[Worker]) -> Team:
    return Team(id="t", name="T", norms=NORMS, workers=tuple(workers), cases=tuple(held))


def test_team_summary_by_hand() -> None:
    workers = [
        make_worker(id="a", hours=37),
        make_worker(id="b", hours=30, duties=["koordinerende"]),
        make_worker(id="c", area="fleksjob", hours=20),
    ]
    held = [
        # a: 30 plain sygedagpenge cases
        *[Case(id=f"A{i}", worker="a", area="sygedagpenge") for i in range(30)],
        # b: 16 kompleks (24.0) + 1 fleksjob case held out of area (1.0)
        *[Case(id=f"B{i}", worker="b", area="sygedagpenge", tags=("kompleks",)) for i in range(16)],
        Case(id="BX", worker="b", area="fleksjob"),
        # c: 12 plain fleksjob cases
        *[Case(id=f"C{i}", worker="c", area="fleksjob") for i in range(12)],
        # unassigned: 2 sygedagpenge (one weight 2), 3 in born (no workers), 1 without area
        Case(id="U1", area="sygedagpenge"),
        Case(id="U2", area="sygedagpenge", weight=2),
        *[Case(id=f"UB{i}", area="born", tags=("enkel",)) for i in range(3)],
        Case(id="U0"),
    ]
    summary = Assignment(small_team(held, workers), ON).summary()
    assert summary.cases == 30 + 17 + 12 + 6
    assert summary.unassigned == 6
    assert summary.load == pytest.approx(30 + 24 + 1 + 12 + 1 + 2 + 3 * 0.5 + 1)
    # a: 35-50; b: (35-50) x 30/37 x 0.8 (17 cases, 16/17 kompleks -> 'komplekse' 35-45);
    # c: 25-50 x 20/37.
    b = 30 / 37 * 0.8
    assert summary.capacity_min == pytest.approx(35 + 35 * b + 25 * 20 / 37)
    assert summary.capacity_max == pytest.approx(50 + 45 * b + 50 * 20 / 37)
    areas = {a.area: a for a in summary.areas}
    # Norm-set order; born shows because it has (unassigned) cases although no workers.
    assert [a.area for a in summary.areas] == ["sygedagpenge", "fleksjob", "born"]
    assert areas["sygedagpenge"].fte == pytest.approx((37 + 30) / 37)
    # The area's own max (50), not the variant's, and its unassigned cases included.
    assert areas["sygedagpenge"].fte_needed == pytest.approx((30 + 24 + 1 + 2) / 50)
    assert areas["fleksjob"].fte == pytest.approx(20 / 37)
    assert areas["fleksjob"].fte_needed == pytest.approx((1 + 12) / 50)
    assert areas["born"].fte == 0
    assert areas["born"].fte_needed == pytest.approx(1.5 / 30)
    # a: 30 < 35 under; b: 25 in 35 x b = 22.7 .. 45 x b = 29.2 within; c: 12 < 13.5 under.
    assert (summary.over, summary.within, summary.under) == (0, 1, 2)


def test_an_area_with_neither_workers_nor_cases_is_left_out() -> None:
    summary = Assignment(small_team([], [make_worker(id="a")]), ON).summary()
    assert [a.area for a in summary.areas] == ["sygedagpenge"]
    assert summary.areas[0].fte_needed == 0
    assert (summary.cases, summary.unassigned, summary.load) == (0, 0, 0)


def test_upcoming_changes_within_the_horizon() -> None:
    worker = make_worker(
        started=date(2026, 6, 15),  # new hire until 2026-12-14
        adjustments=[
            adjustment(0.8, date(2026, 1, 1), date(2026, 12, 31)),  # ends: back on 2027-01-01
            adjustment(0.5, date(2027, 1, 10), None),  # starts 2027-01-10
            adjustment(0.9, date(2027, 6, 1), None),  # beyond eight weeks
        ],
    )
    changes = upcoming_changes(worker, NORMS, CaseMix(), ON, weeks=8)
    assert [(c.on, c.what, c.kind) for c in changes] == [
        (date(2026, 12, 15), "new_hire", "ends"),
        (date(2027, 1, 1), "Tillidsrepræsentant", "ends"),
        (date(2027, 1, 10), "Tillidsrepræsentant", "starts"),
    ]
    # Capacity max the day before and on the day, by hand.
    assert [(c.capacity_max_before, c.capacity_max_after) for c in changes] == pytest.approx(
        [(50 * 0.5 * 0.8, 50 * 0.8), (50 * 0.8, 50), (50, 50 * 0.5)]
    )


# ON + 8 weeks = 2026-11-23 + 56 days = 2027-01-18: the last day the detail looks at.
HORIZON = date(2027, 1, 18)


@pytest.mark.parametrize(
    ("fields", "day", "what", "kind"),
    [
        # A new hire's factor ends on started + 6 months: 2026-07-18 + 6 months = the horizon.
        ({"started": date(2026, 7, 18)}, HORIZON, "new_hire", "ends"),
        # An adjustment that starts on the horizon.
        ({"adjustments": [adjustment(0.5, HORIZON, None)]}, HORIZON, "Tillidsrepræsentant",
         "starts"),
        # One whose last day is the day before: full capacity again on the horizon.
        ({"adjustments": [adjustment(0.5, None, date(2027, 1, 17))]}, HORIZON,
         "Tillidsrepræsentant", "ends"),
    ],
    ids=["new-hire-ends", "adjustment-starts", "adjustment-ends"],
)  # fmt: skip
def test_a_change_on_the_last_day_of_the_horizon_is_shown(
    fields: dict[str, Any], day: date, what: str, kind: str
) -> None:
    changes = upcoming_changes(make_worker(**fields), NORMS, CaseMix(), ON, weeks=8)
    assert [(c.on, c.what, c.kind) for c in changes] == [(day, what, kind)]
    before, after = (50 * 0.5, 50) if kind == "ends" else (50, 50 * 0.5)
    assert (changes[0].capacity_max_before, changes[0].capacity_max_after) == pytest.approx(
        (before, after)
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"started": date(2026, 7, 19)},  # the new-hire factor ends on 2027-01-19
        {"adjustments": [adjustment(0.5, date(2027, 1, 19), None)]},
        # In force through the horizon itself: capacity changes the day after.
        {"adjustments": [adjustment(0.5, None, HORIZON)]},
    ],
    ids=["new-hire-ends", "adjustment-starts", "adjustment-ends"],
)
def test_a_change_the_day_after_the_horizon_is_not(fields: dict[str, Any]) -> None:
    assert upcoming_changes(make_worker(**fields), NORMS, CaseMix(), ON, weeks=8) == []


def test_a_copied_team_indexes_its_own_workers_and_cases() -> None:
    # A team copied with fewer workers or cases must not keep the original's index
    # (the forecast copies teams for arrivals and departures).
    team = small_team(
        [Case(id="K-1", worker="a"), Case(id="K-2", worker="b")],
        [make_worker(id="a"), make_worker(id="b")],
    )
    assert set(team.workers_by_id) == {"a", "b"}
    fewer = team.model_copy(update={"workers": team.workers[:1], "cases": team.cases[:1]})
    assert set(fewer.workers_by_id) == {"a"}
    assert set(fewer.cases_by_id) == {"K-1"}
    assert set(team.replace(cases=()).cases_by_id) == set()
    assert set(team.workers_by_id) == {"a", "b"}  # the original is untouched
