"""Browsing by picture: a small figure beside every stretch in the index, from one small SVG
file per stretch, light enough for a list of a thousand; a home page that leads with the
routines and the body areas."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from limber.figures.svg import THUMB_COLORS
from limber.loading import load_library
from limber.pages.index import STRETCHES_PER_LIST
from limber.vocabulary import AREAS, label
from limber.wording import minutes_text

from .conftest import FIXTURES, ROOT
from .test_build import text_of

IMG = re.compile(r"<img [^>]*>")
ITEM = re.compile(r'<li class="limber-item".*?</li>', re.S)


def _figure_file(site: Path, slug: str) -> ET.Element:
    file = site / "stretches" / "figures" / f"{slug}.svg"
    assert len(file.read_bytes()) < 4000, slug  # small enough for a list of a thousand
    return ET.fromstring(file.read_text(encoding="utf-8"))


def test_every_stretch_in_the_index_has_its_figure_beside_its_name(real_site: Path) -> None:
    library = load_library(ROOT, ROOT / "docs")
    page = (real_site / "stretches" / "index.html").read_text(encoding="utf-8")
    items = ITEM.findall(page)
    assert len(items) == len(library.stretches) >= 60
    for item, stretch in zip(items, library.stretches.values(), strict=True):
        img = IMG.search(item)
        assert img, stretch.slug
        tag = img.group(0)
        assert f'src="figures/{stretch.slug}.svg"' in tag
        # Decorative (the name beside it says what it shows), lazy, and in a box of fixed size.
        for attribute in ('alt=""', 'width="72"', 'height="56"', 'loading="lazy"', "decoding"):
            assert attribute in tag, (stretch.slug, attribute)
        assert item.index(tag) < item.index(f'{stretch.slug}.html"')


def test_the_index_lists_every_stretch_once_in_runs_the_browser_can_skip(real_site: Path) -> None:
    """Runs of at most STRETCHES_PER_LIST, in the library's order, each saying how many it holds
    (the height limber.css keeps for a run not drawn yet)."""
    library = load_library(ROOT, ROOT / "docs")
    page = (real_site / "stretches" / "index.html").read_text(encoding="utf-8")
    runs = re.findall(
        r'<ul [^>]*data-limber-list style="--limber-items: (\d+)">(.*?)</ul>', page, re.S
    )
    assert len(runs) == -(-len(library.stretches) // STRETCHES_PER_LIST) >= 2
    slugs = []
    for said, run in runs:
        items = ITEM.findall(run)
        assert int(said) == len(items) <= STRETCHES_PER_LIST
        slugs += re.findall(r'<a href="([^"]+)\.html"', run)
    assert slugs == list(library.stretches)


def test_each_figure_file_is_a_plain_svg_in_the_site_colours(real_site: Path) -> None:
    library = load_library(ROOT, ROOT / "docs")
    files = sorted((real_site / "stretches" / "figures").glob("*.svg"))
    assert sorted(file.stem for file in files) == sorted(library.stretches)
    for slug in library.stretches:
        root = _figure_file(real_site, slug)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        for element in root.iter():
            assert not element.tag.endswith(("script", "foreignObject", "style")), slug
            assert not any(name.startswith("on") or "href" in name for name in element.attrib)
        colours = {element.get("stroke") or element.get("fill") for element in root.iter()}
        assert THUMB_COLORS["focus"] in colours, slug  # the areas it stretches, in teal
        assert THUMB_COLORS["body"] in colours, slug


SVG = "{http://www.w3.org/2000/svg}"


def _views(root: ET.Element) -> dict[str, tuple[float, ...]]:
    return {
        view.get("id", ""): tuple(float(n) for n in view.get("viewBox", "").split())
        for view in root.iter(f"{SVG}view")
    }


def test_a_moving_figure_file_shows_its_first_pose_by_its_address(real_site: Path) -> None:
    """``cat-cow.svg#first`` shows the cow, ``#last`` (and no address) the cat: the follow-along
    view of a built routine moves the picture with the breath, with nothing but the file."""
    library = load_library(ROOT, ROOT / "docs")
    for stretch in library.stretches.values():
        assert stretch.figure is not None
        root = _figure_file(real_site, stretch.slug)
        views = _views(root)
        assert views["last"] == tuple(float(n) for n in root.get("viewBox", "").split())
        shapes = [[float(v) for k, v in e.attrib.items() if k in ("x1", "x2", "cx")]
                  for e in root if e.tag in (f"{SVG}line", f"{SVG}circle")]  # fmt: skip
        if len(stretch.figure.frames()) == 1:
            assert list(views) == ["last"], stretch.slug
            continue
        assert list(views) == ["last", "first"], stretch.slug
        # Each pose's shapes lie in its own view, apart: a view never shows the other pose.
        x, _, width, _ = views["first"]
        in_first = [all(x <= v <= x + width for v in xs) for xs in shapes]
        in_last = [all(v <= views["last"][2] for v in xs) for xs in shapes]
        assert any(in_first) and any(in_last), stretch.slug
        assert all(a != b for a, b in zip(in_first, in_last, strict=True)), stretch.slug


def test_a_stretch_with_no_figure_gets_a_faint_placeholder(fixture_site: Path) -> None:
    stretches = FIXTURES / "site" / "stretches"
    bare = [p.stem for p in stretches.glob("*.md") if "\nfigure:" not in p.read_text("utf-8")]
    assert bare
    for slug in bare:
        root = _figure_file(fixture_site, slug)
        colours = {element.get("stroke") or element.get("fill") for element in root.iter()}
        assert colours - {None} == {THUMB_COLORS["prop"]}, slug


def test_the_home_page_leads_with_routines_then_body_areas(real_site: Path) -> None:
    library = load_library(ROOT, ROOT / "docs")
    page = (real_site / "index.html").read_text(encoding="utf-8")
    text = text_of(real_site / "index.html")
    assert text.index("Routines") < text.index("Stretches by body area") < text.index("How it")
    assert len(library.routines) >= 10
    cards = re.findall(r'<ul class="limber-cards".*?</ul>', page, re.S)[0]
    found = re.findall(r'href="routines/([a-z0-9-]+)\.html"', cards)
    shortest_first = sorted(library.routines.values(), key=lambda r: (r.seconds.low, r.title))
    assert found == [routine.slug for routine in shortest_first]  # every routine, once
    for routine in library.routines.values():
        meta = f"{minutes_text(routine.seconds)} · {len(routine.items)} stretches"
        assert f'>{routine.title}</span><span class="limber-card-meta">{meta}<' in cards


def test_each_body_area_tile_opens_the_index_filtered_to_it(real_site: Path) -> None:
    library = load_library(ROOT, ROOT / "docs")
    page = (real_site / "index.html").read_text(encoding="utf-8")
    areas = re.findall(r'<ul class="limber-areas".*?</ul>', page, re.S)[0]
    tiles = re.findall(r"<li>(.*?)</li>", areas)
    assert len(tiles) == len(AREAS)  # every area has stretches (the coverage test holds it)
    for tile, area in zip(tiles, AREAS, strict=True):
        members = [s for s in library.stretches.values() if area in s.areas]
        assert tile.startswith(f'<a href="stretches/index.html?area={area}">'), tile
        src = re.search(r'<img class="limber-pic" src="stretches/figures/([a-z0-9-]+)\.svg"', tile)
        assert src and src.group(1) in {s.slug for s in members if s.areas[0] == area}, area
        assert f">{label(area)}</span>" in tile
        assert f">{len(members)} stretch{'es' if len(members) != 1 else ''}</span>" in tile


def test_the_home_page_cards_stay_out_of_search(real_site: Path) -> None:
    """Routines and stretches are found on their own pages; the home page's cards and tiles
    would only add a second, vaguer result for each."""
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    home = [doc for doc in index["docs"] if doc["location"].split("#")[0] in ("", "index.html")]
    assert any(doc["title"] == "Stretches by body area" for doc in home)
    text = " ".join(doc["text"] for doc in home)
    assert "Five-minute desk break" not in text
    assert not re.search(r"\d+ stretch", text)
