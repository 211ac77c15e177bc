"""Links and images in stretch bodies that lead nowhere are problems at their lines
(limber.links), found by the check as the strict build would find them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from limber import cli

from .conftest import FIXTURES, build, make_site

BODY = """
1. Stand with your back to a wall; see [the safety notes](../safety.md) and
   [Cat-cow](cat-cow.md#how-to-do-it) first.
2. Slide your arms up, as in [the wall one](wall-angels.md).

![Arms up](wall.jpg)

Written `[not a link](nowhere.md)` in code, and [a site](https://example.org/x.md) elsewhere.

[notes]: ../notes.md
"""


def _site(tmp_path: Path) -> Path:
    site = make_site(tmp_path / "site")
    source = (FIXTURES / "site" / "stretches" / "wall-angel.md").read_text(encoding="utf-8")
    front, _, _ = source.partition("\n---\n")
    (site / "stretches" / "wall-slide.md").write_text(
        front.replace("name: Wall angel", "name: Wall slide").replace("aliases:", "x:")
        + "\n---\n"
        + BODY,
        encoding="utf-8",
    )
    return site


def test_the_check_names_each_link_that_leads_nowhere_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path)
    text = (site / "stretches" / "wall-slide.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    line = {word: next(i for i, s in enumerate(lines, 1) if word in s) for word in
            ("wall-angels.md", "wall.jpg", "../notes.md")}  # fmt: skip
    assert cli.main(["--root", str(site), "check"]) == 1
    problems = [s for s in capsys.readouterr().out.splitlines() if ": advice: " not in s]
    assert problems[:2] == [
        f"stretches/wall-slide.md:{line['wall-angels.md']}: body: found a link to "
        "'wall-angels.md', which is not a page of the site; allowed: another stretch as "
        "<slug>.md, a page such as ../safety.md, or a full https:// address (did you mean "
        "'wall-angel.md'?)",
        f"stretches/wall-slide.md:{line['wall.jpg']}: body: found an image 'wall.jpg', which is "
        "not in the site; allowed: an image already in the site, by a relative path (a stretch "
        "brings no image of its own: its picture is its figure)",
    ]
    assert problems[2].startswith(
        f"stretches/wall-slide.md:{line['../notes.md']}: body: found a link to '../notes.md', "
        "which is not a page of the site; allowed: another stretch as <slug>.md, a page such as "
        "../safety.md, or a full https:// address"
    )
    assert len(problems) == 3  # the links that lead somewhere, and the one in code, are fine


def test_the_strict_build_fails_on_them_with_the_same_lines(tmp_path: Path) -> None:
    site = _site(tmp_path)
    result = build(site)
    assert result.returncode != 0
    assert "stretches/wall-slide.md:" in result.stderr and "'wall-angels.md'" in result.stderr
    (site / "stretches" / "wall-slide.md").write_text(
        (site / "stretches" / "wall-slide.md")
        .read_text(encoding="utf-8")
        .replace("wall-angels.md", "wall-angel.md")
        .replace("![Arms up](wall.jpg)", "")
        .replace("[notes]: ../notes.md", ""),
        encoding="utf-8",
    )
    assert cli.main(["--root", str(site), "check"]) == 0
    shutil.rmtree(site / "site", ignore_errors=True)
    result = build(site)
    assert result.returncode == 0, result.stderr
