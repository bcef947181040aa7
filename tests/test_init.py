"""`planner init EXPORT`: a teams.toml from an export, that `planner check` accepts (issue 9
section 3). The golden file shows what it writes."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from export_writers import FORMATS
from team_helpers import CliResult, TeamFiles, tree

RunCli = Callable[..., CliResult]
GOLDEN = Path(__file__).parent / "golden" / "init-teams.toml"

HEADER = ["Sagsnr", "Sagsbehandler", "Målgruppe", "Kompleksitet", "Point", "Familie", "Låst", "Tildelt", "Note"]  # fmt: skip
PEOPLE = [
    ("Åse Høj Nørgaard", "Sygedagpenge"),
    ("Bo Kjær", "Fleksjob"),
    ("Christian Østergaard", "Børn"),
    ("DK", "Børn"),
]


def export_rows(count: int = 40) -> list[list[Any]]:
    rows: list[list[Any]] = [HEADER]
    for n in range(count):
        person, area = PEOPLE[n % 4] if n % 9 else ("", "Børn")
        if n % 4 == 1 and n % 3 == 0:
            area = "Sygedagpenge"  # a few of Bo's cases in another area: most still fleksjob
        rows.append(
            [
                f"S-{n:03d}",
                person,
                area,
                "Kompleks" if n % 5 == 0 else "",
                1.5 if n % 6 == 0 else None,
                f"F{n // 3}" if n % 3 == 0 else None,
                n % 11 == 0,
                date(2026, 1 + n % 12, 1) if n % 2 else None,
                "ring tilbage" if n % 7 == 0 else None,
            ]
        )
    return rows


@pytest.fixture
def root(team_files: TeamFiles, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with norms/test.toml; the working folder, as a leader's would be."""
    team_files.write_norms()
    monkeypatch.chdir(team_files.root)
    return team_files.root


def write_export(root: Path, kind: str, rows: list[list[Any]] | None = None) -> Path:
    suffix, writer = FORMATS[kind]
    path = root / "exports" / f"sager{suffix}"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(writer(rows or export_rows()))
    return path.relative_to(root)


@pytest.mark.parametrize("kind", list(FORMATS))
def test_init_on_every_format_gives_a_team_that_check_accepts(
    root: Path, run_cli: RunCli, kind: str
) -> None:
    export = write_export(root, kind)
    result = run_cli("init", export, "--norms", "test", "--team", "nord")
    assert result.code == 0, result
    config = root / "config" / "teams.toml"
    assert config.is_file()
    checked = run_cli("check", "--config", config, "--date", "2026-11-23")
    assert checked.code == 1, checked  # accepted; ten cases a worker are under any range
    # Every case of the export is there: 40 cases, 5 without a worker.
    assert "40 cases, 5 unassigned" in checked.out
    assert "Åse Høj Nørgaard" in checked.out


def test_the_file_init_writes(root: Path, run_cli: RunCli) -> None:
    export = write_export(root, "utf8-csv")
    result = run_cli("init", export, "--norms", "test", "--team", "nord")
    assert result.code == 0, result
    written = (root / "config" / "teams.toml").read_text("utf-8")
    if os.environ.get("PLANNER_UPDATE_GOLDEN"):
        GOLDEN.write_text(written, "utf-8")
    assert written == GOLDEN.read_text("utf-8")


def test_init_shows_the_mapping_and_every_worker_value_with_its_count(
    root: Path, run_cli: RunCli
) -> None:
    export = write_export(root, "xlsx")
    result = run_cli("init", export, "--norms", "test")
    assert result.out.splitlines() == [
        "Read exports/sager.xlsx: header at sheet 'Sager', row 3, 40 cases.",
        "Columns:",
        "  Sagsnr        -> id",
        "  Sagsbehandler -> worker",
        "  Målgruppe     -> area",
        "  Kompleksitet  -> tags",
        "  Point         -> weight",
        "  Familie       -> household",
        "  Låst          -> pinned",
        "  Tildelt       -> since",
        "  not used: Note",
        "Workers (4) in 'Sagsbehandler':",
        "  Bo Kjær                  9 cases -> id bk, area fleksjob",
        "  Christian Østergaard     9 cases -> id co, area born",
        "  DK                       9 cases -> id dk, area born",
        "  Åse Høj Nørgaard         8 cases -> id ahn, area sygedagpenge",
        "  (empty)                  5 cases (unassigned)",
        "Wrote config/teams.toml. Check the lines marked TODO, then run: planner check --config config/teams.toml",
    ]


def test_init_never_overwrites_a_file(root: Path, run_cli: RunCli) -> None:
    export = write_export(root, "utf8-csv")
    config = root / "config" / "teams.toml"
    config.parent.mkdir()
    config.write_text("# mine\n", "utf-8")
    before = tree(root)
    result = run_cli("init", export, "--norms", "test")
    assert result.code == 2
    assert "config/teams.toml: already exists. Nothing was written" in result.err
    assert tree(root) == before


def test_unrecognised_areas_are_named_by_check(root: Path, run_cli: RunCli) -> None:
    rows = export_rows()
    for row in rows[1:]:
        row[2] = "Målgruppe 2.4" if row[2] == "Fleksjob" else row[2]
    export = write_export(root, "utf8-csv", rows)
    assert run_cli("init", export, "--norms", "test").code == 0
    text = (root / "config" / "teams.toml").read_text("utf-8")
    assert '"Målgruppe 2.4" = ""' in text
    checked = run_cli("check", "--config", "config/teams.toml")
    assert checked.code == 2
    assert "worker 'bk': area 'Målgruppe 2.4' is not in norm set 'test'" in checked.err
    assert "maps 'Målgruppe 2.4' to '', which is not an area of the norm set" in checked.err


def test_init_refuses_an_export_with_a_cpr_number(root: Path, run_cli: RunCli) -> None:
    rows = export_rows()
    rows[3][8] = "151180-1234"
    export = write_export(root, "utf8-csv", rows)
    result = run_cli("init", export, "--norms", "test")
    assert result.code == 2
    assert "exports/sager.csv, line 4, column 'Note'" in result.err
    assert "151180" not in result.err + result.out
    assert not (root / "config").exists()


def test_init_without_a_recognisable_id_column(root: Path, run_cli: RunCli) -> None:
    rows = [["Nummer", "Sagsbehandler"], ["1", "Bo"]]
    export = write_export(root, "utf8-csv", rows)
    result = run_cli("init", export, "--norms", "test")
    assert result.code == 2
    assert "no column is recognised as the case id (columns: Nummer, Sagsbehandler)" in result.err
    assert not (root / "config").exists()


def test_init_in_danish(root: Path, run_cli: RunCli) -> None:
    export = write_export(root, "utf8-csv")
    result = run_cli("init", export, "--norms", "test", "--lang", "da")
    assert result.code == 0
    assert "Medarbejdere (4) i 'Sagsbehandler':" in result.out
    assert "# TODO: tjek ugetimerne" in (root / "config" / "teams.toml").read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--team", "010203 1234"], "--team: holds what looks like a CPR number (xxxxxx xxxx)"),
        (["--team", "010203-1234"], "--team: holds what looks like a CPR number (xxxxxx-xxxx)"),
        (["--out", "out-010203-1234.toml"], "out-xxxxxx-xxxx.toml: the path holds"),
        (["--team", "a/b"], "--team: team id 'a/b' is not a simple name"),
        (["--team", "a\x1b[2Jb"], "--team: team id 'a␛[2Jb' is not a simple name"),
    ],
    ids=["cpr-team-space", "cpr-team", "cpr-out", "slash-team", "esc-team"],
)
def test_init_refuses_a_cpr_number_or_an_odd_name_in_its_arguments(
    root: Path, run_cli: RunCli, args: list[str], said: str
) -> None:
    export = write_export(root, "utf8-csv")
    before = tree(root)
    result = run_cli("init", export, "--norms", "test", *args)
    assert result.code == 2, result
    assert said in result.err
    assert "Nothing was written" in result.err
    assert "010203" not in result.err + result.out and "\x1b" not in result.err + result.out
    assert tree(root) == before


def test_init_refuses_an_export_whose_name_holds_a_cpr_number(root: Path, run_cli: RunCli) -> None:
    export = write_export(root, "utf8-csv")
    named = export.with_name("sager 010203-1234.csv")
    (root / export).rename(root / named)
    before = tree(root)
    result = run_cli("init", named, "--norms", "test", "--lang", "da")
    assert result.code == 2, result
    assert "exports/sager xxxxxx-xxxx.csv: stien indeholder noget, der ligner et CPR-nummer" in (
        result.err
    )
    assert "010203" not in result.err + result.out
    assert tree(root) == before


def test_init_leaves_a_totals_row_out_and_says_so(root: Path, run_cli: RunCli) -> None:
    rows = export_rows()
    rows.append(["I alt: 40 sager", None, None, None, 55.5, None, None, None, None])
    export = write_export(root, "utf8-csv", rows)
    result = run_cli("init", export, "--norms", "test")
    assert result.code == 0, result
    assert "40 cases." in result.out  # not 41
    assert "  left out: line 42, a totals row" in result.out
    assert "(empty)                  5 cases (unassigned)" in result.out
    checked = run_cli("check", "--config", "config/teams.toml", "--date", "2026-11-23")
    assert checked.code == 2
    assert "exports/sager.csv, line 42: looks like a totals row" in checked.err


def test_an_unknown_norm_set_names_each_place_looked_once(root: Path, run_cli: RunCli) -> None:
    export = write_export(root, "utf8-csv")
    result = run_cli("init", export, "--norms", "nope", "--out", "t3.toml")
    assert result.code == 2
    looked = result.err.split("looked in ")[1].split(")")[0].split(", ")
    assert looked[0] == "norms/nope.toml" and len(looked) == len(set(looked)), result.err


def test_init_refuses_two_columns_under_a_header_it_reads(root: Path, run_cli: RunCli) -> None:
    rows = [[*HEADER, "Sagsbehandler"]] + [[*row, "Bo Kjær"] for row in export_rows()[1:]]
    export = write_export(root, "utf8-csv", rows)
    result = run_cli("init", export, "--norms", "test")
    assert result.code == 2, result
    assert (
        "exports/sager.csv, line 1: column 'Sagsbehandler' is there twice (columns 2 and 10)"
        in result.err
    )
    assert not (root / "config").exists()


def test_init_writes_owner_only_whatever_the_umask(root: Path, run_cli: RunCli) -> None:
    """The team file names the team's people: owner-only like every file planner writes,
    in folders made 0700 level by level (mkdir's mode is filtered by the umask, and its
    parents=True would give the parents the default mode)."""
    export = write_export(root, "utf8-csv")
    old = os.umask(0)
    try:
        result = run_cli("init", export, "--norms", "ds", "--out", "new/deeper/teams.toml")
    finally:
        os.umask(old)
    assert result.code == 0, result
    assert (root / "new").stat().st_mode & 0o777 == 0o700
    assert (root / "new" / "deeper").stat().st_mode & 0o777 == 0o700
    assert (root / "new" / "deeper" / "teams.toml").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("kind", "lang", "said"),
    [
        ("cp1252-csv", "en", "was read as Windows-1252 text (it is not UTF-8)."),
        ("cp1252-csv", "da", "er læst som Windows-1252-tekst (den er ikke UTF-8)."),
        ("utf16-tab", "en", "was read as UTF-16 text (it is not UTF-8)."),
    ],
)
def test_init_says_the_encoding_it_read_as_check_does(
    root: Path, run_cli: RunCli, kind: str, lang: str, said: str
) -> None:
    export = write_export(root, kind)
    result = run_cli("init", export, "--norms", "test", "--lang", lang)
    assert result.code == 0, result
    assert result.err.splitlines() == [f"planner: {export.as_posix()} {said}"]
    checked = run_cli(
        "check", "--config", root / "config" / "teams.toml", "--date", "2026-11-23", "--lang", lang
    )
    assert checked.err.splitlines() == result.err.splitlines()


def test_init_on_utf8_says_nothing_about_the_encoding(root: Path, run_cli: RunCli) -> None:
    result = run_cli("init", write_export(root, "utf8-csv"), "--norms", "test")
    assert result.code == 0, result
    assert result.err == ""


def _sheet_with_error(root: Path, cell: str, error: str) -> Path:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sager"
    rows = (["Sagsnr", "Sagsbehandler", "Område"], ["K-1", "Bo", "x"], ["K-2", "Bo", "x"])
    for row in rows:
        sheet.append(row)
    sheet[cell] = error
    buffer = io.BytesIO()
    book.save(buffer)
    export = root / "exports" / "sager.xlsx"
    export.parent.mkdir(exist_ok=True)
    export.write_bytes(buffer.getvalue())
    return export.relative_to(root)


def test_init_refuses_an_error_cell_in_a_column_it_reads(root: Path, run_cli: RunCli) -> None:
    # calamine reads #N/A as an empty cell: the case would have been counted unassigned and
    # its worker drafted with one case fewer, without a word.
    result = run_cli("init", _sheet_with_error(root, "B3", "#N/A"), "--norms", "test")
    assert result.code == 2, result
    assert "exports/sager.xlsx, sheet 'Sager', row 3, column 'Sagsbehandler' (B)" in result.err
    assert "holds the error #N/A, not a value" in result.err
    assert not (root / "config").exists()


def test_init_refuses_an_error_cell_in_the_header(root: Path, run_cli: RunCli) -> None:
    # A header cell with #NAME? hid the column: a teams.toml without it was written, exit 0.
    result = run_cli("init", _sheet_with_error(root, "C1", "#NAME?"), "--norms", "test")
    assert result.code == 2, result
    assert "exports/sager.xlsx, sheet 'Sager', row 1, column '#3' (C)" in result.err
    assert "holds the error #NAME?, not a value" in result.err
    assert not (root / "config").exists()
