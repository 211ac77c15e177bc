"""Offline: the service worker over http, a new build replacing the old cache, and file:// use."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..conftest import build, make_site, real_names
from .conftest import Server

PAGES = ["stretches/doorway-stretch.html", "routines/ease-upper-back-tightness.html",
         "stretches/index.html"]  # fmt: skip


def wait_for_worker(page: Any) -> str:
    """Wait until a service worker controls the page; returns its cache name."""
    page.evaluate("navigator.serviceWorker.ready")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_function("caches.keys().then(k => k.some(n => n.startsWith('limber-')))")
    names = page.evaluate("caches.keys()")
    return str(next(name for name in names if name.startswith("limber-")))


def cache_name(site: Path) -> str:
    match = re.search(r'"limber-" \+ "([0-9a-f]+)"', (site / "sw.js").read_text(encoding="utf-8"))
    assert match
    return f"limber-{match.group(1)}"


def test_after_one_visit_the_site_works_with_no_network(
    context: Any, real_server: Server, real_site: Path
) -> None:
    page = context.new_page()
    page.goto(real_server.url + "index.html")
    assert wait_for_worker(page) == cache_name(real_site)
    context.set_offline(True)
    for path in PAGES:
        page.goto(real_server.url + path)
        assert page.locator("h1").first.inner_text()
    page.goto(real_server.url + "stretches/index.html?area=neck")
    assert page.locator("[data-limber-list] > li:visible a").all_inner_texts() == real_names("neck")
    page.goto(real_server.url + "stretches/doorway-stretch.html")
    page.get_by_role("button", name="Start").click()
    page.wait_for_function("document.querySelector('[role=timer]').textContent === '0:04'")
    card = page.evaluate("fetch('../cards/doorway-stretch.png').then(r => r.status)")
    assert card == 200
    assert context.hosts == {real_server.url.split("/")[2]}


def test_a_new_build_replaces_the_old_cache_and_says_so(browser: Any, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    assert build(site).returncode == 0
    server = Server(site / "site")
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(server.url + "stretches/cat-cow.html")
        old = wait_for_worker(page)
        assert old == cache_name(site / "site")
        stretch = site / "stretches" / "cat-cow.md"
        stretch.write_text(stretch.read_text().replace("Cat-cow", "Cat and cow"), "utf-8")
        assert build(site).returncode == 0
        new = cache_name(site / "site")
        assert new != old
        page.reload()
        page.get_by_role("status").filter(has_text="A new version of Limber is ready").wait_for()
        page.wait_for_function(
            f"caches.keys().then(k => k.length === 1 && k[0] === {json.dumps(new)})"
        )
        page.get_by_role("button", name="Reload to update").click()
        page.wait_for_load_state()
        assert page.locator("h1").first.inner_text() == "Cat and cow"
        context.close()
    finally:
        server.close()


def test_from_the_folder_the_timer_and_search_work(
    page: Any, context: Any, site_folder: Path
) -> None:
    page.goto((site_folder / "stretches" / "doorway-stretch.html").as_uri())
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(5100)
    assert page.locator(".limber-timer [aria-live='polite']").inner_text() == "Left · Hold"
    assert page.get_by_role("timer").inner_text() == "0:15"
    page.clock.resume()
    # Stemmed in the iframe that stands in for the worker: Cat-cow says "vertebra".
    page.get_by_role("textbox", name="Search").press_sequentially("vertebrae", delay=30)
    result = page.locator(".md-search-result__item").first
    result.wait_for()
    assert "Cat-cow" in result.inner_text()
    page.goto((site_folder / "stretches" / "index.html").as_uri())
    page.get_by_label("Area").select_option("neck")
    assert page.locator("[data-limber-list] > li:visible a").all_inner_texts() == real_names("neck")
    assert context.hosts == {""}, context.hosts  # file:///... only
