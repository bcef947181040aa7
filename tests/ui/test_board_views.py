"""The board's views through the real app: the header's per-area lines (f), the focus
between the lists (→, ←), and the worker rows on a terminal narrower than 80 columns.

Figures are the demo's on 2026-11-23, as `planner check --date 2026-11-23` prints them.
"""

from __future__ import annotations

from board_helpers import cases, drawn_lines, show_worker, worker_text, workers
from textual.widgets import Input

from planner.ui.app import PlannerApp
from planner.ui.format import BAR_CHARS

# (label, FTE needed, FTE effective, FTE there, FTE missing) per area in norm-set order, as
# the check's FTE table has them (the one model, rules.area_fte); missing is needed minus
# effective (capacity factors included), shown when > 0.
AREAS = [
    ("Handicap/psykiatri, voksne", "2.63", "2.61", "2.81", "0.02"),
    ("Jobparate over 30", "4.45", "4.40", "5.00", "0.05"),
    ("Sygedagpenge", "3.51", "2.80", "3.00", "0.71"),
    ("Fleksjob", "1.87", "1.90", "2.00", None),
]


def header_lines(app: PlannerApp) -> list[str]:
    return drawn_lines(app.board.header)


async def test_f_shows_a_line_per_area_under_the_header_and_hides_it_again(
    app: PlannerApp,
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        header = app.board.header
        lines = header_lines(app)
        assert len(lines) == 2 and header.size.height == 2
        assert "FTE needed 12.46 / effective 11.71, 0.78 missing" in lines[1]
        list_top = workers(app).region.y

        await pilot.press("f")
        await pilot.pause()
        lines = header_lines(app)
        assert len(lines) == 2 + len(AREAS)
        # Every line is on screen: the header grew and pushed the lists down.
        assert header.size.height == 2 + len(AREAS)
        assert workers(app).region.y == list_top + len(AREAS)
        for line, (label, needed, effective, there, missing) in zip(lines[2:], AREAS, strict=True):
            expected = f"  {label}: FTE needed {needed} / effective {effective} (by hours {there})"
            assert line == expected + (f", {missing} missing" if missing else "")

        await pilot.press("l")  # Danish: the same lines with decimal commas
        await pilot.pause()
        lines = header_lines(app)
        assert (
            lines[4]
            == "  Sygedagpenge: årsværk behov 3,51 / reelt 2,80 (efter timer 3,00), mangler 0,71"
        )
        assert lines[5] == "  Fleksjob: årsværk behov 1,87 / reelt 1,90 (efter timer 2,00)"

        await pilot.press("f")
        await pilot.pause()
        assert len(header_lines(app)) == 2 and header.size.height == 2
        assert workers(app).region.y == list_top


async def test_left_goes_back_to_the_worker_list_where_it_was(app: PlannerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "ab")
        assert app.focused is workers(app)
        await pilot.press("right")
        assert app.focused is cases(app)
        await pilot.press("down", "down")
        assert cases(app).highlighted_case == "K-10003"

        await pilot.press("left")
        assert app.focused is workers(app)
        # Back on Anna, her cases still beside her with the cursor where it was.
        assert workers(app).highlighted_worker == "ab"
        assert cases(app).worker_id == "ab" and cases(app).highlighted_case == "K-10003"
        await pilot.press("down")  # the keys now move the worker list
        assert workers(app).highlighted_worker == "cd"

        # In the case filter, ← moves the text cursor and leaves the focus in the filter.
        await pilot.press("right", "slash", *"enk")
        field = app.board.query_one("#case-filter", Input)
        assert app.focused is field and field.cursor_position == 3
        await pilot.press("left")
        assert app.focused is field and field.cursor_position == 2


async def test_narrow_terminal_drops_the_bar_rather_than_cut_the_range(
    app: PlannerApp,
) -> None:
    # At 70 columns the worker list is 35 wide: too narrow for a bar of 8 beside name, load
    # and range. The range stays whole; the status symbol still says over.
    async with app.run_test(size=(70, 24)) as pilot:
        await pilot.pause()
        assert workers(app).scrollable_content_region.width < 38
        row = worker_text(app, "ab")
        assert row.rstrip().endswith("79.8 35.0-55.0")
        assert row.startswith(" ▲ Anna Berg")
        assert not set(row) & set("".join(BAR_CHARS.values()))
