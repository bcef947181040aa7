"""The move picker laid over the board (widgets/picker.py): what a user meets is what the
dialog screen it replaced gave them. Keys only, in both languages; Escape gives the focus
back; the board under it takes no keys, tab or mouse; the palette offers the board's actions
only once it is closed; the footer shows its keys, and composes them again only when they
change.

Figures are the demo's on 2026-11-23.
"""

from __future__ import annotations

import pytest
from board_helpers import (
    cases,
    footer_line,
    make_app,
    post_button,
    show_worker,
    worker_offset,
    workers,
)
from textual import events
from textual.geometry import Region
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from planner.i18n import t
from planner.ui.app import PlannerApp
from planner.ui.commands import BoardCommands
from planner.ui.widgets.picker import MovePicker


def picker(app: PlannerApp) -> MovePicker:
    assert isinstance(app.board.picker, MovePicker), "the picker is not open"
    return app.board.picker


def shown(app: PlannerApp) -> bool:
    """The picker is open and on screen (its region is in the board's layout)."""
    return app.board.picker is not None and app.board.picker.display


@pytest.mark.parametrize("lang", ["en", "da"])
async def test_open_filter_and_enter_moves_then_the_focus_is_back(lang: str) -> None:
    app = make_app(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "ab")
        cases(app).focus()
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert shown(app) and app.screen is app.board  # over the board, not a screen
        assert isinstance(app.focused, Input) and app.focused.id == "picker-filter"
        assert app.focused.placeholder == t("picker.placeholder", lang)
        footer = footer_line(app)
        assert t("key.choose", lang) in footer and t("key.cancel", lang) in footer
        assert f"m {t('key.move', lang)}" not in footer  # the board's keys wait
        await pilot.press("g", "u", "s")
        assert "Gustav Holm" in str(picker(app).query_one("#picker-effect").render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.assignment.holder("K-10001") == "gh"
        assert app.board.picker is None and not app.board.query_one(MovePicker).display
        assert app.focused is cases(app)
        await pilot.pause()
        assert f"m {t('key.move', lang)}" in footer_line(app)


async def test_escape_closes_and_gives_the_focus_back_and_the_next_picker_starts_anew(
    app: PlannerApp,
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "ab")
        assert app.focused is workers(app)
        await pilot.press("m", "z", "z", "z")
        assert picker(app).query_one("#picker-filter", Input).value == "zzz"
        await pilot.press("escape")
        await pilot.pause()
        assert app.board.picker is None and not app.assignment.has_moves
        assert app.focused is workers(app)  # where it was, not the case list
        await pilot.press("m")
        await pilot.pause()
        assert picker(app).query_one("#picker-filter", Input).value == ""
        assert picker(app).case_ids == ["K-10001"]
        assert len(app.board.query(MovePicker)) == 1  # one picker, kept between moves


async def test_the_board_under_the_picker_takes_no_keys_tab_or_mouse(app: PlannerApp) -> None:
    async with app.run_test(size=(160, 50)) as pilot:
        await show_worker(pilot, "ab")
        cases(app).focus()
        await pilot.press("m")
        await pilot.pause()
        order = [workers(app).row_of(w.id) for w in app.assignment.team.workers]
        # Letters the board would take (sort, group, filter) go into the filter.
        await pilot.press("s", "g", "slash")
        assert picker(app).query_one("#picker-filter", Input).value == "sg/"
        assert [workers(app).row_of(w.id) for w in app.assignment.team.workers] == order
        for _ in range(4):  # tab goes round the picker's own controls
            await pilot.press("tab")
            assert app.focused is not None and picker(app) in app.focused.ancestors
        # A click on a worker row beside the picker (the list's left edge is not under it).
        x, y = worker_offset(app, "cd")
        assert not picker(app).region.contains(workers(app).region.x + x, workers(app).region.y + y)
        await post_button(pilot, events.MouseDown, workers(app), (x, y))
        await post_button(pilot, events.MouseUp, workers(app), (x, y))
        assert workers(app).highlighted_worker == "ab" and shown(app)
        assert app.focused is not None and picker(app) in app.focused.ancestors


async def test_the_palette_offers_the_board_s_actions_only_with_the_picker_closed(
    app: PlannerApp,
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "ab")
        assert list(BoardCommands(app.board)._entries())
        await pilot.press("m")
        await pilot.pause()
        assert list(BoardCommands(app.board)._entries()) == []
        assert app.board.check_action("sort", ()) is False  # nor by a key or an action
        await pilot.press("escape")
        await pilot.pause()
        assert next(c.id for _, _, c in BoardCommands(app.board)._entries()) == "move"


async def test_the_footer_composes_its_keys_again_only_when_they_change(
    app: PlannerApp,
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "ab")
        cases(app).focus()
        await pilot.pause()
        keys = list(app.board.query(FooterKey))
        app.board.refresh_bindings()  # as after a move, a focus change, a screen on top
        await pilot.pause()
        await pilot.pause()
        assert list(app.board.query(FooterKey)) == keys  # the same widgets: not composed
        await pilot.press("m")
        await pilot.pause()
        await pilot.pause()
        opened = list(app.board.query(FooterKey))
        assert opened != keys and any(k.description == "Move here" for k in opened)
        app.lang = "da"  # other labels: composed again
        await pilot.pause()
        await pilot.pause()
        assert any(k.description == "Flyt hertil" for k in app.board.query(FooterKey))


async def test_a_drag_going_when_the_picker_opens_ends_there(app: PlannerApp) -> None:
    """m with the mouse button still down: the release goes to the picker, and after
    Escape a plain click on a worker must not drop the case (nothing was asked)."""
    from board_helpers import case_offset

    async with app.run_test(size=(120, 40)) as pilot:
        await show_worker(pilot, "ab")
        await pilot.mouse_down(cases(app), offset=case_offset(app, "K-10001"))
        await pilot.hover(workers(app), offset=worker_offset(app, "yz"))
        assert cases(app).dragging
        await pilot.press("m")
        await pilot.pause()
        assert shown(app) and not cases(app).dragging
        await pilot.press("escape")
        await pilot.pause()
        assert workers(app).drop_preview is None  # no drop preview left
        await pilot.click(workers(app), offset=worker_offset(app, "qr"))
        await pilot.pause()
        assert app.assignment.holder("K-10001") == "ab"
        assert not app.assignment.has_moves


async def test_undo_waits_while_the_picker_is_open(app: PlannerApp) -> None:
    """The picker shows the board's figures as it opened: ctrl+z under it would make them
    wrong, so it is off (and not in the footer) until the picker closes."""
    async with app.run_test(size=(120, 40)) as pilot:
        await show_worker(pilot, "ab")
        app.move_cases(["K-10001"], "yz")
        await pilot.pause()
        cases(app).focus()
        await pilot.press("m")
        await pilot.pause()
        assert shown(app)
        assert "Undo" not in footer_line(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.assignment.holder("K-10001") == "yz"  # not undone under the picker
        await pilot.press("escape")
        await pilot.pause()
        assert "Undo" in footer_line(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.assignment.holder("K-10001") == "ab"


@pytest.mark.parametrize("size", [(160, 50), (120, 40)])
async def test_the_move_by_enter_draws_of_the_worker_list_only_the_rows_it_changed(
    app: PlannerApp, size: tuple[int, int]
) -> None:
    """Closing the picker draws again what it covered, not the whole screen (Textual
    renumbered every widget's painting order when the board's last child hid), and from 120
    columns it covers only the case pane, which the move draws again anyway: of the worker
    list, the frame that shows the move draws only the giver's and the taker's rows."""
    async with app.run_test(size=size) as pilot:
        await show_worker(pilot, "ab")
        cases(app).focus()
        await pilot.press("m", "y", "a", "s")
        await pilot.pause()
        assert picker(app).highlighted is not None
        assert picker(app).highlighted.worker_id == "yz"
        board = app.board.region
        assert not picker(app).region.overlaps(workers(app).region)
        compositor = app.board._compositor
        frames: list[set[Region]] = []
        render = compositor.render_partial_update

        def recorded():  # type: ignore[no-untyped-def]
            frames.append(set(compositor._dirty_regions))
            return render()

        compositor.render_partial_update = recorded  # type: ignore[method-assign]
        await pilot.press("enter")
        await pilot.pause()
        assert app.assignment.holder("K-10001") == "yz" and not shown(app)
        header = app.board.header.region
        move = next(f for f in frames if any(r.overlaps(header) for r in f))
        assert board not in move  # not the whole screen
        lists = workers(app).region
        drawn = {y for r in move for y in range(r.y, r.bottom) if r.overlaps(lists)}
        rows = {lists.y + worker_offset(app, w)[1] for w in ("ab", "yz")}
        assert drawn == rows
