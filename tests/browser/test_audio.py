"""Play as audio in Chromium: the timer follows the track, in real time, hidden or not.

These tests play the real MP3 for a few seconds, so they use real time, not Playwright's clock:
a hidden page's timers are throttled, and that is what is being checked.

Playwright keeps every page "visible" by design, even behind another tab (measured with
Chromium 156, headless and headful). So the hidden spell is made of its two effects: the page
is told it is hidden (``visibilityState`` and a ``visibilitychange`` event), and its scripts
are stopped outright with the debugger for six seconds, harsher than a browser's throttling,
while the media element plays on.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from limber import timing
from limber.loading import load_library

from ..audio.analysis import level_onsets, misses
from ..conftest import ROOT
from .conftest import Server

ROUTINE = "routines/ease-upper-back-tightness.html"
STATE = """() => {
  const audio = document.querySelector(".limber-audio audio");
  const meta = navigator.mediaSession.metadata;
  return {
    time: audio.currentTime, paused: audio.paused, hidden: document.visibilityState,
    clock: document.querySelector("[role=timer]").textContent,
    words: document.querySelector(".limber-timer [aria-live=polite]").textContent,
    title: meta && meta.title, artwork: meta && meta.artwork.map((a) => a.src),
  };
}"""


@pytest.fixture
def live_page(context: Any) -> Iterator[Any]:
    """A page on real time, failing the test on any script error."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, errors


def plan() -> tuple[list[timing.Step], list[int]]:
    routine = load_library(ROOT, ROOT / "docs").routines["ease-upper-back-tightness"]
    steps = list(routine.shortest_plan)
    return steps, timing.step_starts(steps)


def expected_clock(seconds: float) -> set[str]:
    """What the timer may show ``seconds`` into the track (a tick either way)."""
    steps, starts = plan()
    index = max(i for i, start in enumerate(starts) if start <= seconds and steps[i].duration)
    left = starts[index] + steps[index].duration - seconds
    shown = set()
    for whole in (math.ceil(left) - 1, math.ceil(left), math.ceil(left) + 1):
        if whole >= 0:
            shown.add(f"{whole // 60}:{whole % 60:02d}")
    return shown


def start_audio(page: Any, server: Server) -> dict[str, Any]:
    page.goto(server.url + ROUTINE)
    page.get_by_role("button", name="Play as audio").click()
    page.wait_for_function("document.querySelector('.limber-audio audio').currentTime > 0.5")
    return dict(page.evaluate(STATE))


def set_hidden(page: Any, hidden: bool) -> None:
    page.evaluate(
        """hidden => {
          Object.defineProperty(document, "visibilityState", {
            configurable: true, get: () => (hidden ? "hidden" : "visible") });
          Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
          document.dispatchEvent(new Event("visibilitychange"));
        }""",
        hidden,
    )


def test_the_timer_follows_the_audio_while_the_page_is_hidden(
    context: Any, live_page: Any, real_server: Server
) -> None:
    first = start_audio(live_page, real_server)
    assert not first["paused"]
    assert live_page.get_by_role("button", name="Stop audio").is_visible()
    live_page.evaluate("window.ticks = 0; setInterval(() => window.ticks++, 100)")
    other = context.new_page()
    other.goto(real_server.url + "index.html")
    other.bring_to_front()
    set_hidden(live_page, True)
    debugger = context.new_cdp_session(live_page)
    debugger.send("Debugger.enable")
    debugger.send("Debugger.pause")
    time.sleep(6)
    debugger.send("Debugger.resume")
    ticks = live_page.evaluate("window.ticks")
    assert ticks < 20  # the page's scripts were stopped (60 ticks had they run)
    live_page.bring_to_front()
    set_hidden(live_page, False)
    back = dict(live_page.evaluate(STATE))
    assert not back["paused"]
    assert back["time"] > first["time"] + 5.5  # the audio played on
    assert back["clock"] in expected_clock(back["time"])
    assert back["words"].startswith(("Inhale", "Exhale"))  # cat-cow, 5 s in: breathing


def test_lock_screen_controls_go_to_step_boundaries_and_name_the_stretch(
    live_page: Any, real_server: Server
) -> None:
    state = start_audio(live_page, real_server)
    assert state["title"] == "Cat-cow"
    assert state["artwork"][0].endswith("/cards/cat-cow.png")
    _steps, starts = plan()
    act = "name => document.querySelector('[data-limber-audio]').limberAudio.actions[name]()"
    live_page.evaluate(act, "nexttrack")  # get ready -> cat-cow's breaths, at 5 s
    live_page.evaluate(act, "nexttrack")  # -> rest before the doorway stretch
    state = dict(live_page.evaluate(STATE))
    assert abs(state["time"] - starts[2]) < 0.5
    assert state["words"].startswith("Rest · Next: Doorway stretch")
    assert state["title"] == "Doorway stretch"
    live_page.evaluate(act, "nexttrack")
    assert dict(live_page.evaluate(STATE))["words"] == "Left · Hold"
    live_page.evaluate(act, "previoustrack")  # early in a step: back to the one before
    assert abs(dict(live_page.evaluate(STATE))["time"] - starts[2]) < 0.5
    live_page.evaluate(act, "pause")
    live_page.get_by_role("button", name="Resume", exact=True).wait_for()
    assert dict(live_page.evaluate(STATE))["paused"]


def test_the_timers_buttons_move_the_audio(live_page: Any, real_server: Server) -> None:
    start_audio(live_page, real_server)
    live_page.get_by_role("button", name="Pause", exact=True).click()
    paused = dict(live_page.evaluate(STATE))
    assert paused["paused"]
    live_page.get_by_role("button", name="Skip", exact=True).click()
    _steps, starts = plan()
    assert abs(dict(live_page.evaluate(STATE))["time"] - starts[1]) < 0.5
    live_page.get_by_role("button", name="Resume", exact=True).click()
    live_page.wait_for_function("!document.querySelector('.limber-audio audio').paused")
    live_page.get_by_role("button", name="Stop audio").click()
    stopped = dict(live_page.evaluate(STATE))
    assert stopped["paused"]
    assert live_page.get_by_role("button", name="Play as audio").is_visible()
    assert live_page.get_by_role("button", name="Resume").is_visible()  # the run is kept


MEASURE = """async () => {
  const audio = document.querySelector("[data-limber-builder] .limber-audio audio");
  const bytes = await (await fetch(audio.src)).arrayBuffer();
  const context = new OfflineAudioContext(1, 1, 22050);
  const buffer = await context.decodeAudioData(bytes);
  const samples = buffer.getChannelData(0), size = Math.floor(0.025 * buffer.sampleRate);
  const levels = [];
  for (let start = 0; start + size <= samples.length; start += size) {
    let sum = 0;
    for (let i = start; i < start + size; i++) sum += samples[i] * samples[i];
    levels.push(20 * Math.log10(Math.max(Math.sqrt(sum / size), 1e-6)));
  }
  const timer = document.querySelector("[data-limber-builder] [data-limber-timer]").limberTimer;
  const s = timer.config.settings;
  const choice = {amount: 0, reps: 0, inhale: s.inhale, exhale: s.exhale};
  const plan = LimberTimer.buildPlan(timer.config, choice);
  const starts = [];
  plan.reduce((now, step) => (starts.push(now), now + step.duration), 0);
  return {levels, window: size / buffer.sampleRate, length: buffer.duration,
          total: LimberTimer.totalSeconds(plan), starts, types: plan.map((step) => step.type)};
}"""


def test_a_builder_routine_is_assembled_in_the_browser_on_its_plan(
    live_page: Any, real_server: Server
) -> None:
    live_page.goto(real_server.url + "builder.html")
    for name in ("Doorway stretch", "Cat-cow"):
        live_page.get_by_role("button", name=f"Add {name}").click()
    live_page.get_by_role("button", name="Play as audio").click()
    track = "document.querySelector('[data-limber-builder] .limber-audio audio')"
    live_page.wait_for_function(f"({track} || {{}}).currentTime > 0.3")
    measured = dict(live_page.evaluate(MEASURE))
    assert measured["types"][:5] == ["ready", "work", "switch", "work", "rest"]
    assert abs(measured["length"] - measured["total"]) <= 1.0
    heard = level_onsets(np.asarray(measured["levels"]), measured["window"])
    assert misses(measured["starts"], heard, 0.150) == []
    state = dict(live_page.evaluate(STATE))
    assert not state["paused"]
    assert state["title"] == "Doorway stretch"


def test_a_tap_in_follow_along_pauses_the_audio_too(live_page: Any, real_server: Server) -> None:
    """Hands busy: a tap anywhere on the follow-along view pauses the track and the timer (the
    timer used to pause and be set running again by the still-playing track)."""
    start_audio(live_page, real_server)
    live_page.get_by_role("button", name="Follow along").click()
    live_page.locator(".lt-follow-figure").click()
    time.sleep(0.8)  # three of the track's syncs
    state = dict(live_page.evaluate(STATE))
    assert state["paused"]
    assert live_page.get_by_role("button", name="Resume", exact=True).is_visible()
    live_page.locator(".lt-follow-figure").click()
    live_page.wait_for_function("!document.querySelector('.limber-audio audio').paused")


def test_play_as_audio_during_a_run_goes_on_from_where_it_is(
    live_page: Any, real_server: Server
) -> None:
    live_page.goto(real_server.url + ROUTINE)
    live_page.get_by_role("button", name="Start", exact=True).click()
    time.sleep(3)
    live_page.get_by_role("button", name="Play as audio").click()
    live_page.wait_for_function("!document.querySelector('.limber-audio audio').paused")
    state = dict(live_page.evaluate(STATE))
    assert 2.5 < state["time"] < 5  # three seconds into "get ready", not the track's start
    assert state["clock"] in expected_clock(state["time"])


def test_offline_a_track_not_saved_says_so_and_the_run_goes_on(
    context: Any, live_page: Any, real_server: Server
) -> None:
    live_page.goto(real_server.url + ROUTINE)
    context.set_offline(True)
    try:
        live_page.get_by_role("button", name="Play as audio").click()
        status = live_page.locator(".limber-audio-status")
        status.filter(has_text="not saved on this device").wait_for()
        assert "use “Save everything for offline” on the home page" in status.inner_text()
        assert live_page.get_by_role("button", name="Pause", exact=True).is_visible()
        assert live_page.locator(".limber-audio audio").is_hidden()
        assert live_page.get_by_role("button", name="Play as audio").is_visible()
    finally:
        context.set_offline(False)


def test_offline_a_run_of_its_own_length_goes_on_as_it_was(
    context: Any, live_page: Any, real_server: Server
) -> None:
    """The track is the routine at its shortest: a run at its longest that presses Play as
    audio offline keeps its own plan and place when the track cannot load."""
    live_page.goto(real_server.url + ROUTINE)
    live_page.get_by_label("Length").select_option(label="Longest")
    live_page.get_by_role("button", name="Start", exact=True).click()
    left = live_page.locator(".lt-total-text")
    before = left.inner_text()
    context.set_offline(True)
    try:
        live_page.get_by_role("button", name="Play as audio").click()
        live_page.locator(".limber-audio-status").filter(has_text="not saved").wait_for()
        after = left.inner_text()
    finally:
        context.set_offline(False)

    def seconds(text: str) -> int:
        minutes, rest = text.rsplit(" ", 1)[1].split(":")
        return int(minutes) * 60 + int(rest)

    assert 0 <= seconds(before) - seconds(after) <= 3, (before, after)
    assert live_page.get_by_role("button", name="Pause", exact=True).is_visible()
