"""What-if events: hypothetical changes that apply only within one plan (a scenario).

A plan of format 2 carries ``[[events]]`` besides its moves:

* ``absence``: a worker is away (or works at a lower factor) from a date, optionally until
  one; ``factor`` defaults to 0 (leave, maternity leave, long sickness);
* ``departure``: a worker's last working day;
* ``arrival``: a new worker (a new hire from their first working day);
* ``intake``: an area's weekly intake from a date (replacing teams.toml's).

:func:`scenario_team` turns a team and its events into the team the forecast computes with
(adjustments added, leaving dates set, new workers appended); :func:`intake_schedule` gives
each area's intake week by week. :class:`Scenario` holds the events of the plan being
edited, with undo and redo that interleave with the moves' (one history for the leader).

Pure: no I/O, no Textual. The events themselves (and their schema in a plan file) are
planner.core.events; this module tells them apart by their ``kind`` and never imports them,
so the board's start does not pay for pydantic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from planner.core.models import Adjustment, Team, Worker
from planner.core.moves import Assignment
from planner.core.rules import CAPACITY_CEILING, CAPACITY_FLOOR, capacity_bounds

if TYPE_CHECKING:  # only named: importing the events would bring pydantic to every start
    from planner.core.events import Event

# The reason an absence carries in the scenario when the leader gave none.
ABSENCE_REASON = "Fravær"


# ---------------------------------------------------------------------------------------
# Checking events against a team


class IssueKind(StrEnum):
    UNKNOWN_WORKER = "unknown_worker"
    UNKNOWN_AREA = "unknown_area"
    WORKER_EXISTS = "worker_exists"  # an arrival's id is taken
    LEAVES_BEFORE_START = "leaves_before_start"  # a departure before the worker's start
    # The capacity floor and ceiling teams.toml keeps (planner.core.rules.capacity_bounds):
    # an absence's factor or an arrival's hours that would take a worker outside them.
    CAPACITY_LOW = "capacity_low"
    CAPACITY_HIGH = "capacity_high"


@dataclass(frozen=True, slots=True)
class EventIssue:
    """What is wrong with event `index` (the file and the board word it themselves)."""

    index: int
    kind: IssueKind
    value: str  # the worker id or area named
    field: str | None = None  # the event's key at fault, when not the worker or area

    @property
    def key(self) -> str:
        """The event's key that holds the value."""
        if self.field is not None:
            return self.field
        return "area" if self.kind is IssueKind.UNKNOWN_AREA else "worker"


def area_named(team: Team, name: str) -> str | None:
    """The area of the team's norm set that `name` names, by id or by label, whatever the
    case and spacing (as the case loader reads an export): None when none does."""
    areas = team.norms.areas
    if name in areas:
        return name
    wanted = " ".join(name.split()).casefold()
    for area_id, area in areas.items():
        if wanted in (area_id.casefold(), " ".join(area.label.split()).casefold()):
            return area_id
    return None


def with_area_ids(team: Team, events: Iterable[Event]) -> tuple[Event, ...]:
    """The events with each area written as the norm set's id ("Sygedagpenge" ->
    "sygedagpenge"); an area that names nothing is left as it is (for event_issues)."""
    out: list[Event] = []
    for event in events:
        if event.kind in ("arrival", "intake"):
            area = area_named(team, event.area)
            if area is not None and area != event.area:
                event = event.model_copy(update={"area": area})
        out.append(event)
    return tuple(out)


def event_issues(team: Team, events: Sequence[Event]) -> list[EventIssue]:
    """Events that name an unknown worker or area, reuse a worker id, or take a worker's
    capacity outside the bounds teams.toml keeps. A worker who arrives in an earlier event
    may be named by later ones (leave for a new hire). An event found at fault is left
    out when the later ones are judged, so each fault is named once, where it is."""
    issues: list[EventIssue] = []
    workers: dict[str, Worker] = {w.id: w for w in team.workers}
    named = set(workers)  # ids the events may name: the team's and every arrival's
    for index, event in enumerate(events):
        if event.kind == "intake":
            if event.area not in team.norms.areas:
                issues.append(EventIssue(index, IssueKind.UNKNOWN_AREA, event.area))
            continue
        if event.kind == "arrival":
            taken = event.worker in named
            if taken:
                issues.append(EventIssue(index, IssueKind.WORKER_EXISTS, event.worker))
            named.add(event.worker)
            if event.area not in team.norms.areas:
                issues.append(EventIssue(index, IssueKind.UNKNOWN_AREA, event.area))
            if taken or event.area not in team.norms.areas:
                continue
            before = None
        elif event.worker not in named:
            issues.append(EventIssue(index, IssueKind.UNKNOWN_WORKER, event.worker))
            continue
        else:
            before = workers.get(event.worker)
            if before is None:
                continue  # an arrival refused above: nothing to judge against
            if event.kind == "departure" and before.started and event.day < before.started:
                issues.append(EventIssue(index, IssueKind.LEAVES_BEFORE_START, event.worker))
                continue
        _apply(workers, event, team)
        if event.kind != "departure":
            field = "hours" if event.kind == "arrival" else "factor"
            found = _capacity_issues(index, workers[event.worker], team, field)
            if found:
                issues.extend(found)
                _undo(workers, event.worker, before)
    return issues


def _undo(workers: dict[str, Worker], worker_id: str, before: Worker | None) -> None:
    if before is None:
        del workers[worker_id]
    else:
        workers[worker_id] = before


def _capacity_issues(index: int, worker: Worker, team: Team, field: str) -> list[EventIssue]:
    """The worker as the events so far make them, against the capacity floor and ceiling."""
    low, high = capacity_bounds(worker, team.norms)
    if low < CAPACITY_FLOOR:
        return [EventIssue(index, IssueKind.CAPACITY_LOW, worker.id, field)]
    if high > CAPACITY_CEILING:
        return [EventIssue(index, IssueKind.CAPACITY_HIGH, worker.id, field)]
    return []


# ---------------------------------------------------------------------------------------
# The scenario's team and intake


def scenario_team(team: Team, events: Iterable[Event]) -> Team:
    """The team as the events make it: absences as adjustments, leaving dates, new workers.

    Events that do not fit the team (see :func:`event_issues`) are skipped; callers check
    first. Cases and everything else are the team's own.
    """
    workers: dict[str, Worker] = {w.id: w for w in team.workers}
    for event in events:
        _apply(workers, event, team)
    # replace() builds the team's indexes (workers_by_id) afresh.
    return team.replace(workers=tuple(workers.values()))


def _apply(workers: dict[str, Worker], event: Event, team: Team) -> None:
    """One event on the workers (by id), as :func:`scenario_team` applies it."""
    if event.kind == "arrival":
        if event.worker not in workers and event.area in team.norms.areas:
            workers[event.worker] = Worker(
                id=event.worker,
                name=event.name,
                area=event.area,
                hours=event.hours,
                started=event.day,
            )
    elif event.kind == "absence":
        worker = workers.get(event.worker)
        if worker is not None:
            # The event's schema checked what an adjustment's would (a factor within
            # [0, FACTOR_MAX], from not after until).
            absence = Adjustment(
                reason=event.reason or ABSENCE_REASON,
                factor=event.factor,
                from_=event.from_,
                until=event.until,
            )
            workers[worker.id] = worker.model_copy(
                update={"adjustments": [*worker.adjustments, absence]}
            )
    elif event.kind == "departure":
        worker = workers.get(event.worker)
        if worker is not None and (worker.started is None or event.day >= worker.started):
            left = min(event.day, worker.left) if worker.left else event.day
            workers[worker.id] = worker.model_copy(update={"left": left})


def events_in_force(events: Iterable[Event], on: dt.date) -> list[Event]:
    """The events that change someone's capacity on `on`: an absence running then, a
    departure whose last working day has passed, an arrival who has started. (The board
    shows the team as its files have it; these are what the forecast's week adds.)"""
    found: list[Event] = []
    for event in events:
        if event.kind == "absence":
            if event.from_ <= on and (event.until is None or on <= event.until):
                found.append(event)
        elif event.kind == "departure":
            if event.day < on:
                found.append(event)
        elif event.kind == "arrival" and event.day <= on:
            found.append(event)
    return found


def intake_schedule(
    team: Team, events: Iterable[Event], week_starts: Sequence[dt.date]
) -> dict[str, list[float]]:
    """Each area's intake (new cases) in each week: teams.toml's intake_per_week, replaced
    from the first week starting on or after an intake event's `from` (an event without
    `from` applies from the start; of two that apply, the later `from` wins, then the
    later in the list)."""
    intake = [e for e in events if e.kind == "intake" and e.area in team.norms.areas]
    areas = dict.fromkeys([*team.flows, *(e.area for e in intake)])
    schedule: dict[str, list[float]] = {}
    for area in areas:
        base = team.flows[area].intake_per_week if area in team.flows else 0.0
        own = [
            (e.from_ or dt.date.min, i, e.per_week) for i, e in enumerate(intake) if e.area == area
        ]
        weekly = []
        for start in week_starts:
            applying = [item for item in own if item[0] <= start]
            weekly.append(max(applying)[2] if applying else base)
        schedule[area] = weekly
    return schedule


# ---------------------------------------------------------------------------------------
# The events of the plan being edited, with undo and redo


@dataclass(frozen=True, slots=True)
class EventsChange:
    """One step on the events: the list before and after, and where in the moves'
    history it was taken (the number of move steps that could be undone then)."""

    before: tuple[Event, ...]
    after: tuple[Event, ...]
    depth: int


class Scenario:
    """The plan's what-if events, with one undo history shared with the moves.

    The moves keep their own history (:class:`~planner.core.moves.Assignment`); an events
    step remembers how many move steps lay below it. Undo takes back an events step when
    no move step was taken after it, else a move step; redo mirrors that. A new move step
    drops the events' redo (:meth:`moves_changed`), a new events step the moves' redo.
    """

    def __init__(self, assignment: Assignment, events: Sequence[Event] = ()) -> None:
        self.assignment = assignment
        self.events: tuple[Event, ...] = tuple(events)
        self._done: list[EventsChange] = []
        self._undone: list[EventsChange] = []

    # -- changing -------------------------------------------------------------------------

    def set_events(self, events: Iterable[Event]) -> EventsChange | None:
        """Replace the events as one undoable step (None when nothing changes)."""
        events = tuple(events)
        if events == self.events:
            return None
        step = EventsChange(self.events, events, self.assignment.undo_depth)
        self.events = events
        self._done.append(step)
        self._undone.clear()
        self.assignment.clear_redo()
        return step

    def add(self, event: Event) -> EventsChange | None:
        return self.set_events([*self.events, event])

    def replace(self, index: int, event: Event) -> EventsChange | None:
        events = list(self.events)
        events[index] = event
        return self.set_events(events)

    def remove(self, index: int) -> EventsChange | None:
        events = list(self.events)
        del events[index]
        return self.set_events(events)

    def moves_changed(self) -> None:
        """A new move step was taken: what was undone on the events cannot be redone."""
        self._undone.clear()

    # -- undo and redo --------------------------------------------------------------------

    @property
    def undo_is_events(self) -> bool:
        """True when the last step to take back is an events step (not a move step)."""
        return bool(self._done) and self._done[-1].depth == self.assignment.undo_depth

    @property
    def redo_is_events(self) -> bool:
        return bool(self._undone) and self._undone[-1].depth == self.assignment.undo_depth

    def undo(self) -> EventsChange | None:
        if not self.undo_is_events:
            return None
        step = self._done.pop()
        self.events = step.before
        self._undone.append(step)
        return step

    def redo(self) -> EventsChange | None:
        if not self.redo_is_events:
            return None
        step = self._undone.pop()
        self.events = step.after
        self._done.append(step)
        return step

    @property
    def can_undo(self) -> bool:
        return self.undo_is_events or self.assignment.can_undo

    @property
    def can_redo(self) -> bool:
        return self.redo_is_events or self.assignment.can_redo


__all__ = [
    "ABSENCE_REASON",
    "EventIssue",
    "EventsChange",
    "IssueKind",
    "Scenario",
    "area_named",
    "event_issues",
    "events_in_force",
    "intake_schedule",
    "scenario_team",
    "with_area_ids",
]
