"""Every routine's MP3, cached by content: a warm build speaks and encodes nothing.

A track is named by a hash of its cue sheet (the plan, the words, the times), the voice, the
encoder settings and this package's code; only the missing ones are rendered, two or more at
once on every core. Where eSpeak NG or MP3 writing cannot be had, ``build_routine_audio`` says
why and returns no files, and the rest of the site builds as before.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from limber import cache as seals
from limber import messages, timing
from limber.audio import clips, cues
from limber.loading import Library
from limber.model import Routine
from limber.paths import routine_audio
from limber.workers import run_jobs

_SOURCES = (*sorted(Path(__file__).parent.glob("*.py")), Path(timing.__file__))
_CODE = hashlib.sha256(b"".join(path.read_bytes() for path in _SOURCES)).hexdigest()[:12]
BITRATE_KBPS = 32  # the MP3s' bitrate (track.py), here so that the key needs no numpy


@dataclass(frozen=True)
class AudioFiles:
    """Site path → cached file for each routine's MP3 and the builder's clip set, each routine's
    plan length in seconds, how many tracks this build rendered, and, when audio was left out,
    why."""

    files: Mapping[str, Path] = field(default_factory=dict)
    seconds: Mapping[str, float] = field(default_factory=dict)
    rendered: int = 0
    left_out: str = ""


def track_key(routine: Routine, voice: str) -> str:
    """A hash of everything a routine's track is made from."""
    inputs = {
        "sheet": [asdict(cue) for cue in cues.cue_sheet(routine)],
        "length": sum(step.duration for step in routine.shortest_plan),
        "voice": voice,
        "bitrate": BITRATE_KBPS,
        "code": _CODE,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:24]


def render_track(
    routine: Routine, target: Path, sheet: tuple[cues.Cue, ...] | None = None
) -> float:
    """Speak, mix and encode one routine's track into ``target``; its length in seconds (the
    plan's, plus the last word after the final tone). A worker process is given the ``sheet``
    the build made, in the site's language (a spawned worker would start in English)."""
    from limber.audio import speech, track

    voice = speech.load_voice(messages.current().language)
    length = sum(step.duration for step in routine.shortest_plan)
    sheet = cues.cue_sheet(routine) if sheet is None else sheet
    samples = track.mix(sheet, voice.say, voice.sample_rate, length)
    track.write_mp3(samples, voice.sample_rate, target)
    return len(samples) / voice.sample_rate


def _render(job: tuple[Routine, Path, tuple[cues.Cue, ...]]) -> float:
    return render_track(*job)


def load_voice_identity() -> tuple[str, str]:
    """The voice's identity for the cache key, or ``("", why)`` when audio cannot be made here:
    numpy, soundfile or eSpeak NG missing, or a libsndfile that cannot write MP3."""
    try:
        import soundfile

        from limber.audio import speech
    except (ImportError, OSError) as error:  # soundfile raises OSError without libsndfile
        return "", f"{error} (pip install -e . installs what audio needs)"
    if "MP3" not in soundfile.available_formats():
        return "", "this libsndfile cannot write MP3 (it needs version 1.1 or later)"
    try:
        return speech.load_voice(messages.current().language).identity, ""
    except speech.SpeechUnavailable as error:
        return "", str(error)


def build_routine_audio(library: Library, cache_dir: Path) -> AudioFiles:
    """Every routine's MP3, from the cache where it is up to date."""
    voice, reason = load_voice_identity()
    if reason:
        return AudioFiles(left_out=reason)
    seals.safe_folder(cache_dir)
    routines = list(library.routines.values())
    paths = {r.slug: cache_dir / f"{r.slug}-{track_key(r, voice)}.mp3" for r in routines}
    # Only an entry whose seal matches its bytes is used: a damaged or committed one is redone.
    jobs = [
        (r, paths[r.slug], cues.cue_sheet(r)) for r in routines if not seals.verified(paths[r.slug])
    ]
    run_jobs(_render, jobs)
    for _, path, _ in jobs:
        seals.seal(path)
    seals.prune(cache_dir, "*.mp3", paths.values())
    files = {routine_audio(slug): path for slug, path in paths.items()}
    texts = clips.clip_texts(library.stretches.values())
    clip_set = cache_dir / f"clips-{clips.clips_key(texts, voice, _CODE)}.js"
    rendered = len(jobs)
    if not seals.verified(clip_set):
        clips.write_clips(texts, clip_set)
        seals.seal(clip_set)
        rendered += 1
    seals.prune(cache_dir, "clips-*.js", [clip_set])
    files[clips.CLIPS_SCRIPT] = clip_set
    seconds = {r.slug: float(sum(s.duration for s in r.shortest_plan)) for r in routines}
    return AudioFiles(files, seconds, rendered)


def minutes(seconds: float) -> int:
    """A track's length in whole minutes, as its link says it: at least one."""
    return max(1, round(seconds / 60))
