"""The board: header, worker list, case list, and (when wide) detail and chart.

The board shows the app's Assignment and forwards what the user does; it changes nothing
itself. Moves go up to the app as ``MoveRequested``; the app moves, calls
:meth:`BoardScreen.show_moves` (which redraws only what the moves touched) and posts
``CasesMoved``. The app sets ``read_only_reason`` on the board (attributes down).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.errors import NoWidget
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from planner.core.moves import Assignment, Move
from planner.i18n import t
from planner.ui.language import FollowsLanguage, phrase
from planner.ui.messages import MoveRequested
from planner.ui.moving import MoveReasons, move_refusal
from planner.ui.screens.base import TranslatedBindings
from planner.ui.widgets.cases import CaseList
from planner.ui.widgets.detail import UtilisationChart, WorkerDetail
from planner.ui.widgets.footer import BoardFooter
from planner.ui.widgets.header import BoardHeader
from planner.ui.widgets.workers import DropPreview, SortKey, WorkerList

if TYPE_CHECKING:  # made at the first move (planner.ui.widgets.picker), not on the first frame
    from textual.command import Provider

    from planner.ui.widgets.picker import MovePicker, PickerChoice


def _board_commands() -> type[Provider]:
    """The board's palette provider, imported when the palette first opens (Textual takes
    a callable for that, as for its own system commands), not before the first frame."""
    from planner.ui.commands import BoardCommands

    return BoardCommands


class CaseFilter(FollowsLanguage, Input):
    """The `/` filter under the case list: Enter keeps the filter, Escape clears it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", "Clear", show=False, id="filter.clear"),
    ]

    class Cleared(Message):
        """The filter was emptied and closed."""

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(placeholder=t("filter.placeholder", lang), id=id)
        self.lang = lang

    def show_language(self, lang: str) -> None:
        self.placeholder = t("filter.placeholder", lang)

    def action_clear(self) -> None:
        self.value = ""
        self.post_message(self.Cleared())


SORT_CYCLE = (SortKey.ORDER, SortKey.UTILISATION, SortKey.NAME)

# The board's own actions: none of them while the move picker is open over the board (as
# when it was a screen of its own, the keys belong to the picker).
BOARD_ACTIONS = frozenset(
    ("move", "filter", "open_cases", "sort", "sort_by", "group", "area", "detail", "chart",
     "fte", "focus_workers", "focus_cases")
)  # fmt: skip


class BoardScreen(FollowsLanguage, TranslatedBindings, Screen[None]):
    """The main screen."""

    # The palette offers the board's actions only here (not over dialogs).
    COMMANDS = Screen.COMMANDS | {_board_commands}

    # Textual's Screen repaints every cell when the focus moves (its `focused` reactive
    # repaints the screen): opening or closing the picker wrote the whole board to the
    # terminal again. The focused and blurred widgets restyle and redraw themselves; the
    # board's own cells (its background) do not depend on the focus.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    # Keys that move the focus or open a dialog are priority bindings: the app runs them
    # before it hands on the next key, so keys typed ahead (a paste, a laggy SSH link that
    # delivers "m mette ⏎" at once) land where the user meant. Each skips itself where it
    # does not apply (typing in an input).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "move", "Move", id="move", priority=True),
        Binding("slash", "filter", "Filter", id="filter", priority=True),
        Binding("enter", "open_cases", "Cases", show=False, id="workers.open", priority=True),
        Binding("s", "sort", "Sort", show=False, id="sort"),
        Binding("g", "group", "Group", show=False, id="group"),
        Binding("a", "area", "Area", show=False, id="area"),
        Binding("d", "detail", "Detail", show=False, id="detail"),
        Binding("u", "chart", "Chart", show=False, id="chart"),
        Binding("f", "fte", "FTE/area", show=False, id="fte"),
        Binding("left", "focus_workers", show=False, id="focus-workers", priority=True),
        Binding("right", "focus_cases", show=False, id="focus-cases", priority=True),
    ]

    def __init__(self, assignment: Assignment, before: list[float | None], lang: str) -> None:
        super().__init__(id="board")
        self.assignment = assignment
        self.lang = lang
        self.header = BoardHeader(assignment, lang, id="header")
        self.worker_list = WorkerList(assignment, lang, id="workers")
        self.case_list = CaseList(assignment, lang, id="cases")
        self.detail = WorkerDetail(assignment, lang, id="detail")
        self.chart = UtilisationChart(assignment, before, lang, id="chart")
        self._before = before
        self.read_only_reason: str | None = None  # set by the app while the team is held
        # The reason chosen in the picker stays for the session (not "none" after a move).
        self.reasons = MoveReasons.of(assignment.team.reasons)
        self.picker: MovePicker | None = None  # the move picker, while it is open
        self._picker: MovePicker | None = None  # made at the first move, then kept hidden
        self._focus_before_picker: Widget | None = None

    def compose(self) -> ComposeResult:
        yield self.header
        with Horizontal(id="panes"):
            yield self.worker_list
            with Vertical(id="side"):
                yield self.case_list
                # The case filter (an Input) is mounted below the cases when first opened:
                # hidden until then, it would only make the first frame later.
                yield self.detail
                yield self.chart
        yield BoardFooter()

    def on_mount(self) -> None:
        self.worker_list.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.picker is not None and action in BOARD_ACTIONS:
            return False  # the picker has the keys (and the footer shows its own)
        # Read-only: no Move in the footer (the app says why when m is pressed anyway).
        return not (action == "move" and self.read_only_reason is not None)

    def _forward_event(self, event: events.Event) -> None:
        # While the picker is open, the board under it takes no mouse (as under a dialog
        # screen): no hover, click, scroll or drag. The footer and toasts still do.
        if self.picker is not None and isinstance(event, events.MouseEvent):
            try:
                widget, _ = self.get_widget_at(event.x, event.y)
            except NoWidget:
                widget = None
            if (
                widget is self
                or widget is self.header
                or (widget is not None and self.query_one("#panes") in widget.ancestors_with_self)
            ):
                return
        super()._forward_event(event)

    # -- keeping the views in step ----------------------------------------------------------

    def show_moves(self, moves: Iterable[Move]) -> None:
        """Redraw what these moves touched: two worker rows, the summary, maybe the cases.

        A picker whose choice this is closes here, so the frame that shows the move shows
        the board without it (not a frame later)."""
        if self.picker is not None and self.picker.chosen is not None:
            self.close_picker(self.picker)
        touched = {m.from_ for m in moves} | {m.to for m in moves}
        self.worker_list.refresh_workers(touched)
        self.header.update_summary()
        if self.case_list.worker_id in touched:
            self.case_list.rebuild()
            self.case_list.refresh_header()
        if self.detail.worker_id in touched:
            self.detail.show_moves()
        self.chart.update_workers(touched)

    def show_language(self, lang: str) -> None:
        """Nothing of its own to say again: each widget on the board follows by itself."""

    @on(WorkerList.WorkerHighlighted)
    def _worker_highlighted(self) -> None:
        # Follow where the cursor is now: with keys typed ahead this message may be older
        # than the cursor, and showing its worker would flip the case list back and forth.
        self._sync_cases()

    @on(CaseList.DragHovered)
    def _drag_hovered(self, event: CaseList.DragHovered) -> None:
        self.worker_list.drop_preview = (
            DropPreview(event.target, event.case_ids) if event.target is not None else None
        )

    @on(CaseList.DragCancelled)
    def _drag_cancelled(self) -> None:
        self.worker_list.drop_preview = None
        self.notify(t("move.cancelled", self.lang), timeout=3)

    @on(Input.Changed, "#case-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.case_list.filter_text = event.value

    @on(Input.Submitted, "#case-filter")
    def _filter_submitted(self) -> None:
        self.case_list.focus()
        if not self.case_list.filter_text:
            self.remove_class("-filtering")

    @on(CaseFilter.Cleared)
    def _filter_cleared(self) -> None:
        self.case_list.filter_text = ""
        self.remove_class("-filtering")
        self.case_list.focus()

    # -- actions --------------------------------------------------------------------------

    def _typing(self) -> bool:
        return isinstance(self.focused, Input)

    def _sync_cases(self) -> None:
        """Show the highlighted worker's cases now, not when the message arrives."""
        worker = self.worker_list.highlighted_worker
        if self.case_list.worker_id != worker:
            self.case_list.show_worker(worker)
            self.detail.show(worker)

    async def action_move(self) -> None:
        """m: choose where the marked (or highlighted) cases go, seeing the effect first."""
        if self._typing():
            raise SkipAction()
        self._sync_cases()
        case_ids = self.case_list.selection
        if not case_ids:
            self.notify(t("move.nothing", self.lang), severity="warning")
            return
        refusal = move_refusal(self.assignment, case_ids, self.read_only_reason, self.lang)
        if refusal:
            self.notify(refusal, severity="warning")
            return

        # A drag still going (m pressed with the button down) ends here: the release goes
        # to the picker, and a later click must not drop the cases.
        self.case_list.cancel_drag()
        if self._picker is None:
            from planner.ui.widgets.picker import MovePicker  # the first move, not the start

            def chosen(choice: PickerChoice) -> None:
                # The app moves; its show_moves closes the picker in the move's frame. A
                # choice that moves nothing (refused, or asked about first) closes it once
                # the app has handled the request (one queue, in order).
                picker = self.picker
                if picker is not None:
                    moving = tuple(picker.case_ids)
                    self.app.post_message(MoveRequested(moving, choice.target, choice.reason))
                    self.app.call_later(self.close_picker, picker)

            def ask_reason(then: Callable[[str | None], object]) -> None:
                from planner.ui.screens.picker import ReasonScreen  # not on the first frame

                self.app.push_screen(ReasonScreen(self.lang), then)

            self._picker = MovePicker(
                self.assignment, self.lang, chosen, self.close_picker, ask_reason, self.reasons
            )
            self._picker.display = False
            # First among the board's children (its layer still paints it on top): Textual
            # numbers the painting order of a container's children from the last, so the
            # picker last among them renumbered the header, the panes and the footer each
            # time it showed or hid, and the compositor drew every cell of the screen again.
            await self.mount(self._picker, before=0)
        self.picker = self._picker
        self._focus_before_picker = self.focused
        self.refresh_bindings()  # the board's keys leave the footer
        # Awaited, so the picker's filter has the focus before the next key is handed on.
        await self._picker.open(case_ids)

    def close_picker(self, picker: MovePicker) -> None:
        """Close the move picker (if still open) and give the focus back."""
        if picker is not self.picker:
            return
        self.picker = None
        # Hidden, and laid out with whatever else the next frame draws (the move). It stays
        # in the DOM for the next move: taking it out would repaint the whole screen.
        picker.display = False
        self.refresh(layout=True, repaint=False)
        before = self._focus_before_picker
        self._focus_before_picker = None
        if before is not None and before.is_attached and before.focusable:
            self.set_focus(before, scroll_visible=False)
        else:
            self.set_focus(self.worker_list)
        self.refresh_bindings()

    async def action_filter(self) -> None:
        if self._typing():
            raise SkipAction()
        self._sync_cases()
        self.add_class("-filtering")
        found = self.query(CaseFilter)
        if found:
            field = found.first()
        else:
            # Awaited, so the filter has the focus before the next key is handed on.
            field = CaseFilter(self.lang, id="case-filter")
            await self.query_one("#side", Vertical).mount(field, after=self.case_list)
        self.set_focus(field)

    def action_open_cases(self) -> None:
        """Enter on the worker list: on to their cases."""
        if self.focused is not self.worker_list:
            raise SkipAction()
        self.action_focus_cases()

    def action_sort(self) -> None:
        """s: the next order; or, when moves made the utilisation order stale, sort again."""
        if self.worker_list.order_stale:
            self.worker_list.rebuild()
            return
        current = SORT_CYCLE.index(self.worker_list.sort_key)
        self.action_sort_by(SORT_CYCLE[(current + 1) % len(SORT_CYCLE)].value)

    def action_sort_by(self, key: str) -> None:
        self.worker_list.sort_key = SortKey(key)
        self.worker_list.rebuild()

    def action_group(self) -> None:
        self.worker_list.grouped = not self.worker_list.grouped
        self.worker_list.rebuild()

    def action_area(self) -> None:
        areas = list(dict.fromkeys(w.area for w in self.assignment.team.workers))
        cycle: list[str | None] = [None, *areas]
        index = (
            cycle.index(self.worker_list.area_filter)
            if self.worker_list.area_filter in cycle
            else 0
        )
        self.worker_list.area_filter = cycle[(index + 1) % len(cycle)]
        self.worker_list.rebuild()

    def action_detail(self) -> None:
        from planner.ui.screens.dialogs import PanelScreen  # not on the first frame

        detail = WorkerDetail(self.assignment, self.lang, id="detail-panel")
        detail.show(self.worker_list.highlighted_worker)
        self.app.push_screen(PanelScreen(phrase("detail.screen_title"), detail))

    def action_chart(self) -> None:
        from planner.ui.screens.dialogs import PanelScreen

        chart = UtilisationChart(self.assignment, self._before, self.lang, id="chart-panel")
        self.app.push_screen(PanelScreen(phrase("help.chart"), chart))

    def action_fte(self) -> None:
        self.header.show_areas = not self.header.show_areas

    def action_focus_workers(self) -> None:
        if self._typing():
            raise SkipAction()
        self.set_focus(self.worker_list)

    def action_focus_cases(self) -> None:
        if self._typing():
            raise SkipAction()
        self._sync_cases()
        self.set_focus(self.case_list)
