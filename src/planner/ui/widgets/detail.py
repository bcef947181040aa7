"""Worker detail (what makes up a capacity, what changes it soon) and the utilisation chart."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from planner.core.moves import UNASSIGNED, Assignment
from planner.core.rules import (
    CaseMix,
    capacity,
    capacity_factors,
    norm_range,
    status_for,
    upcoming_changes,
)
from planner.i18n import STATUS_SYMBOL, status_word, t
from planner.ui.format import (
    bucket_counts,
    bucket_of,
    fmt_num,
    fmt_plain,
    fmt_range,
    histogram_rows,
)
from planner.ui.language import FollowsLanguage
from planner.ui.widgets.lines import TextLines

HORIZON_WEEKS = 8


class WorkerDetail(FollowsLanguage, TextLines):
    """The factors behind a worker's capacity today, and the changes in the next 8 weeks.
    A move draws again only the lines it changed (the worker's load, a status ahead)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail--title",
        "detail--over",
        "detail--within",
        "detail--under",
        "detail--away",
        "detail--dim",
    }

    def __init__(self, assignment: Assignment, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.assignment = assignment
        self.lang = lang
        self.worker_id = UNASSIGNED

    def show(self, worker_id: str) -> None:
        self.worker_id = worker_id
        self.redraw_lines(layout=True)

    def show_moves(self) -> None:
        """The worker's cases changed: the same lines, some with new figures."""
        self.update_lines()

    def show_language(self, lang: str) -> None:
        self.redraw_lines(layout=True)

    def _style(self, name: str) -> Style:
        return self.component_style(name)

    def text_lines(self, width: int) -> list[Text]:
        return list(self._text().split("\n", allow_blank=True))

    def _text(self) -> Text:
        lang = self.lang
        assignment = self.assignment
        if self.worker_id == UNASSIGNED:
            return Text(t("detail.unassigned", lang), style=self._style("detail--dim"))
        worker = assignment.worker(self.worker_id)
        norms = assignment.team.norms
        area = norms.areas[worker.area]
        wl = assignment.evaluate(worker.id)
        mix = CaseMix.of(assignment.case(c) for c in assignment.cases_of(worker.id))
        base = norm_range(worker, area, mix)
        out = Text()
        out.append(
            t("detail.title", lang, name=worker.name, area=area.label),
            self._style("detail--title"),
        )
        out.append("\n")
        out.append(
            t("detail.range", lang, range=fmt_range(base.min, base.max, lang), label=base.label)
        )
        for factor in capacity_factors(worker, norms, assignment.on):
            if factor.kind == "hours":
                hours = f"{fmt_plain(worker.hours, lang)}/{fmt_plain(norms.full_time_hours, lang)}"
                label = t("factor.hours", lang, label=hours)
            elif factor.kind in ("new_hire", "not_started", "left"):
                label = t(f"factor.{factor.kind}", lang)
            else:
                label = factor.label
            if factor.kind == "not_started" and factor.starts:
                until = t("detail.from", lang, date=factor.starts.isoformat())
            elif factor.ends:
                until = t("detail.until", lang, date=factor.ends.isoformat())
            else:
                until = ""
            out.append("\n")
            out.append(
                t(
                    "detail.factor",
                    lang,
                    factor=fmt_num(factor.factor, lang, 2),
                    label=label,
                    until=until,
                )
            )
        out.append("\n")
        if wl.present:
            line = t(
                "detail.capacity",
                lang,
                range=fmt_range(wl.min, wl.max, lang),
                load=fmt_num(wl.load, lang),
                symbol=STATUS_SYMBOL[wl.status],
                status=status_word(wl.status, lang),
            )
        elif wl.needs_cover:
            line = t("detail.away_cover", lang, load=fmt_num(wl.load, lang), count=wl.cases)
        else:
            line = t("detail.away", lang)
        out.append(line, self._style(f"detail--{wl.status.value}"))
        out.append("\n")
        changes = upcoming_changes(worker, norms, mix, assignment.on, weeks=HORIZON_WEEKS)
        if not changes:
            out.append(t("detail.no_changes", lang), self._style("detail--dim"))
            return out
        out.append(t("detail.ahead", lang), self._style("detail--title"))
        for change in changes:
            after = capacity(worker, norms, mix, change.on)
            status = status_for(wl.load, after)
            if change.what in ("new_hire", "arrival", "departure"):
                what = t(f"change.{change.what}", lang)
            else:
                what = change.what
            out.append("\n")
            out.append(
                t(
                    "detail.change",
                    lang,
                    date=change.on.isoformat(),
                    what=what,
                    kind=(
                        ""
                        if change.what in ("arrival", "departure")
                        else " " + t(f"detail.{change.kind}", lang)
                    ),
                    before=fmt_num(change.capacity_max_before, lang),
                    after=fmt_num(change.capacity_max_after, lang),
                    symbol=STATUS_SYMBOL[status],
                    status=status_word(status, lang),
                ),
                self._style(f"detail--{status.value}"),
            )
        return out


class UtilisationChart(FollowsLanguage, Widget):
    """How the team's utilisation is spread, as loaded (░) and now (█): readable in mono."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "chart--title",
        "chart--before",
        "chart--now",
        "chart--dim",
    }

    def __init__(
        self,
        assignment: Assignment,
        before: list[float | None],
        lang: str,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.assignment = assignment
        self.lang = lang
        self._before = bucket_counts(before)
        self._bucket: dict[str, int] = {}
        self._now = [0] * len(self._before)
        for wl in assignment.evaluate_all():
            if wl.utilisation is None:
                continue  # away: no utilisation to chart
            bucket = bucket_of(wl.utilisation)
            self._bucket[wl.worker.id] = bucket
            self._now[bucket] += 1

    def update_workers(self, worker_ids: set[str]) -> None:
        """Move just these workers between buckets (after a move: the two it touched), and
        redraw only when a count changed: most moves leave every bucket as it was."""
        changed = False
        for worker_id in worker_ids:
            if worker_id == UNASSIGNED:
                continue
            utilisation = self.assignment.evaluate(worker_id).utilisation
            if utilisation is None:
                continue  # away: moves never change who is away
            bucket = bucket_of(utilisation)
            old = self._bucket[worker_id]
            if bucket != old:
                self._now[old] -= 1
                self._now[bucket] += 1
                self._bucket[worker_id] = bucket
                changed = True
        if changed:
            self.refresh()

    @property
    def counts(self) -> tuple[list[int], list[int]]:
        return list(self._before), list(self._now)

    def show_language(self, lang: str) -> None:
        self.refresh()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self._now) + 2

    def render(self) -> RenderableType:
        lang = self.lang
        width = max(self.size.width, 30)
        label_w = 9
        bar_w = max((width - label_w - 2 * 4 - 2) // 2, 3)
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append(t("chart.title", lang), self._style("chart--title"))
        out.append("\n")
        out.append(t("chart.legend", lang), self._style("chart--dim"))
        for row in histogram_rows(self._before, self._now, bar_w):
            out.append("\n")
            out.append(row.label.rjust(label_w - 1) + " ")
            out.append(row.before_bar.ljust(bar_w), self._style("chart--before"))
            out.append(f"{row.before:>3} ")
            out.append(" ")
            out.append(row.now_bar.ljust(bar_w), self._style("chart--now"))
            out.append(f"{row.now:>3}")
        return out


__all__ = ["UtilisationChart", "WorkerDetail"]
