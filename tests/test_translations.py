"""Content translations: refused when they would set what only the original may, reported when
their original has changed since, counted per language, laid over the model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from limber import cli, limits, translations
from limber.loading import Library, load_library
from limber.problems import ContentError

from .conftest import FIXTURES, ROOT, make_site

REFUSED = FIXTURES / "translations" / "refused"


def _site(tmp_path: Path, *extra: Path) -> Path:
    site = make_site(tmp_path / "site")
    for folder in extra:
        shutil.copytree(folder, site, dirs_exist_ok=True)
    return site


def _library(site: Path) -> Library:
    return load_library(site, site / "docs")


def _problems(site: Path) -> dict[str, str]:
    with pytest.raises(ContentError) as raised:
        translations.load_translations(site, site / "docs", _library(site))
    return {f"{p.path}: {p.field}": p.message for p in raised.value.problems}


def test_a_translation_cannot_set_the_dose_or_the_figure(tmp_path: Path) -> None:
    problems = _problems(_site(tmp_path, REFUSED))
    for key in ("breaths", "figure"):
        message = problems[f"stretches/cat-cow.es.md: {key}"]
        assert message.startswith(f"found '{key}', which a translation cannot set (the dose, ")
        assert "come from the original, stretches/cat-cow.md" in message
        assert "allowed: translation_of_hash, name, aliases, summary, cues" in message


def test_a_routine_translation_cannot_change_its_stretches_or_rest(tmp_path: Path) -> None:
    problems = _problems(_site(tmp_path, REFUSED))
    path = "docs/routines/ease-upper-back-tightness.es.md"
    for key in ("rest", "stretches"):
        assert (
            "the stretches, their doses and the rest come from the original"
            in (problems[f"{path}: {key}"])
        )


def test_a_translation_needs_its_original_and_a_language_with_a_catalogue(tmp_path: Path) -> None:
    problems = _problems(_site(tmp_path, REFUSED))
    assert problems["stretches/cat-cows.es.md: file"] == (
        "found a translation of stretches/cat-cows.md, which does not exist; allowed: a "
        "translation beside its original, named after it with .es.md (did you mean 'cat-cow'?)"
    )
    assert problems["stretches/childs-pose.xx.md: language"].startswith(
        "found the language code 'xx' in the file name; allowed: a language with a catalogue in "
        "hooks/limber/messages/ (es"
    )


def test_a_translation_without_its_hash_is_told_the_hash_to_record(tmp_path: Path) -> None:
    site = _site(tmp_path, REFUSED)
    digest, _ = translations.hash_of_file(site, site / "docs", site / "stretches/childs-pose.md")
    message = _problems(site)["stretches/childs-pose.es.md: translation_of_hash"]
    assert message == (
        "found nothing; required: the 12-character hash of the original's text this was "
        "translated from (limber translation-hash stretches/childs-pose.md prints it: "
        f"{digest})"
    )


def test_a_refused_translation_fails_the_build_and_leaves_no_site(tmp_path: Path) -> None:
    from .conftest import build

    site = _site(tmp_path, REFUSED)
    result = build(site)
    assert result.returncode != 0
    assert "stretches/cat-cow.es.md:5: breaths: found 'breaths'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "site").exists()


def _translate(site: Path, slug: str, name: str) -> Path:
    """A translation of ``slug`` made from its current text (its hash recorded)."""
    target = site / "stretches" / f"{slug}.es.md"
    digest, _ = translations.hash_of_file(site, site / "docs", site / "stretches" / f"{slug}.md")
    target.write_text(
        f"---\ntranslation_of_hash: {digest}\nname: {name}\nsummary: Un resumen.\n---\n\n"
        "1. Un paso.\n2. Otro paso.\n",
        encoding="utf-8",
    )
    return target


def test_a_translation_is_out_of_date_when_its_original_words_change(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    _translate(site, "neck-side-tilt", "Inclinación lateral del cuello")
    original = site / "stretches" / "neck-side-tilt.md"

    def stale() -> list[str]:
        loaded = translations.load_translations(site, site / "docs", _library(site))
        return [t.path for t in loaded.stale]

    assert "stretches/neck-side-tilt.es.md" not in stale()
    text = original.read_text(encoding="utf-8")
    original.write_text(text.replace("hold: [15, 30]", "hold: [20, 40]"), encoding="utf-8")
    assert "hold: [20, 40]" in original.read_text(encoding="utf-8")
    assert "stretches/neck-side-tilt.es.md" not in stale(), "the dose is not translated"
    original.write_text(text.replace("summary: ", "summary: Newly, "), encoding="utf-8")
    assert "stretches/neck-side-tilt.es.md" in stale()


def test_check_reports_coverage_and_translations_out_of_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site")
    target = _translate(site, "neck-side-tilt", "Inclinación lateral del cuello")
    target.write_text(
        target.read_text(encoding="utf-8").replace(
            "translation_of_hash: ", "translation_of_hash: 0123456789ab\n# was: "
        ),
        encoding="utf-8",
    )
    translated = len(list((site / "stretches").glob("*.es.md")))
    total = len(list((site / "stretches").glob("*.md"))) - translated
    assert cli.main(["--root", str(site), "check"]) == 0, "out of date never fails the check"
    out, err = capsys.readouterr()
    assert f"Translations: es: {translated} of {total} stretches" in err
    current, _ = translations.hash_of_file(
        site, site / "docs", site / "stretches/neck-side-tilt.md"
    )
    assert (
        "stretches/neck-side-tilt.es.md: out of date: translation_of_hash: made from an older "
        f"text of stretches/neck-side-tilt.md (hash 0123456789ab, now {current}); update the "
        "translation, then record the new hash"
    ) in out


def test_translation_hash_records_the_originals_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site")
    target = site / "stretches" / "neck-side-tilt.es.md"
    text = "---\ntranslation_of_hash: TODO\nname: Cuello\nsummary: Un resumen.\n---\n\n1. Paso.\n"
    target.write_text(text, encoding="utf-8")
    monkeypatch.chdir(site / "stretches")  # a file named from where you are, as the check's are
    assert cli.main(["translation-hash", "--write", "neck-side-tilt.es.md"]) == 0
    digest, _ = translations.hash_of_file(site, site / "docs", site / "stretches/neck-side-tilt.md")
    assert f"translation_of_hash: {digest}\n" in target.read_text(encoding="utf-8")
    loaded = translations.load_translations(site, site / "docs", _library(site))
    assert not loaded.stale


def test_the_spanish_library_keeps_each_dose_and_figure() -> None:
    library = _library(ROOT)
    loaded = translations.load_translations(ROOT, ROOT / "docs", library)
    spanish = translations.translate_library(library, loaded, "es")
    translated = loaded.of("es", "stretch")
    assert "cat-cow" in translated
    for slug, stretch in spanish.stretches.items():
        original = library.stretches[slug]
        assert (stretch.figure, stretch.areas, stretch.position) == (
            original.figure, original.areas, original.position,
        )  # fmt: skip
        assert (stretch.dose.kind, stretch.dose.amount, stretch.dose.reps, stretch.dose.sides) == (
            original.dose.kind, original.dose.amount, original.dose.reps, original.dose.sides,
        )  # fmt: skip
        assert (stretch.name != original.name) == (slug in translated) or stretch.name == (
            original.name
        )
    assert spanish.stretches["cat-cow"].name == translated["cat-cow"].fields["name"]
    routine = spanish.routines["ease-upper-back-tightness"]
    assert routine.items[0].stretch.name == spanish.stretches["cat-cow"].name
    assert routine.seconds == library.routines["ease-upper-back-tightness"].seconds
    # The routine player shows and speaks its breath cues in Spanish too ("Vaca: …").
    assert routine.items[0].dose.cues.inhale == translated["cat-cow"].fields["cues"]["inhale"]


def test_the_real_translations_are_valid_and_up_to_date() -> None:
    loaded = translations.load_translations(ROOT, ROOT / "docs", _library(ROOT))
    assert [t.path for t in loaded.stale] == []
    for seed in ("cat-cow", "doorway-stretch", "seated-thoracic-rotation", "standing-side-stretch",
                 "neck-side-tilt", "childs-pose", "foam-roller-upper-back"):  # fmt: skip
        assert seed in loaded.of("es", "stretch"), f"seed stretch {seed} is not in Spanish"
    assert "ease-upper-back-tightness" in loaded.of("es", "routine")
    assert {"index.md", "safety.md"} <= set(loaded.of("es", "page"))


def test_every_page_that_may_be_translated_fits_a_translations_bounds() -> None:
    """A translation of a page is bounded in marks only (its tables and lists may be long): a
    faithful one of each page must pass, or the translator could not make it pass."""
    for page in translations.authored_pages(ROOT / "docs"):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        assert limits.body_problem(text, paragraphs=False) is None, page
