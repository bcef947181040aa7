"""planner at three sizes: the demo (644 cases), 300 workers / 18,000 cases and 1,000
workers / 60,000 cases. One row per size:

    python benchmarks/bench_scale.py [--repeat 5] [--moves 6] [--before SRC]

* load: `load_team` in this process (teams.toml, the norm set, the cases, every check);
* first frame: `planner` in a real terminal (tmux 160x50) to the board on screen, and as
  a ratio to a bare Textual app started the same way, in turns (benchmarks/bench_terminal.py);
* move: Enter in the move picker, and a mouse drop, to the move on screen, against a cursor
  step in the same running board;
* check: `planner check` (the table) and `planner check --json`, a fresh process each;
* balance: `planner balance --json` (time limit 20 s), once: seconds, and whether the
  fewest moves were proven in that time;
* memory: the board's resident memory once it is drawn (and its peak so far), from
  /proc/<pid>/status.

Medians of `--repeat` (starts, CLI runs) and `--moves`; the machine's own noise is in
the min and max of benchmarks/bench_terminal.py. With ``--before SRC`` (another checkout's
src folder, e.g. a copy of main's), its figures are printed below, measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench_terminal import (
    HEIGHT,
    WIDTH,
    Program,
    bare_program,
    compile_planner,
    demo_argv,
    interact,
    planner_program,
    start,
    stop,
)
from planner.io.files import bundled_config
from planner.io.teams import load_team
from planner.synthetic import write_department
from tmux_terminal import Terminal

SIZES = (("644", None, None), ("18k", 300, 18000), ("60k", 1000, 60000))
DAY = "2026-11-23"


def memory(pid: int) -> tuple[float, float]:
    """(resident, peak resident) MB of a running process."""
    found = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) / 1024
    return found["VmRSS"], found["VmHWM"]


def cli_seconds(config: Path, args: list[str], env: dict[str, str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        subprocess.run(
            [str(Path(sys.executable).with_name("planner")), *args, "--config", str(config),
             "--date", DAY],
            env={**os.environ, **env}, capture_output=True, check=False,
        )  # fmt: skip
        times.append(time.perf_counter() - began)
    return times


LOAD = """
import json, sys, time
from pathlib import Path
from planner.io.teams import load_team
times = []
for _ in range(int(sys.argv[2])):
    began = time.perf_counter()
    load_team(Path(sys.argv[1]))
    times.append(time.perf_counter() - began)
print(json.dumps(times))
"""


def load_seconds(config: Path, env: dict[str, str], repeat: int) -> list[float]:
    """`load_team` `repeat` times in a process of the version's own."""
    done = subprocess.run(
        [sys.executable, "-c", LOAD, str(config), str(repeat)],
        env={**os.environ, **env}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def balance(config: Path, env: dict[str, str]) -> tuple[float, bool]:
    began = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).with_name("planner")), "balance", "--json", "--config",
         str(config), "--date", DAY, "--time-limit", "20"],
        env={**os.environ, **env}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - began
    try:
        proven = bool(json.loads(done.stdout).get("optimal"))
    except json.JSONDecodeError:
        proven = False
    return seconds, proven


def measure(
    term: Terminal, folder: Path, programs: list[Program], bare: Program, args: argparse.Namespace
) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {p.label: {} for p in programs}
    frames: dict[str, list[float]] = {p.label: [] for p in [bare, *programs]}
    run = 0
    for _ in range(args.repeat + 1):  # the first round warms the file cache and is dropped
        for program in [bare, *programs]:
            run += 1
            began = start(term, program, folder / f"state-{run}")
            seen = term.wait(program.drawn)
            if run > len(programs) + 1:
                frames[program.label].append(seen - began)
            if program is not bare and "memory" not in out[program.label]:
                term.wait(program.complete)
                term.settle()
                out[program.label]["memory"] = memory(term.pid())
            stop(term, program)
    bare_median = statistics.median(frames[bare.label])
    for program in programs:
        figures = out[program.label]
        figures["first frame"] = frames[program.label]
        figures["x bare"] = statistics.median(frames[program.label]) / bare_median
        moves = interact(term, program, folder / f"state-moves-{len(figures)}", args.moves)
        figures.update(moves)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--moves", type=int, default=6)
    parser.add_argument("--before", type=Path, metavar="SRC")
    parser.add_argument("--no-balance", action="store_true")
    args = parser.parse_args(argv)
    compile_planner()
    if args.before:
        compile_planner(args.before / "planner")
    versions = [("", {})] + ([("before", {"PYTHONPATH": str(args.before)})] if args.before else [])
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as name:
        folder = Path(name)
        configs = {}
        for label, workers, cases in SIZES:
            if workers is None:
                shutil.copytree(bundled_config().parent, folder / "demo" / "config")
                configs[label] = folder / "demo" / "config" / "teams.toml"
            else:
                configs[label] = write_department(folder / f"d{label}", workers, cases)
        teams = {label: load_team(config) for label, config in configs.items()}
        bare = bare_program(folder)
        programs = [
            replace(planner_program(label, configs[label], teams[label]), label=f"{label}{mark}",
                    env=env)
            for label, _, _ in SIZES for mark, env in versions
        ]  # fmt: skip
        if args.before:
            # The other checkout reads its own demo (the demo's files change with features).
            shutil.copytree(args.before.parent / "config", folder / "demo-before" / "config")
            configs_before = {**configs, "644": folder / "demo-before" / "config" / "teams.toml"}
            programs = [
                replace(p, argv=demo_argv(p.argv, configs_before["644"].parent))
                if p.label == "644before" else p
                for p in programs
            ]  # fmt: skip
        else:
            configs_before = configs
        term = Terminal(folder, WIDTH, HEIGHT)
        try:
            results = measure(term, folder, programs, bare, args)
        finally:
            term.close()
        for label in configs:
            for mark, env in versions:
                config = configs_before[label] if mark else configs[label]
                figures = results[f"{label}{mark}"]
                figures["load"] = load_seconds(config, env, args.repeat)
                figures["check"] = cli_seconds(config, ["check"], env, args.repeat)
                figures["check --json"] = cli_seconds(config, ["check", "--json"], env, args.repeat)
                if not args.no_balance:
                    figures["balance"] = balance(config, env)

    def ms(values: object) -> str:
        return f"{statistics.median(values) * 1000:.0f}" if isinstance(values, list) else "-"

    print(f"planner at three sizes · tmux {WIDTH}x{HEIGHT} · Python {sys.version.split()[0]}")
    print(f"medians of {args.repeat} runs and {args.moves} moves; the first frame also as a "
          "ratio to a bare Textual app, moves to a cursor step, in the same run")  # fmt: skip
    header = (
        f"{'cases':<10} {'load ms':>8} {'frame ms':>9} {'x bare':>7} {'keys ms':>8} "
        f"{'drop ms':>8} {'step ms':>8} {'check ms':>9} {'--json ms':>9} {'balance':>14} "
        f"{'memory MB':>11}"
    )
    print(header)
    print("-" * len(header))
    for label, _, _ in SIZES:
        for mark, _ in versions:
            row = results[f"{label}{mark}"]
            rss, peak = row["memory"]  # type: ignore[misc]
            if "balance" in row:
                seconds, proven = row["balance"]  # type: ignore[misc]
                balanced = f"{seconds:.1f} s {'proven' if proven else 'not proven'}"
            else:
                balanced = "-"
            name = f"{label} {mark}".strip()
            print(
                f"{name:<10} {ms(row['load']):>8} {ms(row['first frame']):>9}"
                f" {row['x bare']:>7.2f} {ms(row['keys']):>8} {ms(row['drop']):>8}"
                f" {ms(row['step']):>8} {ms(row['check']):>9} {ms(row['check --json']):>9}"
                f" {balanced:>14} {rss:>5.0f} ({peak:.0f})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
