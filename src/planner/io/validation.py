"""pydantic's ValidationError, rewritten for people: file, record, key, what to do."""

from __future__ import annotations

import re
import tomllib
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.core.cpr import find_cpr
from planner.core.problems import Msg, Problem
from planner.i18n import has

Locator = Callable[[tuple[int | str, ...]], str]


def _models_in(annotation: Any) -> list[Any]:
    """The types `annotation` holds, stepping through list[X], dict[str, X], tuple[X, ...],
    X | None, Annotated[X, ...] and unions (a tagged union gives each of its models)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin in (list, tuple, dict, typing.Union, types.UnionType):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            if arg is not type(None) and arg is not Ellipsis:
                found.extend(m for m in _models_in(arg) if m not in found)
        return found
    return [annotation]


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _tagged(model: Any, tag: str) -> bool:
    """Whether `tag` is the model's tag in a tagged union (a Literal field: kind = "absence")."""
    return any(
        typing.get_origin(f.annotation) is typing.Literal and tag in typing.get_args(f.annotation)
        for f in model.model_fields.values()
    )


def allowed_keys(root: type[BaseModel], loc: Sequence[int | str]) -> list[str]:
    """The keys the model at `loc` accepts (by their names in the file). In a tagged union
    pydantic puts the tag into the location ("events", 0, "absence"): that member's keys."""
    models: list[Any] = [root]
    for part in loc:
        candidates = [m for m in models if _is_model(m)]
        if isinstance(part, int) or not candidates:
            continue
        tagged = [m for m in candidates if _tagged(m, part)]
        if len(candidates) > 1 and tagged:
            models = tagged
            continue
        model = candidates[-1]
        field = next((f for name, f in model.model_fields.items() if part in (name, f.alias)), None)
        if field is not None:
            models = _models_in(field.annotation)
    model = next((m for m in reversed(models) if _is_model(m)), None)
    if model is not None:
        return sorted(
            f.alias or name
            for name, f in model.model_fields.items()
            if name != "id" or model.__name__ != "NormSet"
        )
    return []


_PREFIX = re.compile(r"^(Value error|Assertion failed), ")


def problems_from(
    error: ValidationError, root: type[BaseModel], file: str, locate: Locator
) -> list[Problem]:
    """One Problem per pydantic error, in words a team leader can act on."""
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        key = str(loc[-1]) if loc else ""
        parent = loc[:-1]
        if kind == "extra_forbidden":
            keys = ", ".join(allowed_keys(root, parent))
            what, todo = f"unknown key '{key}'", f"Check the spelling; allowed here: {keys}."
            where = locate(parent)
        elif kind == "missing":
            what, todo = f"'{key}' is missing", f"Add '{key} = ...'."
            where = locate(parent)
        elif kind == "union_tag_not_found":  # a table of a tagged union without its tag
            tag = (item.get("ctx") or {}).get("discriminator", "kind").strip("'")
            what, todo = f"'{tag}' is missing", f"Add '{tag} = ...' to say what it is."
            where = locate(loc)
        elif kind == "union_tag_invalid":
            ctx = item.get("ctx") or {}
            tag = ctx.get("tag", "")
            known = str(ctx.get("expected_tags", "")).replace("'", '"')
            named = tag if isinstance(tag, str) and not find_cpr(tag) else "?"
            what, todo = f"'{named}' is not a known kind", f"Use one of: {known}."
            where = locate(loc)
        elif kind.startswith(("date_", "datetime_")):
            what, todo = "is not a date", "Write dates as YYYY-MM-DD, e.g. 2026-03-01."
            where = locate(loc)
        elif has(kind):  # a keyed refusal of our own models (its type is its text key)
            ctx = item.get("ctx") or {}
            what = Msg(kind, **ctx)
            todo = Msg(f"{kind}.todo", **ctx) if has(f"{kind}.todo") else ""
            where = locate(loc)
        else:
            message = _PREFIX.sub("", item["msg"])
            value = item.get("input")
            # Never echo a value that may be a CPR number back to the screen.
            if isinstance(value, str | int | float) and not find_cpr(str(value)):
                # As the file writes it: `true`, not Python's True.
                got = str(value).lower() if isinstance(value, bool) else repr(value)
                message = f"{message} (got {got})" if "got" not in message else message
            what, todo = message, ""
            where = locate(loc)
        problems.append(Problem(file, where, what, todo))
    return problems


# Blanks within a line only: `\s` would run across line ends and name the line above.
_BLANK = r"[ \t]*"


def _line(text: str, match: re.Match[str] | None) -> int | None:
    return text.count("\n", 0, match.start()) + 1 if match else None


def line_of(text: str, key: str, value: str) -> int | None:
    """Line number of `key = "value"` in TOML text (also inside an inline table)."""
    pattern = re.compile(
        rf"""(?:^|[{{,]){_BLANK}{re.escape(key)}{_BLANK}={_BLANK}["']{re.escape(value)}["']""",
        re.M,
    )
    return _line(text, pattern.search(text))


def line_of_table(text: str, header: str) -> int | None:
    """Line number of a `[header]` table in TOML text."""
    pattern = re.compile(rf"^{_BLANK}\[{_BLANK}{re.escape(header)}{_BLANK}\]", re.M)
    return _line(text, pattern.search(text))


def line_of_keyed_table(text: str, parent: str, key: str) -> int | None:
    """Line number of the first `[parent.key]` or `[[parent.key...]]` header in TOML text,
    however the key is written there (bare, quoted, with escapes: `[teams."b\\u00f8rn"]`)."""
    header = re.compile(rf"^{_BLANK}\[\[?{_BLANK}{re.escape(parent)}{_BLANK}\.")
    for number, line in enumerate(text.splitlines(), 1):
        if not header.match(line):
            continue
        try:
            table = tomllib.loads(line.strip())
        except tomllib.TOMLDecodeError:
            continue
        if key in table.get(parent, {}):
            return number
    return None


def line_of_array_table(text: str, header: str, index: int, after: int = 0) -> int | None:
    """Line number of the `index`-th `[[header]]` table below line `after`."""
    pattern = re.compile(rf"^{_BLANK}\[\[{_BLANK}{re.escape(header)}{_BLANK}\]\]", re.M)
    lines = [n for m in pattern.finditer(text) if (n := _line(text, m)) and n > after]
    return lines[index] if 0 <= index < len(lines) else None


def line_of_key(text: str, key: str, start: int = 1) -> int | None:
    """Line number of `key = ...` from line `start` up to the next table header."""
    pattern = re.compile(rf"^{_BLANK}{re.escape(key)}{_BLANK}=", re.M)
    for number, line in enumerate(text.splitlines()[start - 1 :], start):
        if line.lstrip().startswith("["):
            return None
        if pattern.match(line):
            return number
    return None


def iter_strings(
    value: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every scalar in parsed TOML with its path, for the CPR scan."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key), str(key)
            yield from iter_strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_strings(item, (*path, index))
    elif isinstance(value, str | int):
        yield path, str(value)


def cpr_problems(data: Any, file: str, locate: Any) -> list[Problem]:
    problems = []
    for path, text in iter_strings(data):
        masked = find_cpr(text)
        if masked:
            problems.append(
                Problem(
                    file,
                    locate(path),
                    f"holds what looks like a CPR number ({masked})",
                    "Remove it: planner must never store CPR numbers; use pseudonymous ids.",
                )
            )
    return problems
