"""One history for moves and what-if events: undo takes back the last step of either kind,
redo mirrors it, a new step of either kind drops what could be redone; and the journal
brings it all back after a crash (property tests against a plain list of states)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.events import AbsenceEvent, IntakeEvent
from planner.core.models import Team
from planner.core.moves import Assignment, MoveRefused
from planner.core.scenario import Scenario
from planner.io.journal import Journal, read_journal
from plans_support import ON, WORKERS, TeamDir, cases_csv, make_team

# The strategies need the case ids when the module loads: from the CSV text the team is
# written from (pinned ones left out: the board refuses to move them). The team itself is
# loaded once per module, in a pytest temp folder.
_CASES = [
    line.split(";", 1)[0]
    for line in cases_csv().splitlines()[1:]
    if not line.rstrip().endswith(";ja")
]
_EVENTS = [
    AbsenceEvent.model_validate({"worker": w, "from": date(2027, 1, 4)}) for w in WORKERS
] + [IntakeEvent(area="sygedagpenge", per_week=n) for n in (3, 8)]

_ops = st.lists(
    st.one_of(
        st.tuples(st.just("move"), st.sampled_from(_CASES), st.sampled_from(WORKERS)),
        st.tuples(st.just("add"), st.sampled_from(range(len(_EVENTS)))),
        st.tuples(st.just("remove"), st.integers(0, 5)),
        st.tuples(st.just("undo")),
        st.tuples(st.just("redo")),
    ),
    max_size=30,
)


@pytest.fixture(scope="module")
def team_dir(tmp_path_factory: pytest.TempPathFactory) -> TeamDir:
    return make_team(tmp_path_factory.mktemp("scenario-history"))


@pytest.fixture(scope="module")
def team(team_dir: TeamDir) -> Team:
    loaded = team_dir.team()
    assert {c.id for c in loaded.cases if not c.pinned} == set(_CASES)
    return loaded


class Live:
    """The board's state as the app drives it: every step into the journal as it happens."""

    def __init__(self, team: Team, journal: Journal | None = None) -> None:
        self.assignment = Assignment(team, ON)
        self.scenario = Scenario(self.assignment)
        self.journal = journal

    def state(self) -> tuple[dict[str, str], tuple]:
        return self.assignment.snapshot(), self.scenario.events

    def step(self, op: tuple) -> bool:
        """Do `op`; True when it changed something (a step in the history)."""
        a, s, j = self.assignment, self.scenario, self.journal
        if op[0] == "move":
            try:
                moves = a.move([op[1]], op[2])
            except MoveRefused:
                return False
            if moves:
                s.moves_changed()
                if j:
                    j.record("do", moves)
            return bool(moves)
        if op[0] in ("add", "remove"):
            if op[0] == "add":
                change = s.add(_EVENTS[op[1]])
            elif op[1] < len(s.events):
                change = s.remove(op[1])
            else:
                return False
            if change and j:
                j.record_events("events", s.events)
            return change is not None
        if op[0] == "undo":
            if s.undo_is_events:
                s.undo()
                if j:
                    j.record_events("events_undo", s.events)
                return True
            moves = a.undo()
            if moves and j:
                j.record("undo", moves)
            return bool(moves)
        if s.redo_is_events:
            s.redo()
            if j:
                j.record_events("events_redo", s.events)
            return True
        moves = a.redo()
        if moves and j:
            j.record("redo", moves)
        return bool(moves)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=_ops)
def test_undo_and_redo_follow_one_linear_history(team: Team, ops: list[tuple]) -> None:
    live = Live(team)
    history = [live.state()]  # the states a plain linear history goes through
    at = 0
    for op in ops:
        before = live.state()
        changed = live.step(op)
        if op[0] == "undo":
            assert changed == (at > 0)
            at = max(at - 1, 0)
        elif op[0] == "redo":
            assert changed == (at < len(history) - 1)
            at = min(at + 1, len(history) - 1)
        elif changed:
            del history[at + 1 :]
            history.append(live.state())
            at += 1
        else:
            assert live.state() == before
        assert live.state() == history[at]
    assert live.scenario.can_undo == (at > 0)
    assert live.scenario.can_redo == (at < len(history) - 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=_ops, more=_ops)
def test_the_journal_restores_state_and_history(
    team_dir: TeamDir, team: Team, ops: list[tuple], more: list[tuple]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "state" / "t.journal"
        live = Live(team, Journal.start(team_dir.config, team, path=path))
        for op in ops:
            live.step(op)
        live.journal.close()
        recovered = read_journal(path)
        assert recovered is not None
        again = Live(team)
        assert recovered.restore(again.assignment, again.scenario) == []
        assert recovered.exact and recovered.events == live.scenario.events
        assert again.state() == live.state()
        # The history came back too: the same further steps give the same states.
        live.journal = None
        for op in more:
            assert live.step(op) == again.step(op)
            assert again.state() == live.state()


def test_an_events_step_drops_the_moves_redo_and_a_move_the_events_redo(team: Team) -> None:
    live = Live(team)
    live.step(("move", "K-001", "cd"))
    live.step(("undo",))
    assert live.assignment.can_redo
    live.step(("add", 0))
    assert not live.assignment.can_redo and not live.scenario.can_redo
    live.step(("undo",))
    assert live.scenario.events == () and live.scenario.can_redo
    live.step(("move", "K-002", "cd"))
    assert not live.scenario.can_redo
    assert live.step(("redo",)) is False


@pytest.mark.parametrize("order", ["event_first", "move_first"])
def test_undo_takes_back_the_last_step_of_either_kind(team: Team, order: str) -> None:
    live = Live(team)
    steps = [("add", 0), ("move", "K-001", "cd")]
    if order == "move_first":
        steps.reverse()
    for op in steps:
        live.step(op)
    live.step(("undo",))
    # The last step is gone, the first is still there.
    if order == "event_first":
        assert live.assignment.holder("K-001") == "ab" and live.scenario.events == (_EVENTS[0],)
    else:
        assert live.assignment.holder("K-001") == "cd" and live.scenario.events == ()
