"""The generated pages: stretch pages, the stretch index, routine pages and the routines index.

Each page is Markdown with markers (``<!--limber:top-->``) plus blocks of HTML that the hook puts
at the markers after Markdown has run, so Markdown never parses them. Front-matter text is escaped
here, once. The stretch body (authored Markdown) is passed through for MkDocs to render. ``link``
turns a source path such as ``stretches/cat-cow.md`` into a URL relative to the page being written.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence

import segno

from limber import html, sanitize, timer
from limber.figures.svg import render_svg
from limber.layout import (
    SAFETY_PAGE,
    card_image,
    routine_cards_pdf,
    routine_page,
    stretch_page,
)
from limber.model import Routine, Stretch
from limber.schema import DEFAULT_LICENSE
from limber.sheet import render_sheet_row
from limber.vocabulary import AREAS, EQUIPMENT, POSITIONS, label
from limber.wording import dose_text, minutes_text

Link = Callable[[str], str]


def _safety_note(link: Link) -> str:
    return (
        '<aside class="limber-safety" aria-label="Safety">\n'
        "<p><strong>Go gently.</strong> Stop at once if you feel pain, numbness or tingling. "
        "This is general self-care, not treatment: for an injury or lasting pain, see a health "
        f'professional. <a href="{link(SAFETY_PAGE)}">Read the safety notes</a>.</p>\n'
        "</aside>\n"
    )


def _words(words: Iterable[str]) -> str:
    return ", ".join(html.text(label(word)) for word in words) or "None"


def _facts(stretch: Stretch) -> str:
    rows = [
        ("Dose", html.text(dose_text(stretch.dose))),
        ("Areas", _words(stretch.areas)),
        ("Position", html.text(label(stretch.position))),
        ("Equipment", _words(stretch.equipment)),
        ("Level", html.text(label(stretch.level))),
    ]
    if stretch.muscles:
        rows.append(("Muscles", html.text(", ".join(stretch.muscles))))
    cells = "\n".join(f"<div><dt>{name}</dt><dd>{value}</dd></div>" for name, value in rows)
    return f'<dl class="limber-facts">\n{cells}\n</dl>\n'


def _aliases(stretch: Stretch) -> str:
    """The other names people know the stretch by: shown, and so found by search."""
    if not stretch.aliases:
        return ""
    names = ", ".join(html.text(alias) for alias in stretch.aliases)
    return f'<p class="limber-aliases">Also called: {names}</p>\n'


# Placeholders carry a secret of this process, so a body cannot forge one (a body's comments are
# removed by the sanitizer anyway): no authored text decides where Limber's blocks go.
_NONCE = secrets.token_hex(12)


def marker(name: str) -> str:
    """A placeholder left in the Markdown for a block of HTML filled in after rendering."""
    return f"<!--limber:{name}:{_NONCE}-->"


class BodyError(ValueError):
    """A body whose rendered HTML swallowed Limber's placeholders (an unclosed construct)."""


def clean_body(html_text: str, wrapper: str = "") -> str:
    """The page with the authored body (between the ``body`` and ``end`` placeholders)
    sanitized, on its own: what a body holds can neither run nor reach the blocks around it
    (an unclosed tag is closed inside the body). ``wrapper`` is a class for a ``div`` around it.
    """
    start, end = marker("body"), marker("end")
    counts = html_text.count(start), html_text.count(end)
    if counts != (1, 1) or html_text.index(start) > html_text.index(end):
        raise BodyError("its HTML hid Limber's page structure (an unclosed HTML tag or comment?)")
    before, rest = html_text.split(start)
    body, after = rest.split(end)
    cleaned = sanitize.clean(body)
    if wrapper and cleaned.strip():
        cleaned = f'<div class="{wrapper}">\n{cleaned}\n</div>'
    return before + cleaned + after


def fill(html_text: str, blocks: Mapping[str, str]) -> str:
    """Put each generated HTML block where its marker is."""
    for name, block in blocks.items():
        html_text = html_text.replace(marker(name), block, 1)
    return html_text


def render_stretch_markdown(stretch: Stretch) -> str:
    """The Markdown of ``stretches/<slug>.md``: its headings and the authored steps."""
    # The page's headings are generated HTML, so the table of contents would be empty: hide it.
    header = html.front_matter("hide: [toc]", title=stretch.name, description=stretch.summary)
    return (
        f"{header}{marker('top')}\n\n{marker('body')}\n\n{stretch.body}\n\n{marker('end')}\n\n"
        f"{marker('foot')}\n"
    )


def render_stretch_late_blocks(stretch: Stretch) -> dict[str, str]:
    """The figure and the timer, put in after search has indexed the page: neither has words
    worth finding, and an SVG's many elements would slow indexing down."""
    return {
        "figure": render_svg(stretch.figure, stretch.name, stretch.areas),
        "timer": timer.render_stretch_timer(stretch),
    }


def render_routine_late_blocks(routine: Routine) -> dict[str, str]:
    """The routine player, put in after search has indexed the page."""
    return {"timer": timer.render_routine_timer(routine)}


def render_stretch_blocks(stretch: Stretch, link: Link, *, card: bool = False) -> dict[str, str]:
    """The HTML of a stretch page: header, facts and timer; cautions; card, safety, credits."""
    top = (
        f'<h1 class="limber-title">{html.text(stretch.name)}</h1>\n'
        + _aliases(stretch)
        + f'<p class="limber-lead">{html.text(stretch.summary)}</p>\n'
        '<div class="limber-overview">'
        + marker("figure")
        + _facts(stretch)
        + "</div>\n"
        + marker("timer")
        + '<h2 id="how-to-do-it">How to do it</h2>\n'
    )
    foot = ""
    if stretch.cautions:
        items = "\n".join(f"<li>{html.text(caution)}</li>" for caution in stretch.cautions)
        foot += f'<h2 id="take-care">Take care</h2>\n<ul class="limber-cautions">\n{items}\n</ul>\n'
    if card:
        foot += (
            f'<p class="limber-print"><a href="{link(card_image(stretch.slug))}" download>'
            "Download the printable card</a> (PNG, A6 at 300 dpi)</p>\n"
        )
    foot += _safety_note(link) + _attribution(stretch)
    return {"top": top, "foot": foot}


def _attribution(stretch: Stretch) -> str:
    """The foot of a stretch page: who wrote it, where the facts come from, its licence."""
    bits = []
    if stretch.author:
        bits.append(f"Written by {html.text(stretch.author)}.")
    if stretch.source:
        source = html.text(stretch.source)
        if re.match(r"^https?://\S+$", stretch.source):
            source = f'<a href="{source}" rel="nofollow noopener">{source}</a>'
        bits.append(f"Source: {source}.")
    licence = html.text(stretch.license or DEFAULT_LICENSE)
    bits.append(f"Text licensed under {licence}.")
    return f'<p class="limber-attribution">{" ".join(bits)}</p>\n'


def _data_words(words: Iterable[str]) -> str:
    return html.text(" ".join(words))


def _stretch_item(stretch: Stretch, link: Link) -> str:
    tags = " · ".join(
        [label(stretch.position), *(label(area) for area in stretch.areas)]
        + [label(item) for item in stretch.equipment]
    )
    return (
        f'<li class="limber-item" data-areas="{_data_words(stretch.areas)}" '
        f'data-position="{html.text(stretch.position)}" '
        f'data-equipment="{_data_words(stretch.equipment)}">'
        f'<a href="{link(stretch_page(stretch.slug))}">{html.text(stretch.name)}</a>'
        f'<span class="limber-item-summary">{html.text(stretch.summary)}</span>'
        f'<span class="limber-item-meta"><span class="limber-dose">'
        f"{html.text(dose_text(stretch.dose))}</span> · {html.text(tags)}</span></li>"
    )


def _select(name: str, title: str, options: Sequence[tuple[str, str]]) -> str:
    choices = "".join(
        f'<option value="{html.text(value)}">{html.text(text)}</option>' for value, text in options
    )
    return (
        f'<label>{title} <select name="{name}" data-limber-filter="{name}">'
        f'<option value="">Any</option>{choices}</select></label>'
    )


def _present(vocabulary: Sequence[str], used: set[str]) -> list[tuple[str, str]]:
    return [(word, label(word)) for word in vocabulary if word in used]


def _group(prefix: str, groups: Mapping[str, list[Stretch]], link: Link) -> str:
    sections = []
    for word, members in groups.items():
        heading = "No equipment" if word == "none" else label(word)
        if not members:
            continue
        links = ", ".join(
            f'<a href="{link(stretch_page(s.slug))}">{html.text(s.name)}</a>' for s in members
        )
        sections.append(
            f'<div class="limber-group" id="{prefix}-{html.text(word)}"><h3>{html.text(heading)}'
            f" <small>({len(members)})</small></h3><p>{links}</p></div>"
        )
    return "<div data-search-exclude>" + "\n".join(sections) + "</div>"


def render_stretch_index_markdown(count: int) -> str:
    """The Markdown of the stretch index: its headings, around the generated lists."""
    # Each stretch page is in the search index already; this page would only repeat them.
    header = html.front_matter(
        "search: {exclude: true}", title="Stretches", description=f"All {count} stretches."
    )
    return (
        header
        + "# Stretches\n\n"
        + "Every stretch in the library. Choose an area, a position or the equipment you have "
        + "to narrow the list, or browse the groups below.\n\n"
        + marker("list")
        + "\n\n## By area\n\n"
        + marker("area")
        + "\n\n## By position\n\n"
        + marker("position")
        + "\n\n## By equipment\n\n"
        + marker("equipment")
        + "\n"
    )


def render_stretch_index_blocks(stretches: Sequence[Stretch], link: Link) -> dict[str, str]:
    """The stretch index's HTML: a filterable list, then the same stretches grouped by facet."""
    areas = {word for s in stretches for word in s.areas}
    equipment = {word for s in stretches for word in s.equipment}
    positions = {s.position for s in stretches}
    items = "\n".join(_stretch_item(stretch, link) for stretch in stretches)
    form = (
        '<form class="limber-filters" data-limber-filters hidden aria-label="Filter stretches">'
        + _select("area", "Area", _present(AREAS, areas))
        + _select("position", "Position", _present(POSITIONS, positions))
        + _select(
            "equipment", "Equipment", [("none", "None needed"), *_present(EQUIPMENT, equipment)]
        )
        + '<button type="reset" class="md-button">Clear filters</button></form>\n'
        '<p class="limber-count" aria-live="polite" data-limber-count>'
        f"{len(stretches)} stretches</p>\n"
    )
    by_equipment = {"none": [s for s in stretches if not s.equipment]}
    by_equipment |= {word: [s for s in stretches if word in s.equipment] for word in EQUIPMENT}
    return {
        "list": form
        + f'<ul class="limber-list" data-limber-list data-search-exclude>\n{items}\n</ul>',
        "area": _group("area", {w: [s for s in stretches if w in s.areas] for w in AREAS}, link),
        "position": _group(
            "position", {w: [s for s in stretches if s.position == w] for w in POSITIONS}, link
        ),
        "equipment": _group("equipment", by_equipment, link),
    }


def qr_code(url: str) -> str:
    """An inline SVG QR code of ``url``, for the printed routine sheet."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=3, border=2, title=f"QR code: {url}")
    return svg.replace("<svg ", '<svg role="img" ', 1)


def render_routine_markdown(intro: str) -> str:
    """A routine page's Markdown, replacing the authored page's: headings and the intro."""
    parts = [marker("top"), "\n\n## The stretches\n\n", marker("list"), "\n\n"]
    parts += [marker("body"), "\n\n"]  # the hook sanitizes the intro and hides it in print
    if intro.strip():
        heading = "" if intro.lstrip().startswith("#") else "## About this routine\n\n"
        parts += [heading, intro.strip(), "\n\n"]
    parts += [marker("end"), "\n\n", marker("foot") + "\n"]
    return "".join(parts)


def render_routine_blocks(
    routine: Routine, link: Link, *, cards: bool = False, url: str | None = None
) -> dict[str, str]:
    """A routine page's HTML: header and player; the list; print links and the safety note.

    Printed, the page is the routine sheet: everything but the list and the sheet's own footer
    carries ``limber-sheet-hide`` or is hidden by print CSS. With ``url`` (when the site has a
    ``site_url``), the sheet carries a QR code back to the page.
    """
    rows = [
        render_sheet_row(item.stretch, item.dose, link(stretch_page(item.stretch.slug)))
        for item in routine.items
    ]
    count = len(routine.items)
    top = (
        f'<h1 class="limber-title">{html.text(routine.title)}</h1>\n'
        + (f'<p class="limber-lead">{html.text(routine.summary)}</p>\n' if routine.summary else "")
        + f'<p class="limber-meta"><strong>{minutes_text(routine.seconds)}</strong> · {count} '
        + f"stretch{'es' if count != 1 else ''} · {routine.rest} s rest between them</p>\n"
        + marker("timer")
        + marker("audio")
    )
    qr = f'<div class="limber-qr">{qr_code(url)}</div>' if url else ""
    listing = (
        f'<ol class="limber-routine">\n{chr(10).join(rows)}\n</ol>\n'
        f'<div class="limber-sheet-foot">{qr}<p>Stop at once if you feel pain, numbness or '
        f"tingling. Tick each stretch as you go.</p><p>{html.text(url or '')}</p></div>"
    )
    printing = (
        '<p class="limber-print limber-sheet-hide">Print this page for a one-page routine '
        "sheet (your browser's Print command)"
    )
    if cards:
        a4, letter = (link(routine_cards_pdf(routine.slug, paper)) for paper in ("A4", "Letter"))
        printing += (
            f', or print this routine\'s cards: <a href="{a4}" download>A4 PDF</a> · '
            f'<a href="{letter}" download>US Letter PDF</a>'
        )
    return {"top": top, "list": listing, "foot": printing + ".</p>\n" + _safety_note(link)}


def render_routine_index(routines: Sequence[Routine], link: Link) -> str:
    """The Markdown of the routines index."""
    items = "\n".join(
        f'<li class="limber-item"><a href="{link(routine_page(r.slug))}">'
        f"{html.text(r.title)}</a>"
        f'<span class="limber-item-summary">{html.text(r.summary)}</span>'
        f'<span class="limber-item-meta">{minutes_text(r.seconds)} · {len(r.items)} stretches'
        "</span></li>"
        for r in routines
    )
    body = f'<ul class="limber-list">\n{items}\n</ul>\n' if routines else "No routines yet.\n"
    return (
        html.front_matter(
            title="Routines", description="Stretch routines to follow with the timer."
        )
        + "# Routines\n\nSequences of stretches to follow with the timer, from start to finish.\n\n"
        + body
    )


def social_meta(title: str, description: str, image_url: str) -> str:
    """Open Graph tags so a shared link shows the stretch's card; values are escaped."""
    tags = {
        "og:type": "article",
        "og:title": title,
        "og:description": description,
        "og:image": image_url,
        "og:image:width": "1240",
        "og:image:height": "1748",
    }
    lines = [f'<meta property="{key}" content="{html.text(value)}">' for key, value in tags.items()]
    lines.append('<meta name="twitter:card" content="summary_large_image">')
    return "\n".join(lines) + "\n"


VOCABULARY_MARKER = "<!-- limber:vocabularies -->"


def render_vocabularies() -> str:
    """The vocabularies as a Markdown table, from the one place they are defined."""
    rows = [("areas", AREAS), ("position", POSITIONS), ("equipment", EQUIPMENT)]
    lines = ["| field | allowed words |", "| --- | --- |"]
    lines += [f"| `{name}` | {', '.join(f'`{word}`' for word in words)} |" for name, words in rows]
    return "\n".join(lines)
