"""Benchmark Limber's build against plain MkDocs on the same Markdown, at several library sizes.

    python benchmarks/build.py                  # N = 100, 1000, 5000; writes docs/performance.md
    python benchmarks/build.py --lighthouse     # and Lighthouse (mobile) on the served pages
    python benchmarks/build.py --sizes 20 --rounds 1 --output /tmp/perf.md

For each N it writes N synthetic stretches (valid, varied doses, about 300 words) and N/20
routines into a temporary copy of the site, and the same Markdown as ordinary pages into a
baseline site with no hook. Builds alternate baseline and Limber, in English alone (each other
language is a whole build more, measured on its own). It prints wall time and CPU time (a shared
machine's clock mostly measures waiting), peak memory (the largest process, card workers
included) and their ratio; cards off and on, cold and warm; a rebuild after editing one stretch,
by ``mkdocs build`` and by ``mkdocs serve``; per-card times; the PDF step's peak memory; the
offline precache against its budget; the search index and the stretch index's weight; the timer's
size gzipped; the real routines' audio, cold and warm; and the two-language build against one.

``--lighthouse`` runs Lighthouse (``npm install --no-save lighthouse`` in the repository, and
Debian's chromium) on the real site's home, stretch, routine, index and builder pages and on the
stretch index at the largest N up to 1,000, each served with gzip by ``benchmarks/serve.py``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import queue
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = re.findall(
    r"\w+",
    "slowly gently breathe shoulder blade spine ribs hips knees elbow wrist reach lengthen soften "
    "relax hold return centre stretch feel pull front back side floor wall chair mat towel keep "
    "steady tall long easy comfortable range movement position weight lean turn lift lower press",
)
AREAS = ["neck", "shoulders", "chest", "upper-back", "mid-back", "lower-back", "lats", "spine",
         "arms", "wrists", "hips", "glutes", "hamstrings", "quads", "calves"]  # fmt: skip
POSITIONS = ["standing", "seated", "kneeling", "all-fours", "lying"]
EQUIPMENT = ["chair", "doorway", "wall", "foam-roller", "massage-ball", "yoga-block", "strap",
             "mat", "towel"]  # fmt: skip


VICTIM = "synthetic-stretch-00000.md"  # the stretch edited for "one edit"


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def synthetic_stretch(rng: random.Random, number: int) -> tuple[str, str, str]:
    """(slug, name, file text) of a valid stretch with a varied dose and about 300 words."""
    name = f"Synthetic stretch {number:05d}"
    slug = f"synthetic-stretch-{number:05d}"
    low = rng.choice([10, 15, 20, 30])
    if rng.random() < 0.25:
        breaths = f"[{rng.randint(4, 8)}, {rng.randint(9, 15)}]"
        dose = f"breaths: {breaths}\ncues: {{inhale: Lift, exhale: Lower}}"
    else:
        dose = f"hold: [{low}, {low * 2}]"
    sides = rng.choice(["none", "both", "alternate"])
    reps = rng.choice(["1", "[2, 3]", "[3, 5]"])
    equipment = ", ".join(rng.sample(EQUIPMENT, rng.randint(0, 2)))
    steps = "\n".join(f"{i}. {sentence(rng, 40)}" for i in range(1, 6))
    tips = "\n".join(f"- {sentence(rng, 25)}" for _ in range(4))
    text = (
        f"---\nname: {name}\nsummary: {sentence(rng, 12)}\n"
        f"areas: [{', '.join(rng.sample(AREAS, rng.randint(1, 3)))}]\n"
        f"position: {rng.choice(POSITIONS)}\nequipment: [{equipment}]\n{dose}\n"
        f"sides: {sides}\nreps: {reps}\ncautions:\n  - {sentence(rng, 12)}\n---\n\n"
        f"{steps}\n\n**Tips**\n\n{tips}\n"
    )
    return slug, name, text


def write_sites(count: int, work: Path) -> tuple[Path, Path]:
    """A Limber site and a baseline site (same Markdown, ordinary pages, no hook)."""
    rng = random.Random(count)
    limber, baseline = work / "limber", work / "baseline"
    for site in (limber, baseline):
        shutil.copytree(ROOT / "docs", site / "docs")
        shutil.rmtree(site / "docs" / "routines")
        (site / "docs" / "routines").mkdir()
        (site / "stretches").mkdir()
        (site / "hooks").symlink_to(ROOT / "hooks", target_is_directory=True)
    shutil.copy(ROOT / "mkdocs.yml", limber / "mkdocs.yml")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n  - hooks/limber_mkdocs.py\n", "\n", config)
    (baseline / "mkdocs.yml").write_text(
        config.replace("not_in_nav: |\n", "not_in_nav: |\n  /stretches/*.md\n"), "utf-8"
    )
    (baseline / "docs" / "stretches").mkdir()
    slugs = []
    for number in range(count):
        slug, name, text = synthetic_stretch(rng, number)
        slugs.append((slug, name))
        (limber / "stretches" / f"{slug}.md").write_text(text, "utf-8")
        _front, body = text.split("\n---\n", 1)
        (baseline / "docs" / "stretches" / f"{slug}.md").write_text(f"# {name}\n\n{body}", "utf-8")
    index = "\n".join(f"- [{name}]({slug}.md)" for slug, name in slugs)
    (baseline / "docs" / "stretches" / "index.md").write_text(f"# Stretches\n\n{index}\n", "utf-8")
    routines = []
    for number in range(max(1, count // 20)):
        chosen = rng.sample(slugs, min(6, len(slugs)))
        slug = f"routine-{number:04d}"
        routines.append(slug)
        items = "\n".join(f"  - {s}" for s, _ in chosen)
        (limber / "docs" / "routines" / f"{slug}.md").write_text(
            f"---\ntitle: Routine {number}\nsummary: A synthetic routine.\n"
            f"stretches:\n{items}\n---\n\nIntro.\n",
            "utf-8",
        )
        links = "\n".join(f"1. [{n}](../stretches/{s}.md)" for s, n in chosen)
        (baseline / "docs" / "routines" / f"{slug}.md").write_text(
            f"# Routine {number}\n\nIntro.\n\n{links}\n", "utf-8"
        )
    listing = "\n".join(f"- [{r}]({r}.md)" for r in routines)
    (baseline / "docs" / "routines" / "index.md").write_text(f"# Routines\n\n{listing}\n", "utf-8")
    # The builder page is generated by the hook; the baseline has an ordinary page in its place.
    (baseline / "docs" / "builder.md").write_text("# Build a routine\n", "utf-8")
    return limber, baseline


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output: str
    cpu: float = 0.0  # user + system seconds of the build process and its workers
    user: float = 0.0  # user seconds alone: the system's share moves with other disk writers


def forget_kept(site: Path) -> None:
    """Remove what a build keeps for the next besides cards: the pieces of pages and Markdown
    renderings, the checked stretch files (``limber.memo``) and the site zip, whose entries
    the next zip reuses (``limber.sitezip``)."""
    for name in ("pieces.json", "checks.json"):
        for kept in (name, f"{name}.sig"):
            (site / ".cache" / "limber" / kept).unlink(missing_ok=True)
    (site / "site" / "downloads" / "limber-site.zip").unlink(missing_ok=True)


def run_build(site: Path, cards: bool = False, languages: str = "") -> Run:
    """One ``mkdocs build`` in its own process; wall time and peak resident memory.
    ``languages`` is ``LIMBER_LANGUAGES`` (``en``: English alone); empty, every language."""
    # Routine audio is measured on its own (real_audio): synthetic routines would only add
    # speech and MP3 encoding, the same cost per minute of track, to every cold build here.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LIMBER_CARDS": "on" if cards else "off",
           "LIMBER_AUDIO": "off", "LIMBER_LANGUAGES": languages}  # fmt: skip
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"build failed in {site}:\n{output}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss / 1024, output, cpu, usage.ru_utime)


def best(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs),
        max(r.peak_mb for r in runs),
        runs[-1].output,
        statistics.median(r.cpu for r in runs),
        statistics.median(r.user for r in runs),
    )


def _process_cpu(pid: int) -> float:
    """User + system seconds a running process has used so far (Linux's /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve_rebuild(site: Path, victim: Path, timeout: float = 900) -> tuple[float, float]:
    """Seconds ``mkdocs serve`` takes to rebuild after one file is edited, as it reports them,
    and the CPU seconds the server spent on it: start the server, wait for its first build,
    change the file, read the next build's time."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LIMBER_CARDS": "off", "LIMBER_AUDIO": "off",
           "LIMBER_LANGUAGES": "en"}  # fmt: skip
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in process.stdout or []:
            lines.put(line)

    reader = threading.Thread(target=read)
    reader.daemon = True
    reader.start()

    def wait_for(pattern: str, seconds: float) -> re.Match[str] | None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                if process.poll() is not None:
                    break
                continue
            if match := re.search(pattern, line):
                return match
        return None

    built = r"Documentation built in ([\d.]+) seconds"
    try:
        if not wait_for(r"Serving on", timeout):
            raise SystemExit(f"mkdocs serve in {site} did not start")
        for attempt in range(5):  # the watcher may start late on a busy machine: edit again
            time.sleep(2)
            before = _process_cpu(process.pid)
            victim.write_text(victim.read_text(encoding="utf-8") + "\nOne more tip.\n", "utf-8")
            if match := wait_for(built, 60 * (attempt + 1)):
                return float(match.group(1)), _process_cpu(process.pid) - before
        raise SystemExit(f"mkdocs serve in {site} did not rebuild after an edit")
    finally:
        process.terminate()
        process.wait(timeout=30)


def timer_size() -> int:
    assets = ROOT / "hooks" / "limber" / "assets"
    return len(
        gzip.compress((assets / "timer.js").read_bytes() + (assets / "timer.css").read_bytes(), 9)
    )


def pdf_peak(cards: list[Path]) -> str:
    """Peak memory of writing all cards to one PDF, in a fresh process."""
    code = (
        "import resource, sys, pathlib, tracemalloc\n"
        "from limber import pdf\n"
        "paths = [pathlib.Path(p) for p in sys.stdin.read().split()]\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "tracemalloc.start()\n"
        "pages = pdf.write_card_sheets(paths, pathlib.Path(sys.argv[1]), pdf.A4)\n"
        "python_peak = tracemalloc.get_traced_memory()[1]\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(f'{pages} pages; process peak {after/1024:.0f} MB (+{(after-before)/1024:.0f} MB "
        "over start-up); Python peak {python_peak/1e6:.1f} MB')\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            [sys.executable, "-c", code, str(Path(folder) / "all.pdf")],
            input="\n".join(map(str, cards)), capture_output=True, text=True, check=True,
        )  # fmt: skip
    return result.stdout.strip()


def real_cards() -> str:
    """Cold and warm card times for the real content, drawn by the build's own function."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from limber.loading import load_library
    from limber.printing import draw_cards

    stretches = list(load_library(ROOT, ROOT / "docs").stretches.values())
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        _, drawn = draw_cards(stretches, Path(folder))
        cold = time.perf_counter() - start
        start = time.perf_counter()
        _, again = draw_cards(stretches, Path(folder))
        warm = time.perf_counter() - start
    return (
        f"Real content: {len(stretches)} cards cold in {cold * 1000:.0f} ms "
        f"({cold / len(stretches) * 1000:.0f} ms a card, {drawn} drawn), warm in "
        f"{warm * 1000:.0f} ms ({again} drawn)."
    )


def real_site(folder: Path) -> Path:
    """A copy of the real site (content, configuration, the hook linked) in ``folder/site``."""
    site = folder / "site"
    shutil.copytree(ROOT / "docs", site / "docs")
    shutil.copytree(ROOT / "stretches", site / "stretches")
    shutil.copy(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    (site / "hooks").symlink_to(ROOT / "hooks", target_is_directory=True)
    return site


def real_languages(rounds: int = 2) -> str:
    """The real site built in English alone and in every language (Spanish under es/), cards
    on and warm, audio off, alternating; the median of each."""
    with tempfile.TemporaryDirectory() as folder:
        site = real_site(Path(folder))
        run_build(site, cards=True)  # draws every language's cards once: the rest are warm
        one: list[Run] = []
        every: list[Run] = []
        for _ in range(rounds):
            one.append(run_build(site, cards=True, languages="en"))
            every.append(run_build(site, cards=True))
        single, both = best(one), best(every)
        pages = sum(1 for _ in (site / "site").rglob("*.html"))
    return (
        f"Two languages against one (real content, cards warm, audio off, median of {rounds}): "
        f"English alone {single.seconds:.1f} s, {single.peak_mb:.0f} MB; English and Spanish "
        f"{both.seconds:.1f} s, {both.peak_mb:.0f} MB ({both.seconds / single.seconds:.2f}×; "
        f"{pages} pages in all). Each language is a whole MkDocs build of its own."
    )


def real_audio() -> str:
    """Cold and warm routine audio for the real routines, by the build's own function: time on
    the clock and on the CPU (the tracks are encoded on every core), and the MP3s' sizes."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from limber.audio.build import build_routine_audio
    from limber.loading import load_library

    library = load_library(ROOT, ROOT / "docs")
    with tempfile.TemporaryDirectory() as folder:
        start, cpu = time.perf_counter(), _cpu_seconds()
        cold = build_routine_audio(library, Path(folder))
        cold_s, cold_cpu = time.perf_counter() - start, _cpu_seconds() - cpu
        if cold.left_out:
            return f"Routine audio: left out here ({cold.left_out})."
        start = time.perf_counter()
        warm = build_routine_audio(library, Path(folder))
        warm_s = time.perf_counter() - start
        tracks = {p: f for p, f in cold.files.items() if p.endswith(".mp3")}
        sizes = [f.stat().st_size for f in tracks.values()]
        minutes = sum(cold.seconds.values()) / 60
        clips = [f.stat().st_size for p, f in cold.files.items() if not p.endswith(".mp3")]
    return (
        f"Routine audio, real content: {len(tracks)} routines ({minutes:.0f} min of track) and "
        f"the builder's clip set cold in {cold_s:.1f} s ({cold_cpu:.1f} s of CPU, "
        f"{cold.rendered} rendered), warm in {warm_s * 1000:.0f} ms ({warm.rendered} rendered); "
        f"MP3s at 32 kbit/s mono: {sum(sizes) / 1e6:.1f} MB in all, "
        f"{sum(sizes) / minutes / 1e3:.0f} KB a minute, {min(sizes) / 1e6:.1f}–"
        f"{max(sizes) / 1e6:.1f} MB each; clip set {clips[0] / 1e3:.0f} KB."
    )


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the encoding workers)."""
    own, children = os.times()[:2], os.times()[2:4]
    return sum(own) + sum(children)


def precache_size(site: Path, count: int) -> str:
    """The service worker's precache against issue 15's budget (2 MB + 25 KB a stretch), and
    what is saved later (cards, PDFs, audio, the zip)."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from limber.offline import collect_later, collect_precache

    precache = collect_precache(site / "site")
    later = collect_later(site / "site")
    budget = 2e6 + 25e3 * count
    return (
        f"{precache.size / 1e6:.1f} MB in {len(precache.files)} files "
        f"(budget {budget / 1e6:.1f} MB); later {sum(s for _, s in later.values()) / 1e6:.1f} MB"
    )


def search_size(site: Path) -> str:
    """The search index the browser loads (``search_index.json``), raw and gzipped."""
    data = (site / "site" / "search" / "search_index.json").read_bytes()
    return f"{len(data) / 1e6:.2f} MB ({len(gzip.compress(data, 6)) / 1e6:.2f} MB gzipped)"


def index_weight(site: Path) -> str:
    """The stretch index as a reader first loads it: its HTML, raw and gzipped, and the
    pictures beside each name (lazy: only those on screen are fetched)."""
    page = (site / "site" / "stretches" / "index.html").read_bytes()
    figures = list((site / "site" / "stretches" / "figures").glob("*.svg"))
    each = sum(f.stat().st_size for f in figures) / max(len(figures), 1)
    lazy = page.count(b'loading="lazy"')
    return (
        f"{len(page) / 1e3:.0f} KB ({len(gzip.compress(page, 6)) / 1e3:.0f} KB gzipped); "
        f"{len(figures)} pictures of {each / 1e3:.1f} KB, {lazy} of them lazy"
    )


def measure(count: int, rounds: int, lighthouse: Lighthouse | None) -> dict[str, str]:
    with tempfile.TemporaryDirectory(prefix=f"limber-bench-{count}-") as folder:
        limber, baseline = write_sites(count, Path(folder))
        plain: list[Run] = []
        ours: list[Run] = []
        again: list[Run] = []
        for _ in range(rounds):
            plain.append(run_build(baseline, languages="en"))
            forget_kept(limber)  # a first build: every page rendered, every file checked
            ours.append(run_build(limber, languages="en"))
            again.append(run_build(limber, languages="en"))  # nothing changed: pieces kept
        base, off, warm_off = best(plain), best(ours), best(again)
        search = search_size(limber)
        weight = index_weight(limber)
        scores = ""
        if lighthouse is not None and count <= 1000:
            scores = lighthouse.site(limber / "site", ["stretches/index.html"])
        # mkdocs serve, one stretch edited: plain MkDocs, then Limber, on the same Markdown.
        plain_edit = serve_rebuild(baseline, baseline / "docs" / "stretches" / VICTIM)
        our_edit = serve_rebuild(limber, limber / "stretches" / VICTIM)
        cache = limber / ".cache" / "limber"
        shutil.rmtree(cache, ignore_errors=True)
        cold = run_build(limber, cards=True, languages="en")
        warm = run_build(limber, cards=True, languages="en")
        victim = limber / "stretches" / VICTIM
        victim.write_text(
            victim.read_text().replace("Synthetic stretch 00000", "Edited stretch"), "utf-8"
        )
        edited = run_build(limber, cards=True, languages="en")
        drawn = re.findall(r"(\d+) drawn", cold.output + warm.output)
        card_files = sorted((cache / "cards").glob("*.png"))
        card_cost = (cold.seconds - off.seconds) / count * 1000
        card_cpu = (cold.cpu - off.cpu) / count * 1000 / (os.cpu_count() or 1)
        row = {
            "N": str(count),
            "baseline": f"{base.seconds:.1f} s ({base.cpu:.1f} s CPU), {base.peak_mb:.0f} MB",
            "cards off": f"{off.seconds:.1f} s ({off.cpu:.1f} s CPU), {off.peak_mb:.0f} MB",
            "ratio": f"{off.seconds / base.seconds:.2f}× time, {off.cpu / base.cpu:.2f}× CPU "
            f"({off.user / base.user:.2f}× user), {off.peak_mb / base.peak_mb:.2f}× memory",
            "cards off, again": f"{warm_off.seconds:.1f} s ({warm_off.cpu:.1f} s CPU): "
            f"{warm_off.seconds / base.seconds:.2f}× time, {warm_off.cpu / base.cpu:.2f}× CPU "
            f"({warm_off.user / base.user:.2f}× user)",
            "cards cold": f"{cold.seconds:.1f} s ({cold.cpu:.1f} s CPU), {cold.peak_mb:.0f} MB "
            f"(≈{card_cost:.0f} ms a card; {card_cpu:.0f} ms of CPU a card a core)",
            "cards warm": f"{warm.seconds:.1f} s, {warm.peak_mb:.0f} MB",
            "drawn cold/warm": "/".join(drawn) if drawn else "?",
            "one edit": f"{edited.seconds:.1f} s",
            "serve, one edit": f"{our_edit[0]:.1f} s against {plain_edit[0]:.1f} s "
            f"({our_edit[0] / plain_edit[0]:.2f}× time, "
            f"{our_edit[1] / max(plain_edit[1], 0.01):.2f}× CPU)",
            "precache": precache_size(limber, count),
            "search index": search,
            "stretch index": weight + (f"; Lighthouse {scores}" if scores else ""),
            "pdf": pdf_peak(card_files),
        }
        return row


class Lighthouse:
    """Lighthouse (mobile, its default) from the repository's ``node_modules``, driving Debian's
    chromium headless, on pages served with gzip; each page measured ``runs`` times, the median
    kept (one run's score moves by a few points)."""

    def __init__(self, runs: int = 3) -> None:
        self.command = ROOT / "node_modules" / ".bin" / "lighthouse"
        self.chrome = shutil.which("chromium") or shutil.which("chromium-browser")
        self.runs = runs

    def missing(self) -> str:
        if not self.command.is_file():
            return "Lighthouse is not installed: run `npm install --no-save lighthouse` first"
        if not self.chrome:
            return "Lighthouse needs chromium (apt-get install chromium)"
        return ""

    def page(self, url: str) -> dict[str, float]:
        """One page's performance score, layout shift, timings (ms) and weight (bytes)."""
        results = []
        for _ in range(self.runs):
            out = subprocess.run(
                [str(self.command), url, "--output=json", "--output-path=stdout", "--quiet",
                 "--only-categories=performance",
                 "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                capture_output=True, text=True, timeout=300,
                env={**os.environ, "CHROME_PATH": str(self.chrome)},
            )  # fmt: skip
            if out.returncode:
                raise SystemExit(f"lighthouse failed on {url}:\n{out.stderr[-2000:]}")
            report = json.loads(out.stdout)
            audits = report["audits"]
            results.append({
                "score": report["categories"]["performance"]["score"],
                "cls": audits["cumulative-layout-shift"]["numericValue"],
                "fcp": audits["first-contentful-paint"]["numericValue"],
                "lcp": audits["largest-contentful-paint"]["numericValue"],
                "tbt": audits["total-blocking-time"]["numericValue"],
                "bytes": audits["total-byte-weight"]["numericValue"],
            })  # fmt: skip
        return {key: statistics.median(r[key] for r in results) for key in results[0]}

    def site(self, folder: Path, pages: list[str]) -> str:
        """Each page of a built site, served with gzip: a short line each."""
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from serve import GzipServer

        server = GzipServer(folder)
        try:
            return "; ".join(f"{path}: {_scores(self.page(server.url + path))}" for path in pages)
        finally:
            server.close()


def _scores(result: dict[str, float]) -> str:
    return (
        f"performance {result['score']:.2f}, CLS {result['cls']:.3f}, "
        f"FCP {result['fcp'] / 1000:.1f} s, LCP {result['lcp'] / 1000:.1f} s, "
        f"TBT {result['tbt']:.0f} ms, {result['bytes'] / 1e3:.0f} KB transferred"
    )


REAL_PAGES = {"home": "index.html", "stretch": "stretches/cat-cow.html",
              "routine": "routines/ease-upper-back-tightness.html",
              "stretch index": "stretches/index.html", "builder": "builder.html",
              "Spanish routine": "es/routines/ease-upper-back-tightness.html"}  # fmt: skip


def real_lighthouse(lighthouse: Lighthouse) -> list[str]:
    """Lighthouse on the real site as published: every language, cards and audio on."""
    with tempfile.TemporaryDirectory() as folder:
        site = real_site(Path(folder))
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LIMBER_LANGUAGES": ""}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site, env=env,
                       check=True, capture_output=True)  # fmt: skip
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from serve import GzipServer

        server = GzipServer(site / "site")
        try:
            return [
                f"{kind} (`{path}`): {_scores(lighthouse.page(server.url + path))}"
                for kind, path in REAL_PAGES.items()
            ]
        finally:
            server.close()


def machine() -> str:
    memory = ""
    try:
        total = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
        memory = f", {total:.0f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{platform.platform()}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--rounds", type=int, default=2, help="alternating baseline/Limber pairs")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument(
        "--only-languages", action="store_true",
        help="measure only the two-language build, and put its line in the output page",
    )  # fmt: skip
    parser.add_argument(
        "--skip-languages", action="store_true", help="leave the two-language build out"
    )
    parser.add_argument(
        "--lighthouse", action="store_true",
        help="also run Lighthouse (mobile) on the real site's pages and the stretch index, served "
        "with gzip (needs `npm install --no-save lighthouse` and chromium; skipped without them)",
    )  # fmt: skip
    parser.add_argument(
        "--only-lighthouse", action="store_true",
        help="run only Lighthouse (the real site's pages, and the stretch index at the largest "
        "--sizes up to 1,000), and put its lines in the output page",
    )  # fmt: skip
    args = parser.parse_args()
    if args.only_lighthouse:
        only_lighthouse(args.output, [n for n in args.sizes if n <= 1000][-1:])
        return
    if args.only_languages:
        line = real_languages(args.rounds)
        print(line)
        page = args.output.read_text(encoding="utf-8").splitlines()
        page = [entry for entry in page if not entry.startswith("- Two languages against one")]
        at = next((n for n, entry in enumerate(page) if entry.startswith("- Timer script")), None)
        page.insert(len(page) if at is None else at, f"- {line}")
        args.output.write_text("\n".join(page) + "\n", "utf-8")
        return
    lighthouse: Lighthouse | None = None
    if args.lighthouse:
        lighthouse = Lighthouse()
        if reason := lighthouse.missing():
            print(f"Lighthouse skipped: {reason}.", flush=True)
            lighthouse = None
    started = time.perf_counter()
    rows = []
    for count in args.sizes:
        row = measure(count, args.rounds, lighthouse)
        rows.append(row)
        print(" | ".join(f"{key}: {value}" for key, value in row.items()), flush=True)
    keys = list(rows[0])
    table = ["| " + " | ".join(keys) + " |", "|" + " --- |" * len(keys)]
    table += ["| " + " | ".join(row[key] for key in keys) + " |" for row in rows]
    summary = [
        f"Machine: {machine()}.",
        real_cards(),
        real_audio(),
        *([] if args.skip_languages else [real_languages(args.rounds)]),
        f"Timer script and CSS, gzipped: {timer_size() / 1000:.1f} KB.",
    ]
    if lighthouse is not None:
        summary += [f"Lighthouse, mobile, gzip: {line}" for line in real_lighthouse(lighthouse)]
    summary.append(f"Benchmark wall time: {time.perf_counter() - started:.0f} s.")
    print("\n".join([*table, "", *summary]))
    args.output.write_text(_page(table, summary), "utf-8")
    print(f"wrote {args.output}")


def only_lighthouse(output: Path, sizes: list[int]) -> None:
    """Lighthouse alone (it wants a quiet machine more than the builds do): its lines replace
    those of the last run in ``output``."""
    lighthouse = Lighthouse()
    if reason := lighthouse.missing():
        raise SystemExit(f"Lighthouse skipped: {reason}.")
    lines = [f"Lighthouse, mobile, gzip: {line}" for line in real_lighthouse(lighthouse)]
    for count in sizes:
        with tempfile.TemporaryDirectory(prefix=f"limber-lighthouse-{count}-") as folder:
            limber, _ = write_sites(count, Path(folder))
            run_build(limber, languages="en")
            scores = lighthouse.site(limber / "site", ["stretches/index.html"])
            lines.append(
                f"Lighthouse, mobile, gzip: the stretch index at {count} stretches "
                f"({index_weight(limber)}): {scores}"
            )
    print("\n".join(lines))
    page = output.read_text(encoding="utf-8").splitlines()
    page = [entry for entry in page if not entry.startswith("- Lighthouse, mobile")]
    at = next((n for n, entry in enumerate(page) if entry.startswith("- Benchmark wall")), None)
    page[len(page) if at is None else at : len(page) if at is None else at] = [
        f"- {line}" for line in lines
    ]
    output.write_text("\n".join(page) + "\n", "utf-8")


def _page(table: list[str], summary: list[str]) -> str:
    intro = (ROOT / "benchmarks" / "performance-intro.md").read_text(encoding="utf-8")
    return (
        intro + "\n" + "\n".join(table) + "\n\n" + "\n".join(f"- {line}" for line in summary) + "\n"
    )


if __name__ == "__main__":
    main()
