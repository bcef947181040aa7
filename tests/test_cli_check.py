"""`planner check`: the table, the JSON shape and figures, exit codes, --date, --config."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.core.rules import evaluate_worker
from planner.i18n import fmt_num, fmt_pct, fmt_range, t
from planner.io.files import bundled_config
from planner.io.teams import load_team
from team_helpers import CliResult, TeamFiles, case, tree, worker

RunCli = Callable[..., CliResult]
DAY = "2026-11-23"
SYMBOLS = {"over": "▲", "within": "✓", "under": "▼"}

WORKER_KEYS = {"id", "name", "area", "load", "min", "max", "utilisation", "status"}


def validate_shape(data: Any) -> None:
    """The documented shape, exactly: no key missing, none extra, the right types."""
    assert isinstance(data, dict)
    assert set(data) == {"team", "date", "workers", "unassigned", "areas"}
    assert isinstance(data["team"], str)
    assert date.fromisoformat(data["date"])
    assert isinstance(data["unassigned"], int) and data["unassigned"] >= 0
    assert isinstance(data["workers"], list) and data["workers"]
    for item in data["workers"]:
        assert set(item) == WORKER_KEYS
        for key in ("id", "name", "area"):
            assert isinstance(item[key], str)
        for key in ("load", "min", "max", "utilisation"):
            assert isinstance(item[key], float), (key, item[key])
        assert item["status"] in ("under", "within", "over")
    assert isinstance(data["areas"], list)
    for area in data["areas"]:
        assert set(area) == {"area", "fte", "fte_effective", "fte_needed", "fte_missing"}
        assert isinstance(area["area"], str)
        assert isinstance(area["fte"], float) and isinstance(area["fte_needed"], float)


def demo_json(run_cli: RunCli, *extra: str) -> tuple[int, dict[str, Any]]:
    result = run_cli("check", "--config", bundled_config(), "--date", DAY, "--json", *extra)
    return result.code, json.loads(result.out)


# ---------------------------------------------------------------------------------------
# The demo


def test_demo_json_has_the_documented_shape_and_equals_the_rules(run_cli: RunCli) -> None:
    code, data = demo_json(run_cli)
    validate_shape(data)
    assert (data["team"], data["date"]) == ("nordby", DAY)
    # Independently of Assignment: each worker's cases straight from the file, through
    # the plain rule.
    team = load_team(bundled_config())
    on = date.fromisoformat(DAY)
    assert [w["id"] for w in data["workers"]] == [w.id for w in team.workers]
    for item, member in zip(data["workers"], team.workers, strict=True):
        expected = evaluate_worker(
            member, [c for c in team.cases if c.worker == member.id], team.norms, on
        )
        assert item["name"] == member.name
        assert item["area"] == member.area
        assert item["load"] == pytest.approx(expected.load, rel=1e-12)
        assert item["min"] == pytest.approx(expected.min, rel=1e-12)
        assert item["max"] == pytest.approx(expected.max, rel=1e-12)
        assert item["utilisation"] == pytest.approx(expected.load / expected.max, rel=1e-12)
        assert item["status"] == expected.status.value
    assert data["unassigned"] == sum(1 for c in team.cases if not c.worker) == 15
    # Someone is out of range in the demo: exit 1.
    assert code == 1
    assert any(w["status"] != "within" for w in data["workers"])


def test_demo_numbers_are_not_rounded(run_cli: RunCli) -> None:
    _, data = demo_json(run_cli)
    # At least one utilisation needs more than a few decimals (e.g. 78.75 / 55).
    assert any(len(repr(w["utilisation"])) > 8 for w in data["workers"])


def test_demo_table_names_symbols_and_summary(run_cli: RunCli) -> None:
    _, data = demo_json(run_cli)
    result = run_cli("check", "--config", bundled_config(), "--date", DAY)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == f"Jobcenter Nordby, Team Job og Sygedagpenge · {DAY}"
    assert lines[1].split() == ["Worker", "Area", "Hours", "Load", "Range", "Util.", "Status"]
    for item in data["workers"]:
        (row,) = [line for line in lines if line.startswith(item["name"])]
        assert f"{SYMBOLS[item['status']]} {item['status']}" in row
        assert fmt_num(item["load"], "en") in row
        assert fmt_range(item["min"], item["max"], "en") in row
        assert fmt_pct(item["utilisation"], "en") in row
    counts = {s: sum(w["status"] == s for w in data["workers"]) for s in SYMBOLS}
    assert f"644 cases, {data['unassigned']} unassigned" in result.out
    assert f"{counts['over']} over, {counts['within']} within, {counts['under']} under" in (
        " ".join(result.out.split())
    )
    # The area table's headings, two lines each.
    (top,) = [n for n, line in enumerate(lines) if line.split() == ["FTE"] * 4]
    assert lines[top + 1].split() == ["Area", "there", "effective", "needed", "missing"]


def test_table_in_danish(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    result = run_cli("check", "--config", bundled_config(), "--date", DAY)
    assert "Medarbejder" in result.out
    assert "▲ over" in result.out and "✓ inden for" in result.out
    assert "Årsv." in result.out and "mangler" in result.out


@pytest.mark.parametrize("lang", ["en", "da"])
def test_table_fits_eighty_columns(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run_cli("check", "--config", bundled_config(), "--date", DAY, "--lang", lang)
    assert max(len(line) for line in result.out.splitlines()) <= 80
    # Figures are never cut; long area labels give way; the FTE headings are whole (FTE
    # missing is the figure to take to management).
    assert "145%" in result.out
    lines = result.out.splitlines()
    (top,) = [n for n, line in enumerate(lines) if line.split() in (["FTE"] * 4, ["Årsv."] * 4)]
    assert "…" not in lines[top] + lines[top + 1]
    assert ("missing" if lang == "en" else "mangler") in lines[top + 1]


# ---------------------------------------------------------------------------------------
# A team built by someone else, in the documented formats, every figure by hand

HAND_NORMS = """\
# Egne normer, skrevet i hånden
title = "Kommunens egne sagstal"
source = "Aftale med MED-udvalget"
full_time_hours = 37.0

[new_hire]
months = 6
factor = 0.5

[duties.koordinerende]
label = "Koordinerende sagsbehandler"
factor = 0.8

[tag_weights]
kompleks = 1.5
enkel = 0.5

[areas.sygedagpenge]
label = "Sygedagpenge"
min = 8
max = 12

[[areas.sygedagpenge.variants]]
id = "komplekse"
label = "Mange komplicerede kategori 2- og 3-sager"
min = 6
max = 10
tag = "kompleks"
share = 0.5

[areas.fleksjob]
label = "Fleksjob"
min = 10
max = 15
"""

HAND_TEAMS = """\
default = "syd"

[teams.syd]
name = "Jobcenter Syd"
norms = "../regler/egne.toml"
cases = "eksport/sager.csv"

[teams.syd.columns]
id = "Sagsnr"
worker = "Sagsbehandler"
area = "Område"
tags = "Mærker"
weight = "Vægt"
household = "Husstand"
pinned = "Låst"

[[teams.syd.workers]]
id = "anna"
name = "Anna Ahl"
area = "sygedagpenge"
hours = 37

[[teams.syd.workers]]
id = "bo"
name = "Bo Bech"
area = "sygedagpenge"
hours = 29.6                  # deltid: 29,6 / 37 = 0,8

[[teams.syd.workers]]
id = "carl"
name = "Carl Cort"
area = "fleksjob"
hours = 37
started = 2026-09-30          # nyansat til og med 2027-03-29

[[teams.syd.workers]]
id = "dorte"
name = "Dorte Dahl"
area = "fleksjob"
hours = 37
duties = ["koordinerende"]

[[teams.syd.workers.adjustments]]
reason = "Tillidsrepræsentant"
factor = 0.75
from = 2026-01-01
until = 2026-12-31

[[teams.syd.workers.adjustments]]
reason = "Gradvis tilbagevenden"
factor = 0.5
until = 2026-06-30
"""

# Excel-style export: ';', BOM, Danish headers, a column planner does not use.
HAND_CASES = (
    "Sagsnr;Titel;Sagsbehandler;Område;Mærker;Vægt;Husstand;Låst\r\n"
    # anna: 5 kompleks (7.5), 3 plain (3), 1 kompleks with its own weight 0,5:
    # 6 of 9 cases carry 'kompleks' -> the 'komplekse' variant (6-10); load 11.
    + "".join(f"S-{n};Sag;anna;;kompleks;;;\r\n" for n in range(1, 6))
    + "S-6;Sag;anna;;;;H-1;ja\r\nS-7;Sag;anna;;;;H-1;nej\r\nS-8;Sag;anna;;;;;\r\n"
    + "S-9;Sag;anna;;kompleks;0,5;;\r\n"
    # bo: 7 plain, 2 enkel (0.5 each), 1 fleksjob case held out of area: 10 cases, load 9.
    + "".join(f"S-1{n};Sag;bo;;;;;\r\n" for n in range(7))
    + "S-17;Sag;bo;;enkel;;;\r\nS-18;Sag;bo;;enkel;;;\r\nS-19;Sag;bo;fleksjob;;;;\r\n"
    # carl: 8 plain. dorte: 4 plain.
    + "".join(f"S-2{n};Sag;carl;;;;;\r\n" for n in range(8))
    + "".join(f"S-3{n};Sag;dorte;;;;;1\r\n" for n in range(4))
    # unassigned: sygedagpenge kompleks (1.5) and plain (1), fleksjob 2,5, one without area.
    + "S-40;Ny;;sygedagpenge;kompleks;;;\r\nS-41;Ny;;sygedagpenge;;;;\r\n"
    + 'S-42;Ny;;fleksjob;;"2,5";;\r\nS-43;Ny;;;;;;\r\n'
)


@pytest.fixture
def hand_team(tmp_path: Path) -> Path:
    (tmp_path / "regler").mkdir()
    (tmp_path / "regler" / "egne.toml").write_text(HAND_NORMS, encoding="utf-8")
    (tmp_path / "konfig" / "eksport").mkdir(parents=True)
    (tmp_path / "konfig" / "teams.toml").write_text(HAND_TEAMS, encoding="utf-8")
    (tmp_path / "konfig" / "eksport" / "sager.csv").write_bytes(
        b"\xef\xbb\xbf" + HAND_CASES.encode("utf-8")
    )
    return tmp_path / "konfig" / "teams.toml"


def test_a_team_built_by_hand_every_figure_equals_the_rules(
    run_cli: RunCli, hand_team: Path
) -> None:
    result = run_cli("check", "--config", hand_team, "--date", DAY, "--json")
    data = json.loads(result.out)
    validate_shape(data)
    assert (data["team"], data["date"], data["unassigned"]) == ("syd", DAY, 4)
    figures = {w["id"]: w for w in data["workers"]}
    # (load, min, max, status) worked out on paper from the files above.
    expected = {
        # full time, 'komplekse' variant by tags: 6-10
        "anna": (5 * 1.5 + 3 + 0.5, 6.0, 10.0, "over"),
        # 29.6/37 = 0.8 of the area's 8-12 (1 of 10 cases is fleksjob; no variant)
        "bo": (7 + 2 * 0.5 + 1, 8 * 0.8, 12 * 0.8, "within"),
        # new hire until 2027-03-30: half of 10-15
        "carl": (8.0, 10 * 0.5, 15 * 0.5, "over"),
        # duty 0.8 x adjustment 0.75 (in force); the other adjustment ended 2026-06-30
        "dorte": (4.0, 10 * 0.8 * 0.75, 15 * 0.8 * 0.75, "under"),
    }
    assert list(figures) == list(expected)
    for worker_id, (load, low, high, status) in expected.items():
        item = figures[worker_id]
        assert item["load"] == pytest.approx(load, rel=1e-12), worker_id
        assert item["min"] == pytest.approx(low, rel=1e-12), worker_id
        assert item["max"] == pytest.approx(high, rel=1e-12), worker_id
        assert item["utilisation"] == pytest.approx(load / high, rel=1e-12), worker_id
        assert item["status"] == status, worker_id
    areas = {a["area"]: a for a in data["areas"]}
    assert list(areas) == ["sygedagpenge", "fleksjob"]
    assert areas["sygedagpenge"]["fte"] == pytest.approx((37 + 29.6) / 37, rel=1e-12)
    # anna 11 + bo's sygedagpenge cases 8 + unassigned 1.5 + 1, over the area's own max 12.
    assert areas["sygedagpenge"]["fte_needed"] == pytest.approx((11 + 8 + 2.5) / 12, rel=1e-12)
    assert areas["fleksjob"]["fte"] == pytest.approx(2.0, rel=1e-12)
    # carl 8 + dorte 4 + bo's fleksjob case 1 + unassigned 2.5, over 15.
    assert areas["fleksjob"]["fte_needed"] == pytest.approx((8 + 4 + 1 + 2.5) / 15, rel=1e-12)
    assert result.code == 1


def test_hand_team_on_another_date(run_cli: RunCli, hand_team: Path) -> None:
    # 2027-03-30: carl's six months are over; dorte's adjustment ended 2026-12-31.
    result = run_cli("check", "--config", hand_team, "--date", "2027-03-30", "--json")
    figures = {w["id"]: w for w in json.loads(result.out)["workers"]}
    assert (figures["carl"]["min"], figures["carl"]["max"]) == pytest.approx((10, 15))
    assert figures["carl"]["status"] == "under"
    assert (figures["dorte"]["min"], figures["dorte"]["max"]) == pytest.approx((8, 12))
    result = run_cli("check", "--config", hand_team, "--date", "2027-03-29", "--json")
    figures = {w["id"]: w for w in json.loads(result.out)["workers"]}
    assert figures["carl"]["max"] == pytest.approx(7.5)


# ---------------------------------------------------------------------------------------
# Exit codes


def test_exit_0_when_everyone_is_within(team_files: TeamFiles, run_cli: RunCli) -> None:
    # Fleksjob 25-50 in the test norms: 30 cases is within.
    team_files.workers = [worker("a", "fleksjob")]
    team_files.write([case(f"K-{n}", "a") for n in range(30)])
    assert run_cli("check", "--config", team_files.config).code == 0
    assert run_cli("check", "--config", team_files.config, "--json").code == 0


@pytest.mark.parametrize(("count", "status"), [(24, "under"), (51, "over")])
def test_exit_1_when_anyone_is_not(
    team_files: TeamFiles, run_cli: RunCli, count: int, status: str
) -> None:
    team_files.workers = [worker("a", "fleksjob"), worker("b", "fleksjob")]
    team_files.write([case(f"A-{n}", "a") for n in range(30)] + [case(f"B-{n}", "b") for n in range(count)])  # fmt: skip
    result = run_cli("check", "--config", team_files.config, "--json")
    assert result.code == 1
    assert [w["status"] for w in json.loads(result.out)["workers"]] == ["within", status]


@pytest.mark.parametrize(
    ("lang", "one", "two"), [("en", "1 case,", "2 cases,"), ("da", "1 sag,", "2 sager,")]
)
def test_the_summary_says_1_case_not_1_cases(
    team_files: TeamFiles, run_cli: RunCli, lang: str, one: str, two: str
) -> None:
    team_files.workers = [worker("a")]
    team_files.write([case("K-1", "a")])
    assert one in run_cli("check", "--config", team_files.config, "--lang", lang).out
    team_files.write([case("K-1", "a"), case("K-2", "a")])
    assert two in run_cli("check", "--config", team_files.config, "--lang", lang).out


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "0 over, 0 within, 1 under, 2 away"),
        ("da", "0 over, 0 inden for, 1 under, 2 fraværende"),
    ],
)
def test_the_summary_counts_workers_away(
    team_files: TeamFiles, run_cli: RunCli, lang: str, said: str
) -> None:
    # "0 over, 0 within, 0 under" was all it said with two of three workers away.
    leave = [{"reason": "Barsel", "factor": 0, "from": date(2026, 11, 1)}]
    team_files.workers = [
        worker("a"),
        worker("b", adjustments=leave),
        worker("c", started=date(2027, 1, 1)),
    ]
    team_files.write([case("K-1", "a"), case("K-2", "b")])
    args = ("check", "--config", team_files.config, "--date", "2026-11-23", "--lang", lang)
    out = " ".join(run_cli(*args).out.split())  # the summary may wrap
    assert f"; {said}" in out
    # Without anyone away the counts stay three.
    team_files.workers = [worker("a")]
    team_files.write([case("K-1", "a")])
    out = " ".join(run_cli(*args).out.split())
    assert "away" not in out and "fraværende" not in out


def test_exit_2_for_bad_input(team_files: TeamFiles, run_cli: RunCli) -> None:
    team_files.workers = [worker("a", "nowhere")]
    team_files.write([case("K-1", "a")])
    result = run_cli("check", "--config", team_files.config, "--json")
    assert (result.code, result.out) == (2, "")
    assert "area 'nowhere'" in result.err


@pytest.mark.parametrize("value", ["2026-13-01", "23-11-2026", "2026/11/23", "i morgen", ""])
@pytest.mark.parametrize("position", ["after", "before"])
def test_bad_date_exits_2(run_cli: RunCli, value: str, position: str) -> None:
    args = ["check", "--date", value] if position == "after" else ["--date", value, "check"]
    result = run_cli(*args, "--config", bundled_config())
    assert result.code == 2
    assert result.out == ""
    assert f"--date '{value}' is not a date: write YYYY-MM-DD" in result.err
    assert "Traceback" not in result.err


def test_date_before_the_subcommand_counts_too(run_cli: RunCli) -> None:
    result = run_cli("--date", "2027-01-01", "check", "--config", bundled_config(), "--json")
    assert json.loads(result.out)["date"] == "2027-01-01"


def test_date_defaults_to_today(run_cli: RunCli) -> None:
    result = run_cli("check", "--config", bundled_config(), "--json")
    assert json.loads(result.out)["date"] == date.today().isoformat()


# ---------------------------------------------------------------------------------------
# --config defaults, python -m planner


def run_module(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "en_GB.UTF-8", "COLUMNS": "120"}
    env.pop("LC_ALL", None)
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_python_m_planner_and_the_bundled_demo_from_an_empty_folder(tmp_path: Path) -> None:
    result = run_module(tmp_path, "check", "--json", "--date", DAY)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    validate_shape(data)
    assert data["team"] == "nordby"
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_config_defaults_to_config_teams_toml_in_the_working_folder(
    team_files: TeamFiles, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    team_files.workers = [worker("lokal", "fleksjob")]
    team_files.write([case("K-1", "lokal")])
    monkeypatch.chdir(team_files.root)
    data = json.loads(run_cli("check", "--json").out)
    assert data["team"] == "t"
    assert [w["id"] for w in data["workers"]] == ["lokal"]
    # Elsewhere (no ./config/teams.toml), the bundled demo.
    monkeypatch.chdir(team_files.root / "config")
    assert json.loads(run_cli("check", "--json").out)["team"] == "nordby"


def test_bad_team_in_the_working_folder_is_reported_not_replaced_by_the_demo(
    team_files: TeamFiles, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    team_files.workers = [worker("a", "fleksjob", hours=0)]
    team_files.write([case("K-1", "a")])
    monkeypatch.chdir(team_files.root)
    before = tree(team_files.root)
    result = run_cli("check")
    assert result.code == 2
    assert "config/teams.toml" in result.err
    assert tree(team_files.root) == before


def test_team_option_chooses_among_several(team_files: TeamFiles, run_cli: RunCli) -> None:
    team_files.write_norms()
    team_files.write_cases_csv([case("K-1", "a")])
    base = {"norms": "test", "cases": "data/cases.csv", "workers": [worker("a")]}
    team_files.write_teams({"teams": {"en": {"name": "En", **base}, "to": {"name": "To", **base}}})
    assert json.loads(run_cli("check", "--config", team_files.config, "--json").out)["team"] == "en"
    result = run_cli("check", "--config", team_files.config, "--team", "to", "--json")
    assert json.loads(result.out)["team"] == "to"


def test_the_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "planner"
    if not script.exists():
        pytest.skip("no planner console script beside this interpreter")
    result = subprocess.run(
        [str(script), "check", "--json", "--date", DAY],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["team"] == "nordby"


# ---------------------------------------------------------------------------------------
# From an installed wheel, not only from a checkout

REPO = Path(__file__).resolve().parent.parent


def _wheel_build_skip_reason() -> str | None:
    try:
        import hatchling  # noqa: F401
    except ImportError:
        return "hatchling is not installed (pip install -e '.[test]' brings it); cannot build"
    if not (REPO / "pyproject.toml").is_file():
        return "not running from a checkout"
    return None


@pytest.mark.skipif(_wheel_build_skip_reason() is not None, reason=str(_wheel_build_skip_reason()))
def test_demo_and_norm_sets_work_from_an_installed_wheel(tmp_path: Path) -> None:
    """Build the wheel, install it into a fresh venv and run `planner check` there.

    The venv gets planner from the wheel only; its dependencies (textual, pydantic) come
    from this interpreter's site-packages through a .pth file, which does not run this
    environment's editable-install hook, so the checkout cannot leak in. Offline and ~3 s.
    """
    import sysconfig

    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(REPO)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    (wheel,) = dist.glob("planner-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
         str(wheel)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    Path(site, "planner_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    cwd = tmp_path / "somewhere"
    cwd.mkdir()

    def planner(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(venv / "bin" / "planner"), *args],
            cwd=cwd, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip

    where = subprocess.run(
        [str(python), "-c", "import planner.io.files as f; print(f.__file__, f.bundled_root())"],
        cwd=cwd, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert str(REPO) not in where, where  # the wheel's copy, with its bundled files
    assert "_bundled" in where

    # The demo, with no config anywhere near.
    result = planner("check", "--json", "--date", DAY)
    assert result.returncode == 1, result.stderr
    from_wheel = json.loads(result.stdout)
    validate_shape(from_wheel)
    checkout = subprocess.run(
        [sys.executable, "-m", "planner", "check", "--json", "--date", DAY],
        cwd=cwd, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert from_wheel == json.loads(checkout.stdout)

    # Each bundled norm set by id, for a team whose folder has no norms/ of its own.
    areas = {"ds": "sygedagpenge", "ds-2016": "sygedagpenge", "sverigesmodellen": None}
    for norm_id, area in areas.items():
        if area is None:
            norms = tomllib.loads((REPO / "norms" / f"{norm_id}.toml").read_text("utf-8"))
            area = next(iter(norms["areas"]))
        team = cwd / norm_id
        team.mkdir()
        (team / "cases.csv").write_text("id;worker\nK-1;a\n", encoding="utf-8")
        (team / "teams.toml").write_text(
            f'[teams.t]\nname = "T"\nnorms = "{norm_id}"\ncases = "cases.csv"\n\n'
            f'[[teams.t.workers]]\nid = "a"\nname = "A"\narea = "{area}"\nhours = 37\n',
            encoding="utf-8",
        )
        result = planner("check", "--json", "--config", str(team / "teams.toml"))
        assert result.returncode == 1, result.stderr  # one case: under range
        assert json.loads(result.stdout)["workers"][0]["area"] == area


def test_danish_table_writes_decimal_commas(run_cli: RunCli) -> None:
    # The board writes 79,8; the check table in Danish must too (it wrote 79.8).
    result = run_cli("check", "--config", bundled_config(), "--date", DAY, "--lang", "da")
    data = json.loads(run_cli("check", "--config", bundled_config(), "--date", DAY, "--json").out)
    for item in data["workers"]:
        (row,) = [line for line in result.out.splitlines() if line.startswith(item["name"])]
        assert fmt_num(item["load"], "da") in row
        assert fmt_range(item["min"], item["max"], "da") in row
    assert "," in fmt_num(data["workers"][0]["load"], "da")


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("columns", [80, 72])
def test_narrow_table_cuts_names_never_figures(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, lang: str, columns: int
) -> None:
    # At 80 columns the Danish demo cut 'Interval 35,0-55…' and the status words; only
    # names and area labels may give way.
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run_cli("check", "--config", bundled_config(), "--date", DAY, "--lang", lang)
    data = json.loads(run_cli("check", "--config", bundled_config(), "--date", DAY, "--json").out)
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= columns
    rows = lines[2 : 2 + len(data["workers"])]  # after the title and the header, in order
    for item, row in zip(data["workers"], rows, strict=True):
        assert row.startswith(item["name"][:7])
        assert fmt_range(item["min"], item["max"], lang) in row
        assert fmt_num(item["load"], lang) in row
        assert fmt_pct(item["utilisation"], lang) in row
        assert t(f"status.{item['status']}", lang) in row


@pytest.mark.parametrize(
    ("given", "english", "danish"),
    [
        ("norms/ds.toml", "it looks like a norm set (it has [areas])", "den ligner et normsæt"),
        ("examples/nordby-what-if.toml", "it looks like a plan", "den ligner en plan"),
        ("config/data/nordby-cases.csv", "it looks like a case export", "ligner et sagsudtræk"),
    ],
)
def test_another_of_planners_files_given_as_config_is_named_in_one_line(
    run_cli: RunCli, given: str, english: str, danish: str
) -> None:
    # A norm set given as --config gave nine lines ("'teams' is missing", then every key it
    # has as unknown); a case export "is not valid TOML".
    path = Path(__file__).parents[1] / given
    for lang, expected in (("en", english), ("da", danish)):
        result = run_cli("check", "--config", path, "--date", DAY, "--lang", lang)
        assert result.code == 2, result
        lines = result.err.splitlines()
        assert len(lines) == 2 and expected in lines[1], result.err
        assert "--config" in lines[1]
    if given.endswith(".csv"):  # the command that makes a teams.toml of it, with its name
        assert f"planner init {given}" in result.err or f"planner init {path}" in result.err
