"""Figures drawn with Pillow: the picture on the printed card, and the contact sheet that shows
every stretch's figure at once so a person can see which ones do not read."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from limber.figures.model import Figure, Point, bounds, laid_out

Color = tuple[int, int, int]
COLORS: Mapping[str, Color] = {
    "body": (52, 58, 64),
    "far": (150, 156, 160),
    "focus": (0, 105, 92),
    "prop": (190, 194, 198),
    "ground": (228, 231, 234),
}


def draw_figure(
    draw: Any,
    figure: Figure | None,
    areas: Sequence[str],
    box: tuple[int, int, int, int],
    colors: Mapping[str, Color] = COLORS,
) -> None:
    """Draw the figure's frames side by side into ``box`` with Pillow: the card's picture."""
    _, laid = laid_out(figure, areas)
    x0, y0, x1, y1 = bounds(laid)
    left, top, right, bottom = box
    slot = (right - left) / len(laid)
    scale = min((slot * 0.9) / (x1 - x0), (bottom - top) / (y1 - y0))
    for index, shapes in enumerate(laid):
        centre = left + slot * (index + 0.5)

        def at(point: Point, centre: float = centre) -> tuple[float, float]:
            return centre + (point[0] - (x0 + x1) / 2) * scale, bottom - (point[1] - y0) * scale

        for shape in shapes:
            color = colors.get(shape.role, colors["prop"])
            if shape.kind == "circle":
                cx, cy = at(shape.points[0])
                r = shape.width * scale
                draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=color)
                continue
            a, b = at(shape.points[0]), at(shape.points[1])
            width = max(1, round(shape.width * scale))
            draw.line((a, b), fill=color, width=width)
            for x, y in (a, b):
                draw.ellipse(
                    (x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=color
                )


FONT = Path(__file__).resolve().parent.parent / "fonts" / "DejaVuSans.ttf"


def contact_sheet(
    entries: Iterable[tuple[str, Figure | None, Sequence[str]]],
    columns: int = 8,
    cell: tuple[int, int] = (300, 260),
) -> Image.Image:
    """Every figure in one image, a grid of cells with the stretch's name under each; a stretch
    with no figure shows the faint placeholder."""
    items = list(entries)
    rows = max(1, math.ceil(len(items) / columns))
    width, height = cell
    label = 34
    sheet = Image.new("RGB", (columns * width, rows * height), "white")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(FONT), 17)
    for index, (name, figure, areas) in enumerate(items):
        x, y = (index % columns) * width, (index // columns) * height
        draw.rectangle((x, y, x + width - 1, y + height - 1), outline=(220, 222, 224))
        colors = COLORS if figure else {role: (210, 212, 214) for role in COLORS}
        box = (x + 12, y + 12, x + width - 12, y + height - label - 8)
        draw_figure(draw, figure, areas, box, colors)
        text = _shorten(draw, name, font, width - 16)
        where = (x + width / 2, y + height - label / 2 - 4)
        draw.text(where, text, fill=(30, 30, 30), font=font, anchor="mm")
    return sheet


def _shorten(draw: Any, text: str, font: Any, room: float) -> str:
    """The text, cut with an ellipsis if it is wider than ``room``."""
    if draw.textlength(text, font=font) <= room:
        return text
    while text and draw.textlength(text + "…", font=font) > room:
        text = text[:-1]
    return text + "…"
