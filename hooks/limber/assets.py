"""The site's own static files: styles and scripts shipped inside the package."""

from __future__ import annotations

from pathlib import Path

ASSET_FOLDER = Path(__file__).parent / "assets"
STYLES = ("limber.css", "timer.css")
SCRIPTS = ("timer.js", "audio.js", "site.js")
# Loaded by the builder page only (its markup links them), not by every page.
BUILDER_ASSETS = ("builder.js", "builder.css")


def files() -> list[tuple[str, Path]]:
    """Every shipped asset as ``(name, path)``."""
    return [(name, ASSET_FOLDER / name) for name in (*STYLES, *SCRIPTS, *BUILDER_ASSETS)]
