"""Offline support: the precache list and service worker, the web app manifest and its icons.

The service worker is written after the build, from the files actually in ``site/``; its cache is
named by a hash of their contents, so any change to the site makes a new cache and the old one is
dropped when the new worker activates.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from limber import cache as seals
from limber import colours
from limber.paths import CARD_PDFS, DOWNLOADS_DIR, SERVICE_WORKER, SITE_ZIP, asset, worker_paths

ICONS = {asset("icon-192.png"): (192, False), asset("icon-512.png"): (512, False),
         asset("icon-maskable-512.png"): (512, True)}  # fmt: skip
AUDIO = ("*.mp3", asset("audio-clips.js"))  # routine tracks; the builder's spoken clips
# Not precached: source maps, search languages other than English, sitemaps, the zip, the card
# PDFs and the routine audio (large, and they grow with the library): the worker caches those
# when first opened or played.
PRECACHE_EXCLUDE = ("*.map", "assets/javascripts/lunr/*", "sitemap.xml*", SERVICE_WORKER,
                    SITE_ZIP, *CARD_PDFS, *AUDIO)  # fmt: skip
# Not zipped: the zip itself, source maps, and the card PDFs (the card images are in).
ZIP_EXCLUDE = (f"{DOWNLOADS_DIR}/*", "*.map", *CARD_PDFS)
_TEMPLATE = Path(__file__).parent / "assets" / "service-worker.js"
_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


@dataclass(frozen=True)
class Precache:
    """What the service worker stores: site-relative paths, their total size, the build hash."""

    files: tuple[str, ...]
    size: int
    version: str


def _site_files(site_dir: Path, exclude: Iterable[str]) -> Iterator[tuple[Path, str]]:
    """Every file of the built site, in a stable order, with its site path; minus ``exclude``."""
    patterns = tuple(exclude)
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(site_dir).as_posix()
        if not any(fnmatch.fnmatch(relative, pattern) for pattern in patterns):
            yield path, relative


def search_language_files(language: str) -> tuple[str, ...]:
    """The search worker's stemming files for a language other than English (Material's)."""
    if language == "en":
        return ()
    folder = "assets/javascripts/lunr/min"
    return (f"{folder}/lunr.stemmer.support.min.js", f"{folder}/lunr.{language}.min.js")


def collect_precache(site_dir: Path, language: str = "en") -> Precache:
    """Every file of the built site worth having offline, with a hash of all their contents;
    a folder with a service worker of its own (another language's site) left out, and the
    search language files of the site's ``language`` kept in."""
    digest = hashlib.sha256()
    files: list[str] = []
    size = 0
    own_sites = sorted(worker.parent.name for worker in site_dir.glob(f"*/{SERVICE_WORKER}"))
    exclude = (*PRECACHE_EXCLUDE, *(f"{folder}/*" for folder in own_sites))
    keep = search_language_files(language)
    for path in (site_dir / name for name in keep):
        if path.is_file():
            files.append(path.relative_to(site_dir).as_posix())
            size += path.stat().st_size
            digest.update(path.read_bytes())
    for path, relative in _site_files(site_dir, exclude):
        data = path.read_bytes()
        digest.update(relative.encode() + b"\0" + hashlib.sha256(data).digest())
        files.append(relative)
        size += len(data)
    return Precache(tuple(files), size, digest.hexdigest()[:16])


def render_service_worker(precache: Precache) -> str:
    """The service worker script for this build."""
    script = _TEMPLATE.read_text(encoding="utf-8")
    files = json.dumps(list(precache.files), separators=(",", ":"))
    script = script.replace("__PATHS__", json.dumps(worker_paths(), separators=(",", ":")))
    return script.replace("__VERSION__", json.dumps(precache.version)).replace("__FILES__", files)


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


def write_site_zip(site_dir: Path) -> Path:
    """The whole built site as one zip, for browsing from the folder with no network."""
    target = site_dir / SITE_ZIP
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = seals.partial(target)
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for path, relative in _site_files(site_dir, ZIP_EXCLUDE):
            # Images and PDFs are compressed already: storing them costs nothing to unzip.
            stored = path.suffix in (".png", ".pdf", ".gz", ".zip", ".jpg", ".webp", ".mp3")
            method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.write(path, f"limber/{relative}", compress_type=method)
    partial.replace(target)
    return target
