"""Browsing by picture: a small figure beside every stretch in the index, from one small SVG
file per stretch, light enough for a list of a thousand."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from limber.figures.svg import THUMB_COLORS
from limber.loading import load_library

from .conftest import FIXTURES, ROOT

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


def test_a_stretch_with_no_figure_gets_a_faint_placeholder(fixture_site: Path) -> None:
    stretches = FIXTURES / "site" / "stretches"
    bare = [p.stem for p in stretches.glob("*.md") if "\nfigure:" not in p.read_text("utf-8")]
    assert bare
    for slug in bare:
        root = _figure_file(fixture_site, slug)
        colours = {element.get("stroke") or element.get("fill") for element in root.iter()}
        assert colours - {None} == {THUMB_COLORS["prop"]}, slug
