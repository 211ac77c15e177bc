"""Limber's own Jinja environment: every generated page's markup comes from ``templates/``.

Autoescape is on for every template, so front-matter text is escaped wherever it is printed;
nothing is marked safe but markup Limber made itself (markers, JSON, SVG). Words come from the
message catalogue through ``t("key", count, name=value)``. Undefined names fail loudly instead of
printing nothing.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
from markupsafe import Markup

from limber import html, messages
from limber.vocabulary import label
from limber.wording import dose_text, minutes_text

Link = Callable[[str], str]
_URL = re.compile(r"^https?://\S+$")


# Placeholders carry a secret of this process, so a body cannot forge one (a body's comments are
# removed by the sanitizer anyway): no authored text decides where Limber's blocks go.
_NONCE = secrets.token_hex(12)
_MARKER = "<!--limber:{}:{}-->"


def secret() -> str:
    """This process's placeholder secret (``limber.memo`` keeps pieces without it)."""
    return _NONCE


def marker(name: str) -> Markup:
    """A placeholder left in the Markdown for a block of HTML filled in after rendering."""
    return _marker(name, _NONCE)


def without_markers(text: str) -> str:
    """``text`` with this process's placeholders taken out."""
    return _any_marker(_NONCE).sub("", text)


@functools.cache  # the same few names on every page: each made once
def _marker(name: str, nonce: str) -> Markup:
    return Markup(_MARKER).format(name, nonce)


@functools.cache
def _any_marker(nonce: str) -> re.Pattern[str]:
    return re.compile(_MARKER.format("[a-z_]+", re.escape(nonce)))


def fill(html_text: str, blocks: Mapping[str, str]) -> str:
    """Put each generated HTML block where its marker is."""
    for name, block in blocks.items():
        html_text = html_text.replace(marker(name), block, 1)
    return html_text


def _front_matter(settings: str = "", **fields: str) -> Markup:
    # YAML of escaped values (themes print titles raw); see html.front_matter. Words from ``t``
    # are escaped already: back to text, to be escaped once.
    plain = {key: str(value.unescape() if isinstance(value, Markup) else value)
             for key, value in fields.items()}  # fmt: skip
    return Markup(html.front_matter(settings, **plain))


def _t(key: str, count: int | None = None, **values: Any) -> Markup:
    # The catalogue's words are text: escaped, with values escaped unless they are markup.
    if count is not None:
        values["count"] = count
    return Markup.escape(messages.current().pattern(key, count)).format(**values)


def _coordinate(value: float) -> str:
    # A tenth of a pixel, without a trailing ".0": figures are most of a stretch page's markup.
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _json_script(value: Any) -> Markup:
    return Markup(html.json_script(value))


ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("limber", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
ENVIRONMENT.globals.update(marker=marker, front_matter=_front_matter, t=_t)
ENVIRONMENT.filters.update(
    label=label,
    dose_text=dose_text,
    minutes_text=minutes_text,
    json_script=_json_script,
    coordinate=_coordinate,
)
ENVIRONMENT.tests["url"] = lambda value: bool(_URL.match(str(value)))


def render(template: str, **context: Any) -> str:
    """The text of one template with ``context``."""
    return ENVIRONMENT.get_template(template).render(**context)
