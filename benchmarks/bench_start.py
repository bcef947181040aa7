"""Where the board's start goes before its first frame: what each layer of imports costs.

    python benchmarks/bench_start.py [--repeat 11]

Each row is a fresh interpreter importing one more layer than the row above, the rows
taking turns so a busy moment of the shared machine hits them alike; the figure is the
processor time the interpreter used (user + system, from the operating system: CPU time,
not wall-clock time, so the other work on a shared machine inflates it far less), median
of `--repeat` runs. Garbage collection is off in every row, as `planner` has it while it
starts. planner's modules are compiled to .pyc first, as after `pip install`.

* Python alone (`pass`);
* Textual as a bare app needs it (textual.app and a Label): what bench_terminal's bare
  app imports;
* pydantic, as the config schemas need it: the package, BaseModel and one model class
  (the first model class makes pydantic load the rest of itself, its plugin loader too);
* planner's config schemas (planner.io.schema, with the domain's nouns): what reading
  teams.toml and a norm set costs before the first file is opened. The board leaves this to
  a forked child on the other core (planner.io.preload), so its own start has none of it;
* everything `planner` imports before its first frame (the CLI, the board; not pydantic).

With `--before SRC` another checkout's planner takes turns with this one (its rows marked
[before]).

The difference between the last row and Textual's is what planner adds to a bare app
before it has read a file; bench_board.py (in one process) and bench_terminal.py (a real
terminal) measure the rest: loading, and the first frame itself.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

from bench_terminal import compile_planner

QUIET = "import gc; gc.disable()"
TEXTUAL = "import textual.app; from textual.widgets import Label"
PYDANTIC = "from pydantic import BaseModel\nclass One(BaseModel):\n    x: int"
MODELS = "import planner.io.schema"
BOARD = "import planner.cli, planner.cli.board, planner.ui.planning, planner.ui.hangup"

LAYERS = (
    ("Python alone", "pass"),
    ("+ Textual (what a bare app imports)", f"{QUIET}\n{TEXTUAL}"),
    ("+ pydantic (BaseModel and one model)", f"{QUIET}\n{TEXTUAL}\n{PYDANTIC}"),
    ("+ planner's config schemas", f"{QUIET}\n{TEXTUAL}\n{PYDANTIC}\n{MODELS}"),
    ("+ all `planner` imports before its first frame", f"{QUIET}\n{TEXTUAL}\n{BOARD}"),
)


def cpu_ms(code: str, env: dict[str, str] | None = None) -> float:
    """Processor time (ms) of a fresh interpreter running `code`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=11, help="runs of each row")
    parser.add_argument(
        "--before",
        type=Path,
        metavar="SRC",
        help="also another checkout's planner (its src folder), taking turns with this one: "
        "its rows marked [before]",
    )
    args = parser.parse_args(argv)
    compile_planner()
    layers: list[tuple[str, str, dict[str, str] | None]] = [(*layer, None) for layer in LAYERS]
    if args.before:
        compile_planner(args.before / "planner")
        env = {**os.environ, "PYTHONPATH": str(args.before)}
        layers += [(f"{label} [before]", code, env) for label, code in LAYERS[3:]]
    runs: dict[str, list[float]] = {label: [] for label, _, _ in layers}
    for _ in range(args.repeat + 1):  # the first round warms the file cache and is dropped
        for label, code, env in layers:
            runs[label].append(cpu_ms(code, env))
    medians = {label: statistics.median(values[1:]) for label, values in runs.items()}
    print(f"planner's start, layer by layer · Python {sys.version.split()[0]}")
    print(f"processor time of a fresh interpreter, medians of {args.repeat} runs (ms)")
    header = f"{'layer':<58} {'CPU ms':>8} {'min':>8} {'max':>8} {'added':>8}"
    print(header)
    print("-" * len(header))
    previous = None
    textual = medians[LAYERS[1][0]]
    pydantic = medians[LAYERS[2][0]]
    for label, _, _ in layers:
        values = runs[label][1:]
        median = medians[label]
        if label.startswith(LAYERS[-1][0]):
            added = median - textual  # over the bare app's imports, not the row above
        elif label.startswith(LAYERS[3][0]):
            added = median - pydantic
        else:
            added = median - previous if previous is not None else 0.0
        print(f"{label:<58} {median:8.1f} {min(values):8.1f} {max(values):8.1f} {added:+8.1f}")
        previous = median
    print(
        "added: over the row above; the config schemas over pydantic's row, all of `planner`"
        " over Textual's (everything planner adds)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
