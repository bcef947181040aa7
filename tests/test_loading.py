"""Loading teams, norm sets and cases in every documented form (issue 2 sections 2-4)."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from planner.core.models import Case
from planner.io.files import bundled_norms_dir
from planner.io.norms import load_norms
from team_helpers import SMALL_NORMS, TeamFiles, case, worker


def simple_cases(team: TeamFiles) -> tuple[Case, ...]:
    return team.load().cases


ROWS = [
    case("K-1", "a", tags="kompleks", weight="", household="H-1", pinned="ja"),
    case("K-2", "a", area="fleksjob", tags="enkel;kompleks", weight="2,5", household="H-1"),
    case("K-3", "", area="sygedagpenge", pinned="nej"),
    case("K-4", "", pinned="0"),
]

EXPECTED = (
    Case(id="K-1", worker="a", area="sygedagpenge", tags=("kompleks",), household="H-1", pinned=True),
    Case(id="K-2", worker="a", area="fleksjob", tags=("enkel", "kompleks"), weight=2.5, household="H-1"),
    Case(id="K-3", area="sygedagpenge"),
    Case(id="K-4"),
)  # fmt: skip


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("bom", [False, True])
def test_csv_with_either_delimiter_with_or_without_bom(
    team_files: TeamFiles, delimiter: str, bom: bool
) -> None:
    team_files.workers = [worker("a")]
    team_files.write_norms()
    team_files.write_teams()
    path = team_files.write_cases_csv(ROWS, delimiter=delimiter, bom=bom)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") is bom
    # The ',' file quotes the decimal comma and ';' file the tag list: csv does that.
    assert (b'"2,5"' in path.read_bytes()) is (delimiter == ",")
    assert simple_cases(team_files) == EXPECTED


def test_bom_does_not_hide_the_id_column(team_files: TeamFiles) -> None:
    # With a BOM the first header would read '\ufeffid' if decoded naively.
    team_files.workers = [worker("a")]
    team_files.write_norms()
    team_files.write_teams()
    team_files.write_cases_text("id,worker\r\nK-1,a\r\n", bom=True)
    assert [c.id for c in team_files.load().cases] == ["K-1"]


def test_danish_headers_mapped_in_the_team_and_other_columns_ignored(
    team_files: TeamFiles,
) -> None:
    team_files.workers = [worker("a")]
    team_files.team_extra = {
        "columns": {
            "id": "Sagsnr",
            "worker": "Sagsbehandler",
            "area": "Område",
            "tags": "Mærker",
            "weight": "Vægt",
            "household": "Husstand",
            "pinned": "Fastlåst",
        }
    }
    team_files.write_norms()
    team_files.write_teams()
    header = (
        "Sagsnr",
        "Titel",
        "Sagsbehandler",
        "Område",
        "Mærker",
        "Vægt",
        "Husstand",
        "Fastlåst",
    )
    rows = [
        ("K-1", "Ansøgning", "a", "", "kompleks", "", "H-1", "ja"),
        ("K-2", "Opfølgning", "a", "fleksjob", "enkel;kompleks", "2,5", "H-1", ""),
        ("K-3", "Ny sag", "", "sygedagpenge", "", "", "", "nej"),
        ("K-4", "", "", "", "", "", "", "0"),
    ]
    team_files.write_cases_csv(rows, header=header, bom=True)
    assert simple_cases(team_files) == EXPECTED


def test_header_names_match_regardless_of_case_and_spaces(team_files: TeamFiles) -> None:
    team_files.workers = [worker("a")]
    team_files.team_extra = {"columns": {"id": "Sagsnr"}}
    team_files.write_norms()
    team_files.write_teams()
    team_files.write_cases_text(" SAGSNR ; Worker \nK-1;a\n")
    assert [(c.id, c.worker) for c in team_files.load().cases] == [("K-1", "a")]


def test_toml_cases(team_files: TeamFiles) -> None:
    team_files.workers = [worker("a")]
    team_files.write_norms()
    team_files.write_cases_toml(
        [
            {"id": "K-1", "worker": "a", "tags": ["kompleks"], "household": "H-1", "pinned": True},
            {
                "id": "K-2",
                "worker": "a",
                "area": "fleksjob",
                "tags": ["enkel", "kompleks"],
                "weight": 2.5,
                "household": "H-1",
            },
            {"id": "K-3", "area": "sygedagpenge", "pinned": False},
            {"id": "K-4", "worker": ""},
        ]
    )
    team_files.write_teams()
    assert team_files.cases_path.suffix == ".toml"
    assert simple_cases(team_files) == EXPECTED


def test_toml_cases_accept_the_csv_spellings_too(team_files: TeamFiles) -> None:
    # People writing TOML by hand may copy values from an export.
    team_files.workers = [worker("a")]
    team_files.write_norms()
    team_files.write_cases_toml(
        [{"id": "K-1", "worker": "a", "tags": "enkel;kompleks", "weight": "1,5", "pinned": "ja"}]
    )
    team_files.write_teams()
    (loaded,) = team_files.load().cases
    assert (loaded.tags, loaded.weight, loaded.pinned) == (("enkel", "kompleks"), 1.5, True)


def test_empty_area_is_the_workers_area(team_files: TeamFiles) -> None:
    team_files.workers = [worker("a", "sygedagpenge"), worker("b", "fleksjob")]
    team_files.write(
        [case("K-1", "a"), case("K-2", "b"), case("K-3", "b", area="sygedagpenge"), case("K-4")]
    )
    areas = {c.id: c.area for c in team_files.load().cases}
    assert areas == {"K-1": "sygedagpenge", "K-2": "fleksjob", "K-3": "sygedagpenge", "K-4": None}


def test_tags_are_semicolon_separated_and_trimmed(team_files: TeamFiles) -> None:
    team_files.workers = [worker("a")]
    team_files.write(
        [
            case("K-1", "a", tags="kompleks; enkel ;"),
            case("K-2", "a", tags=""),
            case("K-3", "a", tags="meget-kompleks"),
        ]
    )
    tags = {c.id: c.tags for c in team_files.load().cases}
    assert tags == {"K-1": ("kompleks", "enkel"), "K-2": (), "K-3": ("meget-kompleks",)}


@pytest.mark.parametrize(
    ("text", "pinned"),
    [
        ("true", True),
        ("True", True),
        ("ja", True),
        ("Ja", True),
        ("1", True),
        ("false", False),
        ("nej", False),
        ("NEJ", False),
        ("0", False),
        ("", False),
    ],
)
def test_pinned_spellings(team_files: TeamFiles, text: str, pinned: bool) -> None:
    team_files.workers = [worker("a")]
    team_files.write([case("K-1", "a", pinned=text)])
    assert team_files.load().cases[0].pinned is pinned


@pytest.mark.parametrize(
    ("text", "weight"), [("1,5", 1.5), ("0,25", 0.25), ("2.75", 2.75), ("3", 3.0), ("", None)]
)
def test_weight_with_decimal_comma_or_point(
    team_files: TeamFiles, text: str, weight: float | None
) -> None:
    team_files.workers = [worker("a")]
    team_files.write([case("K-1", "a", weight=text)])
    assert team_files.load().cases[0].weight == weight


def test_norms_by_id_beside_config(team_files: TeamFiles) -> None:
    team_files.workers = [worker("a")]
    team_files.write([case("K-1", "a")])
    team = team_files.load()
    assert team.norms.id == "test"
    assert team.norms.title == SMALL_NORMS["title"]


def test_a_local_norm_set_shadows_the_bundled_one_of_the_same_id(team_files: TeamFiles) -> None:
    team_files.norms_ref = "ds"
    team_files.workers = [worker("a")]
    team_files.write_norms(norm_id="ds")
    team_files.write_cases_csv([case("K-1", "a")])
    team_files.write_teams()
    assert team_files.load().norms.title == "Testnormer"


def test_bundled_norm_set_by_id_when_none_is_beside_config(team_files: TeamFiles) -> None:
    team_files.norms_ref = "ds-2016"
    team_files.workers = [worker("a", "sygedagpenge")]
    team_files.write_cases_csv([case("K-1", "a")])
    team_files.write_teams()
    team = team_files.load()
    assert team.norms.id == "ds-2016"
    assert team.norms == load_norms(bundled_norms_dir() / "ds-2016.toml")


@pytest.mark.parametrize("reference", ["../regler/egne.toml", "regler.toml", "sub/egne.toml"])
def test_norms_by_path_relative_to_teams_toml(team_files: TeamFiles, reference: str) -> None:
    path = team_files.config.parent / reference
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(team_files.write_norms().read_text("utf-8"), "utf-8")
    team_files.write_norms({**SMALL_NORMS, "title": "Ikke denne"})  # the id-named one
    team_files.norms_ref = reference
    team_files.workers = [worker("a")]
    team_files.write_cases_csv([case("K-1", "a")])
    team_files.write_teams()
    team = team_files.load()
    assert team.norms.title == "Testnormer"
    assert team.norms.id == path.stem


def test_teams_toml_default_team_and_a_chosen_one(team_files: TeamFiles) -> None:
    team_files.write_norms()
    team_files.write_cases_csv([case("K-1", "a"), case("K-2", "")])
    workers = [worker("a")]
    base = {"norms": "test", "cases": "data/cases.csv", "workers": workers}
    team_files.write_teams(
        {
            "default": "anden",
            "teams": {"forste": {"name": "Første", **base}, "anden": {"name": "Anden", **base}},
        }
    )
    assert team_files.load().id == "anden"
    assert team_files.load("forste").name == "Første"


def test_workers_with_every_optional_field(team_files: TeamFiles) -> None:
    team_files.workers = [
        worker(
            "a",
            hours=30,
            started=date(2026, 10, 1),
            duties=["koordinerende"],
            variant="komplekse",
            adjustments=[
                {
                    "reason": "Tillidsrepræsentant",
                    "factor": 0.8,
                    "from": date(2026, 1, 1),
                    "until": date(2027, 6, 30),
                }
            ],
        )
    ]
    team_files.write([case("K-1", "a")])
    (loaded,) = team_files.load().workers
    assert loaded.started == date(2026, 10, 1)
    assert loaded.adjustments[0].from_ == date(2026, 1, 1)
    assert loaded.adjustments[0].until == date(2027, 6, 30)
    assert (loaded.variant, loaded.duties, loaded.hours) == ("komplekse", ["koordinerende"], 30)


def test_fingerprint_is_of_the_cases_file_as_read(team_files: TeamFiles) -> None:
    team_files.workers = [worker("a")]
    team_files.write([case("K-1", "a")])
    digest = hashlib.sha256(team_files.cases_path.read_bytes()).hexdigest()
    assert team_files.load().cases_fingerprint == f"sha256:{digest}"


def test_reasons_come_from_the_team_else_the_norm_set(team_files: TeamFiles) -> None:
    team_files.workers = [worker("a")]
    team_files.write([case("K-1", "a")], norms={**SMALL_NORMS, "reasons": ["Fra normer"]})
    assert team_files.load().reasons == ("Fra normer",)
    team_files.team_extra = {"reasons": ["Fra teamet"]}
    team_files.write_teams()
    assert team_files.load().reasons == ("Fra teamet",)


def test_blank_lines_in_the_export_are_skipped(team_files: TeamFiles) -> None:
    team_files.workers = [worker("a")]
    team_files.write_norms()
    team_files.write_teams()
    team_files.write_cases_text("id;worker\n\nK-1;a\n;\nK-2;a\n\n")
    assert [c.id for c in team_files.load().cases] == ["K-1", "K-2"]


@pytest.mark.parametrize("norm_id", ["ds", "ds-2016", "sverigesmodellen"])
def test_bundled_norm_sets_load(norm_id: str) -> None:
    norms = load_norms(bundled_norms_dir() / f"{norm_id}.toml")
    assert norms.id == norm_id
    assert norms.areas
    assert all(area.min <= area.max for area in norms.areas.values())
