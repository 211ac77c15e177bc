"""Validation: one fixture file per rule, each with the exact message a contributor sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from limber.content import check_text
from limber.loading import load_library, load_routines, load_stretches
from limber.model import Stretch
from limber.problems import ContentError, Problem

from .conftest import FIXTURES, ROOT

INVALID = FIXTURES / "invalid"
AREAS = (
    "neck, shoulders, chest, upper-back, mid-back, lower-back, lats, spine, arms, wrists, hips, "
    "glutes, hamstrings, quads, calves"
)
_MAXIMUM = {"seconds": 600, "breaths": 100, "repetitions": 50}


class _Count(str):
    def format(self, unit: str) -> str:  # type: ignore[override]
        top = _MAXIMUM[unit]
        return (
            f"a whole number of {unit} from 1 to {top}, or [min, max] with 0 < min <= max <= {top}"
        )


COUNT = _Count()
DOSE = "exactly one of hold (seconds) or breaths (breath cycles)"
OWN_WORDS = "your own words (replace the example text from limber new)"
SELF_CARE = (
    "words of gentle self-care: say what the reader may feel, not what the stretch cures, "
    "fixes or treats (see the content rules in the contributor guide)"
)

STRETCH_RULES = {
    "unknown-key": [
        "stretches/unknown-key.md:6: holds: unknown field; allowed: name, aliases, summary, "
        "areas, position, equipment, level, hold, breaths, sides, reps, cues, muscles, "
        "cautions, figure, author, source, license (did you mean 'hold'?)"
    ],
    "wrong-type": [
        "stretches/wrong-type.md:7: level: found 3; allowed: beginner | intermediate | advanced",
        "stretches/wrong-type.md:8: cautions: found true; allowed: a list of at most 12 texts",
    ],
    "unknown-area": [
        "stretches/unknown-area.md:4: areas: found 'shoulder' (did you mean 'shoulders'?); "
        f"allowed: a list of one or more of: {AREAS}"
    ],
    "empty-areas": [
        f"stretches/empty-areas.md:4: areas: found []; allowed: a list of one or more of: {AREAS}"
    ],
    "unknown-equipment": [
        "stretches/unknown-equipment.md:6: equipment: found 'foam roller' (did you mean "
        "'foam-roller'?); allowed: a list of any of: chair, doorway, wall, foam-roller, "
        "massage-ball, yoga-block, strap, mat, towel"
    ],
    "unknown-position": [
        "stretches/unknown-position.md:5: position: found 'standng'; allowed: standing | seated | "
        "kneeling | all-fours | lying (did you mean 'standing'?)"
    ],
    "bad-range": [
        f"stretches/bad-range.md:6: hold: found [30, 15]; allowed: {COUNT.format('seconds')}"
    ],
    "fractional-seconds": [
        f"stretches/fractional-seconds.md:6: hold: found 12.5; allowed: {COUNT.format('seconds')}"
    ],
    "zero-reps": [
        f"stretches/zero-reps.md:7: reps: found 0; allowed: {COUNT.format('repetitions')}",
        "stretches/zero-reps.md:8: sides: found 'bothe'; allowed: none | both | alternate "
        "(did you mean 'both'?)",
    ],
    "missing-dose": [
        f"stretches/missing-dose.md:1: hold: found neither hold nor breaths; allowed: {DOSE}"
    ],
    "both-doses": [
        f"stretches/both-doses.md:7: breaths: found both hold and breaths; allowed: {DOSE}"
    ],
    "cues-with-hold": [
        "stretches/cues-with-hold.md:7: cues: found cues on a stretch without breaths; "
        "allowed: cues only with breaths"
    ],
    "bad-cue-key": [
        "stretches/bad-cue-key.md:7: cues: found the key 'inhal' (did you mean 'inhale'?); "
        "allowed: a mapping of inhale and exhale to one line of text"
    ],
    "Bad_Slug": [
        "stretches/Bad_Slug.md: slug: found the file name 'Bad_Slug.md'; allowed: lowercase "
        "letters, digits and single hyphens (did you mean 'bad-slug.md'?)"
    ],
    "malformed-yaml": [
        "stretches/malformed-yaml.md:5: front-matter: found malformed YAML (did not find "
        "expected ',' or ']'); allowed: YAML 'key: value' lines"
    ],
    "not-utf8": [
        "stretches/not-utf8.md:2: encoding: found the byte 0xe9, which is not UTF-8; "
        "allowed: UTF-8 text (save the file as UTF-8)"
    ],
    "no-front-matter": [
        "stretches/no-front-matter.md:1: front-matter: found none; allowed: a file that starts "
        "with a '---' line, YAML fields, '---'"
    ],
    "missing-summary": [
        "stretches/missing-summary.md:1: summary: found nothing; required: one sentence saying "
        "what the stretch does"
    ],
    "long-summary": [
        "stretches/long-summary.md:3: summary: found 175 characters; allowed: one line of text "
        "of at most 160 characters"
    ],
    "empty-body": [
        "stretches/empty-body.md:8: body: found nothing after the front-matter; allowed: "
        "numbered steps, then tips"
    ],
    "duplicate-key": ["stretches/duplicate-key.md:7: hold: found this key twice; allowed: once"],
    "figure-bad-joint": [
        "stretches/figure-bad-joint.md:7: figure: adjust: found the joint 'elbw' (did you mean "
        "'elbow'?); allowed: a mapping of joints (trunk, chest, neck, head, twist, shoulder, "
        "elbow, wrist, hip, knee, ankle, far_shoulder, far_elbow, far_wrist, far_hip, far_knee, "
        "far_ankle) to degrees"
    ],
    "figure-bad-pose": [
        "stretches/figure-bad-pose.md:7: figure: pose: found 'sittin'; allowed: standing | chair | "
        "sitting | kneeling | lunge | all-fours | heels | lying | lying-flat | lying-front | "
        "lying-side (did you mean 'sitting'?)"
    ],
    "figure-big-angle": [
        "stretches/figure-big-angle.md:7: figure: adjust: neck: found 400; allowed: a number of "
        "degrees from -270 to 270"
    ],
    "figure-front-pose": [
        "stretches/figure-front-pose.md:7: figure: pose: found 'lying'; allowed: standing | chair "
        "| sitting | kneeling (did you mean 'kneeling'?) (the front view; lying is a pose of the "
        "side and top view)"
    ],
    "figure-one-keyframe": [
        "stretches/figure-one-keyframe.md:7: figure: keyframes: found a mapping {only}; allowed: "
        "two to 8 named frames, each a mapping of joints to degrees"
    ],
    "bad-aliases": [
        "stretches/bad-aliases.md:3: aliases: found 'pec STRETCH' twice, ignoring case; allowed: "
        "a list of up to 8 names of 3 to 40 characters"
    ],
    "template-left": [
        f"stretches/template-left.md:3: summary: found the template's example 'One sentence on "
        f"what it stretches and why.'; allowed: {OWN_WORDS}",
        f"stretches/template-left.md:7: cautions: found the template's example 'Stop if you "
        f"feel tingling in the arms.'; allowed: {OWN_WORDS}",
        "stretches/template-left.md:11: body: found the template's example step 'Keep each step "
        "short: one movement or one position.'; allowed: your own steps (replace the example "
        "text from limber new)",
    ],
    "treatment-claim": [
        f"stretches/treatment-claim.md:3: summary: found the treatment claim 'Cures' in 'Cures "
        f"back pain in a week.'; allowed: {SELF_CARE}",
        f"stretches/treatment-claim.md:11: body: found the treatment claim 'fixes' in '2. This "
        f"stretch fixes a stiff back and treats sciatica...'; allowed: {SELF_CARE}",
        f"stretches/treatment-claim.md:11: body: found the treatment claim 'treats' in "
        f"'...stretch fixes a stiff back and treats sciatica for good.'; allowed: {SELF_CARE}",
    ],
}


@pytest.mark.parametrize("rule", sorted(STRETCH_RULES))
def test_each_broken_stretch_rule_has_its_own_message(rule: str) -> None:
    _, problems = load_stretches(INVALID, [INVALID / "stretches" / f"{rule}.md"])
    assert [str(problem) for problem in problems] == STRETCH_RULES[rule]


def test_names_are_unique_ignoring_case() -> None:
    files = [INVALID / "stretches" / f"duplicate-name-{x}.md" for x in "ab"]
    _, problems = load_stretches(INVALID, files)
    assert [str(problem) for problem in problems] == [
        "stretches/duplicate-name-b.md:2: name: found 'duplicate NAME', already the name of "
        "stretches/duplicate-name-a.md; allowed: a name no other stretch has, ignoring case"
    ]


def test_names_and_aliases_never_clash_ignoring_case() -> None:
    files = [INVALID / "stretches" / f"alias-clash-{x}.md" for x in "ab"]
    stretches, problems = load_stretches(INVALID, files)
    clash = "allowed: a name no stretch has as its name or alias, ignoring case"
    assert [str(problem) for problem in problems] == [
        f"stretches/alias-clash-a.md:3: aliases: found 'Alias clash', its own name; {clash}",
        "stretches/alias-clash-a.md:3: aliases: found 'Cat camel', already the name of "
        f"stretches/alias-clash-b.md; {clash}",
        "stretches/alias-clash-b.md:3: aliases: found 'ALIAS CLASH', already the name of "
        f"stretches/alias-clash-a.md; {clash}",
    ]
    assert stretches["alias-clash-b"].aliases == ("Other name", "ALIAS CLASH")


def test_a_treatment_claim_may_be_an_imperative_or_a_denial_of_one() -> None:
    fine = "1. Fix your gaze on a point ahead.\n2. Treat your knees kindly: a towel helps."
    assert check_text("s.md", {"summary": "Eases the back."}, {}, fine, 10) == []


def test_every_problem_of_every_file_is_reported_at_once() -> None:
    files = sorted((INVALID / "stretches").glob("*.md"))
    _, problems = load_stretches(INVALID, files)
    reported = {problem.path for problem in problems}
    assert reported == {f"stretches/{file.name}" for file in files} - {
        "stretches/duplicate-name-a.md"
    }


ROUTINE_RULES = {
    "unknown-slug": [
        "docs/routines/unknown-slug.md:5: stretches item 2: found 'wall-angle'; allowed: the slug "
        "of a file in stretches/ (did you mean 'wall-angel'?)"
    ],
    "bad-override": [
        "docs/routines/bad-override.md:4: stretches item 1: found the override 'sets'; allowed: "
        "hold, breaths, reps",
        "docs/routines/bad-override.md:7: stretches item 2: breaths: found breaths for "
        "wall-angel, which is dosed by hold; allowed: hold or reps",
        "docs/routines/bad-override.md:9: stretches item 3: breaths: found [6, 3]; allowed: "
        + COUNT.format("breaths"),
    ],
    "unknown-key": [
        "docs/routines/unknown-key.md:3: rests: unknown field; allowed: title, summary, rest, "
        "stretches, description, hide, tags, template, icon, status, search (did you mean 'rest'?)"
    ],
    "no-stretches": [
        "docs/routines/no-stretches.md:1: stretches: found nothing; allowed: a list of one or "
        "more stretch slugs"
    ],
    "item-without-stretch": [
        "docs/routines/item-without-stretch.md:4: stretches item 1: found a mapping {slug, reps}; "
        "allowed: a slug, or a mapping with 'stretch: <slug>'"
    ],
}


@pytest.mark.parametrize("rule", sorted(ROUTINE_RULES))
def test_each_broken_routine_rule_has_its_own_message(rule: str, tmp_path: Path) -> None:
    stretches, _ = load_stretches(FIXTURES / "site")
    docs = tmp_path / "docs"
    (docs / "routines").mkdir(parents=True)
    source = INVALID / "docs" / "routines" / f"{rule}.md"
    (docs / "routines" / source.name).write_bytes(source.read_bytes())
    _, problems = load_routines(tmp_path, docs, stretches)
    assert [str(problem) for problem in problems] == ROUTINE_RULES[rule]


def test_routine_overrides_apply_to_the_dose() -> None:
    library = load_library(FIXTURES / "site", FIXTURES / "site" / "docs")
    routine = library.routines["desk-break"]
    twist, calf = routine.items[1].dose, routine.items[2].dose
    assert (twist.amount.low, twist.amount.high, twist.reps.high) == (3, 3, 1)
    assert (calf.amount.low, calf.reps.low, calf.reps.high) == (20, 2, 3)
    assert routine.rest == 5


def test_load_library_raises_once_with_every_problem() -> None:
    with pytest.raises(ContentError) as caught:
        load_library(INVALID, INVALID / "docs")
    message = str(caught.value)
    assert message.startswith(f"{len(caught.value.problems)} problems in Limber content:")
    assert "stretches/unknown-area.md:4: areas" in message
    assert "docs/routines/no-stretches.md:1: stretches" in message


def test_the_real_content_is_valid() -> None:
    library = load_library(ROOT, ROOT / "docs")
    assert {
        "cat-cow", "doorway-stretch", "seated-thoracic-rotation", "standing-side-stretch",
        "neck-side-tilt", "childs-pose", "foam-roller-upper-back",
    } <= set(library.stretches)  # fmt: skip
    assert "ease-upper-back-tightness" in library.routines
    for stretch in library.stretches.values():
        assert stretch.steps, f"{stretch.path} has no numbered steps"


def test_a_routine_does_not_repeat_the_problem_of_a_broken_stretch(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "site" / "stretches", root / "stretches")
    shutil.copytree(FIXTURES / "site" / "docs", root / "docs")
    wall = root / "stretches" / "wall-angel.md"
    wall.write_text(wall.read_text().replace("position: standing", "position: standng"), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_library(root, root / "docs")
    assert [problem.path for problem in caught.value.problems] == ["stretches/wall-angel.md"]


def test_a_file_checked_by_an_earlier_build_is_not_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each build, each language's build and each rebuild of mkdocs serve load the library: an
    unchanged file is not checked again, by this process or the next, yet its problems are
    still reported every time."""
    from limber import loading, memo

    monkeypatch.setattr(memo, "_open", {})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.setattr("limber.cache._key", None)
    shutil.copytree(ROOT / "stretches", tmp_path / "stretches")
    shutil.copy(INVALID / "stretches" / "both-doses.md", tmp_path / "stretches")
    checked: list[str] = []
    build = loading.build_stretch
    monkeypatch.setattr(
        loading, "build_stretch", lambda source, slug: checked.append(slug) or build(source, slug)
    )
    kept_at = tmp_path / "checks.json"

    def load() -> tuple[dict[str, Stretch], list[Problem]]:
        kept = memo.open_memo(kept_at, "code")
        loaded = load_stretches(tmp_path, kept=kept)
        kept.finish(write=True)
        return loaded

    first, first_problems = load()
    assert "both-doses" in checked and len(checked) == len(first) + 1
    checked.clear()
    again, again_problems = load()
    assert checked == [] and again == first and again_problems == first_problems
    assert any(problem.path.endswith("both-doses.md") for problem in again_problems)
    monkeypatch.setattr(memo, "_open", {})  # the next process reads what this one kept
    assert load() == (first, first_problems) and checked == []
    cat_cow = tmp_path / "stretches" / "cat-cow.md"
    cat_cow.write_text(cat_cow.read_text("utf-8").replace("Cat-cow", "Cat and cow"), "utf-8")
    edited, _ = load()
    assert checked == ["cat-cow"] and edited["cat-cow"].name == "Cat and cow"
    assert load_stretches(tmp_path)[0] == edited  # and as checked afresh, the same


def test_a_stretch_file_under_another_name_or_folder_is_reported_not_skipped(
    tmp_path: Path,
) -> None:
    """Files a newcomer meant as stretches that would never become one: saved as .MD,
    .markdown or .md.txt (what Notepad saves), put in a subfolder, or under docs/stretches/
    (published as a plain page at the stretch's address, with no timer)."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", root)
    text = (root / "stretches" / "wall-angel.md").read_text(encoding="utf-8")
    for name in ("wall-a.MD", "wall-b.markdown", "wall-c.md.txt", "legs/wall-d.md"):
        (root / "stretches" / name).parent.mkdir(exist_ok=True)
        (root / "stretches" / name).write_text(text, encoding="utf-8")
    (root / "stretches" / ".DS_Store").write_bytes(b"\0\1")  # the Mac's own: left alone
    (root / "docs" / "stretches").mkdir()
    (root / "docs" / "stretches" / "wall-e.md").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_library(root, root / "docs")
    assert [(p.path, p.field, p.message) for p in raised.value.problems] == [
        ("docs/stretches/wall-e.md", "file", "found an authored file in docs/stretches/, where "
         "Limber writes the stretch pages; allowed: nothing there (a stretch goes in "
         "stretches/<slug>.md, beside mkdocs.yml: move it)"),
        ("stretches/legs", "file", "found a folder; allowed: stretch files directly in "
         "stretches/ (stretches/<slug>.md): move its files up, then remove legs/"),
        *((f"stretches/wall-{x}", "file", "found a file Limber does not read; allowed: "
           "<slug>.md for a stretch, <slug>.<language>.md for its translation (rename it "
           f"wall-{x[0]}.md)") for x in ("a.MD", "b.markdown", "c.md.txt")),
    ]  # fmt: skip


NEWCOMER = (
    "---\nname: Wall sit\nsummary: Eases the thighs.\nareas: [quads]\nposition: standing\n"
    "hold: 30\n---\n\n1. Lean on a wall.\n"
)


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "message"),
    [
        ("areas: [quads]", "areas:\n\t- quads", 5, "front-matter",
         "found a tab; allowed: spaces (YAML indents with spaces only: retype the tab)"),
        ("name: Wall sit", "name: Wall sit: lying", 2, "front-matter",
         "found ': ' inside a value, which YAML reads as another field; allowed: the value in "
         'quotes, as in name: "Wall sit: lying"'),
        ("position: standing\n", "", 1, "position",
         "found nothing; required: starting position (standing | seated | kneeling | "
         "all-fours | lying)"),
        ("areas: [quads]", "", 1, "areas", "found nothing; required: where it is felt (a list "
         "of: neck, shoulders, chest, upper-back, mid-back, lower-back, lats, spine, arms, wrists, "
         "hips, glutes, hamstrings, quads, calves)"),
        ("summary:", "sumary:", 1, "summary", "found nothing (is 'sumary' on line 3 meant to be "
         "summary?); required: one sentence saying what the stretch does"),
    ],
)  # fmt: skip
def test_a_newcomers_usual_mistakes_are_named_with_the_fix(
    tmp_path: Path, old: str, new: str, line: int, field: str, message: str
) -> None:
    (tmp_path / "stretches").mkdir()
    (tmp_path / "stretches" / "wall-sit.md").write_text(NEWCOMER.replace(old, new), "utf-8")
    _, problems = load_stretches(tmp_path)
    assert (problems[0].line, problems[0].field, problems[0].message) == (line, field, message)


def test_yaml_that_nests_a_field_by_its_indentation_says_so_not_to_quote(tmp_path: Path) -> None:
    (tmp_path / "stretches").mkdir()
    text = NEWCOMER.replace("summary: Eases the thighs.\n", "summary: Eases\n  areas: [quads]\n")
    (tmp_path / "stretches" / "wall-sit.md").write_text(text, "utf-8")
    _, problems = load_stretches(tmp_path)
    assert problems[0].message == (
        "found a field YAML reads as inside the one above it; allowed: each field on a line of "
        "its own, at the left edge (look at this line's indentation)"
    )


def test_a_picture_in_the_stretches_folder_is_told_to_move_not_to_be_renamed(
    tmp_path: Path,
) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", root)
    (root / "stretches" / "wall.jpg").write_bytes(b"\xff\xd8")
    (root / "stretches" / "Wall Slide.markdown").write_text("x", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_library(root, root / "docs")
    assert [p.message.rsplit("(", 1)[1] for p in raised.value.problems] == [
        "rename it wall-slide.md)",
        "move it out of stretches/: a stretch is one Markdown file, and its picture is its figure)",
    ]
