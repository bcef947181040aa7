"""Loading the same 18,000 cases from a spreadsheet and from CSV (issue 9: .xlsx within 2x).

    .venv/bin/python benchmarks/bench_exports.py [--repeat 7] [--workers 300] [--cases 18000]

A department from planner.synthetic.write_department (teams.toml + a `;` CSV with BOM) is
written once more as .xlsx (openpyxl), .xls (xlwt) and .ods (odfpy) -- the test extra's
writers -- with typed cells where a spreadsheet would have them (weights as numbers). Each
figure is the median of `--repeat` runs after one warm-up:

* rows: the file's bytes to rows of strings (planner.io.tables.read_table) alone;
* load: load_team -- teams.toml, the norm set, the cases through the whole pipeline;
* x csv: load / the CSV's load, in the same run.

Compare ratios, not milliseconds, across machines.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from planner.io.tables import read_table
from planner.io.teams import load_team
from planner.synthetic import write_department

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from export_writers import ods, xls, xlsx

GOAL = 2.0


def medians_ms(actions: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median ms of each action; the actions take turns, so a busy moment on a shared
    machine hits them alike rather than whichever ran then."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for action in actions.values():
        action()  # warm-up
    for _ in range(repeat):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def typed(rows: list[list[str]]) -> list[list[object]]:
    """The CSV's cells as a spreadsheet holds them: numbers as numbers."""
    out: list[list[object]] = [list(rows[0])]
    weight = rows[0].index("weight")
    for row in rows[1:]:
        cells: list[object] = list(row)
        if row[weight]:
            cells[weight] = float(row[weight].replace(",", "."))
        out.append(cells)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--workers", type=int, default=300)
    parser.add_argument("--cases", type=int, default=18000)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        config = write_department(Path(tmp), args.workers, args.cases)
        config_text = config.read_text("utf-8")
        csv_path = config.parent / "cases.csv"
        text = csv_path.read_text("utf-8-sig")
        rows = typed(list(csv.reader(io.StringIO(text), delimiter=";")))
        cases = len(rows) - 1
        configs = {"csv": config}
        for suffix, writer in ((".xlsx", xlsx), (".xls", xls), (".ods", ods)):
            (config.parent / f"cases{suffix}").write_bytes(writer(rows))
            other = config.parent / f"teams-{suffix[1:]}.toml"
            other.write_text(config_text.replace('"cases.csv"', f'"cases{suffix}"'), "utf-8")
            configs[suffix[1:]] = other
        id_keys = {"id"}

        print(
            f"planner: loading {cases:,} cases ({args.workers} workers), medians of "
            f"{args.repeat} runs, Python {sys.version.split()[0]}"
        )
        print(f"{'format':<8}{'size kB':>10}{'rows ms':>10}{'load ms':>10}{'x csv':>8}")
        print("-" * 46)
        files = {kind: config.parent / f"cases.{kind}" for kind in configs}
        raws = {kind: path.read_bytes() for kind, path in files.items()}
        for kind, path in configs.items():
            assert len(load_team(path).cases) == cases, kind
        rows_ms = medians_ms(
            {
                kind: lambda kind=kind: read_table(raws[kind], kind, files[kind].suffix, id_keys)
                for kind in configs
            },
            args.repeat,
        )
        load_ms = medians_ms(
            {kind: lambda path=path: load_team(path) for kind, path in configs.items()},
            args.repeat,
        )
        for kind in configs:
            print(
                f"{kind:<8}{len(raws[kind]) / 1024:>10.0f}{rows_ms[kind]:>10.1f}"
                f"{load_ms[kind]:>10.1f}{load_ms[kind] / load_ms['csv']:>8.2f}"
            )
        ratio = load_ms["xlsx"] / load_ms["csv"]
        verdict = "met" if ratio <= GOAL else "NOT met"
        print(f"\ngoal: .xlsx load within {GOAL:g}x the CSV's: {ratio:.2f}x ({verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
