"""Messages the board's state posts, in the past tense: what happened, not what to do."""

from __future__ import annotations

from typing import Literal

from textual.message import Message

from planner.core.moves import UNASSIGNED, Move

# What changed the assignment: a move made on the board, an undo, a redo, a revert from
# the changes view, or moves applied as a whole (a plan restored, a suggestion accepted).
ChangeKind = Literal["move", "undo", "redo", "revert", "apply"]


class CasesMoved(Message):
    """Cases changed holder. Posted by PlannerApp.apply_change after every change.

    `moves` are in the order they were applied (an undo lists the reversed moves), so
    replaying them on the state before reproduces the state after: a journal can append
    them as they are.
    """

    def __init__(self, moves: tuple[Move, ...], kind: ChangeKind, *, drawn: bool = False) -> None:
        super().__init__()
        self.moves = moves
        self.kind = kind
        # apply_change redraws the board before it posts (so the change is on screen in
        # the next frame, even while a dialog closes); anyone else posting leaves it False
        # and the app redraws on receipt.
        self.drawn = drawn

    @property
    def touched(self) -> set[str]:
        """Worker ids whose figures changed (UNASSIGNED included when it took part)."""
        return {m.from_ for m in self.moves} | {m.to for m in self.moves}

    @property
    def touched_workers(self) -> set[str]:
        return self.touched - {UNASSIGNED}


# What changed the what-if events: a new step (added, edited, removed), an undo, a redo,
# or the events put back as a whole (a restore).
EventsKind = Literal["events", "events_undo", "events_redo"]


class EventsChanged(Message):
    """The plan's what-if events changed. Posted by PlannerApp.apply_events after every
    change; the forecast view redraws, a journal appends."""

    def __init__(self, kind: EventsKind) -> None:
        super().__init__()
        self.kind = kind


class LanguageChanged(Message):
    """The language on screen changed (da or en)."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
