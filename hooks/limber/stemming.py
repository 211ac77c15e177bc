"""Search that finds a word's other forms ("vértebras" finds "vértebra"): Material's search worker
with Limber's query stemmer in front of it (``assets/search-stems.js`` says how and why)."""

from __future__ import annotations

from pathlib import Path

PRELUDE = Path(__file__).parent / "assets" / "search-stems.js"
# Material's worker, named by a hash of its own contents; one per language's site.
WORKERS = "assets/javascripts/workers/search.*.min.js"


def add_query_stemming(site_dir: Path) -> list[Path]:
    """Put the stemmer in front of the search worker of the site in ``site_dir`` (not of the
    other languages' sites in its folders, which their own builds do); the workers changed."""
    prelude = PRELUDE.read_text(encoding="utf-8")
    changed = []
    for worker in sorted(site_dir.glob(WORKERS)):
        code = worker.read_text(encoding="utf-8")
        if not code.startswith(prelude):  # a rebuild into the same folder (serve) adds it once
            worker.write_text(prelude + code, encoding="utf-8")
        changed.append(worker)
    return changed
