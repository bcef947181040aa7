"""The quick way a plain export is read (issue 11) changes nothing: every table reads to the
same cases, or the same problems, as through the full pipeline, and a case checked by hand
is one the case schema accepts, equal to the schema's own."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import date, datetime
from pathlib import Path
from typing import Any
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import planner.io.cases as cases_module
from planner.core.models import Case, loaded_case
from planner.core.problems import ProblemsFound
from planner.i18n import problem_text
from planner.io import schema
from planner.io.cases import plain_case, read_cases
from planner.io.schema import CASE_COLUMNS, CaseFields, TeamConfig
from team_helpers import SMALL_NORMS, worker

NORMS = schema.norm_set(SMALL_NORMS)
CONFIG = TeamConfig.model_validate(
    {
        "name": "Testteam",
        "norms": "test",
        "cases": "cases.csv",
        "workers": [worker("a"), worker("b", area="fleksjob")],
        "values": {"worker": {"SB-1": "a"}, "tags": {"Høj": "kompleks", "Normal": ""}},
    }
)
WORKERS = {w.id: w for w in CONFIG.workers}

# Values as exports write them: plain ones (drawn most often, so that whole tables read
# quickly), and odd ones: every kind the loader has a message for, and lookalikes.
PLAIN = {
    "id": ["#"],  # K-<row number>: ids of their own, so whole tables are plain
    "worker": ["", "a", "b", "Medarbejder A", "MEDARBEJDER  b", "SB-1", "\u200b"],
    "area": ["", "sygedagpenge", "Fleksjob", "born", "Sygedagpenge "],
    "tags": ["", "kompleks", "Kompleks;enkel", "Høj", "Normal", "x;y", "enkel,kompleks"],
    "weight": ["", "1", "1,5", "100", "0,25"],
    "household": ["", "H-1", " H-2 "],
    "pinned": ["", "ja", "nej", "1", "TRUE"],
    "since": ["", "2026-03-01", "01-03-2026", "2026-03-01 08:30:00"],
}
ODD = {
    "id": ["k-1", "K 1", "K  1", "K-\u200b3", "Ø-4", "", " K-5 ", "K-1"],
    "worker": ["x", "Medarbejder C"],
    "area": ["nowhere", "Flexjob"],
    "tags": ["", "ukendt"],
    "weight": ["0", "-2", "150", "abc", "inf", "nan"],
    "household": ["", "H-1"],
    "pinned": ["x", "måske"],
    "since": ["2026-02-30", "soon"],
}


def cell(column: str) -> st.SearchStrategy[str]:
    return st.sampled_from(PLAIN[column] * 12 + ODD[column])


ROW = st.fixed_dictionaries({column: cell(column) for column in CASE_COLUMNS})
ROWS = st.lists(ROW, max_size=6)


def export(rows: list[dict[str, str]], blank_after: int | None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CASE_COLUMNS)
    for index, row in enumerate(rows):
        row = {**row, "id": f"K-{index + 1}" if row["id"] == "#" else row["id"]}
        writer.writerow([row[c] for c in CASE_COLUMNS])
        if index == blank_after:
            writer.writerow([])
    return buffer.getvalue().encode("utf-8")


def read(raw: bytes, *, quick: bool) -> tuple[str, list[Any]]:
    """The cases, or the problems in words, with or without the quick way."""
    replacement = cases_module._quick_cases if quick else (lambda *args: None)
    with patch.object(cases_module, "_quick_cases", replacement):
        try:
            return "cases", read_cases(Path("cases.csv"), raw, CONFIG, WORKERS, NORMS).cases
        except ProblemsFound as found:
            return "problems", [problem_text(p, "en") for p in found.problems]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ROWS, st.one_of(st.none(), st.integers(0, 5)))
def test_every_table_reads_the_same_with_or_without_the_quick_way(
    rows: list[dict[str, str]], blank_after: int | None
) -> None:
    raw = export(rows, blank_after)
    assert read(raw, quick=True) == read(raw, quick=False)


def test_a_plain_export_takes_the_quick_way() -> None:
    # Otherwise the test above would compare the full pipeline with itself.
    rows = [
        {"id": "K-1", "worker": "a", "area": "", "tags": "Kompleks", "weight": "",
         "household": "H-1", "pinned": "ja", "since": "01-03-2026"},
        {"id": "K-2", "worker": "Medarbejder B", "area": "", "tags": "", "weight": "1,5",
         "household": "", "pinned": "", "since": ""},
        {"id": "K-3", "worker": "", "area": "Sygedagpenge", "tags": "Høj;Normal", "weight": "",
         "household": "", "pinned": "nej", "since": "2026-03-01"},
    ]  # fmt: skip
    calls: list[object] = []
    original = cases_module._quick_cases

    def counted(*args: Any) -> Any:
        calls.append(result := original(*args))
        return result

    with patch.object(cases_module, "_quick_cases", counted):
        kind, cases = read(export(rows, None), quick=True)
    assert calls and calls[0] is not None
    assert kind == "cases"
    assert cases == [
        Case("K-1", "a", "sygedagpenge", ("kompleks",), None, "H-1", True, date(2026, 3, 1)),
        Case("K-2", "b", "fleksjob", (), 1.5, None, False, None),
        Case("K-3", None, "sygedagpenge", ("kompleks",), None, None, False, date(2026, 3, 1)),
    ]


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 200), st.floats(allow_nan=True),
    st.text(max_size=3), st.dates(), st.datetimes(),
)  # fmt: skip
FIELDS = st.dictionaries(
    st.sampled_from([*CASE_COLUMNS, "extra"]),
    st.one_of(SCALARS, st.tuples(st.text(max_size=2)), st.lists(st.text(max_size=2)),
              st.tuples(st.integers())),
)  # fmt: skip


@given(FIELDS)
def test_a_case_checked_by_hand_is_the_one_the_schema_makes(fields: dict[str, Any]) -> None:
    case = plain_case(fields)
    if case is None:
        return
    try:
        checked = CaseFields.model_validate(fields)
    except ValidationError as error:  # pragma: no cover - the assertion says what failed
        raise AssertionError(f"accepted by hand, refused by the schema: {error}") from None
    assert case == Case(**dict(checked))


def test_plain_fields_are_checked_by_hand() -> None:
    fields = {"id": "K-1", "worker": "a", "tags": ("x",), "weight": 2.0, "pinned": True,
              "since": date(2026, 3, 1)}  # fmt: skip
    assert plain_case(fields) == Case("K-1", "a", None, ("x",), 2.0, None, True, date(2026, 3, 1))
    for wrong in ({"weight": 0.0}, {"weight": 100.5}, {"weight": 2}, {"pinned": 1},
                  {"since": datetime(2026, 3, 1)}, {"id": ""}, {"extra": 1}):  # fmt: skip
        assert plain_case({**fields, **wrong}) is None, wrong


@given(FIELDS)
def test_a_loaded_case_is_the_case_its_fields_make(fields: dict[str, Any]) -> None:
    # The loader makes its cases with loaded_case (slots written directly) from values it
    # has checked by hand: the very case Case(...) makes of them, field types included.
    case = plain_case(fields)
    if case is None:
        return
    loaded = loaded_case(*(getattr(case, f.name) for f in dataclasses.fields(Case)))
    assert loaded == case and hash(loaded) == hash(case)
    for f in dataclasses.fields(Case):
        assert type(getattr(loaded, f.name)) is type(getattr(case, f.name)), f.name


def test_a_loaded_case_is_frozen() -> None:
    case = loaded_case("K-1", "a", None, ("x",), 2.0, None, True, date(2026, 3, 1))
    assert case == Case("K-1", "a", None, ("x",), 2.0, None, True, date(2026, 3, 1))
    try:
        case.worker = "b"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:  # pragma: no cover - the assertion says what failed
        raise AssertionError("a loaded case could be changed")
