"""Pose data and geometry: a ``figure:`` field becomes a list of shapes, with no drawing here.

A figure is a stick figure with rounded limbs, hands and feet, seen from the side, the front or
from above. A named base pose sets every joint angle; ``adjust`` adds degrees to some of them;
``keyframes`` name two or more adjustments the page figure moves between in step with the timer
(cow on the inhale, cat on the exhale). Angles are in degrees. In the side view the figure faces
right; a segment's direction is measured from straight down, counter-clockwise, so 90 points
forward and 180 up. The renderers (``svg``, ``raster``) turn the shapes into pictures.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

VIEWS = ("side", "front", "top")
JOINTS = (
    "trunk",
    "chest",
    "neck",
    "head",
    "twist",
    "shoulder",
    "elbow",
    "wrist",
    "hip",
    "knee",
    "ankle",
    "far_shoulder",
    "far_elbow",
    "far_wrist",
    "far_hip",
    "far_knee",
    "far_ankle",
)
ANGLE_LIMIT = 270

# Segment lengths and thicknesses, in figure units (a standing figure is about 175 tall).
LENGTH = {
    "trunk": 27,
    "chest": 27,
    "neck": 9,
    "upper_arm": 30,
    "forearm": 26,
    "hand": 11,
    "thigh": 44,
    "shin": 42,
    "foot": 13,
}
HEAD_RADIUS = 10
NOSE_RADIUS = 3
WIDTH = {"body": 15, "limb": 9, "hand": 7, "foot": 8}
SHOULDER_HALF, HIP_HALF = 17, 9  # front view
ROLLER_RADIUS = 12
FORESHORTENED = 0.35  # a limb pointing straight at the viewer shows this much of its length

# Base poses of the side view: every joint's angle. "trunk" is the pelvis-to-mid-back direction,
# "chest" bends the upper back from it, limbs are relative to the trunk (0 hangs along it);
# "wrist" and "ankle" bend the hand and foot from their straight lines (a foot's straight line
# is at right angles to the shin).
BASE: Mapping[str, Mapping[str, float]] = {
    "standing": {"trunk": 180, "shoulder": 8, "elbow": 12, "hip": 0, "knee": 0},
    "chair": {"trunk": 180, "shoulder": 12, "elbow": 70, "hip": 90, "knee": 90},
    "sitting": {"trunk": 178, "shoulder": 34, "elbow": 0, "wrist": 80, "hip": 92, "knee": 0},
    "kneeling": {"trunk": 180, "shoulder": 8, "elbow": 12, "hip": 0, "knee": 90, "ankle": -90},
    "lunge": {
        "trunk": 180, "shoulder": 8, "elbow": 12, "hip": 90, "knee": 90,
        "far_hip": -10, "far_knee": 80, "far_ankle": -80,
    },
    # The arms are longer than the thighs: the back rises 13 degrees to the shoulders, so the
    # hands and the knees both rest on the floor, the arms and thighs upright.
    "all-fours": {
        "trunk": 103, "shoulder": 77, "elbow": 0, "wrist": 90, "hip": 77, "knee": 90, "ankle": -90,
    },
    "heels": {"trunk": 180, "shoulder": 10, "elbow": 40, "hip": 90, "knee": 178, "ankle": -92},
    "lying": {"trunk": -90, "shoulder": 10, "elbow": 0, "hip": 45, "knee": 95},
    "lying-flat": {"trunk": -90, "shoulder": 10, "elbow": 0, "hip": 0, "knee": 0},
    "lying-front": {"trunk": 90, "shoulder": 10, "elbow": 0, "hip": 0, "knee": 0, "ankle": -80},
    "lying-side": {  # seen from above, the head on the lower arm
        "trunk": -90, "neck": 12, "shoulder": 12, "elbow": 0, "hip": 20, "knee": 35,
        "far_shoulder": 180, "far_elbow": 0, "far_hip": 25, "far_knee": 40,
    },
}  # fmt: skip
# The front view's own bases: arms and legs hang at the sides (its angles open them outward).
FRONT_BASE: Mapping[str, Mapping[str, float]] = {
    "standing": {"trunk": 180, "shoulder": 10, "elbow": 6},
    "chair": {"trunk": 180, "shoulder": 10, "elbow": -35},  # the hands rest on the thighs
    "sitting": {"trunk": 180, "shoulder": 25, "elbow": 0, "hip": 20},
    "kneeling": {"trunk": 180, "shoulder": 10, "elbow": 6},
}
# Seen from above, lying on the floor: the front view's angles, the head to the left.
TOP_BASE: Mapping[str, Mapping[str, float]] = {
    "lying": {"trunk": 180, "shoulder": 20, "elbow": 0, "hip": 5},
}
VIEW_BASES: Mapping[str, Mapping[str, Mapping[str, float]]] = {
    "side": BASE,
    "front": FRONT_BASE,
    "top": TOP_BASE,
}
POSES = tuple(BASE)
# What a figure may stand on or hold; their words are the catalogue's (figure.prop.*).
PROPS = ("chair", "doorway", "wall", "foam-roller", "mat", "strap", "towel", "yoga-block")
ARM_JOINTS = ("elbow", "wrist", "fingers", "far_elbow", "far_wrist", "far_fingers")
SEATED = ("chair", "sitting")  # the pelvis rests on something, not the feet
FLOOR_POSES = ("sitting", "kneeling", "lunge", "all-fours", "heels", "lying", "lying-flat",
               "lying-front", "lying-side")  # fmt: skip

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
    "wrists": ("forearm", "hand"),
    "hips": ("thigh",),
    "glutes": ("thigh",),
    "hamstrings": ("thigh",),
    "quads": ("thigh",),
    "calves": ("shin", "foot"),
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
    props: tuple[str, ...] = ()
    adjust: tuple[tuple[str, float], ...] = ()
    keyframes: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = ()

    def frames(self) -> tuple[Frame, ...]:
        """The frames to draw: the keyframes, or the pose with its adjustments."""
        base = _adjusted(VIEW_BASES[self.view][self.pose], self.adjust)
        if not self.keyframes:
            return (Frame("pose", tuple(sorted(base.items()))),)
        return tuple(
            Frame(name, tuple(sorted(_adjusted(base, changes).items())))
            for name, changes in self.keyframes
        )


def _adjusted(
    angles: Mapping[str, float], changes: Iterable[tuple[str, float]]
) -> dict[str, float]:
    """``angles`` with degrees added. A far limb's joint that is not set yet starts from its
    near twin's angle, so ``{hip: 40}`` lifts both legs and ``{hip: 40, far_hip: 0}`` one."""
    result = dict(angles)
    for joint, value in changes:
        start = angles.get(joint, angles.get(joint.removeprefix("far_"), 0.0))
        result[joint] = start + value
    return result


@dataclass(frozen=True)
class Shape:
    """A drawn primitive: a rounded segment or a circle, with its role (body, far, focus, prop,
    ground) and the body part it belongs to."""

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

    def role(self, part: str, far: bool = False) -> str:
        return "focus" if part in self.focus else ("far" if far else "body")

    def limb(self, a: Point, b: Point, part: str, far: bool = False) -> None:
        width = WIDTH["body"] if part in ("trunk", "chest") else WIDTH.get(part, WIDTH["limb"])
        self.shapes.append(Shape("line", (a, b), width, self.role(part, far), part))

    def head(self, centre: Point, nose: Point) -> None:
        role = self.role("neck")
        self.shapes.append(Shape("circle", (centre,), HEAD_RADIUS, role, "head"))
        if math.dist(centre, nose) > HEAD_RADIUS - NOSE_RADIUS:
            self.shapes.append(Shape("circle", (nose,), NOSE_RADIUS, role, "nose"))


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
    # The nose shows which way the face looks; turning the head hides it behind the head.
    nose_reach = (HEAD_RADIUS + 1) * math.cos(math.radians(a("head")))
    joints["nose"] = _toward(joints["head"], neck_dir - 90, nose_reach)
    for prefix in ("far_", ""):

        def angle(joint: str, prefix: str = prefix) -> float:
            return a(f"{prefix}{joint}", a(joint))

        upper = chest - 180 + angle("shoulder")
        elbow = _toward(joints["shoulder"], upper, LENGTH["upper_arm"])
        forearm = upper + angle("elbow")
        wrist = _toward(elbow, forearm, LENGTH["forearm"])
        fingers = _toward(wrist, forearm + angle("wrist"), LENGTH["hand"])
        thigh = trunk - 180 + angle("hip")
        knee = _toward(joints["pelvis"], thigh, LENGTH["thigh"])
        shin = thigh - angle("knee")
        ankle = _toward(knee, shin, LENGTH["shin"])
        toe = _toward(ankle, shin + 90 + angle("ankle"), LENGTH["foot"])
        joints |= {
            f"{prefix}elbow": elbow,
            f"{prefix}wrist": wrist,
            f"{prefix}fingers": fingers,
            f"{prefix}knee": knee,
            f"{prefix}ankle": ankle,
            f"{prefix}toe": toe,
        }
    _side_limbs(b, joints, "far_", far=True)  # the far side, drawn first
    b.limb(joints["pelvis"], joints["mid"], "trunk")
    b.limb(joints["mid"], joints["shoulder"], "chest")
    b.limb(joints["shoulder"], joints["neck"], "neck")
    b.head(joints["head"], joints["nose"])
    _side_limbs(b, joints, "", far=False)
    return b.shapes, joints


def _side_limbs(b: _Builder, j: dict[str, Point], prefix: str, far: bool) -> None:
    b.limb(j["pelvis"], j[f"{prefix}knee"], "thigh", far)
    b.limb(j[f"{prefix}knee"], j[f"{prefix}ankle"], "shin", far)
    b.limb(j[f"{prefix}ankle"], j[f"{prefix}toe"], "foot", far)
    b.limb(j["shoulder"], j[f"{prefix}elbow"], "upper_arm", far)
    b.limb(j[f"{prefix}elbow"], j[f"{prefix}wrist"], "forearm", far)
    b.limb(j[f"{prefix}wrist"], j[f"{prefix}fingers"], "hand", far)


def _shown_length(length: float, direction: float) -> float:
    """How long a leg segment looks from the front when sitting: pointing down-and-at-us (0)
    it is foreshortened; swung out sideways (90) it shows its whole length."""
    return length * (FORESHORTENED + (1 - FORESHORTENED) * abs(math.sin(math.radians(direction))))


def skeleton_front(
    frame: Frame, focus: set[str], seated: str = ""
) -> tuple[list[Shape], dict[str, Point]]:
    """Shapes and joint positions of the front view, pelvis centre at the origin. ``seated`` is
    "chair" (thighs point at the viewer, shins hang) or "sitting" (the legs lie on the floor,
    pointing at the viewer), or empty when standing."""
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
    turn = a("twist") + a("head")
    nose = _toward(head, neck_dir - 90, (HEAD_RADIUS + 5) * math.sin(math.radians(turn)))
    joints: dict[str, Point] = {
        "pelvis": pelvis,
        "mid": mid,
        "shoulder": top,
        "neck": neck,
        "head": head,
        "nose": nose,
    }
    for prefix, side in (("", -1), ("far_", 1)):
        hip = (pelvis[0] + side * HIP_HALF, pelvis[1])
        spread = side * a(f"{prefix}hip", a("hip"))
        shin_dir = spread - side * a(f"{prefix}knee", a("knee"))
        thigh_length, shin_length = float(LENGTH["thigh"]), float(LENGTH["shin"])
        if seated:
            thigh_length = _shown_length(thigh_length, spread)
        if seated == "sitting":
            shin_length = _shown_length(shin_length, shin_dir)
        knee = _toward(hip, spread, thigh_length)
        ankle = _toward(knee, shin_dir, shin_length)
        toe = _toward(ankle, shin_dir + side * (90 + a(f"{prefix}ankle", a("ankle"))), 9)
        b.limb(hip, knee, "thigh")
        b.limb(knee, ankle, "shin")
        b.limb(ankle, toe, "foot")
        joints |= {f"{prefix}knee": knee, f"{prefix}ankle": ankle, f"{prefix}toe": toe}
    b.limb(pelvis, mid, "trunk")
    b.limb(mid, top, "chest")
    b.limb((pelvis[0] - HIP_HALF, pelvis[1]), (pelvis[0] + HIP_HALF, pelvis[1]), "trunk")
    b.limb(shoulders[""], shoulders["far_"], "chest")
    b.limb(top, neck, "neck")
    b.head(head, nose)
    for prefix, side in (("", -1), ("far_", 1)):
        shoulder = shoulders[prefix]
        upper = side * a(f"{prefix}shoulder", a("shoulder")) - bend
        elbow = _toward(shoulder, upper, LENGTH["upper_arm"])
        forearm = upper + side * a(f"{prefix}elbow", a("elbow"))
        wrist = _toward(elbow, forearm, LENGTH["forearm"])
        fingers = _toward(wrist, forearm + side * a(f"{prefix}wrist", a("wrist")), LENGTH["hand"])
        b.limb(shoulder, elbow, "upper_arm")
        b.limb(elbow, wrist, "forearm")
        b.limb(wrist, fingers, "hand")
        joints |= {f"{prefix}elbow": elbow, f"{prefix}wrist": wrist, f"{prefix}fingers": fingers}
    return b.shapes, joints


def _line(a: Point, b: Point, width: float, part: str, role: str = "prop") -> Shape:
    return Shape("line", (a, b), width, role, part)


def _chair(figure: Figure, joints: dict[str, Point], floor: float) -> list[Shape]:
    """A chair: under the pelvis when sitting on it; otherwise under the lowest raised heel,
    hand or elbow (a leg up on the seat, elbows resting on it), or in front as a support."""
    if figure.pose == "chair":
        seat_y = joints["pelvis"][1] - 8
        centre = joints["pelvis"][0] + (5 if figure.view == "side" else 0)
    else:
        names = ("ankle", "far_ankle", "wrist", "far_wrist", "elbow", "far_elbow")
        raised = [joints[n] for n in names if n in joints and joints[n][1] - floor > 25]
        if raised:
            point = min(raised, key=lambda p: p[1])
            seat_y, centre = point[1] - 7, point[0]
        else:
            seat_y, centre = floor + 46, max(p[0] for p in joints.values()) + 22
    front, back = centre + 19, centre - 19
    if figure.pose != "chair" and centre > joints["pelvis"][0]:  # the backrest away from us
        front, back = back, front
    legs = 3 if back < front else -3
    shapes = [
        _line((back, seat_y), (front, seat_y), 6, "chair"),
        _line((front - legs, seat_y), (front - legs, floor), 5, "chair"),
        _line((back + legs, seat_y), (back + legs, floor), 5, "chair"),
    ]
    if figure.view == "side":
        lean = -6 if back < front else 6
        shapes.append(_line((back, seat_y), (back + lean, seat_y + 48), 5, "chair"))
    return shapes


LEG_ENDS = ("knee", "ankle", "heel", "toe")


def _wall(joints: dict[str, Point], floor: float) -> Shape:
    """A wall where a reaching hand, or a raised foot, pushes against it, in front or behind;
    otherwise behind the figure (the back against it)."""

    def pushes(name: str) -> bool:
        end = name.removeprefix("far_")
        if end in ("wrist", "fingers"):
            return abs(joints[name][0] - joints["shoulder"][0]) > 30
        return end in ("toe", "ankle") and joints[name][1] - floor > 20

    front = max(joints, key=lambda name: joints[name][0])
    back = min(joints, key=lambda name: joints[name][0])
    hand_behind = pushes(back) and back.removeprefix("far_") in ("wrist", "fingers")
    raised = [name for name in joints if pushes(name) and name.endswith(("toe", "ankle"))]
    bottom = floor
    if pushes(front) and not hand_behind:
        x = joints[front][0] + 6
    elif raised and not pushes(back):
        # One foot up the wall, the other leg lying long past it (through a doorway, as in the
        # hamstring stretch): the wall at the raised foot, its edge above the lying leg.
        foot = max(raised, key=lambda name: joints[name][1])
        ahead = joints[foot][0] > joints["pelvis"][0]
        side = "far_" if foot.startswith("far_") else ""
        leg = [joints[name][0] for name in joints if name.removeprefix(side) in LEG_ENDS
               and name.startswith(side)]  # fmt: skip
        x = max(leg) + 6 if ahead else min(leg) - 6
        past = [p[1] for p in joints.values() if (p[0] > x - 4) == ahead or abs(p[0] - x) < 4]
        bottom = min(max([floor, *past]) + 6, floor + 150)  # a wall's edge, never upside down
    else:
        x = joints[back][0] - (6 if pushes(back) else 10)
    return _line((x, bottom), (x, floor + 200), 7, "wall")


def _props(figure: Figure, joints: dict[str, Point], floor: float) -> list[Shape]:
    """The props' shapes, drawn behind the figure, placed from its joints."""
    shapes: list[Shape] = []
    xs = [p[0] for p in joints.values()]
    left, right = min(xs) - 14, max(xs) + 14
    props = set(figure.props) | ({"chair"} if figure.pose == "chair" else set())
    if figure.view == "top":  # the mat seen from above: a band under the body and legs
        # (arms spread in a T reach past it, as on a real mat, which keeps the figure large)
        ys = [p[1] for name, p in joints.items() if not name.startswith(ARM_JOINTS)]
        middle = (min(ys) + max(ys)) / 2
        height = max(ys) - min(ys) + 36
        shapes.append(_line((left, middle), (right, middle), height, "mat", "ground"))
    elif figure.view == "front" and figure.pose == "sitting":  # the floor seen from in front
        low = min(p[1] for name, p in joints.items() if "ankle" in name or "knee" in name)
        top = joints["pelvis"][1] + 4
        middle, height = (low - 8 + top) / 2, top - low + 8
        band = _line((left + 20, middle), (right - 20, middle), max(height, 12), "mat", "ground")
        shapes.append(band)
    elif "mat" in props or figure.pose in FLOOR_POSES:
        shapes.append(_line((left, floor - 2), (right, floor - 2), 5, "mat"))
    if "chair" in props:
        shapes += _chair(figure, joints, floor)
    if "doorway" in props:
        x = max(joints["wrist"][0], joints["far_wrist"][0]) - 4
        shapes.append(_line((x, floor), (x, floor + 200), 7, "doorway"))
    if "wall" in props:
        shapes.append(_wall(joints, floor))
    if "foam-roller" in props:
        under = joints["shoulder"]
        centre = (under[0] + 6, floor + ROLLER_RADIUS)
        shapes.insert(0, Shape("circle", (centre,), ROLLER_RADIUS, "prop", "roller"))
    if "yoga-block" in props:
        low_hand = min((joints["wrist"], joints["far_wrist"]), key=lambda p: p[1])
        shapes.append(
            _line((low_hand[0] - 8, floor + 6), (low_hand[0] + 8, floor + 6), 12, "block")
        )
    if "towel" in props:
        if figure.pose.startswith("lying") and figure.view == "side":  # rolled, along the spine
            start, end = joints["pelvis"][0], joints["shoulder"][0]
            shapes.insert(0, _line((start, floor + 4), (end, floor + 4), 8, "towel"))
        else:  # held between the hands
            shapes.append(_line(joints["wrist"], joints["far_wrist"], 4, "towel"))
    if "strap" in props:  # from the hands round the sole of the near foot
        sole = joints["toe"]
        for hand in ("wrist", "far_wrist"):
            if math.dist(joints[hand], sole) > 6:
                shapes.append(_line(joints[hand], sole, 3, "strap"))
    return shapes


def _rotate_to_floor(shapes: list[Shape], joints: dict[str, Point]) -> None:
    """Seen from above, the figure lies with its head to the left: turn it a quarter."""

    def turn(p: Point) -> Point:
        return -p[1], p[0]

    shapes[:] = [
        Shape(s.kind, tuple(turn(p) for p in s.points), s.width, s.role, s.part) for s in shapes
    ]
    for name, point in joints.items():
        joints[name] = turn(point)


def layout_frame(figure: Figure, frame: Frame, focus: Iterable[str]) -> list[Shape]:
    """The shapes of one frame, resting on the floor at y = 0, horizontally centred."""
    parts = {part for area in focus for part in AREA_PARTS.get(area, ())}
    if figure.view == "side":
        shapes, joints = skeleton_side(frame, parts)
    else:
        seated = figure.pose if figure.pose in SEATED and figure.view == "front" else ""
        shapes, joints = skeleton_front(frame, parts, seated)
        if figure.view == "top":
            _rotate_to_floor(shapes, joints)
    if figure.view == "front" and figure.pose == "sitting":  # the pelvis sits on the floor
        lift = WIDTH["body"] / 2
    elif figure.pose == "chair":  # the feet stand on the floor; the chair holds the pelvis
        lift = -min(y for name, (_, y) in joints.items() if "ankle" in name) + WIDTH["foot"] / 2
    else:  # whatever is lowest rests on the floor (the nose is allowed to point down past it)
        lift = -min(
            min(y - (s.width / 2 if s.kind == "line" else s.width) for _, y in s.points)
            for s in shapes
            if s.part != "nose"
        )
    if "foam-roller" in figure.props:
        lift += 2 * ROLLER_RADIUS - 4  # the back rests on the roller, not on the floor
    if "towel" in figure.props and figure.pose.startswith("lying") and figure.view == "side":
        lift += 6  # and on a rolled towel
    moved = _shift(shapes, 0, lift)
    moved_joints = {name: (x, y + lift) for name, (x, y) in joints.items()}
    return _without_hidden(_props(figure, moved_joints, 0.0) + moved)


def _without_hidden(shapes: Sequence[Shape]) -> list[Shape]:
    """Minus each far-side limb that one drawn after it covers exactly, as a side view's legs
    standing together: it would cost markup on every page and picture and show nothing."""
    return [
        shape
        for index, shape in enumerate(shapes)
        if shape.role != "far"
        or not any(
            later.kind == shape.kind and later.points == shape.points and later.width >= shape.width
            for later in shapes[index + 1 :]
        )
    ]


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


PLACEHOLDER = Figure("side", "standing")


def laid_out(
    figure: Figure | None, areas: Sequence[str]
) -> tuple[tuple[str, ...], list[list[Shape]]]:
    """Every frame's name and shapes, ready to draw: the placeholder (no accent) when there is
    no figure."""
    shown = figure or PLACEHOLDER
    frames = shown.frames()
    focus = areas if figure else ()
    return tuple(f.name for f in frames), [layout_frame(shown, f, focus) for f in frames]
