"""A cue sheet mixed into one mono track, and the track written as MP3 (libsndfile's LAME).

Each distinct phrase is spoken once and reused; tones are drawn like the player's beeps (880 Hz
high, 660 Hz low, a fast rise and an exponential fade), so the track sounds like the timer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import soundfile

from limber import cache as seals
from limber.audio import build
from limber.audio.cues import Cue
from limber.audio.speech import Samples

TONES = {"high": (880.0, 0.45), "low": (660.0, 0.18)}  # Hz, seconds: as timer.js beeps
TONE_LEVEL = 0.45
SPEECH_LEVEL = 0.9
# Speech and tones, mono at eSpeak's 22,050 Hz: 32 kbit/s keeps the words clear and a ten-minute
# routine near 2.4 MB. Constant bitrate so that a player seeks to the exact second (the player's
# next and previous go to step boundaries); a variable one seeks only roughly.
BITRATE_KBPS = build.BITRATE_KBPS
# libsndfile's compression level 0..1 picks LAME's bitrate; measured at 22,050 Hz mono:
# 0.75 gives 48 kbit/s, 0.8 gives 40, 0.85 gives 32, 0.9 gives 24.
LEVEL = {48: 0.75, 40: 0.8, 32: 0.85, 24: 0.9}[BITRATE_KBPS]


def tone(name: str, rate: int) -> Samples:
    """One tone, ``"high"`` or ``"low"``."""
    frequency, length = TONES[name]
    t = np.arange(int(length * rate), dtype=np.float32) / rate
    rise = np.minimum(1.0, t / 0.02)
    fade = np.exp(-t * np.log(2500.0) / length)  # about -68 dB at the end, as the beep fades
    wave: Samples = (np.sin(2 * np.pi * frequency * t) * rise * fade * TONE_LEVEL).astype(
        np.float32
    )
    return wave


def mix(sheet: Sequence[Cue], speak: Callable[[str], Samples], rate: int, length: float) -> Samples:
    """The cue sheet as one track of at least ``length`` seconds; each phrase spoken once."""
    clips: dict[str, Samples] = {}
    for cue in sheet:
        if cue.say and cue.say not in clips:
            clip = speak(cue.say)
            peak = float(np.abs(clip).max()) if clip.size else 0.0
            clips[cue.say] = clip * (SPEECH_LEVEL / peak) if peak else clip
        if cue.tone and cue.tone not in clips:
            clips[cue.tone] = tone(cue.tone, rate)
    placed = [(round(cue.at * rate), clips[cue.say or cue.tone]) for cue in sheet]
    end = max([round(length * rate)] + [at + len(clip) for at, clip in placed])
    track = np.zeros(end, dtype=np.float32)
    for at, clip in placed:
        track[at : at + len(clip)] += clip
    np.clip(track, -1.0, 1.0, out=track)
    return track


def write_mp3(track: Samples, rate: int, target: Path) -> None:
    """``track`` as a constant-bitrate mono MP3, written whole or not at all."""
    partial = seals.partial(target)
    soundfile.write(
        partial, track, rate, format="MP3", subtype="MPEG_LAYER_III",
        bitrate_mode="CONSTANT", compression_level=LEVEL,
    )  # fmt: skip
    partial.replace(target)
