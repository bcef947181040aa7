"""`planner plan show|export`: names, before -> after figures, Danish Excel CSV, exit codes."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

import pytest

from planner.cli import main
from planner.core.moves import Assignment
from planner.io.plans import plan_from, write_plan
from plans_support import ON, cases_csv, make_team

DATE = ["--date", ON.isoformat()]


@pytest.fixture
def saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A team, a plan of three moves saved in plans/, and the figures after it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    team_dir = make_team(tmp_path)
    assignment = team_dir.assignment()
    assignment.move(["K-001", "K-002"], "cd", "Sagstalsudligning")
    assignment.move(["K-057"], "ef")
    path = write_plan(tmp_path / "plans" / "p.toml", plan_from(assignment, note="Udkast | 1"))
    return team_dir, path, assignment


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_names_workers_and_gives_before_and_after(saved, capsys) -> None:
    team_dir, path, after = saved
    before = team_dir.assignment()
    code, out, err = run(capsys, "plan", "show", str(path), "--config", str(team_dir.config), *DATE)
    assert err == ""
    assert code == 1  # the small team is under range before and after
    assert "Anna Berg" in out and "Carsten Dahl" in out and "Eva Friis" in out
    assert "Unassigned" in out
    assert "Gustav Holm" not in out  # not touched by the plan
    for worker in ("ab", "cd", "ef"):
        b, a = before.evaluate(worker), after.evaluate(worker)
        assert f"{b.utilisation:.0%} -> {a.utilisation:.0%}" in out
    assert "Unassigned cases: 4 -> 3" in out
    assert "Udkast | 1" in out


def test_show_json_matches_the_rules(saved, capsys) -> None:
    team_dir, path, after = saved
    before = team_dir.assignment()
    code, out, _ = run(
        capsys, "plan", "show", str(path), "--json", "--config", str(team_dir.config), *DATE
    )
    data = json.loads(out)
    assert code == 1
    assert data["team"] == "lille" and data["note"] == "Udkast | 1"
    assert data["cases_fingerprint_matches"] is True
    assert [(m["case"], m["from_name"], m["to_name"]) for m in data["moves"]] == [
        ("K-001", "Anna Berg", "Carsten Dahl"),
        ("K-002", "Anna Berg", "Carsten Dahl"),
        ("K-057", None, "Eva Friis"),
    ]
    workers = {w["id"]: w for w in data["workers"]}
    assert set(workers) == {"ab", "cd", "ef"}
    for worker_id, figures in workers.items():
        assert figures["before"]["utilisation"] == before.evaluate(worker_id).utilisation
        assert figures["after"]["utilisation"] == after.evaluate(worker_id).utilisation
    assert data["unassigned"] == {"before": 4, "after": 3}
    assert data["not_applied"] == []


def test_the_team_is_the_one_the_plan_names(saved, capsys) -> None:
    team_dir, path, _ = saved
    # The config's default is "lille" too, so name a team that is not in the plan.
    code, _, err = run(
        capsys, "plan", "show", str(path), "--config", str(team_dir.config), "--team", "x"
    )
    assert code == 2
    assert "is a plan for team 'lille', but --team says 'x'" in err


def test_config_defaults_to_the_working_folder(saved, capsys) -> None:
    _, path, _ = saved  # the working folder is tmp_path, which has config/teams.toml
    code, out, _ = run(capsys, "plan", "show", str(path), *DATE)
    assert code == 1 and "Team Lille" in out


def test_export_csv_opens_in_danish_excel(saved, capsys) -> None:
    team_dir, path, after = saved
    before = team_dir.assignment()
    code = main(
        [
            "plan",
            "export",
            str(path),
            "--format",
            "csv",
            "--lang",
            "da",
            "--config",
            str(team_dir.config),
            *DATE,
        ]
    )
    raw = capsys.readouterr().out
    assert code == 0
    assert raw.startswith("\ufeff")  # the BOM that makes Excel read UTF-8
    rows = list(csv.reader(io.StringIO(raw.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0][:6] == ["Sag", "Fra (id)", "Fra", "Til (id)", "Til", "Begrundelse"]
    assert rows[1][:6] == ["K-001", "ab", "Anna Berg", "cd", "Carsten Dahl", "Sagstalsudligning"]
    assert rows[1][6:] == [
        f"{before.evaluate('ab').utilisation:.0%}",
        f"{after.evaluate('ab').utilisation:.0%}",
        f"{before.evaluate('cd').utilisation:.0%}",
        f"{after.evaluate('cd').utilisation:.0%}",
    ]
    assert rows[3][:5] == ["K-057", "", "Ufordelte", "ef", "Eva Friis"]
    assert rows[3][6:8] == ["", ""]
    assert len(rows) == 4


def test_export_csv_bytes_have_bom_and_semicolons(saved, tmp_path: Path, capsys) -> None:
    _team_dir, path, _ = saved
    out = tmp_path / "eksport" / "flytninger.csv"
    code = main(["plan", "export", str(path), "--format", "csv", "--out", str(out), *DATE])
    assert code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b";") == 4 * 9 and b"\r\n" in data
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "eksport/flytninger.csv" in capsys.readouterr().err


def test_export_markdown(saved, capsys) -> None:
    _team_dir, path, after = saved
    code, out, _ = run(capsys, "plan", "export", str(path), "--format", "md", *DATE)
    assert code == 0
    assert out.startswith("# Plan: Team Lille\n")
    assert "| K-001 | Anna Berg | Carsten Dahl | Sagstalsudligning |" in out
    assert "Udkast \\| 1" in out  # a pipe in the note does not break the table
    ab = after.evaluate("ab")
    assert "| Anna Berg | " in out and f"{ab.utilisation:.0%} ({ab.status.value})" in out


@pytest.mark.parametrize("target", ["plan", "config", "cases"])
def test_export_never_overwrites_an_input_file(saved, capsys, target: str) -> None:
    team_dir, path, _ = saved
    victim = {"plan": path, "config": team_dir.config, "cases": team_dir.cases}[target]
    before = victim.read_bytes()
    code, _, err = run(
        capsys, "plan", "export", str(path), "--format", "csv", "--out", str(victim), *DATE
    )
    assert code == 2 and "input files are never written" in err
    assert victim.read_bytes() == before


def test_bad_plan_exits_2_naming_file_record_and_remedy(saved, capsys) -> None:
    _team_dir, path, _ = saved
    path.write_text(path.read_text().replace('to = "ef"', 'to = "zz"'), encoding="utf-8")
    code, out, err = run(capsys, "plan", "show", str(path), *DATE)
    assert code == 2 and out == ""
    assert "plans/p.toml, line 20, move 3 (case 'K-057'), to: worker 'zz' is not in team" in err
    assert "Traceback" not in err


def test_corrupt_plan_exits_2(saved, capsys) -> None:
    _, path, _ = saved
    path.write_text("format = 1\nteam = [\n", encoding="utf-8")
    code, _, err = run(capsys, "plan", "export", str(path), "--format", "md")
    assert code == 2 and "is not valid TOML" in err and "plans/p.toml" in err


def test_changed_cases_need_reconcile(saved, capsys) -> None:
    team_dir, path, _ = saved
    team_dir.cases.write_text(cases_csv({"K-001": ("ef", "")}), encoding="utf-8")
    code, _, err = run(capsys, "plan", "show", str(path), *DATE)
    assert code == 2 and "fingerprint does not match" in err
    code, out, _ = run(capsys, "plan", "show", str(path), "--reconcile", *DATE)
    assert code == 1
    assert "1 move not applied" in out
    assert "K-001: Anna Berg -> Carsten Dahl: case now with another worker (Eva Friis)" in out
    code, out, _ = run(capsys, "plan", "show", str(path), "--reconcile", "--json", *DATE)
    assert json.loads(out)["not_applied"] == [
        {
            "case": "K-001",
            "from": "ab",
            "to": "cd",
            "reason": "case_elsewhere",
            "detail": "Eva Friis",
        }
    ]


def test_show_exits_0_when_the_plan_brings_everyone_within(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    teams = """\
[teams.to]
name = "To"
norms = "ds"
cases = "data/cases.csv"

[[teams.to.workers]]
id = "ab"
name = "Anna Berg"
area = "jobparate-over-30"
hours = 37

[[teams.to.workers]]
id = "cd"
name = "Carsten Dahl"
area = "jobparate-over-30"
hours = 37
"""
    rows = [f"K-{i:03d};{'ab' if i <= 70 else 'cd'}" for i in range(1, 91)]
    team_dir = make_team(tmp_path, teams, "id;worker\n" + "\n".join(rows) + "\n")
    assignment = Assignment(team_dir.team(), ON)
    assignment.move([f"K-{i:03d}" for i in range(1, 26)], "cd")
    assert assignment.all_within()
    path = write_plan(tmp_path / "p.toml", plan_from(assignment))
    assert main(["check", *DATE]) == 1
    capsys.readouterr()
    code, out, _ = run(capsys, "plan", "show", str(path), *DATE)
    assert code == 0 and "25 moves" in out


def test_export_csv_cells_never_start_a_formula(saved, tmp_path: Path, capsys) -> None:
    """OWASP CSV injection: a cell starting with = + - @ (or a tab or a carriage return)
    gets a leading single quote, so Excel shows it as text; 'K-001' keeps its dash."""
    team_dir, _, _ = saved
    teams = team_dir.config.read_text("utf-8").replace('"Carsten Dahl"', '"=Carsten Dahl"')
    team_dir.config.write_text(teams, "utf-8")
    assignment = team_dir.assignment()
    reasons = ['=HYPERLINK("http://x";"klik")', "+45 1234", "-1", "@SUM(A1)", "\tx", "\rx", "a=b"]
    cases = [f"K-{n:03d}" for n in (1, 2, 3, 4, 6, 7, 8)]  # K-005 is pinned
    for case_id, reason in zip(cases, reasons, strict=True):
        assignment.move([case_id], "cd", reason)
    path = write_plan(tmp_path / "plans" / "formulas.toml", plan_from(assignment, note="x"))
    code = main(["plan", "export", str(path), "--format", "csv", "--config", str(team_dir.config), *DATE])  # fmt: skip
    raw = capsys.readouterr().out
    assert code == 0
    rows = list(csv.reader(io.StringIO(raw.removeprefix("\ufeff")), delimiter=";"))[1:]
    assert [row[5] for row in rows] == [
        '\'=HYPERLINK("http://x";"klik")',
        "'+45 1234",
        "'-1",
        "'@SUM(A1)",
        "␉x",  # a control is made visible first: no longer a formula
        "␍x",
        "a=b",
    ]
    assert {row[4] for row in rows} == {"'=Carsten Dahl"}
    assert [row[0] for row in rows] == cases  # only a leading character counts
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row


@pytest.mark.parametrize(
    "words", [["plan", "show", "{plan}"], ["forecast", "--plan", "{plan}"], ["--plan", "{plan}"]]
)
def test_a_plan_for_a_team_the_teams_file_lacks_is_said_at_the_plans_team_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], words: list[str]
) -> None:
    # It said "config/teams.toml: has no team 'sydby'. Choose one of: nordby (--team ID)":
    # the plan is for another teams file, and --team cannot help.
    from planner.io.files import bundled_config

    example = Path(__file__).parents[1] / "examples" / "nordby-what-if.toml"
    plan = tmp_path / "sydby.toml"
    plan.write_text(example.read_text("utf-8").replace('team = "nordby"', 'team = "sydby"'))
    args = [w.format(plan=plan) for w in words]
    code = main([*args, "--config", str(bundled_config()), "--date", "2026-12-01"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"{plan.name}, line 2, team: the plan is for team 'sydby', which is not in" in err
    assert "(it has: nordby)" in err and "--team" not in err
