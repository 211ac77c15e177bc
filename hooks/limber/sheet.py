"""The printed routine sheet's line per stretch: a small picture, the name, the dose and a cue.

One place for authored routines (``limber.pages``) and built ones (``limber.builder``, whose
script draws the same markup), so both print as the same sheet. The sheet hangs on a wall: its
cue is whole sentences (the first step in full, and the next ones while they fit), never text
cut mid-sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from markupsafe import Markup

from limber.figures.svg import render_svg
from limber.model import Dose, Stretch
from limber.templating import render
from limber.wording import plain

CUE_LIMIT = 170  # characters; the first step is always shown in full, however long
# A sheet with room for most of each stretch's steps prints them (its list is ``limber-few``,
# limber.css; the builder's script marks its sheet so, from the page data's ``sheet``): room is
# PAGE_CHARACTERS, a row costing ROW_CHARACTERS (its picture and name) besides its text. Measured
# on A4 and Letter in Chromium: the six stretches with the most steps (3,054 characters) fit;
# seven stretches of 2,443 fit, and seven of 2,939 spill onto a second Letter page.
MORE_LIMIT = 520
ROW_CHARACTERS = 400
PAGE_CHARACTERS = 5460
# A sheet with room to spare prints its list in larger type, pictures with it, to read from
# across a room: the largest of these sizes at which its characters, grown with the square of
# the size, stay within PAGE_CHARACTERS. Measured on A4 and Letter in Chromium, at 12, 14 and
# 16 pt, the longest and the shortest stretches: every sheet within it fit one page; the
# closest spilled at 1.2 times it.
BASE_POINTS = 10
LARGER_POINTS = (16, 14, 12)


class SheetSteps(NamedTuple):
    """A stretch's steps as a sheet prints them, from one pass over its steps."""

    cue: str  # whole steps, plain text: the first in full, then each next one while it fits
    more: str  # the next whole steps while they fit in MORE_LIMIT with the cue ("" if none)
    whole: bool  # whether the cue and more are all of its steps


def sheet_steps(stretch: Stretch) -> SheetSteps:
    """The cue (within ``CUE_LIMIT``) and the steps after it (within ``MORE_LIMIT``), and
    whether they are all of its steps."""
    steps = [_sentence(plain(step)) for step in stretch.steps]
    if not steps:
        return SheetSteps(stretch.summary, "", False)
    cue, length = steps[:1], len(steps[0])
    more: list[str] = []
    for step in steps[1:]:
        length += 1 + len(step)
        if length > MORE_LIMIT:
            return SheetSteps(" ".join(cue), " ".join(more), False)
        (more if more or length > CUE_LIMIT else cue).append(step)
    return SheetSteps(" ".join(cue), " ".join(more), True)


class SheetRoom(NamedTuple):
    """What a sheet's page has room for, from one pass over its stretches' steps."""

    more: bool  # each stretch's next steps, after its cue
    points: int  # the list's type size: BASE_POINTS, or larger for a sheet of a few


def sheet_room(stretches: Sequence[Stretch]) -> SheetRoom:
    """Room on one page for the stretches' next steps (a physiotherapist's three always, a
    routine of seven short ones too, eight long ones not) and the list's type size (a sheet of
    two or three reads from across the room; a routine of twelve keeps ``BASE_POINTS``)."""
    cues = mores = 0
    for steps in map(sheet_steps, stretches):
        cues += len(steps.cue) + 1
        mores += len(steps.more)
    characters = len(stretches) * ROW_CHARACTERS + cues  # of the page, at BASE_POINTS
    more = characters + mores <= PAGE_CHARACTERS
    characters += mores if more else 0
    for points in LARGER_POINTS:  # whole numbers, so the script's sums come out the same
        if characters * points * points <= PAGE_CHARACTERS * BASE_POINTS * BASE_POINTS:
            return SheetRoom(more, points)
    return SheetRoom(more, BASE_POINTS)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", ":")) else text + "."


def thumbnail(stretch: Stretch) -> Markup:
    """The stretch's figure, small and decorative (its name stands beside it), not animated by
    the player, every pose kept: the routine page's follow-along view shows it large, moving."""
    return Markup(render_svg(stretch.figure, stretch.name, stretch.areas, thumbnail=True).strip())


def render_sheet_row(stretch: Stretch, dose: Dose, href: str, *, more: bool = False) -> str:
    """One stretch of the sheet (``templates/sheet_row.html``): tick box, picture, linked name,
    dose, cue; with ``more`` (a sheet with room, ``sheet_room``), its next steps, printed."""
    steps = sheet_steps(stretch)
    return render(
        "sheet_row.html",
        stretch=stretch,
        dose=dose,
        href=href,
        thumbnail=thumbnail(stretch),
        cue=steps.cue,
        more=steps.more if more else "",
    ).rstrip("\n")
