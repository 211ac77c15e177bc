"""The library's coverage, held so it cannot quietly shrink: enough stretches for every area and
every starting position, a picture for each, and routines for the needs people come with."""

from __future__ import annotations

from collections import Counter

from limber.loading import Library, load_library
from limber.vocabulary import AREAS, POSITIONS

from .conftest import ROOT

AT_LEAST = 3


def library() -> Library:
    return load_library(ROOT, ROOT / "docs")


def test_there_are_at_least_sixty_stretches() -> None:
    assert len(library().stretches) >= 60


def test_every_area_and_every_position_has_at_least_three_stretches() -> None:
    stretches = library().stretches.values()
    areas = Counter(area for stretch in stretches for area in stretch.areas)
    positions = Counter(stretch.position for stretch in stretches)
    thin = {f"area {word}": areas[word] for word in AREAS if areas[word] < AT_LEAST}
    thin |= {
        f"position {word}": positions[word] for word in POSITIONS if positions[word] < AT_LEAST
    }
    assert thin == {}, f"fewer than {AT_LEAST} stretches: {thin}"


def test_there_are_at_least_ten_routines() -> None:
    assert len(library().routines) >= 10
