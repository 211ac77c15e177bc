"""The timer's pacing and its plan, shared by the time estimates, the timer and the audio.

The script receives these numbers from the page (``limber.pages``), so the page's "about N
minutes" and the player's clock follow the same rules. ``build_plan`` is the Python twin of the
script's ``buildPlan``: the routine audio (``limber.audio``) is laid out on it, and the tests
check that both give the same steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

GET_READY = 5  # seconds before the first hold
SWITCH_SIDES = 5  # gap between all reps on the left and all reps on the right
REP_GAP = 3  # gap between two reps, or between left and right when alternating
DEFAULT_REST = 10  # routine rest between stretches
INHALE = 4  # default breath pace, seconds; the user may change it in the timer
EXHALE = 4


def dose_seconds(
    kind: str, amount: int, reps: int, sides: str, breath: int = INHALE + EXHALE
) -> int:
    """Seconds a dose takes with the timer, gaps included, get-ready excluded."""
    work = amount if kind == "hold" else amount * breath
    if sides == "none":
        return reps * work + (reps - 1) * REP_GAP
    if sides == "both":
        return 2 * reps * work + 2 * (reps - 1) * REP_GAP + SWITCH_SIDES
    return 2 * reps * work + (2 * reps - 1) * REP_GAP


def settings() -> dict[str, int]:
    """The pacing numbers, as the timer script reads them."""
    return {
        "getReady": GET_READY,
        "switchSides": SWITCH_SIDES,
        "repGap": REP_GAP,
        "inhale": INHALE,
        "exhale": EXHALE,
    }


@dataclass(frozen=True)
class PlanItem:
    """One stretch of a plan at a chosen length: whole seconds or breaths, reps, sides."""

    name: str
    kind: str  # "hold" | "breaths"
    amount: int
    reps: int
    sides: str  # "none" | "both" | "alternate"


@dataclass(frozen=True)
class Step:
    """A timed step of the plan, as ``buildPlan`` in ``assets/timer.js`` makes it."""

    type: str  # ready | rest | switch | gap | work | done
    duration: int
    item: int
    side: str = ""  # "Left" | "Right" | "" (no side)
    rep: int = 0
    reps: int = 0
    kind: str = ""  # a work step's dose kind
    breaths: int = 0


def _sides(item: PlanItem) -> list[tuple[str, int]]:
    if item.sides == "none":
        return [("", rep) for rep in range(1, item.reps + 1)]
    if item.sides == "alternate":
        return [(side, rep) for rep in range(1, item.reps + 1) for side in ("Left", "Right")]
    return [("Left", rep) for rep in range(1, item.reps + 1)] + [
        ("Right", rep) for rep in range(1, item.reps + 1)
    ]


def build_plan(
    items: Sequence[PlanItem], rest: int, inhale: int = INHALE, exhale: int = EXHALE
) -> tuple[Step, ...]:
    """The steps the timer runs through, in order: the Python twin of ``buildPlan`` in
    ``timer.js`` (the tests run both on the same routines and compare them)."""
    steps = [Step("ready", GET_READY, 0)]
    for index, item in enumerate(items):
        if index > 0 and rest > 0:
            steps.append(Step("rest", rest, index))
        work = item.amount if item.kind == "hold" else item.amount * (inhale + exhale)
        breaths = item.amount if item.kind == "breaths" else 0
        previous = ""
        for k, (side, rep) in enumerate(_sides(item)):
            if k > 0:
                switching = item.sides == "both" and side != previous
                steps.append(
                    Step(
                        "switch" if switching else "gap",
                        SWITCH_SIDES if switching else REP_GAP,
                        index,
                        side,
                        rep,
                        item.reps,
                    )
                )
            steps.append(Step("work", work, index, side, rep, item.reps, item.kind, breaths))
            previous = side
    steps.append(Step("done", 0, max(len(items) - 1, 0)))
    return tuple(steps)


def step_starts(steps: Sequence[Step]) -> list[int]:
    """Seconds from the start of the plan at which each step begins."""
    starts, now = [], 0
    for step in steps:
        starts.append(now)
        now += step.duration
    return starts
