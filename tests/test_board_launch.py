"""What `planner` sets up around the board's run (planner.cli.board)."""

from __future__ import annotations

import sys

import pytest

from planner.cli.board import FRAME_HANDOFF, frames_written_promptly


def test_frames_are_handed_to_the_writer_thread_promptly_while_the_board_runs() -> None:
    before = sys.getswitchinterval()
    assert before > FRAME_HANDOFF  # Python's default (5 ms) is what made frames late
    with frames_written_promptly():
        assert sys.getswitchinterval() == pytest.approx(FRAME_HANDOFF)
    assert sys.getswitchinterval() == before


def test_the_switch_interval_is_given_back_when_the_board_fails() -> None:
    before = sys.getswitchinterval()
    with pytest.raises(RuntimeError), frames_written_promptly():
        raise RuntimeError("the app failed")
    assert sys.getswitchinterval() == before
