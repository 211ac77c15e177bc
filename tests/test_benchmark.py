"""The benchmark script keeps working: a quick run at N = 20 (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def test_the_benchmark_runs_and_writes_its_table(tmp_path: Path) -> None:
    output = tmp_path / "performance.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "build.py"), "--sizes", "20", "--rounds", "1",
         "--skip-languages", "--output", str(output)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    page = output.read_text(encoding="utf-8")
    row = next(line for line in page.splitlines() if line.startswith("| 20 |"))
    assert "× time" in row and "drawn" not in row
    assert "20/0" in row  # 20 cards drawn cold, none warm
    assert "Timer script and CSS, gzipped:" in page


def test_the_published_page_keeps_the_text_a_run_writes_above_its_results() -> None:
    """A run writes benchmarks/performance-intro.md above its results: the goals table read
    in docs/performance.md must be that text, or the next run would put an older one back."""
    intro = (ROOT / "benchmarks" / "performance-intro.md").read_text(encoding="utf-8")
    page = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    assert page.startswith(intro.rstrip("\n") + "\n")
