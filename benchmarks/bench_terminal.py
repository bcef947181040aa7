"""The board as a person meets it: in a real terminal (tmux, 160x50), from the command to
the first frame on screen, and from a key or a mouse release to the move on screen.

    python benchmarks/bench_terminal.py [--repeat 7] [--moves 15] [--big]

Every figure is compared with a baseline measured in the same run, taking turns with it so
a busy moment of the shared machine hits both alike:

* first frame: `planner` (the demo, and a 300-worker / 18,000-case department; with
  ``--big`` also 1,000 workers / 60,000 cases) from asking tmux to start it to the board on
  screen (the header, the worker rows and the highlighted worker's cases), then to the
  board in the layout it keeps at 160 columns (the worker's detail and the chart beside
  the cases; a first frame drawn before Textual's breakpoint class came had the narrow
  one), and then to the footer's keys too (Textual's Footer fills in its keys after the
  first frames), against a bare Textual app (one Label) started the same way: the ratio
  says what planner adds to what Textual itself costs;
* a move at 18,000 cases: Enter in the move picker, and a mouse drop (press on a case,
  release on a worker row, as a terminal without motion reporting sends it), each to the
  moment the screen shows the header's move count and the receiving worker's new row;
  against one cursor step in the case list (a key that redraws two lines), measured in
  the same running app between the moves.

The screen is read over one tmux control connection and only after the program wrote to
the pane (benchmarks/tmux_terminal.py): nothing polls in a loop, and nothing at all runs
inside the process measured. planner's modules are compiled to .pyc first, as after
`pip install`. Each state folder ($XDG_STATE_HOME) is new for each start.

In-process figures (benchmarks/bench_board.py) are printed beside them unless
``--no-in-process``: the same scenarios inside one Python process, headless, to the frame
handed to the driver.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import planner
from planner.core.models import Team
from planner.io.files import bundled_config
from planner.io.teams import load_team
from planner.synthetic import write_department
from tmux_terminal import Terminal, TimedOut

DAY = date(2026, 11, 23)
WIDTH, HEIGHT = 160, 50
BORDER = "▏"  # the left edge of the side pane (case list, detail, chart)
POINTER = "▶"
STATUS = ("▲", "✓", "▼")
# Before each timed key or release the board has been idle this long (seconds), as between
# a person's keystrokes: Textual draws at most 60 frames a second, and a key that comes
# within a frame's time of the last drawing waits for the next frame.
PAUSE = 0.1
SHOWN_CASES = 15  # at most the case rows compared (see leading_case_ids)
WIDE_SIDE = 66  # the side pane's width from 120 columns on (planner.tcss)
BARE_APP = """\
from textual.app import App, ComposeResult
from textual.widgets import Label


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("Hello")


BareApp().run()
"""


@dataclass
class Program:
    label: str
    argv: list[str]
    drawn: Callable[[list[str]], bool]  # the first frame a person would call the board
    complete: Callable[[list[str]], bool]  # and with the footer's keys filled in
    quit_key: str
    team: Team | None = None
    env: dict[str, str] = field(default_factory=dict)  # e.g. PYTHONPATH of another checkout
    # The board in the layout it keeps at this width (None: the first frame is final).
    laid_out: Callable[[list[str]], bool] | None = None


def board_drawn(team_name: str) -> Callable[[list[str]], bool]:
    """The board is on screen: the header, worker rows (a status symbol in the list) and the
    highlighted worker's cases beside them."""

    def drawn(screen: list[str]) -> bool:
        return (
            len(screen) >= HEIGHT
            and team_name in screen[0]
            and BORDER in screen[3]
            and any(sides(line)[0][1:2] in STATUS for line in screen[4:])
            and any(sides(line)[1][1:].lstrip(POINTER).strip().startswith("K-") for line in screen)
        )

    return drawn


def board_laid_out(team_name: str) -> Callable[[list[str]], bool]:
    """The board as it stays at 160 columns: the side pane at its wide width, with the
    worker's detail and the chart under the cases (planner.tcss, Screen.-wide #side). A
    first frame drawn before Textual set the width's breakpoint class has the narrow one."""
    drawn = board_drawn(team_name)
    return lambda screen: drawn(screen) and len(sides(screen[3])[0]) == WIDTH - WIDE_SIDE


def board_complete(team_name: str) -> Callable[[list[str]], bool]:
    drawn = board_drawn(team_name)
    return lambda screen: drawn(screen) and bool(screen[HEIGHT - 1].strip())


def planner_program(label: str, config: Path, team: Team) -> Program:
    argv = [str(Path(sys.executable).with_name("planner")), "--config", str(config)]
    argv += ["--date", DAY.isoformat(), "--lang", "da"]
    return Program(
        label, argv, board_drawn(team.name), board_complete(team.name), "q", team,
        laid_out=board_laid_out(team.name),
    )  # fmt: skip


def demo_argv(argv: list[str], config_folder: Path) -> list[str]:
    """`argv` with --config pointing at another copy of the demo."""
    at = argv.index("--config")
    return [*argv[: at + 1], str(config_folder / "teams.toml"), *argv[at + 2 :]]


def bare_program(folder: Path) -> Program:
    bare = folder / "bare_app.py"
    bare.write_text(BARE_APP, "utf-8")
    hello: Callable[[list[str]], bool] = lambda screen: "Hello" in screen[0]  # noqa: E731
    return Program("bare Textual app", [sys.executable, str(bare)], hello, hello, "C-q")


def start(term: Terminal, program: Program, state: Path) -> float:
    env = {"XDG_STATE_HOME": str(state), "COLORTERM": "truecolor", **program.env}
    return term.start(program.argv, env)


def stop(term: Terminal, program: Program) -> None:
    term.keys(program.quit_key)
    term.wait_dead()


Frames = dict[str, list[float]]


def first_frames(
    term: Terminal, programs: list[Program], repeat: int, folder: Path
) -> tuple[Frames, Frames, Frames]:
    """Each program started `repeat` times, taking turns: seconds to the board on screen,
    to the board in the layout it keeps, and to the board with its footer's keys."""
    drawn: Frames = {p.label: [] for p in programs}
    laid_out: Frames = {p.label: [] for p in programs}
    complete: Frames = {p.label: [] for p in programs}
    run = 0
    for _ in range(repeat + 1):  # the first round warms the file cache and is dropped
        for program in programs:
            run += 1
            began = start(term, program, folder / f"state-{run}")
            seen = term.wait(program.drawn)
            laid = term.wait(program.laid_out or program.drawn)
            whole = term.wait(program.complete)
            if run > len(programs):
                drawn[program.label].append(seen - began)
                laid_out[program.label].append(laid - began)
                complete[program.label].append(whole - began)
            stop(term, program)
    return drawn, laid_out, complete


# ---------------------------------------------------------------------------------------
# Moves


def sides(line: str) -> tuple[str, str]:
    """A screen line split into the worker list's part and the side pane's."""
    at = line.find(BORDER)
    return (line, "") if at < 0 else (line[:at], line[at + 1 :])


def display_order(team: Team) -> list[str | None]:
    """The worker list's rows as the board shows them at first (grouped, file order):
    '' for the unassigned row, None for group headings, else worker ids."""
    rows: list[str | None] = [""]
    for area in team.norms.areas:
        members = [w.id for w in team.workers if w.area == area]
        if members:
            rows.append(None)
            rows.extend(members)
    return rows


@dataclass
class MovePlan:
    presses: int  # Down keys from the first row to the source (group headings are skipped)
    source: str
    case_id: str
    case_index: int
    target: str
    target_name: str


def plan_move(team: Team, visible_rows: int = 40, visible_cases: int = 10) -> MovePlan:
    """A plain case (not pinned, no household) of a worker near the top of the list, and
    another worker of the same area with a name no other worker's contains, both on screen."""
    rows = display_order(team)[:visible_rows]
    names = [w.name.casefold() for w in team.workers]
    by_worker: dict[str, list[str]] = {}
    for case in team.cases:
        by_worker.setdefault(case.worker or "", []).append(case.id)
    for source_row, source in enumerate(rows):
        if not source:  # the unassigned row or a group heading
            continue
        worker = team.workers_by_id[source]
        for case_index, case_id in enumerate(by_worker.get(source, [])[:visible_cases]):
            case = team.cases_by_id[case_id]
            if case.pinned or case.household:
                continue
            for target in rows:
                other = team.workers_by_id.get(target) if target else None
                if other is None or other.id == source or other.area != worker.area:
                    continue
                name = other.name.casefold()
                if sum(name in n for n in names) == 1:
                    presses = sum(r is not None for r in rows[1 : source_row + 1])
                    return MovePlan(presses, source, case_id, case_index, target, other.name)
    raise SystemExit("no suitable move near the top of the synthetic department")


def pointer_case(screen: list[str]) -> str | None:
    """The case id on the case list's cursor line."""
    for line in screen:
        side = sides(line)[1]
        if side.startswith(POINTER):
            words = side[1:].split()
            return words[0] if words else None
    return None


def case_ids(screen: list[str], count: int = SHOWN_CASES) -> list[str]:
    """The ids of the first `count` rows of the case list."""
    ids = []
    for line in screen:
        words = sides(line)[1][1:].split()
        if words and words[0].startswith("K-"):
            ids.append(words[0])
    return ids[:count]


def leading_case_ids(screen: list[str]) -> list[str]:
    """The ids of the case list's rows from its first, up to the first line that is not a
    case row: the notifications of the moves and undos before pile up from the bottom of
    the side pane over the rows below (the quicker the moves, the higher)."""
    ids: list[str] = []
    for line in screen:
        words = sides(line)[1][1:].split()
        if words and words[0].startswith("K-"):
            ids.append(words[0])
        elif ids:
            break
    return ids[:SHOWN_CASES]


def rows_shown(screen: list[str], expected: list[str], moved_at: int) -> bool:
    """The case list shows `expected` from its first row, down to at least the row below
    where the moved case was (the rows under the notifications are not compared)."""
    shown = leading_case_ids(screen)
    return len(shown) >= min(moved_at + 2, len(expected)) and shown == expected[: len(shown)]


def worker_line(screen: list[str], name: str) -> str | None:
    return next((sides(line)[0] for line in screen if name in sides(line)[0]), None)


def picker_pointer_on(screen: list[str], name: str) -> bool:
    """The move picker (a dialog, so not at the left edge) has its pointer on `name`."""
    for line in screen:
        at = line.find(POINTER, 1)
        if at > 0 and name in line[at : at + len(name) + 4]:
            return True
    return False


def moves_shown(screen: list[str]) -> bool:
    return "1 flytning" in screen[0]


def select_case(term: Terminal, case_id: str) -> None:
    """Move the case list's cursor onto `case_id` (after an undo it sits on the next one)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        screen = term.settle()
        here = pointer_case(screen)
        if here == case_id:
            return
        ids = case_ids(screen, HEIGHT)
        if here in ids and case_id in ids:
            delta = ids.index(case_id) - ids.index(here)
            term.command(f"send-keys -t bench -N {abs(delta)} {'Down' if delta > 0 else 'Up'}")
    raise TimedOut(f"the cursor did not reach {case_id}")


def position(screen: list[str], text: str, *, side: bool) -> tuple[int, int]:
    """The 0-based screen cell where `text` starts in the worker list or the side pane."""
    for y, line in enumerate(screen):
        left, right = sides(line)
        part, offset = (right, len(left) + 1) if side else (left, 0)
        x = part.find(text)
        if x >= 0 and (not side or BORDER in line):
            return offset + x, y
    raise TimedOut(f"{text!r} is not on screen")


def interact(term: Terminal, program: Program, state: Path, count: int) -> dict[str, list[float]]:
    """One running board: `count` cursor steps, moves by keys and moves by drop, each move
    undone (ctrl+z) before the next."""
    team = program.team
    assert team is not None
    plan = plan_move(team)
    source_name = team.workers_by_id[plan.source].name
    held = [c.id for c in team.cases if c.worker == plan.source]
    start(term, program, state)
    term.wait(program.drawn)
    term.command(f"send-keys -t bench -N {plan.presses} Down")
    term.wait(lambda s: any(sides(line)[1].startswith(f" {source_name}:") for line in s))
    term.keys("Right")
    select_case(term, plan.case_id)
    before = worker_line(term.settle(), plan.target_name)
    ids_before = held[:SHOWN_CASES]
    ids_after = [c for c in held if c != plan.case_id][:SHOWN_CASES]

    def move_seen(screen: list[str]) -> bool:
        """The header's move count, the receiving worker's new row, the giver's cases."""
        return (
            moves_shown(screen)
            and worker_line(screen, plan.target_name) not in (before, None)
            and rows_shown(screen, ids_after, plan.case_index)
        )

    def undone(screen: list[str]) -> bool:
        return (
            not moves_shown(screen)
            and worker_line(screen, plan.target_name) == before
            and rows_shown(screen, ids_before, plan.case_index)
        )

    times: dict[str, list[float]] = {"step": [], "keys": [], "drop": []}
    for _ in range(count):
        # A cursor step down and back: each to the frame that shows the pointer moved.
        for key, away in (("Down", True), ("Up", False)):
            term.settle(PAUSE)  # a person's pause: the board is idle when the key comes
            sent = term.keys(key)
            seen = term.wait(lambda s, a=away: (pointer_case(s) != plan.case_id) == a)
            times["step"].append(seen - sent)

        # By keys: m, the target's name, Enter (timed).
        term.keys("m")
        term.wait(lambda s: any("Skriv for at filtrere" in line for line in s))
        term.type(plan.target_name)
        term.wait(lambda s: picker_pointer_on(s, plan.target_name))
        term.settle(PAUSE)
        sent = term.keys("Enter")
        times["keys"].append(term.wait(move_seen) - sent)
        term.keys("C-z")
        term.wait(undone)
        select_case(term, plan.case_id)

        # By mouse: press on the case, release on the target's row (timed).
        screen = term.settle()
        down = position(screen, plan.case_id, side=True)
        up = position(screen, plan.target_name, side=False)
        term.mouse(*down, press=True)
        term.settle(PAUSE)  # the board has taken the press (it draws the dragged row)
        sent = term.mouse(*up, press=False)
        times["drop"].append(term.wait(move_seen) - sent)
        term.keys("C-z")
        term.wait(undone)
        select_case(term, plan.case_id)
    stop(term, program)
    return times


# ---------------------------------------------------------------------------------------


def compile_planner(source: Path | None = None) -> None:
    """Write planner's .pyc files now, as `pip install` does, so no run pays for them."""
    compileall.compile_dir(source or Path(planner.__file__).parent, quiet=1)


def med(values: list[float]) -> float:
    return statistics.median(values) * 1000


Row = tuple[str, list[float], float, str, float | None]


def table(rows: list[Row]) -> str:
    width = max(len(r[0]) for r in rows)
    lines = [
        f"{'scenario':<{width}}  {'n':>3}  {'median ms':>9}  {'min ms':>7}  {'max ms':>7}"
        f"  {'ratio':>6}  {'of':<12}  {'in-process ms':>13}",
        "-" * (width + 72),
    ]
    for name, values, base, of, in_process in rows:
        ip = f"{in_process:>13.1f}" if in_process is not None else f"{'':>13}"
        lines.append(
            f"{name:<{width}}  {len(values):>3}  {med(values):>9.1f}  {min(values) * 1000:>7.1f}"
            f"  {max(values) * 1000:>7.1f}  {statistics.median(values) / base:>6.2f}  {of:<12}  {ip}"
        )
    return "\n".join(lines)


def in_process(source: Path | None, repeat: int, moves: int, big: bool) -> dict[str, float]:
    """bench_board's medians (ms) for the planner in `source` (else this one), in a process
    of their own, under this script's row names (its 'open' is our first frame)."""
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    command = [sys.executable, str(Path(__file__).with_name("bench_board.py")), "--json"]
    command += ["--repeat", str(repeat), "--moves", str(moves)] + (["--big"] if big else [])
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    medians: dict[str, float] = json.loads(done.stdout)
    out = {}
    for name, median in medians.items():
        if name.endswith(": open (files to first frame)"):
            out[name.replace(": open (files to first frame)", ": first frame")] = median
        elif name.startswith(("bare", "18,000 cases:")):
            out[name.replace("frame)", "seen)")] = median
    return out


MOVE_ROWS = (
    ("step", "18,000 cases: cursor step (Down in the cases)"),
    ("keys", "18,000 cases: move by keys (Enter → seen)"),
    ("drop", "18,000 cases: move by drop (release → seen)"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="starts of each program")
    parser.add_argument("--moves", type=int, default=15, help="moves of each kind")
    parser.add_argument("--big", action="store_true", help="also 1,000 workers / 60,000 cases")
    parser.add_argument("--no-in-process", action="store_true", help="only the terminal")
    parser.add_argument(
        "--before",
        type=Path,
        metavar="SRC",
        help="also another checkout's planner (its src folder, e.g. a copy of main's), "
        "taking turns with this one in the same run: rows marked [before]",
    )
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed (apt-get install tmux)")
    compile_planner()
    if args.before:
        compile_planner(args.before / "planner")
    with tempfile.TemporaryDirectory(prefix="bench-terminal-") as name:
        folder = Path(name)
        shutil.copytree(bundled_config().parent, folder / "demo" / "config")
        demo_config = folder / "demo" / "config" / "teams.toml"
        dept_config = write_department(folder / "d18k", 300, 18000)
        sizes = [
            planner_program("demo (13 workers, 644 cases)", demo_config, load_team(demo_config)),
            planner_program("300 workers / 18,000 cases", dept_config, load_team(dept_config)),
        ]
        if args.big:
            big_config = write_department(folder / "d60k", 1000, 60000)
            sizes.append(
                planner_program("1,000 workers / 60,000 cases", big_config, load_team(big_config))
            )
        versions = [("", {})]
        if args.before:
            versions.insert(0, (" [before]", {"PYTHONPATH": str(args.before)}))
        if args.before:
            # The other checkout reads its own demo (the demo's files change with features).
            before_demo = folder / "demo-before" / "config"
            shutil.copytree(args.before.parent / "config", before_demo)
            demo_before = replace(sizes[0], argv=demo_argv(sizes[0].argv, before_demo))
        programs = [bare_program(folder)] + [
            replace(demo_before if mark and p is sizes[0] else p, label=p.label + mark, env=env)
            for p in sizes
            for mark, env in versions
        ]
        term = Terminal(folder, WIDTH, HEIGHT)
        try:
            drawn, laid_out, complete = first_frames(term, programs, args.repeat, folder)
            moves: dict[str, dict[str, list[float]]] = {mark: {} for mark, _ in versions}
            rounds = 3  # the versions take turns, a few moves each
            for index in range(rounds):
                for mark, env in versions:
                    program = replace(sizes[1], env=env)
                    count = args.moves // rounds + (index < args.moves % rounds)
                    state = folder / f"state-moves{mark.strip(' []')}-{index}"
                    for key, values in interact(term, program, state, count).items():
                        moves[mark].setdefault(key, []).extend(values)
        finally:
            term.close()
    figures: dict[str, dict[str, float]] = {}
    if not args.no_in_process:
        for mark, _ in versions:
            source = args.before if mark else None
            figures[mark] = in_process(source, args.repeat, args.moves, args.big)

    bare_label = programs[0].label
    bare = statistics.median(drawn[bare_label])
    rows: list[Row] = [
        (f"{bare_label}: first frame", drawn[bare_label], bare, "bare app",
         figures.get("", {}).get("bare Textual app: first frame"))
    ]  # fmt: skip
    for program in programs[1:]:
        base_label = program.label.replace(" [before]", "")
        mark = " [before]" if program.label != base_label else ""
        ip = figures.get(mark, {}).get(f"{base_label}: first frame")
        rows.append((f"{program.label}: first frame", drawn[program.label], bare, "bare app", ip))
        rows.append(
            (f"{program.label}: ... in its final layout", laid_out[program.label], bare,
             "bare app", None)
        )  # fmt: skip
        rows.append(
            (f"{program.label}: ... with the footer's keys", complete[program.label], bare,
             "bare app", None)
        )  # fmt: skip
    for mark, _ in versions:
        step = statistics.median(moves[mark]["step"])
        for key, label in MOVE_ROWS:
            ip = figures.get(mark, {}).get(label)
            rows.append((label + mark, moves[mark][key], step, "cursor step", ip))
    print(
        f"planner in a real terminal · tmux {WIDTH}x{HEIGHT} · Python {sys.version.split()[0]}"
        f" · medians of {args.repeat} starts and {args.moves} moves of each kind"
    )
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
