"""The board's header: team, date and the team summary, folded to the terminal's width."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive

from planner.core.moves import Assignment
from planner.core.rules import AreaFte, TeamSummary
from planner.core.scenario import events_in_force
from planner.core.text import visible
from planner.i18n import notice_text, t
from planner.ui.format import cut, fmt_num
from planner.ui.language import FollowsLanguage
from planner.ui.widgets.lines import TextLines

if TYPE_CHECKING:  # only named: the events' module brings pydantic
    from planner.core.events import Event


class BoardHeader(FollowsLanguage, TextLines):
    """Two lines (team · date, then the summary) plus one per area when asked for. A move
    draws again only the lines it changed (the move count, the summary)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "header--team",
        "header--over",
        "header--within",
        "header--under",
        "header--away",
        "header--badge",
        "header--dim",
    }

    show_areas: reactive[bool] = reactive(False, layout=True)

    def __init__(self, assignment: Assignment, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.assignment = assignment
        self.lang = lang
        self._read_only = False
        self._summary: TeamSummary | None = None
        self.tooltip = self.notices_text()

    def notices_text(self) -> str | None:
        """How the files were read, when the user should know (a cases file read as
        Windows-1252): the header's tooltip, and a notification when the board opens."""
        notices = self.assignment.team.notices
        return "\n".join(notice_text(n, self.lang) for n in notices) or None

    def events(self) -> tuple[Event, ...]:
        """The plan's what-if events (none outside a planner app, e.g. a bare harness)."""
        scenario = getattr(self.app, "scenario", None)
        return scenario.events if scenario is not None else ()

    def update_summary(self) -> None:
        """Recompute the summary (after a move, a what-if event) and redraw what changed."""
        self._summary = None
        self.update_lines()

    @property
    def read_only(self) -> bool:
        return self._read_only

    @read_only.setter
    def read_only(self, read_only: bool) -> None:
        """Say on the first line that the board takes no changes (a plan held elsewhere)."""
        self._read_only = read_only
        self.update_lines()

    def show_language(self, lang: str) -> None:
        self.tooltip = self.notices_text()
        self.redraw_lines()

    def watch_show_areas(self) -> None:
        self.redraw_lines(layout=True)

    @property
    def summary(self) -> TeamSummary:
        if self._summary is None:
            self._summary = self.assignment.summary()
        return self._summary

    def _style(self, name: str) -> Style:
        return self.component_style(name)

    def text_lines(self, width: int) -> list[Text]:
        lang = self.lang
        summary = self.summary
        first = Text(no_wrap=True, overflow="ellipsis")
        first.append(visible(self.assignment.team.name), self._style("header--team"))
        first.append(f" · {format_date(self.assignment.on)}")
        moves = self.assignment.moved_count
        right = Text(no_wrap=True)
        if moves:
            text = t("header.move", lang) if moves == 1 else t("header.moves", lang, count=moves)
            right.append(text, self._style("header--dim"))
        events = self.events()
        if events:
            # Events in force today show in w's week 0, not in the figures here: say so.
            today = len(events_in_force(events, self.assignment.on))
            key = "header.events_today" if today else "header.events"
            text = t(key, lang, count=len(events), today=today)
            right.append((" · " if moves else "") + text, self._style("header--dim"))
        if self.read_only:
            right.append(" " + t("header.read_only", lang) + " ", self._style("header--badge"))
        if right.cell_len and first.cell_len + right.cell_len + 2 > width:
            # The team's name gives way: what is said on the right must be read whole.
            date_part = f" · {format_date(self.assignment.on)}"
            room = width - right.cell_len - 2 - len(date_part)
            first = Text(no_wrap=True, overflow="ellipsis")
            first.append(cut(self.assignment.team.name, max(room, 1)), self._style("header--team"))
            first.append(date_part)
        if right.cell_len and first.cell_len + right.cell_len + 2 <= width:
            first.append(" " * (width - first.cell_len - right.cell_len))
            first.append_text(right)
        elif right.cell_len:
            first.append(" · ")
            first.append_text(right)
        lines = [first, self._summary_line(summary, width)]
        if self.show_areas:
            lines.extend(self._area_lines(summary.areas, width))
        return lines

    def _summary_line(self, summary: TeamSummary, width: int) -> Text:
        lang = self.lang
        for short_counts, short_fte in ((False, False), (True, False), (True, True)):
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(t("header.cases", lang, count=summary.cases))
            line.append(" · ")
            line.append(t("header.unassigned", lang, count=summary.unassigned))
            line.append(" · ")
            counts = t(
                "header.counts_short" if short_counts else "header.counts",
                lang,
                over=summary.over,
                within=summary.within,
                under=summary.under,
            )
            if summary.away:
                key = "header.away_short" if short_counts else "header.away"
                counts += t(key, lang, away=summary.away)
            self._append_counts(line, counts)
            line.append(" · ")
            missing = ""
            if summary.fte_missing > 0:
                missing = t(
                    "header.fte_missing_short" if short_fte else "header.fte_missing",
                    lang,
                    missing=fmt_num(summary.fte_missing, lang, 2),
                )
            line.append(
                t(
                    "header.fte_short" if short_fte else "header.fte",
                    lang,
                    needed=fmt_num(summary.fte_needed, lang, 2),
                    effective=fmt_num(summary.fte_effective, lang, 2),
                    missing=missing,
                )
            )
            if line.cell_len <= width:
                return line
        return line

    def _append_counts(self, line: Text, counts: str) -> None:
        # Colour each "▲ n ..." run by its status; the symbols carry it without colour.
        styles = {
            "▲": "header--over",
            "✓": "header--within",
            "▼": "header--under",
            "○": "header--away",
        }
        start = line.cell_len
        line.append(counts)
        for offset, char in enumerate(counts):
            if char in styles:
                end = offset + 1
                while end < len(counts) and counts[end] not in styles:
                    end += 1
                line.stylize(self._style(styles[char]), start + offset, start + end)

    def _area_lines(self, areas: list[AreaFte], width: int) -> list[Text]:
        """Each area's FTE (the one model, as `planner check`): the longest form in which
        every line fits, so the lines read alike."""
        lang = self.lang
        forms = (
            ("header.area_line", "header.area_missing"),
            ("header.area_line_mid", "header.area_missing"),
            ("header.area_line_short", "header.fte_missing_short"),
        )
        lines: list[str] = []
        for key, missing_key in forms:
            lines = []
            for area in areas:
                missing = fmt_num(area.fte_missing, lang, 2)
                lines.append(
                    "  "
                    + t(
                        key,
                        lang,
                        label=area.label,
                        needed=fmt_num(area.fte_needed, lang, 2),
                        effective=fmt_num(area.fte_effective, lang, 2),
                        there=fmt_num(area.fte, lang, 2),
                        missing=t(missing_key, lang, missing=missing)
                        if area.fte_missing > 0
                        else "",
                    )
                )
            if all(len(line) <= width for line in lines):
                break
        return [Text(cut(line, width), no_wrap=True, overflow="ellipsis") for line in lines]


def format_date(day: date) -> str:
    return day.isoformat()
