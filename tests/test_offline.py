"""The offline files of a built site: the precache list and its version, from any folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from limber import offline


def _site(folder: Path) -> Path:
    for name, text in {"index.html": "home", "stretches/cat-cow.html": "Cat-cow",
                       "assets/site.js": "js", "cards/cat-cow.png": "png"}.items():  # fmt: skip
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, "utf-8")
    return folder


def test_the_precache_names_files_by_their_site_path_from_any_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(tmp_path / "site")
    expected = ["assets/site.js", "index.html", "stretches/cat-cow.html"]
    assert list(offline.collect_precache(site).files) == expected
    monkeypatch.chdir(site)
    assert list(offline.collect_precache(Path(".")).files) == expected
    monkeypatch.chdir(tmp_path)
    assert list(offline.collect_precache(Path("site")).files) == expected


def test_the_precache_version_follows_every_change_even_to_a_site_built_before(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path / "site")
    first = offline.write_offline_sites(site, ())["en"]
    (site / "stretches" / "cat-cow.html").write_text("Cat and cow", "utf-8")
    edited = offline.write_offline_sites(site, ())["en"]
    assert edited.version != first.version
    # A card is saved later: only the list of those files, which the worker precaches, changes.
    (site / "cards" / "cat-cow.png").write_text("another png", "utf-8")
    listed = offline.write_offline_sites(site, ())["en"]
    assert listed.version != edited.version and "cards/cat-cow.png" in listed.later
    assert os.path.isfile(site / offline.SERVICE_WORKER)
