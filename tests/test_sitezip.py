"""The site zip: every file, the same bytes for the same site, and what the last zip compressed
reused only when it is the very same file."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from limber import sitezip


def site(folder: Path, pages: int = 5) -> list[tuple[Path, str]]:
    """A small site: a few pages and a picture, with their names in the zip."""
    folder.mkdir(parents=True, exist_ok=True)
    members = []
    for number in range(pages):
        page = folder / f"page-{number}.html"
        page.write_text(f"<h1>Page {number}</h1>" + "<p>Breathe out slowly.</p>" * 50, "utf-8")
        members.append((page, f"limber/page-{number}.html"))
    picture = folder / "card.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    members.append((picture, "limber/card.png"))
    return members


def contents(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return {info.filename: archive.read(info) for info in archive.infolist()}


class Deflations:
    """Counts the files compressed afresh."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        deflate = sitezip._deflate

        def counted(data: bytes) -> bytes:
            self.count += 1
            return deflate(data)

        monkeypatch.setattr(sitezip, "_deflate", counted)


def test_the_zip_holds_every_file_and_the_same_site_gives_the_same_bytes(tmp_path: Path) -> None:
    members = site(tmp_path / "site")
    known: dict[Path, tuple[bytes, int]] = {}
    sitezip.write_zip(tmp_path / "one.zip", members, None, known)
    sitezip.write_zip(tmp_path / "two.zip", members, None, None)
    assert contents(tmp_path / "one.zip") == {name: path.read_bytes() for path, name in members}
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    assert set(known) == {path for path, _ in members}
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        info = archive.getinfo("limber/page-0.html")
        assert info.date_time == (2020, 1, 1, 0, 0, 0)
        assert info.compress_type == zipfile.ZIP_DEFLATED and info.compress_size < info.file_size
        assert archive.getinfo("limber/card.png").compress_type == zipfile.ZIP_STORED


def test_a_second_zip_compresses_only_the_files_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    members = site(tmp_path / "site")
    sitezip.write_zip(tmp_path / "last.zip", members, None, None)
    members[2][0].write_text("<h1>Page 2, edited</h1>", "utf-8")
    deflations = Deflations(monkeypatch)
    sitezip.write_zip(tmp_path / "next.zip", members, tmp_path / "last.zip", None)
    assert deflations.count == 1
    sitezip.write_zip(tmp_path / "fresh.zip", members, None, None)
    assert (tmp_path / "next.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()
    assert contents(tmp_path / "next.zip")["limber/page-2.html"] == b"<h1>Page 2, edited</h1>"


def lying_zip(path: Path, name: str, stored: bytes, claimed: bytes, method: int) -> None:
    """A zip whose entry ``name`` holds ``stored`` but claims the size and checksum of
    ``claimed``, as a zip changed in site/ could."""
    with zipfile.ZipFile(path, "w", method) as archive:
        archive.writestr(name, stored)
    data = path.read_bytes()
    for old, new in ((zlib.crc32(stored), zlib.crc32(claimed)), (len(stored), len(claimed))):
        data = data.replace(struct.pack("<L", old), struct.pack("<L", new))
    path.write_bytes(data)
    with zipfile.ZipFile(path) as archive:  # its word matches the file now
        info = archive.getinfo(name)
        assert (info.CRC, info.file_size) == (zlib.crc32(claimed), len(claimed))


@pytest.mark.parametrize("kind", ["page", "picture"])
def test_an_entry_of_the_last_zip_is_reused_only_when_it_holds_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """The last zip sits in site/, where anything may have changed it: an entry claiming the
    size and checksum of the file now, but holding other bytes, is not reused, compressed or
    stored."""
    members = site(tmp_path / "site", pages=1)
    path, name = members[0] if kind == "page" else members[1]
    honest = path.read_bytes()
    forged = honest.replace(b"Page 0", b"Evil 0").replace(bytes(range(4)), b"evil")
    method = zipfile.ZIP_DEFLATED if kind == "page" else zipfile.ZIP_STORED
    lying_zip(tmp_path / "last.zip", name, forged, honest, method)
    deflations = Deflations(monkeypatch)
    sitezip.write_zip(tmp_path / "next.zip", members, tmp_path / "last.zip", None)
    assert deflations.count == 1  # the page, afresh either way
    assert contents(tmp_path / "next.zip")[name] == honest


def test_a_bomb_in_the_last_zip_is_inflated_no_further_than_the_file(tmp_path: Path) -> None:
    """An entry may claim no more compressed bytes than the file could take, but those few can
    inflate a thousandfold: no more than the file's size is inflated."""
    import random
    import tracemalloc

    page = tmp_path / "search_index.json"
    words = random.Random(1).choices(["hold", "breathe", "reach", "soften", "knee"], k=40_000)
    page.write_text(" ".join(words), "utf-8")
    honest = page.read_bytes()
    bomb = bytes(80_000_000)  # about 78 KB compressed, under what the page could take
    lying_zip(tmp_path / "last.zip", "limber/search_index.json", bomb, honest, zipfile.ZIP_DEFLATED)
    tracemalloc.start()
    sitezip.write_zip(
        tmp_path / "next.zip", [(page, "limber/search_index.json")], tmp_path / "last.zip", None
    )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20_000_000
    assert contents(tmp_path / "next.zip") == {"limber/search_index.json": honest}


def test_an_entry_with_more_after_its_stream_is_not_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry whose deflate stream gives the file but has bytes after it is not copied: the
    new zip holds the stream alone, as compressing afresh gives."""
    members = site(tmp_path / "site", pages=1)
    path, name = members[0]
    stream = sitezip._deflate(path.read_bytes()) + b"trailing bytes"
    with zipfile.ZipFile(tmp_path / "last.zip", "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(name, stream)
    data = (tmp_path / "last.zip").read_bytes()
    # Make the stored entry a deflated one of the page: method 8, the page's size and checksum.
    honest = path.read_bytes()
    for old, new in ((zlib.crc32(stream), zlib.crc32(honest)),):
        data = data.replace(struct.pack("<L", old), struct.pack("<L", new))
    data = data.replace(
        struct.pack("<LL", len(stream), len(stream)), struct.pack("<LL", len(stream), len(honest))
    )
    data = data.replace(
        b"PK\x03\x04\x14\x00\x00\x00\x00\x00", b"PK\x03\x04\x14\x00\x00\x00\x08\x00"
    )
    data = data.replace(b"\x14\x00\x00\x00\x00\x00", b"\x14\x00\x00\x00\x08\x00")
    (tmp_path / "last.zip").write_bytes(data)
    with zipfile.ZipFile(tmp_path / "last.zip") as archive:
        info = archive.getinfo(name)
        assert (info.compress_type, info.file_size, info.CRC) == (
            8,
            len(honest),
            zlib.crc32(honest),
        )
    deflations = Deflations(monkeypatch)
    sitezip.write_zip(tmp_path / "next.zip", members, tmp_path / "last.zip", None)
    assert deflations.count == 1
    sitezip.write_zip(tmp_path / "fresh.zip", members, None, None)
    assert (tmp_path / "next.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()


def test_a_last_zip_pointing_outside_itself_is_not_used(tmp_path: Path) -> None:
    """A central directory offset beyond the file gives entries a negative offset in Python's
    zipfile: the build goes on, compressing afresh."""
    members = site(tmp_path / "site")
    sitezip.write_zip(tmp_path / "last.zip", members, None, None)
    data = bytearray((tmp_path / "last.zip").read_bytes())
    end = data.rindex(b"PK\x05\x06")
    offset = struct.unpack_from("<L", data, end + 16)[0]
    struct.pack_into("<L", data, end + 16, offset + 1000)
    (tmp_path / "last.zip").write_bytes(bytes(data))
    sitezip.write_zip(tmp_path / "next.zip", members, tmp_path / "last.zip", None)
    assert contents(tmp_path / "next.zip") == {name: path.read_bytes() for path, name in members}


def test_names_beyond_ascii_read_back_as_written(tmp_path: Path) -> None:
    page = tmp_path / "estiramiento.html"
    page.write_text("<h1>Estiramiento</h1>", "utf-8")
    sitezip.write_zip(tmp_path / "one.zip", [(page, "limber/es/niño-postura.html")], None, None)
    assert list(contents(tmp_path / "one.zip")) == ["limber/es/niño-postura.html"]


@pytest.mark.parametrize("last", ["missing", "not a zip", "empty"])
def test_a_last_zip_that_cannot_be_read_is_not_used(tmp_path: Path, last: str) -> None:
    members = site(tmp_path / "site")
    previous = tmp_path / "last.zip"
    if last != "missing":
        previous.write_bytes(b"" if last == "empty" else b"PK\x03\x04 not really a zip")
    sitezip.write_zip(tmp_path / "next.zip", members, previous, None)
    assert contents(tmp_path / "next.zip") == {name: path.read_bytes() for path, name in members}


def test_a_site_too_big_for_a_plain_zip_is_written_by_zipfile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past 65,535 files or 4 GB a zip needs ZIP64 records, which Python's zipfile writes."""
    members = site(tmp_path / "site")
    monkeypatch.setattr(sitezip, "_MAX_ENTRIES", 3)
    written: list[str] = []
    writestr = zipfile.ZipFile.writestr

    def counted(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, data: bytes, **kw: int) -> None:
        written.append(entry.filename)
        writestr(archive, entry, data, **kw)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", counted)
    known: dict[Path, tuple[bytes, int]] = {}
    sitezip.write_zip(tmp_path / "big.zip", members, None, known)
    assert written == [name for _, name in members] and len(known) == len(members)
    assert contents(tmp_path / "big.zip") == {name: path.read_bytes() for path, name in members}
    with zipfile.ZipFile(tmp_path / "big.zip") as archive:
        assert archive.getinfo("limber/page-0.html").date_time == (2020, 1, 1, 0, 0, 0)
