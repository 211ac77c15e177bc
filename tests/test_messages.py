"""The message catalogue: every word a reader sees comes from messages/en.yml, found by its key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from limber import messages, vocabulary
from limber.audio.clips import clip_texts
from limber.audio.cues import cue_sheet
from limber.audio.markup import render_audio_block
from limber.figures.alt import alt_text
from limber.figures.model import POSES, PROPS, VIEWS, Figure
from limber.loading import load_library
from limber.messages import Catalogue

from .conftest import FIXTURES, ROOT

PACKAGE = ROOT / "hooks" / "limber"
CATALOGUE = messages.load("en")
# KeyboardEvent.key values, the plan's side and breath ids (shared with the audio's Python plan;
# their names come from the catalogue) and the service worker's HTTP headers: not words.
NOT_WORDS = ("Enter", "Escape", "Tab", "Left", "Right", "Inhale", "Exhale")
NOT_WORDS += ("Range", "Content-Range", "Content-Type", "Content-Length")


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
    asked |= _uses(r"""\bt\(\s*"(\w+)"\s*[,)]""", [PACKAGE / "assets" / "follow.js"], "follow.")
    asked |= _uses(r"""\bt\(\s*"([\w.]+)"\s*[,)]""", [PACKAGE / "assets" / "builder.js"])
    asked |= _uses(r"""\bt\(\s*"(\w+)"\s*[,)]""", [PACKAGE / "assets" / "audio.js"], "audio.")
    asked |= _uses(r"""\bt\(\s*"(\w+\.[\w.]+)"\s*[,)]""", [PACKAGE / "assets" / "audio.js"])
    assert len(asked) > 80
    assert sorted(asked - set(CATALOGUE.entries)) == []


def test_every_vocabulary_word_has_a_display_name() -> None:
    words = [*vocabulary.AREAS, *vocabulary.EQUIPMENT, *vocabulary.POSITIONS, *vocabulary.LEVELS]
    missing = [word for word in words if f"vocabulary.{word}" not in CATALOGUE.entries]
    assert missing == []
    assert vocabulary.label("upper-back") == "Upper back"
    # Each area's other names (search finds its stretches by them), "" where it has none: a
    # translation lacking one would search with the English words.
    unnamed = [area for area in vocabulary.AREAS if f"also_called.{area}" not in CATALOGUE.entries]
    assert unnamed == []
    assert vocabulary.also_called("lower-back") == ("low back", "lumbar")
    assert vocabulary.also_called("neck") == ()


@pytest.mark.parametrize("script", sorted((PACKAGE / "assets").glob("*.js")), ids=lambda p: p.name)
def test_the_page_scripts_hold_no_english_words(script: Path) -> None:
    """Their words are the catalogue's, read from the page: a translation needs no code. Every
    script is read, so a new one is checked from its first commit."""
    source = script.read_text(encoding="utf-8")
    source = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)  # comments may be English
    literals = re.findall(r'"((?:[^"\\\n]|\\.)*)"', source)
    # A capitalised word, two words, or one word spaced to be joined to others (" for ").
    words = [
        text
        for text in literals
        if re.search(r"\b[A-Z][a-z]+\b|[a-z]+ [a-z]+ |^\s[a-z]{2,}\s", text)
    ]
    words = [text for text in words if text not in NOT_WORDS]
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
    (tmp_path / "en.yml").write_text(
        "timer:\n  start: Start\n  pause: Pause\n  stop: Stop\n"
        "steps:\n  one: '{count} step'\n  other: '{count} steps'\n",
        "utf-8",
    )
    # A key left empty (YAML's null) is untranslated, like a missing one: never the word "None".
    (tmp_path / "es.yml").write_text(
        "timer:\n  start: Empezar\n  stop:\nsteps:\n  one: '{count} paso'\n  other:\n", "utf-8"
    )
    monkeypatch.setattr(messages, "CATALOGUE_DIR", tmp_path)
    messages.load.cache_clear()
    try:
        spanish = messages.load("es")
        words = [spanish.text(key) for key in ("timer.start", "timer.pause", "timer.stop")]
        assert words == ["Empezar", "Pause", "Stop"]
        # A plural without its "other" form is not one: all its forms are English.
        assert (spanish.text("steps", 1), spanish.text("steps", 2)) == ("1 step", "2 steps")
        assert messages.load("fr").language == "en"
    finally:
        messages.load.cache_clear()


def test_every_figure_view_pose_prop_and_side_has_words() -> None:
    """The alt text and the voice name them from the catalogue: none may be missing."""
    keys = [f"figure.view.{view}" for view in VIEWS] + [f"figure.pose.{pose}" for pose in POSES]
    keys += [f"figure.prop.{prop}" for prop in PROPS]
    keys += [f"voice.{side}{first}" for side in ("left", "right") for first in ("", "_first")]
    assert [key for key in keys if key not in CATALOGUE.entries] == []


def test_a_translation_reaches_the_voice_the_figure_and_the_audio_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Words Python says or draws come from the catalogue too: a translation needs no code."""
    (tmp_path / "en.yml").write_bytes((messages.CATALOGUE_DIR / "en.yml").read_bytes())
    (tmp_path / "xx.yml").write_text(
        "voice:\n  ready: Prepárate.\n  name: '«{name}».'\n  done: Fin.\n"
        "figure:\n  view:\n    side: Vista lateral\n  alt: '{view}: {name}.'\n"
        "audio:\n  link: Audio ({minutes} min)\n",
        "utf-8",
    )
    monkeypatch.setattr(messages, "CATALOGUE_DIR", tmp_path)
    messages.load.cache_clear()
    library = load_library(FIXTURES / "site", FIXTURES / "site" / "docs")
    routine = library.routines["desk-break"]
    try:
        messages.use("xx")
        spoken = [cue.say for cue in cue_sheet(routine) if cue.say]
        first = routine.items[0].stretch.name
        assert spoken[0].startswith(f"Prepárate. «{first}».") and spoken[-1] == "Fin."
        assert clip_texts(library.stretches.values())["words"]["ready"] == "Prepárate."
        assert alt_text(Figure("side", "standing"), "Gato", ["spine"]) == "Vista lateral: Gato."
        block = render_audio_block(routine, lambda uri: uri, 125.0, cards=False)
        assert ">Audio (2 min)</a>" in block
    finally:
        monkeypatch.undo()
        messages.load.cache_clear()
        messages.use("en")


def test_spanish_lists_say_e_before_an_i_sound_and_y_elsewhere() -> None:
    """ "Cadera e isquiotibiales", but "agua y hielo": a catalogue rule, not code per language."""
    try:
        messages.use("es")
        assert messages.list_text(["Cadera", "Isquiotibiales"]) == "Cadera e Isquiotibiales"
        listed = messages.list_text(["cuello", "hombros", "hinchazón"])
        assert listed == "cuello, hombros e hinchazón"
        assert messages.list_text(["agua", "hielo"]) == "agua y hielo"
        assert messages.list_text(["cuello", "espalda"]) == "cuello y espalda"
        messages.use("en")
        assert messages.list_text(["hips", "inner thighs"]) == "hips and inner thighs"
    finally:
        messages.use("en")


def test_the_alt_text_names_frames_in_the_page_language_or_counts_them() -> None:
    """No English frame name mid-sentence on a Spanish page: the catalogue's word for it, or,
    for a name a contributor made up, how many positions the figure moves through."""
    frames = (("cow", (("chest", 30.0),)), ("cat", (("chest", -30.0),)))
    figure = Figure("side", "all-fours", ("mat",), (), frames)
    invented = Figure("side", "all-fours", (), (), (("sway", ()), ("settle", ())))
    try:
        messages.use("es")
        assert "pasando entre vaca y gato" in alt_text(figure, "Gato-vaca", ["spine"])
        assert "pasando por 2 posiciones" in alt_text(invented, "Vaivén", ["spine"])
        messages.use("en")
        assert "moving between sway and settle" in alt_text(invented, "Sway", ["spine"])
    finally:
        messages.use("en")


def test_every_frame_name_the_figures_use_has_words() -> None:
    library = load_library(ROOT, ROOT / "docs")
    names = {
        frame.name
        for stretch in library.stretches.values()
        if stretch.figure is not None and len(stretch.figure.frames()) > 1
        for frame in stretch.figure.frames()
    }
    missing = [name for name in sorted(names) if f"figure.frame.{name}" not in CATALOGUE.entries]
    assert names and missing == []


# Keys a translation may knowingly leave to English (none in Spanish today). A key added to
# en.yml without its Spanish fails the test below until it is translated or listed here.
ENGLISH_ON_PURPOSE: dict[str, set[str]] = {"es": set()}


def _read(language: str) -> dict[str, messages.Entry]:
    return messages._read(language)


@pytest.mark.parametrize("language", [code for code in messages.languages() if code != "en"])
def test_every_english_key_has_a_translation(language: str) -> None:
    english, translated = _read("en"), _read(language)
    missing = set(english) - set(translated) - ENGLISH_ON_PURPOSE.get(language, set())
    assert not missing, f"messages/{language}.yml lacks {sorted(missing)}: translate or list them"
    assert not set(translated) - set(english), "keys English does not have: typos?"


@pytest.mark.parametrize("language", [code for code in messages.languages() if code != "en"])
def test_translations_keep_placeholders_and_plural_forms(language: str) -> None:
    english, translated = _read("en"), _read(language)
    for key, entry in translated.items():
        source = english.get(key)
        if isinstance(source, str) and isinstance(entry, str):
            wanted = set(re.findall(r"\{(\w+)\}", source))
            assert set(re.findall(r"\{(\w+)\}", entry)) == wanted, f"{language}: {key}"
        elif isinstance(source, dict):
            assert isinstance(entry, dict) and "other" in entry, f"{language}: {key} plural"
            for form in entry.values():
                assert set(re.findall(r"\{(\w+)\}", form)) <= set(
                    re.findall(r"\{(\w+)\}", " ".join(source.values()))
                ), f"{language}: {key}"


def test_the_spanish_timer_says_the_contracts_words() -> None:
    spanish = messages.load("es")
    keys = ("start", "pause", "resume", "skip", "reset", "left", "right", "inhale", "exhale")
    words = [spanish.text(f"timer.{key}") for key in keys]
    assert words == ["Empezar", "Pausa", "Seguir", "Saltar", "Reiniciar", "Izquierda", "Derecha",
                     "Inhala", "Exhala"]  # fmt: skip
    assert spanish.pattern("timer.rest").startswith("Descanso")
    assert spanish.pattern("timer.done").startswith("Terminado")
    assert spanish.text("routine.stretch_count", 1) == "1 estiramiento"
    assert spanish.text("routine.stretch_count", 3) == "3 estiramientos"
