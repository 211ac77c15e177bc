"""The follow-along view in Chromium, at phone portrait, phone landscape and laptop sizes.

Found by role and name, as a person with a screen reader would: the dialog named "Follow along: …",
and inside it the player's own buttons and ``role="timer"`` (SPEC sections 5 and 12).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import AXE, T0, Server, _missing

ROUTINE = "routines/ease-upper-back-tightness.html"
DOORWAY = "stretches/doorway-stretch.html"
SIZES = [(390, 844), (844, 390), (1280, 800)]
SIZE_IDS = ["phone-portrait", "phone-landscape", "laptop"]
# Cat-cow: 5 s to get ready, 10 breaths of 8 s; then 10 s of rest before the doorway stretch.
FIRST_REST = 5 + 80 + 1
# No test here may wait for ever: each one's body gets a minute (the site build, a session
# fixture, is not counted), and every Playwright wait in it fails after WAIT_MS.
pytestmark = pytest.mark.timeout(60, func_only=True)
WAIT_MS = 10_000


@pytest.fixture(params=SIZES, ids=SIZE_IDS)
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    return tuple(request.param)  # type: ignore[return-value]


def open_page(browser: Any, size: tuple[int, int], path: str, **options: Any) -> Any:
    """A page at ``size`` with the clock paused; closed with its context by ``close``."""
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    page.clock.install(time=T0)
    page.clock.pause_at(T0 + timedelta(seconds=1))
    if path:
        page.goto(path)
    return page


@pytest.fixture
def pages() -> Iterator[list[Any]]:
    opened: list[Any] = []
    yield opened
    for page in opened:
        page.context.close()
    assert [page.errors for page in opened if page.errors] == []


def view_of(page: Any) -> Any:
    return page.get_by_role("dialog", name=re.compile("^Follow along"))


def button(scope: Any, name: str) -> Any:
    return scope.get_by_role("button", name=name, exact=True)


def following(
    browser: Any, size: tuple[int, int], path: str, pages: list[Any], run_ms: int, **options: Any
) -> tuple[Any, Any]:
    """Open ``path`` at ``size``, open the view, press Start and let ``run_ms`` pass: the page
    and the view."""
    page = open_page(browser, size, path, **options)
    pages.append(page)
    button(page, "Follow along").click()
    view = view_of(page)
    button(view, "Start").click()
    page.clock.run_for(run_ms)
    return page, view


def run_state(view: Any) -> tuple[str, str]:
    """The step's words and the time left, as the player shows them."""
    return (
        str(view.locator("[aria-live='polite']").inner_text()),
        str(view.get_by_role("timer").inner_text()),
    )


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, locator
    return dict(found)


def test_the_view_opens_and_closes_from_the_keyboard(
    browser: Any, real_server: Server, size: tuple[int, int], pages: list[Any]
) -> None:
    page = open_page(browser, size, real_server.url + ROUTINE)
    pages.append(page)
    follow = button(page, "Follow along")
    follow.focus()
    page.keyboard.press("Enter")
    view = view_of(page)
    assert view.is_visible()
    assert view.evaluate("v => v.getAttribute('aria-modal') === 'true'")
    assert view.evaluate("v => v.contains(document.activeElement)")
    page.keyboard.press("Space")
    page.clock.run_for(3000)
    assert button(view, "Pause").is_visible()
    assert run_state(view) == ("Get ready · Cat-cow", "0:02")
    page.keyboard.press("ArrowRight")
    before = run_state(view)
    assert before[0].startswith("Inhale")
    page.keyboard.press("Escape")
    assert not view.is_visible()
    assert follow.evaluate("b => b === document.activeElement")
    assert run_state(page.locator(".limber-timer")) == before
    assert button(page, "Pause").is_visible()
    page.clock.run_for(2000)
    assert page.get_by_role("timer").inner_text() != before[1]  # still running


def test_the_view_opens_and_closes_by_touch(
    browser: Any, real_server: Server, size: tuple[int, int], pages: list[Any]
) -> None:
    page = open_page(browser, size, real_server.url + ROUTINE, has_touch=True)
    pages.append(page)
    button(page, "Follow along").tap()
    view = view_of(page)
    assert view.is_visible()
    button(view, "Start").tap()
    page.clock.run_for(10_100)
    state = run_state(view)
    assert state[0].startswith(("Inhale", "Exhale")) and re.fullmatch(r"\d+:\d\d", state[1])
    # A tap on the figure, away from the controls, pauses; another resumes.
    stage = box(view.locator(".lt-follow-stage"))
    page.touchscreen.tap(stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2)
    assert button(view, "Resume").is_visible()
    assert view.get_by_text("Paused · tap anywhere to resume").is_visible()
    page.clock.run_for(5000)
    assert run_state(view) == state
    page.touchscreen.tap(stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2)
    assert button(view, "Pause").is_visible()
    page.clock.run_for(1000)
    assert run_state(view) != state
    button(view, "Close").tap()
    assert not view.is_visible()
    assert button(page, "Pause").is_visible()


def ink_height(page: Any, locator: Any) -> float:
    """The height of the clock's digits as drawn (ascent + descent of its text's ink)."""
    return float(
        locator.evaluate(
            """el => { const s = getComputedStyle(el);
            const ctx = document.createElement("canvas").getContext("2d");
            ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
            const m = ctx.measureText(el.textContent);
            return m.actualBoundingBoxAscent + m.actualBoundingBoxDescent; }"""
        )
    )


def test_the_clock_reads_from_across_the_room_beside_the_figure(
    browser: Any, real_server: Server, size: tuple[int, int], pages: list[Any]
) -> None:
    # Into the doorway stretch, left side.
    page, view = following(
        browser, size, real_server.url + ROUTINE, pages, FIRST_REST * 1000 + 10_500
    )
    assert run_state(view)[0] == "Left · Hold"
    width, height = size
    short = min(width, height)
    clock = view.get_by_role("timer")
    assert ink_height(page, clock) >= 0.2 * short
    figure = view.get_by_role("img", name=re.compile("Doorway stretch"))
    assert figure.is_visible()
    f, c = box(figure), box(clock)
    assert f["height"] >= 0.3 * short
    if width > height:
        assert f["x"] + f["width"] <= c["x"], (f, c)  # beside: figure on the left
    else:
        assert f["y"] + f["height"] <= c["y"], (f, c)  # above
    # Everything fits on the screen: nothing to scroll to from across the room.
    for part in [clock, *view.locator(".lt-controls button:visible").all()]:
        b = box(part)
        assert b["y"] >= 0 and b["y"] + b["height"] <= height + 0.5, b
        assert b["x"] >= 0 and b["x"] + b["width"] <= width + 0.5, b


def test_a_long_cue_stays_whole_between_the_clock_and_the_buttons(
    browser: Any, real_server: Server, size: tuple[int, int], pages: list[Any]
) -> None:
    page, view = following(browser, size, real_server.url + ROUTINE, pages, 5100)
    cue = view.locator(".lt-step")
    assert cue.inner_text() == "Inhale · Cow: let the belly sink, lift chest and tailbone"
    # Top to bottom, nothing drawn over anything else: name, clock, cue, detail, then buttons.
    parts = [view.locator(".lt-name"), view.get_by_role("timer"), cue, view.locator(".lt-detail")]
    boxes = [box(part) for part in [*parts, view.locator(".lt-controls")]]
    for upper, lower in itertools.pairwise(boxes):
        assert upper["y"] + upper["height"] <= lower["y"] + 0.5, (upper, lower)
    assert cue.evaluate("c => c.scrollHeight <= c.clientHeight + 1")
    assert ink_height(page, view.get_by_role("timer")) >= 0.2 * min(size)
    assert float(cue.evaluate("c => parseFloat(getComputedStyle(c).fontSize)")) >= 14


def test_a_rest_shows_the_coming_stretch_with_its_figure(
    browser: Any, real_server: Server, size: tuple[int, int], pages: list[Any]
) -> None:
    page = open_page(browser, size, real_server.url + ROUTINE)
    pages.append(page)
    button(page, "Follow along").click()
    view = view_of(page)
    button(view, "Start").click()
    coming = view.locator(".lt-follow-next")
    assert coming.is_visible() and "Cat-cow" in coming.inner_text()
    page.clock.run_for(FIRST_REST * 1000)
    assert run_state(view)[0] == "Rest · Next: Doorway stretch"
    assert coming.is_visible()
    assert coming.locator(".lt-follow-next-label").inner_text().lower() == "next up"
    assert coming.locator(".lt-follow-next-name").inner_text() == "Doorway stretch"
    label = coming.locator("svg").get_attribute("aria-label") or ""
    assert label.startswith("Side view of Doorway stretch"), label
    assert "Seated thoracic rotation" not in view.inner_text()
    page.clock.run_for(10_000)
    assert not coming.is_visible()
    assert view.get_by_role("img", name=re.compile("Doorway stretch")).is_visible()


def test_the_back_gesture_leaves_the_view_and_keeps_the_run(
    browser: Any, real_server: Server, pages: list[Any]
) -> None:
    page = open_page(browser, (390, 844), real_server.url + ROUTINE, has_touch=True)
    pages.append(page)
    button(page, "Follow along").tap()
    view = view_of(page)
    button(view, "Start").tap()
    page.clock.run_for(7000)
    before = run_state(view)
    page.go_back()
    assert not view.is_visible()
    assert page.url.endswith(ROUTINE)
    assert run_state(page.locator(".limber-timer")) == before
    button(page, "Follow along").tap()  # and it opens again
    assert view.is_visible() and run_state(view) == before


def test_without_the_fullscreen_api_the_view_still_fills_the_screen(
    browser: Any, real_server: Server, size: tuple[int, int], pages: list[Any]
) -> None:
    width, height = size
    page = open_page(browser, size, "")
    pages.append(page)
    page.add_init_script(
        "Element.prototype.requestFullscreen = undefined;"
        "Object.defineProperty(Document.prototype, 'fullscreenEnabled', {get: () => false});"
    )
    page.goto(real_server.url + ROUTINE)
    page.mouse.wheel(0, 300)
    button(page, "Follow along").click()
    view = view_of(page)
    assert box(view) == {"x": 0, "y": 0, "width": width, "height": height}
    corners = [(2, 2), (width - 2, 2), (2, height - 2), (width - 2, height - 2), (width / 2, 20)]
    for x, y in corners:
        inside = page.evaluate(
            "([x, y]) => document.querySelector('.lt-follow').contains("
            "document.elementFromPoint(x, y))",
            [x, y],
        )
        assert inside, (x, y)


def test_the_view_works_from_a_folder(browser: Any, real_site: Path, pages: list[Any]) -> None:
    page, view = following(browser, (844, 390), (real_site / ROUTINE).as_uri(), pages, 5100)
    assert run_state(view)[0].startswith("Inhale")
    assert view.get_by_role("img", name=re.compile("Cat-cow")).is_visible()
    # The figure moves with the breath: cow on the in-breath, cat on the out-breath.
    drawing = view.locator(".lt-follow-figure .limber-figure")
    current = drawing.locator(".lf-frame.is-current")
    assert current.get_attribute("data-frame") == "cow"
    for _ in range(20):
        if not run_state(view)[0].startswith("Inhale"):
            break
        page.clock.run_for(500)
    assert run_state(view)[0].startswith("Exhale")
    assert current.get_attribute("data-frame") == "cat"
    page.keyboard.press("Escape")
    assert not view.is_visible()


def test_the_figure_turns_for_the_right_side_even_with_reduced_motion(
    browser: Any, real_server: Server, pages: list[Any]
) -> None:
    url = real_server.url + DOORWAY
    page, view = following(browser, (844, 390), url, pages, 5100, reduced_motion="reduce")
    drawing = view.locator(".lt-follow-figure .limber-figure")
    assert drawing.get_attribute("data-side") == "left"
    page.clock.run_for(20_000)
    assert run_state(view)[0] == "Right · Hold"
    assert drawing.get_attribute("data-side") == "right"
    transform = drawing.locator("svg").evaluate("s => getComputedStyle(s).transform")
    assert transform.startswith("matrix(-1")


WAKE_LOCK_STUB = """
window.__wakeRequests = 0;
const fake = {
  request() {
    window.__wakeRequests += 1;
    const lock = new EventTarget();
    lock.release = () => { lock.dispatchEvent(new Event("release")); return Promise.resolve(); };
    window.__lock = lock;
    return Promise.resolve(lock);
  }
};
Object.defineProperty(Navigator.prototype, "wakeLock", {get: () => fake});
"""


def test_the_screen_is_kept_awake_while_it_runs(
    browser: Any, real_server: Server, pages: list[Any]
) -> None:
    page = open_page(browser, (390, 844), "")
    pages.append(page)
    page.add_init_script(WAKE_LOCK_STUB)
    page.goto(real_server.url + ROUTINE)
    button(page, "Follow along").click()
    view = view_of(page)
    button(view, "Start").click()
    page.clock.run_for(500)
    assert page.evaluate("window.__wakeRequests") == 1
    assert not view.get_by_role("status").is_visible()
    # The browser drops the lock when the page is hidden; coming back asks again.
    page.evaluate("window.__lock.release(); document.dispatchEvent(new Event('visibilitychange'))")
    page.clock.run_for(500)
    assert page.evaluate("window.__wakeRequests") == 2


def test_the_view_says_when_the_screen_may_go_dark(
    browser: Any, real_server: Server, pages: list[Any]
) -> None:
    page = open_page(browser, (390, 844), "")
    pages.append(page)
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'wakeLock', {get: () => undefined});"
    )
    page.goto(real_server.url + ROUTINE)
    button(page, "Follow along").click()
    view = view_of(page)
    button(view, "Start").click()
    note = view.get_by_role("status")
    assert note.is_visible()
    assert "can't keep the screen on" in note.inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_inside_the_view(
    browser: Any, real_server: Server, size: tuple[int, int], scheme: str, pages: list[Any]
) -> None:
    if not AXE.is_file():
        _missing("axe-core (npm ci)")
    page = open_page(browser, size, real_server.url + ROUTINE, color_scheme=scheme)
    pages.append(page)
    button(page, "Follow along").click()
    view = view_of(page)
    button(view, "Start").click()
    page.clock.run_for(FIRST_REST * 1000 + 2000)  # a rest: the coming stretch is shown
    view.locator(".lt-follow-stage").click()  # paused: the pill shows too
    # axe waits on timers of its own: with the clock paused they never fire and axe.run never
    # settles (this hung the file). The run is paused, so letting time flow changes nothing.
    page.clock.resume()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document.querySelector('.lt-follow'), {resultTypes: ['violations']})"
    )
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def shown_picture(view: Any, name: str) -> Any:
    """The view's figure of a stretch shown from its picture file, once the file has loaded."""
    figure = view.get_by_role("img", name=f"Picture of {name}", exact=True)
    expect(figure).to_be_visible()
    picture = figure.locator("img.limber-pic")
    expect(picture).to_have_js_property("complete", True)
    assert picture.evaluate("img => img.naturalWidth") > 0, "the picture file did not load"
    return figure


@pytest.mark.parametrize("where", ["served", "folder"])
def test_a_built_routine_follows_along_with_its_pictures(
    browser: Any, where: str, real_server: Server, real_site: Path, pages: list[Any]
) -> None:
    """The builder's library shows each stretch from its picture file, not a drawing in the
    page: the view shows that file, large and named, moving with the breath and turned for the
    right side, from a server and from file:// alike."""
    base = real_server.url if where == "served" else real_site.as_uri() + "/"
    link = base + "builder.html#r=1;10;2;Mine;cat-cow:2,doorway-stretch:20"
    page, view = following(browser, (844, 390), link, pages, 5100)
    figure = shown_picture(view, "Cat-cow")
    picture = figure.locator("img")
    assert box(figure)["height"] >= 0.3 * 390
    # The file's own views of the pose: cow on the in-breath, cat on the out-breath.
    assert run_state(view)[0].startswith("Inhale")
    assert picture.get_attribute("src") == "stretches/figures/cat-cow.svg#first"
    cow = picture.screenshot()
    for _ in range(20):
        if not run_state(view)[0].startswith("Inhale"):
            break
        page.clock.run_for(500)
    assert run_state(view)[0].startswith("Exhale")
    assert picture.get_attribute("src") == "stretches/figures/cat-cow.svg#last"
    shown_picture(view, "Cat-cow")
    assert picture.screenshot() != cow
    for _ in range(200):  # through the breaths, however many the builder kept, to the rest
        if run_state(view)[0].startswith("Rest"):
            break
        page.clock.run_for(1000)
    assert run_state(view)[0] == "Rest · Next: Doorway stretch"
    assert view.locator(".lt-follow-next-name").inner_text() == "Doorway stretch"
    coming = view.locator(".lt-follow-next-figure img.limber-pic")
    assert coming.get_attribute("src") == "stretches/figures/doorway-stretch.svg"
    expect(coming).to_be_visible()
    page.clock.run_for(10_000)  # the doorway stretch, left then right: the picture turns
    shown_picture(view, "Doorway stretch")
    drawing = view.locator(".lt-follow-figure .limber-figure")
    assert drawing.get_attribute("data-side") == "left"
    for _ in range(60):
        if run_state(view)[0].startswith("Right"):
            break
        page.clock.run_for(1000)
    assert run_state(view)[0] == "Right · Hold"
    assert drawing.get_attribute("data-side") == "right"
    expect(drawing.locator("img")).to_have_css("transform", "matrix(-1, 0, 0, 1, 0, 0)")
