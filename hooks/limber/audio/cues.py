"""A routine's plan as a cue sheet: which tone or words are heard at which second.

The sheet is a pure function of the plan and the routine's names, so it can be hashed for the
cache without speaking a word. It follows the player (``assets/timer.js``): a low tone when the
routine starts and on each of the last three seconds of a step longer than three seconds, a high
tone on every step boundary, then the words for the new step; "Inhale" and "Exhale" on the breath
pace. The words are the catalogue's (``voice.*`` in ``messages/en.yml``), in the site's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from limber import timing
from limber.messages import text
from limber.model import Routine

AFTER_TONE = 0.45  # words start when the boundary tone has faded
AFTER_START = 0.25  # after the short tone that opens the routine
SECONDS_PER_CHAR = 0.075  # eSpeak at 160 words a minute, measured; only to judge what fits
COUNTDOWN = 3  # low tones on the last three seconds of a step, as the player beeps


@dataclass(frozen=True)
class Cue:
    """A tone (``"high"`` or ``"low"``) or words (``say``), starting ``at`` seconds in."""

    at: float
    tone: str = ""
    say: str = ""


def _fits(text: str, seconds: float) -> bool:
    return len(text) * SECONDS_PER_CHAR <= seconds - 0.5


def _side_first(steps: Sequence[timing.Step], index: int) -> str:
    """ " Left side first." when the stretch starting after step ``index`` is sided."""
    for step in steps[index + 1 :]:
        if step.type == "work":
            return " " + text(f"voice.{step.side.lower()}_first") if step.side else ""
    return ""


def _work_words(routine: Routine, steps: Sequence[timing.Step], index: int) -> str:
    step = steps[index]
    name = text("voice.name", name=routine.items[step.item].stretch.name)
    first = index == 0 or steps[index - 1].type in ("ready", "rest")
    side = text(f"voice.{step.side.lower()}") if step.side else ""
    count = (
        text("voice.rep", rep=step.rep, reps=step.reps) if step.reps > 1 and step.rep > 1 else ""
    )
    if step.kind == "breaths":
        return " ".join(part for part in (side if first or step.side else "", count) if part)
    if first:
        return " ".join(part for part in (name, side) if part)
    new_rep = step.side in ("", "Left")
    return " ".join(part for part in (side, count if new_rep else "") if part) or text("voice.hold")


def _words(routine: Routine, steps: Sequence[timing.Step], index: int) -> str:
    step = steps[index]
    if step.type in ("ready", "rest"):  # "Get ready. Cat-cow." "Rest. Next: Cat-cow."
        name = text("voice.name", name=routine.items[step.item].stretch.name)
        return f"{text(f'voice.{step.type}')} {name}{_side_first(steps, index)}"
    if step.type == "switch":
        return text("voice.switch")
    if step.type == "gap":
        return text("voice.relax")
    if step.type == "done":
        return text("voice.done")  # short: the track ends within a second of the plan
    return _work_words(routine, steps, index)


def _phase_words(phase: str, cue: str, seconds: float, first: bool) -> str:
    """ "Inhale." with the stretch's cue when it fits in the phase: the whole cue on the first
    breath, then its short name (the part before a colon, "Cow: ..." gives "Cow")."""
    word = text(f"voice.{phase}")
    label = cue.split(":", 1)[0].strip() if ":" in cue else ""
    for said in ([cue] if first else []) + ([label] if label else []):
        if said and _fits(words := f"{word} {text('voice.cue', cue=said)}", seconds):
            return words
    return word


def _breath_cues(routine: Routine, step: timing.Step, start: float, lead: str) -> list[Cue]:
    """ "Inhale" and "Exhale" at each phase of a breathed step, with the stretch's cues."""
    cues = routine.items[step.item].stretch.dose.cues
    inhale, exhale = timing.INHALE, timing.EXHALE
    sheet = []
    for breath in range(step.breaths):
        at = start + breath * (inhale + exhale)
        first = breath == 0
        room = inhale - (AFTER_TONE if first else 0.0) - len(lead) * SECONDS_PER_CHAR
        say_in = _phase_words("inhale", cues.inhale, room, first)
        say_out = _phase_words("exhale", cues.exhale, exhale, first)
        sheet.append(Cue(at + (AFTER_TONE if first else 0.0), say=f"{lead} {say_in}".strip()))
        sheet.append(Cue(at + inhale, say=say_out))
        lead = ""
    return sheet


def cue_sheet(routine: Routine) -> tuple[Cue, ...]:
    """Every cue of the routine's audio, in time order, from its shortest plan."""
    steps = routine.shortest_plan
    starts = timing.step_starts(steps)
    sheet = [Cue(0.0, tone="low")]
    for index, (step, start) in enumerate(zip(steps, starts, strict=True)):
        if index > 0:
            sheet.append(Cue(float(start), tone="high"))
        words = _words(routine, steps, index)
        delay = AFTER_START if step.type in ("ready", "done") else AFTER_TONE
        if step.type == "work" and step.kind == "breaths":
            sheet += _breath_cues(routine, step, float(start), words)
        elif words:
            sheet.append(Cue(start + delay, say=words))
        if step.duration > COUNTDOWN:
            end = start + step.duration
            sheet += [Cue(float(end - left), tone="low") for left in range(COUNTDOWN, 0, -1)]
    return tuple(sorted(sheet, key=lambda cue: cue.at))
