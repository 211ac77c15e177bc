"""Content translations: files beside their originals, read, checked and laid over the model.

A translation of ``stretches/cat-cow.md`` into Spanish is ``stretches/cat-cow.es.md``; of a page
``docs/safety.md``, ``docs/safety.es.md``; of a routine, ``docs/routines/<slug>.es.md``. A
stretch's translation holds only its words (``TRANSLATED_FIELDS``) and its body: the dose, the
figure, the areas and the rest always come from the original, so they cannot drift, and a
translation that sets one is refused. A routine's translation holds its title, summary and intro:
the stretches and doses are the original's.

Each translation records ``translation_of_hash``, the hash of the original's words it was made
from (``original_hash``). When the original's words change, its hash changes and the
translation is reported as out of date by ``limber check``; it is still published. A language
is any language with a message catalogue (``messages/<code>.yml``): a third language needs a
catalogue and content files, no code.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from limber import content, links, messages, schema
from limber.loading import (
    Library,
    Source,
    body_problems,
    generated_files,
    read_source,
    site_files,
)
from limber.model import Cues, Routine, RoutineItem, Stretch
from limber.paths import ROUTINES_DIR, STRETCHES_DIR, translation_parts
from limber.problems import ContentError, Problem, bounded, did_you_mean, found

Kind = Literal["stretch", "routine", "page"]

HASH_KEY = "translation_of_hash"
HASH_LENGTH = 12
# What a stretch's translation may hold besides its body; everything else is the original's.
TRANSLATED_FIELDS = ("name", "aliases", "summary", "cues", "cautions", "muscles")
# What a routine's translation may hold besides its intro (MkDocs' description too).
TRANSLATED_ROUTINE_FIELDS = ("title", "summary", "description")
_HASH = re.compile(rf"^[0-9a-f]{{{HASH_LENGTH}}}$")


@dataclass(frozen=True)
class Translation:
    """One translation file, checked: its words, and the hash of the original they came from."""

    path: str  # as messages name it: stretches/cat-cow.es.md
    original: str  # the original's path: stretches/cat-cow.md
    language: str
    kind: Kind
    key: str  # a stretch's or routine's slug; a page's path in docs/ (safety.md)
    fields: Mapping[str, Any]
    body: str
    recorded_hash: str
    current_hash: str  # the original's hash now
    body_line: int = 0  # the line of the file its body starts on

    @property
    def stale(self) -> bool:
        """Made from an older text of the original than the one there now."""
        return self.recorded_hash != self.current_hash


@dataclass(frozen=True)
class Translations:
    """Every translation of the content, by language."""

    by_language: Mapping[str, Sequence[Translation]]

    def of(self, language: str, kind: Kind) -> dict[str, Translation]:
        """The translations of one kind into ``language``, by key."""
        return {t.key: t for t in self.by_language.get(language, ()) if t.kind == kind}

    @property
    def stale(self) -> list[Translation]:
        """Every translation made from an older text of its original."""
        return [t for ts in self.by_language.values() for t in ts if t.stale]


def translation_name(path: Path) -> tuple[str, str] | None:
    """``(stem, language)`` of a translation file's name (``cat-cow.es.md``), else None."""
    return translation_parts(path.name)


def is_translation(path: Path) -> bool:
    """Whether ``path`` names a translation file rather than an original."""
    return translation_name(path) is not None


def target_languages() -> tuple[str, ...]:
    """The languages the site is built in besides English: those with a catalogue."""
    return tuple(code for code in messages.languages() if code != messages.SOURCE_LANGUAGE)


def words_hash(fields: Mapping[str, Any], body: str) -> str:
    """The hash a translation records: of the original's words (``fields``) and its body."""
    canonical = json.dumps({"fields": fields, "body": body.strip()}, sort_keys=True, default=list)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def original_hash(source: Source, kind: Kind) -> str:
    """The hash of an original's words: a stretch's translated fields, a routine's title,
    summary and intro; always the body. A change to a dose or a list of stretches leaves its
    translations up to date: they hold neither."""
    keys = TRANSLATED_FIELDS if kind == "stretch" else TRANSLATED_ROUTINE_FIELDS
    return words_hash({key: source.data[key] for key in keys if key in source.data}, source.body)


def page_hash(file: Path) -> str:
    """The hash of an authored page's whole text (a page needs no front-matter)."""
    return words_hash({}, file.read_text(encoding="utf-8-sig"))


def hash_of_file(root: Path, docs_dir: Path, file: Path) -> tuple[str, list[Problem]]:
    """The hash a translation of the original ``file`` records (``limber translation-hash``)."""
    kind = _kind_of(file, root, docs_dir)
    if kind == "page":
        return (page_hash(file), []) if file.is_file() else ("", [])
    source, problems = read_source(file, _shown(file, root))
    if source is None:
        return "", problems
    return original_hash(source, kind), []


def _kind_of(file: Path, root: Path, docs_dir: Path) -> Kind:
    if file.resolve().parent == (root / STRETCHES_DIR).resolve():
        return "stretch"
    if file.resolve().parent == (docs_dir / ROUTINES_DIR).resolve() and file.stem != "index":
        return "routine"
    return "page"


def translation_files(root: Path, docs_dir: Path) -> list[Path]:
    """Every translation file among the stretches and the docs pages."""
    candidates = [*(root / STRETCHES_DIR).glob("*.md"), *docs_dir.rglob("*.md")]
    return sorted(path for path in candidates if is_translation(path))


def load_translations(
    root: Path, docs_dir: Path, library: Library, warnings: list[Problem] | None = None
) -> Translations:
    """Every translation file, checked against its original; ``ContentError`` with every problem
    of every file when any is wrong. Links in translated bodies that lead nowhere are problems
    too, or go to ``warnings`` when given, as ``load_library`` does with the originals'."""
    languages = target_languages()
    found_files: dict[str, list[Translation]] = {language: [] for language in languages}
    problems: list[Problem] = []
    bodies: list[links.Body] = []
    for file in translation_files(root, docs_dir):
        translation, file_problems = _load_one(root, docs_dir, file, library, languages)
        problems += file_problems
        if translation is not None:
            found_files[translation.language].append(translation)
            if translation.kind == "stretch":
                bodies.append(links.Body(translation.path, translation.body_line, translation.body))
    for language, translations in found_files.items():
        problems += _name_clashes(language, translations)
    generated = generated_files(library.stretches, library.routines)
    broken_links = links.link_problems(bodies, lambda: site_files(docs_dir, generated))
    (problems if warnings is None else warnings).extend(broken_links)
    if problems:
        raise ContentError(bounded(problems))
    return Translations({k: tuple(v) for k, v in found_files.items()})


def _load_one(
    root: Path, docs_dir: Path, file: Path, library: Library, languages: Sequence[str]
) -> tuple[Translation | None, list[Problem]]:
    shown = _shown(file, root)
    stem, language = translation_name(file) or ("", "")
    original = file.with_name(f"{stem}.md")
    if language not in languages:
        codes = ", ".join(languages) or "none yet"
        message = (
            f"found the language code {language!r} in the file name; allowed: a language with a "
            f"catalogue in hooks/limber/messages/ ({codes}){did_you_mean(language, languages)}"
        )
        return None, [Problem(shown, 0, "language", message)]
    kind = _kind_of(original, root, docs_dir)
    known: Iterable[str] = ()
    if kind == "stretch":
        known = library.stretches
    elif kind == "routine":
        known = library.routines
    if not original.is_file() or (kind != "page" and stem not in known):
        hint = did_you_mean(stem, known) if known else ""
        message = (
            f"found a translation of {_shown(original, root)}, which does not exist; allowed: "
            f"a translation beside its original, named after it with .{language}.md{hint}"
        )
        return None, [Problem(shown, 0, "file", message)]
    source, problems = read_source(file, shown, page=kind == "page")
    if source is None:
        return None, problems
    original_source: Source | None = None
    if kind != "page":  # a page's original is hashed whole; it may have no front-matter
        original_source, original_problems = read_source(original, _shown(original, root))
        if original_source is None:
            return None, original_problems
    allowed: Sequence[str] | None = None
    if kind == "stretch":
        allowed = TRANSLATED_FIELDS
    elif kind == "routine":
        allowed = TRANSLATED_ROUTINE_FIELDS
    fields: dict[str, Any] = {}
    if allowed is not None and original_source is not None:
        fields, field_problems = _check_fields(source, allowed, original_source, kind)
        problems += field_problems
    else:
        fields = {key: value for key, value in source.data.items() if key != HASH_KEY}
    if kind == "stretch" and not source.body:
        message = "found nothing after the front-matter; allowed: the translated steps, then tips"
        problems.append(Problem(shown, source.body_line, "body", message))
    if kind != "page":
        problems += body_problems(source)
    recorded = source.data.get(HASH_KEY)
    current = (
        page_hash(original) if original_source is None else original_hash(original_source, kind)
    )
    if not isinstance(recorded, str) or not _HASH.match(recorded):
        message = (
            f"found {found(recorded)}; required: the {HASH_LENGTH}-character hash of the "
            f"original's text this was translated from (limber translation-hash "
            f"{_shown(original, root)} prints it: {current})"
        )
        problems.append(Problem(shown, source.line(HASH_KEY), HASH_KEY, message))
    if problems:
        return None, problems
    key = stem if kind != "page" else original.relative_to(docs_dir).as_posix()
    return Translation(
        shown, _shown(original, root), language, kind, key, fields, source.body,
        str(recorded), current, source.body_first,
    ), []  # fmt: skip


def _check_fields(
    source: Source, allowed: Sequence[str], original: Source, kind: Kind
) -> tuple[dict[str, Any], list[Problem]]:
    """The translated fields checked as the original's are; any other field refused, saying
    where it comes from instead."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    specs = schema.STRETCH_FIELDS if kind == "stretch" else schema.ROUTINE_FIELDS
    page_specs = schema.PAGE_FIELDS
    listed = ", ".join((HASH_KEY, *allowed))
    for key, value in source.data.items():
        line = source.line(str(key))
        if key == HASH_KEY:
            continue
        if key not in allowed:
            whence = (
                "the dose, the figure and the other facts come from the original"
                if kind == "stretch"
                else "the stretches, their doses and the rest come from the original"
            )
            message = (
                f"found {key!r}, which a translation cannot set ({whence}, {original.path}); "
                f"allowed: {listed}{did_you_mean(key, allowed)}"
            )
            problems.append(Problem(source.path, line, str(key), message))
            continue
        if key not in original.data and key not in ("title", "summary", "description"):
            message = (
                f"found {key!r}, which the original ({original.path}) does not have; allowed: "
                "the fields the original has"
            )
            problems.append(Problem(source.path, line, key, message))
            continue
        spec = specs.get(key) or page_specs.get(key)
        try:
            values[key] = spec.kind.check(value) if spec is not None else value
        except schema.Invalid as error:
            problems.append(Problem(source.path, line, key, str(error)))
            continue
        if key == "cues" and isinstance(original.data.get("cues"), dict):
            missing = set(original.data["cues"]) - set(value)
            if missing:
                message = f"found no {', '.join(sorted(missing))}; allowed: the original's cues"
                problems.append(Problem(source.path, line, key, message))
    required = ("name", "summary") if kind == "stretch" else ()
    for key in required:
        if key not in source.data:
            message = f"found nothing; required: the translated {key}"
            problems.append(Problem(source.path, 1, key, message))
    if kind == "stretch":
        problems += content.check_text(
            source.path, source.data, source.lines, source.body, source.body_first
        )
    return values, problems


def _name_clashes(language: str, translations: Sequence[Translation]) -> list[Problem]:
    """Two stretches with one name in a language: search and people would not know which."""
    owners: dict[str, Translation] = {}
    problems = []
    for translation in translations:
        if translation.kind != "stretch":
            continue
        name = str(translation.fields["name"])
        other = owners.setdefault(name.casefold(), translation)
        if other is not translation:
            message = (
                f"found {name!r}, already the name of {other.path}; allowed: a name no other "
                f"stretch has in this language ({language}), ignoring case"
            )
            problems.append(Problem(translation.path, 1, "name", message))
    return problems


def sort_key(name: str) -> str:
    """Names in alphabetical order in any language (accents sorted with their letter)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def translate_stretch(stretch: Stretch, translation: Translation) -> Stretch:
    """``stretch`` with the translation's words; its dose and figure unchanged."""
    fields = translation.fields
    cues = fields.get("cues")
    dose = stretch.dose
    if isinstance(cues, Mapping):
        dose = replace(dose, cues=Cues(cues.get("inhale", ""), cues.get("exhale", "")))
    changes = {key: fields[key] for key in ("name", "aliases", "summary", "cautions", "muscles")
               if key in fields}  # fmt: skip
    return replace(stretch, dose=dose, body=translation.body, **changes)


def translate_library(library: Library, translations: Translations, language: str) -> Library:
    """The library in ``language``: translated stretches and routines where a translation
    exists, the original elsewhere; stretches in that language's alphabetical order."""
    stretch_translations = translations.of(language, "stretch")
    routine_translations = translations.of(language, "routine")
    stretches = {
        slug: translate_stretch(stretch, stretch_translations[slug])
        if slug in stretch_translations
        else stretch
        for slug, stretch in library.stretches.items()
    }
    ordered = sorted(stretches.values(), key=lambda s: (sort_key(s.name), s.slug))
    routines: dict[str, Routine] = {}
    for slug, routine in library.routines.items():
        # A routine's dose is its own (lengths, repetitions), but its breath cues are words: the
        # translated stretch's.
        items = tuple(
            RoutineItem(
                stretches[item.stretch.slug],
                replace(item.dose, cues=stretches[item.stretch.slug].dose.cues),
            )
            for item in routine.items
        )
        routine = replace(routine, items=items)
        translation = routine_translations.get(slug)
        if translation is not None:
            title = translation.fields.get("title", routine.title)
            summary = translation.fields.get("summary", routine.summary)
            routine = replace(routine, title=title, summary=summary)
        routines[slug] = routine
    return Library({s.slug: s for s in ordered}, routines)


@dataclass(frozen=True)
class Coverage:
    """How much of the content one language has: translated and total, per kind."""

    language: str
    stretches: tuple[int, int]
    routines: tuple[int, int]
    pages: tuple[int, int]
    stale: tuple[Translation, ...]

    def summary(self) -> str:
        """One line: ``es: 7 of 60 stretches, 1 of 10 routines, 2 of 8 pages translated``."""
        parts = [
            f"{done} of {total} {noun}"
            for (done, total), noun in (
                (self.stretches, "stretches"),
                (self.routines, "routines"),
                (self.pages, "pages"),
            )
        ]
        out_of_date = f"; {len(self.stale)} out of date" if self.stale else ""
        return f"{self.language}: {', '.join(parts)} translated{out_of_date}"


def coverage(library: Library, translations: Translations, pages: Iterable[str]) -> list[Coverage]:
    """Coverage of every target language; ``pages`` are the authored pages in docs/ (their
    paths there) other than routines."""
    page_list = list(pages)
    reports = []
    for language in target_languages():
        stretch, routine = (
            translations.of(language, "stretch"),
            translations.of(language, "routine"),
        )
        page = translations.of(language, "page")
        stale = tuple(t for t in translations.by_language.get(language, ()) if t.stale)
        reports.append(
            Coverage(
                language,
                (len(stretch), len(library.stretches)),
                (len(routine), len(library.routines)),
                (len([p for p in page_list if p in page]), len(page_list)),
                stale,
            )
        )
    return reports


def stale_message(translation: Translation) -> Problem:
    """How ``limber check`` reports a translation older than its original."""
    message = (
        f"made from an older text of {translation.original} (hash {translation.recorded_hash}, "
        f"now {translation.current_hash}); update the translation, then record the new hash"
    )
    return Problem(translation.path, 0, HASH_KEY, message)


def authored_pages(docs_dir: Path) -> list[str]:
    """The authored pages in docs/ that are not routines and not translations."""
    pages = []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        routine = relative.startswith(f"{ROUTINES_DIR}/") and path.stem != "index"
        if is_translation(path) or routine:
            continue
        pages.append(relative)
    return pages


def _shown(file: Path, root: Path) -> str:
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()
