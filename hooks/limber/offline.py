"""Offline support: the precache list and service worker, the web app manifest and its icons.

The service worker is written after the build, from the files actually in ``site/``; its cache is
named by a hash of their contents, so any change to the site makes a new cache and the old one is
dropped when the new worker activates.

The precache holds what reading needs (pages, assets, the search index) and stays within
``2 MB + 25 KB`` a stretch. The large files (cards, PDFs, routine audio, the site zip) are saved
later: each when first opened, or all at once by "Save everything for offline" on the home page,
which reads their list from ``offline-files.json``. They are kept in a cache of their own, keyed
by a hash of each file, so a new build keeps what did not change and drops what did.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from limber import cache as seals
from limber import colours, sitezip
from limber.messages import SOURCE_LANGUAGE
from limber.paths import (
    CARD_PDFS,
    CARDS_DIR,
    DOWNLOADS_DIR,
    OFFLINE_FILES,
    SERVICE_WORKER,
    SITE_ZIP,
    asset,
    language_dir,
    worker_paths,
)
from limber.sitezip import Known
from limber.templating import render

ICONS = {asset("icon-192.png"): (192, False), asset("icon-512.png"): (512, False),
         asset("icon-maskable-512.png"): (512, True)}  # fmt: skip
AUDIO = ("*.mp3", asset("audio-clips.js"))  # routine tracks; the builder's spoken clips
# Saved later (first opened, or "Save everything"): large, and they grow with the library.
LATER = (f"{CARDS_DIR}/*", f"{DOWNLOADS_DIR}/*", *AUDIO)
# Never saved: source maps, search languages other than English, sitemaps, the worker itself, and
# the search index as a script (file:// pages read it; over http the theme reads the JSON).
NEVER = ("*.map", "assets/javascripts/lunr/*", "sitemap.xml*", SERVICE_WORKER,
         "search/search_index.js")  # fmt: skip
PRECACHE_EXCLUDE = (*NEVER, *LATER)
SAVE_MARKER = "<!-- limber:save-offline -->"  # where the home page puts "Save everything"
# Not zipped: the zip itself, source maps, and every language's card PDFs (the card images are).
ZIP_EXCLUDE = (f"{DOWNLOADS_DIR}/*", "*.map", *CARD_PDFS, *(f"*/{pdfs}" for pdfs in CARD_PDFS))
_TEMPLATE = Path(__file__).parent / "assets" / "service-worker.js"
_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


@dataclass(frozen=True)
class Precache:
    """What the service worker stores: site-relative paths, their total size, the build hash;
    and the files saved later, each as ``path: (hash, size)``."""

    files: tuple[str, ...]
    size: int
    version: str
    later: Mapping[str, tuple[str, int]] = field(default_factory=dict)

    @property
    def later_size(self) -> int:
        return sum(size for _, size in self.later.values())


def _site_files(site_dir: Path, exclude: Iterable[str]) -> Iterator[tuple[Path, str]]:
    """Every file of the built site, in a stable order, with its site path; minus ``exclude``."""
    excluded = _matcher(exclude)
    root = Path(os.path.abspath(site_dir))  # "site", not "./site": each path starts with it
    start = len(str(root)) + 1
    for path in sorted(_files_under(root)):
        relative = str(path)[start:].replace(os.sep, "/")
        if not excluded(relative):
            yield path, relative


def _files_under(folder: Path) -> Iterator[Path]:
    """The files below ``folder`` (links to files too, as ``Path.is_file`` counts them; linked
    folders are not entered). ``os.scandir`` knows each entry's kind without a ``stat``."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_under(Path(entry.path))
            elif entry.is_file():
                yield Path(entry.path)


def _matcher(patterns: Iterable[str]) -> Callable[[str], bool]:
    """Whether a site path matches any of the shell-style ``patterns`` (as ``fnmatch``), tested
    with one regular expression instead of one call per pattern."""
    joined = "|".join(fnmatch.translate(pattern) for pattern in patterns)
    if not joined:
        return lambda relative: False
    expression = re.compile(joined)
    return lambda relative: expression.match(relative) is not None


def search_language_files(language: str) -> tuple[str, ...]:
    """The search worker's stemming files for a language other than English (Material's)."""
    if language == SOURCE_LANGUAGE:
        return ()
    folder = "assets/javascripts/lunr/min"
    return (f"{folder}/lunr.stemmer.support.min.js", f"{folder}/lunr.{language}.min.js")


def _own_sites(site_dir: Path) -> tuple[str, ...]:
    """Patterns of the folders with a service worker of their own (another language's site)."""
    return tuple(
        f"{worker.parent.name}/*" for worker in sorted(site_dir.glob(f"*/{SERVICE_WORKER}"))
    )


def collect_precache(
    site_dir: Path, language: str = SOURCE_LANGUAGE, known: Known | None = None
) -> Precache:
    """Every file of the built site that reading needs offline, with a hash of all their
    contents: the files saved later and a folder with a service worker of its own (another
    language's site) left out, and the search language files of the site's ``language`` kept."""
    digest = hashlib.sha256()
    files: list[str] = []
    size = 0
    exclude = (*PRECACHE_EXCLUDE, *_own_sites(site_dir))
    keep = search_language_files(language)
    for path in (site_dir / name for name in keep):
        if path.is_file():
            files.append(path.relative_to(site_dir).as_posix())
            size += path.stat().st_size
            digest.update(path.read_bytes())
    for path, relative in _site_files(site_dir, exclude):
        file_hash, file_size = (known or {}).get(path) or _sha256(path)
        digest.update(relative.encode() + b"\0" + file_hash)
        files.append(relative)
        size += file_size
    return Precache(tuple(files), size, digest.hexdigest()[:16])


def _sha256(path: Path) -> tuple[bytes, int]:
    data = path.read_bytes()
    return hashlib.sha256(data).digest(), len(data)


def _file_hash(path: Path) -> tuple[str, int]:
    """A file's hash and size. CRC-32 and size: it only tells one build's file from the next,
    and reads hundreds of megabytes of cards quickly."""
    crc = 0
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    size = path.stat().st_size
    return f"{crc:08x}{size:x}", size


def collect_later(site_dir: Path, shared: Iterable[Path] = ()) -> dict[str, tuple[str, int]]:
    """The files saved later, each with its hash and size; another language's folder left out.
    ``shared`` files outside ``site_dir`` (the one zip of every language) are listed relative
    to it (``../downloads/limber-site.zip``)."""
    later: dict[str, tuple[str, int]] = {}
    saved_later = _matcher(LATER)
    for path, relative in _site_files(site_dir, (*NEVER, *_own_sites(site_dir))):
        if saved_later(relative):
            later[relative] = _file_hash(path)
    for path in shared:
        relative = os.path.relpath(path, site_dir).replace(os.sep, "/")
        if relative not in later:
            later[relative] = _file_hash(path)
    return later


def write_offline_files(
    site_dir: Path,
    language: str = SOURCE_LANGUAGE,
    shared: Iterable[Path] = (),
    known: Known | None = None,
) -> Precache:
    """After the build, for one language's site: the list of files saved later (its own, and
    ``shared`` ones such as the site zip) and the service worker that precaches the rest."""
    later = collect_later(site_dir, shared)
    listing = {"size": sum(size for _, size in later.values()),
               "files": {path: list(entry) for path, entry in later.items()}}  # fmt: skip
    listed = site_dir / OFFLINE_FILES
    listed.write_text(json.dumps(listing, separators=(",", ":")), "utf-8")
    if known is not None:  # written after the zip read it: hashed afresh
        known.pop(Path(os.path.abspath(listed)), None)
    precache = collect_precache(site_dir, language, known)
    precache = Precache(precache.files, precache.size, precache.version, later)
    (site_dir / SERVICE_WORKER).write_text(render_service_worker(precache), "utf-8")
    return precache


def write_offline_sites(
    site_dir: Path, languages: Sequence[str], previous: Path | None = None
) -> dict[str, Precache]:
    """After every language is built: the one site zip (reusing what it can of the zip of
    ``previous``, the last build's site), then each language's offline files, the other
    languages' folders (``site/es/``) first so that the English site leaves them out. The zip
    is saved later by every language's worker."""
    known: Known = {}
    # One zip of every language: the folder opens in any of them.
    site_zip = write_site_zip(site_dir, known, previous)
    written = {}
    for language in languages:
        written[language] = write_offline_files(
            site_dir / language_dir(language), language, [site_zip], known
        )
    written[SOURCE_LANGUAGE] = write_offline_files(site_dir, SOURCE_LANGUAGE, [site_zip], known)
    return written


def render_service_worker(precache: Precache) -> str:
    """The service worker script for this build."""
    script = _TEMPLATE.read_text(encoding="utf-8")
    files = json.dumps(list(precache.files), separators=(",", ":"))
    later = json.dumps({path: entry[0] for path, entry in precache.later.items()},
                       separators=(",", ":"))  # fmt: skip
    script = script.replace("__PATHS__", json.dumps(worker_paths(), separators=(",", ":")))
    script = script.replace("__LATER__", later)
    return script.replace("__VERSION__", json.dumps(precache.version)).replace("__FILES__", files)


def render_save_block() -> str:
    """The "Save everything for offline" control; site.js fills its sizes in and runs it."""
    return render("save_offline.html").rstrip("\n")


def render_manifest(name: str, description: str, language: str = "en") -> dict[str, Any]:
    """The web app manifest, with paths relative to the site root where it lives (each
    language's site has its own, in its own language)."""
    return {
        "lang": language,
        "name": name,
        "short_name": name,
        "description": description,
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": colours.PAPER,
        "theme_color": colours.BRAND,
        "icons": [
            {
                "src": path,
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "maskable" if maskable else "any",
            }
            for path, (size, maskable) in ICONS.items()
        ],
    }


def render_icon(size: int, maskable: bool = False) -> Image.Image:
    """The app icon: a figure reaching up, white on the brand teal."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    teal = (*colours.rgb(colours.BRAND), 255)
    if maskable:
        draw.rectangle((0, 0, size, size), fill=teal)
        inner = size * 0.62  # the safe zone of a maskable icon is the middle 80 %
    else:
        draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=teal)
        inner = size * 0.8
    unit = inner / 64
    ox = oy = (size - inner) / 2

    def at(x: float, y: float) -> tuple[float, float]:
        return ox + x * unit, oy + y * unit

    white = (*colours.rgb(colours.PAPER), 255)
    head = at(32, 13)
    draw.ellipse(
        (head[0] - 6 * unit, head[1] - 6 * unit, head[0] + 6 * unit, head[1] + 6 * unit), fill=white
    )
    stroke = max(2, round(5.5 * unit))
    for a, b in (((32, 23), (32, 40)), ((32, 40), (23, 56)), ((32, 40), (41, 56)),
                 ((32, 26), (18, 12)), ((32, 26), (46, 12))):  # fmt: skip
        draw.line((*at(*a), *at(*b)), fill=white, width=stroke, joint="curve")
        for end in (a, b):
            x, y = at(*end)
            draw.ellipse(
                (x - stroke / 2, y - stroke / 2, x + stroke / 2, y + stroke / 2), fill=white
            )
    return image


def write_icons(cache_dir: Path) -> dict[str, Path]:
    """The icons as PNG files in ``cache_dir``, keyed by their site path."""
    seals.safe_folder(cache_dir)
    written = {}
    for site_path, (size, maskable) in ICONS.items():
        target = cache_dir / f"{Path(site_path).stem}-{_CODE}.png"
        if not seals.verified(target):  # a damaged or committed icon is drawn again
            icon = render_icon(size, maskable)

            def save(path: Path, icon: Image.Image = icon) -> None:
                icon.save(path, "PNG", optimize=True)

            seals.write(target, save)
        written[site_path] = target
    return written


def write_site_zip(
    site_dir: Path, known: Known | None = None, previous: Path | None = None
) -> Path:
    """The whole built site as one zip, for browsing from the folder with no network
    (``limber.sitezip``); the entries of ``previous``, the last build's site, that hold the
    same bytes are reused. Each file's hash and size go into ``known``, for the precache."""
    target = site_dir / SITE_ZIP
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = seals.partial(target)
    members = (
        (path, f"limber/{relative}") for path, relative in _site_files(site_dir, ZIP_EXCLUDE)
    )
    last = previous / SITE_ZIP if previous is not None else None
    sitezip.write_zip(partial, members, last, known)
    partial.replace(target)
    return target
