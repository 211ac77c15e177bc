"""The field table is the one place a front-matter field is declared: adding a row (and the
model's attribute) is enough for validation, the JSON Schema, ``limber new`` and the model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from limber import cli, loading, model, schema
from limber.loading import build_stretch, read_source

STRETCH = """---
name: Wall angel
summary: Slide the arms up a wall.
areas: [shoulders]
position: standing
hold: 20
{extra}
---

1. Stand with your back to a wall.
"""


@pytest.fixture
def with_mood(monkeypatch: pytest.MonkeyPatch) -> type[model.Stretch]:
    """A dummy ``mood`` field: one row in the table, one attribute on the model."""
    fields = dict(schema.STRETCH_FIELDS)
    fields["mood"] = schema.Field(
        schema.Choice(("calm", "lively")), "How the stretch feels.", example="calm", starter=True
    )
    monkeypatch.setattr(schema, "STRETCH_FIELDS", fields)
    stretch = dataclasses.make_dataclass(
        "Stretch", [("mood", str, dataclasses.field(default=""))], bases=(model.Stretch,),
        frozen=True,
    )  # fmt: skip
    monkeypatch.setattr(loading, "Stretch", stretch)
    return stretch


def _build(tmp_path: Path, extra: str) -> tuple[model.Stretch | None, list[str]]:
    file = tmp_path / "wall-angel.md"
    file.write_text(STRETCH.format(extra=extra), encoding="utf-8")
    source, problems = read_source(file, "stretches/wall-angel.md")
    assert source is not None and not problems
    stretch, problems = build_stretch(source, "wall-angel")
    return stretch, [str(problem) for problem in problems]


def test_a_new_field_is_validated_and_reaches_the_model(
    with_mood: type[model.Stretch], tmp_path: Path
) -> None:
    stretch, problems = _build(tmp_path, "mood: lively")
    assert problems == []
    assert isinstance(stretch, with_mood) and stretch.mood == "lively"  # type: ignore[attr-defined]
    assert stretch.name == "Wall angel" and stretch.dose.amount == model.Span(20, 20)
    default, _ = _build(tmp_path, "")
    assert default is not None and default.mood == ""  # type: ignore[attr-defined]
    _, problems = _build(tmp_path, "mood: calmm")
    assert problems == [
        "stretches/wall-angel.md:7: mood: found 'calmm'; allowed: calm | lively "
        "(did you mean 'calm'?)"
    ]


def test_a_new_field_is_in_the_json_schema_and_in_limber_new(
    with_mood: type[model.Stretch],
) -> None:
    properties = schema.stretch_json_schema()["properties"]
    assert properties["mood"] == {
        "description": "How the stretch feels.",
        "enum": ["calm", "lively"],
    }
    template = cli.render_template("Wall angel")
    assert "mood: calm  # optional: How the stretch feels. One of: calm, lively." in template


def test_every_field_is_a_model_attribute_or_part_of_the_dose() -> None:
    attributes = {field.name for field in dataclasses.fields(model.Stretch)}
    for key, spec in schema.STRETCH_FIELDS.items():
        assert key in attributes or key in schema.DOSE_PARTS, key
        assert spec.example, f"{key} has no example for limber new"
