"""The schema of a plan file (pydantic models): its keys, moves and what-if events, and the
text it is written as. Reading, checking against a team and writing are planner.io.plans.

Only what reads or writes a plan imports this module (with pydantic): the board's start
without --plan does neither.
"""

from __future__ import annotations

from datetime import datetime

import tomli_w
from pydantic import Field, field_validator

from planner.core.events import Event, event_data
from planner.core.fields import OnDemand
from planner.core.moves import Move

FORMAT = 1  # a plan of moves only
EVENTS_FORMAT = 2  # moves and what-if events
FORMATS = (FORMAT, EVENTS_FORMAT)


class PlanMove(OnDemand):
    case: str = Field(min_length=1)
    from_: str = Field(alias="from")  # UNASSIGNED ("") = no worker
    to: str
    reason: str | None = None

    @field_validator("reason")
    @classmethod
    def _no_empty_reason(cls, reason: str | None) -> str | None:
        # "" and a missing reason mean the same; keep one spelling so files round-trip.
        return reason or None

    def as_move(self) -> Move:
        return Move(self.case, self.from_, self.to, self.reason)


class Plan(OnDemand):
    """One plan file. ``created`` and ``author`` describe the first save and are kept after."""

    format: int = FORMAT
    team: str = Field(min_length=1)
    created: datetime
    author: str
    cases_fingerprint: str
    note: str = ""
    moves: tuple[PlanMove, ...] = ()
    events: tuple[Event, ...] = ()  # format 2

    def to_toml(self) -> str:
        """The file's text: always the same bytes for the same plan (round trips are exact).

        Values go through tomli-w; the layout is fixed here so that every move is its own
        ``[[moves]]`` table (one line per field, easy to read and to point at) and `created`
        reads as in the examples (2026-11-23T10:15:00+01:00, not tomli-w's space form).
        """
        lines = [
            tomli_w.dumps({"format": self.format, "team": self.team}),
            f"created = {self.created.isoformat()}\n",
            tomli_w.dumps({"author": self.author, "cases_fingerprint": self.cases_fingerprint}),
        ]
        if self.note:
            lines.append(tomli_w.dumps({"note": self.note}))
        for move in self.moves:
            fields: dict[str, str] = {"case": move.case, "from": move.from_, "to": move.to}
            if move.reason:
                fields["reason"] = move.reason
            lines.append("\n[[moves]]\n" + tomli_w.dumps(fields))
        for event in self.events:
            lines.append("\n[[events]]\n" + tomli_w.dumps(event_data(event)))
        return "".join(lines)
