"""Real exports in (issue 9): one synthetic team written as every format a leader's data
comes in, read to the same cases and the same figures; the values case systems write.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from export_writers import FORMATS, cp1252_csv, ods, utf8_csv, utf16_tab, xls, xlsx
from planner.cli.check import check_json
from planner.core.models import Case
from planner.core.moves import Assignment
from team_helpers import ON, CliResult, TeamFiles

RunCli = Callable[..., CliResult]

HEADER = [
    "Sagsnr",
    "Medarbejder",
    "Område",
    "Kompleksitet",
    "Vægt",
    "Husstand",
    "Fastlåst",
    "Siden",
    "Bemærkning",
]

WORKERS = [
    {"id": "ahn", "name": "Åse Høj Nørgaard", "area": "sygedagpenge", "hours": 37},
    {"id": "bk", "name": "Bo Kjær", "area": "fleksjob", "hours": 37},
    {"id": "cø", "name": "Christian Østergaard", "area": "born", "hours": 30},
]

TEAM_EXTRA: dict[str, Any] = {
    "columns": {
        "id": "Sagsnr",
        "worker": "Medarbejder",
        "area": "Område",
        "tags": "Kompleksitet",
        "weight": "Vægt",
        "household": "Husstand",
        "pinned": "Fastlåst",
        "since": "Siden",
    },
    "values": {
        "worker": {"X-17": "bk"},
        "area": {"Målgruppe 2.4": "fleksjob"},
        "tags": {"Høj": "kompleks", "Normal": ""},
    },
}

# How an export may write each worker: id, name, initials in capitals, odd spacing, a code.
WORKER_SPELLINGS = {
    "ahn": ["Åse Høj Nørgaard", "AHN", "åse  høj nørgaard", "ahn"],
    "bk": ["Bo Kjær", "BK", "X-17", "bo kjær "],
    "cø": ["Christian Østergaard", "CØ", "christian østergaard", "Cø"],
}
AREA_SPELLINGS = {
    "sygedagpenge": ["Sygedagpenge", "sygedagpenge", None],
    "fleksjob": ["Fleksjob", "Målgruppe 2.4", None],
    "born": ["Børn", "børn", "born", None],
}
TAG_SPELLINGS = [("Kompleks", ("kompleks",)), ("Høj", ("kompleks",)), ("Normal", ()), ("enkel", ("enkel",)), ("", ())]  # fmt: skip
WEIGHTS: list[float | int | None] = [None, None, 1.5, 2, None, 0.75]


def synthetic_team(count: int = 90) -> tuple[list[list[Any]], list[Case]]:
    """The export's rows (typed values) and the cases they must read as."""
    rows: list[list[Any]] = [list(HEADER)]
    expected: list[Case] = []
    order = ["ahn", "bk", "cø"]
    for n in range(count):
        worker = order[n % 3] if n % 10 != 9 else ""  # every tenth case unassigned
        area_id = {"ahn": "sygedagpenge", "bk": "fleksjob", "cø": "born", "": "born"}[worker]
        spellings = AREA_SPELLINGS[area_id]
        area = spellings[n % len(spellings)] if worker else "Børn"
        written_tag, tags = TAG_SPELLINGS[n % len(TAG_SPELLINGS)]
        weight = WEIGHTS[n % len(WEIGHTS)]
        # Half the ids are plain numbers: a spreadsheet holds them as 41001.0.
        case_id: str | int = 41000 + n if n % 2 else f"K-{1000 + n}"
        household = f"H-{n // 4}" if n % 4 < 2 else None
        pinned = n % 7 == 0
        since = date(2026, 1 + n % 12, 1 + n % 28) if n % 3 else None
        who = WORKER_SPELLINGS[worker][n % 4] if worker else None
        note = "Ringet op; afventer svar" if n % 5 == 0 else None
        rows.append([case_id, who, area, written_tag, weight, household, pinned, since, note])
        expected.append(
            Case(
                id=str(case_id),
                worker=worker or None,
                area=area_id,
                tags=tags,
                weight=float(weight) if weight is not None else None,
                household=household,
                pinned=pinned,
                since=since,
            )
        )
    return rows, expected


def write_teams(team_files: TeamFiles) -> Path:
    # tomli_w quotes keys such as "Målgruppe 2.4" (the helpers' own layout does not).
    return team_files.write_teams(tomli_w.dumps(team_files.teams_data()))


def write_team(team_files: TeamFiles, kind: str, rows: list[list[Any]]) -> Path:
    suffix, writer = FORMATS[kind]
    team_files.workers = [dict(w) for w in WORKERS]
    team_files.team_extra = TEAM_EXTRA
    team_files.cases_ref = f"data/cases{suffix}"
    team_files.write_norms()
    write_teams(team_files)
    team_files.cases_path.parent.mkdir(parents=True, exist_ok=True)
    team_files.cases_path.write_bytes(writer(rows))
    return team_files.config


@pytest.mark.parametrize("kind", list(FORMATS))
def test_every_format_reads_to_the_same_cases_and_figures(team_files: TeamFiles, kind: str) -> None:
    rows, expected = synthetic_team()
    write_team(team_files, kind, rows)
    team = team_files.load()
    assert list(team.cases) == expected
    # The figures, through the same code as `planner check --json`, equal the UTF-8 CSV's
    # (computed in a folder of its own).
    reference = TeamFiles(team_files.root / "reference")
    write_team(reference, "utf8-csv", rows)
    assert check_json(Assignment(team, ON)) == check_json(reference.assignment())
    loads = {w["id"]: w["load"] for w in check_json(Assignment(team, ON))["workers"]}  # type: ignore[index,union-attr]
    # By hand for one worker: ahn's cases and their weights (tags: kompleks 1.5, enkel 0.5).
    mine = [c for c in expected if c.worker == "ahn"]
    by_hand = sum(
        c.weight
        if c.weight is not None
        else max([{"kompleks": 1.5, "enkel": 0.5}[t] for t in c.tags], default=1.0)
        for c in mine
    )
    assert loads["ahn"] == pytest.approx(by_hand)


@pytest.mark.parametrize(
    ("kind", "encoding"), [("cp1252-csv", "Windows-1252"), ("utf16-tab", "UTF-16")]
)
def test_the_encoding_read_is_said_on_stderr_when_not_utf8(
    team_files: TeamFiles, run_cli: RunCli, kind: str, encoding: str
) -> None:
    rows, _ = synthetic_team(12)
    config = write_team(team_files, kind, rows)
    result = run_cli("check", "--config", config, "--date", "2026-11-23", "--json")
    assert result.code == 1, result  # read; three or four cases a worker: under range
    assert result.err.splitlines() == [
        f"planner: {team_files.cases_path} was read as {encoding} text (it is not UTF-8)."
    ]
    json.loads(result.out)  # stdout stays the JSON alone


@pytest.mark.parametrize("kind", ["utf8-csv", "xlsx"])
def test_utf8_and_spreadsheets_say_nothing_about_encoding(
    team_files: TeamFiles, run_cli: RunCli, kind: str
) -> None:
    rows, _ = synthetic_team(12)
    config = write_team(team_files, kind, rows)
    result = run_cli("check", "--config", config, "--date", "2026-11-23")
    assert result.code == 1, result  # read; three or four cases a worker: under range
    assert result.err == ""


def test_windows_1252_notice_in_danish(team_files: TeamFiles, run_cli: RunCli) -> None:
    rows, _ = synthetic_team(12)
    config = write_team(team_files, "cp1252-csv", rows)
    result = run_cli("check", "--config", config, "--date", "2026-11-23", "--lang", "da")
    assert "er læst som Windows-1252-tekst (den er ikke UTF-8)." in result.err


def test_a_named_sheet_is_read_and_else_the_first(team_files: TeamFiles) -> None:
    rows, expected = synthetic_team(10)
    write_team(team_files, "xlsx", rows)
    team_files.cases_path.write_bytes(xlsx(rows, sheet="Sager", before=["Forside", "Noter"]))
    team_files.team_extra = {**TEAM_EXTRA, "sheet": "sager"}  # case-insensitive
    write_teams(team_files)
    assert list(team_files.load().cases) == expected


def test_tab_separated_utf8_text(team_files: TeamFiles) -> None:
    rows, expected = synthetic_team(10)
    write_team(team_files, "utf8-csv", rows)
    team_files.cases_ref = "data/cases.txt"
    write_teams(team_files)
    team_files.cases_path.write_bytes(utf16_tab(rows).decode("utf-16").encode("utf-8"))
    assert list(team_files.load().cases) == expected


def test_a_spreadsheet_saved_with_a_csv_name_is_read_as_one(team_files: TeamFiles) -> None:
    rows, expected = synthetic_team(10)
    write_team(team_files, "utf8-csv", rows)
    team_files.cases_path.write_bytes(xlsx(rows))
    assert list(team_files.load().cases) == expected


@pytest.mark.parametrize(
    ("written", "since"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        ("01-03-2026", date(2026, 3, 1)),
        ("1.3.2026", date(2026, 3, 1)),
        ("2026-03-01 08:30:00", date(2026, 3, 1)),
        ("", None),
    ],
)
def test_since_as_text(team_files: TeamFiles, written: str, since: date | None) -> None:
    team_files.workers = [{"id": "a", "name": "A", "area": "sygedagpenge", "hours": 37}]
    team_files.write_norms()
    team_files.write_teams()
    team_files.write_cases_text(f"id;worker;since\nK-1;a;{written}\n")
    assert team_files.load().cases[0].since == since


@pytest.mark.parametrize("writer", [xlsx, xls, ods])
def test_typed_cells_read_as_a_csv_would_give_them(
    team_files: TeamFiles, writer: Callable[..., bytes]
) -> None:
    team_files.workers = [{"id": "a", "name": "A", "area": "sygedagpenge", "hours": 37}]
    team_files.cases_ref = "data/cases.sheet"
    team_files.write_norms()
    team_files.write_teams()
    rows = [
        ["id", "worker", "weight", "pinned", "since", "household"],
        [1042, "a", 2, True, date(2026, 2, 28), 7],
        ["K-2", "a", 0.25, False, date(2024, 2, 29), "H 7"],
    ]
    team_files.cases_path.parent.mkdir(parents=True)
    team_files.cases_path.write_bytes(writer(rows))
    cases = team_files.load().cases
    assert [(c.id, c.weight, c.pinned, c.since, c.household) for c in cases] == [
        ("1042", 2.0, True, date(2026, 2, 28), "7"),
        ("K-2", 0.25, False, date(2024, 2, 29), "H 7"),
    ]


def test_utf8_csv_writer_really_is_what_it_says() -> None:
    # The writers are the tests' own: check the bytes once so a format test cannot pass
    # by reading some other format.
    rows = [["Sagsnr", "Vægt"], ["K-1", 1.5]]
    assert utf8_csv(rows) == "Sagsnr,Vægt\nK-1,1.5\n".encode()
    assert cp1252_csv(rows).endswith("Sagsnr;Vægt\r\nK-1;1,5\r\n".encode("cp1252"))
    assert cp1252_csv(rows).startswith(b"Sagsliste pr. 23-11-2026")
    assert utf16_tab(rows).startswith(b"\xff\xfeS\x00")
    assert xlsx(rows).startswith(b"PK") and ods(rows).startswith(b"PK")
    assert xls(rows).startswith(b"\xd0\xcf\x11\xe0")
