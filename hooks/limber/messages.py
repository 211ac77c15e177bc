"""The message catalogue: every word the site shows a reader, in one YAML file per language.

``messages/en.yml`` is the source; a translation is ``messages/<language>.yml`` with the same keys
(the file's header explains the format to translators). Keys are dotted paths into the file
(``timer.start``); ``{name}`` placeholders are filled by name; a plural is a mapping of plural forms
(``one``, ``other``…) chosen by ``count``. A key missing from a translation falls back to English.
Python and the templates read words through ``text``; the page scripts get theirs from
``script_words``, written into the page data by the hook.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML has it

CATALOGUE_DIR = Path(__file__).parent / "messages"
SOURCE_LANGUAGE = "en"
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
# The sections the page scripts (timer.js, follow.js, site.js, builder.js, audio.js) read.
SCRIPT_SECTIONS = (
    "timer", "follow", "site", "builder", "dose", "duration", "routine", "safety", "audio",
)  # fmt: skip

Entry = str | Mapping[str, str]


def _one_other(count: int) -> str:
    return "one" if count == 1 else "other"


# Which plural form a number takes, per language (CLDR's cardinal rules, for whole numbers).
PLURAL_RULES: Mapping[str, Callable[[int], str]] = {"en": _one_other, "es": _one_other}


def _is_plural(value: Any) -> bool:
    return isinstance(value, dict) and "other" in value and set(value) <= set(PLURAL_FORMS)


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and not _is_plural(value):
            entries |= _flatten(value, path + ".")
        elif _is_plural(value):
            forms = {str(form): str(text) for form, text in value.items() if text is not None}
            if "other" in forms:
                entries[path] = forms
        elif value is not None:  # a key left empty is untranslated: the English words apply
            entries[path] = str(value)
    return entries


@dataclass(frozen=True)
class Catalogue:
    """One language's words by dotted key."""

    language: str
    entries: Mapping[str, Entry]

    def pattern(self, key: str, count: int | None = None) -> str:
        """The words for ``key`` with their placeholders; ``count`` picks a plural form."""
        try:
            entry = self.entries[key]
        except KeyError:
            raise KeyError(f"messages/{self.language}.yml has no key {key!r}") from None
        if isinstance(entry, str):
            return entry
        if count is None:
            raise KeyError(f"messages/{self.language}.yml: {key} is a plural; give a count")
        form = PLURAL_RULES.get(self.language, _one_other)(count)
        return entry.get(form, entry["other"])

    def text(self, key: str, /, count: int | None = None, **values: Any) -> str:
        """The words for ``key`` with its placeholders filled; ``count`` picks a plural form."""
        if count is not None:
            values["count"] = count
        return self.pattern(key, count).format_map(values)

    def script_words(self) -> dict[str, Entry]:
        """The words the page scripts use (``timer.start``, ``site.search``, ``dose.hold``)."""
        prefixes = tuple(f"{section}." for section in SCRIPT_SECTIONS)
        return {key: value for key, value in self.entries.items() if key.startswith(prefixes)}


def _read(language: str) -> dict[str, Entry]:
    path = CATALOGUE_DIR / f"{language}.yml"
    return _flatten(yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {})


@functools.lru_cache(maxsize=8)
def load(language: str = SOURCE_LANGUAGE) -> Catalogue:
    """The catalogue of ``language``; keys it lacks, and a language without a file, are English."""
    entries = _read(SOURCE_LANGUAGE)
    if language != SOURCE_LANGUAGE and (CATALOGUE_DIR / f"{language}.yml").is_file():
        return Catalogue(language, entries | _read(language))
    return Catalogue(SOURCE_LANGUAGE, entries)


_languages: dict[Path, tuple[int, tuple[str, ...]]] = {}  # folder → (its mtime, its languages)


def languages() -> tuple[str, ...]:
    """The languages with a catalogue file (looked up again only when the folder changes: every
    page asks, a thousand times a build)."""
    folder = CATALOGUE_DIR
    try:
        stamp = folder.stat().st_mtime_ns
    except OSError:
        stamp = -1
    held = _languages.get(folder)
    if held is None or held[0] != stamp:
        held = stamp, tuple(sorted(path.stem for path in folder.glob("*.yml")))
        _languages[folder] = held
    return held[1]


_current: list[Catalogue] = [load()]


def use(language: str) -> Catalogue:
    """Make ``language`` the site's language for ``text`` (the hook calls it from the config)."""
    _current[0] = load(language)
    return _current[0]


def current() -> Catalogue:
    """The site's catalogue."""
    return _current[0]


def text(key: str, /, count: int | None = None, **values: Any) -> str:
    """The site language's words for ``key``; see ``Catalogue.text``."""
    return _current[0].text(key, count, **values)


def list_text(items: Sequence[str]) -> str:
    """Words as a list in a sentence, in the site's language: "a", "a and b", "a, b and c"; the
    catalogue's ``list.and_changed`` where "and" changes before the last word (Spanish "y", "e")."""
    if len(items) < 2:
        return "".join(items)
    head = text("list.separator").join(items[:-1])
    changed_before = text("list.and_changed_before")
    if changed_before and re.match(changed_before, items[-1]):
        return text("list.and_changed", items=head, last=items[-1])
    return text("list.and", items=head, last=items[-1])


def catalogue_digest() -> bytes:
    """Every catalogue file's bytes, for caches of things that show words (cards)."""
    return b"".join(path.read_bytes() for path in sorted(CATALOGUE_DIR.glob("*.yml")))
