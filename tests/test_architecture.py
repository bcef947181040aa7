"""The import contracts in pyproject.toml ([tool.importlinter]) hold: one direction, no cycles.

cli -> ui -> io -> i18n -> core; inside the board, the app pushes screens and screens post
messages up (none imports the app). import-linter reads the real imports, lazy ones too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lint_imports(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is in the test extra"
    return subprocess.run(
        [exe, "--no-cache", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_the_import_contracts_are_kept() -> None:
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    # Every contract of pyproject.toml was checked, none silently dropped.
    assert "Contracts: 5 kept" in result.stdout


def test_a_reversed_layer_is_caught(tmp_path: Path) -> None:
    # The same tool on a contract that the code must break (the core would sit above the
    # CLI): proof that the check can fail, so a pass above means something.
    config = tmp_path / "reversed.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "planner"\n\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "reversed"\ntype = "layers"\n'
        'layers = ["planner.core", "planner.cli"]\n'
    )
    result = lint_imports("--config", str(config))
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
