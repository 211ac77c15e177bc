"""Pages don't jump as they load: the timer, the filters, and the builder are
given their room in the first paint (issue 15). Measured as Lighthouse does, by summing Chromium's
``layout-shift`` entries that no input caused, on every page kind at phone and desktop widths."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Server

OBSERVE = """
window.__limberShift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__limberShift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""
# Each page kind, and what shows that its scripts have finished drawing it.
PAGES = {
    "index.html": ".limber-areas a",
    "stretches/doorway-stretch.html": ".limber-timer .lt-box",
    "routines/ease-upper-back-tightness.html": ".limber-timer .lt-box",
    "stretches/index.html": "[data-limber-filters][data-ready]",
    "builder.html": ".limber-builder.is-ready",
}
FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", list(PAGES))
def test_the_page_does_not_jump_as_it_loads(
    browser: Any, real_server: Server, path: str, width: int
) -> None:
    # A first visit: no service worker, nothing cached, the scripts arriving after the page.
    context = browser.new_context(viewport={"width": width, "height": 800}, service_workers="block")
    try:
        context.add_init_script(OBSERVE)
        page = context.new_page()
        page.goto(real_server.url + path, wait_until="load")
        page.locator(PAGES[path]).first.wait_for(state="attached", timeout=15_000)
        page.evaluate(FRAMES)
        shift = page.evaluate("window.__limberShift")
        assert shift <= 0.05, f"{path} at {width} px: cumulative layout shift {shift:.3f}"
    finally:
        context.close()
