"""The builder page as built: in the navigation, its data, its assets offline, "Customise"."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from limber import builder
from limber.loading import load_library
from limber.offline import collect_precache

from ..conftest import ROOT


def page_data(site: Path) -> dict[str, object]:
    text = (site / "builder.html").read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" data-lb-data>(.*?)</script>', text, re.S)
    assert match
    return dict(json.loads(match.group(1)))


def test_the_builder_is_in_the_top_navigation_of_every_page(real_site: Path) -> None:
    for page in ("index.html", "stretches/cat-cow.html", "routines/ease-upper-back-tightness.html"):
        text = (real_site / page).read_text(encoding="utf-8")
        assert re.search(r'<a href="(\.\./)?builder\.html" class="md-tabs__link">', text), page


def test_the_page_carries_every_stretch_with_its_dose_range(real_site: Path) -> None:
    library = load_library(ROOT, ROOT / "docs")
    data = page_data(real_site)
    stretches = {s["slug"]: s for s in data["stretches"]}  # type: ignore[attr-defined]
    assert list(stretches) == list(library.stretches)
    assert stretches["seated-thoracic-rotation"]["reps"] == [5, 10]
    assert stretches["cat-cow"]["kind"] == "breaths" and stretches["cat-cow"]["cues"]
    assert stretches["childs-pose"]["cue"].startswith("Kneel on the floor")
    assert stretches["cat-cow"]["url"] == "stretches/cat-cow.html"
    assert data["guide"] == "contributing.html" and data["base"] is None


def test_the_builder_and_its_scripts_are_kept_for_offline_use(real_site: Path) -> None:
    files = set(collect_precache(real_site).files)
    assert {"builder.html", "assets/limber/builder.js", "assets/limber/builder.css",
            "assets/vendor/qrcode-generator/qrcode.js"} <= files  # fmt: skip
    library = load_library(ROOT, ROOT / "docs")
    assert {f"stretches/figures/{slug}.svg" for slug in library.stretches} <= files  # pictures
    assert (real_site / "assets" / "vendor" / "qrcode-generator" / "LICENSE").is_file()


def test_the_library_shows_each_figure_from_its_own_file_lazily(real_site: Path) -> None:
    """A thousand inline figures would weigh the page down; one small file per stretch, loaded
    as it scrolls into view, keeps the page light at any size of library."""
    library = load_library(ROOT, ROOT / "docs")
    text = (real_site / "builder.html").read_text(encoding="utf-8")
    items = re.findall(r'<li class="lb-item" data-slug="([a-z0-9-]+)".*?</li>', text, re.S)
    assert items == list(library.stretches)
    thumb = r'<span class="limber-thumb" aria-hidden="true">(<img [^>]*>)</span>'
    pictures = re.findall(thumb, text)
    assert len(pictures) == len(items)
    for slug, picture in zip(items, pictures, strict=True):
        assert f'src="stretches/figures/{slug}.svg"' in picture
        assert 'loading="lazy"' in picture and 'alt=""' in picture
    assert "limber-figure" not in text  # no figure drawn into the page itself
    assert len(text.encode()) < 2_000 * len(items)  # under 2 KB a stretch, all told


def test_a_routine_page_offers_to_customise_it(real_site: Path) -> None:
    library = load_library(ROOT, ROOT / "docs")
    routine = library.routines["ease-upper-back-tightness"]
    text = (real_site / "routines" / "ease-upper-back-tightness.html").read_text(encoding="utf-8")
    match = re.search(r'<a class="md-button" href="([^"]+)">Customise this routine</a>', text)
    assert match
    assert html.unescape(match.group(1)) == "../builder.html#r=" + builder.routine_code(routine)


def test_with_a_site_url_share_links_use_the_public_address() -> None:
    library = load_library(ROOT, ROOT / "docs")
    url = "https://stretch.example.org/builder.html"
    block = builder.render_builder_blocks(list(library.stretches.values()), str, url=url)
    match = re.search(r"data-lb-data>(.*?)</script>", block["builder"], re.S)
    assert match and json.loads(match.group(1))["base"] == url
