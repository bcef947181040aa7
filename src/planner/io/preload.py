"""The board's team, read on the second processor core while the first imports Textual.

Reading teams.toml and the norm set means pydantic (some 70 ms of a start just to import
it and build the schemas) and reading the cases file; starting the board means Textual's
import and the board's widgets. Neither needs the other until the board is made, so
:func:`load_team_beside` forks: the child reads the team exactly as :func:`load_team`
does and sends it back pickled over a pipe, while the parent goes on importing. The parent
never imports pydantic before its first frame.

Whatever goes wrong in the child (a problem in the files, a signal, anything) makes the
parent read the team itself, so every message and exit code is the one an in-process read
gives: the fork only ever saves time. No fork where there is none (Windows) or where it is
unsafe: a process with other threads (a lock held by one of them would stay held forever in
the child), and macOS, whose system libraries do not survive a fork without an exec.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported once the team is here: the parent forks before it needs them
    from planner.core.models import Team

_CHUNK = 1 << 20


def _load(config: Path, team_id: str | None) -> Team:
    from planner.io.teams import load_team  # pydantic and the loaders: in this process now

    return load_team(config, team_id)


def load_team_beside(config: Path, team_id: str | None) -> Callable[[], Team]:
    """Start reading the team; the callable returned gives it (or raises what
    :func:`planner.io.teams.load_team` raises), waiting for the child if need be."""
    if not hasattr(os, "fork") or sys.platform == "darwin" or threading.active_count() > 1:
        return lambda: _load(config, team_id)
    readable, writable = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no processes left to make: read it here
        os.close(readable)
        os.close(writable)
        return lambda: _load(config, team_id)
    if pid == 0:  # pragma: no cover - the child; its result is tested through the parent
        _child(readable, writable, config, team_id)
    os.close(writable)
    return lambda: _collect(pid, readable, config, team_id)


def _child(readable: int, writable: int, config: Path, team_id: str | None) -> None:
    """Read the team, write it pickled, and end without running anything of the parent's
    (no atexit, no flushing of buffers it inherited): os._exit whatever happens."""
    code = 1
    try:
        os.close(readable)
        data = pickle.dumps(_load(config, team_id), pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(writable, view[:_CHUNK]) :]
        code = 0
    except BaseException:  # any failure: the parent reads the team itself
        code = 1
    finally:
        os._exit(code)


def _collect(pid: int, readable: int, config: Path, team_id: str | None) -> Team:
    chunks = []
    try:
        while chunk := os.read(readable, _CHUNK):
            chunks.append(chunk)
    except OSError:
        chunks = []
    finally:
        os.close(readable)
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:  # reaped by someone else (a SIGCHLD handler): judge the data
        status = 0
    if status == 0 and chunks:
        from planner.core.models import Team

        try:
            team = pickle.loads(b"".join(chunks))
        except Exception:  # cut short: read it here
            team = None
        if isinstance(team, Team):
            return team
    return _load(config, team_id)
