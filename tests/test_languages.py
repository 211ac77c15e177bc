"""The site in Spanish (SPEC section 9), built from the real content; a third language from a
catalogue and content files alone."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from limber import languages, messages, stemming

from .conftest import ROOT, build, make_site

SPANISH = messages.load("es")


def _translated(kind: str = "stretches") -> set[str]:
    folder = ROOT / kind if kind == "stretches" else ROOT / "docs" / "routines"
    return {path.name.split(".")[0] for path in folder.glob("*.es.md")}


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_stretch_and_routine_has_a_spanish_page(real_site: Path) -> None:
    slugs = [path.stem for path in (ROOT / "stretches").glob("*.md") if "." not in path.stem]
    routines = [p.stem for p in (ROOT / "docs/routines").glob("*.md") if "." not in p.stem]
    for path in [f"es/stretches/{s}.html" for s in slugs] + [
        f"es/routines/{r}.html" for r in routines
    ]:
        assert '<html lang="es"' in _html(real_site, path), path
    assert '<html lang="en"' in _html(real_site, "stretches/cat-cow.html")


def test_a_translated_page_is_in_spanish(real_site: Path) -> None:
    page = _html(real_site, "es/stretches/cat-cow.html")
    assert '<h1 class="limber-title">Gato-vaca</h1>' in page
    assert "limber-fallback" not in page
    assert "limber-fallback" in _html(real_site, "es/contributing.html"), "not translated"


def test_an_untranslated_page_is_english_with_a_spanish_notice(fixture_site: Path) -> None:
    """The fixture site's stretches and routines have no translations."""
    for path in ("stretches/calf-wall-stretch.html", "routines/desk-break.html"):
        page = _html(fixture_site, f"es/{path}")
        assert '<html lang="es"' in page
        notice = re.search(
            r'<div class="admonition note limber-fallback" role="note">(.*?)</div>', page, re.S
        )
        assert notice is not None, path
        assert SPANISH.text("language.fallback") in notice.group(1)
        link = re.search(r'href="([^"]+)"', notice.group(1))
        assert link is not None and link.group(1) == f"../../{path}"
        assert (fixture_site / path).is_file()
        assert '<h1 class="limber-title" lang="en">' in page
    stretch = _html(fixture_site, "es/stretches/calf-wall-stretch.html")
    assert SPANISH.text("stretch.how_to") in stretch, "Limber's own words are Spanish"
    assert '<div lang="en">' in stretch, "the English steps are marked as English"


def test_every_page_links_the_same_page_in_each_language(real_site: Path) -> None:
    english = _html(real_site, "stretches/cat-cow.html")
    spanish = _html(real_site, "es/stretches/cat-cow.html")
    assert 'hreflang="es" lang="es" class="md-select__link"' in english
    assert 'href="../es/stretches/cat-cow.html" hreflang="es"' in english
    assert 'href="../../stretches/cat-cow.html" hreflang="en"' in spanish
    for page in (english, spanish):  # the theme would ask for a sitemap.xml beside each one
        assert '<link rel="alternate"' not in page
    home = _html(real_site, "es/index.html")
    assert 'href="../index.html" hreflang="en"' in home


def test_with_a_site_url_the_sitemaps_give_each_page_in_every_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where search engines read hreflang (and the theme looks for it): the sitemap, with full
    addresses, in each language's site, here one published below a path."""
    monkeypatch.setenv("LIMBER_CARDS", "off")
    monkeypatch.setenv("LIMBER_AUDIO", "off")
    site = make_site(tmp_path / "site")
    config = site / "mkdocs.yml"
    config.write_text("site_url: https://limber.example/es/\n" + config.read_text(), "utf-8")
    result = build(site, languages="")
    assert result.returncode == 0, result.stderr
    space = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    english = "https://limber.example/es/stretches/cat-cow.html"  # "es/" is the site's path
    spanish = "https://limber.example/es/es/stretches/cat-cow.html"
    for sitemap, own in (("sitemap.xml", english), ("es/sitemap.xml", spanish)):
        root = ElementTree.parse(site / "site" / sitemap).getroot()
        urls = root.iterfind("s:url", space)
        entry = next(url for url in urls if url.findtext("s:loc", "", space) == own)
        links = {a.get("hreflang"): a.get("href") for a in entry.iterfind("x:link", space)}
        assert links == {"en": english, "es": spanish, "x-default": english}


def test_the_spanish_site_has_its_own_search_manifest_and_service_worker(real_site: Path) -> None:
    index = _html(real_site, "es/search/search_index.js")
    assert '"lang":["es"]' in index.replace(" ", "")
    assert "Gato-vaca" in index
    manifest = json.loads(_html(real_site, "es/manifest.webmanifest"))
    assert manifest["lang"] == "es"
    assert manifest["description"] == SPANISH.text("language.site_description")
    worker = _html(real_site, "es/sw.js")
    assert '"stretches/cat-cow.html"' in worker
    assert "assets/javascripts/lunr/min/lunr.es.min.js" in worker
    assert '"es/' not in _html(real_site, "sw.js"), "the English worker leaves Spanish alone"


def test_spanish_navigation_data_and_cards(real_site: Path) -> None:
    home = _html(real_site, "es/index.html")
    tabs = re.findall(r'md-tabs__link">\s*(.*?)\s*<', home, re.S)
    assert tabs[:2] == [SPANISH.text("nav.home"), SPANISH.text("nav.stretches")]
    # The footer's licence line and the colour scheme toggles: mkdocs.yml's English, translated.
    assert SPANISH.text("language.copyright") in home and "Text CC BY-SA" not in home
    assert SPANISH.text("language.to_dark") in home and SPANISH.text("language.to_light") in home
    assert "Switch to" not in home
    assert SPANISH.text("language.made_with") in home and "Made with" not in home
    data = _html(real_site, "es/assets/limber/limber-data.js")
    assert '"timer.start": "Empezar"' in data
    assert '"language": "es"' in data
    card_es, card_en = real_site / "es/cards/cat-cow.png", real_site / "cards/cat-cow.png"
    assert card_es.read_bytes() != card_en.read_bytes()
    assert (real_site / "es" / "cards" / "stretch-cards.pdf").is_file()


def test_a_third_language_is_a_catalogue_and_content_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """French from files alone: a catalogue with a few words (the rest fall back to English),
    one stretch translated; no code changed."""
    monkeypatch.setenv("LIMBER_CARDS", "off")
    monkeypatch.setenv("LIMBER_AUDIO", "off")
    site = make_site(tmp_path / "site")
    (site / "hooks").unlink()
    shutil.copytree(ROOT / "hooks", site / "hooks", ignore=shutil.ignore_patterns("*.egg-info"))
    (site / "hooks/limber/messages/fr.yml").write_text(
        "language:\n  name: Français\n  fallback: Pas encore traduit.\n"
        "timer:\n  start: Commencer\n",
        encoding="utf-8",
    )
    original = site / "stretches/cat-cow.md"
    from limber import translations

    digest, _ = translations.hash_of_file(site, site / "docs", original)
    (site / "stretches/cat-cow.fr.md").write_text(
        f"---\ntranslation_of_hash: {digest}\nname: Chat-vache\n"
        "summary: Toute la colonne, au rythme du souffle.\n---\n\n1. À quatre pattes.\n",
        encoding="utf-8",
    )
    result = build(site, "--site-dir", str(tmp_path / "out"), languages="")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    page = (out / "fr/stretches/cat-cow.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page and "Chat-vache" in page
    assert '"timer.start": "Commencer"' in (out / "fr/assets/limber/limber-data.js").read_text()
    other = (out / "fr/stretches/doorway-stretch.html").read_text(encoding="utf-8")
    assert "Pas encore traduit." in other
    assert 'hreflang="fr"' in (out / "es/stretches/cat-cow.html").read_text(encoding="utf-8")
    assert languages.site_languages() == ("en", "es"), "the package itself is unchanged"


def test_every_languages_search_worker_stems_queries(real_site: Path) -> None:
    """Material's search worker in each language's site starts with Limber's query stemmer."""
    prelude = stemming.PRELUDE.read_text("utf-8")
    for folder in (real_site, real_site / "es"):
        workers = list(folder.glob(stemming.WORKERS))
        assert len(workers) == 1, folder
        code = workers[0].read_text("utf-8")
        assert code.startswith(prelude) and code.count(prelude) == 1
        assert "lunr" in code[len(prelude) :], "Material's worker follows"


def test_the_spanish_search_and_404_page(real_site: Path) -> None:
    """Spanish search finds Spanish pages: the English ones shown with a notice stay out of it,
    and words of a list's items don't run together ("silla" and "Abre", not "sillaAbre"). The
    page-not-found page is in Spanish, with a way home; headings' links are named in Spanish."""
    index = json.loads((real_site / "es/search/search_index.json").read_text("utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "contributing.html" not in pages, "not translated: left out"
    assert "safety.html" in pages and "stretches/cat-cow.html" in pages
    for doc in index["docs"]:
        if doc["location"].startswith("routines/"):
            assert not re.search(r"[a-zá-úñ.][A-ZÁ-ÚÑ][a-zá-úñ]", doc["text"]), doc["text"][:200]
    missing = _html(real_site, "es/404.html")
    assert SPANISH.text("language.not_found") in missing and "Not found" not in missing
    assert SPANISH.text("language.go_home") in missing
    assert f'title="{SPANISH.text("language.permalink")}"' in _html(real_site, "es/safety.html")
