"""Plan format 2: what-if [[events]] in plan files. Format 1 still opens and saves unchanged;
events round-trip exactly; an event that names an unknown worker or area is a clear error."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.cpr import find_cpr
from planner.core.events import (
    AbsenceEvent,
    ArrivalEvent,
    DepartureEvent,
    Event,
    IntakeEvent,
    event_from,
)
from planner.core.models import Team
from planner.core.moves import Assignment
from planner.core.problems import ProblemsFound
from planner.core.reconcile import reconcile
from planner.core.scenario import event_issues
from planner.i18n import problem_text
from planner.io.plans import plan_from, read_plan, write_plan
from plans_support import ON, WORKERS, make_team
from test_plans import _ops as moves_ops
from test_plans import apply_ops


@pytest.fixture
def team_dir(tmp_path: Path):
    return make_team(tmp_path)


FORMAT_1 = """\
format = 1
team = "lille"
created = 2026-11-23T10:15:00+01:00
author = "kollega"
cases_fingerprint = "{fingerprint}"
note = "Første udkast"

[[moves]]
case = "K-001"
from = "ab"
to = "cd"
reason = "Sagstalsudligning"
"""

EVENTS = """\

[[events]]
kind = "absence"
worker = "ab"
from = 2027-03-01
until = 2027-12-31
factor = 0.0
reason = "Barsel"

[[events]]
kind = "departure"
worker = "cd"
date = 2027-01-31

[[events]]
kind = "arrival"
worker = "nn"
name = "Ny Kollega"
area = "jobparate-over-30"
hours = 37.0
date = 2027-02-01

[[events]]
kind = "intake"
area = "sygedagpenge"
per_week = 6.0
from = 2027-01-04
"""


def test_a_format_1_plan_opens_and_saves_byte_for_byte(team_dir, tmp_path: Path) -> None:
    team = team_dir.team()
    path = tmp_path / "old.toml"
    path.write_text(FORMAT_1.format(fingerprint=team.cases_fingerprint), "utf-8")
    first = path.read_bytes()
    plan = read_plan(path, team)
    assert (plan.format, plan.events) == (1, ())
    assignment = Assignment(team, ON)
    reconcile([m.as_move() for m in plan.moves], assignment)
    write_plan(path, plan_from(assignment, note=plan.note, previous=plan), team)
    assert path.read_bytes() == first


def test_the_documented_events_read_and_write_back_the_same(team_dir, tmp_path: Path) -> None:
    team = team_dir.team()
    path = tmp_path / "what-if.toml"
    text = FORMAT_1.format(fingerprint=team.cases_fingerprint).replace("format = 1", "format = 2")
    path.write_text(text + EVENTS, "utf-8")
    plan = read_plan(path, team)
    assert plan.format == 2
    absence, departure, arrival, intake = plan.events
    assert isinstance(absence, AbsenceEvent) and absence.until == date(2027, 12, 31)
    assert isinstance(departure, DepartureEvent) and departure.day == date(2027, 1, 31)
    assert isinstance(arrival, ArrivalEvent) and (arrival.name, arrival.hours) == ("Ny Kollega", 37)
    assert isinstance(intake, IntakeEvent) and intake.per_week == 6
    assignment = Assignment(team, ON)
    reconcile([m.as_move() for m in plan.moves], assignment)
    again = plan_from(assignment, note=plan.note, previous=plan, events=plan.events)
    assert again.to_toml() == path.read_text("utf-8")


def test_a_plan_gets_format_2_once_it_has_events(team_dir) -> None:
    assignment = team_dir.assignment()
    assert plan_from(assignment).format == 1
    leave = AbsenceEvent.model_validate({"worker": "ab", "from": date(2027, 3, 1)})
    plan = plan_from(assignment, events=[leave])
    assert plan.format == 2
    assert "[[events]]" in plan.to_toml() and "from = 2027-03-01" in plan.to_toml()
    # Opened as format 2, it stays format 2 without events (its bytes stay its bytes).
    assert plan_from(assignment, previous=plan).format == 2


def _problems(path: Path, team, lang: str = "en") -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        read_plan(path, team)
    return [problem_text(p, lang) for p in caught.value.problems]


def test_events_that_name_unknown_workers_or_areas(team_dir, tmp_path: Path) -> None:
    team = team_dir.team()
    text = FORMAT_1.format(fingerprint=team.cases_fingerprint).replace("format = 1", "format = 2")
    bad = (
        EVENTS.replace('worker = "ab"', 'worker = "zz"')
        .replace('area = "sygedagpenge"', 'area = "ingen"')
        .replace('worker = "nn"', 'worker = "gh"')
    )
    path = tmp_path / "p.toml"
    path.write_text(text + bad, "utf-8")
    found = [line.removeprefix(str(path) + ", ") for line in _problems(path, team)]
    blank = text.count("\n") + 1  # the blank line before the first [[events]]
    assert found == [
        f"line {blank + 3}, event 1 (absence), worker: worker 'zz' is not in team 'lille'. "
        "Use the id of a worker in teams.toml, or of one who arrives in an earlier event.",
        f"line {blank + 16}, event 3 (arrival), worker: worker id 'gh' is taken. "
        "Give the new worker an id of their own.",
        f"line {blank + 24}, event 4 (intake), area: area 'ingen' is not in the team's norm "
        "set. Use an area of the norm set, by its id or its label (as in teams.toml).",
    ]


def test_events_in_a_format_1_file_and_broken_events(team_dir, tmp_path: Path) -> None:
    team = team_dir.team()
    text = FORMAT_1.format(fingerprint=team.cases_fingerprint)
    path = tmp_path / "p.toml"
    path.write_text(text + EVENTS, "utf-8")
    (problem,) = _problems(path, team)
    assert "line 1, format: has [[events]], which need format 2 (the file says 1)" in problem
    broken = (
        '\n[[events]]\nkind = "ferie"\nworker = "ab"\n'
        '\n[[events]]\nworker = "ab"\n'
        '\n[[events]]\nkind = "absence"\nworker = "ab"\nfrom = "marts"\nfactor = 2.0\n'
    )
    path.write_text(text.replace("format = 1", "format = 2") + broken, "utf-8")
    found = "\n".join(_problems(path, team))
    assert "event 1 (ferie): 'ferie' is not a known kind. Use one of: " in found
    assert '"absence", "departure", "arrival", "intake"' in found
    assert "event 2: 'kind' is missing" in found
    assert "event 3 (absence), from: is not a date" in found
    assert "event 3 (absence), factor: must be from 0 (away) to 1.5 (got 2.0)" in found


def test_an_absence_from_after_until_is_said_in_danish_too(team_dir, tmp_path: Path) -> None:
    # It stayed English with --lang da: the event's check raised a plain ValueError.
    team = team_dir.team()
    event = '\n[[events]]\nkind = "absence"\nworker = "ab"\nfrom = 2027-03-10\nuntil = 2027-03-01\n'
    path = tmp_path / "p.toml"
    path.write_text(_format_2(team) + event, "utf-8")
    (english,) = _problems(path, team)
    assert "event 1 (absence): 'from' (2027-03-10) is after 'until' (2027-03-01)" in english
    (danish,) = _problems(path, team, "da")
    assert "hændelse 1 (absence): 'from' (2027-03-10) ligger efter 'until' (2027-03-01)" in danish


def _format_2(team) -> str:
    return FORMAT_1.format(fingerprint=team.cases_fingerprint).replace("format = 1", "format = 2")


@pytest.mark.parametrize(
    ("event", "keys"),
    [
        ('kind = "departure"\nworker = "cd"\nlast_day = 2027-01-31\n', "date, kind, worker"),
        # The code's own names are not the file's: day for date, from_ for from.
        ('kind = "departure"\nworker = "cd"\nday = 2027-01-31\n', "date, kind, worker"),
        ('kind = "absence"\nworker = "ab"\nfrom_ = 2027-03-01\n',
         "factor, from, kind, reason, until, worker"),
        ('kind = "absence"\nworker = "ab"\nfrom = 2027-03-01\ndate = 2027-03-02\n',
         "factor, from, kind, reason, until, worker"),
        ('kind = "intake"\narea = "fleksjob"\nper_week = 2.0\nweekly = 3\n',
         "area, from, kind, per_week"),
    ],
)  # fmt: skip
def test_an_unknown_key_in_an_event_lists_the_keys_of_its_kind(
    team_dir, tmp_path: Path, event: str, keys: str
) -> None:
    team = team_dir.team()
    path = tmp_path / "p.toml"
    path.write_text(_format_2(team) + "\n[[events]]\n" + event, "utf-8")
    (found,) = [line for line in _problems(path, team) if "unknown key" in line]
    assert f"Check the spelling; allowed here: {keys}." in found


@pytest.mark.parametrize(
    ("key", "value", "english", "danish"),
    [
        ("per_week", "1e300", "must be from 0 to 10,000 new cases a week (got 1e+300). Write "
         "the new cases the area expects a week, e.g. per_week = 6.",
         "skal være fra 0 til 10.000 nye sager om ugen (der står 1e+300). Skriv det antal nye "
         "sager, området forventer om ugen, fx per_week = 6."),
        ("per_week", "-1.0", "(got -1.0)", "(der står -1.0)"),
        ("hours", "0.0", "must be above 0 and at most 60 hours a week (got 0.0)",
         "skal være over 0 og højst 60 timer om ugen (der står 0.0)"),
        ("factor", "1.6", "must be from 0 (away) to 1.5 (got 1.6). Write the factor the worker "
         "works at: factor = 0 for away, 0.5 for half.",
         "skal være fra 0 (fraværende) til 1,5 (der står 1.6)"),
    ],
)  # fmt: skip
def test_a_figure_out_of_bounds_is_said_in_both_languages(
    team_dir, tmp_path: Path, key: str, value: str, english: str, danish: str
) -> None:
    team = team_dir.team()
    path = tmp_path / "p.toml"
    text = EVENTS.replace(
        {"per_week": "per_week = 6.0", "hours": "hours = 37.0", "factor": "factor = 0.0"}[key],
        f"{key} = {value}",
    )
    path.write_text(_format_2(team) + text, "utf-8")
    (found,) = _problems(path, team)
    assert english in found and "Input should be" not in found
    (found,) = _problems(path, team, "da")
    assert danish in found


def test_the_bounds_said_are_the_bounds_kept() -> None:
    from planner.core.events import INTAKE_MAX
    from planner.core.models import FACTOR_MAX, HOURS_MAX
    from planner.core.rules import CAPACITY_CEILING, CAPACITY_FLOOR
    from planner.i18n import fmt_plain, t

    for lang in ("en", "da"):
        assert f" {fmt_plain(FACTOR_MAX, lang)} " in t("plan_event.factor", lang, got="x")
        assert f" {fmt_plain(HOURS_MAX, lang)} " in t("plan_event.hours", lang, got="x")
        assert f" {fmt_plain(CAPACITY_FLOOR, lang)} " in t(
            "plan_event.capacity_low", lang, worker="x"
        )
    assert "10,000" in t("plan_event.per_week", "en", got="x") and INTAKE_MAX == 10_000
    assert "10.000" in t("plan_event.per_week", "da", got="x")
    assert "1,000,000" in t("plan_event.capacity_high", "en", worker="x")
    assert CAPACITY_CEILING == 1_000_000


@pytest.mark.parametrize(
    "written", ["Jobparate over 30", "JOBPARATE-OVER-30", "  jobparate   over 30 "]
)
def test_an_area_may_be_named_by_its_label_in_any_case(
    team_dir, tmp_path: Path, written: str
) -> None:
    """As the case loader reads an export: the norm set's id or label, case and spacing
    aside. The plan then holds the id (and writes it back so)."""
    team = team_dir.team()
    path = tmp_path / "p.toml"
    text = EVENTS.replace('area = "jobparate-over-30"', f'area = "{written}"').replace(
        'area = "sygedagpenge"', 'area = "Sygedagpenge"'
    )
    path.write_text(_format_2(team) + text, "utf-8")
    plan = read_plan(path, team)
    _, _, arrival, intake = plan.events
    assert isinstance(arrival, ArrivalEvent) and arrival.area == "jobparate-over-30"
    assert isinstance(intake, IntakeEvent) and intake.area == "sygedagpenge"
    path.write_text(_format_2(team) + text.replace(f'area = "{written}"', 'area = "Jobparat"'))
    (found,) = _problems(path, team)
    assert "area 'Jobparat' is not in the team's norm set" in found


def test_a_date_in_quotes_is_refused_with_how_to_write_it(team_dir, tmp_path: Path) -> None:
    team = team_dir.team()
    path = tmp_path / "p.toml"
    text = EVENTS.replace("from = 2027-01-04", 'from = "2027-01-04"').replace(
        "date = 2027-01-31", "date = '2027-01-31'"
    )
    path.write_text(_format_2(team) + text, "utf-8")
    found = _problems(path, team)
    assert [line.split(", ", 1)[1] for line in found] == [
        f"line {_format_2(team).count(chr(10)) + 13}, event 2 (departure), date: is text in "
        "quotes, not a date. Write dates as TOML dates, without quotes: date = 2027-01-31.",
        f"line {_format_2(team).count(chr(10)) + 27}, event 4 (intake), from: is text in "
        "quotes, not a date. Write dates as TOML dates, without quotes: from = 2027-01-04.",
    ]
    assert "uden anførselstegn: from = 2027-01-04." in _problems(path, team, "da")[1]
    # The journal writes dates as ISO strings (JSON): those are read as dates still.
    leave = event_from({"kind": "absence", "worker": "ab", "from": "2027-03-01"})
    assert isinstance(leave, AbsenceEvent) and leave.from_ == date(2027, 3, 1)


def test_a_fault_is_named_once_where_it_is(team_dir) -> None:
    team = team_dir.team()
    tiny, half = (
        AbsenceEvent.model_validate({"worker": "ab", "from": ON, "factor": factor})
        for factor in (1e-7, 0.5)
    )
    assert [(i.index, i.kind.value, i.key) for i in event_issues(team, [tiny, half])] == [
        (0, "capacity_low", "factor")
    ]
    assert event_issues(team, [half, half, half]) == []
    away = AbsenceEvent.model_validate({"worker": "ab", "from": ON})
    assert event_issues(team, [away, tiny.model_copy(update={"worker": "cd"})])[0].value == "cd"


def test_cpr_in_an_event_is_refused_without_echoing_it(team_dir, tmp_path: Path) -> None:
    team = team_dir.team()
    text = FORMAT_1.format(fingerprint=team.cases_fingerprint).replace("format = 1", "format = 2")
    path = tmp_path / "p.toml"
    path.write_text(text + EVENTS.replace('reason = "Barsel"', 'reason = "0101901234"'), "utf-8")
    found = "\n".join(_problems(path, team))
    assert "event 1 (absence), reason: holds what looks like a CPR number" in found
    assert "0101901234" not in found


# ---------------------------------------------------------------------------------------
# Round trip (property): any moves and any valid events, saved and reopened, are the same

_days = st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31))
_text = st.text(min_size=1, max_size=20).filter(lambda s: find_cpr(s) is None and s.strip() != "")
# Away, or a factor that keeps even eight overlapping absences above the capacity floor.
_factor = st.one_of(st.just(0.0), st.floats(min_value=0.5, max_value=1.5, allow_nan=False))


@st.composite
def _absence(draw: st.DrawFn) -> Event:
    start = draw(_days)
    until = draw(st.one_of(st.none(), _days.filter(lambda d: d >= start)))
    return AbsenceEvent.model_validate(
        {"worker": draw(st.sampled_from(WORKERS)), "from": start, "until": until,
         "factor": draw(_factor), "reason": draw(st.one_of(st.none(), _text))}
    )  # fmt: skip


_events = st.lists(
    st.one_of(
        _absence(),
        st.builds(
            lambda w, d: DepartureEvent.model_validate({"worker": w, "date": d}),
            st.sampled_from(WORKERS),
            _days,
        ),
        st.builds(
            lambda n, h, d, a: ArrivalEvent.model_validate(
                {"worker": f"new-{n}", "name": f"Ny {n}", "area": a, "hours": h, "date": d}
            ),
            st.integers(0, 1_000_000),
            st.floats(min_value=0.5, max_value=60, allow_nan=False),
            _days,
            st.sampled_from(["jobparate-over-30", "sygedagpenge"]),
        ),
        st.builds(
            lambda a, p, d: IntakeEvent.model_validate({"area": a, "per_week": p, "from": d}),
            st.sampled_from(["jobparate-over-30", "sygedagpenge", "fleksjob"]),
            st.floats(min_value=0, max_value=50, allow_nan=False),
            st.one_of(st.none(), _days),
        ),
    ),
    max_size=8,
    # Arrivals need ids of their own.
    unique_by=lambda e: e.worker if isinstance(e, ArrivalEvent) else id(e),
)


@pytest.fixture(scope="module")
def roundtrip_team(tmp_path_factory: pytest.TempPathFactory) -> Team:
    return make_team(tmp_path_factory.mktemp("events-roundtrip")).team()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=moves_ops, events=_events, note=st.text(max_size=20).filter(lambda t: not find_cpr(t)))
def test_save_reopen_save_keeps_moves_and_events(
    roundtrip_team: Team, ops: list[tuple], events: list, note: str
) -> None:
    team = roundtrip_team
    live = Assignment(team, ON)
    apply_ops(live, ops)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plans" / "p.toml"
        made = plan_from(live, note=note, events=events).model_copy(
            update={"created": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "author": "kollega"}
        )
        write_plan(path, made, team)
        first = path.read_bytes()
        plan = read_plan(path, team)
        assert plan.events == tuple(events)
        assert plan.format == (2 if events else 1)
        reopened = Assignment(team, ON)
        assert reconcile([m.as_move() for m in plan.moves], reopened).leftovers == []
        assert reopened.snapshot() == live.snapshot()
        write_plan(
            path, plan_from(reopened, note=plan.note, previous=plan, events=plan.events), team
        )
        assert path.read_bytes() == first
