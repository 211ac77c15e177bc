"""Trusting only the cache entries this machine wrote: each is sealed with a keyed hash.

Cards, card PDFs and icons are cached under ``.cache/limber`` and named by a hash of their
inputs. A name says what an entry should be, not what it is: a damaged file (a crash mid-write, a
disk error) or a file force-added under ``.cache/`` in a pull request would be shipped as that
stretch's card. So every entry carries a seal beside it, ``<name>.sig``: an HMAC of its name and
bytes under a key kept outside the repository (``$XDG_CACHE_HOME/limber/cache-key``). An entry
whose seal is missing or wrong is redrawn, never used; nothing committed to the repository can
carry a valid seal. Writes go to a unique temporary name first, so two builds at once never share
a partial file.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

KEY_BYTES = 32
MAX_ENTRY_BYTES = 200_000_000  # a card sheet PDF of a large library stays well under this
_key: bytes | None = None


def key_file() -> Path:
    """Where this machine's cache key lives: in the user's cache folder, not the repository."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "limber" / "cache-key"


def _load_key() -> bytes:
    """The cache key, made on first use. Without a writable home, a key for this process only:
    nothing is reused across builds, and nothing unverified is used either."""
    global _key
    if _key is not None:
        return _key
    path = key_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(secrets.token_bytes(KEY_BYTES))
        data = path.read_bytes() if stat.S_ISREG(os.lstat(path).st_mode) else b""
    except OSError:
        data = b""
    _key = data if len(data) == KEY_BYTES else secrets.token_bytes(KEY_BYTES)
    return _key


def _seal_of(path: Path, data: bytes) -> str:
    return hmac.new(_load_key(), path.name.encode() + b"\0" + data, hashlib.sha256).hexdigest()


def _file_seal(path: Path, limit: int) -> str | None:
    """The seal of a regular file of at most ``limit`` bytes, read a megabyte at a time (a card
    sheet of a large library is hundreds of megabytes); None for anything else."""
    mac = hmac.new(_load_key(), path.name.encode() + b"\0", hashlib.sha256)
    size = 0
    for chunk in _chunks(path, limit):
        if chunk is None:
            return None
        size += len(chunk)
        mac.update(chunk)
    return mac.hexdigest() if size <= limit else None


def seal_path(path: Path) -> Path:
    return path.with_name(path.name + ".sig")


def _read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes; None for anything else (a link, a
    pipe, a folder), which is never followed or read."""
    chunks = list(_chunks(path, limit))
    if None in chunks:
        return None
    return b"".join(chunks)  # type: ignore[arg-type]


def _chunks(path: Path, limit: int) -> Iterator[bytes | None]:
    """The bytes of a regular file, a megabyte at a time, up to one byte past ``limit``; a single
    None for anything that is not a regular file of at most ``limit`` bytes when opened."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        yield None
        return
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            yield None
            return
        left = limit + 1
        while left > 0 and (chunk := handle.read(min(left, 1 << 20))):
            left -= len(chunk)
            yield chunk


def verified(path: Path) -> bool:
    """Whether ``path`` is a cache entry this machine wrote, byte for byte (read in pieces)."""
    return _sealed_as(path, _file_seal(path, MAX_ENTRY_BYTES))


def read_verified(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a cache entry this machine wrote, else None."""
    data = _read_regular(path, MAX_ENTRY_BYTES)
    if data is None or len(data) > MAX_ENTRY_BYTES:
        return None
    return data if _sealed_as(path, _seal_of(path, data)) else None


def _sealed_as(path: Path, computed: str | None) -> bool:
    """Whether the seal kept beside ``path`` is ``computed`` (None: the entry is unreadable)."""
    seal = _read_regular(seal_path(path), 200)
    if seal is None or computed is None:
        return False
    return hmac.compare_digest(seal.decode("ascii", "replace").strip(), computed)


def partial(target: Path) -> Path:
    """A temporary name beside ``target`` that no other build uses."""
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def write(target: Path, produce: Callable[[Path], object]) -> Path:
    """Make ``target`` with ``produce(temporary_path)``, move it into place, and seal it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = partial(target)
    try:
        produce(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    seal(target)
    return target


def seal(target: Path) -> None:
    """Write the seal of ``target`` as it is now (atomically, under a unique temporary name)."""
    signature = seal_path(target)
    temporary = partial(signature)
    temporary.write_text(_file_seal(target, MAX_ENTRY_BYTES) or "", encoding="ascii")
    os.replace(temporary, signature)


def safe_folder(folder: Path) -> Path:
    """``folder`` as a real folder: a link or file in its place (say, committed in a pull
    request to send writes elsewhere) is removed first."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        pass
    else:
        if not stat.S_ISDIR(info.st_mode):
            folder.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def prune(folder: Path, pattern: str, keep: Iterable[Path]) -> None:
    """Remove the entries (and their seals) of ``folder`` this build no longer uses, and seals
    whose entry is gone."""
    wanted = set(keep)
    for old in folder.glob(pattern):
        if old not in wanted:
            old.unlink(missing_ok=True)
            seal_path(old).unlink(missing_ok=True)
    for signature in folder.glob("*.sig"):
        if not signature.with_name(signature.name[: -len(".sig")]).exists():
            signature.unlink(missing_ok=True)
