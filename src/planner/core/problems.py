"""Problems in the input, as data: collected all at once, rendered once (CLI and app)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from planner.core.cpr import mask_all
from planner.core.text import visible


@dataclass(frozen=True, slots=True, init=False)
class Msg:
    """A text by its key in planner.i18n's table, with its values: the core and the loaders
    say *what* to tell the user; the CLI and the board say it in the user's language."""

    key: str
    values: dict[str, Any]

    def __init__(self, key: str, /, **values: Any) -> None:
        object.__setattr__(self, "key", key)
        # Values may quote the files; never a CPR number, whichever check let it through,
        # nor a control character sent raw to the terminal.
        object.__setattr__(self, "values", {k: _safe(v) for k, v in values.items()})

    def __str__(self) -> str:  # for logs and exception text only; users get i18n.t
        return f"{self.key}({', '.join(f'{k}={v!r}' for k, v in self.values.items())})"


def _safe(value: Any) -> Any:
    return visible(mask_all(value)) if isinstance(value, str) else value


@dataclass(frozen=True, slots=True, init=False)
class Joined:
    """Texts said one after the other, each in the user's language: a place made of parts
    ("line 12, column 'Borger'"), or a hint followed by what to do. Parts are keyed texts or
    plain strings (quoted from the files); `sep` goes between them."""

    parts: tuple[Text, ...]
    sep: str

    def __init__(self, *parts: Text, sep: str = "") -> None:
        object.__setattr__(self, "parts", tuple(_safe(p) for p in parts if p != ""))
        object.__setattr__(self, "sep", sep)

    def __str__(self) -> str:  # for logs and exception text only; users get i18n.text_of
        return self.sep.join(map(str, self.parts))


Text = str | Msg | Joined
# Renders a keyed text (or passes a str through) in some language: planner.i18n.text_of.
Renderer = Callable[[Text], str]


def _plain(text: Text) -> str:
    return str(text)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one file: where, what, and what the user should do.

    `where`, `what` and `todo` are keyed texts (:class:`Msg`, :class:`Joined`) where the
    user reads them in their language, or plain strings (a value quoted from the file)."""

    file: str
    where: Text  # "line 12", "worker 'ab' (hours)", ... or "" for the file as a whole
    what: Text
    todo: Text = ""

    def __post_init__(self) -> None:
        # A message may quote an id, a value or a path from the files; it must never show a
        # CPR number, whichever check let it through (e.g. a ten-digit case id named in a
        # duplicate-id message), nor send a control character raw to the terminal.
        for name in ("file", "where", "what", "todo"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, _safe(value))

    def render(self, text: Renderer = _plain) -> str:
        """One line: file, place: what. What to do. (`text` renders keyed texts: pass
        ``planner.i18n.renderer(lang)``.)"""
        where, what, todo = text(self.where), text(self.what), text(self.todo)
        place = ", ".join(part for part in (self.file, where) if part)
        line = f"{place}: {what}" if place else what  # no file: the session itself
        if not todo:
            return line
        # "a totals row?" ends its own sentence: no "?." before what to do.
        return f"{line} {todo}" if line.endswith(("?", "!", ".")) else f"{line}. {todo}"


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
