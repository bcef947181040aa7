"""How long `planner check` takes to load and check a team, from 15 workers to a department
of 1,000 workers and 60,000 cases.

    python benchmarks/bench_check.py [--repeat 7]

Departments come from planner.synthetic.write_department (teams.toml + a `;`-separated
cases CSV with BOM, as Danish Excel writes it) in a temporary folder: 15 workers / 825 cases,
60 / 3,300, 300 / 18,000 and 1,000 / 60,000. Each figure is the median of `--repeat` runs
after one warm-up (planner's .pyc files are written first, as `pip install` does):

* csv only (baseline): reading the cases file with the csv module and nothing else;
* load: load_team -- teams.toml, the norm set, the cases, every check of section 6;
* check: Assignment, every worker's figures, the team summary and the JSON of `--json`;
* load+check, and its ratio to the csv-only baseline;
* CLI: `planner check` (the table, at 80 columns) and `planner check --json` in a fresh
  process each, end to end;
* `python -c pass` (baseline): starting the interpreter, and the CLI's ratio to it;
* CLI imports: `from planner.cli import build_parser; build_parser()` in a fresh process,
  the fixed cost every command pays before it reads a file.

Everything in one run, on this machine: compare ratios, not seconds, across machines.
"""

from __future__ import annotations

import argparse
import compileall
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import planner
from planner.cli.check import check_json
from planner.core.moves import Assignment
from planner.io.teams import load_team
from planner.synthetic import write_department

DAY = date(2026, 11, 23)
SIZES = ((15, 825), (60, 3300), (300, 18000), (1000, 60000))
# Issue 11's goals for `planner check`, end to end: (cases, seconds).
GOALS = ((18000, 0.5), (60000, 1.5))


def median_seconds(action: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """(median, min, max) wall-clock seconds of `action` over `repeat` runs after a warm-up."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def read_csv_only(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle, delimiter=";"))


def run_cli(config: Path, *extra: str) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("planner")), "check", *extra, "--config",
         str(config), "--date", DAY.isoformat()],
        capture_output=True, text=True, check=False, env={**os.environ, "COLUMNS": "80"},
    )  # fmt: skip
    if result.returncode not in (0, 1):
        raise SystemExit(f"planner check failed ({result.returncode}):\n{result.stderr}")
    if extra:
        json.loads(result.stdout)


def run_python_pass() -> None:
    subprocess.run([sys.executable, "-c", "pass"], check=True)


def run_cli_imports() -> None:
    # What every `planner` command pays before reading a file: its imports and parser.
    code = "from planner.cli import build_parser; build_parser()"
    subprocess.run([sys.executable, "-c", code], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    compileall.compile_dir(Path(planner.__file__).parent, quiet=1)

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-check-") as folder:
        python_pass = median_seconds(run_python_pass, args.repeat)
        cli_imports = median_seconds(run_cli_imports, max(3, args.repeat // 2))
        for workers, count in SIZES:
            config = write_department(Path(folder) / f"d{workers}", workers, count)
            team = load_team(config)
            cases_csv = config.parent / "cases.csv"

            def check(team: object = team) -> None:
                assignment = Assignment(team, DAY)  # type: ignore[arg-type]
                json.dump(check_json(assignment), io.StringIO())

            def load_and_check(config: Path = config) -> None:
                assignment = Assignment(load_team(config), DAY)
                json.dump(check_json(assignment), io.StringIO())

            rows.append(
                (
                    workers,
                    len(team.cases),
                    median_seconds(lambda p=cases_csv: read_csv_only(p), args.repeat),
                    median_seconds(lambda c=config: load_team(c), args.repeat),
                    median_seconds(check, args.repeat),
                    median_seconds(load_and_check, args.repeat),
                    median_seconds(lambda c=config: run_cli(c), max(3, args.repeat // 2)),
                    median_seconds(lambda c=config: run_cli(c, "--json"), max(3, args.repeat // 2)),
                )
            )

    def ms(figure: tuple[float, float, float]) -> str:
        return f"{figure[0] * 1000:8.1f}"

    print(f"planner check: medians of {args.repeat} runs (ms), Python {sys.version.split()[0]}")
    print(f"baseline `python -c pass`: {ms(python_pass).strip()} ms")
    print(f"planner's CLI imports and parser alone: {ms(cli_imports).strip()} ms")
    header = (
        f"{'workers':>7} {'cases':>6} {'csv only':>9} {'load':>8} {'check':>8} "
        f"{'load+chk':>8} {'x csv':>6} {'CLI':>8} {'--json':>8} {'x py':>5}"
    )
    print(header)
    print("-" * len(header))
    for workers, cases, csv_only, load, chk, both, cli, cli_json in rows:
        print(
            f"{workers:>7} {cases:>6} {ms(csv_only):>9} {ms(load)} {ms(chk)} {ms(both)} "
            f"{both[0] / csv_only[0]:>6.1f} {ms(cli)} {ms(cli_json)} {cli[0] / python_pass[0]:>5.1f}"
        )
    print("x csv = load+check / reading the CSV alone; x py = CLI (the table) end to end /")
    print("`python -c pass`; CLI and --json: `planner check` in a fresh process, end to end.")
    verdicts = []
    for goal_cases, seconds in GOALS:
        row = next(r for r in rows if abs(r[1] - goal_cases) < goal_cases * 0.01)
        worst = max(row[6][0], row[7][0])
        verdict = "met" if worst < seconds else "not met"
        verdicts.append(f"{goal_cases:,} cases < {seconds} s: {worst:.2f} s ({verdict})")
    print("goals (the slower of table and --json): " + "; ".join(verdicts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
