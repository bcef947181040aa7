"""A list drawn with Textual's Line API: one strip per visible line, never a widget per row.

The worker list and the case list both hold hundreds to thousands of rows (the unassigned
row of a big department alone can hold hundreds of cases). A widget per row costs seconds to
mount; a ScrollView that renders only the visible lines costs the same at 50 or 50,000 rows.
Rendered rows sit in an LRU cache keyed by what each shows (a per-row version, the width,
the cursor, and the list's own render key), so redrawing after a move renders only the rows
whose version changed, and rows that merely shift up or down are drawn from the cache.

The first ``HEADER_LINES`` lines (a title and the column names) stay put while the rows
scroll, so a row's index is simply ``y - HEADER_LINES + scroll_y``: hit-testing a mouse
position needs no layout lookup.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from math import ceil
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip

from planner.core.text import visible

Part = tuple[str, Style | None]


def strip_of(parts: Iterable[Part], width: int, base: Style) -> Strip:
    """One line from styled text parts, cut or padded to exactly `width` cells (control
    characters made visible: the parts hold names and ids from the files). Neighbouring
    parts of one style become one segment: fewer to composite, and a terminal gets one
    colour change where it would get one per part (the board's first frame was 115 KB)."""
    segments = [
        Segment(visible(text), base + style if style else base) for text, style in parts if text
    ]
    return Strip(Segment.simplify(segments)).crop_extend(0, width, base).simplify()


def _thumb(bar: ScrollBar, virtual_height: int) -> tuple[int, int] | None:
    """Where a vertical scrollbar draws its thumb for a scrollable height, in eighths of a
    cell (first, last), as Textual's ScrollBarRender.render_bar works it out."""
    size, window, position = bar.size.height, bar.window_size, bar.position
    if window >= virtual_height:
        window = 0
    if not (window and size and virtual_height and size != virtual_height):
        return None
    eighths = len(ScrollBarRender.VERTICAL_BARS)
    thumb = max(1, window / (virtual_height / size))
    start = int((size - thumb) * (position / (virtual_height - window)) * eighths)
    return start, start + ceil(thumb * eighths)


_GRAB = {"@mouse.down": "grab"}
_SCROLL_UP = {"@mouse.down": "scroll_up"}
_SCROLL_DOWN = {"@mouse.down": "scroll_down"}


class LineScrollBar(ScrollBar):
    """Textual's vertical scrollbar, drawn a line at a time (the Line API, as the lists are).

    Textual's ScrollBar draws itself as one Rich renderable: a change of one cell (a thumb's
    end after a move) rendered every line again through Rich, about a millisecond for 30
    lines in the frame that shows a move. This one draws only the lines Textual asks for,
    from strips worked out once per drawing. The lines are Textual's own: the same glyphs,
    colours and click actions (scroll up, scroll down, grab); a test compares them."""

    _look: dict[str, Strip] | None = None  # the lines for this drawing (render_lines)
    _looks: dict[tuple[object, ...], dict[str, Strip]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self._look = None  # colours may have changed (hover, grab, theme): at the first line
        return super().render_lines(crop)

    def _strips(self) -> dict[str, Strip]:
        """The few different lines a vertical bar is made of, styled as ScrollBar.render
        and ScrollBarRender.render_bar style them (and as Textual lays the widget's own
        style under a renderable). Made once for each colouring."""
        assert self.parent is not None
        styles = self.parent.styles
        if self.grabbed:
            background, color = styles.scrollbar_background_active, styles.scrollbar_color_active
        elif self.mouse_over:
            background, color = styles.scrollbar_background_hover, styles.scrollbar_color_hover
        else:
            background, color = styles.scrollbar_background, styles.scrollbar_color
        if background.a < 1:
            base_background, _ = self.parent.background_colors
            background = base_background + background
        color = background + color
        back, bar = background.rich_color, color.rich_color
        base = self.visual_style.rich_style
        width = self.size.width
        key = (back, bar, base, width)
        looks = self._looks if self._looks is not None else {}
        self._looks = looks
        look = looks.get(key)
        if look is not None:
            return look

        def line(text: str, style: Style) -> Strip:
            return Strip([Segment(text * width, base + style)], width)

        look = {
            "up": line(" ", Style(bgcolor=back, meta=_SCROLL_UP)),
            "down": line(" ", Style(bgcolor=back, meta=_SCROLL_DOWN)),
            "thumb": line(" ", Style(color=bar, reverse=True, meta=_GRAB)),
            "plain": line(" ", Style(bgcolor=back)),
        }
        for glyph in ScrollBarRender.VERTICAL_BARS:
            look[f"head{glyph}"] = line(glyph, Style(bgcolor=back, color=bar, meta=_GRAB))
            look[f"tail{glyph}"] = line(
                glyph, Style(bgcolor=back, color=bar, meta=_GRAB, reverse=True)
            )
        if len(looks) >= 8:  # plain, hovered, grabbed, in a theme or two
            looks.clear()
        looks[key] = look
        return look

    def render_line(self, y: int) -> Strip:
        if not self.vertical or self.screen.styles.scrollbar_color.a == 0:
            return super().render_line(y)  # Textual's own way, whole
        size = self.size.height
        if not 0 <= y < size:
            return Strip.blank(self.size.width, self.visual_style.rich_style)
        look = self._look
        if look is None:
            look = self._look = self._strips()
        window = self.window_size if self.window_size < self.window_virtual_size else 0
        virtual, window = ceil(self.window_virtual_size), ceil(window)
        if not (window and virtual and size != virtual):
            return look["plain"]
        # ScrollBarRender.render_bar's arithmetic, for one line.
        bars = ScrollBarRender.VERTICAL_BARS
        eighths = len(bars)
        thumb = max(1, window / (virtual / size))
        start = int((size - thumb) * (self.position / (virtual - window)) * eighths)
        end = start + ceil(thumb * eighths)
        start_index, start_bar = divmod(max(0, start), eighths)
        end_index, end_bar = divmod(max(0, end), eighths)
        if y == end_index and bars[eighths - 1 - end_bar] != " ":
            return look[f"tail{bars[eighths - 1 - end_bar]}"]
        if y == start_index and bars[eighths - 1 - start_bar] != " ":
            return look[f"head{bars[eighths - 1 - start_bar]}"]
        if y >= end_index:
            return look["down"]
        return look["thumb"] if y >= start_index else look["up"]


HEADER_CLASSES = frozenset(("rowlist--title", "rowlist--title-focused", "rowlist--columns"))


class RowList(ScrollView, can_focus=True):
    """Base for the worker and case lists: header lines, rows, a cursor, a strip cache."""

    # Rows are dragged and clicked; Textual's text selection would fight the drag.
    # The keys are priority bindings (see BoardScreen.BINDINGS): handled by the app in the
    # order typed, so type-ahead never overtakes a focus change.
    ALLOW_SELECT = False
    HEADER_LINES = 2

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up", priority=True),
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down", priority=True),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page-up", priority=True),
        Binding(
            "pagedown", "page_down", "Page down", show=False, id="list.page-down", priority=True
        ),
        Binding("home", "first", "First", show=False, id="list.first", priority=True),
        Binding("end", "last", "Last", show=False, id="list.last", priority=True),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rowlist--title",
        "rowlist--title-focused",
        "rowlist--columns",
        "rowlist--cursor",
        "rowlist--cursor-blurred",
        "rowlist--dim",
    }

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        # The lines as last drawn in a plain box (_plain_lines), by y, until refreshed
        # (before Widget's __init__, which may refresh).
        self._lines: dict[int, Strip] = {}
        super().__init__(id=id, classes=classes)
        self._strips: LRUCache[Hashable, Strip] = LRUCache(1024)
        # What each row line (by its y) was last drawn from: a line whose key is the same
        # shows the same now (redraw_changed_lines).
        self._drawn: dict[int, Hashable] = {}
        self._versions: dict[Hashable, int] = {}
        self._generation = 0
        self._count = 0
        # The widget's own style, as Textual works it out from every ancestor: the same for
        # every line, so looked up once per style change, not once per line drawn.
        self._base_style: Style | None = None
        # The styles the rows were last drawn with, and whether a restyle since may have
        # changed them (see notify_style_update).
        self._look: tuple[Style, ...] | None = None
        self._restyled = False

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's Widget.vertical_scrollbar, with a bar drawn a line at a time."""
        if self._vertical_scrollbar is None:
            bar = LineScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    # -- for subclasses -------------------------------------------------------------------

    def row_key(self, index: int) -> Hashable:
        """A key that names what row `index` shows (its version is bumped on change)."""
        raise NotImplementedError

    def render_row(self, index: int, width: int, base: Style, cursor: bool) -> Strip:
        raise NotImplementedError

    def render_header(self, line: int, width: int, base: Style) -> Strip:
        raise NotImplementedError

    def render_key(self) -> Hashable:
        """What every row's look depends on besides its own version, the width, the cursor
        and the focus (column widths, the language, ...): rows cached under another key are
        drawn again. Subclasses add theirs."""
        return ()

    def can_hold_cursor(self, index: int) -> bool:
        """Rows the cursor skips (group headings) return False."""
        return True

    def cursor_moved(self, index: int) -> None:
        """Called after the cursor lands on a row (post a message from here)."""

    # -- rows -----------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self._count

    def set_row_count(self, count: int, *, redraw: bool = True) -> None:
        """The rows changed (a move, a filter, another worker): redraw every line, or none
        when `redraw` is False (the caller then calls redraw_changed_lines() once the cursor
        and the scroll position are settled). Rendered rows stay cached under their keys;
        forget_rows() when what they show has changed."""
        self._count = count
        self._set_virtual_height(count + self.HEADER_LINES)
        if count and self.cursor >= count:
            self.set_reactive(RowList.cursor, self._nearest_holdable(count - 1, -1))
        if redraw:
            # The lines only: the scrollbar is redrawn when its thumb changes (above).
            content = self.scrollable_content_region
            self.refresh(Region(0, 0, content.width, content.height))

    def redraw_changed_lines(self) -> None:
        """Draw again only the row lines that would show something else now than they were
        drawn with: after a move, the rows from the moved one down. Lines above it stay on
        the terminal as they are (and are not sent to it again)."""
        height = self.scrollable_content_region.height
        width, top, focused, render_key = self._drawing_now()
        drawn = self._drawn
        first: int | None = None  # of a run of lines to draw again
        for y in range(self.HEADER_LINES, height + 1):
            changed = y < height and drawn.get(y) != self._line_key(
                y - self.HEADER_LINES + top, width, focused, render_key
            )
            if changed and first is None:
                first = y
            elif not changed and first is not None:
                self.refresh(Region(0, first, width, y - first))
                first = None

    def forget_rows(self) -> None:
        """Every cached row is out of date (an order or a grouping changed what they show)."""
        self._generation += 1

    _sized: tuple[object, ...] | None = None  # what the scrollbars were last sized for

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Textual's ScrollView compares the content size a layout hands it with the list's
        own virtual size (its rows), which always differ, so every layout of the screen (a
        toast, the move picker closing) told both scrollbars their sizes again and drew
        them again: 47 lines, 5-10 ms at 18,000 cases. Only when the list's size, its rows
        or its scrollbars changed."""
        sized = (
            size,
            container_size,
            self.virtual_size,
            self.show_vertical_scrollbar,
            self.show_horizontal_scrollbar,
        )
        if sized == self._sized:
            return False
        self._sized = sized
        return super()._size_updated(size, virtual_size, container_size, layout)

    def _set_virtual_height(self, height: int) -> None:
        """A new scrollable height. Assigning virtual_size makes Textual lay out the whole
        screen again, which only matters when the scrollbar comes or goes (the list's own
        size never depends on its rows). Otherwise the scrollbar is just told the new size,
        as Textual itself does after a layout (Widget._scroll_update)."""
        size = Size(0, height)
        if size == self.virtual_size:
            return
        shown = self.show_vertical_scrollbar
        laid_out = bool(self.container_size)
        if not laid_out or (height > self.container_size.height) != shown:
            self.virtual_size = size
            return
        self.set_reactive(RowList.virtual_size, size)
        bar = self.vertical_scrollbar if shown else None
        if bar is not None and self.validate_scroll_y(self.scroll_y) == self.scroll_y:
            before, after = _thumb(bar, bar.window_virtual_size), _thumb(bar, height)
            if before is not None and after is not None:
                # One row more or less in a long list moves the thumb's ends by an eighth of
                # a cell or so, or not at all: the scrollbar is told its new size and draws
                # again only the cells where an end was or is (all of it: 30 lines, about a
                # millisecond, in the frame that shows a move).
                bar.set_reactive(ScrollBar.window_virtual_size, height)
                for old, new in zip(before, after, strict=True):
                    if old != new:
                        first, last = min(old, new) // 8, max(old, new) // 8
                        bar.refresh(Region(0, first, bar.size.width, last - first + 1))
                self._scrollbar_told()
                return
        self._scroll_update(size)
        self._scrollbar_told()

    def _scrollbar_told(self) -> None:
        """The scrollbar knows the new height: the next layout (the move picker closing in
        the frame that shows the move, a toast) need not tell it again, which draws all of
        it (see _size_updated)."""
        if self._sized is not None:
            self._sized = (*self._sized[:2], self.virtual_size, *self._sized[3:])

    def refresh_rows(self, indexes: Iterable[int]) -> None:
        """Redraw just these rows (the two workers a move touched, say): their lines only,
        not the scrollbar beside them, which a row's line does not change."""
        width = self.scrollable_content_region.width
        top = self.scroll_offset.y
        for index in indexes:
            if 0 <= index < self._count:
                key = self.row_key(index)
                self._versions[key] = self._versions.get(key, 0) + 1
                self.refresh(Region(0, index + self.HEADER_LINES - top, width, 1))

    def refresh_header(self) -> None:
        """Redraw the title and column lines, which stay put while the rows scroll."""
        self.refresh(Region(0, 0, self.size.width, self.HEADER_LINES))

    def invalidate(self) -> None:
        """Styles or language changed: every line must be drawn again."""
        self._generation += 1
        self._strips.clear()
        self._base_style = None
        self.refresh()

    def notify_style_update(self) -> None:
        # Textual calls this after every restyle, also one that changed nothing the rows
        # are drawn with: the list taking the focus back (from the move picker, say) drew
        # every row again, 5-10 ms at 18,000 cases. The rows are drawn again only when
        # their styles changed (checked once, at the next line drawn); the focus itself
        # only changes the cursor row and the title, which are drawn by their own keys.
        super().notify_style_update()
        self._base_style = None
        self._restyled = True
        self.refresh()

    def _check_look(self) -> None:
        self._restyled = False
        # The header (title and column lines) is drawn afresh each time: not part of it.
        look = (
            self.rich_style,
            *(
                self.get_component_rich_style(name, partial=True)
                for name in sorted(self.COMPONENT_CLASSES - HEADER_CLASSES)
            ),
        )
        if look != self._look:
            self._look = look
            self._generation += 1
            self._strips.clear()

    # -- rendering ------------------------------------------------------------------------

    _drawing: tuple[int, int, bool, Hashable] | None = None  # see render_lines

    def _drawing_now(self) -> tuple[int, int, bool, Hashable]:
        """What every line of a drawing shares: the width (without the scrollbar), the
        scroll position, the focus and the render key."""
        return (
            self.scrollable_content_region.width,
            self.scroll_offset.y,
            self.has_focus,
            self.render_key(),
        )

    def render_lines(self, crop: Region) -> list[Strip]:
        # Worked out once per drawing rather than once per line: a move draws 30 lines of
        # the case list.
        self._drawing = self._drawing_now()
        try:
            if self._plain_box():
                return self._plain_lines(crop)
            return super().render_lines(crop)
        finally:
            self._drawing = None

    _lines_look: tuple[int, Style] | None = None

    def _set_dirty(self, *regions: Region) -> None:
        # Where Textual tells its styles cache which lines to draw again (Widget.refresh).
        super()._set_dirty(*regions)
        if not regions:
            self._lines.clear()
            return
        offset = self.content_offset
        for region in regions:
            for y in region.translate(offset).line_range:
                self._lines.pop(y, None)

    def _plain_box(self) -> bool:
        """No border, padding, outline, tint, hatch or transparency: each line on screen is
        the row's strip and the background beside it (as the board's lists are styled)."""
        styles = self.styles
        return (
            not any(edge for edge, _ in styles.border)
            and not any(edge for edge, _ in styles.outline)
            and not any(styles.padding)
            and styles.text_opacity == 1
            and not styles.tint.a
            and not (styles.has_rule("hatch") and styles.hatch != "none")
            and self.opacity == 1
            and not (self.auto_links and self.hover_style._link_id)
        )

    def _plain_lines(self, crop: Region) -> list[Strip]:
        """The lines Textual's styles cache would make of render_line's strips in a plain
        box (a test compares them), without it. That cache makes each line drawn again a
        new strip, which Textual's line filters then convert again; here a row's line is
        its cached strip, so a row that only shifted (the rows under a moved one) costs
        nothing to draw and nothing to filter. About 40 microseconds a line at 18,000
        cases: the case list draws 30 after a move."""
        width = self.size.width
        base_background, background = self.background_colors
        inner = Style.from_color(bgcolor=(base_background + background).rich_color)
        if self._lines_look != (width, inner):
            self._lines_look = (width, inner)
            self._lines.clear()
        filters = self.get_line_filters()
        drawn = self._lines
        lines: list[Strip] = []
        for y in crop.line_range:
            # Lines not refreshed since they were drawn are drawn as they were (as Textual's
            # styles cache does: both forget a line at the same refresh, see _set_dirty).
            strip = drawn.get(y)
            if strip is None:
                strip = drawn[y] = self.render_line(y).adjust_cell_length(width, inner)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            lines.append(strip)
        first, last = crop.column_span
        if (first, last) != (0, width):
            lines = [strip.crop(first, last) for strip in lines]
        return lines

    def render_line(self, y: int) -> Strip:
        # One line on its own (not from render_lines) works the shared values out itself.
        width, top, focused, render_key = self._drawing or self._drawing_now()
        if self._restyled:
            self._check_look()
        base = self._base_style
        if base is None:
            base = self._base_style = self.rich_style
        if y < self.HEADER_LINES:
            return self.render_header(y, width, base)
        index = y - self.HEADER_LINES + top
        key = self._line_key(index, width, focused, render_key)
        if self._drawing is not None:  # on its way to the screen (not a test reading it)
            self._drawn[y] = key
        if index >= self._count:
            return Strip.blank(width, base)
        strip = self._strips.get(key)
        if strip is None:
            strip = self.render_row(index, width, base, index == self.cursor)
            self._strips[key] = strip
        return strip

    def _line_key(self, index: int, width: int, focused: bool, render_key: Hashable) -> Hashable:
        """What row `index` is drawn from: its strip's key in the cache (past the last row,
        a blank line's)."""
        if index >= self._count:
            return ("blank", width)
        row_key = self.row_key(index)
        return (
            row_key,
            self._versions.get(row_key, 0),
            self._generation,
            width,
            index == self.cursor,
            focused,
            render_key,
        )

    def cursor_style(self) -> Style:
        name = "rowlist--cursor" if self.has_focus else "rowlist--cursor-blurred"
        return self.get_component_rich_style(name, partial=True)

    def title_style(self) -> Style:
        name = "rowlist--title-focused" if self.has_focus else "rowlist--title"
        return self.get_component_rich_style(name, partial=True)

    def watch_has_focus(self, _has_focus: bool) -> None:
        # Textual applies the stylesheet to the list and its scrollbars again at each focus
        # change (1-2 ms at 18,000 cases; the move picker closing gives the focus back in
        # the frame that shows the move). Nothing in the CSS depends on a list's focus: the
        # focused title and cursor are component classes chosen here, in code. So only the
        # lines that show the focus are drawn again (the cursor row: _on_focus, _on_blur).
        self.refresh_header()

    def _on_focus(self) -> None:
        self.refresh_rows([self.cursor])

    def _on_blur(self) -> None:
        self.refresh_rows([self.cursor])

    # -- hit-testing ----------------------------------------------------------------------

    def row_at(self, y: int) -> int | None:
        """The row at widget-relative line `y`, or None over the header or past the end."""
        if y < self.HEADER_LINES:
            return None
        index = y - self.HEADER_LINES + self.scroll_offset.y
        return index if 0 <= index < self._count else None

    def row_at_screen(self, screen_x: int, screen_y: int) -> int | None:
        region = self.content_region
        if not region.contains(screen_x, screen_y):
            return None
        return self.row_at(screen_y - region.y)

    # -- the cursor -----------------------------------------------------------------------

    @property
    def visible_rows(self) -> int:
        return max(self.size.height - self.HEADER_LINES, 1)

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_rows([old, new])
        self.scroll_to_row(new)
        self.cursor_moved(new)

    def scroll_to_row(self, index: int) -> None:
        top = self.scroll_offset.y
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + self.visible_rows:
            self.scroll_to(y=index - self.visible_rows + 1, animate=False, immediate=True)

    def _nearest_holdable(self, index: int, step: int) -> int:
        index = max(0, min(index, self._count - 1))
        probe = index
        while 0 <= probe < self._count:
            if self.can_hold_cursor(probe):
                return probe
            probe += step
        probe = index
        while 0 <= probe < self._count:
            if self.can_hold_cursor(probe):
                return probe
            probe -= step
        return index

    def move_cursor(self, index: int, step: int = 1) -> None:
        if self._count:
            self.cursor = self._nearest_holdable(index, step)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1, -1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1, 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - self.visible_rows, -1)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + self.visible_rows, 1)

    def action_first(self) -> None:
        self.move_cursor(0, 1)

    def action_last(self) -> None:
        self.move_cursor(self._count - 1, -1)
