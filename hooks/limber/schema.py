"""Front-matter schemas: each field's kind checks a value and describes itself.

One table per file kind (stretch, routine item, routine) is the single source of truth for
validation, the contributor template and the JSON Schema.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from limber import limits, vocabulary
from limber.figures.model import ANGLE_LIMIT, JOINTS, PROPS, VIEW_BASES, VIEWS, Figure
from limber.problems import did_you_mean, found


class Invalid(ValueError):
    """A value that its field does not allow; the message says what was found and what is."""


def _number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class Text:
    """One line of plain text, in Unicode NFC, with no control or direction characters."""

    max_length: int = limits.MAX_TEXT

    @property
    def allowed(self) -> str:
        limit = f" of at most {self.max_length} characters" if self.max_length else ""
        return f"one line of text{limit}"

    def check(self, value: Any) -> str:
        if not isinstance(value, str):
            hint = " (put it in quotes)" if isinstance(value, (bool, int, float)) else ""
            raise Invalid(f"found {found(value)}; allowed: {self.allowed}{hint}")
        text = value.strip()
        if not text:
            raise Invalid(f"found empty text; allowed: {self.allowed}")
        if "\n" in text:
            raise Invalid(f"found text over several lines; allowed: {self.allowed}")
        if self.max_length and len(text) > self.max_length:
            raise Invalid(f"found {len(text)} characters; allowed: {self.allowed}")
        bad = limits.bad_character(text, one_line=True)
        if bad is not None:
            raise Invalid(
                f"found the character {bad[1]} at character {bad[0] + 1}; "
                f"allowed: {limits.ALLOWED_CHARACTERS}"
            )
        return limits.normalized(text)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": "^[^\\n]*$"}
        if self.max_length:
            schema["maxLength"] = self.max_length
        return schema


@dataclass(frozen=True)
class TextList:
    """A list of short texts (a single text counts as a list of one)."""

    max_length: int = limits.MAX_TEXT
    max_items: int = limits.MAX_LIST_ITEMS

    def check(self, value: Any) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        allowed = f"a list of at most {self.max_items} texts"
        if not isinstance(items, list):
            raise Invalid(f"found {found(value)}; allowed: {allowed}")
        if len(items) > self.max_items:
            raise Invalid(f"found {len(items)} items; allowed: {allowed}")
        checked = []
        for number, item in enumerate(items, 1):
            try:
                checked.append(Text(self.max_length).check(item))
            except Invalid as error:
                raise Invalid(f"item {number}: {error}") from None
        return tuple(checked)

    def json_schema(self) -> dict[str, Any]:
        items = Text(self.max_length).json_schema()
        return {"type": "array", "items": items, "maxItems": self.max_items}


@dataclass(frozen=True)
class Choice:
    """One word from a fixed vocabulary."""

    options: tuple[str, ...]

    def check(self, value: Any) -> str:
        if value not in self.options:
            allowed = " | ".join(self.options)
            raise Invalid(
                f"found {found(value)}; allowed: {allowed}{did_you_mean(value, self.options)}"
            )
        return str(value)

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.options)}


@dataclass(frozen=True)
class Words:
    """A list of words from a vocabulary, each at most once."""

    options: tuple[str, ...]
    min_items: int = 0

    def check(self, value: Any) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        allowed = f"a list of {'one or more of' if self.min_items else 'any of'}: " + ", ".join(
            self.options
        )
        if not isinstance(items, list) or len(items) < self.min_items:
            raise Invalid(f"found {found(value)}; allowed: {allowed}")
        unknown = [item for item in items if item not in self.options]
        if unknown:
            words = ", ".join(found(item) + did_you_mean(item, self.options) for item in unknown)
            raise Invalid(f"found {words}; allowed: {allowed}")
        repeated = sorted({item for item in items if items.count(item) > 1})
        if repeated:
            raise Invalid(
                f"found {', '.join(map(repr, repeated))} more than once; allowed: {allowed}"
            )
        return tuple(items)

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "array",
            "items": {"enum": list(self.options)},
            "minItems": self.min_items,
            "uniqueItems": True,
        }


@dataclass(frozen=True)
class Count:
    """A whole number above zero, or a range ``[min, max]`` with ``0 < min <= max``."""

    unit: str

    @property
    def maximum(self) -> int:
        return limits.COUNT_MAXIMUM[self.unit]

    @property
    def allowed(self) -> str:
        return (
            f"a whole number of {self.unit} from 1 to {self.maximum}, or [min, max] with "
            f"0 < min <= max <= {self.maximum}"
        )

    def check(self, value: Any) -> tuple[int, int]:
        if _number(value) and 0 < value <= self.maximum:
            return value, value
        if (
            isinstance(value, list)
            and len(value) == 2
            and all(_number(item) for item in value)
            and 0 < value[0] <= value[1] <= self.maximum
        ):
            return value[0], value[1]
        raise Invalid(f"found {found(value)}; allowed: {self.allowed}")

    def json_schema(self) -> dict[str, Any]:
        whole = {"type": "integer", "minimum": 1, "maximum": self.maximum}
        pair = {"type": "array", "items": whole, "minItems": 2, "maxItems": 2}
        return {"oneOf": [whole, pair]}


@dataclass(frozen=True)
class Seconds:
    """A whole number of seconds, zero allowed."""

    def check(self, value: Any) -> int:
        if _number(value) and 0 <= value <= limits.MAX_SECONDS:
            return int(value)
        raise Invalid(
            f"found {found(value)}; allowed: a whole number of seconds from 0 to "
            f"{limits.MAX_SECONDS}"
        )

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": 0, "maximum": limits.MAX_SECONDS}


@dataclass(frozen=True)
class Cues:
    """What the body does on each breath phase: ``{inhale: "...", exhale: "..."}``."""

    def check(self, value: Any) -> dict[str, str]:
        allowed = "a mapping of " + " and ".join(vocabulary.BREATH_PHASES) + " to one line of text"
        if not isinstance(value, dict) or not value:
            raise Invalid(f"found {found(value)}; allowed: {allowed}")
        unknown = [key for key in value if key not in vocabulary.BREATH_PHASES]
        if unknown:
            words = ", ".join(
                found(key) + did_you_mean(key, vocabulary.BREATH_PHASES) for key in unknown
            )
            raise Invalid(f"found the key {words}; allowed: {allowed}")
        return {key: Text(80).check(text) for key, text in value.items()}

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {phase: Text(80).json_schema() for phase in vocabulary.BREATH_PHASES},
            "additionalProperties": False,
            "minProperties": 1,
        }


@dataclass(frozen=True)
class Aliases:
    """Other names people type for a stretch ("cat camel", "pec stretch"): a short list of
    short names, each at most once ignoring case. Clashes with other stretches' names and
    aliases are checked across files, in ``loading``."""

    max_items: int = 8
    min_length: int = 3
    max_length: int = 40

    @property
    def allowed(self) -> str:
        return (
            f"a list of up to {self.max_items} names of {self.min_length} to "
            f"{self.max_length} characters"
        )

    def check(self, value: Any) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or len(items) > self.max_items:
            raise Invalid(f"found {found(value)}; allowed: {self.allowed}")
        names: list[str] = []
        for item in items:
            name = Text(self.max_length).check(item) if isinstance(item, str) else None
            if name is None or len(name) < self.min_length:
                raise Invalid(f"found {found(item)}; allowed: {self.allowed}")
            if name.casefold() in {known.casefold() for known in names}:
                raise Invalid(f"found {name!r} twice, ignoring case; allowed: {self.allowed}")
            names.append(name)
        return tuple(names)

    def json_schema(self) -> dict[str, Any]:
        name = {**Text(self.max_length).json_schema(), "minLength": self.min_length}
        return {
            "type": "array",
            "items": name,
            "minItems": 1,
            "maxItems": self.max_items,
            "uniqueItems": True,
        }


@dataclass(frozen=True)
class FigureSpec:
    """A stretch's picture: a view, a base pose, props, joint adjustments and keyframes."""

    KEYS = ("view", "pose", "prop", "adjust", "keyframes")

    def _angles(self, value: Any, where: str) -> tuple[tuple[str, float], ...]:
        allowed = f"a mapping of joints ({', '.join(JOINTS)}) to degrees"
        if not isinstance(value, dict):
            raise Invalid(f"{where}: found {found(value)}; allowed: {allowed}")
        angles = []
        for joint, degrees in value.items():
            if joint not in JOINTS:
                hint = did_you_mean(joint, JOINTS)
                raise Invalid(f"{where}: found the joint {found(joint)}{hint}; allowed: {allowed}")
            limit = f"a number of degrees from -{ANGLE_LIMIT} to {ANGLE_LIMIT}"
            number = isinstance(degrees, (int, float)) and not isinstance(degrees, bool)
            if not number or not math.isfinite(degrees) or abs(degrees) > ANGLE_LIMIT:
                raise Invalid(f"{where}: {joint}: found {found(degrees)}; allowed: {limit}")
            angles.append((str(joint), float(degrees)))
        return tuple(angles)

    def _props(self, value: Any) -> tuple[str, ...]:
        try:
            return Words(PROPS).check(value)
        except Invalid as error:
            raise Invalid(f"prop: {error} (one prop, or a list of them)") from None

    def check(self, value: Any) -> Figure:
        keys = ", ".join(self.KEYS)
        if not isinstance(value, dict):
            raise Invalid(f"found {found(value)}; allowed: a mapping with {keys}")
        for key in value:
            if key not in self.KEYS:
                hint = did_you_mean(key, self.KEYS)
                raise Invalid(f"found the key {found(key)}{hint}; allowed: {keys}")
        view = Choice(VIEWS).check(value.get("view", "side"))
        try:
            pose = Choice(tuple(VIEW_BASES[view])).check(value.get("pose"))
        except Invalid as error:
            wanted = value.get("pose")
            others = [v for v, bases in VIEW_BASES.items() if v != view and wanted in bases]
            view_note = f" (the {view} view)" if view != "side" else ""
            if others:
                where = " and ".join(others)
                view_note = f" (the {view} view; {wanted} is a pose of the {where} view)"
            raise Invalid(f"pose: {error}{view_note}") from None
        props = self._props(value["prop"]) if "prop" in value else ()
        adjust = self._angles(value.get("adjust", {}), "adjust")
        frames = value.get("keyframes", {})
        if not isinstance(frames, dict) or len(frames) == 1 or len(frames) > limits.MAX_KEYFRAMES:
            raise Invalid(
                f"keyframes: found {found(frames)}; allowed: two to {limits.MAX_KEYFRAMES} named "
                "frames, each a mapping of joints to degrees"
            )
        for name in frames:
            if not isinstance(name, str) or not limits.KEYFRAME_NAME.match(name):
                raise Invalid(
                    f"keyframes: found the name {found(name)}; allowed: a lowercase letter, then "
                    "up to 23 lowercase letters, digits or hyphens"
                )
        keyframes = tuple(
            (str(name), self._angles(angles or {}, f"keyframes: {name}"))
            for name, angles in frames.items()
        )
        return Figure(view, pose, props, adjust, keyframes)

    def json_schema(self) -> dict[str, Any]:
        angles = {
            "type": "object",
            "propertyNames": {"enum": list(JOINTS)},
            "additionalProperties": {
                "type": "number",
                "minimum": -ANGLE_LIMIT,
                "maximum": ANGLE_LIMIT,
            },
        }
        prop = {"enum": list(PROPS)}
        narrower = [  # the front and top views know fewer poses than the side view
            {
                "if": {"properties": {"view": {"const": view}}, "required": ["view"]},
                "then": {"properties": {"pose": {"enum": list(bases)}}},
            }
            for view, bases in VIEW_BASES.items()
            if view != "side"
        ]
        return {
            "type": "object",
            "properties": {
                "view": {"enum": list(VIEWS), "description": "side (default), front or top."},
                "pose": {"enum": sorted({pose for bases in VIEW_BASES.values() for pose in bases})},
                "prop": {"oneOf": [prop, {"type": "array", "items": prop, "uniqueItems": True}]},
                "adjust": angles,
                "keyframes": {
                    "type": "object",
                    "minProperties": 2,
                    "maxProperties": limits.MAX_KEYFRAMES,
                    "propertyNames": {"pattern": limits.KEYFRAME_NAME.pattern},
                    "additionalProperties": angles,
                },
            },
            "required": ["pose"],
            "additionalProperties": False,
            "allOf": narrower,
        }


@dataclass(frozen=True)
class Pattern:
    """One word of a fixed shape, such as a theme's template or icon name: never a path."""

    pattern: str
    allowed: str

    def check(self, value: Any) -> str:
        if not isinstance(value, str) or not re.fullmatch(self.pattern, value):
            raise Invalid(f"found {found(value)}; allowed: {self.allowed}")
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": self.pattern}


@dataclass(frozen=True)
class SearchSettings:
    """A page's ``search:`` settings, as Material reads them: ``exclude`` and ``boost``."""

    ALLOWED = "a mapping with exclude: true or false, and/or boost: a number from 0 to 10"

    def check(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict) or not value:
            raise Invalid(f"found {found(value)}; allowed: {self.ALLOWED}")
        for key, setting in value.items():
            fine = (key == "exclude" and isinstance(setting, bool)) or (
                key == "boost"
                and isinstance(setting, (int, float))
                and not isinstance(setting, bool)
                and math.isfinite(setting)
                and 0 <= setting <= 10
            )
            if not fine:
                raise Invalid(f"found {found(key)}: {found(setting)}; allowed: {self.ALLOWED}")
        return dict(value)

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {
                "exclude": {"type": "boolean"},
                "boost": {"type": "number", "minimum": 0, "maximum": 10},
            },
            "additionalProperties": False,
        }


Kind = (
    Text
    | TextList
    | Choice
    | Words
    | Count
    | Seconds
    | Cues
    | Aliases
    | FigureSpec
    | Pattern
    | SearchSettings
)


@dataclass(frozen=True)
class Field:
    """A front-matter key: its kind, whether it is required, what it means, and the example
    ``limber new`` writes for it (commented out unless ``starter``)."""

    kind: Kind
    doc: str
    required: bool = False
    example: str = ""
    starter: bool = False


# One row per front-matter key of a stretch: validation, the JSON Schema, `limber new` and the
# contributor guide all read it. A key is an attribute of the same name on ``model.Stretch``,
# unless it is part of the dose (DOSE_PARTS). Adding a field: a row here, an attribute there.
STRETCH_FIELDS: Mapping[str, Field] = {
    "name": Field(
        Text(80), "Display name, unique ignoring case.", required=True,
        example='"Wall angel"', starter=True,
    ),
    "aliases": Field(
        Aliases(), "Other names people know it by, for search: a list.",
        example='["Another name people know it by"]',
    ),
    "summary": Field(
        Text(160), "One sentence saying what the stretch does.", required=True,
        example="One sentence on what it stretches and why.", starter=True,
    ),
    "areas": Field(
        Words(vocabulary.AREAS, 1), "Where it is felt.", required=True,
        example="[upper-back]", starter=True,
    ),
    "position": Field(
        Choice(vocabulary.POSITIONS), "Starting position.", required=True,
        example="standing", starter=True,
    ),
    "equipment": Field(
        Words(vocabulary.EQUIPMENT), "What it needs; default none.", example="[]", starter=True
    ),
    "level": Field(
        Choice(vocabulary.LEVELS), "Difficulty; default beginner.", example="beginner",
        starter=True,
    ),
    "hold": Field(
        Count("seconds"), "Seconds per hold: a number or [min, max].", example="[15, 30]",
        starter=True,
    ),
    "breaths": Field(
        Count("breaths"), "Breath cycles instead of a hold: a number or [min, max].",
        example="[10, 15]",
    ),
    "sides": Field(
        Choice(vocabulary.SIDES), "none (default), both, or alternate.", example="both",
        starter=True,
    ),
    "reps": Field(Count("repetitions"), "Repetitions (per side); default 1.", example="1"),
    "cues": Field(
        Cues(), "With breaths only: what to do on the inhale and on the exhale.",
        example='{inhale: "What to do breathing in", exhale: "What to do breathing out"}',
    ),
    "muscles": Field(
        TextList(limits.MAX_SHORT_TEXT), "Muscles stretched, free text.", example="[trapezius]"
    ),
    "cautions": Field(
        TextList(), "Short warnings.", example='["Stop if you feel tingling in the arms."]',
        starter=True,
    ),
    "figure": Field(
        FigureSpec(), "The picture: view, pose, prop (one or a list), adjust, keyframes.",
        example="{view: side, pose: standing, adjust: {shoulder: 90}}",
    ),
    "author": Field(Text(100), "Who wrote this stretch file.", example="Your name"),
    "source": Field(
        Text(300), "Where the facts come from: a URL or a citation.",
        example="https://example.org/where-the-hold-times-come-from",
    ),
    "license": Field(
        Text(60), "Licence of this file's text, if not the site's CC BY-SA 4.0.",
        example="CC BY-SA 4.0",
    ),
}  # fmt: skip

DEFAULT_LICENSE = "CC BY-SA 4.0"
SCHEMA_ID = "https://limber.invalid/schemas/stretch.schema.json"


def stretch_json_schema() -> dict[str, Any]:
    """The JSON Schema of a stretch's front-matter, generated from ``STRETCH_FIELDS``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Limber stretch front-matter",
        "description": (
            "The YAML between the '---' lines of stretches/<slug>.md. limber check also checks "
            "what a schema cannot: ranges with min <= max, unique names, the file name."
        ),
        "type": "object",
        "properties": {
            key: {"description": spec.doc, **spec.kind.json_schema()}
            for key, spec in STRETCH_FIELDS.items()
        },
        "required": [key for key, spec in STRETCH_FIELDS.items() if spec.required],
        "additionalProperties": False,
        "oneOf": [{"required": [key]} for key in DOSE_KEYS],
        "dependentRequired": {"cues": ["breaths"]},
    }


DOSE_KEYS = ("hold", "breaths")
DOSE_PARTS = (*DOSE_KEYS, "sides", "reps", "cues")  # keys that make up model.Dose
OVERRIDE_KEYS = ("hold", "breaths", "reps")

# Keys MkDocs and Material read from a page's front-matter; a routine page may carry them. The
# theme prints some of them into the page unescaped, or reads a file they name, so each is checked
# like any other field (and the hook escapes the description).
PAGE_FIELDS: Mapping[str, Field] = {
    "description": Field(Text(200), "Description for search engines; default the summary."),
    "hide": Field(
        Words(("navigation", "toc", "footer", "feedback", "tags", "path")),
        "Parts of the page the theme hides.",
    ),
    "tags": Field(TextList(40), "Tags, a few words each."),
    "template": Field(
        Pattern(r"[a-z0-9][a-z0-9_-]{0,40}\.html", "a template file name such as main.html"),
        "A template of the theme instead of the default one.",
    ),
    "icon": Field(
        Pattern(r"[a-z0-9-]{1,40}(/[a-z0-9-]{1,60}){1,2}", "an icon name such as material/star"),
        "An icon of the theme, beside the title in the navigation.",
    ),
    "status": Field(Pattern(r"[a-z][a-z0-9-]{0,30}", "a word such as new"), "A page status."),
    "search": Field(SearchSettings(), "Search settings: exclude, boost."),
}
PAGE_KEYS = ("title", *PAGE_FIELDS)

ROUTINE_FIELDS: Mapping[str, Field] = {
    "title": Field(Text(100), "Title of the routine."),
    "summary": Field(Text(200), "One sentence saying what the routine is for."),
    "rest": Field(Seconds(), "Seconds of rest between stretches; default 10."),
}
