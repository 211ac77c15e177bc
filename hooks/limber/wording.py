"""Doses and durations in plain words: "Hold 15–30 s on each side", "about 8–13 minutes"."""

from __future__ import annotations

import re

from limber.model import Dose, Span


def seconds_text(span: Span) -> str:
    """``15–30 s``, or ``1–2 min`` when both ends are whole minutes."""
    if span.low % 60 == 0 and span.high % 60 == 0:
        return f"{Span(span.low // 60, span.high // 60)} min"
    return f"{span} s"


def dose_text(dose: Dose) -> str:
    """The dose as a reader would say it."""
    if dose.kind == "hold":
        text = f"Hold {seconds_text(dose.amount)}"
    else:
        text = f"{dose.amount} slow breath{'' if dose.amount.high == 1 else 's'}"
    repeated = dose.reps != Span(1, 1)
    times = f", {dose.reps} time{'' if dose.reps.high == 1 else 's'}" if repeated else ""
    if dose.sides == "none":
        return text + times
    if dose.sides == "both":
        return f"{text}{times} on each side" if repeated else f"{text} on each side"
    if repeated:
        return f"{text} on each side{times}, alternating sides"
    return f"{text} on each side, alternating"


def minutes_text(span: Span) -> str:
    """A duration in seconds as "about 8–13 minutes"."""
    low, high = (max(1, round(seconds / 60)) for seconds in (span.low, span.high))
    if span.high < 45:
        return "under a minute"
    if low == high:
        return f"about {low} minute{'' if low == 1 else 's'}"
    return f"about {low}\u2013{high} minutes"


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|\*|`|<[^>]+>)")


def plain(markdown: str) -> str:
    """Markdown text as plain words: links keep their text, emphasis and code marks go."""
    return " ".join(_MARKS.sub("", _LINK.sub(r"\1", markdown)).split())
