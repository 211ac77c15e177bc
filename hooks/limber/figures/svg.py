"""Figures as SVG: inline on the stretch page (colours from the site's CSS, one group per
keyframe) and as small standalone files for the stretch index (colours written in)."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

from limber import html
from limber.figures.model import Figure, Point, Shape, alt_text, bounds, laid_out

PAD = 6
# Colours of a standalone thumbnail, which cannot read the page's CSS; dark mode inverts it.
THUMB_COLORS: Mapping[str, str] = {
    "body": "#343a40",
    "far": "#969ca0",
    "focus": "#00695c",
    "prop": "#bec2c6",
    "ground": "#e4e7ea",
}


def render_svg(figure: Figure | None, name: str, areas: Sequence[str]) -> str:
    """The page figure: one ``<g>`` per frame, the first shown; colours come from CSS."""
    viewbox, groups, names = _svg_drawing(figure, tuple(areas) if figure else ())
    alt = html.text(alt_text(figure, name, areas))
    kind = "" if figure else " limber-figure--placeholder"
    return (
        f'<figure class="limber-figure{kind}" data-limber-figure="" '
        f'data-frames="{html.text(" ".join(names))}" data-frame="{html.text(names[0])}">'
        f'<svg viewBox="{viewbox}" role="img" aria-label="{alt}" '
        f'xmlns="http://www.w3.org/2000/svg">{groups}</svg>'
        + ("<figcaption>No picture yet</figcaption>" if figure is None else "")
        + "</figure>\n"
    )


@functools.lru_cache(maxsize=256)  # the placeholder is drawn once for every stretch without one
def _svg_drawing(figure: Figure | None, areas: tuple[str, ...]) -> tuple[str, str, tuple[str, ...]]:
    names, laid = laid_out(figure, areas)
    x0, y0, x1, y1 = bounds(laid)
    width, height = x1 - x0 + 2 * PAD, y1 - y0 + 2 * PAD
    groups = []
    for index, (name, shapes) in enumerate(zip(names, laid, strict=True)):
        body = "".join(_svg_shape(s, x0 - PAD, y1 + PAD) for s in shapes)
        current = " is-current" if index == 0 else ""
        groups.append(f'<g class="lf-frame{current}" data-frame="{html.text(name)}">{body}</g>')
    return f"0 0 {width:.0f} {height:.0f}", "".join(groups), names


def thumbnail(figure: Figure | None, areas: Sequence[str]) -> tuple[str, int, int]:
    """A standalone SVG file of the figure's last frame (the stretch itself), its colours
    written in, and its width and height in pixels at the index's row height."""
    _, laid = laid_out(figure, areas)
    shapes = laid[-1]
    x0, y0, x1, y1 = bounds([shapes])
    width, height = x1 - x0 + 2 * PAD, y1 - y0 + 2 * PAD
    body = "".join(_svg_shape(s, x0 - PAD, y1 + PAD, THUMB_COLORS) for s in shapes)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'stroke-linecap="round">{body}</svg>\n'
    )
    return svg, round(width), round(height)


def _svg_shape(
    shape: Shape, left: float, top: float, colors: Mapping[str, str] | None = None
) -> str:
    def at(point: Point) -> tuple[float, float]:
        return point[0] - left, top - point[1]

    if colors is None:
        paint = f'class="lf-{shape.role}"'
    elif shape.kind == "circle":
        paint = f'fill="{colors[shape.role]}"'
    else:
        paint = f'stroke="{colors[shape.role]}"'
    if shape.kind == "circle":
        cx, cy = at(shape.points[0])
        return f'<circle {paint} cx="{cx:.1f}" cy="{cy:.1f}" r="{shape.width:.1f}"/>'
    (ax, ay), (bx, by) = at(shape.points[0]), at(shape.points[1])
    return (
        f'<line {paint} x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" '
        f'stroke-width="{shape.width:.1f}"/>'
    )
