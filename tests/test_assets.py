"""The site's own scripts: they parse, and ESLint (pinned in package.json) finds nothing.

They run in browsers as written, with no build step, so this is the check a build would make.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPTS = sorted((ROOT / "hooks" / "limber" / "assets").glob("*.js"))
NODE = shutil.which("node")
ESLINT = ROOT / "node_modules" / ".bin" / "eslint"


def _missing(what: str) -> None:
    if os.environ.get("LIMBER_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{what} is required here (LIMBER_REQUIRE_BROWSER=1)")
    pytest.skip(f"{what} not installed; run scripts/test.sh to install it")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_each_script_parses(script: Path) -> None:
    if NODE is None:
        _missing("node")
    result = subprocess.run([NODE, "--check", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_eslint_finds_no_problem_in_the_scripts() -> None:
    if not ESLINT.is_file():
        _missing("eslint (npm ci)")
    result = subprocess.run(
        [str(ESLINT), "--max-warnings", "0", "hooks/limber/assets"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(SCRIPTS) >= 3
