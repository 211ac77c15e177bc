"""The clip set: short spoken MP3s from which the browser assembles a builder routine's track.

A routine made in the builder exists only in the browser, so its track cannot be rendered at
build time. The build speaks what such a track needs, once: every stretch's name and the cue
words (the catalogue's ``voice.*``). ``assets/audio.js`` loads the set (a script, so it works
from ``file://`` too), lays the clips and its own tones on the builder's plan, and plays the
result like a routine's MP3.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from collections.abc import Iterable
from pathlib import Path

from limber import cache as seals
from limber import messages
from limber.messages import text
from limber.model import Stretch

CLIPS_SCRIPT = "assets/limber/audio-clips.js"
# The clip keys audio.js asks for ("w:left"), and the catalogue's words for each (voice.*).
WORDS = {
    "ready": "voice.ready",
    "rest": "voice.rest",
    "left": "voice.left",
    "right": "voice.right",
    "leftFirst": "voice.left_first",
    "switch": "voice.switch",
    "relax": "voice.relax",
    "hold": "voice.hold",
    "inhale": "voice.inhale",
    "exhale": "voice.exhale",
    "done": "voice.done",
}


def clip_texts(stretches: Iterable[Stretch]) -> dict[str, dict[str, str]]:
    """What the set speaks: the cue words by key, and every stretch's name by name."""
    words = {clip: text(key) for clip, key in WORDS.items()}
    return {"words": words, "names": {s.name: text("voice.name", name=s.name) for s in stretches}}


def clips_key(texts: dict[str, dict[str, str]], voice: str, code: str) -> str:
    """A hash of everything the set is made from."""
    inputs = json.dumps({"texts": texts, "voice": voice, "code": code}, sort_keys=True)
    return hashlib.sha256(inputs.encode()).hexdigest()[:24]


def write_clips(texts: dict[str, dict[str, str]], target: Path) -> None:
    """Speak every clip, encode each as a small MP3, and write them as one script."""
    import soundfile

    from limber.audio import speech, track

    voice = speech.load_voice(messages.current().language)

    def mp3(text: str) -> str:
        buffer = io.BytesIO()
        samples = voice.say(text)
        soundfile.write(
            buffer, samples, voice.sample_rate, format="MP3", bitrate_mode="CONSTANT",
            compression_level=track.LEVEL,
        )  # fmt: skip
        return base64.b64encode(buffer.getvalue()).decode("ascii")

    data = {
        "rate": voice.sample_rate,
        "words": {key: mp3(text) for key, text in texts["words"].items()},
        "names": {name: mp3(text) for name, text in texts["names"].items()},
    }
    script = (
        "/* Limber's spoken clips for builder routines, written by the build (see "
        "limber/audio/clips.py). */\nwindow.LimberAudioClips = "
        + json.dumps(data, separators=(",", ":")).replace("<", "\\u003c")
        + ";\n"
    )
    partial = seals.partial(target)
    partial.write_text(script, encoding="utf-8")
    partial.replace(target)
