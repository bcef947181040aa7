"""A plan's what-if events and their schema (pydantic models, as a plan file and the
journal write them): what each kind holds and what it may say.

* ``absence``: a worker is away (or works at a lower factor) from a date, optionally until
  one; ``factor`` defaults to 0 (leave, maternity leave, long sickness);
* ``departure``: a worker's last working day;
* ``arrival``: a new worker (a new hire from their first working day);
* ``intake``: an area's weekly intake from a date (replacing teams.toml's).

What the events do to a team is planner.core.scenario, which needs no pydantic: a board that
opens on a plan without events never imports this module before its first frame.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from planner.core.fields import Number, OnDemand, date_not_number
from planner.core.models import FACTOR_MAX, HOURS_MAX
from planner.core.text import iso_date

INTAKE_MAX = 10_000.0  # new cases a week in one area

# Reading a plan file: dates must be TOML dates (from = 2026-11-30), not strings that look
# like one; the journal (JSON) writes them as ISO strings. Pass as validation context.
TOML_DATES = {"toml_dates": True}
_DATE_KEYS = {"from_": "from", "until": "until", "day": "date"}


def _event_date(value: object, info: ValidationInfo) -> object:
    """A date key of an event: never a number (pydantic would read a Unix timestamp), and
    in a plan file never a quoted string."""
    value = date_not_number(value)
    if isinstance(value, str) and info.context and info.context.get("toml_dates"):
        key = _DATE_KEYS.get(info.field_name or "", info.field_name or "")
        day = iso_date(value.strip())
        if day is None:
            return value  # not a date at all: pydantic says so
        # `got` quotes the value (the text does not repeat it: its todo writes it right).
        values = {"name": key, "day": day.isoformat(), "got": repr(value)}
        raise PydanticCustomError("plan_event.date_quoted", "plan_event.date_quoted", values)
    return value


def _in_range(key: str, value: float, low: float, high: float, *, above: bool = False) -> float:
    """`value` within [low, high] (above `low` when `above`), else a keyed refusal (its
    text says the bounds: planner.i18n.events)."""
    if value > high or value < low or (above and value == low):
        raise PydanticCustomError(key, key, {"got": repr(value)})  # as the file writes it
    return value


class AbsenceEvent(OnDemand):
    kind: Literal["absence"] = "absence"
    worker: str = Field(min_length=1)
    from_: dt.date = Field(alias="from")
    until: dt.date | None = None
    factor: Number = 0.0  # 0 = away; at most FACTOR_MAX
    reason: str | None = None

    _dates = field_validator("from_", "until", mode="before")(_event_date)

    @field_validator("factor")
    @classmethod
    def _factor_in_range(cls, factor: float) -> float:
        return _in_range("plan_event.factor", factor, 0.0, FACTOR_MAX)

    @field_validator("reason")
    @classmethod
    def _no_empty_reason(cls, reason: str | None) -> str | None:
        return reason or None  # "" and none mean the same: one spelling round-trips

    @model_validator(mode="after")
    def _from_before_until(self) -> AbsenceEvent:
        if self.until and self.from_ > self.until:
            # Keyed, as an adjustment says it: in the user's language (planner.i18n.load).
            values = {"from_": str(self.from_), "until": str(self.until)}
            raise PydanticCustomError("model.from_after_until", "model.from_after_until", values)
        return self


class DepartureEvent(OnDemand):
    kind: Literal["departure"] = "departure"
    worker: str = Field(min_length=1)
    day: dt.date = Field(alias="date")  # the last working day

    _dates = field_validator("day", mode="before")(_event_date)


class ArrivalEvent(OnDemand):
    kind: Literal["arrival"] = "arrival"
    worker: str = Field(min_length=1)  # a new id
    name: str = Field(min_length=1)
    area: str = Field(min_length=1)
    hours: Number  # above 0, at most HOURS_MAX
    day: dt.date = Field(alias="date")  # the first working day

    _dates = field_validator("day", mode="before")(_event_date)

    @field_validator("hours")
    @classmethod
    def _hours_in_range(cls, hours: float) -> float:
        return _in_range("plan_event.hours", hours, 0.0, HOURS_MAX, above=True)


class IntakeEvent(OnDemand):
    kind: Literal["intake"] = "intake"
    area: str = Field(min_length=1)
    per_week: Number  # from 0 to INTAKE_MAX
    from_: dt.date | None = Field(default=None, alias="from")

    _dates = field_validator("from_", mode="before")(_event_date)

    @field_validator("per_week")
    @classmethod
    def _per_week_in_range(cls, per_week: float) -> float:
        return _in_range("plan_event.per_week", per_week, 0.0, INTAKE_MAX)


Event = Annotated[
    AbsenceEvent | DepartureEvent | ArrivalEvent | IntakeEvent, Field(discriminator="kind")
]
EVENT_KINDS = ("absence", "departure", "arrival", "intake")


@cache
def _event_adapter() -> TypeAdapter[Event]:
    """The events' validator, built when the first event is read (most runs read none)."""
    return TypeAdapter(Event)


# The order of an event's keys in a plan file (as documented).
EVENT_KEYS: dict[str, tuple[str, ...]] = {
    "absence": ("kind", "worker", "from", "until", "factor", "reason"),
    "departure": ("kind", "worker", "date"),
    "arrival": ("kind", "worker", "name", "area", "hours", "date"),
    "intake": ("kind", "area", "per_week", "from"),
}


def event_from(data: object) -> Event:
    """An event from its file or journal form (dates as dates or ISO strings)."""
    return _event_adapter().validate_python(data)


def event_data(event: Event) -> dict[str, object]:
    """The event as the plan file writes it: documented key order, no empty keys."""
    raw = event.model_dump(by_alias=True)
    return {key: raw[key] for key in EVENT_KEYS[event.kind] if raw.get(key) is not None}


def event_json(event: Event) -> dict[str, object]:
    """The event for JSON (the journal): dates as ISO strings."""
    return {
        key: value.isoformat() if isinstance(value, dt.date) else value
        for key, value in event_data(event).items()
    }
