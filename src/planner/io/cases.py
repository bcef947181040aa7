"""Reading a team's cases from a case-system export (CSV, tab text or a spreadsheet) or a
TOML file.

Every tabular format becomes rows of strings first (planner.io.tables); from there one
pipeline finds the header row, scans every cell for CPR numbers and control characters
(planner.io.scan), and turns rows into records. Records of every format, TOML included,
then go through the same resolution (workers by id or name, areas by id or label, the
team's value maps: planner.io.values) and validation into cases.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.core.cpr import find_cpr
from planner.core.models import Case, NormSet, Worker, loaded_case
from planner.core.problems import Joined, Msg, Notice, Problem, ProblemsFound, Text
from planner.io.files import decode_text, display_path, parse_toml
from planner.io.headers import looks_like_totals, recognise
from planner.io.loadtexts import at_line, detailed, places, problem
from planner.io.scan import cpr_todo, scan_table
from planner.io.schema import CASE_COLUMNS, CaseFields, TeamConfig
from planner.io.tables import (
    TEXT_SUFFIXES,
    Table,
    error_problems,
    is_spreadsheet,
    name_key,
    read_table,
)
from planner.io.validation import cpr_problem, error_text
from planner.io.values import Unknown, ValueResolver

_TRUE = {"true", "ja", "1", "yes", "x"}
_FALSE = {"false", "nej", "0", "no", ""}


class BadValue(ValueError):
    """A value that cannot be read, with what to tell the user as a keyed text."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise BadValue(Msg("load.not_bool", value=text))


def parse_weight(text: str) -> float | None:
    value = text.strip()
    if not value:
        return None
    # Danish exports write decimals with a comma.
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):  # 'inf' and 'nan' parse as floats, but are no weights
        raise BadValue(Msg("load.not_number", value=text))
    return number


def parse_since(text: str) -> date | None:
    """YYYY-MM-DD or DD-MM-YYYY ('.' or '/' between them too); '' is None."""
    value = text.strip()
    if not value:
        return None
    try:
        iso = _ISO.fullmatch(value)
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        dmy = _DMY.fullmatch(value)
        if dmy:
            return date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
    except ValueError:
        pass
    raise BadValue(Msg("load.not_date", value=text))


# A spreadsheet's date-and-time cell reads '2026-03-01 08:30:00': the date counts.
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DMY = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")


def _id_keys(config: TeamConfig) -> set[str]:
    return {name_key(config.columns.header_for("id"))}


def _column_indexes(
    header: list[str], config: TeamConfig, shown: str, where: Callable[[], Text]
) -> tuple[dict[str, int], list[Problem]]:
    """Where each of planner's columns is; problems for mapped columns not there, a missing
    worker column, duplicate headers of a column planner reads, and near misses. `where`
    says where the header is, asked only for a problem: a CSV's line numbers take a second
    reading of the whole file."""
    keys = [name_key(h) for h in header]
    columns = ", ".join(h for h in header if h.strip())
    indexes: dict[str, int] = {}
    problems: list[Problem] = []
    for column in CASE_COLUMNS:
        name = config.columns.header_for(column)
        positions = [i for i, key in enumerate(keys) if key == name_key(name)]
        if len(positions) > 1:
            problems.append(
                problem(
                    shown,
                    where(),
                    "load.duplicate_header",
                    column=header[positions[0]].strip(),
                    first=positions[0] + 1,
                    second=positions[1] + 1,
                )
            )
        if positions:
            indexes[column] = positions[0]
        elif getattr(config.columns, column) is not None and column != "id":
            problems.append(
                problem(
                    shown,
                    where(),
                    "load.missing_column",
                    column=name,
                    field=column,
                    columns=columns,
                )
            )
    # Unused columns are fine (exports carry many), but a near miss of ours is a typo.
    used = {keys[i] for i in indexes.values()}
    missing = [name_key(config.columns.header_for(c)) for c in CASE_COLUMNS if c not in indexes]
    near_worker = False
    for position, key in enumerate(keys):
        if key in used or not key:
            continue
        close = difflib.get_close_matches(key, missing, n=1, cutoff=0.8)
        if close:
            near_worker |= close[0] == name_key(config.columns.header_for("worker"))
            problems.append(
                problem(
                    shown,
                    places(where(), Msg("where.column_number", number=position + 1)),
                    "load.near_miss",
                    name=header[position].strip(),
                    close=close[0],
                )
            )
    if "worker" not in indexes and config.columns.worker is None and not near_worker:
        guess = recognise(header).get("worker")
        problems.append(
            problem(
                shown,
                where(),
                "load.no_worker_column",
                column=config.columns.header_for("worker"),
                columns=columns,
                guess=header[guess].strip() if guess is not None else "...",
            )
        )
    return indexes, problems


# A record of any format: where it is in the file, and its values by planner's columns. A
# table's record is placed by its row index (named only when a message needs it: 18,000
# places are not built to show none), a TOML case by its place.
Record = tuple[Any, dict[str, Any]]


@dataclass
class _Layout:
    """Where a table's header row and planner's columns are, and the problems found in
    finding them and in scanning every cell (CPR numbers, control characters)."""

    header_index: int | None
    indexes: dict[str, int]
    problems: list[Problem]
    cpr: bool  # after a CPR number nothing more is read: later messages could repeat it

    @property
    def readable(self) -> bool:
        return self.header_index is not None and not self.cpr


def _table_layout(table: Table, shown: str, config: TeamConfig) -> _Layout:
    """The header row is the first row holding the id column; rows above it (title lines,
    blank lines) are skipped, but scanned like every other."""
    problems = list(table.problems)
    rows = table.rows
    id_keys = _id_keys(config)
    header_index = next(
        (i for i, row in enumerate(rows) if any(name_key(c) in id_keys for c in row)), None
    )
    if header_index is None:
        first = next((i for i, row in enumerate(rows) if "".join(row).strip()), None)
        if first is None and not problems:
            raise ProblemsFound([problem(shown, "", "load.empty")])
        cpr, controls = scan_table(table, shown, None, None, False)
        if first is not None:
            header = [h.strip() for h in rows[first]]
            guess = recognise(header).get("id")
            problems.insert(
                0,
                problem(
                    shown,
                    table.where(first),
                    "load.no_id_column",
                    column=config.columns.header_for("id"),
                    columns=", ".join(h for h in header if h),
                    guess=header[guess] if guess is not None else "Sagsnr",
                ),
            )
        return _Layout(None, {}, [*problems, *cpr, *controls], bool(cpr))
    header = [h.strip() for h in rows[header_index]]
    where = partial(table.where, header_index)
    indexes, column_problems = _column_indexes(header, config, shown, where)
    problems = column_problems + problems
    id_position = indexes["id"]
    cpr, controls = scan_table(table, shown, header_index, id_position, config.ten_digit_case_ids)
    problems += error_problems(table, shown, header_index, indexes)
    return _Layout(header_index, indexes, problems + cpr + controls, bool(cpr))


def _records_from_table(
    table: Table, shown: str, config: TeamConfig, layout: _Layout
) -> tuple[list[Record], list[Problem]]:
    problems = list(layout.problems)
    if layout.header_index is None or layout.cpr:
        return [], problems
    rows = table.rows
    header_index = layout.header_index
    records: list[Record] = []
    width = len(rows[header_index])
    check_width = table.kind == "csv"
    items = list(layout.indexes.items())
    id_name = config.columns.header_for("id")
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        if not "".join(row).strip():
            continue
        if check_width and len(row) != width:
            # Trailing empty cells are harmless (some exports end lines with a delimiter);
            # any other difference means the cells would land in the wrong columns.
            cells = len(row)
            while cells > width and not row[cells - 1].strip():
                cells -= 1
            if cells != width:
                problems.append(
                    problem(
                        shown,
                        table.where(index),
                        "load.bad_width",
                        width=cells,
                        delimiter=table.delimiter.replace("\t", "tab"),
                        header=width,
                    )
                )
                continue
        size = len(row)
        record = {c: row[p].strip() if p < size else "" for c, p in items}
        if not record["id"]:
            problems.append(problem(shown, table.where(index), "load.totals_row", column=id_name))
            continue
        if not record.get("worker") and looks_like_totals(record["id"]):
            # "I alt;;;;5,5": a label in the id column, no worker: the export's sum line.
            problems.append(
                problem(
                    shown, table.where(index), "load.totals_id", column=id_name, id=record["id"]
                )
            )
            continue
        records.append((index, record))
    return records, problems


_CASES_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*cases[ \t]*\]\]", re.M)


def _header_lines(text: str, pattern: re.Pattern[str]) -> list[int]:
    """The line of each match of `pattern`, in one pass over `text`."""
    lines: list[int] = []
    line, offset = 1, 0
    for found in pattern.finditer(text):
        line += text.count("\n", offset, found.start())
        offset = found.start()
        lines.append(line)
    return lines


def _records_from_toml(
    text: str, shown: str, config: TeamConfig
) -> tuple[list[Record], list[Problem]]:
    try:
        data = parse_toml(text, shown)
    except ProblemsFound as found:  # bad syntax, or nested too deep to walk
        return [], found.problems
    problems = []
    extra = set(data) - {"cases"}
    if extra:
        problems.append(
            problem(shown, "", "load.cases_extra", keys=", ".join(sorted(extra)), count=len(extra))
        )
    cases = data.get("cases", [])
    if not isinstance(cases, list):
        return [], [*problems, problem(shown, "cases", "load.cases_not_list")]
    reverse = {config.columns.header_for(c): c for c in CASE_COLUMNS}
    records: list[Record] = []
    cpr_found = False
    # A case is placed by its [[cases]] line, or by its number in an inline array: two
    # cases with one id must be told apart ("line 12, case 'K-1'"), not both "case 'K-1'".
    lines = _header_lines(text, _CASES_HEADER)
    if len(lines) != len(cases):
        lines = []
    for index, raw in enumerate(cases):
        number = Msg("where.case_number", number=index + 1)
        where: Text = at_line(lines[index], number) if lines else number
        if not isinstance(raw, dict):
            problems.append(problem(shown, where, "load.case_not_table"))
            continue
        if isinstance(raw, dict) and isinstance(raw.get(config.columns.header_for("id")), str):
            case_id = raw[config.columns.header_for("id")]
            where = (
                at_line(lines[index], Msg("where.case", id=case_id))
                if lines
                else Msg("where.case_numbered", number=index + 1, id=case_id)
            )
        record: dict[str, Any] = {}
        for key, value in raw.items():
            allow = config.ten_digit_case_ids and reverse.get(key) == "id"
            masked = next(
                (
                    m
                    for text in _texts(value)
                    if (m := find_cpr(text, allow_plain_ten_digits=allow))
                ),
                None,
            )
            if masked:
                cpr_found = True
                found = cpr_problem(shown, detailed(where, key), masked)
                todo = cpr_todo(
                    Msg("load.cpr_key.todo", name=key),
                    reverse.get(key) == "id",
                    config.ten_digit_case_ids,
                )
                problems.append(Problem(found.file, found.where, found.what, todo))
            if key not in reverse:
                problems.append(
                    problem(
                        shown,
                        where,
                        "load.unknown_key",
                        key=key,
                        todo=Msg("load.case_key.todo", keys=", ".join(reverse)),
                    )
                )
                continue
            record[reverse[key]] = value
        records.append((where, record))
    # After a CPR number nothing more is read: later messages could repeat it.
    if cpr_found:
        return [], problems
    return records, problems


def _texts(value: Any) -> list[str]:
    """Every scalar of a TOML value as text, inside lists and tables too (str() of a list
    would show its strings as repr() does, with a no-break space as '\\xa0')."""
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    return [str(value)]


class _FieldError(BadValue):
    """A value in one column that cannot be read."""

    def __init__(self, column: str, text: Text) -> None:
        super().__init__(text)
        self.column = column


def _split_tags(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(t) for t in value]
    return str(value).replace(",", ";").split(";")


def _toml_kind(value: Any) -> Text:
    """A TOML value as the file shows it, for messages ('true', 'a table', ...)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return Msg("load.toml_kind.table")
    if isinstance(value, list):
        return Msg("load.toml_kind.list")
    if isinstance(value, datetime | date | time):
        return Msg("load.toml_kind.date")
    return repr(value)


def _checked_toml(column: str, value: Any) -> Any:
    """A TOML case value of the type its column takes (a table's cells are all text and are
    parsed in _fields); _FieldError otherwise: `weight = true` is not a weight of 1."""
    if isinstance(value, str):
        return value
    if column in ("id", "worker", "area", "household"):
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)  # an id written without quotes
        raise _FieldError(column, Msg("load.toml_text", got=_toml_kind(value)))
    if column == "tags":
        if isinstance(value, list) and all(isinstance(t, str) for t in value):
            return value
        got = _toml_kind(value)
        if isinstance(value, list):
            inner = _toml_kind(next(t for t in value if not isinstance(t, str)))
            got = Msg("load.toml_kind.list_of", inner=inner)
        raise _FieldError(column, Msg("load.toml_tags", got=got))
    if column == "weight":
        if isinstance(value, int | float) and not isinstance(value, bool):
            if not math.isfinite(value):
                raise _FieldError(column, Msg("load.toml_finite", got=value))
            return value
        raise _FieldError(column, Msg("load.toml_number", got=_toml_kind(value)))
    if column == "pinned" and not isinstance(value, bool):
        raise _FieldError(column, Msg("load.toml_bool", got=_toml_kind(value)))
    if column == "since" and (not isinstance(value, date) or isinstance(value, datetime)):
        raise _FieldError(column, Msg("load.toml_date", got=_toml_kind(value)))
    return value


def _fields(record: dict[str, Any], resolver: ValueResolver) -> dict[str, Any]:
    """A record's CSV strings or TOML values as the Case model's fields; workers, areas
    and tags resolved (an Unknown where they name nothing)."""
    out: dict[str, Any] = {}
    for column, raw in record.items():
        value = _checked_toml(column, raw)
        if isinstance(value, str):
            value = value.strip()
            if not value and column != "id":
                continue  # an empty cell is the field's default (unassigned, no tags, ...)
        if column == "worker":
            out["worker"] = resolver.worker(str(value)) if value not in ("", None) else None
        elif column == "area":
            out["area"] = resolver.area(str(value)) if value not in ("", None) else None
        elif column == "household":
            out["household"] = str(value) if value not in ("", None) else None
        elif column == "id":
            out["id"] = str(value)
        elif column == "tags":
            out["tags"] = resolver.tags(_split_tags(value))
        elif column == "weight":
            try:
                out["weight"] = parse_weight(value) if isinstance(value, str) else value
            except BadValue as error:
                raise _FieldError("weight", error.text) from None
        elif column == "pinned":
            try:
                out["pinned"] = parse_bool(value) if isinstance(value, str) else value
            except BadValue as error:
                raise _FieldError("pinned", error.text) from None
        elif column == "since":
            try:
                out["since"] = parse_since(value) if isinstance(value, str) else value
            except BadValue as error:
                raise _FieldError("since", error.text) from None
    return out


_CASE_KEYS = frozenset(CASE_COLUMNS)
_TEXT_FIELDS = ("worker", "area", "household")


def plain_case(fields: Mapping[str, Any]) -> Case | None:
    """The case, when its fields plainly meet the case schema (CaseFields): an id, text or
    None where text goes, a tuple of tags, a float weight in (0, 100], a bool, a date. None
    for anything else, which then goes through the schema itself, so a wrong value is
    reported in pydantic's words as before. Checking by hand is some 20 times cheaper, and
    a department's export is tens of thousands of plain records."""
    if not fields.keys() <= _CASE_KEYS:
        return None
    case_id = fields.get("id")
    weight = fields.get("weight")
    pinned = fields.get("pinned", False)
    since = fields.get("since")
    tags = fields.get("tags", ())
    if (
        type(case_id) is not str
        or not case_id
        or (weight is not None and not (type(weight) is float and 0 < weight <= 100))
        or type(pinned) is not bool
        or (since is not None and type(since) is not date)
        or type(tags) is not tuple
        or any(type(tag) is not str for tag in tags)
        or any(fields.get(k) is not None and type(fields[k]) is not str for k in _TEXT_FIELDS)
    ):
        return None
    return Case(
        case_id,
        fields.get("worker"),
        fields.get("area"),
        tags,
        weight,
        fields.get("household"),
        pinned,
        since,
    )


def _id_key(case_id: str) -> str:
    """name_key(case_id), without its work for the usual id ("K-1042": ASCII, no spaces)."""
    if case_id.isascii() and case_id.isprintable() and " " not in case_id:
        return case_id.lower()
    return name_key(case_id)


_UNSEEN: Any = object()
_BAD: Any = object()  # a cell that needs a message: the full pipeline gives it


def _quick_cases(
    table: Table,
    layout: _Layout,
    config: TeamConfig,
    workers: Mapping[str, Worker | None],
    norms: NormSet,
) -> list[Case] | None:
    """Every row of a table as a case in one pass, each distinct value resolved once, when
    nothing in the table needs a message (the usual export). None as soon as a row does (an
    unknown worker, a bad weight, a totals row, an id twice, ...): the full pipeline then
    reads the table and says what is wrong, in the same words and order as ever. Whatever
    this accepts, the full pipeline would turn into the very same cases."""
    assert layout.header_index is not None
    if any(worker is None for worker in workers.values()):
        return None
    rows = table.rows
    width = len(rows[layout.header_index])
    check_width = table.kind == "csv"
    absent = 1 << 30  # a position past every row: the column is not in the file
    positions = [layout.indexes.get(c, absent) for c in CASE_COLUMNS]
    # A row as wide as the header (a CSV's must be): its cells in one step, an absent column
    # read from a blank cell put after the row.
    pick = itemgetter(*[min(at, width) for at in positions])
    blank = [""]
    resolver = ValueResolver(config, workers, norms)
    areas = norms.areas
    # Each distinct cell text is read once per column (an empty cell is the default).
    worker_of: dict[str, Any] = {"": None}
    area_of: dict[str, Any] = {"": None}
    tags_of: dict[str, Any] = {"": ()}
    weight_of: dict[str, Any] = {"": None}
    pinned_of: dict[str, Any] = {"": False}
    since_of: dict[str, Any] = {"": None}

    def first_read(cache: dict[str, Any], read: Callable[[str], Any], text: str) -> Any:
        try:
            value = read(text)
        except ValueError:
            value = _BAD
        if isinstance(value, Unknown):
            value = _BAD
        cache[text] = value
        return value

    def weight_in_range(text: str) -> Any:
        weight = parse_weight(text)
        return weight if weight is not None and 0 < weight <= 100 else _BAD

    def tags_in(text: str) -> tuple[str, ...]:
        return resolver.tags(_split_tags(text))

    cases: list[Case] = []
    keys: set[str] = set()  # the ids as compared: an id twice, or a lookalike, needs a message
    for row in rows[layout.header_index + 1 :]:
        size = len(row)
        if size == width:
            case_id, w, a, t, wt, household, p, since_text = map(str.strip, pick(row + blank))
        else:
            case_id, w, a, t, wt, household, p, since_text = [
                row[at].strip() if at < size else "" for at in positions
            ]
        if not case_id:
            if "".join(row).strip():
                return None  # a totals row: the full pipeline names it
            continue  # a blank line
        if not w and looks_like_totals(case_id):
            return None  # "I alt;;;;5,5": a sum line, named by the full pipeline
        if check_width and size != width:
            return None
        if (worker := worker_of.get(w, _UNSEEN)) is _UNSEEN:
            worker = first_read(worker_of, resolver.worker, w)
        if (area := area_of.get(a, _UNSEEN)) is _UNSEEN:
            area = first_read(area_of, resolver.area, a)
        if (tags := tags_of.get(t, _UNSEEN)) is _UNSEEN:
            tags = first_read(tags_of, tags_in, t)
        if (weight := weight_of.get(wt, _UNSEEN)) is _UNSEEN:
            weight = first_read(weight_of, weight_in_range, wt)
        if (pinned := pinned_of.get(p, _UNSEEN)) is _UNSEEN:
            pinned = first_read(pinned_of, parse_bool, p)
        if (since := since_of.get(since_text, _UNSEEN)) is _UNSEEN:
            since = first_read(since_of, parse_since, since_text)
        if worker is _BAD or area is _BAD or weight is _BAD or pinned is _BAD or since is _BAD:
            return None
        if not area and worker is not None:
            holder = workers[worker]
            if holder is not None and holder.area in areas:
                area = holder.area
        key = _id_key(case_id)
        if key in keys:
            return None
        keys.add(key)
        cases.append(
            loaded_case(case_id, worker, area, tags, weight, household or None, pinned, since)
        )
    return cases


class _Grouped:
    """Problems that repeat one value (a worker not in the team on 150 lines): reported
    once per distinct value, at its first record, with a count."""

    def __init__(self) -> None:
        # (kind, key) -> [order, where, count, values for the text]
        self.items: dict[tuple[str, str], list[Any]] = {}

    def add(self, kind: str, key: str, order: int, where: Text, **values: Any) -> None:
        item = self.items.get((kind, key))
        if item is None:
            self.items[(kind, key)] = [order, where, 1, values]
        else:
            item[2] += 1

    def problems(self, shown: str) -> list[tuple[int, Problem]]:
        out = []
        for (kind, _), (order, where, count, values) in self.items.items():
            many = Msg("load.in_cases", count=count) if count > 1 else ""
            todo = values.pop("todo", None)
            guess = values.pop("guess", "")
            if todo is None:
                todo = Msg(f"{kind}.todo", **values)
            if guess:
                todo = Joined(Msg("load.did_you_mean", guess=guess), todo)
            out.append((order, problem(shown, where, kind, todo=todo, count=many, **values)))
        return out


@dataclass
class CasesRead:
    cases: list[Case]
    notices: list[Notice]


def read_cases(
    path: Path,
    raw: bytes,
    config: TeamConfig,
    workers: Mapping[str, Worker | None],
    norms: NormSet | None,
) -> CasesRead:
    """Cases with their area resolved (empty = the worker's area), and what the user should
    know about how the file was read; ProblemsFound otherwise.

    When teams.toml or the norm set has problems of its own, `norms` is None and a worker
    that did not validate maps to None: the file is still checked as far as it can be, so
    every problem shows in one run.
    """
    shown = display_path(path)
    suffix = path.suffix.lower()
    notices: list[Notice] = []
    if suffix == ".toml" and not is_spreadsheet(suffix, raw):
        records, problems = _records_from_toml(decode_text(raw, shown), shown, config)
        where_of: Callable[[Any], Text] | None = None
    elif suffix in TEXT_SUFFIXES or is_spreadsheet(suffix, raw):
        table = read_table(raw, shown, suffix, _id_keys(config), config.sheet)
        if table.encoding not in ("", "UTF-8"):
            notices.append(Notice(shown, "notice.encoding", {"encoding": table.encoding}))
        layout = _table_layout(table, shown, config)
        if layout.readable and not layout.problems and norms is not None:
            quick = _quick_cases(table, layout, config, workers, norms)
            if quick is not None:
                return CasesRead(quick, notices)
        records, problems = _records_from_table(table, shown, config, layout)
        where_of = table.where
    else:
        raise ProblemsFound([problem(shown, "", "load.unknown_kind")])
    cases, more = _cases_from_records(records, where_of, shown, config, workers, norms)
    problems += more
    if problems:
        raise ProblemsFound(problems)
    return CasesRead(cases, notices)


def load_cases(
    path: Path,
    raw: bytes,
    config: TeamConfig,
    workers: Mapping[str, Worker | None],
    norms: NormSet | None,
) -> list[Case]:
    """The cases alone (see :func:`read_cases`)."""
    return read_cases(path, raw, config, workers, norms).cases


def _cases_from_records(
    records: list[Record],
    where_of: Callable[[Any], Text] | None,
    shown: str,
    config: TeamConfig,
    workers: Mapping[str, Worker | None],
    norms: NormSet | None,
) -> tuple[list[Case], list[Problem]]:
    """Every format's records through one resolution and validation. A table's records are
    named by line (`where_of` their row index) and case id, a TOML file's by case."""

    def place(token: Any) -> Text:
        return where_of(token) if where_of is not None else token

    def label(token: Any, case_id: object) -> Text:
        if where_of is not None and case_id:
            return places(where_of(token), Msg("where.case", id=case_id))
        return place(token)

    resolver = ValueResolver(config, workers, norms)
    id_name = config.columns.header_for("id")
    area_ids = ", ".join(norms.areas) if norms is not None else ""
    cases: list[Case] = []
    found: list[tuple[int, Problem]] = []
    grouped = _Grouped()
    seen: dict[str, Any] = {}
    seen_keys: dict[str, tuple[str, Any]] = {}
    for order, (token, record) in enumerate(records):
        try:
            fields = _fields(record, resolver)
        except _FieldError as error:
            value = record.get(error.column)
            grouped.add(
                "load.bad_value",
                f"{error.column}\0{value}",
                order,
                detailed(place(token), error.column),
                message=error.text,
                todo="",
            )
            continue
        worker = fields.get("worker")
        if isinstance(worker, Unknown):
            value = str(record.get("worker")).strip()
            grouped.add(
                "load.unknown_worker",
                name_key(value),
                order,
                label(token, fields.get("id")),
                value=value,
                guess=str(worker),
            )
            continue
        area = fields.get("area")
        if isinstance(area, Unknown):
            value = str(record.get("area")).strip()
            grouped.add(
                "load.unknown_area",
                name_key(value),
                order,
                label(token, fields.get("id")),
                value=value,
                guess=str(area),
                norms=norms.id if norms else "",
                areas=area_ids,
            )
            continue
        holder = workers.get(worker or "")
        if not area and holder is not None and (norms is None or holder.area in norms.areas):
            # Empty area = the worker's area; resolved here, once, before validation.
            fields["area"] = holder.area
        case = plain_case(fields)
        if case is None:
            try:
                case = Case(**dict(CaseFields.model_validate(fields)))
            except ValidationError as error:
                for item in error.errors(include_url=False):
                    key = ".".join(str(p) for p in item["loc"]) or "case"
                    if key == "id" and item["type"] in ("missing", "string_too_short"):
                        where = place(token)
                        found.append(
                            (order, problem(shown, where, "load.no_case_id", column=id_name))
                        )
                        continue
                    message, todo = error_text(item, CaseFields)
                    grouped.add(
                        "load.bad_value",
                        f"{key}\0{item['type']}\0{item.get('input')!r}",
                        order,
                        detailed(place(token), key),
                        message=message,
                        todo=todo,
                    )
                continue
        if case.id in seen:
            first = place(seen[case.id])
            where = label(token, case.id)
            found.append((order, problem(shown, where, "load.id_twice", id=case.id, first=first)))
            continue
        id_key = name_key(case.id)
        if id_key in seen_keys:
            other, first = seen_keys[id_key]
            where = label(token, case.id)
            found.append(
                (
                    order,
                    problem(
                        shown,
                        where,
                        "load.id_lookalike",
                        id=case.id,
                        other=other,
                        first=place(first),
                    ),
                )
            )
            continue
        seen[case.id] = token
        seen_keys[id_key] = (case.id, token)
        cases.append(case)
    found += grouped.problems(shown)
    found.sort(key=lambda item: item[0])
    return cases, [p for _, p in found]
