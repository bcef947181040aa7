"""How fast the board opens and how fast a move shows, inside one process, beside a bare
Textual app and a cursor step.

    python benchmarks/bench_board.py [--repeat 7] [--moves 15] [--big]

Measured in one process, headless, at 160x50, each scenario `--repeat` times after a warm-up
(benchmarks/bench_terminal.py measures the same in a real terminal, imports included):

* bare app, first frame: ``App`` with one Label, from construction to its first frame (the
  baseline: what Textual itself costs on this machine in this run);
* demo / departments, load files: reading teams.toml, the norms and the cases;
* first frame: from building the Assignment and PlannerApp on the loaded team to the app's
  first frame; open: both, as a user waits after pressing Enter on `planner`;
* at 18,000 cases: a cursor step (Down in the case list: two lines redrawn), a move by
  drop (mouse release on a worker row, press and release only, like a terminal without
  motion reporting) and a move by keys (Enter in the move picker), each to the first frame
  drawn after the board showed the move.

A "frame" is a compositor update handed to the driver (App._display with a render), which
is where a terminal would be written to. The waiting is on an asyncio.Event the frame sets:
nothing spins in the process measured (no ``sleep(0)`` loop competing with the app).
Medians are printed with min and max, and as ratios to the bare app's first frame (opening)
or to the cursor step (moves).
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import gc
import inspect
import json
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

import planner
import planner.cli.board
from planner.core.moves import Assignment
from planner.core.rules import Status
from planner.io.files import bundled_config
from planner.io.teams import load_team
from planner.synthetic import write_department
from planner.ui.app import PlannerApp

SIZE = (160, 50)
PAUSE = 0.1  # seconds of idle before each timed key or release
DAY = date(2026, 11, 23)


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("Hello")


class FrameClock:
    """Wraps an app's _display: the time of the first frame, and of the first frame after
    `arm()` once the board has shown a change (`mark()`). Waiting is on events."""

    def __init__(self, app: App[Any]) -> None:
        self.first: float | None = None
        self.first_seen = asyncio.Event()
        self._armed = False
        self._marked = False
        self.after_mark: float | None = None
        self.seen = asyncio.Event()
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None or app._batch_count:
                return
            now = time.perf_counter()
            if self.first is None:
                self.first = now
                self.first_seen.set()
            if self._armed and self._marked and self.after_mark is None:
                self.after_mark = now
                self.seen.set()

        app._display = display  # type: ignore[method-assign]

    def arm(self, marked: bool = False) -> None:
        """Wait for the next frame after mark() (or the next frame at all when `marked`)."""
        self._armed, self._marked, self.after_mark = True, marked, None
        self.seen.clear()

    def mark(self) -> None:
        if self._armed:
            self._marked = True

    async def frame(self) -> float:
        await self.seen.wait()
        self._armed = False
        assert self.after_mark is not None
        return self.after_mark


async def first_frame(make: Callable[[], App[Any]]) -> float:
    start = time.perf_counter()
    app = make()
    clock = FrameClock(app)
    async with app.run_test(size=SIZE):
        await clock.first_seen.wait()
    assert clock.first is not None
    return clock.first - start


def mouse(cls: type[events.MouseEvent], x: int, y: int) -> events.MouseEvent:
    return cls(
        widget=None, x=x, y=y, delta_x=0, delta_y=0, button=1,
        shift=False, meta=False, ctrl=False, screen_x=x, screen_y=y,
    )  # fmt: skip


def key(app: App[Any], name: str) -> None:
    """A key as the driver delivers one from the terminal."""
    char = name if len(name) == 1 else None
    event = events.Key(name, char)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


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
    """On one running app: `count` cursor steps down and up, drops and keyboard moves (each
    move undone)."""
    # Made as `planner` makes the board (cli/board.py): without garbage collection while
    # starting, and with what starting made frozen out of later collections, where that
    # planner does so (a checkout from before issue 11 does not).
    starting = getattr(planner.cli.board, "_starting", None)
    if starting is None:
        app = make()
    elif "freeze" in inspect.signature(starting).parameters:  # frozen before the app ran
        with starting(freeze=True):
            app = make()
    else:  # frozen once the app has drawn its first frame
        with starting() as started:
            app = make()
        app.when_drawn = started
    clock = FrameClock(app)
    steps: list[float] = []
    drops: list[float] = []
    keys: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await clock.first_seen.wait()
        board = app.board
        original_show = board.show_moves

        def show_moves(moves: Any) -> None:
            original_show(moves)
            clock.mark()

        board.show_moves = show_moves  # type: ignore[method-assign]
        source, case_id, target = pick_move(app.assignment)
        board.worker_list.select_worker(source)
        board.case_list.focus()
        await pilot.pause()
        cases, workers = board.case_list, board.worker_list
        for _ in range(count):
            cases.select_case(case_id)
            await pilot.pause()
            for name in ("down", "up"):
                await idle(pilot)
                clock.arm(marked=True)
                start = time.perf_counter()
                key(app, name)
                steps.append(await clock.frame() - start)
                await pilot.pause()

            # Drop: press on the case, release on the target row; nothing in between.
            workers.scroll_to_row(workers.row_of(target) or 0)
            await pilot.pause()
            down = (cases.content_region.x + 4, cases.content_region.y + cases.HEADER_LINES
                    + (cases.row_of(case_id) or 0) - cases.scroll_offset.y)  # fmt: skip
            up = (workers.content_region.x + 4, workers.content_region.y + workers.HEADER_LINES
                  + (workers.row_of(target) or 0) - workers.scroll_offset.y)  # fmt: skip
            app.post_message(mouse(events.MouseDown, *down))
            await idle(pilot)
            clock.arm()
            start = time.perf_counter()
            app.post_message(mouse(events.MouseUp, *up))
            drops.append(await clock.frame() - start)
            assert app.assignment.holder(case_id) == target
            await undo(app, pilot)

            # Keys: m opens the picker, typing filters it, Enter moves.
            cases.select_case(case_id)
            await pilot.press("m")
            await pilot.press(*app.assignment.worker(target).name)
            await idle(pilot)
            clock.arm()
            start = time.perf_counter()
            key(app, "enter")
            keys.append(await clock.frame() - start)
            assert app.assignment.holder(case_id) == target
            await undo(app, pilot)
    return {"step": steps, "drop": drops, "keys": keys}


async def idle(pilot: Any) -> None:
    """Let the board go idle for a person's pause before the timed key or release: Textual
    draws at most 60 frames a second, and an event within a frame's time of the last
    drawing waits for the next frame. (A sleep: nothing runs meanwhile.)"""
    await pilot.pause()
    await asyncio.sleep(PAUSE)


async def undo(app: PlannerApp, pilot: Any) -> None:
    app.undo()
    await pilot.pause()
    app.clear_notifications()
    await pilot.pause()


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def board(team: Any) -> PlannerApp:
    return PlannerApp(Assignment(team, DAY), lang="da")


async def run(
    demo_config: Path, dept_config: Path, repeat: int, moves: int, big_config: Path | None
) -> list[tuple[str, list[float]]]:
    results: list[tuple[str, list[float]]] = []
    departments = [
        ("demo (13 workers, 644 cases)", demo_config),
        ("300 workers / 18,000 cases", dept_config),
    ]
    if big_config is not None:
        departments.append(("1,000 workers / 60,000 cases", big_config))
    teams = {config: load_team(config) for _, config in departments}
    # Warm-up: imports, CSS parsing caches, first use of each code path.
    await first_frame(BareApp)
    await first_frame(lambda: board(teams[demo_config]))

    results.append(
        ("bare Textual app: first frame", [await first_frame(BareApp) for _ in range(repeat)])
    )
    for label, config in departments:
        results.append(
            (f"{label}: load files", [timed(lambda c=config: load_team(c))[0] for _ in range(repeat)])
        )  # fmt: skip
        results.append(
            (f"{label}: first frame on the loaded team",
             [await first_frame(lambda t=teams[config]: board(t)) for _ in range(repeat)])
        )  # fmt: skip
        results.append(
            (f"{label}: open (files to first frame)",
             [await first_frame(lambda c=config: board(load_team(c))) for _ in range(repeat)])
        )  # fmt: skip
    timings = await timed_moves(lambda: board(teams[dept_config]), moves)
    results.append(("18,000 cases: cursor step (Down in the cases)", timings["step"]))
    results.append(("18,000 cases: move by keys (Enter → frame)", timings["keys"]))
    results.append(("18,000 cases: move by drop (release → frame)", timings["drop"]))
    return results


def report(results: list[tuple[str, list[float]]]) -> str:
    bare = statistics.median(results[0][1])
    step = statistics.median(next(v for n, v in results if "cursor step" in n))
    width = max(len(name) for name, _ in results)
    lines = [
        f"{'scenario':<{width}}  {'n':>3}  {'median ms':>9}  {'min ms':>7}  {'max ms':>7}"
        f"  {'ratio':>6}  of",
        "-" * (width + 58),
    ]
    for name, values in results:
        median = statistics.median(values)
        of, base = ("cursor step", step) if name.startswith("18,000 cases:") else ("bare", bare)
        lines.append(
            f"{name:<{width}}  {len(values):>3}  {median * 1000:>9.1f}  {min(values) * 1000:>7.1f}"
            f"  {max(values) * 1000:>7.1f}  {median / base:>6.2f}  {of}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="repetitions per scenario")
    parser.add_argument("--moves", type=int, default=15, help="moves of each kind")
    parser.add_argument("--big", action="store_true", help="also 1,000 workers / 60,000 cases")
    parser.add_argument("--json", action="store_true", help="medians (ms) as JSON, no table")
    args = parser.parse_args(argv)
    # planner's .pyc files written now, as `pip install` does (PYTHONDONTWRITEBYTECODE aside).
    compileall.compile_dir(Path(planner.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        dept = write_department(Path(folder) / "d18k", 300, 18000)
        big = write_department(Path(folder) / "d60k", 1000, 60000) if args.big else None
        gc.collect()
        results = asyncio.run(run(bundled_config(), dept, args.repeat, args.moves, big))
    if args.json:
        print(json.dumps({name: statistics.median(v) * 1000 for name, v in results}))
        return 0
    print(
        f"planner board benchmark · Python {sys.version.split()[0]} · {SIZE[0]}x{SIZE[1]} headless"
    )
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
