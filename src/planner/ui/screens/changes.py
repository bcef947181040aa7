"""The changes view: every case not with the worker it was loaded with, and its effect.

Net moves only (a case moved and moved back is no change). Each line shows both workers'
status as loaded and now, so the leader sees what the plan does to each person; any one
move can be sent back from here, as a new step that undo can take back. A case whose
household moved too is not sent back alone without asking (the app asks, as moving does).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from planner.core.moves import UNASSIGNED, Assignment, NetMove
from planner.core.rules import WorkerLoad
from planner.core.text import visible
from planner.i18n import STATUS_SYMBOL, t
from planner.ui.format import cut, fmt_num
from planner.ui.language import FollowsLanguage
from planner.ui.screens.base import TranslatedBindings
from planner.ui.widgets.footer import BoardFooter

COLUMNS = ("col.case", "col.from", "col.to", "col.reason")
FRAME = 4 + 2  # the dialog's border and padding, the table's scrollbar and a spare column
PAD = 2  # a DataTable cell's padding
REASON_MIN = 12


class ChangesScreen(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    """Net moves against the loaded data; r / Delete sends the highlighted case back.

    Where one line does not fit (80 columns), each worker cell takes two lines (the name,
    then the figures) and the reason wraps, so the reason is never cut to "Sagsta".
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,c,q", "close", "Close", id="close"),
        Binding("r,delete", "revert", "Send back", id="revert"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "changes--over",
        "changes--within",
        "changes--under",
        "changes--away",
    }

    def __init__(
        self,
        assignment: Assignment,
        loaded: Mapping[str, WorkerLoad],
        lang: str,
        revert: Callable[[str, Callable[[], object]], object],
    ) -> None:
        """`revert(case_id, done)` sends the case back (asking first when its household
        moved too) and calls `done` when it is settled, so the rows are built again."""
        super().__init__(id="changes")
        self.assignment = assignment
        self.loaded = loaded
        self.lang = lang
        self._revert = revert
        self.two_lines = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog changes-dialog"):
            yield Label("", id="changes-title", classes="dialog-title")
            yield DataTable(id="changes-table", cursor_type="row", zebra_stripes=False)
            yield Label(t("changes.hint", self.lang), id="changes-hint", classes="dialog-hint")
        yield BoardFooter()

    def on_mount(self) -> None:
        self.fill()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self.fill()

    def show_language(self, lang: str) -> None:
        self.query_one("#changes-hint", Label).update(t("changes.hint", lang))
        self.fill()

    def _holder_name(self, worker_id: str) -> str:
        if worker_id == UNASSIGNED:
            return t("workers.unassigned", self.lang)
        return visible(self.assignment.worker(worker_id).name)

    def _figures(self, worker_id: str) -> Text:
        """Status and load as loaded → now ("▲79.8→▲77.0"); empty for the unassigned."""
        text = Text()
        if worker_id == UNASSIGNED:
            return text
        for index, wl in enumerate((self.loaded[worker_id], self.assignment.evaluate(worker_id))):
            if index:
                text.append("→")
            style = self.get_component_rich_style(f"changes--{wl.status.value}", partial=True)
            text.append(f"{STATUS_SYMBOL[wl.status]}{fmt_num(wl.load, self.lang)}", style)
        return text

    def _worker_cell(self, worker_id: str) -> Text:
        figures = self._figures(worker_id)
        if not figures:
            return Text(self._holder_name(worker_id))
        joint = "\n" if self.two_lines else " "
        return Text(self._holder_name(worker_id) + joint).append_text(figures)

    def _layout(self, moves: Sequence[NetMove]) -> dict[str, int]:
        """Choose one line or two per row for the room there is; each column's width.

        The widths are given to the table rather than measured by it: a table filled again
        while on screen would draw with the old widths before it measured the new cells."""
        room = self.app.size.width - FRAME
        case_w = max(
            [cell_len(t("col.case", self.lang)), *(cell_len(visible(m.case)) for m in moves)]
        )

        def widest(workers: list[str], two: bool) -> int:
            if not two:
                return max(
                    (
                        cell_len(self._holder_name(w)) + 1 + self._figures(w).cell_len
                        for w in workers
                    ),
                    default=0,
                )
            return max(
                (max(cell_len(self._holder_name(w)), self._figures(w).cell_len) for w in workers),
                default=0,
            )

        reason_w = max(
            [
                cell_len(t("col.reason", self.lang)),
                *(cell_len(visible(m.reason or "")) for m in moves),
            ]
        )
        for two in (False, True):
            widths = {"col.case": case_w}
            for key, workers in (
                ("col.from", [m.from_ for m in moves]),
                ("col.to", [m.to for m in moves]),
            ):
                head = self._heading(key, two)
                head_w = max(cell_len(line) for line in head.split("\n"))
                widths[key] = max(head_w, widest(workers, two))
            used = sum(widths.values()) + PAD * len(widths)
            if two or used + reason_w + PAD <= room:
                self.two_lines = two
                widths["col.reason"] = max(room - used - PAD, REASON_MIN)
                return widths
        raise AssertionError("unreachable")

    def _heading(self, key: str, two: bool) -> str:
        """ "From (before → now)" on one line, or the same on two."""
        if not two:
            return t(key, self.lang)
        return t(f"{key}.short", self.lang) + "\n" + t("col.before_now", self.lang)

    def _reason(self, reason: str, width: int) -> str:
        lines = textwrap.wrap(reason, width) or [""]
        limit = 2 if self.two_lines else 1
        if len(lines) > limit:
            lines = [*lines[: limit - 1], cut(" ".join(lines[limit - 1 :]), width)]
        return "\n".join(lines)

    def fill(self) -> None:
        """(Re)build the rows from the assignment; keeps the cursor on the same line."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        moves = self.assignment.net_moves()
        widths = self._layout(moves)
        height = 2 if self.two_lines else 1
        if table.header_height != height:
            table.header_height = height
        for key in COLUMNS:
            two = self.two_lines and key in ("col.from", "col.to")
            table.add_column(
                self._heading(key, True) if two else t(key, self.lang),
                width=widths[key],
                key=key,
            )
        for move in moves:
            table.add_row(
                Text(visible(move.case)),
                self._worker_cell(move.from_),
                self._worker_cell(move.to),
                Text(self._reason(visible(move.reason or ""), widths["col.reason"])),
                key=move.case,
                height=height,
            )
        table.refresh()
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
        self._revert(case_id, self.fill)

    def action_close(self) -> None:
        self.dismiss(None)
