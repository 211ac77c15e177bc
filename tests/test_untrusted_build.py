"""Refused builds leave the last good site/ byte for byte; caches are verified; builds at once
don't collide.

Each build here is a real ``mkdocs build --strict`` in a copy of the site, as a contributor or CI
would run it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from limber import limits

from .conftest import FIXTURES, make_site

HOSTILE = FIXTURES / "hostile"


def run_build(site: Path, cards: bool = False) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "LIMBER_LANGUAGES": "en",
        "LIMBER_CARDS": "on" if cards else "off",
    }
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def tree_hash(folder: Path) -> str:
    """A hash of every path, file mode and byte under ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        digest.update(f"{path.relative_to(folder)}\0{info.st_mode}\0".encode())
        if path.is_file() and not path.is_symlink():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.iterdir() if p.name.startswith(".site."))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = make_site(tmp_path_factory.mktemp("untrusted"))
    result = run_build(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def good(built: Path) -> Iterator[Path]:
    """The built site; the test's hostile additions are removed afterwards."""
    before = {p for p in built.rglob("*") if "site" not in p.relative_to(built).parts[:1]}
    yield built
    for path in sorted(built.rglob("*"), reverse=True):
        if path.relative_to(built).parts[0] in ("site", ".cache"):
            continue
        if path not in before and (path.is_symlink() or path.is_file()):
            path.unlink()


def _refused(site: Path, *names: str) -> str:
    before = tree_hash(site / "site")
    started = time.monotonic()
    result = run_build(site)
    assert time.monotonic() - started < 120  # a hang guard: these refusals take seconds
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    for name in names:
        assert name in output, (name, output[-3000:])
    assert tree_hash(site / "site") == before
    assert leftovers(site) == []
    return output


def test_refused_content_leaves_the_site_as_it_was(good: Path) -> None:
    names = []
    for folder, target in (("stretches", "stretches"), ("routines", "docs/routines")):
        for path in (HOSTILE / "refused" / folder).glob("*.md"):
            shutil.copy(path, good / target / path.name)
            names.append(f"{target}/{path.name}")
    shutil.copy(
        HOSTILE / "build-refused" / "routines" / "template-missing.md", good / "docs/routines"
    )
    stderr = _refused(good, *names, "docs/routines/template-missing.md:4: template")
    assert "nothing was built" in stderr


def test_a_body_the_sanitizer_changes_fails_the_strict_build_after_writing(good: Path) -> None:
    shutil.copy(HOSTILE / "inert" / "stretches" / "raw-script.md", good / "stretches")
    _refused(good, "stretches/raw-script.md:15: body: found <script>, which would be removed")


def test_a_broken_link_in_strict_mode_leaves_the_site_as_it_was(good: Path) -> None:
    (good / "docs" / "broken.md").write_text("# Broken\n\n[Gone](nowhere.md)\n", encoding="utf-8")
    _refused(good, "nowhere.md")


def test_a_docs_link_to_the_environment_is_never_published(good: Path) -> None:
    (good / "docs" / "environ.txt").symlink_to("/proc/self/environ")
    _refused(good, "docs/environ.txt: file: found a symbolic link")
    assert not (good / "site" / "environ.txt").exists()
    with zipfile.ZipFile(good / "site" / "downloads" / "limber-site.zip") as archive:
        assert not [name for name in archive.namelist() if "environ" in name]


def test_ctrl_c_leaves_the_site_as_it_was(good: Path) -> None:
    before = tree_hash(good / "site")
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "LIMBER_LANGUAGES": "en",
        "LIMBER_CARDS": "off",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=good, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until MkDocs is writing into its new folder
        writing = [p for p in good.glob(".site.building-*") if any(p.rglob("*.html"))]
        if writing or process.poll() is not None:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode != 0, stderr
    assert tree_hash(good / "site") == before
    assert leftovers(good) == []


def test_two_builds_at_once_both_finish_whole(good: Path) -> None:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "LIMBER_LANGUAGES": "en",
        "LIMBER_CARDS": "off",
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    runs = [
        subprocess.Popen(command, cwd=good, env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    site = good / "site"
    assert (site / "stretches" / "cat-cow.html").is_file() and (site / "sw.js").is_file()
    with zipfile.ZipFile(site / "downloads" / "limber-site.zip") as archive:
        assert archive.testzip() is None
    assert leftovers(good) == []


def _card(site: Path) -> tuple[Path, Path]:
    cached = sorted((site / ".cache" / "limber" / "cards").glob("cat-cow-*.png"))
    assert len(cached) == 1
    return cached[0], site / "site" / "cards" / "cat-cow.png"


def test_a_damaged_cached_card_is_redrawn_not_shipped(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    assert run_build(site, cards=True).returncode == 0
    cached, published = _card(site)
    good_bytes = published.read_bytes()
    with cached.open("r+b") as handle:  # 20 bytes of damage inside the image data
        handle.seek(200)
        handle.write(b"\xff" * 20)
    result = run_build(site, cards=True)
    assert result.returncode == 0, result.stderr
    assert "1 drawn" in result.stderr
    with Image.open(published) as card:
        card.load()  # decodes the whole image
        assert card.size == (1240, 1748)
    assert published.read_bytes() == good_bytes
    # A file committed under .cache, named as the card and with a made-up seal, is not trusted.
    Image.new("RGB", (1240, 1748), "red").save(cached, "PNG")
    cached.with_name(cached.name + ".sig").write_text("0" * 64, encoding="ascii")
    assert run_build(site, cards=True).returncode == 0
    assert published.read_bytes() == good_bytes


def test_the_security_page_shows_the_limits_and_the_allowlist(built: Path) -> None:
    page = (built / "site" / "security.html").read_text(encoding="utf-8")
    assert f"<td>{limits.MAX_FILE_BYTES:,} bytes</td>" in page
    assert f"<td>{limits.MAX_ROUTINE_ITEMS}</td>" in page
    assert "<code>headerlink</code>" in page and "<code>script</code>" in page
    assert "limber:limits" not in page
    contributing = (built / "site" / "contributing.html").read_text(encoding="utf-8")
    assert 'href="security.html"' in contributing
