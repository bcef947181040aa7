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
from datetime import date, datetime
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
    try:
        return float(value.replace(",", "."))
    except ValueError:
        raise ValueError(f"'{text}' is not a number (write e.g. 1.5 or 1,5)") from None


def parse_since(value: object) -> date | None:
    """The date a case came to its worker: YYYY-MM-DD or DD-MM-YYYY (as Danish exports
    write it), or a TOML date; empty = unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(
        f"'{text}' is not a date: write YYYY-MM-DD or DD-MM-YYYY, e.g. 2026-03-01 or "
        "01-03-2026 (or leave it empty when unknown)"
    )


def _cpr_todo(column: str, id_column: bool, ten_digit_ids: bool, kind: str = "column") -> str:
    if kind == "column":
        todo = (
            f"Remove the column '{column}' from the export (or delete it in a spreadsheet) "
            "before loading: planner must never store CPR numbers."
        )
    else:
        todo = f"Remove '{column}' from the case: planner must never store CPR numbers."
    if id_column and ten_digit_ids:
        todo += (
            " 'ten_digit_case_ids = true' lets plain ten-digit case ids through, never the "
            "DDMMYY-SSSS form: use the ids without the dash."
        )
    elif id_column:
        todo += (
            " If your genuine case ids are ten-digit numbers, set "
            "'ten_digit_case_ids = true' under the team in teams.toml."
        )
    return todo


def _rows_from_csv(
    text: str, shown: str
) -> tuple[list[str], list[tuple[int, list[str]]], list[Problem]]:
    """Header, (line, cells) per non-blank record, and the records that do not fit."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    # strict: a quote that is never closed is an error, not the rest of the file in one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    header: list[str] | None = None
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if header is None:
                header = [h.strip() for h in row]
                continue
            if not any(cell.strip() for cell in row):
                continue
            # Trailing empty cells are harmless (some exports end lines with a delimiter);
            # any other difference means the cells would land in the wrong columns.
            width = len(row)
            while width > len(header) and not row[width - 1].strip():
                width -= 1
            if width != len(header):
                problems.append(
                    Problem(
                        shown,
                        f"line {line}",
                        f"has {width} field(s) separated by '{delimiter}', the header has "
                        f"{len(header)}",
                        "Re-export the file, or check quotes and separators on that line.",
                    )
                )
                continue
            rows.append((line, row))
    except csv.Error as error:
        problems.append(
            Problem(
                shown,
                f"line {start}",
                f"is not valid CSV ({error})",
                "Check the quotes from that line on (a quote opened and never closed), "
                "or re-export the file.",
            )
        )
    if header is None:
        raise ProblemsFound([Problem(shown, "", "is empty", "Export the cases with a header row.")])
    return header, rows, problems


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
    header, rows, problems = _rows_from_csv(text, shown)
    indexes, column_problems = _column_indexes(header, config, shown)
    problems = column_problems + problems
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
                        _cpr_todo(column, position == id_column, config.ten_digit_case_ids),
                    )
                )
    # After a CPR number nothing more is read: later messages could repeat it.
    if flagged_columns or id_column is None:
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
        if not isinstance(raw, dict):
            problems.append(
                Problem(shown, where, "is not a table", "Write each case as a [[cases]] table.")
            )
            continue
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
                        _cpr_todo(
                            key, reverse.get(key) == "id", config.ten_digit_case_ids, kind="key"
                        ),
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
    # After a CPR number nothing more is read: later messages could repeat it.
    if any("CPR" in p.what for p in problems):
        return [], problems
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
            try:
                out["weight"] = parse_weight(value) if isinstance(value, str) else value
            except ValueError as error:
                raise _FieldError("weight", str(error)) from None
        elif column == "pinned":
            try:
                out["pinned"] = parse_bool(value) if isinstance(value, str) else value
            except ValueError as error:
                raise _FieldError("pinned", str(error)) from None
        elif column == "since":
            try:
                out["since"] = parse_since(value)
            except ValueError as error:
                raise _FieldError("since", str(error)) from None
    return out


class _FieldError(ValueError):
    """A value in one column that cannot be read."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def load_cases(
    path: Path,
    raw: bytes,
    config: TeamConfig,
    workers: Mapping[str, Worker | None],
    norms: NormSet | None,
) -> list[Case]:
    """Cases with their area resolved (empty = the worker's area); ProblemsFound otherwise.

    When teams.toml or the norm set has problems of its own, `norms` is None and a worker
    that did not validate maps to None: the file is still checked as far as it can be, so
    every problem shows in one run.
    """
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
    id_name = config.columns.header_for("id")
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for where, record in records:
        try:
            fields = _case_from_record(record)
            holder = workers.get(fields.get("worker") or "")
            if (
                not fields.get("area")
                and holder is not None
                and (norms is None or holder.area in norms.areas)
            ):
                # Empty area = the worker's area; resolved here, once, before validation.
                fields["area"] = holder.area
            case = Case.model_validate(fields)
        except _FieldError as error:
            problems.append(Problem(shown, f"{where} ({error.column})", str(error), ""))
            continue
        except ValidationError as error:
            for item in error.errors(include_url=False):
                key = ".".join(str(p) for p in item["loc"]) or "case"
                if key == "id" and item["type"] in ("missing", "string_too_short"):
                    problems.append(
                        Problem(
                            shown, where, f"has no case id ('{id_name}')", "Give each case an id."
                        )
                    )
                    continue
                message = item["msg"].removeprefix("Value error, ")
                value = item.get("input")
                if isinstance(value, str | int | float) and not isinstance(value, bool):
                    message += f" (got {value!r})"
                problems.append(Problem(shown, f"{where} ({key})", message, ""))
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
        if case.worker and case.worker not in workers:
            problems.append(
                Problem(
                    shown,
                    label,
                    f"worker '{case.worker}' is not in the team",
                    "Add the worker to teams.toml or leave the field empty (unassigned).",
                )
            )
            continue
        if norms is not None and case.area and case.area not in norms.areas:
            problems.append(
                Problem(
                    shown,
                    label,
                    f"area '{case.area}' is not in norm set '{norms.id}'",
                    f"Use one of: {', '.join(norms.areas)}, or leave it empty for the worker's area.",
                )
            )
            continue
        cases.append(case)
    if problems:
        raise ProblemsFound(problems)
    return cases
