"""`planner forecast` (and `planner check` with someone away): the table, the JSON shape
exactly as issue 10 gives it, exit codes 0/1/2, a plan's what-if events, far-future dates."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.io.files import bundled_config
from team_helpers import CliResult, TeamFiles, case, line_of, worker

RunCli = Callable[..., CliResult]
DAY = "2026-11-23"
EXAMPLE_PLAN = Path(__file__).resolve().parents[1] / "examples" / "nordby-what-if.toml"

WORKER_KEYS = {"id", "present", "min", "max", "load", "utilisation", "status"}
AREA_KEYS = {"area", "load", "uncovered", "fte", "fte_effective", "fte_needed", "fte_missing"}


def validate_shape(data: Any, weeks: int) -> None:
    """The issue's shape, exactly: no key missing, none extra, the right types."""
    assert set(data) == {"team", "date", "weeks"}
    assert isinstance(data["team"], str) and date.fromisoformat(data["date"])
    assert len(data["weeks"]) == weeks
    for index, week in enumerate(data["weeks"]):
        assert set(week) == {"week", "date", "workers", "areas"}
        assert week["week"] == index and date.fromisoformat(week["date"])
        for item in week["workers"]:
            assert set(item) == WORKER_KEYS
            assert isinstance(item["present"], bool)
            for key in ("min", "max", "load"):
                assert isinstance(item[key], float)
            assert item["status"] in ("under", "within", "over", "away")
            # Away: no capacity and no utilisation (null), never a percentage.
            away = item["status"] == "away"
            assert away is not item["present"]
            assert (item["utilisation"] is None) is away
            if away:
                assert item["max"] == 0.0
        for area in week["areas"]:
            assert set(area) == AREA_KEYS
            assert all(isinstance(area[k], float) for k in AREA_KEYS - {"area"})


@pytest.fixture
def team(team_files: TeamFiles) -> TeamFiles:
    """Sygedagpenge (35-50 per full-timer): a and b with 40 cases each, 1.6 FTE needed of 2;
    intake 6 a week, 6 closed: the load stays at 80."""
    team_files.workers = [worker("a"), worker("b")]
    team_files.team_extra = {"flow": {"sygedagpenge": {"intake_per_week": 6, "closed_per_week": 6}}}
    cases = [case(f"K-{i}", "a") for i in range(40)] + [case(f"K-{i}", "b") for i in range(40, 80)]
    team_files.write(cases)
    return team_files


def write_plan(team: TeamFiles, events: str, fmt: int = 2) -> Path:
    fingerprint = team.load().cases_fingerprint
    path = team.root / "what-if.toml"
    path.write_text(
        f'format = {fmt}\nteam = "t"\ncreated = 2026-11-23T10:15:00+01:00\nauthor = "x"\n'
        f'cases_fingerprint = "{fingerprint}"\n' + events,
        "utf-8",
    )
    return path


LEAVE_B = '\n[[events]]\nkind = "absence"\nworker = "b"\nfrom = 2026-12-07\n'


def test_json_has_exactly_the_issues_shape_with_numbers_unrounded(
    team: TeamFiles, run_cli: RunCli
) -> None:
    plan = write_plan(team, LEAVE_B)
    result = run_cli("forecast", "--config", team.config, "--date", DAY, "--weeks", "4",
                     "--plan", plan, "--json")  # fmt: skip
    data = json.loads(result.out)
    validate_shape(data, 4)
    assert (data["team"], data["date"]) == ("t", DAY)
    assert [w["date"] for w in data["weeks"]] == [
        "2026-11-23",
        "2026-11-30",
        "2026-12-07",
        "2026-12-14",
    ]
    b_week2 = data["weeks"][2]["workers"][1]
    assert b_week2 == {"id": "b", "present": False, "min": 0.0, "max": 0.0, "load": 40.0,
                       "utilisation": None, "status": "away"}  # fmt: skip
    (area,) = data["weeks"][2]["areas"]
    # 80 cases need 80 / 50 = 1.6 FTE; only a is there: 0.6 missing, 40 uncovered.
    assert area["load"] == 80.0 and area["uncovered"] == 40.0
    assert (area["fte"], area["fte_effective"]) == (1.0, 1.0)
    assert area["fte_needed"] == 80 / 50 and area["fte_missing"] == 80 / 50 - 1
    assert result.code == 1
    # Week 0: everyone there, the same figures as `planner check`.
    check = json.loads(run_cli("check", "--config", team.config, "--date", DAY, "--json").out)
    week0 = data["weeks"][0]["workers"]
    assert [(w["id"], w["load"], w["utilisation"]) for w in week0] == [
        (w["id"], w["load"], w["utilisation"]) for w in check["workers"]
    ]


def test_the_table_explains_the_first_short_week(team: TeamFiles, run_cli: RunCli) -> None:
    plan = write_plan(team, LEAVE_B)
    result = run_cli("forecast", "--config", team.config, "--date", DAY, "--weeks", "4",
                     "--plan", plan)  # fmt: skip
    assert result.code == 1, result.err
    out = result.out
    assert "1 what-if event from" in out
    assert "wk 0" in out and "wk 3" in out and "12-07" in out
    row_b = next(line for line in out.splitlines() if line.startswith("  Medarbejder B"))
    # 40 / 50 = 80 % twice, then away: the word, never a percentage.
    assert row_b.split()[2:] == ["✓", "80%", "✓", "80%", "○", "away", "○", "away"]
    missing = next(line for line in out.splitlines() if "FTE missing" in line)
    assert missing.split()[2:] == ["-", "-", "0.60", "0.60"]
    assert (
        "Sygedagpenge: 0.60 FTE short from week 2 (2026-12-07): Medarbejder B away; "
        "needs 1.60 FTE, 1.00 effective" in out
    )
    assert "A projection, not a plan" in out


def test_no_area_short_exits_0_and_says_so(team: TeamFiles, run_cli: RunCli) -> None:
    result = run_cli("forecast", "--config", team.config, "--date", DAY, "--weeks", "3")
    assert result.code == 0, result.out + result.err
    assert "No area goes short within 3 weeks." in result.out


def test_danish_words_and_decimal_commas(team: TeamFiles, run_cli: RunCli) -> None:
    plan = write_plan(team, LEAVE_B)
    result = run_cli("forecast", "--config", team.config, "--date", DAY, "--weeks", "3",
                     "--plan", plan, "--lang", "da")  # fmt: skip
    assert "uge 2" in result.out and "7/12" in result.out
    assert "○ fravær" in result.out
    assert "Sygedagpenge: mangler 0,60 årsværk fra uge 2 (2026-12-07): Medarbejder B " in result.out
    assert "fraværende; behov 1,60 årsværk, reelt 1,00" in result.out


@pytest.mark.parametrize("weeks", ["0", "521", "x", "-3"])
def test_bad_weeks_exit_2(team: TeamFiles, run_cli: RunCli, weeks: str) -> None:
    result = run_cli("forecast", "--config", team.config, "--weeks", weeks)
    assert result.code == 2
    assert f"--weeks must be a whole number from 1 to 520 (got '{weeks}')" in result.err


@pytest.mark.parametrize("before", [True, False])
def test_bad_weeks_are_said_in_the_language_asked_for(
    team: TeamFiles, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, before: bool
) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    args = ["forecast", "--config", team.config, "--weeks", "0"]
    result = run_cli(*(["--lang", "da", *args] if before else [*args, "--lang", "da"]))
    assert result.code == 2
    assert result.err == "planner: --weeks skal være et helt tal fra 1 til 520 (du skrev '0').\n"


def test_an_event_naming_an_unknown_worker_exits_2(team: TeamFiles, run_cli: RunCli) -> None:
    plan = write_plan(team, LEAVE_B.replace('worker = "b"', 'worker = "zz"'))
    result = run_cli("forecast", "--config", team.config, "--plan", plan)
    assert result.code == 2 and result.out == ""
    assert "what-if.toml, line 9, event 1 (absence), worker: worker 'zz' is not in team 't'" in (
        result.err
    )
    assert "Traceback" not in result.err


ARRIVAL = (
    '\n[[events]]\nkind = "arrival"\nworker = "n"\nname = "Ny"\narea = "sygedagpenge"\n'
    "hours = {hours}\ndate = 2026-12-07\n"
)


@pytest.mark.parametrize(
    ("events", "where", "todo"),
    [
        (LEAVE_B + "factor = 0.0000001\n", "line 11, event 1 (absence), factor",
         "For someone away altogether write factor = 0"),
        (ARRIVAL.format(hours=0.0000001), "line 12, event 1 (arrival), hours",
         "Check the new colleague's hours a week (hours = 37 for full time)."),
    ],
)  # fmt: skip
def test_an_event_keeps_the_capacity_floor_teams_toml_keeps(
    team: TeamFiles, run_cli: RunCli, events: str, where: str, todo: str
) -> None:
    """A factor or hours so small that the capacity means nothing (the forecast showed
    ▲ 833333333%): refused with the plan file, the event and what to do, as teams.toml
    refuses the same factor."""
    plan = write_plan(team, events)
    result = run_cli("forecast", "--config", team.config, "--plan", plan)
    assert result.code == 2 and result.out == "" and "Traceback" not in result.err
    worker_id = "n" if "arrival" in where else "b"
    assert (
        f"what-if.toml, {where}: would take worker '{worker_id}' below a capacity of 0.01 "
        f"cases, too little to plan with. {todo}" in result.err
    )
    danish = run_cli("forecast", "--config", team.config, "--plan", plan, "--lang", "da")
    assert danish.code == 2
    assert "en kapacitet under 0,01 sager, for lidt at planlægge med" in danish.err
    # teams.toml refuses the same factor: the two keep one floor.
    team.workers = [worker("a"), worker("b", adjustments=[{"reason": "x", "factor": 1e-7}])]
    team.write_teams()
    refused = run_cli("forecast", "--config", team.config)
    assert refused.code == 2 and "capacity could fall to" in refused.err


@pytest.mark.parametrize("events", [LEAVE_B + "factor = 0.0\n", LEAVE_B + "factor = 0.02\n",
                                    ARRIVAL.format(hours=0.5)])  # fmt: skip
def test_away_and_small_but_real_capacities_are_kept(
    team: TeamFiles, run_cli: RunCli, events: str
) -> None:
    plan = write_plan(team, events)
    result = run_cli("forecast", "--config", team.config, "--plan", plan)
    assert result.code in (0, 1), result.err


def test_a_flow_for_an_unknown_area_exits_2_with_its_line(team: TeamFiles, run_cli: RunCli) -> None:
    team.team_extra = {"flow": {"sygedagpenge": {"intake_per_week": 6},
                                "ukendt": {"closed_per_week": 1}}}  # fmt: skip
    team.write_teams()
    result = run_cli("forecast", "--config", team.config)
    assert result.code == 2 and result.out == ""
    line = line_of(team.config, "[teams.t.flow.ukendt]")
    assert (
        f"teams.toml, line {line}, team 't' (flow.ukendt): area 'ukendt' is not in norm set "
        "'test'. Use one of: sygedagpenge, fleksjob, born." in result.err
    )


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        # Both bounds, whichever was broken.
        ("closed_per_week", -1, "must be from 0 to 10000 (got -1)"),
        ("intake_weight", 0, "must be above 0 and at most 100 (got 0)"),
        ("intake_weight", 1e300, "must be above 0 and at most 100 (got 1e+300)"),
        ("intake_per_week", float("nan"), "finite number"),
        ("intake_per_week", float("inf"), "finite number"),
        ("intake_per_week", 20_000, "must be from 0 to 10000 (got 20000)"),
        ("intake", 5, "unknown key 'intake'"),
    ],
)
def test_bad_flow_figures_exit_2_with_their_line(
    team: TeamFiles, run_cli: RunCli, key: str, value: float, said: str
) -> None:
    team.team_extra = {"flow": {"sygedagpenge": {key: value}}}
    team.write_teams()
    result = run_cli("forecast", "--config", team.config)
    assert result.code == 2 and "Traceback" not in result.err
    line = line_of(team.config, "[teams.t.flow.sygedagpenge]")
    where = line if key == "intake" else line + 1
    assert f"teams.toml, line {where}, team 't' (flow.sygedagpenge" in result.err
    assert said in result.err


def test_the_end_of_the_calendar_does_not_crash(team: TeamFiles, run_cli: RunCli) -> None:
    result = run_cli("forecast", "--config", team.config, "--date", "9999-12-31", "--weeks", "1")
    assert result.code == 0, result.err
    data = json.loads(
        run_cli(
            "forecast", "--config", team.config, "--date", "9999-12-20", "--weeks", "2", "--json"
        ).out
    )
    assert [w["date"] for w in data["weeks"]] == ["9999-12-20", "9999-12-27"]
    assert run_cli("check", "--config", team.config, "--date", "9999-12-31").code == 0


@pytest.mark.parametrize("json_flag", [(), ("--json",)])
def test_a_horizon_past_the_end_of_the_calendar_is_refused(
    team: TeamFiles, run_cli: RunCli, json_flag: tuple[str, ...]
) -> None:
    # It gave 2 weeks of the 520 asked for, and the JSON did not say so.
    args = ("forecast", "--config", team.config, "--date", "9999-12-20", "--weeks", "520")
    result = run_cli(*args, *json_flag)
    assert (result.code, result.out) == (2, ""), result
    assert result.err == (
        "planner: 520 weeks from 9999-12-20 would run past 9999-12-31, the last date planner "
        "can count: give at most --weeks 2, or an earlier --date.\n"
    )
    danish = run_cli(*args, *json_flag, "--lang", "da")
    assert danish.code == 2
    assert "520 uger fra 9999-12-20 når ud over 9999-12-31" in danish.err
    assert "angiv højst --weeks 2, eller" in danish.err
    # The default horizon (12 weeks) too: it does not fit after 9999-10-15.
    default = run_cli("forecast", "--config", team.config, "--date", "9999-12-31")
    assert default.code == 2 and "give at most --weeks 1," in default.err


def test_check_shows_someone_on_leave_today_as_away(team_files: TeamFiles, run_cli: RunCli) -> None:
    team_files.workers = [
        worker("a"),
        worker("b", adjustments=[{"reason": "Barsel", "factor": 0, "from": date(2026, 11, 1)}]),
    ]
    team_files.write([case("K-1", "a"), case("K-2", "b")])
    result = run_cli("check", "--config", team_files.config, "--date", DAY)
    row_b = next(line for line in result.out.splitlines() if "Medarbejder B" in line)
    assert row_b.split()[-4:] == ["0.0-0.0", "–", "○", "away"] and "%" not in row_b
    assert result.code == 1  # b's case needs cover
    data = json.loads(run_cli("check", "--config", team_files.config, "--date", DAY, "--json").out)
    b = data["workers"][1]
    assert (b["status"], b["utilisation"], b["max"], b["load"]) == ("away", None, 0.0, 1.0)
    # 2 cases need 2 / 50 FTE; a's 37 hours are there.
    assert data["areas"][0]["fte"] == 1.0


def test_the_shipped_what_if_plan_runs_on_the_demo(run_cli: RunCli) -> None:
    plan = tomllib.loads(EXAMPLE_PLAN.read_text("utf-8"))
    assert plan["format"] == 2 and {e["kind"] for e in plan["events"]} == {
        "absence", "departure", "arrival", "intake"
    }  # fmt: skip
    result = run_cli("forecast", "--config", bundled_config(), "--date", DAY, "--weeks", "16",
                     "--plan", EXAMPLE_PLAN)  # fmt: skip
    assert result.code == 1, result.err
    assert "4 what-if events from" in result.out
    assert "Ny kollega" in result.out
    assert "Ole Pedersen, Sofie Thomsen away" in result.out


README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize(
    "command",
    [
        "planner forecast --date 2026-11-23 --weeks 8",
        "planner forecast --date 2026-11-23 --weeks 16 --plan examples/nordby-what-if.toml",
    ],
)
def test_the_readme_shows_what_the_demo_prints(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """The forecasts in the README are the real output (at 100 columns), not a mock-up."""
    text = README.read_text("utf-8")
    start = text.index(f"$ {command}\n") + len(command) + 3
    shown = text[start : text.index("\n```", start)]
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(README.parent)
    args = command.split()[1:]
    result = run_cli(*args, "--config", bundled_config())
    assert result.code == 1
    assert result.out.rstrip("\n") == shown


def test_names_from_files_never_reach_the_terminal_raw(
    team_files: TeamFiles, run_cli: RunCli
) -> None:
    # An escape sequence in a name (it would clear the leader's screen) shows as ␛.
    team_files.workers = [worker("a", name="Anna \x1b[2J Berg")]
    team_files.write([case("K-1", "a")])
    result = run_cli("forecast", "--config", team_files.config, "--date", DAY, "--weeks", "2")
    assert "\x1b" not in result.out
    assert "Anna ␛[2J Berg" in result.out


def test_a_teams_file_given_as_the_plan_is_named_as_one(team: TeamFiles, run_cli: RunCli) -> None:
    result = run_cli("forecast", "--config", team.config, "--plan", team.config)
    assert (result.code, result.out) == (2, ""), result
    assert "teams.toml: is not a plan file: it looks like a teams file (it has [teams])" in (
        result.err
    )
    assert "a teams file is given with --config." in result.err
    assert "format = 1" not in result.err
    danish = run_cli("forecast", "--config", team.config, "--plan", team.config, "--lang", "da")
    assert "er ikke en planfil: den ligner en teamfil" in danish.err
    assert "en teamfil angives med --config." in danish.err
