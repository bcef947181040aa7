"""Problems in the input, as data: collected all at once, rendered once (CLI and app)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner.core.cpr import mask_all
from planner.core.text import visible


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one file: where, what, and what the user should do."""

    file: str
    where: str  # "line 12", "worker 'ab' (hours)", ... or "" for the file as a whole
    what: str
    todo: str = ""

    def __post_init__(self) -> None:
        # A message may quote an id, a value or a path from the files; it must never show a
        # CPR number, whichever check let it through (e.g. a ten-digit case id named in a
        # duplicate-id message), nor send a control character raw to the terminal.
        for name in ("file", "where", "what", "todo"):
            object.__setattr__(self, name, visible(mask_all(getattr(self, name))))

    def render(self) -> str:
        place = f"{self.file}, {self.where}" if self.where else self.file
        text = f"{place}: {self.what}"
        return f"{text}. {self.todo}" if self.todo else text


class ProblemsFound(Exception):
    """Raised by loaders with every problem they found, never just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = problems


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
