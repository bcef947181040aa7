"""The suggestion screen (`b`): the fairest plan, with the fewest moves that reach it.

The solve runs in a thread worker on a snapshot of the board, so the app keeps drawing and
answering keys; a stage line and an elapsed-time counter show it is working, and Esc
cancels it (HiGHS is interrupted, nothing changes). Then the screen lists the suggested
moves and each affected worker before -> after (for the moves chosen), with the plan's
quality and the highest utilisation before -> after. Everything scrolls, so at 80x24 the
whole move list and the whole before -> after table are there.

Meanwhile a second thread works out a short trade-off table: the best plan with at most
0, 10, 20 ... moves between workers beside the optimum, against the highest utilisation
each reaches. On that table (`t`) the highlighted row is the plan shown below it.

Space chooses or drops a move (a household's moves go together), Enter accepts the chosen
ones, `a` accepts all, Esc dismisses. Accepted moves are posted to the app (MovesAccepted),
which applies them as one step: they join the undo history and the plan like moves made
by hand. Every figure comes from the core.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, ProgressBar, Static
from textual.worker import Worker, WorkerState

from planner.core.models import Team
from planner.core.moves import UNASSIGNED, Assignment, Move, impact
from planner.core.rules import WorkerLoad
from planner.core.text import visible
from planner.i18n import STATUS_SYMBOL, fmt_peak, suggestion_lines, t, worker_name
from planner.ui.format import fmt_num, fmt_pct
from planner.ui.language import FollowsLanguage
from planner.ui.messages import MovesAccepted
from planner.ui.screens.base import TranslatedBindings
from planner.ui.widgets.footer import BoardFooter

if TYPE_CHECKING:
    from planner.core.balance import Suggestion


class ScrolledTable(DataTable):  # type: ignore[type-arg]
    """A table as tall as its rows inside the dialog's scroll: page keys move the cursor by
    the dialog's height (not the table's, which is all of it), home and end to the first
    and last row; the dialog follows the cursor."""

    def _page(self) -> int:
        viewport = self.parent.size.height if isinstance(self.parent, VerticalScroll) else 10
        return max(1, viewport - 2)

    def action_page_down(self) -> None:
        self.move_cursor(row=min(self.cursor_row + self._page(), self.row_count - 1))

    def action_page_up(self) -> None:
        self.move_cursor(row=max(self.cursor_row - self._page(), 0))

    def action_scroll_home(self) -> None:
        self.move_cursor(row=0)

    def action_scroll_end(self) -> None:
        self.move_cursor(row=max(self.row_count - 1, 0))


class BalanceScreen(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    """Solve in a thread, then let the leader pick a plan on the trade-off table and
    accept all, some or none of its moves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_or_cancel", "Dismiss", id="balance.dismiss"),
        Binding("space", "toggle", "Choose", id="balance.toggle"),
        Binding("enter", "accept", "Accept chosen", priority=True, id="balance.accept"),
        Binding("a", "accept_all", "Accept all", id="balance.accept-all"),
        Binding("t", "tradeoff", "Trade-off", id="balance.tradeoff"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "balance--over",
        "balance--within",
        "balance--under",
        "balance--away",
    }
    AUTO_FOCUS = ""  # nothing to focus while it works; then the move list takes the focus

    DEFAULT_CSS = """
    BalanceScreen {
        & > .balance--over { color: $error; text-style: bold; }
        & > .balance--within { color: $success; }
        & > .balance--under { color: $warning; }
        & > .balance--away { color: $secondary; text-style: bold; }
    }
    .balance-dialog {
        width: 100%;
        height: 1fr;
    }
    #balance-progress {
        height: auto;
        margin: 1 0;
        & > ProgressBar { margin: 1 0; }
    }
    #balance-result { height: 1fr; }
    /* As tall as their rows (a DataTable stops at 100% by default): the dialog scrolls. */
    #balance-result > DataTable { height: auto; max-height: 1000000; }
    #balance-summary { height: auto; margin: 0 0 1 0; }
    #balance-tradeoff-title { margin: 0 0 0 0; text-style: bold; }
    #balance-tradeoff { margin: 0 0 1 0; }
    #balance-workers { margin: 1 0 0 0; }
    #balance-areas { height: auto; margin: 1 0 0 0; }
    #balance-hint { dock: bottom; }
    """

    def __init__(self, assignment: Assignment, lang: str, time_limit: float | None = None) -> None:
        super().__init__(id="balance")
        self.assignment = assignment
        self.lang = lang
        self.time_limit = time_limit
        self.suggestion: Suggestion | None = None  # the plan shown
        self.optimum: Suggestion | None = None  # the fairest, without a budget
        # The trade-off table's rows: (budget or None for the optimum, its plan when known).
        self.options: list[tuple[int | None, Suggestion | None]] = []
        self.shown_index = 0  # the row of the plan shown
        self.chosen: set[str] = set()  # case ids of the chosen moves
        self._stop = threading.Event()
        self._stage = "start"  # written by the solver thread, read by the timer
        self._started = time.monotonic()
        # The board as it is now: the suggestion starts from here, moves made by hand too.
        self._holders = assignment.snapshot()

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog balance-dialog"):
            yield Label(t("balance.title", lang), id="balance-title", classes="dialog-title")
            with Vertical(id="balance-progress"):
                yield Label(t("balance.working", lang))
                yield ProgressBar(total=None, show_eta=False, show_percentage=False)
                yield Label("", id="balance-stage")
                yield Label(t("balance.cancel_hint", lang), classes="dialog-hint")
            # One scroll for everything: every move and every worker, at any size.
            with VerticalScroll(id="balance-result", can_focus=False):
                yield Static("", id="balance-summary")
                yield Static("", id="balance-tradeoff-title")  # wraps at 80 columns
                yield ScrolledTable(id="balance-tradeoff", cursor_type="row", zebra_stripes=False)
                yield ScrolledTable(id="balance-moves", cursor_type="row", zebra_stripes=False)
                yield ScrolledTable(id="balance-workers", cursor_type="row", zebra_stripes=False)
                # Per area after the plan's tables: at 80x24 the summary and the first move
                # fit the first screen.
                yield Static("", id="balance-areas")
            yield Label("", id="balance-hint", classes="dialog-hint")
        yield BoardFooter()

    def on_mount(self) -> None:
        self.query_one("#balance-result").display = False
        self.query_one("#balance-hint").display = False
        self._tick()
        self.set_interval(0.25, self._tick, name="balance-progress")
        self._solve(self.assignment.team, self.assignment.on, dict(self._holders))

    def on_unmount(self) -> None:
        self._stop.set()  # leaving the screen ends the runs; HiGHS stops at its next check

    def _tick(self) -> None:
        if self.suggestion is not None:
            return
        stage = t(f"balance.stage.{self._stage}", self.lang)
        seconds = fmt_num(time.monotonic() - self._started, self.lang)
        self.query_one("#balance-stage", Label).update(
            t("balance.elapsed", self.lang, stage=stage, seconds=seconds)
        )

    # -- solving --------------------------------------------------------------------------

    def _suggest(
        self, team: Team, on: date, holders: dict[str, str], max_moves: int | None
    ) -> Suggestion | None:
        # Imported here: HiGHS and numpy load in the worker, not when the board starts.
        from planner.core.balance import DEFAULT_TIME_LIMIT, REASON, BalanceCancelled, suggest

        def progress(stage: str) -> None:
            if not self._stop.is_set() and self.suggestion is None:
                self._stage = stage

        try:
            return suggest(
                team,
                on,
                holders,
                max_moves=max_moves,
                time_limit=self.time_limit or DEFAULT_TIME_LIMIT,
                reason=REASON,
                should_stop=self._stop.is_set,
                progress=progress,
            )
        except BalanceCancelled:
            return None

    @work(thread=True, exclusive=True, group="balance", exit_on_error=False)
    def _solve(self, team: Team, on: date, holders: dict[str, str]) -> Suggestion | None:
        return self._suggest(team, on, holders, None)

    @work(thread=True, exclusive=True, group="balance-tradeoff", exit_on_error=False)
    def _trade_off(self, team: Team, on: date, holders: dict[str, str], budgets: list[int]) -> None:
        """The best plan for each budget in turn, each shown in its row when found."""
        for index, budget in enumerate(budgets):
            if self._stop.is_set():
                return
            found = self._suggest(team, on, holders, budget)
            if found is None:
                return
            self.app.call_from_thread(self._option_found, index, found)

    @on(Worker.StateChanged)
    def _solved(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "balance-tradeoff":
            if event.state == WorkerState.ERROR:
                self.app.notify(
                    t("balance.failed", self.lang, error=str(event.worker.error)),
                    severity="error",
                )
            return
        if event.worker.group != "balance":
            return
        if event.state == WorkerState.SUCCESS:
            result = event.worker.result
            if result is None:
                self.app.notify(t("balance.cancelled", self.lang), timeout=3)
                self.dismiss(None)
            else:
                self._start_trade_off(result)
                self.show(result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            self.app.notify(
                t("balance.failed", self.lang, error=f"{type(error).__name__}: {error}"),
                severity="error",
            )
            self.dismiss(None)

    def _start_trade_off(self, optimum: Suggestion) -> None:
        from planner.core.balance import trade_off_budgets

        self.optimum = optimum
        budgets = trade_off_budgets(optimum.relocations)
        self.options = [(budget, None) for budget in budgets] + [(None, optimum)]
        self.shown_index = len(self.options) - 1
        self._fill_trade_off()
        if budgets:
            team, on = self.assignment.team, self.assignment.on
            self._trade_off(team, on, dict(self._holders), budgets)

    def _option_found(self, index: int, found: Suggestion) -> None:
        if not self.is_attached:
            return  # dismissed meanwhile
        self.options[index] = (self.options[index][0], found)
        table = self.query_one("#balance-tradeoff", DataTable)
        for key, value in zip(("peak", "outside"), self._row(index)[2:], strict=True):
            table.update_cell(str(index), key, value)

    # -- the trade-off table --------------------------------------------------------------

    def _row(self, index: int) -> tuple[str, str, str, str]:
        lang = self.lang
        budget, found = self.options[index]
        if budget is None:
            label = t("balance.optimum_row", lang, count=found.relocations if found else 0)
        else:
            label = t("balance.budget_row", lang, count=budget)
        mark = "●" if index == self.shown_index else " "
        if found is None:
            return mark, label, t("balance.working_row", lang), ""
        return mark, label, fmt_peak(found.peak, lang), fmt_num(found.overflow, lang)

    def _fill_trade_off(self) -> None:
        """The whole table (at first, and in another language); rows fill in later."""
        lang = self.lang
        table = self.query_one("#balance-tradeoff", DataTable)
        title = self.query_one("#balance-tradeoff-title", Static)
        shown = len(self.options) > 1
        table.display = title.display = shown
        title.update(t("balance.tradeoff.title", lang))
        if not shown:
            return
        table.clear(columns=True)
        table.add_column(" ", key="shown")
        table.add_column(t("balance.col.budget", lang), key="budget")
        table.add_column(t("balance.col.peak", lang), key="peak")
        table.add_column(t("balance.col.outside", lang), key="outside")
        for index in range(len(self.options)):
            table.add_row(*self._row(index), key=str(index))
        table.move_cursor(row=self.shown_index, animate=False)

    def action_tradeoff(self) -> None:
        table = self.query_one("#balance-tradeoff", DataTable)
        if table.display:
            table.focus()

    @on(DataTable.RowHighlighted, "#balance-tradeoff")
    def _pick(self, event: DataTable.RowHighlighted) -> None:
        """On the trade-off table, the highlighted row is the plan shown below it."""
        table = event.data_table
        # Only the leader's own cursor moves count (not the ones filling the table makes).
        if not table.has_focus or event.cursor_row != table.cursor_row:
            return
        index = event.cursor_row
        found = self.options[index][1]
        if index == self.shown_index or found is None:
            return
        previous, self.shown_index = self.shown_index, index
        for row in (previous, index):
            table.update_cell(str(row), "shown", self._row(row)[0])
        self.show(found)

    # -- the result -----------------------------------------------------------------------

    def show(self, suggestion: Suggestion, chosen: set[str] | None = None) -> None:
        """Fill the result; every move is chosen unless `chosen` says otherwise."""
        self.suggestion = suggestion
        self.chosen = {m.case for m in suggestion.moves} if chosen is None else chosen
        self.query_one("#balance-progress").display = False
        self.query_one("#balance-result").display = True
        self.query_one("#balance-hint").display = True
        lang = self.lang
        moves = self.query_one("#balance-moves", DataTable)
        moves.clear(columns=True)
        moves.add_column(" ", key="chosen")
        moves.add_column(t("col.case", lang), key="case")
        moves.add_column(t("balance.col.from", lang), key="from")
        moves.add_column(t("balance.col.to", lang), key="to")
        for move in suggestion.moves:
            mark = "✓" if move.case in self.chosen else " "
            moves.add_row(
                mark,
                Text(visible(move.case)),
                self._worker_name(move.from_),
                self._worker_name(move.to),
                key=move.case,
            )
        moves.display = bool(suggestion.moves)
        workers = self.query_one("#balance-workers", DataTable)
        workers.clear(columns=True)
        workers.add_column(t("col.worker", lang), key="worker")
        workers.add_column(t("balance.col.before", lang), key="before")
        workers.add_column(t("balance.col.after", lang), key="after")
        workers.display = bool(suggestion.moves)
        self._fill_summary()
        self._fill_workers()
        tradeoff = self.query_one("#balance-tradeoff", DataTable)
        if not tradeoff.has_focus and suggestion.moves:
            # After the layout: a table shown in this same step cannot take focus yet.
            self.call_after_refresh(self._focus_moves)

    def _focus_moves(self) -> None:
        """The move list takes the focus, the dialog shown from its top (the summary)."""
        self.query_one("#balance-moves", DataTable).focus(scroll_visible=False)
        self.query_one("#balance-result", VerticalScroll).scroll_home(animate=False)

    @on(DataTable.RowHighlighted, "#balance-moves, #balance-workers, #balance-tradeoff")
    def _follow(self, event: DataTable.RowHighlighted) -> None:
        """The tables are as tall as their rows: the dialog scrolls to the cursor."""
        table = event.data_table
        if table.has_focus and event.cursor_row == table.cursor_row:
            # After the layout: the table's place in the scroll is known only then.
            self.call_after_refresh(self._scroll_to_cursor, table)

    def _scroll_to_cursor(self, table: DataTable) -> None:  # type: ignore[type-arg]
        if not table.has_focus:
            return
        scroll = self.query_one("#balance-result", VerticalScroll)
        top = table.virtual_region.y + int(table.show_header) + table.cursor_row
        scroll.scroll_to_region(Region(0, top, 1, 1), animate=False, spacing=None)

    def _worker_name(self, worker_id: str) -> str:
        return worker_name(self.assignment.team, worker_id, self.lang)

    def _fill_summary(self) -> None:
        suggestion = self.suggestion
        assert suggestion is not None
        lang = self.lang
        # Plain content: names and area labels come from the files, never markup.
        summary = Content("\n".join(suggestion_lines(suggestion, lang)))
        self.query_one("#balance-summary", Static).update(summary)
        lines = []
        for area in suggestion.areas:
            if area.fte_missing > 0:
                lines.append(
                    t(
                        "balance.fte",
                        lang,
                        area=area.label,
                        fte=fmt_num(area.fte_missing, lang, 2),
                        needed=fmt_num(area.fte_needed, lang, 2),
                        effective=fmt_num(area.fte_effective, lang, 2),
                    )
                )
            if area.unplaced:
                lines.append(t("balance.unplaced", lang, area=area.label, count=area.unplaced))
        areas = self.query_one("#balance-areas", Static)
        areas.update(Content("\n".join(lines)))
        areas.display = bool(lines)
        # The keys are in the footer; the line below the tables says what is chosen.
        hint = (
            t("balance.chosen", lang, chosen=len(self.chosen), count=len(suggestion.moves))
            if suggestion.moves
            else t("balance.close_hint", lang)
        )
        self.query_one("#balance-hint", Label).update(hint)

    def _figure(self, load: WorkerLoad) -> Text:
        style = self.get_component_rich_style(f"balance--{load.status.value}", partial=True)
        return Text.assemble(
            (f"{STATUS_SYMBOL[load.status]} {fmt_num(load.load, self.lang)}", style),
            f" ({fmt_pct(load.utilisation, self.lang)})",
        )

    def after_chosen(self) -> dict[str, WorkerLoad]:
        """Each affected worker's figures if only the chosen moves are made (the rules')."""
        suggestion = self.suggestion
        assert suggestion is not None
        touched = {w for m in suggestion.moves for w in (m.from_, m.to) if w != UNASSIGNED}
        chosen = [m for m in suggestion.moves if m.case in self.chosen]
        team = self.assignment.team
        figures = impact(team, self._holders, chosen, self.assignment.on, workers=touched)
        return {worker_id: change.after for worker_id, change in figures.items()}

    def _fill_workers(self) -> None:
        suggestion = self.suggestion
        assert suggestion is not None
        table = self.query_one("#balance-workers", DataTable)
        table.clear()
        before = {wl.worker.id: wl for wl in suggestion.before}
        for worker_id, after in self.after_chosen().items():
            table.add_row(
                Text(visible(after.worker.name)),
                self._figure(before[worker_id]),
                self._figure(after),
                key=worker_id,
            )

    # -- choosing and accepting -----------------------------------------------------------

    def _household_of(self, case_id: str) -> list[str]:
        """The suggested moves that must go together with this one (its household's)."""
        assert self.suggestion is not None
        members = set(self.assignment.household(case_id))
        return [m.case for m in self.suggestion.moves if m.case in members]

    def action_toggle(self) -> None:
        if self.suggestion is None or not self.suggestion.moves:
            return
        table = self.query_one("#balance-moves", DataTable)
        case_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        together = self._household_of(case_id)
        choose = case_id not in self.chosen
        for member in together:
            if choose:
                self.chosen.add(member)
            else:
                self.chosen.discard(member)
            table.update_cell(member, "chosen", "✓" if choose else " ")
        self._fill_workers()
        self._fill_summary()

    def action_accept(self) -> None:
        if self.suggestion is None:
            return
        self._apply([m for m in self.suggestion.moves if m.case in self.chosen])

    def action_accept_all(self) -> None:
        if self.suggestion is None:
            return
        self._apply(list(self.suggestion.moves))

    def _apply(self, moves: Sequence[Move]) -> None:
        lang = self.lang
        # The screen is modal, but a plan restored meanwhile could have moved a case.
        current = [m for m in moves if self.assignment.holder(m.case) == m.from_]
        if len(current) < len(moves):
            self.app.notify(
                t("balance.stale", lang, count=len(moves) - len(current)), severity="warning"
            )
        self.app.post_message(MovesAccepted(tuple(current)))
        self.dismiss(None)

    def action_dismiss_or_cancel(self) -> None:
        if self.suggestion is None:
            self._stop.set()  # the worker returns None and the screen closes
            self._stage = "cancelling"
            self._tick()
            return
        self.dismiss(None)

    def show_language(self, lang: str) -> None:
        self.query_one("#balance-title", Label).update(t("balance.title", lang))
        if self.suggestion is not None:
            self.show(self.suggestion, self.chosen)
            if self.options:
                self._fill_trade_off()
        else:
            self._tick()
