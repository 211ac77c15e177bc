"""The timer and the routine player in Chromium, with Playwright's clock instead of sleeping."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .conftest import Server, axe_serious, paused_page

DOORWAY = "stretches/doorway-stretch.html"
ROTATION = "stretches/seated-thoracic-rotation.html"
CAT_COW = "stretches/cat-cow.html"
ROUTINE = "routines/ease-upper-back-tightness.html"

PageWith = Callable[..., Any]


@pytest.fixture
def page_with(browser: Any) -> Iterator[PageWith]:
    """Pages in contexts of their own (a phone's size, the dark scheme, reduced motion), each
    with its clock paused at ``T0``; closed after the test, which fails if a script threw."""
    pages: list[Any] = []

    def open_page(**options: Any) -> Any:
        pages.append(paused_page(browser.new_context(**options)))
        return pages[-1]

    yield open_page
    for page in pages:
        page.context.close()
    assert [page.errors for page in pages if page.errors] == []


class Timer:
    """The timer on a page, found by role and name as a person with a screen reader would."""

    def __init__(self, page: Any):
        self.page = page
        self.live = page.locator(".limber-timer [aria-live='polite']")
        self.clock = page.get_by_role("timer")

    def press(self, name: str) -> Timer:
        self.page.get_by_role("button", name=name, exact=True).click()
        return self

    def wait(self, seconds: float) -> Timer:
        self.page.clock.run_for(int(seconds * 1000))
        return self

    @property
    def words(self) -> str:
        return str(self.live.inner_text())

    @property
    def time(self) -> str:
        return str(self.clock.inner_text())

    def visible_buttons(self) -> list[str]:
        buttons = self.page.locator(".lt-controls button:visible")
        return [text.strip() for text in buttons.all_inner_texts()]


def open_timer(page: Any, server: Server, path: str) -> Timer:
    page.goto(server.url + path)
    return Timer(page)


def test_a_per_side_hold_goes_left_switch_right_done(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, DOORWAY)
    assert timer.visible_buttons() == ["Start"]
    assert timer.time == "0:15"
    timer.press("Start")
    assert timer.words == "Get ready · Doorway stretch · Left side first"
    assert timer.time == "0:05"
    timer.wait(5.1)
    assert (timer.words, timer.time) == ("Left · Hold", "0:15")
    timer.wait(15)
    assert (timer.words, timer.time) == ("Switch sides · Right next", "0:05")
    timer.wait(5)
    assert (timer.words, timer.time) == ("Right · Hold", "0:15")
    timer.wait(15)
    assert timer.words == "Done · Well done"
    assert timer.visible_buttons() == ["Back", "Reset"]


TONES = """(() => {
  window.tones = [];
  const make = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () {
    const oscillator = make.call(this), start = oscillator.start.bind(oscillator);
    oscillator.start = (when) => { window.tones.push(oscillator.frequency.value); start(when); };
    return oscillator;
  };
})()"""


def test_each_change_sounds_its_own_tones(page: Any, real_server: Server) -> None:
    """Heard across the room, without the voice: one high tone for a new step, two for the
    other side, three rising when done; a low tick counts down the last seconds before each."""
    page.add_init_script(TONES)
    timer = open_timer(page, real_server, DOORWAY)
    page.get_by_text("Sound, voice and screen").click()
    assert "two for the other side" in page.locator(".lt-tones").inner_text()

    def tones() -> list[int]:
        heard: list[int] = page.evaluate("window.tones.splice(0)")
        return heard

    timer.press("Start")
    assert tones() == [660]  # the press itself
    timer.wait(5.1)
    assert timer.words == "Left · Hold"
    assert tones() == [660, 660, 660, 880]
    timer.wait(15)
    assert timer.words == "Switch sides · Right next"
    assert tones() == [660, 660, 660, 880, 880]
    timer.wait(5)
    assert tones() == [660, 660, 660, 880]
    timer.wait(15)
    assert timer.words == "Done · Well done"
    assert tones() == [660, 660, 660, 660, 880, 1100]


SPEECH = """(() => {
  localStorage.setItem("limber:prefs", JSON.stringify({voice: true}));
  window.said = [];
  speechSynthesis.speak = (utterance) => window.said.push(utterance.text);
  speechSynthesis.cancel = () => {};
})()"""


def test_alternating_sides_sound_a_change_of_side(page: Any, real_server: Server) -> None:
    page.add_init_script(TONES)
    timer = open_timer(page, real_server, ROTATION).press("Start").wait(5.1)
    page.evaluate("window.tones.splice(0)")
    timer.wait(10)
    assert timer.words == "Relax · Next: Right · 1 of 5"
    assert page.evaluate("window.tones.splice(0)") == [660, 660, 660, 880, 880]


def test_the_voice_says_each_change_once_and_short_cues_after_the_first_breath(
    page: Any, real_server: Server
) -> None:
    """A whole cue fits in the first breath; after it, "Inhale. Cow", as the routine's audio
    says it (the whole cue, every four seconds, was cut off by the next)."""
    page.add_init_script(SPEECH)
    timer = open_timer(page, real_server, CAT_COW).press("Start")
    assert page.evaluate("window.said.splice(0)") == ["Get ready. Cat-cow"]
    timer.wait(5.1)
    assert page.evaluate("window.said.splice(0)") == [
        "Inhale. Cow: let the belly sink, lift chest and tailbone"
    ]
    assert timer.words == "Inhale · Cow: let the belly sink, lift chest and tailbone"
    timer.wait(4)
    assert page.evaluate("window.said.splice(0)") == [
        "Exhale. Cat: round the back, tuck chin and tailbone"
    ]
    timer.wait(4)
    assert page.evaluate("window.said.splice(0)") == ["Inhale. Cow"]
    assert timer.words == "Inhale · Cow: let the belly sink, lift chest and tailbone"  # shown whole
    timer.wait(4)
    assert page.evaluate("window.said.splice(0)") == ["Exhale. Cat"]


def test_the_time_to_get_ready_can_be_longer_and_is_remembered(
    page: Any, real_server: Server
) -> None:
    """Five seconds is not enough to put the phone across the room and get onto the floor."""
    timer = open_timer(page, real_server, DOORWAY)
    page.get_by_text("Sound, voice and screen").click()
    page.get_by_label("Time to get ready").select_option(label="30 s")
    timer.press("Start")
    assert (timer.words, timer.time) == ("Get ready · Doorway stretch · Left side first", "0:30")
    timer.wait(30.1)
    assert (timer.words, timer.time) == ("Left · Hold", "0:15")
    timer = open_timer(page, real_server, ROUTINE)
    page.get_by_text("Sound, voice and screen").click()
    assert page.get_by_label("Time to get ready").input_value() == "30"
    timer.press("Start")
    assert timer.time == "0:30"


def test_a_longer_hold_can_be_chosen_before_starting(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, DOORWAY)
    page.get_by_label("Hold").select_option(label="30 s")
    assert timer.time == "0:30"
    timer.press("Start").wait(5.1)
    assert (timer.words, timer.time) == ("Left · Hold", "0:30")
    assert not page.get_by_label("Hold").is_visible()


def test_an_alternating_rep_stretch_alternates(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, ROTATION).press("Start").wait(5.1)
    seen = [timer.words]
    for seconds in (10, 3, 10, 3, 10):
        seen.append(timer.wait(seconds).words)
    assert seen == [
        "Left · Hold · 1 of 5", "Relax · Next: Right · 1 of 5", "Right · Hold · 1 of 5",
        "Relax · Next: Left · 2 of 5", "Left · Hold · 2 of 5", "Relax · Next: Right · 2 of 5",
    ]  # fmt: skip


def test_breaths_name_inhale_and_exhale_with_the_cues(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, CAT_COW).press("Start").wait(5.1)
    assert timer.words == "Inhale · Cow: let the belly sink, lift chest and tailbone"
    assert page.locator(".lt-detail").inner_text() == "Breath 1 of 10"
    assert page.locator(".lt-breath").get_attribute("data-phase") == "inhale"
    timer.wait(4)
    assert timer.words == "Exhale · Cat: round the back, tuck chin and tailbone"
    assert page.locator(".lt-breath").get_attribute("data-phase") == "exhale"
    timer.wait(4)
    assert page.locator(".lt-detail").inner_text() == "Breath 2 of 10"
    assert timer.time == "1:12"


def test_the_breath_pace_is_adjustable_and_remembered(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, CAT_COW)
    page.locator(".lt-settings summary").click()
    page.get_by_label("Breath pace").select_option("5-5")
    timer.press("Start").wait(5.1)
    assert timer.time == "1:40"
    timer.wait(4.5)
    assert timer.words.startswith("Inhale")
    timer.wait(1)
    assert timer.words.startswith("Exhale")
    page.goto(real_server.url + CAT_COW)
    assert page.get_by_label("Breath pace").input_value() == "5-5"


def test_pause_holds_the_time_and_resume_goes_on(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, DOORWAY).press("Start").wait(8.1)
    assert timer.time == "0:12"
    timer.press("Pause")
    assert timer.visible_buttons() == ["Back", "Resume", "Skip", "Reset"]
    timer.wait(30)
    assert (timer.words, timer.time) == ("Left · Hold", "0:12")
    timer.press("Resume").wait(2)
    assert timer.time == "0:10"


def test_skip_and_back_move_between_steps(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, DOORWAY).press("Start")
    assert timer.press("Skip").words == "Left · Hold"
    assert timer.press("Skip").words == "Switch sides · Right next"
    assert timer.press("Back").words == "Left · Hold"
    timer.wait(5)
    assert timer.press("Back").words == "Left · Hold"
    assert timer.time == "0:15"


def test_reset_starts_over(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, DOORWAY).press("Start").wait(12)
    timer.press("Reset")
    assert timer.visible_buttons() == ["Start"]
    assert (timer.words, timer.time) == ("Ready · press Start", "0:15")
    assert page.evaluate("localStorage.getItem('limber:timer:doorway-stretch')") is None


def test_keyboard_shortcuts(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, DOORWAY)
    page.keyboard.press("Space")
    assert timer.words.startswith("Get ready")
    page.keyboard.press("ArrowRight")
    assert timer.words == "Left · Hold"
    page.keyboard.press("Space")
    assert timer.visible_buttons()[1] == "Resume"
    page.keyboard.press("ArrowLeft")
    assert timer.words.startswith("Get ready")
    page.keyboard.press("r")
    assert timer.visible_buttons() == ["Start"]


def test_the_routine_plays_to_done_with_rests_in_between(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, ROUTINE)
    page.evaluate(
        """() => { window.__said = [];
        const live = document.querySelector(".limber-timer [aria-live='polite']");
        new MutationObserver(() => window.__said.push(live.textContent))
          .observe(live, {childList: true, characterData: true, subtree: true}); }"""
    )
    assert page.locator(".lt-total-text").inner_text() == "Routine left 7:17"
    timer.press("Start")
    assert page.locator(".lt-position").inner_text() == "Stretch 1 of 7"
    assert page.locator(".lt-detail").inner_text() == ""  # "Get ready · Cat-cow" says it
    timer.wait(5.1)
    assert page.locator(".lt-detail").inner_text() == "Breath 1 of 10 · Next up: Doorway stretch"
    timer.wait(80 + 0.9)
    assert timer.words == "Rest · Next: Doorway stretch"
    assert page.locator(".lt-position").inner_text() == "Stretch 2 of 7"
    timer.wait(440)
    said = [
        words
        for words in page.evaluate("window.__said")
        if not words.startswith(("Inhale", "Exhale"))
    ]
    rests = [words for words in said if words.startswith("Rest")]
    assert rests == [
        "Rest · Next: Doorway stretch", "Rest · Next: Seated thoracic rotation",
        "Rest · Next: Standing side stretch", "Rest · Next: Neck side tilt",
        "Rest · Next: Child's pose", "Rest · Next: Foam roller upper back",
    ]  # fmt: skip
    assert said[-1] == "Done · Well done"
    assert said.index("Rest · Next: Child's pose") < said.index(
        "Rest · Next: Foam roller upper back"
    )
    assert page.locator(".lt-total-text").inner_text() == "Routine left 0:00"


def test_jump_to_a_stretch_from_the_list(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, ROUTINE)
    page.get_by_text("Jump to a stretch").click()
    page.get_by_role("button", name="Child's pose").click()
    assert page.locator(".lt-position").inner_text() == "Stretch 6 of 7"
    assert timer.words == "Hold"
    assert timer.visible_buttons() == ["Back", "Resume", "Skip", "Reset"]


def test_a_reload_mid_routine_resumes_where_it_was(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, ROUTINE).press("Start").wait(5 + 80 + 10 + 3)
    assert timer.words == "Left · Hold"
    assert timer.time == "0:12"
    page.reload()
    timer = Timer(page)
    assert page.locator(".lt-position").inner_text() == "Stretch 2 of 7"
    assert (timer.words, timer.time) == ("Left · Hold", "0:12")
    timer.wait(2)
    assert timer.time == "0:10"


SILENT_UNTIL_TOUCHED = """(() => {
  // As a browser does after a reload: no sound until the page has been touched.
  const Context = window.AudioContext;
  let touched = false;
  window.soundOn = false;
  addEventListener("pointerdown", () => { touched = true; }, true);
  window.AudioContext = class extends Context {
    constructor() { super(); this.waiting = true; }
    get state() { return this.waiting ? "suspended" : "running"; }
    resume() { this.waiting = !touched; window.soundOn = touched; return Promise.resolve(); }
  };
  Object.defineProperty(navigator, "userActivation",
    { configurable: true, value: { hasBeenActive: false, isActive: false } });
})()"""


def test_after_a_reload_a_silent_run_asks_for_a_tap(page: Any, real_server: Server) -> None:
    page.add_init_script(SILENT_UNTIL_TOUCHED)
    timer = open_timer(page, real_server, DOORWAY).press("Start").wait(2)
    sound = page.get_by_role("button", name="Turn the sound back on")
    assert sound.is_hidden()  # Start was the tap
    assert page.evaluate("window.soundOn")
    page.reload()
    timer = Timer(page)
    sound.wait_for()
    timer.wait(1)
    assert timer.words == "Get ready · Doorway stretch · Left side first"  # the run went on
    assert not page.evaluate("window.soundOn")
    page.locator("h1").click()  # any tap on the page will do
    assert sound.is_hidden()
    assert page.evaluate("window.soundOn")


def test_a_finished_run_comes_back_ready_to_start(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, DOORWAY).press("Start").wait(5 + 15 + 5 + 15)
    assert timer.words == "Done · Well done"
    timer.wait(3600)
    page.reload()
    timer = Timer(page)
    assert timer.visible_buttons() == ["Start"]
    assert (timer.words, timer.time) == ("Ready · press Start", "0:15")


def test_a_run_whose_time_ran_out_while_away_starts_over(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, DOORWAY).press("Start").wait(10)
    page.goto(real_server.url + "index.html")
    page.clock.run_for(60_000)
    timer = open_timer(page, real_server, DOORWAY)
    assert timer.visible_buttons() == ["Start"]
    assert timer.words == "Ready · press Start"


def test_a_hidden_spell_lands_on_the_right_step(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, DOORWAY).press("Start").wait(1)
    # A hidden tab runs no timers: jump the clock 26 s without firing the ones in between.
    page.clock.fast_forward(26_000)
    timer.wait(0.3)
    assert (timer.words, timer.time) == ("Right · Hold", "0:13")


def test_sound_voice_and_wake_lock_settings_are_remembered(page: Any, real_server: Server) -> None:
    open_timer(page, real_server, DOORWAY)
    page.get_by_text("Sound, voice and screen").click()
    voice = page.get_by_label("Spoken cues")
    assert not voice.is_checked()
    voice.check()
    page.get_by_label("Tones before each change").uncheck()
    page.goto(real_server.url + CAT_COW)
    page.get_by_text("Sound, voice and screen").click()
    assert page.get_by_label("Spoken cues").is_checked()
    assert not page.get_by_label("Tones before each change").is_checked()
    assert page.get_by_label("Keep the screen on").is_checked()


def test_axe_on_running_timers(context: Any, real_server: Server) -> None:
    for path in (DOORWAY, ROUTINE):
        page = context.new_page()
        page.goto(real_server.url + path)
        page.get_by_role("button", name="Start").click()
        page.get_by_role("button", name="Pause").click()
        assert axe_serious(page) == [], path


def current_frame(page: Any) -> str:
    return str(
        page.locator("[data-limber-figure] .lf-frame.is-current").get_attribute("data-frame")
    )


def test_the_figure_follows_the_breath(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, CAT_COW)
    assert current_frame(page) == "cow"
    timer.press("Start").wait(5.1)
    assert timer.words.startswith("Inhale") and current_frame(page) == "cow"
    timer.wait(4)
    assert timer.words.startswith("Exhale") and current_frame(page) == "cat"
    timer.wait(4)
    assert current_frame(page) == "cow"


def test_the_figure_turns_to_the_side_being_stretched(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, DOORWAY).press("Start").wait(5.1)
    figure = page.locator("[data-limber-figure]")
    assert figure.get_attribute("data-side") == "left"
    timer.wait(20)
    assert timer.words == "Right · Hold"
    assert figure.get_attribute("data-side") == "right"


def test_the_figure_rests_still_with_reduced_motion(
    page_with: PageWith, real_server: Server
) -> None:
    page = page_with(reduced_motion="reduce")
    timer = open_timer(page, real_server, CAT_COW).press("Start").wait(9.5)
    assert timer.words.startswith("Exhale")
    assert current_frame(page) == "cow"


def _inside(page: Any, locator: Any) -> bool:
    """Whether the centre of ``locator`` shows that element, not something drawn over it."""
    return bool(
        locator.evaluate(
            """el => { const r = el.getBoundingClientRect();
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return hit !== null && (el === hit || el.contains(hit)); }"""
        )
    )


def test_no_page_chrome_covers_the_running_player(page_with: PageWith, real_server: Server) -> None:
    page = page_with(viewport={"width": 390, "height": 844})
    timer = open_timer(page, real_server, ROUTINE).press("Start").wait(3)
    clock = page.get_by_role("timer")
    # Scroll until the clock sits where the sticky header and "Back to top" would be, then up a
    # little: the gesture that makes Material show its "Back to top" pill.
    page.evaluate("y => window.scrollBy(0, y)", clock.bounding_box()["y"] - 10)
    page.mouse.move(195, 600)
    page.mouse.wheel(0, -30)
    timer.wait(1)
    assert not page.locator(".md-top").is_visible()
    assert _inside(page, clock)
    for name in ("Pause", "Skip", "Back", "Reset"):
        assert _inside(page, page.get_by_role("button", name=name, exact=True)), name
    timer.press("Reset")
    assert page.evaluate("document.documentElement.hasAttribute('data-limber-running')") is False


def test_a_rest_names_the_coming_stretch_once(page: Any, real_server: Server) -> None:
    timer = open_timer(page, real_server, ROUTINE).press("Start").wait(5 + 80 + 1)
    assert timer.words == "Rest · Next: Doorway stretch"
    said = page.locator(".lt-step").inner_text() + "\n" + page.locator(".lt-detail").inner_text()
    assert said.count("Doorway stretch") == 1
    assert "Seated thoracic rotation" not in said


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(part) for part in css[css.index("(") + 1 : -1].split(",")[:3])


def _contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    def luminance(rgb: tuple[float, ...]) -> float:
        parts = [c / 255 for c in rgb]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_breath_guide_stands_out_in_dark_mode(page_with: PageWith, real_server: Server) -> None:
    page = page_with(color_scheme="dark")
    open_timer(page, real_server, CAT_COW).press("Start").wait(5.1)
    guide = page.locator(".lt-breath")
    style = guide.evaluate(
        """el => { const s = getComputedStyle(el);
        return {border: s.borderTopColor, width: parseFloat(s.borderTopWidth), opacity: s.opacity,
                page: getComputedStyle(document.body).backgroundColor}; }"""
    )
    assert style["opacity"] == "1"
    assert style["width"] >= 2
    assert _contrast(_rgb(style["border"]), _rgb(style["page"])) >= 3, style


def test_the_figure_turns_even_with_reduced_motion(
    page_with: PageWith, real_server: Server
) -> None:
    page = page_with(reduced_motion="reduce")
    timer = open_timer(page, real_server, DOORWAY).press("Start").wait(25.1)
    assert timer.words == "Right · Hold"
    assert page.locator("[data-limber-figure]").get_attribute("data-side") == "right"
