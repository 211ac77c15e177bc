"""The routine MP3s, decoded and measured: length, cues at the plan's times, cache, failure."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from limber import timing
from limber.audio import build, cues, speech
from limber.loading import Library, load_library

from ..conftest import ROOT
from .analysis import misses, onsets, window_levels

ROUTINE = "ease-upper-back-tightness"
CUE_TOLERANCE = 0.150  # seconds


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(ROOT, ROOT / "docs")


@pytest.fixture(scope="module")
def rendered(library: Library, tmp_path_factory: pytest.TempPathFactory) -> build.AudioFiles:
    files = build.build_routine_audio(library, tmp_path_factory.mktemp("audio"))
    assert not files.left_out, files.left_out
    return files


@pytest.fixture(scope="module")
def decoded(rendered: build.AudioFiles) -> tuple[np.ndarray, int]:
    samples, rate = soundfile.read(rendered.files[f"routines/{ROUTINE}.mp3"], dtype="float32")
    return samples, rate


def test_every_routine_gets_an_mp3_of_its_shortest_length(
    library: Library, rendered: build.AudioFiles, decoded: tuple[np.ndarray, int]
) -> None:
    tracks = {path for path in rendered.files if path.endswith(".mp3")}
    assert tracks == {f"routines/{slug}.mp3" for slug in library.routines}
    samples, rate = decoded
    plan = sum(step.duration for step in library.routines[ROUTINE].shortest_plan)
    assert plan == library.routines[ROUTINE].seconds.low
    assert abs(len(samples) / rate - plan) <= 1.0
    info = soundfile.info(str(rendered.files[f"routines/{ROUTINE}.mp3"]))
    assert (info.format, info.channels) == ("MP3", 1)


def test_a_cue_starts_within_150_ms_of_every_step_boundary(
    library: Library, decoded: tuple[np.ndarray, int]
) -> None:
    samples, rate = decoded
    steps = library.routines[ROUTINE].shortest_plan
    heard = onsets(samples, rate)
    assert len(steps) > 30
    assert misses(timing.step_starts(steps), heard, CUE_TOLERANCE) == []


def test_inhale_and_exhale_are_heard_on_the_breath_pace(
    library: Library, decoded: tuple[np.ndarray, int]
) -> None:
    samples, rate = decoded
    routine = library.routines[ROUTINE]
    steps = routine.shortest_plan
    start = timing.step_starts(steps)[1]
    assert (steps[1].kind, steps[1].breaths) == ("breaths", 10)  # cat-cow opens the routine
    cycle = timing.INHALE + timing.EXHALE
    phases = [start + k * cycle + timing.INHALE for k in range(10)]  # every exhale
    phases += [start + k * cycle for k in range(1, 10)]  # every inhale after the first
    assert misses(phases, onsets(samples, rate), CUE_TOLERANCE) == []
    sheet = cues.cue_sheet(routine)
    words = [c.say for c in sheet if c.say and start <= c.at < start + cycle]
    assert words == ["Inhale. Cow.", "Exhale. Cat."]


def test_a_hold_is_quiet_between_its_cues(
    library: Library, decoded: tuple[np.ndarray, int]
) -> None:
    """The onsets above are cues, not noise: the middle of a 30 s hold is silent."""
    samples, rate = decoded
    steps = library.routines[ROUTINE].shortest_plan
    index = next(i for i, s in enumerate(steps) if s.type == "work" and s.duration == 30)
    start = timing.step_starts(steps)[index]
    middle = samples[int((start + 5) * rate) : int((start + 25) * rate)]
    assert np.max(window_levels(middle, rate)) < -50


def test_the_words_name_the_stretch_and_side_and_the_changes(library: Library) -> None:
    spoken = [cue.say for cue in cues.cue_sheet(library.routines[ROUTINE]) if cue.say]
    assert spoken[0] == "Get ready. Cat-cow."
    assert "Rest. Next: Doorway stretch. Left side first." in spoken
    assert "Doorway stretch. Left side." in spoken
    assert "Switch sides." in spoken and "Right side." in spoken
    assert "Left side. Rep 2 of 5." in spoken
    assert spoken[-1] == "Done."


def test_a_warm_build_renders_nothing(
    library: Library, rendered: build.AudioFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = next(iter(rendered.files.values())).parent

    def refuse(*args: object) -> float:
        raise AssertionError("a warm build rendered a track")

    monkeypatch.setattr(build, "render_track", refuse)
    monkeypatch.setattr(build.clips, "write_clips", refuse)
    again = build.build_routine_audio(library, cache)
    assert again.rendered == 0
    assert again.files == rendered.files


def test_a_changed_routine_gets_a_new_track(library: Library, rendered: build.AudioFiles) -> None:
    routine = library.routines[ROUTINE]
    voice, _ = build.load_voice_identity()
    renamed = type(routine)(**{**routine.__dict__, "rest": routine.rest + 1})
    assert build.track_key(renamed, voice) != build.track_key(routine, voice)


def test_without_the_speech_library_audio_is_left_out_with_the_reason(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIMBER_ESPEAK_LIBRARY", str(tmp_path / "libespeak-ng.so"))
    monkeypatch.setattr(speech, "_voices", {})  # as in a fresh build process
    files = build.build_routine_audio(library, tmp_path / "cache")
    assert files.files == {}
    assert "eSpeak NG did not load from" in files.left_out
    assert not (tmp_path / "cache").exists()
