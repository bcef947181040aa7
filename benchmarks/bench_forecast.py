"""How long the forecast takes (planner.core.forecast), beside one check of the same team.

    python benchmarks/bench_forecast.py [--repeat 7]

Teams: the bundled demo (with its flow) and synthetic departments of 15, 60 and 300 workers
(planner.synthetic.write_department) given a flow in every area (intake 1 and 1 closed per
week per worker, so the load keeps moving). For 12, 26 (the board's view) and 52 weeks, the
median of `--repeat` runs after a warm-up of:

* check (baseline): every worker's figures and the team summary on one date, as
  `planner check` computes them;
* forecast: every week's figures (capacity, projected load, FTE per area);
* x check: forecast / check, i.e. what a week costs in checks.

One run on one machine: compare the ratios, not the milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from planner.core.forecast import assignment_forecast
from planner.core.models import Flow, Team
from planner.core.moves import Assignment
from planner.io.files import bundled_config
from planner.io.teams import load_team
from planner.synthetic import write_department

DAY = date(2026, 11, 23)
WEEKS = (12, 26, 52)


def median_ms(action: Callable[[], object], repeat: int) -> float:
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def with_flow(team: Team) -> Team:
    """The team with a flow in every area it staffs: one new and one closed case a week
    per worker of the area."""
    heads: dict[str, int] = {}
    for worker in team.workers:
        heads[worker.area] = heads.get(worker.area, 0) + 1
    flows = {area: Flow(intake_per_week=n, closed_per_week=n) for area, n in heads.items()}
    return team.replace(flows=flows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    teams: list[tuple[str, Team]] = [("demo (with its flow)", load_team(bundled_config()))]
    with tempfile.TemporaryDirectory() as folder:
        for workers in (15, 60, 300):
            config = write_department(Path(folder) / f"d{workers}", workers, workers * 60, seed=7)
            teams.append((f"dept {workers}x{workers * 60}", with_flow(load_team(config))))
    print(
        f"planner forecast benchmark · Python {sys.version.split()[0]} · medians of {args.repeat} runs"
    )
    header = f"{'team':<24}{'workers':>8}{'cases':>7}{'check ms':>10}"
    header += "".join(f"{f'{w} wk ms':>11}{'x check':>9}" for w in WEEKS)
    print(header)
    print("-" * len(header))
    for label, team in teams:
        assignment = Assignment(team, DAY)

        def check(a: Assignment = assignment) -> object:
            fresh = Assignment(a.team, a.on)
            return fresh.evaluate_all(), fresh.summary()

        base = median_ms(check, args.repeat)
        line = f"{label:<24}{len(team.workers):>8}{len(team.cases):>7}{base:>10.1f}"
        for weeks in WEEKS:
            took = median_ms(lambda w=weeks, a=assignment: assignment_forecast(a, w), args.repeat)
            line += f"{took:>11.1f}{took / base:>9.1f}"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
