"""The built site in Chromium: accessibility, filters, phone width, dark mode, escaping, search."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from ..conftest import ROOT, real_names
from .conftest import Server, axe_serious, search, set_filters_that_leave_nothing

PAGES = [
    "index.html",
    "stretches/index.html",
    "stretches/doorway-stretch.html",
    "stretches/cat-cow.html",
    "routines/ease-upper-back-tightness.html",
    "routines/index.html",
    "safety.html",
    "contributing.html",
    "builder.html",
]
# A phone, and a desktop wide enough for Material's navigation tabs (shown from 1220 px).
WIDTHS = {"phone": 390, "desktop": 1280}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violation(
    browser: Any, real_server: Server, path: str, width: str, scheme: str
) -> None:
    ctx = browser.new_context(viewport={"width": WIDTHS[width], "height": 900}, color_scheme=scheme)
    page = ctx.new_page()
    page.goto(real_server.url + path)
    if width == "desktop":
        expect(page.locator(".md-tabs")).to_be_visible()
    assert axe_serious(page) == []
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_serious_violation_in_the_playing_audio_player(
    browser: Any, real_server: Server, width: str, scheme: str
) -> None:
    """The routine page's audio block with its player shown: link, button, controls, status."""
    ctx = browser.new_context(viewport={"width": WIDTHS[width], "height": 900}, color_scheme=scheme)
    try:
        page = ctx.new_page()
        page.goto(real_server.url + "routines/ease-upper-back-tightness.html")
        link = page.get_by_role("link", name=re.compile(r"^Audio \(MP3, \d+ min\)$"))
        expect(link).to_be_visible()
        page.get_by_role("button", name="Play as audio").click()
        expect(page.get_by_role("button", name="Stop audio")).to_be_visible()
        expect(page.locator(".limber-audio audio")).to_be_visible()
        assert axe_serious(page) == []
    finally:
        ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES[1:5])
def test_pages_fit_a_phone_screen(
    browser: Any, real_server: Server, path: str, scheme: str
) -> None:
    ctx = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, color_scheme=scheme
    )
    page = ctx.new_page()
    page.goto(real_server.url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    body_bg, text = page.evaluate(
        "[getComputedStyle(document.body).backgroundColor,"
        " getComputedStyle(document.querySelector('.md-typeset')).color]"
    )
    dark_background = body_bg != "rgb(255, 255, 255)"
    assert dark_background == (scheme == "dark"), (body_bg, text)
    ctx.close()


def test_filters_narrow_the_stretch_list(context: Any, real_server: Server) -> None:
    page = context.new_page()
    page.goto(real_server.url + "stretches/index.html")
    total = len(real_names())
    items = page.locator("[data-limber-list] > li")
    assert items.count() == total
    page.get_by_label("Area").select_option("neck")
    visible = page.locator("[data-limber-list] > li:visible a")
    neck = real_names(area="neck")
    assert "Neck side tilt" in neck and "Cat-cow" not in neck
    assert visible.all_inner_texts() == neck
    count = page.locator("[data-limber-count]").inner_text()
    assert count == f"Showing {len(neck)} of {total} stretches"
    page.get_by_label("Area").select_option("")
    page.get_by_label("Equipment").select_option("none")
    assert visible.all_inner_texts() == real_names(equipment="none")
    assert "Standing side stretch" in real_names(equipment="none")
    page.get_by_label("Position").select_option("seated")
    assert visible.all_inner_texts() == real_names(position="seated", equipment="none")
    assert "Neck side tilt" in real_names(position="seated", equipment="none")
    assert "equipment=none" in page.url and "position=seated" in page.url
    # Filters that leave nothing say so where the list was, and how to get some back.
    page.get_by_label("Equipment").select_option("")
    set_filters_that_leave_nothing(page)
    assert visible.count() == 0
    empty = page.locator("[data-limber-count]")
    assert empty.inner_text() == (
        "No stretch matches all of these. Set one back to “Any”, or clear the filters."
    )
    expect(empty).to_have_css(
        "font-size", page.locator("main p").first.evaluate("p => getComputedStyle(p).fontSize")
    )  # as plain as the page's text, not the count's small grey
    page.get_by_role("button", name="Clear filters").click()
    # The form's reset event fires before the selects change; the list updates a task later.
    expect(items.filter(visible=True)).to_have_count(total)


def test_a_filter_link_opens_the_list_already_filtered(context: Any, real_server: Server) -> None:
    page = context.new_page()
    page.goto(real_server.url + "stretches/index.html?position=kneeling")
    kneeling = real_names(position="kneeling")
    assert "Child's pose" in kneeling
    assert page.locator("[data-limber-list] > li:visible a").all_inner_texts() == kneeling
    assert page.get_by_label("Position").input_value() == "kneeling"
    total = len(real_names())
    assert page.locator("[data-limber-count]").inner_text() == (
        f"Showing {len(kneeling)} of {total} stretches"
    )
    # Cleared, every stretch is back, and so is the address without its filter.
    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator("[data-limber-list] > li").filter(visible=True)).to_have_count(total)
    expect(page.locator("[data-limber-count]")).to_have_text(f"{total} stretches")
    assert "?" not in page.url


def _gap_below_the_list(page: Any) -> float:
    """Pixels between the last stretch shown in the list and the heading after it, both drawn."""
    last = page.locator("[data-limber-list] > li:visible").last
    last.scroll_into_view_if_needed()
    # What is near the screen now is drawn at the next frames.
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    below = last.evaluate("li => li.getBoundingClientRect().bottom")
    return float(page.locator("#by-area").evaluate("h => h.getBoundingClientRect().top")) - below


@pytest.mark.parametrize("width", WIDTHS)
def test_a_filtered_list_keeps_no_room_for_the_stretches_it_hides(
    browser: Any, real_server: Server, width: str
) -> None:
    """The list is drawn in runs of 50 as they near the screen, each holding an estimated height
    until then: filtered, the groups still start right below the last stretch shown, as they do
    below the whole list, wherever the hidden stretches were."""
    ctx = browser.new_context(viewport={"width": WIDTHS[width], "height": 800})
    try:
        page = ctx.new_page()
        page.goto(real_server.url + "stretches/index.html")
        whole = _gap_below_the_list(page)
        assert 0 <= whole < 80
        # Every area: some have stretches in one run only, others in several.
        areas = (
            page.get_by_label("Area")
            .locator("option")
            .evaluate_all("options => options.map(option => option.value).filter(Boolean)")
        )
        assert len(areas) > 10
        for area in areas:
            page.evaluate("window.scrollTo(0, 0)")
            page.get_by_label("Area").select_option(area)
            expect(page.locator("[data-limber-list] > li:visible")).to_have_count(
                len(real_names(area=area))
            )
            assert _gap_below_the_list(page) == pytest.approx(whole, abs=1), area
    finally:
        ctx.close()


def test_the_stretch_index_prints_every_stretch(
    context: Any, real_server: Server, tmp_path: Path
) -> None:
    """On screen the list and the groups are drawn only near the screen; on paper, all of them."""
    page = context.new_page()
    page.goto(real_server.url + "stretches/index.html")
    page.emulate_media(media="print")
    target = tmp_path / "stretches.pdf"
    page.pdf(path=str(target), format="A4")
    printed = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True)
    text = re.sub(r"-\s+", "-", " ".join(printed.stdout.split()))
    for name in real_names():
        # In the list, in its position's group and in at least one area's group.
        assert text.count(name) >= 3, name
    assert "Wrist flexor stretch" in real_names()


def test_index_works_without_javascript(browser: Any, real_server: Server) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(real_server.url + "stretches/index.html")
    assert not page.locator("[data-limber-filters]").is_visible()
    assert page.locator("[data-limber-list] > li:visible").count() == len(real_names())
    assert page.get_by_role("heading", name="Upper back").is_visible()
    # Groups far down the page are drawn as a reader scrolls to them (content-visibility).
    page.locator("#position-kneeling").scroll_into_view_if_needed()
    kneeling = real_names(position="kneeling")
    expect(page.locator("#position-kneeling a")).to_have_text(kneeling, use_inner_text=True)
    timer = page.goto(real_server.url + "stretches/cat-cow.html")
    assert timer is not None
    assert page.get_by_text("The timer needs JavaScript").is_visible()
    ctx.close()


def test_front_matter_markup_never_runs(context: Any, fixture_server: Server) -> None:
    page = context.new_page()
    paths = ("stretches/hostile-markup.html", "stretches/index.html", "routines/desk-break.html")
    for path in (*paths, "routines/index.html"):
        page.goto(fixture_server.url + path)
        page.mouse.move(200, 300)
        assert page.evaluate("window.__pwned") is None, path
    page.goto(fixture_server.url + "stretches/hostile-markup.html")
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == '<img src=x onerror="window.__pwned=1">Hostile & "quoted"'
    )
    assert "<img src=x" in page.title()
    page.get_by_role("textbox", name="Search").press_sequentially("tries", delay=30)
    page.wait_for_selector(".md-search-result__item")
    assert page.evaluate("window.__pwned") is None


def test_search_finds_a_stretch_by_words_of_its_steps(context: Any, real_server: Server) -> None:
    """Cat-cow says "one vertebra at a time": "vertebrae" finds it too (stemmed queries)."""
    assert "vertebrae" not in (ROOT / "stretches" / "cat-cow.md").read_text("utf-8")
    page = context.new_page()
    page.goto(real_server.url + "index.html")
    for query in ("vertebra", "vertebrae"):
        expect(search(page, query).first).to_contain_text("Cat-cow")


def test_a_body_area_on_the_home_page_opens_its_stretches(
    context: Any, real_server: Server
) -> None:
    page = context.new_page()
    page.goto(real_server.url + "index.html")
    hips = real_names(area="hips")
    page.get_by_role("link", name=f"Hips {len(hips)} stretches", exact=True).click()
    page.wait_for_url("**/stretches/index.html?area=hips")
    assert page.get_by_label("Area").input_value() == "hips"
    shown = page.locator("[data-limber-list] > li:visible")
    assert shown.locator("a").all_inner_texts() == hips
    # Each one beside its figure: the first rows' pictures have loaded (the rest wait, lazily).
    picture = shown.first.locator("img.limber-pic")
    expect(picture).to_have_js_property("complete", True)
    assert picture.evaluate("img => img.naturalWidth") > 0


def test_a_routine_on_the_home_page_opens_it(context: Any, real_server: Server) -> None:
    page = context.new_page()
    page.goto(real_server.url + "index.html")
    page.get_by_role("link", name=re.compile(r"^Five-minute desk break about")).click()
    page.wait_for_url("**/routines/*.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("Five-minute desk break")


def test_search_finds_a_stretch_by_a_name_people_type(context: Any, real_server: Server) -> None:
    page = context.new_page()
    page.goto(real_server.url + "index.html")
    search = page.get_by_role("textbox", name="Search")
    search.press_sequentially("balasana", delay=30)  # a word only child's pose's aliases use
    result = page.locator(".md-search-result__item").first
    result.wait_for()
    assert "Child's pose" in result.inner_text()
    search.fill("")
    # "Pec stretch" is the doorway stretch's alias; the corner pec stretch has it in its name.
    search.press_sequentially("pec stretch", delay=30)
    expect(result).to_contain_text(re.compile("pec stretch", re.IGNORECASE))
    top = page.locator(".md-search-result__item").all_inner_texts()[:3]
    assert any("Doorway stretch" in text for text in top), top


@pytest.mark.parametrize(
    ("home", "box", "name"),
    [
        # An area word in a name ranked every stretch for that area above the one named:
        # "knees to chest" gave the towel shoulder stretch, tagged chest, and its "to" found
        # "towel". In Spanish "al" found "alta"; and a word found with and without its accent
        # was marked twice in the title, which read "k>Bebé feliz".
        ("index.html", "Search", "Knees to chest"),
        ("index.html", "Search", "Upper trapezius stretch"),
        ("index.html", "Search", "Towel shoulder stretch"),
        ("index.html", "Search", "Knee to opposite shoulder"),
        ("es/index.html", "Búsqueda", "Rodilla al hombro contrario"),
        ("es/index.html", "Búsqueda", "Bebé feliz"),
    ],
)
def test_a_stretchs_own_name_finds_it_first(
    context: Any, real_server: Server, home: str, box: str, name: str
) -> None:
    page = context.new_page()
    page.goto(real_server.url + home)
    field = page.get_by_role("textbox", name=box)
    field.fill(name)
    field.press("End")  # the theme searches on a key
    titles = page.locator(".md-search-result__item h1")
    titles.first.wait_for()
    try:  # retried until the whole query's results are drawn
        expect(titles.first).to_have_text(name)
    except AssertionError:
        raise AssertionError(f"{name}: {titles.all_inner_texts()[:5]}") from None


def test_no_page_asks_another_host(context: Any, real_server: Server) -> None:
    page = context.new_page()
    for path in PAGES:
        page.goto(real_server.url + path)
        page.wait_for_load_state("networkidle")
    assert context.hosts == {real_server.url.split("/")[2]}
