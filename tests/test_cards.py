"""Cards: size, mode, fit, the shipped font, cache keys, and the streamed PDF sheets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageFont
from pypdf import PdfReader

from limber import pdf
from limber.cards import BOLD, CARD, REGULAR, card_key, fit, render_card, write_card
from limber.loading import load_library
from limber.model import Dose, Span, Stretch
from limber.printing import draw_cards

from .conftest import ROOT

LONG_WORDS = "Pneumonoultramicroscopicsilicovolcanoconiosis-style-unbreakable-word-that-runs-on"


def long_stretch() -> Stretch:
    steps = (
        "\n".join(
            f"{n}. Step {n}: move slowly and carefully, keeping the shoulders soft, the jaw loose "
            f"and the breath long and even while you hold the position and then release it."
            for n in range(1, 19)
        )
        + f"\n19. {LONG_WORDS}"
    )
    return Stretch(
        slug="very-long",
        name="An extraordinarily long stretch name that goes on and on for the sake of testing",
        summary="Long.",
        areas=("neck", "shoulders", "upper-back", "mid-back", "lower-back"),
        position="kneeling",
        dose=Dose("hold", Span(15, 30), Span(2, 4), "both"),
        body=steps,
        path="stretches/very-long.md",
        equipment=("chair", "wall", "mat", "strap", "towel"),
        cautions=tuple(
            f"Caution {n}: stop if anything hurts, tingles or goes numb." for n in range(8)
        ),
    )


@pytest.fixture(scope="module")
def real() -> list[Stretch]:
    return list(load_library(ROOT, ROOT / "docs").stretches.values())


def test_a_card_is_a6_portrait_at_300_dpi(real: list[Stretch], tmp_path: Path) -> None:
    image = render_card(real[0])
    assert (image.size, image.mode) == ((1240, 1748), "RGB")
    written = write_card(real[0], tmp_path / "card.png")
    with Image.open(written) as card:
        assert (card.size, card.mode, card.format) == ((1240, 1748), "P", "PNG")
        assert round(card.info["dpi"][0]) == 300
        colours = card.convert("RGB")
        assert colours.getpixel((10, CARD.height // 2)) == CARD.paper
        assert colours.getpixel((10, 10)) == CARD.accent


def test_long_text_wraps_and_shrinks_but_is_never_cut(real: list[Stretch]) -> None:
    stretch = long_stretch()
    lines, scale = fit(stretch)
    assert scale < 1.0
    width = CARD.width - 2 * CARD.margin
    body = CARD.height - CARD.band - CARD.footer - 2 * CARD.margin
    for line in lines:
        assert line.x + line.font.getlength(line.text) <= width
        assert line.y + line.font.size <= body
    drawn = " ".join(line.text for line in lines)
    for step in stretch.steps:
        assert " ".join(step.split()[:6]) in drawn
    assert all(f"Caution {n}:" in drawn for n in range(8))
    assert "".join(drawn.split()).count(LONG_WORDS[:20]) == 1
    for stretch in real:
        assert fit(stretch)[1] >= 0.8, f"{stretch.slug} should fit at nearly full size"


def test_nothing_is_drawn_in_the_side_margins(real: list[Stretch]) -> None:
    for stretch in [long_stretch(), *real]:
        image = render_card(stretch)
        left = (0, CARD.band, CARD.margin - 4, CARD.height)
        right = (CARD.width - CARD.margin + 4, CARD.band, CARD.width, CARD.height)
        for box in (left, right):
            margin = image.crop(box)
            assert margin.getcolors() == [(margin.width * margin.height, CARD.paper)], stretch.slug


def test_the_shipped_font_has_accents_dashes_and_fractions() -> None:
    for path in (REGULAR, BOLD):
        font = ImageFont.truetype(str(path), 40)
        missing = bytes(font.getmask("\ue000"))
        for char in "éèüñçø–—½·•":
            assert bytes(font.getmask(char)) != missing, (path.name, char)


def test_the_card_key_follows_every_input(real: list[Stretch]) -> None:
    stretch = real[0]
    assert card_key(stretch) == card_key(stretch)
    renamed = Stretch(**{**stretch.__dict__, "name": stretch.name + " 2"})
    assert card_key(renamed) != card_key(stretch)
    from dataclasses import replace

    assert card_key(stretch, replace(CARD, margin=90)) != card_key(stretch)


def test_a_second_run_draws_nothing(real: list[Stretch], tmp_path: Path) -> None:
    paths, drawn = draw_cards(real, tmp_path)
    assert drawn == len(real) and all(path.is_file() for path in paths.values())
    again, drawn_again = draw_cards(real, tmp_path)
    assert (again, drawn_again) == (paths, 0)


@pytest.mark.parametrize(("paper", "size"), [(pdf.A4, (595.28, 841.89)), (pdf.LETTER, (612, 792))])
@pytest.mark.parametrize(("cards", "pages"), [(1, 1), (4, 1), (7, 2), (9, 3)])
def test_card_sheets_hold_four_cards_a_page(
    real: list[Stretch],
    tmp_path: Path,
    paper: pdf.Paper,
    size: tuple[float, float],
    cards: int,
    pages: int,
) -> None:
    paths, _ = draw_cards(real, tmp_path / "cards")
    chosen = [paths[s.slug] for s in (real * 2)[:cards]]
    target = tmp_path / "sheet.pdf"
    assert pdf.write_card_sheets(chosen, target, paper) == pages
    reader = PdfReader(target)
    assert len(reader.pages) == pages
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == size
    images = reader.pages[-1].images
    assert len(images) == (cards - 1) % 4 + 1
    assert images[0].image.size == (1240, 1748)
