"""Assignment: moves, refusals, undo/redo, net moves, previews and incremental figures."""

from __future__ import annotations

from datetime import date

import pytest

from planner.core.models import Case, Team, Worker
from planner.core.moves import UNASSIGNED, Assignment, Move, MoveRefused, NetMove
from planner.core.rules import evaluate_worker
from planner.i18n import text_of
from planner.io import schema
from team_helpers import SMALL_NORMS

ON = date(2026, 11, 23)
NORMS = schema.norm_set({**SMALL_NORMS, "id": "test"})


def build() -> Assignment:
    workers = (
        Worker(id="a", name="A", area="sygedagpenge", hours=37),
        Worker(id="b", name="B", area="sygedagpenge", hours=30),
        Worker(id="c", name="C", area="fleksjob", hours=37, duties=["koordinerende"]),
    )
    cases = (
        *(Case(id=f"A{i}", worker="a", area="sygedagpenge") for i in range(10)),
        Case(id="AP", worker="a", area="sygedagpenge", pinned=True),
        Case(id="AH1", worker="a", area="sygedagpenge", household="H-1"),
        Case(id="AH2", worker="a", area="sygedagpenge", household="H-1", tags=("kompleks",)),
        *(Case(id=f"B{i}", worker="b", area="sygedagpenge", tags=("kompleks",)) for i in range(4)),
        *(Case(id=f"C{i}", worker="c", area="fleksjob", weight=2.0) for i in range(5)),
        Case(id="U1", area="sygedagpenge", tags=("enkel",)),
        Case(id="U2"),
    )
    return Assignment(Team(id="t", name="T", norms=NORMS, workers=workers, cases=cases), ON)


def plain(assignment: Assignment, worker_id: str):  # type: ignore[no-untyped-def]
    """The figures of the plain rule for the worker's current cases."""
    held = [assignment.case(c) for c in assignment.cases_of(worker_id)]
    return evaluate_worker(assignment.worker(worker_id), held, NORMS, ON)


def test_reading_the_loaded_state() -> None:
    live = build()
    assert live.holder("A0") == "a" and live.holder("U1") == UNASSIGNED
    assert live.count("a") == 13 and live.count(UNASSIGNED) == 2
    assert live.cases_of("b") == ["B0", "B1", "B2", "B3"]
    assert live.household("AH1") == ["AH1", "AH2"] and live.household("A0") == ["A0"]
    assert live.weight("U1") == 0.5 and live.weight("C0") == 2.0
    assert not live.has_moves and not live.can_undo and not live.can_redo
    for worker_id in ("a", "b", "c"):
        assert live.evaluate(worker_id) == plain(live, worker_id)


def test_a_move_changes_holders_and_the_two_workers_figures_only() -> None:
    live = build()
    untouched = live.evaluate("c")
    batch = live.move(["A0", "A1"], "b", "Sagstalsudligning")
    assert batch == [
        Move("A0", "a", "b", "Sagstalsudligning"),
        Move("A1", "a", "b", "Sagstalsudligning"),
    ]
    assert live.holder("A0") == "b" and live.original_holder("A0") == "a"
    # In the order of the loaded data, not of arrival.
    assert live.cases_of("b") == ["A0", "A1", "B0", "B1", "B2", "B3"]
    assert live.evaluate("a").load == 11.5 and live.evaluate("b").load == 8
    assert live.evaluate("c") is untouched  # cached: not re-evaluated
    for worker_id in ("a", "b"):
        assert live.evaluate(worker_id) == plain(live, worker_id)


def test_a_tag_triggered_variant_follows_the_cases() -> None:
    live = build()
    # b holds 4 kompleks of 4: the 'komplekse' variant (35-45 x 30/37).
    assert live.evaluate("b").capacity.range.variant == "komplekse"
    live.move([f"A{i}" for i in range(4)], "b")  # 4 of 8: still >= 0.5
    assert live.evaluate("b").capacity.range.variant == "komplekse"
    live.move(["A4"], "b")  # 4 of 9: below
    assert live.evaluate("b").capacity.range.variant is None
    assert live.evaluate("b") == plain(live, "b")
    live.undo()
    assert live.evaluate("b").capacity.range.variant == "komplekse"


@pytest.mark.parametrize(
    ("cases", "to", "message"),
    [
        (["AP"], "b", "case 'AP' is pinned"),
        (["nope"], "b", "unknown case 'nope'"),
        (["A0"], "zz", "unknown worker 'zz'"),
        (["A0", "AP"], "b", "case 'AP' is pinned"),  # all or nothing
    ],
)
def test_refused_moves_change_nothing(cases: list[str], to: str, message: str) -> None:
    live = build()
    before = live.snapshot()
    with pytest.raises(MoveRefused) as refused:
        live.move(cases, to)
    assert text_of(refused.value.text, "en") == message
    assert live.snapshot() == before
    assert not live.can_undo and not live.has_moves


def test_cases_already_there_are_skipped_and_same_worker_is_refused_alone() -> None:
    live = build()
    assert live.move(["A0"], "a") == []
    assert not live.can_undo
    assert live.move(["A0", "B0"], "a") == [Move("B0", "b", "a", None)]
    with pytest.raises(MoveRefused, match=r"refused.already_there"):
        live.check_move("A0", "a")


def test_a_pinned_case_may_stay_in_a_batch_to_its_own_holder() -> None:
    live = build()
    # Moving a's whole household to a, pinned or not, is a no-op, not a refusal.
    assert live.move(["AP", "A0"], "a") == []


def test_apply_moves_is_all_or_nothing() -> None:
    live = build()
    before = live.snapshot()
    with pytest.raises(MoveRefused, match=r"refused.pinned"):
        live.apply_moves([Move("A0", "a", "b"), Move("AP", "a", "b")])
    assert live.snapshot() == before
    assert not live.can_undo and not live.has_moves
    with pytest.raises(MoveRefused, match=r"refused.elsewhere.*holder='a', expected='c'"):
        live.apply_moves([Move("A0", "a", "b"), Move("A1", "c", "b")])
    assert live.snapshot() == before
    assert live.evaluate("b") == plain(live, "b")


def test_apply_moves_may_move_a_case_twice_in_one_step() -> None:
    live = build()
    live.apply_moves([Move("A0", "a", "b", "x"), Move("A0", "b", "c", "y")])
    assert live.holder("A0") == "c"
    assert live.net_moves() == [NetMove("A0", "a", "c", "y")]
    live.undo()
    assert live.holder("A0") == "a" and not live.has_moves


def test_apply_moves_refuses_a_from_that_does_not_match() -> None:
    live = build()
    with pytest.raises(MoveRefused, match=r"refused.elsewhere.*case='A0', holder='a', expected=''"):
        live.apply_moves([Move("A0", UNASSIGNED, "b")])


def test_undo_and_redo() -> None:
    live = build()
    start = live.snapshot()
    live.move(["A0", "A1"], "b", "r1")
    after_first = live.snapshot()
    live.move(["U1"], "c", "r2")
    assert live.undo() == [Move("U1", "c", UNASSIGNED, "r2")]
    assert live.snapshot() == after_first and live.can_redo
    assert live.undo() == [Move("A1", "b", "a", "r1"), Move("A0", "b", "a", "r1")]
    assert live.snapshot() == start and not live.can_undo
    assert live.undo() == []
    assert live.redo() == [Move("A0", "a", "b", "r1"), Move("A1", "a", "b", "r1")]
    assert live.snapshot() == after_first
    # A new step forgets what could be redone.
    live.move(["A2"], "c")
    assert not live.can_redo and live.redo() == []


def test_net_moves_keep_the_reason_of_the_move_that_put_the_case_there() -> None:
    live = build()
    live.move(["A0"], "b", "Sagstalsudligning")
    live.move(["A0"], "c", "Habilitet")
    assert live.net_moves() == [NetMove("A0", "a", "c", "Habilitet")]
    live.undo()
    # Back with b: the reason is the one given for the move to b.
    assert live.net_moves() == [NetMove("A0", "a", "b", "Sagstalsudligning")]
    live.redo()
    assert live.net_moves() == [NetMove("A0", "a", "c", "Habilitet")]


def test_moving_back_to_the_loaded_holder_is_no_net_move() -> None:
    live = build()
    live.move(["A0", "U1"], "b")
    assert [m.case for m in live.net_moves()] == ["A0", "U1"]
    assert live.moved_count == 2
    live.move(["A0"], "a")
    assert live.net_moves() == [NetMove("U1", UNASSIGNED, "b", None)]
    live.move(["U1"], UNASSIGNED)
    assert not live.has_moves and live.moved_count == 0
    assert live.can_undo  # the history is kept


def test_revert_is_a_new_undoable_step() -> None:
    live = build()
    live.move(["A0"], "b")
    live.move(["A0"], "c")
    assert live.revert("A0") == [Move("A0", "c", "a", None)]
    assert live.holder("A0") == "a" and not live.has_moves
    assert live.revert("A0") == []
    live.undo()
    assert live.holder("A0") == "c"


def test_reverting_several_cases_is_one_step() -> None:
    live = build()
    live.move(["AH1", "AH2"], "b")
    live.move(["A1"], "b")
    assert live.revert("AH1", "AH2", "A2") == [
        Move("AH1", "b", "a", None),
        Move("AH2", "b", "a", None),
    ]  # A2 never moved: nothing to send back
    assert [live.holder(c) for c in ("AH1", "AH2", "A1")] == ["a", "a", "b"]
    live.undo()  # both come back together
    assert [live.holder(c) for c in ("AH1", "AH2")] == ["b", "b"]


def test_out_of_area() -> None:
    live = build()
    assert live.out_of_area("A0", "c")  # sygedagpenge case to a fleksjob worker
    assert not live.out_of_area("A0", "b")
    assert not live.out_of_area("A0", UNASSIGNED)
    assert not live.out_of_area("U2", "c")  # no area of its own


def test_previews_equal_the_figures_after_the_move() -> None:
    live = build()
    gain = live.preview(["A0", "A1", "B0"], "c")
    loss = live.preview_without("a", ["A0", "A1", "B0"])
    live.move(["A0", "A1", "B0"], "c")
    assert gain == live.evaluate("c") == plain(live, "c")
    assert loss == live.evaluate("a") == plain(live, "a")


def test_summary_follows_moves_to_and_from_unassigned() -> None:
    live = build()
    before = live.summary()
    assert (before.cases, before.unassigned) == (24, 2)
    assert before.load == pytest.approx(10 + 1 + 1 + 1.5 + 4 * 1.5 + 5 * 2 + 0.5 + 1)
    live.move(["U1", "U2"], "a")
    live.move(["C0"], UNASSIGNED)
    after = live.summary()
    assert (after.cases, after.unassigned) == (24, 1)
    assert after.load == pytest.approx(before.load)
    # The FTE needed per area is about cases, not about who holds them.
    assert after.areas == before.areas


def test_a_refused_move_says_why_in_the_users_language() -> None:

    with pytest.raises(MoveRefused) as refused:
        build().move(["AP"], "b")
    assert text_of(refused.value.text, "en") == "case 'AP' is pinned"
    assert text_of(refused.value.text, "da") == "sag 'AP' er fastlåst"


def test_impact_is_the_plain_rule_before_and_after_and_changes_nothing() -> None:
    from planner.core.moves import impact

    live = build()
    holders = live.snapshot()
    moves = [Move("A0", "a", "b"), Move("U1", UNASSIGNED, "a")]
    figures = impact(live.team, holders, moves, ON)
    assert list(figures) == ["a", "b"]  # the team's order; unassigned is no worker
    assert figures["a"].before == plain(live, "a")
    live.apply_moves(moves)
    assert figures["a"].after == plain(live, "a")
    assert figures["b"].after == plain(live, "b")
    # Asked for a worker the moves do not touch: unchanged before and after.
    quiet = impact(live.team, holders, moves, ON, workers=["c"])
    assert quiet["c"].before == quiet["c"].after
