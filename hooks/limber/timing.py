"""The timer's pacing, shared by the routine time estimates and the timer script's settings.

The script receives these numbers from the page (``limber.pages``), so the page's "about N
minutes" and the player's clock follow the same rules.
"""

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
