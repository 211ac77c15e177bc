"""Reference tables put into authored pages (the contributor guide) from the code's own data."""

from __future__ import annotations

from limber.templating import render
from limber.vocabulary import AREAS, EQUIPMENT, POSITIONS

VOCABULARY_MARKER = "<!-- limber:vocabularies -->"


def render_vocabularies() -> str:
    """The vocabularies as a Markdown table, from the one place they are defined."""
    rows = [("areas", AREAS), ("position", POSITIONS), ("equipment", EQUIPMENT)]
    return render("vocabularies.md", rows=rows).rstrip("\n")
