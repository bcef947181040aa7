"""Helpers to write a small team into a folder in the documented file formats.

:class:`TeamFiles` writes config/teams.toml, a norm set beside config/ (norms/<id>.toml) and
a cases file (CSV or TOML) from plain data, so a test states its team in a few lines and
computes the expected figures by hand. Everything is written as a user would write it (the
TOML in the README's layout, one key per line); nothing goes through planner's generator.

(A module of its own, not conftest.py: tests/ui has a conftest too, and `from conftest
import` would find whichever was imported first. The fixtures are in conftest.py.)
"""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import tomli_w

from planner.core.models import Team
from planner.core.moves import Assignment
from planner.core.problems import Problem, ProblemsFound
from planner.i18n import problem_text
from planner.io.teams import load_team

ON = date(2026, 11, 23)


def english(found: ProblemsFound | Problem) -> str:
    """Problems as the user reads them in English (one line each): their texts are keyed
    (planner.core.problems.Msg), so str() of one names keys, not words."""
    problems = [found] if isinstance(found, Problem) else found.problems
    return "\n".join(problem_text(p, "en") for p in problems)


CASE_HEADER = ("id", "worker", "area", "tags", "weight", "household", "pinned")

# A small norm set whose numbers are easy to compute with by hand.
SMALL_NORMS: dict[str, Any] = {
    "title": "Testnormer",
    "source": "tests",
    "full_time_hours": 37.0,
    "new_hire": {"months": 6, "factor": 0.5},
    "duties": {
        "koordinerende": {"label": "Koordinerende sagsbehandler", "factor": 0.8},
        "udvikling": {"label": "Udvikling", "factor": 0.9},
    },
    "tag_weights": {"enkel": 0.5, "kompleks": 1.5, "meget-kompleks": 2.0},
    "areas": {
        "sygedagpenge": {
            "label": "Sygedagpenge",
            "min": 35,
            "max": 50,
            "variants": [
                {
                    "id": "komplekse",
                    "label": "Mange komplekse sager",
                    "min": 35,
                    "max": 45,
                    "tag": "kompleks",
                    "share": 0.5,
                },
                {
                    "id": "jobafklaring",
                    "label": "Mange jobafklaringsforløb",
                    "min": 30,
                    "max": 40,
                    "tag": "jaf",
                    "share": 0.25,
                },
                {"id": "tung", "label": "Tung", "min": 20, "max": 30},
            ],
        },
        "fleksjob": {"label": "Fleksjob", "min": 25, "max": 50},
        "born": {"label": "Børn", "min": 20, "max": 30},
    },
}


def worker(
    worker_id: str, area: str = "sygedagpenge", hours: float = 37, **extra: Any
) -> dict[str, Any]:
    """One [[teams.X.workers]] table; `extra` adds started, duties, variant, adjustments."""
    return {"id": worker_id, "name": f"Medarbejder {worker_id.upper()}", "area": area,
            "hours": hours, **extra}  # fmt: skip


def case(case_id: str, worker_id: str = "", **extra: Any) -> dict[str, Any]:
    """One case row; values as they would be written in the export (strings)."""
    return {"id": case_id, "worker": worker_id, **extra}


def _toml_value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _emit_table(name: str, table: Mapping[str, Any], lines: list[str], *, array: bool) -> None:
    only_tables = table and all(isinstance(v, dict) or _is_table_array(v) for v in table.values())
    if array or not only_tables:  # [teams] above [teams.t] says nothing
        lines += ["", f"[[{name}]]" if array else f"[{name}]"]
    _emit_body(name, table, lines)


def _emit_body(prefix: str, table: Mapping[str, Any], lines: list[str]) -> None:
    nested = []
    for key, value in table.items():
        if isinstance(value, dict) or _is_table_array(value):
            nested.append((key, value))
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    for key, value in nested:
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _emit_table(name, value, lines, array=False)
        else:
            for item in value:
                _emit_table(name, item, lines, array=True)


def toml_text(data: Mapping[str, Any]) -> str:
    """TOML laid out as the README documents it: [teams.t], [[teams.t.workers]],
    [[teams.t.workers.adjustments]] ... one key per line, so line numbers mean something."""
    lines: list[str] = []
    _emit_body("", data, lines)
    return "\n".join(lines).lstrip("\n") + "\n"


def line_of(path: Path, text: str) -> int:
    """The 1-based number of the first line of `path` containing `text`."""
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def tree(root: Path) -> dict[str, bytes]:
    """Every readable file under root with its bytes: to prove that nothing was written."""
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            try:
                files[str(path.relative_to(root))] = path.read_bytes()
            except PermissionError:  # a test made it unreadable on purpose
                continue
    return files


@dataclass
class TeamFiles:
    """A team in a temporary folder, in the documented layout:

    root/config/teams.toml, root/config/data/<cases>, root/norms/<id>.toml
    """

    root: Path
    team_id: str = "t"
    name: str = "Testteam"
    norms_ref: str = "test"
    cases_ref: str = "data/cases.csv"
    workers: list[dict[str, Any]] = field(default_factory=list)
    team_extra: dict[str, Any] = field(default_factory=dict)

    @property
    def config(self) -> Path:
        return self.root / "config" / "teams.toml"

    @property
    def cases_path(self) -> Path:
        return self.config.parent / self.cases_ref

    def norms_file(self, norm_id: str = "test") -> Path:
        return self.root / "norms" / f"{norm_id}.toml"

    # -- writing --------------------------------------------------------------------------

    def write_norms(
        self, data: Mapping[str, Any] | str = SMALL_NORMS, norm_id: str = "test"
    ) -> Path:
        path = self.norms_file(norm_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data if isinstance(data, str) else toml_text(data), "utf-8")
        return path

    def teams_data(self) -> dict[str, Any]:
        team: dict[str, Any] = {
            "name": self.name,
            "norms": self.norms_ref,
            "cases": self.cases_ref,
            **self.team_extra,
            "workers": self.workers,
        }
        return {"default": self.team_id, "teams": {self.team_id: team}}

    def write_teams(self, data: Mapping[str, Any] | str | None = None) -> Path:
        """teams.toml from `data` (dict or raw text), else from this builder's fields."""
        self.config.parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            data = self.teams_data()
        self.config.write_text(data if isinstance(data, str) else toml_text(data), "utf-8")
        return self.config

    def write_cases_csv(
        self,
        rows: Iterable[Mapping[str, Any] | Sequence[Any]],
        *,
        header: Sequence[str] = CASE_HEADER,
        delimiter: str = ";",
        bom: bool = False,
    ) -> Path:
        """A case export; dict rows are laid out by `header`, missing keys left empty."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            if isinstance(row, Mapping):
                writer.writerow([row.get(name, "") for name in header])
            else:
                writer.writerow(list(row))
        return self.write_cases_text(buffer.getvalue(), bom=bom)

    def write_cases_text(self, text: str, *, bom: bool = False) -> Path:
        path = self.cases_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        return path

    def write_cases_toml(self, cases: Iterable[Mapping[str, Any]]) -> Path:
        if not self.cases_ref.endswith(".toml"):
            self.cases_ref = "data/cases.toml"
        return self.write_cases_text(toml_text({"cases": [dict(c) for c in cases]}))

    def write(
        self,
        cases: Iterable[Mapping[str, Any]] = (),
        *,
        norms: Mapping[str, Any] | str = SMALL_NORMS,
    ) -> Path:
        """Norms, teams.toml and a CSV of `cases`: the whole team. Returns teams.toml."""
        self.write_norms(norms)
        self.write_cases_csv(list(cases))
        return self.write_teams()

    # -- reading --------------------------------------------------------------------------

    def load(self, team_id: str | None = None) -> Team:
        return load_team(self.config, team_id)

    def assignment(self, on: date = ON) -> Assignment:
        return Assignment(self.load(), on)

    def teams_toml(self) -> dict[str, Any]:
        return tomllib.loads(self.config.read_text("utf-8"))


@dataclass
class CliResult:
    code: int
    out: str
    err: str


# -- a team whose texts carry terminal control sequences (issue 14) -------------------------

CLEAR = "\x1b[2J"  # clears the screen
TITLE = "\x1b]0;pwned\x07"  # OSC: retitles the terminal window
CSI8 = "\x9b31m"  # the one-character CSI of the C1 set
RLO = "\u202e"  # right-to-left override: 'txt.exe' shows as 'exe.txt'
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e")


def write_hostile_team(team: TeamFiles) -> TeamFiles:
    """Every kind of text a team's TOML files hold, each with a control sequence in it: the
    team's name, workers' names, an adjustment's reason, the reasons list and an area's
    label. (A case export with one is refused outright: planner.io.scan.)"""
    team.name = f"Team{TITLE}Nord"
    team.workers = [
        {
            **worker("a"),
            "name": f"Anna{CLEAR}Berg",
            "adjustments": [{"reason": f"Orlov{CLEAR}", "factor": 0.9}],
        },
        {**worker("b", "fleksjob"), "name": f"{RLO}Bo Dahl"},
    ]
    team.team_extra = {"reasons": [f"Udligning{CSI8}"]}
    team.write(
        [
            case("K-1", "a", tags="kompleks"),
            case("K-2", "a"),
            case("K-3", "", area="fleksjob"),
        ]
    )
    norms = team.norms_file().read_text("utf-8")
    team.write_norms(norms.replace('label = "Fleksjob"', 'label = "Fleks\\u001b[5mjob"'))
    return team
