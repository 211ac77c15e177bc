"""Shared fixtures: sites built into temporary folders, and paths to the test content."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from limber.loading import load_stretches
from limber.model import Stretch
from limber.sheet import sheet_steps

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def real_names(area: str = "", position: str = "", equipment: str = "") -> list[str]:
    """Names of the repository's stretches a stretch-index filter shows, in the index's order.

    Tests of the real site ask this instead of hard-coding names, so they keep holding as the
    library grows; ``equipment="none"`` means stretches that need nothing, as in the filter.
    """
    stretches, problems = load_stretches(ROOT)
    assert not problems, problems
    return [
        s.name
        for s in stretches.values()
        if (not area or area in s.areas)
        and (not position or s.position == position)
        and (
            not equipment or (not s.equipment if equipment == "none" else equipment in s.equipment)
        )
    ]


def by_sheet_text(stretches: Iterable[Stretch]) -> list[Stretch]:
    """Stretches from the most text a sheet prints of them (cue and next steps) to the least."""
    return sorted(
        stretches, key=lambda s: len(sheet_steps(s).cue) + len(sheet_steps(s).more), reverse=True
    )


def make_site(dest: Path, stretches: Path | None = None, routines: Path | None = None) -> Path:
    """A copy of the real site in ``dest``, with other stretches or routines if given."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(stretches or ROOT / "stretches", dest / "stretches")
    if routines is not None:
        shutil.rmtree(dest / "docs" / "routines")
        shutil.copytree(routines, dest / "docs" / "routines")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "hooks").symlink_to(ROOT / "hooks", target_is_directory=True)
    return dest


def build(site: Path, *args: str, languages: str = "en") -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in ``site``, as a user would run it. By default in English
    alone (``LIMBER_LANGUAGES=en``): each other language is a whole build more, with its cards
    and audio, and the session's real and fixture sites build them all (``languages=""``)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LIMBER_LANGUAGES": languages}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=300 if languages else 900,
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built once per test run; returns the ``site/`` folder."""
    site = make_site(tmp_path_factory.mktemp("real"))
    result = build(site, languages="")
    assert result.returncode == 0, result.stderr
    return site / "site"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Content written to the contract by an outsider, built once; returns ``site/``."""
    site = make_site(
        tmp_path_factory.mktemp("fixture"),
        stretches=FIXTURES / "site" / "stretches",
        routines=FIXTURES / "site" / "docs" / "routines",
    )
    result = build(site, languages="")
    assert result.returncode == 0, result.stderr
    return site / "site"
