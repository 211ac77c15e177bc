"""The timer's step plan, built by timer.js itself in Node: input and output side by side."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from typing import Any

import pytest

from limber import messages, timing
from limber.loading import load_library
from limber.timer import dose_data

from ..conftest import ROOT

SCRIPT = ROOT / "hooks" / "limber" / "assets" / "timer.js"
NODE = shutil.which("node")
WORDS = json.dumps(messages.load("en").script_words())  # the page carries them in LimberData
RUNNER = """
const timer = require(process.argv[1]);
timer.useMessages(JSON.parse(process.argv[2]));
let input = "";
process.stdin.on("data", (chunk) => (input += chunk)).on("end", () => {
  const out = JSON.parse(input).map(({ config, choice, elapsed }) => {
    const plan = timer.buildPlan(config, choice);
    return {
      steps: plan.map((s) => [s.type, s.duration, s.side || ""]),
      full: plan.map((s) => [s.type, s.duration, s.side || "", s.item, s.rep || 0, s.reps || 0,
        s.kind || "", s.breaths || 0]),
      words: plan.map((s, i) => timer.describe(config, plan, i, elapsed || 0)),
      total: timer.totalSeconds(plan),
    };
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def run(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if NODE is None:
        if os.environ.get("LIMBER_REQUIRE_BROWSER") == "1":
            pytest.fail("node is required here")
        pytest.skip("node not installed")
    result = subprocess.run(
        [NODE, "-e", RUNNER, str(SCRIPT), WORDS], input=json.dumps(cases), capture_output=True,
        text=True, check=True, timeout=60,
    )  # fmt: skip
    return list(json.loads(result.stdout))


def config(*items: dict[str, Any], rest: int = 0) -> dict[str, Any]:
    return {"items": list(items), "rest": rest, "settings": timing.settings()}


def item(name: str = "A", kind: str = "hold", amount: Any = (15, 30), reps: Any = (1, 1),
         sides: str = "none", cues: dict[str, str] | None = None) -> dict[str, Any]:  # fmt: skip
    data = {"name": name, "kind": kind, "amount": list(amount), "reps": list(reps), "sides": sides}
    if cues:
        data["cues"] = cues
    return data


def test_a_per_side_hold_goes_left_switch_right_done() -> None:
    [plan] = run([{"config": config(item(sides="both"))}])
    assert plan["steps"] == [
        ["ready", 5, ""], ["work", 15, "Left"], ["switch", 5, "Right"], ["work", 15, "Right"],
        ["done", 0, ""],
    ]  # fmt: skip
    assert plan["words"] == [
        "Get ready · A · Left side first", "Left · Hold", "Switch sides · Right next",
        "Right · Hold", "Done · Well done",
    ]  # fmt: skip


def test_both_sides_do_every_rep_on_the_left_first() -> None:
    [plan] = run([{"config": config(item(amount=(10, 10), reps=(2, 2), sides="both"))}])
    sides = [side for kind, _, side in plan["steps"] if kind == "work"]
    assert sides == ["Left", "Left", "Right", "Right"]
    assert [kind for kind, _, _ in plan["steps"]][2:6] == ["gap", "work", "switch", "work"]


def test_alternating_reps_alternate_with_short_gaps() -> None:
    [plan] = run([{"config": config(item(amount=(10, 10), reps=(2, 3), sides="alternate"))}])
    work = [(duration, side) for kind, duration, side in plan["steps"] if kind == "work"]
    assert work == [(10, "Left"), (10, "Right"), (10, "Left"), (10, "Right")]
    assert ["gap", timing.REP_GAP, "Right"] in plan["steps"]
    assert "Left · Hold · 2 of 2" in plan["words"]


def test_ranges_start_low_and_a_choice_reaches_the_high_end() -> None:
    cases = [
        {"config": config(item(reps=(2, 4)))},
        {"config": config(item(reps=(2, 4))), "choice": {"amount": 1, "reps": 1}},
    ]
    low, high = run(cases)
    assert [d for k, d, _ in low["steps"] if k == "work"] == [15, 15]
    assert [d for k, d, _ in high["steps"] if k == "work"] == [30, 30, 30, 30]


def test_breaths_name_the_phase_and_its_cue() -> None:
    cues = {"inhale": "Cow: lift the chest", "exhale": "Cat: round the back"}
    breathing = config(item(kind="breaths", amount=(10, 15), cues=cues))
    inhale, exhale = run([{"config": breathing, "elapsed": 1}, {"config": breathing, "elapsed": 5}])
    assert inhale["steps"][1] == ["work", 10 * (timing.INHALE + timing.EXHALE), ""]
    assert inhale["words"][1] == "Inhale · Cow: lift the chest"
    assert exhale["words"][1] == "Exhale · Cat: round the back"
    [slow] = run([{"config": breathing, "choice": {"inhale": 5, "exhale": 5}}])
    assert slow["steps"][1][1] == 100


def test_a_routine_rests_between_stretches_and_ends_on_done() -> None:
    [plan] = run([{"config": config(item("A"), item("B", amount=(30, 30)), rest=10)}])
    assert [kind for kind, _, _ in plan["steps"]] == ["ready", "work", "rest", "work", "done"]
    assert plan["words"][2] == "Rest · Next: B"
    assert plan["total"] == 5 + 15 + 10 + 30


def test_the_page_estimates_match_the_timer_for_all_real_content() -> None:
    library = load_library(ROOT, ROOT / "docs")
    cases = []
    expected = []
    for stretch in library.stretches.values():
        one = config(dose_data(stretch.name, stretch.dose))
        cases += [{"config": one}, {"config": one, "choice": {"amount": 1, "reps": 1}}]
        seconds = stretch.dose.seconds
        expected += [timing.GET_READY + seconds.low, timing.GET_READY + seconds.high]
    for routine in library.routines.values():
        items = [dose_data(i.stretch.name, i.dose) for i in routine.items]
        whole = config(*items, rest=routine.rest)
        cases += [{"config": whole}, {"config": whole, "choice": {"amount": 1, "reps": 1}}]
        expected += [routine.seconds.low, routine.seconds.high]
    assert [plan["total"] for plan in run(cases)] == expected


def python_steps(steps: tuple[timing.Step, ...]) -> list[list[Any]]:
    return [[s.type, s.duration, s.side, s.item, s.rep, s.reps, s.kind, s.breaths] for s in steps]


def test_the_audio_plan_is_the_timers_plan_for_every_routine_and_dose() -> None:
    """The routine MP3s are laid out on ``timing.build_plan``: it must match timer.js step for
    step (type, length, side, stretch, rep), for the real routines and every kind of dose."""
    library = load_library(ROOT, ROOT / "docs")
    routines = list(library.routines.values())
    cases = [
        {"config": config(*[dose_data(i.stretch.name, i.dose) for i in r.items], rest=r.rest)}
        for r in routines
    ]
    expected = [python_steps(r.shortest_plan) for r in routines]
    shapes = [
        item(sides="both", reps=(2, 3)),
        item(sides="alternate", reps=(3, 3)),
        item(kind="breaths", amount=(5, 8), sides="both"),
        item(reps=(2, 2)),
    ]
    cases.append({"config": config(*shapes, rest=7)})
    expected.append(
        python_steps(
            timing.build_plan(
                [timing.PlanItem(x["name"], x["kind"], x["amount"][0], x["reps"][0], x["sides"])
                 for x in shapes],
                7,
            )
        )
    )  # fmt: skip
    assert [plan["full"] for plan in run(cases)] == expected
