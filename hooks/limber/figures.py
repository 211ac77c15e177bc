"""Stretch figures: a pose described in front-matter becomes one geometry, drawn as SVG for the
page and with Pillow for the printed card.

A figure is a stick figure with rounded limbs, seen from the side or the front. A named base pose
sets every joint angle; ``adjust`` adds degrees to some of them; ``keyframes`` name two or more
adjustments the page figure moves between in step with the timer (cow on the inhale, cat on the
exhale). Angles are in degrees. In the side view the figure faces right; a segment's direction
is measured from straight down, counter-clockwise, so 90 points forward and 180 up.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from limber import html

VIEWS = ("side", "front")
POSES = ("standing", "chair", "kneeling", "all-fours", "lying", "heels")
PROPS = ("chair", "doorway", "wall", "foam-roller", "mat")
JOINTS = (
    "trunk",
    "chest",
    "neck",
    "twist",
    "shoulder",
    "elbow",
    "hip",
    "knee",
    "far_shoulder",
    "far_elbow",
    "far_hip",
    "far_knee",
)
ANGLE_LIMIT = 270

# Segment lengths and thicknesses, in figure units (a standing figure is about 175 tall).
LENGTH = {
    "trunk": 27,
    "chest": 27,
    "neck": 9,
    "upper_arm": 30,
    "forearm": 28,
    "thigh": 44,
    "shin": 42,
    "foot": 13,
}
HEAD_RADIUS = 10
WIDTH = {"body": 15, "limb": 9}
SHOULDER_HALF, HIP_HALF = 17, 9  # front view
ROLLER_RADIUS = 12

# Base poses: every joint's angle. Side view: "trunk" is the pelvis-to-mid-back direction,
# "chest" bends the upper back from it, limbs are relative to the trunk (0 hangs along it).
BASE: Mapping[str, Mapping[str, float]] = {
    "standing": {"trunk": 180, "shoulder": 8, "elbow": 12, "hip": 0, "knee": 0},
    "chair": {"trunk": 180, "shoulder": 12, "elbow": 70, "hip": 90, "knee": 90},
    "kneeling": {"trunk": 180, "shoulder": 8, "elbow": 12, "hip": 0, "knee": 90},
    "all-fours": {"trunk": 90, "shoulder": 90, "elbow": 0, "hip": 90, "knee": 90},
    "lying": {"trunk": -90, "shoulder": 10, "elbow": 0, "hip": 45, "knee": 95},
    "heels": {"trunk": 180, "shoulder": 10, "elbow": 40, "hip": 90, "knee": 178},
}
# The front view's own bases: arms and legs hang at the sides (its angles open them outward).
FRONT_BASE: Mapping[str, Mapping[str, float]] = {
    "standing": {"trunk": 180, "shoulder": 10, "elbow": 6},
    "chair": {"trunk": 180, "shoulder": 10, "elbow": 20},
}
POSE_WORDS = {
    "standing": "standing",
    "chair": "sitting on a chair",
    "kneeling": "kneeling",
    "all-fours": "on all fours",
    "lying": "lying on the back",
    "heels": "sitting back on the heels",
}
PROP_WORDS = {
    "chair": "on a chair",
    "doorway": "in a doorway",
    "wall": "beside a wall",
    "foam-roller": "on a foam roller",
    "mat": "on a mat",
}

# Which drawn parts turn the accent colour for each area of the stretch.
AREA_PARTS: Mapping[str, tuple[str, ...]] = {
    "neck": ("neck",),
    "shoulders": ("upper_arm",),
    "chest": ("chest",),
    "upper-back": ("chest",),
    "mid-back": ("chest", "trunk"),
    "lower-back": ("trunk",),
    "lats": ("chest", "upper_arm"),
    "spine": ("trunk", "chest", "neck"),
    "arms": ("upper_arm", "forearm"),
    "wrists": ("forearm",),
    "hips": ("thigh",),
    "glutes": ("thigh",),
    "hamstrings": ("thigh",),
    "quads": ("thigh",),
    "calves": ("shin",),
}

Point = tuple[float, float]


@dataclass(frozen=True)
class Frame:
    """One drawn position: a name ("cow") and its joint angles."""

    name: str
    angles: tuple[tuple[str, float], ...]

    def angle(self, joint: str, default: float = 0.0) -> float:
        return dict(self.angles).get(joint, default)


@dataclass(frozen=True)
class Figure:
    """A validated ``figure:`` field."""

    view: str
    pose: str
    prop: str = ""
    adjust: tuple[tuple[str, float], ...] = ()
    keyframes: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = ()

    def frames(self) -> tuple[Frame, ...]:
        """The frames to draw: the keyframes, or the pose with its adjustments."""
        base = dict((FRONT_BASE if self.view == "front" else BASE)[self.pose])
        for joint, value in self.adjust:
            base[joint] = base.get(joint, 0) + value
        if not self.keyframes:
            return (Frame("pose", tuple(sorted(base.items()))),)
        frames = []
        for name, changes in self.keyframes:
            angles = dict(base)
            for joint, value in changes:
                angles[joint] = angles.get(joint, 0) + value
            frames.append(Frame(name, tuple(sorted(angles.items()))))
        return tuple(frames)


@dataclass(frozen=True)
class Shape:
    """A drawn primitive: a rounded segment or a circle, with its role (body, far, focus, prop)."""

    kind: str  # "line" | "circle"
    points: tuple[Point, ...]
    width: float
    role: str
    part: str = ""


def _toward(origin: Point, direction: float, length: float) -> Point:
    radians = math.radians(direction)
    return origin[0] + length * math.sin(radians), origin[1] - length * math.cos(radians)


@dataclass
class _Builder:
    focus: set[str]
    shapes: list[Shape] = field(default_factory=list)

    def limb(self, a: Point, b: Point, part: str, far: bool = False) -> None:
        role = "focus" if part in self.focus else ("far" if far else "body")
        width = WIDTH["body"] if part in ("trunk", "chest") else WIDTH["limb"]
        self.shapes.append(Shape("line", (a, b), width, role, part))


def skeleton_side(frame: Frame, focus: set[str]) -> tuple[list[Shape], dict[str, Point]]:
    """Shapes and joint positions of the side view, pelvis at the origin, y pointing up."""
    a = frame.angle
    b = _Builder(focus)
    joints: dict[str, Point] = {"pelvis": (0.0, 0.0)}
    trunk = a("trunk", 180)
    chest = trunk + a("chest")
    joints["mid"] = _toward(joints["pelvis"], trunk, LENGTH["trunk"])
    joints["shoulder"] = _toward(joints["mid"], chest, LENGTH["chest"])
    neck_dir = chest + a("neck")
    joints["neck"] = _toward(joints["shoulder"], neck_dir, LENGTH["neck"])
    joints["head"] = _toward(joints["neck"], neck_dir, HEAD_RADIUS)
    limbs = []
    for prefix in ("far_", ""):
        upper = chest - 180 + a(f"{prefix}shoulder", a("shoulder"))
        elbow = _toward(joints["shoulder"], upper, LENGTH["upper_arm"])
        hand = _toward(elbow, upper + a(f"{prefix}elbow", a("elbow")), LENGTH["forearm"])
        thigh = trunk - 180 + a(f"{prefix}hip", a("hip"))
        knee = _toward(joints["pelvis"], thigh, LENGTH["thigh"])
        shin = thigh - a(f"{prefix}knee", a("knee"))
        ankle = _toward(knee, shin, LENGTH["shin"])
        toe = _toward(ankle, shin + 90, LENGTH["foot"])
        joints |= {
            f"{prefix}elbow": elbow,
            f"{prefix}hand": hand,
            f"{prefix}knee": knee,
            f"{prefix}ankle": ankle,
            f"{prefix}toe": toe,
        }
        limbs.append((prefix, elbow, hand, knee, ankle, toe))
    for _, elbow, hand, knee, ankle, toe in limbs[:1]:  # the far side, drawn first
        _side_limbs(b, joints, elbow, hand, knee, ankle, toe, far=True)
    b.limb(joints["pelvis"], joints["mid"], "trunk")
    b.limb(joints["mid"], joints["shoulder"], "chest")
    b.limb(joints["shoulder"], joints["neck"], "neck")
    b.shapes.append(Shape("circle", (joints["head"],), HEAD_RADIUS, "body", "head"))
    for _, elbow, hand, knee, ankle, toe in limbs[1:]:
        _side_limbs(b, joints, elbow, hand, knee, ankle, toe, far=False)
    return b.shapes, joints


def _side_limbs(
    b: _Builder,
    j: dict[str, Point],
    elbow: Point,
    hand: Point,
    knee: Point,
    ankle: Point,
    toe: Point,
    far: bool,
) -> None:
    b.limb(j["pelvis"], knee, "thigh", far)
    b.limb(knee, ankle, "shin", far)
    b.limb(ankle, toe, "foot", far)
    b.limb(j["shoulder"], elbow, "upper_arm", far)
    b.limb(elbow, hand, "forearm", far)


def skeleton_front(
    frame: Frame, focus: set[str], seated: bool
) -> tuple[list[Shape], dict[str, Point]]:
    """Shapes and joint positions of the front view, pelvis centre at the origin."""
    a = frame.angle
    b = _Builder(focus)
    lean = a("trunk", 180) - 180  # side bend: positive leans toward the image's right
    bend = lean + a("chest")
    pelvis = (0.0, 0.0)
    mid = _toward(pelvis, 180 - lean, LENGTH["trunk"])
    top = _toward(mid, 180 - bend, LENGTH["chest"])
    half = SHOULDER_HALF * math.cos(math.radians(a("twist")))
    across = math.radians(-bend)
    shoulders = {
        "": (top[0] - half * math.cos(across), top[1] - half * math.sin(across)),
        "far_": (top[0] + half * math.cos(across), top[1] + half * math.sin(across)),
    }
    neck_dir = 180 - bend - a("neck")
    neck = _toward(top, neck_dir, LENGTH["neck"])
    head = _toward(neck, neck_dir, HEAD_RADIUS)
    head = (head[0] + 5 * math.sin(math.radians(a("twist"))), head[1])
    joints: dict[str, Point] = {
        "pelvis": pelvis,
        "mid": mid,
        "shoulder": top,
        "neck": neck,
        "head": head,
    }
    thigh_length = LENGTH["thigh"] * (0.35 if seated else 1.0)  # seated thighs point at us
    for prefix, side in (("", -1), ("far_", 1)):
        hip = (pelvis[0] + side * HIP_HALF, pelvis[1])
        spread = 0.0 if seated else side * a(f"{prefix}hip", a("hip"))
        knee = _toward(hip, spread, thigh_length)
        ankle = _toward(knee, spread * 0.3, LENGTH["shin"])
        toe = (ankle[0] + side * LENGTH["foot"] * 0.6, ankle[1])
        b.limb(hip, knee, "thigh")
        b.limb(knee, ankle, "shin")
        b.limb(ankle, toe, "foot")
        joints |= {f"{prefix}knee": knee, f"{prefix}ankle": ankle}
    b.limb(pelvis, mid, "trunk")
    b.limb(mid, top, "chest")
    b.limb((pelvis[0] - HIP_HALF, pelvis[1]), (pelvis[0] + HIP_HALF, pelvis[1]), "trunk")
    b.limb(shoulders[""], shoulders["far_"], "chest")
    b.limb(top, neck, "neck")
    b.shapes.append(Shape("circle", (head,), HEAD_RADIUS, "body", "head"))
    for prefix, side in (("", -1), ("far_", 1)):
        shoulder = shoulders[prefix]
        upper = side * a(f"{prefix}shoulder", a("shoulder")) - bend
        elbow = _toward(shoulder, upper, LENGTH["upper_arm"])
        hand = _toward(elbow, upper + side * a(f"{prefix}elbow", a("elbow")), LENGTH["forearm"])
        b.limb(shoulder, elbow, "upper_arm")
        b.limb(elbow, hand, "forearm")
        joints |= {f"{prefix}elbow": elbow, f"{prefix}hand": hand}
    return b.shapes, joints


def _props(figure: Figure, joints: dict[str, Point], floor: float) -> list[Shape]:
    shapes: list[Shape] = []
    xs = [p[0] for p in joints.values()]
    left, right = min(xs) - 14, max(xs) + 14
    prop = figure.prop or ("chair" if figure.pose == "chair" else "")
    if prop == "mat" or figure.pose in ("all-fours", "lying", "heels", "kneeling"):
        shapes.append(Shape("line", ((left, floor - 2), (right, floor - 2)), 5, "prop", "mat"))
    if prop == "chair":
        seat_y = joints["pelvis"][1] - 8
        front = joints["pelvis"][0] + (24 if figure.view == "side" else 20)
        back = joints["pelvis"][0] - (14 if figure.view == "side" else 20)
        shapes += [
            Shape("line", ((back, seat_y), (front, seat_y)), 6, "prop", "chair"),
            Shape("line", ((front - 3, seat_y), (front - 3, floor)), 5, "prop", "chair"),
            Shape("line", ((back + 3, seat_y), (back + 3, floor)), 5, "prop", "chair"),
        ]
        if figure.view == "side":
            shapes.append(
                Shape("line", ((back, seat_y), (back - 6, seat_y + 48)), 5, "prop", "chair")
            )
    if prop == "doorway":
        x = max(joints["hand"][0], joints["far_hand"][0]) - 4
        shapes.append(Shape("line", ((x, floor), (x, floor + 200)), 7, "prop", "doorway"))
    if prop == "wall":
        x = min(xs) - 10
        shapes.append(Shape("line", ((x, floor), (x, floor + 200)), 7, "prop", "wall"))
    if prop == "foam-roller":
        under = joints["shoulder"]
        centre = (under[0] + 6, floor + ROLLER_RADIUS)
        shapes.insert(0, Shape("circle", (centre,), ROLLER_RADIUS, "prop", "roller"))
    return shapes


def layout_frame(figure: Figure, frame: Frame, focus: Iterable[str]) -> list[Shape]:
    """The shapes of one frame, standing on the floor at y = 0, horizontally centred."""
    parts = {part for area in focus for part in AREA_PARTS.get(area, ())}
    if figure.view == "side":
        shapes, joints = skeleton_side(frame, parts)
    else:
        shapes, joints = skeleton_front(frame, parts, seated=figure.pose in ("chair", "heels"))
    if figure.pose == "chair":  # the feet stand on the floor; the chair holds the pelvis
        lift = -min(y for name, (_, y) in joints.items() if "ankle" in name) + WIDTH["limb"] / 2
    else:  # whatever is lowest rests on the floor
        lift = -min(
            min(y - (s.width / 2 if s.kind == "line" else s.width) for _, y in s.points)
            for s in shapes
        )
    if figure.prop == "foam-roller":
        lift += 2 * ROLLER_RADIUS - 4  # the back rests on the roller, not on the floor
    moved = _shift(shapes, 0, lift)
    moved_joints = {name: (x, y + lift) for name, (x, y) in joints.items()}
    return _props(figure, moved_joints, 0.0) + moved


def _shift(shapes: Sequence[Shape], dx: float, dy: float) -> list[Shape]:
    return [
        Shape(s.kind, tuple((x + dx, y + dy) for x, y in s.points), s.width, s.role, s.part)
        for s in shapes
    ]


def bounds(frames: Sequence[Sequence[Shape]]) -> tuple[float, float, float, float]:
    """min x, min y, max x, max y over every shape of every frame, widths included."""
    xs: list[float] = []
    ys: list[float] = []
    for shapes in frames:
        for s in shapes:
            pad = s.width / 2 if s.kind == "line" else s.width
            for x, y in s.points:
                xs += [x - pad, x + pad]
                ys += [y - pad, y + pad]
    return min(xs), min(ys), max(xs), max(ys)


def alt_text(figure: Figure | None, name: str, areas: Iterable[str]) -> str:
    """What the figure shows, for people who cannot see it."""
    if figure is None:
        return f"No picture of {name} yet."
    where = POSE_WORDS[figure.pose]
    if figure.prop and not (figure.prop == "chair" and figure.pose == "chair"):
        where += " " + PROP_WORDS[figure.prop]
    text = f"{figure.view.capitalize()} view of {name}: {where}"
    names = [frame.name for frame in figure.frames()]
    if len(names) > 1:
        text += ", moving between " + ", ".join(names[:-1]) + " and " + names[-1]
    highlighted = ", ".join(area.replace("-", " ") for area in areas)
    return f"{text}. Highlighted: {highlighted}."


PLACEHOLDER = Figure("side", "standing")


def render_svg(figure: Figure | None, name: str, areas: Sequence[str]) -> str:
    """The page figure: one ``<g>`` per frame, the first shown; colours come from CSS."""
    viewbox, groups, names = _svg_drawing(figure, tuple(areas) if figure else ())
    alt = html.text(alt_text(figure, name, areas))
    kind = "" if figure else " limber-figure--placeholder"
    return (
        f'<figure class="limber-figure{kind}" data-limber-figure="" '
        f'data-frames="{html.text(" ".join(names))}" data-frame="{html.text(names[0])}">'
        f'<svg viewBox="{viewbox}" role="img" aria-label="{alt}" '
        f'xmlns="http://www.w3.org/2000/svg">{groups}</svg>'
        + ("<figcaption>No picture yet</figcaption>" if figure is None else "")
        + "</figure>\n"
    )


@functools.lru_cache(maxsize=256)  # the placeholder is drawn once for every stretch without one
def _svg_drawing(figure: Figure | None, areas: tuple[str, ...]) -> tuple[str, str, tuple[str, ...]]:
    shown = figure or PLACEHOLDER
    frames = shown.frames()
    laid = [layout_frame(shown, frame, areas) for frame in frames]
    x0, y0, x1, y1 = bounds(laid)
    pad = 6
    width, height = x1 - x0 + 2 * pad, y1 - y0 + 2 * pad
    groups = []
    for index, (frame, shapes) in enumerate(zip(frames, laid, strict=True)):
        body = "".join(_svg_shape(s, x0 - pad, y1 + pad) for s in shapes)
        current = " is-current" if index == 0 else ""
        frame_name = html.text(frame.name)
        groups.append(f'<g class="lf-frame{current}" data-frame="{frame_name}">{body}</g>')
    names = tuple(frame.name for frame in frames)
    return f"0 0 {width:.0f} {height:.0f}", "".join(groups), names


def _svg_shape(shape: Shape, left: float, top: float) -> str:
    def at(point: Point) -> tuple[float, float]:
        return point[0] - left, top - point[1]

    if shape.kind == "circle":
        cx, cy = at(shape.points[0])
        return (
            f'<circle class="lf-{shape.role}" cx="{cx:.1f}" cy="{cy:.1f}" r="{shape.width:.1f}"/>'
        )
    (ax, ay), (bx, by) = at(shape.points[0]), at(shape.points[1])
    return (
        f'<line class="lf-{shape.role}" x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" '
        f'stroke-width="{shape.width:.1f}"/>'
    )


COLORS = {
    "body": (52, 58, 64),
    "far": (150, 156, 160),
    "focus": (0, 105, 92),
    "prop": (190, 194, 198),
}


def draw_figure(
    draw: Any,
    figure: Figure | None,
    areas: Sequence[str],
    box: tuple[int, int, int, int],
    colors: Mapping[str, tuple[int, int, int]] = COLORS,
) -> None:
    """Draw the figure's frames side by side into ``box`` with Pillow: the card's picture."""
    shown = figure or PLACEHOLDER
    frames = shown.frames()
    laid = [layout_frame(shown, frame, areas if figure else ()) for frame in frames]
    x0, y0, x1, y1 = bounds(laid)
    left, top, right, bottom = box
    slot = (right - left) / len(laid)
    scale = min((slot * 0.9) / (x1 - x0), (bottom - top) / (y1 - y0))
    for index, shapes in enumerate(laid):
        centre = left + slot * (index + 0.5)

        def at(point: Point, centre: float = centre) -> tuple[float, float]:
            return centre + (point[0] - (x0 + x1) / 2) * scale, bottom - (point[1] - y0) * scale

        for shape in shapes:
            color = colors[shape.role]
            if shape.kind == "circle":
                cx, cy = at(shape.points[0])
                r = shape.width * scale
                draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=color)
                continue
            a, b = at(shape.points[0]), at(shape.points[1])
            width = max(1, round(shape.width * scale))
            draw.line((a, b), fill=color, width=width)
            for x, y in (a, b):
                draw.ellipse(
                    (x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=color
                )
