"""Card sheets as PDF: four A6 cards to a page with cut marks, written one card at a time.

Pillow's PDF writer keeps every page image until it finishes, and a library may have thousands of
cards. This writer streams instead: each card's PNG data goes into the PDF as it is (a PNG's
compressed pixels are a valid PDF image stream), so memory stays flat, no pixel is decoded or
re-encoded, and text stays as sharp as on the card. Cut marks are vector lines.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from limber.cache import partial as unique_partial

POINTS_PER_MM = 72 / 25.4
CARD_MM = (105.0, 148.0)  # A6 portrait
MARK_GAP_MM, MARK_LENGTH_MM = 2.0, 6.0


@dataclass(frozen=True)
class Paper:
    """A sheet size in millimetres, with the blank margin printers need."""

    name: str
    width_mm: float
    height_mm: float
    margin_mm: float = 10.0


A4 = Paper("A4", 210, 297)
LETTER = Paper("Letter", 215.9, 279.4)


@dataclass(frozen=True)
class PngImage:
    """The parts of a PNG file a PDF image needs: size, colours, palette, compressed pixels."""

    width: int
    height: int
    bit_depth: int
    colors: int  # samples per pixel: 1 (grey or palette), 3 (RGB)
    palette: bytes
    data: bytes

    @classmethod
    def read(cls, path: Path) -> PngImage:
        raw = path.read_bytes()
        if raw[:8] != b"\x89PNG\r\n\x1a\n":
            raise ValueError(f"{path} is not a PNG file")
        position, chunks = 8, {}
        data = bytearray()
        while position < len(raw):
            length, kind = struct.unpack(">I4s", raw[position : position + 8])
            body = raw[position + 8 : position + 8 + length]
            if kind == b"IDAT":
                data += body
            else:
                chunks[kind] = body
            position += 12 + length
        width, height, depth, color_type, _, _, interlace = struct.unpack(
            ">IIBBBBB", chunks[b"IHDR"]
        )
        if interlace or color_type not in (0, 2, 3):
            raise ValueError(
                f"{path}: only non-interlaced grey, RGB or palette PNGs can be embedded"
            )
        colors = 3 if color_type == 2 else 1
        return cls(width, height, depth, colors, chunks.get(b"PLTE", b""), bytes(data))

    def dictionary(self) -> str:
        if self.palette:
            space = f"[/Indexed /DeviceRGB {len(self.palette) // 3 - 1} <{self.palette.hex()}>]"
        else:
            space = "/DeviceRGB" if self.colors == 3 else "/DeviceGray"
        return (
            f"<< /Type /XObject /Subtype /Image /Width {self.width} /Height {self.height} "
            f"/ColorSpace {space} /BitsPerComponent {self.bit_depth} /Filter /FlateDecode "
            f"/DecodeParms << /Predictor 15 /Colors {self.colors} "
            f"/BitsPerComponent {self.bit_depth} /Columns {self.width} >> "
            f"/Length {len(self.data)} >>"
        )


class PdfWriter:
    """A minimal PDF written front to back: objects as they come, the page tree at the end."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.offsets: dict[int, int] = {}
        self.pages: list[int] = []
        self.next_number = 3  # 1 is the catalog, 2 the page tree: both written last
        stream.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    def reserve(self) -> int:
        self.next_number += 1
        return self.next_number - 1

    def write(self, number: int, dictionary: str, data: bytes | None = None) -> None:
        self.offsets[number] = self.stream.tell()
        self.stream.write(f"{number} 0 obj\n{dictionary}".encode())
        if data is not None:
            self.stream.write(b"\nstream\n" + data + b"\nendstream")
        self.stream.write(b"\nendobj\n")

    def add_image(self, image: PngImage) -> int:
        number = self.reserve()
        self.write(number, image.dictionary(), image.data)
        return number

    def add_page(self, paper: Paper, content: bytes, images: dict[str, int]) -> None:
        width, height = paper.width_mm * POINTS_PER_MM, paper.height_mm * POINTS_PER_MM
        content_number, page_number = self.reserve(), self.reserve()
        self.write(content_number, f"<< /Length {len(content)} >>", content)
        names = " ".join(f"/{name} {number} 0 R" for name, number in images.items())
        self.write(
            page_number,
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:.2f} {height:.2f}] "
            f"/Resources << /XObject << {names} >> >> /Contents {content_number} 0 R >>",
        )
        self.pages.append(page_number)

    def close(self) -> None:
        kids = " ".join(f"{number} 0 R" for number in self.pages)
        self.write(2, f"<< /Type /Pages /Kids [{kids}] /Count {len(self.pages)} >>")
        self.write(1, "<< /Type /Catalog /Pages 2 0 R >>")
        start = self.stream.tell()
        rows = "".join(f"{self.offsets[n]:010d} 00000 n \n" for n in range(1, self.next_number))
        self.stream.write(f"xref\n0 {self.next_number}\n0000000000 65535 f \n{rows}".encode())
        trailer = (
            f"trailer\n<< /Size {self.next_number} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n"
        )
        self.stream.write(trailer.encode())


def card_grid(paper: Paper) -> tuple[float, float, float, float]:
    """Card width and height and the bottom-left corner of the 2×2 block, in points, centred."""
    room_w = paper.width_mm - 2 * paper.margin_mm
    room_h = paper.height_mm - 2 * paper.margin_mm
    scale = min(1.0, room_w / (2 * CARD_MM[0]), room_h / (2 * CARD_MM[1]))
    card_w, card_h = CARD_MM[0] * scale, CARD_MM[1] * scale
    left = (paper.width_mm - 2 * card_w) / 2
    bottom = (paper.height_mm - 2 * card_h) / 2
    return tuple(v * POINTS_PER_MM for v in (card_w, card_h, left, bottom))  # type: ignore[return-value]


def _cut_marks(paper: Paper) -> str:
    card_w, card_h, left, bottom = card_grid(paper)
    gap, length = MARK_GAP_MM * POINTS_PER_MM, MARK_LENGTH_MM * POINTS_PER_MM
    right, top = left + 2 * card_w, bottom + 2 * card_h
    lines = []
    for x in (left, left + card_w, right):
        lines += [
            (x, top + gap, x, top + gap + length),
            (x, bottom - gap, x, bottom - gap - length),
        ]
    for y in (bottom, bottom + card_h, top):
        lines += [
            (left - gap, y, left - gap - length, y),
            (right + gap, y, right + gap + length, y),
        ]
    strokes = " ".join(f"{a:.2f} {b:.2f} m {c:.2f} {d:.2f} l" for a, b, c, d in lines)
    return f"q 0.65 G 0.5 w {strokes} S Q\n"


def write_card_sheets(cards: Iterable[Path], target: Path, paper: Paper) -> int:
    """Write the cards four to a page with cut marks to ``target``; returns the page count."""
    card_w, card_h, left, bottom = card_grid(paper)
    partial = unique_partial(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    group: list[Path] = []
    with partial.open("wb") as stream:
        writer = PdfWriter(stream)

        def flush(batch: Sequence[Path]) -> None:
            content, images = [], {}
            for index, card in enumerate(batch):
                name = f"Card{index}"
                images[name] = writer.add_image(PngImage.read(card))
                x = left + (index % 2) * card_w
                y = bottom + (1 - index // 2) * card_h
                content.append(f"q {card_w:.2f} 0 0 {card_h:.2f} {x:.2f} {y:.2f} cm /{name} Do Q\n")
            content.append(_cut_marks(paper))
            writer.add_page(paper, "".join(content).encode(), images)

        for card in cards:
            group.append(card)
            if len(group) == 4:
                flush(group)
                group = []
        if group:
            flush(group)
        writer.close()
    partial.replace(target)
    return len(writer.pages)
