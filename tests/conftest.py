"""Shared fixtures: `team_files` (a TeamFiles builder rooted in tmp_path) and `run_cli`
(runs `planner` in-process). The helpers themselves are in team_helpers.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from team_helpers import CliResult, TeamFiles

# No deadline per example: hypothesis's 200 ms default is a timed assertion, and the
# machine the suite runs on is shared (performance is for benchmarks/, not for tests).
settings.register_profile("planner", deadline=None)
settings.load_profile("planner")


@pytest.fixture
def team_files(tmp_path: Path) -> TeamFiles:
    """An empty team builder rooted in tmp_path; add workers, then call write()."""
    return TeamFiles(tmp_path)


@pytest.fixture
def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., CliResult]:
    """Run `planner ARGS` in-process (English messages, wide terminal, no colour)."""
    from planner.cli import main

    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str | Path) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
