"""Every path of the site, in one place: where content lives (SPEC section 1), where generated
pages, cards and assets go (SPEC section 4), and the build's cache.

The hook, offline support, printing, the CLI and the tests read these names; the page scripts get
the ones they need from ``page_paths`` (in ``window.LimberData``), the service worker from its
template. Paths are site-relative with ``/`` separators, as MkDocs' ``File`` wants them.
"""

from __future__ import annotations

import re
import unicodedata

STRETCHES_DIR = "stretches"  # beside mkdocs.yml
ROUTINES_DIR = "routines"  # inside docs_dir
RESERVED_SLUGS = ("index",)  # stretches/index.md is the generated stretch index
CACHE_DIR = ".cache/limber"  # beside mkdocs.yml: cards, sheets and icons kept between builds

STRETCH_INDEX = "stretches/index.md"
ROUTINE_INDEX = "routines/index.md"
SAFETY_PAGE = "safety.md"
HOME_PAGE = "index.md"  # authored; the hook fills in its routines and body areas
BUILDER_PAGE = "builder.md"  # the routine builder, generated; in the top navigation
CONTRIBUTOR_GUIDE = "contributing.md"

ASSET_DIR = "assets/limber"  # Limber's styles, scripts and icons in the built site
SITE_ROOT_FROM_ASSETS = "../../"  # how a script in ASSET_DIR finds the site's root
SERVICE_WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
NOT_FOUND_PAGE = "404.html"
DOWNLOADS_DIR = "downloads"  # large files to download; not in the site zip
SITE_ZIP = f"{DOWNLOADS_DIR}/limber-site.zip"
OFFLINE_FILES = "offline-files.json"  # the files "Save everything for offline" fetches

FIGURES_DIR = "stretches/figures"  # one small standalone SVG per stretch, for lists

CARDS_DIR = "cards"
ALL_CARDS_PDF = {"A4": "cards/stretch-cards.pdf", "Letter": "cards/stretch-cards-letter.pdf"}
CARD_PDFS = ("cards/*.pdf", "cards/routines/*.pdf")  # patterns of every card PDF


# A translation sits beside its original as ``<stem>.<language>.md`` (``cat-cow.es.md``), the
# language written as MkDocs' theme.language writes it (es, pt-br).
TRANSLATION_NAME = re.compile(
    r"^(?P<stem>[^.]+)\.(?P<language>[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?)\.md$"
)


# Letters NFKD does not take apart into a plain letter and an accent.
_LATIN = str.maketrans({
    "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ł": "l",
    "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "ð": "d",
})  # fmt: skip


def slugify(name: str) -> str:
    """A file name's slug from a display name or a misnamed file's stem: ``Wall angel`` →
    ``wall-angel``, ``Côté`` → ``cote``, ``Straße`` → ``strasse``; empty if it has no Latin
    letter or digit."""
    plain = unicodedata.normalize("NFKD", name.translate(_LATIN))
    plain = plain.encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))


def translation_parts(file_name: str) -> tuple[str, str] | None:
    """``(stem, language)`` of a translation's file name (``cat-cow.es.md``), else None."""
    match = TRANSLATION_NAME.match(file_name)
    return (match["stem"], match["language"]) if match else None


def language_dir(language: str) -> str:
    """Where a language's site goes inside the built site (``es``); English is the root."""
    return language


def stretch_page(slug: str) -> str:
    """Source path of a stretch's generated page, relative to docs_dir."""
    return f"{STRETCHES_DIR}/{slug}.md"


def figure_thumbnail(slug: str) -> str:
    """Site path of a stretch's small standalone figure, shown beside its name in lists."""
    return f"{FIGURES_DIR}/{slug}.svg"


def routine_page(slug: str) -> str:
    """Source path of a routine's authored page, relative to docs_dir."""
    return f"{ROUTINES_DIR}/{slug}.md"


def asset(name: str) -> str:
    """Site path of one of Limber's assets (``timer.js``, ``icon-192.png``)."""
    return f"{ASSET_DIR}/{name}"


def routine_audio(slug: str) -> str:
    """Site path of a routine's audio track (SPEC section 10)."""
    return f"{ROUTINES_DIR}/{slug}.mp3"


def card_image(slug: str) -> str:
    """Site path of a stretch's printable card."""
    return f"{CARDS_DIR}/{slug}.png"


def routine_cards_pdf(slug: str, paper: str) -> str:
    """Site path of the PDF of a routine's cards, in routine order."""
    suffix = "" if paper == "A4" else f"-{paper.lower()}"
    return f"{CARDS_DIR}/routines/{slug}{suffix}.pdf"


def page_paths() -> dict[str, str]:
    """The paths the page scripts need, relative to the site's root (``root`` is relative to
    the scripts' own folder)."""
    return {"root": SITE_ROOT_FROM_ASSETS, "manifest": MANIFEST, "serviceWorker": SERVICE_WORKER,
            "offlineFiles": OFFLINE_FILES}  # fmt: skip


def worker_paths() -> dict[str, str]:
    """The paths the service worker needs, relative to its scope (the site's root)."""
    return {"notFound": NOT_FOUND_PAGE, "index": "index.html"}
