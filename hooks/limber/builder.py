"""The routine builder page (``builder.html``) and the share links that open routines in it.

The page is generated like the stretch index (``templates/builder.md`` and ``builder.html``):
Markdown with a marker, and one HTML block holding
the library (server-rendered, so it shows at once and filters need no round trip) and the page
data the script ``assets/builder.js`` reads: every stretch's dose range and sheet cue, as escaped
JSON. Building, saving, sharing, printing and playing all happen in the browser, with no account
and no server; the player is the same ``timer.js`` player as on authored routine pages.

A share link carries the whole routine in its fragment (``#r=``), so it never reaches a server:

    1;<rest>;<count>;<title>;<slug>:<amount>[:<reps>],...

``1`` is the link version; ``title`` is percent-encoded (so ``;``, ``,`` and ``:`` never appear in
it); ``amount`` is seconds of hold or a count of breaths; ``reps`` is left out when 1. Slugs, not
positions, name stretches, so links survive stretches being added. ``builder.js`` holds the
decoder and reports what a damaged link lost; this module encodes the "Customise this routine"
links of authored routines, and a test checks both sides agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

from limber import timer, timing
from limber.messages import text
from limber.model import Routine, Stretch
from limber.paths import (
    BUILDER_PAGE,
    CONTRIBUTOR_GUIDE,
    ROUTINES_DIR,
    asset,
    figure_thumbnail,
    stretch_page,
)
from limber.sheet import (
    BASE_POINTS,
    LARGER_POINTS,
    PAGE_CHARACTERS,
    ROW_CHARACTERS,
    sheet_steps,
)
from limber.templating import render
from limber.vocabulary import AREAS, EQUIPMENT, POSITIONS, label

Link = Callable[[str], str]

LINK_VERSION = 1
TITLE_LIMIT = 60  # characters of the routine's name kept in a link (20 stretches fit 2,000)
REST_CHOICES = (0, 5, 10, 15, 20, 30, 45, 60)
SCRIPT = asset("builder.js")
STYLE = asset("builder.css")
QR_SCRIPT = "assets/vendor/qrcode-generator/qrcode.js"


def share_code(title: str, rest: int, items: Sequence[tuple[str, int, int]]) -> str:
    """The link form of a routine: ``items`` are ``(slug, amount, reps)``."""
    name = quote("".join(list(title)[:TITLE_LIMIT]), safe="")
    parts = [f"{slug}:{amount}" + (f":{reps}" if reps != 1 else "") for slug, amount, reps in items]
    return ";".join([str(LINK_VERSION), str(rest), str(len(items)), name, ",".join(parts)])


def routine_code(routine: Routine) -> str:
    """An authored routine as a link code, at the doses its player starts with (the low ends)."""
    items = [(i.stretch.slug, i.dose.amount.low, i.dose.reps.low) for i in routine.items]
    return share_code(routine.title, routine.rest, items)


def customise_link(routine: Routine, link: Link) -> str:
    """The "Customise this routine" button of a routine page, opening it in the builder."""
    href = f"{link(BUILDER_PAGE)}#r={routine_code(routine)}"
    return render("builder_customise.html", href=href)


def sheet_measures() -> dict[str, Any]:
    """A sheet's measures for the script, which decides as ``limber.sheet.sheet_room`` does
    whether its page has room for each stretch's next steps and for larger type."""
    return {
        "row": ROW_CHARACTERS,
        "page": PAGE_CHARACTERS,
        "base": BASE_POINTS,
        "points": list(LARGER_POINTS),
    }


def render_builder_markdown(count: int) -> str:
    """The Markdown of ``builder.md``: its heading, around the generated block."""
    return render("builder.md", count=count)


def _stretch_data(stretch: Stretch, href: str) -> dict[str, Any]:
    data = timer.dose_data(stretch.name, stretch.dose)
    steps = sheet_steps(stretch)
    data.update(slug=stretch.slug, url=href, cue=steps.cue)
    if steps.more:
        data["more"] = steps.more
    if not steps.whole:
        data["cut"] = True  # the handout links the page for the rest
    return data


def _library_item(stretch: Stretch, href: str, picture: str) -> dict[str, Any]:
    tags = " · ".join(
        [label(stretch.position), *(label(area) for area in stretch.areas)]
        + [label(item) for item in stretch.equipment]
    )
    words = " ".join([stretch.name, stretch.summary, *stretch.muscles, tags]).casefold()
    return {
        "stretch": stretch,
        "href": href,
        "tags": tags,
        "words": words,
        "picture": picture,
    }


def render_builder_blocks(
    stretches: Sequence[Stretch], link: Link, *, url: str | None = None
) -> dict[str, str]:
    """The builder's HTML: page data, the routine panel, the library and the printed sheet.

    ``url``, when the site has a ``site_url``, is the builder's public address: share links use
    it, so a link made on a copy browsed from the folder still opens for anyone."""
    data = {
        "version": LINK_VERSION,
        "rest": timing.DEFAULT_REST,
        "settings": timing.settings(),
        "base": url,
        "guide": link(CONTRIBUTOR_GUIDE),
        "sheet": sheet_measures(),
        "stretches": [_stretch_data(s, link(stretch_page(s.slug))) for s in stretches],
    }

    def present(vocabulary: Sequence[str], used: set[str]) -> list[tuple[str, str]]:
        return [(word, label(word)) for word in vocabulary if word in used]

    block = render(
        "builder.html",
        data=data,
        style=link(STYLE),
        script=link(SCRIPT),
        qr_script=link(QR_SCRIPT),
        guide=link(CONTRIBUTOR_GUIDE),
        example_path=f"docs/{ROUTINES_DIR}/my-routine.md",
        title_limit=TITLE_LIMIT,
        rests=REST_CHOICES,
        default_rest=timing.DEFAULT_REST,
        stretches=stretches,
        items=[
            _library_item(s, link(stretch_page(s.slug)), link(figure_thumbnail(s.slug)))
            for s in stretches
        ],
        areas=present(AREAS, {w for s in stretches for w in s.areas}),
        positions=present(POSITIONS, {s.position for s in stretches}),
        equipment=[
            ("none", text("index.none_needed")),
            *present(EQUIPMENT, {w for s in stretches for w in s.equipment}),
        ],
    ).rstrip("\n")
    return {"builder": block}
