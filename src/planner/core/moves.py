"""Moves: who holds which case now, and the history of how it got there.

:class:`Assignment` is the live state behind the board, the plans and the balancer. A move
touches two workers, so only those two are re-evaluated; everything else is cached. Loads
are recomputed with :func:`math.fsum` over the worker's cases, which is exact whatever the
order of moves, so a figure after any sequence of moves equals the plain rule applied to the
same cases.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from planner.core.problems import Msg
from planner.core.rules import (
    AreaFte,
    CaseMix,
    TeamSummary,
    WorkerLoad,
    area_fte,
    case_weight,
    evaluate_worker,
    team_summary,
    worker_load,
)

if TYPE_CHECKING:  # only named: importing the models would bring pydantic to every command
    from planner.core.models import Case, Team, Worker

UNASSIGNED = ""  # the worker id of "no worker" in moves and plan files


@dataclass(frozen=True, slots=True)
class Move:
    case: str
    from_: str  # worker id, or UNASSIGNED
    to: str  # worker id, or UNASSIGNED
    reason: str | None = None

    def reversed(self) -> Move:
        return Move(self.case, self.to, self.from_, self.reason)


class MoveRefused(ValueError):
    """A move that the rules do not allow (pinned case, unknown worker, same worker).

    `text` is the keyed reason, rendered in the user's language where it is shown."""

    def __init__(self, text: Msg) -> None:
        super().__init__(str(text))
        self.text = text


@dataclass(frozen=True, slots=True)
class NetMove:
    """A case that sits with another worker than in the loaded data."""

    case: str
    from_: str
    to: str
    reason: str | None


class Assignment:
    """Who holds each case, with cached per-worker figures and unlimited undo/redo."""

    def __init__(self, team: Team, on: date) -> None:
        self.team = team
        self.on = on
        self._norms = team.norms
        self._workers = team.workers_by_id
        self._cases = team.cases_by_id
        # Every index in one pass over the cases (a department has tens of thousands).
        weights: dict[str, float] = {}
        original: dict[str, str] = {}
        position: dict[str, int] = {}
        held: dict[str, dict[str, None]] = {w: {} for w in self._workers}
        held[UNASSIGNED] = {}
        tags: dict[str, Counter[str]] = {w: Counter() for w in held}
        households: dict[str, list[str]] = {}
        area_loads: dict[str, float] = {}
        norms = self._norms
        # A case without its own weight weighs what its tags do: worked out once per set
        # of tags (the loader shares one tuple between the cases that have the same).
        tag_weight: dict[tuple[str, ...], float] = {}
        for index, case in enumerate(team.cases):
            case_id = case.id
            case_tags = case.tags
            weight = case.weight
            if weight is None:
                if case_tags:
                    weight = tag_weight.get(case_tags)
                    if weight is None:
                        weight = tag_weight[case_tags] = case_weight(case, norms)
                else:
                    weight = 1.0
            holder = case.worker or UNASSIGNED
            weights[case_id] = weight
            original[case_id] = holder
            position[case_id] = index
            held[holder][case_id] = None
            if case_tags:
                counts = tags[holder]
                for tag in case_tags if len(case_tags) == 1 else set(case_tags):
                    counts[tag] += 1
            if case.household:
                households.setdefault(case.household, []).append(case_id)
            if case.area:
                area_loads[case.area] = area_loads.get(case.area, 0.0) + weight
        self._weights = weights
        self._original = original
        self._position = position
        self._holder = dict(original)
        self._held = held
        self._tags = tags
        self._households = households
        # Cases away from their loaded holder, with the reason given for the last move.
        self._moved: dict[str, str | None] = {}
        self._cache: dict[str, WorkerLoad] = {}
        self._loads: dict[str, float] = {}  # load_of's, until the holder's cases change
        self._done: list[list[Move]] = []
        self._undone: list[list[Move]] = []
        self._area_loads = area_loads
        self._total_load = math.fsum(weights.values())
        # FTE per area depends on hours, factors and the cases' areas, never on who holds
        # them: worked out once, not on every move.
        self._area_fte: list[AreaFte] | None = None

    # -- reading --------------------------------------------------------------------------

    def holder(self, case_id: str) -> str:
        return self._holder[case_id]

    def original_holder(self, case_id: str) -> str:
        return self._original[case_id]

    def case(self, case_id: str) -> Case:
        return self._cases[case_id]

    def worker(self, worker_id: str) -> Worker:
        return self._workers[worker_id]

    def weight(self, case_id: str) -> float:
        return self._weights[case_id]

    def cases_of(self, worker_id: str) -> list[str]:
        """Case ids held by a worker (or UNASSIGNED), in the order of the loaded data.

        (Not in the order they arrived: then undo + redo would reorder a worker's list.)"""
        return sorted(self._held[worker_id], key=self._position.__getitem__)

    def count(self, worker_id: str) -> int:
        return len(self._held[worker_id])

    def household(self, case_id: str) -> list[str]:
        """All cases of the case's household (just the case when it has none)."""
        household = self._cases[case_id].household
        return list(self._households[household]) if household else [case_id]

    def load_of(self, worker_id: str) -> float:
        load = self._loads.get(worker_id)
        if load is None:
            load = self._loads[worker_id] = math.fsum(
                self._weights[c] for c in self._held[worker_id]
            )
        return load

    def evaluate(self, worker_id: str) -> WorkerLoad:
        cached = self._cache.get(worker_id)
        if cached is None:
            mix = CaseMix(len(self._held[worker_id]), self._tags[worker_id])
            cached = worker_load(
                self._workers[worker_id], self._norms, mix, self.load_of(worker_id), self.on
            )
            self._cache[worker_id] = cached
        return cached

    def evaluate_all(self) -> list[WorkerLoad]:
        return [self.evaluate(w.id) for w in self.team.workers]

    def summary(self) -> TeamSummary:
        unassigned = self._held[UNASSIGNED]
        if self._area_fte is None:
            self._area_fte = area_fte(self.team, self._area_loads, self.on)
        return team_summary(
            self.team,
            self.evaluate_all(),
            len(unassigned),
            self.load_of(UNASSIGNED),
            self._area_loads,
            self.on,
            total_load=self._total_load,
            areas=list(self._area_fte),
        )

    def all_within(self) -> bool:
        """Everyone within range; someone away counts only when holding cases to cover."""
        return all(wl.fits for wl in self.evaluate_all())

    def preview(self, case_ids: Sequence[str], to: str) -> WorkerLoad:
        """The figures `to` would have after receiving `case_ids` (nothing is changed)."""
        incoming = [c for c in case_ids if self._holder[c] != to]
        tags = Counter(self._tags[to])
        for case_id in incoming:
            tags.update(set(self._cases[case_id].tags))
        load = math.fsum(
            [*(self._weights[c] for c in self._held[to]), *(self._weights[c] for c in incoming)]
        )
        mix = CaseMix(len(self._held[to]) + len(incoming), tags)
        return worker_load(self._workers[to], self._norms, mix, load, self.on)

    def preview_without(self, worker_id: str, case_ids: Sequence[str]) -> WorkerLoad:
        """The figures `worker_id` would have after giving away `case_ids`."""
        leaving = {c for c in case_ids if self._holder[c] == worker_id}
        remaining = [c for c in self._held[worker_id] if c not in leaving]
        tags: Counter[str] = Counter()
        for case_id in remaining:
            tags.update(set(self._cases[case_id].tags))
        load = math.fsum(self._weights[c] for c in remaining)
        return worker_load(
            self._workers[worker_id], self._norms, CaseMix(len(remaining), tags), load, self.on
        )

    def out_of_area(self, case_id: str, to: str) -> bool:
        """True when the case belongs to another area than `to`'s (the leader must confirm)."""
        area = self._cases[case_id].area
        return to != UNASSIGNED and area is not None and area != self._workers[to].area

    def check_move(self, case_id: str, to: str, holder: str | None = None) -> None:
        """Raise MoveRefused when `case_id` may not go to `to` (from `holder`, by default
        its holder now)."""
        if case_id not in self._cases:
            raise MoveRefused(Msg("refused.unknown_case", case=case_id))
        if to != UNASSIGNED and to not in self._workers:
            raise MoveRefused(Msg("refused.unknown_worker", worker=to))
        if self._cases[case_id].pinned:
            raise MoveRefused(Msg("refused.pinned", case=case_id))
        if (self._holder[case_id] if holder is None else holder) == to:
            raise MoveRefused(Msg("refused.already_there", case=case_id))

    # -- changing -------------------------------------------------------------------------

    def _apply(self, move: Move) -> None:
        case = self._cases[move.case]
        tags = set(case.tags)
        del self._held[move.from_][move.case]
        self._tags[move.from_].subtract(tags)
        self._held[move.to][move.case] = None
        self._tags[move.to].update(tags)
        self._holder[move.case] = move.to
        if move.to == self._original[move.case]:
            self._moved.pop(move.case, None)
        else:
            self._moved[move.case] = move.reason
        for holder in (move.from_, move.to):
            self._cache.pop(holder, None)
            self._loads.pop(holder, None)

    def move(self, case_ids: Iterable[str], to: str, reason: str | None = None) -> list[Move]:
        """Move cases to `to` as one undoable step; cases already there are skipped.

        All or nothing: when any case is refused, nothing moves.
        """
        batch = []
        for case_id in dict.fromkeys(case_ids):
            if case_id in self._cases and self._holder[case_id] == to:
                continue
            self.check_move(case_id, to)
            batch.append(Move(case_id, self._holder[case_id], to, reason))
        if batch:
            for move in batch:
                self._apply(move)
            self._done.append(batch)
            self._undone.clear()
        return batch

    def apply_moves(self, moves: Iterable[Move]) -> list[Move]:
        """Apply explicit moves (a plan, a suggestion) as one undoable step.

        All or nothing: every move is checked (against the holders the earlier moves of
        the step leave) before any is applied.
        """
        batch = list(moves)
        holders: dict[str, str] = {}
        for move in batch:
            if move.case not in self._cases:
                self.check_move(move.case, move.to)  # raises: unknown case
            holder = holders.get(move.case, self._holder[move.case])
            self.check_move(move.case, move.to, holder)
            if holder != move.from_:
                raise MoveRefused(
                    Msg("refused.elsewhere", case=move.case, holder=holder, expected=move.from_)
                )
            holders[move.case] = move.to
        for move in batch:
            self._apply(move)
        if batch:
            self._done.append(batch)
            self._undone.clear()
        return batch

    def revert(self, *case_ids: str) -> list[Move]:
        """Send cases back to their original holders, as one new undoable step."""
        return self.apply_moves(
            [
                Move(case_id, self._holder[case_id], self._original[case_id], None)
                for case_id in dict.fromkeys(case_ids)
                if self._holder[case_id] != self._original[case_id]
            ]
        )

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_depth(self) -> int:
        """How many steps undo can take back (the what-if events' history keys on it)."""
        return len(self._done)

    def clear_redo(self) -> None:
        """Another kind of step was taken (a what-if event): the undone moves are gone."""
        self._undone.clear()

    def undo(self) -> list[Move]:
        """Take back the last step; returns the moves as they were undone (reversed)."""
        if not self._done:
            return []
        batch = self._done.pop()
        undone = [m.reversed() for m in reversed(batch)]
        for move in undone:
            self._apply(move)
        # A case still away from its loaded holder keeps the reason of the move that put
        # it where it is now (the last earlier step that moved it), not the undone one's.
        away = {m.case for m in batch if m.case in self._moved}
        for step in reversed(self._done):
            for move in reversed(step):
                if move.case in away:
                    self._moved[move.case] = move.reason
                    away.discard(move.case)
            if not away:
                break
        self._undone.append(batch)
        return undone

    def redo(self) -> list[Move]:
        if not self._undone:
            return []
        batch = self._undone.pop()
        for move in batch:
            self._apply(move)
        self._done.append(batch)
        return batch

    # -- the plan -------------------------------------------------------------------------

    def net_moves(self) -> list[NetMove]:
        """Cases not with their loaded holder, in the order of the loaded data."""
        return [
            NetMove(case.id, self._original[case.id], self._holder[case.id], self._moved[case.id])
            for case in self.team.cases
            if case.id in self._moved
        ]

    @property
    def has_moves(self) -> bool:
        return bool(self._moved)

    @property
    def moved_count(self) -> int:
        """len(net_moves()) without walking every case (the board shows it after each move)."""
        return len(self._moved)

    def snapshot(self) -> dict[str, str]:
        """Case id -> holder, for comparisons in tests and the balancer."""
        return dict(self._holder)


@dataclass(frozen=True, slots=True)
class Impact:
    """One worker's figures before and after a set of moves."""

    before: WorkerLoad
    after: WorkerLoad


def impact(
    team: Team,
    holders: Mapping[str, str],
    moves: Iterable[Move],
    on: date,
    workers: Iterable[str] | None = None,
) -> dict[str, Impact]:
    """Before -> after for each worker the moves touch (or each of `workers`), in the team's
    order, by the plain rule: the one calculation behind a plan's, a suggestion's and the
    board's before/after tables. `holders` maps case id -> worker id ("" unassigned);
    nothing is changed."""
    moves = list(moves)
    wanted = (
        set(workers)
        if workers is not None
        else {w for m in moves for w in (m.from_, m.to) if w != UNASSIGNED}
    )
    held: dict[str, list[str]] = {w.id: [] for w in team.workers if w.id in wanted}
    for case_id, holder in holders.items():
        if holder in held:
            held[holder].append(case_id)
    after = {w: list(cases) for w, cases in held.items()}
    for move in moves:
        if move.from_ in after and move.case in after[move.from_]:
            after[move.from_].remove(move.case)
        if move.to in after:
            after[move.to].append(move.case)

    def figures(worker_id: str, cases: list[str]) -> WorkerLoad:
        return evaluate_worker(
            team.workers_by_id[worker_id], (team.cases_by_id[c] for c in cases), team.norms, on
        )

    return {w: Impact(figures(w, held[w]), figures(w, after[w])) for w in held}
