"""The Spanish site in Chromium: the timer by the contract's Spanish names and words (SPEC
section 9), the builder and the printed sheet, a page not yet translated, the language switcher,
search with Spanish stemming, and axe."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from limber import messages
from limber.loading import load_stretches
from limber.vocabulary import AREAS

from ..conftest import ROOT
from .conftest import Server, axe_serious, search, shown_tags, top_results
from .test_print import print_page
from .test_timer import Timer

SPANISH = messages.load("es")
ROUTINE = "es/routines/ease-upper-back-tightness.html"
STRETCHES = Path(__file__).parents[2] / "stretches"
# The fixture site's stretches have no translation: their Spanish pages fall back to English.
UNTRANSLATED_SLUG = "calf-wall-stretch"
UNTRANSLATED = f"es/stretches/{UNTRANSLATED_SLUG}.html"


def _name(slug: str) -> str:
    """A stretch's Spanish name, from its translation file."""
    text = (STRETCHES / f"{slug}.es.md").read_text("utf-8")
    return next(line[6:].strip() for line in text.splitlines() if line.startswith("name: "))


def test_a_per_side_hold_in_spanish(page: Any, real_server: Server) -> None:
    page.goto(real_server.url + "es/stretches/doorway-stretch.html")
    timer = Timer(page)
    assert timer.visible_buttons() == ["Empezar"]
    timer.press("Empezar")
    # Said as Spanish says it, not "primero: Izquierda" (a masculine word, then a capital).
    assert timer.words.startswith("Prepárate · ")
    assert timer.words.endswith(" · empieza por la izquierda")
    timer.wait(5.1)
    assert timer.words.startswith("Izquierda")
    assert timer.time == "0:15"
    timer.press("Pausa")
    timer.wait(30)
    assert timer.time == "0:15"
    timer.press("Seguir").wait(15)
    assert "Derecha" in timer.words
    timer.wait(5)
    assert timer.words.startswith("Derecha")
    timer.wait(15)
    assert timer.words.startswith("Terminado")
    assert timer.visible_buttons() == [SPANISH.text("timer.back"), "Reiniciar"]


def test_breath_pacing_in_spanish_with_the_translated_cues(page: Any, real_server: Server) -> None:
    page.goto(real_server.url + "es/stretches/cat-cow.html")
    timer = Timer(page).press("Empezar").wait(5.1)
    assert timer.words.startswith("Inhala · Vaca")
    assert page.locator(".lt-detail").inner_text() == "Respiración 1 de 10"
    timer.wait(4)
    assert timer.words.startswith("Exhala · Gato")
    timer.press("Saltar")
    assert timer.words.startswith("Terminado")


def test_the_spanish_routine_plays_to_the_end_with_rests(page: Any, real_server: Server) -> None:
    page.goto(real_server.url + ROUTINE)
    timer = Timer(page)
    page.evaluate(
        """() => { window.__said = [];
        const live = document.querySelector(".limber-timer [aria-live='polite']");
        new MutationObserver(() => window.__said.push(live.textContent))
          .observe(live, {childList: true, characterData: true, subtree: true}); }"""
    )
    timer.press("Empezar")
    assert page.locator(".lt-position").inner_text() == "Estiramiento 1 de 7"
    timer.wait(5 + 80 + 1)
    assert timer.words == f"Descanso · Siguiente: {_name('doorway-stretch')}"
    timer.wait(600)
    said = [w for w in page.evaluate("window.__said") if not w.startswith(("Inhala", "Exhala"))]
    rests = [w for w in said if w.startswith("Descanso")]
    following = ["doorway-stretch", "seated-thoracic-rotation", "standing-side-stretch",
                 "neck-side-tilt", "childs-pose", "foam-roller-upper-back"]  # fmt: skip
    assert rests == [f"Descanso · Siguiente: {_name(slug)}" for slug in following]
    assert said[-1].startswith("Terminado")
    assert any(w.startswith("Izquierda") for w in said) and any(
        w.startswith("Derecha") for w in said
    )


def test_the_builder_in_spanish_builds_and_shares(page: Any, real_server: Server) -> None:
    page.goto(real_server.url + "es/builder.html")
    for slug in ("cat-cow", "doorway-stretch"):
        page.get_by_role("button", name=f"Añadir {_name(slug)}", exact=True).click()
    chosen = page.locator("[data-lb-chosen] li")
    expect(chosen).to_have_count(2)
    assert page.get_by_role("button", name=f"Subir {_name('doorway-stretch')}").is_visible()
    # A dose menu is named in Spanish too, for a screen reader's list of form fields.
    expect(page.get_by_role("combobox", name=f"Tiempo: {_name('doorway-stretch')}")).to_have_value(
        "15"
    )
    link = page.get_by_role("textbox", name="Enlace para compartir").input_value()
    assert link.startswith(real_server.url + "es/builder.html")
    page.goto(link)
    expect(page.get_by_role("button", name="Empezar", exact=True)).to_be_visible()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_spanish_routine_sheet_prints_in_spanish(
    context: Any, real_server: Server, paper: str, tmp_path: Path
) -> None:
    page = context.new_page()
    page.goto(real_server.url + ROUTINE)
    text = print_page(page, paper, tmp_path / "hoja.pdf")
    names = [_name(slug) for slug in ("cat-cow", "doorway-stretch", "childs-pose")]
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions)
    assert "Suelta la tensión de la espalda alta" in text
    assert SPANISH.text("safety.stop") in " ".join(text.split())


def test_a_page_not_yet_translated_says_so_in_spanish(page: Any, fixture_server: Server) -> None:
    page.goto(fixture_server.url + UNTRANSLATED)
    notice = page.get_by_role("note").filter(has_text=SPANISH.text("language.fallback"))
    expect(notice).to_be_visible()
    notice.get_by_role("link", name=SPANISH.text("language.fallback_link")).click()
    assert page.url == fixture_server.url + f"stretches/{UNTRANSLATED_SLUG}.html"
    assert page.locator("html").get_attribute("lang") == "en"


def test_the_switcher_keeps_the_reader_on_the_same_page(page: Any, real_server: Server) -> None:
    page.goto(real_server.url + "stretches/cat-cow.html")
    page.get_by_role("button", name="Select language").hover()
    page.get_by_role("link", name="Español").click()
    assert page.url == real_server.url + "es/stretches/cat-cow.html"
    assert page.get_by_role("heading", level=1).inner_text() == "Gato-vaca"
    page.get_by_role("button", name=SPANISH_SELECT).hover()
    page.get_by_role("link", name="English").click()
    assert page.url == real_server.url + "stretches/cat-cow.html"


SPANISH_SELECT = "Seleccionar idioma"


def test_search_in_spanish_finds_spanish_pages(context: Any, real_server: Server) -> None:
    """The Spanish index (lunr's Spanish support) finds the plural from the singular, accents and
    all: "omóplato" finds every stretch that says "omóplatos", not only the few that use the
    singular."""
    texts = [path.read_text("utf-8") for path in STRETCHES.glob("*.es.md")]
    singular = sum(bool(re.search(r"\bomóplato\b", text)) for text in texts)
    either = sum(bool(re.search(r"\bomóplatos?\b", text)) for text in texts)
    assert either > singular + 2  # the content still has pages that say only the plural
    page = context.new_page()
    page.goto(real_server.url + "es/index.html")
    search = page.get_by_role("textbox", name="Búsqueda")
    search.press_sequentially("omóplato", delay=30)
    page.locator(".md-search-result__item").first.wait_for()
    meta = page.locator(".md-search-result__meta").inner_text()
    found = int(re.search(r"\d+", meta).group())  # type: ignore[union-attr]
    assert found >= either, f"{meta!r}: {either} Spanish stretch pages say omóplato(s)"
    assert page.locator(".md-search-result").get_attribute("lang") in (None, "es")
    assert page.locator("html").get_attribute("lang") == "es"
    search.fill("")
    search.press_sequentially("gato", delay=30)
    expect(page.locator(".md-search-result__item").first).to_contain_text("Gato-vaca")


def test_spanish_search_finds_other_forms_of_a_word_with_or_without_accents(
    context: Any, real_server: Server
) -> None:
    """The content says "vértebra" and never "vértebras": the plural, typed with its accent or
    without it as people do on a phone, finds every page that says the singular."""
    texts = {path: path.read_text("utf-8") for path in STRETCHES.glob("*.es.md")}
    assert not any("vértebras" in text for text in texts.values())
    saying = [text for text in texts.values() if re.search(r"\bvértebra\b", text)]
    assert saying
    page = context.new_page()
    page.goto(real_server.url + "es/index.html")
    for query in ("vértebras", "vertebras"):
        results = search(page, query, "Búsqueda")
        expect(page.locator(".md-search-result__meta")).to_contain_text(f"{len(saying)} ")
        expect(results.locator("h1", has_text="Gato-vaca")).to_be_visible()
        marked = page.locator(".md-search-result mark").first
        assert marked.inner_text().startswith("vértebra")


def test_spanish_search_finds_an_area_by_the_other_names_readers_use(
    context: Any, real_server: Server
) -> None:
    """The site names the lower back "Zona lumbar"; a reader types "espalda baja" (which listed
    the upper back's stretches first) or "lumbares", and gets the lower back's stretches, with
    only the areas' own names shown on the results."""
    stretches, problems = load_stretches(ROOT)
    assert not problems
    lower_back = [_name(s.slug) for s in stretches.values() if "lower-back" in s.areas]
    areas = {SPANISH.text(f"vocabulary.{area}") for area in AREAS}
    page = context.new_page()
    page.goto(real_server.url + "es/index.html")
    for query in ("espalda baja", "lumbares"):
        assert len(set(top_results(page, query, lower_back, "Búsqueda"))) == 5, query
        assert shown_tags(page) <= areas
        assert SPANISH.text("vocabulary.lower-back") in shown_tags(page)


@pytest.mark.parametrize("width", [320, 390])
def test_no_area_name_breaks_mid_word_on_a_phone(
    browser: Any, real_server: Server, width: int
) -> None:
    """'Isquiotibiales' once wrapped as 'Isquiotibiale / s' in its home page tile."""
    ctx = browser.new_context(viewport={"width": width, "height": 844})
    page = ctx.new_page()
    page.goto(real_server.url + "es/index.html")
    words = page.locator("ul.limber-areas .limber-card-title").evaluate_all(
        """titles => titles.flatMap(title => title.textContent.split(" ").map(word => {
            const range = document.createRange();
            const text = title.firstChild;
            const start = text.textContent.indexOf(word);
            range.setStart(text, start);
            range.setEnd(text, start + word.length);
            return [word, new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
        }))"""
    )
    ctx.close()
    assert words and [word for word, lines in words if lines > 1] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "path",
    ["es/index.html", "es/stretches/cat-cow.html", ROUTINE, "es/builder.html", "es/safety.html"],
)
def test_axe_on_spanish_pages(
    browser: Any, real_server: Server, path: str, width: int, scheme: str
) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = ctx.new_page()
    page.goto(real_server.url + path)
    assert page.locator("html").get_attribute("lang") == "es"
    assert axe_serious(page) == []
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_a_page_not_yet_translated(
    browser: Any, fixture_server: Server, scheme: str
) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 900}, color_scheme=scheme)
    page = ctx.new_page()
    page.goto(fixture_server.url + UNTRANSLATED)
    assert page.locator("html").get_attribute("lang") == "es"
    assert axe_serious(page) == []
    ctx.close()
