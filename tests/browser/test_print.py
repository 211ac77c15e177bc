"""The routine sheet: a routine page printed by Chromium is one page with every stretch."""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from limber.loading import Library, load_library
from limber.paths import ROUTINES_DIR
from limber.sheet import sheet_room, sheet_steps
from limber.translations import is_translation

from ..conftest import ROOT
from .conftest import Server

SEED = ["Cat-cow", "Doorway stretch", "Seated thoracic rotation", "Standing side stretch",
        "Neck side tilt", "Child's pose", "Foam roller upper back"]  # fmt: skip


PAPERS = pytest.mark.parametrize("paper", ["A4", "Letter"])


def printed_routine(
    context: Any, server: Server, slug: str, paper: str, tmp_path: Path
) -> tuple[Any, str]:
    """A routine's page printed on ``paper`` (one page, or the test fails): the page, to look at
    its pictures, and the sheet's text."""
    page = context.new_page()
    page.goto(f"{server.url}routines/{slug}.html")
    return page, print_page(page, paper, tmp_path / f"{slug}.pdf")


def pictures_in_print(page: Any) -> list[float]:
    """The printed height in CSS px of each stretch's picture on the sheet, in order (0 for
    none, or for an image file that has not loaded)."""
    return list(
        page.evaluate(
            "[...document.querySelectorAll('.limber-routine li')].map(li => {"
            " const svg = li.querySelector('.limber-thumb svg, .limber-thumb img');"
            " if (!svg || (svg.tagName === 'IMG' && !(svg.complete && svg.naturalWidth))) return 0;"
            " return svg.getBoundingClientRect().height; })"
        )
    )


def print_page(page: Any, paper: str, target: Path) -> str:
    page.emulate_media(media="print")
    page.pdf(path=str(target), format=paper)
    reader = PdfReader(target)
    assert len(reader.pages) == 1, f"{paper}: {len(reader.pages)} pages"
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True
    )
    return text.stdout if text.returncode == 0 else reader.pages[0].extract_text()


@PAPERS
def test_the_seed_routine_prints_on_one_page(
    context: Any, real_server: Server, paper: str, tmp_path: Path
) -> None:
    page, text = printed_routine(context, real_server, "ease-upper-back-tightness", paper, tmp_path)
    positions = [text.index(name) for name in SEED]
    assert positions == sorted(positions)
    assert "Ease upper back tightness" in text
    assert "about 7–10 minutes" in text
    assert "Hold 10 s on each side, 5 times, alternating sides" in text
    # Whole sentences for the wall, never cut with an ellipsis; a picture beside every stretch.
    flat = " ".join(text.split())
    assert "\u2026" not in flat
    assert "Kneel on the floor and sit back toward your heels." in flat
    # Seven short stretches leave room on the page for what to do after the first step: the
    # wall sheet gave only each starting position.
    library = load_library(ROOT, ROOT / "docs")
    stretches = [item.stretch for item in library.routines["ease-upper-back-tightness"].items]
    assert sheet_room(stretches).more
    more = [sheet_steps(stretch).more for stretch in stretches]
    assert all(steps[-40:] in flat for steps in more if steps)
    pictures = pictures_in_print(page)
    assert len(pictures) == len(SEED) and all(height > 30 for height in pictures), pictures
    for chrome in (
        "Search",
        "Start",
        "Routine left",
        "Table of contents",
        "Made with",
        "About this routine",
        "Print this routine",
    ):
        assert chrome not in text, chrome


def test_a_routine_page_has_a_print_button(page: Any, real_server: Server) -> None:
    """A phone keeps the browser's Print deep in a menu: the page offers it."""
    page.goto(real_server.url + "routines/ease-upper-back-tightness.html")
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    page.get_by_role("button", name="Print this routine on one page").click()
    assert page.evaluate("window.printed") == 1


@PAPERS
def test_eight_stretches_still_fit_one_page(
    context: Any, fixture_server: Server, paper: str, tmp_path: Path
) -> None:
    _, text = printed_routine(context, fixture_server, "full-session", paper, tmp_path)
    assert text.count("Wall angel") == 2
    assert text.count("Calf wall stretch") == 2
    assert "Hold 5 s, 12 times" in text
    assert "An authored introduction" not in text


# Routine files, not their translations (docs/routines/<slug>.es.md prints in test_spanish.py).
ROUTINES = sorted(
    path.stem for path in (ROOT / "docs" / ROUTINES_DIR).glob("*.md") if not is_translation(path)
)


@functools.cache
def real_library() -> Library:
    return load_library(ROOT, ROOT / "docs")


def test_every_routine_file_is_printed_below() -> None:
    assert sorted(real_library().routines) == ROUTINES


@PAPERS
@pytest.mark.parametrize("slug", ROUTINES)
def test_every_routine_prints_on_one_page_with_every_stretch_in_order(
    context: Any, real_server: Server, slug: str, paper: str, tmp_path: Path
) -> None:
    routine = real_library().routines[slug]
    page, text = printed_routine(context, real_server, slug, paper, tmp_path)
    flat = " ".join(text.split())
    assert routine.title in flat
    start = 0
    for item in routine.items:  # each one, in order (a stretch may come twice)
        start = flat.index(item.stretch.name, start) + len(item.stretch.name)
    assert "\u2026" not in flat  # whole sentences, never cut short
    pictures = pictures_in_print(page)
    assert len(pictures) == len(routine.items) and all(h > 30 for h in pictures), pictures


def test_a_printed_stretch_page_keeps_its_licence(page: Any, real_server: Server) -> None:
    """On screen the footer gives the licence; paper has no footer, so the page's own line,
    hidden on screen, is printed."""
    page.goto(real_server.url + "stretches/cat-cow.html")
    own = page.get_by_text("Text licensed under CC BY-SA 4.0.")
    expect(own).to_be_hidden()
    expect(page.locator(".md-footer")).to_contain_text("CC BY-SA 4.0")
    page.emulate_media(media="print")
    expect(own).to_be_visible()
    expect(page.locator(".md-footer")).to_be_hidden()


def test_the_sheet_prints_on_white_paper_from_the_dark_scheme(
    browser: Any, real_server: Server, tmp_path: Path
) -> None:
    """With "background graphics" ticked, the dark scheme's page colour once framed the sheet
    in black: the root's colour fills the paper's margins."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(f"{real_server.url}routines/ease-upper-back-tightness.html")
    page.emulate_media(media="print", color_scheme="dark")
    page.pdf(path=str(tmp_path / "dark.pdf"), format="A4", print_background=True)
    context.close()
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", "-singlefile", str(tmp_path / "dark.pdf"),
         str(tmp_path / "dark")],
        check=True,
    )  # fmt: skip
    with Image.open(tmp_path / "dark.png") as image:
        paper = image.convert("L")
    width, height = paper.size
    margins = [(2, 2), (width // 2, 2), (width - 3, height // 2), (width // 2, height - 3)]
    assert [paper.getpixel(point) for point in margins] == [255] * 4
