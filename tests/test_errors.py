"""Every error class of issue 2 section 6, fed through `planner check`.

Each test checks the message (file, line or record, what is wrong, what to do), exit code
2, no traceback, nothing on stdout and no file written or changed. CPR-number tests live in
test_cpr.py.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.core.problems import ProblemsFound
from team_helpers import SMALL_NORMS, CliResult, TeamFiles, case, line_of, tree, worker

RunCli = Callable[..., CliResult]


@pytest.fixture
def team(team_files: TeamFiles, monkeypatch: pytest.MonkeyPatch) -> TeamFiles:
    """A valid two-worker team; messages name files relative to its root (the cwd)."""
    monkeypatch.chdir(team_files.root)
    team_files.workers = [worker("a", "sygedagpenge"), worker("b", "fleksjob", hours=30)]
    team_files.write([case("K-1", "a"), case("K-2", "b"), case("K-3", "", area="fleksjob")])
    return team_files


@pytest.fixture
def refused(team: TeamFiles, run_cli: RunCli) -> Callable[[], list[str]]:
    """Run the check; assert it refused cleanly; return the problem lines."""

    def check() -> list[str]:
        before = tree(team.root)
        result = run_cli("check", "--config", team.config, "--date", "2026-11-23")
        assert result.code == 2, result
        assert result.out == ""
        assert "Traceback" not in result.err
        assert tree(team.root) == before, "something was written"
        header, *lines = result.err.splitlines()
        word = "problem" if len(lines) == 1 else "problems"
        assert header == f"planner: {len(lines)} {word} in the input; nothing was written."
        assert all(line.startswith("  ") for line in lines)
        return [line.strip() for line in lines]

    return check


def expect(line: str, *fragments: str) -> None:
    for fragment in fragments:
        assert fragment in line, f"{fragment!r} not in {line!r}"


def norms_with(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    norms = copy.deepcopy(SMALL_NORMS)
    change(norms)
    return norms


def test_the_valid_team_passes(team: TeamFiles, run_cli: RunCli) -> None:
    # The baseline every test below breaks in one way.
    assert run_cli("check", "--config", team.config).code in (0, 1)


# ---------------------------------------------------------------------------------------
# Malformed files


def test_malformed_teams_toml(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    text = team.config.read_text("utf-8").replace('name = "Testteam"', 'name = "Testteam')
    team.write_teams(text)
    (line,) = refused()
    expect(line, "config/teams.toml: is not valid TOML", "line 4", "Fix the syntax")


def test_malformed_norms_toml(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.write_norms('title = "x"\nsource = \n')
    (line,) = refused()
    expect(line, "norms/test.toml: is not valid TOML", "line 2", "Fix the syntax")


def test_malformed_toml_cases(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.write_cases_toml([case("K-1", "a")])
    team.write_teams()
    team.write_cases_text('[[cases]]\nid = "K-1"\n[[cases]\nid = "K-2"\n')
    (line,) = refused()
    expect(line, "config/data/cases.toml: is not valid TOML", "line 3", "Fix the syntax")


def test_csv_quote_never_closed(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    # csv would otherwise read the rest of the file as one case id.
    team.write_cases_text('id;worker\nK-1;a\n"K-2;a\nK-3;a\nK-4;b\n')
    (line,) = refused()
    expect(line, "config/data/cases.csv, line 3", "not valid CSV", "quote", "never closed")


def test_csv_rows_that_do_not_fit_the_header(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    # Line 3 was written with the wrong separator, line 4 has a field too many; a
    # trailing empty field (line 5) is harmless.
    team.write_cases_text("id;worker;area\nK-1;a;\nK-2,a,\nK-3;a;x;y\nK-4;b;;\n")
    lines = refused()
    assert len(lines) == 2
    expect(lines[0], "config/data/cases.csv, line 3", "has 1 field separated", "header has 3")
    expect(lines[1], "config/data/cases.csv, line 4", "has 4 fields separated", "Re-export")


def test_csv_neither_utf8_nor_windows_1252(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    # 0x81 is not a character in Windows-1252 (and not UTF-8 alone): no encoding fits.
    team.cases_path.write_bytes(b"id;worker\nK-1;a\nK-\x81;a\n")
    (line,) = refused()
    expect(
        line,
        "config/data/cases.csv, line 3",
        "not UTF-8 text, nor Windows-1252",
        "Save or export the file as UTF-8",
    )


def test_empty_csv(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.write_cases_text("")
    (line,) = refused()
    expect(line, "config/data/cases.csv: is empty", "header row")


def test_cases_file_of_another_kind(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.cases_ref = "data/cases.pdf"
    team.write_cases_text("id\nK-1\n")
    team.write_teams()
    (line,) = refused()
    expect(
        line,
        "config/data/cases.pdf: is not a kind of file planner reads (.csv, .txt, .xlsx, .xls, .ods or .toml)",
        "Export the cases as CSV or .xlsx",
    )


# ---------------------------------------------------------------------------------------
# Unknown keys: typos must not pass silently


def test_unknown_keys_in_teams_toml_three_problems_three_lines(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    team.team_extra = {"nmae": "x"}
    team.workers[0]["huors"] = 37
    team.workers[1]["adjustments"] = [{"reason": "Kursus", "factor": 0.9, "form": date(2026, 1, 1)}]
    team.write_teams()
    lines = refused()
    assert len(lines) == 3, lines
    path = team.config
    by_key = {
        key: next(ln for ln in lines if f"'{key}'" in ln) for key in ("nmae", "huors", "form")
    }
    expect(
        by_key["nmae"],
        f"config/teams.toml, line {line_of(path, '[teams.t]')}, team 't'",
        "unknown key 'nmae'",
        "allowed here: cases, columns, name, norms",
    )
    expect(
        by_key["huors"],
        f"line {line_of(path, 'id = ' + chr(34) + 'a') - 1}, team 't', worker 'a'",
        "unknown key 'huors'",
        "allowed here: adjustments, area, duties, hours, id",
    )
    expect(
        by_key["form"],
        f"line {line_of(path, '[[teams.t.workers.adjustments]]')}, team 't', worker 'b'",
        "unknown key 'form'",
        "allowed here: factor, from, reason, until",
    )


def test_unknown_top_level_key_and_column_mapping(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    data = team.teams_data()
    data["defualt"] = "t"
    data["teams"]["t"]["columns"] = {"idd": "Sagsnr"}
    team.write_teams(data)
    lines = refused()
    assert len(lines) == 2
    expect(lines[0], "team 't' (columns)", "unknown key 'idd'", "allowed here: area, household, id")
    expect(lines[1], "config/teams.toml", "unknown key 'defualt'", "allowed here: default, teams")


def test_unknown_keys_in_the_norm_set(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    def change(norms: dict[str, Any]) -> None:
        norms["titel"] = "x"
        norms["areas"]["fleksjob"]["mx"] = 40
        norms["duties"]["udvikling"]["factr"] = 0.9
        norms["new_hire"]["month"] = 3
        norms["areas"]["sygedagpenge"]["variants"][1]["shar"] = 0.3

    path = team.write_norms(norms_with(change))
    lines = refused()
    assert len(lines) == 5
    joined = "\n".join(lines)
    assert all(line.startswith("norms/test.toml") for line in lines)
    expect(joined, f"line {line_of(path, '[areas.fleksjob]')}, area 'fleksjob': unknown key 'mx'")
    expect(
        joined, f"line {line_of(path, '[duties.udvikling]')}, duty 'udvikling': unknown key 'factr'"
    )
    expect(joined, f"line {line_of(path, '[new_hire]')}, new_hire: unknown key 'month'")
    # The second variant of the area, not the first.
    variant = line_of(path, 'id = "jobafklaring"') - 1
    expect(joined, f"line {variant}, area 'sygedagpenge' (variants.1): unknown key 'shar'")
    expect(joined, "unknown key 'titel'. Check the spelling; allowed here: areas, cap")


def test_unknown_key_in_toml_cases(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.write_cases_toml([case("K-1", "a"), {"id": "K-2", "worker": "a", "tagz": ["kompleks"]}])
    team.write_teams()
    (line,) = refused()
    expect(line, "config/data/cases.toml, case 'K-2'", "unknown key 'tagz'", "allowed: id, worker")


def test_toml_cases_with_other_top_level_keys_or_non_tables(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    team.write_cases_toml([case("K-1", "a")])
    team.write_teams()
    team.write_cases_text('sager = 1\ncases = [1, {id = "K-2"}]\n')
    lines = refused()
    assert len(lines) == 2
    expect(lines[0], "config/data/cases.toml", "unknown key(s) sager", "only [[cases]]")
    expect(lines[1], "case #1", "is not a table", "[[cases]] table")


def test_a_near_miss_of_a_csv_column_is_a_typo(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    team.write_cases_text("id;wroker;Titel\nK-1;a;x\n")
    (line,) = refused()
    expect(line, "line 1, column 2", "unknown column 'wroker'", "Did you mean 'worker'?")


# ---------------------------------------------------------------------------------------
# Missing fields


def test_missing_fields_in_teams_toml(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    del team.workers[1]["hours"]
    data = team.teams_data()
    del data["teams"]["t"]["cases"]
    team.write_teams(data)
    lines = refused()
    assert len(lines) == 2
    expect(lines[0], "line 3, team 't': 'cases' is missing", "Add 'cases = ...'")
    worker_b = line_of(team.config, 'id = "b"') - 1
    expect(lines[1], f"line {worker_b}, team 't', worker 'b': 'hours' is missing", "Add 'hours")


def test_missing_fields_in_the_norm_set(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    def change(norms: dict[str, Any]) -> None:
        del norms["full_time_hours"]
        del norms["areas"]["born"]["max"]
        del norms["duties"]["udvikling"]["label"]

    path = team.write_norms(norms_with(change))
    lines = refused()
    assert len(lines) == 3
    joined = "\n".join(lines)
    expect(joined, "norms/test.toml: 'full_time_hours' is missing. Add 'full_time_hours = ...'")
    expect(joined, f"line {line_of(path, '[areas.born]')}, area 'born': 'max' is missing")
    expect(joined, "duty 'udvikling': 'label' is missing")


def test_a_case_without_an_id(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.write_cases_text("id;worker\nK-1;a\n;a\n")
    (line,) = refused()
    expect(line, "config/data/cases.csv, line 3: has no case id", "Give each case an id")


def test_toml_case_without_an_id(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.write_cases_toml([case("K-1", "a"), {"worker": "a"}])
    team.write_teams()
    (line,) = refused()
    expect(line, "config/data/cases.toml, case #2: has no case id", "Give each case an id")


def test_no_id_column(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.write_cases_text("Sagsnr;worker\nK-1;a\n")
    (line,) = refused()
    expect(line, "line 1: has no 'id' column (columns: Sagsnr, worker)", 'id = "Sagsnr"')


def test_mapped_id_column_missing(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.team_extra = {"columns": {"id": "Sagsnummer"}}
    team.write_teams()
    team.write_cases_text("Sagsnr;worker\nK-1;a\n")
    (line,) = refused()
    expect(line, "has no 'Sagsnummer' column")


# ---------------------------------------------------------------------------------------
# Duplicates and references that do not resolve


def test_duplicate_worker_ids(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.workers.append(worker("a", "fleksjob"))
    team.write_teams()
    (line,) = refused()
    # The second 'a', not the first.
    third = [n for n, ln in enumerate(team.config.read_text().splitlines(), 1) if "[[" in ln][2]
    expect(line, f"line {third}, team 't', worker 'a'", "'a' is used twice", "unique id")


@pytest.mark.parametrize("kind", ["csv", "toml"])
def test_duplicate_case_ids(team: TeamFiles, refused: Callable[[], list[str]], kind: str) -> None:
    rows = [case("K-1", "a"), case("K-2", "b"), case("K-1", "")]
    if kind == "csv":
        team.write_cases_csv(rows)
        where = "config/data/cases.csv, line 4, case 'K-1'"
        first = "first at line 2"
    else:
        team.write_cases_toml(rows)
        team.write_teams()
        where = "config/data/cases.toml, case 'K-1'"
        first = "first at case 'K-1'"
    (line,) = refused()
    expect(line, where, "case id 'K-1' is used twice", first, "unique id")


def test_a_cases_worker_that_does_not_exist(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    team.write_cases_csv([case("K-1", "a"), case("K-2", "zz")])
    (line,) = refused()
    expect(
        line,
        "cases.csv, line 3, case 'K-2'",
        "worker 'zz' is not in the team",
        "leave the field empty",
    )


def test_a_cases_area_that_does_not_exist(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    team.write_cases_csv([case("K-1", "a", area="sygdagpenge"), case("K-2", "", area="nope")])
    lines = refused()
    assert len(lines) == 2
    expect(
        lines[0],
        "line 2, case 'K-1'",
        "area 'sygdagpenge' is not in norm set 'test'",
        "Use one of: sygedagpenge, fleksjob, born",
    )
    expect(lines[1], "line 3, case 'K-2'", "area 'nope'")


def test_unknown_duty(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.workers[0]["duties"] = ["koordinator"]
    team.write_teams()
    (line,) = refused()
    expect(
        line,
        "worker 'a'",
        "duty 'koordinator' is not in norm set 'test'",
        "Use one of: koordinerende, udvikling",
        "[duties.koordinator]",
    )


def test_unknown_variant(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.workers[0]["variant"] = "kompleks"
    team.workers[1]["variant"] = "komplekse"  # fleksjob has no variants
    team.write_teams()
    lines = refused()
    assert len(lines) == 2
    expect(
        lines[0],
        "worker 'a'",
        "variant 'kompleks' is not a variant of area 'sygedagpenge'",
        "Known variants: komplekse, jobafklaring, tung",
    )
    expect(lines[1], "worker 'b'", "variant 'komplekse'", "Known variants: none")


def test_unknown_area_on_a_worker(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.workers[1]["area"] = "fleksjobb"
    team.write_teams()
    (line,) = refused()
    line_b = line_of(team.config, 'id = "b"') - 1
    expect(
        line,
        f"line {line_b}, team 't', worker 'b'",
        "area 'fleksjobb' is not in norm set 'test'",
        "Use one of",
    )


@pytest.mark.parametrize("reference", ["tset", "../andre/normer.toml"])
def test_unknown_norm_set(
    team: TeamFiles, refused: Callable[[], list[str]], reference: str
) -> None:
    team.norms_ref = reference
    team.write_teams()
    (line,) = refused()
    expect(
        line,
        f"config/teams.toml, line {line_of(team.config, 'norms = ')}, team 't' (norms)",
        f"norm set '{reference}' not found (looked in ",
        "Name a file in norms/",
    )
    if reference == "tset":
        expect(line, "norms/tset.toml")


def test_no_such_team(team: TeamFiles, run_cli: RunCli) -> None:
    result = run_cli("check", "--config", team.config, "--team", "andet")
    assert result.code == 2
    expect(result.err, "config/teams.toml: has no team 'andet'", "Choose one of: t (--team ID)")


def test_default_names_an_undefined_team(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    data = team.teams_data()
    data["default"] = "andet"
    team.write_teams(data)
    (line,) = refused()
    expect(
        line,
        "config/teams.toml, default",
        "names team 'andet', which is not defined",
        "Use one of: t",
    )


# ---------------------------------------------------------------------------------------
# Values out of range


def test_min_above_max_in_area_and_variant(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    def change(norms: dict[str, Any]) -> None:
        norms["areas"]["born"]["min"] = 31
        norms["areas"]["sygedagpenge"]["variants"][0]["min"] = 46

    path = team.write_norms(norms_with(change))
    lines = refused()
    assert len(lines) == 2
    joined = "\n".join(lines)
    expect(joined, f"line {line_of(path, '[areas.born]')}, area 'born': min (31) is above max (30)")
    expect(joined, "area 'sygedagpenge' (variants.0): min (46) is above max (45)")


@pytest.mark.parametrize("hours", [0, -1, 60.5, 61])
def test_hours_out_of_range(
    team: TeamFiles, refused: Callable[[], list[str]], hours: float
) -> None:
    team.workers[1]["hours"] = hours
    team.write_teams()
    (line,) = refused()
    expect(
        line,
        f"line {line_of(team.config, f'hours = {hours}')}, team 't', worker 'b' (hours)",
        "must be above 0 and at most 60 hours a week",
        f"got {hours:g}",
    )


@pytest.mark.parametrize("hours", [0.5, 60])
def test_hours_at_the_edges_are_accepted(team: TeamFiles, run_cli: RunCli, hours: float) -> None:
    team.workers[1]["hours"] = hours
    team.write_teams()
    assert run_cli("check", "--config", team.config).code in (0, 1)


@pytest.mark.parametrize("factor", [0, -0.5, 1.51, 2])
def test_factors_outside_zero_to_one_and_a_half(
    team: TeamFiles, refused: Callable[[], list[str]], factor: float
) -> None:
    def change(norms: dict[str, Any]) -> None:
        norms["duties"]["udvikling"]["factor"] = factor
        norms["new_hire"]["factor"] = factor

    team.write_norms(norms_with(change))
    team.workers[0]["adjustments"] = [{"reason": "Kursus", "factor": factor}]
    team.write_teams()
    lines = refused()
    # One per factor, from both files at once.
    assert len(lines) == 3, lines
    joined = "\n".join(lines)
    for where in (
        "config/teams.toml, line",
        "worker 'a' (adjustments.0.factor)",
        "norms/test.toml, line",
        "new_hire.factor",
        "duty 'udvikling' (factor)",
    ):
        expect(joined, where)
    assert joined.count("must be above 0 and at most 1.5") == 3


def test_factor_of_one_and_a_half_is_accepted(team: TeamFiles, run_cli: RunCli) -> None:
    team.write_norms(norms_with(lambda n: n["duties"]["udvikling"].update(factor=1.5)))
    team.workers[0]["adjustments"] = [{"reason": "Kursus", "factor": 1.5}]
    team.workers[0]["duties"] = ["udvikling"]
    team.write_teams()
    assert run_cli("check", "--config", team.config).code in (0, 1)


@pytest.mark.parametrize(
    "value", ['"01-03-2026"', '"2026-3-1"', '"1/3/2026"', "0", "20260301", '"snart"']
)
def test_dates_in_the_wrong_format(
    team: TeamFiles, refused: Callable[[], list[str]], value: str
) -> None:
    team.workers[0]["started"] = date(2026, 3, 1)
    team.workers[1]["adjustments"] = [
        {"reason": "Kursus", "factor": 0.9, "until": date(2026, 3, 1)}
    ]
    team.write_teams()
    team.write_teams(team.config.read_text("utf-8").replace("2026-03-01", value))
    lines = refused()
    assert len(lines) == 2, lines
    expect(
        lines[0],
        f"line {line_of(team.config, 'started')}, team 't', worker 'a' (started)",
        "not a date",
        "YYYY-MM-DD",
    )
    expect(lines[1], "worker 'b' (adjustments.0.until)", "not a date", "YYYY-MM-DD")


def test_an_impossible_date_is_malformed_toml(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    team.workers[0]["started"] = date(2026, 3, 1)
    team.write_teams()
    team.write_teams(team.config.read_text("utf-8").replace("2026-03-01", "2026-13-01"))
    (line,) = refused()
    expect(line, "config/teams.toml: is not valid TOML", f"line {line_of(team.config, 'started')}")


def test_adjustment_from_after_until(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.workers[0]["adjustments"] = [
        {"reason": "Kursus", "factor": 0.9, "from": date(2026, 6, 1), "until": date(2026, 5, 31)}
    ]
    team.write_teams()
    (line,) = refused()
    expect(line, "worker 'a' (adjustments.0)", "'from' (2026-06-01) is after 'until' (2026-05-31)")


@pytest.mark.parametrize(
    ("column", "value", "what"),
    [
        ("weight", "tung", "'tung' is not a number (write e.g. 1.5 or 1,5)"),
        ("weight", "0", "greater than 0"),
        ("weight", "-1,5", "greater than 0"),
        ("pinned", "måske", "'måske' is not true/false (use true, false, ja, nej, 1 or 0)"),
    ],
)
def test_bad_case_values(
    team: TeamFiles, refused: Callable[[], list[str]], column: str, value: str, what: str
) -> None:
    team.write_cases_csv([case("K-1", "a"), case("K-2", "a", **{column: value})])
    (line,) = refused()
    expect(line, f"config/data/cases.csv, line 3 ({column})", what)


# ---------------------------------------------------------------------------------------
# Files that are missing or cannot be read


def test_missing_teams_file(team: TeamFiles, run_cli: RunCli) -> None:
    result = run_cli("check", "--config", team.root / "config" / "team.toml")
    assert result.code == 2
    assert "Traceback" not in result.err
    expect(result.err, "config/team.toml: file not found", "Check the path")


def test_missing_cases_file(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.cases_path.unlink()
    (line,) = refused()
    expect(line, "config/data/cases.csv: file not found", "Check the path")


def test_missing_norms_file_by_path(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.norms_ref = "../norms/egne.toml"
    team.write_teams()
    (line,) = refused()
    expect(line, "norm set '../norms/egne.toml' not found (looked in norms/egne.toml)")


@pytest.mark.parametrize("which", ["teams", "cases", "norms"])
def test_a_folder_where_a_file_belongs(team: TeamFiles, run_cli: RunCli, which: str) -> None:
    # Running as root, chmod 000 does not stop reading; a folder is an honest unreadable file.
    path = {"teams": team.config, "cases": team.cases_path, "norms": team.norms_file()}[which]
    if which == "norms":
        # A folder is not taken for a norm set (it is looked for as a file): use a path.
        team.norms_ref = "../norms/test.toml"
        team.write_teams()
    path.unlink()
    path.mkdir()
    before = tree(team.root)
    result = run_cli("check", "--config", team.config)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert tree(team.root) == before
    if which == "norms":
        expect(result.err, "norm set '../norms/test.toml' not found")
    else:
        shown = str(path.relative_to(team.root))
        expect(result.err, f"{shown}: is a folder, not a file", "Name the file itself")


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode"
)
@pytest.mark.parametrize("which", ["teams", "cases", "norms"])
def test_an_unreadable_file(team: TeamFiles, refused: Callable[[], list[str]], which: str) -> None:
    path = {"teams": team.config, "cases": team.cases_path, "norms": team.norms_file()}[which]
    path.chmod(0)
    try:
        if which == "teams":
            with pytest.raises(ProblemsFound) as found:
                team.load()
            (problem,) = found.value.problems
            assert "not readable (permission denied)" in problem.what
        else:
            (line,) = refused()
            expect(line, "not readable (permission denied)", "Ask for read access")
    finally:
        path.chmod(0o644)


def test_the_cases_file_resolves_relative_to_teams_toml(
    team: TeamFiles, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # From another working folder the same relative names still work.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert run_cli("check", "--config", team.config).code in (0, 1)


# ---------------------------------------------------------------------------------------
# All at once


def test_problems_in_all_three_files_show_in_one_run(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    team.write_norms(norms_with(lambda n: n["areas"]["born"].update(min=40)))
    team.workers[0]["huors"] = 3
    team.write_teams()
    team.write_cases_csv([case("K-1", "a"), case("K-1", "b"), case("K-3", "b", pinned="kanske")])
    lines = refused()
    assert len(lines) == 4, lines
    files = sorted(line.split(",")[0].split(":")[0] for line in lines)
    assert files == [
        "config/data/cases.csv",
        "config/data/cases.csv",
        "config/teams.toml",
        "norms/test.toml",
    ]


def test_a_cases_file_with_three_problems_gives_three_lines(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    team.write_cases_csv(
        [case("K-1", "a"), case("K-2", "x"), case("K-3", "a", area="y"), case("K-1", "b")]
    )
    lines = refused()
    assert len(lines) == 3
    assert [line.split(",")[1].strip() for line in lines] == ["line 3", "line 4", "line 5"]


def test_workers_that_validate_are_still_cross_checked_beside_one_that_does_not(
    team: TeamFiles,
) -> None:
    team.workers[0]["hours"] = 0
    team.workers[1]["duties"] = ["nej"]
    team.write_teams()
    team.write_cases_csv([case("K-1", "a"), case("K-2", "b"), case("K-3", "c")])
    with pytest.raises(ProblemsFound) as found:
        team.load()
    assert [(p.file, p.where.split(", ", 1)[1], p.what) for p in found.value.problems] == [
        (
            "config/teams.toml",
            "team 't', worker 'a' (hours)",
            "must be above 0 and at most 60 hours a week (got 0)",
        ),
        ("config/teams.toml", "team 't', worker 'b'", "duty 'nej' is not in norm set 'test'"),
        # 'a' did not validate but is named in teams.toml: only 'c' is unknown.
        ("config/data/cases.csv", "case 'K-3'", "worker 'c' is not in the team"),
    ]
