"""The benchmark scripts still run against today's code: each is imported, and the parts
that build their instances from planner's own functions are run at a tiny size (a rename
in planner once broke bench_balance.py without a test noticing). The timings themselves
are the scripts' business, never the tests' (the machine is shared)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from planner.core.moves import Assignment
from planner.io.files import bundled_config
from planner.io.teams import load_team

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SCRIPTS = sorted(p.stem for p in BENCHMARKS.glob("*.py"))


@pytest.fixture
def benchmarks_importable() -> Iterator[None]:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        yield
    finally:
        sys.path.remove(str(BENCHMARKS))


def script(name: str) -> ModuleType:
    return importlib.import_module(name)


@pytest.mark.usefixtures("benchmarks_importable")
@pytest.mark.parametrize("name", SCRIPTS)
def test_every_benchmark_script_imports(name: str) -> None:
    module = script(name)
    if name.startswith("bench_"):
        assert callable(module.main)


@pytest.mark.usefixtures("benchmarks_importable")
def test_bench_balance_builds_its_staffed_department(tmp_path: Path) -> None:
    config = script("bench_balance").write_staffed(tmp_path / "staffed", 15, seed=1)
    team = load_team(config)
    assert len(team.workers) == 15 and team.cases


@pytest.mark.usefixtures("benchmarks_importable")
def test_bench_board_finds_its_move_on_the_demo() -> None:
    board = script("bench_board")
    source, case_id, target = board.pick_move(
        Assignment(load_team(bundled_config()), date(2026, 11, 23))
    )
    assert source != target and case_id


@pytest.mark.usefixtures("benchmarks_importable")
def test_bench_terminal_plans_its_move_on_a_department(tmp_path: Path) -> None:
    from planner.synthetic import write_department

    team = load_team(write_department(tmp_path / "d", 60, 3600))
    plan = script("bench_terminal").plan_move(team)
    assert plan.source != plan.target and plan.case_index < 10


@pytest.mark.usefixtures("benchmarks_importable")
def test_bench_forecast_gives_the_demo_a_flow_in_every_area() -> None:
    team = script("bench_forecast").with_flow(load_team(bundled_config()))
    assert set(team.flows) == {w.area for w in team.workers}
