"""CPR numbers: recognised, refused in any field of any file, never repeated on screen.

A CPR number is DDMMYY-SSSS or the same ten digits without the dash, where DDMMYY is a real
date. The numbers below are made up; what matters is that their digits never reach the
output, whatever the message.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.cpr import find_cpr, mask, mask_all
from planner.core.problems import Problem
from team_helpers import SMALL_NORMS, CliResult, TeamFiles, case, tree, worker

RunCli = Callable[..., CliResult]

DASHED = "010190-1234"
PLAIN = "3112991234"  # 31 Dec 99
DIGITS = ("0101901234", "3112991234", "2902001234")


# ---------------------------------------------------------------------------------------
# Recognising


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("010190-1234", "xxxxxx-xxxx"),
        ("0101901234", "xxxxxxxxxx"),
        ("Borger 311299-4321 ringede", "xxxxxx-xxxx"),
        ("K-0101901234", "xxxxxxxxxx"),  # a letter prefix does not make it safe
        ("290200-1234", "xxxxxx-xxxx"),  # 29 Feb 2000
        ("290204-1234", "xxxxxx-xxxx"),  # 29 Feb 2004
        ("290201-1234", None),  # no 29 Feb in any year ending in 01
        ("320190-1234", None),  # no 32nd
        ("011390-1234", None),  # no 13th month
        ("000190-1234", None),
        ("01019012345", None),  # eleven digits: not a CPR number
        ("10101901234", None),
        ("0101901234-5", "xxxxxxxxxx"),  # refusing too much is the safe side
        ("01019-01234", None),
        ("9912345678", None),
        ("K-10001", None),
        ("", None),
        # Every way the dash is written (issue 14): the same number, refused.
        ("010203 1234", "xxxxxx xxxx"),
        ("Borger 010203 1234 ringede", "xxxxxx xxxx"),
        ("010203\u00a01234", "xxxxxx\u00a0xxxx"),  # no-break space
        ("010203\u202f1234", "xxxxxx\u202fxxxx"),  # narrow no-break space
        ("010203–1234", "xxxxxx–xxxx"),  # en dash
        ("010203—1234", "xxxxxx—xxxx"),  # em dash
        ("010203−1234", "xxxxxx−xxxx"),  # minus sign
        ("010203‑1234", "xxxxxx‑xxxx"),  # non-breaking hyphen
        ("010203‐1234", "xxxxxx‐xxxx"),  # hyphen
        ("010203 - 1234", "xxxxxx - xxxx"),
        ("010203  1234", "xxxxxx  xxxx"),
        ("０１０２０３１２３４", "xxxxxxxxxx"),  # full-width digits
        ("０１０２０３－１２３４", "xxxxxx－xxxx"),  # full-width, full-width hyphen
        ("01０2０3-1234", "xxxxxx-xxxx"),  # mixed widths
        # ... and what merely looks like one is not: no such date, or not 6 + 4 digits.
        ("320190 1234", None),
        ("011390–1234", None),
        ("290201−1234", None),
        ("０００１９０ １２３４", None),
        ("0102031 234", None),
        ("01020 31234", None),
        ("010203 12345", None),
        ("2026-11-23 1234", None),
        ("010203 / 1234", None),
        ("010203 -- 1234", None),
        ("010203     1234", None),  # five blanks: two numbers in a list
    ],
)
def test_find_cpr(text: str, found: str | None) -> None:
    assert find_cpr(text) == found
    assert (mask_all(text) != text) is (found is not None)


SEPARATORS = ["", "-", " ", "\u00a0", "–", "−", "‑", " - ", "－"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    serial=st.integers(0, 9999),
    separator=st.sampled_from(SEPARATORS),
    full_width=st.booleans(),
    before=st.sampled_from(["", "Borger ", "sag: ", "K-"]),
    after=st.sampled_from(["", " ringede", ";", "."]),
)
def test_every_written_form_of_every_date_is_found_and_masked(
    day: date, serial: int, separator: str, full_width: bool, before: str, after: str
) -> None:
    number = f"{day:%d%m%y}{separator}{serial:04d}"
    if full_width:
        number = number.translate(FULL_WIDTH)
    text = f"{before}{number}{after}"
    assert find_cpr(text) is not None
    masked = mask_all(text)
    assert masked == f"{before}{mask(number)}{after}"
    assert not any(ch.isdigit() for ch in mask(number))


def test_only_plain_ascii_ten_digits_may_be_allowed() -> None:
    for form in ("010203 1234", "010203–1234", "０１０２０３１２３４", "010203\u00a01234"):
        assert find_cpr(form, allow_plain_ten_digits=True) is not None, form
    assert find_cpr("0102031234", allow_plain_ten_digits=True) is None


def test_plain_ten_digits_may_be_allowed_but_the_dashed_form_never() -> None:
    assert find_cpr("0101901234", allow_plain_ten_digits=True) is None
    assert find_cpr("010190-1234", allow_plain_ten_digits=True) == "xxxxxx-xxxx"


def test_mask_hides_every_digit() -> None:
    assert mask("010190-1234") == "xxxxxx-xxxx"
    assert mask_all(f"a {DASHED} b {PLAIN} c 12345 d 2026-11-23 e 9912345678") == (
        "a xxxxxx-xxxx b xxxxxxxxxx c 12345 d 2026-11-23 e 9912345678"
    )


def test_a_problem_never_carries_a_cpr_number_in_any_field() -> None:
    problem = Problem(f"eksport-{PLAIN}.csv", f"case '{PLAIN}'", f"'{DASHED}' is odd", PLAIN)
    rendered = problem.render()
    assert not any(number in rendered for number in (DASHED, PLAIN))
    assert rendered.count("xxxxxxxxxx") == 3


# ---------------------------------------------------------------------------------------
# Refusing, in every file


@pytest.fixture
def team(team_files: TeamFiles, monkeypatch: pytest.MonkeyPatch) -> TeamFiles:
    monkeypatch.chdir(team_files.root)
    team_files.workers = [worker("a"), worker("b", "fleksjob")]
    team_files.write([case("K-1", "a"), case("K-2", "b"), case("K-3", "")])
    return team_files


def refused(team: TeamFiles, run_cli: RunCli) -> list[str]:
    before = tree(team.root)
    result = run_cli("check", "--config", team.config, "--json")
    assert result.code == 2
    assert result.out == ""
    assert "Traceback" not in result.err
    assert tree(team.root) == before
    output = result.out + result.err
    for digits in (*DIGITS, DASHED, DASHED.replace("-", "")):
        assert digits not in output, f"{digits} shown in {output!r}"
    lines = [line.strip() for line in result.err.splitlines()[1:]]
    # A refused value may break other checks too (a worker id, a duty); those lines show
    # it masked. The CPR lines come first for each file.
    assert any("holds what looks like a CPR number (xxxxxx" in line for line in lines)
    return lines


def edit_teams(team: TeamFiles, change: Callable[[dict[str, Any]], None]) -> None:
    data = team.teams_data()
    change(data["teams"]["t"])
    team.write_teams(data)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda t: t.update(name=f"Team {DASHED}"), "team 't' (name)"),
        (lambda t: t["workers"][0].update(name=f"Anna {PLAIN}"), "worker 'a' (name)"),
        (lambda t: t["workers"][1].update(id=PLAIN), "worker 'xxxxxxxxxx' (id)"),
        (lambda t: t["workers"][0].update(duties=[DASHED]), "worker 'a' (duties.0)"),
        (
            lambda t: t["workers"][0].update(
                adjustments=[{"reason": f"Orlov {DASHED}", "factor": 0.5}]
            ),
            "worker 'a' (adjustments.0.reason)",
        ),
        (lambda t: t.update(reasons=["Flyttet", f"Borger {PLAIN}"]), "team 't' (reasons.1)"),
        (lambda t: t.update(columns={"id": PLAIN}), "team 't' (columns.id)"),
    ],
)
def test_refused_in_teams_toml(
    team: TeamFiles, run_cli: RunCli, change: Callable[[dict[str, Any]], None], where: str
) -> None:
    edit_teams(team, change)
    lines = refused(team, run_cli)
    # Some values are refused twice (also as an invalid reference); the CPR line names it.
    expect = next(line for line in lines if where in line)
    assert expect.startswith("config/teams.toml, line ")
    assert "Remove it: planner must never store CPR numbers" in expect


def test_refused_as_a_key_in_teams_toml(team: TeamFiles, run_cli: RunCli) -> None:
    data = team.teams_data()
    data["teams"][PLAIN] = data["teams"].pop("t")
    data["default"] = PLAIN
    team.write_teams(data)
    lines = refused(team, run_cli)
    assert any("team 'xxxxxxxxxx'" in line for line in lines)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda n: n.update(title=f"Normer {DASHED}"), "title"),
        (lambda n: n.update(source=PLAIN), "source"),
        (lambda n: n["areas"]["born"].update(label=f"Børn {DASHED}"), "area 'born' (label)"),
        (lambda n: n["duties"]["udvikling"].update(label=PLAIN), "duty 'udvikling' (label)"),
        (lambda n: n.update(reasons=[f"Sag {DASHED}"]), "reasons.0"),
        (lambda n: n["tag_weights"].update({PLAIN: 2.0}), f"tag_weights.{'x' * 10}"),
    ],
)
def test_refused_in_the_norm_set(
    team: TeamFiles, run_cli: RunCli, change: Callable[[dict[str, Any]], None], where: str
) -> None:
    norms = copy.deepcopy(SMALL_NORMS)
    change(norms)
    team.write_norms(norms)
    (line,) = refused(team, run_cli)
    assert line.startswith("norms/test.toml, ")
    assert where in line


@pytest.mark.parametrize("column", ["id", "worker", "area", "tags", "household", "pinned"])
@pytest.mark.parametrize("number", [DASHED, PLAIN])
def test_refused_in_every_csv_column(
    team: TeamFiles, run_cli: RunCli, column: str, number: str
) -> None:
    team.write_cases_csv([case("K-1", "a"), {**case("K-2", "a"), column: f"x {number}"}])
    (line,) = refused(team, run_cli)
    assert line.startswith(f"config/data/cases.csv, line 3, column '{column}'")
    assert f"Remove the column '{column}' from the export" in line
    # Only the id column can be a genuine ten-digit case id; only there is the setting named.
    assert ("ten_digit_case_ids = true" in line) is (column == "id")


def test_a_cpr_column_of_the_export_is_named_with_how_to_drop_it(
    team: TeamFiles, run_cli: RunCli
) -> None:
    header = ("Sagsnr", "Sagsbehandler", "CPR-nr.", "Navn")
    team.team_extra = {"columns": {"id": "Sagsnr", "worker": "Sagsbehandler"}}
    team.write_teams()
    rows = [
        ("K-1", "a", "010190-1234", "Borger A"),
        ("K-2", "a", "0202024321", "Borger B"),
        ("K-3", "b", "311299-1234", "Borger C"),
    ]
    team.write_cases_csv(rows, header=header, bom=True)
    (line,) = refused(team, run_cli)
    # One line per column, not one per row: an export of thousands stays readable.
    assert line.startswith("config/data/cases.csv, line 2, column 'CPR-nr.'")
    assert "further rows of this column not shown" in line
    assert "Remove the column 'CPR-nr.' from the export (or delete it in a spreadsheet)" in line


def test_several_cpr_columns_each_get_a_line(team: TeamFiles, run_cli: RunCli) -> None:
    header = ("id", "worker", "cpr", "note")
    team.write_cases_csv(
        [("K-1", "a", "", ""), ("K-2", "a", DASHED, ""), ("K-3", "a", "", f"se {PLAIN}")],
        header=header,
    )
    lines = refused(team, run_cli)
    assert len(lines) == 2
    assert lines[0].startswith(
        "config/data/cases.csv, line 3, column 'cpr': holds what looks like a CPR number "
        "(xxxxxx-xxxx)"
    )
    assert lines[1].startswith(
        "config/data/cases.csv, line 4, column 'note': holds what looks like a CPR number "
        "(xxxxxxxxxx)"
    )


def test_after_a_cpr_number_nothing_in_the_file_is_quoted(team: TeamFiles, run_cli: RunCli) -> None:
    # The worker column holds a CPR number: 'worker ... is not in the team' would repeat it.
    team.write_cases_csv([case("K-1", PLAIN), case("K-1", "a")])
    (line,) = refused(team, run_cli)
    assert "column 'worker'" in line


@pytest.mark.parametrize("key", ["id", "worker", "area", "tags", "household"])
def test_refused_in_toml_cases(team: TeamFiles, run_cli: RunCli, key: str) -> None:
    value: Any = [DASHED] if key == "tags" else DASHED
    team.write_cases_toml([case("K-1", "a"), {**case("K-2", "a"), key: value}])
    team.write_teams()
    (line,) = refused(team, run_cli)
    assert line.startswith("config/data/cases.toml, line 5, case ")
    assert f"({key})" in line
    assert f"Remove '{key}' from the case" in line


def test_toml_integer_that_is_a_cpr_number(team: TeamFiles, run_cli: RunCli) -> None:
    team.write_cases_toml([case("K-1", "a")])
    team.write_teams()
    team.write_cases_text('[[cases]]\nid = 3112991234\nworker = "a"\n')
    (line,) = refused(team, run_cli)
    assert "case #1 (id)" in line


def test_cpr_given_on_the_command_line_is_not_repeated(team: TeamFiles, run_cli: RunCli) -> None:
    result = run_cli("check", "--config", team.config, "--team", PLAIN)
    assert result.code == 2
    assert PLAIN not in result.err
    assert "has no team 'xxxxxxxxxx'" in result.err


# ---------------------------------------------------------------------------------------
# Teams whose genuine case ids are ten-digit numbers


def test_without_the_setting_the_message_says_how_to_allow_ten_digit_ids(
    team: TeamFiles, run_cli: RunCli
) -> None:
    team.write_cases_csv([case(PLAIN, "a")])
    (line,) = refused(team, run_cli)
    assert "column 'id'" in line
    assert "If your genuine case ids are ten-digit numbers, set 'ten_digit_case_ids = true' under the team in teams.toml" in line  # fmt: skip


@pytest.mark.parametrize("kind", ["csv", "toml"])
def test_ten_digit_case_ids_true_lets_plain_ids_through(
    team: TeamFiles, run_cli: RunCli, kind: str
) -> None:
    team.team_extra = {"ten_digit_case_ids": True}
    rows = [case(DIGITS[0], "a"), case(DIGITS[1], "b"), case("K-3", "")]
    if kind == "csv":
        team.write_cases_csv(rows)
    else:
        team.write_cases_toml(rows)
    team.write_teams()
    assert [c.id for c in team.load().cases] == [DIGITS[0], DIGITS[1], "K-3"]
    result = run_cli("check", "--config", team.config, "--date", "2026-11-23", "--json")
    assert result.code == 1, result  # loaded; both workers far under their range
    report = json.loads(result.out)
    assert [w["id"] for w in report["workers"]] == ["a", "b"] and report["unassigned"] == 1


def test_ten_digit_case_ids_only_in_the_id_column(team: TeamFiles, run_cli: RunCli) -> None:
    team.team_extra = {"ten_digit_case_ids": True}
    team.write_teams()
    team.write_cases_csv([case(DIGITS[0], "a", household=DIGITS[1])])
    (line,) = refused(team, run_cli)
    assert "column 'household'" in line
    assert "ten_digit_case_ids" not in line


@pytest.mark.parametrize("kind", ["csv", "toml"])
def test_ten_digit_case_ids_never_allow_the_dashed_form(
    team: TeamFiles, run_cli: RunCli, kind: str
) -> None:
    team.team_extra = {"ten_digit_case_ids": True}
    rows = [case(DIGITS[0], "a"), case(DASHED, "a")]
    if kind == "csv":
        team.write_cases_csv(rows)
    else:
        team.write_cases_toml(rows)
    team.write_teams()
    (line,) = refused(team, run_cli)
    assert "(xxxxxx-xxxx)" in line
    assert (
        "'ten_digit_case_ids = true' lets plain ten-digit case ids through, never the "
        "DDMMYY-SSSS form: use the ids without the dash"
    ) in line


def test_ten_digit_case_ids_is_per_team_and_not_for_teams_toml(
    team: TeamFiles, run_cli: RunCli
) -> None:
    # The setting is about the case export; a worker's name in teams.toml is still refused.
    team.team_extra = {"ten_digit_case_ids": True}
    team.workers[0]["name"] = f"Anna {PLAIN}"
    team.write_teams()
    (line,) = refused(team, run_cli)
    assert "worker 'a' (name)" in line


def test_a_path_holding_a_cpr_number_is_not_written_into_a_journal_header(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from planner.io.journal import journal_path
    from planner.io.plans import plan_from
    from planner.io.session import PlanSession
    from plans_support import make_team

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    team_dir = make_team(tmp_path / "borger 010203 1234")  # a folder someone named so
    assignment = team_dir.assignment()
    # planner itself refuses to write such a name (test_output_paths): someone renamed it.
    plan_path = tmp_path / "plans" / "010203–1234.toml"
    plan_path.parent.mkdir()
    plan_path.write_text(plan_from(assignment).to_toml(), "utf-8")
    session = PlanSession.open(team_dir.config, assignment, plan_path)
    try:
        session.record("do", assignment.move(["K-057"], "ab"))
        text = journal_path(team_dir.config, "lille").read_text("utf-8")
        assert find_cpr(text) is None, text
        header = json.loads(text.splitlines()[0])
        assert header["config"].endswith("borger xxxxxx xxxx/config/teams.toml")
        assert header["plan"] is None  # restored work is then saved as a new plan
        session.save(tmp_path / "plans" / "ny.toml")  # the header is rewritten on save
        assert find_cpr(journal_path(team_dir.config, "lille").read_text("utf-8")) is None
    finally:
        session.close()


def test_keyed_problem_texts_are_masked_and_render_in_both_languages() -> None:
    from planner.core.problems import Msg
    from planner.i18n import problem_text

    problem = Problem(
        "cases.csv",
        Msg("where.line", line=14),
        Msg("load.cpr", masked="010203-XXXX"),
        Msg("load.cpr.todo", column="Note"),
    )
    assert problem_text(problem, "en").startswith("cases.csv, line 14: ")
    assert problem_text(problem, "da").startswith("cases.csv, linje 14: ")
    # A value quoted from a file never carries a CPR number into the message.
    quoted = Msg("where.line", line="010203-1234")
    assert "1234" not in str(quoted.values["line"])
