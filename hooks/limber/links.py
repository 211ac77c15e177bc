"""Links and images in stretch bodies that lead nowhere in the site.

MkDocs' strict build refuses a relative link whose target is not a file of the site, in one line
that names the page but not the line, and ``limber check`` did not look: a body linking to
``cat-cows.md``, or showing ``wall.jpg`` (a one-file stretch brings no image: its picture is its
figure), passed the check and failed the build. Here each one is a problem at its line, with
what the link may lead to. A stretch page is ``stretches/<slug>.md`` within the site, so its
links are read from there, as MkDocs reads them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

from limber.model import Stretch
from limber.paths import STRETCHES_DIR
from limber.problems import Problem, did_you_mean

# An inline link or image, ``[text](target "title")`` / ``![alt](<target>)``, and a reference
# definition, ``[name]: target``. Code spans and blocks are not links: they are blanked first.
_INLINE = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_CODE = re.compile(r"^(?:```|~~~).*?^(?:```|~~~)|`[^`\n]*`", re.MULTILINE | re.DOTALL)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def link_problems(root: Path, stretches: Iterable[Stretch], site_files: set[str]) -> list[Problem]:
    """A problem for each relative link or image in a stretch body whose target is not among
    ``site_files`` (paths within the site, as ``stretches/cat-cow.md`` or ``safety.md``)."""
    problems: list[Problem] = []
    pages = sorted(path for path in site_files if path.endswith(".md"))
    for stretch in stretches:
        for offset, is_image, target in _targets(stretch.body):
            path = _resolve(target)
            if path is not None and path in site_files:
                continue
            line = _body_line(root, stretch) + stretch.body.count("\n", 0, offset)
            problems.append(Problem(stretch.path, line, "body", _message(target, is_image, pages)))
    return problems


def _targets(body: str) -> Iterable[tuple[int, bool, str]]:
    """Each relative target of the body: where it is, whether it is an image, and what it is."""
    text = _CODE.sub(lambda code: re.sub(r"[^\n]", " ", code.group()), body)
    found = [(m.start(), m.group(1) == "!", m.group(2)) for m in _INLINE.finditer(text)]
    found += [(m.start(), False, m.group(1)) for m in _REFERENCE.finditer(text)]
    for offset, is_image, target in sorted(found):
        if not (_SCHEME.match(target) or target.startswith(("#", "//"))):
            yield offset, is_image, target


def _resolve(target: str) -> str | None:
    """The site path a stretch page's relative link leads to, or None if it leaves the site."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    if path.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(STRETCHES_DIR, path))
    return None if joined.startswith("../") or joined == ".." else joined


def _message(target: str, is_image: bool, pages: list[str]) -> str:
    shown = target if len(target) <= 60 else target[:57] + "..."
    if is_image:
        return (
            f"found an image {shown!r}, which is not in the site; allowed: an image already in "
            "the site, by a relative path (a stretch brings no image of its own: its picture "
            "is its figure)"
        )
    near = [posixpath.relpath(page, STRETCHES_DIR) for page in pages]
    return (
        f"found a link to {shown!r}, which is not a page of the site; allowed: another stretch "
        "as <slug>.md, a page such as ../safety.md, or a full https:// address"
        + did_you_mean(target.split("#", 1)[0], near)
    )


def _body_line(root: Path, stretch: Stretch) -> int:
    """The line of the file on which the body starts (read again: only for a broken link)."""
    try:
        text = (root / stretch.path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 0
    first = stretch.body.split("\n", 1)[0]
    at = text.find(first, text.find("\n---", 3) + 1) if first else -1
    return text.count("\n", 0, at) + 1 if at >= 0 else 0
