"""The home page's generated parts: the routines to start, then the body areas to browse by.

``docs/index.md`` is authored: its headings and words are the maintainers'. Two comments in it
(``ROUTINES_MARKER``, ``AREAS_MARKER``) say where the routines go, as cards (name, minutes,
stretches), and the body areas, as tiles (a figure, the name, how many stretches) that open the
stretch index filtered to that area. The comments become placeholders before Markdown runs and
the blocks go in after, so Markdown never parses them.
"""

from __future__ import annotations

from collections.abc import Sequence

from limber.model import Routine, Stretch
from limber.paths import STRETCH_INDEX, figure_thumbnail, routine_page
from limber.templating import Link, marker, render
from limber.vocabulary import AREAS, label

ROUTINES_MARKER = "<!-- limber:home-routines -->"
AREAS_MARKER = "<!-- limber:home-areas -->"


def mark_home(markdown: str) -> str:
    """The home page's Markdown with its two authored comments turned into placeholders."""
    markdown = markdown.replace(ROUTINES_MARKER, marker("home_routines"), 1)
    return markdown.replace(AREAS_MARKER, marker("home_areas"), 1)


def _areas(stretches: Sequence[Stretch]) -> list[tuple[str, str, int, Stretch]]:
    """Each area that has stretches, head to feet: its word, name, count and the stretch whose
    figure stands for it (the first whose main area it is)."""
    tiles = []
    for area in AREAS:
        members = [s for s in stretches if area in s.areas]
        if members:
            shown = next((s for s in members if s.areas[0] == area), members[0])
            tiles.append((area, label(area), len(members), shown))
    return tiles


def render_home_blocks(
    routines: Sequence[Routine], stretches: Sequence[Stretch], link: Link
) -> dict[str, str]:
    """The routines as cards, shortest first (the first thing a visitor can start), and a tile
    per body area."""
    ordered = sorted(routines, key=lambda r: (r.seconds.low, r.title.casefold()))
    return {
        "home_routines": render(
            "home_routines.html", routines=ordered, link=link, routine_page=routine_page
        ).rstrip("\n"),
        "home_areas": render(
            "home_areas.html",
            areas=_areas(stretches),
            index=link(STRETCH_INDEX),
            link=link,
            figure_thumbnail=figure_thumbnail,
        ).rstrip("\n"),
    }
