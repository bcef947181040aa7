"""How fast `planner balance` proves the fewest moves, and how many moves that saves.

    /work/venv/bin/python benchmarks/bench_balance.py [--repeat 3] [--seed 1] [--quick]

Instances (all synthetic and seeded, written to a temporary folder):

* demo: the bundled team (13 workers, 644 cases), the typical team;
* dept WxC: ``planner.synthetic.write_department`` with W workers and C cases, the sizes of
  the issue (15x750, 60x3,600, 300x18,000). These departments carry far more than their
  staff's ranges allow, so every plan leaves load outside the ranges: the solver first
  minimises that overflow, then the moves;
* staffed W: the same kind of department (areas, hours, duties, new hires, households,
  pins) but with each worker's cases drawn around the middle of their own range, so that the
  department as a whole fits and only the spread is uneven: the everyday rebalancing.

For each, in one process: the greedy plan alone (``use_solver=False``, the baseline), the
solver without the second pass (``polish_seconds=0``: the time to the proven fewest moves)
and the full default run (with the second pass). Medians of --repeat runs; "x greedy" is
the proven time over the greedy time of the same run. Moves, the proven lower bound, the
greedy plan's moves and the saving are from the default run. When the greedy plan leaves
more load outside the ranges than the solver's, its move count is not like for like (it
stopped early), which the overflow columns show.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from planner.core.balance import Suggestion, suggest
from planner.core.models import Team, Worker
from planner.core.rules import CaseMix, capacity
from planner.io.files import bundled_config, bundled_norms_dir
from planner.io.norms import load_norms
from planner.io.teams import load_team
from planner.synthetic import department_workers, write_department, write_team

DAY = date(2026, 11, 23)
ISSUE_SIZES = [(15, 750), (60, 3600), (300, 18000)]
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
        worker = Worker.model_validate(spec.to_toml())
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
    total_s: float
    result: Suggestion

    @property
    def saving(self) -> str:
        greedy, moves = self.result.greedy_moves, len(self.result.moves)
        if greedy == 0:
            return "-"
        like_for_like = self.result.greedy_overflow <= self.result.overflow + 1e-6
        return f"{(greedy - moves) / greedy:.0%}" + ("" if like_for_like else "*")


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
    proven_s, _ = median_time(
        lambda: suggest(team, DAY, polish_seconds=0.0, time_limit=time_limit), repeat
    )
    total_s, result = median_time(lambda: suggest(team, DAY, time_limit=time_limit), repeat)
    return Row(name, len(team.workers), len(team.cases), greedy_s, proven_s, total_s, result)


def print_table(rows: list[Row]) -> None:
    header = (
        f"{'instance':<22}{'workers':>8}{'cases':>7}{'greedy s':>10}{'proven s':>10}"
        f"{'total s':>9}{'x greedy':>9}{'moves':>7}{'bound':>7}{'LP':>6}{'cheap':>6}{'optimal':>8}"
        f"{'greedy':>8}{'saving':>8}{'overflow':>10}{'greedy ovf':>11}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        r = row.result
        print(
            f"{row.name:<22}{row.workers:>8}{row.cases:>7}{row.greedy_s:>10.3f}"
            f"{row.proven_s:>10.3f}{row.total_s:>9.3f}{row.proven_s / row.greedy_s:>9.1f}"
            f"{len(r.moves):>7}{r.lower_bound:>7}{r.lp_bound:>6}{r.cheap_bound:>6}"
            f"{'yes' if r.optimal else 'NO':>8}"
            f"{r.greedy_moves:>8}{row.saving:>8}{r.overflow:>10.1f}{r.greedy_overflow:>11.1f}"
        )
    print(
        "\nproven s: median time to the proven fewest moves (no second pass); total s: with "
        "the second pass;\nbound: proven lower bound (with the MILP's own); LP: rounded-up LP "
        "relaxation; cheap: per-worker bound;\nx greedy: proven s / greedy s in the same run. saving: (greedy - "
        "moves) / greedy; * = the greedy plan\nleaves more load outside the ranges, so its "
        "count is not like for like."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--quick", action="store_true", help="leave out the 300-worker instances")
    args = parser.parse_args()
    rows = [
        measure("demo (typical team)", load_team(bundled_config()), args.repeat, args.time_limit)
    ]
    print_partial = print  # progress while the big ones run
    with tempfile.TemporaryDirectory() as tmp:
        for workers, cases in ISSUE_SIZES:
            if args.quick and workers >= 300:
                continue
            config = write_department(Path(tmp) / f"dept{workers}", workers, cases, args.seed)
            team = load_team(config)
            rows.append(measure(f"dept {workers}x{cases}", team, args.repeat, args.time_limit))
            print_partial(f"  measured {rows[-1].name}", flush=True)
        for workers in STAFFED_SIZES:
            if args.quick and workers >= 300:
                continue
            config = write_staffed(Path(tmp) / f"staffed{workers}", workers, args.seed)
            team = load_team(config)
            rows.append(measure(f"staffed {workers}", team, args.repeat, args.time_limit))
            print_partial(f"  measured {rows[-1].name}", flush=True)
    print()
    print_table(rows)
    demo = rows[0]
    big = [r for r in rows if r.workers >= 300]
    print(
        f"\ntargets: typical team < 0.2 s proven: {demo.proven_s:.3f} s "
        f"({'met' if demo.proven_s < 0.2 and demo.result.optimal else 'MISSED'}); "
        + "; ".join(
            f"{r.name} < 5 s proven: {r.proven_s:.2f} s "
            f"({'met' if r.proven_s < 5 and r.result.optimal else 'MISSED'})"
            for r in big
        )
    )


if __name__ == "__main__":
    main()
