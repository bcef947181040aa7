"""The domain core and the loaders never import Textual (checked in a fresh interpreter).

The board is a thin shell over planner.core and planner.io; if Textual crept into them,
`planner check`, the balancer and every script would pay for it, and the rules would start
to depend on the screen. A fresh interpreter sees exactly what importing them pulls in.
"""

from __future__ import annotations

import json
import subprocess
import sys

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
