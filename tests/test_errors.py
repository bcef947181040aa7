"""Every error class of issue 2 section 6, fed through `planner check`.

Each test checks the message (file, line or record, what is wrong, what to do), exit code
2, no traceback, nothing on stdout and no file written or changed. CPR-number tests live in
test_cpr.py.
"""

from __future__ import annotations

import copy
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.core.problems import ProblemsFound
from planner.i18n import text_of
from planner.io.files import MAX_INPUT_BYTES
from planner.io.plans import plan_from, write_plan
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


def accepted(team: TeamFiles, run_cli: RunCli) -> CliResult:
    """Run the check on a team that must load. Exit 1, never 0 or 2: each worker of the
    fixture holds one case, far under any range (2 would be a refusal)."""
    result = run_cli("check", "--config", team.config, "--date", "2026-11-23")
    assert result.code == 1, result
    assert result.err == ""
    assert "Medarbejder A" in result.out and "Medarbejder B" in result.out
    return result


def expect(line: str, *fragments: str) -> None:
    for fragment in fragments:
        assert fragment in line, f"{fragment!r} not in {line!r}"


def norms_with(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    norms = copy.deepcopy(SMALL_NORMS)
    change(norms)
    return norms


def test_the_valid_team_passes(team: TeamFiles, run_cli: RunCli) -> None:
    # The baseline every test below breaks in one way.
    accepted(team, run_cli)


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


def test_csv_with_utf8_and_windows_1252_lines_is_refused(
    team: TeamFiles, refused: Callable[[], list[str]], run_cli: RunCli
) -> None:
    # Read as Windows-1252 as a whole, line 3 came out "Carl DÃ¥m" without a word.
    raw = "id;worker;note\nK-1;a;\nK-2;a;Carl Dåm\n".encode() + "K-3;a;Søren\n".encode("cp1252")
    team.cases_path.write_bytes(raw)
    (line,) = refused()
    expect(
        line,
        "config/data/cases.csv, line 4: is not UTF-8 text, but line 3 is: the file mixes two "
        "encodings",
        "Save the export again as one encoding",
    )
    result = run_cli("check", "--config", team.config, "--date", "2026-11-23", "--lang", "da")
    assert result.code == 2
    assert "linje 4: er ikke UTF-8-tekst, men det er linje 3: filen blander to tegnsæt" in (
        result.err
    )
    assert "Gem eksporten igen i ét tegnsæt" in result.err


def test_windows_1252_with_danish_letters_is_not_taken_for_mixed() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    from planner.io.tables import decode_export

    # Danish letters are single bytes of 0xC0 and up in Windows-1252; none of them can follow
    # another as a UTF-8 continuation byte, so no line is taken for UTF-8.
    alphabet = st.sampled_from("abcdeæøåÆØÅéüöä -;,.'\"0123456789")

    @given(st.lists(st.text(alphabet, max_size=30), min_size=1, max_size=8))
    def read_back(lines: list[str]) -> None:
        text = "\n".join(lines)
        assert decode_export(text.encode("cp1252"), "x.csv")[0] == text

    read_back()


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
        "allowed here: cases, columns, flow, name, norms",
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
    expect(
        line,
        "config/data/cases.toml, line 5, case 'K-2'",
        "unknown key 'tagz'",
        "allowed: id, worker",
    )


def test_toml_cases_with_other_top_level_keys_or_non_tables(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    team.write_cases_toml([case("K-1", "a")])
    team.write_teams()
    team.write_cases_text('sager = 1\ncases = [1, {id = "K-2"}]\n')
    lines = refused()
    assert len(lines) == 2
    expect(lines[0], "config/data/cases.toml", "unknown key sager", "only [[cases]]")
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
    expect(line, "config/data/cases.toml, line 5, case #2: has no case id", "Give each case an id")


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
        path = team.write_cases_toml(rows)
        team.write_teams()
        # Both are placed by the line of their [[cases]] table, not both "case 'K-1'".
        headers = [
            n for n, text in enumerate(path.read_text().splitlines(), 1) if text == "[[cases]]"
        ]
        where = f"config/data/cases.toml, line {headers[2]}, case 'K-1'"
        first = f"first at line {headers[0]}, case 'K-1'"
    (line,) = refused()
    expect(line, where, "case id 'K-1' is used twice", first, "unique id")


def test_duplicate_case_ids_in_an_inline_array_are_placed_by_number(
    team: TeamFiles, refused: Callable[[], list[str]], run_cli: RunCli
) -> None:
    team.cases_ref = "data/cases.toml"
    team.write_teams()
    team.write_cases_text(
        'cases = [{id = "K-1", worker = "a"}, {id = "K-2", worker = "b"}, {id = "K-1"}]\n'
    )
    (line,) = refused()
    expect(
        line,
        "config/data/cases.toml, case #3 ('K-1'): case id 'K-1' is used twice (first at case #1 "
        "('K-1'))",
    )
    danish = run_cli("check", "--config", team.config, "--date", "2026-11-23", "--lang", "da")
    assert "sag nr. 3 ('K-1'): sagsnummeret 'K-1' bruges to gange (første gang sag nr. 1" in (
        danish.err
    )


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
    accepted(team, run_cli)


@pytest.mark.parametrize("factor", [0, -0.5, 1.51, 2])
def test_factors_outside_zero_to_one_and_a_half(
    team: TeamFiles, refused: Callable[[], list[str]], factor: float
) -> None:
    def change(norms: dict[str, Any]) -> None:
        norms["duties"]["udvikling"]["factor"] = factor
        norms["new_hire"]["factor"] = factor

    team.write_norms(norms_with(change))
    # An adjustment may be 0 (an absence, issue 10); below 0 or above 1.5 it may not.
    refused_adjustment = factor != 0
    team.workers[0]["adjustments"] = [{"reason": "Kursus", "factor": factor}]
    team.write_teams()
    lines = refused()
    # One per factor, from both files at once.
    assert len(lines) == 2 + refused_adjustment, lines
    joined = "\n".join(lines)
    for where in (
        "norms/test.toml, line",
        "new_hire.factor",
        "duty 'udvikling' (factor)",
    ):
        expect(joined, where)
    assert joined.count("must be above 0 and at most 1.5") == 2
    if refused_adjustment:
        expect(joined, "config/teams.toml, line", "worker 'a' (adjustments.0.factor)")
        expect(joined, "must be between 0 (absent) and 1.5")


def test_factor_of_one_and_a_half_is_accepted(team: TeamFiles, run_cli: RunCli) -> None:
    team.write_norms(norms_with(lambda n: n["duties"]["udvikling"].update(factor=1.5)))
    team.workers[0]["adjustments"] = [{"reason": "Kursus", "factor": 1.5}]
    team.workers[0]["duties"] = ["udvikling"]
    team.write_teams()
    accepted(team, run_cli)


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
        ("weight", "0", "must be above 0 and at most 100 (got 0.0)"),
        ("weight", "-1,5", "must be above 0 and at most 100 (got -1.5)"),
        ("weight", "1e300", "must be above 0 and at most 100 (got 1e+300)"),
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
    path = {"teams": team.config, "cases": team.cases_path, "norms": team.norms_file()}[which]
    path.unlink()
    path.mkdir()
    before = tree(team.root)
    result = run_cli("check", "--config", team.config)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert tree(team.root) == before
    # A folder named like the norm set is reported, not passed over for the bundled one.
    shown = str(path.relative_to(team.root))
    expect(result.err, f"{shown}: is a folder, not a file", "Name the file itself")


NOBODY = 65534  # the unprivileged user every Linux has (uid and gid)


def run_unprivileged(args: list[str], cwd: Path) -> CliResult:
    """`planner ARGS` in a forked child that has given up root (root reads files whatever
    their mode, so chmod 000 would not stop it); as another user the child runs as is.

    A fork, not a new interpreter: the interpreter may live where 'nobody' cannot go (here
    under /root). So the modules the command needs are imported first, by running it once
    in this process (the caller does), and the child only calls main()."""
    from planner.cli import main

    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 99
        try:
            os.dup2(out_write, 1)
            os.dup2(err_write, 2)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            os.chdir(cwd)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            code = main(args)
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException as error:
            os.write(2, f"child failed: {error!r}".encode())
        os._exit(code)
    os.close(out_write)
    os.close(err_write)
    with os.fdopen(out_read, encoding="utf-8") as out, os.fdopen(err_read, encoding="utf-8") as err:
        stdout, stderr = out.read(), err.read()
    _, status = os.waitpid(pid, 0)
    return CliResult(os.waitstatus_to_exitcode(status), stdout, stderr)


@pytest.fixture
def open_team(monkeypatch: pytest.MonkeyPatch) -> Iterator[TeamFiles]:
    """The valid team in a folder 'nobody' may enter (pytest's folders are root's, 0700)."""
    root = Path(tempfile.mkdtemp(prefix="planner-open-"))
    try:
        root.chmod(0o755)
        monkeypatch.chdir(root)
        files = TeamFiles(root)
        files.workers = [worker("a", "sygedagpenge"), worker("b", "fleksjob", hours=30)]
        files.write([case("K-1", "a"), case("K-2", "b")])
        for path in root.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        yield files
    finally:
        shutil.rmtree(root)


@pytest.mark.parametrize("which", ["teams", "cases", "norms"])
def test_an_unreadable_file(open_team: TeamFiles, run_cli: RunCli, which: str) -> None:
    """A file the user may not read: permission denied, named, exit 2. Run as 'nobody'
    when the tests run as root, so the test means the same for every user."""
    args = ["check", "--config", str(open_team.config)]
    assert run_cli(*args).code in (0, 1)  # readable, and every module the child needs loaded
    path = {
        "teams": open_team.config,
        "cases": open_team.cases_path,
        "norms": open_team.norms_file(),
    }[which]
    path.chmod(0)
    result = run_unprivileged(args, open_team.root)
    assert result.code == 2, result
    assert result.out == "" and "Traceback" not in result.err
    shown = str(path.relative_to(open_team.root))
    expect(result.err, f"{shown}: not readable (permission denied)", "Ask for read access")


def test_the_cases_file_resolves_relative_to_teams_toml(
    team: TeamFiles, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # From another working folder the same relative names still work.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    accepted(team, run_cli)


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
    problems = [
        (p.file, text_of(p.where, "en"), text_of(p.what, "en")) for p in found.value.problems
    ]
    assert [(file, where.split(", ", 1)[1], what) for file, where, what in problems] == [
        (
            "config/teams.toml",
            "team 't', worker 'a' (hours)",
            "must be above 0 and at most 60 hours a week (got 0)",
        ),
        ("config/teams.toml", "team 't', worker 'b'", "duty 'nej' is not in norm set 'test'"),
        # 'a' did not validate but is named in teams.toml: only 'c' is unknown.
        ("config/data/cases.csv", "case 'K-3'", "worker 'c' is not in the team"),
    ]


# =======================================================================================
# Issue 14 (§1-§3): hostile inputs and outputs. One row per case: how to make it, the exit
# code, the words the message must contain. Each row runs the real command line (main(),
# or a real `planner` process where a wrong answer would hang or eat memory: FIFOs,
# devices, the board); every row checks: that exit code, those words, no traceback, no
# "internal error", and nothing in the team's folder written or changed. Rows for the
# other classes of issue 14 (serve token, team ids, control characters, CPR variants,
# hang-ups) live in their own table.

Make = Callable[[TeamFiles], list[str]]  # prepares the input, returns the command line


def _fifo(path: Path) -> Path:
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    return path


def _plan(team: TeamFiles, name: str = "plan.toml") -> str:
    """A valid plan file for the team (one move), in its root."""
    assignment = team.assignment()
    assignment.move(["K-3"], "b")
    write_plan(team.root / name, plan_from(assignment, note="Runde 1"), assignment.team)
    return name


def _norms(change: Callable[[dict[str, Any]], None]) -> Make:
    def make(team: TeamFiles) -> list[str]:
        team.write_norms(norms_with(change))
        return ["check"]

    return make


def _first_worker(**fields: Any) -> Make:
    def make(team: TeamFiles) -> list[str]:
        team.workers[0].update(fields)
        team.write_teams()
        return ["check"]

    return make


def _team_extra(**fields: Any) -> Make:
    def make(team: TeamFiles) -> list[str]:
        team.team_extra = fields
        team.write_teams()
        return ["check"]

    return make


def _toml_case(**fields: Any) -> Make:
    def make(team: TeamFiles) -> list[str]:
        team.write_cases_toml([case("K-1", "a"), {"id": "K-2", "worker": "a", **fields}])
        team.write_teams()
        return ["check"]

    return make


def _csv_weight(value: str) -> Make:
    def make(team: TeamFiles) -> list[str]:
        team.write_cases_csv([case("K-1", "a"), case("K-2", "a", weight=value)])
        return ["check"]

    return make


def _append_to_teams(text: str) -> Make:
    def make(team: TeamFiles) -> list[str]:
        with team.config.open("a", encoding="utf-8") as handle:
            handle.write(text)
        return ["check"]

    return make


def _cases_fifo(team: TeamFiles) -> list[str]:
    _fifo(team.cases_path)
    return ["check"]


def _norms_by_path(target: str) -> Make:
    def make(team: TeamFiles) -> list[str]:
        team.norms_ref = target
        team.write_teams()
        return ["check"]

    return make


def _cases_symlink_loop(team: TeamFiles) -> list[str]:
    team.cases_path.unlink()
    team.cases_path.symlink_to(team.cases_path.name)  # points at itself
    return ["check"]


def _teams_too_large(team: TeamFiles) -> list[str]:
    with team.config.open("ab") as handle:  # sparse: no disk is used for it
        handle.truncate(MAX_INPUT_BYTES + 1)
    return ["check"]


def _plan_fifo(team: TeamFiles) -> list[str]:
    _fifo(team.root / "plan.toml")
    return ["plan", "show", "plan.toml"]


def _board_plan_fifo(team: TeamFiles) -> list[str]:
    _fifo(team.root / "plan.toml")
    return ["--plan", "plan.toml"]  # refused before the board takes the terminal


def _plan_nested(team: TeamFiles) -> list[str]:
    name = _plan(team)
    with (team.root / name).open("a", encoding="utf-8") as handle:
        handle.write("deep = " + "[" * 3000 + "]" * 3000 + "\n")
    return ["plan", "show", name]


def _cases_toml_nested(team: TeamFiles) -> list[str]:
    team.write_cases_toml([case("K-1", "a")])
    team.write_teams()
    team.write_cases_text("[" + ".".join(["a"] * 3000) + "]\nx = 1\n")
    return ["check"]


def _export(out: str, *extra: str, prepare: Callable[[TeamFiles], None] | None = None) -> Make:
    def make(team: TeamFiles) -> list[str]:
        name = _plan(team)
        if prepare is not None:
            prepare(team)
        return ["plan", "export", name, "--format", "csv", "--out", out, *extra]

    return make


def _balance(out: str, *extra: str, prepare: Callable[[TeamFiles], None] | None = None) -> Make:
    def make(team: TeamFiles) -> list[str]:
        if prepare is not None:
            prepare(team)
        return ["balance", "--out", out, *extra]

    return make


def _file(name: str, text: str = "x\n") -> Callable[[TeamFiles], None]:
    return lambda team: (team.root / name).write_text(text, "utf-8") and None


def _symlink(name: str, target: str) -> Callable[[TeamFiles], None]:
    return lambda team: (team.root / name).symlink_to(target)


BAD_INPUTS: list[tuple[str, Make, int, tuple[str, ...], bool]] = [
    # (id, make, exit code, words in the message, as a real process)
    # -- §3 files that are not regular files, or too large, before anything is read --------
    ("cases-fifo", _cases_fifo, 2, ("config/data/cases.csv: is a named pipe (FIFO)",), True),
    ("config-dev-zero", lambda t: ["check", "--config", "/dev/zero"], 2,
     ("/dev/zero: is a device, not a file",), True),
    ("norms-dev-urandom", _norms_by_path("/dev/urandom"), 2,
     ("/dev/urandom: is a device, not a file",), True),
    ("cases-folder", lambda t: (t.cases_path.unlink(), t.cases_path.mkdir()) and ["check"], 2,
     ("config/data/cases.csv: is a folder, not a file",), False),
    ("cases-symlink-loop", _cases_symlink_loop, 2,
     ("config/data/cases.csv: is a symbolic link that leads round in a loop",), False),
    ("teams-over-200-mb", _teams_too_large, 2,
     ("config/teams.toml: is larger than 200 MB", "check that this is the right file"), False),
    ("plan-fifo", _plan_fifo, 2, ("plan.toml: is a named pipe (FIFO)",), True),
    ("board-plan-fifo", _board_plan_fifo, 2, ("plan.toml: is a named pipe (FIFO)",), True),
    # -- §3 TOML nested thousands deep (RecursionError) ------------------------------------
    ("teams-nested-arrays", _append_to_teams("deep = " + "[" * 5000 + "]" * 5000 + "\n"), 2,
     ("config/teams.toml: nests tables or arrays more than 20 levels deep",), False),
    ("teams-nested-inline-tables",
     _append_to_teams("deep = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"), 2,
     ("config/teams.toml: nests tables or arrays",), False),
    ("cases-toml-nested-tables", _cases_toml_nested, 2,
     ("config/data/cases.toml: nests tables or arrays",), False),
    ("plan-nested-arrays", _plan_nested, 2, ("plan.toml: nests tables or arrays",), False),
    # -- §3 numbers: inf, nan, true where a number belongs, tiny values --------------------
    ("norms-max-inf", _norms(lambda n: n["areas"]["fleksjob"].update(max=math.inf)), 2,
     ("norms/test.toml", "area 'fleksjob' (max)", "finite number"), False),
    ("norms-min-nan", _norms(lambda n: n["areas"]["fleksjob"].update(min=math.nan)), 2,
     ("area 'fleksjob' (min)", "finite number"), False),
    ("norms-tag-weight-inf", _norms(lambda n: n["tag_weights"].update(kompleks=math.inf)), 2,
     ("tag_weights.kompleks", "finite number"), False),
    ("norms-months-true", _norms(lambda n: n["new_hire"].update(months=True)), 2,
     ("new_hire.months", "valid integer", "got true"), False),
    ("norms-factor-true", _norms(lambda n: n["duties"]["udvikling"].update(factor=True)), 2,
     ("duty 'udvikling' (factor)", "valid number"), False),
    ("norms-tag-weight-huge", _norms(lambda n: n["tag_weights"].update(kompleks=1e300)), 2,
     ("tag_weights", "weight of tag 'kompleks' must be above 0 and at most 100 (got 1e+300)"),
     False),
    ("norms-full-time-hours-tiny", _norms(lambda n: n.update(full_time_hours=1e-300)), 2,
     ("full_time_hours", "must be from 1 to 60"), False),
    ("norms-max-tiny", _norms(lambda n: n["areas"]["fleksjob"].update(min=0, max=1e-300)), 2,
     ("area 'fleksjob' (max)", "must be from 1 to 10000"), False),
    ("teams-hours-true", _first_worker(hours=True), 2,
     ("worker 'a' (hours)", "valid number", "got true"), False),
    ("teams-hours-inf", _first_worker(hours=math.inf), 2,
     ("worker 'a' (hours)", "finite number"), False),
    ("teams-hours-nan", _first_worker(hours=math.nan), 2,
     ("worker 'a' (hours)", "finite number"), False),
    ("teams-hours-tiny", _first_worker(hours=1e-300), 2,
     ("worker 'a'", "capacity could fall to", "too little to plan with", "hours"), False),
    ("teams-factor-tiny", _first_worker(adjustments=[{"reason": "Kursus", "factor": 1e-300}]),
     2, ("worker 'a'", "capacity could fall to"), False),
    ("teams-many-factors", _first_worker(
        adjustments=[{"reason": f"Kursus {i}", "factor": 1.5} for i in range(60)]),
     2, ("worker 'a'", "capacity could rise to", "more than any team has"), False),
    ("teams-ten-digit-ids-1", _team_extra(ten_digit_case_ids=1), 2,
     ("team 't' (ten_digit_case_ids)", "valid boolean"), False),
    # -- §3 wrong types in TOML case files, and CSV weights that are no numbers -----------
    ("toml-case-weight-true", _toml_case(weight=True), 2,
     ("config/data/cases.toml, line 5, case 'K-2' (weight)", "must be a number", "got true"), False),
    ("toml-case-tags-table", _toml_case(tags=[{"a": 1}]), 2,
     ("case 'K-2' (tags)", "must be a list of words", "got a list holding a table"), False),
    ("toml-case-tags-number", _toml_case(tags=7), 2,
     ("case 'K-2' (tags)", "must be a list of words", "got 7"), False),
    ("toml-case-weight-inf", _toml_case(weight=math.inf), 2,
     ("case 'K-2' (weight)", "finite"), False),
    ("toml-case-pinned-1", _toml_case(pinned=1), 2,
     ("case 'K-2' (pinned)", "must be true or false", "got 1"), False),
    ("toml-case-worker-list", _toml_case(worker=["a"]), 2,
     ("case 'K-2' (worker)", "must be text", "got a list"), False),
    ("toml-case-area-date", _toml_case(area=date(2026, 1, 1)), 2,
     ("case 'K-2' (area)", "must be text", "got a date"), False),
    ("csv-weight-inf", _csv_weight("inf"), 2,
     ("config/data/cases.csv, line 3 (weight)", "'inf' is not a number"), False),
    ("csv-weight-nan", _csv_weight("nan"), 2, ("line 3 (weight)", "'nan' is not a number"), False),
    # -- §3 dates far in the future: figures, not an overflow -----------------------------
    ("started-9999", _first_worker(started=date(9999, 7, 1)), 1, ("Medarbejder A",), False),
    ("until-9999-12-31",
     _first_worker(adjustments=[{"reason": "Kursus", "factor": 0.5, "until": date(9999, 12, 31)}]),
     1, ("Medarbejder A",), False),
    ("date-9999-12-31", lambda t: ["check", "--date", "9999-12-31"], 1, ("9999-12-31",), False),
    # -- §2 outputs: only regular files, never an input in use, existing only with --force --
    ("export-to-dev-full", _export("/dev/full"), 2, ("/dev/full", "is a device"), False),
    ("export-to-dev-full-forced", _export("/dev/full", "--force"), 2, ("is a device",), False),
    ("export-to-fifo", _export("out.csv", prepare=lambda t: _fifo(t.root / "out.csv") and None),
     2, ("out.csv", "is a named pipe (FIFO)"), False),
    ("export-to-symlink", _export("out.csv", "--force", prepare=_symlink("out.csv", "x.csv")),
     2, ("out.csv", "is a symbolic link"), False),
    ("export-to-folder", _export("config", "--force"), 2, ("config", "is a folder"), False),
    ("export-over-a-file", _export("moves.csv", prepare=_file("moves.csv")), 2,
     ("moves.csv, --out: exists already", "Add --force to replace it"), False),
    ("export-over-the-cases-forced", _export("config/data/cases.csv", "--force"), 2,
     ("config/data/cases.csv, --out", "input files in use"), False),
    ("export-over-the-plan-forced", _export("plan.toml", "--force"), 2,
     ("plan.toml, --out", "input files in use"), False),
    ("export-over-another-plan-forced",
     _export("old.toml", "--force", prepare=lambda t: _plan(t, "old.toml") and None), 2,
     ("old.toml, --out", "holds a plan", "never replaces a plan file"), False),
    ("balance-over-a-file", _balance("b.toml", prepare=_file("b.toml")), 2,
     ("b.toml, --out: exists already", "--force"), False),
    ("balance-over-the-teams-forced", _balance("config/teams.toml", "--force"), 2,
     ("config/teams.toml, --out", "input files in use"), False),
    ("balance-to-dev-full", _balance("/dev/full", "--force"), 2, ("is a device",), False),
]  # fmt: skip


def _snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry under root by lstat (never opened: FIFOs and loops are in the corpus)."""
    entries = {}
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        entries[str(path.relative_to(root))] = (st.st_mode, st.st_size, st.st_mtime_ns)
    return entries


def _run_process(args: list[str], root: Path) -> CliResult:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env.update(LANG="en_GB.UTF-8", NO_COLOR="1", COLUMNS="120")
    done = subprocess.run(
        [sys.executable, "-m", "planner", *args],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
        stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    return CliResult(done.returncode, done.stdout, done.stderr)


@pytest.mark.parametrize(
    ("make", "code", "words", "process"),
    [pytest.param(*row[1:], id=row[0]) for row in BAD_INPUTS],
)
def test_hostile_input(
    team: TeamFiles,
    run_cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    make: Make,
    code: int,
    words: tuple[str, ...],
    process: bool,
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(team.root / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(team.root / "data"))
    args = make(team)
    if "--config" not in args:
        args += ["--config", str(team.config)]
    if "--date" not in args:
        args += ["--date", "2026-11-23"]
    before = _snapshot(team.root)
    result = _run_process(args, team.root) if process else run_cli(*args)
    shown = result.out + result.err
    assert result.code == code, shown
    assert "Traceback" not in shown and "internal error" not in shown, shown
    for word in words:
        assert word in (result.err if code == 2 else shown), (word, shown)
    if code == 2:
        assert result.out == "", "bad input, yet something on stdout"
    assert _snapshot(team.root) == before, "something was written"


# ISSUE 14 BAD-INPUT CORPUS
#
# One row per bad input: how to make it (`setup` breaks the valid team of the `team`
# fixture and returns the command line, after `planner`), the exit code, the words the
# message must contain, and what must never appear in the output (the digits of a CPR
# number). Every row also checks: no traceback, no "internal error", nothing written.
# Rows are grouped by the sections; add new groups below the last one.
# =======================================================================================


@dataclass(frozen=True)
class Bad:
    id: str
    setup: Callable[[TeamFiles], Sequence[str]]
    exit: int
    words: tuple[str, ...]
    never: tuple[str, ...] = ()


def check_cmd(team: TeamFiles, *extra: str) -> list[str]:
    return ["check", "--config", str(team.config), "--date", "2026-11-23", *extra]


def with_team_id(team_id: str) -> Callable[[TeamFiles], Sequence[str]]:
    """The team's id replaced by `team_id`, quoted in the TOML as it must be."""

    def setup(team: TeamFiles) -> Sequence[str]:
        quoted = json.dumps(team_id)  # a TOML basic string too
        text = team.config.read_text("utf-8")
        text = text.replace('default = "t"', f"default = {quoted}")
        text = text.replace("[teams.t]", f"[teams.{quoted}]")
        team.write_teams(text.replace("[teams.t.", f"[teams.{quoted}."))
        return check_cmd(team)

    return setup


# -- §1: team ids become file names: simple names only ------------------------------------

TEAM_ID_WORDS = ("config/teams.toml, line 3: team id", "is not a simple name", "letters a-z")
BAD_TEAM_IDS = {
    "slash": "a/b",
    "parent-folder": "../x",
    "dot": "a.b",
    "blank": "a b",
    "leading-dash": "-x",
    "empty": "",
    "not-ascii": "børn",
    "too-long": "x" * 65,
    "control": "a\x1bb",
}
CORPUS: list[Bad] = [
    Bad(f"team-id-{name}", with_team_id(team_id), 2, TEAM_ID_WORDS)
    for name, team_id in BAD_TEAM_IDS.items()
]


# -- §4: CPR numbers in every written form, refused everywhere and never repeated ---------

CPR_FORMS = {
    "space": "010203 1234",
    "no-break-space": "010203\u00a01234",
    "en-dash": "010203–1234",
    "minus-sign": "010203−1234",
    "no-break-hyphen": "010203‑1234",
    "spaced-dash": "010203 - 1234",
    "full-width": "０１０２０３１２３４",
    "full-width-dashed": "０１０２０３－１２３４",
}
CPR_DIGITS = ("010203", "1234", "０１０２０３", "１２３４")


def in_worker_name(number: str) -> Callable[[TeamFiles], Sequence[str]]:
    def setup(team: TeamFiles) -> Sequence[str]:
        team.workers[0]["name"] = f"Anna {number}"
        team.write_teams()
        return check_cmd(team)

    return setup


def in_csv_column(number: str) -> Callable[[TeamFiles], Sequence[str]]:
    def setup(team: TeamFiles) -> Sequence[str]:
        team.write_cases_csv(
            [["K-1", "a", "", "", number], ["K-2", "b", "", "", ""]],
            header=("id", "worker", "area", "tags", "Borger"),
        )
        return check_cmd(team)

    return setup


def in_toml_case(number: str) -> Callable[[TeamFiles], Sequence[str]]:
    def setup(team: TeamFiles) -> Sequence[str]:
        team.write_cases_toml([case("K-1", "a", tags=[f"borger {number}"]), case("K-2", "b")])
        team.write_teams()
        return check_cmd(team)

    return setup


def in_norm_label(number: str) -> Callable[[TeamFiles], Sequence[str]]:
    def setup(team: TeamFiles) -> Sequence[str]:
        team.write_norms(norms_with(lambda n: n["areas"]["fleksjob"].update(label=number)))
        return check_cmd(team)

    return setup


def in_plan_note(number: str) -> Callable[[TeamFiles], Sequence[str]]:
    def setup(team: TeamFiles) -> Sequence[str]:
        from planner.io.plans import plan_from, write_plan

        assignment = team.assignment()
        assignment.move(["K-3"], "b")
        path = write_plan(team.root / "plan.toml", plan_from(assignment, note="NOTE"))
        path.write_text(path.read_text("utf-8").replace("NOTE", number), "utf-8")
        return ["plan", "show", str(path), "--config", str(team.config), "--date", "2026-11-23"]

    return setup


def as_argument(*args: str) -> Callable[[TeamFiles], Sequence[str]]:
    """A command line typed with a CPR number in it; {config} and {root} filled in."""

    def setup(team: TeamFiles) -> Sequence[str]:
        return [a.format(config=team.config, root=team.root) for a in args]

    return setup


CPR_WORDS = ("holds what looks like a CPR number", "xxxxxx")
for form, number in CPR_FORMS.items():
    CORPUS += [
        Bad(f"cpr-{form}-in-teams-toml", in_worker_name(number), 2,
            ("config/teams.toml, line", "worker 'a' (name)", *CPR_WORDS), CPR_DIGITS),
        Bad(f"cpr-{form}-in-an-unused-csv-column", in_csv_column(number), 2,
            ("config/data/cases.csv, line 2, column 'Borger'", *CPR_WORDS), CPR_DIGITS),
        Bad(f"cpr-{form}-in-a-toml-case", in_toml_case(number), 2,
            ("config/data/cases.toml", *CPR_WORDS), CPR_DIGITS),
        Bad(f"cpr-{form}-in-a-norm-set", in_norm_label(number), 2,
            ("norms/test.toml", "area 'fleksjob' (label)", *CPR_WORDS), CPR_DIGITS),
        Bad(f"cpr-{form}-in-a-plan-note", in_plan_note(number), 2,
            ("plan.toml", "note", *CPR_WORDS), CPR_DIGITS),
    ]  # fmt: skip

# Command-line values and paths are echoed with the digits masked.
CORPUS += [
    Bad("cpr-as---date", as_argument("--date", "010203 1234"), 2,
        ("--date 'xxxxxx xxxx' is not a date",), CPR_DIGITS),
    Bad("cpr-as---team", as_argument("check", "--config", "{config}", "--team", "010203–1234"),
        2, ("has no team 'xxxxxx–xxxx'",), CPR_DIGITS),
    Bad("cpr-as---lang", as_argument("--lang", "０１０２０３１２３４"), 2,
        ("invalid choice: 'xxxxxxxxxx'",), CPR_DIGITS),
    Bad("cpr-as-a-choice", as_argument("plan", "export", "p.toml", "--format", "010203-1234"),
        2, ("invalid choice: 'xxxxxx-xxxx'",), CPR_DIGITS),
    Bad("cpr-as---port", as_argument("serve", "--port", "010203 1234"), 2,
        ("--port xxxxxx xxxx is not a port",), CPR_DIGITS),
    Bad("cpr-in-a-folder-name", as_argument("check", "--config", "{root}/010203−1234/teams.toml"),
        2, ("xxxxxx−xxxx/teams.toml: file not found",), CPR_DIGITS),
    Bad("cpr-in-a-plan-file-name",
        as_argument("plan", "show", "{root}/plans/borger 010203‑1234.toml", "--config", "{config}"),
        2, ("borger xxxxxx‑xxxx.toml", "file not found"), CPR_DIGITS),
]  # fmt: skip


@pytest.mark.parametrize("bad", CORPUS, ids=[bad.id for bad in CORPUS])
def test_bad_input_corpus(
    bad: Bad, team: TeamFiles, run_cli: RunCli, capsys: pytest.CaptureFixture[str]
) -> None:
    args = bad.setup(team)
    before = tree(team.root)
    try:
        result = run_cli(*args)
        code, output = result.code, result.out + result.err
    except SystemExit as refused:  # argparse refuses a value before main() returns
        captured = capsys.readouterr()
        code, output = refused.code, captured.out + captured.err
    assert code == bad.exit, output
    assert "Traceback" not in output and "internal error" not in output
    for words in bad.words:
        assert words in output, f"{words!r} not in {output!r}"
    for never in bad.never:
        assert never not in output, f"{never!r} shown in {output!r}"
    assert tree(team.root) == before, "something was written"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("lang", ["en", "da"])
def test_output_to_a_full_disk_is_said_as_such_not_as_an_internal_error(lang: str) -> None:
    # `planner check > file` on a full disk said "internal error (OSError) ... Please report
    # this", exit 3.
    from planner.io.files import bundled_config

    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "planner", "check", "--config", str(bundled_config()),
             "--date", "2026-11-23", "--lang", lang],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
            env={**os.environ, "COLUMNS": "120"},
        )  # fmt: skip
    assert result.returncode == 2, result.stderr
    said = {"en": "the output could not be written: the disk is full", "da": "disken er fuld"}
    assert said[lang] in result.stderr
    assert "internal" not in result.stderr and "intern" not in result.stderr
    assert "Exception ignored" not in result.stderr
