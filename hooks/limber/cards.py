"""Printable stretch cards: a pure function of a stretch and a layout, drawn with Pillow.

A card is A6 portrait at 300 dpi. Text wraps to the card's width and, when a stretch is long,
the whole card's type shrinks step by step until everything fits: nothing is cut off.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from limber import colours, messages
from limber.cache import partial as unique_partial
from limber.figures import model as figure_model
from limber.figures import raster
from limber.model import Stretch
from limber.vocabulary import label
from limber.wording import dose_text, plain

FONTS = Path(__file__).parent / "fonts"
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
RGB = tuple[int, int, int]


# The card's colours, from the site's (limber/colours.py), as Pillow's RGB.
_CARD_COLOURS = {
    name: colours.rgb(value)
    for name, value in (
        ("ink", colours.INK), ("muted", colours.MUTED), ("accent", colours.BRAND),
        ("warn", colours.WARN), ("paper", colours.PAPER), ("rule", colours.RULE),
        ("far", colours.FIGURE_FAR), ("ground", colours.FIGURE_GROUND),
    )
}  # fmt: skip


@dataclass(frozen=True)
class CardLayout:
    """Sizes in pixels at 300 dpi, colours, and the type scale; kept as data, not code."""

    width: int = 1240
    height: int = 1748
    margin: int = 84
    band: int = 128
    footer: int = 96
    sizes: dict[str, int] = field(
        default_factory=lambda: {
            "name": 84,
            "dose": 52,
            "facts": 34,
            "heading": 38,
            "step": 40,
            "caution": 34,
            "band": 40,
            "figure": 44,
            "footer": 28,
        }
    )
    ink: RGB = _CARD_COLOURS["ink"]
    muted: RGB = _CARD_COLOURS["muted"]
    accent: RGB = _CARD_COLOURS["accent"]
    warn: RGB = _CARD_COLOURS["warn"]
    paper: RGB = _CARD_COLOURS["paper"]
    rule: RGB = _CARD_COLOURS["rule"]
    far: RGB = _CARD_COLOURS["far"]
    ground: RGB = _CARD_COLOURS["ground"]
    min_scale: float = 0.25
    site_name: str = "Limber"

    def __hash__(self) -> int:
        return hash(json.dumps(asdict(self), sort_keys=True))


CARD = CardLayout()
FIGURE_LINES = 6.5  # the card's picture is at least this many "figure" sizes tall, at most twice


@functools.lru_cache(maxsize=64)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size)


@dataclass(frozen=True)
class _Block:
    """A paragraph of the card: its text, type, colour, and an optional marker ("1.", "•")."""

    text: str
    size: str
    bold: bool = False
    color: str = "ink"
    marker: str = ""
    space_before: float = 0.0


def card_blocks(stretch: Stretch) -> list[_Block]:
    """What a card says, top to bottom, before it is laid out."""
    facts = " · ".join(
        [label(stretch.position), ", ".join(label(a) for a in stretch.areas)]
        + (
            [", ".join(label(e) for e in stretch.equipment)]
            if stretch.equipment
            else [messages.text("card.no_equipment")]
        )
    )
    blocks = [
        _Block(stretch.name, "name", bold=True),
        _Block(dose_text(stretch.dose), "dose", bold=True, color="accent", space_before=0.35),
    ]
    cues = stretch.dose.cues
    for phase, cue in (("timer.inhale", cues.inhale), ("timer.exhale", cues.exhale)):
        if stretch.dose.kind == "breaths" and cue:
            words = messages.text("card.cue", phase=messages.text(phase), cue=cue)
            blocks.append(_Block(words, "facts", space_before=0.25))
    blocks += [
        _Block(facts, "facts", color="muted", space_before=0.3),
        _Block("", "figure", space_before=0.4),
        _Block(messages.text("stretch.how_to"), "heading", bold=True, space_before=0.6),
    ]
    steps = stretch.steps or (plain(stretch.body),)
    for number, step in enumerate(steps, 1):
        blocks.append(_Block(plain(step), "step", marker=f"{number}.", space_before=0.35))
    if stretch.cautions:
        blocks.append(
            _Block(
                messages.text("stretch.take_care"),
                "heading",
                bold=True,
                color="warn",
                space_before=0.9,
            )
        )
        for caution in stretch.cautions:
            blocks.append(_Block(caution, "caution", marker="•", space_before=0.25))
    return blocks


@functools.lru_cache(maxsize=1 << 16)
def _width(font: ImageFont.FreeTypeFont, text: str) -> float:
    return float(font.getlength(text))


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy line breaking by measured width; a word wider than a line is broken."""
    space = _width(font, " ")
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in text.split():
        size = _width(font, word) if len(word) <= _LONG_WORD else width + 1
        if size > width:  # a word wider than the card: break it into pieces that fit
            if line:
                lines.append(" ".join(line))
                line, used = [], 0.0
            *pieces, word = _break_word(word, font, width)
            lines += pieces
            size = _width(font, word)
        # Words are measured one by one (cached): summing them ignores kerning across the
        # space, a fraction of a pixel, so lines keep a pixel per word in hand.
        extra = size + (space if line else 0) + 1
        if line and used + extra > width:
            lines.append(" ".join(line))
            line, used = [word], size + 1
        else:
            line.append(word)
            used += extra
    if line:
        lines.append(" ".join(line))
    return lines or [""]


_LONG_WORD = 200  # characters; longer words are not measured whole (a card line holds fewer)


def _break_word(word: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """``word`` cut into pieces no wider than ``width``, in one pass over its characters (each
    width measured once and cached): a 100,000-character word takes milliseconds, not minutes.
    Summing single characters ignores kerning, so each piece keeps a few pixels in hand."""
    pieces: list[str] = []
    start, used = 0, 0.0
    for index, char in enumerate(word):
        size = _width(font, char)
        if used + size > width - 4 and index > start:
            pieces.append(word[start:index])
            start, used = index, 0.0
        used += size
    pieces.append(word[start:])
    return pieces


@dataclass(frozen=True)
class _Line:
    x: int
    y: int
    text: str
    font: ImageFont.FreeTypeFont
    color: str
    height: int = 0  # the figure's box


def _lay_out(
    blocks: list[_Block], layout: CardLayout, scale: float, figure_lines: float = FIGURE_LINES
) -> tuple[list[_Line], int]:
    width = layout.width - 2 * layout.margin
    y = 0.0
    lines: list[_Line] = []
    for block in blocks:
        size = max(8, round(layout.sizes[block.size] * scale))
        font = _font(block.bold, size)
        leading = size * 1.28
        y += block.space_before * size
        if block.size == "figure":  # a box for the picture
            lines.append(_Line(0, round(y), "", font, "figure", round(size * figure_lines)))
            y += size * figure_lines
            continue
        indent = 0
        if block.marker:
            marker_font = _font(True, size)
            indent = int(marker_font.getlength("00.") if block.marker[0].isdigit() else size * 1.1)
            lines.append(_Line(0, round(y), block.marker, marker_font, "accent"))
        for text in _wrap(block.text, font, width - indent):
            lines.append(_Line(indent, round(y), text, font, block.color))
            y += leading
    return lines, round(y)


def fit(stretch: Stretch, layout: CardLayout = CARD) -> tuple[list[_Line], float]:
    """The laid-out lines at the largest scale that fits the card's body area, and that scale."""
    available = layout.height - layout.band - layout.footer - 2 * layout.margin
    blocks = card_blocks(stretch)
    scale = 1.0
    while True:
        lines, height = _lay_out(blocks, layout, scale)
        if height <= available or scale <= layout.min_scale:
            break
        scale = max(layout.min_scale, scale * 0.92)
    figure_size = layout.sizes["figure"] * scale
    if height < available:  # room to spare goes to the picture, up to twice its height
        grow = min((available - height) / figure_size, FIGURE_LINES)
        lines, _ = _lay_out(blocks, layout, scale, FIGURE_LINES + grow)
    return lines, scale


def render_card(stretch: Stretch, layout: CardLayout = CARD) -> Image.Image:
    """The card image of one stretch."""
    image = Image.new("RGB", (layout.width, layout.height), layout.paper)
    draw = ImageDraw.Draw(image)
    colors = {
        "ink": layout.ink,
        "muted": layout.muted,
        "accent": layout.accent,
        "warn": layout.warn,
    }
    band_font = _font(True, layout.sizes["band"])
    draw.rectangle((0, 0, layout.width - 1, layout.band - 1), fill=layout.accent)
    middle = layout.band // 2
    draw.text(
        (layout.margin, middle),
        layout.site_name.upper(),
        font=band_font,
        fill=layout.paper,
        anchor="lm",
    )
    draw.text(
        (layout.width - layout.margin, middle),
        label(stretch.level),
        font=_font(False, layout.sizes["band"] - 6),
        fill=layout.paper,
        anchor="rm",
    )
    lines, _ = fit(stretch, layout)
    top = layout.band + layout.margin
    for line in lines:
        if line.color == "figure":
            box = (
                layout.margin,
                top + line.y,
                layout.width - layout.margin,
                top + line.y + line.height,
            )
            figure_colors = {"body": layout.ink, "far": layout.far, "focus": layout.accent,
                             "prop": layout.rule, "ground": layout.ground}  # fmt: skip
            raster.draw_figure(draw, stretch.figure, stretch.areas, box, figure_colors)
            continue
        draw.text(
            (layout.margin + line.x, top + line.y),
            line.text,
            font=line.font,
            fill=colors[line.color],
        )
    foot = layout.height - layout.footer
    draw.line((layout.margin, foot, layout.width - layout.margin, foot), fill=layout.rule, width=3)
    footer_font = _font(False, layout.sizes["footer"])
    draw.text(
        (layout.margin, foot + layout.footer // 2),
        messages.text("safety.stop"),
        font=footer_font,
        fill=layout.muted,
        anchor="lm",
    )
    return image


def _source_digest() -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for module in (figure_model, raster):
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update(messages.catalogue_digest())
    for font in (REGULAR, BOLD):
        digest.update(font.read_bytes())
    return digest.hexdigest()


_CODE = _source_digest()


def card_key(stretch: Stretch, layout: CardLayout = CARD) -> str:
    """A hash of everything a card is drawn from: its text, the layout, the fonts and this code."""
    inputs = {
        "blocks": [asdict(block) for block in card_blocks(stretch)],
        "figure": repr(stretch.figure),
        "areas": stretch.areas,
        "level": stretch.level,
        "layout": asdict(layout),
        "code": _CODE,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:24]


@functools.lru_cache(maxsize=4)
def _palette(layout: CardLayout) -> Image.Image:
    """The card's own colours, each blended with the paper in 16 steps (antialiased edges)."""
    colors: list[int] = list(layout.paper)
    for ink in (layout.ink, layout.muted, layout.accent, layout.warn, layout.rule):
        for step in range(1, 16):
            mix = step / 15
            blend = [round(p + (c - p) * mix) for p, c in zip(layout.paper, ink, strict=True)]
            # Pillow maps to a palette approximately: keep every entry clearly apart from paper.
            if max(abs(b - p) for b, p in zip(blend, layout.paper, strict=True)) >= 12:
                colors += blend
    palette = Image.new("P", (1, 1))
    palette.putpalette(colors + colors[:3] * (256 - len(colors) // 3))
    return palette


def write_card(stretch: Stretch, target: Path, layout: CardLayout = CARD) -> Path:
    """Draw a card to ``target`` as a PNG, atomically.

    The card is stored with a palette of its own colours and their antialiasing blends: half the
    size of an RGB file (cards are cached offline on phones), and mapping to a known palette
    costs a third of adaptive quantizing.
    """
    partial = unique_partial(target)
    card = render_card(stretch, layout).quantize(palette=_palette(layout), dither=Image.Dither.NONE)
    card.save(partial, "PNG", compress_level=3, dpi=(300, 300))
    partial.replace(target)
    return target
