"""The routine builder page (``builder.html``) and the share links that open routines in it.

The page is generated like the stretch index: Markdown with a marker, and one HTML block holding
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

from limber import html, timer, timing
from limber.model import Routine, Stretch
from limber.pages import marker
from limber.paths import BUILDER_PAGE, CONTRIBUTOR_GUIDE, stretch_page
from limber.sheet import sheet_cue, thumbnail
from limber.vocabulary import AREAS, EQUIPMENT, POSITIONS, label
from limber.wording import dose_text

Link = Callable[[str], str]

LINK_VERSION = 1
TITLE_LIMIT = 60  # characters of the routine's name kept in a link (20 stretches fit 2,000)
REST_CHOICES = (0, 5, 10, 15, 20, 30, 45, 60)
SCRIPT = "assets/limber/builder.js"
STYLE = "assets/limber/builder.css"
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
    return (
        f'<p class="limber-customise limber-sheet-hide"><a class="md-button" '
        f'href="{html.text(href)}">Customise this routine</a> '
        "Change the stretches, their doses or the rests, then play, print or share your own "
        "version.</p>\n"
    )


def render_builder_markdown(count: int) -> str:
    """The Markdown of ``builder.md``: its heading, around the generated block."""
    header = html.front_matter(
        "hide: [navigation, toc]\nsearch: {exclude: true}",
        title="Build a routine",
        description=f"Build your own routine from {count} stretches; play, print or share it.",
    )
    return (
        header
        + "# Build your own routine {: .limber-sheet-hide }\n\n"
        + '<p class="limber-lead limber-sheet-hide">Choose stretches from the library, set each '
        + "dose and the rests, then play it here, print it or share it by a link. No account: "
        + "your routines stay on this device.</p>\n\n"
        + marker("builder")  # a placeholder no authored text can forge
        + "\n"
    )


def _stretch_data(stretch: Stretch, href: str) -> dict[str, Any]:
    data = timer.dose_data(stretch.name, stretch.dose)
    data.update(slug=stretch.slug, url=href, cue=sheet_cue(stretch))
    return data


def _select(name: str, title: str, options: Sequence[tuple[str, str]], any_text: str) -> str:
    choices = "".join(
        f'<option value="{html.text(value)}">{html.text(text)}</option>' for value, text in options
    )
    return (
        f'<label>{html.text(title)} <select data-lb-filter="{name}">'
        f'<option value="">{html.text(any_text)}</option>{choices}</select></label>'
    )


def _library_item(stretch: Stretch, href: str) -> str:
    tags = " · ".join(
        [label(stretch.position), *(label(area) for area in stretch.areas)]
        + [label(item) for item in stretch.equipment]
    )
    words = " ".join([stretch.name, stretch.summary, *stretch.muscles, tags]).casefold()
    return (
        f'<li class="lb-item" data-slug="{html.text(stretch.slug)}" '
        f'data-areas="{html.text(" ".join(stretch.areas))}" '
        f'data-position="{html.text(stretch.position)}" '
        f'data-equipment="{html.text(" ".join(stretch.equipment))}" '
        f'data-words="{html.text(words)}">'
        f"{thumbnail(stretch)}"
        f'<span class="lb-item-text"><a href="{html.text(href)}">{html.text(stretch.name)}</a>'
        f'<span class="lb-item-dose">{html.text(dose_text(stretch.dose))}</span>'
        f'<span class="lb-item-meta">{html.text(tags)}</span></span>'
        f'<button type="button" class="md-button lb-add" data-lb-add="{html.text(stretch.slug)}" '
        f'disabled>Add<span class="lb-vh"> {html.text(stretch.name)}</span></button></li>'
    )


def _library(stretches: Sequence[Stretch], link: Link) -> str:
    areas = [(w, label(w)) for w in AREAS if any(w in s.areas for s in stretches)]
    positions = [(w, label(w)) for w in POSITIONS if any(w == s.position for s in stretches)]
    equipment = [(w, label(w)) for w in EQUIPMENT if any(w in s.equipment for s in stretches)]
    filters = (
        '<form class="lb-filters" data-lb-filters aria-label="Filter the library">'
        '<label class="lb-find">Find <input type="search" data-lb-filter="words" '
        'autocomplete="off" placeholder="Name, area or muscle"></label>'
        + _select("area", "Area", areas, "Any")
        + _select("position", "Position", positions, "Any")
        + _select("equipment", "Equipment", [("none", "None needed"), *equipment], "Any")
        + '<button type="reset" class="md-button">Clear</button></form>'
    )
    items = "\n".join(_library_item(s, link(stretch_page(s.slug))) for s in stretches)
    return (
        '<section class="lb-library limber-sheet-hide" aria-labelledby="the-library">'
        '<h2 id="the-library">The library</h2>'
        + filters
        + f'<p class="lb-count" data-lb-count aria-live="polite">{len(stretches)} stretches</p>'
        + f'<ul class="lb-items" data-lb-items>\n{items}\n</ul>'
        + '<p class="lb-tally"><span data-lb-tally></span> '
        '<a href="#your-routine">See your routine</a></p></section>'
    )


def _routine_panel() -> str:
    rests = "".join(
        f'<option value="{seconds}"{" selected" if seconds == timing.DEFAULT_REST else ""}>'
        f"{seconds} s</option>"
        for seconds in REST_CHOICES
    )
    return (
        '<section class="lb-routine limber-sheet-hide" id="your-routine" '
        'aria-labelledby="lb-routine-title">'
        '<h2 id="lb-routine-title">Your routine</h2>'
        '<div class="lb-fields">'
        f'<label>Routine name <input type="text" data-lb-title maxlength="{TITLE_LIMIT}" '
        'autocomplete="off" placeholder="My routine"></label>'
        f"<label>Rest between stretches <select data-lb-rest>{rests}</select></label></div>"
        '<p class="lb-total" data-lb-total>No stretches yet.</p>'
        '<ol class="lb-chosen" data-lb-chosen aria-label="Chosen stretches"></ol>'
        '<p class="lb-empty" data-lb-empty>Add stretches from <a href="#the-library">the '
        "library</a>: each <strong>Add</strong> button puts one at the end of your routine.</p>"
        '<section class="limber-timer lb-player" data-lb-player hidden '
        'aria-label="Player for your routine">'
        '<script type="application/json" data-limber-config>{}</script></section>'
        '<p class="lb-pending" data-lb-pending hidden>The player is still running the routine as '
        "it was: press <strong>Reset</strong> in the player to play your changes.</p>"
        "</section>"
    )


def _actions(guide: str) -> str:
    return (
        '<section class="lb-share" data-lb-actions hidden aria-labelledby="lb-share-title">'
        '<h2 id="lb-share-title">Share and print</h2>'
        '<label class="lb-link">Share link <input type="text" readonly data-lb-link></label>'
        '<div class="lb-buttons">'
        '<button type="button" class="md-button md-button--primary" data-lb-copy>Copy link</button>'
        '<button type="button" class="md-button" data-lb-share hidden>Share…</button>'
        '<button type="button" class="md-button" data-lb-print>Print</button></div>'
        '<p class="lb-copied" data-lb-copied></p>'
        '<div class="lb-qr" data-lb-qr></div>'
        '<p class="lb-hint">The link holds the whole routine: whoever opens it sees the same '
        "stretches, doses and rests, and can play them, even offline. Nothing goes to a "
        "server. The printed sheet carries the code above.</p>"
        '<details class="lb-propose"><summary>Propose this routine for the library</summary>'
        "<p>To offer it to everyone, add this text to Limber as "
        "<code data-lb-propose-path>docs/routines/my-routine.md</code> in a pull request, and "
        "write a line about who it is for. "
        f'<a href="{html.text(guide)}">The contributor guide</a> shows how; '
        "<code>limber check</code> checks the file.</p>"
        '<textarea readonly rows="10" data-lb-propose aria-label="Routine file text" '
        'spellcheck="false"></textarea>'
        '<button type="button" class="md-button" data-lb-propose-copy>Copy the text</button>'
        "</details></section>"
        '<section class="lb-saved" aria-labelledby="lb-saved-title">'
        '<h2 id="lb-saved-title">Saved on this device</h2>'
        '<div class="lb-buttons">'
        '<button type="button" class="md-button" data-lb-save>Save this routine</button>'
        '<button type="button" class="md-button" data-lb-new>Start a new routine</button></div>'
        '<ul class="lb-saved-list" data-lb-saved-list></ul>'
        '<p class="lb-saved-note" data-lb-saved-note role="status"></p>'
        '<div class="lb-buttons">'
        '<button type="button" class="md-button" data-lb-export>Export saved routines</button>'
        '<button type="button" class="md-button" data-lb-import>Import routines</button>'
        '<input type="file" accept=".json,application/json" data-lb-import-file hidden '
        'aria-label="Routines file to import"></div>'
        "</section>"
    )


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
        "stretches": [_stretch_data(s, link(stretch_page(s.slug))) for s in stretches],
    }
    block = (
        f'<link rel="stylesheet" href="{link(STYLE)}">'
        '<div class="limber-builder" data-limber-builder>'
        f'<script type="application/json" data-lb-data>{html.json_script(data)}</script>'
        '<p class="lb-needs-script">The builder needs JavaScript. You can still browse the '
        "library below and follow any stretch with its own timer.</p>"
        '<div class="lb-notice" data-lb-notice role="alert" hidden></div>'
        '<p class="lb-status lb-vh" data-lb-status role="status"></p>'
        '<div class="lb-layout"><div class="lb-side limber-sheet-hide">'
        + _routine_panel()
        + _actions(link(CONTRIBUTOR_GUIDE))
        + "</div>"
        + _library(stretches, link)
        + "</div>"
        '<div class="lb-sheet" data-lb-sheet aria-hidden="true"></div>'
        "</div>"
        f'<script src="{link(QR_SCRIPT)}" defer></script>'
        f'<script src="{link(SCRIPT)}" defer></script>'
    )
    return {"builder": block}
