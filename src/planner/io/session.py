"""A planning session on one team: lock, journal, the plan being edited, saving. No Textual.

The board owns an :class:`~planner.core.moves.Assignment`; this object keeps the leader's
work safe around it:

1. :meth:`PlanSession.open` takes the team's lock (or learns who holds it: the UI then
   offers read-only or quit), applies ``--plan FILE`` reconciled against the cases as they
   are now, and looks for unsaved steps a crashed session left behind.
2. The UI asks about those (:attr:`recovered`), then calls :meth:`restore` or
   :meth:`discard_recovered`; only then is this session's journal started (so nothing left
   behind is overwritten before the leader has answered).
3. Every step is passed to :meth:`record` (moves) or :meth:`record_events` (what-if
   events, held in :attr:`scenario`) as it happens (journal, fsync).
4. :meth:`save` writes the plan atomically and clears the journal; :meth:`close` ends the
   session: the journal is deleted when nothing is unsaved (or the leader said so), kept
   otherwise, and the lock is released.

Faults while the board runs (a full disk, a read-only state folder) never end the session:
the board holds every move; :attr:`journal_error` says what failed, and the next step or
save writes the journal again from the board (:meth:`_resync`). A journal that cannot be
used is never overwritten: it is kept aside (:attr:`set_aside`, :attr:`Recovered.kept`).
5. :meth:`hang_up` is the end after a hang-up, callable from any thread while the UI may
   be stuck: the journal is made durable and closed (kept as it is), the lock released.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planner.core.cpr import find_cpr
from planner.core.moves import Assignment, Move, NetMove
from planner.core.problems import Msg, Problem, ProblemsFound
from planner.core.scenario import Scenario
from planner.io.files import SaveFailed, display_path, replaceable
from planner.io.journal import (
    EVENT_OPS,
    Journal,
    JournalUnusable,
    Recovered,
    find_unsaved,
    journal_failed,
    keep_aside,
)
from planner.io.lock import LockHeld, LockInfo, TeamLock, acquire
from planner.io.plans import (
    PlacedBecause,
    new_plan_path,
    open_plan,
    plan_from,
    plans_location,
    write_plan,
)

if TYPE_CHECKING:  # only named (pydantic's schemas; reconcile only for --plan and restores)
    from planner.core.events import Event
    from planner.core.reconcile import Leftover
    from planner.io.planfile import Plan


def check_note(note: str) -> None:
    """Refuse a note holding a CPR number (the UI shows the message; nothing is kept)."""
    masked = find_cpr(note)
    if masked:
        raise ProblemsFound(
            [
                Problem(
                    "note",
                    "",
                    Msg("load.cpr_found", masked=masked),
                    Msg("load.cpr_remove.todo"),
                )
            ]
        )


@dataclass
class PlanSession:
    config_path: Path
    assignment: Assignment
    plan_path: Path | None = None  # where ctrl+s writes; None = a new file in plans/
    previous: Plan | None = None  # the plan as last opened or saved
    note: str = ""
    lock: TeamLock | None = None
    held_by: LockInfo | None = None  # set when another live session holds the team
    read_only: bool = False
    leftovers: list[Leftover] = field(default_factory=list)
    recovered: Recovered | None = None
    journal: Journal | None = None
    opened_moves: list[Move] = field(default_factory=list)  # the --plan step, if any
    # A journal of an earlier session whose header could not be used, and where it was put.
    set_aside: JournalUnusable | None = None
    # Set while the journal lags behind the board (a write failed); None once it is whole.
    journal_error: SaveFailed | None = None
    _journal_base: list[Move] = field(default_factory=list)
    _journal_events: tuple[Event, ...] = ()  # the what-if events of the journal's base
    # The plan's what-if events, with their undo history (shared with the moves').
    scenario: Scenario = field(init=False)
    dropped_events: int = 0  # after a restore onto changed files: events that no longer fit
    # Serialises journal writes with the end of the session, which a hang-up may bring
    # about from another thread (planner.ui.hangup).
    _io: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)
    _ended: bool = field(default=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.scenario = Scenario(self.assignment)

    @classmethod
    def open(
        cls, config_path: Path, assignment: Assignment, plan_path: Path | None = None
    ) -> PlanSession:
        """Lock the team, apply --plan, find unsaved work. ProblemsFound for a bad plan."""
        session = cls(config_path, assignment)
        try:
            session.lock = acquire(config_path, assignment.team.id)
        except LockHeld as held:
            session.held_by = held.info
            session.read_only = True
        try:
            if plan_path is not None:
                plan, result = open_plan(plan_path, assignment)
                session.plan_path = plan_path
                session.previous = plan
                session.note = plan.note
                session.leftovers = result.leftovers
                session.opened_moves = result.applied
                session.scenario.events = plan.events
            if not session.read_only:
                session.recovered = session._find_unsaved()
                if session.recovered is None:
                    session.start_journal()
        except BaseException:
            # A refused start (bad plan, unsafe state folder, ...) must leave no lock behind.
            session.close()
            raise
        return session

    # -- after a crash ---------------------------------------------------------------------

    def _find_unsaved(self) -> Recovered | None:
        """The crashed session's journal, if any; one that cannot be used (in whole or from
        a damaged line on) is kept aside first, so starting afresh overwrites nothing."""
        team_id = self.assignment.team.id
        try:
            recovered = find_unsaved(self.config_path, team_id)
        except JournalUnusable as unusable:
            unusable.kept = keep_aside(unusable.path)
            self.set_aside = unusable
            return None
        if recovered is not None and recovered.damaged_lines:
            recovered.kept = keep_aside(recovered.path, copy=True)
        return recovered

    def restore(self) -> list[Leftover]:
        """Take the unsaved steps of the crashed session; they replace what --plan applied."""
        recovered = self.recovered
        if recovered is None:
            return []
        if self.opened_moves:
            self.assignment.undo()  # the --plan step: the journal starts from its own base
        team = self.assignment.team
        self.scenario = Scenario(self.assignment)
        leftovers = recovered.restore(self.assignment, self.scenario)
        self.dropped_events = recovered.dropped_events
        self.plan_path = recovered.plan_path
        self.previous = recovered.previous_plan(team)
        if self.previous is not None:
            # The saved plan as the journal last knew it: its moves are the journal's base.
            self.previous = plan_from(
                self.assignment,
                note=recovered.header.note,
                previous=self.previous,
                moves=[NetMove(m.case, m.from_, m.to, m.reason) for m in recovered.base],
                events=recovered.base_events,
            )
        self.note = recovered.note
        self.leftovers = leftovers
        self.recovered = None
        try:
            self.start_journal(replay=recovered)
        except SaveFailed as failed:
            # The board holds the restored work and the old journal is untouched: say so,
            # and write the journal again at the next step.
            self.journal_error = failed
        return leftovers

    def discard_recovered(self) -> None:
        """Give up the crashed session's unsaved steps (the leader said so)."""
        if self.recovered is not None:
            path = self.recovered.path
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                # It stays, and is offered again next time; the board goes on.
                self.journal_error = journal_failed(path, error)
                self.recovered = None
                return
            self.recovered = None
        try:
            self.start_journal()
        except SaveFailed as failed:
            self.journal_error = failed

    # -- as the leader works ---------------------------------------------------------------

    def start_journal(self, replay: Recovered | None = None) -> None:
        """This session's journal, from the state the board starts in."""
        with self._io:
            self._start_journal(replay)

    def _start_journal(self, replay: Recovered | None) -> None:
        if self.read_only or self._ended:
            return
        events: tuple[Event, ...]
        if replay is not None and replay.exact:
            base, events = replay.base, replay.base_events
        elif replay is not None:
            # Changed cases: the restored steps below are relative to the files as they are.
            base, events = [], ()
        elif self.opened_moves:
            base, events = self.opened_moves, self.scenario.events
        else:
            base = [m.as_move() for m in self.previous.moves] if self.previous else []
            events = self.scenario.events
        steps: list[tuple[str, Sequence[Move] | Sequence[Event]]] = []
        note_now = None
        if replay is not None:
            # Carry the restored, still unsaved steps into this session's journal.
            if replay.exact:
                steps = [(op, batch) for op, batch in replay.steps if batch or op in EVENT_OPS]
            else:
                if replay.applied:
                    steps = [("do", replay.applied)]
                if self.scenario.events:
                    steps.append(("events", self.scenario.events))
            if replay.note_changed:
                note_now = replay.note
        self.journal = Journal.start(
            self.config_path,
            self.assignment.team,
            plan_path=self.plan_path,
            plan=self.previous,
            base=base,
            note=self.previous.note if self.previous else "",
            steps=steps,
            note_now=note_now,
            events=events,
        )
        self._journal_base = list(base)
        self._journal_events = tuple(events)

    def _resync(self) -> None:
        """Write the journal again from the board: its base, then one step to where the board
        is now (the undo history before it is given up), and the note. SaveFailed when that
        fails too; the journal on disk is then as it was."""
        state = {c.id: self.assignment.original_holder(c.id) for c in self.assignment.team.cases}
        for move in self._journal_base:
            state[move.case] = move.to
        reasons = {m.case: m.reason for m in self.assignment.net_moves()}
        step = [
            Move(case, holder, self.assignment.holder(case), reasons.get(case))
            for case, holder in state.items()
            if self.assignment.holder(case) != holder
        ]
        saved_note = self.previous.note if self.previous else ""
        steps: list[tuple[str, Sequence[Move] | Sequence[Event]]] = [("do", step)] if step else []
        if self.scenario.events != self._journal_events:
            steps.append(("events", self.scenario.events))
        journal = Journal.start(
            self.config_path,
            self.assignment.team,
            plan_path=self.plan_path,
            plan=self.previous,
            base=self._journal_base,
            note=saved_note,
            steps=steps,
            note_now=self.note if self.note != saved_note else None,
            path=self.journal.path if self.journal is not None else None,
            events=self._journal_events,
        )
        if self.journal is not None:
            self.journal.close()
        self.journal = journal
        self.journal_error = None

    def record(self, op: str, moves: Sequence[Move]) -> None:
        """Make one step durable (journal, fsync) as it happens.

        Never raises for a write that fails: :attr:`journal_error` says what happened, the
        board keeps the step, and the next step (or a save) writes the journal again.
        ProblemsFound (a CPR number in a reason) is raised as before."""
        if moves:
            self._journal_step(lambda journal: journal.record(op, moves))

    def record_events(self, op: str) -> None:
        """Make one step on the what-if events durable, as :meth:`record` does for moves."""
        self._journal_step(lambda journal: journal.record_events(op, self.scenario.events))

    def set_note(self, note: str) -> None:
        check_note(note)
        if note != self.note:
            self.note = note
            self._journal_step(lambda journal: journal.record_note(note))

    def _journal_step(self, write: Callable[[Journal], None]) -> None:
        """One write to the journal, the same way for every kind of step. Serialised with
        the end of the session, which a hang-up may bring about from another thread."""
        with self._io:
            if self._ended or self.read_only or self.recovered is not None:
                return  # (the crashed session's journal is never written before it is answered)
            if self.journal is None or self.journal_error is not None:
                self._sync_or_note()
                return
            try:
                write(self.journal)
            except OSError as error:
                self.journal_error = journal_failed(self.journal.path, error)

    def _sync_or_note(self) -> None:
        try:
            self._resync()
        except SaveFailed as failed:
            self.journal_error = failed

    @property
    def unsaved(self) -> bool:
        """True when the board or the note differs from the plan as last opened or saved."""
        saved = {(m.case, m.from_, m.to) for m in self.previous.moves} if self.previous else set()
        current = {(m.case, m.from_, m.to) for m in self.assignment.net_moves()}
        events = self.previous.events if self.previous else ()
        return (
            current != saved
            or self.scenario.events != events
            or self.note != (self.previous.note if self.previous else "")
        )

    # -- saving ----------------------------------------------------------------------------

    def target(self) -> tuple[Path, PlacedBecause | None]:
        """Where ctrl+s writes, and why when that is not beside the config."""
        if self.plan_path is not None:
            return self.plan_path, None
        _, because = plans_location(self.config_path)
        return new_plan_path(self.config_path, self.assignment.team.id), because

    def save(self, path: Path | None = None) -> Path:
        """Write the plan (atomically, 0600) and clear the journal. Returns the path.

        ProblemsFound (CPR) or SaveFailed (disk full, permission denied) leave the previous
        file and the journal as they were.
        """
        if self.read_only:
            raise ProblemsFound(
                [Problem("", "", Msg("session.read_only"), Msg("session.read_only.todo"))]
            )
        target = path or self.target()[0]
        # Only a regular file is ever replaced (not a device, a FIFO, a symlink or a loop).
        exists = replaceable(target)
        same_file = self.plan_path is not None and target.resolve() == self.plan_path.resolve()
        if not same_file and exists:
            # Only the plan this session opened or saved is ever overwritten: a typo in the
            # file name must not replace another plan, let alone a cases or team file.
            raise ProblemsFound(
                [Problem(display_path(target), "", Msg("io.exists"), Msg("session.exists.todo"))]
            )
        plan = plan_from(
            self.assignment,
            note=self.note,
            previous=self.previous if same_file else None,
            events=self.scenario.events,
        )
        write_plan(target, plan, self.assignment.team)
        self.plan_path = target
        self.previous = plan
        # The plan is safe. Clearing the journal may still fail (the state folder is on
        # another disk): then it keeps the steps, harmless, and is rewritten at the next step.
        with self._io:
            try:
                if self.journal is not None and self.journal_error is None:
                    self.journal.saved(target, plan)
                    self._journal_base = [m.as_move() for m in plan.moves]
                    self._journal_events = plan.events
                else:
                    self._journal_base = [m.as_move() for m in plan.moves]
                    self._journal_events = plan.events
                    self._resync()
            except SaveFailed as failed:
                self.journal_error = failed
        return target

    # -- the end ---------------------------------------------------------------------------

    def close(self, *, keep_unsaved: bool = True) -> None:
        """End the session: keep the journal only while it holds unsaved work we keep."""
        with self._io:
            if self.journal_error is not None and self.unsaved and keep_unsaved:
                # One more try to get the board's last steps on disk before the end.
                with contextlib.suppress(SaveFailed):
                    self._resync()
            self._ended = True
            if self.journal is not None:
                if self.unsaved and keep_unsaved:
                    self.journal.close()
                else:
                    with contextlib.suppress(OSError):
                        self.journal.discard()
                self.journal = None
            self._release_lock()

    def hang_up(self, wait_s: float = 1.0) -> None:
        """The end after a hang-up, from any thread: fsync and close the journal (kept as
        it is: it holds every step), release the lock. Idempotent.

        Waits up to `wait_s` for a journal write in progress; if the main thread is stuck
        in one, the journal is left to it (every finished step is on disk already) and only
        the lock is released.
        """
        got = self._io.acquire(timeout=wait_s)
        try:
            self._ended = True
            if got and self.journal is not None:
                journal, self.journal = self.journal, None
                try:
                    # Read while the UI thread may still be changing the board: a journal
                    # is kept whenever that cannot be told for sure.
                    nothing_unsaved = not self.unsaved
                except Exception:
                    nothing_unsaved = False
                with contextlib.suppress(OSError):
                    if nothing_unsaved:
                        journal.discard()
                    else:
                        journal.close()
            self._release_lock()
        finally:
            if got:
                self._io.release()

    def _release_lock(self) -> None:
        lock, self.lock = self.lock, None
        if lock is not None:
            with contextlib.suppress(OSError):
                lock.release()
