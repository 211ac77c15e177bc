"""Where content lives and where generated pages go (SPEC section 1 and 4), in one place."""

STRETCHES_DIR = "stretches"  # beside mkdocs.yml
ROUTINES_DIR = "routines"  # inside docs_dir
RESERVED_SLUGS = ("index",)  # stretches/index.md is the generated stretch index

STRETCH_INDEX = "stretches/index.md"
ROUTINE_INDEX = "routines/index.md"
SAFETY_PAGE = "safety.md"


def stretch_page(slug: str) -> str:
    """Source path of a stretch's generated page, relative to docs_dir."""
    return f"stretches/{slug}.md"


def routine_page(slug: str) -> str:
    """Source path of a routine's authored page, relative to docs_dir."""
    return f"{ROUTINES_DIR}/{slug}.md"


CARDS_DIR = "cards"
ALL_CARDS_PDF = {"A4": "cards/stretch-cards.pdf", "Letter": "cards/stretch-cards-letter.pdf"}


def card_image(slug: str) -> str:
    """Site path of a stretch's printable card."""
    return f"{CARDS_DIR}/{slug}.png"


def routine_cards_pdf(slug: str, paper: str) -> str:
    """Site path of the PDF of a routine's cards, in routine order."""
    suffix = "" if paper == "A4" else f"-{paper.lower()}"
    return f"{CARDS_DIR}/routines/{slug}{suffix}.pdf"


BUILDER_PAGE = "builder.md"  # the routine builder, generated; in the top navigation
CONTRIBUTOR_GUIDE = "contributing.md"


def routine_audio(slug: str) -> str:
    """Site path of a routine's audio track (SPEC section 10)."""
    return f"{ROUTINES_DIR}/{slug}.mp3"
