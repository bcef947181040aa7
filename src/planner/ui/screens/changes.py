"""The changes view: every case not with the worker it was loaded with, and its effect.

Net moves only (a case moved and moved back is no change). Each line shows both workers'
status as loaded and now, so the leader sees what the plan does to each person; any one
move can be sent back from here, as a new step that undo can take back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label

from planner.core.moves import UNASSIGNED, Assignment
from planner.core.rules import WorkerLoad
from planner.core.text import visible
from planner.i18n import STATUS_SYMBOL, t
from planner.ui.format import fmt_num
from planner.ui.screens.base import TranslatedBindings


class ChangesScreen(TranslatedBindings, ModalScreen[None]):
    """Net moves against the loaded data; r / Delete sends the highlighted case back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,c,q", "close", "Close", id="close"),
        Binding("r,delete", "revert", "Send back", id="revert"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"changes--over", "changes--within", "changes--under"}

    def __init__(
        self,
        assignment: Assignment,
        loaded: Mapping[str, WorkerLoad],
        lang: str,
        revert: Callable[[str], object],
    ) -> None:
        super().__init__(id="changes")
        self.assignment = assignment
        self.loaded = loaded
        self.lang = lang
        self._revert = revert

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog changes-dialog"):
            yield Label("", id="changes-title", classes="dialog-title")
            yield DataTable(id="changes-table", cursor_type="row", zebra_stripes=False)
            yield Label(t("changes.hint", self.lang), classes="dialog-hint")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        lang = self.lang
        for key in ("col.case", "col.from", "col.to", "col.reason"):
            table.add_column(t(key, lang), key=key)
        self.fill()
        table.focus()

    def _worker_cell(self, worker_id: str) -> Text:
        lang = self.lang
        if worker_id == UNASSIGNED:
            return Text(t("workers.unassigned", lang))
        before = self.loaded[worker_id]
        now = self.assignment.evaluate(worker_id)
        text = Text(visible(self.assignment.worker(worker_id).name) + " ")
        for index, wl in enumerate((before, now)):
            if index:
                text.append("→")
            style = self.get_component_rich_style(f"changes--{wl.status.value}", partial=True)
            text.append(f"{STATUS_SYMBOL[wl.status]}{fmt_num(wl.load, lang)}", style)
        return text

    def fill(self) -> None:
        """(Re)build the rows from the assignment; keeps the cursor on the same line."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        moves = self.assignment.net_moves()
        for move in moves:
            table.add_row(
                Text(visible(move.case)),
                self._worker_cell(move.from_),
                self._worker_cell(move.to),
                Text(visible(move.reason or "")),
                key=move.case,
            )
        title = self.query_one("#changes-title", Label)
        title.update(
            t("changes.title", self.lang, count=len(moves))
            if moves
            else t("changes.none", self.lang)
        )
        if moves:
            table.move_cursor(row=min(row, len(moves) - 1))

    def action_revert(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        case_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self._revert(case_id)
        self.fill()

    def action_close(self) -> None:
        self.dismiss(None)
