"""Stretch pages' search entries are made from the model (limber.search), one a stretch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from limber import search
from limber.loading import load_library

from .conftest import ROOT


def _entries(site: Path) -> list[dict[str, Any]]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [d for d in index["docs"] if d["location"].startswith("stretches/")]


def test_each_stretch_has_entries_for_its_names_and_facts_steps_and_cautions(
    real_site: Path,
) -> None:
    library = load_library(ROOT, ROOT / "docs")
    entries = _entries(real_site)
    assert sorted(e["location"] for e in entries) == sorted(
        f"stretches/{slug}.html{anchor}"
        for slug in library.stretches
        for anchor in ("", "#how-to-do-it", "#take-care")
    )
    about, steps, care = (e for e in entries if e["location"].startswith("stretches/cat-cow.html"))
    assert (about["title"], steps["title"], care["title"]) == (
        "Cat-cow",
        "How to do it",
        "Take care",
    )
    for words in ("Also called: Cat camel, Cat cow stretch", "Position: All fours"):
        assert words in about["text"], words
    # The areas are the tags, weighed most and shown on the result; the name is the title. Each
    # is shown once.
    assert about["tags"] == ["Spine", "Upper back", "Mid back", "Lower back"]
    assert "Cat-cow" not in about["text"] and "Areas:" not in about["text"]
    # The areas' other names, and the stretch's own names, are indexed with the tags
    # (search-stems.js), weighing as much, but not shown as tags.
    also = set(about[search.ALSO_TAGS])
    assert {"lumbar", "low back", "backbone", "thoracic"} <= also
    assert {"Cat-cow", "Cat camel", "Cat cow stretch"} <= also
    assert not set(about[search.ALSO_TAGS]) & set(about["tags"])
    assert search.ALSO_TAGS not in steps and search.ALSO_TAGS not in care
    assert "one vertebra at a time" in steps["text"] and "a folded towel" in care["text"]
    # Words every page shares (the safety note, the licence) would only dilute the results.
    for entry in (about, steps, care):
        assert "Go gently" not in entry["text"] and "CC BY-SA" not in entry["text"]
    page = (real_site / "stretches" / "cat-cow.html").read_text(encoding="utf-8")
    assert 'id="how-to-do-it"' in page and 'id="take-care"' in page


def test_an_entry_is_escaped_text(fixture_site: Path) -> None:
    hostile = [
        e for e in _entries(fixture_site) if "stretches/hostile-markup.html" in e["location"]
    ]
    assert (
        hostile[0]["title"] == '&lt;img src=x onerror="window.__pwned=1"&gt;Hostile &amp; "quoted"'
    )
    for entry in hostile:
        text = entry["text"].replace("<p>", "").replace("</p>", "")
        assert "<" not in text and ">" not in text


def test_a_translation_searches_its_own_stretches_not_the_english_shown_in_their_place(
    real_site: Path, fixture_site: Path
) -> None:
    # The real content is all in Spanish: Spanish entries. The fixture content has no Spanish:
    # its stretches are shown in English with a notice, and Spanish search leaves them out.
    spanish = {e["location"]: e["title"] for e in _entries(real_site / "es")}
    assert spanish["stretches/cat-cow.html"] == "Gato-vaca"
    assert spanish["stretches/cat-cow.html#how-to-do-it"] == "Cómo hacerlo"
    about = next(e for e in _entries(real_site / "es") if e["location"] == "stretches/cat-cow.html")
    assert "Zona lumbar" in about["tags"] and "espalda baja" in about[search.ALSO_TAGS]
    assert [e["location"] for e in _entries(fixture_site)]  # English: indexed
    assert not [e for e in _entries(fixture_site / "es") if e["location"] != "stretches/index.html"]
