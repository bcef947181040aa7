"""Issue 12 §2, Danish throughout: with --lang da every text a user meets is Danish.

* One representative bad input per loader (teams, norms, case exports of each kind, plans,
  files, the command line, `planner init`), run in Danish and in English: each names the
  same place in its own language ("linje 14" / "line 14").
* Every bad input of the error corpus (tests/test_errors.py) run in Danish: no English
  sentence left (argparse's own refusals excepted: --help and its errors stay English).
* The pieces: pydantic's error types, planner's own model errors, figures with a decimal
  comma, keyed texts joined from parts, and every key the code names exists in both
  languages with the same values.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import Field, ValidationError

from planner.core.fields import Strict
from planner.core.problems import Joined, Msg, Problem
from planner.i18n import ALL_TEXTS, has, problem_text, t, text_of
from planner.io import schema
from planner.io.plans import plan_from, write_plan
from planner.io.validation import error_text
from team_helpers import CliResult, TeamFiles, case, tree, worker
from test_errors import BAD_INPUTS, CORPUS, _run_process, norms_with

SRC = Path(__file__).resolve().parent.parent / "src" / "planner"

# English a Danish message must not hold: whole words only, so a Danish word, a path or a
# TOML key that happens to contain them ("notes", "thermal") does not count.
ENGLISH = re.compile(
    r"\b(the|is|are|was|must|not|line|row|column|cannot|could|holds|found|missing|"
    r"unknown|Remove|Check|Choose|Nothing|Add|Use|Write|Name|should|valid|got|worker|case|"
    r"cases|move|moves|folder|file|written|exists|already|please)\b"
)


# What a message quotes rather than says: paths and file names, 'values' and "values" from
# the files, (toml.keys), [toml.tables] and a place's last key (', worker: ') as written there.
QUOTED = re.compile(
    r"""\S*/\S*|\S+\.(?:csv|toml|xlsx|xls|ods|txt|pdf)\b|'[^']*'|"[^"]*"|\([\w.]+\)|"""
    r"\[[^\]]*\]|, [\w.]+(?=: )"
)


# Words every Danish refusal has one of (so an empty or missing message does not pass).
DANISH = re.compile(r"\b(er|ikke|indeholder|findes|skal|kan|linje|har|mappe)\b")


def english_left(output: str) -> list[str]:
    """Lines of `output` with English words in them, once what they quote from the files
    is taken out; argparse's own lines left out."""
    lines = []
    for line in output.splitlines():
        if line.startswith("usage:") or ": error: " in line or line.startswith(" " * 16):
            continue  # argparse: its usage (and continuation lines) and its refusals
        if ENGLISH.search(QUOTED.sub(" ", line)):
            lines.append(line)
    return lines


@pytest.fixture
def team(team_files: TeamFiles, monkeypatch: pytest.MonkeyPatch) -> TeamFiles:
    monkeypatch.chdir(team_files.root)
    monkeypatch.setenv("XDG_STATE_HOME", str(team_files.root / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(team_files.root / "data"))
    team_files.workers = [worker("a", "sygedagpenge"), worker("b", "fleksjob", hours=30)]
    team_files.write([case("K-1", "a"), case("K-2", "b"), case("K-3", "", area="fleksjob")])
    return team_files


RunCli = Callable[..., CliResult]


# ---------------------------------------------------------------------------------------
# One bad input per loader, in both languages


def _teams_bad_toml(team: TeamFiles) -> list[str]:
    text = team.config.read_text("utf-8").replace('name = "Testteam"', 'name = "Testteam')
    team.write_teams(text)
    return ["check"]


def _teams_hours(team: TeamFiles) -> list[str]:
    team.workers[1]["hours"] = 61
    team.write_teams()
    return ["check"]


def _teams_unknown_key(team: TeamFiles) -> list[str]:
    team.workers[0]["huors"] = 37
    team.write_teams()
    return ["check"]


def _teams_missing(team: TeamFiles) -> list[str]:
    del team.workers[1]["hours"]
    team.write_teams()
    return ["check"]


def _teams_bad_date(team: TeamFiles) -> list[str]:
    team.workers[0]["started"] = 0
    team.write_teams()
    return ["check"]


def _teams_unknown_duty(team: TeamFiles) -> list[str]:
    team.workers[0]["duties"] = ["nej"]
    team.write_teams()
    return ["check"]


def _norms_min_above_max(team: TeamFiles) -> list[str]:
    team.write_norms(norms_with(lambda n: n["areas"]["born"].update(min=31)))
    return ["check"]


def _norms_factor(team: TeamFiles) -> list[str]:
    team.write_norms(norms_with(lambda n: n["duties"]["udvikling"].update(factor=1.6)))
    return ["check"]


def _csv_weight(team: TeamFiles) -> list[str]:
    team.write_cases_csv([case("K-1", "a"), case("K-2", "a", weight="tung")])
    return ["check"]


def _csv_unknown_worker(team: TeamFiles) -> list[str]:
    team.write_cases_csv([case("K-1", "a"), case("K-2", "x"), case("K-3", "x")])
    return ["check"]


def _csv_quote(team: TeamFiles) -> list[str]:
    team.write_cases_text('id;worker\nK-1;a\n"K-2;a\nK-3;a\n')
    return ["check"]


def _csv_cpr_column(team: TeamFiles) -> list[str]:
    team.write_cases_csv(
        [["K-1", "a", "", "", "010203-1234"], ["K-2", "b", "", "", ""]],
        header=("id", "worker", "area", "tags", "Borger"),
    )
    return ["check"]


def _xlsx_no_id(team: TeamFiles) -> list[str]:
    from export_writers import xlsx

    team.cases_ref = "data/cases.xlsx"
    team.write_teams()
    team.cases_path.write_bytes(xlsx([["Titel"], ["Sagsnummer?", "worker"], ["K-1", "a"]]))
    return ["check"]


def _toml_case_weight(team: TeamFiles) -> list[str]:
    team.write_cases_toml([case("K-1", "a"), {"id": "K-2", "worker": "a", "weight": True}])
    team.write_teams()
    return ["check"]


def _missing_cases(team: TeamFiles) -> list[str]:
    team.cases_path.unlink()
    return ["check"]


def _plan_format(team: TeamFiles) -> list[str]:
    (team.root / "plan.toml").write_text('format = 7\nteam = "t"\n', "utf-8")
    return ["plan", "show", "plan.toml"]


def _plan_format_quoted(team: TeamFiles) -> list[str]:
    (team.root / "plan.toml").write_text('format = "1"\nteam = "t"\n', "utf-8")
    return ["plan", "show", "plan.toml"]


def _plan_unknown_case(team: TeamFiles) -> list[str]:
    assignment = team.assignment()
    assignment.move(["K-3"], "b")
    path = write_plan(team.root / "plan.toml", plan_from(assignment))
    path.write_text(path.read_text("utf-8").replace('"K-3"', '"K-9"'), "utf-8")
    return ["plan", "show", "plan.toml"]


def _plan_events(team: TeamFiles) -> list[str]:
    assignment = team.assignment()
    assignment.move(["K-3"], "b")
    path = write_plan(team.root / "plan.toml", plan_from(assignment))
    text = path.read_text("utf-8").replace("format = 1", "format = 2")
    text += '\n[[events]]\nkind = "absence"\nworker = "zz"\nfrom = 2027-03-01\n'
    path.write_text(text, "utf-8")
    return ["plan", "show", "plan.toml"]


def _flow_area(team: TeamFiles) -> list[str]:
    team.team_extra = {"flow": {"nowhere": {"intake_per_week": 2}}}
    team.write_teams()
    return ["check"]


def _export_exists(team: TeamFiles) -> list[str]:
    assignment = team.assignment()
    assignment.move(["K-3"], "b")
    write_plan(team.root / "plan.toml", plan_from(assignment))
    (team.root / "moves.csv").write_text("x\n", "utf-8")
    return ["plan", "export", "plan.toml", "--format", "csv", "--out", "moves.csv"]


def _bad_date(team: TeamFiles) -> list[str]:
    return ["check", "--config", str(team.config), "--date", "23-11-2026"]


def _init_exists(team: TeamFiles) -> list[str]:
    return ["init", str(team.cases_path), "--out", str(team.config)]


def _init_no_id(team: TeamFiles) -> list[str]:
    (team.root / "export.csv").write_text("Navn;Sagsbehandler\nx;a\n", "utf-8")
    return ["init", "export.csv", "--out", "new/teams.toml"]


# (id, make, Danish words, English words): each set names the same place and fault.
LOADERS: list[tuple[str, Callable[[TeamFiles], list[str]], tuple[str, ...], tuple[str, ...]]] = [
    ("teams-bad-toml", _teams_bad_toml,
     ("config/teams.toml: er ikke gyldig TOML", "linje 4", "Ret syntaksen"),
     ("config/teams.toml: is not valid TOML", "line 4", "Fix the syntax")),
    ("teams-hours", _teams_hours,
     ("team 't', medarbejder 'b' (hours)", "skal være over 0 og højst 60 timer om ugen",
      "der står 61"),
     ("team 't', worker 'b' (hours)", "must be above 0 and at most 60 hours a week",
      "got 61")),
    ("teams-unknown-key", _teams_unknown_key,
     ("medarbejder 'a'", "ukendt nøgle 'huors'", "Tjek stavningen; tilladt her:"),
     ("worker 'a'", "unknown key 'huors'", "Check the spelling; allowed here:")),
    ("teams-missing-key", _teams_missing,
     ("medarbejder 'b'", "'hours' mangler", "Tilføj 'hours = ...'"),
     ("worker 'b'", "'hours' is missing", "Add 'hours = ...'")),
    ("teams-bad-date", _teams_bad_date,
     ("medarbejder 'a' (started): er ikke en dato", "Skriv datoer som ÅÅÅÅ-MM-DD"),
     ("worker 'a' (started): is not a date", "Write dates as YYYY-MM-DD")),
    ("teams-unknown-duty", _teams_unknown_duty,
     ("funktionen 'nej' findes ikke i normsættet 'test'", "tilføj [duties.nej]"),
     ("duty 'nej' is not in norm set 'test'", "add [duties.nej]")),
    ("norms-min-above-max", _norms_min_above_max,
     ("norms/test.toml, linje", "område 'born': min (31) er over max (30)"),
     ("norms/test.toml, line", "area 'born': min (31) is above max (30)")),
    ("norms-factor", _norms_factor,
     ("funktion 'udvikling' (factor)", "skal være over 0 og højst 1,5", "der står 1.6"),
     ("duty 'udvikling' (factor)", "must be above 0 and at most 1.5", "got 1.6")),
    ("csv-weight", _csv_weight,
     ("config/data/cases.csv, linje 3 (weight)", "'tung' er ikke et tal (skriv fx 1,5"),
     ("config/data/cases.csv, line 3 (weight)", "'tung' is not a number (write e.g. 1.5")),
    ("csv-unknown-worker", _csv_unknown_worker,
     ("linje 3, sag 'K-2'", "medarbejderen 'x' (i 2 sager) er ikke i teamet"),
     ("line 3, case 'K-2'", "worker 'x' (in 2 cases) is not in the team")),
    ("csv-quote", _csv_quote,
     ("linje 3: er ikke gyldig CSV (filen slutter, før et anførselstegn er lukket)",),
     ("line 3: is not valid CSV (unexpected end of data)",)),
    ("csv-cpr", _csv_cpr_column,
     ("linje 2, kolonne 'Borger'", "ligner et CPR-nummer (xxxxxx-xxxx)"),
     ("line 2, column 'Borger'", "looks like a CPR number (xxxxxx-xxxx)")),
    ("xlsx-no-id", _xlsx_no_id,
     ("config/data/cases.xlsx, ark 'Sager', række 1: har ingen kolonne 'id'",),
     ("config/data/cases.xlsx, sheet 'Sager', row 1: has no 'id' column",)),
    ("toml-case-weight", _toml_case_weight,
     ("config/data/cases.toml, linje 5, sag 'K-2' (weight)", "skal være et tal", "der står true"),
     ("config/data/cases.toml, line 5, case 'K-2' (weight)", "must be a number", "got true")),
    ("cases-missing", _missing_cases,
     ("config/data/cases.csv: filen findes ikke", "Tjek stien"),
     ("config/data/cases.csv: file not found", "Check the path")),
    ("plan-format", _plan_format,
     ("plan.toml, linje 1, format: formatversion 7 er ukendt", "opdatér planner"),
     ("plan.toml, line 1, format: format version 7 is not known", "update planner")),
    ("plan-format-quoted", _plan_format_quoted,
     ("formatversion '1' er ukendt", "Skriv det uden anførselstegn: format = 1"),
     ("format version '1' is not known", "Write it without quotes: format = 1")),
    ("plan-unknown-case", _plan_unknown_case,
     ("flytning 1 (sag 'K-9')", "sagen 'K-9' findes ikke", "planen er beskadiget"),
     ("move 1 (case 'K-9')", "case 'K-9' does not exist", "the plan is damaged")),
    ("plan-events", _plan_events,
     ("hændelse 1 (absence), worker: medarbejderen 'zz' er ikke i teamet 't'",
      "en tidligere hændelse"),
     ("event 1 (absence), worker: worker 'zz' is not in team 't'", "an earlier event")),
    ("flow-area", _flow_area,
     ("team 't' (flow.nowhere): området 'nowhere' findes ikke i normsættet 'test'",),
     ("team 't' (flow.nowhere): area 'nowhere' is not in norm set 'test'",)),
    ("export-exists", _export_exists,
     ("moves.csv, --out: findes allerede", "Tilføj --force"),
     ("moves.csv, --out: exists already", "Add --force")),
    ("date", _bad_date,
     ("--date '23-11-2026' er ikke en dato: skriv ÅÅÅÅ-MM-DD",),
     ("--date '23-11-2026' is not a date: write YYYY-MM-DD",)),
    ("init-exists", _init_exists,
     ("config/teams.toml: findes allerede", "planner init overskriver aldrig en fil"),
     ("config/teams.toml: already exists", "planner init never overwrites a file")),
    ("init-no-id", _init_no_id,
     ("export.csv, linje 1: ingen kolonne genkendes som sagsnummer",),
     ("export.csv, line 1: no column is recognised as the case id",)),
]  # fmt: skip


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize(
    ("make", "danish", "english"), [pytest.param(*row[1:], id=row[0]) for row in LOADERS]
)
def test_each_loader_says_its_problem_in_the_users_language(
    team: TeamFiles,
    run_cli: RunCli,
    make: Callable[[TeamFiles], list[str]],
    danish: tuple[str, ...],
    english: tuple[str, ...],
    lang: str,
) -> None:
    args = make(team)
    if args[0] != "init" and "--date" not in args:
        args += ["--config", str(team.config), "--date", "2026-11-23"]
    before = tree(team.root)
    result = run_cli("--lang", lang, *args)
    assert result.code == 2, result
    assert result.out == "" and "Traceback" not in result.err
    assert tree(team.root) == before
    for words in danish if lang == "da" else english:
        assert words in result.err, f"{words!r} not in {result.err!r}"
    if lang == "da":
        assert english_left(result.err) == [], result.err
        assert "linje" in result.err or "række" in result.err or "line" not in result.err
    else:
        assert not any(w in result.err for w in ("linje", "skal være", "findes ikke", " er "))


def test_a_danish_lang_variable_gives_danish_problems(
    team: TeamFiles, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.cli import main

    _csv_weight(team)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    assert main(["check", "--config", str(team.config), "--date", "2026-11-23"]) == 2
    err = capsys.readouterr().err
    assert "planner: 1 problem i inddata; intet er skrevet." in err
    assert "linje 3 (weight): 'tung' er ikke et tal" in err


# ---------------------------------------------------------------------------------------
# The whole error corpus of test_errors.py in Danish: no English sentence left


@pytest.mark.parametrize(
    ("make", "code", "process"),
    [pytest.param(row[1], row[2], row[4], id=row[0]) for row in BAD_INPUTS],
)
def test_every_hostile_input_is_refused_in_danish(
    team: TeamFiles,
    run_cli: RunCli,
    make: Callable[[TeamFiles], list[str]],
    code: int,
    process: bool,
) -> None:
    args = make(team)
    if "--config" not in args:
        args += ["--config", str(team.config)]
    if "--date" not in args:
        args += ["--date", "2026-11-23"]
    args = ["--lang", "da", *args]
    result = _run_process(args, team.root) if process else run_cli(*args)
    assert result.code == code, result
    shown = result.out + result.err
    assert "Traceback" not in shown and "intern fejl" not in shown
    assert english_left(shown) == [], shown
    assert code != 2 or DANISH.search(result.err), shown


@pytest.mark.parametrize("bad", CORPUS, ids=[bad.id for bad in CORPUS])
def test_every_corpus_input_is_refused_in_danish(
    bad: Any, team: TeamFiles, run_cli: RunCli, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--lang", "da", *bad.setup(team)]
    try:
        result = run_cli(*args)
        code, output = result.code, result.out + result.err
    except SystemExit as refused:  # argparse refuses a value before main() returns
        captured = capsys.readouterr()
        code, output = refused.code, captured.out + captured.err
    assert code == bad.exit, output
    assert "Traceback" not in output
    assert english_left(output) == [], output
    assert "usage:" in output or DANISH.search(output), output
    for never in bad.never:
        assert never not in output


def test_the_check_table_and_summary_are_danish_with_decimal_commas(
    team: TeamFiles, run_cli: RunCli
) -> None:
    team.workers[0]["hours"] = 32.5
    team.write_teams()
    team.write_cases_csv([case("K-1", "a", weight="1,5"), case("K-2", "b"), case("K-3", "")])
    result = run_cli("--lang", "da", "check", "--config", team.config, "--date", "2026-11-23")
    assert result.code == 1, result
    assert "32,5" in result.out and "1,5" in result.out
    assert "3 sager, 1 ufordelt; samlet sagstal 3,5, kapacitet 51,0-84,5" in result.out
    assert not re.search(r"\d\.\d", result.out.replace("2026-11-23", "")), result.out
    assert english_left(result.out) == [], result.out


def test_plan_show_is_danish_with_decimal_commas(team: TeamFiles, run_cli: RunCli) -> None:
    team.write_cases_csv([case("K-1", "a", weight="1,5"), case("K-2", "b"), case("K-3", "")])
    assignment = team.assignment()
    assignment.move(["K-1"], "b")
    write_plan(team.root / "plan.toml", plan_from(assignment, note="Runde 1"))
    args = ("plan", "show", "plan.toml", "--config", team.config, "--date", "2026-11-23")
    result = run_cli("--lang", "da", *args)
    out = result.out
    assert "1 flytning" in out and "1 flytninger" not in out
    assert "Udnyttelse for de medarbejdere, planen berører" in out
    assert "1,5 -> 0,0" in out and "1,0 -> 2,5" in out  # sagstal before -> after
    assert english_left(out) == [], out
    english = run_cli("--lang", "en", *args).out
    assert "1 move" in english and "1.5 -> 0.0" in english


def test_init_output_and_comments_are_danish(team: TeamFiles, run_cli: RunCli) -> None:
    (team.root / "eksport.csv").write_text(
        "Sagsnr;Sagsbehandler\nK-1;Anna Berg\nK-2;Anna Berg\nK-3;Bo\nK-4;\n", "utf-8"
    )
    result = run_cli("--lang", "da", "init", "eksport.csv", "--out", "ny/teams.toml")
    assert result.code == 0, result
    assert "Læst eksport.csv: overskrift i linje 1, 4 sager." in result.out
    assert re.search(r"Anna Berg\s+2 sager -> id ab", result.out)
    assert re.search(r"Bo\s+1 sag   -> id bo", result.out)
    assert re.search(r"\(tom\)\s+1 sag \(ufordelt\)", result.out)
    written = (team.root / "ny" / "teams.toml").read_text("utf-8")
    assert "# 2 medarbejdere fra kolonnen 'Sagsbehandler'" in written
    assert "TODO: det fulde navn (1 sag i eksporten)" in written
    # The columns found, each with planner's name for it: a key of [teams.X.columns].
    said = re.sub(r"(?m)^ .* -> (id|worker)$", "", result.out)
    assert english_left(said) == [], result.out


def test_the_serve_banner_is_danish(
    team: TeamFiles, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No port is opened: aiohttp's run_app only reports that the socket is bound."""
    from aiohttp import web

    def run_app(app: Any, *, print: Callable[[str], None], **_: object) -> None:
        app.close()  # the coroutine that would build the app
        print("======== Running ========")

    monkeypatch.setattr(web, "run_app", run_app)
    args = ("serve", "--config", team.config, "--date", "2026-11-23", "--lang", "da")
    result = run_cli(*args)
    assert result.code == 0, result
    assert "Lytter kun på 127.0.0.1 port 8000 (loopback)" in result.out
    assert "planner serve: stoppet." in result.err
    result = run_cli(*args, "--host", "0.0.0.0")
    assert "ADVARSEL: lytter på 0.0.0.0 port 8000, IKKE kun på loopback" in result.err
    assert english_left(result.out + result.err.replace("Ctrl+C", "")) == [], result


def test_serve_refusals_in_the_browser_are_danish() -> None:
    from planner.cli.serve_access import Access

    access = Access("t" * 43, 8000, "127.0.0.1", "da")
    assert access.text("bad_token").startswith("planner serve: forkert nøgle.")
    said = access.text("bad_origin", origin="http://borger-010203-1234.dk")
    assert "xxxxxx-xxxx" in said and "afviste en forbindelse" in said


async def test_the_save_dialog_refuses_a_cpr_number_in_danish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input, Static

    from planner.io.session import PlanSession
    from planner.ui.planning import PlanningApp, SaveScreen
    from plans_support import make_team

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    team_dir = make_team(tmp_path / "work")
    assignment = team_dir.assignment()
    app = PlanningApp(assignment, PlanSession.open(team_dir.config, assignment), lang="da")
    async with app.run_test(size=(100, 30)) as pilot:
        app.move_cases(["K-001"], "cd")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        app.screen.query_one("#save-note", Input).value = "Borger 010203-1234 ringede"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)  # refused: still asking
        error = str(app.screen.query_one("#save-error", Static).render())
        assert error == (
            "note: indeholder noget, der ligner et CPR-nummer (xxxxxx-xxxx). "
            "Fjern det: planner må aldrig gemme CPR-numre."
        )


# ---------------------------------------------------------------------------------------
# The pieces


class _Sample(Strict):
    count: int = Field(ge=1, le=9)
    share: float = Field(gt=0, lt=1)
    name: str = Field(min_length=1)
    flag: bool = False
    when: date | None = None
    items: list[str] = Field(default_factory=list, min_length=1)
    ratio: float = Field(default=0.5, allow_inf_nan=False)


@pytest.mark.parametrize(
    ("data", "english", "danish"),
    [
        ({"count": 0}, "must be greater than or equal to 1 (got 0)", "skal være mindst 1"),
        ({"count": 10}, "must be less than or equal to 9", "må højst være 9"),
        ({"count": "x"}, "must be a valid integer (got 'x')", "skal være et helt tal"),
        ({"share": 0}, "must be greater than 0", "skal være større end 0"),
        ({"share": 1}, "must be less than 1", "skal være mindre end 1"),
        ({"share": "x"}, "must be a valid number", "skal være et tal (der står 'x')"),
        ({"ratio": float("inf")}, "must be a finite number", "skal være et endeligt tal"),
        ({"name": ""}, "must not be empty", "må ikke være tom"),
        ({"name": 3}, "must be text (got 3)", "skal være tekst (der står 3)"),
        ({"flag": "kanske"}, "must be a valid boolean", "skal være true eller false"),
        ({"when": "snart"}, "is not a date", "er ikke en dato"),
        ({"items": []}, "must hold at least 1 entry", "skal indeholde mindst 1 element"),
        ({"items": 7}, "must be a list", "skal være en liste"),
    ],
)
def test_pydantic_errors_in_both_languages(data: dict[str, Any], english: str, danish: str) -> None:
    values: dict[str, Any] = {"count": 1, "share": 0.5, "name": "x", "items": ["a"]} | data
    with pytest.raises(ValidationError) as caught:
        _Sample.model_validate(values, strict=False)
    (item,) = caught.value.errors(include_url=False)
    what, _ = error_text(item)
    assert english in text_of(what, "en")
    assert danish in text_of(what, "da")
    assert not ENGLISH.search(text_of(what, "da")), text_of(what, "da")


def test_a_rare_pydantic_error_keeps_pydantic_words() -> None:
    item: Any = {"type": "json_invalid", "loc": ("x",), "msg": "Invalid JSON", "input": 1}
    what, _ = error_text(item)
    assert text_of(what, "da") == "Invalid JSON (der står 1)"


def test_planners_own_model_errors_are_keyed_and_carry_their_values() -> None:
    with pytest.raises(ValidationError) as caught:
        schema.worker({"id": "a", "name": "A", "area": "x", "hours": 60.5})
    (item,) = caught.value.errors(include_url=False)
    assert item["type"] == "model.hours" and has(item["type"])
    what, _ = error_text(item)
    assert text_of(what, "da") == "skal være over 0 og højst 60 timer om ugen (der står 60.5)"


def test_figures_in_texts_follow_the_language() -> None:
    assert t("load.capacity_low", "da", low=0.00012) == (
        "kapaciteten kan falde til 0,00012 sager, for lidt at planlægge med"
    )
    assert t("file.too_large", "da", limit=200, size=209715201) == (
        "er større end 200 MB (209.715.201 byte)"
    )
    assert t("file.too_large", "en", limit=200, size=209715201) == (
        "is larger than 200 MB (209,715,201 bytes)"
    )
    assert t("model.factor", "da", max=1.5) == "skal være over 0 og højst 1,5"


def test_joined_texts_render_each_part_and_skip_empty_ones() -> None:
    where = Joined(Msg("where.line", line=3), "", Msg("where.column", column="Borger"), sep=", ")
    assert text_of(where, "da") == "linje 3, kolonne 'Borger'"
    assert text_of(where, "en") == "line 3, column 'Borger'"
    problem = Problem("x.csv", where, Msg("load.cpr_found", masked="xxxxxx-xxxx"))
    assert problem_text(problem, "da") == (
        "x.csv, linje 3, kolonne 'Borger': indeholder noget, der ligner et CPR-nummer (xxxxxx-xxxx)"
    )
    # A part quoted from a file is masked like any value.
    assert "1234" not in text_of(Joined("borger 010203-1234"), "en")


def _keys_in_code() -> set[str]:
    """Every text key the code names literally: Msg("key"), t("key", ...), problem(...,
    "key"), refused("key") and the i18n prefix helpers tr("key") of the commands."""
    keys: set[str] = set()
    prefixes = {"init.py": "init.", "plan.py": "plan.", "serve.py": "serve."}
    for path in SRC.rglob("*.py"):
        if path.parent.name == "i18n":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(
                node.func, ast.Name | ast.Attribute
            ):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            words = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            first = words[0] if words and isinstance(words[0], str) else None
            if name in ("Msg", "refused", "t") and first:
                keys.add(first)
            elif name == "problem" and len(words) >= 3 and isinstance(words[2], str):
                keys.add(words[2])
            elif name == "tr" and path.name in prefixes and first:
                keys.add(prefixes[path.name] + first)
            elif name == "text" and path.name == "serve_access.py" and first:
                keys.add("serve." + first)
    return keys


def test_every_key_the_code_names_is_in_the_table() -> None:
    keys = _keys_in_code()
    assert len(keys) > 150
    missing = sorted(k for k in keys if not has(k))
    assert missing == []


@pytest.mark.parametrize("key", sorted(ALL_TEXTS))
def test_both_languages_fill_in_the_same_values(key: str) -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    english, danish = ALL_TEXTS[key]
    assert english and danish, key
    assert fields(english) == fields(danish), key


def test_a_figure_out_of_bounds_is_told_both_bounds_in_danish(
    team_files: TeamFiles, run_cli: RunCli
) -> None:
    def change(norms: dict[str, Any]) -> None:
        norms["tag_weights"]["kompleks"] = 1e300
        norms["full_time_hours"] = 0.5

    team_files.write_norms(norms_with(change))
    team_files.write_teams()
    team_files.write_cases_csv([])
    result = run_cli("check", "--config", team_files.config, "--lang", "da")
    assert result.code == 2, result
    assert "vægten af mærket 'kompleks' skal være over 0 og højst 100 (der står 1e+300)" in (
        result.err
    )
    assert "full_time_hours: skal være fra 1 til 60 (der står 0.5)" in result.err


@pytest.mark.parametrize(
    ("key", "values", "one", "more"),
    [
        ("header.unassigned", {}, "1 ufordelt", "2 ufordelte"),
        ("check.summary", {"cases": 3, "load": "3", "capacity": "1-2", "counts": ""},
         "3 sager, 1 ufordelt;", "3 sager, 2 ufordelte;"),
        ("balance.moves_split", {"relocations": 0}, "1 ufordelt fordelt", "2 ufordelte fordelt"),
        ("balance.unplaced", {"area": "X"}, "1 sag forbliver ufordelt (", "2 sager forbliver ufordelte ("),
        ("init.unassigned_line", {"label": "(tom)", "width": 5}, "1 sag (ufordelt)", "2 sager (ufordelte)"),
    ],
)  # fmt: skip
def test_unassigned_is_singular_for_one_in_danish(
    key: str, values: dict[str, Any], one: str, more: str
) -> None:
    # "1 ufordelte" was said in the check summary, the balance summary and the board header.
    for count, said in ((1, one), (2, more)):
        numbers = {"count": count, "unassigned": count, "allocated": count, "cases": count}
        assert said in t(key, "da", **(numbers | values))


@pytest.mark.parametrize(
    "args",
    [
        ["--lang", "da", "plan", "show", "nowhere.toml"],
        ["plan", "--lang", "da", "show", "nowhere.toml"],
        ["plan", "show", "--lang", "da", "nowhere.toml"],
        ["plan", "show", "nowhere.toml", "--lang", "da"],
        ["plan", "--lang", "da", "export", "nowhere.toml", "--format", "csv"],
        ["--lang", "da", "check", "--config", "nowhere.toml"],
        ["check", "--lang", "da", "--config", "nowhere.toml"],
        ["forecast", "--config", "nowhere.toml", "--lang", "da"],
        ["balance", "--lang", "da", "--config", "nowhere.toml"],
    ],
    ids=lambda args: " ".join(args),
)
def test_lang_before_or_after_the_subcommand(
    team: TeamFiles, run_cli: RunCli, args: list[str]
) -> None:
    """README: --lang goes before or after the subcommand, also between `plan` and its
    action."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(team.root)
        result = run_cli(*args)
    assert result.code == 2, result
    assert "filen findes ikke" in result.err, result.err


@pytest.mark.parametrize(
    ("data", "english", "danish"),
    [
        ({"count": "3"}, "Write it without quotes: count = 3", "uden anførselstegn: count = 3"),
        ({"share": "0,5"}, "Write it without quotes: share = 0.5", "anførselstegn: share = 0.5"),
        ({"flag": "TRUE"}, "Write it without quotes: flag = true", "anførselstegn: flag = true"),
        ({"count": "3,5"}, "", ""),  # not a whole number however written: no such advice
        ({"share": "lidt"}, "", ""),
    ],
)
def test_a_number_or_flag_written_as_text_is_told_to_drop_the_quotes(
    data: dict[str, Any], english: str, danish: str
) -> None:
    # hours = "37" said "must be a valid number (got '37')" and nothing about what to do.
    values: dict[str, Any] = {"count": 1, "share": 0.5, "name": "x", "items": ["a"]} | data
    with pytest.raises(ValidationError) as caught:
        _Sample.model_validate(values, strict=True)
    (item,) = caught.value.errors(include_url=False)
    _, todo = error_text(item, _Sample)
    assert text_of(todo, "en").startswith(english) and english in text_of(todo, "en")
    assert danish in text_of(todo, "da")
    if not english:
        assert text_of(todo, "en") == ""


@pytest.mark.parametrize(
    ("validate", "english", "danish"),
    [
        (
            lambda: schema.worker(
                {"id": "a", "name": "A", "area": "x", "hours": 37,
                 "started": date(2026, 5, 1), "left": date(2026, 1, 1)}
            ),
            "correct one of the dates", "ret en af datoerne",
        ),
        (
            lambda: schema.adjustment(
                {"reason": "kursus", "factor": 0.5,
                 "from": date(2026, 5, 1), "until": date(2026, 1, 1)}
            ),
            "swap them, or correct one", "byt om på dem",
        ),
        (
            lambda: schema.RangeFields.model_validate({"min": 50, "max": 40}),
            "the smaller number as min", "det mindste tal som min",
        ),
    ],
)  # fmt: skip
def test_planners_own_refusals_say_what_to_do(
    validate: Callable[[], object], english: str, danish: str
) -> None:
    # "min (50) is above max (40)" and the like named the problem but not the fix.
    with pytest.raises(ValidationError) as caught:
        validate()
    (item,) = caught.value.errors(include_url=False)
    _, todo = error_text(item)
    assert english in text_of(todo, "en")
    assert danish in text_of(todo, "da")
