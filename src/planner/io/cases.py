"""Reading a team's cases from a case-system export (CSV) or a TOML file.

CSV: `;` or `,` delimited (sniffed from the header), UTF-8 with or without BOM. Columns
not used by planner are ignored, but every field is scanned for CPR numbers first: exports
often carry a CPR column, and this tool must never hold one.
"""

from __future__ import annotations

import csv
import difflib
import io
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.core.cpr import find_cpr
from planner.core.models import Case, NormSet, Worker
from planner.core.problems import Problem, ProblemsFound, display_path
from planner.io.files import decode_text
from planner.io.teams import CASE_COLUMNS, TeamConfig

_TRUE = {"true", "ja", "1", "yes", "x"}
_FALSE = {"false", "nej", "0", "no", ""}


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"'{text}' is not true/false (use true, false, ja, nej, 1 or 0)")


def parse_weight(text: str) -> float | None:
    value = text.strip()
    if not value:
        return None
    # Danish exports write decimals with a comma.
    return float(value.replace(",", "."))


def _cpr_todo(column: str, team_id_hint: bool) -> str:
    todo = (
        f"Remove the column '{column}' from the export (or delete it in a spreadsheet) before "
        "loading: planner must never store CPR numbers."
    )
    if team_id_hint:
        todo += (
            " If your genuine case ids are ten-digit numbers, set "
            "'ten_digit_case_ids = true' under the team in teams.toml."
        )
    return todo


def _rows_from_csv(text: str, shown: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        for row in reader:
            if header is None:
                header = [h.strip() for h in row]
                continue
            if not any(cell.strip() for cell in row):
                continue
            rows.append((reader.line_num, row))
    except csv.Error as error:
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    f"line {reader.line_num}",
                    f"is not valid CSV: {error}",
                    "Re-export the file.",
                )
            ]
        ) from None
    if header is None:
        raise ProblemsFound([Problem(shown, "", "is empty", "Export the cases with a header row.")])
    return header, rows


def _column_indexes(
    header: list[str], config: TeamConfig, shown: str
) -> tuple[dict[str, int], list[Problem]]:
    lowered = [h.lower() for h in header]
    indexes: dict[str, int] = {}
    problems: list[Problem] = []
    for column in CASE_COLUMNS:
        name = config.columns.header_for(column).lower()
        if name in lowered:
            indexes[column] = lowered.index(name)
    if "id" not in indexes:
        mapped = config.columns.header_for("id")
        problems.append(
            Problem(
                shown,
                "line 1",
                f"has no '{mapped}' column (columns: {', '.join(header)})",
                'Add an id column, or map yours in teams.toml: [teams.<team>.columns] id = "Sagsnr".',
            )
        )
    # Unused columns are fine (exports carry many), but a near-miss of ours is a typo.
    used = {header[i].lower() for i in indexes.values()}
    missing = [config.columns.header_for(c).lower() for c in CASE_COLUMNS if c not in indexes]
    for position, name in enumerate(header):
        if name.lower() in used:
            continue
        close = difflib.get_close_matches(name.lower(), missing, n=1, cutoff=0.8)
        if close:
            problems.append(
                Problem(
                    shown,
                    f"line 1, column {position + 1}",
                    f"unknown column '{name}'",
                    f"Did you mean '{close[0]}'? Rename it, or map it in [teams.<team>.columns].",
                )
            )
    return indexes, problems


def _records_from_csv(
    text: str, shown: str, config: TeamConfig
) -> tuple[list[tuple[str, dict[str, Any]]], list[Problem]]:
    header, rows = _rows_from_csv(text, shown)
    indexes, problems = _column_indexes(header, config, shown)
    id_column = indexes.get("id")
    # CPR scan of every field, used column or not.
    flagged_columns: set[int] = set()
    for line, row in rows:
        for position, cell in enumerate(row):
            allow = config.ten_digit_case_ids and position == id_column
            masked = find_cpr(cell, allow_plain_ten_digits=allow)
            if masked and position not in flagged_columns:
                flagged_columns.add(position)
                column = header[position] if position < len(header) else f"#{position + 1}"
                problems.append(
                    Problem(
                        shown,
                        f"line {line}, column '{column}'",
                        f"holds what looks like a CPR number ({masked}); further rows of this column not shown",
                        _cpr_todo(column, position == id_column),
                    )
                )
    if problems or id_column is None:
        return [], problems
    records = []
    for line, row in rows:
        record: dict[str, Any] = {}
        for column, position in indexes.items():
            record[column] = row[position].strip() if position < len(row) else ""
        records.append((f"line {line}", record))
    return records, problems


def _records_from_toml(
    text: str, shown: str, config: TeamConfig
) -> tuple[list[tuple[str, dict[str, Any]]], list[Problem]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return [], [
            Problem(shown, "", f"is not valid TOML: {error}", "Fix the syntax at that spot.")
        ]
    problems = []
    extra = set(data) - {"cases"}
    if extra:
        problems.append(
            Problem(
                shown,
                "",
                f"unknown key(s) {', '.join(sorted(extra))}",
                "A cases file holds only [[cases]] tables.",
            )
        )
    cases = data.get("cases", [])
    if not isinstance(cases, list):
        return [], [*problems, Problem(shown, "cases", "must be a list of [[cases]] tables", "")]
    reverse = {config.columns.header_for(c): c for c in CASE_COLUMNS}
    records = []
    for index, raw in enumerate(cases):
        where = f"case #{index + 1}"
        if isinstance(raw, dict) and isinstance(raw.get(config.columns.header_for("id")), str):
            where = f"case '{raw[config.columns.header_for('id')]}'"
        record: dict[str, Any] = {}
        for key, value in raw.items():
            allow = config.ten_digit_case_ids and reverse.get(key) == "id"
            masked = find_cpr(str(value), allow_plain_ten_digits=allow)
            if masked:
                problems.append(
                    Problem(
                        shown,
                        f"{where} ({key})",
                        f"holds what looks like a CPR number ({masked})",
                        _cpr_todo(key, reverse.get(key) == "id"),
                    )
                )
            if key not in reverse:
                problems.append(
                    Problem(
                        shown,
                        where,
                        f"unknown key '{key}'",
                        f"Check the spelling; allowed: {', '.join(reverse)}.",
                    )
                )
                continue
            record[reverse[key]] = value
        records.append((where, record))
    return records, problems


def _case_from_record(record: dict[str, Any]) -> dict[str, Any]:
    """Normalise CSV strings and TOML values to the Case model's fields."""
    out: dict[str, Any] = {}
    for column, value in record.items():
        if isinstance(value, str):
            value = value.strip()
        if column in ("worker", "area", "household"):
            out[column] = str(value) if value not in ("", None) else None
        elif column == "id":
            out["id"] = str(value)
        elif column == "tags":
            if isinstance(value, list):
                out["tags"] = tuple(str(t).strip() for t in value if str(t).strip())
            else:
                out["tags"] = tuple(
                    t.strip() for t in str(value).replace(",", ";").split(";") if t.strip()
                )
        elif column == "weight":
            out["weight"] = parse_weight(value) if isinstance(value, str) else value
        elif column == "pinned":
            out["pinned"] = parse_bool(value) if isinstance(value, str) else value
    return out


def load_cases(
    path: Path, raw: bytes, config: TeamConfig, workers: Mapping[str, Worker], norms: NormSet
) -> list[Case]:
    """Cases with their area resolved (empty = the worker's area); ProblemsFound otherwise."""
    shown = display_path(path)
    text = decode_text(raw, shown)
    if path.suffix.lower() == ".toml":
        records, problems = _records_from_toml(text, shown, config)
    elif path.suffix.lower() in (".csv", ".txt"):
        records, problems = _records_from_csv(text, shown, config)
    else:
        raise ProblemsFound(
            [Problem(shown, "", "is neither .csv nor .toml", "Export the cases as CSV.")]
        )
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for where, record in records:
        try:
            fields = _case_from_record(record)
            case = Case.model_validate(fields)
        except (ValueError, ValidationError) as error:
            if isinstance(error, ValidationError):
                for item in error.errors(include_url=False):
                    key = ".".join(str(p) for p in item["loc"]) or "case"
                    message = item["msg"].removeprefix("Value error, ")
                    todo = "Give each case an id." if item["type"] == "missing" else ""
                    problems.append(Problem(shown, f"{where} ({key})", message, todo))
            else:
                problems.append(Problem(shown, where, str(error), ""))
            continue
        label = f"{where}, case '{case.id}'" if where.startswith("line") else where
        if case.id in seen:
            problems.append(
                Problem(
                    shown,
                    label,
                    f"case id '{case.id}' is used twice (first at {seen[case.id]})",
                    "Give each case a unique id.",
                )
            )
            continue
        seen[case.id] = where
        worker = workers.get(case.worker) if case.worker else None
        if case.worker and worker is None:
            problems.append(
                Problem(
                    shown,
                    label,
                    f"worker '{case.worker}' is not in the team",
                    "Add the worker to teams.toml or leave the field empty (unassigned).",
                )
            )
            continue
        if case.area and case.area not in norms.areas:
            problems.append(
                Problem(
                    shown,
                    label,
                    f"area '{case.area}' is not in norm set '{norms.id}'",
                    f"Use one of: {', '.join(norms.areas)}, or leave it empty for the worker's area.",
                )
            )
            continue
        if not case.area and worker is not None:
            case = case.model_copy(update={"area": worker.area})
        cases.append(case)
    if problems:
        raise ProblemsFound(problems)
    return cases
