"""The board says how a cases file was read when it was not UTF-8 (issue 9): a notification
when it opens and the header's tooltip, in the board's language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.core.moves import Assignment
from planner.io.teams import load_team
from planner.ui.app import PlannerApp

DAY = date(2026, 11, 23)


def cp1252_team(root: Path) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "data" / "cases.csv").write_bytes(
        "Sagsliste pr. 23-11-2026\r\n\r\nid;worker;area\r\nK-1;ab;Børn\r\nK-2;ab;\r\n".encode(
            "cp1252"
        )
    )
    config = root / "teams.toml"
    config.write_text(
        'default = "t"\n[teams.t]\nname = "Team Øst"\nnorms = "ds"\ncases = "data/cases.csv"\n'
        '[[teams.t.workers]]\nid = "ab"\nname = "Anna Berg"\narea = "born"\nhours = 37\n',
        "utf-8",
    )
    return config


async def test_a_windows_1252_file_is_named_in_a_notification_and_the_header_tooltip(
    tmp_path: Path,
) -> None:
    team = load_team(cp1252_team(tmp_path))
    assert [c.area for c in team.cases] == ["born", "born"]
    app = PlannerApp(Assignment(team, DAY), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = str(tmp_path / "data" / "cases.csv")
        english = f"{shown} was read as Windows-1252 text (it is not UTF-8)."
        assert [n.message for n in app._notifications] == [english]
        assert app.board.header.tooltip == english
        app.action_switch_language()
        await pilot.pause()
        assert app.board.header.tooltip == (
            f"{shown} er læst som Windows-1252-tekst (den er ikke UTF-8)."
        )


async def test_a_utf8_file_gives_no_notice(tmp_path: Path) -> None:
    config = cp1252_team(tmp_path)
    cases = tmp_path / "data" / "cases.csv"
    cases.write_bytes(cases.read_bytes().decode("cp1252").encode("utf-8"))
    app = PlannerApp(Assignment(load_team(config), DAY), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert list(app._notifications) == []
        assert app.board.header.tooltip is None
