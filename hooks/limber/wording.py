"""Doses and durations in plain words: "Hold 15–30 s on each side", "about 8–13 minutes".

The words are the catalogue's (``messages/en.yml``: ``dose``, ``duration``); this module only
chooses which sentence fits.
"""

from __future__ import annotations

import re

from limber.messages import text
from limber.model import Dose, Span


def seconds_text(span: Span) -> str:
    """``15–30 s``, or ``1–2 min`` when both ends are whole minutes."""
    if span.low % 60 == 0 and span.high % 60 == 0:
        return text("dose.minutes", span=Span(span.low // 60, span.high // 60))
    return text("dose.seconds", span=span)


def dose_text(dose: Dose) -> str:
    """The dose as a reader would say it."""
    if dose.kind == "hold":
        amount = text("dose.hold", time=seconds_text(dose.amount))
    else:
        amount = text("dose.breaths", count=dose.amount.high, amount=dose.amount)
    repeated = dose.reps != Span(1, 1)
    times = text("dose.times", count=dose.reps.high, reps=dose.reps) if repeated else ""
    sides = "alternate_repeated" if dose.sides == "alternate" and repeated else dose.sides
    return text(f"dose.sides_{sides}", dose=amount, times=times)


def minutes_text(span: Span) -> str:
    """A duration in seconds as "about 8–13 minutes"."""
    low, high = (max(1, round(seconds / 60)) for seconds in (span.low, span.high))
    if span.high < 45:
        return text("duration.under_a_minute")
    if low == high:
        return text("duration.about", count=low, minutes=low)
    return text("duration.about_range", low=low, high=high)


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|\*|`|<[^>]+>)")


def plain(markdown: str) -> str:
    """Markdown text as plain words: links keep their text, emphasis and code marks go."""
    return " ".join(_MARKS.sub("", _LINK.sub(r"\1", markdown)).split())
