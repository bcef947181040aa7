"""The building blocks of planner's file schemas (pydantic): strict models, numbers that are
never booleans or inf, keyed refusals.

The schemas themselves are planner.io.schema (teams.toml, the norm sets, case records),
planner.io.plans (a plan file) and planner.core.events (a plan's what-if events). Nothing
the board needs to draw its first frame imports this module: pydantic costs a start some
70 ms, as long as Textual's whole import.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

# Numbers from the files: an integer or a decimal, never a boolean (`hours = true` is not
# one hour), never inf or nan (`max = inf` is not a range, and is not JSON either).
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
WholeNumber = Annotated[int, Field(strict=True)]
Flag = Annotated[bool, Field(strict=True)]


class Strict(BaseModel):
    """Base for file-backed models: unknown keys are an error, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class OnDemand(Strict):
    """Base for file-backed models that only some runs check (a plan's moves and events, an
    odd case record): pydantic builds their validators when the first one is checked, not
    on import."""

    model_config = ConfigDict(defer_build=True)


def refused(key: str, **values: object) -> PydanticCustomError:
    """A value the schema refuses, said by a text key of planner.i18n (``model.*``) with its
    values: the loaders render it in the user's language (planner.io.validation)."""
    return PydanticCustomError(key, key, values)


def date_not_number(value: object) -> object:
    # pydantic would read a number as a Unix timestamp (started = 0 -> 1970-01-01); in these
    # files a number where a date belongs is a mistake: said as pydantic's own "not a date".
    if isinstance(value, int | float):
        raise PydanticCustomError("date_type", "is not a date")
    return value
