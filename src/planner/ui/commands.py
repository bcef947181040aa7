"""The command palette (ctrl+p): every board action, named as in the footer and help.

Each entry names a binding id (its label and help line come from the texts table, so the
palette speaks the language on screen), where the action lives, and the action to run.

A leader types the word they think of, in either language: "balance" or "fordel" must find
Suggest whichever language is on screen. So beside the label and help line, each entry is
found by its label in the other language and by the search words under ``search.<id>``
(both languages), matched as whole words or their beginnings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Literal

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from planner.i18n import has, t

Where = Literal["app", "board", "cases"]


@dataclass(frozen=True, slots=True)
class Command:
    id: str  # the binding id, or a palette-only id, with key.<id> / help.<id> texts
    where: Where
    action: str


COMMANDS: tuple[Command, ...] = (
    Command("move", "board", "move"),
    Command("mark", "cases", "toggle_mark"),
    Command("mark-down", "cases", "mark_and_go(1)"),
    Command("mark-up", "cases", "mark_and_go(-1)"),
    Command("mark-all", "cases", "mark_all"),
    Command("clear-marks", "cases", "escape"),
    Command("filter", "board", "filter"),
    Command("undo", "app", "undo"),
    Command("redo", "app", "redo"),
    Command("changes", "app", "changes"),
    Command("balance", "app", "balance"),
    Command("forecast", "app", "forecast"),
    Command("save", "app", "save_plan"),
    Command("sort", "board", "sort"),
    Command("sort-utilisation", "board", "sort_by('utilisation')"),
    Command("sort-name", "board", "sort_by('name')"),
    Command("sort-order", "board", "sort_by('order')"),
    Command("group", "board", "group"),
    Command("area", "board", "area"),
    Command("detail", "board", "detail"),
    Command("chart", "board", "chart"),
    Command("fte", "board", "fte"),
    Command("focus-workers", "board", "focus_workers"),
    Command("focus-cases", "board", "focus_cases"),
    Command("language", "app", "switch_language"),
    Command("help", "app", "help"),
)


def search_words(command_id: str) -> list[str]:
    """Words that find a command: its label in both languages and its search words."""
    texts = [t(f"key.{command_id}", lang) for lang in ("en", "da")]
    if has(f"search.{command_id}"):
        texts += [t(f"search.{command_id}", lang) for lang in ("en", "da")]
    return " ".join(texts).casefold().split()


class BoardCommands(Provider):
    """Board actions for the palette (BoardScreen.COMMANDS: offered only on the board)."""

    def _node(self, where: Where) -> DOMNode:
        if where == "app":
            return self.app
        if where == "cases":
            return self.screen.query_one("#cases")
        return self.screen

    def _entries(self) -> Iterator[tuple[str, str, Command]]:
        if getattr(self.screen, "picker", None) is not None:
            return  # over the move picker, as over a dialog: the board's actions wait
        lang = getattr(self.app, "lang", "en")
        for command in COMMANDS:
            # Saving exists only on the app that holds a plan session (ui/planning.py).
            action_name = command.action.split("(")[0]
            if not hasattr(self._node(command.where), f"action_{action_name}"):
                continue
            title = t(f"key.{command.id}", lang)
            help_text = t(f"help.{command.id}", lang) if has(f"help.{command.id}") else ""
            yield title, help_text, command

    async def _run(self, command: Command) -> None:
        await self.app.run_action(command.action, self._node(command.where))

    async def discover(self) -> Hits:
        for title, help_text, command in self._entries():
            yield DiscoveryHit(title, partial(self._run, command), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        needles = query.casefold().split()
        for title, help_text, command in self._entries():
            score = max(matcher.match(title), matcher.match(help_text) * 0.5)
            words = search_words(command.id)
            if needles and all(any(w.startswith(n) for w in words) for n in needles):
                score = max(score, 0.9)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), partial(self._run, command), help=help_text
                )
