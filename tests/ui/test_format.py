"""Display helpers and the texts table: no app needed, so these are quick and exhaustive."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import planner.ui.planning  # noqa: F401  (registers the save texts the palette names)
from planner.i18n import ALL_TEXTS, has, t
from planner.io.norms import load_norms
from planner.ui.app import PlannerApp
from planner.ui.commands import COMMANDS
from planner.ui.format import (
    BAR_SCALE,
    Cell,
    area_shorts,
    bar_runs,
    bucket_counts,
    bucket_labels,
    fmt_num,
    histogram_rows,
)
from planner.ui.screens.board import BoardScreen
from planner.ui.screens.changes import ChangesScreen
from planner.ui.widgets.cases import CaseList
from planner.ui.widgets.picker import MovePicker
from planner.ui.widgets.rows import RowList
from planner.ui.widgets.workers import layout_columns

NORMS = sorted((Path(__file__).resolve().parents[2] / "norms").glob("*.toml"))


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(ALL_TEXTS))
def test_every_text_has_both_languages_with_the_same_placeholders(key: str) -> None:
    english, danish = ALL_TEXTS[key]
    assert english.strip() and danish.strip()
    assert fields(english) == fields(danish)


def test_every_binding_has_an_id_and_every_shown_one_a_label() -> None:
    classes = (PlannerApp, BoardScreen, RowList, CaseList, MovePicker, ChangesScreen)
    for cls in classes:
        for binding in cls.BINDINGS:
            assert binding.id, f"{cls.__name__}: {binding.key} has no id"
            if binding.show:
                assert has(f"key.{binding.id}"), binding.id


def test_every_palette_command_is_labelled_in_both_languages() -> None:
    assert len({c.id for c in COMMANDS}) == len(COMMANDS)
    for command in COMMANDS:
        assert has(f"key.{command.id}") and has(f"help.{command.id}"), command.id
        assert t(f"key.{command.id}", "da") != "" and t(f"key.{command.id}", "en") != ""


def test_danish_numbers_use_a_decimal_comma() -> None:
    assert fmt_num(79.75, "da") == "79,8"
    assert fmt_num(12.456, "da", 2) == "12,46"
    assert fmt_num(12.456, "en", 2) == "12.46"


@pytest.mark.parametrize("path", NORMS, ids=lambda p: p.stem)
def test_short_area_names_are_unique_and_short(path: Path) -> None:
    shorts = area_shorts(load_norms(path))
    assert len(set(shorts.values())) == len(shorts)
    assert all(0 < len(s) <= 7 for s in shorts.values())


@given(
    load=st.floats(0, 300),
    low=st.floats(0, 100),
    span=st.floats(0.5, 100),
    width=st.integers(1, 60),
)
def test_the_bar_always_fills_its_width_with_one_marker(
    load: float, low: float, span: float, width: int
) -> None:
    high = low + span
    runs = bar_runs(load, low, high, width)
    cells = [kind for kind, length in runs for _ in range(length)]
    assert len(cells) == width
    markers = [c for c in cells if c in (Cell.MARKER, Cell.BEYOND)]
    assert len(markers) == 1
    assert (cells[-1] is Cell.BEYOND) == (load > BAR_SCALE * high)


def test_the_bar_puts_the_band_on_the_range_and_the_marker_on_the_load() -> None:
    # 32 cells over 0..160 % of max 50: 5 % per cell; range 25-50 = cells 10..19.
    runs = bar_runs(30.0, 25.0, 50.0, 32)
    cells = [kind for kind, length in runs for _ in range(length)]
    assert cells[:10] == [Cell.OUTSIDE] * 10
    assert cells[12] is Cell.MARKER  # 30 / 50 = 60 % -> cell 12
    assert [i for i, c in enumerate(cells) if c is Cell.BAND] == [*range(10, 12), *range(13, 20)]
    assert cells[20:] == [Cell.OUTSIDE] * 12


def test_histogram_counts_and_rows() -> None:
    counts = bucket_counts([0.1, 0.5, 0.99, 1.0, 1.5, 2.0])
    assert counts == [1, 1, 0, 1, 1, 0, 2]
    assert len(bucket_labels()) == len(counts)
    rows = histogram_rows(counts, [0, 0, 0, 6, 0, 0, 0], 10)
    assert rows[3].now_bar == "█" * 10 and rows[3].before_bar == "░" * 2
    assert rows[2].before_bar == rows[2].now_bar == ""


@pytest.mark.parametrize("width", range(30, 201))
def test_worker_columns_fit_every_width(width: int) -> None:
    cols = layout_columns(width, 9)
    used = 3 + cols.name + 1 + cols.load + 1 + cols.range
    used += sum(c + 1 for c in (cols.area, cols.hours, cols.util, cols.bar) if c)
    assert used <= width
    assert cols.name >= 10 and (cols.load, cols.range) == (5, 9)
    # The bar shows whenever the shortest one fits whole (3 + 10 + 1 + 5 + 1 + 9 + 1 + 8 =
    # 38); narrower, none at all, since a cut bar would hide the load's marker.
    if width >= 38:
        assert cols.bar >= 8
    else:
        assert cols.bar == 0 and used == width
