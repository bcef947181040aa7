"""The forecast view (w): the coming weeks as a grid, and the plan's what-if events.

The grid is the one ``planner forecast`` prints (planner.i18n.forecast): workers grouped
by area, a column per week with the status symbol and utilisation (away in words), an
FTE-missing line per area. It fits 80 columns by showing as many weeks as fit; ← and →
scroll through the weeks. Below it the leader adds (a), edits (e, Enter) and removes (x,
Delete) what-if events; the screen posts ``EventsChangeRequested`` and the app makes the
change one step (journaled, undoable like a move), then has the grid drawn again at once.
The app sets ``scenario`` and ``read_only_reason`` here (attributes down).
"""

from __future__ import annotations

import math
from datetime import date
from typing import ClassVar

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from planner.core.cpr import find_cpr
from planner.core.events import (
    AbsenceEvent,
    ArrivalEvent,
    DepartureEvent,
    Event,
    event_from,
)
from planner.core.forecast import Forecast, assignment_forecast, worker_rows
from planner.core.models import FACTOR_MAX, HOURS_MAX, Team
from planner.core.moves import Assignment
from planner.core.scenario import (
    Scenario,
    event_issues,
    scenario_team,
)
from planner.core.text import iso_date, visible
from planner.i18n import fmt_plain, t
from planner.i18n.forecast import (
    CELL_WIDTH,
    RowKind,
    date_heading,
    explanation_lines,
    grid_rows,
    week_heading,
)
from planner.ui.format import cut
from planner.ui.language import FollowsLanguage, phrase
from planner.ui.messages import EventsChangeRequested
from planner.ui.screens.base import TranslatedBindings
from planner.ui.screens.dialogs import ChoiceScreen
from planner.ui.widgets.footer import BoardFooter

# Half a year: far enough for a maternity leave that starts next quarter.
BOARD_WEEKS = 26
LABEL_NARROW, LABEL_WIDE = 15, 24  # name column below / from 100 columns


class ForecastGrid(FollowsLanguage, Widget):
    """Weeks as columns (as many as fit from `first_week`), workers by area as rows."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "forecast--over",
        "forecast--within",
        "forecast--under",
        "forecast--away",
        "forecast--area",
        "forecast--heading",
        "forecast--missing",
        "forecast--short",
    }

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.forecast: Forecast | None = None
        self.first_week = 0

    def show_language(self, lang: str) -> None:
        self.refresh(layout=True)

    def show(self, forecast: Forecast) -> None:
        self.forecast = forecast
        self.first_week = min(self.first_week, max(len(forecast.weeks) - 1, 0))
        self.refresh(layout=True)

    def label_width(self, width: int) -> int:
        cap = LABEL_WIDE if width >= 100 else LABEL_NARROW
        rows = grid_rows(self.forecast, self.lang) if self.forecast else []
        labels = [len(r.label) for r in rows if r.kind is not RowKind.AREA]
        return min(max([*labels, 8]), cap) + 3

    def weeks_shown(self, width: int) -> int:
        return max(1, (width - self.label_width(width)) // (CELL_WIDTH + 1))

    def scroll_weeks(self, step: int) -> None:
        if self.forecast is None:
            return
        last_first = max(len(self.forecast.weeks) - self.weeks_shown(self.size.width), 0)
        self.first_week = min(max(self.first_week + step, 0), last_first)
        self.refresh()

    def shown_range(self) -> range:
        total = len(self.forecast.weeks) if self.forecast else 0
        first = self.first_week
        return range(first, min(first + self.weeks_shown(self.size.width), total))

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        if self.forecast is None:
            return 1
        return 2 + len(grid_rows(self.forecast, self.lang))

    def render(self) -> RenderableType:
        forecast = self.forecast
        if forecast is None:
            return Text("")
        lang = self.lang
        width = self.size.width
        label_width = self.label_width(width)
        shown = self.shown_range()
        heading = self._style("forecast--heading")
        out = Text(no_wrap=True, overflow="crop")
        more_left = "‹ " if shown.start > 0 else "  "
        more_right = " ›" if shown.stop < len(forecast.weeks) else ""
        out.append(more_left.ljust(label_width), heading)
        out.append(" ".join(week_heading(k, lang) for k in shown) + more_right, heading)
        out.append("\n" + " " * label_width)
        out.append(" ".join(date_heading(forecast.weeks[k].on, lang) for k in shown), heading)
        for row in grid_rows(forecast, lang):
            out.append("\n")
            if row.kind is RowKind.AREA:
                out.append(cut(row.label, width), self._style("forecast--area"))
                continue
            label_style = self._style("forecast--missing") if row.kind is RowKind.MISSING else None
            out.append(("  " + cut(row.label, label_width - 3)).ljust(label_width), label_style)
            for index, k in enumerate(shown):
                cell = row.cells[k]
                if cell.status is not None:
                    style = self._style(f"forecast--{cell.status.value}")
                elif cell.short:
                    style = self._style("forecast--short")
                else:
                    style = self._style("forecast--missing")
                out.append((" " if index else "") + cell.text, style)
        return out


def event_label(event: Event, team: Team, lang: str) -> str:
    """One line per event, in the leader's words (never a raw control character: names
    and reasons come from files and forms)."""
    return visible(_event_words(event, team, lang))


def _event_words(event: Event, team: Team, lang: str) -> str:
    names = {w.id: w.name for w in team.workers}
    areas = team.norms.areas
    if isinstance(event, AbsenceEvent):
        until = t("events.until", lang, date=event.until.isoformat()) if event.until else ""
        factor = (
            t("events.away", lang)
            if event.factor == 0
            else t("events.factor", lang, factor=fmt_plain(event.factor, lang))
        )
        reason = f" · {event.reason}" if event.reason else ""
        return t(
            "events.absence_line",
            lang,
            name=names.get(event.worker, event.worker),
            start=event.from_.isoformat(),
            until=until,
            factor=factor,
            reason=reason,
        )
    if isinstance(event, DepartureEvent):
        return t(
            "events.departure_line",
            lang,
            name=names.get(event.worker, event.worker),
            date=event.day.isoformat(),
        )
    if isinstance(event, ArrivalEvent):
        area = areas[event.area].label if event.area in areas else event.area
        return t(
            "events.arrival_line",
            lang,
            name=event.name,
            id=event.worker,
            area=area,
            hours=fmt_plain(event.hours, lang),
            hours_n=event.hours,
            date=event.day.isoformat(),
        )
    area = areas[event.area].label if event.area in areas else event.area
    start = t("events.from", lang, date=event.from_.isoformat()) if event.from_ else ""
    return t(
        "events.intake_line",
        lang,
        area=area,
        per_week=fmt_plain(event.per_week, lang),
        start=start,
    )


class ForecastScreen(FollowsLanguage, TranslatedBindings, Screen[None]):
    """The coming weeks and the plan's what-if events."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "weeks(-1)", "Earlier", id="forecast.earlier", priority=True),
        Binding("right", "weeks(1)", "Later", id="forecast.later", priority=True),
        Binding("a", "add_event", "Add", id="events.add"),
        Binding("e", "edit_event", "Edit", id="events.edit"),
        Binding("x,delete", "remove_event", "Remove", id="events.remove"),
        Binding("tab", "switch_focus", "Grid/events", show=False, id="forecast.focus"),
        Binding("escape,w", "close", "Board", id="forecast.close"),
    ]

    def __init__(
        self,
        assignment: Assignment,
        scenario: Scenario,
        worker_hint: str,
        lang: str,
        *,
        read_only_reason: str | None = None,
    ) -> None:
        super().__init__(id="forecast")
        self.assignment = assignment
        self.scenario = scenario
        self.lang = lang
        self.worker_hint = worker_hint  # the board's highlighted worker: the form's default
        self.read_only_reason = read_only_reason  # set by the app while the team is held
        self.grid = ForecastGrid(lang, id="forecast-grid")
        self.forecast: Forecast | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="forecast-title")
        with VerticalScroll(id="forecast-scroll"):
            yield self.grid
            yield Static("", id="forecast-explain")
        yield Label("", id="events-title")
        yield OptionList(id="events-list")
        yield BoardFooter()

    def on_mount(self) -> None:
        self.refresh_forecast()
        self.query_one("#forecast-scroll").focus()

    # -- drawing --------------------------------------------------------------------------

    def refresh_forecast(self) -> None:
        """Compute the weeks again (after a move, an undo, an event) and redraw."""
        self.forecast = assignment_forecast(self.assignment, BOARD_WEEKS, self.scenario.events)
        self.grid.show(self.forecast)
        self._draw_texts()

    def _draw_texts(self) -> None:
        lang = self.lang
        forecast = self.forecast
        assert forecast is not None
        self.query_one("#forecast-title", Label).update(
            t(
                "forecast.screen_title",
                lang,
                date=forecast.start.isoformat(),
                weeks=len(forecast.weeks),
            )
        )
        self.query_one("#forecast-explain", Static).update(
            "\n".join(
                [
                    t("forecast.legend", lang),
                    "",
                    t("forecast.first_short", lang),
                    *("  " + line for line in explanation_lines(forecast, lang)),
                    "",
                    t("forecast.projection", lang),
                ]
            )
        )
        events = self.scenario.events
        self.query_one("#events-title", Label).update(
            t("events.title", lang, count=len(events)) if events else t("events.title_none", lang)
        )
        listing = self.query_one("#events-list", OptionList)
        keep = listing.highlighted
        listing.clear_options()
        team = forecast.team
        listing.add_options(
            [Option(event_label(e, team, lang), id=str(i)) for i, e in enumerate(events)]
        )
        if events:
            listing.highlighted = min(keep or 0, len(events) - 1)

    def show_language(self, lang: str) -> None:
        # The grid follows by itself; the title, explanation and events are said here.
        if self.forecast is not None:
            self._draw_texts()

    # -- actions --------------------------------------------------------------------------

    def action_weeks(self, step: int) -> None:
        self.grid.scroll_weeks(step)

    def action_switch_focus(self) -> None:
        listing = self.query_one("#events-list", OptionList)
        if self.focused is listing:
            self.query_one("#forecast-scroll").focus()
        else:
            listing.focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def _may_change(self) -> bool:
        """Refuse up front in a read-only session (before a form is filled in for nothing)."""
        if self.read_only_reason is not None:
            text = t("events.read_only", self.lang, reason=self.read_only_reason)
            self.notify(text, severity="warning")
            return False
        return True

    def _request(self, events: list[Event], key: str, event: Event) -> None:
        """Ask the app to make the events `events` (one step); say `key` about `event`."""
        label = event_label(event, scenario_team(self.assignment.team, events), self.lang)
        said = t(key, self.lang, event=label)
        self.post_message(EventsChangeRequested(tuple(events), said))

    def _selected(self) -> int | None:
        listing = self.query_one("#events-list", OptionList)
        events = self.scenario.events
        if not events:
            self.notify(t("events.none_selected", self.lang), severity="warning")
            return None
        return min(listing.highlighted or 0, len(events) - 1)

    async def action_add_event(self) -> None:
        if not self._may_change():
            return

        def chosen(kind: str | None) -> None:
            if kind is not None:
                self._open_form(kind, None)

        await self.app.push_screen(
            ChoiceScreen(
                phrase("events.kind_title"),
                phrase("events.kind_body"),
                [
                    ("absence", phrase("events.kind.absence"), "a,f"),
                    ("departure", phrase("events.kind.departure"), "d,s"),
                    ("arrival", phrase("events.kind.arrival"), "n"),
                    ("intake", phrase("events.kind.intake"), "i,t"),
                ],
                id="event-kind",
            ),
            callback=chosen,
        )

    def action_edit_event(self) -> None:
        if not self._may_change():
            return
        index = self._selected()
        if index is not None:
            self._open_form(self.scenario.events[index].kind, index)

    @on(OptionList.OptionSelected, "#events-list")
    def _event_chosen(self) -> None:
        self.action_edit_event()

    def action_remove_event(self) -> None:
        if not self._may_change():
            return
        index = self._selected()
        if index is None:
            return
        events = list(self.scenario.events)
        removed = events.pop(index)
        team = scenario_team(self.assignment.team, self.scenario.events)
        said = t("events.removed", self.lang, event=event_label(removed, team, self.lang))
        self.post_message(EventsChangeRequested(tuple(events), said))

    def _open_form(self, kind: str, index: int | None) -> None:
        events = self.scenario.events
        form = EventForm(
            kind,
            self.assignment.team,
            events,
            index,
            self.lang,
            self.worker_hint,
            self.assignment.on,
        )

        def done(event: Event | None) -> None:
            if event is None:
                return
            changed = list(events)
            if index is None:
                changed.append(event)
            else:
                changed[index] = event
            self._request(changed, "events.added" if index is None else "events.changed", event)

        self.app.push_screen(form, callback=done)


# ---------------------------------------------------------------------------------------
# The form for one event


class FormError(ValueError):
    """A field the leader must correct; the message is in the language on screen."""


class EventForm(FollowsLanguage, TranslatedBindings, ModalScreen["Event | None"]):
    """Add or edit one what-if event: the fields of its kind, checked before it is kept."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(
        self,
        kind: str,
        team: Team,
        events: tuple[Event, ...],
        index: int | None,
        lang: str,
        worker_hint: str,
        on: date,
    ) -> None:
        super().__init__(id="event-form")
        self.kind = kind
        self.team = team
        self.events = events
        self.index = index
        self.lang = lang
        self.event = events[index] if index is not None else None
        self.worker_hint = worker_hint
        self.on = on

    # -- fields ---------------------------------------------------------------------------

    def _workers(self) -> list[tuple[str, str]]:
        # Workers of the team and those who arrive in the events before this one.
        before = self.events if self.index is None else self.events[: self.index]
        team = scenario_team(self.team, before)
        return [(f"{w.name} ({w.id})", w.id) for w in team.workers]

    def _areas(self) -> list[tuple[str, str]]:
        return [(area.label, area_id) for area_id, area in self.team.norms.areas.items()]

    def _default_area(self) -> str:
        """The highlighted worker's area, else the team's first (as the grid lists them):
        never an area of the norm set that nobody in the team works in."""
        hint = self.team.workers_by_id.get(self.worker_hint)
        if hint is not None:
            return hint.area
        groups = worker_rows(self.team)
        return groups[0][0] if groups else ""

    def _value(self, key: str) -> str:
        """The field's value in the form's text (from the event being edited, or a default)."""
        event = self.event
        raw = event.model_dump(by_alias=True) if event is not None else {}
        value = raw.get(key)
        if value is None:
            defaults = {
                "from": self.on.isoformat() if self.kind == "absence" else "",
                "date": self.on.isoformat(),
                "factor": "0",
                "hours": fmt_plain(self.team.norms.full_time_hours, self.lang),
            }
            return defaults.get(key, "")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, float):
            return fmt_plain(value, self.lang)
        return str(value)

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog event-dialog"):
            yield Label(self._title(lang), id="event-title", classes="dialog-title")
            for key in FIELDS[self.kind]:
                yield Label(t(f"events.field.{key}", lang), id=f"label-{key}")
                if key == "worker" and self.kind != "arrival":
                    options = self._workers()
                    ids = [value for _, value in options]
                    current = self._value("worker") or self.worker_hint
                    yield Select(
                        options,
                        value=current if current in ids else ids[0],
                        allow_blank=False,
                        id="field-worker",
                    )
                elif key == "area":
                    options = self._areas()
                    ids = [value for _, value in options]
                    current = self._value("area") or self._default_area()
                    yield Select(
                        options,
                        value=current if current in ids else ids[0],
                        allow_blank=False,
                        id="field-area",
                    )
                else:
                    yield Input(
                        value=self._value(key),
                        placeholder=t(f"events.hint.{key}", lang),
                        id=f"field-{key}",
                    )
            yield Static("", id="event-error")
            yield Label(t("events.form_hint", lang), id="event-hint", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("events.keep", lang), id="event-ok", variant="primary")
                yield Button(t("events.cancel", lang), id="event-cancel")
        yield BoardFooter()

    def _title(self, lang: str) -> str:
        title = "events.edit_title" if self.event is not None else "events.add_title"
        return t(title, lang, kind=t(f"events.kind.{self.kind}", lang))

    def show_language(self, lang: str) -> None:
        self.query_one("#event-title", Label).update(self._title(lang))
        for key in FIELDS[self.kind]:
            self.query_one(f"#label-{key}", Label).update(t(f"events.field.{key}", lang))
            for field in self.query(f"Input#field-{key}").results(Input):
                field.placeholder = t(f"events.hint.{key}", lang)
        self.query_one("#event-hint", Label).update(t("events.form_hint", lang))
        self.query_one("#event-ok", Button).label = t("events.keep", lang)
        self.query_one("#event-cancel", Button).label = t("events.cancel", lang)

    def on_mount(self) -> None:
        first = self.query(Input).first() if self.query(Input) else None
        (first or self.query_one(Select)).focus()

    # -- reading the fields ---------------------------------------------------------------

    def _text(self, key: str) -> str:
        return self.query_one(f"#field-{key}", Input).value.strip()

    def _choice(self, key: str) -> str:
        return str(self.query_one(f"#field-{key}", Select).value)

    def _date(self, key: str, *, optional: bool = False) -> date | None:
        text = self._text(key)
        if not text and optional:
            return None
        day = iso_date(text)
        if day is None:
            raise FormError(
                t("events.error.date", self.lang, field=t(f"events.field.{key}", self.lang))
            )
        return day

    def _number(self, key: str, low: float, high: float, *, above: bool = False) -> float:
        field = t(f"events.field.{key}", self.lang)
        try:
            value = float(self._text(key).replace(",", "."))
        except ValueError:
            raise FormError(t("events.error.number", self.lang, field=field)) from None
        if not math.isfinite(value) or value > high or value < low or (above and value == low):
            key_text = "events.error.above" if above else "events.error.range"
            raise FormError(
                t(
                    key_text,
                    self.lang,
                    field=field,
                    low=fmt_plain(low, self.lang),
                    high=fmt_plain(high, self.lang),
                )
            )
        return value

    def _words(self, key: str, *, optional: bool = False) -> str | None:
        text = self._text(key)
        field = t(f"events.field.{key}", self.lang)
        if not text:
            if optional:
                return None
            raise FormError(t("events.error.empty", self.lang, field=field))
        masked = find_cpr(text)
        if masked:
            raise FormError(t("events.error.cpr", self.lang, field=field, masked=masked))
        return text

    def read(self) -> Event:
        """The event the fields describe; FormError names what to correct."""
        kind = self.kind
        if kind == "absence":
            start = self._date("from")
            until = self._date("until", optional=True)
            if until is not None and start is not None and until < start:
                raise FormError(t("events.error.until", self.lang))
            data: dict[str, object] = {
                "kind": kind,
                "worker": self._choice("worker"),
                "from": start,
                "until": until,
                "factor": self._number("factor", 0, FACTOR_MAX),
                "reason": self._words("reason", optional=True),
            }
        elif kind == "departure":
            data = {"kind": kind, "worker": self._choice("worker"), "date": self._date("date")}
        elif kind == "arrival":
            data = {
                "kind": kind,
                "worker": self._words("worker"),
                "name": self._words("name"),
                "area": self._choice("area"),
                "hours": self._number("hours", 0, HOURS_MAX, above=True),
                "date": self._date("date"),
            }
        else:
            data = {
                "kind": kind,
                "area": self._choice("area"),
                "per_week": self._number("per_week", 0, 10_000),
                "from": self._date("from", optional=True),
            }
        event = event_from(data)
        events = list(self.events)
        if self.index is None:
            events.append(event)
            position = len(events) - 1
        else:
            events[self.index] = event
            position = self.index
        for issue in event_issues(self.team, events):
            if issue.index == position:
                raise FormError(t(f"events.issue.{issue.kind.value}", self.lang, value=issue.value))
        return event

    @on(Input.Submitted)
    @on(Button.Pressed, "#event-ok")
    def _keep(self) -> None:
        error = self.query_one("#event-error", Static)
        try:
            event = self.read()
        except FormError as problem:
            error.update(str(problem))
            return
        self.dismiss(event)

    @on(Button.Pressed, "#event-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


FIELDS: dict[str, tuple[str, ...]] = {
    "absence": ("worker", "from", "until", "factor", "reason"),
    "departure": ("worker", "date"),
    "arrival": ("worker", "name", "area", "hours", "date"),
    "intake": ("area", "per_week", "from"),
}

__all__ = ["BOARD_WEEKS", "EventForm", "ForecastGrid", "ForecastScreen", "event_label"]
