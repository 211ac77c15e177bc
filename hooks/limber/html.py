"""Escaping front-matter text for HTML, for JSON inside a page, and for YAML page headers."""

from __future__ import annotations

import html
import json
import re
from typing import Any

_INDENTATION = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")  # a line break, indentation, blank lines


def text(value: str) -> str:
    """Front-matter text as HTML text or attribute value: never markup."""
    return html.escape(value, quote=True)


def json_script(value: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</script>``, no ``<!--``."""
    encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def front_matter(settings: str = "", **fields: str) -> str:
    """A YAML header for a generated page; values are escaped, since themes print titles raw.
    ``settings`` is YAML of our own (no user text), such as ``hide: [toc]``."""
    lines = [f"{key}: {json.dumps(text(value))}" for key, value in fields.items() if value]
    if settings:
        lines.append(settings.strip())
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def compact(page: str) -> str:
    """A page without the theme's indentation and blank lines: a sixth of a stretch page, 3 MB
    of a 1,000-stretch library's offline precache. Whitespace in ``<pre>`` and ``<textarea>`` is
    content, so a page holding either is left as it is."""
    if "<pre" in page or "<textarea" in page:
        return page
    return _INDENTATION.sub("\n", page)
