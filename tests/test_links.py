"""Links and images in stretch bodies that lead nowhere are problems at their lines
(limber.links), found by the check as the strict build would find them."""

from __future__ import annotations

from pathlib import Path

import pytest

from limber import cli

from .conftest import FIXTURES, build, make_site

BODY = """
1. Stand with your back to a wall; see [the safety notes](../safety.md) and
   [Cat-cow](cat-cow.md#how-to-do-it "its steps") first.
2. Slide your arms up, as in [the wall one](wall-angels.md).

[![Arms up](wall.jpg)](<wall angel.md>)

````markdown
[Not a link](nowhere.md), in a fence that holds
```
a shorter one.
````

[Note]: hold for 30 s, then [the routine][r].

[r]: ../routines/missing.md
"""


def _site(tmp_path: Path, front_matter_end: str = "---") -> Path:
    site = make_site(tmp_path / "site")
    source = (FIXTURES / "site" / "stretches" / "wall-angel.md").read_text(encoding="utf-8")
    front, _, _ = source.partition("\n---\n")
    front = front.replace("name: Wall angel", "name: Wall slide").replace("aliases:", "x:")
    (site / "stretches" / "wall-slide.md").write_text(
        f"{front}\n{front_matter_end}\n{BODY}", encoding="utf-8"
    )
    return site


def _lines(site: Path) -> dict[str, int]:
    lines = (site / "stretches" / "wall-slide.md").read_text(encoding="utf-8").splitlines()
    words = ("wall-angels.md", "wall.jpg", "../routines/missing.md")
    return {word: next(n for n, line in enumerate(lines, 1) if word in line) for word in words}


LINK = "which is not a page of the site; allowed: another stretch as <slug>.md, a page such as "
LINK += "../safety.md, or a full https:// address"


@pytest.mark.parametrize("end", ["---", "..."])  # YAML's two ways to close the front-matter
def test_the_check_names_each_link_that_leads_nowhere_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], end: str
) -> None:
    """As Python-Markdown reads the body: a <target with spaces>, an image inside a link and a
    reference link are links; what a fence holds, and a line that only looks like a
    reference definition, are not."""
    site = _site(tmp_path, end)
    line = _lines(site)
    assert cli.main(["--root", str(site), "check"]) == 1
    problems = [s for s in capsys.readouterr().out.splitlines() if ": advice: " not in s]
    assert problems[:3] == [
        f"stretches/wall-slide.md:{line['wall-angels.md']}: body: found a link to "
        f"'wall-angels.md', {LINK} (did you mean 'wall-angel.md'?)",
        f"stretches/wall-slide.md:{line['wall.jpg']}: body: found a link to 'wall angel.md', "
        f"{LINK} (did you mean 'wall-angel.md'?)",
        f"stretches/wall-slide.md:{line['wall.jpg']}: body: found an image 'wall.jpg', which is "
        "not in the site; allowed: an image already in the site, by a relative path (a stretch "
        "brings no image of its own: its picture is its figure)",
    ]
    assert problems[3].startswith(
        f"stretches/wall-slide.md:{line['../routines/missing.md']}: body: found a link to "
        f"'../routines/missing.md', {LINK}"
    )
    assert len(problems) == 4  # the fenced one, and the line that is not a definition: none


def test_the_strict_build_fails_on_them_with_the_same_lines(tmp_path: Path) -> None:
    site = _site(tmp_path)
    result = build(site)
    assert result.returncode != 0
    line = _lines(site)["wall-angels.md"]
    assert f"stretches/wall-slide.md:{line}: body: found a link to 'wall-angels.md'" in (
        result.stderr
    )
    page = site / "stretches" / "wall-slide.md"
    text = page.read_text(encoding="utf-8")
    for old, new in (("wall-angels.md", "wall-angel.md"), ("(wall.jpg)", "(figures/cat-cow.svg)"),
                     ("<wall angel.md>", "wall-angel.md"), ("missing.md", "index.md")):  # fmt: skip
        text = text.replace(old, new)
    page.write_text(text, encoding="utf-8")
    assert cli.main(["--root", str(site), "check"]) == 0
    result = build(site)
    assert result.returncode == 0, result.stderr


def test_a_translated_body_is_checked_as_its_original_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A translation's links lead to the same pages (each language's site has the same
    paths): one that leads nowhere is found by the check at its line, and fails the build."""
    site = make_site(tmp_path / "site")
    translation = site / "stretches" / "cat-cow.es.md"
    text = translation.read_text(encoding="utf-8").rstrip("\n")
    translation.write_text(text + "\n\nMira también [la postura del niño](postura-nino.md).\n")
    line = len(text.splitlines()) + 2
    assert cli.main(["--root", str(site), "check"]) == 1
    problem = f"stretches/cat-cow.es.md:{line}: body: found a link to 'postura-nino.md', {LINK}"
    assert capsys.readouterr().out.splitlines() == [problem]
    result = build(site)
    assert result.returncode != 0
    assert problem in result.stderr
