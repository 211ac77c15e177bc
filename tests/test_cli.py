"""The contributor tools: limber new, limber check, the JSON Schema, the workflows."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import tomllib
import yaml

from limber import cli, paths
from limber.loading import read_source

from .conftest import FIXTURES, ROOT, build, make_site
from .test_loading import STRETCH_RULES

INVALID = FIXTURES / "invalid" / "stretches"


def test_new_writes_a_stretch_that_check_holds_until_its_example_text_is_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site")
    assert cli.main(["--root", str(site), "new", "Side-lying windmill"]) == 0
    assert capsys.readouterr().out.strip() == "stretches/side-lying-windmill.md"
    file = site / "stretches" / "side-lying-windmill.md"
    written = file.read_text(encoding="utf-8")
    assert written.splitlines()[1] == cli.SCHEMA_COMMENT
    assert cli.main(["--root", str(site), "check"]) == 1
    own = "your own words (replace the example text from limber new)"
    steps = "your own steps (replace the example text from limber new)"
    where = "stretches/side-lying-windmill.md"
    assert capsys.readouterr().out.splitlines() == [
        f"{where}:7: summary: found the template's example 'One sentence on what it stretches "
        f"and why.'; allowed: {own}",
        f"{where}:18: cautions: found the template's example 'Stop if you feel tingling in the "
        f"arms.'; allowed: {own}",
        f"{where}:25: body: found the template's example step 'First step, in your own words, "
        f'speaking to the reader ("Stand tall...").\'; allowed: {steps}',
        f"{where}:26: body: found the template's example step 'Keep each step short: one "
        f"movement or one position.'; allowed: {steps}",
        f"{where}:30: body: found the template's example step 'What to feel, what to avoid, an "
        f"easier or harder version.'; allowed: {steps}",
    ]
    assert build(site).returncode == 1  # the build refuses it too
    front, _ = written.split("\n---\n\n")
    file.write_text(
        front.replace(
            "One sentence on what it stretches and why.", "Opens the upper back."
        ).replace("Stop if you feel tingling in the arms.", "Keep the lower back on the wall.")
        + "\n---\n\n1. Stand with your back to a wall.\n2. Slide your arms up slowly.\n",
        encoding="utf-8",
    )
    assert cli.main(["--root", str(site), "check"]) == 0
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert (site / "site" / "stretches" / "side-lying-windmill.html").is_file()


def _with_loose_notes(tmp_path: Path, body: str) -> Path:
    """The real site with a valid stretch that needs advice: no cautions, no figure."""
    site = make_site(tmp_path / "site")
    (site / "stretches" / "loose-notes.md").write_text(
        "---\nname: Loose notes\nsummary: Eases the neck.\nareas: [neck]\nposition: seated\n"
        f"hold: 20\n---\n\n{body}\n",
        encoding="utf-8",
    )
    return site


def test_check_shows_advice_marked_as_advice_and_never_fails_on_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _with_loose_notes(tmp_path, "Sit tall and tilt your head gently to one side.")
    assert cli.main(["--root", str(site), "check"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "stretches/loose-notes.md: advice: body: found no numbered list of steps; advised: "
        "steps as '1. ...', '2. ...' lines, which the card and the routine sheet show",
        "stretches/loose-notes.md: advice: cautions: found none; advised: one or two short "
        "warnings (what to avoid, when to stop)",
        "stretches/loose-notes.md: advice: figure: found none; advised: a figure (see 'A picture "
        "of the stretch' on the Add a stretch page); until then the page, the card and the "
        "lists show a placeholder",
    ]
    # Counted from the site, which holds the library as it is plus this stretch: a stretch,
    # routine or page added to the library must not fail this test.
    originals = [f for f in (site / "stretches").glob("*.md") if f.suffixes == [".md"]]
    spanish = len(list((site / "stretches").glob("*.es.md")))
    coverage, verdict = captured.err.strip().splitlines()
    assert re.fullmatch(
        rf"Translations: es: {spanish} of {len(originals)} stretches, \d+ of \d+ routines, "
        r"\d+ of \d+ pages translated\.",
        coverage,
    ), coverage
    assert verdict == "All content is valid. (3 pieces of advice above; advice never fails a build)"
    # This library's own CI takes every piece of advice (the workflow's check is strict).
    assert cli.main(["--root", str(site), "check", "--strict"]) == 1
    assert "3 pieces of advice above must be taken" in capsys.readouterr().err
    assert cli.main(["--root", str(site), "check", "--format", "github"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "::notice file=stretches/loose-notes.md,title=advice: cautions::found none; advised: "
        "one or two short warnings (what to avoid, when to stop)"
    )
    result = build(site)
    assert result.returncode == 0, result.stderr


def test_the_real_content_has_no_problem_and_needs_no_advice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The library takes every piece of advice, a figure for every stretch among them; the
    workflow's check says so first, with the file and the advice (--strict)."""
    assert cli.main(["--root", str(ROOT), "check", "--strict"]) == 0
    assert capsys.readouterr().out == ""
    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "limber check --format github --strict" in workflow


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path / "site")
    before = (site / "stretches" / "cat-cow.md").read_bytes()
    assert cli.main(["--root", str(site), "new", "Cat cow"]) == 1
    assert "stretches/cat-cow.md already exists" in capsys.readouterr().err
    assert (site / "stretches" / "cat-cow.md").read_bytes() == before


def test_check_reports_every_rule_with_its_line_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "site"
    shutil.copytree(INVALID, root / "stretches")
    (root / "docs").mkdir()
    assert cli.main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    for rule, messages in STRETCH_RULES.items():
        for message in messages:
            assert message in out, rule


def test_check_only_the_given_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "site"
    shutil.copytree(INVALID, root / "stretches")
    (root / "docs").mkdir()
    target = root / "stretches" / "bad-range.md"
    assert cli.main(["--root", str(root), "check", str(target)]) == 1
    assert capsys.readouterr().out.splitlines() == STRETCH_RULES["bad-range"]


def test_check_passes_on_the_real_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(ROOT), "check"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "All content is valid."
    assert [line for line in err[:-1] if not line.startswith("Translations: ")] == []


def test_github_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "site"
    (root / "stretches").mkdir(parents=True)
    shutil.copy(INVALID / "unknown-position.md", root / "stretches")
    (root / "docs").mkdir()
    assert cli.main(["--root", str(root), "check", "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=stretches/unknown-position.md,line=5,title=position::found 'standng'; "
        "allowed: standing | seated | kneeling | all-fours | lying (did you mean 'standing'?)"
    ]


def test_the_committed_schema_is_the_generated_one() -> None:
    assert (ROOT / cli.SCHEMA_FILE).read_text(encoding="utf-8") == cli.render_schema()
    assert cli.main(["--root", str(ROOT), "schema", "--check"]) == 0


def _front_matter(path: Path) -> dict[str, object]:
    source, problems = read_source(path, path.name)
    assert source is not None and not problems
    return source.data


def test_the_schema_accepts_every_real_stretch_and_refuses_broken_ones() -> None:
    validator = jsonschema.Draft202012Validator(json.loads((ROOT / cli.SCHEMA_FILE).read_text()))
    for path in sorted((ROOT / "stretches").glob("*.md")):
        if "." in path.stem:  # a translation (cat-cow.es.md) holds only the words
            continue
        assert list(validator.iter_errors(_front_matter(path))) == [], path.name
    # JSON Schema cannot compare two numbers, so [30, 15] is left to limber check.
    for rule in ("unknown-key", "both-doses", "cues-with-hold", "unknown-area",
                 "missing-dose", "fractional-seconds", "zero-reps", "long-summary"):  # fmt: skip
        assert list(validator.iter_errors(_front_matter(INVALID / f"{rule}.md"))), rule


def test_every_stretch_file_points_editors_at_the_schema() -> None:
    for path in sorted((ROOT / "stretches").glob("*.md")):
        if "." in path.stem:  # a translation (cat-cow.es.md) holds only the words
            continue
        assert path.read_text(encoding="utf-8").splitlines()[1] == cli.SCHEMA_COMMENT, path.name


def test_the_workflows_are_valid_and_run_what_ci_runs() -> None:
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci_script
    runs: dict[str, list[str]] = {}
    for workflow in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        assert data["jobs"], workflow.name
        runs[workflow.name] = [
            step.get("run", "") for job in data["jobs"].values() for step in job.get("steps", [])
        ]
    assert "bash .ci/run" in runs["ci.yml"]
    assert any("limber check --format github" in run for run in runs["ci.yml"])
    assert any("mkdocs build --strict" in run for run in runs["pages.yml"])
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook["id"] for repo in config["repos"] for hook in repo["hooks"]]
    assert {"limber-check", "ruff"} <= set(hooks)


def test_ci_runs_every_python_version_pyproject_claims_on_the_interpreter_it_names() -> None:
    """The classifiers name the Python versions Limber supports, from requires-python's oldest;
    CI's matrix runs the whole suite on each, and first checks it got the version it asked for."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    prefix = "Programming Language :: Python :: "
    claimed = [c.removeprefix(prefix) for c in project["classifiers"] if re.fullmatch(
        re.escape(prefix) + r"3\.\d+", c)]  # fmt: skip
    assert project["requires-python"] == f">={claimed[0]}"
    job = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    job = job["jobs"]["test"]
    assert job["strategy"]["matrix"]["python"] == claimed
    assert job["container"] == "python:${{ matrix.python }}-bookworm"
    runs = [step.get("run", "") for step in job["steps"]]
    assert "sys.version_info[:2]" in runs[0] and "bash .ci/run" in runs


def test_the_tools_find_the_site_from_a_folder_inside_it_and_say_when_there_is_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from stretches/, the check once checked nothing and called it all valid, and new
    wrote stretches/stretches/<slug>.md."""
    site = make_site(tmp_path / "site")
    (site / "stretches" / "broken.md").write_text("---\nname: Broken\n---\n", encoding="utf-8")
    monkeypatch.chdir(site / "stretches")
    assert cli.main(["check"]) == 1
    assert "stretches/broken.md" in capsys.readouterr().out
    assert cli.main(["new", "Wall sit"]) == 0
    assert (site / "stretches" / "wall-sit.md").is_file()
    assert not (site / "stretches" / "stretches").exists()
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check"]) == 2
    assert capsys.readouterr().err.startswith(f"limber: found no site in {tmp_path} (no mkdocs")
    assert cli.main(["--root", str(tmp_path), "check"]) == 2


def test_new_makes_a_file_name_from_any_name() -> None:
    assert paths.slugify("Côté étirement!") == "cote-etirement"
    assert paths.slugify("Wall angel") == "wall-angel"


def test_strict_advice_is_an_error_annotation_and_root_may_name_mkdocs_yml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _with_loose_notes(tmp_path, "1. Sit tall.")
    root = str(site / "mkdocs.yml")
    assert cli.main(["--root", root, "check", "--format", "github", "--strict"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out and all(line.startswith("::error file=stretches/loose-notes.md,") for line in out)
