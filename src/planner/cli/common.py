"""What every subcommand shares: exit codes, the team options, dates from the command line.

Exit codes, the same for every subcommand: 0 all well, 1 the result is not what was hoped
(someone out of range, no feasible plan), 2 bad input (nothing written), 3 internal error.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Protocol

from planner.i18n import detect_language, t

EXIT_OK = 0
EXIT_NOT_WITHIN = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


class UsageError(Exception):
    """A command-line value that is wrong; the message says what to write instead."""


class Command(Protocol):
    NAME: str

    def add_parser(self, sub: argparse._SubParsersAction) -> argparse.ArgumentParser: ...

    def run(self, args: argparse.Namespace) -> int: ...


def parse_date(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(t("error.date", detect_language(), value=value)) from None


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
