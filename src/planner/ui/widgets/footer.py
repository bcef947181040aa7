"""The footer: Textual's, fitted to the terminal's width by priority.

Textual's Footer shows every binding with ``show=True`` in a row and lets the rest run off
the right edge: at 80 columns the Danish labels ended in "? Hjæl", and ``b`` (Suggest) and
``q`` (Quit) could not be shown at all. This one picks what fits, most important first (the
order in :data:`PRIORITY`), keeps the picked keys in their usual reading order, and goes
compact (less padding) before it leaves a key out. What is left out is still in the help
(``?``) and the command palette.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

# Textual exports Footer but not the key widget it composes from; this footer composes the
# same widgets, so it looks and clicks exactly like Textual's (textual is pinned < 9).
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen

# Binding ids, most important first: the way out and the way to learn the rest, then what
# a leader does most. Ids not listed come after these, in the order they are bound.
PRIORITY: tuple[str, ...] = (
    "help",
    "quit",
    "close",
    "cancel",
    "choose",
    # the forecast view's own keys (w): there they matter more than the board's
    "forecast.close",
    "forecast.earlier",
    "forecast.later",
    "events.add",
    "events.edit",
    "events.remove",
    "move",
    "mark",
    "balance",
    "undo",
    "save",
    "changes",
    "forecast",
    "revert",
    "palette",
    "filter",
)

# Cells around the key and the label (Textual's FooterKey padding and margins).
PADDING, PADDING_COMPACT = 3, 2
PALETTE_EXTRA, PALETTE_EXTRA_COMPACT = 2, 1  # its border (and padding) on the right
SPARE = 1  # never fill the very last column: a rounding of one cell would cut a label


class Shown(NamedTuple):
    binding: Binding
    enabled: bool
    tooltip: str
    palette: bool


def rank(binding: Binding, order: int) -> tuple[int, int]:
    if binding.id in PRIORITY:
        return (PRIORITY.index(binding.id), order)
    return (len(PRIORITY), order)


def fit(widths: Sequence[int], ranks: Sequence[tuple[int, int]], room: int) -> list[int]:
    """Indexes of the items to show (in their own order): most important first, while
    they fit; a less important one that still fits goes in after a bigger one did not."""
    chosen: list[int] = []
    used = 0
    for index in sorted(range(len(widths)), key=lambda i: ranks[i]):
        if used + widths[index] <= room:
            chosen.append(index)
            used += widths[index]
    return sorted(chosen)


class BoardFooter(Footer):
    """A footer that shows the most important keys that fit, never a label cut short."""

    def _shown(self) -> list[Shown]:
        active = self.screen.active_bindings
        items: list[Shown] = []
        actions: set[str] = set()
        for _node, binding, enabled, tooltip in active.values():
            # One key per action, as Textual's footer does (escape,c,q -> "esc Close").
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                items.append(Shown(binding, enabled, tooltip, palette=False))
        palette_key = self.app.COMMAND_PALETTE_BINDING
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(palette_key)
            if palette is not None:
                items.append(Shown(palette.binding, palette.enabled, palette.tooltip, True))
        return items

    def _width(self, item: Shown, compact: bool) -> int:
        text = cell_len(self.app.get_key_display(item.binding)) + cell_len(item.binding.description)
        extra = (PALETTE_EXTRA_COMPACT if compact else PALETTE_EXTRA) if item.palette else 0
        return text + (PADDING_COMPACT if compact else PADDING) + extra

    def choose(self, room: int) -> tuple[list[Shown], bool]:
        """What to show in `room` columns, and whether compact."""
        items = self._shown()
        ranks = [rank(item.binding, order) for order, item in enumerate(items)]
        for compact in (False, True):
            widths = [self._width(item, compact) for item in items]
            if sum(widths) <= room - SPARE or compact:
                chosen = fit(widths, ranks, room - SPARE)
                return [items[i] for i in chosen], compact
        raise AssertionError("unreachable")

    _composed_width = 0
    _composed: tuple[object, ...] | None = None  # what the keys shown were composed from

    def _keys(self, room: int) -> tuple[list[Shown], bool, tuple[object, ...]]:
        """What to show in `room` columns, whether compact, and a value that is equal
        exactly when two such choices look the same."""
        shown, compact = self.choose(room)
        look = tuple(
            (i.binding.key, i.binding.action, i.binding.description, i.enabled, i.tooltip,
             i.palette)
            for i in shown
        )  # fmt: skip
        return shown, compact, (room, compact, look)

    def bindings_changed(self, screen: Screen) -> None:
        # Textual's footer composes its keys again whenever the bindings may have changed
        # (every focus change, every screen shown again): a dozen widgets mounted and
        # styled, in the frame after a move. Only when the keys it shows change.
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        room = self.size.width or self.app.size.width
        if self._composed is None or self._keys(room)[2] != self._composed:
            await self.recompose()

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        room = self._composed_width = self.size.width or self.app.size.width
        shown, compact, self._composed = self._keys(room)
        self.set_reactive(Footer.compact, compact)
        self.set_class(compact, "-compact")
        for item in shown:
            binding = item.binding
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not item.enabled,
                tooltip=item.tooltip or (binding.description if item.palette else ""),
                classes="-command-palette" if item.palette else "",
            )
            yield key.data_bind(compact=Footer.compact)

    def on_resize(self, event: events.Resize) -> None:
        # Another width may fit other keys: choose again.
        if self._bindings_ready and event.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)
