"""The site in several languages: English at the root, each other language in its own folder.

Each language is a whole MkDocs build of the same content into ``site/<code>/`` with the theme in
that language (its own search index with that language's stemming, Material's words, ``<html
lang>``) and Limber's catalogue, content translations laid over the originals
(``translations.py``). This module holds what those builds share and needs no MkDocs: which
languages there are, where the same page is in each, the switcher's and the sitemap's links, the
navigation's words and the notice on a page not yet translated.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup

from limber import messages
from limber.paths import (
    BUILDER_PAGE,
    CONTRIBUTOR_GUIDE,
    ROUTINE_INDEX,
    SAFETY_PAGE,
    STRETCH_INDEX,
    language_dir,
)
from limber.templating import render
from limber.translations import target_languages

# Templates of the theme that Limber overrides (the language switcher), put before the theme's.
THEME_DIR = Path(__file__).parent / "theme"

# The navigation's pages and the catalogue key of each one's tab.
NAV_KEYS: Mapping[str, str] = {
    "index.md": "nav.home",
    STRETCH_INDEX: "nav.stretches",
    ROUTINE_INDEX: "nav.routines",
    BUILDER_PAGE: "nav.builder",
    SAFETY_PAGE: "nav.safety",
    CONTRIBUTOR_GUIDE: "nav.contributing",
}


def built_languages() -> tuple[str, ...]:
    """The languages built besides English: every one with a catalogue, or only those listed in
    ``LIMBER_LANGUAGES`` (``LIMBER_LANGUAGES=en`` builds English alone, for a quick preview and
    for the benchmark's one-language build)."""
    wanted = os.environ.get("LIMBER_LANGUAGES", "").replace(" ", "")
    targets = target_languages()
    if not wanted:
        return targets
    listed = wanted.split(",")
    return tuple(code for code in targets if code in listed)


def site_languages() -> tuple[str, ...]:
    """Every language the site is built in, English first."""
    return (messages.SOURCE_LANGUAGE, *built_languages())


def language_name(code: str) -> str:
    """A language's name in that language (``Español``), for the switcher."""
    return messages.load(code).text("language.name")


def _prefix(language: str) -> str:
    return "" if language == messages.SOURCE_LANGUAGE else language_dir(language) + "/"


def page_in(language: str, page_url: str, current: str) -> str:
    """The link from a page (``page_url`` within the ``current`` language's site) to the same
    page in ``language``, relative, so that it works from a folder and offline."""
    up = "../" * page_url.count("/")
    if current != messages.SOURCE_LANGUAGE:
        up += "../"  # out of this language's folder to the site's root
    return f"{up}{_prefix(language)}{page_url}"


def absolute_page(language: str, page_url: str, site_url: str) -> str:
    """The same page's URL in ``language`` on the published site (``site_url`` is the root)."""
    return f"{site_url.rstrip('/')}/{_prefix(language)}{page_url}"


def alternates(page_url: str, current: str) -> list[dict[str, Any]]:
    """The switcher's entries for a page: each language's name, code, link and whether it is
    the page's own."""
    return [
        {
            "lang": code,
            "name": language_name(code),
            "href": page_in(code, page_url, current),
            "current": code == current,
        }
        for code in site_languages()
    ]


def alternate_urls(page_url: str, site_url: str, current: str) -> list[tuple[str, str]]:
    """The page's full address in every language, English also as ``x-default``, for the
    sitemap's ``hreflang`` links (search engines want them absolute). ``site_url`` is the
    address of the ``current`` language's site, as MkDocs has it (``…/es/`` in Spanish)."""
    root = site_url.rstrip("/").removesuffix("/" + _prefix(current).rstrip("/"))
    links = [(code, absolute_page(code, page_url, root)) for code in site_languages()]
    return [*links, ("x-default", links[0][1])]


def translate_nav(nav: Any) -> Any:
    """MkDocs' ``nav`` setting with the tabs of Limber's pages in the site's language."""
    if isinstance(nav, list):
        return [translate_nav(item) for item in nav]
    if isinstance(nav, dict):
        translated = {}
        for title, target in nav.items():
            key = NAV_KEYS.get(target) if isinstance(target, str) else None
            translated[messages.text(key) if key else title] = translate_nav(target)
        return translated
    return nav


def translate_palette(palette: Any) -> Any:
    """Material's colour scheme toggles (``theme.palette`` in mkdocs.yml) named in the site's
    language: the toggle on the dark scheme switches to light, every other one to dark."""
    if not isinstance(palette, list):
        return palette
    translated = []
    for scheme in palette:
        if isinstance(scheme, dict) and isinstance(scheme.get("toggle"), dict):
            key = "language.to_light" if scheme.get("scheme") == "slate" else "language.to_dark"
            scheme = {**scheme, "toggle": {**scheme["toggle"], "name": messages.text(key)}}
        translated.append(scheme)
    return translated


def render_fallback_notice(original_href: str) -> Markup:
    """The notice above a page shown in English because it is not translated yet, in the page's
    language, with the English text marked as English for screen readers (``lang``)."""
    return Markup(render("fallback_notice.html", href=original_href).rstrip("\n"))


def add_fallback_notice(html_text: str, original_href: str, *, generated: bool) -> str:
    """A page's HTML with the notice: a generated page (words in the page's language around an
    English text) has it under its title, and its title and summary marked as English; an
    authored page has it first, and all of its text marked as English."""
    notice = render_fallback_notice(original_href)
    if not generated:
        english = messages.SOURCE_LANGUAGE
        return render("fallback_page.html", notice=notice, lang=english, body=Markup(html_text))
    # The source language is English: the generated title and summary are its text.
    html_text = html_text.replace(
        '<h1 class="limber-title"', '<h1 class="limber-title" lang="en"', 1
    )
    html_text = html_text.replace('<p class="limber-lead"', '<p class="limber-lead" lang="en"', 1)
    head, found, rest = html_text.partition("</h1>")
    if not found:
        return Markup("{}\n{}").format(notice, Markup(html_text))
    return Markup("{}</h1>\n{}{}").format(Markup(head), notice, Markup(rest))
