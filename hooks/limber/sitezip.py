"""The whole built site as one zip, for browsing from the folder with no network.

Compressing a thousand pages is a tenth of a build, and a build usually changes one page or
none. So each entry of the last zip that holds exactly the same bytes is copied across as it
was compressed: an entry is reused only when it inflates to the very bytes of the file now
(the last zip is in ``site/``, which anyone could have changed, so its word is not taken). The
zip is written here with ``struct``, as the standard library's ``zipfile`` cannot take an
entry already compressed; a site too big for a plain zip (over 65,535 files or 4 GB) is
written by ``zipfile``, which adds the ZIP64 records it needs.

Entries carry a fixed date and mode, so the same site gives the same zip: a reader who saved it
for offline use does not download it again after a build that changed nothing.
"""

from __future__ import annotations

import hashlib
import struct
import zipfile
import zlib
from collections.abc import Iterable, MutableMapping
from pathlib import Path
from typing import BinaryIO

# A built file's SHA-256 and size, by absolute path, as the zip read it: the precache of the
# same build reads no file twice (a thousand-stretch site is some 6,000 files).
Known = MutableMapping[Path, tuple[bytes, int]]

# Images, PDFs and sound are compressed already: storing them costs nothing to unzip.
STORED_SUFFIXES = frozenset((".png", ".pdf", ".gz", ".zip", ".jpg", ".webp", ".mp3"))
_DATE_TIME = (2020, 1, 1, 0, 0, 0)  # at midnight: the DOS time is 0
_DOS_DATE = (_DATE_TIME[0] - 1980) << 9 | _DATE_TIME[1] << 5 | _DATE_TIME[2]
_MODE = 0o100644 << 16  # a regular file, read by all
_MADE_BY = 3 << 8 | 20  # Unix, zip format 2.0
_NEEDED = 20  # zip format 2.0: deflate
_UTF8_NAME = 0x800
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_MAX_ENTRIES = 0xFFFF
_MAX_OFFSET = 0xFFFFFFFF


class _TooBig(Exception):
    """The site needs ZIP64 records."""


def write_zip(
    target: Path, members: Iterable[tuple[Path, str]], previous: Path | None, known: Known | None
) -> None:
    """``members`` (each file with its name in the zip) into the zip ``target``, reusing the
    entries of the zip ``previous`` that hold the same bytes. Each file's hash and size go
    into ``known``."""
    members = list(members)
    try:
        with _Previous(previous) as last, target.open("wb") as out:
            _write(out, members, last, known)
    except _TooBig:
        _write_zip64(target, members, known)


def _write(
    out: BinaryIO, members: list[tuple[Path, str]], last: _Previous, known: Known | None
) -> None:
    directory: list[bytes] = []
    offset = 0
    for path, name in members:
        data, method = _read(path, known)
        crc = zlib.crc32(data)
        blob = last.entry(name, data, method, crc)
        if blob is None:
            blob = _deflate(data) if method == zipfile.ZIP_DEFLATED else data
        encoded = name.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8_NAME
        sizes = (crc, len(blob), len(data), len(encoded), 0)
        end = offset + _LOCAL.size + len(encoded) + len(blob)
        if len(directory) == _MAX_ENTRIES or max(end, len(data)) > _MAX_OFFSET:
            raise _TooBig
        header = _LOCAL.pack(b"PK\x03\x04", _NEEDED, flags, method, 0, _DOS_DATE, *sizes)
        out.write(header + encoded)
        out.write(blob)
        # After the sizes: comment size, disk, internal and external attributes, the offset.
        trailer = (0, 0, 0, _MODE, offset)
        central = _CENTRAL.pack(
            b"PK\x01\x02", _MADE_BY, _NEEDED, flags, method, 0, _DOS_DATE, *sizes, *trailer
        )
        directory.append(central + encoded)
        offset += len(header) + len(encoded) + len(blob)
    listing = b"".join(directory)
    if offset + len(listing) > _MAX_OFFSET:
        raise _TooBig
    out.write(listing)
    count = len(directory)
    out.write(_END.pack(b"PK\x05\x06", 0, 0, count, count, len(listing), offset, 0))


def _deflate(data: bytes) -> bytes:
    """Raw deflate at level 1, as ``zipfile`` writes it: pages are text, and a faster
    compression barely changes their size."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def _read(path: Path, known: Known | None) -> tuple[bytes, int]:
    """A member's bytes and how it is compressed; its hash and size go into ``known``."""
    data = path.read_bytes()
    if known is not None:
        known[path] = hashlib.sha256(data).digest(), len(data)
    return data, zipfile.ZIP_STORED if path.suffix in STORED_SUFFIXES else zipfile.ZIP_DEFLATED


def _write_zip64(target: Path, members: list[tuple[Path, str]], known: Known | None) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for path, name in members:
            entry = zipfile.ZipInfo(name, _DATE_TIME)
            entry.external_attr = _MODE
            data, entry.compress_type = _read(path, known)
            archive.writestr(entry, data, compresslevel=1)


class _Previous:
    """The last zip's entries, each compared before it is reused; none when there is no zip
    or it cannot be read."""

    def __init__(self, path: Path | None) -> None:
        self._entries: dict[str, zipfile.ZipInfo] = {}
        self._handle: BinaryIO | None = None
        if path is None:
            return
        try:
            with zipfile.ZipFile(path) as archive:
                self._entries = {info.filename: info for info in archive.infolist()}
            self._handle = path.open("rb")
        except (OSError, zipfile.BadZipFile, ValueError):
            self._entries = {}

    def __enter__(self) -> _Previous:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            self._handle.close()

    def entry(self, name: str, data: bytes, method: int, crc: int) -> bytes | None:
        """The compressed bytes of the last zip's entry ``name`` if they give exactly
        ``data``, compressed by ``method``; else None. What the entry claims is bounded before
        anything is read: its offset, and its size to what compressing ``data`` could give."""
        info = self._entries.get(name)
        if (
            self._handle is None
            or info is None
            or info.compress_type != method
            or info.file_size != len(data)
            or crc != info.CRC
            or info.header_offset < 0
            or info.compress_size > _most_compressed(len(data), method)
        ):
            return None
        try:
            return self._same(info, data)
        except (OSError, ValueError, zlib.error):
            return None

    def _same(self, info: zipfile.ZipInfo, data: bytes) -> bytes | None:
        assert self._handle is not None
        self._handle.seek(info.header_offset)
        header = self._handle.read(_LOCAL.size)
        if len(header) != _LOCAL.size or header[:4] != b"PK\x03\x04":
            return None
        name_size, extra_size = struct.unpack("<HH", header[26:30])
        self._handle.seek(info.header_offset + _LOCAL.size + name_size + extra_size)
        blob = self._handle.read(info.compress_size)
        if info.compress_type == zipfile.ZIP_STORED:
            return blob if blob == data else None
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        # At most one byte more than the file: a bomb stops there.
        same = inflater.decompress(blob, len(data) + 1) == data
        return blob if same and inflater.eof and not inflater.unused_data else None


def _most_compressed(size: int, method: int) -> int:
    """More bytes than ``size`` bytes can take compressed by ``method`` (zlib's own bound for
    deflate is about a 3,300th more, and 13 bytes)."""
    return size if method == zipfile.ZIP_STORED else size + size // 1000 + 64
