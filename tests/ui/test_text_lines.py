"""The header and a worker's detail are drawn a line at a time (planner.ui.widgets.lines): a
move draws again only the lines whose text it changed, and what they draw is what a header
or detail made afresh draws."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from board_helpers import board_ready, drawn_lines, make_app, show_worker
from textual.geometry import Region

from planner.ui.widgets.detail import WorkerDetail
from planner.ui.widgets.header import BoardHeader
from planner.ui.widgets.lines import TextLines


def spy_refreshes(widget: TextLines) -> list[tuple[Region, ...]]:
    """Record the widget's refresh calls (their regions: none means the whole widget)."""
    calls: list[tuple[Region, ...]] = []
    refresh = widget.refresh

    def record(*regions: Region, **kwargs: Any) -> Any:
        calls.append(regions)
        return refresh(*regions, **kwargs)

    widget.refresh = record  # type: ignore[method-assign]
    return calls


async def test_a_move_redraws_only_the_lines_it_changed() -> None:
    app = make_app("en")
    async with app.run_test(size=(160, 50)) as pilot:
        await board_ready(pilot)
        await show_worker(pilot, "ab")
        board = app.board
        header_before = drawn_lines(board.header)
        detail_before = drawn_lines(board.detail)
        header_calls = spy_refreshes(board.header)
        detail_calls = spy_refreshes(board.detail)
        case_id = next(
            c for c in app.assignment.cases_of("ab") if not app.assignment.case(c).pinned
        )
        app.move_cases([case_id], "cd")
        await pilot.pause()
        for widget, before, calls in (
            (board.header, header_before, header_calls),
            (board.detail, detail_before, detail_calls),
        ):
            after = drawn_lines(widget)
            assert len(after) == len(before)
            changed = {
                y for y, (old, new) in enumerate(zip(before, after, strict=True)) if old != new
            }
            assert changed, "a move changes a figure in both"
            top = widget.styles.gutter.top
            redrawn = {region.y - top for regions in calls for region in regions}
            assert all(regions for regions in calls), "no line but those that changed"
            assert redrawn == changed
        assert len(changed) < len(detail_before)  # the detail's title, range... stay


def drawn_as(widget: TextLines) -> list[Hashable]:
    """What the widget draws now: each line's text and styles (its strips are made of these)."""
    lines = widget.lines_at(widget.content_size.width)
    assert [line.plain.rstrip() for line in lines] == drawn_lines(widget)
    return [(line.plain, line.style, tuple(line.spans)) for line in lines]


def made_afresh(widget: TextLines, fresh: TextLines) -> list[Hashable]:
    return [
        (line.plain, line.style, tuple(line.spans))
        for line in fresh.lines_at(widget.content_size.width)
    ]


async def test_the_lines_drawn_after_moves_are_those_made_afresh() -> None:
    app = make_app("da")
    async with app.run_test(size=(160, 50)) as pilot:
        await board_ready(pilot)
        await show_worker(pilot, "uv")  # further training ends soon: changes ahead
        board = app.board
        fresh_detail = WorkerDetail(app.assignment, "da", id="fresh-detail")
        fresh_header = BoardHeader(app.assignment, "da", id="fresh-header")
        await board.mount(fresh_detail, fresh_header)
        moved = 0
        for case_id in app.assignment.cases_of("uv")[:8]:
            if app.assignment.case(case_id).pinned:
                continue
            app.move_cases([case_id], "qr")
            moved += 1
            await pilot.pause()
            fresh_detail.show("uv")
            fresh_header.update_summary()
            assert drawn_as(board.detail) == made_afresh(board.detail, fresh_detail)
            # (Its styles are #header's, by id: the plain text is compared.)
            plain = [line[0] for line in made_afresh(board.header, fresh_header)]
            assert [line[0] for line in drawn_as(board.header)] == plain
            assert f"{moved} flytning" in drawn_lines(board.header)[0]
        assert moved > 3
