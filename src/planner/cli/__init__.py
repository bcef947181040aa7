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


# Subcommands in the order `planner --help` lists them. Each is imported only when named on
# the command line (or for --help): `planner check` need not load the solver or the web
# server, and the board starts faster.
COMMANDS = ("check", "forecast", "balance", "plan", "serve")
_VALUE_OPTIONS = {"--config", "--team", "--date", "--lang", "--plan"}


def _named_commands(argv: list[str]) -> list[str]:
    """The subcommands to import for `argv`: those named, or all when help is asked for or
    a word is not a command (so argparse can say 'invalid choice' and list them)."""
    words = []
    after_value_option = False
    for token in argv:
        if after_value_option:
            after_value_option = False
            continue
        if token in ("-h", "--help"):
            return list(COMMANDS)
        if token.startswith("-"):
            after_value_option = token in _VALUE_OPTIONS
            continue
        words.append(token)
        break  # everything after the first word belongs to the subcommand
    if not words:
        return []
    return [words[0]] if words[0] in COMMANDS else list(COMMANDS)


def _commands(names: list[str]) -> list[Command]:
    import importlib

    return [importlib.import_module(f"planner.cli.{name}") for name in names]  # type: ignore[misc]


def build_parser(
    argv: list[str] | None = None,
) -> tuple[argparse.ArgumentParser, dict[str, Callable[[argparse.Namespace], int]]]:
    """The parser with the subcommands `argv` needs (all of them when argv is None)."""
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
    names = list(COMMANDS) if argv is None else _named_commands(argv)
    for command in _commands(names):
        command_parser = command.add_parser(sub)
        add_team_options(command_parser, suppress=True)
        runners[command.NAME] = command.run
    return parser, runners


def run_app(args: argparse.Namespace) -> int:
    from planner.ui.launch import launch

    return launch(args)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser, runners = build_parser(argv)
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
