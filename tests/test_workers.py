"""The build's worker pool: every job done once, on every core when a pool pays, here otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from limber.workers import run_jobs


def _mark(job: tuple[Path, int]) -> None:
    """Write which process did job ``n`` (module level: ``spawn`` finds it by name)."""
    folder, n = job
    (folder / f"{n:02}").write_text(str(os.getpid()), encoding="utf-8")


def _fail(n: int) -> None:
    if n == 3:
        raise ValueError(f"job {n} went wrong")


def _done(folder: Path) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())}


def test_many_jobs_are_each_done_once_in_worker_processes(tmp_path: Path) -> None:
    run_jobs(_mark, [(tmp_path, n) for n in range(20)], parallel_from=4)
    done = _done(tmp_path)
    assert list(done) == [f"{n:02}" for n in range(20)]
    if (os.cpu_count() or 1) > 1:
        assert str(os.getpid()) not in done.values()


def test_fewer_jobs_than_a_pool_pays_for_are_done_here(tmp_path: Path) -> None:
    run_jobs(_mark, [(tmp_path, n) for n in range(3)], parallel_from=4)
    assert _done(tmp_path) == {f"{n:02}": str(os.getpid()) for n in range(3)}


def test_no_jobs_is_nothing_to_do(tmp_path: Path) -> None:
    run_jobs(_mark, [])
    assert _done(tmp_path) == {}


@pytest.mark.parametrize("parallel_from", [2, 100], ids=["pool", "here"])
def test_a_failed_job_fails_the_run(parallel_from: int) -> None:
    with pytest.raises(ValueError, match="job 3 went wrong"):
        run_jobs(_fail, list(range(6)), parallel_from=parallel_from)
