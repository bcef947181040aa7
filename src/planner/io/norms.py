"""Norm sets: finding norms/<id>.toml for a team and loading it, with every problem at once."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from planner.core.models import NormSet
from planner.core.problems import Msg, ProblemsFound, Text
from planner.io.files import bundled_norms_dir, display_path, read_toml
from planner.io.loadtexts import at_line, detailed
from planner.io.schema import NormSetFields
from planner.io.validation import (
    cpr_problems,
    line_of_array_table,
    line_of_key,
    line_of_table,
    problems_from,
)


def norms_path(reference: str, config_path: Path) -> list[Path]:
    """Where a team's `norms = ...` may live, in the order they are tried."""
    if reference.endswith(".toml") or "/" in reference or "\\" in reference:
        return [config_path.parent / reference]
    candidates = [
        config_path.parent.parent / "norms" / f"{reference}.toml",
        config_path.parent / "norms" / f"{reference}.toml",
        bundled_norms_dir() / f"{reference}.toml",
    ]
    # A config in the working folder: its parent's parent is the folder itself ("." / "..").
    unique: dict[str, Path] = {}
    for path in candidates:
        unique.setdefault(os.path.abspath(path), path)
    return list(unique.values())


def load_norms(path: Path) -> NormSet:
    data, text = read_toml(path)
    shown = display_path(path)

    def locate(loc: tuple[int | str, ...]) -> Text:
        if len(loc) >= 2 and loc[0] in ("areas", "duties"):
            header = f"{loc[0]}.{loc[1]}"
            line = line_of_table(text, header)
            rest = loc[2:]
            if line and len(rest) >= 2 and rest[0] == "variants" and isinstance(rest[1], int):
                line = line_of_array_table(text, f"{header}.variants", rest[1], line) or line
            elif line and len(rest) == 1:
                line = line_of_key(text, str(rest[0]), line + 1) or line
            detail = ".".join(str(p) for p in rest)
            kind = "where.area" if loc[0] == "areas" else "where.duty"
            return at_line(line, detailed(Msg(kind, id=str(loc[1])), detail))
        line = None
        if len(loc) == 1:
            line = line_of_key(text, str(loc[0])) or line_of_table(text, str(loc[0]))
        elif len(loc) >= 2:
            table = line_of_table(text, str(loc[0]))
            line = table and (line_of_key(text, str(loc[1]), table + 1) or table)
        return at_line(line, ".".join(str(p) for p in loc))

    problems = cpr_problems(data, shown, locate)
    try:
        norms = NormSetFields.model_validate(data).domain()
    except ValidationError as error:
        raise ProblemsFound(problems + problems_from(error, NormSetFields, shown, locate)) from None
    if problems:
        raise ProblemsFound(problems)
    return norms.model_copy(update={"id": path.stem})
