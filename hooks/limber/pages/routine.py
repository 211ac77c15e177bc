"""A routine's page: the authored intro between generated blocks; printed, the routine sheet."""

from __future__ import annotations

import segno
from markupsafe import Markup

from limber import timer
from limber.messages import text
from limber.model import Routine
from limber.paths import SAFETY_PAGE, routine_cards_pdf, stretch_page
from limber.sheet import BASE_POINTS, render_sheet_row, sheet_room
from limber.templating import Link, render


def render_routine_markdown(intro: str) -> str:
    """A routine page's Markdown, replacing the authored page's: headings and the intro."""
    return render("routine.md", intro=intro.strip())


def qr_code(url: str) -> Markup:
    """An inline SVG QR code of ``url``, for the printed routine sheet (segno escapes the title)."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=3, border=2, title=text("routine.qr", url=url))
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))


def render_routine_blocks(
    routine: Routine, link: Link, *, cards: bool = False, url: str | None = None
) -> dict[str, str]:
    """A routine page's HTML: header and player; the list; print links and the safety note.

    Printed, the page is the routine sheet: everything but the list and the sheet's own footer
    carries ``limber-sheet-hide`` or is hidden by print CSS. With ``url`` (when the site has a
    ``site_url``), the sheet carries a QR code back to the page.
    """
    room = sheet_room([item.stretch for item in routine.items])  # next steps, larger type
    rows = [
        Markup(
            render_sheet_row(
                item.stretch, item.dose, link(stretch_page(item.stretch.slug)), more=room.more
            )
        )
        for item in routine.items
    ]
    papers = ("A4", "Letter") if cards else ()
    pdfs = {paper: link(routine_cards_pdf(routine.slug, paper)) for paper in papers}
    return {
        "top": render("routine_top.html", routine=routine).rstrip("\n"),
        "list": render(
            "routine_list.html",
            rows=rows,
            room=room,
            base_points=BASE_POINTS,
            qr=qr_code(url) if url else "",
            url=url,
        ).rstrip("\n"),
        "foot": render("routine_foot.html", link=link, safety_page=SAFETY_PAGE, cards=pdfs),
    }


def render_routine_late_blocks(routine: Routine) -> dict[str, str]:
    """The routine player, put in after search has indexed the page."""
    return {"timer": timer.render_routine_timer(routine)}
