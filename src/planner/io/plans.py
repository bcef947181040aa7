"""Plan files: the leader's moves, saved as TOML so they survive anything and can be reopened.

A plan file (``format = 1``) names its team, when and by whom it was made, the fingerprint of
the cases file it was made against, an optional note and the *net* moves (format 2 adds
what-if ``[[events]]``, below)::

    format = 1
    team = "nordby"
    created = 2026-11-23T10:15:00+01:00
    author = "login name"
    cases_fingerprint = "sha256:..."
    note = "optional free text"

    [[moves]]
    case = "K-1042"
    from = "ab"          # "" = unassigned
    to = "cd"
    reason = "Sagstalsudligning"   # optional

Format 2 is format 1 with ``[[events]]``: hypothetical changes that apply only within the
plan (:mod:`planner.core.scenario`: absence, departure, arrival, intake). A plan is written
as format 2 when it has events (or was opened as format 2), else as format 1, so a format 1
file opened and saved without events keeps its bytes.

Read with tomllib, written with tomli-w. Writing is atomic (a temporary file in the same
folder, fsync, rename, fsync of the folder), so a crash, a full disk or a refused write leaves
the previous file byte for byte as it was. Files are 0600 in folders that are not
world-writable; folders planner creates are 0700. Every string is scanned for CPR numbers,
on the way in and on the way out.

Reopening a plan against cases that have changed since (the fingerprint differs) goes
through :func:`reconcile`: every move that still makes sense is applied and the rest are
listed with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.core.cpr import find_cpr
from planner.core.models import Team
from planner.core.moves import UNASSIGNED, Assignment, NetMove
from planner.core.problems import Msg, Problem, ProblemsFound, Text
from planner.core.scenario import EventIssue, IssueKind, event_issues, with_area_ids
from planner.io.files import (
    atomic_write,
    decode_text,
    display_path,
    folder_is_writable,
    is_bundled_config,
    login_name,
    now,
    parse_toml,
    read_bytes,
    user_data_dir,
)
from planner.io.loadtexts import at_line, places, problem
from planner.io.validation import (
    cpr_problem,
    iter_strings,
    line_of,
    line_of_array_table,
    line_of_key,
    problems_from,
)

if TYPE_CHECKING:  # the plan's schema (pydantic) is imported where a plan is read or made
    from planner.core.events import Event
    from planner.core.reconcile import Reconciled
    from planner.io.planfile import Plan, PlanMove

FILE_MODE = 0o600
FOLDER_MODE = 0o700


# ---------------------------------------------------------------------------------------
# Making a plan


def plan_from(
    assignment: Assignment,
    *,
    note: str = "",
    previous: Plan | None = None,
    moves: Iterable[NetMove] | None = None,
    events: Iterable[Event] = (),
) -> Plan:
    """The plan for an assignment's net moves (or the given ones) and what-if events.

    With `previous` (the plan that was opened), `created`, `author` and the format are
    kept so that reopening and saving an unchanged plan writes the same bytes. Events
    need format 2.
    """
    from planner.io.planfile import EVENTS_FORMAT, FORMAT, Plan, PlanMove

    team = assignment.team
    net = assignment.net_moves() if moves is None else list(moves)
    events = tuple(events)
    version = max(previous.format if previous else FORMAT, EVENTS_FORMAT if events else FORMAT)
    return Plan(
        format=version,
        team=team.id,
        created=previous.created if previous else now(),
        author=previous.author if previous else login_name(),
        cases_fingerprint=team.cases_fingerprint,
        note=note,
        moves=tuple(
            PlanMove.model_validate(
                {"case": m.case, "from": m.from_, "to": m.to, "reason": m.reason}
            )
            for m in net
        ),
        events=events,
    )


# ---------------------------------------------------------------------------------------
# Where plans go


class PlacedBecause(StrEnum):
    """Why a new plan does not go beside the config (said on screen)."""

    INSTALLED = "installed"  # the config is the demo bundled inside the installed package
    READ_ONLY = "read_only"  # the folder beside the config cannot be written to


def plans_location(config_path: Path) -> tuple[Path, PlacedBecause | None]:
    """Where a new plan goes, and why when that is not beside the config.

    Beside the config: plans/ next to the config folder (./plans for ./config/teams.toml),
    or plans/ in the config's own folder when that folder is not called ``config``. A config
    that is the bundled demo (:func:`is_bundled_config`: installed, or the checkout's own
    config/ with ``pip install -e .``) or a place that cannot be written to sends plans to
    the user's data folder instead (:func:`user_data_dir`).
    """
    config_dir = config_path.resolve().parent
    beside = config_dir.parent / "plans" if config_dir.name == "config" else config_dir / "plans"
    if is_bundled_config(config_path):
        return user_data_dir() / "plans", PlacedBecause.INSTALLED
    if not folder_is_writable(beside):
        return user_data_dir() / "plans", PlacedBecause.READ_ONLY
    return beside, None


def plans_dir(config_path: Path) -> Path:
    return plans_location(config_path)[0]


def new_plan_path(config_path: Path, team_id: str, when: datetime | None = None) -> Path:
    """plans/<team>-<YYYYMMDD-HHMM>.toml, with -2, -3, ... when that minute is taken."""
    folder = plans_dir(config_path)
    stem = f"{team_id}-{(when or now()).strftime('%Y%m%d-%H%M')}"
    path = folder / f"{stem}.toml"
    counter = 2
    while path.exists():
        path = folder / f"{stem}-{counter}.toml"
        counter += 1
    return path


# ---------------------------------------------------------------------------------------
# Writing


def _cpr_in_plan(plan: Plan, team: Team | None, shown: str) -> list[Problem]:
    import tomllib

    data = tomllib.loads(plan.to_toml())
    return _cpr_problems(data, team, shown, _Locator(data, plan.to_toml()))


def write_plan(path: Path, plan: Plan, team: Team | None = None) -> Path:
    """Save `plan` to `path` atomically (0600). Returns the path.

    Raises ProblemsFound when the plan holds a CPR number (nothing is written) and
    SaveFailed when the disk refuses (the previous file is unchanged).
    """
    shown = display_path(path)
    problems = _cpr_in_plan(plan, team, shown)
    if problems:
        raise ProblemsFound(problems)
    atomic_write(path, plan.to_toml().encode("utf-8"))
    return path


# ---------------------------------------------------------------------------------------
# Reading


class _Locator:
    """'line 12, move 3 (case 'K-1042')' for a location inside a plan file."""

    def __init__(self, data: dict[str, Any], text: str) -> None:
        self.data, self.text = data, text

    def move_line(self, index: int) -> int | None:
        seen = -1
        for number, line in enumerate(self.text.splitlines(), start=1):
            if line.strip().startswith("[[moves]]"):
                seen += 1
                if seen == index:
                    return number
        return None

    def event_line(self, index: int) -> int | None:
        return line_of_array_table(self.text, "events", index)

    def _event(self, loc: tuple[int | str, ...]) -> Text:
        events = self.data.get("events")
        raw = events[loc[1]] if isinstance(events, list) and int(loc[1]) < len(events) else {}
        number = int(loc[1]) + 1
        label: Text = Msg("where.event", number=number)
        kind = raw.get("kind") if isinstance(raw, dict) else None
        if isinstance(kind, str) and not find_cpr(kind):
            label = Msg("where.event_kind", number=number, kind=kind)
        # pydantic puts the kind (the union's tag) into the location: leave it out.
        rest = [str(p) for p in loc[2:] if p != kind]
        label = places(label, ".".join(rest))
        line = self.event_line(int(loc[1]))
        if line and len(rest) == 1:
            line = line_of_key(self.text, rest[0], line + 1) or line
        return at_line(line, label)

    def __call__(self, loc: tuple[int | str, ...]) -> Text:
        if len(loc) >= 2 and loc[0] == "events" and isinstance(loc[1], int):
            return self._event(loc)
        if len(loc) >= 2 and loc[0] == "moves" and isinstance(loc[1], int):
            moves = self.data.get("moves")
            raw = moves[loc[1]] if isinstance(moves, list) and loc[1] < len(moves) else {}
            label: Text = Msg("where.move", number=loc[1] + 1)
            # The case id names the record, unless it may be a CPR number (never echoed).
            if (
                isinstance(raw, dict)
                and isinstance(raw.get("case"), str)
                and not find_cpr(raw["case"])
            ):
                label = Msg("where.move_case", number=loc[1] + 1, case=raw["case"])
            label = places(label, ".".join(str(p) for p in loc[2:]))
            return at_line(self.move_line(loc[1]), label)
        key = ".".join(str(p) for p in loc)
        line = None
        if len(loc) == 1 and isinstance(self.data.get(str(loc[0])), str):
            line = line_of(self.text, str(loc[0]), self.data[str(loc[0])])
        elif len(loc) == 1:
            for number, text_line in enumerate(self.text.splitlines(), start=1):
                if text_line.split("=", 1)[0].strip() == str(loc[0]):
                    line = number
                    break
        return at_line(line, key)


def _cpr_problems(
    data: dict[str, Any], team: Team | None, shown: str, locate: _Locator
) -> list[Problem]:
    """Every string of the plan, keys included, scanned for CPR numbers.

    Plain ten digits pass only as the id of a case the team already holds: such ids were
    accepted when the cases were loaded (``ten_digit_case_ids``).
    """
    known = team.cases_by_id if team else {}
    problems = []
    for path, text in iter_strings(data):
        allow = len(path) == 3 and path[0] == "moves" and path[2] == "case" and text in known
        masked = find_cpr(text, allow_plain_ten_digits=allow)
        if masked:
            problems.append(cpr_problem(shown, locate(path), masked))
    return problems


def _parse(path: Path) -> tuple[dict[str, Any], str, str]:
    shown = display_path(path)
    text = decode_text(read_bytes(path), shown)
    data = parse_toml(text, shown, Msg("file.bad_plan_toml.todo"))
    return data, text, shown


def is_plan_file(path: Path) -> bool:
    """Whether `path` holds a planner plan (TOML with format, team and moves or a cases
    fingerprint); False for anything else, readable or not."""
    try:
        data = parse_toml(decode_text(read_bytes(path), display_path(path)), display_path(path))
    except ProblemsFound:
        return False
    return "format" in data and "team" in data and ("moves" in data or "cases_fingerprint" in data)


def plan_team_id(path: Path) -> str:
    """The team a plan file names, to load that team before reading the plan in full."""
    data, text, shown = _parse(path)
    team = data.get("team")
    if isinstance(team, str) and team:
        return team
    _, problems = _validate(data, text, shown, None)
    if problems:
        raise ProblemsFound(problems)
    raise ProblemsFound([problem(shown, "team", "planfile.team_missing")])


def plan_team_missing(found: ProblemsFound, plan: Path) -> ProblemsFound:
    """`load_team`'s problems for the team a plan names: when teams.toml has no such team,
    that is said at the plan's `team` line (the plan is for another teams file), not as
    teams.toml's "has no team" with a --team hint that cannot help."""
    missing = next(
        (p for p in found.problems if isinstance(p.what, Msg) and p.what.key == "load.no_team"),
        None,
    )
    if missing is None:
        return found
    assert isinstance(missing.what, Msg)
    data, text, shown = _parse(plan)
    return ProblemsFound(
        [
            problem(
                shown,
                _Locator(data, text)(("team",)),
                "planfile.no_such_team",
                team=missing.what.values.get("team", ""),
                config=missing.file,
                teams=missing.what.values.get("teams", ""),
            )
        ]
    )


def _validate(
    data: dict[str, Any], text: str, shown: str, team: Team | None
) -> tuple[Plan, list[Problem]]:
    """The plan, and what is wrong inside it; raises when it cannot be read as a plan."""
    from pydantic import ValidationError

    from planner.core.events import TOML_DATES
    from planner.io.kinds import FileKind, toml_kind  # the spreadsheet readers come with it
    from planner.io.planfile import EVENTS_FORMAT, FORMAT, FORMATS, Plan

    locate = _Locator(data, text)
    version = data.get("format")
    if version is None:
        # Another of planner's files given as a plan: say which, not "add format = 1".
        kind = toml_kind(data)
        if kind in (FileKind.TEAMS, FileKind.NORMS, FileKind.CASES):
            raise ProblemsFound([problem(shown, "", f"planfile.is_{kind.value}")])
        raise ProblemsFound([problem(shown, "", "planfile.format_missing", format=FORMAT)])
    if version not in FORMATS or isinstance(version, bool):
        # format = "1": a version we read, written as text: say to drop the quotes.
        quoted = isinstance(version, str) and version.strip() in {str(f) for f in FORMATS}
        todo = Msg("value.unquote.todo", value=f"format = {version.strip()}") if quoted else None
        raise ProblemsFound(
            [
                problem(
                    shown,
                    locate(("format",)),
                    "planfile.format_unknown",
                    todo=todo,
                    version=repr(version),
                    format=FORMAT,
                    events=EVENTS_FORMAT,
                )
            ]
        )
    problems = _cpr_problems(data, team, shown, locate)
    try:
        plan = Plan.model_validate(data, context=TOML_DATES)
    except ValidationError as error:
        raise ProblemsFound(problems + problems_from(error, Plan, shown, locate)) from None
    seen: dict[str, int] = {}
    for index, move in enumerate(plan.moves):
        where = locate(("moves", index))
        if not _quotable(move, team):
            continue  # its CPR problem is reported; never repeat the value
        if move.case in seen:
            problems.append(
                problem(
                    shown,
                    where,
                    "planfile.moved_twice",
                    case=move.case,
                    other=seen[move.case] + 1,
                )
            )
        seen.setdefault(move.case, index)
        if move.from_ == move.to:
            problems.append(
                problem(shown, where, "planfile.same_worker", case=move.case, worker=move.to)
            )
    if plan.events and plan.format < EVENTS_FORMAT:
        problems.append(
            problem(
                shown,
                locate(("format",)),
                "planfile.events_format",
                events=EVENTS_FORMAT,
                format=plan.format,
            )
        )
    if team is not None:
        # An area by its label or in other case ("Sygedagpenge"), as the case loader reads it.
        plan = plan.model_copy(update={"events": with_area_ids(team, plan.events)})
        problems.extend(
            Problem(
                shown,
                locate(("events", issue.index, issue.key)),
                *event_issue_text(issue, team.id),
            )
            for issue in event_issues(team, plan.events)
        )
    if team is not None and plan.team != team.id:
        problems.append(
            problem(shown, locate(("team",)), "planfile.other_team", plan=plan.team, team=team.id)
        )
    return plan, problems


_EVENT_ISSUES = {
    IssueKind.UNKNOWN_WORKER: "planfile.event_worker",
    IssueKind.UNKNOWN_AREA: "planfile.event_area",
    IssueKind.WORKER_EXISTS: "planfile.event_worker_taken",
}


def event_issue_text(issue: EventIssue, team_id: str) -> tuple[Msg, Msg]:
    """(what, what to do) for an event that does not fit the team (in the file's words)."""
    if issue.kind in (IssueKind.CAPACITY_LOW, IssueKind.CAPACITY_HIGH):
        # The bounds teams.toml keeps; what to do depends on the key at fault.
        return (
            Msg(f"plan_event.{issue.kind.value}", worker=issue.value),
            Msg(f"plan_event.capacity.{issue.key}.todo"),
        )
    key = _EVENT_ISSUES.get(issue.kind, "planfile.event_leaves_early")
    return Msg(key, value=issue.value, team=team_id), Msg(f"{key}.todo")


def _quotable(move: PlanMove, team: Team | None) -> bool:
    """True when no value of the move looks like a CPR number (so messages may show it)."""
    known = team.cases_by_id if team else {}
    return not any(
        find_cpr(value, allow_plain_ten_digits=value in known)
        for value in (move.case, move.from_, move.to)
    )


def read_plan(path: Path, team: Team, *, allow_changed: bool = False) -> Plan:
    """Read and check a plan file against `team`; ProblemsFound lists all that is wrong.

    Strict (the default, for the CLI): the cases file must be the one the plan was made
    against (same fingerprint), and every worker and case must exist. With `allow_changed`
    (the app, ``plan show --reconcile``), a changed cases file and workers who have left are
    for :func:`reconcile` to sort out; a case that is unknown although the cases file is
    unchanged is still an error, since it can never have existed.
    """
    data, text, shown = _parse(path)
    plan, problems = _validate(data, text, shown, team)
    locate = _Locator(data, text)
    same_cases = plan.cases_fingerprint == team.cases_fingerprint
    if not same_cases and not allow_changed:
        problems.append(
            problem(shown, locate(("cases_fingerprint",)), "planfile.fingerprint", file=shown)
        )
    for index, move in enumerate(plan.moves):
        where = locate(("moves", index))
        if not _quotable(move, team):
            continue
        if move.case not in team.cases_by_id and (same_cases or not allow_changed):
            todo = Msg("planfile.no_case.damaged" if same_cases else "planfile.no_case.closed")
            problems.append(problem(shown, where, "planfile.no_case", case=move.case, todo=todo))
        if allow_changed:
            continue
        for key, worker in (("from", move.from_), ("to", move.to)):
            if worker != UNASSIGNED and worker not in team.workers_by_id:
                problems.append(
                    problem(
                        shown, places(where, key), "planfile.no_worker", worker=worker, team=team.id
                    )
                )
    if problems:
        raise ProblemsFound(problems)
    return plan


def open_plan(path: Path, assignment: Assignment) -> tuple[Plan, Reconciled]:
    """Read a plan for the assignment's team and apply what still fits (the app's --plan)."""
    plan = read_plan(path, assignment.team, allow_changed=True)
    from planner.core.reconcile import reconcile  # with --plan only

    return plan, reconcile([m.as_move() for m in plan.moves], assignment)


__all__ = [
    "PlacedBecause",
    "is_plan_file",
    "new_plan_path",
    "open_plan",
    "plan_from",
    "plan_team_id",
    "plan_team_missing",
    "plans_dir",
    "plans_location",
    "read_plan",
    "write_plan",
]
