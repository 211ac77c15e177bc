"""Browser fixtures: Debian's Chromium driven by Playwright, built sites served on loopback.

Tests here skip with a reason when Chromium or Playwright is missing, unless
``LIMBER_REQUIRE_BROWSER=1`` (set by ``.ci/run``) turns a missing browser into a failure.
"""

from __future__ import annotations

import functools
import http.server
import io
import itertools
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ..conftest import ROOT, real_names

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
T0 = datetime(2026, 3, 2, 9, 0, 0)
# The fake clock is installed this long before T0, so that pausing at T0 is still ahead of it
# however slowly a busy machine gets there (one second was too little: "cannot fast-forward to
# the past").
CLOCK_START = T0 - timedelta(minutes=5)


def _missing(what: str) -> None:
    if os.environ.get("LIMBER_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{what} is required here (LIMBER_REQUIRE_BROWSER=1)")
    pytest.skip(f"{what} not installed; run scripts/test.sh to install it")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM:
        _missing("Debian's chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


class Server:
    """A built ``site/`` served on 127.0.0.1, recording every request path."""

    def __init__(self, folder: Path):
        self.folder = folder
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Server(http.server.ThreadingHTTPServer):
    """A static host: a browser that leaves a page mid-file (an MP3, a picture) is no error."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as a static host does, byte ranges included: a media element seeks with
    them, and without them Chromium cannot seek in the routine audio."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        start = int(match.group(1))
        end = min(int(match.group(2) or size - 1), size - 1)
        if start >= size:
            self.send_error(416)
            return None
        with path.open("rb") as file:
            file.seek(start)
            body = io.BytesIO(file.read(end - start + 1))
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return body


@pytest.fixture(scope="session")
def real_server(real_site: Path) -> Iterator[Server]:
    server = Server(real_site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def fixture_server(fixture_site: Path) -> Iterator[Server]:
    server = Server(fixture_site)
    yield server
    server.close()


@pytest.fixture
def site_folder(real_site: Path, tmp_path: Path) -> Path:
    """The built site copied into a folder of its own, to open from ``file://`` as someone who
    unzipped the download does (``context.hosts`` is then ``{""}``)."""
    folder = tmp_path / "limber"
    shutil.copytree(real_site, folder)
    return folder


def recording_context(browser: Any, **options: Any) -> Any:
    """A new browser context (no storage) that records in ``.hosts`` every host it is asked
    to reach."""
    ctx = browser.new_context(**options)
    ctx.hosts = set()
    ctx.on("request", lambda request: ctx.hosts.add(request.url.split("/")[2]))
    return ctx


def paused_page(context: Any) -> Any:
    """A new page with Playwright's clock paused at ``T0`` (tests move time with ``run_for``),
    collecting its script errors in ``.errors``."""
    new = context.new_page()
    new.errors = []
    new.on("pageerror", lambda error: new.errors.append(str(error)))
    new.clock.install(time=CLOCK_START)
    new.clock.pause_at(T0)
    return new


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser context that records every host it is asked to reach."""
    ctx = recording_context(browser, viewport={"width": 1024, "height": 800})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    """A page with its clock paused at ``T0``; the test fails if a script on it threw."""
    new = paused_page(context)
    yield new
    assert not new.errors, new.errors


def axe_serious(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    if not AXE.is_file():
        _missing("axe-core (npm ci)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def search(page: Any, query: str, box: str = "Search") -> Any:
    """Type ``query`` into the theme's search box key by key, as a reader does (the box is
    emptied first); returns the results' items."""
    field = page.get_by_role("textbox", name=box)
    field.fill("")
    field.press_sequentially(query, delay=30)
    return page.locator(".md-search-result__item")


def top_results(page: Any, query: str, names: list[str], box: str = "Search") -> list[str]:
    """Search for ``query``, typed whole (key by key, each letter would be a query of its own),
    and wait until the first five results' titles are all among ``names``; returns them."""
    field = page.get_by_role("textbox", name=box)
    field.fill(query)
    field.press("End")  # the theme searches on a key
    return page.wait_for_function(  # retried until the whole query's results are drawn
        "names => { const top = [...document.querySelectorAll('.md-search-result__item h1')]"
        ".slice(0, 5).map(title => title.textContent.trim());"
        " return top.length === 5 && top.every(name => names.includes(name)) && top; }",
        arg=names,
    ).json_value()


def shown_tags(page: Any) -> set[str]:
    """The tags on the search results, as a reader reads them."""
    tags = page.locator(".md-search-result .md-tag")
    return set(tags.evaluate_all("tags => tags.map(tag => tag.textContent.trim())"))


FILTERS = ("Area", "Position", "Equipment")  # the stretch index's and the builder's filters


def set_filters_that_leave_nothing(scope: Any) -> tuple[str, ...]:
    """Choose, in the filters within ``scope``, the first values that no stretch matches, as
    few filters as can be; returns them."""
    values = "select => [...select.options].map(option => option.value)"
    choices = itertools.product(*(scope.get_by_label(name).evaluate(values) for name in FILTERS))
    choice = next(
        choice
        for choice in sorted(choices, key=lambda choice: choice.count(""), reverse=True)
        if not real_names(*choice)
    )
    for name, value in zip(FILTERS, choice, strict=True):
        scope.get_by_label(name).select_option(value)
    return choice
