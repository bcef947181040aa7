"""`planner init`: a team drafted from a case export, so a leader starts from their own data.

The export is read by the same reader as the cases (planner.io.tables) and scanned the same
way (planner.io.scan); its columns are recognised by their usual headers
(planner.io.headers). Each distinct worker value becomes a worker (values that differ only
in case or spaces are one), given the area most of their cases have, mapped to the norm
set's ids by id or label. What cannot be decided is left as a TODO for the leader, in a way
`planner check` names.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from planner.core.models import NormSet
from planner.core.problems import ProblemsFound, Text
from planner.io.files import display_path
from planner.io.headers import id_names, looks_like_totals, recognise
from planner.io.loadtexts import problem
from planner.io.scan import scan_table
from planner.io.tables import (
    Table,
    error_problems,
    header_error_problems,
    name_key,
    read_table,
)

# A worker value this short without a space is taken for initials (its full name is a TODO).
_INITIALS_MAX = 6


@dataclass
class DraftWorker:
    id: str
    name: str  # as the export writes it (most common spelling)
    cases: int
    area: str | None  # the norm set's id, or None when the export's value is not recognised
    area_value: str  # the export's value most of their cases have ("" if none)
    area_cases: int  # how many of their cases have it
    initials_only: bool


@dataclass
class Draft:
    header: list[str]
    header_where: Text  # 'line 3', "sheet 'Sager', row 3"
    columns: dict[str, str]  # planner's column -> the export's header
    unused: list[str]
    cases: int
    unassigned: int
    workers: list[DraftWorker] = field(default_factory=list)
    unknown_areas: dict[str, int] = field(default_factory=dict)  # export value -> cases
    totals: list[Text] = field(default_factory=list)  # where totals rows were left out


# Ids in ASCII, as the norm sets' are ("ressourceforloeb"): Danish letters as they are
# spelt without them, other accents dropped.
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_DANISH))
    return "".join(c for c in decomposed if c.isascii())


def _worker_id(value: str, taken: set[str]) -> str:
    """Initials as the id ('Åse Høj Nørgaard' -> 'ahn'), or the initials written."""
    words = re.findall(r"\w+", _ascii(value))
    if len(words) == 1 and len(words[0]) <= _INITIALS_MAX:
        base = words[0].lower()
    else:
        base = "".join(w[0] for w in words if not w.isdigit()).lower() or "worker"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}{n}", n + 1
    taken.add(candidate)
    return candidate


def draft_team(table: Table, shown: str, norms: NormSet) -> Draft:
    """The team an export implies; ProblemsFound when it has no recognisable id column or
    holds what looks like a CPR number."""
    names = id_names()
    rows = table.rows
    header_index = next(
        (i for i, row in enumerate(rows) if any(name_key(c) in names for c in row)), None
    )
    cpr, _ = scan_table(table, shown, header_index, None, False)
    if cpr:
        raise ProblemsFound(cpr)
    if header_index is None:
        first = next((i for i, row in enumerate(rows) if "".join(row).strip()), None)
        columns = (
            ", ".join(c.strip() for c in rows[first] if c.strip()) if first is not None else ""
        )
        where = table.where(first) if first is not None else ""
        raise ProblemsFound([problem(shown, where, "load.no_id_recognised", columns=columns)])
    header = [h.strip() for h in rows[header_index]]
    found = recognise(header)
    # Two columns under the header init reads ("Sagsbehandler" twice): which holds the
    # workers is not for init to guess, and `planner check` would refuse the file.
    keys = [name_key(h) for h in header]
    twice = [
        problem(
            shown,
            table.where(header_index),
            "load.duplicate_header",
            column=header[position],
            first=position + 1,
            second=keys.index(keys[position], position + 1) + 1,
        )
        for position in sorted(found.values())
        if keys.count(keys[position]) > 1
    ]
    if twice:
        raise ProblemsFound(twice)
    # A spreadsheet's error cell (#N/A) in a column init reads is empty to the reader: a
    # worker would silently lose cases to "unassigned". Refused as `planner check` does.
    # An error cell in the header itself (#NAME?) hides a column's name: init would draft a
    # team without that column and say nothing. Refused too, at its cell.
    errors = header_error_problems(table, shown, header_index)
    errors += error_problems(table, shown, header_index, found)
    if errors:
        raise ProblemsFound(errors)
    draft = Draft(
        header=header,
        header_where=table.where(header_index),
        columns={column: header[position] for column, position in found.items()},
        unused=[h for i, h in enumerate(header) if h and i not in found.values()],
        cases=0,
        unassigned=0,
    )
    id_pos = found["id"]
    worker_pos = found.get("worker")
    area_pos = found.get("area")
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    areas: dict[str, Counter[str]] = {}
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        if id_pos >= len(row) or not row[id_pos].strip():
            continue
        value = row[worker_pos].strip() if worker_pos is not None and worker_pos < len(row) else ""
        if not value and looks_like_totals(row[id_pos]):
            draft.totals.append(table.where(index))  # the export's sum line, not a case
            continue
        draft.cases += 1
        area = row[area_pos].strip() if area_pos is not None and area_pos < len(row) else ""
        if not value:
            draft.unassigned += 1
            continue
        key = name_key(value)
        counts[key] += 1
        spellings.setdefault(key, Counter())[value] += 1
        if area:
            areas.setdefault(key, Counter())[area] += 1

    area_ids = {name_key(a.label): i for i, a in norms.areas.items()}
    area_ids.update({name_key(i): i for i in norms.areas})
    taken: set[str] = set()
    for key, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        name = spellings[key].most_common(1)[0][0]
        area_value, area_cases = (areas.get(key) or Counter({"": 0})).most_common(1)[0]
        words = re.findall(r"\w+", name)
        draft.workers.append(
            DraftWorker(
                id=_worker_id(name, taken),
                name=name,
                cases=count,
                area=area_ids.get(name_key(area_value)),
                area_value=area_value,
                area_cases=area_cases,
                initials_only=len(words) == 1 and len(words[0]) <= _INITIALS_MAX,
            )
        )
    if area_pos is not None:
        unknown: Counter[str] = Counter()
        for row in rows[header_index + 1 :]:
            if area_pos < len(row) and id_pos < len(row) and row[id_pos].strip():
                worker = (
                    row[worker_pos].strip()
                    if worker_pos is not None and worker_pos < len(row)
                    else ""
                )
                if not worker and looks_like_totals(row[id_pos]):
                    continue
                value = row[area_pos].strip()
                if value and name_key(value) not in area_ids:
                    unknown[value] += 1
        draft.unknown_areas = dict(unknown.most_common())
    return draft


def read_export(path: Path, raw: bytes) -> tuple[Table, str]:
    shown = display_path(path)
    return read_table(raw, shown, path.suffix, id_names()), shown
