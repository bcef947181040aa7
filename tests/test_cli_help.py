"""`planner --help` lists the subcommands without importing them (issue 11): the solver
(HiGHS, numpy) loads only for `planner balance`, and the text tables never bring pydantic."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Callable

import pytest

from planner.cli import COMMANDS, SUMMARIES, build_parser
from team_helpers import CliResult

RunCli = Callable[..., CliResult]

LOADED = """
import json, sys
{setup}
heavy = ("highspy", "numpy", "pydantic", "textual")
print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def loaded_after(setup: str) -> list[str]:
    """Which heavy packages a fresh interpreter has imported after `setup`."""
    result = subprocess.run(
        [sys.executable, "-c", LOADED.format(setup=setup)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_listed_summaries_are_the_subcommands_own_words() -> None:
    listed, _ = build_parser(["--help"])  # by name and summary only
    full, runners = build_parser(None)  # every subcommand module imported
    assert set(runners) == set(COMMANDS) == set(SUMMARIES)
    assert listed.format_help() == full.format_help()


def test_help_imports_no_solver() -> None:
    setup = (
        "import contextlib, io\n"
        "from planner.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])"
    )
    loaded = loaded_after(setup)
    assert "highspy" not in loaded and "numpy" not in loaded, loaded


def test_a_subcommands_help_imports_that_subcommand_only() -> None:
    setup = (
        "import contextlib, io\n"
        "from planner.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['check', '--help'])"
    )
    assert "highspy" not in loaded_after(setup)
    # The probe does see the solver once something imports it.
    assert "highspy" in loaded_after(setup + "\nimport highspy")


def test_the_text_tables_bring_no_pydantic() -> None:
    assert loaded_after("import planner.i18n") == []
    assert "pydantic" in loaded_after("import planner.i18n, planner.io.teams")


def test_the_subcommands_that_read_plan_are_those_with_a_plan_option() -> None:
    from planner.cli import COMMANDS, READS_A_PLAN, build_parser

    parser, _ = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    with_plan = {name for name in COMMANDS if "--plan" in sub.choices[name]._option_string_actions}
    assert with_plan == READS_A_PLAN


@pytest.mark.parametrize(
    "words", [["check"], ["balance"], ["init", "sager.csv"], ["plan", "show", "p.toml"]]
)
def test_plan_before_a_subcommand_that_does_not_read_it_is_refused(
    run_cli: RunCli, words: list[str]
) -> None:
    # `planner --plan FILE check` printed the team without the plan, exit 0, without a word.
    result = run_cli("--plan", "plans/x.toml", *words, "--lang", "da")
    assert result.code == 2, result
    assert f"--plan bruges ikke af planner {words[0]}:" in result.err
    assert "Traceback" not in result.err
