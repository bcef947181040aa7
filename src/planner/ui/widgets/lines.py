"""A few lines of styled text drawn with Textual's Line API: the board's header and a
worker's detail.

Drawn the usual way (``render`` returning a Rich Text), a move drew every line of both
again, through Textual's conversion of the whole text, about a millisecond each in the
frame that shows the move, and their component styles were worked out anew for each part.
Here a subclass says its lines as Rich Text (:meth:`TextLines.text_lines`); each screen line
is made a strip once, and :meth:`TextLines.update_lines` draws again only the lines whose
text changed: a move changes one or two of the detail's seven.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


def _key(line: Text) -> Hashable:
    return (line.plain, line.style, tuple(line.spans))


class TextLines(Widget):
    """Lines of text, wrapped (or cut, for a no_wrap Text) to the content width."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: list[Text] | None = None  # as last drawn, at _width
        self._width = -1
        self._styles: dict[str, Style] = {}
        self._strips: LRUCache[Hashable, Strip] = LRUCache(64)
        self._base: Style | None = None

    # -- for subclasses -------------------------------------------------------------------

    def text_lines(self, width: int) -> list[Text]:
        """What to show at `width` columns: Texts, each one line or more (a "\\n" in a Text,
        or wrapping, makes more; a no_wrap Text is cut to the width)."""
        raise NotImplementedError

    def component_style(self, name: str) -> Style:
        """A component class's own style, worked out once per restyle of the widget."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name, partial=True)
        return style

    # -- drawing --------------------------------------------------------------------------

    def lines_at(self, width: int) -> list[Text]:
        """The screen lines at `width` columns (the content width)."""
        if self._lines is None or width != self._width:
            self._lines = self._wrap(width)
            self._width = width
        return self._lines

    def _wrap(self, width: int) -> list[Text]:
        console = self.app.console
        lines: list[Text] = []
        width = max(width, 1)
        for text in self.text_lines(width):
            if "\n" not in text.plain and text.cell_len <= width:
                lines.append(text)  # most lines: as they are (Rich's wrap copies them)
                continue
            wrapped = text.wrap(console, width)
            if not text.no_wrap:
                for line in wrapped:
                    line.rstrip()  # the space a line was broken at, as Textual drops it
            lines.extend(wrapped)
        return lines

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.lines_at(width))

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        base = self._base
        if base is None:
            base = self._base = self.rich_style
        lines = self.lines_at(width)
        if not 0 <= y < len(lines):
            return Strip.blank(width, base)
        line = lines[y]
        key = (_key(line), width, base)
        strip = self._strips.get(key)
        if strip is None:
            segments = list(line.render(self.app.console))
            # Padded as Textual pads a rendered text: with the background alone.
            pad = Style.from_color(bgcolor=base.bgcolor)
            own = line.style if isinstance(line.style, Style) else Style.parse(line.style)
            style = base + own  # under the spans' styles, as Textual lays them
            strip = Strip(segments).apply_style(style).crop_extend(0, width, pad).simplify()
            self._strips[key] = strip
        return strip

    def update_lines(self) -> None:
        """The text changed (a move): draw again the lines that differ, or all of them and a
        new layout when their number changed."""
        old = self._lines
        if old is None:
            self.refresh(layout=True)
            return
        new = self._wrap(self._width)
        self._lines = new
        if len(new) != len(old):
            self.refresh(layout=True)
            return
        top = self.styles.gutter.top
        for y, (before, after) in enumerate(zip(old, new, strict=True)):
            if _key(before) != _key(after):
                self.refresh(Region(0, top + y, self.size.width, 1))

    def redraw_lines(self, *, layout: bool = False) -> None:
        """Everything may have changed (another worker, the language): all lines again."""
        self._lines = None
        self.refresh(layout=layout)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()
        self._base = None
        self._lines = None  # the lines' styles are component styles


__all__ = ["TextLines"]
