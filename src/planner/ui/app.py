"""The planner app: owns the one Assignment, applies every change, and tells the views.

Extension points (kept deliberately small):

* ``PlannerApp.assignment`` - the live state (planner.core.moves.Assignment).
* ``PlannerApp.apply_change(kind, operation)`` - the one place the assignment changes. It
  refuses in read-only mode, turns MoveRefused into a message, and posts ``CasesMoved``
  after every change (moves, undo, redo, revert, applied plans), so a journal can listen.
  ``move_cases``, ``apply_moves``, ``undo``, ``redo`` and ``revert`` all go through it.
* ``PlannerApp.request_move(case_ids, to, reason)`` - the interactive move: pinned refusal,
  household offer, other-area confirmation (dialogs in a worker), then ``move_cases``.
* ``PlannerApp.apply_events(kind, operation)`` - the one place the plan's what-if events
  (``PlannerApp.scenario``) change; posts ``EventsChanged``. Undo and redo take back the
  last step of either kind (moves or events). The forecast view asks for changes with
  ``EventsChangeRequested``.
* ``PlannerApp.set_read_only(flag, reason)`` - refuse every change, say why in the header.
* ``PlannerApp.plan_path`` - the plan file the board was opened with, if any.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.filter import LineFilter
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget

from planner.core.moves import UNASSIGNED, Assignment, Move, MoveRefused
from planner.core.rules import WorkerLoad
from planner.core.scenario import EventsChange, Scenario, events_in_force
from planner.i18n import STATUS_SYMBOL, t, text_of, worker_name
from planner.ui.format import fmt_num
from planner.ui.language import phrase
from planner.ui.messages import (
    CasesMoved,
    ChangeKind,
    EventsChanged,
    EventsChangeRequested,
    EventsKind,
    MoveRequested,
    MovesAccepted,
)
from planner.ui.moving import household_extra, move_refusal
from planner.ui.raw_controls import NoRawControls
from planner.ui.screens.board import BoardScreen
from planner.ui.widgets.cases import CaseList
from planner.ui.widgets.workers import WorkerList

# The dialogs and the changes view are imported when first opened: nothing of them is on
# the board's first frame, which comes sooner without them.
if TYPE_CHECKING:
    from planner.ui.screens.dialogs import ChoiceScreen

# Binding ids of what changes the board: hidden (check_action False) while read-only.
CHANGING = ("move", "undo", "redo", "save")

NO_RAW_CONTROLS = NoRawControls()


def paint_together(screen: Screen) -> None:
    """Put every widget of the board that has asked to be redrawn into the screen's next
    frame now, together.

    Each Textual widget passes its refresh on to the screen from its own task, and the
    screen's frame timer may run as soon as the first arrives: a move showed its cases in
    one frame and its header and worker rows in the next, 1/60 s or more later. Done here
    for all of them at once, as each widget's idle handler would (Widget._check_refresh,
    Screen._on_update), the move is drawn in one frame. Textual is pinned below 9."""
    dirty: list[Widget] = []
    for widget in screen.walk_children(Widget):
        if widget._layout_required or widget._scroll_required or widget._refresh_styles_required:
            widget._check_refresh()  # a layout goes the usual way
        elif widget._repaint_required:
            widget._repaint_required = False
            if widget.display:  # a hidden one (the detail below 120 columns) draws nothing
                dirty.append(widget)
    if dirty and screen in screen._compositor:
        screen._dirty_widgets.update(dirty)
        screen.check_idle()


class PlannerApp(App[None]):
    """The board for one team on one date."""

    CSS_PATH = "planner.tcss"
    TITLE = "planner"
    # Below 120 columns the detail and chart fold away into dialogs (d, u).
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]
    NOTIFICATION_TIMEOUT = 6

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo", "Undo", id="undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="redo"),
        Binding("c", "changes", "Changes", id="changes"),
        Binding("b", "balance", "Suggest", id="balance"),
        Binding("w", "forecast", "Weeks", id="forecast"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("l", "switch_language", "Language", show=False, id="language"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True, id="palette"),
    ]

    lang: var[str] = var("en", init=False)
    read_only: var[bool] = var(False, init=False)

    def __init__(
        self,
        assignment: Assignment,
        *,
        lang: str = "en",
        plan_path: Path | None = None,
        scenario: Scenario | None = None,
    ) -> None:
        super().__init__()
        self.assignment = assignment
        self.plan_path = plan_path
        self._scenario = scenario if scenario is not None else Scenario(assignment)
        self.read_only_reason = ""
        self.set_reactive(PlannerApp.lang, lang)
        # The figures as loaded: the "before" of the changes view and of the chart.
        if assignment.has_moves:
            loaded = Assignment(assignment.team, assignment.on).evaluate_all()
        else:
            loaded = assignment.evaluate_all()
        self.loaded: dict[str, WorkerLoad] = {wl.worker.id: wl for wl in loaded}
        # Called once the first frame is on screen (planner.cli.board resumes garbage
        # collection there).
        self.when_drawn: Callable[[], None] | None = None

    def on_ready(self) -> None:
        if self.when_drawn is not None:
            self.when_drawn()

    def on_mount(self) -> None:
        # A terminal with 16 colours: use its own palette (red is red) rather than the
        # nearest of 16 to each of the theme's RGB colours (red came out yellow). Not when
        # headless (tests, snapshots): those must not depend on the TERM they run under.
        # Not under NO_COLOR either: Textual's grey filter, chosen at start for an RGB theme,
        # turns ANSI colours into black on black.
        sixteen = self.console.color_system in ("standard", "windows")
        if sixteen and not self.is_headless and not self.no_color:
            self.theme = "ansi-dark"
        notices = self.board.header.notices_text()
        if notices:
            self.notify(notices, timeout=10)
        self._say_events_in_force()

    def get_line_filters(self) -> Sequence[LineFilter]:
        # Textual's own filters (NO_COLOR, dimming), then: no raw control character.
        return [*super().get_line_filters(), NO_RAW_CONTROLS]

    def get_default_screen(self) -> Screen:
        self.board = BoardScreen(
            self.assignment, [wl.utilisation for wl in self.loaded.values()], self.lang
        )
        # The breakpoint class for the terminal's width from the start, as Textual sets it
        # on the first resize: else the first frame is drawn narrow (no detail, no chart)
        # and the whole board is styled and drawn again a moment later.
        width = self.size.width
        _, breakpoint = max(b for b in self.HORIZONTAL_BREAKPOINTS if width >= b[0])
        self.board.add_class(breakpoint)
        return self.board

    # -- the one place the assignment changes -------------------------------------------

    def apply_change(
        self, kind: ChangeKind, operation: Callable[[Assignment], list[Move]]
    ) -> list[Move]:
        """Run `operation` on the assignment; post CasesMoved when anything moved."""
        if self.read_only:
            reason = self.read_only_reason or t("move.read_only_default", self.lang)
            self.notify(t("move.read_only", self.lang, reason=reason), severity="warning")
            return []
        try:
            moves = operation(self.assignment)
        except MoveRefused as error:
            reason = text_of(error.text, self.lang)
            self.notify(t("move.refused", self.lang, reason=reason), severity="warning")
            return []
        if moves:
            self.board.show_moves(moves)
            paint_together(self.board)
            if kind in ("move", "apply", "revert"):
                self.scenario.moves_changed()  # a new step: the events' redo is gone
            self.post_message(CasesMoved(tuple(moves), kind))
        return moves

    @property
    def scenario(self) -> Scenario:
        """The plan's what-if events (with their undo history)."""
        return self._scenario

    def apply_events(
        self, kind: EventsKind, operation: Callable[[Scenario], EventsChange | None]
    ) -> EventsChange | None:
        """Change the what-if events (one undoable step); post EventsChanged when they did."""
        if self.read_only:
            reason = self.read_only_reason or t("move.read_only_default", self.lang)
            self.notify(t("events.read_only", self.lang, reason=reason), severity="warning")
            return None
        change = operation(self.scenario)
        if change is not None:
            self.board.header.update_summary()
            self.post_message(EventsChanged(kind))
        return change

    @on(EventsChangeRequested)
    def _events_change_requested(self, event: EventsChangeRequested) -> None:
        events = event.events
        if self.apply_events("events", lambda s: s.set_events(events)) and event.said:
            self.notify(event.said, timeout=4)

    _in_force_said = 0  # how many events in force on the board's date were last said

    @on(EventsChanged)
    def _say_events_in_force(self) -> None:
        """Say when the plan's what-if events change someone's capacity on the board's date
        (the header keeps saying it): the board shows the team as its files have it; the
        weeks (w) apply the events, so week 0 there differs from the board."""
        today = len(events_in_force(self.scenario.events, self.assignment.on))
        if today > self._in_force_said:
            when = self.assignment.on.isoformat()
            self.notify(t("events.in_force_note", self.lang, count=today, date=when), timeout=12)
        self._in_force_said = today

    @on(CasesMoved)
    @on(EventsChanged)
    def _refresh_forecasts(self) -> None:
        """An open forecast view computes its weeks again (moves and events change them)."""
        for screen in self.screen_stack:
            if hasattr(screen, "refresh_forecast"):
                screen.scenario = self.scenario  # a restore may have put a new one there
                screen.refresh_forecast()

    def move_cases(self, case_ids: Iterable[str], to: str, reason: str | None = None) -> list[Move]:
        """Move cases as one undoable step, without asking (the dialogs are request_move's)."""
        case_ids = list(case_ids)
        return self.apply_change("move", lambda a: a.move(case_ids, to, reason))

    def apply_moves(self, moves: Sequence[Move], kind: ChangeKind = "apply") -> list[Move]:
        """Apply explicit moves (a restored plan, an accepted suggestion) as one step."""
        return self.apply_change(kind, lambda a: a.apply_moves(moves))

    def undo(self) -> list[Move]:
        """Take back the last step: moves, or (when that came last) a what-if event."""
        if self.scenario.undo_is_events and not self.read_only:
            self.apply_events("events_undo", lambda s: s.undo())
            return []
        return self.apply_change("undo", lambda a: a.undo())

    def redo(self) -> list[Move]:
        if self.scenario.redo_is_events and not self.read_only:
            self.apply_events("events_redo", lambda s: s.redo())
            return []
        return self.apply_change("redo", lambda a: a.redo())

    def revert(self, *case_ids: str) -> list[Move]:
        """Send cases back to where they were loaded, as one step."""
        return self.apply_change("revert", lambda a: a.revert(*case_ids))

    def set_read_only(self, read_only: bool, reason: str = "") -> None:
        """Refuse every change (a plan locked by someone else); the header says so."""
        self.read_only_reason = reason
        self.read_only = read_only

    def watch_read_only(self, read_only: bool) -> None:
        self.board.read_only_reason = (
            (self.read_only_reason or t("move.read_only_default", self.lang)) if read_only else None
        )
        self.board.header.read_only = read_only
        for screen in self.screen_stack:
            if hasattr(screen, "refresh_forecast"):
                screen.read_only_reason = self.board.read_only_reason
        self.refresh_bindings()  # the footer drops Move, Undo, Redo and Save

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("undo", "redo") and self._picker_open():
            return False  # the picker's figures are the board's as it opened
        return not (self.read_only and action in ("undo", "redo", "save_plan"))

    def _picker_open(self) -> bool:
        board = getattr(self, "board", None)
        return board is not None and board.picker is not None

    def app_bindings(self) -> list[Binding]:
        """The app's keys from every class of it (PlanningApp adds Save to the board's)."""
        return [
            binding
            for cls in type(self).__mro__
            for binding in cls.__dict__.get("BINDINGS", ())
            if isinstance(binding, Binding)
        ]

    def on_key(self, event: events.Key) -> None:
        """Read-only hides the keys that change the board; pressed anyway, they say why."""
        if not self.read_only or self.screen is not self.board or self.board.picker is not None:
            return
        bindings = [*self.app_bindings(), *BoardScreen.BINDINGS]
        pressed = {
            b.id
            for b in bindings
            if isinstance(b, Binding) and b.id in CHANGING and event.key in b.key.split(",")
        }
        if pressed:
            reason = self.read_only_reason or t("move.read_only_default", self.lang)
            key = "save.read_only" if pressed == {"save"} else "move.read_only"
            self.notify(t(key, self.lang, reason=reason), severity="warning")

    # -- moving with the user --------------------------------------------------------------

    def name_of(self, worker_id: str) -> str:
        return worker_name(self.assignment.team, worker_id, self.lang)

    def may_move(self, case_ids: Sequence[str]) -> bool:
        """Refuse up front (with a message) what no dialog can make possible."""
        refusal = move_refusal(
            self.assignment,
            case_ids,
            (self.read_only_reason or t("move.read_only_default", self.lang))
            if self.read_only
            else None,
            self.lang,
        )
        if refusal:
            self.notify(refusal, severity="warning")
        return refusal is None

    @on(CaseList.CasesDropped)
    def _cases_dropped(self, event: CaseList.CasesDropped) -> None:
        self.request_move(list(event.case_ids), event.target)

    @on(MoveRequested)
    def _move_requested(self, event: MoveRequested) -> None:
        self.request_move(list(event.case_ids), event.to, event.reason)

    @on(MovesAccepted)
    def _moves_accepted(self, event: MovesAccepted) -> None:
        applied = self.apply_moves(event.moves) if event.moves else []
        if applied:
            self.notify(t("balance.applied", self.lang, count=len(applied)), timeout=5)

    def request_move(self, case_ids: Sequence[str], to: str, reason: str | None = None) -> None:
        """Move with the user: pinned refusal, household offer, other-area confirmation.

        Without a question to ask, the move happens at once, so it is on screen in the
        very frame that closes the picker or ends the drag; otherwise a worker asks first.
        """
        assignment = self.assignment
        case_ids = list(dict.fromkeys(case_ids))
        if not self.may_move(case_ids):
            return
        asked = len(case_ids)
        case_ids = [c for c in case_ids if assignment.holder(c) != to]
        if not case_ids:
            self.notify(
                t("move.same", self.lang, to=self.name_of(to), count=asked), severity="warning"
            )
            return
        if self._household_extra(case_ids, to) or any(
            assignment.out_of_area(c, to) for c in case_ids
        ):
            self._ask_then_move(case_ids, to, reason)
        else:
            self._move_and_tell(case_ids, to, reason)

    @work(exclusive=True, group="move")
    async def _ask_then_move(self, case_ids: list[str], to: str, reason: str | None) -> None:
        assignment = self.assignment
        extra = self._household_extra(case_ids, to)
        if extra:
            movable = [c for c in extra if not assignment.case(c).pinned]
            choice = await self.push_screen_wait(self._household_screen(case_ids, extra, to))
            if choice is None:
                self.notify(t("move.cancelled", self.lang), timeout=3)
                return
            if choice == "all":
                case_ids = [*case_ids, *movable]
        outside = [c for c in case_ids if assignment.out_of_area(c, to)]
        if outside:
            area = assignment.case(outside[0]).area or ""
            areas = assignment.team.norms.areas

            def body(lang: str) -> str:
                return t(
                    "confirm.area.body",
                    lang,
                    cases=", ".join(outside),
                    count=len(outside),
                    area=areas[area].label if area else "-",
                    to=worker_name(assignment.team, to, lang),
                    to_area=areas[assignment.worker(to).area].label,
                )

            from planner.ui.screens.dialogs import confirm_screen

            confirmed = await self.push_screen_wait(
                confirm_screen(phrase("confirm.area.title"), body)
            )
            if not confirmed:
                self.notify(t("move.cancelled", self.lang), timeout=3)
                return
        self._move_and_tell(case_ids, to, reason)

    def _move_and_tell(self, case_ids: list[str], to: str, reason: str | None) -> None:
        before = {w: self.assignment.evaluate(w) for w in self._workers_of(case_ids, to)}
        moves = self.move_cases(case_ids, to, reason)
        if moves:
            # After the rows are drawn: a toast costs a layout pass, the rows come first.
            self.call_after_refresh(self.notify, self._moved_text(moves, to, before))

    def _workers_of(self, case_ids: Sequence[str], to: str) -> list[str]:
        holders = [self.assignment.holder(c) for c in case_ids]
        return [w for w in dict.fromkeys([*holders, to]) if w != UNASSIGNED]

    def _moved_text(self, moves: Sequence[Move], to: str, before: dict[str, WorkerLoad]) -> str:
        lang = self.lang
        effects = []
        for worker_id, was in before.items():
            now = self.assignment.evaluate(worker_id)
            effects.append(
                f"{self.name_of(worker_id)} {fmt_num(was.load, lang)} → "
                f"{fmt_num(now.load, lang)} {STATUS_SYMBOL[now.status]}"
            )
        text = t("move.moved", lang, count=len(moves), to=self.name_of(to))
        return text + "\n" + "; ".join(effects)

    def _household_extra(self, case_ids: Sequence[str], to: str) -> list[str]:
        """Household members of the cases that are neither moving nor already with `to`."""
        return household_extra(self.assignment, case_ids, to)

    def _household_screen(
        self, case_ids: Sequence[str], extra: Sequence[str], to: str
    ) -> ChoiceScreen:
        assignment = self.assignment
        team = assignment.team
        first = next(c for c in case_ids if assignment.case(c).household)
        household = assignment.case(first).household or ""
        pinned = [m for m in extra if assignment.case(m).pinned]

        def body(lang: str) -> str:
            members = ", ".join(
                f"{m} ({worker_name(team, assignment.holder(m), lang)})" for m in extra
            )
            if pinned:
                members += t(
                    "household.pinned_note", lang, cases=", ".join(pinned), count=len(pinned)
                )
            return t(
                "household.body",
                lang,
                case=first,
                household=household,
                members=members,
                to=worker_name(team, to, lang),
            )

        from planner.ui.screens.dialogs import ChoiceScreen

        movable = len(case_ids) + len(extra) - len(pinned)
        return ChoiceScreen(
            phrase("household.title", household=household),
            body,
            [
                ("all", phrase("household.all", count=movable), "a,h"),
                ("one", phrase("household.one"), "o,k"),
                (None, phrase("household.cancel"), ""),
            ],
            id="household",
        )

    # -- actions --------------------------------------------------------------------------

    def action_undo(self) -> None:
        if self.scenario.undo_is_events and not self.read_only:
            self.undo()
            self.notify(t("events.undone", self.lang), timeout=3)
            return
        moves = self.undo()
        if moves:
            self.notify(t("move.undone", self.lang, count=len(moves)), timeout=3)
        elif not self.read_only:
            self.notify(t("move.nothing_to_undo", self.lang), timeout=3)

    def action_redo(self) -> None:
        if self.scenario.redo_is_events and not self.read_only:
            self.redo()
            self.notify(t("events.redone", self.lang), timeout=3)
            return
        moves = self.redo()
        if moves:
            self.notify(t("move.redone", self.lang, count=len(moves)), timeout=3)
        elif not self.read_only:
            self.notify(t("move.nothing_to_redo", self.lang), timeout=3)

    def action_revert(self, case_id: str) -> None:
        holder = self.assignment.original_holder(case_id)
        if self.revert(case_id):
            self.notify(
                t("move.reverted", self.lang, case=case_id, holder=self.name_of(holder)), timeout=3
            )

    def moved_household(self, case_id: str) -> list[str]:
        """The other cases of the case's household that are away from where they were loaded."""
        a = self.assignment
        return [
            m for m in a.household(case_id) if m != case_id and a.holder(m) != a.original_holder(m)
        ]

    def request_revert(self, case_id: str, done: Callable[[], object]) -> None:
        """Send a case back; when more of its household moved, ask first (as moving does):
        the whole household back as one step, only this case, or nothing. `done` runs
        once it is settled (the changes view builds its rows again)."""
        others = self.moved_household(case_id)
        if not others:
            self.action_revert(case_id)
            done()
            return

        def answered(choice: str | None) -> None:
            if choice is None:
                self.notify(t("move.cancelled", self.lang), timeout=3)
            elif choice == "one":
                self.action_revert(case_id)
            else:
                self._revert_household([case_id, *others])
            done()

        self.push_screen(self._revert_screen(case_id, others), callback=answered)

    def _revert_household(self, case_ids: list[str]) -> None:
        holders = {self.assignment.original_holder(c) for c in case_ids}
        household = self.assignment.case(case_ids[0]).household or ""
        if self.revert(*case_ids):
            if len(holders) == 1:
                text = t(
                    "revert.household_done",
                    self.lang,
                    count=len(case_ids),
                    household=household,
                    holder=self.name_of(holders.pop()),
                )
            else:
                text = t(
                    "revert.household_done_apart",
                    self.lang,
                    count=len(case_ids),
                    household=household,
                )
            self.notify(text, timeout=4)

    def _revert_screen(self, case_id: str, others: Sequence[str]) -> ChoiceScreen:
        assignment = self.assignment
        team = assignment.team
        household = assignment.case(case_id).household or ""

        def body(lang: str) -> str:
            members = ", ".join(
                t(
                    "revert.member",
                    lang,
                    case=m,
                    holder=worker_name(team, assignment.holder(m), lang),
                )
                for m in others
            )
            return t("revert.body", lang, case=case_id, household=household, members=members)

        from planner.ui.screens.dialogs import ChoiceScreen

        return ChoiceScreen(
            phrase("household.title", household=household),
            body,
            [
                ("all", phrase("household.all", count=len(others) + 1), "a,h"),
                ("one", phrase("revert.one", case=case_id), "o,k"),
                (None, phrase("household.cancel"), ""),
            ],
            id="revert-household",
        )

    def action_changes(self) -> None:
        from planner.ui.screens.changes import ChangesScreen

        self.push_screen(
            ChangesScreen(self.assignment, self.loaded, self.lang, self.request_revert)
        )

    def action_balance(self) -> None:
        from planner.ui.screens.balance import BalanceScreen  # loads the solver: on demand

        self.push_screen(BalanceScreen(self.assignment, self.lang))

    def action_forecast(self) -> None:
        """w: the coming weeks, with the plan's what-if events (back to the board: w, Esc)."""
        from planner.ui.screens.forecast import ForecastScreen

        if isinstance(self.screen, ForecastScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(
            ForecastScreen(
                self.assignment,
                self.scenario,
                self.board.worker_list.highlighted_worker,
                self.lang,
                read_only_reason=self.board.read_only_reason,
            )
        )

    def action_help(self) -> None:
        from planner.ui.screens.dialogs import HelpScreen
        from planner.ui.screens.forecast import ForecastScreen

        sections = [
            ("workers.title", [*WorkerList.BINDINGS, *BoardScreen.BINDINGS]),
            ("col.cases", CaseList.BINDINGS),
            ("help.everywhere", self.app_bindings()),
            ("help.forecast_section", ForecastScreen.BINDINGS),
        ]
        self.push_screen(HelpScreen(sections, self.lang))

    def action_switch_language(self) -> None:
        self.lang = "en" if self.lang == "da" else "da"

    def watch_lang(self, lang: str) -> None:
        # Every screen and widget that shows text follows `lang` itself (ui/language.py).
        self.refresh_bindings()
        self.notify(t("language.switched", lang), timeout=2)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(
                    id="--command-palette", placeholder=t("palette.placeholder", self.lang)
                )
            )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        yield SystemCommand(
            t("system.theme", lang), t("system.theme.help", lang), self.action_change_theme
        )
        yield SystemCommand(t("system.quit", lang), t("system.quit.help", lang), self.action_quit)
