"""How fast the board opens and how fast a move shows, beside a bare Textual app.

    /work/venv/bin/python benchmarks/bench_board.py [--repeat 7] [--moves 15]

Measured in one process, headless, at 160x50, each scenario `--repeat` times after a warm-up:

* bare app, first frame: ``App`` with one Label, from construction to its first frame (the
  baseline: what Textual itself costs on this machine in this run);
* demo / 300-worker department, load files: reading teams.toml, the norms and the cases;
* demo / department, first frame: from building the Assignment and PlannerApp on the loaded
  team to the app's first frame;
* demo / department, open: both, as a user waits after pressing Enter on `planner`;
* department, one move by drop: from the mouse release on a worker row to the first frame
  drawn after the board redrew the two workers' rows (press and release only, like a
  terminal without motion reporting);
* department, one move by keys: from Enter in the move picker to that frame.

A "frame" is a compositor update handed to the driver (App._display with a render), which
is where a terminal would be written to. Medians are printed with min and max, and every
figure as a ratio to the bare app's first frame.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Label

from planner.core.moves import Assignment
from planner.core.rules import Status
from planner.io.files import bundled_config
from planner.io.teams import load_team
from planner.synthetic import write_department
from planner.ui.app import PlannerApp

SIZE = (160, 50)
DAY = date(2026, 11, 23)


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("Hello")


class FrameClock:
    """Wraps an app's _display to timestamp every frame (and the first after a mark)."""

    def __init__(self, app: App[Any]) -> None:
        self.frames: list[float] = []
        self.mark: float | None = None
        self.after_mark: float | None = None
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None and not app._batch_count:
                now = time.perf_counter()
                self.frames.append(now)
                if self.mark is not None and self.after_mark is None:
                    self.after_mark = now

        app._display = display  # type: ignore[method-assign]

    async def wait_first(self) -> float:
        while not self.frames:
            await asyncio.sleep(0)
        return self.frames[0]

    async def wait_after_mark(self) -> float:
        while self.after_mark is None:
            await asyncio.sleep(0)
        return self.after_mark


async def first_frame(make: Callable[[], App[Any]]) -> float:
    start = time.perf_counter()
    app = make()
    clock = FrameClock(app)
    async with app.run_test(size=SIZE):
        first = await clock.wait_first()
    return first - start


def mouse(cls: type[events.MouseEvent], x: int, y: int) -> events.MouseEvent:
    return cls(
        widget=None, x=x, y=y, delta_x=0, delta_y=0, button=1,
        shift=False, meta=False, ctrl=False, screen_x=x, screen_y=y,
    )  # fmt: skip


def pick_move(assignment: Assignment) -> tuple[str, str, str]:
    """An over-range worker, a plain case of theirs, and an under-range worker of the area."""
    loads = assignment.evaluate_all()
    for source in loads:
        if source.status is not Status.OVER:
            continue
        target = next(
            (
                wl
                for wl in loads
                if wl.status is Status.UNDER and wl.worker.area == source.worker.area
            ),
            None,
        )
        if target is None:
            continue
        for case_id in assignment.cases_of(source.worker.id):
            case = assignment.case(case_id)
            if not case.pinned and not case.household:
                return source.worker.id, case_id, target.worker.id
    raise SystemExit("no suitable move in the synthetic department")


async def timed_moves(make: Callable[[], PlannerApp], count: int) -> dict[str, list[float]]:
    """Moves on one running app: `count` drops and `count` keyboard moves, each undone."""
    app = make()
    clock = FrameClock(app)
    drops: list[float] = []
    keys: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await clock.wait_first()
        board = app.board
        original_show = board.show_moves

        def show_moves(moves: Any) -> None:
            original_show(moves)
            clock.mark = time.perf_counter()

        board.show_moves = show_moves  # type: ignore[method-assign]
        source, case_id, target = pick_move(app.assignment)
        board.worker_list.select_worker(source)
        board.case_list.focus()
        await pilot.pause()
        for _ in range(count):
            # Drop: press on the case, release on the target row; nothing in between.
            cases, workers = board.case_list, board.worker_list
            cases.select_case(case_id)
            workers.scroll_to_row(workers.row_of(target) or 0)
            await pilot.pause()
            down = (cases.content_region.x + 4, cases.content_region.y + cases.HEADER_LINES
                    + (cases.row_of(case_id) or 0) - cases.scroll_offset.y)  # fmt: skip
            up = (workers.content_region.x + 4, workers.content_region.y + workers.HEADER_LINES
                  + (workers.row_of(target) or 0) - workers.scroll_offset.y)  # fmt: skip
            app.post_message(mouse(events.MouseDown, *down))
            await pilot.pause()
            clock.mark = clock.after_mark = None
            start = time.perf_counter()
            app.post_message(mouse(events.MouseUp, *up))
            drops.append(await clock.wait_after_mark() - start)
            assert app.assignment.holder(case_id) == target
            await undo(app, pilot)

            # Keys: m opens the picker, typing filters it, Enter moves.
            cases.select_case(case_id)
            await pilot.press("m")
            await pilot.press(*app.assignment.worker(target).name)
            await pilot.pause()
            clock.mark = clock.after_mark = None
            start = time.perf_counter()
            await pilot.press("enter")
            keys.append(await clock.wait_after_mark() - start)
            assert app.assignment.holder(case_id) == target
            await undo(app, pilot)
    return {"drop": drops, "keys": keys}


async def undo(app: PlannerApp, pilot: Any) -> None:
    app.undo()
    await pilot.pause()
    app.clear_notifications()


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


async def run(repeat: int, moves: int) -> list[tuple[str, list[float]]]:
    results: list[tuple[str, list[float]]] = []
    demo_config = bundled_config()
    with tempfile.TemporaryDirectory() as folder:
        dept_config = write_department(Path(folder), 300, 18000)

        demo_team, dept_team = load_team(demo_config), load_team(dept_config)
        # Warm-up: imports, CSS parsing caches, first use of each code path.
        await first_frame(BareApp)
        await first_frame(lambda: PlannerApp(Assignment(demo_team, DAY), lang="da"))

        results.append(
            ("bare Textual app, first frame", [await first_frame(BareApp) for _ in range(repeat)])
        )
        for label, config, team in (
            ("demo (13 workers, 644 cases)", demo_config, demo_team),
            ("300 workers / 18,000 cases", dept_config, dept_team),
        ):
            results.append(
                (
                    f"{label}: load files",
                    [timed(lambda c=config: load_team(c))[0] for _ in range(repeat)],
                )
            )
            results.append(
                (f"{label}: first frame",
                 [await first_frame(lambda t=team: PlannerApp(Assignment(t, DAY), lang="da")) for _ in range(repeat)])
            )  # fmt: skip
            results.append(
                (f"{label}: open (files to first frame)",
                 [await first_frame(lambda c=config: PlannerApp(Assignment(load_team(c), DAY), lang="da")) for _ in range(repeat)])
            )  # fmt: skip
        timings = await timed_moves(
            lambda: PlannerApp(Assignment(dept_team, DAY), lang="da"), moves
        )
        results.append(("300 workers, one move by drop (release → rows drawn)", timings["drop"]))
        results.append(("300 workers, one move by keys (Enter → rows drawn)", timings["keys"]))
    return results


def report(results: list[tuple[str, list[float]]]) -> str:
    baseline = statistics.median(results[0][1])
    width = max(len(name) for name, _ in results)
    lines = [
        f"{'scenario':<{width}}  {'n':>3}  {'median ms':>9}  {'min ms':>7}  {'max ms':>7}  {'× bare':>7}",
        "-" * (width + 44),
    ]
    for name, values in results:
        median = statistics.median(values)
        lines.append(
            f"{name:<{width}}  {len(values):>3}  {median * 1000:>9.1f}  {min(values) * 1000:>7.1f}"
            f"  {max(values) * 1000:>7.1f}  {median / baseline:>7.2f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="repetitions per scenario")
    parser.add_argument("--moves", type=int, default=15, help="moves of each kind")
    args = parser.parse_args(argv)
    results = asyncio.run(run(args.repeat, args.moves))
    print(
        f"planner board benchmark · Python {sys.version.split()[0]} · {SIZE[0]}x{SIZE[1]} headless"
    )
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
