"""The authored part of a generated page: sanitized on its own, between two placeholders."""

from __future__ import annotations

from markupsafe import Markup

from limber import sanitize
from limber.templating import marker, render


class BodyError(ValueError):
    """A body whose rendered HTML swallowed Limber's placeholders (an unclosed construct)."""


def clean_body(html_text: str, wrapper: str = "", lang: str = "") -> str:
    """The page with the authored body (between the ``body`` and ``end`` placeholders)
    sanitized, on its own: what a body holds can neither run nor reach the blocks around it
    (an unclosed tag is closed inside the body). ``wrapper`` is a class for a ``div`` around it;
    ``lang`` its language, when it is not the page's (an English text on a Spanish page).
    """
    start, end = marker("body"), marker("end")
    counts = html_text.count(start), html_text.count(end)
    if counts != (1, 1) or html_text.index(start) > html_text.index(end):
        raise BodyError("its HTML hid Limber's page structure (an unclosed HTML tag or comment?)")
    before, rest = html_text.split(start)
    body, after = rest.split(end)
    cleaned = sanitize.clean(body)
    if (wrapper or lang) and cleaned.strip():
        cleaned = render("body_wrapper.html", wrapper=wrapper, lang=lang, body=Markup(cleaned))
        cleaned = cleaned.rstrip("\n")
    return before + cleaned + after
