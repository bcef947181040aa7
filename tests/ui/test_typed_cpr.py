"""CPR numbers typed into the app, in any written form, are refused and never kept.

The plan's note (ctrl+s) and a reason of one's own (ctrl+e in the picker) are the two
free texts a leader types. Each written form of one made-up number (a space, a no-break
space, an en dash, a minus sign, a non-breaking hyphen, full-width digits) is refused with
its digits masked, and nothing of it reaches the journal, the plan or the move.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from board_helpers import make_app, show_worker
from textual.widgets import Input, Static

from planner.core.cpr import find_cpr
from planner.i18n import t
from planner.io.journal import journal_path
from planner.io.session import PlanSession
from planner.ui.app import PlannerApp
from planner.ui.planning import PlanningApp, SaveScreen
from planner.ui.screens.picker import ReasonScreen
from planner.ui.widgets.picker import MovePicker
from plans_support import make_team

FORMS = {
    "space": "010203 1234",
    "no-break-space": "010203\u00a01234",
    "en-dash": "010203–1234",
    "minus-sign": "010203−1234",
    "no-break-hyphen": "010203‑1234",
    "full-width": "０１０２０３１２３４",
}
DIGITS = ("010203", "1234", "０１０２０３", "１２３４")


@pytest.mark.parametrize("number", FORMS.values(), ids=FORMS.keys())
async def test_a_note_with_a_cpr_number_in_any_form_is_refused(
    number: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    team_dir = make_team(tmp_path / "work")
    assignment = team_dir.assignment()
    app = PlanningApp(assignment, PlanSession.open(team_dir.config, assignment), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        app.move_cases(["K-001"], "cd")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        # As a paste puts it there (a no-break space or full-width digits have no key).
        app.screen.query_one("#save-note", Input).value = f"Borger {number} ringede"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)  # refused: still asking
        error = str(app.screen.query_one("#save-error", Static).render())
        assert "CPR" in error and "xxxxxx" in error
        assert not any(d in error for d in DIGITS)
        assert app.session.note == ""
    assert not (tmp_path / "work" / "plans").exists()
    journal = journal_path(team_dir.config, "lille")
    assert find_cpr(journal.read_text("utf-8")) is None


@pytest.mark.parametrize("number", FORMS.values(), ids=FORMS.keys())
async def test_a_reason_with_a_cpr_number_in_any_form_is_refused(
    number: str, app: PlannerApp
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "ab")
        await pilot.press("m", "g", "u", "s", "ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        app.screen.query_one(Input).value = f"borger {number}"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)  # refused: still asking
        error = str(app.screen.query_one("#reason-error").render())
        assert "CPR" in error and "xxxxxx" in error
        assert not any(d in error for d in DIGITS)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.board.picker, MovePicker)
        assert not any(r and find_cpr(r) for r in app.board.picker.reasons.options)
    assert not app.assignment.has_moves


@pytest.mark.parametrize("lang", ["en", "da"])
async def test_the_reasons_cpr_refusal_is_whole_at_80x24(lang: str) -> None:
    """The refusal says what to do; at 80 columns it wraps, it is never cut."""
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_worker(pilot, "ab")
        await pilot.press("m", "g", "u", "s", "ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        app.screen.query_one(Input).value = "borger 010203-1234"
        await pilot.press("enter")
        await pilot.pause()
        error = app.screen.query_one("#reason-error")
        # Within the dialog (a label wider than its dialog is cut at the border) ...
        assert error.region.right <= app.screen.query_one(".dialog").content_region.right
        # ... and every word of it there, on as many lines as it takes.
        expected = t("reason.cpr", lang, masked="xxxxxx-xxxx")
        lines = error.render_lines(error.content_region.reset_offset)
        shown = " ".join(" ".join(line.text.split()) for line in lines).strip()
        assert shown == expected
