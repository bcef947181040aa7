"""The free-text reason of a move (ctrl+e in the move picker, widgets/picker.py)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from planner.core.cpr import find_cpr
from planner.i18n import t
from planner.ui.language import FollowsLanguage
from planner.ui.screens.base import TranslatedBindings


class ReasonScreen(FollowsLanguage, TranslatedBindings, ModalScreen[str | None]):
    """One line of free text for a move's reason; CPR-like numbers are refused."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__(id="reason")
        self.lang = lang

    def compose(self) -> ComposeResult:
        self._masked = ""  # the CPR-like text refused last, to say again in another language
        with Vertical(classes="dialog"):
            yield Label(t("reason.title", self.lang), id="reason-title", classes="dialog-title")
            yield Input(placeholder=t("reason.placeholder", self.lang), max_length=120)
            # A Static wraps at the dialog's width (a Label is as wide as its text).
            yield Static("", id="reason-error")
            yield Label(t("reason.hint", self.lang), id="reason-hint", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def show_language(self, lang: str) -> None:
        self.query_one("#reason-title", Label).update(t("reason.title", lang))
        self.query_one(Input).placeholder = t("reason.placeholder", lang)
        self.query_one("#reason-hint", Label).update(t("reason.hint", lang))
        if self._masked:
            self.query_one("#reason-error", Static).update(
                t("reason.cpr", lang, masked=self._masked)
            )

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        reason = event.value.strip()
        masked = find_cpr(reason)
        if masked:
            self._masked = masked
            self.query_one("#reason-error", Static).update(
                t("reason.cpr", self.lang, masked=masked)
            )
            return
        self.dismiss(reason or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
