"""Stretch figures: geometry, the SVG, alt text, and the picture on the card."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from limber.cards import CARD, render_card
from limber.figures import (
    BASE,
    LENGTH,
    Figure,
    Frame,
    alt_text,
    layout_frame,
    render_svg,
    skeleton_front,
    skeleton_side,
)  # fmt: skip
from limber.loading import load_library

from .conftest import ROOT

SEGMENTS = [
    ("pelvis", "mid", "trunk"), ("mid", "shoulder", "chest"), ("shoulder", "elbow", "upper_arm"),
    ("elbow", "hand", "forearm"), ("pelvis", "knee", "thigh"), ("knee", "ankle", "shin"),
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

    assert moved(elbow=90) == {"hand", "far_hand"}
    assert moved(far_shoulder=180) == {"far_elbow", "far_hand"}
    assert moved(knee=60) == {"ankle", "toe", "far_ankle", "far_toe"}
    assert moved(neck=30) == {"neck", "head"}


def test_front_view_twist_narrows_the_shoulders() -> None:
    def width(twist: float) -> float:
        shapes, _ = skeleton_front(Frame("f", (("twist", twist),)), set(), seated=False)
        bar = next(s for s in shapes if s.part == "chest" and s.points[0][1] == s.points[1][1])
        return abs(bar.points[1][0] - bar.points[0][0])

    assert width(60) == pytest.approx(width(0) / 2)


def test_the_figure_stands_on_the_floor() -> None:
    shapes = layout_frame(Figure("side", "standing"), frame(), [])
    lowest = min(y - s.width / 2 for s in shapes if s.kind == "line" for _, y in s.points)
    assert lowest == pytest.approx(0)


def test_the_svg_is_well_formed_has_no_script_and_one_group_per_keyframe() -> None:
    figure = Figure(
        "side", "all-fours", "mat", (), (("cow", (("chest", 30.0),)), ("cat", (("chest", -30.0),)))
    )
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
