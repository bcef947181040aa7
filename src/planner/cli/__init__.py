"""The `planner` command: the board by default, and subcommands for scripts.

Exit codes, the same for every subcommand: 0 all well, 1 the result is not what was hoped
(someone out of range, no feasible plan), 2 bad input (nothing written), 3 internal error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Protocol

from planner.core.problems import ProblemsFound
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


def _commands() -> list[Command]:
    from planner.cli import balance, check, plan, serve

    return [check, plan, serve, balance]


def build_parser() -> tuple[
    argparse.ArgumentParser, dict[str, Callable[[argparse.Namespace], int]]
]:
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Workload planner for team leaders in social services. "
        "Without a subcommand, opens the board.",
    )
    add_team_options(parser)
    parser.add_argument(
        "--lang", choices=["da", "en"], default=None, help="language on screen (default: from LANG)"
    )
    parser.add_argument(
        "--plan",
        type=Path,
        default=None,
        metavar="FILE",
        help="open the team with this plan applied",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    runners: dict[str, Callable[[argparse.Namespace], int]] = {}
    for command in _commands():
        command_parser = command.add_parser(sub)
        add_team_options(command_parser, suppress=True)
        runners[command.NAME] = command.run
    return parser, runners


def run_app(args: argparse.Namespace) -> int:
    from planner.ui.launch import launch

    return launch(args)


def main(argv: list[str] | None = None) -> int:
    parser, runners = build_parser()
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", None) or detect_language()
    try:
        runner = runners.get(args.command) if args.command else run_app
        assert runner is not None
        return runner(args)
    except ProblemsFound as found:
        print(t("problems.header", lang, count=len(found.problems)), file=sys.stderr)
        for problem in found.problems:
            print(f"  {problem.render()}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as error:
        print(str(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # the last line of defence: no traceback reaches a user
        print(t("error.internal", lang, kind=type(error).__name__), file=sys.stderr)
        print(f"  {error}", file=sys.stderr)
        return EXIT_INTERNAL
