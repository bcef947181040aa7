"""Fixtures for the board tests (helpers live in board_helpers.py)."""

from __future__ import annotations

import pytest
from board_helpers import make_app

from planner.ui.app import PlannerApp


@pytest.fixture
def app() -> PlannerApp:
    return make_app()
