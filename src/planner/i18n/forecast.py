"""The forecast in words: a grid with one row per worker (grouped by area), one column per
week, and an FTE-missing line per area, and the first-short explanation. ``planner
forecast`` prints it and the board's forecast view draws it, so both show the same cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from planner.core.forecast import Forecast, Shortfall, ShortWeek, worker_rows
from planner.core.rules import Status, WorkerLoad
from planner.core.text import visible
from planner.i18n import STATUS_SYMBOL, fmt_num, fmt_pct, t

CELL_WIDTH = 8  # "▲   128%", "○ fravær"


class RowKind(StrEnum):
    AREA = "area"  # the area's name
    WORKER = "worker"
    MISSING = "missing"  # FTE missing per week


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    status: Status | None = None  # a worker's status that week (for colour)
    short: bool = False  # an FTE-missing cell above 0


@dataclass(frozen=True, slots=True)
class GridRow:
    kind: RowKind
    key: str  # worker id or area id
    label: str
    cells: tuple[Cell, ...]


def short_date(day: date, lang: str) -> str:
    """A week's first day in a column heading: 11-23, or 23/11 in Danish."""
    return f"{day.day}/{day.month}" if lang == "da" else f"{day.month:02d}-{day.day:02d}"


def cell_of(wl: WorkerLoad, lang: str) -> Cell:
    """Status symbol and utilisation; away says so in words, never a percentage."""
    util = wl.utilisation
    text = t("forecast.away_cell", lang) if util is None else fmt_pct(util, lang)
    return Cell(f"{STATUS_SYMBOL[wl.status]} {text:>{CELL_WIDTH - 2}}", wl.status)


def missing_cell(missing: float, lang: str) -> Cell:
    if missing <= 0:
        return Cell(f"{'-':>{CELL_WIDTH}}")
    return Cell(f"{fmt_num(missing, lang, 2):>{CELL_WIDTH}}", short=True)


def grid_rows(forecast: Forecast, lang: str) -> list[GridRow]:
    """Areas in the norm set's order, each with its workers and its FTE-missing line."""
    rows: list[GridRow] = []
    norms = forecast.team.norms
    for area_id, members in worker_rows(forecast.team):
        # Labels come from files: never a raw control character on the terminal.
        rows.append(GridRow(RowKind.AREA, area_id, visible(norms.areas[area_id].label), ()))
        for worker in members:
            cells = tuple(cell_of(week.worker(worker.id), lang) for week in forecast.weeks)
            rows.append(GridRow(RowKind.WORKER, worker.id, visible(worker.name), cells))
        missing = []
        for week in forecast.weeks:
            area = week.area(area_id)
            missing.append(missing_cell(area.fte.fte_missing if area else 0.0, lang))
        rows.append(GridRow(RowKind.MISSING, area_id, t("forecast.missing", lang), tuple(missing)))
    return rows


def week_heading(index: int, lang: str) -> str:
    return f"{t('forecast.week_short', lang, week=index):>{CELL_WIDTH}}"


def date_heading(day: date, lang: str) -> str:
    return f"{short_date(day, lang):>{CELL_WIDTH}}"


def _why(week: ShortWeek, load_start: float, lang: str) -> str:
    why: list[str] = []
    if week.away:
        why.append(t("forecast.why_away", lang, names=visible(", ".join(week.away))))
    if week.reduced:
        why.append(t("forecast.why_reduced", lang, names=visible(", ".join(week.reduced))))
    if abs(week.load - load_start) >= 0.05:  # a change that shows at one decimal
        before, after = fmt_num(load_start, lang), fmt_num(week.load, lang)
        why.append(t("forecast.why_load", lang, before=before, after=after))
    needed, effective = fmt_num(week.needed, lang, 2), fmt_num(week.effective, lang, 2)
    why.append(t("forecast.why_fte", lang, needed=needed, effective=effective))
    return "; ".join(why)


def shortfall_lines(shortfall: Shortfall, lang: str) -> list[str]:
    """'Sygedagpenge: 0.71 FTE short from week 3 (2026-12-14): Ole Pedersen away; needs
    3.51 FTE, 2.80 effective', and the most short week when it is later and worse."""
    first, worst = shortfall.first, shortfall.worst
    lines = [
        t(
            "forecast.short",
            lang,
            area=visible(shortfall.label),
            missing=fmt_num(first.missing, lang, 2),
            week=first.week,
            date=first.on.isoformat(),
            why=_why(first, shortfall.load_start, lang),
        )
    ]
    if worst.week != first.week and round(worst.missing, 2) > round(first.missing, 2):
        lines.append(
            t(
                "forecast.worst",
                lang,
                missing=fmt_num(worst.missing, lang, 2),
                week=worst.week,
                date=worst.on.isoformat(),
                why=_why(worst, shortfall.load_start, lang),
            )
        )
    return lines


def explanation_lines(forecast: Forecast, lang: str) -> list[str]:
    """The first week each area goes short and why; or that none does."""
    shortfalls = forecast.shortfalls()
    if not shortfalls:
        return [t("forecast.none_short", lang, count=len(forecast.weeks))]
    return [line for s in shortfalls for line in shortfall_lines(s, lang)]


__all__ = [
    "CELL_WIDTH",
    "Cell",
    "GridRow",
    "RowKind",
    "cell_of",
    "date_heading",
    "explanation_lines",
    "grid_rows",
    "short_date",
    "shortfall_lines",
    "week_heading",
]
