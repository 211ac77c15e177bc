"""Figures as SVG: inline on the stretch page (colours from the site's CSS, one group per
keyframe) and as small standalone files for the stretch index (colours written in).

This module lays the shapes out in the SVG's coordinates; the markup is the templates'
(``templates/figure.html`` and ``templates/figure_thumbnail.svg``), escaped like every page.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from limber.figures.alt import alt_text
from limber.figures.model import Figure, Point, Shape, bounds, laid_out
from limber.templating import render

PAD = 6
# The fragments of a picture file that show a moving figure's first and last pose (thumbnail).
FIRST_POSE, LAST_POSE = "first", "last"
# Colours of a standalone thumbnail, which cannot read the page's CSS; dark mode inverts it.
THUMB_COLORS: Mapping[str, str] = {
    "body": "#343a40",
    "far": "#969ca0",
    "focus": "#00695c",
    "prop": "#bec2c6",
    "ground": "#e4e7ea",
}


@dataclass(frozen=True)
class Placed:
    """A shape in the SVG's coordinates: a circle (``cx, cy``) or a line (``x1, y1, x2, y2``),
    painted by the attribute ``paint`` (``class``, ``fill`` or ``stroke``) set to ``colour``."""

    kind: str
    paint: str
    colour: str
    points: tuple[float, ...]
    width: float


@dataclass(frozen=True)
class Drawing:
    """A figure's frames laid out for SVG: its view box and each frame's name and shapes."""

    viewbox: str
    frames: tuple[tuple[str, tuple[Placed, ...]], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.frames)


def render_svg(
    figure: Figure | None,
    name: str,
    areas: Sequence[str],
    *,
    thumbnail: bool = False,
) -> str:
    """The page figure: one ``<g>`` per frame, the first shown; colours come from CSS.

    A ``thumbnail`` (the routine page's list and printed sheet) lacks ``data-limber-figure``, so
    the player does not animate it; its follow-along view moves it."""
    drawing = _drawing(figure, tuple(areas) if figure else ())
    return render(
        "figure.html",
        drawing=drawing,
        frames=_frames(drawing.frames),
        alt=alt_text(figure, name, areas),
        placeholder=figure is None,
        animated=not thumbnail,
    )


@functools.lru_cache(maxsize=4096)  # a figure is on its page and in each routine that has it
def _frames(frames: tuple[tuple[str, tuple[Placed, ...]], ...]) -> Markup:
    """The frames' markup, escaped by the template: the same wherever the figure is."""
    return Markup(render("figure_frames.svg", frames=frames))


@functools.lru_cache(maxsize=256)  # the placeholder is laid out once for every stretch without one
def _drawing(figure: Figure | None, areas: tuple[str, ...]) -> Drawing:
    names, laid = laid_out(figure, areas)
    x0, y0, x1, y1 = bounds(laid)
    width, height = x1 - x0 + 2 * PAD, y1 - y0 + 2 * PAD
    frames = tuple(
        (name, tuple(_place(shape, x0 - PAD, y1 + PAD) for shape in shapes))
        for name, shapes in zip(names, laid, strict=True)
    )
    return Drawing(f"0 0 {width:.0f} {height:.0f}", frames)


def thumbnail(figure: Figure | None, areas: Sequence[str]) -> str:
    """A standalone SVG file of the figure's last frame (the stretch itself, where keyframes
    move), its colours written in: a picture for lists, loaded as an image, so a list of a
    thousand stretches costs a line of markup each and only the pictures in view are fetched.

    Where keyframes move, the first frame is drawn too, far outside the view, and an SVG
    ``<view>`` per pose lets the address choose: ``<slug>.svg#first`` shows the first pose,
    ``#last`` (or no fragment) the last. The follow-along view of a built routine moves a
    picture that way, with the breath, with no script or style inside the file."""
    _, laid = laid_out(figure, areas)
    colors = THUMB_COLORS if figure else dict.fromkeys(THUMB_COLORS, THUMB_COLORS["prop"])
    width, height, shapes = _framed(laid[-1], colors, 0, 0)
    views = [(LAST_POSE, f"0 0 {width:.0f} {height:.0f}")]
    if len(laid) > 1:
        # Far enough below and to the right that a view of one pose, fitted into a box of the
        # other's proportions, shows none of the other.
        gap = 4 * max(width, height)
        first_width, first_height, first = _framed(laid[0], colors, width + gap, height + gap)
        box = f"{width + gap:.0f} {height + gap:.0f} {first_width:.0f} {first_height:.0f}"
        views.append((FIRST_POSE, box))
        shapes += first
    return render("figure_thumbnail.svg", viewbox=views[0][1], views=views, shapes=shapes)


def _framed(
    shapes: Sequence[Shape], colors: Mapping[str, str], x: float, y: float
) -> tuple[float, float, list[Placed]]:
    """A frame's shapes placed with the top left of its box (padding included) at ``x, y``;
    the box's width and height."""
    x0, y0, x1, y1 = bounds([shapes])
    width, height = x1 - x0 + 2 * PAD, y1 - y0 + 2 * PAD
    return width, height, [_place(s, x0 - PAD - x, y1 + PAD + y, colors) for s in shapes]


def _place(
    shape: Shape, left: float, top: float, colors: Mapping[str, str] | None = None
) -> Placed:
    def at(point: Point) -> tuple[float, float]:
        return point[0] - left, top - point[1]

    if colors is None:
        paint, colour = "class", f"lf-{shape.role}"
    else:
        paint, colour = ("fill" if shape.kind == "circle" else "stroke"), colors[shape.role]
    points = tuple(value for point in shape.points[: 1 if shape.kind == "circle" else 2]
                   for value in at(point))  # fmt: skip
    return Placed(shape.kind, paint, colour, points, shape.width)
