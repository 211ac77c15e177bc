"""Links and images in stretch bodies that lead nowhere in the site.

MkDocs' strict build refuses a relative link to a page or image that is not in the site, in one
line that names the page but not the line, and ``limber check`` did not look: a body linking to
``cat-cows.md``, or showing ``wall.jpg`` (a one-file stretch brings no image: its picture is its
figure), passed the check and failed the build. Here each one is a problem at its line, with
what the link may lead to. The body is read by Python-Markdown, as the build reads it (fences,
``<targets with spaces>``, reference links), and a stretch page is ``stretches/<slug>.md`` in
the site, so its links are resolved from there, as MkDocs resolves them. Only what MkDocs checks
the same way is checked: links to pages (``.md``) and images.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from limber import sanitize
from limber.model import Stretch
from limber.paths import STRETCHES_DIR
from limber.problems import Problem, did_you_mean

IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")
_MAY_LINK = ("](", "]:", "<a", "<img", "<A", "<IMG")  # no body without one of these has a link


def link_problems(bodies: Iterable[Body], site_files: Callable[[], set[str]]) -> list[Problem]:
    """A problem for each link to a page, or image, in a stretch body (the original's or a
    translation's) whose target is not among ``site_files()`` (paths within the site, as
    ``stretches/cat-cow.md`` or ``safety.md``; every language's site has the same paths), asked
    for only when a body may link: most have no link at all."""
    linking = [body for body in bodies if _may_link(body.text)]
    if not linking:
        return []
    files = site_files()
    pages = sorted(posixpath.relpath(path, STRETCHES_DIR) for path in files if path.endswith(".md"))
    problems: list[Problem] = []
    for body in linking:
        for is_image, target in _targets(body.text):
            path = _resolve(target)
            if path is None or path in files:
                continue
            line = body.line + _line_of(body.text, target)
            problems.append(Problem(body.path, line, "body", _message(target, is_image, pages)))
    return problems


@dataclass(frozen=True)
class Body:
    """A stretch page's body as a file holds it: the file, the line its body starts on, and
    its text."""

    path: str
    line: int
    text: str

    @classmethod
    def of(cls, stretch: Stretch) -> Body:
        return cls(stretch.path, stretch.body_line, stretch.body)


class _Targets(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[bool, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        value = dict(attrs).get(wanted) if wanted else None
        if value:
            self.found.append((tag == "img", value))


def _targets(body: str) -> Iterator[tuple[bool, str]]:
    """Each link and image of the body as Markdown renders it: whether it is an image, and its
    target as written (relative ones only: the others lead outside, or are MkDocs' to judge)."""
    parser = _Targets()
    parser.feed(sanitize.render(body))
    parser.close()
    for is_image, target in parser.found:
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            continue
        if parts.path.lower().endswith(IMAGES if is_image else (".md",)):
            yield is_image, target


def _may_link(body: str) -> bool:
    return any(sign in body for sign in _MAY_LINK)


def _resolve(target: str) -> str | None:
    """The site path a stretch page's relative link leads to; None when it leaves the site (a
    link MkDocs reports its own way)."""
    joined = posixpath.normpath(posixpath.join(STRETCHES_DIR, unquote(urlsplit(target).path)))
    return None if joined == ".." or joined.startswith("../") else joined


def _line_of(body: str, target: str) -> int:
    """The line of the body holding the target, as written or as Markdown escaped it."""
    forms = {target, unquote(target), target.split("#", 1)[0], unquote(target.split("#", 1)[0])}
    for number, line in enumerate(body.splitlines()):
        if any(form and form in line for form in forms):
            return number
    return 0


def _message(target: str, is_image: bool, pages: list[str]) -> str:
    shown = target if len(target) <= 60 else target[:57] + "..."
    if is_image:
        return (
            f"found an image {shown!r}, which is not in the site; allowed: an image already in "
            "the site, by a relative path (a stretch brings no image of its own: its picture "
            "is its figure)"
        )
    return (
        f"found a link to {shown!r}, which is not a page of the site; allowed: another stretch "
        "as <slug>.md, a page such as ../safety.md, or a full https:// address"
        + did_you_mean(urlsplit(target).path, pages)
    )
