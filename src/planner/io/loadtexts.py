"""Problems of the input files as keyed texts (planner.i18n renders them in the user's
language): a message's key `load.<name>` says what is wrong, `load.<name>.todo` (when the
table has one) what to do; places are `where.<name>`.
"""

from __future__ import annotations

from planner.core.problems import Joined, Msg, Problem, Text
from planner.i18n import has


def problem(
    file: str, where: Text, key: str, /, *, todo: Text | None = None, **values: object
) -> Problem:
    """The Problem for text `key`; its todo is `<key>.todo` unless given."""
    if todo is None:
        todo = Msg(f"{key}.todo", **values) if has(f"{key}.todo") else ""
    return Problem(file, where, Msg(key, **values), todo)


def places(*parts: Text) -> Text:
    """A place made of parts, outermost first: "line 3, column 'Borger'" (empty parts left
    out)."""
    kept = [part for part in parts if part != ""]
    return kept[0] if len(kept) == 1 else Joined(*kept, sep=", ")


def line(number: int) -> Msg:
    return Msg("where.line", line=number)


def at_line(number: int | None, place: Text) -> Text:
    """'line 12, <place>', or the place alone when the line is not known."""
    if not number:
        return place
    return Msg("where.line_in", line=number, place=place) if place != "" else line(number)


def detailed(place: Text, detail: str) -> Text:
    """ "worker 'ab' (hours)": a TOML key or column after a place, as the file writes it."""
    if not detail:
        return place
    return Msg("where.detail", place=place, detail=detail) if place != "" else detail
