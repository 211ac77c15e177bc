"""The share-link codec and the routine file text, run by builder.js itself in Node.

Property-style: many random routines, from a fixed seed, go through the link and come back the
same; every cut of a link opens what it can and says what it lost, never throws.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import string
import subprocess
from pathlib import Path
from typing import Any

import pytest

from limber import builder, messages, timing
from limber.cli import main as limber_main
from limber.loading import load_library
from limber.model import Span
from limber.paths import slugify
from limber.sheet import (
    BASE_POINTS,
    LARGER_POINTS,
    sheet_room,
)
from limber.timer import dose_data
from limber.wording import dose_text, minutes_text

from ..conftest import ROOT, by_sheet_text, make_site

SCRIPT = ROOT / "hooks" / "limber" / "assets" / "builder.js"
TIMER = ROOT / "hooks" / "limber" / "assets" / "timer.js"
NODE = shutil.which("node")
RUNNER = """
const builder = require(process.argv[1]);
const timer = require(process.argv[2]);
builder.useMessages(JSON.parse(process.argv[3]));
let input = "";
process.stdin.on("data", (chunk) => (input += chunk)).on("end", () => {
  const { calls, library, settings } = JSON.parse(input);
  const out = calls.map(([name, arg]) => {
    switch (name) {
      case "encode": return builder.encode(arg);
      case "decode": return builder.decode(arg);
      case "open": return builder.resolve(builder.decode(arg), library);
      case "dose": return builder.doseText(library[arg.slug], arg.amount, arg.reps);
      case "minutes": return builder.minutesText(arg);
      case "proposal": return builder.proposal(arg, library);
      case "import": return builder.readExport(arg, library);
      case "export": return builder.exportText(arg);
      case "sheetRoom": return builder.sheetRoom(arg.items, library, arg.room);
      case "slugify": return builder.slugify(arg);
      case "total":
        return timer.totalSeconds(timer.buildPlan(builder.playerConfig(arg, library, settings)));
    }
  });
  process.stdout.write(JSON.stringify(out));
});
"""
LIBRARY = load_library(ROOT, ROOT / "docs")
WORDS = json.dumps(messages.load("en").script_words())  # the page carries them in LimberData


def library_data() -> dict[str, Any]:
    return {
        slug: {**dose_data(s.name, s.dose), "slug": slug} for slug, s in LIBRARY.stretches.items()
    }


def run(*calls: tuple[str, Any], library: dict[str, Any] | None = None) -> list[Any]:
    if NODE is None:
        if os.environ.get("LIMBER_REQUIRE_BROWSER") == "1":
            pytest.fail("node is required here")
        pytest.skip("node not installed")
    data = {"calls": calls, "library": library or library_data(), "settings": timing.settings()}
    result = subprocess.run(
        [NODE, "-e", RUNNER, str(SCRIPT), str(TIMER), WORDS], input=json.dumps(data),
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return list(json.loads(result.stdout))


def random_routine(rng: random.Random, slugs: list[str]) -> dict[str, Any]:
    alphabet = string.ascii_letters + string.digits + " ;:,%#&=?!'()*~-_.é…✓🙂\\\"/"
    title = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 70)))
    items = [
        {"slug": rng.choice(slugs), "amount": rng.randint(1, 9999), "reps": rng.randint(1, 999)}
        for _ in range(rng.randint(0, 25))
    ]
    return {"title": title, "rest": rng.randint(0, 600), "items": items}


def clipped(title: str) -> str:
    # The link keeps the first 60 UTF-16 code units' worth of whole characters, as the script
    # does with Array.from (code points).
    return "".join(list(title)[: builder.TITLE_LIMIT])


def test_random_routines_come_back_the_same() -> None:
    rng = random.Random(1913)
    slugs = [*LIBRARY.stretches, "a", "x-1-y", "z9"]
    routines = [random_routine(rng, slugs) for _ in range(300)]
    codes = run(*(("encode", r) for r in routines))
    decoded = run(*(("decode", code) for code in codes))
    for routine, code, back in zip(routines, codes, decoded, strict=True):
        assert back["problems"] == [], (routine, code)
        assert back["version"] == 1
        assert back["title"] == clipped(routine["title"])
        assert back["rest"] == routine["rest"]
        assert back["items"] == routine["items"]
        assert "#" not in code and " " not in code


def test_python_encodes_what_the_script_encodes() -> None:
    rng = random.Random(7)
    routines = [random_routine(rng, list(LIBRARY.stretches)) for _ in range(100)]
    codes = run(*(("encode", r) for r in routines))
    for routine, code in zip(routines, codes, strict=True):
        items = [(i["slug"], i["amount"], i["reps"]) for i in routine["items"]]
        assert builder.share_code(routine["title"], routine["rest"], items) == code


def test_an_authored_routine_opens_in_the_builder_at_its_starting_doses() -> None:
    routine = LIBRARY.routines["ease-upper-back-tightness"]
    [opened] = run(("open", builder.routine_code(routine)))
    assert opened["problems"] == []
    assert [i["slug"] for i in opened["items"]] == [i.stretch.slug for i in routine.items]
    assert opened["items"][2] == {"slug": "seated-thoracic-rotation", "amount": 10, "reps": 5}
    assert opened["title"] == "Ease upper back tightness" and opened["rest"] == 10
    [seconds] = run(("total", opened))
    assert seconds == routine.seconds.low  # the builder's total is the player's plan


def test_twenty_stretches_fit_in_two_thousand_characters() -> None:
    # The longest slugs of the library, padded to 50 characters, the longest doses, and a name
    # of 60 characters that each take 9 when escaped: the worst a link of 20 stretches gets.
    slug = ("-".join(["stretch"] * 10))[:50].rstrip("-")
    routine = {
        "title": "✓" * 80,
        "rest": 600,
        "items": [{"slug": slug, "amount": 9999, "reps": 999}] * 20,
    }
    [code] = run(("encode", routine))
    url = "https://stretch-library.example.org/limber/builder.html#r=" + code
    assert len(url) <= 2000, len(url)
    [back] = run(("decode", code))
    assert back["title"] == "✓" * builder.TITLE_LIMIT and len(back["items"]) == 20


def test_other_versions_and_garbage_are_refused_with_a_reason() -> None:
    newer, older, garbage, empty = run(
        ("decode", "2;10;1;x;cat-cow:10"),
        ("decode", "0;10;1;x;cat-cow:10"),
        ("decode", "%%%zz<script>"),
        ("decode", ""),
    )
    assert (
        newer["items"] == [] and "newer version of Limber (link version 2)" in newer["problems"][0]
    )
    assert older["items"] == [] and "older version" in older["problems"][0]
    assert garbage["items"] == [] and garbage["problems"] == [
        "The link holds no routine this page can read."
    ]
    assert empty["problems"] and empty["items"] == []


def test_every_cut_of_a_link_opens_what_it_can_and_says_so() -> None:
    code = builder.share_code("Desk break", 15, [("cat-cow", 12, 1), ("doorway-stretch", 20, 1),
                                                 ("neck-side-tilt", 15, 1)])  # fmt: skip
    cuts = [code[:n] for n in range(len(code))]
    opened = run(*(("open", cut) for cut in cuts))
    for cut, result in zip(cuts, opened, strict=True):
        assert result["problems"], cut  # a cut link never passes for a whole one
        assert len(result["items"]) <= 3
        for item in result["items"]:
            assert item["slug"] in LIBRARY.stretches
    whole = run(("open", code))[0]
    assert whole["problems"] == [] and len(whole["items"]) == 3


def test_a_name_passed_on_with_plus_for_spaces_reads_with_spaces() -> None:
    [opened] = run(("open", "1;10;1;Mrs+Lopez%2B1;cat-cow:10"))
    assert opened["title"] == "Mrs Lopez+1" and opened["problems"] == []


def test_the_script_finds_room_on_a_sheet_as_the_build_does() -> None:
    """The builder's sheet and an authored routine's page decide alike whether the page has
    room for each stretch's next steps and what size its type is: at the rules' edges too (the
    longest that fit, and one more; every size from two stretches to twelve, from either end),
    and for every routine."""
    stretches = list(LIBRARY.stretches.values())
    ranked = by_sheet_text(stretches)
    most = max(n for n in range(1, len(ranked)) if sheet_room(ranked[:n]).more)
    sets = [
        ranked[:most],
        ranked[: most + 1],
        *(pool[:n] for pool in (ranked, ranked[::-1]) for n in range(1, 13)),
        *([i.stretch for i in r.items] for r in LIBRARY.routines.values()),
    ]
    data = {s.slug: builder._stretch_data(s, s.slug) for s in stretches}
    calls = [
        (
            "sheetRoom",
            {"items": [{"slug": s.slug} for s in chosen], "room": builder.sheet_measures()},
        )
        for chosen in sets
    ]
    expected = [sheet_room(chosen)._asdict() for chosen in sets]
    assert run(*calls, library=data) == expected
    assert most == 6  # as measured on A4 and Letter (limber/sheet.py)
    assert {room["points"] for room in expected} == {*LARGER_POINTS, BASE_POINTS}


def test_a_proposed_file_name_is_the_one_the_build_would_give() -> None:
    names = ["Sra. López – espalda", "Straße", "Łódź", "Ærø", "½ hour", "Café au lait", "🙂"]
    assert run(*(("slugify", name) for name in names)) == [slugify(name) for name in names]


def test_a_proposed_file_name_keeps_the_letters_of_an_accented_name() -> None:
    routine = {"title": "Sra. López – espalda", "rest": 10, "items": [
        {"slug": "cat-cow", "amount": 12, "reps": 1}]}  # fmt: skip
    [proposal] = run(("proposal", routine))
    assert proposal["path"] == "docs/routines/sra-lopez-espalda.md"


def test_unknown_stretches_are_left_out_and_doses_brought_into_range() -> None:
    [opened] = run(
        ("open", "1;10;4;Mine;cat-cow:99,no-such-stretch:20,constructor:5,doorway-stretch:1:9")
    )
    assert [i["slug"] for i in opened["items"]] == ["cat-cow", "doorway-stretch"]
    assert opened["items"][0]["amount"] == 15  # cat-cow allows 10–15 breaths
    assert opened["items"][1] == {"slug": "doorway-stretch", "amount": 15, "reps": 1}
    text = " ".join(opened["problems"])
    assert "“no-such-stretch” is not in this library" in text
    assert "“constructor” is not in this library" in text
    assert "Cat-cow: the dose in the link is outside its range, so it is 15 slow breaths." in text


def test_the_script_words_doses_as_the_pages_do() -> None:
    cases, expected = [], []
    for slug, stretch in LIBRARY.stretches.items():
        dose = stretch.dose
        for amount in {dose.amount.low, dose.amount.high}:
            for reps in {dose.reps.low, dose.reps.high, 1, 2}:
                cases.append(("dose", {"slug": slug, "amount": amount, "reps": reps}))
                single = dose.overridden(Span(amount, amount), Span(reps, reps))
                expected.append(dose_text(single))
    assert run(*cases) == expected


def test_a_proposed_routine_passes_limber_check(tmp_path: Path, capsys: Any) -> None:
    routine = {
        "title": 'Desk: "quick" break',
        "rest": 15,
        "items": [
            {"slug": "cat-cow", "amount": 12, "reps": 1},
            {"slug": "seated-thoracic-rotation", "amount": 10, "reps": 7},
            {"slug": "doorway-stretch", "amount": 25, "reps": 1},
        ],
    }
    [proposal] = run(("proposal", routine))
    assert proposal["path"] == "docs/routines/desk-quick-break.md"
    site = make_site(tmp_path / "site")
    (site / proposal["path"]).write_text(proposal["text"], encoding="utf-8")
    assert limber_main(["--root", str(site), "check"]) == 0, capsys.readouterr()
    loaded = load_library(site, site / "docs").routines["desk-quick-break"]
    assert loaded.title == 'Desk: "quick" break' and loaded.rest == 15
    assert [str(i.dose.amount) for i in loaded.items] == ["12", "10", "25"]
    assert [str(i.dose.reps) for i in loaded.items] == ["1", "7", "1"]


def test_an_exported_file_imports_and_a_bad_one_says_why() -> None:
    routines = [
        {"title": "Morning", "rest": 5, "items": [{"slug": "cat-cow", "amount": 10, "reps": 1}]},
        {
            "title": "Evening",
            "rest": 20,
            "items": [{"slug": "seated-thoracic-rotation", "amount": 10, "reps": 6}],
        },
    ]
    [text] = run(("export", routines))
    broken = json.loads(text)
    broken["routines"][1]["stretches"].append({"stretch": "gone-stretch", "amount": 5})
    good, partial, not_json, not_ours = run(
        ("import", text), ("import", json.dumps(broken)), ("import", "{oops"),
        ("import", json.dumps({"hello": 1})),
    )  # fmt: skip
    assert [(r["title"], r["rest"], r["items"]) for r in good["routines"]] == [
        (r["title"], r["rest"], r["items"]) for r in routines
    ]
    assert good["problems"] == []
    assert partial["problems"] == [
        "Evening: “gone-stretch” is not in this library (renamed or removed?), so it was left out."
    ]
    assert not_json["error"].startswith("it is not JSON")
    assert "not a file of Limber routines" in not_ours["error"]


def test_the_built_sheet_says_minutes_as_the_authored_one() -> None:
    seconds = list(range(0, 3700, 15))
    assert run(*(("minutes", n) for n in seconds)) == [minutes_text(Span(n, n)) for n in seconds]
