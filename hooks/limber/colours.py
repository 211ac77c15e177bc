"""Limber's colours, each written once: the site's CSS custom properties, the cards, the app icon
and the browser's theme colour all read them from here.

The build writes ``render_css`` as ``assets/limber/colours.css`` before Limber's other styles,
which use only the ``var(--…)`` names. Each pair of text and background colours meets WCAG's
4.5:1 (checked by the tests with axe, and by ``contrast`` below).
"""

from __future__ import annotations

from collections.abc import Mapping

BRAND = "#00695c"  # deep teal: white text on it is 6.6:1
BRAND_LIGHT = "#4f9a94"
BRAND_DARK = "#004d40"
WARN = "#b33b12"  # cautions and the accent: 5.6:1 on white
PAPER = "#ffffff"
INK = "#1e2124"  # body text on cards
MUTED = "#54585c"  # secondary text on cards
RULE = "#cdd2d4"  # hairlines on cards
FIGURE_FAR = "#969a9e"  # the far limbs of a figure on cards
FIGURE_GROUND = "#eceef0"  # the floor under a figure on cards
DARK_LINK = "#5fd4c4"  # links and outline buttons on the dark scheme: 8.9:1 on its background
DARK_WARN = "#ff9e80"
DARK_BACKGROUND = "#1e1e1e"

# Custom properties by CSS selector: Material's own names, then Limber's.
CSS_PROPERTIES: Mapping[str, Mapping[str, str]] = {
    ':root, [data-md-color-scheme="default"], [data-md-color-scheme="slate"]': {
        "--md-primary-fg-color": BRAND,
        "--md-primary-fg-color--light": BRAND_LIGHT,
        "--md-primary-fg-color--dark": BRAND_DARK,
        "--md-primary-bg-color": PAPER,
        "--md-primary-bg-color--light": "rgba(255, 255, 255, 0.82)",
        "--md-accent-fg-color": WARN,
        "--md-accent-fg-color--transparent": "rgba(179, 59, 18, 0.12)",
        "--md-accent-bg-color": PAPER,
        "--md-accent-bg-color--light": "rgba(255, 255, 255, 0.82)",
        "--limber-brand": BRAND,
        "--limber-warn": WARN,
        "--limber-link": BRAND,
    },
    '[data-md-color-scheme="default"]': {"--md-typeset-a-color": BRAND},
    '[data-md-color-scheme="slate"]': {
        "--md-accent-fg-color": DARK_WARN,
        "--md-accent-fg-color--transparent": "rgba(255, 158, 128, 0.14)",
        "--md-accent-bg-color": DARK_BACKGROUND,
        "--md-typeset-a-color": DARK_LINK,
        "--limber-link": DARK_LINK,
        "--limber-warn": DARK_WARN,
    },
}


def rgb(colour: str) -> tuple[int, int, int]:
    """``#00695c`` as ``(0, 105, 92)``, for Pillow."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(colour: str) -> float:
        channels = [c / 255 for c in rgb(colour)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def render_css() -> str:
    """The custom properties as a style sheet."""
    blocks = [
        selector
        + " {\n"
        + "".join(f"  {name}: {value};\n" for name, value in props.items())
        + "}\n"
        for selector, props in CSS_PROPERTIES.items()
    ]
    return (
        "/* Written by the Limber build from limber/colours.py: edit colours there. */\n"
        + "".join(blocks)
    )


def page_colours() -> dict[str, str]:
    """The colours the page scripts need (the browser's theme colour)."""
    return {"brand": BRAND}
