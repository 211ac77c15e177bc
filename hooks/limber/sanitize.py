"""The HTML a contributed body may produce: one allowlist, applied by nh3 and explained by an audit.

A stretch or routine body is Markdown from a pull request. Rendered, it passes through nh3 (the
Python binding of the Ammonia sanitizer) with the allowlist below, which fits stretch text: lists,
emphasis, headings (with their ids, for permalinks), tables, admonitions and details, links to
http(s), relative or ``#`` addresses, and images from the site itself. Nothing else survives: no
script, no event handler, no ``style`` but a table column's alignment, no frame or form, no class
that could hide the safety note.

nh3 does not say what it removed, so ``audit`` walks the same rendered HTML with the same allowlist
and names each thing that would go: ``limber check`` fails on them and the build warns (the site's
strict mode turns that into a failed build), so a contributor learns instead of losing text
silently. The sanitizer still runs on every body: the audit explains, nh3 enforces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import markdown
import nh3

# The Markdown extensions the build renders a body with, so that the audit renders it the same way:
# the three MkDocs always adds (toc, tables, fenced code), then those of mkdocs.yml.
EXTENSIONS = ("toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html")
EXTENSION_CONFIGS = {"toc": {"permalink": True}}

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TAGS = frozenset(
    {
        *HEADINGS, "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "kbd", "sub", "sup",
        "mark", "small", "del", "ins", "s", "abbr", "blockquote", "ul", "ol", "li", "dl", "dt",
        "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "a", "img",
        "figure", "figcaption", "details", "summary", "div", "span",
    }
)  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "th": {"colspan", "rowspan", "scope", "style"},  # style: a Markdown table's alignment only
    "td": {"colspan", "rowspan", "style"},
    **{heading: {"id"} for heading in HEADINGS},
}
# Admonition kinds of Python-Markdown and Material; no layout class ("inline", "md-...", "limber-")
# that could float a box over, or hide, Limber's own blocks.
ADMONITIONS = frozenset(
    {
        "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
        "success", "check", "done", "question", "help", "faq", "warning", "caution", "attention",
        "failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
    }
)  # fmt: skip
CLASSES = {
    "div": {"admonition", *ADMONITIONS},
    "details": set(ADMONITIONS),
    "p": {"admonition-title"},
    "a": {"headerlink"},
}
# Dropped with everything inside them, not just their tags.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "noscript", "textarea", "iframe", "object", "svg", "math"}
)
URL_SCHEMES = frozenset({"http", "https"})
_ID = re.compile(r"^(?!__)[a-z0-9_-]{1,80}$")  # not Material's own "__drawer", "__search"...
# The one style a body keeps: a table column's alignment, as Markdown's tables write it.
_ALIGN = re.compile(r"^text-align:\s*(?:left|right|center)\s*;?$")
# The class fenced code gives a block with a language (```yaml): removed, but not worth a word,
# as the site colours no code: nothing a reader would see is lost.
_CODE_LANGUAGE = re.compile(r"^language-[\w+#.-]{1,40}$")
# Without one of these, Markdown can only make plain tags from its own syntax (lists, emphasis,
# headings, code), all allowed: such a body need not be rendered twice to be audited.
_MAY_NEED_AUDIT = re.compile(r"[<{\[&]|!!!")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")


def _scheme(url: str) -> str | None:
    match = _SCHEME.match(_URL_NOISE.sub("", url))
    return match.group(1).lower() if match else None


def _keeps(tag: str, attribute: str, value: str) -> bool:
    """The allowlist's rules on attribute values that a list of names cannot say."""
    if attribute == "id":
        return bool(_ID.match(value))
    if attribute == "style":
        return bool(_ALIGN.match(value.strip()))
    if attribute == "src":  # images only from the site: no scheme, no other host
        return _scheme(value) is None and not value.lstrip().startswith(("//", "\\"))
    if attribute == "href":
        scheme = _scheme(value)
        return scheme is None or scheme in URL_SCHEMES
    return True


def _filter(tag: str, attribute: str, value: str) -> str | None:
    return value if _keeps(tag, attribute, value) else None


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
    attribute_filter=_filter,
    url_schemes=set(URL_SCHEMES),
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def clean(html: str) -> str:
    """A rendered body with everything outside the allowlist removed."""
    return _CLEANER.clean(html)


_MARKDOWN: markdown.Markdown | None = None


def render(body: str) -> str:
    """A body rendered to HTML as the build renders it (links are not rewritten here). One
    Markdown instance is reused: making one with its extensions costs more than a body does."""
    global _MARKDOWN
    if _MARKDOWN is None:
        _MARKDOWN = markdown.Markdown(
            extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS
        )
    rendered: str = _MARKDOWN.reset().convert(body)
    return rendered


class _Audit(HTMLParser):
    """Each thing in the HTML that ``clean`` would remove, in words, with a search hint."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (message, text to look for in the source)
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            return
        if tag in DROPPED_WITH_CONTENT:
            self.dropping += 1
            self.found.append(
                (f"found <{tag}>, which would be removed with its content", f"<{tag}")
            )
            return
        if tag not in TAGS:
            self.found.append(
                (f"found <{tag}>, which would be removed (its text stays)", f"<{tag}")
            )
            return
        for name, value in attrs:
            self._attribute(tag, name, value or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in DROPPED_WITH_CONTENT:
            self.dropping -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_WITH_CONTENT and self.dropping:
            self.dropping -= 1

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name == "class":
            allowed = CLASSES.get(tag, set())
            for word in value.split():
                if word not in allowed and not (tag == "code" and _CODE_LANGUAGE.match(word)):
                    where = f"the class {word!r} on <{tag}>"
                    self.found.append((f"found {where}, which would be removed", word))
            return
        if name not in ATTRIBUTES.get(tag, set()):
            hint = " (event handlers never run)" if name.startswith("on") else ""
            where = f"the attribute {name} on <{tag}>{hint}"
            self.found.append((f"found {where}, which would be removed", name))
        elif not _keeps(tag, name, value):
            shown = value if len(value) <= 40 else value[:37] + "..."
            if name == "src":
                what = f"an image from {shown!r}", "images from the site (a relative path)"
            elif name == "href":
                what = f"a link to {shown!r}", "http(s), relative or #anchor links"
            elif name == "style":
                what = f"the style {shown!r} on <{tag}>", "a table column's alignment alone"
            else:
                what = f"the id {shown!r}", "ids of lowercase letters, digits, - and _ (not __)"
            message = f"found {what[0]}, which would be removed; allowed: {what[1]}"
            self.found.append((message, value[:20] or name))


ALLOWED = "allowed: Markdown, and HTML from the list in docs/security.md"


def audit(body: str) -> Iterator[tuple[int, str]]:
    """(line within ``body``, message) for each thing the sanitizer would remove from it."""
    if not _MAY_NEED_AUDIT.search(body):
        return
    parser = _Audit()
    parser.feed(render(body))
    parser.close()
    lines = body.splitlines()
    seen: set[str] = set()
    for message, needle in parser.found:
        if message in seen:
            continue
        seen.add(message)
        index = next((n for n, line in enumerate(lines) if needle.lower() in line.lower()), 0)
        if "; allowed:" not in message:
            message += f"; {ALLOWED}"
        yield index, message


ALLOWLIST_MARKER = "<!-- limber:allowed-html -->"


def render_allowlist() -> str:
    """The allowlist as a Markdown table, for docs/security.md (filled in at build time)."""

    def words(items: object) -> str:
        return ", ".join(f"`{item}`" for item in sorted(items))  # type: ignore[call-overload]

    rows = [
        ("Tags", words(TAGS)),
        ("Removed with their content", words(DROPPED_WITH_CONTENT)),
        *(
            (f"Attributes of `<{tag}>`", words(names))
            for tag, names in sorted(ATTRIBUTES.items())
            if tag not in HEADINGS
        ),
        ("Attributes of headings", "`id` (lowercase letters, digits, `-` and `_`)"),
        ("Styles", "`text-align` (left, right, center) on `<th>` and `<td>`"),
        *((f"Classes of `<{tag}>`", words(names)) for tag, names in sorted(CLASSES.items())),
        ("Link addresses", "`http:`, `https:`, relative paths and `#anchors`"),
        ("Image addresses", "relative paths only: images from the site itself"),
    ]
    lines = ["| What | Allowed |", "| --- | --- |"]
    lines += [f"| {what} | {allowed} |" for what, allowed in rows]
    return "\n".join(lines)
