"""The suggestion screen (`b`): the fewest moves that bring everyone within range.

The solve runs in a thread worker on a snapshot of the board, so the app keeps drawing and
answering keys; a stage line and an elapsed-time counter show it is working, and Esc
cancels it (HiGHS is interrupted, nothing changes). Then the screen lists the suggested
moves and each affected worker before -> after (for the moves chosen), with the plan's
quality: "31 moves; at least 31 are needed; a greedy plan would take 40".

Space chooses or drops a move (a household's moves go together), Enter accepts the chosen
ones, `a` accepts all, Esc dismisses. Accepted moves go through
``PlannerApp.apply_moves``, the app's one way to change the board, as one step: they join
the undo history and the plan like moves made by hand. Every figure comes from the core.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label, ProgressBar, Static
from textual.worker import Worker, WorkerState

from planner.core.models import Team
from planner.core.moves import UNASSIGNED, Assignment, Move
from planner.core.rules import WorkerLoad, evaluate_worker
from planner.i18n import STATUS_SYMBOL
from planner.ui.format import fmt_num, fmt_pct
from planner.ui.screens.base import TranslatedBindings
from planner.ui.texts import TEXTS as UI_TEXTS
from planner.ui.texts import tr

if TYPE_CHECKING:
    from planner.core.balance import Suggestion
    from planner.ui.app import PlannerApp

# key: (english, danish). Registered in the board's one table (new keys only), so the
# footer, help and palette label the bindings in the language on screen.
TEXTS: dict[str, tuple[str, str]] = {
    "key.balance": ("Suggest", "Forslag"),
    "help.balance": (
        "Suggest the fewest moves that bring everyone within range",
        "Foreslå de færreste flytninger, der bringer alle inden for intervallet",
    ),
    "key.balance.toggle": ("Choose", "Vælg"),
    "help.balance.toggle": (
        "Choose or drop the highlighted move (a household's moves go together)",
        "Vælg eller fravælg den markerede flytning (en husstands flytninger følges ad)",
    ),
    "key.balance.accept": ("Accept chosen", "Godkend valgte"),
    "key.balance.accept-all": ("Accept all", "Godkend alle"),
    "key.balance.dismiss": ("Dismiss", "Afvis"),
    "key.balance.cancel": ("Cancel", "Annullér"),
    "balance.title": ("Suggested rebalancing", "Forslag til omfordeling"),
    "balance.working": ("Looking for the fewest moves …", "Leder efter de færreste flytninger …"),
    "balance.stage.start": ("starting", "starter"),
    "balance.stage.greedy": (
        "a first plan by hand's rules",
        "en første plan efter tommelfingerregler",
    ),
    "balance.stage.overflow": ("how much can fit", "hvor meget der kan være"),
    "balance.stage.moves": ("proving the fewest moves", "beviser det færreste antal flytninger"),
    "balance.stage.polish": (
        "least weight moved, even utilisation",
        "mindst vægt flyttet, jævn udnyttelse",
    ),
    "balance.stage.verify": ("checking with the rules", "kontrollerer med reglerne"),
    "balance.stage.cancelling": ("cancelling …", "annullerer …"),
    "balance.elapsed": ("{stage} · {seconds} s", "{stage} · {seconds} s"),
    "balance.cancel_hint": (
        "The board stays as it is. Esc cancels.",
        "Tavlen forbliver som den er. Esc annullerer.",
    ),
    "balance.summary": (
        "{moves} moves; at least {bound} are needed; a greedy plan would take {greedy}.",
        "{moves} flytninger; mindst {bound} er nødvendige; en grådig plan ville bruge {greedy}.",
    ),
    "balance.greedy_worse": (
        "The greedy plan would leave {overflow} load outside the ranges; this one {own}.",
        "Den grådige plan ville efterlade {overflow} belastning uden for intervallerne; denne {own}.",
    ),
    "balance.proven": ("Proven: no plan needs fewer.", "Bevist: ingen plan kræver færre."),
    "balance.timed_out": (
        "Time ran out: the best plan found, not proven the fewest.",
        "Tiden løb ud: den bedste plan fundet, ikke bevist den korteste.",
    ),
    "balance.not_proven": ("Not proven the fewest.", "Ikke bevist at være færrest."),
    "balance.overflow": (
        "Not everyone can be within range: {load} load stays outside the ranges.",
        "Ikke alle kan komme inden for intervallet: {load} belastning forbliver udenfor.",
    ),
    "balance.fte": ("{area}: {fte} FTE missing", "{area}: mangler {fte} årsværk"),
    "balance.unplaced": (
        "{area}: {count} case(s) stay unassigned (no worker of the area)",
        "{area}: {count} sag(er) forbliver ufordelt (ingen medarbejder i området)",
    ),
    "balance.none": (
        "Everyone is within range: no moves are needed.",
        "Alle er inden for intervallet: ingen flytninger er nødvendige.",
    ),
    "balance.nothing_helps": ("No move makes it better.", "Ingen flytning gør det bedre."),
    "balance.close_hint": ("Esc closes.", "Esc lukker."),
    "balance.chosen": ("{chosen} of {count} chosen", "{chosen} af {count} valgt"),
    "balance.col.from": ("From", "Fra"),
    "balance.col.to": ("To", "Til"),
    "balance.col.before": ("Before", "Før"),
    "balance.col.after": ("After (chosen)", "Efter (valgte)"),
    "balance.applied": (
        "Applied {count} suggested move(s); ctrl+z takes them back.",
        "Gennemførte {count} foreslåede flytning(er); ctrl+z tager dem tilbage.",
    ),
    "balance.stale": (
        "{count} suggested move(s) skipped: those cases moved meanwhile.",
        "{count} foreslåede flytning(er) sprunget over: sagerne er flyttet imens.",
    ),
    "balance.failed": ("The suggestion failed: {error}", "Forslaget mislykkedes: {error}"),
    "balance.cancelled": ("Suggestion cancelled.", "Forslaget er annulleret."),
}
for _key, _pair in TEXTS.items():
    UI_TEXTS.setdefault(_key, _pair)


class BalanceScreen(TranslatedBindings, ModalScreen[None]):
    """Solve in a thread, then let the leader accept all, some or none of the moves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_or_cancel", "Dismiss", id="balance.dismiss"),
        Binding("space", "toggle", "Choose", id="balance.toggle"),
        Binding("enter", "accept", "Accept chosen", priority=True, id="balance.accept"),
        Binding("a", "accept_all", "Accept all", id="balance.accept-all"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"balance--over", "balance--within", "balance--under"}

    DEFAULT_CSS = """
    BalanceScreen {
        & > .balance--over { color: $error; text-style: bold; }
        & > .balance--within { color: $success; }
        & > .balance--under { color: $warning; }
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
    #balance-summary { height: auto; margin: 0 0 1 0; }
    #balance-moves { height: 2fr; }
    #balance-workers { height: 1fr; margin: 1 0 0 0; }
    """

    def __init__(self, assignment: Assignment, lang: str, time_limit: float | None = None) -> None:
        super().__init__(id="balance")
        self.assignment = assignment
        self.lang = lang
        self.time_limit = time_limit
        self.suggestion: Suggestion | None = None
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
            yield Label(tr("balance.title", lang), id="balance-title", classes="dialog-title")
            with Vertical(id="balance-progress"):
                yield Label(tr("balance.working", lang))
                yield ProgressBar(total=None, show_eta=False, show_percentage=False)
                yield Label("", id="balance-stage")
                yield Label(tr("balance.cancel_hint", lang), classes="dialog-hint")
            with Vertical(id="balance-result"):
                yield Static("", id="balance-summary")
                yield DataTable(id="balance-moves", cursor_type="row", zebra_stripes=False)
                yield DataTable(id="balance-workers", cursor_type="none", zebra_stripes=False)
                yield Label("", id="balance-hint", classes="dialog-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#balance-result").display = False
        self._tick()
        self.set_interval(0.25, self._tick, name="balance-progress")
        self._solve(self.assignment.team, self.assignment.on, dict(self._holders))

    def on_unmount(self) -> None:
        self._stop.set()  # leaving the screen ends the run; HiGHS stops at its next check

    def _tick(self) -> None:
        if self.suggestion is not None:
            return
        stage = tr(f"balance.stage.{self._stage}", self.lang)
        seconds = fmt_num(time.monotonic() - self._started, self.lang)
        self.query_one("#balance-stage", Label).update(
            tr("balance.elapsed", self.lang, stage=stage, seconds=seconds)
        )

    # -- solving --------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="balance", exit_on_error=False)
    def _solve(self, team: Team, on: date, holders: dict[str, str]) -> Suggestion | None:
        # Imported here: HiGHS and numpy load in the worker, not when the board starts.
        from planner.core.balance import DEFAULT_TIME_LIMIT, REASON, BalanceCancelled, suggest

        def progress(stage: str) -> None:
            if not self._stop.is_set():
                self._stage = stage

        try:
            return suggest(
                team,
                on,
                holders,
                time_limit=self.time_limit or DEFAULT_TIME_LIMIT,
                reason=REASON,
                should_stop=self._stop.is_set,
                progress=progress,
            )
        except BalanceCancelled:
            return None

    @on(Worker.StateChanged)
    def _solved(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "balance":
            return
        if event.state == WorkerState.SUCCESS:
            result = event.worker.result
            if result is None:
                self.app.notify(tr("balance.cancelled", self.lang), timeout=3)
                self.dismiss(None)
            else:
                self.show(result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            self.app.notify(
                tr("balance.failed", self.lang, error=f"{type(error).__name__}: {error}"),
                severity="error",
            )
            self.dismiss(None)

    # -- the result -----------------------------------------------------------------------

    def show(self, suggestion: Suggestion, chosen: set[str] | None = None) -> None:
        """Fill the result; every move is chosen unless `chosen` says otherwise."""
        self.suggestion = suggestion
        self.chosen = {m.case for m in suggestion.moves} if chosen is None else chosen
        self.query_one("#balance-progress").display = False
        self.query_one("#balance-result").display = True
        lang = self.lang
        moves = self.query_one("#balance-moves", DataTable)
        moves.clear(columns=True)
        moves.add_column(" ", key="chosen")
        moves.add_column(tr("col.case", lang), key="case")
        moves.add_column(tr("balance.col.from", lang), key="from")
        moves.add_column(tr("balance.col.to", lang), key="to")
        for move in suggestion.moves:
            mark = "✓" if move.case in self.chosen else " "
            moves.add_row(
                mark,
                move.case,
                self._worker_name(move.from_),
                self._worker_name(move.to),
                key=move.case,
            )
        moves.display = bool(suggestion.moves)
        workers = self.query_one("#balance-workers", DataTable)
        workers.clear(columns=True)
        workers.add_column(tr("col.worker", lang), key="worker")
        workers.add_column(tr("balance.col.before", lang), key="before")
        workers.add_column(tr("balance.col.after", lang), key="after")
        workers.display = bool(suggestion.moves)
        self._fill_summary()
        self._fill_workers()
        if suggestion.moves:
            moves.focus()

    def _worker_name(self, worker_id: str) -> str:
        if worker_id == UNASSIGNED:
            return tr("workers.unassigned", self.lang)
        return self.assignment.worker(worker_id).name

    def _fill_summary(self) -> None:
        suggestion = self.suggestion
        assert suggestion is not None
        lang = self.lang
        lines = []
        if suggestion.moves:
            lines.append(
                tr(
                    "balance.summary",
                    lang,
                    moves=len(suggestion.moves),
                    bound=suggestion.lower_bound,
                    greedy=suggestion.greedy_moves,
                )
            )
            if suggestion.greedy_overflow > suggestion.overflow + 1e-6:
                # Fewer greedy moves are no bargain when they leave more load out of range.
                lines.append(
                    tr(
                        "balance.greedy_worse",
                        lang,
                        overflow=fmt_num(suggestion.greedy_overflow, lang),
                        own=fmt_num(suggestion.overflow, lang),
                    )
                )
            if suggestion.optimal:
                lines.append(tr("balance.proven", lang))
            elif suggestion.timed_out:
                lines.append(tr("balance.timed_out", lang))
            else:
                lines.append(tr("balance.not_proven", lang))
        elif suggestion.feasible:
            lines.append(tr("balance.none", lang))
        else:
            lines.append(tr("balance.nothing_helps", lang))
        if suggestion.overflow > 1e-6:
            lines.append(tr("balance.overflow", lang, load=fmt_num(suggestion.overflow, lang)))
        for area in suggestion.areas:
            if area.fte_missing > 0:
                lines.append(
                    "  "
                    + tr(
                        "balance.fte", lang, area=area.label, fte=fmt_num(area.fte_missing, lang, 2)
                    )
                )
            if area.unplaced:
                lines.append(
                    "  " + tr("balance.unplaced", lang, area=area.label, count=area.unplaced)
                )
        self.query_one("#balance-summary", Static).update("\n".join(lines))
        # The keys are in the footer; the line below the tables says what is chosen.
        hint = (
            tr("balance.chosen", lang, chosen=len(self.chosen), count=len(suggestion.moves))
            if suggestion.moves
            else tr("balance.close_hint", lang)
        )
        self.query_one("#balance-hint", Label).update(hint)

    def _figure(self, load: WorkerLoad) -> Text:
        style = self.get_component_rich_style(f"balance--{load.status.value}", partial=True)
        return Text.assemble(
            (f"{STATUS_SYMBOL[load.status]} {fmt_num(load.load, self.lang)}", style),
            f" ({fmt_pct(load.utilisation, load.status, self.lang)})",
        )

    def after_chosen(self) -> dict[str, WorkerLoad]:
        """Each affected worker's figures if only the chosen moves are made (the rules')."""
        suggestion = self.suggestion
        assert suggestion is not None
        team = self.assignment.team
        held: dict[str, list[str]] = {}
        touched = [w for m in suggestion.moves for w in (m.from_, m.to) if w != UNASSIGNED]
        for worker_id in dict.fromkeys(touched):
            held[worker_id] = [c for c, h in self._holders.items() if h == worker_id]
        for move in suggestion.moves:
            if move.case not in self.chosen:
                continue
            if move.from_ in held:
                held[move.from_].remove(move.case)
            held[move.to].append(move.case)
        return {
            worker_id: evaluate_worker(
                team.workers_by_id[worker_id],
                (team.cases_by_id[c] for c in cases),
                team.norms,
                self.assignment.on,
            )
            for worker_id, cases in held.items()
        }

    def _fill_workers(self) -> None:
        suggestion = self.suggestion
        assert suggestion is not None
        table = self.query_one("#balance-workers", DataTable)
        table.clear()
        before = {wl.worker.id: wl for wl in suggestion.before}
        for worker_id, after in self.after_chosen().items():
            table.add_row(
                after.worker.name,
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
                tr("balance.stale", lang, count=len(moves) - len(current)), severity="warning"
            )
        app = cast("PlannerApp", self.app)
        applied = app.apply_moves(current) if current else []
        if applied:
            self.app.notify(tr("balance.applied", lang, count=len(applied)), timeout=5)
        self.dismiss(None)

    def action_dismiss_or_cancel(self) -> None:
        if self.suggestion is None:
            self._stop.set()  # the worker returns None and the screen closes
            self._stage = "cancelling"
            self._tick()
            return
        self.dismiss(None)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.query_one("#balance-title", Label).update(tr("balance.title", lang))
        if self.suggestion is not None:
            self.show(self.suggestion, self.chosen)
        else:
            self._tick()
