"""Messages the board's state posts, in the past tense: what happened, not what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual.message import Message

from planner.core.moves import UNASSIGNED, Move

if TYPE_CHECKING:  # only named: the events' module brings pydantic
    from planner.core.events import Event

# What changed the assignment: a move made on the board, an undo, a redo, a revert from
# the changes view, or moves applied as a whole (a plan restored, a suggestion accepted).
ChangeKind = Literal["move", "undo", "redo", "revert", "apply"]


class CasesMoved(Message):
    """Cases changed holder. Posted by PlannerApp.apply_change after every change, once
    the board has redrawn (so the change is on screen in the next frame, even while a
    dialog closes).

    `moves` are in the order they were applied (an undo lists the reversed moves), so
    replaying them on the state before reproduces the state after: a journal can append
    them as they are.
    """

    def __init__(self, moves: tuple[Move, ...], kind: ChangeKind) -> None:
        super().__init__()
        self.moves = moves
        self.kind = kind

    @property
    def touched(self) -> set[str]:
        """Worker ids whose figures changed (UNASSIGNED included when it took part)."""
        return {m.from_ for m in self.moves} | {m.to for m in self.moves}

    @property
    def touched_workers(self) -> set[str]:
        return self.touched - {UNASSIGNED}


# What changed the what-if events: a new step (added, edited, removed), an undo, a redo.
EventsKind = Literal["events", "events_undo", "events_redo"]


class EventsChanged(Message):
    """The plan's what-if events changed. Posted by PlannerApp.apply_events after every
    change; the forecast view redraws (a journal has appended already)."""

    def __init__(self, kind: EventsKind) -> None:
        super().__init__()
        self.kind = kind


class EventsChangeRequested(Message):
    """The user added, changed or removed a what-if event (the forecast view): the app
    makes it one undoable, journaled step. Screens never change the scenario themselves."""

    def __init__(self, events: tuple[Event, ...], said: str = "") -> None:
        super().__init__()
        self.events = events
        self.said = said  # what to tell the user once it is done


class MoveRequested(Message):
    """The user chose where cases go (picker or drop). The app asks what must be asked
    (household, another area), then moves: screens never change the assignment."""

    def __init__(self, case_ids: tuple[str, ...], to: str, reason: str | None = None) -> None:
        super().__init__()
        self.case_ids = case_ids
        self.to = to
        self.reason = reason


class MovesAccepted(Message):
    """The user accepted moves as a whole (a suggestion): the app applies them as one step."""

    def __init__(self, moves: tuple[Move, ...]) -> None:
        super().__init__()
        self.moves = moves
