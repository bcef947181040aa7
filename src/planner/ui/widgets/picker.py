"""The move picker: who can take these cases, and what each would look like afterwards.

The picker is a dialog laid over the board (a widget on the board's ``picker`` layer), not
a screen of its own: closing a pushed screen made Textual apply the whole board's CSS again
and redraw every cell of the terminal, so a move by keys took three times a drop. Over the
board, closing it redraws only the cells it covered, in the frame that shows the move.
The board (screens/board.py) opens it, keeps the keys and the mouse inside it while it is
open, and puts the focus back where it was when it closes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from planner.core.moves import UNASSIGNED, Assignment
from planner.core.rules import WorkerLoad
from planner.i18n import STATUS_SYMBOL, status_word, t
from planner.ui.format import (
    STATUS_RANK,
    area_shorts,
    cut,
    fmt_num,
    fmt_range,
    utilisation_key,
)
from planner.ui.language import FollowsLanguage
from planner.ui.moving import MoveReasons, with_household


@dataclass(frozen=True, slots=True)
class Candidate:
    """A worker who could take the cases, with their figures before and after the move."""

    worker_id: str
    name: str
    area_label: str
    before: WorkerLoad | None  # None for the unassigned row
    after: WorkerLoad | None
    other_area: bool

    @property
    def fit(self) -> tuple[int, int, float]:
        """Best fit first: own area, then within range after the move, then most room."""
        if self.after is None:
            return (2, len(STATUS_RANK), 0.0)
        return (
            int(self.other_area),
            STATUS_RANK[self.after.status],
            utilisation_key(self.after.utilisation),
        )


def candidates(assignment: Assignment, case_ids: Sequence[str]) -> list[Candidate]:
    """Every worker who does not already hold all the cases, best fit first.

    The figures are for what the move will take: with the household's other cases when
    the cases have one (the household offer's first answer), so a preview never shows one
    case's effect for a move of three."""
    moving = with_household(assignment, case_ids)
    result = []
    for worker in assignment.team.workers:
        if all(assignment.holder(c) == worker.id for c in case_ids):
            continue
        result.append(
            Candidate(
                worker.id,
                worker.name,
                assignment.team.norms.areas[worker.area].label,
                assignment.evaluate(worker.id),
                assignment.preview(moving, worker.id),
                any(assignment.out_of_area(c, worker.id) for c in moving),
            )
        )
    result.sort(key=lambda c: c.fit)
    if not all(assignment.holder(c) == UNASSIGNED for c in case_ids):
        result.append(Candidate(UNASSIGNED, "", "", None, None, False))
    return result


def range_switch(before: WorkerLoad, after: WorkerLoad, lang: str) -> str | None:
    """ "range 35.0-50.0 → 35.0-45.0 (komplekse)" when the move changes which range applies
    (a variant starts or stops applying), else None."""
    if before.capacity.range.variant == after.capacity.range.variant:
        return None
    variant = after.capacity.range.variant or after.capacity.range.label
    return t(
        "picker.range_switch",
        lang,
        before=fmt_range(before.min, before.max, lang),
        after=fmt_range(after.min, after.max, lang),
        variant=variant,
    )


@dataclass(frozen=True, slots=True)
class PickerChoice:
    target: str
    reason: str | None


class PickerFilter(FollowsLanguage, Input):
    """The picker's filter. Closing the picker takes its focus in the frame that shows the
    move; restyling a field nobody sees then (Textual restyles on every focus change) cost
    a millisecond of that frame. The next opening composes a new one."""

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(placeholder=t("picker.placeholder", lang), id=id)
        self.lang = lang

    def show_language(self, lang: str) -> None:
        self.placeholder = t("picker.placeholder", lang)

    def watch_has_focus(self, has_focus: bool) -> None:
        if has_focus or (self.parent is not None and self.parent.display):
            super().watch_has_focus(has_focus)


class MovePicker(FollowsLanguage, Vertical):
    """Type to filter, arrows to choose, Enter to move; the preview is on every line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("enter", "choose", "Move here", id="choose", priority=True),
        Binding("down", "cursor(1)", show=False, id="picker.down", priority=True),
        Binding("up", "cursor(-1)", show=False, id="picker.up", priority=True),
        Binding("pagedown", "cursor(10)", show=False, id="picker.page-down", priority=True),
        Binding("pageup", "cursor(-10)", show=False, id="picker.page-up", priority=True),
        Binding("ctrl+r", "next_reason", "Reason", id="reason"),
        Binding("ctrl+e", "own_reason", "Own reason", id="own-reason", priority=True),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "picker--over",
        "picker--within",
        "picker--under",
        "picker--away",
        "picker--other-area",
    }

    def __init__(
        self,
        assignment: Assignment,
        lang: str,
        on_chosen: Callable[[PickerChoice], object],
        on_closed: Callable[[MovePicker], object],
        ask_reason: Callable[[Callable[[str | None], object]], object],
        reasons: MoveReasons | None = None,
    ) -> None:
        """`on_chosen` gets the choice while the picker is still open (the opener asks for
        the move, and closes the picker when the move is shown, in the same frame);
        `on_closed` closes it (Escape, or after a choice that moved nothing). `ask_reason`
        asks for a reason of one's own and hands it (or None) to the callback it is given.
        `reasons` is the session's (the board's): the picker starts from its choice and
        leaves its own there.

        The board makes one picker and keeps it, hidden between moves (:meth:`open` fills
        it for the cases at hand): taking a widget out of the screen repaints every cell."""
        super().__init__(id="picker", classes="dialog picker-dialog")
        self._on_chosen = on_chosen
        self._on_closed = on_closed
        self._ask_reason = ask_reason
        self.assignment = assignment
        self.lang = lang
        self.reasons = reasons if reasons is not None else MoveReasons.of(assignment.team.reasons)
        self._shorts = area_shorts(assignment.team.norms)
        self._for(())

    def _for(self, case_ids: Sequence[str]) -> None:
        self.case_ids = list(case_ids)
        self.moving = with_household(self.assignment, self.case_ids)
        self.candidates = candidates(self.assignment, self.case_ids) if case_ids else []
        self.shown: list[Candidate] = list(self.candidates)
        self.chosen: PickerChoice | None = None  # set by Enter, before the move is asked for

    async def open(self, case_ids: Sequence[str]) -> None:
        """Show the workers who can take `case_ids`, the filter empty and focused."""
        self._for(case_ids)
        await self.recompose()
        self._fill("")
        self.display = True
        # At once, not queued (as focus() is): keys typed ahead (m, then a name) are already
        # in the app's queue, and the name must land in the filter.
        self.screen.set_focus(self.query_one("#picker-filter", Input))

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Label(self._title(), id="picker-title", classes="dialog-title")
        yield Label(self._source_text(), id="picker-source")
        yield PickerFilter(lang, id="picker-filter")
        yield OptionList(id="picker-options")
        yield Label("", id="picker-effect")
        yield Label(self._reason_text(), id="picker-reason")
        yield Label(t("picker.hint", lang), id="picker-hint", classes="dialog-hint")

    def on_mount(self) -> None:
        self.trap_focus()  # tab stays in the picker, as it did in a dialog screen

    def show_language(self, lang: str) -> None:
        if not self.display:
            return  # hidden between moves: open() composes it in the language of the day
        self.query_one("#picker-title", Label).update(self._title())
        self.query_one("#picker-source", Label).update(self._source_text())
        self.query_one("#picker-reason", Label).update(self._reason_text())
        self.query_one("#picker-hint", Label).update(t("picker.hint", lang))
        keep = self.highlighted
        self._fill(
            self.query_one("#picker-filter", Input).value,
            keep.worker_id if keep is not None else None,
        )

    @property
    def reason(self) -> str | None:
        return self.reasons.chosen

    def _title(self) -> str:
        lang = self.lang
        title = t("picker.title", lang, count=len(self.case_ids))
        extra = len(self.moving) - len(self.case_ids)
        if extra:
            household = next(
                (self.assignment.case(c).household for c in self.moving[len(self.case_ids) :]),
                "",
            )
            title += t("picker.household", lang, household=household, count=extra)
        return title

    def _source_text(self) -> Text:
        """Where the cases come from, and what that worker will look like without them."""
        lang = self.lang
        holders = list(dict.fromkeys(self.assignment.holder(c) for c in self.moving))
        text = Text()
        for index, holder in enumerate(holders):
            if index:
                text.append(" · ")
            if holder == UNASSIGNED:
                text.append(t("workers.unassigned", lang))
                continue
            before = self.assignment.evaluate(holder)
            after = self.assignment.preview_without(holder, self.moving)
            text.append(
                t(
                    "picker.source",
                    lang,
                    name=self.assignment.worker(holder).name,
                    before=fmt_num(before.load, lang),
                    after=fmt_num(after.load, lang),
                    symbol=STATUS_SYMBOL[after.status],
                    status=status_word(after.status, lang),
                )
            )
            switch = range_switch(before, after, lang)
            if switch:
                text.append(f", {switch}")
        return text

    def _reason_text(self) -> str:
        reason = self.reasons.chosen or t("picker.no_reason", self.lang)
        return t("picker.reason", self.lang, reason=reason)

    def _effect_text(self, candidate: Candidate | None) -> str:
        """The highlighted worker's figures in words, and a change of range if any."""
        if candidate is None or candidate.after is None or candidate.before is None:
            return ""
        lang = self.lang
        after = candidate.after
        text = t(
            "picker.effect",
            lang,
            name=candidate.name,
            before=fmt_num(candidate.before.load, lang),
            after=fmt_num(after.load, lang),
            symbol=STATUS_SYMBOL[after.status],
            status=status_word(after.status, lang),
        )
        switch = range_switch(candidate.before, after, lang)
        return text + (f", {switch}" if switch else "")

    def _prompt(self, candidate: Candidate, pointer: bool = False) -> Text:
        lang = self.lang
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("▶" if pointer else " ")
        if candidate.after is None or candidate.before is None:
            text.append("• ")
            text.append(t("workers.unassigned", lang))
            return text
        after = candidate.after
        status_style = self.get_component_rich_style(f"picker--{after.status.value}", partial=True)
        text.append(STATUS_SYMBOL[after.status] + " ", status_style)
        text.append(cut(candidate.name, 18).ljust(18))
        worker = self.assignment.worker(candidate.worker_id)
        text.append(" " + self._shorts[worker.area].ljust(7))
        text.append(f" {fmt_num(candidate.before.load, lang):>5} → ")
        text.append(f"{fmt_num(after.load, lang):>5}", status_style)
        # A range that changes with the move is marked; the line below says how.
        switched = range_switch(candidate.before, after, lang) is not None
        # No slot kept for the mark: with a scrollbar the longest word ("fraværende") fits
        # the case pane's 65 columns only so (the word is the line's last column).
        text.append(f" {fmt_range(after.min, after.max, lang)}{'*' if switched else ''}")
        text.append(f" {status_word(after.status, lang)}", status_style)
        return text

    def _fill(self, query: str, keep: str | None = None) -> None:
        """Show the candidates matching `query`; the cursor on `keep` (a worker id) if
        shown, else on the best fit."""
        needle = query.strip().casefold()
        self.shown = [
            c
            for c in self.candidates
            if not needle
            or needle in c.name.casefold()
            or needle in c.area_label.casefold()
            or (c.after is None and needle in t("workers.unassigned", self.lang).casefold())
        ]
        options: list[Option | None] = []
        self._index_of_option: list[int | None] = []
        heading_shown = False
        for index, candidate in enumerate(self.shown):
            if candidate.after is None and options:
                options.append(None)  # a rule before "back to unassigned"
                self._index_of_option.append(None)
            if candidate.other_area and not heading_shown:
                # One heading instead of a note on every line: these ask before moving.
                heading = Text(" " + t("picker.other_area_heading", self.lang))
                heading.stylize(self.get_component_rich_style("picker--other-area", partial=True))
                options.append(Option(heading, disabled=True))
                self._index_of_option.append(None)
                heading_shown = True
            options.append(
                Option(self._prompt(candidate), id=candidate.worker_id or "__unassigned__")
            )
            self._index_of_option.append(index)
        if not options:
            options.append(Option(t("picker.empty", self.lang), disabled=True))
            self._index_of_option.append(None)
        option_list = self.query_one("#picker-options", OptionList)
        option_list.set_options(options)
        self._pointer: int | None = None
        holdable = [i for i, shown in enumerate(self._index_of_option) if shown is not None]
        kept = [i for i in holdable if self.shown[self._index_of_option[i] or 0].worker_id == keep]
        first = (kept or holdable or [None])[0]
        if first is not None:
            option_list.highlighted = first
        else:
            self.query_one("#picker-effect", Label).update("")

    @on(OptionList.OptionHighlighted, "#picker-options")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Draw ▶ on the highlighted line: without colour a background says nothing."""
        option_list = self.query_one("#picker-options", OptionList)
        for option_index, pointer in ((self._pointer, False), (event.option_index, True)):
            if option_index is None or option_index >= len(self._index_of_option):
                continue
            shown = self._index_of_option[option_index]
            if shown is not None:
                option_list.replace_option_prompt_at_index(
                    option_index, self._prompt(self.shown[shown], pointer)
                )
        self._pointer = event.option_index
        self.query_one("#picker-effect", Label).update(self._effect_text(self.highlighted))

    @property
    def highlighted(self) -> Candidate | None:
        """The candidate under the cursor, if any."""
        option_index = self.query_one("#picker-options", OptionList).highlighted
        if option_index is None or option_index >= len(self._index_of_option):
            return None
        shown = self._index_of_option[option_index]
        return None if shown is None else self.shown[shown]

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(OptionList.OptionSelected, "#picker-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#picker-options", OptionList)
        if not self.shown:
            return
        if step == 1:
            options.action_cursor_down()
        elif step == -1:
            options.action_cursor_up()
        elif step > 0:
            options.action_page_down()
        else:
            options.action_page_up()

    def action_choose(self) -> None:
        highlighted = self.query_one("#picker-options", OptionList).highlighted
        if highlighted is not None:
            self._choose(highlighted)

    def _choose(self, option_index: int) -> None:
        if self.chosen is not None or not 0 <= option_index < len(self._index_of_option):
            return  # one choice per picker (Enter pressed again before it closed)
        shown = self._index_of_option[option_index]
        if shown is not None:
            self.chosen = PickerChoice(self.shown[shown].worker_id, self.reasons.chosen)
            self._on_chosen(self.chosen)

    def action_next_reason(self) -> None:
        self.reasons.next()
        self.query_one("#picker-reason", Label).update(self._reason_text())

    def action_own_reason(self) -> None:
        """Free text beside the team's list: a leader's reason need not be in the list."""

        def chosen(reason: str | None) -> None:
            if reason:
                self.reasons.choose(reason)
                self.query_one("#picker-reason", Label).update(self._reason_text())
            self.query_one("#picker-filter", Input).focus()

        self._ask_reason(chosen)

    def action_cancel(self) -> None:
        self._on_closed(self)
