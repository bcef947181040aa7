"""Plans on the board: save (ctrl+s, with a note), ask before quitting, journal every step,
restore after a crash, and read-only when another session holds the team.

:class:`PlanningApp` is the board (:class:`~planner.ui.app.PlannerApp`) with a
:class:`~planner.io.session.PlanSession` around it. It uses only the board's extension
points: every change goes through ``apply_change``, which is where each step is journaled
(synchronously, before the screen shows it); ``set_read_only`` for a held team; the
board's ``show_moves`` to redraw after a restore. All file work is in planner.io.session.
"""

from __future__ import annotations

import asyncio
import errno
import signal
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from planner.core.cpr import find_cpr, mask_all
from planner.core.moves import Assignment, Move
from planner.core.problems import ProblemsFound
from planner.core.scenario import EventsChange, Scenario
from planner.core.text import visible
from planner.i18n import leftover_text, problem_text, t, text_of, worker_name
from planner.io.files import SaveFailed, display_path
from planner.io.journal import JournalUnusable
from planner.io.plans import PlacedBecause
from planner.io.session import PlanSession
from planner.ui.app import PlannerApp
from planner.ui.hangup import HangUpGuard, HangUpSafeDriver, hang_up_safe
from planner.ui.language import FollowsLanguage, PhraseStatic, phrase
from planner.ui.messages import CasesMoved, ChangeKind, EventsChanged, EventsKind
from planner.ui.screens.base import TranslatedBindings
from planner.ui.widgets.footer import BoardFooter

if TYPE_CHECKING:  # named only: what a restore leaves over (planner.core.reconcile)
    from planner.core.reconcile import Leftover

# The board's change kinds, as journal steps: a move or an applied batch replays as one step.
JOURNAL_OP: dict[str, str] = {
    "move": "do",
    "apply": "do",
    "undo": "undo",
    "redo": "redo",
    "revert": "revert",
}


_IO_REASONS = {
    errno.ENOSPC: "io.full",
    errno.EDQUOT: "io.quota",
    errno.EACCES: "io.denied",
    errno.EPERM: "io.denied",
    errno.EROFS: "io.read_only",
}


def fault_reason(failed: SaveFailed, lang: str) -> str:
    """Why a write failed, in the user's language when the system said why."""
    key = _IO_REASONS.get(failed.errno or 0)
    if key:
        return t(key, lang)
    return text_of(failed.problems[0].what, lang) if failed.problems else str(failed)


def set_aside_text(unusable: JournalUnusable, lang: str) -> str:
    """What the board says about a journal that could not be read and was kept aside."""
    held = unusable.summary
    unknown = t("aside.unknown", lang)
    started = unknown
    if held.started:
        try:
            started = datetime.fromisoformat(held.started).strftime("%d.%m.%Y %H:%M")
        except ValueError:
            started = held.started
    summary = t(
        "aside.held",
        lang,
        team=held.team or unknown,
        user=held.user or unknown,
        started=started,
        plan=t("aside.plan", lang, path=held.plan) if held.plan else "",
        steps=held.steps,
        moves=held.moves,
        note=t("aside.note", lang) if held.note_changed else "",
    )
    return t(
        "aside.body",
        lang,
        fault=t(f"fault.{unusable.fault.value}", lang, detail=unusable.detail),
        path=str(unusable.kept or unusable.path),
        held=summary,
    )


def shown_path(path: Path) -> str:
    """A path on the board: as the user would type it, any CPR number in it masked."""
    return mask_all(display_path(path))


def where_hint(session: PlanSession, lang: str) -> str:
    """Why a new plan goes to the user's own folder, when it does."""
    target, because = session.target()
    if because is PlacedBecause.INSTALLED:
        return t("save.where.installed", lang, folder=shown_path(target.parent))
    if because is PlacedBecause.READ_ONLY:
        return t("save.where.read_only", lang, folder=shown_path(target.parent))
    return ""


def leftover_lines(leftovers: list[Leftover], assignment: Assignment, lang: str) -> list[str]:
    def name(worker_id: str) -> str:
        return worker_name(assignment.team, worker_id, lang)

    return [
        visible(
            f"{left.move.case}: {name(left.move.from_)} → {name(left.move.to)}: "
            f"{leftover_text(left, lang)}"
        )
        for left in leftovers
    ]


class SaveScreen(FollowsLanguage, TranslatedBindings, ModalScreen[Path | None]):
    """The note and the file, then save. Errors stay in the dialog; nothing is lost."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]
    DEFAULT_CSS = """
    SaveScreen Input, SaveScreen Input:focus {
        border: none; height: 1; padding: 0 1; margin: 0 0 1 0; background: $boost;
    }
    SaveScreen #save-error { color: $error; text-style: bold; }
    """

    def __init__(self, session: PlanSession, lang: str) -> None:
        super().__init__(id="save-plan")
        self.session = session
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        session = self.session
        target, _ = session.target()
        with Vertical(classes="dialog"):
            yield Label(t("save.title", lang), classes="dialog-title", id="save-title")
            yield Static(self._summary(lang), id="save-summary")
            yield Label(t("save.note", lang), id="save-note-label")
            # A note from a plan file is shown (and saved again) with its controls visible.
            yield Input(value=visible(session.note), id="save-note")
            yield Label(t("save.file", lang), id="save-file-label")
            yield Input(value=shown_path(target), id="save-path")
            hint = where_hint(session, lang)
            if hint:
                yield Static(hint, id="save-where", classes="dialog-hint")
            yield Static("", id="save-error")
            yield Label(t("save.hint", lang), classes="dialog-hint", id="save-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("save.button", lang), id="save-ok", variant="primary")
                yield Button(t("save.cancel", lang), id="save-cancel")
        yield BoardFooter()

    def on_mount(self) -> None:
        self.query_one("#save-note", Input).focus()

    def _summary(self, lang: str) -> str:
        session = self.session
        summary = t("save.summary", lang, count=len(session.assignment.net_moves()))
        if session.scenario.events:
            summary += " " + t("save.events", lang, count=len(session.scenario.events))
        return summary

    def show_language(self, lang: str) -> None:
        for selector, text in (
            ("#save-title", t("save.title", lang)),
            ("#save-summary", self._summary(lang)),
            ("#save-note-label", t("save.note", lang)),
            ("#save-file-label", t("save.file", lang)),
            ("#save-hint", t("save.hint", lang)),
        ):
            self.query_one(selector, Static).update(text)
        for where in self.query("#save-where").results(Static):
            where.update(where_hint(self.session, lang))
        self.query_one("#save-ok", Button).label = t("save.button", lang)
        self.query_one("#save-cancel", Button).label = t("save.cancel", lang)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save-ok")
    def _save(self) -> None:
        note = self.query_one("#save-note", Input).value
        typed = self.query_one("#save-path", Input).value.strip()
        error = self.query_one("#save-error", Static)
        try:
            self.session.set_note(note)
            target, _ = self.session.target()
            if typed == shown_path(target):
                typed = display_path(target)  # the default, shown with CPR digits masked
            masked = find_cpr(typed)
            if masked:  # a file name is kept too: on disk and in the journal
                error.update(t("save.path_cpr", self.lang, masked=masked))
                return
            saved = self.session.save(Path(typed).expanduser() if typed else None)
        except (SaveFailed, ProblemsFound) as problem:
            error.update("\n".join(problem_text(p, self.lang) for p in problem.problems))
            return
        self.dismiss(saved)

    @on(Button.Pressed, "#save-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class PlanningApp(PlannerApp):
    """The board, with the leader's work kept safe: journal, lock, save, restore."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save_plan", "Save", id="save", priority=True),
    ]

    def __init__(
        self,
        assignment: Assignment,
        session: PlanSession,
        *,
        lang: str = "en",
        hang_up: HangUpGuard | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(assignment, lang=lang, scenario=session.scenario, **kwargs)
        self.session = session
        self.plan_path = session.plan_path
        self.hang_up_guard = hang_up
        self._discard_on_exit = False

    def get_driver_class(self) -> type:
        # Guard against Textualize/textual issue 6692 (planner.ui.hangup); Textual's own
        # choice of driver otherwise (the web driver under `planner serve`).
        return hang_up_safe(super().get_driver_class())

    # -- every step into the journal, before the screen shows it ---------------------------

    @property
    def scenario(self) -> Scenario:
        # The session's: a restore after a crash puts a new one there.
        return self.session.scenario

    def apply_events(
        self, kind: EventsKind, operation: Callable[[Scenario], EventsChange | None]
    ) -> EventsChange | None:
        change = super().apply_events(kind, operation)
        if change is not None:
            was_failing = self.session.journal_error is not None
            try:
                self.session.record_events(kind)
            except ProblemsFound as error:  # e.g. a CPR number in a reason: not written
                said = "; ".join(text_of(p.what, self.lang) for p in error.problems)
                self.notify(t("journal.failed", self.lang, error=said), severity="error")
                return change
            self._tell_journal(was_failing)
        return change

    def apply_change(
        self, kind: ChangeKind, operation: Callable[[Assignment], list[Move]]
    ) -> list[Move]:
        moves = super().apply_change(kind, operation)
        if moves:
            was_failing = self.session.journal_error is not None
            try:
                self.session.record(JOURNAL_OP[kind], moves)
            except ProblemsFound as error:  # e.g. a CPR number in a reason: not written
                said = "; ".join(text_of(p.what, self.lang) for p in error.problems)
                self.notify(t("journal.failed", self.lang, error=said), severity="error")
                return moves
            self._tell_journal(was_failing)
        return moves

    def _tell_journal(self, was_failing: bool) -> None:
        """Say when the journal fails to keep up with the board, and when it has caught up."""
        failed = self.session.journal_error
        if failed is not None:
            reason = fault_reason(failed, self.lang)
            self.notify(t("journal.failed", self.lang, error=reason), severity="error", timeout=12)
        elif was_failing:
            self.notify(t("journal.ok", self.lang), timeout=6)

    # -- start: lock, crashed session, plan leftovers --------------------------------------

    def on_mount(self) -> None:
        guard = self.hang_up_guard
        if guard is not None:
            # A dropped SSH connection (SIGHUP) or a kill (SIGTERM): end cleanly, keeping the
            # journal and freeing the lock; the guard ends the process if this cannot.
            driver = self._driver

            def terminal_gone(signum: int) -> None:
                if signum == signal.SIGHUP and isinstance(driver, HangUpSafeDriver):
                    driver.terminal_gone()

            def before_exit() -> None:  # ended hard: the terminal as it was found, if it is
                if isinstance(driver, HangUpSafeDriver):
                    driver.restore_terminal()

            guard.attach(asyncio.get_running_loop(), self._hang_up, terminal_gone, before_exit)
        self._start_session()

    @work(exclusive=True, group="plans-start")
    async def _start_session(self) -> None:
        # The dialogs are imported only when one is shown: usually none is.
        session = self.session
        lang = self.lang
        team = self.assignment.team
        if session.held_by is not None:
            held_by = session.held_by
            holder = held_by.describe(lang)
            from planner.ui.screens.dialogs import ChoiceScreen

            choice = await self.push_screen_wait(
                ChoiceScreen(
                    phrase("lock.title"),
                    lambda lang: t(
                        "lock.body", lang, team=team.name, holder=held_by.describe(lang)
                    ),
                    [
                        ("read", phrase("lock.read_only"), "r,l,s"),
                        ("quit", phrase("lock.quit"), "q,a"),
                    ],
                    id="lock-held",
                )
            )
            if choice != "read":
                self.exit()
                return
            self.set_read_only(True, t("lock.reason", lang, holder=holder))
        elif session.lock is not None and session.lock.taken_over is not None:
            holder = session.lock.taken_over.describe(lang)
            self.notify(t("lock.taken_over", lang, holder=holder), timeout=8)
        if session.set_aside is not None:
            from planner.ui.screens.dialogs import PanelScreen

            await self.push_screen_wait(
                PanelScreen(
                    phrase("aside.title"),
                    PhraseStatic(partial(set_aside_text, session.set_aside), lang, id="aside-text"),
                    id="journal-aside",
                )
            )
        if session.recovered is not None and not await self._offer_restore():
            return
        if session.leftovers:
            await self._show_leftovers(session.leftovers, len(session.opened_moves))

    async def _offer_restore(self) -> bool:
        """Ask about a crashed session's unsaved steps; False when the app is quitting."""
        from planner.ui.screens.dialogs import ChoiceScreen, confirm_screen

        session = self.session
        recovered = session.recovered
        assert recovered is not None
        plan = recovered.plan_path

        def body(lang: str) -> str:
            text = t(
                "restore.body",
                lang,
                user=recovered.header.user or "?",
                when=recovered.updated.strftime("%d.%m.%Y %H:%M"),
                steps=recovered.step_count,
                moves=len(recovered.net_moves()),
                plan=t("restore.plan", lang, path=shown_path(plan)) if plan else "",
                note=t("restore.note", lang) if recovered.note_changed else "",
            )
            if recovered.damaged_line:
                kept = str(recovered.kept or recovered.path)
                text += t("restore.damaged", lang, line=recovered.damaged_line, path=kept)
            return text

        while True:
            choice = await self.push_screen_wait(
                ChoiceScreen(
                    phrase("restore.title"),
                    body,
                    [
                        ("restore", phrase("restore.restore"), "r,g"),
                        ("discard", phrase("restore.discard"), "d,k"),
                        ("later", phrase("restore.later"), "q,a"),
                    ],
                    id="restore",
                )
            )
            if choice == "discard":
                sure = await self.push_screen_wait(
                    confirm_screen(
                        phrase("restore.confirm_title"),
                        phrase("restore.confirm_body", steps=recovered.step_count),
                    )
                )
                if not sure:
                    continue
                session.discard_recovered()
                lang = self.lang
                if session.journal_error is not None:
                    reason = fault_reason(session.journal_error, lang)
                    self.notify(
                        t("restore.discard_failed", lang, reason=reason),
                        severity="error",
                        timeout=12,
                    )
                else:
                    self.notify(t("restore.discarded", lang), timeout=4)
                return True
            if choice == "restore":
                break
            self.exit()  # later: the journal stays for the next start
            return False
        before = self.assignment.snapshot()
        leftovers = session.restore()
        after = self.assignment.snapshot()
        self.plan_path = session.plan_path
        changed = tuple(
            Move(case, before[case], after[case]) for case in after if before[case] != after[case]
        )
        if changed:
            # The session changed the assignment itself (replaying the journal): redraw
            # as apply_change would; the journal already holds these steps.
            self.board.show_moves(changed)
            self.post_message(CasesMoved(changed, "apply"))
        lang = self.lang
        if session.scenario.events:
            self.board.header.update_summary()
            self.post_message(EventsChanged("events"))
        if session.dropped_events:
            self.notify(
                t("restore.dropped_events", lang, count=session.dropped_events),
                severity="warning",
                timeout=8,
            )
        text = t(
            "restore.done", lang, steps=recovered.step_count, moves=len(self.assignment.net_moves())
        )
        if recovered.damaged_line:
            kept = str(recovered.kept or recovered.path)
            text += t("restore.damaged_done", lang, line=recovered.damaged_line, path=kept)
        self.notify(text, timeout=8)
        if session.journal_error is not None:
            reason = fault_reason(session.journal_error, lang)
            self.notify(
                t("restore.journal_failed", lang, reason=reason), severity="error", timeout=15
            )
        if leftovers:
            await self._show_leftovers(leftovers, len(recovered.applied))
            session.leftovers = []
        return True

    async def _show_leftovers(self, leftovers: list[Leftover], applied: int) -> None:
        from planner.ui.screens.dialogs import PanelScreen

        assignment = self.assignment

        def text(lang: str) -> str:
            lines = [
                t("leftovers.intro", lang, applied=applied),
                "",
                *leftover_lines(leftovers, assignment, lang),
                "",
                t("leftovers.outro", lang),
            ]
            return "\n".join(lines)

        await self.push_screen_wait(
            PanelScreen(
                phrase("leftovers.title", count=len(leftovers)),
                PhraseStatic(text, self.lang, id="leftovers-text"),
                id="leftovers",
            )
        )

    # -- saving and quitting ----------------------------------------------------------------

    def action_save_plan(self) -> None:
        if self.read_only:
            reason = self.read_only_reason or t("move.read_only_default", self.lang)
            self.notify(t("save.read_only", self.lang, reason=reason), severity="warning")
            return
        if isinstance(self.screen, SaveScreen):
            return
        self.push_screen(SaveScreen(self.session, self.lang), callback=self._saved)

    def _saved(self, path: Path | None) -> None:
        if path is None:
            return
        self.plan_path = path
        failed = self.session.journal_error
        if failed is not None:
            reason = fault_reason(failed, self.lang)
            text = t(
                "save.journal_failed", self.lang, path=mask_all(str(path.resolve())), reason=reason
            )
            self.notify(text, severity="warning", timeout=12)
        else:
            self.notify(t("save.done", self.lang, path=mask_all(str(path.resolve()))), timeout=10)

    async def action_quit(self) -> None:
        from planner.ui.screens.dialogs import ChoiceScreen

        session = self.session
        if self.read_only or session.journal is None or not session.unsaved:
            self.exit()
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.push_screen(SaveScreen(session, self.lang), callback=saved_then_quit)
            elif choice == "discard":
                self._discard_on_exit = True
                self.exit()

        def saved_then_quit(path: Path | None) -> None:
            if path is not None:
                self.exit()

        self.push_screen(
            ChoiceScreen(
                phrase("quit.title"),
                phrase("quit.body", count=len(self.assignment.net_moves())),
                [
                    ("save", phrase("quit.save"), "s,g"),
                    ("discard", phrase("quit.discard"), "d,a"),
                    (None, phrase("quit.cancel"), ""),
                ],
                id="quit-unsaved",
            ),
            callback=answered,
        )

    def _hang_up(self) -> None:
        """SIGHUP/SIGTERM: the journal is on disk already; close it, free the lock, end."""
        self.session.close(keep_unsaved=True)
        self.exit()

    def on_unmount(self) -> None:
        self.session.close(keep_unsaved=not self._discard_on_exit)


def planning_app(
    config_path: Path,
    assignment: Assignment,
    *,
    lang: str,
    plan: Path | None = None,
    hang_up: HangUpGuard | None = None,
) -> PlanningApp:
    """The board for `assignment` with its session (lock taken, --plan applied).

    ProblemsFound from a bad --plan file is raised here, before the terminal is taken over.
    With `hang_up`, a hang-up from now on releases the session's lock and ends the app.
    """
    session = PlanSession.open(config_path, assignment, plan)
    if hang_up is not None:
        hang_up.release = session.hang_up
    return PlanningApp(assignment, session, lang=lang, hang_up=hang_up)
