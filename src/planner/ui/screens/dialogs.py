"""Small modal screens: a choice (confirm, household offer), help, and a panel in a box."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from planner.i18n import has, t
from planner.ui.language import FollowsLanguage, Phrase, phrase
from planner.ui.screens.base import TranslatedBindings, current_lang
from planner.ui.widgets.footer import BoardFooter


class ChoiceScreen(FollowsLanguage, TranslatedBindings, ModalScreen[Any]):
    """A question with a few answers as buttons; each answer may also have a key.

    Dismisses with the chosen value, or None on Escape. Title, body and labels are Phrases,
    so the question is asked again in the other language when it switches.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("left", "app.focus_previous", show=False, id="dialog.previous"),
        Binding("right", "app.focus_next", show=False, id="dialog.next"),
    ]

    def __init__(
        self,
        title: Phrase,
        body: Phrase,
        choices: Sequence[tuple[Any, Phrase, str]],
        *,
        id: str | None = None,
    ) -> None:
        """`choices`: (value, button label, keys such as "y,j")."""
        super().__init__(id=id)
        self.title_phrase = title
        self.body_phrase = body
        self.choices = list(choices)
        self._keys = {
            key: value for value, _, keys in self.choices for key in keys.split(",") if key
        }

    def compose(self) -> ComposeResult:
        lang = self.lang = current_lang(self)
        with Vertical(classes="dialog"):
            yield Label(self.title_phrase(lang), classes="dialog-title")
            yield Static(self.body_phrase(lang), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                for index, (_, label, _keys) in enumerate(self.choices):
                    yield Button(
                        label(lang),
                        id=f"choice-{index}",
                        variant="primary" if index == 0 else "default",
                    )

    def on_mount(self) -> None:
        self.query_one("#choice-0", Button).focus()

    def show_language(self, lang: str) -> None:
        self.query_one(".dialog-title", Label).update(self.title_phrase(lang))
        self.query_one(".dialog-body", Static).update(self.body_phrase(lang))
        for index, (_, label, _keys) in enumerate(self.choices):
            self.query_one(f"#choice-{index}", Button).label = label(lang)

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        index = int((event.button.id or "choice-0").removeprefix("choice-"))
        self.dismiss(self.choices[index][0])

    def on_key(self, event: Key) -> None:
        if event.character and event.character.lower() in self._keys:
            event.stop()
            self.dismiss(self._keys[event.character.lower()])

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm_screen(title: Phrase, body: Phrase) -> ChoiceScreen:
    """Yes / No; dismisses with True, False or None (Escape)."""
    return ChoiceScreen(
        title,
        body,
        [(True, phrase("confirm.yes"), "y,j"), (False, phrase("confirm.no"), "n")],
        id="confirm",
    )


class PanelScreen(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    """One of the board's panels (worker detail, chart) in a box, for narrow terminals.

    The panel follows the language by itself (a FollowsLanguage widget); the title here."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="close"),
    ]

    def __init__(self, title: Phrase, panel: Widget, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title_phrase = title
        self.panel = panel

    def compose(self) -> ComposeResult:
        self.lang = current_lang(self)
        with Vertical(classes="dialog panel-dialog"):
            yield Label(self.title_phrase(self.lang), classes="dialog-title")
            with VerticalScroll():
                yield self.panel
        yield BoardFooter()

    def show_language(self, lang: str) -> None:
        self.query_one(".dialog-title", Label).update(self.title_phrase(lang))

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(FollowsLanguage, TranslatedBindings, ModalScreen[None]):
    """What the symbols mean and every key, from the bindings themselves (never stale).

    The text scrolls in a focused container, so ↑↓, PgUp/PgDn, Home/End and the wheel all
    reach the last key at 80x24; the title sits in the border to leave every line for text.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="close"),
    ]

    def __init__(self, sections: Iterable[tuple[str, Sequence[Binding]]], lang: str) -> None:
        """`sections`: (text key of the heading, or "", bindings)."""
        super().__init__(id="help")
        self.sections = list(sections)
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help-dialog") as dialog:
            dialog.border_title = t("help.title", self.lang)
            with VerticalScroll(id="help-scroll"):
                yield Static(self.compose_help(), id="help-text")
        yield BoardFooter()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def show_language(self, lang: str) -> None:
        self.query_one(".help-dialog").border_title = t("help.title", lang)
        self.query_one("#help-text", Static).update(self.compose_help())

    def compose_help(self) -> Group:
        lang = self.lang
        parts: list[RenderableType] = [Text(t("help.intro", lang)), Text("")]
        parts.append(Text(t("help.keys", lang), style="bold"))
        seen: set[str] = set()
        for title, bindings in self.sections:
            rows = [b for b in bindings if b.id and has(f"key.{b.id}") and b.id not in seen]
            if not rows:
                continue
            table = Table.grid(padding=(0, 1))
            table.add_column(width=12, no_wrap=True)
            table.add_column(ratio=1)
            for binding in rows:
                assert binding.id is not None
                seen.add(binding.id)
                keys = ", ".join(
                    self.app.get_key_display(Binding(k, "")) for k in binding.key.split(",")
                )
                line = Text(t(f"key.{binding.id}", lang), style="bold")
                if has(f"help.{binding.id}"):
                    line.append(": " + t(f"help.{binding.id}", lang), style="not bold")
                table.add_row(Text(keys, style="bold"), line)
            if title:
                parts.append(Text(t(title, lang), style="bold underline"))
            parts.append(table)
        return Group(*parts)

    def help_text(self) -> Text:
        """The help as plain text (what a screen reader or a test reads)."""
        console = Console(width=200, record=True, file=io.StringIO())
        console.print(self.compose_help())
        return Text(console.export_text())

    def action_close(self) -> None:
        self.dismiss(None)
