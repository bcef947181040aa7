"""The `planner` command: the board by default, and subcommands for scripts.

The parser and the one error funnel (every ProblemsFound and UsageError becomes exit 2 with
its message; nothing else reaches the user as a traceback). Exit codes, options and tables
shared by the subcommands are in planner.cli.common.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

# What parsing needs is imported with no garbage collection on the way: importing makes
# thousands of objects that all live on, and each collection would only walk them again (as
# main() does for the subcommands). The rest (the rules, the text tables, Rich's tables) is
# imported by the command that runs: the board starts reading the team before it
# (planner.cli.board).
_collecting = gc.isenabled()
gc.disable()
try:
    from planner.cli.options import (
        EXIT_BAD_INPUT,
        EXIT_INTERNAL,
        EXIT_NOT_WITHIN,
        EXIT_OK,
        Command,
        UsageError,
        add_team_options,
        parse_date,
    )
    from planner.core.problems import Msg, ProblemsFound
finally:
    if _collecting:
        gc.enable()


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but an argument it refuses is echoed safely: a CPR number typed by mistake
    is masked and control characters are made visible (planner.cli.output.echoed). The
    subcommands' parsers are made of this class too (argparse uses the parent's)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        from planner.cli.output import echoed  # Rich's markup: only when there is an error

        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {echoed(message)}\n")


# Subcommands in the order `planner --help` lists them. Each is imported only when named on
# the command line: `planner check` need not load the solver or the web server, and the
# board starts faster.
COMMANDS = ("check", "forecast", "balance", "plan", "init", "serve")
# What `planner --help` says of each, so that listing them imports none of them (balance
# brings the solver: HiGHS and numpy). Each module's add_parser says the same words;
# tests/test_cli_help.py keeps the two equal.
SUMMARIES = {
    "check": "check every worker's load against their range",
    "forecast": "the coming weeks: capacity, load and FTE missing per area",
    "balance": "suggest the fairest plan, with the fewest moves that reach it",
    "plan": "show or export a saved plan",
    "init": "write a teams.toml from a case export (CSV or spreadsheet)",
    "serve": "serve the board in a browser (textual-serve), on 127.0.0.1 unless told otherwise",
}
_VALUE_OPTIONS = {"--config", "--team", "--date", "--lang", "--plan"}
# The subcommands that read --plan as the board does (tests/test_cli_help.py keeps this the
# set of subcommands with a --plan option); before any other, --plan would be ignored.
READS_A_PLAN = frozenset({"forecast", "serve"})


def _named_commands(argv: list[str]) -> list[str] | None:
    """The subcommands to import for `argv`: the one named; none for the board; None when
    only their list is needed (help is asked for before any subcommand, or a word is not a
    command: argparse then says 'invalid choice' and lists them)."""
    words = []
    after_value_option = False
    for token in argv:
        if after_value_option:
            after_value_option = False
            continue
        if token in ("-h", "--help"):
            return None
        if token.startswith("-"):
            after_value_option = token in _VALUE_OPTIONS
            continue
        words.append(token)
        break  # everything after the first word belongs to the subcommand
    if not words:
        return []
    return [words[0]] if words[0] in COMMANDS else None


def _commands(names: list[str]) -> list[Command]:
    import importlib

    return [importlib.import_module(f"planner.cli.{name}") for name in names]  # type: ignore[misc]


def build_parser(
    argv: list[str] | None = None,
) -> tuple[argparse.ArgumentParser, dict[str, Callable[[argparse.Namespace], int]]]:
    """The parser with the subcommands `argv` needs (all of them when argv is None)."""
    parser = ArgumentParser(
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
    if names is None:
        # Listed by name and summary only: argparse prints the help or the error and exits.
        for name in COMMANDS:
            add_team_options(sub.add_parser(name, help=SUMMARIES[name]), suppress=True)
        return parser, runners
    for command in _commands(names):
        command_parser = command.add_parser(sub)
        add_team_options(command_parser, suppress=True)
        runners[command.NAME] = command.run
    return parser, runners


def run_app(args: argparse.Namespace) -> int:
    from planner.cli.board import launch

    return launch(args)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # No garbage collection while the subcommand's modules are imported: they make
    # thousands of objects that all live on, and collecting would only walk them again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        parser, runners = build_parser(argv)
        args = parser.parse_args(argv)
    finally:
        if collecting:
            gc.enable()
    try:
        if args.command and args.command not in READS_A_PLAN and args.plan is not None:
            raise UsageError(Msg("error.plan_not_read", command=args.command))
        runner = runners.get(args.command) if args.command else run_app
        assert runner is not None
        code = runner(args)
        sys.stdout.flush()  # here, where a failure is said (at exit Python would say it)
        return code
    except ProblemsFound as found:
        from planner.i18n import problem_text, t

        lang = _language(args)
        print(t("problems.header", lang, count=len(found.problems)), file=sys.stderr)
        for problem in found.problems:
            print(f"  {problem_text(problem, lang)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as error:
        from planner.cli.output import echoed
        from planner.i18n import text_of

        print(echoed(text_of(error.text, _language(args))), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # the last line of defence: no traceback reaches a user
        from planner.cli.output import echoed
        from planner.i18n import t

        lang = _language(args)
        if isinstance(error, OSError) and error.errno in _NO_ROOM:
            # The output could not be written (`planner check > file` on a full disk): the
            # machine's state, not a fault of planner's.
            from planner.i18n import text_of
            from planner.io.files import explain

            _drop_stdout()
            print(t("error.output", lang, reason=text_of(explain(error), lang)), file=sys.stderr)
            return EXIT_BAD_INPUT
        print(t("error.internal", lang, kind=type(error).__name__), file=sys.stderr)
        print(f"  {echoed(error)}", file=sys.stderr)
        return EXIT_INTERNAL


# The disk or quota is full, or the file too large: what stops an output being written.
_NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def _drop_stdout() -> None:
    """What is left in stdout's buffer can never be written: drop it, or Python tries again
    at exit and says so in a traceback-like line."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
        pass


def _language(args: argparse.Namespace) -> str:
    """--lang, else the language LANG asks for (the error funnel's)."""
    from planner.i18n import detect_language

    return getattr(args, "lang", None) or detect_language()


__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_INTERNAL",
    "EXIT_NOT_WITHIN",
    "EXIT_OK",
    "SUMMARIES",
    "Command",
    "UsageError",
    "add_team_options",
    "build_parser",
    "main",
    "parse_date",
]
