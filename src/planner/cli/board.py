"""`planner` with no subcommand: load the team, open the board, return an exit code."""

from __future__ import annotations

import argparse
import errno
import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from planner.cli.options import EXIT_OK, parse_date
from planner.core.problems import ProblemsFound
from planner.io.files import default_config
from planner.io.preload import load_team_beside


def launch(args: argparse.Namespace) -> int:
    """Open the board on --config/--team at --date in --lang (default: from LANG).

    Bad input raises ProblemsFound before the terminal is taken over, so the CLI prints
    every problem as usual and nothing of the app's screen is left behind.
    """
    with _starting() as started:
        on = parse_date(getattr(args, "date", None))
        config = default_config(getattr(args, "config", None))
        plan: Path | None = getattr(args, "plan", None)
        # The team is read on the other core while this one imports the rest: the rules,
        # the texts and the board (Textual). Nothing above needs them.
        loaded = load_team_beside(config, team_id_for(getattr(args, "team", None), plan))
        from planner.cli.common import report_notices
        from planner.core.moves import Assignment
        from planner.i18n import detect_language
        from planner.ui.hangup import ending_on_hang_up
        from planner.ui.planning import planning_app

        lang = getattr(args, "lang", None) or detect_language()
        try:
            team = loaded()
        except ProblemsFound as found:
            if plan is None or getattr(args, "team", None):
                raise
            from planner.io.plans import plan_team_missing

            raise plan_team_missing(found, plan) from None
        report_notices(team, args)
        # From before the lock is taken until the app has ended, a hang-up ends the process
        # within seconds, lock released (planner.ui.hangup).
        with ending_on_hang_up() as guard:
            # The lock, --plan, the journal and saving (planner.ui.planning); a bad plan raises.
            app = planning_app(config, Assignment(team, on), lang=lang, plan=plan, hang_up=guard)
            if guard.hung_up.is_set():  # gone already: no terminal to start the app on
                app.session.hang_up()
                return EXIT_OK
            # Its widgets are made as it starts: collecting resumes once it is drawn.
            app.when_drawn = started
            with frames_written_promptly():
                app.run()
    drop_dead_terminal()
    return app.return_code if app.return_code is not None else EXIT_OK


@contextmanager
def _starting() -> Iterator[Callable[[], None]]:
    """While the board starts, no garbage collection: starting makes most of the objects
    the board will ever hold (modules, the team, the assignment, the widgets), and each
    collection on the way would walk all of them again. The callable it gives ends that:
    what exists then is moved out of every later collection (gc.freeze; a full collection
    over 18,000 cases would otherwise pause about one move in ten for 45-100 ms) and
    collecting resumes. Leaving the block resumes it too (without freezing), if not yet."""
    collecting = gc.isenabled()
    gc.disable()
    ended = False

    def started() -> None:
        nonlocal ended
        if not ended:
            ended = True
            gc.freeze()
            if collecting:
                gc.enable()

    try:
        yield started
    finally:
        if not ended and collecting:
            gc.enable()


# How long the thread that writes Textual's frames to the terminal may wait for the
# interpreter's lock while the app goes on working: Python's default is 5 ms.
FRAME_HANDOFF = 0.0005


@contextmanager
def frames_written_promptly() -> Iterator[None]:
    """Textual hands each frame to a thread of its own, which writes it to the terminal.
    After a move the app goes on working in the main thread for 3-20 ms (the footer's keys
    after the move picker, a toast) and held the interpreter's lock meanwhile: the frame
    reached the terminal up to Python's switch interval late (5 ms; a move's whole frame
    takes about 8). With a shorter interval that thread takes the lock within half a
    millisecond; nothing else runs in a thread that would switch more often."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(FRAME_HANDOFF)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def team_id_for(team: str | None, plan: Path | None) -> str | None:
    """--team, else the team a --plan file names (the plan knows its team), else None."""
    if team or plan is None:
        return team
    from planner.io.plans import plan_team_id

    return plan_team_id(plan)


def drop_dead_terminal() -> None:
    """After a hang-up (a dropped SSH connection) the terminal is gone, and whatever is still
    buffered for it fails to flush at exit (EIO), which makes Python exit with 120 instead
    of our code. Send the standard streams to /dev/null then; a live terminal is untouched.
    """
    try:
        import termios
    except ImportError:  # Windows: no terminals that hang up like this
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            fd = stream.fileno()
            termios.tcgetattr(fd)
        except (AttributeError, ValueError, OSError):
            continue  # no real file, or a pipe/file (ENOTTY): nothing to do
        except termios.error as error:
            if error.args and error.args[0] == errno.EIO:  # a hung-up terminal
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, fd)
                os.close(devnull)
