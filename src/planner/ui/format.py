"""How figures look on the board: numbers, short area names, the range bar, the histogram.

Display only: every figure comes from :mod:`planner.core.rules` via the Assignment; this
module decides how to write it in a few cells. No Textual here, so it is cheap to test.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from planner.core.models import NormSet
from planner.core.rules import Status
from planner.core.text import visible
from planner.i18n import NO_PCT, fmt_num, fmt_pct, fmt_plain, fmt_range

# written once, in planner.i18n
__all__ = ["NO_PCT", "fmt_num", "fmt_pct", "fmt_plain", "fmt_range", "utilisation_key"]

# The symbol carries the status without colour (NO_COLOR, 16 colours, screen readers).
STATUS_RANK: dict[Status, int] = {
    Status.WITHIN: 0,
    Status.UNDER: 1,
    Status.OVER: 2,
    Status.AWAY: 3,  # no capacity: the worst place for a case
}


def utilisation_key(ratio: float | None) -> float:
    """For sorting by utilisation: someone away (None) sorts as the most loaded."""
    return math.inf if ratio is None else ratio


# -- short area names ----------------------------------------------------------------------

_WORD = re.compile(r"[\s/,\-.]+")


def _short(label: str, width: int) -> str:
    words = [w for w in _WORD.split(label) if w]
    if not words:
        return label[:width]
    numbers = [i for i, w in enumerate(words) if w.isdigit()]
    if numbers:
        # "Jobparate over 30" -> "Job o30", "Aktivitetsparate under 30" -> "Akt u30"
        index = numbers[0]
        before = words[index - 1][0] if index > 1 else ""
        tail = f"{before}{words[index]}"
        head = words[0][: max(width - len(tail) - 1, 1)]
        return f"{head} {tail}"[:width]
    word = words[0]
    return word if len(word) <= width else word[: width - 1] + "."


def area_shorts(norms: NormSet, width: int = 7) -> dict[str, str]:
    """A short name of at most `width` cells for every area, unique within the norm set."""
    shorts: dict[str, str] = {}
    for area_id, area in norms.areas.items():
        short = _short(area.label, width)
        if short in shorts.values():
            # Fall back to the id, which is unique by construction.
            short = area_id[:width]
        shorts[area_id] = short
    return shorts


def cut(text: str, width: int) -> str:
    """Cut to `width` characters with an ellipsis (labels here are single-width); control
    characters from the files are made visible first, so they count as what they show."""
    if width <= 0:
        return ""
    text = visible(text)
    return text if len(text) <= width else text[: width - 1] + "…"


# -- the range bar -------------------------------------------------------------------------


class Cell(StrEnum):
    """What a cell of the bar shows; the board maps each to a character and a style."""

    OUTSIDE = "outside"
    BAND = "band"
    MARKER = "marker"
    BEYOND = "beyond"


BAR_CHARS: dict[Cell, str] = {
    Cell.OUTSIDE: "·",
    Cell.BAND: "░",
    Cell.MARKER: "█",
    Cell.BEYOND: "»",
}

# The bar spans 0 .. BAR_SCALE x the worker's capacity max, so 100 % sits in the same
# column on every row and the eye can run down the list.
BAR_SCALE = 1.6


def bar_runs(load: float, low: float, high: float, width: int) -> list[tuple[Cell, int]]:
    """The bar as runs of (kind, length): the range as a band, the load as one marker."""
    if width <= 0:
        return []
    if high <= 0:
        return [(Cell.OUTSIDE, width)]
    per_cell = BAR_SCALE * high / width
    band_start = min(int(low / per_cell), width - 1)
    band_end = max(min(round(high / per_cell), width), band_start + 1)
    if load > BAR_SCALE * high:
        marker, marker_kind = width - 1, Cell.BEYOND
    else:
        marker, marker_kind = min(int(load / per_cell), width - 1), Cell.MARKER
    cells = [
        Cell.BAND if band_start <= index < band_end else Cell.OUTSIDE for index in range(width)
    ]
    cells[marker] = marker_kind
    runs: list[tuple[Cell, int]] = []
    for cell in cells:
        if runs and runs[-1][0] is cell:
            runs[-1] = (cell, runs[-1][1] + 1)
        else:
            runs.append((cell, 1))
    return runs


def bar_text(load: float, low: float, high: float, width: int) -> str:
    return "".join(BAR_CHARS[kind] * length for kind, length in bar_runs(load, low, high, width))


# -- utilisation histogram -----------------------------------------------------------------

# Utilisation = load / capacity max, so 100 % is the top of everyone's range.
BUCKET_EDGES: tuple[float, ...] = (0.4, 0.6, 0.8, 1.0, 1.2, 1.4)


def bucket_of(utilisation: float) -> int:
    for index, edge in enumerate(BUCKET_EDGES):
        if utilisation < edge:
            return index
    return len(BUCKET_EDGES)


def bucket_labels() -> list[str]:
    labels = [f"<{BUCKET_EDGES[0]:.0%}"]
    for low, high in pairwise(BUCKET_EDGES):
        labels.append(f"{low * 100:.0f}-{high:.0%}")
    labels.append(f"≥{BUCKET_EDGES[-1]:.0%}")
    return labels


def bucket_counts(utilisations: Iterable[float | None]) -> list[int]:
    """Workers per bucket; someone away (None) has no utilisation and is left out."""
    counts = [0] * (len(BUCKET_EDGES) + 1)
    for value in utilisations:
        if value is not None:
            counts[bucket_of(value)] += 1
    return counts


@dataclass(frozen=True, slots=True)
class HistogramRow:
    label: str
    before: int
    now: int
    before_bar: str
    now_bar: str


def histogram_rows(before: list[int], now: list[int], bar_width: int) -> list[HistogramRow]:
    """Rows of the before/now chart: ░ before, █ now, so it reads without colour."""
    top = max([*before, *now, 1])
    labels = bucket_labels()

    def bar(count: int, char: str) -> str:
        if count == 0:
            return ""
        return char * max(1, round(count / top * bar_width))

    return [
        HistogramRow(labels[i], before[i], now[i], bar(before[i], "░"), bar(now[i], "█"))
        for i in range(len(labels))
    ]
