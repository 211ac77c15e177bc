"""The index pages: every stretch, filterable and grouped by facet; every routine."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from limber.messages import text
from limber.model import Routine, Stretch
from limber.paths import ALL_CARDS_PDF, figure_thumbnail, routine_page, stretch_page
from limber.templating import Link, render
from limber.vocabulary import AREAS, EQUIPMENT, POSITIONS, label

# The stretch index's list is cut into runs of this many stretches, each a list of its own that
# the browser lays out only when it nears the screen. One list of 1,000 items held the main thread
# for a second on a phone (every style change Material makes at start restyled all of them); 20
# runs restyle as 20 elements. 50 is about ten phone screens: the first run is all that is drawn
# at first, and a library of up to 50 stretches has one list, as before.
STRETCHES_PER_LIST = 50


def render_stretch_index_markdown(count: int) -> str:
    """The Markdown of the stretch index: its headings, around the generated lists."""
    return render("stretch_index.md", count=count)


def _present(vocabulary: Sequence[str], used: set[str]) -> list[tuple[str, str]]:
    return [(word, label(word)) for word in vocabulary if word in used]


def _groups(prefix: str, groups: Mapping[str, list[Stretch]], link: Link) -> str:
    rows = [
        (word, text("index.no_equipment") if word == "none" else label(word), members)
        for word, members in groups.items()
    ]
    return render(
        "stretch_index_groups.html",
        prefix=prefix,
        groups=rows,
        link=link,
        stretch_page=stretch_page,
    ).rstrip("\n")


def render_stretch_index_blocks(
    stretches: Sequence[Stretch], link: Link, *, cards: bool = False
) -> dict[str, str]:
    """The stretch index's HTML: every card in one PDF (when cards are drawn), a filterable
    list, then the same stretches grouped by facet."""
    areas = {word for s in stretches for word in s.areas}
    equipment = {word for s in stretches for word in s.equipment}
    positions = {s.position for s in stretches}
    by_equipment = {"none": [s for s in stretches if not s.equipment]}
    by_equipment |= {word: [s for s in stretches if word in s.equipment] for word in EQUIPMENT}
    return {
        "cards": render("stretch_index_cards.html", link=link, pdf=ALL_CARDS_PDF) if cards else "",
        "list": render(
            "stretch_index_list.html",
            stretches=stretches,
            per_list=STRETCHES_PER_LIST,
            link=link,
            stretch_page=stretch_page,
            figure_thumbnail=figure_thumbnail,
            areas=_present(AREAS, areas),
            positions=_present(POSITIONS, positions),
            equipment=[("none", text("index.none_needed")), *_present(EQUIPMENT, equipment)],
        ).rstrip("\n"),
        "area": _groups("area", {w: [s for s in stretches if w in s.areas] for w in AREAS}, link),
        "position": _groups(
            "position", {w: [s for s in stretches if s.position == w] for w in POSITIONS}, link
        ),
        "equipment": _groups("equipment", by_equipment, link),
    }


def render_routine_index(routines: Sequence[Routine], link: Link) -> str:
    """The Markdown of the routines index."""
    return render("routine_index.md", routines=routines, link=link, routine_page=routine_page)
