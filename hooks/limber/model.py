"""The content model: frozen dataclasses built by ``limber.loading`` from validated front-matter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from limber import timing
from limber.figures.model import Figure

DoseKind = Literal["hold", "breaths"]
Sides = Literal["none", "both", "alternate"]

_ORDERED_ITEM = re.compile(r"^\s{0,3}\d+[.)]\s+(.*)$")
_CONTINUATION = re.compile(r"^\s{2,}\S")


@dataclass(frozen=True)
class Span:
    """A whole-number range ``low..high``; a plain number is ``Span(n, n)``."""

    low: int
    high: int

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}\u2013{self.high}"

    def __add__(self, other: Span) -> Span:
        return Span(self.low + other.low, self.high + other.high)

    @property
    def is_single(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True)
class Cues:
    """What the body does on each breath phase, for a breathed stretch."""

    inhale: str = ""
    exhale: str = ""


@dataclass(frozen=True)
class Dose:
    """How much of a stretch to do: a hold in seconds or a count of breaths, repeated and sided."""

    kind: DoseKind
    amount: Span
    reps: Span = Span(1, 1)
    sides: Sides = "none"
    cues: Cues = field(default_factory=Cues)

    @property
    def seconds(self) -> Span:
        """Time the dose takes with the timer, from the low ends to the high ends."""
        return Span(
            timing.dose_seconds(self.kind, self.amount.low, self.reps.low, self.sides),
            timing.dose_seconds(self.kind, self.amount.high, self.reps.high, self.sides),
        )

    def overridden(self, amount: Span | None = None, reps: Span | None = None) -> Dose:
        """This dose with a routine's overrides applied."""
        return replace(self, amount=amount or self.amount, reps=reps or self.reps)


@dataclass(frozen=True)
class Stretch:
    """One stretch, from ``stretches/<slug>.md``."""

    slug: str
    name: str
    summary: str
    areas: tuple[str, ...]
    position: str
    dose: Dose
    body: str
    path: str
    equipment: tuple[str, ...] = ()
    level: str = "beginner"
    muscles: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    author: str = ""
    source: str = ""
    license: str = ""
    figure: Figure | None = None
    aliases: tuple[str, ...] = ()
    body_line: int = 0  # the line of its file on which the body starts, for messages

    @property
    def steps(self) -> tuple[str, ...]:
        """The items of the body's first ordered list, as Markdown text, one line each."""
        steps: list[str] = []
        for line in self.body.splitlines():
            item = _ORDERED_ITEM.match(line)
            if item:
                steps.append(item.group(1).strip())
            elif steps and _CONTINUATION.match(line):
                steps[-1] += " " + line.strip()
            elif steps and line.strip():
                break
        return tuple(steps)


@dataclass(frozen=True)
class RoutineItem:
    """A stretch in a routine, with the dose the routine asks for."""

    stretch: Stretch
    dose: Dose


@dataclass(frozen=True)
class Routine:
    """A sequence of stretches, from ``docs/routines/<slug>.md``."""

    slug: str
    title: str
    summary: str
    items: tuple[RoutineItem, ...]
    path: str
    rest: int = timing.DEFAULT_REST

    @property
    def seconds(self) -> Span:
        """Time the whole routine takes with the player, rests and side switches included."""
        total = Span(timing.GET_READY, timing.GET_READY)
        for item in self.items:
            total = total + item.dose.seconds
        gaps = self.rest * max(len(self.items) - 1, 0)
        return total + Span(gaps, gaps)

    @property
    def shortest_plan(self) -> tuple[timing.Step, ...]:
        """The player's steps at the shortest length and the default breath pace."""
        items = [
            timing.PlanItem(
                item.stretch.name,
                item.dose.kind,
                item.dose.amount.low,
                item.dose.reps.low,
                item.dose.sides,
            )
            for item in self.items
        ]
        return timing.build_plan(items, self.rest)
