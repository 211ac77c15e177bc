"""The words a stretch file may use. Extend a vocabulary by adding one word to its tuple."""

AREAS = (
    "neck", "shoulders", "chest", "upper-back", "mid-back", "lower-back", "lats", "spine",
    "arms", "wrists", "hips", "glutes", "hamstrings", "quads", "calves",
)  # fmt: skip

EQUIPMENT = (
    "chair", "doorway", "wall", "foam-roller", "massage-ball", "yoga-block", "strap", "mat",
    "towel",
)  # fmt: skip

POSITIONS = ("standing", "seated", "kneeling", "all-fours", "lying")

LEVELS = ("beginner", "intermediate", "advanced")

SIDES = ("none", "both", "alternate")

BREATH_PHASES = ("inhale", "exhale")


def label(word: str) -> str:
    """Display form of a vocabulary word: ``upper-back`` becomes ``Upper back``."""
    return word.replace("-", " ").capitalize()
