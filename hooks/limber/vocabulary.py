"""The words a stretch file may use. Extend a vocabulary by adding one word to its tuple and
its display name under ``vocabulary`` in ``messages/en.yml``."""

from limber.messages import current, text

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
    """Display name of a vocabulary word, from the catalogue (``vocabulary.upper-back``); a word
    the catalogue lacks yet (a test asks for it) shows as ``Upper back``."""
    try:
        return text(f"vocabulary.{word}")
    except KeyError:
        return word.replace("-", " ").capitalize()


def also_called(word: str) -> tuple[str, ...]:
    """Other words readers use for an area (``also_called.lower-back``: "low back, lumbar"),
    which search finds its stretches by; none for a word the catalogue lists none for."""
    words = current().entries.get(f"also_called.{word}")  # as written: no placeholders
    if not isinstance(words, str):
        return ()
    return tuple(dict.fromkeys(part.strip() for part in words.split(",") if part.strip()))
