"""A bigger synthetic department: lists that scroll, a drop on a scrolled row, a full bar."""

from __future__ import annotations

from pathlib import Path

from board_helpers import DAY, case_offset, cases, show_worker, worker_offset, workers

from planner.core.moves import Assignment
from planner.core.rules import Status
from planner.io.teams import load_team
from planner.synthetic import write_department
from planner.ui.app import PlannerApp


def department(tmp_path: Path) -> PlannerApp:
    config = write_department(tmp_path, 60, 3600, seed=7)
    return PlannerApp(Assignment(load_team(config), DAY), lang="en")


async def test_drop_on_a_row_of_a_scrolled_list(tmp_path: Path) -> None:
    app = department(tmp_path)
    assignment = app.assignment
    async with app.run_test(size=(100, 30)) as pilot:
        worker_list = workers(app)
        shown = worker_list.shown_workers
        source, target = shown[-1], shown[-2]  # the last rows: far below the fold
        await show_worker(pilot, source)
        case = next(c for c in assignment.cases_of(source) if not assignment.case(c).pinned
                    and not assignment.case(c).household
                    and not assignment.out_of_area(c, target))  # fmt: skip
        worker_list.scroll_to_row(worker_list.row_of(target) or 0)
        await pilot.pause()
        assert worker_list.scroll_offset.y > 0
        before = assignment.count(target)
        await pilot.mouse_down(cases(app), offset=case_offset(app, case))
        await pilot.hover(worker_list, offset=worker_offset(app, target))
        await pilot.mouse_up(worker_list, offset=worker_offset(app, target))
        await pilot.pause()
        assert assignment.holder(case) == target
        assert assignment.count(target) == before + 1


async def test_rows_fit_beside_the_scrollbar(tmp_path: Path) -> None:
    app = department(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        worker_list = workers(app)
        assert worker_list.show_vertical_scrollbar
        width = worker_list.scrollable_content_region.width
        for y in range(worker_list.HEADER_LINES, worker_list.content_region.height):
            text = worker_list.render_line(y).text
            assert len(text) == width
        # Someone far over range ends in » (beyond the scale), never cut off.
        far = max(
            (wl for wl in app.assignment.evaluate_all() if wl.utilisation is not None),
            key=lambda wl: wl.utilisation or 0.0,
        )
        assert far.status is Status.OVER and far.utilisation > 1.6
        worker_list.select_worker(far.worker.id)
        await pilot.pause()
        index = worker_list.row_of(far.worker.id) or 0
        line = worker_list.render_line(
            worker_list.HEADER_LINES + index - worker_list.scroll_offset.y
        )
        assert line.text.rstrip().endswith("»")
