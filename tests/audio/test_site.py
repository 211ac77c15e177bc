"""Routine audio on the built site: the MP3 beside each routine page, its link, the fallback."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from ..conftest import build, make_site
from ..test_build import text_of

ROUTINE = "ease-upper-back-tightness"
LINK = re.compile(r'<a href="([^"]+)" type="audio/mpeg" download>Audio \(MP3, (\d+) min\)</a>')


def test_every_routine_page_links_its_mp3(real_site: Path) -> None:
    page = real_site / "routines" / f"{ROUTINE}.html"
    [(href, minutes)] = LINK.findall(page.read_text("utf-8"))
    assert href == f"{ROUTINE}.mp3"  # site-relative: works from file:// too
    assert (page.parent / href).stat().st_size > 100_000
    assert minutes == "7"  # 437 s at the shortest length
    assert "Audio (MP3, 7 min)" in text_of(page)


def test_audio_is_not_precached_but_goes_in_the_site_zip(real_site: Path) -> None:
    worker = (real_site / "sw.js").read_text("utf-8")
    assert f"routines/{ROUTINE}.html" in worker
    assert ".mp3" not in worker.split("var FILES")[1].split(";")[0]
    with zipfile.ZipFile(real_site / "downloads" / "limber-site.zip") as archive:
        assert f"limber/routines/{ROUTINE}.mp3" in archive.namelist()


def test_without_speech_the_strict_build_passes_and_leaves_audio_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIMBER_ESPEAK_LIBRARY", str(tmp_path / "missing" / "libespeak-ng.so"))
    site = make_site(tmp_path / "site")
    result = build(site)
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "audio" in line]
    assert len(said) == 1 and said[0].startswith("INFO")
    assert "routine audio left out: eSpeak NG did not load from" in said[0]
    built = site / "site"
    assert not list(built.rglob("*.mp3"))
    page = built / "routines" / f"{ROUTINE}.html"
    assert "Audio (MP3" not in page.read_text("utf-8")
    assert (built / "cards" / "cat-cow.png").is_file()
    assert (built / "stretches" / "cat-cow.html").is_file()


def test_the_builders_clip_set_speaks_every_stretch_name(real_site: Path) -> None:
    script = (real_site / "assets" / "limber" / "audio-clips.js").read_text("utf-8")
    data = json.loads(script.split("window.LimberAudioClips = ", 1)[1].rstrip().rstrip(";"))
    names = {
        line.split(":", 1)[1].strip()
        for path in (real_site.parent / "stretches").glob("*.md")
        if "." not in path.stem  # not a translation (cat-cow.es.md)
        for line in path.read_text("utf-8").splitlines()
        if line.startswith("name:")
    }
    assert set(data["names"]) == names
    assert {"ready", "rest", "left", "right", "switch", "inhale", "exhale", "done"} <= set(
        data["words"]
    )
    worker = (real_site / "sw.js").read_text("utf-8")
    assert "audio-clips.js" not in worker.split("var FILES")[1].split(";")[0]  # not precached
    assert "assets/limber/audio-clips.js" in worker.split("var LATER")[1].split(";")[0]


def test_the_spanish_site_speaks_spanish(real_site: Path) -> None:
    """Spanish pages link Spanish audio (SPEC section 10: under es/), and the builder's clips
    speak each stretch by its Spanish name where it has one."""
    page = real_site / "es" / "routines" / f"{ROUTINE}.html"
    assert re.search(
        r'<a href="ease-upper-back-tightness\.mp3" type="audio/mpeg" download>',
        page.read_text("utf-8"),
    )
    spanish = (real_site / "es" / "routines" / f"{ROUTINE}.mp3").read_bytes()
    assert spanish != (real_site / "routines" / f"{ROUTINE}.mp3").read_bytes()
    script = (real_site / "es" / "assets" / "limber" / "audio-clips.js").read_text("utf-8")
    data = json.loads(script.split("window.LimberAudioClips = ", 1)[1].rstrip().rstrip(";"))
    assert "Gato-vaca" in data["names"]
