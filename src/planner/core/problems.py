"""Problems in the input, as data: collected all at once, rendered once (CLI and app)."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.core.cpr import mask_all


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one file: where, what, and what the user should do."""

    file: str
    where: str  # "line 12", "worker 'ab' (hours)", ... or "" for the file as a whole
    what: str
    todo: str = ""

    def __post_init__(self) -> None:
        # A message may quote an id or a value from the files; it must never show a CPR
        # number, whichever check let it through (e.g. a ten-digit case id named in a
        # duplicate-id message).
        for name in ("file", "where", "what", "todo"):
            object.__setattr__(self, name, mask_all(getattr(self, name)))

    def render(self) -> str:
        place = f"{self.file}, {self.where}" if self.where else self.file
        text = f"{place}: {self.what}"
        return f"{text}. {self.todo}" if self.todo else text


class ProblemsFound(Exception):
    """Raised by loaders with every problem they found, never just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should know that is not a problem (the file was read as
    Windows-1252, say): a text key with its values, rendered in the user's language by the
    CLI and the board."""

    file: str
    key: str
    values: dict[str, str] = field(default_factory=dict)
