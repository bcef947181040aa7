"""What the board says about moves, shared by the app and its screens (no app import)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.core.moves import Assignment
from planner.i18n import t, worker_name


def household_extra(
    assignment: Assignment, case_ids: Sequence[str], to: str | None = None
) -> list[str]:
    """Household members of the cases that are not among them (nor already with `to`)."""
    chosen = set(case_ids)
    extra: dict[str, None] = {}
    for case_id in case_ids:
        for member in assignment.household(case_id):
            if member not in chosen and (to is None or assignment.holder(member) != to):
                extra[member] = None
    return list(extra)


def with_household(assignment: Assignment, case_ids: Sequence[str]) -> list[str]:
    """What a move of `case_ids` takes when the leader accepts the household offer (the
    first answer): the cases and their household's movable members. Previews show this."""
    extra = household_extra(assignment, case_ids)
    return [*case_ids, *(m for m in extra if not assignment.case(m).pinned)]


def move_refusal(
    assignment: Assignment, case_ids: Sequence[str], read_only: str | None, lang: str
) -> str | None:
    """Why these cases cannot move at all (read-only board, a pinned case), else None.

    `read_only` is the reason the board is read-only, or None when it is not."""
    if read_only is not None:
        return t("move.read_only", lang, reason=read_only)
    pinned = [c for c in case_ids if assignment.case(c).pinned]
    if pinned:
        holder = worker_name(assignment.team, assignment.holder(pinned[0]), lang)
        return t("move.pinned", lang, cases=", ".join(pinned), holder=holder)
    return None


@dataclass
class MoveReasons:
    """The reasons a move can be given and the one chosen. The board keeps one for the
    session, so the next move starts with the reason the last one had, not "none"."""

    options: list[str | None]
    chosen: str | None = None

    @classmethod
    def of(cls, reasons: Sequence[str]) -> MoveReasons:
        return cls([None, *reasons])

    def next(self) -> None:
        index = self.options.index(self.chosen) if self.chosen in self.options else 0
        self.chosen = self.options[(index + 1) % len(self.options)]

    def choose(self, reason: str) -> None:
        """A reason of one's own joins the list for the rest of the session."""
        if reason not in self.options:
            self.options.append(reason)
        self.chosen = reason
