"""Escaping front-matter text for HTML, for JSON inside a page, and for YAML page headers."""

from __future__ import annotations

import html
import json
from typing import Any


def text(value: str) -> str:
    """Front-matter text as HTML text or attribute value: never markup."""
    return html.escape(value, quote=True)


def json_script(value: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</script>``, no ``<!--``."""
    encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def front_matter(**fields: str) -> str:
    """A YAML header for a generated page; values are escaped, since themes print titles raw."""
    lines = [f"{key}: {json.dumps(text(value))}" for key, value in fields.items() if value]
    return "---\n" + "\n".join(lines) + "\n---\n\n"
