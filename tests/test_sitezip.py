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


def test_an_entry_of_the_last_zip_is_reused_only_when_it_holds_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last zip sits in site/, where anything may have changed it: an entry claiming the
    size and checksum of the file now, but holding other bytes, is compressed afresh."""
    members = site(tmp_path / "site", pages=1)
    page = members[0][0]
    honest = page.read_bytes()
    forged = honest.replace(b"Page 0", b"Evil 0")
    with zipfile.ZipFile(tmp_path / "last.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("limber/page-0.html", forged)
    data = (tmp_path / "last.zip").read_bytes()
    claimed = struct.pack("<L", zlib.crc32(honest))
    (tmp_path / "last.zip").write_bytes(
        data.replace(struct.pack("<L", zlib.crc32(forged)), claimed)
    )
    with zipfile.ZipFile(tmp_path / "last.zip") as archive:  # its word matches the file now
        info = archive.getinfo("limber/page-0.html")
        assert (info.CRC, info.file_size) == (zlib.crc32(honest), len(honest))
    deflations = Deflations(monkeypatch)
    sitezip.write_zip(tmp_path / "next.zip", members, tmp_path / "last.zip", None)
    assert deflations.count == 1
    assert contents(tmp_path / "next.zip")["limber/page-0.html"] == honest


@pytest.mark.parametrize("last", ["missing", "not a zip", "empty"])
def test_a_last_zip_that_cannot_be_read_is_not_used(tmp_path: Path, last: str) -> None:
    members = site(tmp_path / "site")
    previous = tmp_path / "last.zip"
    if last != "missing":
        previous.write_bytes(b"" if last == "empty" else b"PK\x03\x04 not really a zip")
    sitezip.write_zip(tmp_path / "next.zip", members, previous, None)
    assert contents(tmp_path / "next.zip") == {name: path.read_bytes() for path, name in members}


def test_a_site_too_big_for_a_plain_zip_gets_zip64_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    members = site(tmp_path / "site")
    monkeypatch.setattr(sitezip, "_MAX_ENTRIES", 3)
    known: dict[Path, tuple[bytes, int]] = {}
    sitezip.write_zip(tmp_path / "big.zip", members, None, known)
    assert contents(tmp_path / "big.zip") == {name: path.read_bytes() for path, name in members}
    assert len(known) == len(members)
