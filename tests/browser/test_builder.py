"""The routine builder in Chromium: build by keyboard, keep, share, open offline, play, print."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from limber.builder import TITLE_LIMIT
from limber.loading import load_stretches
from limber.sheet import BASE_POINTS, LARGER_POINTS, sheet_room, sheet_steps

from ..conftest import ROOT, by_sheet_text, real_names
from .conftest import (
    Server,
    axe_serious,
    paused_page,
    recording_context,
    set_filters_that_leave_nothing,
)
from .test_offline import wait_for_worker
from .test_print import pictures_in_print, print_page

BUILDER = "builder.html"
FOUR = ["Doorway stretch", "Cat-cow", "Neck side tilt", "Child's pose"]


def chosen(page: Any) -> list[str]:
    return [name.strip() for name in page.locator(".lb-chosen-name").all_inner_texts()]


def stray_images(page: Any) -> int:
    """Images on the page other than Limber's own stretch pictures (``<img>`` from a link or a
    name would be markup that ran)."""
    own = "img => img.matches('.limber-thumb > img.limber-pic') && img.src.endsWith('.svg')"
    count = f"imgs => imgs.filter(img => !({own})(img)).length"
    return int(page.locator("img").evaluate_all(count))


def assert_loaded(picture: Any) -> None:
    """A stretch's picture (``<img>``) has arrived from its file and can be drawn."""
    expect(picture).to_have_js_property("complete", True)
    assert picture.evaluate("img => img.naturalWidth") > 0, picture.get_attribute("src")


def press(page: Any, name: str, key: str = "Enter") -> None:
    """Focus a button by its accessible name and press a key on it, as a keyboard user would."""
    button = page.get_by_role("button", name=name, exact=True)
    button.focus()
    page.keyboard.press(key)


def share_link(page: Any) -> str:
    return str(page.get_by_role("textbox", name="Share link").input_value())


def build_four_by_keyboard(page: Any) -> None:
    """Add five, remove one, move one, change a dose: with the keyboard only."""
    for name in ["Cat-cow", "Doorway stretch", "Foam roller upper back", "Neck side tilt"]:
        press(page, f"Add {name}")
    press(page, "Add Child's pose", " ")
    assert chosen(page) == [
        "Cat-cow", "Doorway stretch", "Foam roller upper back", "Neck side tilt", "Child's pose",
    ]  # fmt: skip
    press(page, "Remove Foam roller upper back")
    # Focus moves to the next item's Remove button, so the list can be worked on at once.
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Remove Neck side tilt"
    press(page, "Move Doorway stretch up")
    assert chosen(page) == ["Doorway stretch", "Cat-cow", "Neck side tilt", "Child's pose"]
    # Focus stays with the moved stretch: at the top, on its Move down button.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Move Doorway stretch down"
    )
    hold = page.get_by_role("combobox", name="Hold for Doorway stretch")
    hold.focus()
    page.keyboard.press("ArrowDown")
    assert hold.input_value() == "20"
    assert "Hold 20 s on each side" in page.locator(".lb-chosen-item").first.inner_text()


def total(page: Any) -> str:
    return str(page.locator("[data-lb-total]").inner_text()).split(" · ")[0]


def test_build_four_stretches_by_keyboard_and_a_reload_keeps_them(
    page: Any, real_server: Server
) -> None:
    page.goto(real_server.url + BUILDER)
    assert page.get_by_role("link", name="Build a routine").first.is_visible()
    build_four_by_keyboard(page)
    page.get_by_role("textbox", name="Routine name").fill("Desk break")
    # The live total is the player's plan: 5 s to get ready, 20 + 5 + 20 (both sides, with the
    # switch), 10 breaths of 8 s, 15 + 5 + 15, 30, and three rests of 10 s.
    assert total(page) == "Total time 3:45"
    assert page.locator(".lt-total").inner_text().endswith("3:45")
    # Under the library, where the Add buttons are, the routine's size stays in view.
    tally = page.locator(".lb-tally").inner_text()
    assert tally == "Your routine: 4 stretches, 3:45. See your routine"
    link = share_link(page)
    assert link.startswith(real_server.url + "builder.html#r=1;")
    page.reload()
    assert chosen(page) == FOUR
    page.goto(real_server.url + "index.html")
    page.goto(real_server.url + BUILDER)  # no link in the address: the kept draft
    assert chosen(page) == FOUR
    assert page.get_by_role("textbox", name="Routine name").input_value() == "Desk break"
    assert page.get_by_role("combobox", name="Hold for Doorway stretch").input_value() == "20"
    assert share_link(page) == link


def test_a_shared_link_opens_offline_in_a_fresh_browser_and_plays_to_done(
    browser: Any, real_server: Server
) -> None:
    maker = browser.new_context()
    page = maker.new_page()
    page.goto(real_server.url + BUILDER)
    build_four_by_keyboard(page)
    page.get_by_role("combobox", name="Rest between stretches").select_option("5")
    link = share_link(page)
    expected = page.locator(".lb-chosen-item").all_inner_texts()
    maker.close()

    friend = recording_context(browser)  # no storage from the maker
    first = friend.new_page()
    first.goto(real_server.url + "index.html")
    wait_for_worker(first)
    friend.set_offline(True)
    page = paused_page(friend)
    page.goto(link)
    assert page.locator(".lb-chosen-item").all_inner_texts() == expected
    assert page.get_by_role("combobox", name="Rest between stretches").input_value() == "5"
    assert not page.locator("[data-lb-notice]").is_visible()
    # The pictures are files of their own: the worker has them too, for the list and the view.
    for picture in page.locator(".lb-chosen-item img.limber-pic").all():
        assert_loaded(picture)
    page.get_by_role("button", name="Follow along", exact=True).click()
    view = page.get_by_role("dialog", name=re.compile("^Follow along"))
    live = view.locator("[aria-live='polite']")
    view.get_by_role("button", name="Start", exact=True).click()
    page.clock.run_for(5100)
    assert_loaded(view.get_by_role("img", name=f"Picture of {FOUR[0]}").locator("img"))
    seen = []
    for _ in range(400):
        words = live.inner_text()
        if not seen or seen[-1] != words:
            seen.append(words)
        if words.startswith("Done"):
            break
        page.clock.run_for(1000)
    assert seen[-1] == "Done · Well done"
    rests = [words for words in seen if words.startswith("Rest")]
    assert rests == [f"Rest · Next: {name}" for name in FOUR[1:]]
    assert page.errors == []
    assert friend.hosts == {real_server.url.split("/")[2]}
    friend.close()


@pytest.mark.parametrize(
    ("fragment", "kept", "said"),
    [
        # Cut short in the middle of the third stretch.
        ("1;10;4;Mine;cat-cow:10,doorway-stretch:15,neck-si", ["Cat-cow", "Doorway stretch"],
         ["cut short", "Stretch 3 could not be read"]),
        # A stretch the site no longer has.
        ("1;10;2;Mine;old-wall-stretch:30,childs-pose:40", ["Child's pose"],
         ["“old-wall-stretch” is not in this library"]),
        # A newer link version, and plain garbage.
        ("7;10;1;x;cat-cow:10", [], ["newer version of Limber"]),
        ("%E0%A4%A;<img src=x onerror=alert(1)>", [], ["could be read as a routine"]),
    ],
)  # fmt: skip
def test_a_damaged_link_opens_what_it_can_and_says_what_it_left_out(
    page: Any, real_server: Server, fragment: str, kept: list[str], said: list[str]
) -> None:
    page.goto(real_server.url + BUILDER + "#r=" + fragment)
    notice = page.get_by_role("alert")
    for words in said:
        assert words in notice.inner_text()
    assert "ask whoever sent you the link to send it again" in notice.inner_text().lower()
    assert chosen(page) == kept
    assert stray_images(page) == 0
    if kept:
        assert page.get_by_role("button", name="Start", exact=True).is_visible()


def test_a_link_ending_a_sentence_opens_whole(context: Any, real_server: Server) -> None:
    # A message app or a writer may take the full stop or bracket after a link into it. Each
    # link is opened in a fresh tab, as from a message; a cut stretch (after its ":") is still
    # reported, not mended.
    cases = [(".", 40), (")", 35), (").", 45), ("%E2%80%9D", 50), (",", 55)]
    for end, amount in cases:
        page = context.new_page()
        page.goto(
            real_server.url + BUILDER + f"#r=1;10;2;Mine;cat-cow:10,childs-pose:{amount}{end}"
        )
        expect(page.locator(".lb-chosen-item")).to_have_count(2)
        assert chosen(page) == ["Cat-cow", "Child's pose"], end
        assert page.get_by_role("alert").count() == 0, end
        assert page.evaluate("location.hash").endswith(f"childs-pose:{amount}"), end
        page.close()
    page = context.new_page()
    page.goto(real_server.url + BUILDER + "#r=1;10;2;Mine;cat-cow:10,childs-pose:40:")
    expect(page.get_by_role("alert")).to_contain_text("Stretch 2 could not be read")


def test_back_after_an_edit_keeps_the_routine_on_the_page(page: Any, real_server: Server) -> None:
    """The builder's own links ("See your routine") make history entries; Back to one is not a
    link sent to you, and must not bring an older routine back over your edits."""
    page.goto(real_server.url + BUILDER)
    press(page, "Add Neck side tilt")
    page.get_by_role("link", name="See your routine").click()
    press(page, "Add Child's pose")
    page.go_back()
    page.wait_for_timeout(300)
    assert chosen(page) == ["Neck side tilt", "Child's pose"]
    assert page.locator("[data-lb-sent]").is_hidden()
    assert "childs-pose" in page.evaluate("location.hash")


def test_a_damaged_link_says_so_again_after_a_reload_until_the_routine_is_changed(
    page: Any, real_server: Server
) -> None:
    page.goto(real_server.url + BUILDER + "#r=1;10;3;Mine;cat-cow:10,neck-si")
    page.reload()
    expect(page.get_by_role("alert")).to_contain_text("cut short")
    assert chosen(page) == ["Cat-cow"]
    press(page, "Add Child's pose")
    assert page.evaluate("location.hash") == "#r=1;10;2;Mine;cat-cow:10,childs-pose:30"


def test_another_link_opened_in_the_same_tab_opens_its_routine(
    page: Any, real_server: Server
) -> None:
    page.goto(real_server.url + BUILDER + "#r=1;10;1;First;cat-cow:10")
    assert chosen(page) == ["Cat-cow"]
    # Only the part after "#" changes: the browser does not load the page again.
    page.evaluate("location.hash = '#r=1;15;2;Second;childs-pose:40,neck-side-tilt:20'")
    expect(page.locator(".lb-chosen-item").first).to_contain_text("Child's pose")
    assert chosen(page) == ["Child's pose", "Neck side tilt"]
    assert page.get_by_role("textbox", name="Routine name").input_value() == "Second"
    page.get_by_role("button", name="Open First").click()  # the first is kept, not lost
    assert chosen(page) == ["Cat-cow"]


def test_a_link_does_not_lose_the_draft_it_replaces(page: Any, real_server: Server) -> None:
    page.goto(real_server.url + BUILDER)
    press(page, "Add Neck side tilt")
    page.get_by_role("textbox", name="Routine name").fill("Mine")
    page.goto(real_server.url + "index.html")
    page.goto(real_server.url + BUILDER + "#r=1;10;1;Theirs;cat-cow:10")
    assert chosen(page) == ["Cat-cow"]
    page.get_by_role("button", name="Open Mine").click()
    assert chosen(page) == ["Neck side tilt"]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_built_routine_prints_as_a_one_page_sheet(
    page: Any, real_server: Server, paper: str, tmp_path: Path
) -> None:
    page.goto(real_server.url + BUILDER)
    eight = ["Cat-cow", "Doorway stretch", "Seated thoracic rotation", "Standing side stretch",
             "Neck side tilt", "Child's pose", "Foam roller upper back", "Cat-cow"]  # fmt: skip
    for name in eight:
        press(page, f"Add {name}")
    page.get_by_role("textbox", name="Routine name").fill("Whole back, twice the cat")
    text = " ".join(print_page(page, paper, tmp_path / "sheet.pdf").split())
    assert "Whole back, twice the cat" in text
    positions = [text.index(name) for name in ["Doorway stretch", "Seated thoracic rotation",
                                               "Foam roller upper back"]]  # fmt: skip
    assert positions == sorted(positions)
    assert text.count("Cat-cow") == 2
    assert "Hold 10 s on each side, 5 times, alternating sides" in text
    assert "Kneel on the floor and sit back toward your heels." in text
    for chrome in ("The library", "Share link", "Add ", "Start", "Saved on this device"):
        assert chrome not in text, chrome
    pictures = pictures_in_print(page)
    assert len(pictures) == 8 and all(height > 30 for height in pictures), pictures
    qr = page.locator(".lb-sheet .limber-qr svg").bounding_box()
    assert qr and qr["width"] > 80
    # Eight stretches: each one's cue, no more (the next test's few get more of their steps).
    flat = " ".join(text.split())
    assert not [name for name, more in _more_steps(eight) if more[:40] in flat]


def _more_steps(names: list[str]) -> list[tuple[str, str]]:
    stretches, _ = load_stretches(ROOT)
    by_name = {stretch.name: stretch for stretch in stretches.values()}
    return [(name, sheet_steps(by_name[name]).more) for name in names]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_sheet_of_a_few_stretches_prints_more_of_their_steps(
    page: Any, real_server: Server, paper: str, tmp_path: Path
) -> None:
    """A physiotherapist's three stretches: the patient's paper says how to do each one, not
    only how to start, and still on one page."""
    page.goto(real_server.url + BUILDER)
    three = ["Knees to chest", "Pelvic tilt", "Cat-cow"]
    for name in three:
        press(page, f"Add {name}")
    more = _more_steps(three)
    assert all(steps for _, steps in more)  # each has more steps than its cue
    flat = " ".join(print_page(page, paper, tmp_path / "sheet.pdf").split())
    assert [name for name, steps in more if steps not in flat] == []
    page.emulate_media(media="screen")  # on screen, the list keeps to the cues
    assert page.locator(".limber-more-steps:visible").count() == 0


def test_saved_routines_rename_delete_export_and_import(
    page: Any, real_server: Server, tmp_path: Path
) -> None:
    page.goto(real_server.url + BUILDER)
    press(page, "Add Cat-cow")
    page.get_by_role("textbox", name="Routine name").fill("Morning")
    page.get_by_role("button", name="Save this routine").click()
    page.get_by_role("button", name="Start a new routine").click()
    assert chosen(page) == []
    press(page, "Add Child's pose")
    page.get_by_role("button", name="Save this routine").click()  # unnamed: gets a name
    page.get_by_role("button", name="Rename Morning").click()
    field = page.get_by_role("textbox", name="New name for Morning")
    field.fill("Wake-up")
    field.press("Enter")
    names = page.locator(".lb-saved-name").all_inner_texts()
    assert [n.split("\n")[0].split(" 1 stretch")[0].strip() for n in names] == [
        "My routine 2",
        "Wake-up",
    ]
    with page.expect_download() as download:
        page.get_by_role("button", name="Export saved routines").click()
    exported = tmp_path / "routines.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert [r["name"] for r in data["routines"]] == ["My routine 2", "Wake-up"]
    page.get_by_role("button", name="Delete Wake-up").click()
    assert page.get_by_role("button", name="Open Wake-up").count() == 0
    page.get_by_role("button", name="Undo").click()
    page.get_by_role("button", name="Delete Wake-up").click()
    page.get_by_role("button", name="Delete My routine 2").click()
    bad = tmp_path / "notes.json"
    bad.write_text('{"shopping": ["milk"]}')
    page.locator("[data-lb-import-file]").set_input_files(str(bad))
    note = page.locator("[data-lb-saved-note]")
    note.filter(has_text="Nothing imported from notes.json").wait_for()
    assert "not a file of Limber routines" in note.inner_text()
    page.locator("[data-lb-import-file]").set_input_files(str(exported))
    note.filter(has_text="Imported 2 routines from routines.json").wait_for()
    page.get_by_role("button", name="Open Wake-up").click()
    assert chosen(page) == ["Cat-cow"]
    page.reload()
    assert page.get_by_role("button", name="Open My routine 2").is_visible()


def test_customise_opens_an_authored_routine_in_the_builder(page: Any, real_server: Server) -> None:
    page.goto(real_server.url + "routines/ease-upper-back-tightness.html")
    authored = page.locator(".lt-total").inner_text()
    page.get_by_role("link", name="Customise this routine").click()
    page.locator(".lb-chosen-item").nth(6).wait_for()
    assert len(chosen(page)) == 7 and chosen(page)[0] == "Cat-cow"
    assert page.get_by_role("textbox", name="Routine name").input_value() == (
        "Ease upper back tightness"
    )
    assert page.locator(".lt-total").inner_text() == authored
    page.get_by_text("Propose this routine for the library").click()
    text = page.get_by_role("textbox", name="Routine file text").input_value()
    assert text.startswith('---\ntitle: "Ease upper back tightness"\nrest: 10\nstretches:\n')
    assert "  - stretch: seated-thoracic-rotation\n    hold: 10\n    reps: 5\n" in text
    assert page.get_by_role("link", name="The contributor guide").is_visible()


def test_the_builder_works_from_the_folder(page: Any, context: Any, site_folder: Path) -> None:
    page.goto((site_folder / BUILDER).as_uri())
    press(page, "Add Neck side tilt")
    press(page, "Add Child's pose")
    assert_loaded(page.locator(".lb-chosen-item img.limber-pic").first)  # a file, by file://
    link = share_link(page)
    assert link.startswith((site_folder / BUILDER).as_uri() + "#r=1;10;2;")
    # A link to a file on this computer opens nowhere else: it says so, and has no QR code.
    expect(page.locator("[data-lb-hint]")).to_contain_text("its link works only on this device")
    assert page.locator(".lb-share [data-lb-qr] svg").count() == 0
    page.get_by_role("button", name="Start", exact=True).click()
    page.clock.run_for(5100)
    assert page.locator(".limber-timer [aria-live='polite']").inner_text() == "Left · Hold"
    page.goto(link)
    assert chosen(page) == ["Neck side tilt", "Child's pose"]
    assert context.hosts == {""}, context.hosts


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_on_the_builder(
    browser: Any, real_server: Server, width: int, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(real_server.url + BUILDER + "#r=1;10;3;Axe;cat-cow:10,doorway-stretch:20,nope:5")
    page.get_by_text("Propose this routine for the library").click()
    page.get_by_role("button", name="Save this routine").click()
    assert axe_serious(page) == []
    context.close()


def test_hostile_names_are_shown_as_text_in_the_builder(page: Any, fixture_server: Server) -> None:
    page.goto(fixture_server.url + BUILDER)
    hostile = '<img src=x onerror="window.__pwned=1">Hostile & "quoted"'
    press(page, f"Add {hostile}")
    assert chosen(page) == [hostile]
    assert page.evaluate("window.__pwned") is None
    assert stray_images(page) == 0


def test_a_change_while_playing_waits_for_reset(page: Any, real_server: Server) -> None:
    page.goto(real_server.url + BUILDER + "#r=1;10;2;A;cat-cow:10,doorway-stretch:15")
    page.get_by_role("button", name="Start", exact=True).click()
    page.clock.run_for(3000)
    page.get_by_role("combobox", name="Hold for Doorway stretch").select_option("30")
    assert "press Reset in the player" in page.locator("[data-lb-pending]").inner_text()
    assert page.locator(".limber-timer [aria-live='polite']").inner_text().startswith("Get ready")
    page.get_by_role("button", name="Reset", exact=True).click()
    page.clock.run_for(100)
    assert not page.locator("[data-lb-pending]").is_visible()
    assert page.locator(".lt-total").inner_text() == "Routine left 2:40"
    assert total(page) == "Total time 2:40"
    # The new player takes the focus the old one had, so Space or Enter starts it.
    page.keyboard.press("Enter")
    page.clock.run_for(100)
    assert page.locator(".limber-timer [aria-live='polite']").inner_text() == "Get ready · Cat-cow"


def test_dragging_reorders_too(page: Any, real_server: Server) -> None:
    three = "#r=1;10;3;A;cat-cow:10,doorway-stretch:15,childs-pose:30"
    page.goto(real_server.url + BUILDER + three)
    items = page.locator(".lb-chosen-item")
    items.nth(2).scroll_into_view_if_needed()  # the list in view, as a hand would have it
    items.nth(0).locator(".limber-thumb").drag_to(items.nth(2).locator(".limber-thumb"))
    assert chosen(page) == ["Doorway stretch", "Child's pose", "Cat-cow"]
    page.reload()
    assert chosen(page) == ["Doorway stretch", "Child's pose", "Cat-cow"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_tapped_button_does_not_stay_lit_but_a_keyboard_focus_does(
    browser: Any, real_server: Server, scheme: str
) -> None:
    """A phone keeps a tapped button focused and hovered until the next tap: in the accent
    colour, the last "Add" looked chosen and a running "Pause" like an alarm. The accent still
    shows a keyboard's focus."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, color_scheme=scheme
    )
    try:
        page = context.new_page()
        page.goto(real_server.url + BUILDER)
        page.add_style_tag(content="* { transition: none !important; }")  # colours at once

        def colours(button: Any) -> tuple[str, str]:
            return tuple(  # type: ignore[return-value]
                button.evaluate(
                    "b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]"
                )
            )

        tapped = page.get_by_role("button", name="Add Cat-cow", exact=True)
        idle = colours(tapped)
        tapped.tap()
        assert chosen(page) == ["Cat-cow"]
        assert tapped.evaluate("button => button === document.activeElement")
        assert colours(tapped) == idle
        # A primary button, as the routine's Start and the running Pause are.
        start = page.get_by_role("button", name="Start", exact=True)
        primary = colours(start)
        start.tap()
        pause = page.get_by_role("button", name="Pause", exact=True)
        expect(pause).to_be_focused()
        assert colours(pause) == primary
        # Reached with the keyboard, a button shows the accent.
        keyed = page.get_by_role("button", name="Add Child's pose", exact=True)
        keyed.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        expect(keyed).to_be_focused()
        assert colours(keyed) != idle
    finally:
        context.close()


def test_the_library_finds_by_word_and_says_when_nothing_matches(
    page: Any, real_server: Server
) -> None:
    page.goto(real_server.url + BUILDER)
    find = page.get_by_role("searchbox", name="Find")
    items = page.locator(".lb-item:visible .lb-item-text > a")
    count = page.locator("[data-lb-count]")
    find.fill("hamstring")
    names = items.all_inner_texts()
    assert "Strap hamstring stretch" in names and "Cat-cow" not in names
    assert count.inner_text() == f"Showing {len(names)} of {len(real_names())} stretches"
    find.fill("zebra")  # a word alone: the word is what to change
    expect(items).to_have_count(0)
    assert (
        count.inner_text() == "No stretch mentions “zebra”. Try another word, or clear the filters."
    )
    find.fill("")  # filters together: one of them is what to change
    library = page.locator("[data-lb-filters]")
    set_filters_that_leave_nothing(library)
    expect(items).to_have_count(0)
    assert count.inner_text() == (
        "No stretch matches all of these. Set one back to “Any”, or clear the filters."
    )
    library.get_by_role("button", name="Clear", exact=True).click()
    page.clock.run_for(10)  # the list updates a task after the form's reset
    expect(items).to_have_count(len(real_names()))


def test_a_chosen_stretchs_dose_is_said_once(page: Any, real_server: Server) -> None:
    """Its menus say the dose; words under them say only what the menus leave out (the sides)."""
    page.goto(real_server.url + BUILDER)
    for name in ("Child's pose", "Doorway stretch"):
        press(page, f"Add {name}")
    childs_pose, doorway = page.locator(".lb-chosen-item").all()
    expect(childs_pose.get_by_role("combobox", name="Hold for Child's pose")).to_have_value("30")
    assert "Hold 30 s" not in childs_pose.inner_text()  # the menu says it
    assert "Hold 15 s on each side" in doorway.inner_text()


def test_nothing_floats_over_the_librarys_add_buttons(page: Any, real_server: Server) -> None:
    """Scrolling back up the library, every part of each Add button in view can be pressed
    where it shows: the theme's "Back to top" appeared over the middle of the list."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(real_server.url + BUILDER)
    press(page, "Add Cat-cow")
    page.clock.resume()
    page.mouse.move(640, 400)
    page.mouse.wheel(0, 4000)
    for up in (250, 400, 600):  # scrolling up is when the theme shows its button
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -up)
        page.wait_for_timeout(600)
        covered = page.evaluate(
            """() => {
            // What shows between the header and the tally, both over the list by design.
            const top = document.querySelector(".md-header").getBoundingClientRect().bottom;
            const bottom = document.querySelector(".lb-tally").getBoundingClientRect().top;
            return [...document.querySelectorAll(".lb-add")].filter(button => {
              const box = button.getBoundingClientRect();
              const points = [];
              for (const x of [box.left + 4, box.left + box.width / 2, box.right - 4])
                for (let y = box.top + 3; y < box.bottom; y += 8)
                  if (y > top && y < bottom) points.push([x, y]);
              return points.some(([x, y]) => !button.contains(document.elementFromPoint(x, y)));
            }).map(button => button.getAttribute("data-lb-add"));
          }"""
        )
        assert covered == [], up


def test_a_routine_from_a_link_says_what_it_is_and_starts_from_the_top(
    page: Any, real_server: Server
) -> None:
    """A patient opening a physiotherapist's link on a phone came to an editor, its Start two
    screens down: the routine now says what it is, with its Start and Print, first, until
    another routine takes its place."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(real_server.url + BUILDER + "#r=1;15;3;Lower back;knees-to-chest:45,pelvic-tilt:8")
    sent = page.locator("[data-lb-sent]")
    expect(sent).to_contain_text("Sent to you: “Lower back”, 2 stretches, about 2 minutes.")
    # A handout: each stretch, its dose and, a tap away, how to do it.
    handout = sent.locator("li")
    expect(handout).to_have_count(2)
    expect(handout.nth(0).locator("p").first).to_have_text("Knees to chest · Hold 45 s")
    expect(handout.nth(1).locator("p").first).to_have_text("Pelvic tilt · 8 slow breaths")
    knees = load_stretches(ROOT)[0]["knees-to-chest"]
    how = handout.nth(0).locator("details")
    expect(how.locator("p")).to_be_hidden()
    how.get_by_text("How to do it").click()
    expect(how.locator("p")).to_have_text(" ".join(sheet_steps(knees)[:2]))
    start = sent.get_by_role("button", name="Start the routine")
    box, name = start.bounding_box(), page.get_by_role("textbox", name="Routine name")
    assert box and box["y"] + box["height"] < 844  # on the first screen
    assert box["y"] < (name.bounding_box() or {"y": 0})["y"]  # before the editing
    start.click()
    player = page.locator("[data-lb-player]")
    expect(player).to_have_attribute("data-status", "running")
    expect(player.get_by_role("button", name="Pause", exact=True)).to_be_focused()
    press(page, "Add Child's pose")  # changed, it stays (the page must not jump): 3 stretches
    expect(sent).to_contain_text("“Lower back”, 3 stretches")
    page.get_by_role("button", name="Start a new routine").click()  # another routine
    expect(sent).to_be_hidden()
    page.goto(real_server.url + BUILDER + "#r=7;10;1;x;cat-cow:10")  # nothing could be read
    page.reload()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(sent).to_be_hidden()


def test_your_own_routine_reloaded_is_not_one_sent_to_you(page: Any, real_server: Server) -> None:
    """The address holds every routine's code: your own, reloaded, came back as "Sent to you";
    a sent one, reloaded, still is one; pressing its Start twice does not start it over."""
    page.goto(real_server.url + BUILDER)
    press(page, "Add Cat-cow")
    page.reload()
    assert chosen(page) == ["Cat-cow"]
    expect(page.locator("[data-lb-sent]")).to_be_hidden()
    page.goto(real_server.url + "index.html")
    page.goto(real_server.url + BUILDER + "#r=1;15;2;Sent;knees-to-chest:45,pelvic-tilt:8")
    page.reload()
    sent = page.locator("[data-lb-sent]")
    expect(sent).to_contain_text("Sent to you: “Sent”")
    start = sent.get_by_role("button", name="Start the routine")
    start.click()
    player = page.locator("[data-lb-player]")
    expect(player).to_have_attribute("data-status", "running")
    page.clock.run_for(8000)
    said = player.locator(".lt-step").inner_text()
    assert not said.startswith("Get ready"), said  # under way
    start.click()  # again: brought into view and focused, not started over
    expect(player).to_have_attribute("data-status", "running")
    assert player.locator(".lt-step").inner_text() == said
    expect(player.get_by_role("button", name="Pause", exact=True)).to_be_focused()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_most_stretches_that_print_their_next_steps_still_print_on_one_page(
    page: Any, real_server: Server, paper: str, tmp_path: Path
) -> None:
    stretches, _ = load_stretches(ROOT)
    ranked = by_sheet_text(stretches.values())
    # As many of the longest as the rule lets print their next steps (six): one page still.
    most = max(n for n in range(1, len(ranked)) if sheet_room(ranked[:n]).more)
    assert most >= 4 and not sheet_room(ranked[: most + 1]).more
    longest = ranked[:most]
    page.goto(real_server.url + BUILDER)
    for stretch in longest:
        press(page, f"Add {stretch.name}")
    flat = " ".join(print_page(page, paper, tmp_path / "sheet.pdf").split())  # one page, or fails
    assert all(sheet_steps(stretch).more[-30:] in flat for stretch in longest)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_sheet_with_room_prints_larger_and_still_on_one_page(
    context: Any, real_server: Server, paper: str, tmp_path: Path
) -> None:
    """A sheet for the wall reads from across the room when it can: at each larger size, the
    most of the longest stretches and the most of the shortest the rule prints at it still
    print on one page, in that size, pictures and headings grown with the type."""
    stretches, _ = load_stretches(ROOT)
    ranked = by_sheet_text(stretches.values())
    assert [sheet_room(ranked[:n]).points for n in (2, 12)] == [max(LARGER_POINTS), BASE_POINTS]
    edges = {}  # (size, which end of the ranking): the most stretches printed at that size
    for end, pool in (("longest", ranked), ("shortest", ranked[::-1])):
        for n in range(1, 13):
            if (points := sheet_room(pool[:n]).points) in LARGER_POINTS:
                edges[points, end] = pool[:n]
    assert {points for points, _ in edges} == set(LARGER_POINTS)
    page = context.new_page()
    page.goto(real_server.url + BUILDER)
    # The longest name a routine may have, which at these sizes takes two lines.
    title = "Mrs López, lower back and hips: each morning and each night."
    assert len(title) == TITLE_LIMIT
    for (points, end), chosen_ones in sorted(edges.items()):
        press(page, "Start a new routine")
        page.get_by_role("textbox", name="Routine name").fill(title)
        for stretch in chosen_ones:
            press(page, f"Add {stretch.name}")
        target = tmp_path / f"{points}-{end}.pdf"
        flat = " ".join(print_page(page, paper, target).split())  # one page, or fails
        assert chosen_ones[-1].name in flat, (points, end)
        name = page.locator(".lb-sheet .limber-routine a").first
        size = float(name.evaluate("a => getComputedStyle(a).fontSize").removesuffix("px"))
        assert size == pytest.approx(points * 1.1 * 4 / 3, abs=0.1), (points, end)  # 1.1 em, in px
        assert min(pictures_in_print(page)) > 13 * points / BASE_POINTS * 96 / 25.4 - 1
        heading = page.locator(".lb-sheet-title")
        assert (
            title in flat
            and heading.evaluate("h => parseFloat(getComputedStyle(h).fontSize)") > size
        )
        page.emulate_media(media="screen")
