"""Derived values of the model: dose and routine times, steps read from the body."""

from __future__ import annotations

from limber import timing
from limber.model import Dose, Routine, RoutineItem, Span, Stretch


def stretch(dose: Dose, body: str = "1. One.\n2. Two.") -> Stretch:
    return Stretch("s", "S", "S.", ("neck",), "seated", dose, body, "stretches/s.md")


def test_a_per_side_hold_counts_both_sides_and_the_switch() -> None:
    dose = Dose("hold", Span(15, 30), sides="both")
    assert dose.seconds == Span(15 * 2 + timing.SWITCH_SIDES, 30 * 2 + timing.SWITCH_SIDES)


def test_alternating_reps_count_a_gap_between_every_two_holds() -> None:
    dose = Dose("hold", Span(10, 10), Span(2, 2), "alternate")
    assert dose.seconds == Span(4 * 10 + 3 * timing.REP_GAP, 4 * 10 + 3 * timing.REP_GAP)


def test_breaths_are_timed_at_the_default_pace() -> None:
    pace = timing.INHALE + timing.EXHALE
    assert Dose("breaths", Span(10, 15)).seconds == Span(10 * pace, 15 * pace)


def test_a_routine_counts_get_ready_rests_and_every_stretch() -> None:
    items = tuple(
        RoutineItem(stretch(Dose("hold", Span(30, 60))), Dose("hold", Span(30, 60)))
        for _ in range(3)
    )
    routine = Routine("r", "R", "", items, "docs/routines/r.md", rest=10)
    assert routine.seconds == Span(timing.GET_READY + 90 + 20, timing.GET_READY + 180 + 20)


def test_steps_are_the_first_numbered_list_with_wrapped_lines_joined() -> None:
    body = "Intro.\n\n1. Stand tall,\n   feet apart.\n2. Reach up.\n\nTips\n\n1. Not a step."
    assert stretch(Dose("hold", Span(5, 5)), body).steps == ("Stand tall, feet apart.", "Reach up.")
