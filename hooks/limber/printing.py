"""Everything printable the build makes: a card per stretch and PDF sheets of cards.

Cards and PDFs are cached under a hash of their inputs, so a build with no change draws nothing;
a cold build draws the missing cards on every core.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from limber import cache as seals
from limber import paths, pdf
from limber.cards import CARD, CardLayout, card_key, write_card
from limber.loading import Library
from limber.model import Stretch
from limber.workers import run_jobs

PAPERS = (pdf.A4, pdf.LETTER)
_PDF_CODE = hashlib.sha256(Path(pdf.__file__).read_bytes()).hexdigest()[:12]
PARALLEL_FROM = 4  # fewer missing cards than this are drawn in-process: a pool costs more


@dataclass(frozen=True)
class PrintFiles:
    """Site path → cached file, for every card and PDF; and how many cards this build drew."""

    files: Mapping[str, Path]
    drawn: int


def _draw(job: tuple[Stretch, Path, CardLayout]) -> Path:
    return write_card(*job)


def draw_cards(
    stretches: Sequence[Stretch], cache: Path, card_layout: CardLayout = CARD
) -> tuple[dict[str, Path], int]:
    """Each stretch's cached card (drawing the missing ones), and how many were drawn."""
    seals.safe_folder(cache)
    paths = {s.slug: cache / f"{s.slug}-{card_key(s, card_layout)}.png" for s in stretches}
    # Only an entry whose seal matches its bytes is used: a damaged or committed one is redrawn.
    jobs = [(s, paths[s.slug], card_layout) for s in stretches if not seals.verified(paths[s.slug])]
    run_jobs(_draw, jobs, parallel_from=PARALLEL_FROM)
    for _, path, _ in jobs:
        seals.seal(path)
    seals.prune(cache, "*.png", paths.values())
    return paths, len(jobs)


def _sheet(cards: Sequence[Path], cache: Path, paper: pdf.Paper) -> Path:
    digest = hashlib.sha256(f"{paper}{_PDF_CODE}".encode())
    for card in cards:
        digest.update(card.name.encode())
    target = cache / f"{paper.name.lower()}-{digest.hexdigest()[:24]}.pdf"
    if not seals.verified(target):
        pdf.write_card_sheets(cards, target, paper)
        seals.seal(target)
    return target


def build_print_files(library: Library, cache_dir: Path) -> PrintFiles:
    """All cards and card PDFs of the library, from the cache where they are up to date."""
    stretches = list(library.stretches.values())
    cards, drawn = draw_cards(stretches, cache_dir / "cards")
    files: dict[str, Path] = {paths.card_image(slug): path for slug, path in cards.items()}
    sheets = seals.safe_folder(cache_dir / "sheets")
    all_cards = [cards[s.slug] for s in stretches]
    for paper in PAPERS:
        if all_cards:
            files[paths.ALL_CARDS_PDF[paper.name]] = _sheet(all_cards, sheets, paper)
        for routine in library.routines.values():
            ordered = [cards[item.stretch.slug] for item in routine.items]
            files[paths.routine_cards_pdf(routine.slug, paper.name)] = _sheet(
                ordered, sheets, paper
            )
    seals.prune(sheets, "*.pdf", (path for path in files.values() if path.suffix == ".pdf"))
    return PrintFiles(files, drawn)
