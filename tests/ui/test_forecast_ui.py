"""The board's forecast view (w), through the real app: add an absence, see the grid change,
undo and redo it, edit and remove events, save the plan (format 2) and reopen it; the grid
fits 80 columns and scrolls through the weeks; someone away today on the board."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest
from board_helpers import (
    DAY,
    demo_team,
    header_text,
    make_app,
    screen_text,
    show_worker,
    worker_text,
)
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets._footer import FooterKey

from planner.core.events import AbsenceEvent, ArrivalEvent
from planner.core.moves import Assignment
from planner.core.rules import Status
from planner.core.scenario import Scenario, scenario_team
from planner.io.journal import journal_path
from planner.io.plans import read_plan
from planner.io.session import PlanSession
from planner.ui.app import PlannerApp
from planner.ui.planning import PlanningApp, SaveScreen
from planner.ui.screens.dialogs import ChoiceScreen
from planner.ui.screens.forecast import EventForm, ForecastScreen
from plans_support import make_team


def grid(app: PlannerApp) -> ForecastScreen:
    screen = app.screen
    assert isinstance(screen, ForecastScreen)
    return screen


def cell(app: PlannerApp, worker_id: str, week: int) -> str:
    """The cell the grid draws for a worker and week (the same text the CLI prints)."""
    screen = grid(app)
    assert screen.forecast is not None
    wl = screen.forecast.weeks[week].worker(worker_id)
    from planner.i18n.forecast import cell_of

    return cell_of(wl, app.lang).text


def grid_lines(app: PlannerApp) -> list[str]:
    return str(grid(app).grid.render()).splitlines()


async def type_into(pilot: Pilot, field: str, text: str) -> None:
    """Clear a field of the form and type `text`, as a user does."""
    form = pilot.app.screen
    assert isinstance(form, EventForm)
    box = form.query_one(f"#field-{field}", Input)
    box.focus()
    await pilot.pause()
    await pilot.press("end", *["backspace"] * len(box.value), *text)


async def add_absence(pilot: Pilot, start: str, until: str = "", factor: str = "") -> None:
    await pilot.press("a")  # add ...
    assert isinstance(pilot.app.screen, ChoiceScreen)
    await pilot.press("a")  # ... an absence
    await pilot.pause()
    assert isinstance(pilot.app.screen, EventForm)
    await type_into(pilot, "from", start)
    if until:
        await type_into(pilot, "until", until)
    if factor:
        await type_into(pilot, "factor", factor)
    await pilot.press("enter")
    await pilot.pause()


async def test_add_an_absence_see_the_grid_change_undo_and_redo() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await show_worker(pilot, "st")  # Sofie Thomsen: the form's default worker
        await pilot.press("w")
        await pilot.pause()
        before = [cell(app, "st", k) for k in range(4)]
        assert all(c.startswith(("✓", "▲", "▼")) for c in before)
        missing_before = grid(app).forecast.weeks[2].area("sygedagpenge").fte.fte_missing

        await add_absence(pilot, "2026-12-07")
        assert isinstance(app.screen, ForecastScreen)
        (event,) = app.scenario.events
        assert isinstance(event, AbsenceEvent)
        assert (event.worker, event.from_, event.factor) == ("st", date(2026, 12, 7), 0.0)
        # Weeks 0 and 1 as before; from week 2 (12-07) Sofie is away: the word, no percentage.
        assert [cell(app, "st", k) for k in range(2)] == before[:2]
        assert cell(app, "st", 2) == cell(app, "st", 3) == "○   away"
        week2 = grid(app).forecast.weeks[2].area("sygedagpenge")
        assert week2.fte.fte_missing > missing_before + 0.5 and week2.uncovered > 0
        sofie = next(line for line in grid_lines(app) if "Sofie Thomsen" in line)
        assert sofie.split()[-8:-4] == ["○", "away", "○", "away"] and "%" not in sofie[-30:]
        listing = app.screen.query_one("#events-list", OptionList)
        assert listing.option_count == 1
        assert "Absence · Sofie Thomsen · from 2026-12-07 · away" in str(
            listing.get_option_at_index(0).prompt
        )
        assert "1 what-if event" in header_text(app)

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.scenario.events == ()
        assert [cell(app, "st", k) for k in range(4)] == before
        assert app.screen.query_one("#events-list", OptionList).option_count == 0

        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.scenario.events == (event,)
        assert cell(app, "st", 2) == "○   away"


async def test_edit_and_remove_an_event_and_moves_share_the_undo() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await show_worker(pilot, "op")
        await pilot.press("w")
        await add_absence(pilot, "2026-11-30", until="2026-12-13")
        assert cell(app, "op", 1).startswith("○") and not cell(app, "op", 3).startswith("○")
        # Edit: half capacity instead of away.
        await pilot.press("tab")  # to the events list
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        await type_into(pilot, "factor", "0,5")
        await pilot.press("enter")
        await pilot.pause()
        (event,) = app.scenario.events
        assert event.factor == 0.5 and event.until == date(2026, 12, 13)
        assert cell(app, "op", 1).startswith(("▲", "✓", "▼"))
        # A move on the board joins the same history: undo takes back the last step first.
        await pilot.press("w")  # back to the board
        await pilot.pause()
        assert app.screen is app.board
        case = next(
            c for c in app.assignment.cases_of("op")
            if not app.assignment.case(c).pinned and not app.assignment.case(c).household
        )  # fmt: skip
        load_before = grid_load = app.assignment.evaluate("qr").load
        assert app.move_cases([case], "qr") != []
        await pilot.press("w")
        await pilot.pause()
        # The forecast starts from the board as it is now (the move included).
        grid_load = grid(app).forecast.weeks[0].worker("qr").load
        assert grid_load == app.assignment.evaluate("qr").load > load_before
        await pilot.press("tab", "x")
        await pilot.pause()
        assert app.scenario.events == ()
        await pilot.press("ctrl+z")  # the removal
        await pilot.pause()
        assert app.scenario.events == (event,) and app.assignment.holder(case) == "qr"
        await pilot.press("ctrl+z")  # then the move
        await pilot.pause()
        assert app.assignment.holder(case) == "op" and app.scenario.events == (event,)
        assert grid(app).forecast.weeks[0].worker("qr").load == load_before
        await pilot.press("ctrl+z")  # then the edit
        await pilot.pause()
        assert app.scenario.events[0].factor == 0.0


async def test_the_form_refuses_what_does_not_fit_and_says_why() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "a", "n")  # a new colleague
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventForm) and form.kind == "arrival"
        await type_into(pilot, "worker", "ab")  # taken
        await type_into(pilot, "name", "Ny kollega")
        await type_into(pilot, "date", "2027-02-01")
        await pilot.press("enter")
        await pilot.pause()
        error = str(form.query_one("#event-error", Static).render())
        assert "The id 'ab' is taken" in error
        # Exactly YYYY-MM-DD: Python's own reading would take 20270201, or ten digits.
        for typed in ("1. februar", "20270201", "0102031234"):
            await type_into(pilot, "date", typed)
            await pilot.press("enter")
            await pilot.pause()
            error = str(form.query_one("#event-error", Static).render())
            assert "write a date as YYYY-MM-DD" in error, typed
        await type_into(pilot, "worker", "nk")
        await type_into(pilot, "date", "2027-02-01")
        await type_into(pilot, "hours", "0")
        await pilot.press("enter")
        await pilot.pause()
        assert "Hours a week: must be above 0 and at most 60." in str(
            form.query_one("#event-error", Static).render()
        )
        await type_into(pilot, "hours", "37")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ForecastScreen)
        (arrival,) = app.scenario.events
        assert isinstance(arrival, ArrivalEvent) and arrival.worker == "nk"
        # The new colleague has a row: away (a vacancy) until 2027-02-01.
        assert cell(app, "nk", 0) == "○   away"
        assert any("Ny kollega" in line for line in grid_lines(app))


@pytest.mark.parametrize(
    ("highlighted", "area"),
    [
        # Unassigned highlighted: the team's first area as the grid lists them, never the
        # norm set's first ('born', Børn), where nobody in this team works.
        (None, "handicap-psykiatri-voksne"),
        ("op", "sygedagpenge"),  # the highlighted worker's area
    ],
)
@pytest.mark.parametrize("kind", ["n", "i"])  # a new colleague, an intake
async def test_the_form_offers_an_area_of_this_team(
    highlighted: str | None, area: str, kind: str
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        if highlighted:
            await show_worker(pilot, highlighted)
        await pilot.press("w", "a", kind)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventForm)
        assert form.query_one("#field-area", Select).value == area
        assert area in {w.area for w in demo_team().workers}


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [("en", "The coming week from", "The coming 26 weeks from"),
     ("da", "Den kommende uge fra", "De kommende 26 uger fra")],
)  # fmt: skip
async def test_the_title_says_1_week_in_the_singular(lang: str, one: str, many: str) -> None:
    # The calendar ends after 9999-12-31: from 9999-12-27 only one week fits.
    for day, expected in ((date(9999, 12, 27), one), (DAY, many)):
        app = PlannerApp(Assignment(demo_team(), day), lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("w")
            await pilot.pause()
            title = str(app.screen.query_one("#forecast-title").render())
            assert title.startswith(expected), title


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("planning", [False, True])
async def test_the_footer_shows_whole_labels_at_80_columns(
    team_dir, lang: str, planning: bool
) -> None:
    """Every key the forecast view's footer shows is whole ("^z Undo", never "^z U…"),
    with events or none, the grid or the events focused, in both languages."""
    if planning:
        assignment = Assignment(team_dir.team(), DAY)
        app: PlannerApp = PlanningApp(
            assignment, PlanSession.open(team_dir.config, assignment), lang=lang
        )
    else:
        app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()

        def assert_whole() -> None:
            line = screen_text(app).splitlines()[-1]
            assert "…" not in line, line
            for key in app.screen.query(FooterKey):
                shown = f"{key.key_display} {key.description}"
                assert shown in line, (shown, line)
                assert key.region.right <= 80

        assert_whole()
        await add_absence(pilot, DAY.isoformat(), factor="0,5")
        assert_whole()
        await pilot.press("tab")
        await pilot.pause()
        assert_whole()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert_whole()


@pytest.mark.parametrize("lang", ["en", "da"])
async def test_the_form_keeps_the_capacity_floor(lang: str) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_worker(pilot, "st")
        await pilot.press("w")
        await add_absence(pilot, "2026-11-23", factor="0,0000001")
        form = app.screen
        assert isinstance(form, EventForm) and app.scenario.events == ()
        error = str(form.query_one("#event-error", Static).render())
        assert {
            "en": "That leaves 'st' a capacity too small to plan with: for someone away use "
            "factor 0",
            "da": "Så får 'st' en kapacitet, der er for lille at planlægge med: brug faktor 0",
        }[lang] in error
        await type_into(pilot, "factor", "0")  # away: allowed
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ForecastScreen) and len(app.scenario.events) == 1


async def test_read_only_refuses_events_before_a_form_opens() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_read_only(True, "the team is open in another session.")
        await pilot.press("w", "a")
        await pilot.pause()
        assert isinstance(app.screen, ForecastScreen) and app.scenario.events == ()
        assert "Read-only: the team is open in another session. The what-if events are " in (
            "\n".join(str(n.message) for n in app._notifications)
        )


async def test_the_grid_fits_80_columns_and_scrolls_through_the_weeks() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        screen = grid(app)
        width = screen.grid.size.width
        assert width <= 80
        lines = grid_lines(app)
        assert all(len(line) <= width for line in lines)
        shown = screen.grid.shown_range()
        assert shown.start == 0 and len(shown) >= 5  # several weeks at 80 columns
        assert lines[0].rstrip().endswith("›") and "wk 0" in lines[0]
        await pilot.press("right", "right")
        await pilot.pause()
        lines = grid_lines(app)
        assert screen.grid.first_week == 2 and lines[0].startswith("‹")
        assert "wk 2" in lines[0] and "wk 0" not in lines[0]
        for _ in range(40):
            await pilot.press("right")
        assert screen.grid.shown_range().stop == len(screen.forecast.weeks)
        assert not grid_lines(app)[0].rstrip().endswith("›")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.board


async def test_the_forecast_view_in_danish() -> None:
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        title = str(app.screen.query_one("#forecast-title").render())
        assert "De kommende 26 uger fra 2026-11-23 · en fremskrivning, ikke en plan" in title
        lines = grid_lines(app)
        assert "uge 0" in lines[0] and "23/11" in lines[1]
        assert any("Mangler årsværk" in line and "0,71" in line for line in lines)


async def test_someone_on_leave_today_is_away_on_the_board_and_needs_cover() -> None:
    leave = AbsenceEvent.model_validate({"worker": "st", "from": date(2026, 11, 1)})
    team = scenario_team(demo_team(), [leave])  # as if teams.toml said so
    app = PlannerApp(Assignment(team, DAY), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = worker_text(app, "st")
        assert text.startswith(" ○ Sofie Thomsen") and "needs cover" in text and "%" not in text
        assert app.assignment.evaluate("st").status is Status.AWAY
        header = header_text(app)
        assert "▲8 ✓2 ▼2 ○1" in header  # the short form at 100 columns


@pytest.mark.parametrize(
    ("lang", "said", "note"),
    [
        ("en", "1 what-if event (1 in force today, in w only)",
         "1 of the plan's what-if events is in force on 2026-11-23. The board shows the team "
         "as its files have it; the weeks (w) apply the events"),
        ("da", "1 hændelse (1 gælder i dag, kun i w)",
         "1 af planens hændelser gælder 2026-11-23. Tavlen viser teamet, som filerne har det"),
    ],
)  # fmt: skip
async def test_the_board_says_when_events_in_force_today_apply_only_in_w(
    lang: str, said: str, note: str
) -> None:
    """The board's figures are the team's files; w's week 0 applies the plan's events. The
    difference is said: in the header, whole at 80 columns (the team's name gives way), and
    once in a notification."""
    assignment = Assignment(demo_team(), DAY)
    half = AbsenceEvent.model_validate({"worker": "st", "from": DAY, "factor": 0.5})
    app = PlannerApp(assignment, lang=lang, scenario=Scenario(assignment, [half]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = screen_text(app).splitlines()[0]
        assert first.rstrip().endswith(said) and first.startswith(" Jobcenter Nordby"), first
        assert "2026-11-23" in first
        assert note in "\n".join(str(n.message) for n in app._notifications)
        # The decision, as it stands: Sofie's row is the files' (✓), week 0 the plan's (▲).
        assert app.assignment.evaluate("st").status is Status.WITHIN
        await pilot.press("w")
        await pilot.pause()
        assert cell(app, "st", 0).startswith("▲")


async def test_events_not_in_force_today_change_nothing_said_and_adding_one_is_told() -> None:
    assignment = Assignment(demo_team(), DAY)
    later = AbsenceEvent.model_validate({"worker": "st", "from": date(2026, 12, 7)})
    app = PlannerApp(assignment, lang="en", scenario=Scenario(assignment, [later]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = screen_text(app).splitlines()[0]
        assert first.rstrip().endswith("1 what-if event") and "in force" not in first
        assert not any("in force" in str(n.message) for n in app._notifications)
        await show_worker(pilot, "op")
        await pilot.press("w")
        await add_absence(pilot, DAY.isoformat(), factor="0,5")
        assert len(app.scenario.events) == 2
        assert any("1 of the plan's what-if events is in force" in str(n.message)
                   for n in app._notifications)  # fmt: skip
        await pilot.press("escape")
        await pilot.pause()
        assert "(1 in force today, in w only)" in screen_text(app).splitlines()[0]


# ---------------------------------------------------------------------------------------
# Saved with the plan (format 2), journaled, reopened


@pytest.fixture
def team_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    return make_team(tmp_path / "work")


def planning_app(team_dir, plan: Path | None = None) -> PlanningApp:
    assignment = Assignment(team_dir.team(), DAY)
    return PlanningApp(assignment, PlanSession.open(team_dir.config, assignment, plan), lang="en")


async def test_events_are_journaled_saved_as_format_2_and_reopened(team_dir) -> None:
    app = planning_app(team_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_worker(pilot, "gh")
        await pilot.press("w")
        await add_absence(pilot, "2026-12-07", until="2027-01-31")
        await pilot.press("ctrl+z", "ctrl+y")
        await pilot.pause()
        lines = journal_path(team_dir.config, "lille").read_text("utf-8").splitlines()
        ops = [json.loads(line)["op"] for line in lines[1:]]
        assert ops == ["base", "events", "events_undo", "events_redo"]
        assert json.loads(lines[-1])["events"] == [
            {"kind": "absence", "worker": "gh", "from": "2026-12-07", "until": "2027-01-31",
             "factor": 0.0}
        ]  # fmt: skip
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        summary = str(app.screen.query_one("#save-summary", Static).render())
        assert "1 what-if event in the plan (saved as format 2)." in summary
        await pilot.press("enter")
        await pilot.pause()
        saved = app.session.plan_path
        assert saved is not None and not app.session.unsaved
    data = tomllib.loads(saved.read_text("utf-8"))
    assert data["format"] == 2
    assert data["events"] == [
        {"kind": "absence", "worker": "gh", "from": date(2026, 12, 7),
         "until": date(2027, 1, 31), "factor": 0.0}
    ]  # fmt: skip
    plan = read_plan(saved, team_dir.team())
    assert plan.events == app.scenario.events

    again = planning_app(team_dir, saved)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert again.scenario.events == plan.events
        assert cell(again, "gh", 2).startswith("○") and not cell(again, "gh", 1).startswith("○")
        assert not again.session.unsaved
        # The reopened events are the base: nothing to undo.
        assert not again.scenario.can_undo
