"""Doses and durations in plain words, input and expected output side by side."""

from __future__ import annotations

import pytest

from limber.model import Cues, Dose, Span
from limber.wording import dose_text, minutes_text


@pytest.mark.parametrize(
    ("dose", "words"),
    [
        (Dose("hold", Span(15, 30)), "Hold 15–30 s"),
        (Dose("hold", Span(15, 30), sides="both"), "Hold 15–30 s on each side"),
        (Dose("hold", Span(60, 120)), "Hold 1–2 min"),
        (Dose("hold", Span(5, 5), reps=Span(8, 12)), "Hold 5 s, 8–12 times"),
        (Dose("hold", Span(20, 40), Span(2, 3), "both"), "Hold 20–40 s, 2–3 times on each side"),
        (
            Dose("hold", Span(10, 10), Span(5, 10), "alternate"),
            "Hold 10 s on each side, 5–10 times, alternating sides",
        ),
        (Dose("breaths", Span(10, 15), cues=Cues("Cow", "Cat")), "10–15 slow breaths"),
        (Dose("breaths", Span(1, 1)), "1 slow breath"),
        (Dose("breaths", Span(4, 6), sides="both"), "4–6 slow breaths on each side"),
    ],
)
def test_dose_text(dose: Dose, words: str) -> None:
    assert dose_text(dose) == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (Span(437, 627), "about 7–10 minutes"),
        (Span(480, 520), "about 8–9 minutes"),
        (Span(290, 310), "about 5 minutes"),
        (Span(20, 40), "under a minute"),
    ],
)
def test_minutes_text(seconds: Span, words: str) -> None:
    assert minutes_text(seconds) == words
