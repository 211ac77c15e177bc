"""The contributor tools: limber new, limber check, the JSON Schema, the workflows."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from limber import cli
from limber.loading import read_source

from .conftest import FIXTURES, ROOT, build, make_site
from .test_loading import STRETCH_RULES

INVALID = FIXTURES / "invalid" / "stretches"


def test_new_writes_a_stretch_that_validates_and_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site")
    assert cli.main(["--root", str(site), "new", "Side-lying windmill"]) == 0
    assert capsys.readouterr().out.strip() == "stretches/side-lying-windmill.md"
    written = (site / "stretches" / "side-lying-windmill.md").read_text(encoding="utf-8")
    assert written.splitlines()[1] == cli.SCHEMA_COMMENT
    assert cli.main(["--root", str(site), "check"]) == 0
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert (site / "site" / "stretches" / "side-lying-windmill.html").is_file()


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
    assert capsys.readouterr().err.strip() == "All content is valid."


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
        assert list(validator.iter_errors(_front_matter(path))) == [], path.name
    # JSON Schema cannot compare two numbers, so [30, 15] is left to limber check.
    for rule in ("unknown-key", "both-doses", "cues-with-hold", "unknown-area",
                 "missing-dose", "fractional-seconds", "zero-reps", "long-summary"):  # fmt: skip
        assert list(validator.iter_errors(_front_matter(INVALID / f"{rule}.md"))), rule


def test_every_stretch_file_points_editors_at_the_schema() -> None:
    for path in sorted((ROOT / "stretches").glob("*.md")):
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
