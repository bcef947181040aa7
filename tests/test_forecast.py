"""The forecast rules (issue 10 section 2), each against figures worked out by hand.

Norms: team_helpers.SMALL_NORMS (sygedagpenge 35-50 and fleksjob 25-50 per full time, new
hires at 0.5 for six months). Every expected figure is written as the arithmetic the rule's
words give, step by step, never taken from planner.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from planner.core.events import AbsenceEvent, ArrivalEvent, DepartureEvent, IntakeEvent
from planner.core.forecast import forecast, week_dates
from planner.core.models import Case, Flow, Team, Worker
from planner.core.moves import UNASSIGNED
from planner.core.rules import Status
from planner.core.scenario import IssueKind, event_issues, intake_schedule, scenario_team
from planner.io import schema
from team_helpers import SMALL_NORMS

D = date(2026, 11, 23)  # a Monday; weeks start 11-23, 11-30, 12-07, 12-14 ...
NORMS = schema.norm_set({**SMALL_NORMS, "id": "test"})
SYG = "sygedagpenge"


def worker(worker_id: str, area: str = SYG, hours: float = 37, **fields: Any) -> Worker:
    return schema.worker(
        {"id": worker_id, "name": worker_id.upper(), "area": area, "hours": hours, **fields}
    )


def cases(holder: str, count: int, area: str = SYG, weight: float | None = None) -> list[Case]:
    return [
        Case(id=f"{holder or 'u'}-{area}-{i}", worker=holder or None, area=area, weight=weight)
        for i in range(count)
    ]


def team(workers: list[Worker], held: list[Case], **flows: Flow) -> Team:
    return Team(
        id="t",
        name="T",
        norms=NORMS,
        workers=tuple(workers),
        cases=tuple(held),
        flows=dict(flows),
    )


def holders(t: Team) -> dict[str, str]:
    return {c.id: c.worker or UNASSIGNED for c in t.cases}


def run(t: Team, weeks: int, events: tuple = ()) -> Any:
    return forecast(t, holders(t), D, weeks, events)


# ---------------------------------------------------------------------------------------
# Intake, closures, a departure and who takes the intake


def test_flow_week_by_week_by_hand() -> None:
    # a holds 40 cases, b 30 (b's last day is 2026-12-06), 10 unassigned; intake 6, 4 closed.
    t = team(
        [worker("a"), worker("b", left=date(2026, 12, 6))],
        cases("a", 40) + cases("b", 30) + cases("", 10),
        sygedagpenge=Flow(intake_per_week=6, closed_per_week=4),
    )
    f = run(t, 3)
    assert [w.on for w in f.weeks] == [D, date(2026, 11, 30), date(2026, 12, 7)]
    w0, w1, w2 = f.weeks
    # Week 0 is today: 80 cases of weight 1, so the average weight is 80 / 80 = 1.
    assert (w0.worker("a").load, w0.worker("b").load, w0.areas[0].load) == (40, 30, 80)
    # Week 0 -> 1 (both there on 11-23): rooms 50 - 40 = 10 and 50 - 30 = 20 share the 6 new
    # cases 2 : 4; then 4 x 1 closes, off each holder in proportion (a 42, b 34, u 10 of 86).
    a1 = 42 - 4 * 42 / 86
    b1 = 34 - 4 * 34 / 86
    u1 = 10 - 4 * 10 / 86
    assert w1.worker("a").load == pytest.approx(a1)
    assert w1.worker("b").load == pytest.approx(b1)
    assert w1.areas[0].load == pytest.approx(80 + 6 - 4)
    # Week 1 -> 2 (both still there on 11-30): rooms 50 - a1 and 50 - b1.
    room_a, room_b = 50 - a1, 50 - b1
    a1i = a1 + 6 * room_a / (room_a + room_b)
    b1i = b1 + 6 * room_b / (room_a + room_b)
    total = a1i + b1i + u1
    a2, b2 = a1i - 4 * a1i / total, b1i - 4 * b1i / total
    assert w2.worker("a").load == pytest.approx(a2)
    assert w2.worker("b").load == pytest.approx(b2)
    # Week 2 (12-07): b has left. Their cases stay with them, uncovered; 1 FTE is there.
    b_week2 = w2.worker("b")
    assert (b_week2.status, b_week2.utilisation, b_week2.max) == (Status.AWAY, None, 0.0)
    area = w2.areas[0]
    assert area.load == pytest.approx(84)
    assert area.uncovered == pytest.approx(b2)
    assert (area.fte.fte, area.fte.fte_effective) == (1.0, 1.0)
    assert area.fte.fte_needed == pytest.approx(84 / 50)
    assert area.fte.fte_missing == pytest.approx(84 / 50 - 1)
    # Weeks 0 and 1 are not short: 80 / 50 = 1.6 and 82 / 50 = 1.64 needed, 2 there.
    assert [w.areas[0].short for w in f.weeks] == [False, False, True]


def test_closures_never_take_the_load_below_0() -> None:
    # 2 cases of weight 1.5: the average case weighs 3 / 2 = 1.5, and 3 close a week
    # (4.5 of load): after one week nothing is left, not -1.5; it stays at 0.
    t = team([worker("a")], cases("a", 2, weight=1.5), sygedagpenge=Flow(closed_per_week=3))
    f = run(t, 3)
    assert [w.areas[0].load for w in f.weeks] == [3.0, 0.0, 0.0]
    assert [w.worker("a").load for w in f.weeks] == [3.0, 0.0, 0.0]


def test_intake_comes_in_before_closures_are_taken_off() -> None:
    # load 2 (2 cases of 1), intake 1 a week, 5 closed: max(0, 2 + 1 - 5) = 0, then
    # max(0, 0 + 1 - 5) = 0.
    t = team([worker("a")], cases("a", 2), sygedagpenge=Flow(intake_per_week=1, closed_per_week=5))
    assert [w.areas[0].load for w in run(t, 3).weeks] == [2.0, 0.0, 0.0]


def test_intake_weight_and_the_average_weight_of_closures() -> None:
    # 10 cases of 2 (load 20, average 2); 3 new a week of weight 1.5 and 1 closed:
    # + 3 x 1.5 - 1 x 2 = +2.5 a week.
    t = team(
        [worker("a")],
        cases("a", 10, weight=2),
        sygedagpenge=Flow(intake_per_week=3, closed_per_week=1, intake_weight=1.5),
    )
    assert [w.areas[0].load for w in run(t, 3).weeks] == pytest.approx([20, 22.5, 25])


def test_intake_goes_by_capacity_when_nobody_has_room() -> None:
    # a (37 h, max 50) holds 60; b (18.5 h, max 25) holds 30: no room anywhere, so the
    # 15 new cases go 50 : 25.
    t = team(
        [worker("a"), worker("b", hours=18.5)],
        cases("a", 60) + cases("b", 30),
        sygedagpenge=Flow(intake_per_week=15),
    )
    w1 = run(t, 2).weeks[1]
    assert w1.worker("a").load == pytest.approx(60 + 15 * 50 / 75)
    assert w1.worker("b").load == pytest.approx(30 + 15 * 25 / 75)


def test_intake_with_nobody_there_stays_unassigned_and_counts() -> None:
    t = team(
        [worker("a", adjustments=[{"reason": "Syg", "factor": 0}])],
        cases("a", 5),
        sygedagpenge=Flow(intake_per_week=4),
    )
    w1 = run(t, 2).weeks[1]
    assert w1.worker("a").load == 5  # away: takes no new cases
    assert (w1.areas[0].load, w1.areas[0].uncovered) == (9, 5)


# ---------------------------------------------------------------------------------------
# Events


def test_an_intake_event_applies_to_the_weeks_starting_on_or_after_its_from() -> None:
    t = team([worker("a")], cases("a", 10), sygedagpenge=Flow(intake_per_week=6))
    later = IntakeEvent.model_validate({"area": SYG, "per_week": 10, "from": date(2026, 12, 1)})
    dates = week_dates(D, 4)  # 11-23, 11-30, 12-07, 12-14
    assert intake_schedule(t, [later], dates) == {SYG: [6, 6, 10, 10]}
    # From exactly a week's first day: that week already.
    on_the_day = later.model_copy(update={"from_": date(2026, 11, 30)})
    assert intake_schedule(t, [on_the_day], dates) == {SYG: [6, 10, 10, 10]}
    # Without 'from': from the start. Two that apply: the later 'from' wins.
    always = IntakeEvent(area=SYG, per_week=2)
    assert intake_schedule(t, [later, always], dates) == {SYG: [2, 2, 10, 10]}
    # The load: week k is after k weeks of flow: 10, +6, +6, +10.
    assert [w.areas[0].load for w in run(t, 4, (later,)).weeks] == [10, 16, 22, 32]
    # An area without a flow in teams.toml can be given intake by an event alone.
    flex = IntakeEvent(area="fleksjob", per_week=3)
    assert intake_schedule(t, [flex], dates)["fleksjob"] == [3, 3, 3, 3]


def test_an_absence_event_defaults_to_factor_0_from_a_date() -> None:
    absence = AbsenceEvent.model_validate(
        {"worker": "a", "from": date(2026, 12, 1), "until": date(2026, 12, 31)}
    )
    assert absence.factor == 0
    t = team([worker("a"), worker("b")], cases("a", 40) + cases("b", 40))
    f = run(t, 7, (absence,))
    statuses = [w.worker("a").status for w in f.weeks]
    # 11-23 and 11-30 there; 12-07 .. 12-28 away; 2027-01-04 back.
    assert statuses == [Status.WITHIN, Status.WITHIN] + [Status.AWAY] * 4 + [Status.WITHIN]
    assert [w.areas[0].fte.fte for w in f.weeks] == [2, 2, 1, 1, 1, 1, 2]
    assert f.weeks[2].areas[0].uncovered == 40
    # 80 cases need 80 / 50 = 1.6 FTE: short by 0.6 in the weeks a is away.
    (short,) = f.shortfalls()
    first = short.first
    assert (first.week, first.on, first.away, first.reduced) == (2, date(2026, 12, 7), ("A",), ())
    assert first.missing == pytest.approx(1.6 - 1)
    assert (first.needed, first.effective) == (pytest.approx(1.6), 1.0)
    assert short.worst == first  # as short in weeks 3-5, and the first of equals is kept


def test_the_most_short_week_and_what_makes_it_so() -> None:
    # 90 cases (1.8 FTE needed) for a and b, both 37 h: fine; b drops to 0.5 from 12-07
    # (2 - 0.5 = 1.5 effective: 0.3 short), then a is away from 12-21 (0.5: 1.3 short).
    t = team(
        [
            worker("a", adjustments=[{"reason": "Syg", "factor": 0, "from": date(2026, 12, 21)}]),
            worker(
                "b", adjustments=[{"reason": "Kursus", "factor": 0.5, "from": date(2026, 12, 7)}]
            ),
        ],
        cases("a", 45) + cases("b", 45),
    )
    (short,) = run(t, 5).shortfalls()
    assert (short.first.week, short.first.reduced, short.first.away) == (2, ("B",), ())
    assert short.first.missing == pytest.approx(1.8 - 1.5)
    assert (short.worst.week, short.worst.reduced, short.worst.away) == (4, ("B",), ("A",))
    assert short.worst.missing == pytest.approx(1.8 - 0.5)


def test_a_departure_and_an_arrival_with_the_new_hire_factor() -> None:
    t = team([worker("a"), worker("b")], cases("a", 40) + cases("b", 40))
    events = (
        DepartureEvent.model_validate({"worker": "b", "date": date(2026, 11, 30)}),
        ArrivalEvent.model_validate(
            {"worker": "n", "name": "Ny", "area": SYG, "hours": 37, "date": date(2026, 12, 7)}
        ),
    )
    f = run(t, 3, events)
    w0, w1, w2 = f.weeks
    assert (w0.worker("b").status, w1.worker("b").status) == (Status.WITHIN, Status.WITHIN)
    assert w2.worker("b").status is Status.AWAY
    # The new hire is away (a vacancy) before 12-07, then at 35-50 x 0.5 with no cases.
    assert [w.worker("n").status for w in f.weeks] == [Status.AWAY, Status.AWAY, Status.UNDER]
    assert (w2.worker("n").min, w2.worker("n").max) == (35 * 0.5, 50 * 0.5)
    # Week 2: a and the new hire are there (37 + 37 hours), effective 1 + 0.5.
    area = w2.areas[0]
    assert (area.fte.fte, area.fte.fte_effective) == (2.0, 1.5)
    assert area.fte.fte_needed == pytest.approx(80 / 50)
    assert area.uncovered == 40


def test_events_naming_unknown_workers_or_areas_are_issues() -> None:
    t = team([worker("a")], [])
    events = [
        AbsenceEvent.model_validate({"worker": "zz", "from": D}),
        ArrivalEvent.model_validate(
            {"worker": "a", "name": "A2", "area": "nowhere", "hours": 37, "date": D}
        ),
        ArrivalEvent.model_validate(
            {"worker": "n", "name": "N", "area": SYG, "hours": 37, "date": date(2027, 1, 1)}
        ),
        DepartureEvent.model_validate({"worker": "n", "date": date(2026, 12, 31)}),
        AbsenceEvent.model_validate({"worker": "n", "from": date(2027, 2, 1)}),  # fine
        IntakeEvent(area="nowhere", per_week=1),
    ]
    assert [(i.index, i.kind, i.value) for i in event_issues(t, events)] == [
        (0, IssueKind.UNKNOWN_WORKER, "zz"),
        (1, IssueKind.WORKER_EXISTS, "a"),
        (1, IssueKind.UNKNOWN_AREA, "nowhere"),
        (3, IssueKind.LEAVES_BEFORE_START, "n"),
        (5, IssueKind.UNKNOWN_AREA, "nowhere"),
    ]


def test_scenario_team_keeps_the_team_and_its_lookups_fresh() -> None:
    t = team([worker("a")], cases("a", 3))
    arrival = ArrivalEvent.model_validate(
        {"worker": "n", "name": "N", "area": SYG, "hours": 30, "date": D}
    )
    made = scenario_team(t, [arrival])
    assert set(made.workers_by_id) == {"a", "n"} and set(t.workers_by_id) == {"a"}
    assert made.workers_by_id["n"].started == D and made.cases == t.cases


# ---------------------------------------------------------------------------------------
# The calendar's end


def test_weeks_stop_where_the_calendar_ends() -> None:
    start = date(9999, 12, 20)
    assert week_dates(start, 12) == [start, date(9999, 12, 27)]
    t = team([worker("a")], cases("a", 40), sygedagpenge=Flow(intake_per_week=1))
    f = forecast(t, holders(t), start, 12)
    assert [w.on for w in f.weeks] == [start, date(9999, 12, 27)] and f.requested == 12
    assert forecast(t, holders(t), date.max, 3).weeks[0].on == date.max
