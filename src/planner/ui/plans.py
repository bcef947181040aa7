"""Plans on the board: save (ctrl+s, with a note), ask before quitting, journal every step,
restore after a crash, and read-only when another session holds the team.

:class:`PlanningApp` is the board (:class:`~planner.ui.app.PlannerApp`) with a
:class:`~planner.io.session.PlanSession` around it. It uses only the board's extension
points: every change goes through ``apply_change``, which is where each step is journaled
(synchronously, before the screen shows it); ``set_read_only`` for a held team; the
``CasesMoved`` message to redraw after a restore. All file work is in planner.io.session.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from planner.core.cpr import find_cpr
from planner.core.moves import Assignment, Move
from planner.core.problems import ProblemsFound, display_path
from planner.core.scenario import EventsChange, Scenario
from planner.io.plans import Leftover, PlacedBecause, SaveFailed, plan_team_id
from planner.io.session import PlanSession
from planner.ui.app import PlannerApp
from planner.ui.messages import CasesMoved, ChangeKind, EventsChanged, EventsKind
from planner.ui.screens.base import TranslatedBindings
from planner.ui.screens.dialogs import ChoiceScreen, PanelScreen, confirm_screen
from planner.ui.texts import TEXTS, tr

# key: (english, danish). Added to the board's table so bindings, the help screen and the
# language switch treat them like the board's own words.
PLAN_TEXTS: dict[str, tuple[str, str]] = {
    "key.save": ("Save", "Gem"),
    "help.save": (
        "Save the plan to a file, with a note (ctrl+s)",
        "Gem planen i en fil, med en note (ctrl+s)",
    ),
    "save.title": ("Save plan", "Gem plan"),
    "save.summary": ("{count} move(s) in the plan.", "{count} flytning(er) i planen."),
    "save.note": (
        "Note (optional; never a CPR number)",
        "Note (valgfri; aldrig et CPR-nummer)",
    ),
    "save.file": ("File", "Fil"),
    "save.where.installed": (
        "The team's files are part of the installed program, so plans are saved in your "
        "own folder: {folder}",
        "Teamets filer hører til det installerede program, så planer gemmes i din egen "
        "mappe: {folder}",
    ),
    "save.where.read_only": (
        "The team's folder cannot be written to, so plans are saved in your own folder: {folder}",
        "Der kan ikke skrives i teamets mappe, så planer gemmes i din egen mappe: {folder}",
    ),
    "save.button": ("Save", "Gem"),
    "save.cancel": ("Cancel", "Annullér"),
    "save.hint": (
        "Enter saves · Tab next field · Esc cancels",
        "Enter gemmer · Tab næste felt · Esc annullerer",
    ),
    "save.path_cpr": (
        "file name: holds what looks like a CPR number ({masked}). Choose another name: "
        "planner must never store CPR numbers.",
        "filnavn: indeholder noget, der ligner et CPR-nummer ({masked}). Vælg et andet navn: "
        "planner må aldrig gemme CPR-numre.",
    ),
    "save.done": ("Plan saved: {path}", "Planen er gemt: {path}"),
    "save.read_only": (
        "Read-only: nothing can be saved in this session ({reason})",
        "Kun læsning: intet kan gemmes i denne session ({reason})",
    ),
    "quit.title": ("Unsaved changes", "Ændringer er ikke gemt"),
    "quit.body": (
        "The plan on the board is not saved ({count} case(s) moved). Save it before you quit?",
        "Planen på skærmen er ikke gemt ({count} sag(er) flyttet). Vil du gemme den, før du "
        "afslutter?",
    ),
    "quit.save": ("Save…", "Gem…"),
    "quit.discard": ("Quit without saving", "Afslut uden at gemme"),
    "quit.cancel": ("Cancel", "Annullér"),
    "restore.title": ("Unsaved work found", "Ikke-gemt arbejde fundet"),
    "restore.body": (
        "A session of {user} ended without saving (last step {when}): {steps} step(s), "
        "{moves} case(s) away from where they started{plan}{note}. Restore it?",
        "En session for {user} sluttede uden at gemme (sidste skridt {when}): {steps} "
        "skridt, {moves} sag(er) flyttet fra der, hvor de startede{plan}{note}. Vil du "
        "gendanne den?",
    ),
    "restore.plan": (", in plan {path}", ", i planen {path}"),
    "restore.note": (", and a changed note", ", og en ændret note"),
    "restore.restore": ("Restore", "Gendan"),
    "restore.discard": ("Discard…", "Kassér…"),
    "restore.later": ("Quit, keep it", "Afslut, behold det"),
    "restore.confirm_title": ("Discard unsaved work?", "Kassér ikke-gemt arbejde?"),
    "restore.confirm_body": (
        "The {steps} unsaved step(s) will be gone for good.",
        "De {steps} ikke-gemte skridt forsvinder for altid.",
    ),
    "restore.done": (
        "Restored {steps} step(s): {moves} case(s) moved.",
        "Gendannede {steps} skridt: {moves} sag(er) flyttet.",
    ),
    "restore.damaged": (
        " {lines} damaged line(s) at the end were skipped.",
        " {lines} beskadiget/beskadigede linje(r) til sidst blev sprunget over.",
    ),
    "restore.discarded": ("Unsaved work discarded.", "Ikke-gemt arbejde kasseret."),
    "restore.dropped_events": (
        "{count} what-if event(s) no longer fit the team (a worker or area is gone) and were "
        "left out.",
        "{count} hændelse(r) passer ikke længere til teamet (en medarbejder eller et område "
        "er væk) og er udeladt.",
    ),
    "save.events": (
        "{count} what-if event(s) in the plan (saved as format 2).",
        "{count} hændelse(r) i planen (gemmes som format 2).",
    ),
    "lock.title": ("Team in use", "Teamet er i brug"),
    "lock.body": (
        "{team} is open in another planner session: {holder}. You can look at it read-only "
        "(no moves, no saving), or quit and try later.",
        "{team} er åbent i en anden planner-session: {holder}. Du kan se det skrivebeskyttet "
        "(ingen flytninger, intet gemmes), eller afslutte og prøve senere.",
    ),
    "lock.read_only": ("Open read-only", "Åbn skrivebeskyttet"),
    "lock.quit": ("Quit", "Afslut"),
    "lock.reason": (
        "the team is open in another session ({holder}).",
        "teamet er åbent i en anden session ({holder}).",
    ),
    "lock.taken_over": (
        "A session that ended unexpectedly ({holder}) held the team; it is yours now.",
        "En session, der sluttede uventet ({holder}), havde teamet; det er dit nu.",
    ),
    "leftovers.title": (
        "{count} move(s) of the plan not applied",
        "{count} flytning(er) i planen ikke gennemført",
    ),
    "leftovers.intro": (
        "The cases have changed since the plan was made. {applied} move(s) applied; "
        "these were not:",
        "Sagerne er ændret, siden planen blev lavet. {applied} flytning(er) gennemført; "
        "disse blev ikke:",
    ),
    "leftovers.outro": (
        "Saving writes the plan as it is on the board now.",
        "Når du gemmer, skrives planen, som den står på skærmen nu.",
    ),
    "journal.failed": (
        "The journal could not be written ({error}): this step is on screen but not safe "
        "from a crash. Save the plan now.",
        "Journalen kunne ikke skrives ({error}): dette skridt står på skærmen, men er ikke "
        "sikret mod et nedbrud. Gem planen nu.",
    ),
}
if overlap := set(PLAN_TEXTS) & set(TEXTS):
    raise RuntimeError(f"plan texts clash with the board's: {sorted(overlap)}")
TEXTS.update(PLAN_TEXTS)

# The board's change kinds, as journal steps: a move or an applied batch replays as one step.
JOURNAL_OP: dict[str, str] = {
    "move": "do",
    "apply": "do",
    "undo": "undo",
    "redo": "redo",
    "revert": "revert",
}


def where_hint(session: PlanSession, lang: str) -> str:
    """Why a new plan goes to the user's own folder, when it does."""
    target, because = session.target()
    if because is PlacedBecause.INSTALLED:
        return tr("save.where.installed", lang, folder=display_path(target.parent))
    if because is PlacedBecause.READ_ONLY:
        return tr("save.where.read_only", lang, folder=display_path(target.parent))
    return ""


def leftover_lines(leftovers: list[Leftover], assignment: Assignment, lang: str) -> list[str]:
    def name(worker_id: str) -> str:
        if not worker_id:
            return tr("workers.unassigned", lang)
        worker = assignment.team.workers_by_id.get(worker_id)
        return worker.name if worker else worker_id

    return [
        f"{left.move.case}: {name(left.move.from_)} → {name(left.move.to)}: {left.text(lang)}"
        for left in leftovers
    ]


class SaveScreen(TranslatedBindings, ModalScreen[Path | None]):
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
            yield Label(tr("save.title", lang), classes="dialog-title")
            summary = tr("save.summary", lang, count=len(session.assignment.net_moves()))
            if session.scenario.events:
                summary += " " + tr("save.events", lang, count=len(session.scenario.events))
            yield Static(summary, id="save-summary")
            yield Label(tr("save.note", lang))
            yield Input(value=session.note, id="save-note")
            yield Label(tr("save.file", lang))
            yield Input(value=display_path(target), id="save-path")
            hint = where_hint(session, lang)
            if hint:
                yield Static(hint, id="save-where", classes="dialog-hint")
            yield Static("", id="save-error")
            yield Label(tr("save.hint", lang), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr("save.button", lang), id="save-ok", variant="primary")
                yield Button(tr("save.cancel", lang), id="save-cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#save-note", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save-ok")
    def _save(self) -> None:
        note = self.query_one("#save-note", Input).value
        typed = self.query_one("#save-path", Input).value.strip()
        error = self.query_one("#save-error", Static)
        try:
            self.session.set_note(note)
            path = Path(typed).expanduser() if typed else None
            masked = find_cpr(typed)
            if masked:  # a file name is kept too: on disk and in the journal
                error.update(tr("save.path_cpr", self.lang, masked=masked))
                return
            saved = self.session.save(path)
        except (SaveFailed, ProblemsFound) as problem:
            error.update("\n".join(p.render() for p in problem.problems))
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
        self, assignment: Assignment, session: PlanSession, *, lang: str = "en", **kwargs: Any
    ) -> None:
        super().__init__(assignment, lang=lang, scenario=session.scenario, **kwargs)
        self.session = session
        self.plan_path = session.plan_path
        self._discard_on_exit = False

    # -- every step into the journal, before the screen shows it ---------------------------

    def apply_change(
        self, kind: ChangeKind, operation: Callable[[Assignment], list[Move]]
    ) -> list[Move]:
        moves = super().apply_change(kind, operation)
        if moves:
            try:
                self.session.record(JOURNAL_OP[kind], moves)
            except (OSError, ProblemsFound) as error:
                text = getattr(error, "strerror", None) or str(error)
                self.notify(tr("journal.failed", self.lang, error=text), severity="error")
        return moves

    @property
    def scenario(self) -> Scenario:
        # The session's: a restore after a crash puts a new one there.
        return self.session.scenario

    def apply_events(
        self, kind: EventsKind, operation: Callable[[Scenario], EventsChange | None]
    ) -> EventsChange | None:
        change = super().apply_events(kind, operation)
        if change is not None:
            try:
                self.session.record_events(kind)
            except (OSError, ProblemsFound) as error:
                text = getattr(error, "strerror", None) or str(error)
                self.notify(tr("journal.failed", self.lang, error=text), severity="error")
        return change

    # -- start: lock, crashed session, plan leftovers --------------------------------------

    def on_mount(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop = asyncio.get_running_loop()
            # A dropped SSH connection: end cleanly, keeping the journal and freeing the lock.
            for signum in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(signum, self._hang_up)
        self._start_session()

    @work(exclusive=True, group="plans-start")
    async def _start_session(self) -> None:
        session = self.session
        lang = self.lang
        team = self.assignment.team
        if session.held_by is not None:
            holder = session.held_by.describe(lang)
            choice = await self.push_screen_wait(
                ChoiceScreen(
                    tr("lock.title", lang),
                    tr("lock.body", lang, team=team.name, holder=holder),
                    [
                        ("read", tr("lock.read_only", lang), "r,l,s"),
                        ("quit", tr("lock.quit", lang), "q,a"),
                    ],
                    id="lock-held",
                )
            )
            if choice != "read":
                self.exit()
                return
            self.set_read_only(True, tr("lock.reason", lang, holder=holder))
        elif session.lock is not None and session.lock.taken_over is not None:
            holder = session.lock.taken_over.describe(lang)
            self.notify(tr("lock.taken_over", lang, holder=holder), timeout=8)
        if session.recovered is not None and not await self._offer_restore():
            return
        if session.leftovers:
            await self._show_leftovers(session.leftovers, len(session.opened_moves))

    async def _offer_restore(self) -> bool:
        """Ask about a crashed session's unsaved steps; False when the app is quitting."""
        session = self.session
        recovered = session.recovered
        assert recovered is not None
        lang = self.lang
        plan = recovered.plan_path
        body = tr(
            "restore.body",
            lang,
            user=recovered.header.user or "?",
            when=recovered.updated.strftime("%d.%m.%Y %H:%M"),
            steps=recovered.step_count,
            moves=len(recovered.net_moves()),
            plan=tr("restore.plan", lang, path=display_path(plan)) if plan else "",
            note=tr("restore.note", lang) if recovered.note_changed else "",
        )
        while True:
            choice = await self.push_screen_wait(
                ChoiceScreen(
                    tr("restore.title", lang),
                    body,
                    [
                        ("restore", tr("restore.restore", lang), "r,g"),
                        ("discard", tr("restore.discard", lang), "d,k"),
                        ("later", tr("restore.later", lang), "q,a"),
                    ],
                    id="restore",
                )
            )
            if choice == "discard":
                sure = await self.push_screen_wait(
                    confirm_screen(
                        tr("restore.confirm_title", lang),
                        tr("restore.confirm_body", lang, steps=recovered.step_count),
                        lang,
                    )
                )
                if not sure:
                    continue
                session.discard_recovered()
                self.notify(tr("restore.discarded", lang), timeout=4)
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
            self.post_message(CasesMoved(changed, "apply"))
        if session.scenario.events:
            self.post_message(EventsChanged("events"))
        if session.dropped_events:
            self.notify(
                tr("restore.dropped_events", lang, count=session.dropped_events),
                severity="warning",
                timeout=8,
            )
        text = tr(
            "restore.done", lang, steps=recovered.step_count, moves=len(self.assignment.net_moves())
        )
        if recovered.damaged_lines:
            text += tr("restore.damaged", lang, lines=recovered.damaged_lines)
        self.notify(text, timeout=8)
        if leftovers:
            await self._show_leftovers(leftovers, len(recovered.applied))
            session.leftovers = []
        return True

    async def _show_leftovers(self, leftovers: list[Leftover], applied: int) -> None:
        lang = self.lang
        lines = [
            tr("leftovers.intro", lang, applied=applied),
            "",
            *leftover_lines(leftovers, self.assignment, lang),
            "",
            tr("leftovers.outro", lang),
        ]
        await self.push_screen_wait(
            PanelScreen(
                tr("leftovers.title", lang, count=len(leftovers)),
                Static("\n".join(lines), id="leftovers-text"),
                id="leftovers",
            )
        )

    # -- saving and quitting ----------------------------------------------------------------

    def action_save_plan(self) -> None:
        if self.read_only:
            reason = self.read_only_reason or tr("move.read_only_default", self.lang)
            self.notify(tr("save.read_only", self.lang, reason=reason), severity="warning")
            return
        if isinstance(self.screen, SaveScreen):
            return
        self.push_screen(SaveScreen(self.session, self.lang), callback=self._saved)

    def _saved(self, path: Path | None) -> None:
        if path is not None:
            self.plan_path = path
            self.notify(tr("save.done", self.lang, path=str(path.resolve())), timeout=10)

    async def action_quit(self) -> None:
        session = self.session
        if self.read_only or session.journal is None or not session.unsaved:
            self.exit()
            return
        lang = self.lang

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.push_screen(SaveScreen(session, lang), callback=saved_then_quit)
            elif choice == "discard":
                self._discard_on_exit = True
                self.exit()

        def saved_then_quit(path: Path | None) -> None:
            if path is not None:
                self.exit()

        self.push_screen(
            ChoiceScreen(
                tr("quit.title", lang),
                tr("quit.body", lang, count=len(self.assignment.net_moves())),
                [
                    ("save", tr("quit.save", lang), "s,g"),
                    ("discard", tr("quit.discard", lang), "d,a"),
                    (None, tr("quit.cancel", lang), ""),
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


def team_id_for(args: Any) -> str | None:
    """--team, else the team a --plan file names (the plan knows its team), else None."""
    explicit = getattr(args, "team", None)
    plan = getattr(args, "plan", None)
    if explicit or plan is None:
        return explicit
    return plan_team_id(plan)


def planning_app(config_path: Path, assignment: Assignment, *, lang: str, args: Any) -> PlanningApp:
    """The board for `assignment` with its session (lock taken, --plan applied).

    ProblemsFound from a bad --plan file is raised here, before the terminal is taken over.
    """
    session = PlanSession.open(config_path, assignment, getattr(args, "plan", None))
    return PlanningApp(assignment, session, lang=lang, args=args)
