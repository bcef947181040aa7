"""Switching the language reaches every open screen and every widget on it.

No list of screens to tell: each screen and widget that shows text follows the app's
``lang`` itself (planner.ui.language.FollowsLanguage). The first test proves none was left
out; the others open each screen, switch, and read the terminal.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Callable

import pytest
from board_helpers import cases, header_text, make_app, screen_text, show_worker
from textual.pilot import Pilot
from textual.widget import Widget

import planner.ui
from planner.ui.app import PlannerApp
from planner.ui.language import FollowsLanguage
from planner.ui.screens.balance import ScrolledTable
from planner.ui.widgets.footer import BoardFooter
from planner.ui.widgets.lines import TextLines
from planner.ui.widgets.rows import LineScrollBar, RowList

# Widgets of ours that show no text of their own: the lists' and the text lines' common
# bases (their subclasses do), the lists' scrollbars, the footer (its labels are the
# bindings', said again by refresh_bindings) and the suggestion dialog's tables (filled by
# the dialog, which says them again itself).
SHOWS_NO_TEXT_OF_ITS_OWN = {RowList, TextLines, LineScrollBar, BoardFooter, ScrolledTable}


def ours(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("planner.ui"):
            found.append(sub)
        found.extend(ours(sub))
    return found


def test_every_screen_and_widget_of_the_board_follows_the_language() -> None:
    for module in pkgutil.walk_packages(planner.ui.__path__, "planner.ui."):
        importlib.import_module(module.name)
    classes = set(ours(Widget))  # screens are widgets too
    assert len(classes) > 15
    forgotten = [
        c.__qualname__
        for c in classes
        if not issubclass(c, FollowsLanguage) and c not in SHOWS_NO_TEXT_OF_ITS_OWN
    ]
    assert forgotten == []


def test_following_the_language_without_the_hook_fails_at_once() -> None:
    with pytest.raises(TypeError, match="show_language"):

        class Forgetful(FollowsLanguage, Widget):
            pass


Opener = Callable[[Pilot], Awaitable[None]]


async def board(pilot: Pilot) -> None:
    await pilot.pause()


async def keys(pilot: Pilot, *pressed: str) -> None:
    await pilot.press(*pressed)
    await pilot.pause()


async def picker(pilot: Pilot) -> None:
    await show_worker(pilot, "ab")
    cases(pilot.app).focus()
    await keys(pilot, "m")


async def reason(pilot: Pilot) -> None:
    await picker(pilot)
    await keys(pilot, "ctrl+e")


async def changes(pilot: Pilot) -> None:
    pilot.app.move_cases(["K-10001"], "yz", "Sagstalsudligning")
    await keys(pilot, "c")


async def household(pilot: Pilot) -> None:
    pilot.app.request_move(["K-10040"], "yz")
    await pilot.pause()


async def other_area(pilot: Pilot) -> None:
    pilot.app.request_move(["K-10001"], "mn")
    await pilot.pause()


async def detail(pilot: Pilot) -> None:
    await show_worker(pilot, "ab")
    await keys(pilot, "d")


async def forecast(pilot: Pilot) -> None:
    await keys(pilot, "w")


async def event_form(pilot: Pilot) -> None:
    await forecast(pilot)
    await keys(pilot, "a")  # the kind of event
    await keys(pilot, "f")  # an absence: its form


async def balance(pilot: Pilot) -> None:
    await keys(pilot, "b")


# (screen id after opening, opener, English then Danish that the terminal shows)
SCREENS: list[tuple[str, Opener, str, str]] = [
    ("board", board, "Caseworkers", "Medarbejdere"),
    ("help", lambda p: keys(p, "question_mark"), "Everywhere", "Overalt"),
    ("changes", changes, "From (before → now)", "Fra (før → nu)"),
    ("board", picker, "Reason: none", "Årsag: ingen"),  # the picker is laid over the board
    ("reason", reason, "Reason for the move", "Årsag til flytningen"),
    ("", detail, "Range for a full-timer", "Interval for fuld tid"),
    ("", lambda p: keys(p, "u"), "The team's spread", "Teamets spredning"),
    ("household", household, "Whole household (3)", "Hele husstanden (3)"),
    ("confirm", other_area, "Yes, move", "Ja, flyt"),
    ("balance", balance, "Suggested rebalancing", "Forslag til omfordeling"),
    ("forecast", forecast, "a projection, not a plan", "en fremskrivning, ikke en plan"),
    ("event-form", event_form, "Add: Absence", "Tilføj: Fravær"),
]


@pytest.mark.parametrize(
    ("screen_id", "opener", "english", "danish"), SCREENS, ids=[s[2] for s in SCREENS]
)
async def test_every_open_screen_switches_language(
    screen_id: str, opener: Opener, english: str, danish: str
) -> None:
    app: PlannerApp = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await opener(pilot)
        await pilot.pause()
        if screen_id:
            assert app.screen.id == screen_id
        top = app.screen
        assert english in screen_text(app) and danish not in screen_text(app)
        app.lang = "da"
        await pilot.pause()
        await pilot.pause()
        assert app.screen is top  # nothing closed or opened: the same screen, now Danish
        assert danish in screen_text(app) and english not in screen_text(app)
        assert "644 sager" in header_text(app)  # and the board beneath
        app.lang = "en"
        await pilot.pause()
        await pilot.pause()
        assert english in screen_text(app)
