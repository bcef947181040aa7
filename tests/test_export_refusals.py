"""What real exports get wrong, refused with file and line (issue 9 section 2), through
`planner check`: exit 2, nothing on stdout, nothing written, no traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import tomli_w

from export_writers import xlsx
from team_helpers import CliResult, TeamFiles, tree, worker

RunCli = Callable[..., CliResult]
CSV = "config/data/cases.csv"


@pytest.fixture
def team(team_files: TeamFiles, monkeypatch: pytest.MonkeyPatch) -> TeamFiles:
    monkeypatch.chdir(team_files.root)
    team_files.workers = [
        {"id": "ahn", "name": "Åse Høj Nørgaard", "area": "sygedagpenge", "hours": 37},
        worker("b", "fleksjob", hours=30),
    ]
    team_files.write_norms()
    team_files.write_teams()
    team_files.write_cases_text("id;worker\nK-1;ahn\n")
    return team_files


def set_team(team: TeamFiles, **extra: Any) -> None:
    team.team_extra = extra
    team.write_teams(tomli_w.dumps(team.teams_data()))


@pytest.fixture
def refused(team: TeamFiles, run_cli: RunCli) -> Callable[[], list[str]]:
    def check() -> list[str]:
        before = tree(team.root)
        result = run_cli("check", "--config", team.config, "--date", "2026-11-23")
        assert result.code == 2, result
        assert result.out == ""
        assert "Traceback" not in result.err
        assert tree(team.root) == before
        header, *lines = result.err.splitlines()
        word = "problem" if len(lines) == 1 else "problems"
        assert header == f"planner: {len(lines)} {word} in the input; nothing was written."
        return [line.strip() for line in lines]

    return check


def expect(line: str, *fragments: str) -> None:
    for fragment in fragments:
        assert fragment in line, f"{fragment!r} not in {line!r}"


def test_a_totals_row(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.write_cases_text("id;worker;weight\nK-1;ahn;1,5\nK-2;b;4\n;;5,5\n")
    (line,) = refused()
    expect(
        line,
        f"{CSV}, line 4: has no case id ('id') but other values: a totals row? Give each",
        "delete it, or leave it out of the export",
    )


def test_a_totals_row_in_a_spreadsheet_names_sheet_and_row(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    team.cases_ref = "data/cases.xlsx"
    team.write_teams()
    rows = [
        ["id", "worker", "weight"],
        ["K-1", "ahn", 1.5],
        ["I alt", None, None],
        [None, None, 5.5],
    ]
    team.cases_path.write_bytes(xlsx(rows))
    # The writer puts a title line and a blank row above the header: the header is row 3.
    labelled, empty = refused()
    expect(
        labelled,
        "config/data/cases.xlsx, sheet 'Sager', row 5: looks like a totals row ('id' says "
        "'I alt' and no worker is named), not a case. A totals row: delete it, or leave it "
        "out of the export.",
    )
    expect(empty, "config/data/cases.xlsx, sheet 'Sager', row 6: has no case id", "totals row")


@pytest.mark.parametrize(
    "row",
    [
        "I alt;;5,5",  # issue 9's own example
        "I alt: 120 sager;;",
        "TOTAL;;12",
        "Totalt 12;;",
        "sum:;;3",
        "Samlet;;",
        "Subtotal;;1",
        "i  alt;;1",
    ],
)
def test_a_totals_row_with_a_label_in_the_id_column(
    team: TeamFiles, refused: Callable[[], list[str]], row: str
) -> None:
    team.write_cases_text(f"id;worker;weight\nK-1;ahn;1,5\n{row}\n")
    (line,) = refused()
    expect(line, f"{CSV}, line 3: looks like a totals row", "delete it, or leave it out")


def test_ids_that_only_begin_like_a_total_are_cases(team: TeamFiles, run_cli: RunCli) -> None:
    team.write_cases_text("id;worker\nSummer-1;ahn\nTotalis;\nI alt;b\nSamletX;\n")
    result = run_cli("check", "--config", team.config, "--date", "2026-11-23")
    assert result.code == 1, result
    assert "4 cases" in result.out


def test_a_totals_row_is_said_in_danish(team: TeamFiles, run_cli: RunCli) -> None:
    team.write_cases_text("id;worker;weight\nK-1;ahn;1,5\n;;5,5\nI alt;;5,5\n")
    result = run_cli("check", "--config", team.config, "--date", "2026-11-23", "--lang", "da")
    assert result.code == 2
    assert (
        f"{CSV}, linje 3: har intet sagsnummer ('id'), men andre værdier: en sumrække? Giv hver "
        "sag et nummer" in result.err
    )
    assert (
        f"{CSV}, linje 4: ligner en sumrække ('id' siger 'I alt', og ingen medarbejder er "
        "angivet), ikke en sag. En sumrække: slet den, eller udelad den af eksporten." in result.err
    )
    assert "?." not in result.err


def test_duplicate_header_of_a_column_planner_reads(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    team.write_cases_text("id;worker;Titel;Worker\nK-1;ahn;x;b\n")
    (line,) = refused()
    expect(line, f"{CSV}, line 1: column 'worker' is there twice (columns 2 and 4)", "Rename")


def test_other_duplicate_headers_are_left_alone(team: TeamFiles, run_cli: RunCli) -> None:
    team.write_cases_text("id;worker;Note;Note\nK-1;ahn;x;y\n")
    result = run_cli("check", "--config", team.config, "--date", "2026-11-23")
    assert result.code == 1, result  # read: one case for Åse, far under her range
    assert result.err == ""


@pytest.mark.parametrize(
    ("second", "shown"),
    [
        ("k-1", "k-1"),
        # Invisible characters are named in the message, so the two ids do not look alike.
        ("K-1\u200b", "K-1<U+200B>"),
        ("\u2060K-1", "<U+2060>K-1"),
        ("K-1\ufeff", "K-1<U+FEFF>"),
        ("K-1", "K-1"),
        ("\u00a0K-1 ", "K-1"),
    ],
)
def test_ids_that_differ_only_in_case_spaces_or_invisible_characters(
    team: TeamFiles, refused: Callable[[], list[str]], second: str, shown: str
) -> None:
    team.write_cases_text(f"id;worker\nK-1;ahn\nK-2;b\n{second};b\n")
    (line,) = refused()
    if shown == "K-1":
        expect(line, f"{CSV}, line 4, case 'K-1'", "used twice", "first at line 2")
    else:
        expect(line, f"{CSV}, line 4, case '{shown}'", "differs from 'K-1' (line 2) only in case")


def test_ids_are_compared_after_unicode_normalisation(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    # 'Å' as one character and as 'A' + combining ring look the same.
    team.write_cases_text("id;worker\nSÅ-1;ahn\nSA\u030a-1;b\n")
    (line,) = refused()
    expect(line, f"{CSV}, line 3", "only in case, spaces or invisible characters")


@pytest.mark.parametrize(
    ("char", "code"), [("\x00", "U+0000"), ("\x07", "U+0007"), ("\x85", "U+0085")]
)
def test_control_characters_and_nul_in_any_cell(
    team: TeamFiles, refused: Callable[[], list[str]], char: str, code: str
) -> None:
    team.write_cases_text(f"id;worker;Note\nK-1;ahn;ok\nK-2;b;a{char}b\nK-3;b;c{char}\n")
    (line,) = refused()
    expect(
        line,
        f"{CSV}, line 3, column 'Note': holds a control character ({code}); so do 2 cells",
    )


def test_a_mapped_column_that_is_not_there_is_named_with_the_columns_found(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    set_team(team, columns={"worker": "Sagsbehandler", "area": "Målgruppe"})
    team.write_cases_text("id;Medarbejder;Område\nK-1;ahn;\n")
    lines = refused()
    assert len(lines) == 2
    expect(
        lines[0],
        f"{CSV}, line 1: has no column 'Sagsbehandler', which teams.toml names for 'worker'",
        "(columns: id, Medarbejder, Område)",
    )
    expect(lines[1], "has no column 'Målgruppe', which teams.toml names for 'area'")


def test_no_worker_column_is_an_error_not_all_unassigned(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    # The case: the team maps only the id, the export calls its worker column
    # "Medarbejder". Every case would have become unassigned.
    set_team(team, columns={"id": "Sagsnr"})
    team.write_cases_text("Sagsliste pr. 23-11-2026\n\nSagsnr;Medarbejder\nK-1;ahn\nK-2;b\n")
    (line,) = refused()
    expect(
        line,
        f"{CSV}, line 3: has no worker column 'worker' (columns: Sagsnr, Medarbejder)",
        'worker = "Medarbejder"',
    )


def test_an_unknown_worker_once_per_distinct_value_with_a_count(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    rows = "".join(f"K-{n};Åse Høj Nørgård\n" for n in range(150))
    team.write_cases_text("id;worker\n" + rows + "K-X;zz\n")
    lines = refused()
    assert len(lines) == 2
    expect(
        lines[0],
        f"{CSV}, line 2, case 'K-0': worker 'Åse Høj Nørgård' (in 150 cases) is not in the team",
        "Did you mean 'Åse Høj Nørgaard'?",
    )
    expect(
        lines[1], "line 152, case 'K-X': worker 'zz' is not in the team", "leave the field empty"
    )


def test_an_unknown_area_once_per_distinct_value_with_a_count(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    rows = "".join(f"K-{n};b;Sygedagpnge\n" for n in range(150))
    team.write_cases_text("id;worker;area\n" + rows)
    (line,) = refused()
    expect(
        line,
        f"{CSV}, line 2, case 'K-0': area 'Sygedagpnge' (in 150 cases) is not in norm set 'test'",
        "Did you mean 'Sygedagpenge'?",
        "[teams.<team>.values.area]",
    )


def test_bad_values_once_per_distinct_value(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    rows = "".join(f"K-{n};b;31-02-2026\n" for n in range(20))
    team.write_cases_text("id;worker;since\n" + rows)
    (line,) = refused()
    expect(
        line,
        f"{CSV}, line 2 (since): '31-02-2026' is not a date (write YYYY-MM-DD or DD-MM-YYYY) (in 20 cases)",
    )


def test_workers_by_name_areas_by_label_tags_in_any_case(team: TeamFiles) -> None:
    team.write_cases_text(
        "id;worker;area;tags\nK-1;åse   HØJ nørgaard;sygedagpenge;Kompleks\n"
        'K-2;AHN;Fleksjob;"KOMPLEKS;enkel"\nK-3;Medarbejder B;;\n'
    )
    cases = team.load().cases
    assert [(c.worker, c.area, c.tags) for c in cases] == [
        ("ahn", "sygedagpenge", ("kompleks",)),
        ("ahn", "fleksjob", ("kompleks", "enkel")),
        ("b", "fleksjob", ()),
    ]


def test_value_maps_that_name_nothing_are_refused_in_teams_toml(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    set_team(team, values={"worker": {"X-1": "nobody"}, "area": {"Målgruppe 2.4": "Fleksjob"}})
    (line,) = refused()
    expect(
        line,
        "config/teams.toml",
        "values.worker.X-1",
        "maps 'X-1' to 'nobody', which is not a worker of the team",
        "Use one of: ahn, b",
    )


def test_a_value_map_that_names_nothing_is_found_on_its_own_line(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    """The line of the mapping, even under a quoted key, not the team's header."""
    set_team(team, values={"worker": {"X-1": "nobody"}, "area": {"Målgruppe 2.4": "Nowhere"}})
    lines = team.config.read_text("utf-8").splitlines()
    worker_line = 1 + next(i for i, text in enumerate(lines) if text.startswith("X-1 ="))
    area_line = 1 + next(i for i, text in enumerate(lines) if text.startswith('"Målgruppe 2.4"'))
    worker, area = refused()
    expect(worker, f"config/teams.toml, line {worker_line}, ", "values.worker.X-1")
    expect(area, f"config/teams.toml, line {area_line}, ", "values.area.Målgruppe 2.4")


def test_a_sheet_that_is_not_there(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.cases_ref = "data/cases.xlsx"
    set_team(team, sheet="Sager 2026")
    team.cases_path.write_bytes(xlsx([["id", "worker"], ["K-1", "ahn"]], sheet="Sager"))
    (line,) = refused()
    expect(
        line,
        "config/data/cases.xlsx: has no sheet 'Sager 2026' (sheets: Sager)",
        'sheet = "..."',
    )


def test_a_broken_spreadsheet(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.cases_ref = "data/cases.xlsx"
    team.write_teams()
    team.cases_path.write_bytes(b"PK\x03\x04 not really a workbook")
    (line,) = refused()
    expect(line, "config/data/cases.xlsx: cannot be read as a spreadsheet", "save it again")


def test_a_cpr_number_in_a_spreadsheet_cell_of_any_type(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    team.cases_ref = "data/cases.xlsx"
    team.write_teams()
    # A CPR number typed into Excel is a number cell: 1.511801234e9.
    rows = [["id", "worker", "Borger"], ["K-1", "ahn", 1511801234], ["K-2", "b", "ok"]]
    team.cases_path.write_bytes(xlsx(rows))
    (line,) = refused()
    expect(line, "sheet 'Sager', row 4, column 'Borger'", "CPR number (xxxxxxxxxx)")
    assert "1511801234" not in line


def test_a_cpr_number_in_a_number_cell_that_lost_its_leading_zero(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    team.cases_ref = "data/cases.xlsx"
    team.write_teams()
    # 010180-1234 typed into Excel is the number 101801234.
    rows = [["id", "worker", "Borger"], ["K-1", "ahn", 101801234], ["K-2", "b", 123456789]]
    team.cases_path.write_bytes(xlsx(rows))
    (line,) = refused()
    expect(line, "sheet 'Sager', row 4, column 'Borger'", "CPR number (xxxxxxxxxx)")


def test_a_cpr_number_in_a_title_line(team: TeamFiles, refused: Callable[[], list[str]]) -> None:
    team.write_cases_text("Borger 151180-1234\nid;worker\nK-1;ahn\n")
    (line,) = refused()
    expect(line, f"{CSV}, line 1, column '#1'", "xxxxxx-xxxx")


def test_every_reader_message_is_in_english_and_danish_with_the_same_values() -> None:
    import string

    from planner.i18n import ALL_TEXTS

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    keys = [k for k in ALL_TEXTS if k.startswith(("load.", "notice.", "init."))]
    assert len(keys) > 40
    for key in keys:
        english, danish = ALL_TEXTS[key]
        assert english and danish, key
        assert fields(english) == fields(danish), key


def _workbook_with(team: TeamFiles, suffix: str, data: bytes) -> None:
    team.cases_ref = f"data/cases{suffix}"
    team.write_teams()
    team.cases_path.write_bytes(data)


def _xlsx_with_cells(cells: dict[str, str]) -> bytes:
    """An .xlsx whose weight cells hold what Excel stores: an error value ('#DIV/0!'), or a
    formula ('=1/0') that openpyxl writes without a calculated value."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sager"
    for row in (["id", "worker", "weight", "note"], ["K-1", "ahn", 2], ["K-2", "b", 1]):
        sheet.append(row)
    sheet.append(["K-3", "b", 1])
    for reference, value in cells.items():
        sheet[reference] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_error_cell_in_a_spreadsheet_is_refused_not_read_as_empty(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    # Read as empty, #DIV/0! made the weight the default 1.0 without a word.
    _workbook_with(team, ".xlsx", _xlsx_with_cells({"C2": "#DIV/0!", "C4": "#N/A"}))
    (line,) = refused()
    expect(
        line,
        "config/data/cases.xlsx, sheet 'Sager', row 2, column 'weight' (C): holds the error "
        "#DIV/0!, not a value (and 1 more cell like it in this column).",
        "Fix the formula in Excel, or save the sheet with values",
    )


def test_a_formula_never_calculated_is_refused(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    _workbook_with(team, ".xlsx", _xlsx_with_cells({"C3": "=1/0"}))
    (line,) = refused()
    expect(
        line,
        "config/data/cases.xlsx, sheet 'Sager', row 3, column 'weight' (C): holds a formula "
        "whose value was never calculated",
        "Open the file in Excel and save it",
    )


def test_an_error_cell_is_said_in_danish(team: TeamFiles, run_cli: RunCli) -> None:
    _workbook_with(team, ".xlsx", _xlsx_with_cells({"C2": "#VALUE!"}))
    result = run_cli("check", "--config", team.config, "--date", "2026-11-23", "--lang", "da")
    assert result.code == 2, result
    assert (
        "config/data/cases.xlsx, ark 'Sager', række 2, kolonne 'weight' (C): indeholder fejlen "
        "#VALUE!, ikke en værdi. Ret formlen i Excel, eller gem arket med værdier" in result.err
    )


def test_an_error_cell_in_a_column_planner_does_not_read_is_left_alone(
    team: TeamFiles, run_cli: RunCli
) -> None:
    _workbook_with(team, ".xlsx", _xlsx_with_cells({"D2": "#REF!", "D3": "=A1/0"}))
    result = run_cli("check", "--config", team.config, "--date", "2026-11-23")
    assert result.code in (0, 1), result
    assert "3 cases" in result.out


def test_an_error_cell_in_an_ods_sheet_is_refused(
    team: TeamFiles, refused: Callable[[], list[str]]
) -> None:
    import io
    import zipfile

    from export_writers import ods

    # LibreOffice writes an error result as a string cell marked calcext:value-type="error"
    # (python-calamine reads it as empty); odfpy cannot write that attribute, so it is put in.
    data = ods([["id", "worker", "weight"], ["K-1", "ahn", 2.0], ["K-2", "b", 1.0]])
    source = zipfile.ZipFile(io.BytesIO(data))
    content = source.read("content.xml").decode("utf-8")
    cell = content.index('office:value-type="float"', content.index("K-2"))
    end = content.index("</table:table-cell>", cell)
    content = (
        content[:cell]
        + 'table:formula="of:=1/0" office:value-type="string" office:string-value="" '
        'calcext:value-type="error" xmlns:calcext="urn:org:documentfoundation:names:'
        'experimental:calc:xmlns:calcext:1.0"><text:p>#DIV/0!</text:p>' + content[end:]
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            body = content.encode() if item.filename == "content.xml" else source.read(item)
            target.writestr(item, body)
    _workbook_with(team, ".ods", buffer.getvalue())
    (line,) = refused()
    expect(line, "config/data/cases.ods, sheet 'Sager', row 3, column 'weight' (C)", "#DIV/0!")


@pytest.mark.parametrize("record", ["value", "formula"])
def test_an_error_cell_in_an_xls_sheet_is_refused(
    team: TeamFiles, refused: Callable[[], list[str]], record: str
) -> None:
    import io

    import xlwt

    # python-calamine reads an .xls error cell as empty too: an error value (a BOOLERR
    # record), or a formula whose cached result is an error.
    book = xlwt.Workbook()
    sheet = book.add_sheet("Sager")
    for row, values in enumerate([["id", "worker", "weight"], ["K-1", "ahn"], ["K-2", "b", 1]]):
        for column, value in enumerate(values):
            sheet.write(row, column, value)
    if record == "value":
        sheet.row(1).set_cell_error(2, "#DIV/0!")
    else:
        sheet.write(1, 2, xlwt.Formula("1/0"))
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if record == "formula":
        # xlwt does not calculate: its FORMULA record (row 1, column 2) caches an empty
        # text; Excel would cache the error, type 2 with code 7 (#DIV/0!).
        start = next(
            i
            for i in range(len(data))
            if data.startswith(b"\x06\x00", i) and data[i + 4 : i + 8] == b"\x01\x00\x02\x00"
        )
        data = data[: start + 10] + b"\x02\x00\x07\x00\x00\x00\xff\xff" + data[start + 18 :]
    _workbook_with(team, ".xls", data)
    (line,) = refused()
    expect(
        line,
        "config/data/cases.xls, sheet 'Sager', row 2, column 'weight' (C): holds the error "
        "#DIV/0!, not a value.",
        "Fix the formula in Excel",
    )
