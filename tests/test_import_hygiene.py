"""The domain core and the loaders never import Textual (checked in a fresh interpreter).

The board is a thin shell over planner.core and planner.io; if Textual crept into them,
`planner check`, the balancer and every script would pay for it, and the rules would start
to depend on the screen. A fresh interpreter sees exactly what importing them pulls in.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from planner.io.files import bundled_config

PROBE = """
import importlib, json, pkgutil, sys
import planner.core, planner.io
names = []
for package in (planner.core, planner.io):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        names.append(info.name)
leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps({"imported": names, "textual": leaked}))
"""


def test_core_and_io_import_no_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    report = json.loads(result.stdout)
    assert "planner.core.rules" in report["imported"]
    assert "planner.core.moves" in report["imported"]
    assert "planner.io.teams" in report["imported"]
    assert report["textual"] == [], f"Textual imported by the core: {report['textual']}"


def test_the_probe_would_see_textual() -> None:
    # The same probe catches a leak: importing the board does bring Textual in.
    probe = PROBE.replace(
        "import planner.core, planner.io", "import planner.core, planner.io, planner.ui.app"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(result.stdout)["textual"]


# The board's start, in a fresh interpreter: `planner` on the bundled demo, its app driven by
# Pilot to the first frame (App.run is replaced by a run_test of the same app). pydantic is
# for reading the config files, which the start leaves to a forked child (planner.io.preload).
BOARD_START = """
import asyncio, json, sys
from pathlib import Path
import textual.app
from planner.cli import main
from planner.io.files import bundled_config

seen = {}

def run(self, *args, **kwargs):
    async def first_frame():
        async with self.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            seen["workers"] = len(self.assignment.team.workers)
    asyncio.run(first_frame())
    seen["pydantic"] = sorted(m for m in sys.modules if m.split(".")[0] == "pydantic")

textual.app.App.run = run
code = main(["--config", str(bundled_config()), "--date", "2026-12-01", "--lang", "en"])
print(json.dumps({"code": code, **seen}))
"""


def test_the_board_draws_its_first_frame_without_pydantic(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", BOARD_START],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0 and report["workers"] == 13, result
    assert report["pydantic"] == [], f"the board's start imported {report['pydantic']}"


# planner.io.preload in a fresh interpreter (one thread, so it forks): the team read beside
# is the team load_team reads; a child that fails leaves the reading to the parent; a team
# with problems raises the same ProblemsFound.
PRELOAD = """
import json, sys
from pathlib import Path
from planner.core.problems import ProblemsFound
from planner.io import preload
from planner.io.teams import load_team

config, how = Path(sys.argv[1]), sys.argv[2]
here = []
load = preload._load
preload._load = lambda *args: (here.append(1), load(*args))[1]
if how == "child fails":
    preload.pickle.dumps = lambda *args: 1 / 0  # only the child pickles
try:
    team = preload.load_team_beside(config, None)()
except ProblemsFound as found:
    try:
        load_team(config, None)
    except ProblemsFound as again:
        same = [str(p) for p in found.problems] == [str(p) for p in again.problems]
        print(json.dumps({"problems": len(found.problems), "same": same, "here": len(here)}))
    sys.exit(0)
expected = load_team(config, None)
print(json.dumps({
    "equal": team == expected,
    "cases": len(team.cases),
    "by_id": team.cases_by_id == expected.cases_by_id and team.workers_by_id == expected.workers_by_id,
    "here": len(here),
}))
"""


def _preload(config: Path, how: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", PRELOAD, str(config), how],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return dict(json.loads(result.stdout))


def test_the_team_read_beside_is_the_team_load_team_reads() -> None:
    report = _preload(bundled_config(), "fork")
    assert report == {"equal": True, "cases": 644, "by_id": True, "here": 0}


def test_a_child_that_fails_leaves_the_reading_to_the_parent() -> None:
    report = _preload(bundled_config(), "child fails")
    assert report == {"equal": True, "cases": 644, "by_id": True, "here": 1}


def test_a_team_with_problems_raises_them_as_load_team_does(tmp_path: Path) -> None:
    config = tmp_path / "config"
    shutil.copytree(bundled_config().parent, config)
    teams = config / "teams.toml"
    teams.write_text(teams.read_text("utf-8").replace("hours = 37", "hours = 99", 1), "utf-8")
    report = _preload(teams, "fork")
    assert report == {"problems": 1, "same": True, "here": 1}
