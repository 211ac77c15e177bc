"""Pieces of pages kept from one build to the next, so that an unchanged stretch renders nothing.

A build usually changes one stretch or none, yet every build used to render each stretch's facts
panel, figure, timer, thumbnail and search entries again: in a thousand-stretch library, about as
much work as MkDocs' own. Each piece is now kept under a key made of everything it is made from
(the stretch as validated, the page's HTML as Markdown rendered it, the page's address, the
options) and a fingerprint of what makes it (this package's code, templates and catalogues, the
hook, the versions of the libraries that shape the HTML). Anything changed is a new key, so a
kept piece is never stale; it is only ever the piece the same inputs would make again.

The same holds for a stretch page's Markdown rendering (the hook keeps it, unless rendering
warned) and for each stretch file as checked (``checks.json``: ``limber.loading`` keeps the
model as JSON, ``pack`` and ``unpack``, under a hash of the file's bytes).

A memo is one file (the pieces: one per language), sealed as every cache entry is
(``limber.cache``): a file this machine did not write, or one changed since, is ignored and
everything is made afresh. It holds only what the last build used, so it stays the size of the
site's own pieces, and it is written only when that changed. ``mkdocs serve`` keeps it in memory
between rebuilds.

Pieces hold placeholders for blocks filled in later (``templating.marker``), which carry a secret
of the process that made them; the memo keeps them with a neutral token instead and puts the
current process's secret back when it hands a piece out. The token is a NUL character, which no
content file may hold (``limits.bad_character``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import secrets
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from limber import cache, templating

T = TypeVar("T")

_TOKEN = "\0"
_PACKAGE = Path(__file__).parent
_CODE_SUFFIXES = {".py", ".html", ".md", ".svg", ".yml", ".js", ".css", ".json", ".txt"}
# Libraries whose output is in the pieces: Jinja renders them, nh3 sanitizes bodies, MkDocs
# makes every link and address, segno draws a routine sheet's QR code, Python-Markdown and its
# extensions render stretch pages, Material's extensions may too. Python itself: its Unicode
# tables decide which characters a file may hold (limits.py).
_LIBRARIES = (
    "jinja2", "markupsafe", "nh3", "pyyaml", "mkdocs", "segno", "markdown", "pymdown-extensions",
    "mkdocs-material",
)  # fmt: skip


def fingerprint(*extra: str | bytes) -> str:
    """A digest of the code that makes the pieces, and of ``extra`` (the hook's own source, the
    options of the site that shape every page)."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    digest.update(f"python {sys.version}\0".encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name} {importlib.metadata.version(name)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name} none\0".encode())
    for part in extra:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def key(*parts: object) -> str:
    """One key from the inputs of a piece (strings, numbers, tuples of them, model objects:
    their ``repr`` is their whole value, as the model is frozen dataclasses of tuples). Inputs
    holding the token themselves (a NUL in an authored page) get a key no build asks again."""
    text = "\x1f".join(part if isinstance(part, str) else repr(part) for part in parts)
    if _TOKEN in text:
        return "unkept-" + secrets.token_hex(16)
    return hashlib.sha256(_portable(text).encode()).hexdigest()


def pack(value: object) -> Any:
    """A model value (frozen dataclasses of strings, numbers and tuples) as JSON data: each
    dataclass a mapping with its class's name under ``$``, each tuple a list."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {
            field.name: pack(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
        return {"$": type(value).__name__, **fields}
    if isinstance(value, (tuple, list)):
        return [pack(item) for item in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"the memo keeps no {type(value).__name__}")


def unpack(data: Any, kinds: Mapping[str, type]) -> Any:
    """The value ``pack`` made ``data`` from; ``kinds`` are the dataclasses it may hold, by
    name."""
    if isinstance(data, dict):
        fields = {name: unpack(item, kinds) for name, item in data.items() if name != "$"}
        return kinds[data["$"]](**fields)
    if isinstance(data, list):
        return tuple(unpack(item, kinds) for item in data)
    return data


MISSING = object()  # what ``Memo.kept`` gives for a piece it does not hold


class Memo:
    """The pieces of one language's site, read from ``path`` (when sealed and of the same
    fingerprint) and written back by ``finish``."""

    def __init__(self, path: Path | None, fingerprint: str, *, placeholders: bool = True) -> None:
        self.path = path
        self.fingerprint = fingerprint
        # Without placeholders (checked files), pieces are kept as they are, token or not.
        self._portable, self._local = (_portable, _local) if placeholders else (_same, _same)
        self._kept: dict[str, Any] = {}  # from the last build
        self._used: dict[str, Any] = {}  # this build's pieces, what ``finish`` writes
        self.hits = 0
        self.made = 0

    def get(self, piece_key: str, make: Callable[[], T]) -> T:
        """The piece kept under ``piece_key``, or ``make()`` (kept from now on)."""
        found = self.kept(piece_key)
        if found is not MISSING:
            return found  # type: ignore[no-any-return]
        value = make()
        self.keep(piece_key, value)
        return value

    def kept(self, piece_key: str, valid: Callable[[Any], bool] | None = None) -> Any:
        """The piece kept under ``piece_key`` (if ``valid`` says it still holds), or
        ``MISSING`` (then count one made: ``keep`` it)."""
        for pieces in (self._used, self._kept):
            if piece_key in pieces:
                value = self._local(pieces[piece_key])
                if valid is not None and not valid(value):
                    break
                self.hits += 1
                self._used[piece_key] = pieces[piece_key]
                return value
        self.made += 1
        return MISSING

    def keep(self, piece_key: str, value: object) -> None:
        """Keep ``value``, made because ``kept`` had none, under ``piece_key``."""
        portable = self._portable(value)
        if not piece_key.startswith("unkept-") and self._local(portable) == value:
            self._used[piece_key] = portable  # else it held the token itself: not kept

    def next_build(self) -> None:
        """Start another build with this memo (``mkdocs serve``). After a finished build this
        holds what it used; after one that stopped early, what either used."""
        self._kept = {**self._kept, **self._used}
        self._used = {}
        self.hits = self.made = 0

    def finish(self, *, write: bool) -> None:
        """A build finished: keep only what it used, and write that (sealed) when ``write`` and
        it differs from what was read."""
        changed = bool(self.made) or self._used.keys() != self._kept.keys()
        self._kept, self._used = self._used, {}
        if write and changed and self.path is not None:
            cache.write(self.path, self._write)

    def _write(self, path: Path) -> None:
        with path.open("w", encoding="utf-8") as handle:  # streamed: no copy of it all in memory
            json.dump({"fingerprint": self.fingerprint, "pieces": self._kept}, handle)


_open: dict[Path, Memo] = {}


def open_memo(path: Path, fingerprint: str, *, placeholders: bool = True) -> Memo:
    """The memo kept at ``path``: the one this process already holds (a rebuild of ``mkdocs
    serve``), else the file's pieces if it is sealed and of this ``fingerprint``, else none.
    Without ``placeholders`` its pieces hold none, and are kept and handed out untouched."""
    held = _open.get(path)
    if held is not None and held.fingerprint == fingerprint:
        held.next_build()
        return held
    memo = Memo(path, fingerprint, placeholders=placeholders)
    data = _read_sealed(path)
    if isinstance(data, dict) and data.get("fingerprint") == fingerprint:
        pieces = data.get("pieces")
        if isinstance(pieces, dict):
            memo._kept = pieces
    _open[path] = memo
    return memo


def _read_sealed(path: Path) -> object:
    data = cache.read_verified(path)
    if data is None:
        return None
    try:
        return json.loads(data.decode("utf-8"))
    except ValueError:
        return None


def _swap(value: T, old: str, new: str) -> T:
    if isinstance(value, str):
        return value.replace(old, new)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {name: _swap(item, old, new) for name, item in value.items()}  # type: ignore[return-value]
    if isinstance(value, (list, tuple)):  # of its own type: a tuple reads back as a list
        return type(value)(_swap(item, old, new) for item in value)
    return value


def _same(value: T) -> T:
    return value


def _portable(value: T) -> T:
    return _swap(value, templating.secret(), _TOKEN)


def _local(value: T) -> T:
    return _swap(value, _TOKEN, templating.secret())
