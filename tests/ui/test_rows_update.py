"""What issue 11's quicker redraws must keep true: after a move the lists show the right rows
and the right scrollbar (set without a layout while the scrollbar stays), cached rows follow
their marks, and Enter in the picker never shows the board without the move."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from board_helpers import (
    DAY,
    board_ready,
    case_offset,
    cases,
    post_button,
    row_text,
    show_worker,
    worker_offset,
    workers,
)
from textual import events
from textual.geometry import Region
from textual.pilot import Pilot
from textual.scrollbar import ScrollBar
from textual.widget import Widget

from planner.core.moves import UNASSIGNED, Assignment
from planner.io.teams import load_team
from planner.synthetic import write_department
from planner.ui.app import PlannerApp
from planner.ui.widgets.cases import MARK
from planner.ui.widgets.rows import LineScrollBar, RowList


def department(tmp_path: Path) -> PlannerApp:
    config = write_department(tmp_path, 60, 3600, seed=7)
    return PlannerApp(Assignment(load_team(config), DAY), lang="en")


def scrollbar_fits(widget: RowList) -> None:
    """The scrollable height is the rows and the header, and the scrollbar knows it."""
    assert widget.virtual_size.height == widget.row_count + widget.HEADER_LINES
    if widget.show_vertical_scrollbar:
        bar = widget.vertical_scrollbar
        assert bar.window_virtual_size == widget.virtual_size.height
        assert widget.scroll_offset.y <= widget.max_scroll_y
    else:  # without a scrollbar the rows take the whole width
        assert widget.scrollable_content_region.width == widget.content_region.width


async def test_rows_and_scrollbar_after_moves_out_of_a_long_list(tmp_path: Path) -> None:
    app = department(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await board_ready(pilot)
        case_list = cases(app)
        held = app.assignment.cases_of(UNASSIGNED)
        assert case_list.show_vertical_scrollbar and len(held) > 40
        to = app.assignment.team.workers[0].id
        for moved in range(1, 4):
            app.move_cases([held[moved - 1]], to)
            await pilot.pause()
            assert case_list.rows == held[moved:]
            assert held[moved] in row_text(case_list, 0)
            scrollbar_fits(case_list)
        # Scrolled to the end, the last rows stay in view as the list gets shorter.
        case_list.action_last()
        await pilot.pause()
        app.move_cases([held[3]], to)
        await pilot.pause()
        assert case_list.scroll_offset.y == case_list.max_scroll_y
        assert held[-1] in row_text(case_list, case_list.row_count - 1)
        scrollbar_fits(case_list)


def bar_column(app: PlannerApp, widget: RowList) -> str:
    """The list's scrollbar as the screen shows it."""
    bar = widget.vertical_scrollbar
    lines = [strip.text for strip in app.board._compositor.render_strips()]
    return "".join(line[bar.region.x] for line in lines[bar.region.y : bar.region.bottom])


async def test_the_scrollbar_drawn_in_part_after_a_move_is_the_whole_one(tmp_path: Path) -> None:
    """A move redraws only the cells of the scrollbar where the thumb's ends were or are: the
    screen shows the same bar as one drawn whole."""
    app = department(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await board_ready(pilot)
        case_list = cases(app)
        held = app.assignment.cases_of(UNASSIGNED)
        to = app.assignment.team.workers[0].id
        bars = {bar_column(app, case_list)}
        for case_id in held[:12]:
            app.move_cases([case_id], to)
            await pilot.pause()
            shown = bar_column(app, case_list)
            case_list.vertical_scrollbar.refresh()
            await pilot.pause()
            assert shown == bar_column(app, case_list)
            bars.add(shown)
        assert len(bars) > 1  # the thumb did move


async def test_the_lists_scrollbars_draw_textuals_own_lines(tmp_path: Path) -> None:
    """The lists' scrollbars are drawn a line at a time, and each line is the one Textual's
    ScrollBar draws: the same glyphs, colours and click actions, at every thumb position,
    hovered and grabbed."""
    app = department(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await board_ready(pilot)
        compared = 0
        for widget in (cases(app), workers(app)):
            bar = widget.vertical_scrollbar
            assert isinstance(bar, LineScrollBar) and widget.show_vertical_scrollbar
            drawn = set()
            for y in range(0, widget.max_scroll_y + 1, 2):
                widget.scroll_to(y=y, animate=False, immediate=True)
                for hovered, grabbed in ((False, False), (True, False), (False, True)):
                    bar.mouse_over = hovered
                    bar.grabbed = bar.region.offset if grabbed else None
                    await pilot.pause()
                    bar._render_content()  # Textual's own drawing, whole
                    bar._look = None
                    for line in range(bar.size.height):
                        assert list(bar.render_line(line)) == list(
                            ScrollBar.render_line(bar, line)
                        ), (y, line, hovered, grabbed)
                        compared += 1
                    drawn.add(tuple(tuple(bar.render_line(n)) for n in range(bar.size.height)))
            bar.mouse_over, bar.grabbed = False, None
            assert len(drawn) > 3  # the thumb at several places, and three colourings
        assert compared > 1000


async def test_the_lists_draw_the_lines_textuals_styles_cache_draws(tmp_path: Path) -> None:
    """The lists draw their lines themselves (RowList._plain_lines): each is the line
    Textual's own drawing makes, segment for segment, at any scroll position, cursor,
    focus, mark and part of the width."""
    app = department(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await board_ready(pilot)
        case_list = cases(app)
        await pilot.press("right", "down", "space", "down")  # focus, a mark, the cursor
        await pilot.pause()
        compared = 0
        for widget in (cases(app), workers(app)):
            assert widget._plain_box()
            width, height = widget.size
            for y in (0, 3, widget.max_scroll_y):
                widget.scroll_to(y=y, animate=False, immediate=True)
                await pilot.pause()
                for crop in (Region(0, 0, width, height), Region(3, 1, width - 10, height - 2)):
                    widget._drawing = None
                    ours = widget._plain_lines(crop)
                    widget._styles_cache.clear()
                    textuals = Widget.render_lines(widget, crop)
                    assert [list(strip) for strip in ours] == [list(s) for s in textuals]
                    compared += len(ours)
        assert compared > 200 and case_list.marked


async def test_the_scrollbar_goes_and_comes_back_with_the_rows(tmp_path: Path) -> None:
    app = department(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await board_ready(pilot)
        case_list = cases(app)
        first = case_list.rows[0]
        case_list.filter_text = first  # one row: no scrollbar
        await pilot.pause()
        assert case_list.rows == [first] and not case_list.show_vertical_scrollbar
        scrollbar_fits(case_list)
        assert len(row_text(case_list, 0)) == case_list.content_region.width
        case_list.filter_text = ""
        await pilot.pause()
        assert case_list.show_vertical_scrollbar
        scrollbar_fits(case_list)
        assert len(row_text(case_list, 0)) == case_list.scrollable_content_region.width


async def test_a_move_out_of_the_list_redraws_it_from_the_moved_row_down(tmp_path: Path) -> None:
    """Rows above the moved one show what they showed: their lines are not drawn again (nor
    sent to the terminal); from the moved row down every line shows the next case."""
    app = department(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await board_ready(pilot)
        case_list = cases(app)
        held = app.assignment.cases_of(UNASSIGNED)
        on_screen = case_list.scrollable_content_region.height - case_list.HEADER_LINES
        moved = held[6]
        refreshed: list[Region] = []
        refresh = case_list.refresh

        def record(*regions: Region, **kwargs: Any) -> Any:
            refreshed.extend(regions or [case_list.region.reset_offset])
            return refresh(*regions, **kwargs)

        case_list.refresh = record  # type: ignore[method-assign]
        app.move_cases([moved], app.assignment.team.workers[0].id)
        await pilot.pause()
        row_lines = {
            y
            for region in refreshed
            for y in range(region.y, region.bottom)
            if y >= case_list.HEADER_LINES
        }
        first = case_list.HEADER_LINES + 6
        assert row_lines == set(range(first, case_list.HEADER_LINES + on_screen))
        shown = [c for c in held if c != moved][:on_screen]
        lines = [strip.text for strip in app.board._compositor.render_strips()]
        top = case_list.content_region.y + case_list.HEADER_LINES
        for offset, case_id in enumerate(shown):
            assert case_id in lines[top + offset]


async def test_cached_rows_follow_their_marks(tmp_path: Path) -> None:
    app = department(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await board_ready(pilot)
        case_list = cases(app)
        worker = app.assignment.team.workers[0].id
        await show_worker(pilot, worker)
        case_list.focus()
        await pilot.press("down", "space")  # marks the second case; the cursor goes on
        assert case_list.marked == [case_list.rows[1]]
        assert MARK in row_text(case_list, 1)
        other = app.assignment.team.workers[1].id
        await show_worker(pilot, other)
        await show_worker(pilot, worker)  # marks belong to the list they were made in
        assert case_list.marked == [] and case_list.cursor == 0
        assert MARK not in row_text(case_list, 1)


async def test_enter_in_the_picker_never_shows_the_board_without_the_move(
    tmp_path: Path,
) -> None:
    app = department(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await board_ready(pilot)
        worker = next(w for w in app.assignment.team.workers if app.assignment.count(w.id))
        await show_worker(pilot, worker.id)
        case_list = cases(app)
        case_id = next(c for c in case_list.rows if not app.assignment.case(c).pinned
                       and not app.assignment.case(c).household)  # fmt: skip
        case_list.select_case(case_id)
        case_list.focus()
        await pilot.press("m")
        target = next(w for w in app.assignment.team.workers
                      if w.area == worker.area and w.id != worker.id)  # fmt: skip
        await type_into_picker(pilot, target.name)
        frames: list[tuple[bool, str]] = []
        display = app._display

        def record(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                frames.append((app.screen is app.board, app.assignment.holder(case_id)))

        app._display = record  # type: ignore[method-assign]
        await pilot.press("enter")
        await pilot.pause()
        assert app.assignment.holder(case_id) != worker.id
        board_frames = [holder for on_board, holder in frames if on_board]
        assert board_frames and worker.id not in board_frames


async def test_a_drop_is_drawn_in_one_frame_with_the_drags_end(tmp_path: Path) -> None:
    # The end of the drag is not drawn on its own before the move (it is tidied after the
    # move's frame), and every widget the move touched is handed to the screen at once, so
    # that the screen draws them in one frame (not the cases now, the header and rows 1/60
    # s later). Checked on the mechanism: which frames a timer makes is not a test's to know.
    app = department(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await board_ready(pilot)
        source = next(w for w in app.assignment.team.workers if app.assignment.count(w.id))
        target = next(w for w in app.assignment.team.workers
                      if w.area == source.area and w.id != source.id)  # fmt: skip
        await show_worker(pilot, source.id)
        case_list = cases(app)
        case_id = next(c for c in case_list.rows if not app.assignment.case(c).pinned
                       and not app.assignment.case(c).household)  # fmt: skip
        await post_button(pilot, events.MouseDown, case_list, case_offset(app, case_id))
        tidied: list[str] = []
        pending: list[list[str]] = []
        tidy, apply_change = case_list._tidy_after_drag, app.apply_change

        def recording_tidy(drag: Any) -> None:
            tidied.append(app.assignment.holder(case_id))
            tidy(drag)

        def recording_apply(*args: Any) -> Any:
            moves = apply_change(*args)
            widgets = app.board.walk_children(Widget)
            pending.append([type(w).__name__ for w in widgets if w._repaint_required])
            return moves

        case_list._tidy_after_drag = recording_tidy  # type: ignore[method-assign]
        app.apply_change = recording_apply  # type: ignore[method-assign]
        await post_button(pilot, events.MouseUp, workers(app), worker_offset(app, target.id))
        await pilot.pause()
        assert app.assignment.holder(case_id) == target.id
        assert tidied == [target.id]  # the drag's end came after the move
        assert pending == [[]]  # nothing left for a later frame


async def type_into_picker(pilot: Pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()
