"""pydantic's ValidationError, rewritten for people: file, record, key, what to do."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from planner.core.cpr import find_cpr
from planner.core.problems import Msg, Problem, Text
from planner.i18n import has

if TYPE_CHECKING:  # the line finders below serve files read without pydantic too
    from pydantic import BaseModel, ValidationError
    from pydantic_core import ErrorDetails

Locator = Callable[[tuple[int | str, ...]], Text]


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
    from pydantic import BaseModel  # loaded already: there is an error to explain

    return isinstance(value, type) and issubclass(value, BaseModel)


def _tagged(model: Any, tag: str) -> bool:
    """Whether `tag` is the model's tag in a tagged union (a Literal field: kind = "absence")."""
    return any(
        typing.get_origin(f.annotation) is typing.Literal and tag in typing.get_args(f.annotation)
        for f in model.model_fields.values()
    )


def _model_at(root: type[BaseModel], loc: Sequence[int | str]) -> Any:
    """The model at `loc` (None when a plain value is there). In a tagged union pydantic
    puts the tag into the location ("events", 0, "absence"): that member."""
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
    return next((m for m in reversed(models) if _is_model(m)), None)


def allowed_keys(root: type[BaseModel], loc: Sequence[int | str]) -> list[str]:
    """The keys the model at `loc` accepts (by their names in the file)."""
    model = _model_at(root, loc)
    if model is not None:
        return sorted(
            f.alias or name
            for name, f in model.model_fields.items()
            if name != "id" or model.__name__ != "NormSetFields"
        )
    return []


_PREFIX = re.compile(r"^(Value error|Assertion failed), ")

# pydantic's error types -> our texts (their values come from the error's ctx).
_TYPES = {
    "greater_than": "value.greater_than",
    "greater_than_equal": "value.greater_than_equal",
    "less_than": "value.less_than",
    "less_than_equal": "value.less_than_equal",
    "finite_number": "value.finite",
    "float_parsing": "value.number",
    "float_type": "value.number",
    "int_parsing": "value.integer",
    "int_type": "value.integer",
    "int_from_float": "value.integer",
    "bool_parsing": "value.boolean",
    "bool_type": "value.boolean",
    "string_type": "value.text",
    "string_too_long": "value.text_long",
    "too_short": "value.too_few",
    "too_long": "value.too_many",
    "literal_error": "value.literal",
    "list_type": "value.list",
    "tuple_type": "value.list",
    "set_type": "value.list",
    "dict_type": "value.table",
    "model_type": "value.table",
    "model_attributes_type": "value.table",
}


_BOUNDS = ("greater_than", "greater_than_equal", "less_than", "less_than_equal")
# A figure with a lower and an upper bound is told both, whichever it broke: "must be above 0
# and at most 100", not "must be greater than 0" (and then, fixed, "less than or equal to 100").
_BOTH_BOUNDS = {("gt", "le"): "value.above_at_most", ("ge", "le"): "value.from_to"}


def _bounds(root: type[BaseModel] | None, loc: Sequence[int | str]) -> dict[str, Any]:
    """The bounds (gt/ge/lt/le) the schema sets on the figure at `loc`."""
    if root is None or not loc or not isinstance(loc[-1], str):
        return {}
    model = _model_at(root, loc[:-1])
    if model is None:
        return {}
    field = next((f for n, f in model.model_fields.items() if loc[-1] in (n, f.alias)), None)
    if field is None:
        return {}
    found: dict[str, Any] = {}
    for item in field.metadata:
        for name in ("gt", "ge", "lt", "le"):
            if getattr(item, name, None) is not None:
                found[name] = getattr(item, name)
    return found


def _both_bounds(bounds: dict[str, Any]) -> Msg | None:
    for (low, high), key in _BOTH_BOUNDS.items():
        if low in bounds and high in bounds:
            return Msg(key, **{low: bounds[low], high: bounds[high]})
    return None


def error_text(item: ErrorDetails, root: type[BaseModel] | None = None) -> tuple[Text, Text]:
    """What a pydantic error says about a value, as keyed texts: (what, what to do).
    `root`, the model validated, tells a figure's bounds (both are said).

    pydantic's common types and planner.core.models' own errors (whose type is their text
    key, ``model.*``) in the user's language; a rare type in pydantic's own words. The
    value is quoted as the file writes it (`true`, not Python's True), never when it may be
    a CPR number."""
    kind = item["type"]
    ctx = dict(item.get("ctx") or {})
    if kind.startswith(("date_", "datetime_")):
        return Msg("load.not_a_date"), Msg("load.not_a_date.todo")
    what: Text
    if kind == "string_too_short":
        length = ctx.get("min_length", 1)
        what = Msg("value.empty") if length == 1 else Msg("value.text_short", min_length=length)
    elif kind in _BOUNDS and (both := _both_bounds(_bounds(root, item["loc"]))) is not None:
        what = both
    elif kind in _TYPES:
        what = Msg(_TYPES[kind], **ctx)
    elif has(kind):
        what = Msg(kind, **ctx)
    else:
        what = _PREFIX.sub("", item["msg"])
    value = item.get("input")
    if "got" not in ctx and isinstance(value, str | int | float) and not find_cpr(str(value)):
        got = str(value).lower() if isinstance(value, bool) else repr(value)
        what = Msg("value.got", what=what, got=got)
    # A keyed refusal of our own may say what to do too (planner.i18n.events: "X.todo").
    todo = f"{kind}.todo"
    if has(kind) and has(todo):
        return what, Msg(todo, **ctx)
    unquoted = _unquoted(kind, value)
    if unquoted is None:
        return what, ""
    key = item["loc"][-1] if item["loc"] and isinstance(item["loc"][-1], str) else None
    return what, Msg("value.unquote.todo", value=f"{key} = {unquoted}" if key else unquoted)


_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def _unquoted(kind: str, value: object) -> str | None:
    """A number or a flag written as text (hours = "37", a decimal comma as Danish Excel
    writes it: "37,5"), as TOML wants it written; None for anything else."""
    if not isinstance(value, str) or find_cpr(value):
        return None
    text = value.strip()
    if kind in ("float_type", "int_type") and _NUMBER.fullmatch(text):
        if kind == "int_type" and not text.lstrip("+-").isdigit():
            return None
        return text.replace(",", ".")
    if kind == "bool_type" and text.lower() in ("true", "false"):
        return text.lower()
    return None


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
        what: Text
        todo: Text
        if kind == "extra_forbidden":
            keys = ", ".join(allowed_keys(root, parent))
            what = Msg("load.unknown_key", key=key)
            todo = Msg("load.unknown_key.todo", keys=keys)
            where = locate(parent)
        elif kind == "missing":
            what, todo = Msg("load.missing_key", key=key), Msg("load.missing_key.todo", key=key)
            where = locate(parent)
        elif kind == "union_tag_not_found":  # a table of a tagged union without its tag
            tag = (item.get("ctx") or {}).get("discriminator", "kind").strip("'")
            what, todo = Msg("load.missing_key", key=tag), Msg("load.missing_tag.todo", key=tag)
            where = locate(loc)
        elif kind == "union_tag_invalid":
            ctx = item.get("ctx") or {}
            tag = ctx.get("tag", "")
            known = str(ctx.get("expected_tags", "")).replace("'", '"')
            named = tag if isinstance(tag, str) and not find_cpr(tag) else "?"
            what, todo = Msg("load.unknown_tag", tag=named), Msg("load.use_one_of", known=known)
            where = locate(loc)
        else:
            what, todo = error_text(item, root)
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
    import tomllib  # the line finders run when there is a problem to place: not on start

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
    import tomllib

    pattern = re.compile(rf"^{_BLANK}{re.escape(key)}{_BLANK}=", re.M)
    for number, line in enumerate(text.splitlines()[start - 1 :], start):
        if line.lstrip().startswith("["):
            return None
        if pattern.match(line):
            return number
        # A quoted key ("Målgruppe 2.4" = ..., as an export's codes are): read by TOML.
        if line.lstrip()[:1] in "\"'":
            try:
                if key in tomllib.loads(line.strip()):
                    return number
            except tomllib.TOMLDecodeError:
                pass
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


def cpr_problems(data: Any, file: str, locate: Locator) -> list[Problem]:
    problems = []
    for path, text in iter_strings(data):
        masked = find_cpr(text)
        if masked:
            problems.append(cpr_problem(file, locate(path), masked))
    return problems


def cpr_problem(file: str, where: Text, masked: str) -> Problem:
    return Problem(file, where, Msg("load.cpr_found", masked=masked), Msg("load.cpr_found.todo"))
