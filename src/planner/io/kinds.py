"""What an existing file is, told by its content: an output (--out) never replaces a plan,
teams, cases or norm file, whatever its name, not even with --force (issue 14 section 2).

The sniff is deliberately generous: a file that reads as one of planner's inputs (or as a
case export by the usual headers, planner.io.headers) is protected; one that cannot be
read or parsed as any of them is not recognisably one, and may be replaced with --force.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from planner.core.problems import ProblemsFound
from planner.i18n import t
from planner.io.files import decode_text, display_path, parse_toml, read_bytes
from planner.io.headers import id_names
from planner.io.tables import is_spreadsheet, name_key, read_table

# The columns of `planner plan export --format csv`, in order (texts ``plan.<key>``): its
# own earlier output is the one case-like table an export may replace.
PLAN_EXPORT_COLUMNS = (
    "case",
    "from_id",
    "from",
    "to_id",
    "to",
    "reason",
    "from_before",
    "from_after",
    "to_before",
    "to_after",
)
# A case export's header is looked for in its first rows (title lines may come first).
_HEADER_ROWS = 30


class FileKind(StrEnum):
    PLAN = "plan"
    TEAMS = "teams"
    NORMS = "norms"
    CASES = "cases"
    PLAN_EXPORT = "plan_export"  # our own move list


def toml_kind(data: dict[str, object]) -> FileKind | None:
    """Which of planner's TOML files `data` is, by its keys."""
    if "format" in data and "team" in data and ("moves" in data or "cases_fingerprint" in data):
        return FileKind.PLAN
    if isinstance(data.get("teams"), dict):
        return FileKind.TEAMS
    if isinstance(data.get("areas"), dict):
        return FileKind.NORMS
    if isinstance(data.get("cases"), list):
        return FileKind.CASES
    return None


def _plan_export_headers() -> set[tuple[str, ...]]:
    return {
        tuple(name_key(t(f"plan.{key}", lang)) for key in PLAN_EXPORT_COLUMNS)
        for lang in ("en", "da")
    }


def _table_kind(path: Path, raw: bytes) -> FileKind | None:
    names = id_names()
    table = read_table(raw, display_path(path), path.suffix, names)
    for row in table.rows[:_HEADER_ROWS]:
        keys = tuple(name_key(cell) for cell in row)
        while keys and not keys[-1]:
            keys = keys[:-1]
        if keys in _plan_export_headers():
            return FileKind.PLAN_EXPORT
        if any(key in names for key in keys):
            return FileKind.CASES
    return None


def file_kind(path: Path) -> FileKind | None:
    """What the regular file at `path` recognisably is, or None (unreadable, or neither)."""
    try:
        raw = read_bytes(path)
    except ProblemsFound:
        return None
    if not is_spreadsheet(path.suffix, raw):
        try:
            text = decode_text(raw, display_path(path))
            return toml_kind(parse_toml(text, display_path(path)))
        except ProblemsFound:
            pass  # not TOML: a case export, perhaps
    try:
        return _table_kind(path, raw)
    except (ProblemsFound, ValueError, OSError):
        return None


__all__ = ["PLAN_EXPORT_COLUMNS", "FileKind", "file_kind", "toml_kind"]
