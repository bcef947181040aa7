"""What the board says about moves, shared by the app and its screens (no app import)."""

from __future__ import annotations

from collections.abc import Sequence

from planner.core.moves import Assignment
from planner.i18n import t, worker_name


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
