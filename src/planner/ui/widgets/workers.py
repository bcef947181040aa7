"""The worker list: one line per caseworker, their load against their range at a glance."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from rich.style import Style
from textual.events import Click
from textual.message import Message
from textual.strip import Strip

from planner.core.moves import UNASSIGNED, Assignment
from planner.core.rules import WorkerLoad
from planner.i18n import STATUS_SYMBOL, status_word, t
from planner.ui.format import (
    BAR_CHARS,
    BAR_SCALE,
    NO_PCT,
    Cell,
    area_shorts,
    bar_runs,
    cut,
    fmt_num,
    fmt_pct,
    fmt_plain,
    fmt_range,
    utilisation_key,
)
from planner.ui.language import FollowsLanguage
from planner.ui.moving import with_household
from planner.ui.widgets.rows import Part, RowList, strip_of


class RowKind(StrEnum):
    UNASSIGNED = "unassigned"
    GROUP = "group"
    WORKER = "worker"


@dataclass(frozen=True, slots=True)
class WorkerRow:
    kind: RowKind
    key: str  # worker id, area id (group) or UNASSIGNED


class SortKey(StrEnum):
    ORDER = "order"
    UTILISATION = "utilisation"
    NAME = "name"


@dataclass(frozen=True, slots=True)
class DropPreview:
    """What the row under a dragged case would become: shown while the mouse hovers."""

    target: str
    case_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Columns:
    """Cell widths of a worker row at one terminal width; 0 hides a column."""

    name: int
    area: int
    hours: int
    load: int
    range: int
    util: int
    bar: int


POINTER = "▶"
LEAD = 3  # pointer, status symbol, space
NAME_MIN, NAME_WANT, NAME_MAX = 10, 18, 24
BAR_MIN, BAR_MAX = 8, 40
AREA_W, HOURS_W, LOAD_W, UTIL_W = 7, 5, 5, 6


def bar_scale(width: int) -> str:
    """The bar's column heading: where 100 % (the top of every range) sits."""
    top = round(width / BAR_SCALE)
    label = "100%╎"
    if top < len(label) - 1:
        return ""
    return (" " * (top - len(label) + 1) + label)[:width]


def layout_columns(width: int, range_width: int) -> Columns:
    """Fit the columns to `width`: the essentials, then each claim in turn while it fits.

    Names come before the utilisation figure (the bar shows it too), the bar grows last so
    a wide terminal gets a finer scale rather than empty space. Too narrow for even the
    shortest bar (a terminal under ~74 columns), the bar goes: a bar cut short hides the
    load's marker, and the status symbol still says over, within or under.
    """
    essential = LEAD + NAME_MIN + 1 + LOAD_W + 1 + range_width + 1 + BAR_MIN
    spare = width - essential
    if spare < 0:
        name = min(max(width - (LEAD + 1 + LOAD_W + 1 + range_width), NAME_MIN), NAME_MAX)
        return Columns(name, 0, 0, LOAD_W, range_width, 0, 0)
    size = {"name": NAME_MIN, "bar": BAR_MIN, "util": 0, "hours": 0, "area": 0}
    claims: list[tuple[str, int]] = [
        ("name", 14),
        ("util", UTIL_W),
        ("bar", 12),
        ("hours", HOURS_W),
        ("area", AREA_W),
        ("name", NAME_WANT),
        ("bar", BAR_MAX),
        ("name", NAME_MAX),
    ]
    for column, target in claims:
        if column in ("util", "hours", "area"):
            if size[column] == 0 and spare >= target + 1:
                size[column] = target
                spare -= target + 1
            continue
        grow = min(max(spare, 0), max(target - size[column], 0))
        size[column] += grow
        spare -= grow
    return Columns(
        size["name"], size["area"], size["hours"], LOAD_W, range_width, size["util"], size["bar"]
    )


class WorkerList(FollowsLanguage, RowList):
    """Caseworkers with load, range, a bar and a status symbol; 'Unassigned' is a row too."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *RowList.COMPONENT_CLASSES,
        "workers--over",
        "workers--within",
        "workers--under",
        "workers--away",
        "workers--cover",
        "workers--band",
        "workers--group",
        "workers--unassigned",
        "workers--drop",
        "workers--drop-refused",
    }

    class WorkerHighlighted(Message):
        """The cursor moved to a worker (or to the unassigned row: UNASSIGNED)."""

        def __init__(self, worker_list: WorkerList, worker_id: str) -> None:
            super().__init__()
            self.worker_list = worker_list
            self.worker_id = worker_id

        @property
        def control(self) -> WorkerList:
            return self.worker_list

    def __init__(self, assignment: Assignment, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.assignment = assignment
        self.lang = lang
        self.sort_key = SortKey.ORDER
        self.grouped = True
        self.area_filter: str | None = None
        self.order_stale = False  # sorted by utilisation, and someone's has changed since
        self._preview: DropPreview | None = None
        self._rows: list[WorkerRow] = []
        self._index: dict[str, int] = {}
        self._shorts = area_shorts(assignment.team.norms)
        self._range_width = 9
        self._columns: tuple[int, Columns] | None = None
        # FTE per area depends on hours and the loaded cases only, never on moves.
        self._areas = {a.area: a for a in assignment.summary().areas}

    # -- rows -----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.rebuild()

    def build_rows(self) -> list[WorkerRow]:
        """The rows in display order: unassigned first, then workers (grouped, sorted)."""
        team = self.assignment.team
        workers = [w for w in team.workers if self.area_filter in (None, w.area)]
        if self.sort_key is SortKey.NAME:
            workers.sort(key=lambda w: w.name.casefold())
        elif self.sort_key is SortKey.UTILISATION:
            workers.sort(key=lambda w: -utilisation_key(self.assignment.evaluate(w.id).utilisation))
        rows = [WorkerRow(RowKind.UNASSIGNED, UNASSIGNED)]
        if self.grouped:
            for area_id in team.norms.areas:
                members = [w for w in workers if w.area == area_id]
                if members:
                    rows.append(WorkerRow(RowKind.GROUP, area_id))
                    rows.extend(WorkerRow(RowKind.WORKER, w.id) for w in members)
        else:
            rows.extend(WorkerRow(RowKind.WORKER, w.id) for w in workers)
        return rows

    def rebuild(self) -> None:
        """Order, grouping or the area filter changed: lay the rows out again."""
        keep = self.highlighted_worker if self._rows else None
        self.order_stale = False
        self._rows = self.build_rows()
        self._index = {row.key: i for i, row in enumerate(self._rows) if row.kind != RowKind.GROUP}
        widest = max(
            (len(fmt_range(wl.min, wl.max, self.lang)) for wl in self.assignment.evaluate_all()),
            default=9,
        )
        self._range_width = max(widest, 9)
        self._columns = None
        self.forget_rows()  # the rows' order, grouping or columns changed
        self.set_row_count(len(self._rows))
        if keep is not None and keep in self._index:
            self.set_reactive(WorkerList.cursor, self._index[keep])
            self.scroll_to_row(self.cursor)
            self.refresh()
        else:
            self.move_cursor(min(self.cursor, len(self._rows) - 1))
            self.cursor_moved(self.cursor)

    def row_key(self, index: int) -> Hashable:
        row = self._rows[index]
        return (row.kind, row.key)

    def can_hold_cursor(self, index: int) -> bool:
        return self._rows[index].kind != RowKind.GROUP

    def cursor_moved(self, index: int) -> None:
        if 0 <= index < len(self._rows):
            self.post_message(self.WorkerHighlighted(self, self._rows[index].key))

    @property
    def highlighted_worker(self) -> str:
        if not self._rows:
            return UNASSIGNED
        return self._rows[min(self.cursor, len(self._rows) - 1)].key

    @property
    def shown_workers(self) -> list[str]:
        return [row.key for row in self._rows if row.kind == RowKind.WORKER]

    def row_of(self, worker_id: str) -> int | None:
        """The row index showing `worker_id` (or UNASSIGNED), None when filtered out."""
        return self._index.get(worker_id)

    def select_worker(self, worker_id: str) -> None:
        if worker_id in self._index:
            self.cursor = self._index[worker_id]

    def refresh_workers(self, worker_ids: Iterable[str]) -> None:
        """Redraw only these workers' rows (after a move, the two it touched).

        The rows keep their places: re-sorting would redraw every row and move the row the
        leader is working on. A utilisation order is marked stale instead; s re-sorts.
        """
        # A move ends any drag: its preview goes in the same frame as the move.
        if self._preview is not None:
            worker_ids = {*worker_ids, self._preview.target}
            self._preview = None
        self._redraw_workers(worker_ids)

    def _redraw_workers(self, worker_ids: Iterable[str]) -> None:
        self.refresh_rows(self._index[w] for w in worker_ids if w in self._index)
        if self.sort_key is SortKey.UTILISATION and not self.order_stale:
            self.order_stale = True
            self.refresh_header()

    def show_language(self, lang: str) -> None:
        self.invalidate()
        self.rebuild()

    # -- the drop preview -----------------------------------------------------------------

    @property
    def drop_preview(self) -> DropPreview | None:
        return self._preview

    @drop_preview.setter
    def drop_preview(self, preview: DropPreview | None) -> None:
        if preview == self._preview:
            return
        old = self._preview
        self._preview = preview
        self._redraw_workers([p.target for p in (old, preview) if p is not None])

    def drop_target_at(self, screen_x: int, screen_y: int) -> str | None:
        """The worker id (or UNASSIGNED) of the row at a screen position, else None."""
        index = self.row_at_screen(screen_x, screen_y)
        if index is None or self._rows[index].kind == RowKind.GROUP:
            return None
        return self._rows[index].key

    # -- actions --------------------------------------------------------------------------

    def on_click(self, event: Click) -> None:
        index = self.row_at(event.y)
        if index is not None and self.can_hold_cursor(index):
            self.cursor = index

    # -- rendering ------------------------------------------------------------------------

    def columns(self, width: int) -> Columns:
        if self._columns is None or self._columns[0] != width:
            self._columns = (width, layout_columns(width, self._range_width))
        return self._columns[1]

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def render_header(self, line: int, width: int, base: Style) -> Strip:
        lang = self.lang
        if line == 0:
            order = short_order = t(f"sort.{self.sort_key}", lang)
            if self.order_stale:
                order = t("workers.stale", lang, order=order)
                short_order = t("workers.stale_short", lang, order=short_order)
            area = (
                self.assignment.team.norms.areas[self.area_filter].label
                if self.area_filter
                else t("workers.all_areas", lang)
            )
            title = t("workers.title", lang)
            long = " · ".join(
                [
                    title,
                    t("workers.sorted", lang, order=order),
                    t("workers.area_filter", lang, area=area),
                ]
            )
            short = " · ".join([title, short_order, *([area] if self.area_filter else [])])
            text = long if len(long) < width else short
            return strip_of([(" " + cut(text, width - 1), self.title_style())], width, base)
        cols = self.columns(width)
        cells = [" " * LEAD, cut(t("col.name", lang), cols.name).ljust(cols.name)]
        if cols.area:
            cells.append(" " + cut(t("col.area", lang), cols.area).ljust(cols.area))
        if cols.hours:
            cells.append(" " + cut(t("col.hours", lang), cols.hours).rjust(cols.hours))
        load = t("col.load", lang)
        load = load if len(load) <= cols.load else t("col.load_short", lang)
        cells.append(" " + cut(load, cols.load).rjust(cols.load))
        cells.append(" " + cut(t("col.capacity", lang), cols.range).rjust(cols.range))
        if cols.util:
            cells.append(" " + cut(t("col.utilisation", lang), cols.util).rjust(cols.util))
        if cols.bar:
            cells.append(" " + bar_scale(cols.bar))
        return strip_of([("".join(cells), self._style("rowlist--columns"))], width, base)

    def render_row(self, index: int, width: int, base: Style, cursor: bool) -> Strip:
        row = self._rows[index]
        if row.kind == RowKind.GROUP:
            return self._render_group(row.key, width, base)
        row_base = base + self.cursor_style() if cursor else base
        pointer: Part = (POINTER if cursor else " ", None)
        preview = self._preview
        if preview is not None and preview.target == row.key:
            return self._render_preview(row, width, row_base, pointer, preview)
        if row.kind == RowKind.UNASSIGNED:
            return self._render_unassigned(width, row_base, pointer)
        return self._render_worker(self.assignment.evaluate(row.key), width, row_base, pointer)

    def _render_group(self, area_id: str, width: int, base: Style) -> Strip:
        lang = self.lang
        summary = self._areas.get(area_id)
        label = self.assignment.team.norms.areas[area_id].label
        if summary is None:
            text = f"── {label} "
        else:
            text = (
                "── "
                + t(
                    "workers.group",
                    lang,
                    label=label,
                    workers=t("workers.heads", lang, count=summary.workers),
                    needed=fmt_num(summary.fte_needed, lang, 2),
                    effective=fmt_num(summary.fte_effective, lang, 2),
                    missing=(
                        t(
                            "header.area_missing",
                            lang,
                            missing=fmt_num(summary.fte_missing, lang, 2),
                        )
                        if summary.fte_missing > 0
                        else ""
                    ),
                )
                + " "
            )
        text = cut(text, width)
        text += "─" * (width - len(text))
        return strip_of([(text, self._style("workers--group"))], width, base)

    def _lead_and_name(self, cols: Columns, pointer: Part, symbol: Part, name: str) -> list[Part]:
        return [pointer, symbol, (" ", None), (cut(name, cols.name).ljust(cols.name), None)]

    def _render_unassigned(self, width: int, base: Style, pointer: Part) -> Strip:
        lang = self.lang
        cols = self.columns(width)
        count = self.assignment.count(UNASSIGNED)
        load = self.assignment.load_of(UNASSIGNED)
        style = self._style("workers--unassigned")
        parts = self._lead_and_name(cols, pointer, ("•", None), t("workers.unassigned", lang))
        skipped = (cols.area + 1 if cols.area else 0) + (cols.hours + 1 if cols.hours else 0)
        parts.append((" " * skipped, None))
        parts.append((" " + fmt_num(load, lang).rjust(cols.load), None))
        parts.append(("  " + t("header.cases", lang, count=count), None))
        return strip_of([(text, (s or Style()) + style) for text, s in parts], width, base)

    def _render_worker(self, wl: WorkerLoad, width: int, base: Style, pointer: Part) -> Strip:
        lang = self.lang
        cols = self.columns(width)
        status_style = self._style(f"workers--{wl.status.value}")
        worker = wl.worker
        parts = self._lead_and_name(
            cols, pointer, (STATUS_SYMBOL[wl.status], status_style), worker.name
        )
        if cols.area:
            parts.append((" " + cut(self._shorts[worker.area], cols.area).ljust(cols.area), None))
        if cols.hours:
            parts.append((" " + fmt_plain(worker.hours, lang).rjust(cols.hours), None))
        parts.append((" " + fmt_num(wl.load, lang).rjust(cols.load), status_style))
        if not wl.present:
            # No capacity: no range, no percentage; say so, and whether cases need cover.
            parts.append((" " + NO_PCT.rjust(cols.range), None))
            if cols.util:
                parts.append((" " + NO_PCT.rjust(cols.util), None))
            if wl.needs_cover:
                text = t("workers.cover", lang)
                if len(text) > cols.bar:
                    text = t("workers.cover_short", lang)
                style = self._style("workers--cover")
            else:
                text, style = t("workers.away", lang), status_style
            parts.append((" " + cut(text, cols.bar), style))
            return strip_of(parts, width, base)
        parts.append((" " + fmt_range(wl.min, wl.max, lang).rjust(cols.range), None))
        if cols.util:
            parts.append((" " + fmt_pct(wl.utilisation, lang).rjust(cols.util), None))
        if cols.bar:
            parts.append((" ", None))
        band = self._style("workers--band")
        for kind, length in bar_runs(wl.load, wl.min, wl.max, cols.bar):
            style = (
                status_style
                if kind in (Cell.MARKER, Cell.BEYOND)
                else band
                if kind is Cell.BAND
                else None
            )
            parts.append((BAR_CHARS[kind] * length, style))
        return strip_of(parts, width, base)

    def _render_preview(
        self, row: WorkerRow, width: int, base: Style, pointer: Part, preview: DropPreview
    ) -> Strip:
        lang = self.lang
        cols = self.columns(width)
        name_width = min(cols.name, 12)
        room = width - LEAD - name_width - 1
        pieces, refused = drop_preview_pieces(self.assignment, preview.case_ids, row.key, lang)
        text = ""
        for piece in pieces:  # most important first; each goes in whole or not at all
            choice = next((p for p in piece if len(text) + len(p) <= room), "")
            text += choice
        style = self._style("workers--drop-refused" if refused else "workers--drop")
        name = (
            t("workers.unassigned", lang)
            if row.kind == RowKind.UNASSIGNED
            else self.assignment.worker(row.key).name
        )
        parts: list[Part] = [("⇒", None), (" ", None), (" ", None)]
        parts.append((cut(name, name_width).ljust(name_width), None))
        parts.append((" " + text, None))
        return strip_of([(t, style) for t, _ in parts], width, base + style)


def drop_preview_pieces(
    assignment: Assignment, case_ids: Sequence[str], target: str, lang: str
) -> tuple[list[tuple[str, ...]], bool]:
    """What dropping `case_ids` on `target` would do, as pieces in order of importance
    (each a long and a shorter form), and whether the drop is refused outright."""
    if all(assignment.holder(c) == target for c in case_ids):
        return [(t("drop.same", lang), t("drop.same_short", lang))], True
    if any(assignment.case(c).pinned for c in case_ids):
        return [(t("drop.pinned", lang), t("drop.pinned_short", lang))], True
    if target == UNASSIGNED:
        return [(t("drop.unassigned", lang),)], False
    # What the drop will move when the household offer is taken (its first answer).
    moving = with_household(assignment, case_ids)
    after = assignment.preview(moving, target)
    symbol, status = STATUS_SYMBOL[after.status], status_word(after.status, lang)
    pieces: list[tuple[str, ...]] = [
        (t("drop.after", lang, load=fmt_num(after.load, lang), symbol=symbol, status=status),)
    ]
    extra = len([c for c in moving[len(case_ids) :] if assignment.holder(c) != target])
    if extra:
        pieces.append(
            (
                t("drop.household", lang, count=extra),
                t("drop.household_short", lang, count=extra),
            )
        )
    if any(assignment.out_of_area(c, target) for c in moving):
        pieces.append((t("drop.other_area", lang), t("drop.other_area_short", lang)))
    pieces.append((t("drop.range", lang, range=fmt_range(after.min, after.max, lang)),))
    return pieces, False


__all__ = ["DropPreview", "SortKey", "WorkerList", "layout_columns"]
