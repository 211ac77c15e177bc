"""A stretch's page: its Markdown, the blocks around the authored steps, its social preview."""

from __future__ import annotations

from collections.abc import Collection

from limber import timer
from limber.figures.svg import render_svg
from limber.messages import text
from limber.model import Stretch
from limber.paths import SAFETY_PAGE, card_image
from limber.schema import DEFAULT_LICENSE
from limber.templating import Link, render
from limber.vocabulary import label
from limber.wording import dose_text


def render_stretch_markdown(stretch: Stretch) -> str:
    """The Markdown of ``stretches/<slug>.md``: its headings and the authored steps."""
    return render("stretch.md", stretch=stretch)


def facts(stretch: Stretch, leave_out: Collection[str] = ()) -> list[tuple[str, str]]:
    """The facts panel's rows, as (name, value): also the search entry's facts, which
    ``leave_out`` some (``"areas"``)."""

    def words(values: tuple[str, ...]) -> str:
        return ", ".join(label(word) for word in values) or text("stretch.none")

    rows = [
        ("dose", dose_text(stretch.dose)),
        ("areas", words(stretch.areas)),
        ("position", label(stretch.position)),
        ("equipment", words(stretch.equipment)),
        ("level", label(stretch.level)),
    ]
    if stretch.muscles:
        rows.append(("muscles", ", ".join(stretch.muscles)))
    return [(text(f"stretch.facts.{key}"), value) for key, value in rows if key not in leave_out]


def render_stretch_blocks(stretch: Stretch, link: Link, *, card: bool = False) -> dict[str, str]:
    """The HTML of a stretch page: header, facts and timer; cautions; card, safety, credits."""
    return {
        "top": render("stretch_top.html", stretch=stretch, facts=facts(stretch)),
        "foot": render(
            "stretch_foot.html",
            stretch=stretch,
            link=link,
            safety_page=SAFETY_PAGE,
            card=link(card_image(stretch.slug)) if card else "",
            default_license=DEFAULT_LICENSE,
        ),
    }


def render_stretch_late_blocks(stretch: Stretch) -> dict[str, str]:
    """The figure and the timer, put in after search has indexed the page: neither has words
    worth finding, and an SVG's many elements would slow indexing down."""
    return {
        "figure": render_svg(stretch.figure, stretch.name, stretch.areas),
        "timer": timer.render_stretch_timer(stretch),
    }


def social_meta(title: str, description: str, image_url: str) -> str:
    """Open Graph tags so a shared link shows the stretch's card; values are escaped."""
    tags = [
        ("og:type", "article"),
        ("og:title", title),
        ("og:description", description),
        ("og:image", image_url),
        ("og:image:width", "1240"),
        ("og:image:height", "1748"),
    ]
    return render("social_meta.html", tags=tags)
