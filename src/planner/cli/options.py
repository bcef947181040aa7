"""What reading the command line needs, and no more: exit codes, the team options, --date.

Kept light (no Rich tables, no rules, no text tables) so that `planner` has parsed its
arguments, and the board has started reading the team on the other core
(planner.io.preload), before the rest of the program is imported.

Exit codes, the same for every subcommand: 0 all well, 1 the result is not what was hoped
(someone out of range, no feasible plan), 2 bad input (nothing written), 3 internal error.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Protocol

from planner.core.problems import Msg, Text
from planner.core.text import iso_date

EXIT_OK = 0
EXIT_NOT_WITHIN = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


class UsageError(Exception):
    """A command-line value that is wrong; the message says what to write instead (a keyed
    text the error funnel says in the user's language, or a plain one)."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


class Command(Protocol):
    NAME: str

    def add_parser(self, sub: argparse._SubParsersAction) -> argparse.ArgumentParser: ...

    def run(self, args: argparse.Namespace) -> int: ...


def parse_date(value: str | None) -> date:
    """--date (every command): YYYY-MM-DD and nothing else; today when not given."""
    if value is None:
        return date.today()
    day = iso_date(value)
    if day is None:
        from planner.cli.output import echoed  # Rich's markup: only for the message

        raise UsageError(Msg("error.date", value=echoed(value)))
    return day


def add_team_options(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    """--config, --team, --date: on the main parser and on each subcommand."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--config",
        type=Path,
        default=default,
        metavar="PATH",
        help="teams file (default: ./config/teams.toml, else the bundled demo)",
    )
    parser.add_argument(
        "--team", default=default, metavar="ID", help="team id (default: the file's default team)"
    )
    parser.add_argument(
        "--date",
        default=default,
        metavar="YYYY-MM-DD",
        help="the date to plan for (default: today)",
    )
