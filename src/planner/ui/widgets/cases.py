"""The case list: the highlighted worker's cases, to mark and to move by keys or by drag.

Textual has no drag and drop, so it is built here from the mouse events: MouseDown on a case
captures the mouse, MouseMove reports the row under the pointer (the board previews the
drop there), MouseUp drops. The target is read from the MouseUp position itself, never from
the last hover, so terminals that send no motion events (PuTTY, some jump hosts) still drop
on the right row. Escape, losing the mouse, or a release anywhere but a worker row cancels.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.errors import NoWidget
from textual.geometry import Offset
from textual.message import Message
from textual.strip import Strip

from planner.core.moves import UNASSIGNED, Assignment
from planner.core.text import visible
from planner.i18n import t
from planner.ui.format import area_shorts, cut, fmt_num, fmt_plain
from planner.ui.language import FollowsLanguage
from planner.ui.widgets.rows import Part, RowList, strip_of


@runtime_checkable
class DropTarget(Protocol):
    """A widget that can receive dragged cases (the worker list)."""

    def drop_target_at(self, screen_x: int, screen_y: int) -> str | None: ...


@dataclass(slots=True)
class Drag:
    case_ids: tuple[str, ...]
    origin: Offset
    target: str | None = None
    moved: bool = False


MARK = "●"
TIDY_AFTER = 0.25  # seconds: a drop that moved nothing is drawn as ended by then
POINTER = "▶"
WEIGHT_W = 4
AREA_W = 7
TAGS_MIN = 6


class CaseList(FollowsLanguage, RowList):
    """A worker's cases: id, area, weight, household, pinned marker and tags."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_mark", "Mark", id="mark", priority=True),
        Binding(
            "shift+down", "mark_and_go(1)", "Mark ↓", show=False, id="mark-down", priority=True
        ),
        Binding("shift+up", "mark_and_go(-1)", "Mark ↑", show=False, id="mark-up", priority=True),
        Binding("asterisk", "mark_all", "Mark all", show=False, id="mark-all", priority=True),
        Binding("escape", "escape", "Unmark", show=False, id="clear-marks", priority=True),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *RowList.COMPONENT_CLASSES,
        "cases--mark",
        "cases--pinned",
        "cases--other-area",
        "cases--dragging",
    }

    class DragHovered(Message):
        """A drag is over `target` (a worker id, UNASSIGNED, or None for nowhere)."""

        def __init__(self, case_ids: tuple[str, ...], target: str | None) -> None:
            super().__init__()
            self.case_ids = case_ids
            self.target = target

    class CasesDropped(Message):
        """Cases were dragged and released on a worker row (or on the unassigned row)."""

        def __init__(self, case_ids: tuple[str, ...], target: str) -> None:
            super().__init__()
            self.case_ids = case_ids
            self.target = target

    class DragCancelled(Message):
        """A drag ended without a drop (Escape, or released away from any worker)."""

    def __init__(self, assignment: Assignment, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.assignment = assignment
        self.lang = lang
        self.worker_id = UNASSIGNED
        self._filter = ""
        self._rows: list[str] = []
        self._marks: dict[str, None] = {}
        self._drag: Drag | None = None
        self._untidy: Drag | None = None  # a drop whose move is yet to be drawn
        team = assignment.team
        self._shorts = area_shorts(team.norms)
        self._id_width = min(max((len(c.id) for c in team.cases), default=6), 14)
        self._household_width = min(max((len(c.household or "") for c in team.cases), default=0), 8)
        self._area_differs = self._any_household = self._any_pinned = False

    # -- what is shown --------------------------------------------------------------------

    def on_mount(self) -> None:
        self.rebuild()

    def show_worker(self, worker_id: str) -> None:
        """Show another worker's cases; marks belong to the list they were made in."""
        if worker_id != self.worker_id:
            self.worker_id = worker_id
            self._marks.clear()
            self.set_reactive(CaseList.cursor, 0)
            self.scroll_to(y=0, animate=False, immediate=True)
        self.rebuild()

    @property
    def filter_text(self) -> str:
        return self._filter

    @filter_text.setter
    def filter_text(self, text: str) -> None:
        self._filter = text.strip()
        self.rebuild()

    def matches(self, case_id: str) -> bool:
        needle = self._filter.casefold()
        if not needle or needle in case_id.casefold():
            return True
        return any(needle in tag.casefold() for tag in self.assignment.case(case_id).tags)

    def rebuild(self) -> None:
        """The worker's cases changed (a move, a filter): lay the rows out again."""
        keep = self.highlighted_case
        cases = self.assignment.cases_of(self.worker_id)
        self._rows = [c for c in cases if self.matches(c)] if self._filter else cases
        self._describe(self._rows)
        held = set(cases)
        for case_id in [c for c in self._marks if c not in held]:
            del self._marks[case_id]
        self.set_row_count(len(self._rows), redraw=False)
        if keep in self._rows:
            self.set_reactive(CaseList.cursor, self._rows.index(keep))
        self.scroll_to_row(self.cursor)
        self.redraw_changed_lines()  # after a move: from the moved row down
        self._tidy_pending()  # a drop's move: the drag's end is drawn with it

    def _describe(self, rows: list[str]) -> None:
        """Which optional columns the shown cases need."""
        holder_area = (
            self.assignment.worker(self.worker_id).area if self.worker_id != UNASSIGNED else None
        )
        cases = [self.assignment.case(c) for c in rows]
        self._area_differs = any(c.area is not None and c.area != holder_area for c in cases)
        self._any_household = any(c.household for c in cases)
        self._any_pinned = any(c.pinned for c in cases)

    def show_language(self, lang: str) -> None:
        self.invalidate()
        self.refresh_header()

    @property
    def rows(self) -> list[str]:
        return list(self._rows)

    @property
    def highlighted_case(self) -> str | None:
        if not self._rows:
            return None
        return self._rows[min(self.cursor, len(self._rows) - 1)]

    @property
    def marked(self) -> list[str]:
        return list(self._marks)

    @property
    def selection(self) -> list[str]:
        """What a move takes: the marked cases, else the highlighted one."""
        if self._marks:
            return list(self._marks)
        case = self.highlighted_case
        return [case] if case else []

    def row_of(self, case_id: str) -> int | None:
        try:
            return self._rows.index(case_id)
        except ValueError:
            return None

    def select_case(self, case_id: str) -> None:
        index = self.row_of(case_id)
        if index is not None:
            self.cursor = index

    def row_key(self, index: int) -> Hashable:
        # A case's row looks the same in any position: after a move the rows below shift
        # up and are drawn from the cache. Marked and dragged rows look different.
        case_id = self._rows[index]
        dragged = self._drag is not None and case_id in self._drag.case_ids
        return (case_id, case_id in self._marks, dragged)

    def render_key(self) -> Hashable:
        # What every row depends on: the columns shown and the holder (other-area cases).
        return (
            self.lang,
            self.worker_id,
            self._area_differs,
            self._any_household,
            self._any_pinned,
        )

    # -- marking --------------------------------------------------------------------------

    def _toggle(self, case_id: str) -> None:
        if case_id in self._marks:
            del self._marks[case_id]
        else:
            self._marks[case_id] = None
        self.refresh_rows([self._rows.index(case_id)])
        self.refresh_header()

    def action_toggle_mark(self) -> None:
        case = self.highlighted_case
        if case is not None:
            self._toggle(case)
            self.action_cursor_down()

    def action_mark_and_go(self, step: int) -> None:
        case = self.highlighted_case
        if case is not None:
            if case not in self._marks:
                self._toggle(case)
            self.move_cursor(self.cursor + step, step)

    def action_mark_all(self) -> None:
        for case_id in self._rows:
            self._marks.setdefault(case_id, None)
        self.invalidate()

    def clear_marks(self) -> None:
        if self._marks:
            self._marks.clear()
            self.invalidate()

    def action_escape(self) -> None:
        if self._drag is not None:
            self._end_drag(cancelled=True)
        else:
            self.clear_marks()

    # -- dragging -------------------------------------------------------------------------

    @property
    def dragging(self) -> bool:
        return self._drag is not None

    def cancel_drag(self) -> None:
        """End a drag in progress without a drop (something took the mouse's place: the
        move picker over the board gets the release, and no later click may drop)."""
        if self._drag is not None:
            self._end_drag(cancelled=True)

    def _target_at(self, screen_x: int, screen_y: int) -> str | None:
        try:
            widget, _ = self.screen.get_widget_at(screen_x, screen_y)
        except NoWidget:
            return None
        if isinstance(widget, DropTarget):
            return widget.drop_target_at(screen_x, screen_y)
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        index = self.row_at_screen(event.screen_x, event.screen_y)
        if index is None:
            return
        event.stop()
        self.focus()
        self.cursor = index
        case = self._rows[index]
        case_ids = tuple(self._marks) if case in self._marks else (case,)
        self._drag = Drag(case_ids, Offset(event.screen_x, event.screen_y))
        self.capture_mouse()
        self._refresh_cases(case_ids)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        drag = self._drag
        if drag is None:
            return
        event.stop()
        if Offset(event.screen_x, event.screen_y) != drag.origin:
            drag.moved = True
        target = self._target_at(event.screen_x, event.screen_y)
        if target != drag.target:
            drag.target = target
            self.post_message(self.DragHovered(drag.case_ids, target))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        drag = self._drag
        if drag is None:
            return
        event.stop()
        # The drop target is where the button went up, whatever the last hover said.
        target = self._target_at(event.screen_x, event.screen_y)
        released_on_self = self.row_at_screen(event.screen_x, event.screen_y) is not None
        dropped = target is not None
        self._end_drag(cancelled=not dropped and not released_on_self, dropped=dropped)
        if target is not None:
            self.post_message(self.CasesDropped(drag.case_ids, target))

    def on_mouse_release(self, event: events.MouseRelease) -> None:
        # The capture was taken away (another screen opened): the drag is over.
        if self._drag is not None:
            self._end_drag(cancelled=True, release=False)

    def _end_drag(self, *, cancelled: bool, release: bool = True, dropped: bool = False) -> None:
        drag, self._drag = self._drag, None
        if release:
            self.release_mouse()
        if drag is None:
            return
        if cancelled:
            self.post_message(self.DragCancelled())
        if dropped:
            # The move redraws these rows and the target's in one frame (rebuild tidies);
            # drawn now, the drag's end would be a frame of its own and the move would wait
            # for the next (Textual draws at most 60 a second). A drop that moves nothing
            # (refused, or a question first) is tidied a moment later.
            self._untidy = drag
            self.set_timer(TIDY_AFTER, self._tidy_pending)
        else:
            self._tidy_after_drag(drag)

    def _tidy_pending(self) -> None:
        drag, self._untidy = self._untidy, None
        if drag is not None:
            self._tidy_after_drag(drag)

    def _tidy_after_drag(self, drag: Drag) -> None:
        if drag.target is not None:
            self.post_message(self.DragHovered(drag.case_ids, None))
        self._refresh_cases(drag.case_ids)

    def _refresh_cases(self, case_ids: tuple[str, ...]) -> None:
        shown = {case_id: index for index, case_id in enumerate(self._rows)}
        self.refresh_rows(shown[c] for c in case_ids if c in shown)

    # -- rendering ------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _widths(self, width: int) -> tuple[int, int, int, int]:
        """(area, household, pin, tags) widths; 0 hides a column.

        The id, mark and weight always show. The area shows when some case here belongs to
        another area than its holder's (or nobody holds them), the household when some case
        has one: at 80 columns there is no room for columns that say nothing.
        """
        pin = len(t("cases.pinned", self.lang)) if self._any_pinned else 0
        fixed = 3 + self._id_width + 1 + WEIGHT_W + (pin + 1 if pin else 0)
        spare = width - fixed - 1 - TAGS_MIN
        area = household = 0
        if self._area_differs and spare >= AREA_W + 1:
            area = AREA_W
            spare -= AREA_W + 1
        if self._any_household and spare >= self._household_width + 1:
            household = self._household_width
            spare -= household + 1
        tags = max(
            width - fixed - 1 - (area + 1 if area else 0) - (household + 1 if household else 0), 0
        )
        return area, household, pin, tags

    def render_header(self, line: int, width: int, base: Style) -> Strip:
        lang = self.lang
        if line == 0:
            name = (
                t("workers.unassigned", lang)
                if self.worker_id == UNASSIGNED
                else self.assignment.worker(self.worker_id).name
            )
            count = self.assignment.count(self.worker_id)
            load = fmt_num(sum(self.assignment.weight(c) for c in self._marks), lang)
            text = ""
            for form in ("", "_short"):
                bits = [t(f"cases.title{form}", lang, name=name, count=count)]
                if self._marks:
                    bits.append(t(f"cases.marked{form}", lang, count=len(self._marks), load=load))
                if self._filter:
                    bits.append(
                        t(f"cases.filter{form}", lang, text=self._filter, count=len(self._rows))
                    )
                text = " " + " · ".join(bits)
                if len(text) <= width:
                    break
            text = cut(text, width)
            return strip_of([(text, self.title_style())], width, base)
        if not self._rows:
            key = "cases.no_match" if self._filter else "cases.none"
            return strip_of([(" " + t(key, lang), self._style("rowlist--dim"))], width, base)
        area, household, pin, tags = self._widths(width)
        cells = ["   ", cut(t("col.case", lang), self._id_width).ljust(self._id_width)]
        if area:
            cells.append(" " + cut(t("col.area", lang), area).ljust(area))
        cells.append(" " + cut(t("col.weight", lang), WEIGHT_W).rjust(WEIGHT_W))
        if household:
            cells.append(" " + cut(t("col.household", lang), household).ljust(household))
        if pin:
            cells.append(" " + cut(t("col.pin", lang), pin).ljust(pin))
        cells.append(" " + cut(t("col.tags", lang), tags))
        return strip_of([("".join(cells), self._style("rowlist--columns"))], width, base)

    def render_row(self, index: int, width: int, base: Style, cursor: bool) -> Strip:
        lang = self.lang
        case_id = self._rows[index]
        case = self.assignment.case(case_id)
        row_base = base + self.cursor_style() if cursor else base
        if self._drag is not None and case_id in self._drag.case_ids:
            row_base += self._style("cases--dragging")
        area_w, household_w, pin_w, tags_w = self._widths(width)
        marked = case_id in self._marks
        parts: list[Part] = [
            (POINTER if cursor else " ", None),
            # No style on a blank: a style change costs the terminal ~40 bytes a line.
            (MARK, self._style("cases--mark")) if marked else (" ", None),
            (" " + visible(case_id).ljust(self._id_width), None),
        ]
        holder_area = (
            self.assignment.worker(self.worker_id).area if self.worker_id != UNASSIGNED else None
        )
        if area_w:
            short = self._shorts.get(case.area, "") if case.area else ""
            other = case.area is not None and holder_area is not None and case.area != holder_area
            parts.append(
                (
                    " " + cut(short, area_w).ljust(area_w),
                    self._style("cases--other-area") if other else None,
                )
            )
        weight = fmt_plain(self.assignment.weight(case_id), lang)
        parts.append((" " + weight.rjust(WEIGHT_W), None))
        if household_w:
            parts.append((" " + cut(case.household or "", household_w).ljust(household_w), None))
        if pin_w:
            pin = t("cases.pinned", lang) if case.pinned else ""
            pinned = self._style("cases--pinned") if case.pinned else None
            parts.append((" " + pin.ljust(pin_w), pinned))
        parts.append((" " + cut(",".join(case.tags), tags_w), None))
        return strip_of(parts, width, row_base)


__all__ = ["CaseList", "DropTarget"]
