"""How fast `planner balance` proves the fairest plan, level by level.

    python benchmarks/bench_balance.py [--repeat 3] [--seed 1] [--quick] [--big]

Instances (all synthetic and seeded, written to a temporary folder):

* demo: the bundled team (13 workers, 644 cases), the typical team;
* dept WxC: ``planner.synthetic.write_department`` with W workers and C cases, the sizes of
  the issue (15x750, 60x3,600, 300x18,000). These departments carry far more than their
  staff's ranges allow, so every area is over: the fairest plan shares the excess;
* staffed W: the same kind of department (areas, hours, duties, new hires, households,
  pins) but with each worker's cases drawn around the middle of their own range, so that the
  department as a whole fits and only the spread is uneven: the everyday rebalancing;
* with --big, dept 1000x60000 (issue 11's department), also timed as `planner balance
  --json` end to end in a fresh process, as a person runs it.

For each, in one process: the greedy plan alone (``use_solver=False``, the baseline) and the
solver to the proven lexicographic optimum (per area: the peak, then the load outside the
ranges, the moves between workers, the weight moved), its independent area groups solved
side by side (one per core) and, taking turns with that, one at a time ("1 at a time s").
Medians of --repeat runs; "x greedy" is the solver's time over the greedy's in the same
run. "proven" is yes only when HiGHS
proved every level (a gap below one move for the moves, below 1e-6 for the others); a run
that hits the time limit says NO. The level columns are the plan's values by the rules:
the highest utilisation in the team (peak), the sum over areas of each area's peak (100 %
when nobody is over), the load outside the ranges, the moves between workers and their
weight. Then the trade-off table the board shows (at most 0 / N / 2N moves between
workers, and the fairest), each row's time and the highest utilisation it reaches.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from planner.core.balance import Suggestion, available_cores, suggest
from planner.core.models import Team
from planner.core.rules import CaseMix, capacity
from planner.io.files import bundled_config, bundled_norms_dir
from planner.io.norms import load_norms
from planner.io.schema import worker as worker_from
from planner.io.teams import load_team
from planner.synthetic import department_workers, write_department, write_team

DAY = date(2026, 11, 23)
ISSUE_SIZES = [(15, 750), (60, 3600), (300, 18000)]
BIG_SIZE = (1000, 60000)
STAFFED_SIZES = [15, 60, 300]
# Average weight of a synthetic case (tags enkel 0.75 / kompleks 1.25 / meget-kompleks 1.5).
MEAN_WEIGHT = 0.15 * 0.75 + 0.20 * 1.25 + 0.05 * 1.5 + 0.60 * 1.0


def write_staffed(out: Path, workers: int, seed: int) -> Path:
    """A department whose load fits its staff, spread unevenly (lognormal, sigma 0.3)."""
    rng = random.Random(seed)
    specs, _ = department_workers(workers, workers * 40, rng)
    norms = load_norms(bundled_norms_dir() / "ds.toml")
    by_area: dict[str, list[tuple[int, float]]] = {}
    for index, spec in enumerate(specs):
        worker = worker_from(spec.to_toml())  # as teams.toml's [[workers]] is read
        cap = capacity(worker, norms, CaseMix(), DAY)
        middle = (cap.min + cap.max) / 2
        by_area.setdefault(spec.area, []).append((index, middle))
    unassigned: dict[str, int] = {}
    for area, members in by_area.items():
        # 97 % of the area's middle load, spread unevenly over its workers.
        shares = [rng.lognormvariate(0, 0.3) for _ in members]
        scale = sum(m for _, m in members) / sum(
            s * m for s, (_, m) in zip(shares, members, strict=True)
        )
        total = 0
        for share, (index, middle) in zip(shares, members, strict=True):
            cases = max(1, round(0.97 * middle * share * scale / MEAN_WEIGHT))
            specs[index].cases = cases
            total += cases
        unassigned[area] = max(1, round(total * 0.025))
    return write_team(
        out, f"Syntetisk afdeling i balance, {workers} medarbejdere", specs, unassigned, rng
    )


@dataclass
class Row:
    name: str
    workers: int
    cases: int
    greedy_s: float
    proven_s: float
    serial_s: float
    result: Suggestion


def median_time(run: Callable[[], Suggestion], repeat: int) -> tuple[float, Suggestion]:
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    assert result is not None
    return statistics.median(times), result


def measure(name: str, team: Team, repeat: int, time_limit: float) -> Row:
    greedy_s, _ = median_time(lambda: suggest(team, DAY, use_solver=False), repeat)
    times: dict[int | None, list[float]] = {None: [], 1: []}
    results: dict[int | None, Suggestion] = {}
    for _ in range(repeat):  # side by side and one at a time take turns
        for threads in times:
            began = time.perf_counter()
            results[threads] = suggest(team, DAY, time_limit=time_limit, threads=threads)
            times[threads].append(time.perf_counter() - began)
    if results[None].moves != results[1].moves:
        proven = {k: "proven" if r.optimal else "NOT proven" for k, r in results.items()}
        print(
            f"  {name}: one at a time gave another plan ({proven[1]}; side by side"
            f" {proven[None]}): a group ran out of its share of the time and tried again",
            flush=True,
        )
    return Row(
        name, len(team.workers), len(team.cases), greedy_s, statistics.median(times[None]),
        statistics.median(times[1]), results[None],
    )  # fmt: skip


def cli_seconds(config: Path, repeat: int) -> tuple[float, bool]:
    """`planner balance --json` (its default 20 s limit) in a fresh process: the median
    wall time, and whether every run said optimal."""
    planner = str(Path(sys.executable).with_name("planner"))
    times, proven = [], True
    for _ in range(repeat):
        began = time.perf_counter()
        done = subprocess.run(
            [planner, "balance", "--json", "--config", str(config), "--date", DAY.isoformat()],
            capture_output=True, text=True, check=False, env={**os.environ, "NO_COLOR": "1"},
        )  # fmt: skip
        times.append(time.perf_counter() - began)
        proven = proven and bool(json.loads(done.stdout).get("optimal"))
    return statistics.median(times), proven


def pct(value: float) -> str:
    return f"{value:.1%}"


def print_table(rows: list[Row]) -> None:
    header = (
        f"{'instance':<20}{'workers':>8}{'cases':>7}{'greedy s':>9}{'proven s':>9}"
        f"{'1 at a time s':>14}{'x greedy':>9}{'proven':>7}{'peak':>8}{'peak sum':>9}{'outside':>9}"
        f"{'between':>8}{'weight':>8}{'moves':>7}{'greedy':>7}{'gr.peak':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        r = row.result
        levels = r.levels
        print(
            f"{row.name:<20}{row.workers:>8}{row.cases:>7}{row.greedy_s:>9.3f}"
            f"{row.proven_s:>9.3f}{row.serial_s:>14.3f}{row.proven_s / row.greedy_s:>9.1f}"
            f"{'yes' if r.optimal else 'NO':>7}{pct(levels.team_peak):>8}"
            f"{pct(levels.peak):>9}{levels.overflow:>9.1f}{levels.relocations:>8}"
            f"{levels.weight:>8.1f}{len(r.moves):>7}{r.greedy_moves:>7}"
            f"{pct(max(1.0, r.greedy_peak)):>8}"
        )
    print(
        "\nproven s: median time to the proven lexicographic optimum (every level), the area"
        f" groups\nside by side ({available_cores()} cores here); 1 at a time s: the same,"
        " one group at a time; x greedy: proven s / greedy s.\npeak: the highest utilisation of an unprotected worker"
        " after; peak sum: the areas' peaks added\n(each at least 100 %); outside: load"
        " outside the ranges; between: moves between workers; weight: their\nweight; moves:"
        " all moves (unassigned cases allocated included); greedy, gr.peak: the greedy plan's."
    )


def print_trade_off(name: str, team: Team, time_limit: float) -> None:
    """The board's trade-off table for one instance: each row's time and figures."""
    from planner.core.balance import trade_off_budgets

    started = time.perf_counter()
    fairest = suggest(team, DAY, time_limit=time_limit)
    rows = [(None, time.perf_counter() - started, fairest)]
    for budget in trade_off_budgets(fairest.relocations):
        started = time.perf_counter()
        found = suggest(team, DAY, max_moves=budget, time_limit=time_limit)
        rows.insert(-1, (budget, time.perf_counter() - started, found))
    print(f"\ntrade-off, {name}: moves between workers against the highest utilisation")
    print(f"{'at most':>10}{'seconds':>9}{'proven':>8}{'between':>9}{'peak':>8}{'outside':>9}")
    for budget, seconds, found in rows:
        label = "fairest" if budget is None else str(budget)
        print(
            f"{label:>10}{seconds:>9.3f}{'yes' if found.optimal else 'NO':>8}"
            f"{found.relocations:>9}{pct(max(1.0, found.peak)):>8}{found.overflow:>9.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--quick", action="store_true", help="leave out the 300-worker instances")
    parser.add_argument("--big", action="store_true", help="add the 1,000-worker department")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    demo = load_team(bundled_config())
    rows = [measure("demo (typical team)", demo, args.repeat, args.time_limit)]
    trade_offs = [("demo", demo)]
    cli: tuple[float, bool] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for workers, cases in ISSUE_SIZES + ([BIG_SIZE] if args.big else []):
            if args.quick and workers >= 300:
                continue
            config = write_department(Path(tmp) / f"dept{workers}", workers, cases, args.seed)
            team = load_team(config)
            rows.append(measure(f"dept {workers}x{cases}", team, args.repeat, args.time_limit))
            print(f"  measured {rows[-1].name}", flush=True)
            if workers == 60:
                trade_offs.append((rows[-1].name, team))
            if (workers, cases) == BIG_SIZE:
                cli = cli_seconds(config, args.repeat)
        for workers in STAFFED_SIZES:
            if args.quick and workers >= 300:
                continue
            config = write_staffed(Path(tmp) / f"staffed{workers}", workers, args.seed)
            team = load_team(config)
            rows.append(measure(f"staffed {workers}", team, args.repeat, args.time_limit))
            print(f"  measured {rows[-1].name}", flush=True)
        print()
        print_table(rows)
        for name, team in trade_offs:
            print_trade_off(name, team, args.time_limit)
    first = rows[0]
    big = [r for r in rows if r.workers >= 300]
    print(
        f"\ntargets: typical team < 0.2 s proven: {first.proven_s:.3f} s "
        f"({'met' if first.proven_s < 0.2 and first.result.optimal else 'MISSED'}); "
        + "; ".join(
            f"{r.name} < 5 s proven: {r.proven_s:.2f} s "
            f"({'met' if r.proven_s < 5 and r.result.optimal else 'MISSED'})"
            for r in big
            if r.workers == 300
        )
    )
    if cli is not None:
        seconds, proven = cli
        print(
            f"dept 1000x60000, `planner balance --json` end to end (median of {args.repeat}):"
            f" {seconds:.1f} s, {'proven' if proven else 'NOT proven'}; goal < 20 s proven:"
            f" {'met' if seconds < 20 and proven else 'MISSED'}"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
