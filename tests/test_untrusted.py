"""Contributed files are untrusted (SPEC section 11): hostile files are refused with one clear
line naming the file, in seconds, and every limit holds at its edge."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from limber import cards, cli, limits
from limber.loading import load_library, load_routines, load_stretches
from limber.problems import ContentError, Problem, bounded

from .conftest import FIXTURES, ROOT, make_site

HOSTILE = FIXTURES / "hostile" / "refused"

# Each hostile file, alone in a copy of the real site, gives exactly one line: this fragment.
REFUSED = {
    "stretches/alias-bomb.md": ":3: front-matter: found the YAML anchor &a",
    "stretches/anchor.md": ":7: front-matter: found the YAML anchor &h",
    "stretches/huge-hold.md": ":7: front-matter: found a number written with 5,000 characters",
    "stretches/hold-too-long.md": ":7: hold: found 601; allowed: a whole number of seconds",
    "stretches/bidi-name.md": ":3: text: found the character U+202E (right-to-left override)",
    "stretches/bidi-escaped.md": ":3: name: found the character U+202E",
    "stretches/control-key.md": ":8: x\\n::error file=README.md::forged\\x1b[2J: unknown field",
    "stretches/nan-angle.md": ":8: figure: adjust: neck: found nan; allowed: a number of degrees",
    "stretches/inf-angle.md": ":8: figure: adjust: neck: found -inf",
    "stretches/keyframe-space.md": ":8: figure: keyframes: found the name 'a b'",
    "stretches/deep-nesting.md": ":8: front-matter: found lists or mappings nested more than 8",
    "stretches/long-caution.md": ": file: found 100,214 bytes; allowed: at most 32,000 bytes",
    "stretches/many-cautions.md": ":8: cautions: found 13 items",
    "stretches/script-name.md": ":3: text: found the character U+0000",
    "stretches/bracket-storm.md": ":14: body: found 28,560 '[' in the body; allowed: at most 100",
    "stretches/long-paragraph.md": ":12: body: found 30,050 characters without a blank line",
    "stretches/open-fences.md": ":212: body: found 5,000 '```' in the body; allowed: at most 100",
    "docs/routines/template-path.md": ":4: template: found '../../../../etc/passwd'",
    "docs/routines/icon-path.md": ":4: icon: found '../../../../etc/passwd'",
    "docs/routines/huge-rest.md": ":4: front-matter: found a number written with 400 characters",
    "docs/routines/rest-too-long.md": ":4: rest: found 601",
    "docs/routines/too-many-items.md": ":4: stretches: found 31 stretches; allowed: at most 30",
    "docs/routines/alias-items.md": ":5: front-matter: found the YAML anchor &s",
    "docs/routines/description-multiline.md": ":4: description: found text over several lines",
    "docs/routines/hide-unknown.md": ":4: hide: found 'limber-safety'",
    "docs/routines/angle-storm.md": ":210: body: found 3,000 '<' in the body; allowed: at most 100",
}


def _hostile_site(tmp_path: Path, target: str) -> Path:
    site = make_site(tmp_path / "site")
    folder = "routines" if target.startswith("docs/") else "stretches"
    shutil.copy(HOSTILE / folder / Path(target).name, site / target)
    return site


@pytest.mark.parametrize("target", sorted(REFUSED))
def test_each_hostile_file_is_refused_with_one_clear_line(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _hostile_site(tmp_path, target)
    started = time.monotonic()
    assert cli.main(["--root", str(site), "check"]) == 1
    assert time.monotonic() - started < 10  # a hang guard, not a benchmark
    out = capsys.readouterr().out.splitlines()
    assert out == [line for line in out if line.startswith(target)]
    assert len(out) == 1, out
    assert out[0].startswith(target + REFUSED[target]), out[0]


def test_every_refused_fixture_is_listed() -> None:
    files = {f"stretches/{p.name}" for p in (HOSTILE / "stretches").glob("*.md")}
    files |= {f"docs/routines/{p.name}" for p in (HOSTILE / "routines").glob("*.md")}
    assert files == set(REFUSED)


def test_a_hostile_key_cannot_forge_an_annotation_or_clear_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _hostile_site(tmp_path, "stretches/control-key.md")
    assert cli.main(["--root", str(site), "check", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("::error file=stretches/control-key.md,")
    assert out.count("::") == 2  # the command's own two: the forged one is escaped
    assert "\x1b" not in out and "%3A%3Aerror file=README.md%3A%3Aforged" in out


def test_problem_text_escapes_controls_and_direction_marks() -> None:
    problem = Problem("stretches/x.md", 3, "a\u202eb\x1b[2J", "found 'x'\r\n")
    assert str(problem) == "stretches/x.md:3: a\\u202eb\\x1b[2J: found 'x'\\r\\n"


def _write(folder: Path, slug: str, front: str, body: str = "1. Sit tall.\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    head = "name: Edge\nsummary: A stretch at a limit.\nareas: [neck]\nposition: seated\n"
    path.write_text(f"---\n{head}{front}---\n\n{body}", encoding="utf-8")
    return path


def _stretch_problems(tmp_path: Path, front: str, body: str = "1. Sit tall.\n") -> list[str]:
    path = _write(tmp_path / "stretches", "edge", front, body)
    _, problems = load_stretches(tmp_path, [path])
    return [str(problem) for problem in problems]


def _digits(count: int) -> str:
    return "1" + "0" * (count - 1)


@pytest.mark.parametrize(
    ("under", "over", "fragment"),
    [
        ("hold: 600\n", "hold: 601\n", "hold: found 601"),
        ("hold: [1, 600]\n", "hold: [1, 601]\n", "hold: found [1, 601]"),
        ("breaths: 100\n", "breaths: 101\n", "breaths: found 101"),
        ("hold: 5\nreps: 50\n", "hold: 5\nreps: 51\n", "reps: found 51"),
        (
            "hold: 5\ncautions: [" + ", ".join(["Go easy."] * 12) + "]\n",
            "hold: 5\ncautions: [" + ", ".join(["Go easy."] * 13) + "]\n",
            "cautions: found 13 items",
        ),
        (
            "hold: 5\ncautions: [" + "a" * 200 + "]\n",
            "hold: 5\ncautions: [" + "a" * 201 + "]\n",
            "cautions: item 1: found 201 characters",
        ),
        (
            "hold: 5\nmuscles: [" + "m" * 60 + "]\n",
            "hold: 5\nmuscles: [" + "m" * 61 + "]\n",
            "muscles: item 1: found 61 characters",
        ),
        (
            "hold: 0000000000000" + "20\n",
            "hold: 00000000000000" + "20\n",
            "front-matter: found a number written with 16 characters",
        ),
        (
            "hold: 5\nmuscles: " + "[" * 7 + "a" + "]" * 7 + "\n",  # 8 levels with the file's own
            "hold: 5\nmuscles: " + "[" * 8 + "a" + "]" * 8 + "\n",
            "nested more than 8 deep",
        ),
        (
            "hold: 5\nfigure:\n  pose: standing\n  keyframes:\n"
            + "".join(f"    k{n}: {{neck: {n}}}\n" for n in range(8)),
            "hold: 5\nfigure:\n  pose: standing\n  keyframes:\n"
            + "".join(f"    k{n}: {{neck: {n}}}\n" for n in range(9)),
            "allowed: two to 8 named frames",
        ),
    ],
)
def test_each_limit_at_its_edge(tmp_path: Path, under: str, over: str, fragment: str) -> None:
    problems = _stretch_problems(tmp_path, under)
    assert all(fragment.split(":")[0] not in p for p in problems), problems
    problems = _stretch_problems(tmp_path, over)
    assert len(problems) == 1 and fragment in problems[0], problems


@pytest.mark.parametrize(
    ("under", "over", "fragment"),
    [
        ("[a](b.md)\n\n" * 100, "[a](b.md)\n\n" * 101, "edge.md:209: body: found 101 '['"),
        ("<https://a.org>\n\n" * 100, "<https://a.org>\n\n" * 101, ":209: body: found 101 '<'"),
        (
            "Sit tall.\n\n" + "a" * 2_000 + "\n\nBreathe.",
            "Sit tall.\n\n" + "a" * 2_001 + "\n\nBreathe.",
            "edge.md:11: body: found 2,001 characters without a blank line (a paragraph, list or "
            "table); allowed: at most 2,000",
        ),
        (
            "Sit.\n\n" + "- Breathe.\n" * 181 + "- Go" + "o" * 5,  # one list: 2,000 characters
            "Sit.\n\n" + "- Breathe.\n" * 181 + "- Go" + "o" * 6,
            "edge.md:11: body: found 2,001 characters",
        ),
        (
            "Sit.\n\n \n\n" + "a" * 2_000,  # after blank lines, even one of spaces
            "Sit.\n\n \n\n" + "a" * 2_001,
            "edge.md:13: body: found 2,001 characters",
        ),
        ("~~~\nx\n~~~\n\n" * 50, "~~~\nx\n~~~\n\n" * 50 + "~~~a\n", ":209: body: found 101 '~~~'"),
    ],
    ids=["links", "angles", "paragraph", "list", "blank lines", "fences"],
)
def test_each_body_limit_at_its_edge(tmp_path: Path, under: str, over: str, fragment: str) -> None:
    """A body is refused before Markdown reads it: each bound at its edge, at its line."""
    assert _stretch_problems(tmp_path, "hold: 5\n", under) == []
    problems = _stretch_problems(tmp_path, "hold: 5\n", over)
    assert len(problems) == 1 and fragment in problems[0], problems


def test_file_size_at_its_edge(tmp_path: Path) -> None:
    path = _write(tmp_path / "stretches", "edge", "hold: 5\n")
    padding = limits.MAX_FILE_BYTES - path.stat().st_size
    lines = b"Breathe out slowly.\n\n" * (padding // 21)  # short paragraphs: no other limit
    path.write_bytes(path.read_bytes() + lines + b"x" * (padding - len(lines)))
    assert path.stat().st_size == limits.MAX_FILE_BYTES
    assert load_stretches(tmp_path, [path])[1] == []
    path.write_bytes(path.read_bytes() + b"x")
    problems = [str(p) for p in load_stretches(tmp_path, [path])[1]]
    assert problems == [
        "stretches/edge.md: file: found 32,001 bytes; allowed: at most 32,000 bytes"
    ]


def test_docs_file_size_at_its_edge(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    image = site / "docs" / "poster.png"
    with image.open("wb") as handle:  # sparse: the size is what is checked, not the bytes
        handle.truncate(limits.MAX_DOCS_FILE_BYTES)
    load_library(site, site / "docs")
    with image.open("ab") as handle:
        handle.write(b"x")
    with pytest.raises(ContentError) as caught:
        load_library(site, site / "docs")
    assert [str(problem) for problem in caught.value.problems] == [
        "docs/poster.png: file: found 5,000,001 bytes; allowed: at most 5,000,000 bytes"
    ]


def _routine(tmp_path: Path, front: str, count: int = 1) -> list[str]:
    stretches, _ = load_stretches(ROOT)
    folder = tmp_path / "docs" / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    items = "".join("  - cat-cow\n" for _ in range(count))
    (folder / "edge.md").write_text(f"---\n{front}stretches:\n{items}---\n", encoding="utf-8")
    return [str(p) for p in load_routines(tmp_path, tmp_path / "docs", stretches)[1]]


def test_routine_limits_at_their_edges(tmp_path: Path) -> None:
    assert _routine(tmp_path, "rest: 600\n") == []
    assert _routine(tmp_path, "rest: 601\n") == [
        "docs/routines/edge.md:2: rest: found 601; allowed: a whole number of seconds from 0 to 600"
    ]
    assert _routine(tmp_path, "", count=30) == []
    assert "found 31 stretches" in _routine(tmp_path, "", count=31)[0]
    assert _routine(tmp_path, "description: " + "d" * 200 + "\n") == []
    assert "found 201 characters" in _routine(tmp_path, "description: " + "d" * 201 + "\n")[0]


def test_routine_page_keys_are_checked(tmp_path: Path) -> None:
    fine = (
        "description: A routine.\nhide: [toc, footer]\ntags: [back, desk]\ntemplate: main.html\n"
        "icon: material/star\nstatus: new\nsearch: {exclude: false, boost: 2}\n"
    )
    assert _routine(tmp_path, fine) == []
    assert "search: found 'boost': 1e+300" in _routine(tmp_path, "search: {boost: 1.0e+300}\n")[0]
    assert "status: found 'New Page'" in _routine(tmp_path, "status: New Page\n")[0]


def test_routine_template_and_icon_must_be_the_themes(tmp_path: Path) -> None:
    stretches, _ = load_stretches(ROOT)
    folder = tmp_path / "docs" / "routines"
    folder.mkdir(parents=True)
    text = "---\ntemplate: gone.html\nicon: material/gone\nstretches: [cat-cow]\n---\n"
    (folder / "edge.md").write_text(text, encoding="utf-8")
    theme = {"main.html", ".icons/material/star.svg"}
    _, problems = load_routines(
        tmp_path, tmp_path / "docs", stretches, theme_has=theme.__contains__
    )
    assert [p.field for p in problems] == ["template", "icon"]
    assert "which the theme does not have" in problems[0].message


def test_alias_bomb_fails_fast_even_with_libyaml(tmp_path: Path) -> None:
    started = time.monotonic()
    _, problems = load_stretches(tmp_path, [HOSTILE / "stretches" / "alias-bomb.md"])
    assert time.monotonic() - started < 1
    assert len(problems) == 1 and "anchor" in problems[0].message


def test_names_are_compared_in_nfc(tmp_path: Path) -> None:
    folder = tmp_path / "stretches"
    _write(folder, "first", "hold: 5\n")
    _write(folder, "second", "hold: 5\n")
    for slug, name in (("first", "Caf\u00e9 stretch"), ("second", "Cafe\u0301 stretch")):
        path = folder / f"{slug}.md"
        path.write_text(path.read_text().replace("name: Edge", f"name: {name}"))
    _, problems = load_stretches(tmp_path)
    assert len(problems) == 1 and "already the name of stretches/first.md" in problems[0].message


def test_problems_are_bounded_per_file_and_in_all() -> None:
    many = [
        Problem(f"stretches/f{n:03}.md", line, "x", "m") for n in range(30) for line in range(1, 31)
    ]
    shown = bounded(many)
    assert len(shown) == limits.MAX_PROBLEMS
    first = [p for p in shown if p.path == "stretches/f000.md"]
    assert len(first) == limits.MAX_PROBLEMS_PER_FILE + 1
    assert "10 more problems not shown" in str(first[-1])
    assert "more problems not shown" in str(shown[-1])
    assert len(str(bounded([Problem("a", 1, "b", "m" * 10_000)])[0])) < 500


@pytest.mark.parametrize("kind", ["symlink", "fifo", "dev-zero", "docs-environ", "docs-dir-link"])
def test_special_files_are_refused_not_read(kind: str, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    if kind == "symlink":
        (site / "stretches" / "x.md").symlink_to(site / "stretches" / "cat-cow.md")
        expected = "stretches/x.md: file: found a symbolic link"
    elif kind == "fifo":
        os.mkfifo(site / "stretches" / "x.md")
        expected = "stretches/x.md: file: found a named pipe (FIFO)"
    elif kind == "dev-zero":
        (site / "stretches" / "x.md").symlink_to("/dev/zero")
        expected = "stretches/x.md: file: found a symbolic link"
    elif kind == "docs-environ":
        (site / "docs" / "environ.txt").symlink_to("/proc/self/environ")
        expected = "docs/environ.txt: file: found a symbolic link"
    else:
        (site / "docs" / "etc").symlink_to("/etc", target_is_directory=True)
        expected = "docs/etc: file: found a symbolic link"
    started = time.monotonic()
    with pytest.raises(ContentError) as caught:
        load_library(site, site / "docs")
    assert time.monotonic() - started < 10
    lines = [str(problem) for problem in caught.value.problems]
    assert len(lines) == 1 and lines[0].startswith(expected), lines
    assert re.search(r"allowed: a regular file in the repository", lines[0])


def test_card_layout_of_a_huge_word_is_linear() -> None:
    font = cards._font(False, 40)
    started = time.monotonic()
    lines = cards._wrap("x" * 100_000 + " then words", font, 1000)
    assert time.monotonic() - started < 5
    assert lines[-1] == "then words"
    assert all(cards._width(font, line) <= 1000 for line in lines)
    assert "".join(lines[:-1]) == "x" * 100_000


def _workflows() -> dict[str, dict[str, Any]]:
    return {
        path.name: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    }


def test_workflows_have_least_privilege_timeouts_and_pinned_actions() -> None:
    workflows = _workflows()
    assert set(workflows) >= {"ci.yml", "pages.yml"}
    for name, workflow in workflows.items():
        assert workflow["permissions"] == {"contents": "read"}, name
        for job_name, job in workflow["jobs"].items():
            where = f"{name}: {job_name}"
            assert 0 < job["timeout-minutes"] <= 60, where
            steps = job["steps"]
            writes = {key for key, value in job.get("permissions", {}).items() if value == "write"}
            if writes:  # a job that may write runs no repository code
                assert writes <= {"pages", "id-token"}, where
                assert all("run" not in step for step in steps), where
                assert not any("checkout" in step.get("uses", "") for step in steps), where
            for step in steps:
                uses = step.get("uses")
                if uses is None:
                    continue
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), (where, uses)
                if uses.startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, where
    deploy = workflows["pages.yml"]["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in workflows["pages.yml"]["jobs"]["build"] or workflows["pages.yml"][
        "jobs"
    ]["build"]["permissions"] == {"contents": "read"}


def test_only_the_deploy_from_main_keeps_a_build_cache() -> None:
    """A restored cache holds the key that seals it, and a pull request's run may read main's
    caches: only the deploy from main saves Limber's cache, and it removes anything committed
    under .cache before restoring it, so nothing but its own builds' entries can carry a seal."""
    workflows = _workflows()
    for name, workflow in workflows.items():
        for job in workflow["jobs"].values():
            steps = job["steps"]
            for number, step in enumerate(steps):
                if "actions/cache@" not in step.get("uses", ""):
                    continue
                events = workflow.get("on", workflow.get(True))  # YAML 1.1 reads "on" as true
                assert name == "pages.yml" and set(events) <= {"push", "workflow_dispatch"}
                assert events["push"] == {"branches": ["main"]}
                assert step["with"]["path"].split() == [".cache/limber", "~/.cache/limber"]
                assert any(s.get("run") == "rm -rf .cache" for s in steps[:number])
    assert any(
        "actions/cache@" in step.get("uses", "")
        for step in workflows["pages.yml"]["jobs"]["build"]["steps"]
    )


def test_pinned_actions_name_their_tag() -> None:
    for path in (ROOT / ".github" / "workflows").glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), (path.name, line)
