"""The message catalogue: every word a reader sees comes from messages/en.yml, found by its key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from limber import messages, vocabulary
from limber.messages import Catalogue

from .conftest import ROOT

PACKAGE = ROOT / "hooks" / "limber"
CATALOGUE = messages.load("en")
# KeyboardEvent.key values, and the plan's side and breath ids (shared with the audio's Python
# plan; their names come from the catalogue), not words.
KEY_NAMES = ("Enter", "Escape", "Left", "Right", "Inhale", "Exhale")


def _uses(pattern: str, files: list[Path], prefix: str = "") -> set[str]:
    return {
        prefix + key
        for file in files
        for key in re.findall(pattern, file.read_text(encoding="utf-8"))
    }


def test_every_key_the_code_asks_for_is_in_the_catalogue() -> None:
    templates = sorted((PACKAGE / "templates").iterdir())
    python = sorted(PACKAGE.rglob("*.py"))
    asked = _uses(r"""\bt\(\s*["']([\w.]+)["']""", templates)
    asked |= _uses(r"""\btext\(\s*["']([\w.]+)["']""", python)
    asked |= _uses(r"""\bt\(\s*"(\w+)"\s*[,)]""", [PACKAGE / "assets" / "timer.js"], "timer.")
    asked |= _uses(r"""\bt\(\s*"(\w+)"\s*[,)]""", [PACKAGE / "assets" / "site.js"], "site.")
    asked |= _uses(r"""\bt\(\s*"([\w.]+)"\s*[,)]""", [PACKAGE / "assets" / "builder.js"])
    assert len(asked) > 80
    assert sorted(asked - set(CATALOGUE.entries)) == []


def test_every_vocabulary_word_has_a_display_name() -> None:
    words = [*vocabulary.AREAS, *vocabulary.EQUIPMENT, *vocabulary.POSITIONS, *vocabulary.LEVELS]
    missing = [word for word in words if f"vocabulary.{word}" not in CATALOGUE.entries]
    assert missing == []
    assert vocabulary.label("upper-back") == "Upper back"


@pytest.mark.parametrize("script", ["timer.js", "site.js", "builder.js"])
def test_the_page_scripts_hold_no_english_words(script: str) -> None:
    """Their words are the catalogue's, read from the page: a translation needs no code."""
    source = (PACKAGE / "assets" / script).read_text(encoding="utf-8")
    source = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)  # comments may be English
    literals = re.findall(r'"((?:[^"\\\n]|\\.)*)"', source)
    words = [text for text in literals if re.search(r"\b[A-Z][a-z]+\b|[a-z]+ [a-z]+ ", text)]
    words = [text for text in words if text not in KEY_NAMES]
    assert words == []
    for key in ("start", "pause", "resume", "skip", "reset", "left", "right", "inhale", "exhale"):
        assert f"timer.{key}" in CATALOGUE.script_words()


def test_plurals_placeholders_and_escaping() -> None:
    catalogue = Catalogue(
        "en", {"count": {"one": "{count} stretch", "other": "{count} stretches"}, "hi": "Hi {x}"}
    )
    assert catalogue.text("count", 1) == "1 stretch"
    assert catalogue.text("count", 7) == "7 stretches"
    assert catalogue.text("hi", x="<b>") == "Hi <b>"  # text; templates escape it
    with pytest.raises(KeyError, match="no key 'nope'"):
        catalogue.text("nope")


def test_a_translation_falls_back_to_english_for_missing_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "en.yml").write_text("timer:\n  start: Start\n  pause: Pause\n", "utf-8")
    (tmp_path / "es.yml").write_text("timer:\n  start: Empezar\n", "utf-8")
    monkeypatch.setattr(messages, "CATALOGUE_DIR", tmp_path)
    messages.load.cache_clear()
    try:
        spanish = messages.load("es")
        assert (spanish.text("timer.start"), spanish.text("timer.pause")) == ("Empezar", "Pause")
        assert messages.load("fr").language == "en"
    finally:
        messages.load.cache_clear()
