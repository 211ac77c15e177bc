"""The generated pages, one module per page kind; their markup is in ``limber/templates``.

Each page is Markdown with markers (``<!--limber:top-->``) plus blocks of HTML that the hook puts
at the markers after Markdown has run, so Markdown never parses them; blocks without words worth
finding (the figure, the timer) go in after search has indexed the page. Every block is rendered
by ``templating``'s Jinja environment, which escapes front-matter text by default. ``link`` turns a
source path such as ``stretches/cat-cow.md`` into a URL relative to the page being written.

A new page kind (the routine builder) is a new module here and its templates.
"""

from limber.pages.body import BodyError, clean_body
from limber.pages.home import mark_home, render_home_blocks
from limber.pages.index import (
    render_routine_index,
    render_stretch_index_blocks,
    render_stretch_index_markdown,
)
from limber.pages.reference import VOCABULARY_MARKER, render_vocabularies
from limber.pages.routine import (
    qr_code,
    render_routine_blocks,
    render_routine_late_blocks,
    render_routine_markdown,
)
from limber.pages.stretch import (
    render_stretch_blocks,
    render_stretch_late_blocks,
    render_stretch_markdown,
    social_meta,
)
from limber.templating import Link, fill, marker

__all__ = [
    "VOCABULARY_MARKER",
    "BodyError",
    "Link",
    "clean_body",
    "fill",
    "mark_home",
    "marker",
    "qr_code",
    "render_home_blocks",
    "render_routine_blocks",
    "render_routine_index",
    "render_routine_late_blocks",
    "render_routine_markdown",
    "render_stretch_blocks",
    "render_stretch_index_blocks",
    "render_stretch_index_markdown",
    "render_stretch_late_blocks",
    "render_stretch_markdown",
    "render_vocabularies",
    "social_meta",
]
