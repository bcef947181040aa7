"""Text from files reaches a terminal with its control characters made visible.

A name, a label, a case id, a tag, a reason or a plan's note may hold ``ESC[2J`` (clear
the screen), an OSC sequence (retitle the window) or a right-to-left override. The CLI
prints them, and the board shows them, as harmless stand-ins (␛ for ESC); JSON for
scripts keeps the data exactly, escaped. One function does it:
planner.core.text.visible. The board's side is in tests/ui/test_visible_board.py.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.segment import Segment

from planner.core.moves import Move
from planner.core.text import (
    has_control,
    has_raw_control,
    json_visible,
    visible,
    without_controls,
)
from planner.io.plans import plan_from, write_plan
from team_helpers import (
    CLEAR,
    CSI8,
    RAW_CONTROLS,
    RLO,
    TITLE,
    CliResult,
    TeamFiles,
    write_hostile_team,
)

RunCli = Callable[..., CliResult]

RAW = RAW_CONTROLS  # every character the terminal must never receive raw from a file


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (f"Anna{CLEAR}", "Anna␛[2J"),
        (f"Team{TITLE}", "Team␛]0;pwned␇"),
        (f"x{CSI8}y", "x<U+009B>31my"),
        (f"{RLO}txt.exe", "<U+202E>txt.exe"),
        ("a\u2066b\u2069c\u200fd", "a<U+2066>b<U+2069>c<U+200F>d"),
        ("line\nbreak\ttab\rcr\x00nul\x7fdel", "line␊break␉tab␍cr␀nul␡del"),
        # Invisible format characters: '1001\u200b' must not look like '1001'.
        ("1001\u200b", "1001<U+200B>"),
        ("\ufeffK-1\u2060", "<U+FEFF>K-1<U+2060>"),
        ("Søren\u00adsen", "Søren<U+00AD>sen"),
        ("flag\U000e0067", "flag<U+E0067>"),
        ("Søren Ærø-Ågård · 37,5 t ✓ 漢字 🙂", "Søren Ærø-Ågård · 37,5 t ✓ 漢字 🙂"),
        ("", ""),
    ],
)
def test_visible(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_every_format_character_is_made_visible() -> None:
    # Unicode category Cf, as this Python knows it; the list may hold newer ones too.
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Cf":
            assert visible(char) == f"<U+{code:04X}>", hex(code)
        elif has_control(char):
            assert category in ("Cc", "Zl", "Zp", "Cn"), hex(code)


def test_without_controls_keeps_the_width_of_every_character_it_removes() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if has_raw_control(char):
            assert cell_len(without_controls(f"a{char}b")) == cell_len(f"a{char}b"), hex(code)


@given(st.text())
def test_visible_leaves_nothing_raw_and_changes_nothing_else(text: str) -> None:
    shown = visible(text)
    assert not has_control(shown)
    assert visible(shown) == shown  # idempotent: safe to apply at every layer
    if not has_control(text):
        assert shown == text


def test_json_escapes_format_characters_beyond_the_bmp_as_surrogate_pairs() -> None:
    data = {"id": "1001\u200b", "name": "x\U000e0067y"}
    document = json_visible(json.dumps(data, ensure_ascii=False))
    assert "\\u200b" in document and "\\udb40\\udc67" in document
    assert json.loads(document) == data


@given(st.dictionaries(st.text(), st.text() | st.lists(st.text())))
def test_json_keeps_the_data_and_nothing_raw(data: dict[str, object]) -> None:
    document = json_visible(json.dumps(data, ensure_ascii=False, indent=2))
    assert json.loads(document) == data
    assert not has_control(document.replace("\n", ""))  # json's own line breaks stay


@given(st.text())
def test_without_controls_keeps_the_cells_textual_laid_out(text: str) -> None:
    cleaned = without_controls(text)
    assert not has_raw_control(cleaned)
    assert cell_len(cleaned) == cell_len(text)


def test_the_boards_last_line_of_defence_removes_what_is_left() -> None:
    from textual.color import Color

    from planner.ui.raw_controls import NoRawControls

    segments = [Segment("Anna"), Segment(f"{CLEAR}{TITLE}"), Segment(f"B{RLO}erg")]
    cleaned = NoRawControls().apply(segments, Color(0, 0, 0))
    assert "".join(s.text for s in cleaned) == "Anna[2J]0;pwnedBerg"
    assert sum(s.cell_length for s in cleaned) == sum(s.cell_length for s in segments)


# ---------------------------------------------------------------------------------------
# The command line


@pytest.fixture
def hostile(team_files: TeamFiles, monkeypatch: pytest.MonkeyPatch) -> TeamFiles:
    monkeypatch.chdir(team_files.root)
    return write_hostile_team(team_files)


def assert_safe(output: str) -> None:
    for raw in RAW:
        assert raw not in output, f"{raw!r} reached the terminal: {output!r}"


def test_check_shows_names_and_labels_with_controls_visible(
    hostile: TeamFiles, run_cli: RunCli
) -> None:
    result = run_cli("check", "--config", hostile.config, "--date", "2026-11-23")
    assert result.code in (0, 1), result.err
    assert_safe(result.out + result.err)
    assert "Team␛]0;pwned␇Nord" in result.out
    assert "Anna␛[2JBerg" in result.out
    assert "Fleks␛[5mjob" in result.out


def test_check_json_keeps_the_data_exactly(hostile: TeamFiles, run_cli: RunCli) -> None:
    result = run_cli("check", "--config", hostile.config, "--date", "2026-11-23", "--json")
    assert_safe(result.out)
    names = {w["id"]: w["name"] for w in json.loads(result.out)["workers"]}
    assert names == {"a": f"Anna{CLEAR}Berg", "b": f"{RLO}Bo Dahl"}


@pytest.fixture
def hostile_plan(hostile: TeamFiles) -> Path:
    assignment = hostile.assignment()
    assignment.apply_moves([Move("K-1", "a", "b", f"Udligning{CSI8}"), Move("K-3", "", "a", None)])
    plan = plan_from(assignment, note=f"Aftalt{TITLE} med {RLO}MED")
    return write_plan(hostile.root / "plans" / "p.toml", plan, assignment.team)


def test_plan_show_and_export_show_every_text_visibly(
    hostile: TeamFiles, hostile_plan: Path, run_cli: RunCli
) -> None:
    show = run_cli("plan", "show", hostile_plan, "--config", hostile.config, "--date", "2026-11-23")
    assert show.code in (0, 1), show.err
    assert_safe(show.out + show.err)
    for text in ("Aftalt␛]0;pwned␇ med <U+202E>MED", "Anna␛[2JBerg",
                 "<U+202E>Bo Dahl", "Udligning<U+009B>31m"):  # fmt: skip
        assert text in show.out, text

    md = run_cli("plan", "export", hostile_plan, "--format", "md", "--config", hostile.config)
    assert md.code == 0, md.err
    assert_safe(md.out)
    assert "| K-1 | Anna␛[2JBerg | <U+202E>Bo Dahl | Udligning<U+009B>31m |" in md.out

    exported = run_cli(
        "plan", "export", hostile_plan, "--format", "csv", "--config", hostile.config
    )
    assert exported.code == 0, exported.err
    assert_safe(exported.out)
    rows = list(csv.reader(io.StringIO(exported.out.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][:6] == ["K-1", "a", "Anna␛[2JBerg", "b", "<U+202E>Bo Dahl",
                           "Udligning<U+009B>31m"]  # fmt: skip

    as_json = run_cli("plan", "show", hostile_plan, "--json", "--config", hostile.config)
    assert_safe(as_json.out)
    assert json.loads(as_json.out)["note"] == f"Aftalt{TITLE} med {RLO}MED"


def test_balance_shows_names_visibly(hostile: TeamFiles, run_cli: RunCli) -> None:
    result = run_cli("balance", "--config", hostile.config, "--date", "2026-11-23")
    assert result.code in (0, 1), result.err
    assert_safe(result.out + result.err)
    assert "Team␛]0;pwned␇Nord" in result.out


def test_a_message_quoting_a_value_shows_its_controls_visibly(
    hostile: TeamFiles, run_cli: RunCli
) -> None:
    text = hostile.config.read_text("utf-8").replace("[teams.t]", '[teams.t]\n"nav\\u001b[2Jn" = 1')
    hostile.write_teams(text)
    result = run_cli("check", "--config", hostile.config)
    assert result.code == 2
    assert_safe(result.err)
    assert "unknown key 'nav␛[2Jn'" in result.err


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("--date", f"2026{CLEAR}"), "--date '2026␛[2J' is not a date"),
        (("check", "--team", f"t{TITLE}"), "has no team 't␛]0;pwned␇'"),
        (("--lang", f"da{RLO}"), "invalid choice: 'da\\u202e'"),  # argparse's own repr()
    ],
)
def test_arguments_are_echoed_with_their_controls_visible(
    hostile: TeamFiles,
    run_cli: RunCli,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    shown: str,
) -> None:
    try:
        result = run_cli(*args, "--config", hostile.config)
        code, err = result.code, result.err
    except SystemExit as refused:  # argparse refuses before main() returns
        code, err = refused.code, capsys.readouterr().err
    assert code == 2
    assert_safe(err)
    assert shown in err


def test_in_a_real_terminal_nothing_is_cleared_or_retitled(
    hostile: TeamFiles, tmp_path: Path
) -> None:
    """The board in tmux: the team's name would retitle the window (OSC 0); instead it
    shows, stand-ins and all, and the pane keeps its title."""
    from sshharness import openssh, planner_bin, wait_until
    from test_hangup import Pty

    pty = Pty(openssh()["tmux"], tmp_path)
    pty.run("new-session", "-d", "-s", "idle", "sleep", "86400")
    try:
        pty.run("set-option", "-g", "set-titles", "off")
        argv = [str(planner_bin()), "--config", str(hostile.config), "--date", "2026-11-23"]
        env = [f"XDG_STATE_HOME={tmp_path / 'state'}", "TERM=xterm-256color", "LANG=en_GB.UTF-8"]
        pty.start("board", "exec env " + " ".join(env + argv))
        pty.wait_for("board", "Anna␛[2JBerg", 30)
        screen = pty.screen("board")
        assert "Team␛]0;pwned␇Nord" in screen and "<U+202E>Bo" in screen
        title = pty.run("display-message", "-p", "-t", "board", "#{pane_title}")
        assert "pwned" not in title
        pty.keys("board", "q")
        wait_until(lambda: "board" not in pty.run("list-sessions"), 30, "planner to quit")
    finally:
        pty.run("kill-server")
