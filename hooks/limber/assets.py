"""The site's own static files: styles and scripts shipped inside the package, and the page data
script the build writes for them (the catalogue's words for the scripts)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from limber.colours import page_colours
from limber.messages import Catalogue
from limber.paths import page_paths

ASSET_FOLDER = Path(__file__).parent / "assets"
STYLES = ("limber.css", "timer.css", "follow.css")
COLOUR_STYLES = "colours.css"  # generated from limber/colours.py; loaded before the styles
SCRIPTS = ("follow.js", "timer.js", "audio.js", "site.js")  # follow.js first: players attach to it
# Loaded by the builder page only (its markup links them), not by every page.
BUILDER_ASSETS = ("builder.js", "builder.css")
DATA_SCRIPT = "limber-data.js"  # generated; loaded before the scripts, which read it


def files() -> list[tuple[str, Path]]:
    """Every shipped asset as ``(name, path)``."""
    return [(name, ASSET_FOLDER / name) for name in (*STYLES, *SCRIPTS, *BUILDER_ASSETS)]


def page_data(catalogue: Catalogue) -> dict[str, Any]:
    """What the page scripts read from ``window.LimberData``."""
    return {
        "language": catalogue.language,
        "messages": catalogue.script_words(),
        "paths": page_paths(),
        "colours": page_colours(),
    }


def render_data_script(catalogue: Catalogue) -> str:
    """The data script: ``window.LimberData``, as JSON the scripts read on load: the words,
    paths and colours they would otherwise have to hard-code."""
    data = json.dumps(page_data(catalogue), ensure_ascii=False, indent=0, sort_keys=True)
    header = "/* Written by the Limber build: words and data for timer.js and site.js. */"
    return f"{header}\nwindow.LimberData = {data};\n"
