"""Problems of a case export, built from keyed texts in planner.i18n (both languages).

Every message the reader gives has a key `load.<name>` (what) and `load.<name>.todo` (what
to do), so the messages live in one table; problems are rendered in English for now, as
every loader's are.
"""

from __future__ import annotations

from planner.core.problems import Problem
from planner.i18n import TEXTS, t

LANG = "en"


def text(key: str, **values: object) -> str:
    return t(key, LANG, **values)


def problem(
    file: str, where: str, key: str, *, todo: str | None = None, **values: object
) -> Problem:
    """The Problem for text `key`; its todo is `load.<name>.todo` unless given."""
    if todo is None:
        todo_key = f"{key}.todo"
        todo = t(todo_key, LANG, **values) if todo_key in TEXTS else ""
    return Problem(file, where, t(key, LANG, **values), todo)
