"""Stretch figures: geometry, the SVG, alt text, and the picture on the card."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from limber import cli
from limber.cards import CARD, render_card
from limber.figures.alt import alt_text
from limber.figures.model import (
    BASE,
    LENGTH,
    Figure,
    Frame,
    Shape,
    layout_frame,
    skeleton_front,
    skeleton_side,
)  # fmt: skip
from limber.figures.raster import COLORS as RASTER_COLORS
from limber.figures.svg import render_svg
from limber.loading import load_library
from limber.schema import FigureSpec

from .conftest import ROOT, make_site, real_names

SEGMENTS = [
    ("pelvis", "mid", "trunk"), ("mid", "shoulder", "chest"), ("shoulder", "elbow", "upper_arm"),
    ("elbow", "wrist", "forearm"), ("wrist", "fingers", "hand"), ("pelvis", "knee", "thigh"),
    ("knee", "ankle", "shin"),
    ("shoulder", "far_elbow", "upper_arm"), ("far_knee", "far_ankle", "shin"),
]  # fmt: skip
POSES = [
    {}, {"trunk": 90, "hip": 90, "knee": 90},
    {"shoulder": 170, "elbow": -45, "chest": 30, "far_knee": 120},
]  # fmt: skip


def frame(**angles: float) -> Frame:
    return Frame("f", tuple(sorted({**BASE["standing"], **angles}.items())))


@pytest.mark.parametrize("angles", POSES)
def test_limb_lengths_are_kept_whatever_the_angles(angles: dict[str, float]) -> None:
    _, joints = skeleton_side(frame(**angles), set())
    for a, b, part in SEGMENTS:
        assert math.dist(joints[a], joints[b]) == pytest.approx(LENGTH[part])


def test_a_joint_angle_moves_the_limb_it_should_and_nothing_else() -> None:
    _, before = skeleton_side(frame(), set())

    def moved(**angles: float) -> set[str]:
        _, after = skeleton_side(frame(**angles), set())
        return {name for name in before if math.dist(before[name], after[name]) > 1e-9}

    assert moved(elbow=90) == {"wrist", "fingers", "far_wrist", "far_fingers"}
    assert moved(far_shoulder=180) == {"far_elbow", "far_wrist", "far_fingers"}
    assert moved(knee=60) == {"ankle", "toe", "far_ankle", "far_toe"}
    assert moved(neck=30) == {"neck", "head", "nose"}


def test_front_view_twist_narrows_the_shoulders() -> None:
    def width(twist: float) -> float:
        shapes, _ = skeleton_front(Frame("f", (("twist", twist),)), set())
        bar = next(s for s in shapes if s.part == "chest" and s.points[0][1] == s.points[1][1])
        return abs(bar.points[1][0] - bar.points[0][0])

    assert width(60) == pytest.approx(width(0) / 2)


def test_the_figure_stands_on_the_floor() -> None:
    shapes = layout_frame(Figure("side", "standing"), frame(), [])
    lowest = min(y - s.width / 2 for s in shapes if s.kind == "line" for _, y in s.points)
    assert lowest == pytest.approx(0)


def test_a_far_limb_hidden_exactly_behind_the_near_one_is_not_drawn() -> None:
    """Standing side on, the far leg is right behind the near one: drawing it would cost every
    page and picture markup and show nothing. A far leg that shows is still drawn."""

    def far_parts(**angles: float) -> list[str]:
        shapes = layout_frame(Figure("side", "standing"), frame(**angles), [])
        return sorted(s.part for s in shapes if s.role == "far")

    assert "thigh" not in far_parts() and "shin" not in far_parts()
    assert {"thigh", "shin"} <= set(far_parts(far_hip=40))
    assert "upper_arm" in far_parts(far_shoulder=90)


def test_the_svg_is_well_formed_has_no_script_and_one_group_per_keyframe() -> None:
    frames = (("cow", (("chest", 30.0),)), ("cat", (("chest", -30.0),)))
    figure = Figure("side", "all-fours", ("mat",), (), frames)
    svg = render_svg(figure, "Cat <&> cow", ["spine"])
    root = ET.fromstring(svg)
    assert root.tag == "figure" and root.get("data-frames") == "cow cat"
    groups = root.findall(".//{http://www.w3.org/2000/svg}g")
    assert [g.get("data-frame") for g in groups] == ["cow", "cat"]
    assert "is-current" in (groups[0].get("class") or "")
    for element in root.iter():
        assert not element.tag.endswith("script")
        assert not any(name.lower().startswith("on") for name in element.attrib)
    label = root.find("{http://www.w3.org/2000/svg}svg").get("aria-label")  # type: ignore[union-attr]
    assert label == (
        "Side view of Cat <&> cow: on all fours on a mat, moving between cow and cat. "
        "Highlighted: spine."
    )
    focus = [e for e in root.iter() if (e.get("class") or "") == "lf-focus"]
    assert focus, "the stretched area is drawn in the accent colour"


def test_a_stretch_without_a_figure_gets_a_neutral_placeholder() -> None:
    svg = render_svg(None, "Mystery", ["neck"])
    assert "limber-figure--placeholder" in svg and "No picture yet" in svg
    assert 'class="lf-focus"' not in svg
    assert alt_text(None, "Mystery", ["neck"]) == "No picture of Mystery yet."


def test_every_real_stretch_has_a_figure_and_its_card_draws_it() -> None:
    library = load_library(ROOT, ROOT / "docs")
    for stretch in library.stretches.values():
        assert stretch.figure is not None, stretch.slug
        with_figure = render_card(stretch)
        without = render_card(replace(stretch, figure=None))
        assert with_figure.tobytes() != without.tobytes()
        figure_colors = {color for _, color in with_figure.getcolors(1 << 20) or []}
        assert CARD.accent in figure_colors


def test_every_real_stretch_page_shows_its_figure(real_site: Path) -> None:
    for page in (real_site / "stretches").glob("*.html"):
        if page.name == "index.html":
            continue
        html = page.read_text(encoding="utf-8")
        assert "data-limber-figure" in html and "limber-figure--placeholder" not in html, page.name


def _joints(spec: dict[str, object]) -> dict[str, tuple[float, float]]:
    """The joints of the figure's first frame, pelvis at the origin."""
    figure = FigureSpec().check(spec)
    frame = figure.frames()[0]
    if figure.view == "side":
        _, joints = skeleton_side(frame, set())
    else:
        _, joints = skeleton_front(frame, set())
    return joints


def _layout(spec: dict[str, object], areas: tuple[str, ...] = ()) -> list[Shape]:
    figure = FigureSpec().check(spec)
    return layout_frame(figure, figure.frames()[0], areas)


def _lowest(shapes: list[Shape]) -> float:
    return min(
        y - (s.width / 2 if s.kind == "line" else s.width)
        for s in shapes
        if s.role != "prop" and s.part != "nose"
        for _, y in s.points
    )


@pytest.mark.parametrize("pose", [p for p in BASE if p != "chair"])
def test_every_floor_and_standing_pose_rests_on_the_floor(pose: str) -> None:
    assert _lowest(_layout({"pose": pose})) == pytest.approx(0)


@pytest.mark.parametrize("slug", ["", "cat-cow", "tabletop-wrist-rocks"])
def test_on_all_fours_the_knees_and_the_hands_both_rest_on_the_floor(slug: str) -> None:
    """The arms are longer than the thighs: the back rises to the shoulders, so neither the
    knees nor the hands float, in the pose itself and in each keyframe of the real stretches
    done on hands and knees (a reader is told "knees under your hips")."""

    def height(shapes: list[Shape], part: str) -> float:
        return min(y - s.width / 2 for s in shapes if s.part == part for _, y in s.points)

    figure = FigureSpec().check({"pose": "all-fours"})
    if slug:
        figure = load_library(ROOT, ROOT / "docs").stretches[slug].figure
    assert figure is not None
    for shapes in (layout_frame(figure, frame, ()) for frame in figure.frames()):
        assert height(shapes, "shin") == pytest.approx(0, abs=1)
        assert height(shapes, "forearm") == pytest.approx(0, abs=1)  # at the wrist


def test_lying_poses_lie_along_the_floor_and_face_the_right_way() -> None:
    for pose, face in (("lying-flat", "up"), ("lying-front", "down"), ("lying", "up")):
        joints = _joints({"pose": pose})
        head, pelvis, nose = joints["head"], joints["pelvis"], joints["nose"]
        assert abs(head[1] - pelvis[1]) < 10, pose  # the body is horizontal
        assert (nose[1] > head[1]) == (face == "up"), pose
    flat = _joints({"pose": "lying-flat"})
    assert flat["toe"][1] > flat["ankle"][1]  # the toes point at the ceiling


def test_hands_and_feet_bend_at_the_wrist_and_ankle() -> None:
    straight = _joints({"pose": "standing", "adjust": {"shoulder": 82, "elbow": -10}})
    bent = _joints({"pose": "standing", "adjust": {"shoulder": 82, "elbow": -10, "wrist": -80}})
    assert bent["wrist"] == straight["wrist"]
    assert bent["fingers"][1] < straight["fingers"][1] - 8  # the hand drops: a wrist stretch
    calf = _joints({"pose": "standing", "adjust": {"far_hip": -25, "far_ankle": 25}})
    assert calf["far_toe"][1] == pytest.approx(calf["far_ankle"][1], abs=1)  # heel down, foot flat


def test_a_wall_goes_where_the_hands_push_and_behind_a_back_otherwise() -> None:
    push = _layout({"pose": "standing", "prop": "wall", "adjust": {"shoulder": 80, "wrist": 80}})
    wall = next(s for s in push if s.part == "wall")
    hands = max(p[0] for s in push if s.part == "hand" for p in s.points)
    assert 0 < wall.points[0][0] - hands < 12
    lean = _layout({"pose": "standing", "prop": "wall"})
    wall = next(s for s in lean if s.part == "wall")
    assert wall.points[0][0] < min(p[0] for s in lean if s.role != "prop" for p in s.points)


def test_a_wall_stands_at_a_foot_raised_against_it_above_the_other_leg_lying_past_it() -> None:
    """One heel up a wall (or a doorframe), the other leg lying long through the doorway: the
    wall was drawn behind the head, the raised heel waving in the air."""
    spec = {"pose": "lying-flat", "prop": ["wall", "mat"], "adjust": {"hip": 80, "far_hip": 0}}
    shapes = _layout(spec)
    wall = next(s for s in shapes if s.part == "wall")
    raised = [p for s in shapes if s.part in ("shin", "foot") and s.role != "far" for p in s.points]
    lying = [p for s in shapes if s.role == "far" for p in s.points]
    assert 0 < wall.points[0][0] - max(x for x, _ in raised) < 12
    assert max(x for x, _ in lying) > wall.points[0][0]  # the lying leg passes the wall...
    assert min(y for _, y in wall.points) > max(y for _, y in lying)  # ...beneath its edge
    head = next(s for s in shapes if s.part == "head")
    assert wall.points[0][0] > head.points[0][0]


def test_a_strap_joins_the_hands_to_the_foot_and_a_prop_list_draws_each() -> None:
    shapes = _layout(
        {"pose": "lying-flat", "prop": ["strap", "mat"], "adjust": {"hip": 80, "shoulder": 60}}
    )
    parts = [s.part for s in shapes if s.role == "prop"]
    assert parts.count("strap") == 2 and "mat" in parts
    foot = next(s for s in shapes if s.part == "foot" and s.role == "body")
    strap = next(s for s in shapes if s.part == "strap")
    assert strap.points[1] == foot.points[1]


def test_the_top_view_lies_head_left_on_a_mat_seen_from_above() -> None:
    shapes = _layout({"view": "top", "pose": "lying"})
    head = next(s for s in shapes if s.part == "head").points[0]
    feet = [p for s in shapes if s.part == "foot" for p in s.points]
    assert all(head[0] < x - 100 for x, _ in feet)
    assert shapes[0].role == "ground"  # the mat is drawn first, under the figure


def test_turning_the_head_shows_the_nose_in_the_front_view() -> None:
    ahead = _layout({"view": "front", "pose": "chair"})
    turned = _layout({"view": "front", "pose": "chair", "adjust": {"head": 60}})
    assert not any(s.part == "nose" for s in ahead)
    assert any(s.part == "nose" for s in turned)


def test_seated_on_a_chair_seen_from_the_front_the_hands_rest_on_the_thighs() -> None:
    """The forearms come in toward the lap, as "hands resting on your thighs" says; they once
    bent out to the sides, past the chair."""
    figure = FigureSpec().check({"view": "front", "pose": "chair"})
    _, joints = skeleton_front(figure.frames()[0], set(), "chair")
    for side in ("", "far_"):
        elbow, wrist, knee = joints[f"{side}elbow"], joints[f"{side}wrist"], joints[f"{side}knee"]
        assert abs(wrist[0]) < abs(elbow[0]), side  # nearer the middle than the elbow
        assert abs(wrist[0] - knee[0]) < 8, side  # over the thigh
        assert wrist[1] > knee[1]  # above the lap


def test_the_figure_model_imports_no_renderer() -> None:
    code = (
        "import sys, limber.model, limber.schema, limber.loading; "
        "print(sorted(m for m in sys.modules if m.startswith(('limber.figures', 'PIL'))))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert out.strip() == "['limber.figures', 'limber.figures.model']"


def test_the_contact_sheet_has_a_cell_per_stretch_with_its_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site")
    (site / "stretches" / "bare.md").write_text(
        (site / "stretches" / "neck-side-tilt.md")
        .read_text(encoding="utf-8")
        .replace("name: Neck side tilt", "name: Bare")
        .replace("aliases:", "# aliases:")
        .split("figure:")[0]
        + "---\n\n1. Stand.\n",
        encoding="utf-8",
    )
    out = tmp_path / "sheet.png"
    assert cli.main(["--root", str(site), "figures", "--out", str(out)]) == 0
    names = sorted([*real_names(), "Bare"], key=str.casefold)  # the sheet's order, by name
    count = len(names)
    assert capsys.readouterr().err.strip() == f"{count} figures, 1 without a figure (faint)"
    with Image.open(out) as sheet:
        assert sheet.size == (8 * 300, math.ceil(count / 8) * 260)
        cells = [sheet.crop((i % 8 * 300, i // 8 * 260, i % 8 * 300 + 300, i // 8 * 260 + 220))
                 for i in range(count)]  # fmt: skip
        accents = [RASTER_COLORS["focus"] in {c for _, c in cell.getcolors(1 << 16) or []}
                   for cell in cells]  # fmt: skip
    assert accents == [name != "Bare" for name in names]  # "Bare" has no figure: drawn faint


def test_a_far_limb_copies_its_near_twin_unless_it_is_set() -> None:
    both = _joints({"pose": "lying", "adjust": {"hip": 40}})
    one = _joints({"pose": "lying", "adjust": {"hip": 40, "far_hip": 0}})
    plain = _joints({"pose": "lying"})
    assert both["far_knee"] == pytest.approx(both["knee"])
    assert one["knee"] == pytest.approx(both["knee"])
    assert one["far_knee"] == pytest.approx(plain["far_knee"])


def test_a_chair_in_front_holds_the_raised_heel_with_its_back_away() -> None:
    shapes = _layout(
        {"pose": "standing", "prop": "chair", "adjust": {"trunk": -20, "hip": 95, "far_hip": 20}}
    )
    chair = [s for s in shapes if s.part == "chair"]
    seat, backrest = chair[0], chair[-1]
    heel = next(s for s in shapes if s.part == "shin" and s.role != "far").points[1]
    assert seat.points[0][1] == pytest.approx(heel[1] - 7)
    assert min(x for x, _ in seat.points) < heel[0] < max(x for x, _ in seat.points)
    assert backrest.points[0][0] > heel[0]  # the backrest is on the far side of the seat
