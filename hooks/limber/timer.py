"""The timer's markup (``templates/timer.html``): a section holding its plan as escaped JSON.

The script (``assets/timer.js``) finds these sections on page load and builds the controls.
"""

from __future__ import annotations

from typing import Any

from limber import timing
from limber.messages import text
from limber.model import Dose, Routine, Stretch
from limber.templating import render


def dose_data(name: str, dose: Dose) -> dict[str, Any]:
    """One stretch's dose as the timer script reads it."""
    data: dict[str, Any] = {
        "name": name,
        "kind": dose.kind,
        "amount": [dose.amount.low, dose.amount.high],
        "reps": [dose.reps.low, dose.reps.high],
        "sides": dose.sides,
    }
    if dose.kind == "breaths":
        data["cues"] = {"inhale": dose.cues.inhale, "exhale": dose.cues.exhale}
    return data


def _section(kind: str, label: str, config: dict[str, Any]) -> str:
    config["settings"] = timing.settings()
    return render("timer.html", kind=kind, label=label, config=config, reserve=_reserve(config))


def _reserve(config: dict[str, Any]) -> str:
    """Classes that tell timer.css how tall the player will be once timer.js has built it: the
    space is kept from the first paint, so nothing below the player moves as the page loads.
    The player grows by a row of length choices when a dose is a range, and by the list of
    stretches in a routine."""
    items = config["items"]
    classes = []
    if any(item["amount"][0] < item["amount"][1] or item["reps"][0] < item["reps"][1]
           for item in items):  # fmt: skip
        classes.append("lt-reserve-choices")
    if len(items) > 1:
        classes.append("lt-reserve-list")
    return " ".join(classes)


def render_stretch_timer(stretch: Stretch) -> str:
    """Markup of the timer for one stretch page."""
    item = {**dose_data(stretch.name, stretch.dose), "slug": stretch.slug}
    config = {"id": stretch.slug, "items": [item], "rest": 0}
    return _section("stretch", text("timer.stretch_label", name=stretch.name), config)


def render_routine_timer(routine: Routine) -> str:
    """Markup of the routine player."""
    config = {
        "id": f"routine:{routine.slug}",
        "title": routine.title,
        "rest": routine.rest,
        "items": [
            {**dose_data(item.stretch.name, item.dose), "slug": item.stretch.slug}
            for item in routine.items
        ],
    }
    return _section("routine", text("timer.routine_label", title=routine.title), config)
