"""Search entries for the stretch pages, built from the model.

Material's search plugin finds a page's words by parsing its rendered HTML, which for a stretch
page is most of the build's search cost (the facts panel, three sections, the safety note) and
twice the size of a plain page's entry. A stretch page is excluded from that (``search:
exclude`` in its front-matter) and gets its entries made here instead: its name, summary, other
names and facts; its steps; its cautions. They hold what a reader types to find it (by name,
alias, area, position or a word of its steps) and none of the words every page shares (the
safety note, the licence). The text is escaped HTML, as the theme's own entries are.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from markupsafe import Markup

from limber.messages import text
from limber.model import Stretch
from limber.pages.stretch import facts
from limber.templating import marker
from limber.vocabulary import also_called, label

_SPACES = re.compile(r"\s+")
STEPS_ANCHOR = "how-to-do-it"  # ids of the page's headings (stretch_top.html, stretch_foot.html)
CAUTIONS_ANCHOR = "take-care"
Entry = dict[str, str | list[str]]  # one document of the theme's search index
ALSO_TAGS = "limber_also"  # an entry's words indexed as tags, not shown (search-stems.js)


def stretch_entries(stretch: Stretch, url: str, page_html: str) -> list[Entry]:
    """The search entries of one stretch page, one for each part a result can open: the page
    (its names, summary and facts), its steps and its cautions, as the page's headings divide
    it. ``page_html`` is the page as Markdown rendered it, its body sanitized: the authored steps
    lie between the ``top`` and ``foot`` placeholders."""
    about = [stretch.summary]  # the name is the entry's title: a result showed it twice
    if stretch.aliases:
        about.append(text("stretch.aliases", names=", ".join(stretch.aliases)))
    # The areas are the tags below: shown on the result once.
    about.append(" · ".join(f"{name}: {value}" for name, value in facts(stretch, ("areas",))))
    steps = _words(_between(page_html, marker("top"), marker("foot")))
    # The areas as the entry's tags, which the theme weighs above any other words: someone
    # typing "lower back" wants the stretches for the lower back first, not every title with
    # "back" in it. The theme shows them on the result, as the index shows them. The areas'
    # other names (someone types "lumbar") weigh as tags but are not shown: the query stemmer
    # adds them to the tags the index holds, not to those a result shows (search-stems.js).
    tags = [_escape(label(area)) for area in stretch.areas]
    page: Entry = {"location": url, "title": _escape(stretch.name),
                   "text": _paragraphs(about), "tags": tags}  # fmt: skip
    # Its own names weigh as its areas do, hidden too (the result shows its title): someone
    # typing "knees to chest" wants that stretch first, not every stretch for the chest.
    names = [_escape(name) for name in (stretch.name, *stretch.aliases)]
    hidden = dict.fromkeys([*names, *_other_names(stretch.areas)])
    page[ALSO_TAGS] = [word for word in hidden if word not in tags]
    entries: list[Entry] = [
        page,
        {"location": f"{url}#{STEPS_ANCHOR}", "title": _escape(text("stretch.how_to")),
         "text": _paragraphs([steps])},
    ]  # fmt: skip
    if stretch.cautions:
        entries.append({"location": f"{url}#{CAUTIONS_ANCHOR}",
                        "title": _escape(text("stretch.take_care")),
                        "text": _paragraphs(list(stretch.cautions))})  # fmt: skip
    return entries


def _other_names(areas: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(_escape(word) for area in areas for word in also_called(area)))


def _escape(words: str) -> str:
    return html.escape(words, quote=False)


def _paragraphs(parts: list[str]) -> str:
    # Spaced as the theme's entries are: the index splits words at spaces, not at tags.
    return str(Markup(" ").join(Markup("<p>{}</p>").format(part) for part in parts if part))


def _between(page_html: str, start: str, end: str) -> str:
    return page_html.partition(start)[2].partition(end)[0]


def _words(fragment: str) -> str:
    """The text of sanitized HTML: tags dropped, entities read, spaces collapsed."""
    return _SPACES.sub(" ", Markup(fragment).striptags()).strip()
