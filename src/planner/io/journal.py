"""The journal: every move, on disk the moment it is made, so no crash can take it away.

One journal per team and config, in the user's state folder ($XDG_STATE_HOME/planner, by
default ~/.local/state/planner; the folder 0700, the file 0600). It is JSON lines:

* a header: team, config, the cases fingerprint, the plan being edited (if any) with its
  `created`/`author`, the note, and who started the session when;
* ``{"op": "base", ...}``: the state the session's history starts from (the plan as opened,
  or as last saved): its moves and its what-if events;
* one line per step as it happens (``do``, ``undo``, ``redo``, ``revert``, ``note``, and for
  the what-if events ``events``, ``events_undo``, ``events_redo``, each with the events as
  they are after the step), each written and fsync'ed before the step returns.

Saving a plan clears the journal (it is rewritten with the saved state as its base);
discarding deletes it. After a crash, a kill or a dropped SSH connection, the journal still
holds every step, and the next session for that team offers to restore them: the same
steps are replayed on the same cases (undo and redo keep working), or, when the cases file
has changed meanwhile, the net moves are reconciled like an old plan.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError

from planner.core.cpr import find_cpr
from planner.core.models import Team
from planner.core.moves import Assignment, Move, MoveRefused, NetMove
from planner.core.problems import Problem, ProblemsFound
from planner.core.reconcile import Leftover, reconcile
from planner.core.scenario import Event, Scenario, event_from, event_issues, event_json
from planner.io.files import (
    FILE_MODE,
    FOLDER_MODE,
    atomic_write,
    display_path,
    fsync_folder,
    login_name,
    now,
    secure_folder,
)
from planner.io.lock import session_key, state_dir
from planner.io.plans import Plan, plan_from

JOURNAL_FORMAT = 1
STEP_OPS = ("do", "undo", "redo", "revert")
EVENT_OPS = ("events", "events_undo", "events_redo")


def journal_path(config_path: Path, team_id: str) -> Path:
    return state_dir() / f"{session_key(config_path, team_id)}.journal"


def private_folder(folder: Path) -> None:
    """The state folder: created 0700, tightened to 0700 when it is ours and looser."""
    secure_folder(folder)
    st = folder.stat()
    if st.st_uid == os.getuid() and st.st_mode & 0o077:
        os.chmod(folder, FOLDER_MODE)


def _moves_json(moves: Sequence[Move]) -> list[list[str | None]]:
    return [[m.case, m.from_, m.to, m.reason] for m in moves]


def _moves_from(raw: Any) -> list[Move]:
    moves = []
    for item in raw:
        case, from_, to, reason = item
        if not all(isinstance(x, str) for x in (case, from_, to)):
            raise ValueError("bad move")
        if reason is not None and not isinstance(reason, str):
            raise ValueError("bad reason")
        moves.append(Move(case, from_, to, reason))
    return moves


def _events_json(events: Sequence[Event]) -> list[dict[str, object]]:
    return [event_json(e) for e in events]


def _events_from(raw: Any) -> tuple[Event, ...]:
    if not isinstance(raw, list):
        raise ValueError("bad events")
    try:
        return tuple(event_from(item) for item in raw)
    except ValidationError as error:
        raise ValueError("bad event") from error


def _refuse_cpr(texts: Sequence[str | None], where: str) -> None:
    for text in texts:
        masked = find_cpr(text) if text else None
        if masked:
            raise ProblemsFound(
                [
                    Problem(
                        where,
                        "",
                        f"holds what looks like a CPR number ({masked})",
                        "Remove it: planner must never store CPR numbers.",
                    )
                ]
            )


@dataclass
class Header:
    team: str
    config: str
    cases_fingerprint: str
    plan: str | None = None  # the plan file being edited
    plan_created: str | None = None
    plan_author: str | None = None
    note: str = ""
    started: str = ""
    pid: int = 0
    host: str = ""
    user: str = ""

    def to_json(self) -> str:
        return json.dumps({"journal": JOURNAL_FORMAT, **self.__dict__}, ensure_ascii=False)


class Journal:
    """An open journal: append a step, rewrite on save, delete on discard."""

    def __init__(
        self, path: Path, header: Header, base: Sequence[Move], events: Sequence[Event] = ()
    ) -> None:
        self.path = path
        self.header = header
        self._fd: int | None = None
        self._rewrite(base, events)

    @classmethod
    def start(
        cls,
        config_path: Path,
        team: Team,
        *,
        plan_path: Path | None = None,
        plan: Plan | None = None,
        base: Sequence[Move] = (),
        events: Sequence[Event] = (),
        note: str = "",
        path: Path | None = None,
    ) -> Journal:
        """A fresh journal for this session (replacing any old one for the team: restore
        or discard that first)."""
        path = path or journal_path(config_path, team.id)
        header = Header(
            team=team.id,
            config=str(config_path.resolve()),
            cases_fingerprint=team.cases_fingerprint,
            plan=str(plan_path.resolve()) if plan_path else None,
            plan_created=plan.created.isoformat() if plan else None,
            plan_author=plan.author if plan else None,
            note=note,
            started=now().isoformat(),
            pid=os.getpid(),
            host=socket.gethostname(),
            user=login_name(),
        )
        return cls(path, header, base, events)

    def _rewrite(self, base: Sequence[Move], events: Sequence[Event] = ()) -> None:
        private_folder(self.path.parent)
        record: dict[str, Any] = {"op": "base", "moves": _moves_json(base)}
        if events:
            record["events"] = _events_json(events)
        lines = [self.header.to_json(), json.dumps(record, ensure_ascii=False)]
        self.close()
        atomic_write(self.path, ("\n".join(lines) + "\n").encode("utf-8"))
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_NOFOLLOW)

    def _append(self, record: dict[str, Any]) -> None:
        if self._fd is None:
            raise RuntimeError("journal is closed")
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        view = memoryview(line)
        while view:
            view = view[os.write(self._fd, view) :]
        os.fsync(self._fd)

    def record(self, op: str, moves: Sequence[Move]) -> None:
        """Append one step (a batch of moves) and make it durable before returning."""
        if op not in STEP_OPS:
            raise ValueError(f"unknown journal op {op!r}")
        if not moves:
            return
        _refuse_cpr([m.reason for m in moves], display_path(self.path))
        self._append({"op": op, "moves": _moves_json(moves), "at": now().isoformat()})

    def record_events(self, op: str, events: Sequence[Event]) -> None:
        """Append one step on the what-if events (with the events as they are after it)."""
        if op not in EVENT_OPS:
            raise ValueError(f"unknown journal op {op!r}")
        texts = [e.reason for e in events if isinstance(getattr(e, "reason", None), str)]
        texts += [getattr(e, "name", None) for e in events]
        _refuse_cpr(texts, display_path(self.path))
        self._append({"op": op, "events": _events_json(events), "at": now().isoformat()})

    def record_note(self, note: str) -> None:
        _refuse_cpr([note], display_path(self.path))
        self._append({"op": "note", "note": note, "at": now().isoformat()})

    def saved(self, plan_path: Path, plan: Plan) -> None:
        """The plan is safe in its file: clear the steps; the saved moves become the base."""
        self.header.plan = str(plan_path.resolve())
        self.header.plan_created = plan.created.isoformat()
        self.header.plan_author = plan.author
        self.header.note = plan.note
        self._rewrite([m.as_move() for m in plan.moves], plan.events)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def discard(self) -> None:
        """Delete the journal: the unsaved steps are given up on purpose."""
        self.close()
        discard(self.path)


def discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        fsync_folder(path.parent)


# ---------------------------------------------------------------------------------------
# After a crash


@dataclass
class Recovered:
    """What a journal left by an earlier session holds."""

    path: Path
    header: Header
    base: list[Move]
    # A step is (op, moves) for the moves' ops and (op, events after it) for the events'.
    steps: list[tuple[str, list[Move] | tuple[Event, ...]]]
    note: str
    note_changed: bool
    updated: datetime
    damaged_lines: int = 0  # lines after the first unreadable one, not used
    leftovers: list[Leftover] = field(default_factory=list)
    # After restore(): True when every step was replayed as it was (same cases); else the
    # net moves were reconciled and `applied` holds the one step that put them back.
    exact: bool = False
    applied: list[Move] = field(default_factory=list)
    base_events: tuple[Event, ...] = ()
    # After restore() onto changed files: events that no longer fit the team, left out.
    dropped_events: int = 0

    @property
    def has_unsaved(self) -> bool:
        return bool(self.steps) or self.note_changed

    @property
    def step_count(self) -> int:
        return len(self.steps)

    def net_moves(self) -> list[NetMove]:
        """Where every touched case ends up, against where it started (base included)."""
        first: dict[str, str] = {}
        last: dict[str, Move] = {}
        moves = [m for op, batch in self.steps if op in STEP_OPS for m in cast(list[Move], batch)]
        for move in [*self.base, *moves]:
            first.setdefault(move.case, move.from_)
            last[move.case] = move
        return [
            NetMove(case, first[case], move.to, move.reason)
            for case, move in last.items()
            if move.to != first[case]
        ]

    def previous_plan(self, team: Team) -> Plan | None:
        """The plan that was being edited (for its created/author), if there was one."""
        if not self.header.plan_created:
            return None
        return Plan(
            team=team.id,
            created=datetime.fromisoformat(self.header.plan_created),
            author=self.header.plan_author or login_name(),
            cases_fingerprint=self.header.cases_fingerprint,
        )

    @property
    def plan_path(self) -> Path | None:
        return Path(self.header.plan) if self.header.plan else None

    @property
    def events(self) -> tuple[Event, ...]:
        """The what-if events as the last step left them."""
        after = [cast(tuple[Event, ...], batch) for op, batch in self.steps if op in EVENT_OPS]
        return after[-1] if after else self.base_events

    def _events_fit(self, team: Team) -> bool:
        """Whether every state of the events the journal went through fits the team."""
        states = [self.base_events]
        states += [cast(tuple[Event, ...], b) for op, b in self.steps if op in EVENT_OPS]
        return not any(event_issues(team, events) for events in states)

    def restore(self, assignment: Assignment, scenario: Scenario | None = None) -> list[Leftover]:
        """Put the journal's steps onto a fresh assignment (and scenario) of the same team.

        Same cases file: every step is replayed, so the state and the undo history are as
        they were. Changed cases file (or a step that no longer fits, e.g. a worker removed
        from teams.toml): the net moves are reconciled like an old plan, and what no longer
        fits is returned; the events as last left are put back as one step, without those
        that no longer fit the team (counted in `dropped_events`).
        """
        if assignment.has_moves or assignment.can_undo:
            raise ValueError("restore onto a fresh assignment")
        scenario = scenario if scenario is not None else Scenario(assignment)
        team = assignment.team
        if self.header.cases_fingerprint == team.cases_fingerprint and self._events_fit(team):
            trial = Assignment(team, assignment.on)
            try:
                self._replay(trial, Scenario(trial))
            except MoveRefused:
                pass
            else:
                self._replay(assignment, scenario)
                self.exact, self.leftovers = True, []
                return []
        plan = plan_from(assignment, moves=self.net_moves())
        result = reconcile([m.as_move() for m in plan.moves], assignment)
        self.exact, self.applied, self.leftovers = False, result.applied, result.leftovers
        bad = {issue.index for issue in event_issues(team, self.events)}
        self.dropped_events = len(bad)
        scenario.set_events(e for i, e in enumerate(self.events) if i not in bad)
        return self.leftovers

    def _replay(self, assignment: Assignment, scenario: Scenario) -> None:
        if self.base:
            assignment.apply_moves(self.base)
        scenario.events = self.base_events
        for op, batch in self.steps:
            if op in EVENT_OPS:
                events = cast(tuple[Event, ...], batch)
                if op == "events_undo":
                    undone = scenario.undo()
                    if undone is not None and scenario.events == events:
                        continue
                    if undone is not None:  # the live history reached further back
                        scenario.redo()
                elif op == "events_redo":
                    redone = scenario.redo()
                    if redone is not None and scenario.events == events:
                        continue
                    if redone is not None:
                        scenario.undo()
                # A new step, or an undo/redo of a step from before the last save (the
                # journal's history starts there): the events as they became.
                scenario.set_events(events)
                continue
            moves = cast(list[Move], batch)
            if op == "undo":
                undone = assignment.undo()
                if undone == moves:
                    continue
                if undone:  # the live history reached further back than ours: put it back
                    assignment.redo()
            elif op == "redo":
                redone = assignment.redo()
                if redone == moves:
                    continue
                if redone:
                    assignment.undo()
            assignment.apply_moves(moves)
            scenario.moves_changed()


def read_journal(path: Path) -> Recovered | None:
    """The journal at `path`, or None when there is none or it has no usable header.

    A line cut short by a crash ends the journal there; the steps before it are kept.
    """
    try:
        data = path.read_bytes()
        updated = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except (FileNotFoundError, PermissionError):
        return None
    lines = data.decode("utf-8", errors="replace").splitlines()
    try:
        raw_header = json.loads(lines[0])
        if raw_header.pop("journal") != JOURNAL_FORMAT:
            return None
        header = Header(**raw_header)
    except (IndexError, ValueError, TypeError, KeyError):
        return None
    base: list[Move] = []
    base_events: tuple[Event, ...] = ()
    steps: list[tuple[str, list[Move] | tuple[Event, ...]]] = []
    note, note_changed = header.note, False
    damaged = 0
    for index, line in enumerate(lines[1:], start=1):
        try:
            record = json.loads(line)
            op = record["op"]
            if op == "base":
                base = _moves_from(record["moves"])
                base_events = _events_from(record.get("events", []))
            elif op in STEP_OPS:
                steps.append((op, _moves_from(record["moves"])))
            elif op in EVENT_OPS:
                steps.append((op, _events_from(record["events"])))
            elif op == "note":
                if not isinstance(record["note"], str):
                    raise ValueError("bad note")
                note, note_changed = record["note"], True
            else:
                raise ValueError(f"unknown op {op!r}")
        except (ValueError, TypeError, KeyError):
            damaged = len(lines) - index
            break
    return Recovered(
        path, header, base, steps, note, note_changed, updated, damaged, base_events=base_events
    )


def find_unsaved(config_path: Path, team_id: str) -> Recovered | None:
    """Unsaved steps left by an earlier session for this team and config, if any."""
    recovered = read_journal(journal_path(config_path, team_id))
    return recovered if recovered and recovered.has_unsaved else None


__all__ = [
    "FILE_MODE",
    "Header",
    "Journal",
    "Recovered",
    "discard",
    "find_unsaved",
    "journal_path",
    "read_journal",
]
