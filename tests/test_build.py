"""End-to-end builds: the real site, an outsider's fixture site, and builds that must fail."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from limber import messages
from limber.schema import DEFAULT_LICENSE

from .conftest import FIXTURES, ROOT, build, make_site, real_names

SEED_STRETCHES = (
    "cat-cow", "doorway-stretch", "seated-thoracic-rotation", "standing-side-stretch",
    "neck-side-tilt", "childs-pose", "foam-roller-upper-back",
)  # fmt: skip


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def text_of(page: Path) -> str:
    """The visible text of a built page, whitespace collapsed."""
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def main_text(page: Path) -> str:
    return text_of(page).split("Back to top")[0]


def test_real_site_has_every_contract_page(real_site: Path) -> None:
    for slug in SEED_STRETCHES:
        assert (real_site / "stretches" / f"{slug}.html").is_file()
    assert (real_site / "routines" / "ease-upper-back-tightness.html").is_file()
    assert (real_site / "stretches" / "index.html").is_file()
    assert (real_site / "routines" / "index.html").is_file()


def test_stretch_page_shows_facts_dose_steps_cautions_and_safety(real_site: Path) -> None:
    page = real_site / "stretches" / "doorway-stretch.html"
    text = text_of(page)
    assert "Doorway stretch" in text
    assert "Opens the chest and the fronts of the shoulders" in text
    for fact in ("Dose Hold 15–30 s on each side", "Areas Chest, Shoulders, Upper back",
                 "Position Standing", "Equipment Doorway", "Level Beginner"):  # fmt: skip
        assert fact in text
    assert "Stand in an open doorway" in text
    assert "stop if you feel tingling or numbness" in text
    assert 'href="../safety.html"' in page.read_text(encoding="utf-8")


def test_dose_wording_for_breaths_and_alternating_reps(real_site: Path) -> None:
    assert "Dose 10–15 slow breaths" in text_of(real_site / "stretches" / "cat-cow.html")
    rotation = text_of(real_site / "stretches" / "seated-thoracic-rotation.html")
    assert "Dose Hold 10 s on each side, 5–10 times, alternating sides" in rotation


def test_stretch_pages_stay_out_of_the_sidebar(real_site: Path) -> None:
    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert "doorway-stretch.html" not in home
    assert "stretches/index.html" in home


def test_routine_page_lists_stretches_in_order_with_overrides_and_total(real_site: Path) -> None:
    page = real_site / "routines" / "ease-upper-back-tightness.html"
    text = main_text(page)
    names = ["Cat-cow", "Doorway stretch", "Seated thoracic rotation", "Standing side stretch",
             "Neck side tilt", "Child's pose", "Foam roller upper back"]  # fmt: skip
    listing = text.split("The stretches", 1)[1]
    positions = [listing.index(name) for name in names]
    assert positions == sorted(positions)
    assert "Hold 10 s on each side, 5 times, alternating sides" in listing
    assert "about 7–10 minutes · 7 stretches · 10 s rest between them" in text
    html = page.read_text(encoding="utf-8")
    assert 'href="../stretches/childs-pose.html"' in html
    assert 'href="../safety.html"' in html


def test_index_lists_every_stretch_with_filters_and_groups(real_site: Path) -> None:
    page = real_site / "stretches" / "index.html"
    html = page.read_text(encoding="utf-8")
    for name in ("area", "position", "equipment"):
        assert f'<select name="{name}"' in html
    assert html.count('class="limber-item"') == len(real_names()) >= len(SEED_STRETCHES)
    text = text_of(page)
    assert "By area" in text and "By position" in text and "By equipment" in text
    assert "Cat-cow Moves the whole spine" in text


def test_search_index_finds_stretches_by_area_and_steps(real_site: Path) -> None:
    index = (real_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Doorway stretch" in index
    assert "Upper back" in index
    assert "open doorway" in index


def test_a_stretch_is_found_by_its_aliases_and_shows_them(real_site: Path) -> None:
    docs = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entry = next(d for d in docs["docs"] if d["location"] == "stretches/cat-cow.html")
    assert "Cat camel" in entry["text"] and "Cat cow stretch" in entry["text"]
    page = text_of(real_site / "stretches/cat-cow.html")
    assert "Also called: Cat camel, Cat cow stretch" in page


def test_nothing_on_the_real_site_asks_another_host(real_site: Path) -> None:
    # Anything the browser loads by itself: scripts, images, styles, icons, fonts (not <a> links).
    pattern = re.compile(r"""(?:\ssrc=|<link[^>]*\shref=)["']?(?:https?:)?//""")
    for page in real_site.rglob("*.html"):
        assert not pattern.search(page.read_text(encoding="utf-8")), page


def test_outsiders_content_builds_without_code_changes(fixture_site: Path) -> None:
    wall = text_of(fixture_site / "stretches" / "wall-angel.html")
    assert "Dose Hold 5 s, 8–12 times" in wall
    twist = text_of(fixture_site / "stretches" / "box-breathing-twist.html")
    assert "Dose 4–6 slow breaths on each side, 2 times, alternating sides" in twist
    routine = main_text(fixture_site / "routines" / "desk-break.html")
    assert "3 slow breaths on each side, alternating" in routine
    assert "Hold 20 s, 2–3 times on each side" in routine


def test_front_matter_markup_is_shown_as_text(fixture_site: Path) -> None:
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<img src=x" not in html, page
        assert "<script>window.__pwned" not in html, page
        assert '<b onmouseover="window' not in html, page
        assert "<em>now</em>" not in html, page
    hostile = text_of(fixture_site / "stretches" / "hostile-markup.html")
    assert '<img src=x onerror="window.__pwned=1">Hostile & "quoted"' in hostile
    routine = text_of(fixture_site / "routines" / "desk-break.html")
    assert "Desk break <em>now</em>" in routine


def test_bad_content_fails_once_with_every_message_and_keeps_the_last_site(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    assert build(site).returncode == 0
    built = site / "site" / "index.html"
    before = built.stat().st_mtime_ns
    shutil.copy(FIXTURES / "invalid" / "stretches" / "unknown-area.md", site / "stretches")
    shutil.copy(FIXTURES / "invalid" / "stretches" / "not-utf8.md", site / "stretches")
    shutil.copy(FIXTURES / "invalid" / "stretches" / "malformed-yaml.md", site / "stretches")
    result = build(site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert (
        "stretches/unknown-area.md:4: areas: found 'shoulder' (did you mean 'shoulders'?)" in output
    )
    assert "stretches/not-utf8.md:2: encoding: found the byte 0xe9" in output
    assert "stretches/malformed-yaml.md:5: front-matter: found malformed YAML" in output
    assert "Limber found 3 problems in the content; nothing was built." in output
    assert built.stat().st_mtime_ns == before


def test_a_bad_routine_fails_the_build_even_without_strict(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    shutil.copy(
        FIXTURES / "invalid" / "docs" / "routines" / "unknown-key.md", site / "docs" / "routines"
    )
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("strict: true", "strict: false"))
    result = build(site, "--no-strict")
    assert result.returncode != 0
    assert "docs/routines/unknown-key.md:3: rests: unknown field" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "site").exists()


def test_an_authored_file_at_a_generated_path_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "docs" / "stretches").mkdir()
    (site / "docs" / "stretches" / "cat-cow.md").write_text("# Mine\n")
    result = build(site)
    assert result.returncode != 0
    assert (
        "docs/stretches/cat-cow.md: file: found an authored page where Limber generates "
        "stretches/cat-cow.md" in result.stderr
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_cards_and_card_sheets_are_published_and_linked(real_site: Path) -> None:
    for slug in SEED_STRETCHES:
        assert (real_site / "cards" / f"{slug}.png").is_file()
    for name in ("stretch-cards.pdf", "stretch-cards-letter.pdf"):
        assert (real_site / "cards" / name).is_file()
    page = (real_site / "stretches" / "cat-cow.html").read_text(encoding="utf-8")
    assert 'href="../cards/cat-cow.png"' in page
    routine = (real_site / "routines" / "ease-upper-back-tightness.html").read_text(
        encoding="utf-8"
    )
    for name in ("ease-upper-back-tightness.pdf", "ease-upper-back-tightness-letter.pdf"):
        assert (real_site / "cards" / "routines" / name).is_file()
        assert f'href="../cards/routines/{name}"' in routine
    # Every card in one file, from the stretch index (it was published but linked from nowhere).
    index = (real_site / "stretches" / "index.html").read_text(encoding="utf-8")
    for name in ("stretch-cards.pdf", "stretch-cards-letter.pdf"):
        assert f'href="../cards/{name}" download' in index


def _pieces(log: str) -> tuple[int, int]:
    made, kept = re.search(r"Limber: (\d+) pieces of pages made, (\d+) kept", log).groups()  # type: ignore[union-attr]
    return int(made), int(kept)


def test_a_second_build_draws_no_card_and_renders_no_page_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site")
    first = build(site)
    pages = {page.name: page.read_bytes() for page in (site / "site" / "stretches").glob("*.html")}
    site_zip = (site / "site" / "downloads" / "limber-site.zip").read_bytes()
    second = build(site)
    cards = len(real_names())
    assert f"Limber: {cards} cards, {cards} drawn" in first.stderr
    assert f"Limber: {cards} cards, 0 drawn" in second.stderr
    # Markdown rendering, page, figure and timer, picture: each kept for each stretch.
    assert _pieces(first.stderr)[0] > 4 * cards
    assert _pieces(second.stderr) == (0, sum(_pieces(first.stderr)))
    # Kept pieces, Markdown renderings among them, make the very same pages and zip.
    assert pages == {p.name: p.read_bytes() for p in (site / "site" / "stretches").glob("*.html")}
    assert site_zip == (site / "site" / "downloads" / "limber-site.zip").read_bytes()
    built = (site / "site" / "stretches" / "cat-cow.html").read_text("utf-8")
    (site / "stretches" / "cat-cow.md").write_text(
        (site / "stretches" / "cat-cow.md").read_text().replace("Cat-cow", "Cat and cow"), "utf-8"
    )
    third = build(site)
    assert f"Limber: {cards} cards, 1 drawn" in third.stderr
    # Only the pieces made from the edited stretch are made again, and every page shows it.
    assert 0 < _pieces(third.stderr)[0] < 15
    page = (site / "site" / "stretches" / "cat-cow.html").read_text("utf-8")
    assert page != built and "<h1" in page and "Cat and cow" in page and "Cat-cow" not in page
    assert "Cat and cow" in (site / "site" / "stretches" / "index.html").read_text("utf-8")
    assert "Cat and cow" in (site / "site" / "builder.html").read_text("utf-8")
    for routine in (site / "site" / "routines").glob("*.html"):
        assert "Cat-cow" not in routine.read_text("utf-8"), routine.name
    entries = json.loads((site / "site" / "search" / "search_index.json").read_text("utf-8"))
    assert any(e["title"] == "Cat and cow" for e in entries["docs"])
    # Not only stretches: a routine's title reaches the home page, and the cards' links go with
    # the cards.
    routine = site / "docs" / "routines" / "after-a-run.md"
    routine.write_text(routine.read_text("utf-8").replace("After a run", "Once home"), "utf-8")
    monkeypatch.setenv("LIMBER_CARDS", "off")
    assert build(site).returncode == 0
    assert "Once home" in (site / "site" / "index.html").read_text("utf-8")
    page = (site / "site" / "stretches" / "cat-cow.html").read_text("utf-8")
    assert "Cat and cow" in page and "cards/cat-cow" not in page
    assert "cards/cat-cow" in built
    # A stretch added (a contributor's pull request) makes its own page and the pages that
    # list every stretch again, not every page: the others link to nothing that changed.
    added = (site / "stretches" / "cat-cow.md").read_text("utf-8")
    added = re.sub(
        r"^aliases:.*\n", "", added.replace("Cat and cow", "Cat and cow at a wall"), flags=re.M
    )
    (site / "stretches" / "wall-cat-cow.md").write_text(added, "utf-8")
    run = build(site)
    assert run.returncode == 0, run.stderr[-2000:]
    assert 0 < _pieces(run.stderr)[0] < 15
    index = (site / "site" / "stretches" / "index.html").read_text("utf-8")
    assert "Cat and cow at a wall" in index
    page = (site / "site" / "stretches" / "wall-cat-cow.html").read_text("utf-8")
    assert "Cat and cow at a wall" in page and 'href="../safety.html"' in page


def test_a_stretch_page_whose_rendering_warned_warns_again_in_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stretch page's rendering is kept for the next build only if it said nothing: a broken
    link fails every strict build, not just the first."""
    monkeypatch.setenv("LIMBER_CARDS", "off")
    monkeypatch.setenv("LIMBER_AUDIO", "off")
    site = make_site(tmp_path / "site")
    stretch = site / "stretches" / "cat-cow.md"
    text = stretch.read_text("utf-8")
    stretch.write_text(text.rstrip() + "\n\nSee [the next stretch](not-there.md).\n", "utf-8")
    for _ in range(2):
        run = build(site)
        assert run.returncode != 0 and "not-there.md" in run.stderr, run.stderr[-2000:]
    stretch.write_text(text, "utf-8")
    assert build(site).returncode == 0


def test_a_debug_build_keeps_no_rendering_for_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At debug level MkDocs records no page's links to anchors: a rendering kept from such a
    build would let the next skip checking them, so none is kept."""
    monkeypatch.setenv("LIMBER_CARDS", "off")
    monkeypatch.setenv("LIMBER_AUDIO", "off")
    site = make_site(tmp_path / "site")
    assert build(site, "--verbose").returncode == 0
    after_debug = build(site)
    assert _pieces(after_debug.stderr)[0] == len(real_names())  # each stretch page rendered
    assert _pieces(build(site).stderr)[0] == 0


def test_links_to_a_stretch_pages_headings_are_checked_in_every_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kept rendering brings its page's headings back: with anchors checked, a link to a
    heading a stretch page lacks fails every strict build, and one to a heading it has, in its
    body or Limber's own, none."""
    monkeypatch.setenv("LIMBER_CARDS", "off")
    monkeypatch.setenv("LIMBER_AUDIO", "off")
    site = make_site(tmp_path / "site")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nvalidation:\n  anchors: warn\n", "utf-8")
    stretch = site / "stretches" / "cat-cow.md"
    easier = stretch.read_text("utf-8") + "\n### An easier way\n\nMove less.\n"
    # And from a stretch page's body to a heading another page lacks.
    stretch.write_text(easier + "\nSee [the notes](../safety.md#nowhere-here).\n", "utf-8")
    safety = site / "docs" / "safety.md"
    text = safety.read_text("utf-8")
    good = (
        "See [cat-cow's steps](stretches/cat-cow.md#how-to-do-it) and "
        "[an easier way](stretches/cat-cow.md#an-easier-way)."
    )
    safety.write_text(f"{text}\n\n{good} [Nowhere](stretches/cat-cow.md#no-such-part).\n", "utf-8")
    for _ in range(2):
        run = build(site)
        assert run.returncode != 0 and "no-such-part" in run.stderr, run.stderr[-2000:]
        assert "nowhere-here" in run.stderr
        assert "#how-to-do-it" not in run.stderr and "#an-easier-way" not in run.stderr
    safety.write_text(f"{text}\n\n{good}\n", "utf-8")
    stretch.write_text(easier, "utf-8")
    for _ in range(2):
        run = build(site)
        assert run.returncode == 0, run.stderr[-2000:]


def test_with_a_site_url_cards_become_previews_and_sheets_get_a_qr_code(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    config = site / "mkdocs.yml"
    config.write_text("site_url: https://limber.example/\n" + config.read_text(), "utf-8")
    assert build(site).returncode == 0
    page = (site / "site" / "stretches" / "doorway-stretch.html").read_text(encoding="utf-8")
    assert (
        '<meta property="og:image" content="https://limber.example/cards/doorway-stretch.png">'
        in page
    )
    assert '<meta property="og:title" content="Doorway stretch">' in page
    routine = (site / "site" / "routines" / "ease-upper-back-tightness.html").read_text(
        encoding="utf-8"
    )
    assert '<svg role="img"' in routine
    assert "QR code: https://limber.example/routines/ease-upper-back-tightness.html" in routine


def test_without_a_site_url_there_is_no_preview_or_qr_code(real_site: Path) -> None:
    page = (real_site / "stretches" / "doorway-stretch.html").read_text(encoding="utf-8")
    assert "og:image" not in page
    routine = (real_site / "routines" / "ease-upper-back-tightness.html").read_text(
        encoding="utf-8"
    )
    assert "QR code" not in routine


def test_the_offline_precache_is_small_and_complete(real_site: Path) -> None:
    from limber.offline import collect_precache

    precache = collect_precache(real_site)
    stretches = len(list((real_site / "stretches").glob("*.html"))) - 1  # not the index
    assert precache.size <= 2_000_000 + 25_000 * stretches  # the budget of issue 15
    needed = ["index.html", "stretches/cat-cow.html", "routines/ease-upper-back-tightness.html"]
    needed += ["search/search_index.json", "manifest.webmanifest", "offline-files.json"]
    assert set(needed) <= set(precache.files)
    # Saved later, when opened or by "Save everything": cards, PDFs, audio, the zip.
    large = [f for f in precache.files if f.startswith(("cards/", "downloads/"))]
    assert large + [f for f in precache.files if f.endswith((".pdf", ".mp3", ".zip"))] == []
    assert "search/search_index.js" not in precache.files  # file:// pages only; no worker there
    listing = json.loads((real_site / "offline-files.json").read_text(encoding="utf-8"))
    assert {"cards/cat-cow.png", "cards/stretch-cards.pdf", "downloads/limber-site.zip"} <= set(
        listing["files"]
    )
    sizes = {path: (real_site / path).stat().st_size for path in listing["files"]}
    assert {path: size for path, (_, size) in listing["files"].items()} == sizes
    assert listing["size"] == sum(sizes.values())
    worker = (real_site / "sw.js").read_text(encoding="utf-8")
    assert f'"limber-" + "{precache.version}"' in worker
    manifest = json.loads((real_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Limber" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert (real_site / icon["src"]).is_file()
    assert (real_site / "downloads" / "limber-site.zip").is_file()
    assert (real_site / "assets" / "vendor" / "iframe-worker" / "shim.js").is_file()


def test_each_language_has_its_own_precache_and_files_saved_later(real_site: Path) -> None:
    from limber.offline import collect_precache

    spanish = real_site / "es"
    english = json.loads((real_site / "offline-files.json").read_text(encoding="utf-8"))
    assert not [path for path in collect_precache(real_site).files if path.startswith("es/")]
    assert not [path for path in english["files"] if path.startswith("es/")]
    precache = collect_precache(spanish, "es")
    stretches = len(list((spanish / "stretches").glob("*.html"))) - 1
    assert precache.size <= 2_000_000 + 25_000 * stretches
    assert {"index.html", "search/search_index.json", "offline-files.json"} <= set(precache.files)
    assert not [f for f in precache.files if f.startswith("cards/") or f.endswith((".pdf", ".mp3"))]
    listing = json.loads((spanish / "offline-files.json").read_text(encoding="utf-8"))
    # Its own cards, PDFs and audio, and the one zip of every language, beside its folder.
    assert {"cards/cat-cow.png", "cards/stretch-cards.pdf", "../downloads/limber-site.zip"} <= set(
        listing["files"]
    )
    sizes = {path: (spanish / path).stat().st_size for path in listing["files"]}
    assert {path: size for path, (_, size) in listing["files"].items()} == sizes
    assert (
        listing["files"]["../downloads/limber-site.zip"]
        == english["files"]["downloads/limber-site.zip"]
    )
    assert f'"limber-" + "{precache.version}"' in (spanish / "sw.js").read_text(encoding="utf-8")


def test_an_external_asset_fails_the_build(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "docs" / "safety.md").write_text(
        "# Safety\n\n![A photo](https://images.example.com/photo.jpg)\n", encoding="utf-8"
    )
    result = build(site)
    assert result.returncode != 0
    assert "External file: https://images.example.com/photo.jpg" in result.stderr


def test_attribution_is_shown_at_the_foot_of_a_stretch_page(
    fixture_site: Path, real_site: Path
) -> None:
    wall = text_of(fixture_site / "stretches" / "wall-angel.html")
    assert "Written by Sam Contributor. Source: https://physio.example.org/wall-angels" in wall
    assert "Text licensed under CC BY 4.0." in wall
    html = (fixture_site / "stretches" / "wall-angel.html").read_text(encoding="utf-8")
    assert '<a href="https://physio.example.org/wall-angels"' in html
    # Cat-cow has no author, source or licence of its own: on screen the footer's licence line
    # is enough, and its own is for paper (tests/browser/test_print.py).
    cat_cow = (real_site / "stretches" / "cat-cow.html").read_text(encoding="utf-8")
    assert '<p class="limber-attribution limber-print-only">Text licensed under CC BY-SA 4.0.' in (
        cat_cow
    )
    neck = (real_site / "stretches" / "neck-rotation.html").read_text(encoding="utf-8")
    assert '<p class="limber-attribution">Source: NHS, Flexibility exercises' in neck
    assert "Text licensed under CC BY-SA 4.0." in text_of(
        real_site / "stretches/neck-rotation.html"
    )


def test_the_default_licence_is_the_one_every_footer_gives() -> None:
    """A stretch under the default licence shows no line of its own on screen: the footer's,
    in each language, must name that licence."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"copyright: Text {DEFAULT_LICENSE} ·" in config
    for language in messages.languages():
        assert DEFAULT_LICENSE in messages.load(language).text("language.copyright"), language


def test_edit_this_page_opens_the_stretch_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site")
    monkeypatch.setenv("LIMBER_EDIT_URI", "https://github.com/limber/limber/edit/main/docs/")
    assert build(site).returncode == 0
    page = (site / "site" / "stretches" / "cat-cow.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/limber/limber/edit/main/docs/../stretches/cat-cow.md"' in page
    safety = (site / "site" / "safety.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/limber/limber/edit/main/docs/safety.md"' in safety


def test_mkdocs_serve_previews_the_site_in_every_language_without_a_service_worker(
    tmp_path: Path,
) -> None:
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    site = make_site(tmp_path / "site")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Cards and audio off, as a writer previews: their first render would outlast the wait below.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LIMBER_CARDS": "off", "LIMBER_AUDIO": "off"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}/"
        # The server answers once the first build, Spanish included, is done.
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(base + "stretches/cat-cow.html", timeout=2) as answer:
                    page = answer.read()
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise AssertionError("mkdocs serve did not answer") from None
                time.sleep(0.5)
        assert b"Cat-cow" in page
        # A translator previews their language too.
        with urllib.request.urlopen(base + "es/stretches/cat-cow.html", timeout=5) as answer:
            assert b"Gato-vaca" in answer.read()
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "sw.js", timeout=2).close()
        missing.value.close()
        assert missing.value.code == 404
        # An edit shows once the server has rebuilt: kept renderings are of the old text only.
        stretch = site / "stretches" / "cat-cow.md"
        stretch.write_text(stretch.read_text("utf-8") + "\nKeep the neck long.\n", "utf-8")
        deadline = time.monotonic() + 300
        while b"Keep the neck long." not in page:
            assert time.monotonic() < deadline, "the edit never showed"
            time.sleep(1)
            try:  # mid-rebuild, the page may be missing for a moment
                with urllib.request.urlopen(base + "stretches/cat-cow.html", timeout=5) as answer:
                    page = answer.read()
            except (urllib.error.URLError, ConnectionError):
                continue
        with urllib.request.urlopen(base + "stretches/doorway-stretch.html", timeout=5) as answer:
            other = answer.read()
        assert b"Doorway stretch" in other and b"Keep the neck long." not in other
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_stretch_pages_carry_no_indentation_but_keep_preformatted_text(real_site: Path) -> None:
    from limber.html import compact

    page = (real_site / "stretches" / "doorway-stretch.html").read_text(encoding="utf-8")
    assert not re.search(r"\n[ \t]+<|\n\n", page)
    assert "Doorway stretch" in page and "data-limber-config" in page
    assert compact("<p>\n    a\n\n  b</p>") == "<p>\na\nb</p>"
    assert compact("<pre>\n    kept\n</pre>") == "<pre>\n    kept\n</pre>"
