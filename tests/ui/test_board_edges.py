"""The board's rough edges a new user met (issue 12, section 3), each driven through the app.

Figures are the demo's on 2026-11-23 (board_helpers). Household H-501 is K-10040, K-10041
and K-10042, all with Anna Berg (ab); Yasmin Zahid (yz) is under range in the same area.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from board_helpers import (
    cases,
    footer_line,
    make_app,
    screen_text,
    show_worker,
    worker_text,
    workers,
)
from textual.command import CommandList, CommandPalette
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Label
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast

from planner.core.moves import Assignment
from planner.i18n import fmt_num
from planner.ui.app import PlannerApp
from planner.ui.screens.changes import ChangesScreen
from planner.ui.screens.dialogs import ChoiceScreen, HelpScreen
from planner.ui.widgets.footer import BoardFooter, fit
from planner.ui.widgets.picker import MovePicker
from planner.ui.widgets.workers import DropPreview
from team_helpers import TeamFiles, case, worker

HOUSEHOLD = ["K-10040", "K-10041", "K-10042"]


def notes(app: PlannerApp) -> str:
    return "\n".join(n.message for n in app._notifications)


def footer_keys(app: PlannerApp) -> list[FooterKey]:
    return list(app.screen.query_one(BoardFooter).query(FooterKey))


def assert_footer_fits(app: PlannerApp, width: int) -> None:
    """Every key of the footer is whole on screen: inside the width, none over another."""
    keys = sorted(footer_keys(app), key=lambda k: k.region.x)
    assert keys
    for key in keys:
        assert key.region.width > 0 and key.region.right <= width, key.description
    for left, right in itertools.pairwise(keys):
        assert left.region.right <= right.region.x, (left.description, right.description)


# -- help -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (160, 50), (160, 80)])
async def test_help_scrolls_to_every_key(size: tuple[int, int]) -> None:
    app = make_app("en")
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one("#help-scroll", VerticalScroll)
        assert app.focused is scroll  # the keys go to the text, not nowhere
        text = app.screen.help_text().plain
        for line in ("Suggest:", "Undo:", "Redo:", "Quit: Quit planner", "Commands:"):
            assert line in text  # the app's own keys are listed, not only the board's
        if size == (80, 24):
            assert scroll.max_scroll_y > 0
            assert "Quit planner" not in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        shown = screen_text(app)
        assert "Quit planner" in shown and "Search every command" in shown
        if size == (80, 24):
            await pilot.press("home")
            await pilot.pause()
            assert scroll.scroll_y == 0
            await pilot.press("pagedown")
            await pilot.pause()
            assert scroll.scroll_y > 0


# -- footer ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("focus", ["workers", "cases"])
async def test_the_footer_fits_80_columns_with_suggest_and_quit(lang: str, focus: str) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        if focus == "cases":
            await pilot.press("right")
        await pilot.pause()
        assert_footer_fits(app, 80)
        line = footer_line(app)
        words = {
            "en": ("b Suggest", "q Quit", "? Help", "m Move", "^z Undo"),
            "da": ("b Forslag", "q Afslut", "? Hjælp", "m Flyt", "^z Fortryd"),
        }[lang]
        for word in words:
            assert word in line
        if focus == "cases":
            assert ("space Mark" if lang == "en" else "space Markér") in line


@pytest.mark.parametrize("lang", ["en", "da"])
async def test_the_forecast_view_puts_its_own_keys_first(lang: str) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.id == "forecast"
        assert_footer_fits(app, 80)
        line = footer_line(app)
        words = {
            "en": ("esc Board", "← Earlier", "→ Later", "a Add event", "? Help", "q Quit"),
            "da": ("esc Tavle", "← Tidligere", "→ Senere", "a Tilføj", "? Hjælp", "q Afslut"),
        }[lang]
        for word in words:
            assert word in line


async def test_a_wide_footer_shows_every_key_and_follows_a_resize() -> None:
    app = make_app("da")
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(BoardFooter).compact
        assert "/ Filtrér" in footer_line(app) and "^p Kommandoer" in footer_line(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert_footer_fits(app, 80)
        assert "? Hjælp" in footer_line(app)


def test_fit_takes_the_most_important_first_and_keeps_the_order() -> None:
    # Widths 5, 6, 4; importance: the last, then the first, then the middle.
    assert fit([5, 6, 4], [(1, 0), (2, 1), (0, 2)], 10) == [0, 2]
    assert fit([5, 6, 4], [(1, 0), (2, 1), (0, 2)], 15) == [0, 1, 2]
    # One that does not fit leaves room for a smaller, less important one.
    assert fit([8, 3], [(0, 0), (1, 1)], 5) == [1]


# -- palette --------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "query"), [("en", "balance"), ("da", "fordel"), ("en", "fordel")])
async def test_the_palette_finds_suggest_by_words_in_either_language(lang: str, query: str) -> None:
    app = make_app(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*query)
        await pilot.pause(0.5)
        found = app.screen.query_one(CommandList)
        assert found.option_count
        first = str(found.get_option_at_index(0).prompt)
        assert ("Suggest" if lang == "en" else "Forslag") in first


# -- read-only ------------------------------------------------------------------------------


async def test_read_only_hides_what_would_change_the_board() -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "m Move" in footer_line(app) and "^z Undo" in footer_line(app)
        app.set_read_only(True, "Bo Holm has the team open.")
        await pilot.pause()
        await pilot.pause()
        line = footer_line(app)
        assert "Move" not in line and "Undo" not in line
        assert "? Help" in line and "c Changes" in line
        await pilot.press("ctrl+z")  # hidden, yet pressed: it says why nothing happens
        await pilot.pause()
        assert "Bo Holm has the team open." in notes(app)
        app.set_read_only(False)
        await pilot.pause()
        await pilot.pause()
        assert "m Move" in footer_line(app)


# -- changes view ---------------------------------------------------------------------------


async def open_changes_on(pilot, case_id: str) -> ChangesScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    await pilot.press("c")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ChangesScreen)
    table = screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(case_id))
    await pilot.pause()
    return screen


async def test_reverting_one_case_of_a_moved_household_asks_and_sends_all_back() -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        app.move_cases(HOUSEHOLD, "yz")
        app.move_cases(["K-10001"], "gh")
        await pilot.pause()
        changes = await open_changes_on(pilot, "K-10041")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and app.screen.id == "revert-household"
        body = str(app.screen.query_one(".dialog-body").render())
        assert "H-501" in body and "K-10040 (now with Yasmin Zahid)" in body
        await pilot.press("escape")  # cancel: nothing goes back
        await pilot.pause()
        assert app.screen is changes
        assert [app.assignment.holder(c) for c in HOUSEHOLD] == ["yz"] * 3

        await pilot.press("r")
        await pilot.pause()
        await pilot.press("a")  # the whole household, as one step
        await pilot.pause()
        assert app.screen is changes
        assert [app.assignment.holder(c) for c in HOUSEHOLD] == ["ab"] * 3
        assert changes.query_one(DataTable).row_count == 1  # K-10001 is left
        assert "3 cases of household H-501 are back with Anna Berg." in notes(app)
        await pilot.press("escape")
        await pilot.press("ctrl+z")  # one undo brings the whole household back to Yasmin
        await pilot.pause()
        assert [app.assignment.holder(c) for c in HOUSEHOLD] == ["yz"] * 3


async def test_reverting_only_the_one_case_is_a_choice_too() -> None:
    app = make_app("da")
    async with app.run_test(size=(100, 30)) as pilot:
        app.move_cases(HOUSEHOLD, "yz")
        await pilot.pause()
        await open_changes_on(pilot, "K-10042")
        await pilot.press("r")
        await pilot.pause()
        assert "hører til husstand H-501" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("o")
        await pilot.pause()
        assert [app.assignment.holder(c) for c in HOUSEHOLD] == ["yz", "yz", "ab"]


async def test_a_case_without_a_moved_household_goes_back_at_once() -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        app.move_cases(["K-10040"], "yz")  # its household stayed with Anna
        await pilot.pause()
        await open_changes_on(pilot, "K-10040")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        assert app.assignment.holder("K-10040") == "ab"


async def test_the_reason_is_whole_at_80_columns_in_both_languages() -> None:
    for lang in ("en", "da"):
        app = make_app(lang)
        async with app.run_test(size=(80, 24)) as pilot:
            app.move_cases(["K-10001"], "yz", "Sagstalsudligning")
            app.move_cases(["K-10394"], "qr", "Medarbejderen går på barsel til sommer")
            await pilot.press("c")
            await pilot.pause()
            shown = screen_text(app)
            assert "Sagstalsudligning" in shown
            assert "Medarbejderen går på barsel" in shown  # a long reason wraps
            table = app.screen.query_one(DataTable)
            assert table.max_scroll_x == 0  # nothing off the right edge
    app = make_app("en")
    async with app.run_test(size=(160, 30)) as pilot:  # room for one line a row
        app.move_cases(["K-10001"], "yz", "Sagstalsudligning")
        await pilot.press("c")
        await pilot.pause()
        assert "Anna Berg ▲79.8→▲78.8" in screen_text(app)


async def test_no_color_tells_the_cursor_row_from_the_header(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app("en")
    assert app.no_color
    async with app.run_test(size=(100, 30)) as pilot:
        app.move_cases(["K-10001", "K-10002"], "yz")
        await pilot.press("c")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.cursor_row == 0
        header, cursor_row, other_row = (table.render_line(y) for y in (0, 1, 2))
        assert "Case" in header.text and "K-10001" in cursor_row.text
        assert "K-10002" in other_row.text

        def case_cell_reversed(line) -> bool:  # type: ignore[no-untyped-def]
            # The Case column (its first cell): the status figures have their own styles.
            first = next(s for s in line if s.text.strip())
            return bool(first.style and first.style.reverse)

        assert case_cell_reversed(cursor_row)
        assert not case_cell_reversed(header) and not case_cell_reversed(other_row)


async def test_a_toast_over_a_dialog_stays_off_its_content() -> None:
    app = make_app("en")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.move_cases(["K-10001"], "yz")
        await pilot.pause()
        app.clear_notifications()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("r")  # "K-10001 is back with Anna Berg."
        await pilot.pause()
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert toasts and "is back with Anna Berg" in screen_text(app)
        dialog = app.screen.query_one(".dialog")
        for toast in toasts:
            assert not toast.region.overlaps(dialog.content_region)


# -- the picker -----------------------------------------------------------------------------


async def test_the_reason_chosen_stays_for_the_next_move() -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "ab")
        cases(app).focus()
        await pilot.press("m")
        assert "Reason: none" in str(app.screen.query_one("#picker-reason", Label).render())
        await pilot.press("ctrl+r", *"gustav", "enter")
        await pilot.pause()
        await pilot.press("m")  # the next case
        await pilot.pause()
        assert isinstance(app.board.picker, MovePicker)
        reason = str(app.screen.query_one("#picker-reason", Label).render())
        assert "Reason: Sagstalsudligning" in reason
        await pilot.press(*"gustav", "enter")
        await pilot.pause()
        assert [m.reason for m in app.assignment.net_moves()] == ["Sagstalsudligning"] * 2


async def test_an_own_reason_stays_in_the_list_too() -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "ab")
        cases(app).focus()
        await pilot.press("m", "ctrl+e", *"Borgerens ønske", "enter")
        await pilot.pause()
        await pilot.press(*"gustav", "enter")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert "Borgerens ønske" in str(app.screen.query_one("#picker-reason", Label).render())
        await pilot.press("ctrl+r")  # on round the list: none, then the team's, then it again
        assert "Reason: none" in str(app.screen.query_one("#picker-reason", Label).render())


async def test_the_picker_previews_the_whole_household() -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "ab")
        cases(app).focus()
        cases(app).select_case("K-10040")
        await pilot.press("m")
        await pilot.pause()
        picker = app.board.picker
        assert isinstance(picker, MovePicker)
        household = app.assignment.preview(HOUSEHOLD, "yz").load
        alone = app.assignment.preview(["K-10040"], "yz").load
        assert household > alone + 1  # the 17.5 -> 19.2, not 17.5 -> 18.5
        first = str(app.screen.query_one("#picker-options").get_option_at_index(0).prompt)
        assert "Yasmin Zahid" in first and f"17.5 →  {fmt_num(household, 'en')}" in first
        assert "(with household H-501: +2)" in str(picker.query_one("#picker-title").render())
        without = app.assignment.preview_without("ab", HOUSEHOLD).load
        assert f"Anna Berg: 79.8 → {fmt_num(without, 'en')}" in str(
            picker.query_one("#picker-source").render()
        )
        effect = str(picker.query_one("#picker-effect").render())
        assert f"Yasmin Zahid: 17.5 → {fmt_num(household, 'en')} ▼ under" in effect
        await pilot.press("enter")  # the household offer; its first answer is what was shown
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert app.assignment.evaluate("yz").load == pytest.approx(household)


async def test_the_drop_preview_counts_the_household_too() -> None:
    app = make_app("en")
    async with app.run_test(size=(120, 30)) as pilot:
        await show_worker(pilot, "ab")
        household = app.assignment.preview(HOUSEHOLD, "yz").load
        workers(app).drop_preview = DropPreview("yz", ("K-10040",))
        await pilot.pause()
        row = worker_text(app, "yz")
        assert f"→ {fmt_num(household, 'en')}" in row and "household (+2)" in row


def variant_team(tmp_path: Path) -> Assignment:
    """Two sygedagpenge workers (range 35-50; 'komplekse' 35-45 when half the cases are
    'kompleks'): A has 1 complex case in 4, B gives away 2 of its complex cases."""
    files = TeamFiles(tmp_path, workers=[worker("a"), worker("b")])
    files.write(
        [
            *(case(f"A{i}", "a") for i in range(3)),
            case("A3", "a", tags="kompleks"),
            *(case(f"B{i}", "b", tags="kompleks") for i in range(4)),
            *(case(f"B{i}", "b") for i in range(4, 8)),
        ]
    )
    return files.assignment()


async def test_the_picker_says_when_a_move_switches_the_range(tmp_path: Path) -> None:
    app = PlannerApp(variant_team(tmp_path), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "b")
        cases(app).focus()
        await pilot.press("space", "space", "m")  # B0 and B1, both complex
        await pilot.pause()
        picker = app.board.picker
        assert isinstance(picker, MovePicker)
        first = str(picker.query_one("#picker-options").get_option_at_index(0).prompt)
        assert "Medarbejder A" in first and "35.0-45.0*" in first
        effect = str(picker.query_one("#picker-effect").render())
        assert "range 35.0-50.0 → 35.0-45.0 (komplekse)" in effect
        # B had 4 complex cases of 8 (half: 'komplekse'); 2 of 6 is not: the area's range.
        source = str(picker.query_one("#picker-source").render())
        assert "range 35.0-45.0 → 35.0-50.0 (Sygedagpenge)" in source
        picker.query_one("#picker-filter", Input).value = "zzz"
        await pilot.pause()
        assert str(picker.query_one("#picker-effect").render()) == ""


@pytest.mark.parametrize("lang", ["en", "da"])
async def test_the_case_filter_says_what_to_type_whole_at_80x24(lang: str) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_worker(pilot, "ab")
        await pilot.press("/")
        await pilot.pause()
        box = app.board.query_one("#case-filter", Input)
        assert box.has_focus and box.placeholder
        assert len(box.placeholder) <= box.content_region.width
