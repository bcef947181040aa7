"""Reconciling a saved plan with the cases as they are now.

Reopening a plan against cases that have changed since (the fingerprint differs): every move
that still makes sense is applied as one undoable step, and the rest are listed with the
reason. Pure domain logic: the plan file's format lives in planner.io.plans.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from planner.core.moves import UNASSIGNED, Assignment, Move


class LeftoverReason(StrEnum):
    CASE_GONE = "case_gone"
    WORKER_GONE = "worker_gone"
    CASE_ELSEWHERE = "case_elsewhere"  # now with another worker than the plan's 'from'
    ALREADY_DONE = "already_done"  # the case system already has it with the plan's 'to'
    PINNED = "pinned"


@dataclass(frozen=True, slots=True)
class Leftover:
    """A move of the plan that was not applied, and why."""

    move: Move
    reason: LeftoverReason
    detail: str  # the worker who is gone, or who holds the case now


@dataclass(frozen=True, slots=True)
class Reconciled:
    applied: list[Move]
    leftovers: list[Leftover]


def reconcile(moves: Iterable[Move], assignment: Assignment) -> Reconciled:
    """Apply the plan's moves that still make sense, as one undoable step; list the rest.

    A move is left over when its case is gone, a worker in it is gone, the case is no
    longer with the plan's 'from' (already done, or with someone else now), or it is now
    pinned.
    """
    team = assignment.team
    applied: list[Move] = []
    leftovers: list[Leftover] = []
    for move in moves:
        reason: LeftoverReason | None = None
        detail = ""
        if move.case not in team.cases_by_id:
            reason = LeftoverReason.CASE_GONE
        else:
            gone = [
                w for w in (move.from_, move.to) if w != UNASSIGNED and w not in team.workers_by_id
            ]
            holder = assignment.holder(move.case)
            if gone:
                reason, detail = LeftoverReason.WORKER_GONE, ", ".join(gone)
            elif holder == move.to:
                reason = LeftoverReason.ALREADY_DONE
            elif holder != move.from_:
                reason = LeftoverReason.CASE_ELSEWHERE
                detail = assignment.worker(holder).name if holder else "-"
            elif team.cases_by_id[move.case].pinned:
                reason = LeftoverReason.PINNED
        if reason is None:
            applied.append(move)
        else:
            leftovers.append(Leftover(move, reason, detail))
    if applied:
        assignment.apply_moves(applied)
    return Reconciled(applied, leftovers)


__all__ = ["Leftover", "LeftoverReason", "Reconciled", "reconcile"]
