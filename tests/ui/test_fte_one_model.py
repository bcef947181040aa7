"""One FTE model everywhere (issue 13 §1): `planner check`, `planner balance`, the board's
header and its group lines show the same four figures, computed here by hand for a team
with a new hire, a duty, a part-timer and an adjustment, and compared on the demo."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from board_helpers import DAY, board_ready, drawn_lines, make_app, row_text, workers

from planner.core.moves import Assignment
from planner.i18n import fmt_num
from planner.io.files import bundled_config
from planner.ui.app import PlannerApp
from team_helpers import CliResult, TeamFiles, case, worker

Run = Callable[..., CliResult]
DATE = DAY.isoformat()


def mixed_team(team_files: TeamFiles) -> Path:
    """Five fleksjob workers (25-50 per full-time worker, full time 37 hours):

    ab  37 h, no factor                         FTE 1.0, effective 1.0
    cd  18.5 h, part time                       FTE 0.5, effective 0.5
    ef  37 h, started 2026-09-01: new hire 0.5  FTE 1.0, effective 0.5
    gh  37 h, duty 'koordinerende' 0.8          FTE 1.0, effective 0.8
    ij  37 h, adjustment 0.9 in force           FTE 1.0, effective 0.9
                                                  4.5              3.7

    with 200 cases and 10 unassigned ones of the area: needed 210 / 50 = 4.2, missing
    4.2 - 3.7 = 0.5 (not 4.2 - 4.5 < 0, which counting hours alone would say).
    """
    team_files.workers = [
        worker("ab", "fleksjob"),
        worker("cd", "fleksjob", hours=18.5),
        worker("ef", "fleksjob", started="2026-09-01"),
        worker("gh", "fleksjob", duties=["koordinerende"]),
        worker("ij", "fleksjob", adjustments=[{"reason": "Tillidsrepræsentant", "factor": 0.9}]),
    ]
    holders = ["ab"] * 60 + ["cd"] * 30 + ["ef"] * 20 + ["gh"] * 50 + ["ij"] * 40
    rows = [case(f"K-{i}", w) for i, w in enumerate(holders)]
    rows += [case(f"K-{900 + i}", "", area="fleksjob") for i in range(10)]
    return team_files.write(rows)


BY_HAND = {"fte": 4.5, "fte_effective": 3.7, "fte_needed": 4.2, "fte_missing": 0.5}


def fte_keys(area: dict[str, object]) -> dict[str, object]:
    return {k: area[k] for k in BY_HAND}


def test_check_and_balance_give_the_figures_computed_by_hand(
    team_files: TeamFiles, run_cli: Run
) -> None:
    config = mixed_team(team_files)
    check = json.loads(run_cli("check", "--config", config, "--date", DATE, "--json").out)
    balance = json.loads(run_cli("balance", "--config", config, "--date", DATE, "--json").out)
    for areas in (check["areas"], balance["areas"]):
        assert [a["area"] for a in areas] == ["fleksjob"]
        assert fte_keys(areas[0]) == pytest.approx(BY_HAND)
    # The same numbers, not merely close: one function computes them.
    assert fte_keys(check["areas"][0]) == fte_keys(balance["areas"][0])


async def test_the_header_and_the_group_line_give_the_same_figures(
    team_files: TeamFiles,
) -> None:
    mixed_team(team_files)
    app = PlannerApp(Assignment(team_files.load(), DAY))
    async with app.run_test(size=(240, 30)) as pilot:  # wide enough for the whole heading
        await board_ready(pilot)
        header = drawn_lines(app.board.header)
        assert "FTE needed 4.20 / effective 3.70, 0.50 missing" in header[1]
        group = row_text(workers(app), 1)  # the unassigned row, then the area's heading
        assert "Fleksjob · FTE needed 4.20 / effective 3.70, 0.50 missing · 5 workers" in group
        await pilot.press("f")
        await pilot.pause()
        line = drawn_lines(app.board.header)[2]
        assert line == (
            "  Fleksjob: FTE needed 4.20 / effective 3.70 (by hours 4.50), 0.50 missing"
        )


async def test_on_the_demo_check_balance_header_and_groups_agree(run_cli: Run) -> None:
    config = bundled_config()
    check = json.loads(run_cli("check", "--config", config, "--date", DATE, "--json").out)
    balance = json.loads(run_cli("balance", "--config", config, "--date", DATE, "--json").out)
    assert [fte_keys(a) for a in check["areas"]] == [fte_keys(a) for a in balance["areas"]]
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await board_ready(pilot)
        await pilot.press("f")
        await pilot.pause()
        lines = drawn_lines(app.board.header)[2:]
        headings = [
            row_text(workers(app), i)
            for i in range(workers(app).row_count)
            if row_text(workers(app), i).startswith("──")
        ]
        for area, line, heading in zip(check["areas"], lines, headings, strict=True):
            # Written as the board writes figures (rounded half up): 1.865 reads 1.87.
            needed = (
                f"FTE needed {fmt_num(area['fte_needed'], 'en', 2)}"
                f" / effective {fmt_num(area['fte_effective'], 'en', 2)}"
            )
            assert needed in line and needed in heading
            if area["fte_missing"] > 0:
                missing = f"{fmt_num(area['fte_missing'], 'en', 2)} missing"
                assert missing in line and missing in heading
