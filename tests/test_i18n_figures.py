"""Figures as people read them: round half up, decimal commas in Danish, no 100 % when over."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.i18n import fmt_num, fmt_pct, round_half_up


@pytest.mark.parametrize(
    ("value", "en", "da"),
    [
        (35.25, "35.3", "35,3"),  # format() gave 35.2: the binary value is 35.249999...
        (79.75, "79.8", "79,8"),
        (0.05, "0.1", "0,1"),
        (2.45, "2.5", "2,5"),
        (-0.04, "0.0", "0,0"),  # never "-0.0"
        (12.0, "12.0", "12,0"),
    ],
)
def test_one_decimal_rounds_half_up(value: float, en: str, da: str) -> None:
    assert fmt_num(value, "en") == en
    assert fmt_num(value, "da") == da


def test_two_decimals_round_half_up() -> None:
    assert fmt_num(1.125, "en", 2) == "1.13"
    assert fmt_num(2.675, "da", 2) == "2,68"


@pytest.mark.parametrize(
    ("ratio", "shown"),
    [
        (65.25 / 65.0, "100.4%"),  # over range: never a reassuring "100%"
        (1.00001, "100.1%"),
        (1.0, "100%"),  # exactly at max is within range
        (0.995, "100%"),
        (1.455, "146%"),  # half up
        (0.5, "50%"),
    ],
)
def test_utilisation_never_reads_100_when_over(ratio: float, shown: str) -> None:
    assert fmt_pct(ratio, "en") == shown
    assert fmt_pct(ratio, "da") == shown.replace(".", ",")


@given(st.floats(min_value=1.0, max_value=3.0, exclude_min=True))
def test_above_max_shows_above_100(ratio: float) -> None:
    number = float(fmt_pct(ratio).rstrip("%"))
    assert number > 100 or ratio <= 1 + 1e-12


@given(st.decimals(min_value=-1000, max_value=1000, places=2))
def test_round_half_up_matches_decimal_arithmetic(value) -> None:  # type: ignore[no-untyped-def]
    # Two-place decimals written as floats round as the decimal they look like.
    expected = value.quantize(type(value)("0.1"), rounding="ROUND_HALF_UP")
    assert round_half_up(float(value), 1) == expected
