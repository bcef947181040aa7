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
import errno
import json
import os
import re
import socket
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from planner.core.cpr import find_cpr, mask_all
from planner.core.models import Team
from planner.core.moves import Assignment, Move, MoveRefused, NetMove
from planner.core.problems import Msg, Problem, ProblemsFound
from planner.core.scenario import Scenario, event_issues
from planner.io.files import (
    FILE_MODE,
    SaveFailed,
    atomic_write,
    display_path,
    explain,
    fsync_folder,
    login_name,
    now,
    owner_name,
    read_bytes,
    secure_folder,
    write_synced,
)
from planner.io.lock import session_key, state_dir
from planner.io.plans import plan_from

if TYPE_CHECKING:  # only named: the events and plans bring pydantic, reconcile is for restores
    from planner.core.events import Event
    from planner.core.reconcile import Leftover
    from planner.io.planfile import Plan

JOURNAL_FORMAT = 1
STEP_OPS = ("do", "undo", "redo", "revert")
EVENT_OPS = ("events", "events_undo", "events_redo")


def _header_path(path: Path) -> str | None:
    """A path for the journal's header, or None when it holds a CPR number: the journal
    must not keep one, not even in a folder's name (the leader then saves as a new plan)."""
    text = str(path.resolve())
    return None if find_cpr(text) else text


def journal_path(config_path: Path, team_id: str) -> Path:
    return state_dir() / f"{session_key(config_path, team_id)}.journal"


def private_folder(folder: Path) -> None:
    """The state folder: created 0700; refused (SaveFailed) when it is not the user's own or
    others may write to it (planner.io.files.secure_folder)."""
    secure_folder(folder)


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
    if not events:
        return []
    from planner.core.events import event_json  # pydantic: only for a plan with events

    return [event_json(e) for e in events]


def _events_from(raw: Any) -> tuple[Event, ...]:
    if not isinstance(raw, list):
        raise ValueError("bad events")
    if not raw:
        return ()
    from pydantic import ValidationError  # only for a journal with events

    from planner.core.events import event_from

    try:
        return tuple(event_from(item) for item in raw)
    except ValidationError as error:
        raise ValueError("bad event") from error


def _event_texts(events: Sequence[Event]) -> list[str | None]:
    """The free texts of events (reasons, names of new workers), for the CPR check."""
    return [getattr(e, "reason", None) for e in events] + [getattr(e, "name", None) for e in events]


def _refuse_cpr(texts: Sequence[str | None], where: str) -> None:
    for text in texts:
        masked = find_cpr(text) if text else None
        if masked:
            raise ProblemsFound(
                [
                    Problem(
                        where,
                        "",
                        Msg("load.cpr_found", masked=masked),
                        Msg("load.cpr_remove.todo"),
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


# A step: (op, moves) for the moves' ops, (op, the events after it) for EVENT_OPS.
Steps = Sequence[tuple[str, "Sequence[Move] | Sequence[Event]"]]


class Journal:
    """An open journal: append a step, rewrite on save, delete on discard.

    A write that fails (a full disk, a read-only folder) raises and leaves the journal as it
    was: a rewrite replaces the file only once the new one is safe, and an append that
    fails halfway is cut back to the last whole line.
    """

    def __init__(
        self,
        path: Path,
        header: Header,
        base: Sequence[Move],
        steps: Steps = (),
        note: str | None = None,
        events: Sequence[Event] = (),
    ) -> None:
        self.path = path
        self.header = header
        self._fd: int | None = None
        self._rewrite(base, steps, note, events)

    @classmethod
    def start(
        cls,
        config_path: Path,
        team: Team,
        *,
        plan_path: Path | None = None,
        plan: Plan | None = None,
        base: Sequence[Move] = (),
        note: str = "",
        path: Path | None = None,
        steps: Steps = (),
        note_now: str | None = None,
        events: Sequence[Event] = (),
    ) -> Journal:
        """A fresh journal for this session (replacing any old one for the team: restore
        or discard that first). `steps` and `note_now` (a note changed since `note`) are
        written with it, in the same atomic write."""
        path = path or journal_path(config_path, team.id)
        header = Header(
            team=team.id,
            # Informative only (the journal is found by a hash of the path): masked.
            config=mask_all(str(config_path.resolve())),
            cases_fingerprint=team.cases_fingerprint,
            plan=_header_path(plan_path) if plan_path else None,
            plan_created=plan.created.isoformat() if plan else None,
            plan_author=plan.author if plan else None,
            note=note,
            started=now().isoformat(),
            pid=os.getpid(),
            host=socket.gethostname(),
            user=login_name(),
        )
        return cls(path, header, base, steps, note_now, events)

    def _rewrite(
        self,
        base: Sequence[Move],
        steps: Steps = (),
        note: str | None = None,
        events: Sequence[Event] = (),
    ) -> None:
        private_folder(self.path.parent)
        at = now().isoformat()
        shown = display_path(self.path)
        first: dict[str, Any] = {"op": "base", "moves": _moves_json(base)}
        if events:
            _refuse_cpr(_event_texts(events), shown)
            first["events"] = _events_json(events)
        records: list[dict[str, Any]] = [first]
        for op, batch in steps:
            if op in EVENT_OPS:
                after = cast("Sequence[Event]", batch)
                _refuse_cpr(_event_texts(after), shown)
                records.append({"op": op, "events": _events_json(after), "at": at})
                continue
            moves = cast(Sequence[Move], batch)
            _refuse_cpr([m.reason for m in moves], shown)
            records.append({"op": op, "moves": _moves_json(moves), "at": at})
        if note is not None:
            _refuse_cpr([note], display_path(self.path))
            records.append({"op": "note", "note": note, "at": at})
        lines = [self.header.to_json(), *(json.dumps(r, ensure_ascii=False) for r in records)]
        atomic_write(self.path, ("\n".join(lines) + "\n").encode("utf-8"))
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_NOFOLLOW)
        except OSError as error:
            self.close()  # the old file is gone; appending to it would lose the steps
            raise journal_failed(self.path, error) from None
        self.close()
        self._fd = fd

    def _append(self, record: dict[str, Any]) -> None:
        if self._fd is None:
            raise OSError(errno.EBADF, "the journal is not open")
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        size = os.fstat(self._fd).st_size
        try:
            write_synced(self._fd, line)
        except OSError:
            # Half a line would glue itself to the next step: cut back to the last whole one.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, size)
            raise

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
        _refuse_cpr(_event_texts(events), display_path(self.path))
        self._append({"op": op, "events": _events_json(events), "at": now().isoformat()})

    def record_note(self, note: str) -> None:
        _refuse_cpr([note], display_path(self.path))
        self._append({"op": "note", "note": note, "at": now().isoformat()})

    def saved(self, plan_path: Path, plan: Plan) -> None:
        """The plan is safe in its file: clear the steps; the saved moves become the base."""
        before = self.header
        self.header = replace(
            before,
            plan=_header_path(plan_path),
            plan_created=plan.created.isoformat(),
            plan_author=plan.author,
            note=plan.note,
        )
        try:
            self._rewrite([m.as_move() for m in plan.moves], events=plan.events)
        except BaseException:
            self.header = before  # the file still has the old header and steps
            raise

    def close(self) -> None:
        """Make sure every step is on disk (each was fsync'ed already), then close."""
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def discard(self) -> None:
        """Delete the journal: the unsaved steps are given up on purpose."""
        self.close()
        discard(self.path)


def discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        fsync_folder(path.parent)


def journal_failed(path: Path, error: OSError) -> SaveFailed:
    """A journal write that failed, in words (the board says it; nothing is lost)."""
    return SaveFailed(
        [
            Problem(
                display_path(path),
                "",
                Msg("journal.not_written", reason=explain(error)),
                Msg("journal.not_written.todo"),
            )
        ],
        error.errno,
    )


# ---------------------------------------------------------------------------------------
# After a crash


@dataclass
class Recovered:
    """What a journal left by an earlier session holds."""

    path: Path
    header: Header
    base: list[Move]
    # A step is (op, moves) for the moves' ops and (op, events after it) for EVENT_OPS.
    steps: list[tuple[str, list[Move] | tuple[Event, ...]]]
    note: str
    note_changed: bool
    updated: datetime
    damaged_lines: int = 0  # lines from the first unreadable one on, not used
    leftovers: list[Leftover] = field(default_factory=list)
    # After restore(): True when every step was replayed as it was (same cases); else the
    # net moves were reconciled and `applied` holds the one step that put them back.
    exact: bool = False
    applied: list[Move] = field(default_factory=list)
    damaged_line: int = 0  # the first unreadable line (1-based), 0 when none
    kept: Path | None = None  # a copy of the whole journal, kept when a line is damaged
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
        from planner.io.planfile import Plan  # pydantic: only when a plan was being edited

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
        after = [cast("tuple[Event, ...]", b) for op, b in self.steps if op in EVENT_OPS]
        return after[-1] if after else self.base_events

    def _events_fit(self, team: Team) -> bool:
        """Whether every state of the events the journal went through fits the team."""
        states = [self.base_events]
        states += [cast("tuple[Event, ...]", b) for op, b in self.steps if op in EVENT_OPS]
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
        from planner.core.reconcile import reconcile  # a restore onto changed files only

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
                events = cast("tuple[Event, ...]", batch)
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


class HeaderFault(StrEnum):
    """Why a journal's first line cannot be used (the board says it in both languages)."""

    EMPTY = "empty"
    CUT_OFF = "cut_off"  # the file ends inside its first line
    NOT_JSON = "not_json"
    VERSION = "version"  # written by another version of planner
    UNKNOWN_KEY = "unknown_key"
    MISSING_KEY = "missing_key"
    BAD_VALUE = "bad_value"
    BAD_DATE = "bad_date"
    # A damaged line before any usable step (the base or the first step): nothing can be
    # restored, so the whole journal is kept aside as for a bad header (detail: the line).
    DAMAGED_LINE = "damaged_line"


@dataclass(frozen=True)
class JournalSummary:
    """What an unusable journal held, as far as it can be read."""

    team: str | None = None
    user: str | None = None
    started: str | None = None
    plan: str | None = None
    note_changed: bool = False
    lines: int = 0
    steps: int = 0  # lines after the header that read as steps
    moves: int = 0  # moves in those steps


class JournalUnusable(Exception):
    """A journal whose header cannot be used: it is kept aside (:func:`keep_aside`), never
    replaced, and the session starts afresh."""

    def __init__(self, path: Path, fault: HeaderFault, detail: str, summary: JournalSummary):
        super().__init__(f"{path}: {fault.value} {detail}")
        self.path = path
        self.fault = fault
        self.detail = detail  # the key, the field or the version concerned
        self.summary = summary
        self.kept: Path | None = None  # where it was put aside


_TEXT_FIELDS = ("team", "config", "cases_fingerprint", "note", "started", "host", "user")
_OPTIONAL_FIELDS = ("plan", "plan_created", "plan_author")
_REQUIRED = ("team", "config", "cases_fingerprint")
_SALVAGED = ("team", "user", "started", "plan")
_SALVAGE = re.compile(r'"(team|user|started|plan)"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _header_fault(raw: Any) -> tuple[HeaderFault, str] | None:
    """What is wrong with a parsed header line, or None when it is a good one."""
    if not isinstance(raw, dict):
        return HeaderFault.NOT_JSON, ""
    version = raw.get("journal")
    if version != JOURNAL_FORMAT or isinstance(version, bool):
        return HeaderFault.VERSION, str(version)
    known = {"journal", *_TEXT_FIELDS, *_OPTIONAL_FIELDS, "pid"}
    for key in raw:
        if key not in known:
            return HeaderFault.UNKNOWN_KEY, str(key)
    for key in _REQUIRED:
        if key not in raw:
            return HeaderFault.MISSING_KEY, key
    for key in _TEXT_FIELDS:
        if key in raw and not isinstance(raw[key], str):
            return HeaderFault.BAD_VALUE, key
    for key in _OPTIONAL_FIELDS:
        if raw.get(key) is not None and not isinstance(raw[key], str):
            return HeaderFault.BAD_VALUE, key
    if "pid" in raw and (not isinstance(raw["pid"], int) or isinstance(raw["pid"], bool)):
        return HeaderFault.BAD_VALUE, "pid"
    for key in ("started", "plan_created"):
        if raw.get(key):
            try:
                datetime.fromisoformat(raw[key])
            except ValueError:
                return HeaderFault.BAD_DATE, key
    return None


def _summary(lines: list[str], raw: Any) -> JournalSummary:
    """Team, user, start, plan and the steps an unusable journal holds, as far as legible."""
    fields: dict[str, str] = {}
    if isinstance(raw, dict):
        fields = {k: v for k, v in raw.items() if isinstance(v, str) and k in _SALVAGED}
    elif lines:
        # A header cut off or garbled: pick out the fields that are still whole.
        fields = {m.group(1): m.group(2) for m in _SALVAGE.finditer(lines[0])}
    steps = moves = 0
    note_changed = False
    for line in lines[1:]:
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if not isinstance(record, dict):
            continue
        if record.get("op") in STEP_OPS and isinstance(record.get("moves"), list):
            steps += 1
            moves += len(record["moves"])
        elif record.get("op") == "note":
            note_changed = True
    return JournalSummary(
        team=fields.get("team"),
        user=mask_all(fields["user"]) if "user" in fields else None,
        started=fields.get("started"),
        plan=fields.get("plan"),
        note_changed=note_changed,
        lines=len(lines),
        steps=steps,
        moves=moves,
    )


def _read_own(path: Path) -> bytes | None:
    """The journal's bytes; None when there is none. Only a regular file of this user's is
    read: a journal someone else put there is never restored (ProblemsFound)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ProblemsFound(
            [Problem(display_path(path), "", Msg("journal.unreadable", reason=explain(error)))]
        ) from None
    if stat.S_ISREG(st.st_mode) and st.st_uid != os.geteuid():
        raise ProblemsFound(
            [
                Problem(
                    display_path(path),
                    "",
                    Msg("journal.foreign", owner=owner_name(st.st_uid)),
                    Msg("journal.foreign.todo", path=str(path)),
                )
            ]
        )
    return read_bytes(path, follow_symlinks=False)


def read_journal(path: Path) -> Recovered | None:
    """The journal at `path`, or None when there is none.

    JournalUnusable when its header cannot be used (cut off, unknown key, bad date,
    another format version): it must then be kept aside, never overwritten. A damaged line
    further down ends the journal there: the steps before it are kept, and
    Recovered.damaged_line says where it is (the caller keeps a copy of the whole file).
    A damaged line before any usable step (the base, the first step) leaves nothing to
    restore: JournalUnusable too, so the journal is kept aside rather than replaced.
    """
    data = _read_own(path)
    if data is None:
        return None
    updated = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    lines = data.decode("utf-8", errors="replace").splitlines()
    raw: Any = None
    if not data.strip():
        raise JournalUnusable(path, HeaderFault.EMPTY, "", _summary(lines, None))
    try:
        raw = json.loads(lines[0])
    except (ValueError, RecursionError):
        cut = len(lines) == 1 and not data.endswith(b"\n")
        fault = HeaderFault.CUT_OFF if cut else HeaderFault.NOT_JSON
        raise JournalUnusable(path, fault, "", _summary(lines, None)) from None
    problem = _header_fault(raw)
    if problem is not None:
        raise JournalUnusable(path, problem[0], problem[1], _summary(lines, raw))
    raw.pop("journal")
    # Login names written before planner masked them (planner.io.files.login_name): never
    # shown, nor carried into a plan's author, as a CPR number.
    for key in ("user", "plan_author"):
        if isinstance(raw.get(key), str):
            raw[key] = mask_all(raw[key])
    header = Header(**raw)
    base: list[Move] = []
    base_events: tuple[Event, ...] = ()
    steps: list[tuple[str, list[Move] | tuple[Event, ...]]] = []
    note, note_changed = header.note, False
    damaged = damaged_line = 0
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
        except (ValueError, TypeError, KeyError, RecursionError):
            damaged = len(lines) - index
            damaged_line = index + 1
            break
    if damaged_line and not steps and not note_changed:
        raise JournalUnusable(
            path, HeaderFault.DAMAGED_LINE, str(damaged_line), _summary(lines, raw)
        )
    return Recovered(
        path,
        header,
        base,
        steps,
        note,
        note_changed,
        updated,
        damaged,
        damaged_line=damaged_line,
        base_events=base_events,
    )


def aside_path(path: Path, when: datetime | None = None) -> Path:
    """<name>.damaged-<YYYYMMDD-HHMMSS>, with -2, -3, ... when taken: the journal's own
    folder, its own name, so `ls` shows it beside the team's journal."""
    stem = f"{path.name}.damaged-{(when or now()).strftime('%Y%m%d-%H%M%S')}"
    candidate = path.with_name(stem)
    counter = 2
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{stem}-{counter}")
        counter += 1
    return candidate


def keep_aside(path: Path, *, copy: bool = False) -> Path:
    """Put a journal that cannot be used (in whole or in part) out of the way, whole.

    Renamed (`copy=False`: the session starts afresh in its place) or copied (the usable
    steps are still restored from the original). SaveFailed when that is impossible: the
    caller must then not go on, or the journal would be overwritten.
    """
    target = aside_path(path)
    try:
        if copy:
            atomic_write(target, read_bytes(path, follow_symlinks=False))
        else:
            os.rename(path, target)
            fsync_folder(path.parent)
    except OSError as error:
        raise SaveFailed(
            [
                Problem(
                    display_path(path),
                    "",
                    Msg("journal.not_kept", target=display_path(target), reason=explain(error)),
                    Msg("journal.not_kept.todo"),
                )
            ],
            error.errno,
        ) from None
    return target


def find_unsaved(config_path: Path, team_id: str) -> Recovered | None:
    """Unsaved steps left by an earlier session for this team and config, if any.

    The state folder is checked first (the user's own, writable by nobody else): a journal
    in a folder someone else controls is never read, let alone offered for restore."""
    path = journal_path(config_path, team_id)
    private_folder(path.parent)
    recovered = read_journal(path)
    return recovered if recovered and recovered.has_unsaved else None


__all__ = [
    "FILE_MODE",
    "Header",
    "HeaderFault",
    "Journal",
    "JournalSummary",
    "JournalUnusable",
    "Recovered",
    "discard",
    "find_unsaved",
    "journal_failed",
    "journal_path",
    "keep_aside",
    "read_journal",
]
