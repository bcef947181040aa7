"""`--out ... --force` never replaces a plan, teams, cases or norm file, of any team, told
by what the file holds (issue 14 section 2; found by an adversarial test: `balance --out
other/config/teams.toml --force` replaced another team's teams.toml with a plan, and `plan
export --out other/cp1252.csv --force` replaced a case export)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from export_writers import FORMATS
from planner.io.kinds import FileKind, file_kind
from planner.io.plans import plan_from, write_plan
from team_helpers import CliResult, TeamFiles, case, tree, worker

RunCli = Callable[..., CliResult]

TEAMS = '[teams.nord]\nname = "Nord"\nnorms = "ds"\ncases = "sager.csv"\n'
NORMS = '[areas.born]\nlabel = "Børn"\nmin = 20\nmax = 25\n'
CASES_TOML = '[[cases]]\nid = "K-1"\nworker = "a"\n'
EXPORT_ROWS = [["Sagsnr", "Sagsbehandler", "Målgruppe"], ["S-1", "Åse", "Børn"]]


@pytest.fixture
def team(team_files: TeamFiles, monkeypatch: pytest.MonkeyPatch) -> TeamFiles:
    monkeypatch.chdir(team_files.root)
    monkeypatch.setenv("XDG_STATE_HOME", str(team_files.root / "state"))
    team_files.workers = [worker("a", "sygedagpenge"), worker("b", "fleksjob", hours=30)]
    team_files.write([case("K-1", "a"), case("K-2", "b"), case("K-3", "", area="fleksjob")])
    return team_files


def _plan(team: TeamFiles) -> str:
    assignment = team.assignment()
    assignment.move(["K-3"], "b")
    write_plan(team.root / "plan.toml", plan_from(assignment), assignment.team)
    return "plan.toml"


def _put(root: Path, name: str, data: bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


OTHERS = [
    ("teams", "other/config/teams.toml", TEAMS.encode(), "looks like a teams file"),
    ("norms", "other/norms/egne.toml", NORMS.encode(), "looks like a norm set"),
    ("cases-toml", "other/sager.toml", CASES_TOML.encode(), "looks like a cases file"),
    *[
        (kind, f"other/export{suffix}", write(EXPORT_ROWS), "looks like a cases file")
        for kind, (suffix, write) in FORMATS.items()
    ],
]


@pytest.mark.parametrize("command", ["balance", "export"])
@pytest.mark.parametrize(
    ("name", "data", "said"), [pytest.param(*row[1:], id=row[0]) for row in OTHERS]
)
def test_force_never_replaces_another_teams_input(
    team: TeamFiles, run_cli: RunCli, command: str, name: str, data: bytes, said: str
) -> None:
    plan = _plan(team)
    _put(team.root, name, data)
    before = tree(team.root)
    args = ["balance"] if command == "balance" else ["plan", "export", plan, "--format", "csv"]
    result = run_cli(*args, "--config", team.config, "--out", name, "--force")
    assert result.code == 2, result
    assert f"{name}, --out: {said}" in result.err
    assert "Nothing was written. Choose another file name." in result.err
    assert tree(team.root) == before


def test_an_export_never_replaces_a_plan_and_balance_never_an_export(
    team: TeamFiles, run_cli: RunCli
) -> None:
    plan = _plan(team)
    export = ["plan", "export", plan, "--format", "csv", "--config", team.config]
    assert run_cli(*export, "--out", "moves.csv").code == 0
    (team.root / "old.toml").write_bytes((team.root / plan).read_bytes())  # another plan
    before = tree(team.root)
    over_plan = run_cli(*export, "--out", "old.toml", "--force")
    assert over_plan.code == 2
    assert "old.toml, --out: holds a plan: planner never replaces a plan file" in over_plan.err
    again = run_cli(*export, "--out", plan, "--force")
    assert again.code == 2 and "input files in use" in again.err
    result = run_cli("balance", "--config", team.config, "--out", "moves.csv", "--force")
    assert result.code == 2
    assert "moves.csv, --out: holds a move list exported by planner" in result.err
    assert tree(team.root) == before


@pytest.mark.parametrize("lang", ["en", "da"])
def test_force_replaces_an_earlier_export_and_a_plain_file(
    team: TeamFiles, run_cli: RunCli, lang: str
) -> None:
    plan = _plan(team)
    export = ["plan", "export", plan, "--format", "csv", "--config", team.config]
    assert run_cli(*export, "--out", "moves.csv", "--lang", lang).code == 0
    assert file_kind(team.root / "moves.csv") is FileKind.PLAN_EXPORT
    replaced = run_cli(*export, "--out", "moves.csv", "--force", "--lang", "en")
    assert replaced.code == 0, replaced
    _put(team.root, "notes.txt", b"just some notes\n")
    assert run_cli(*export, "--out", "notes.txt", "--force").code == 0


def test_in_danish(team: TeamFiles, run_cli: RunCli) -> None:
    _put(team.root, "other/config/teams.toml", TEAMS.encode())
    result = run_cli(
        "balance", "--config", team.config, "--out", "other/config/teams.toml", "--force",
        "--lang", "da",
    )  # fmt: skip
    assert result.code == 2
    assert (
        "other/config/teams.toml, --out: ligner en teamfil (den har en [teams]-tabel): planner "
        "erstatter aldrig sådan en, heller ikke med --force. Intet er skrevet. Vælg et andet "
        "filnavn." in result.err
    )
