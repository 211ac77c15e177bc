"""Worker processes for the build's slow parts (cards, routine audio), started one safe way."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Job = TypeVar("Job")
# Jobs handed to a worker at a time, as a share of the list: a few chunks per worker keep both
# cores busy to the end, and many small cards don't cost a round trip each.
CHUNKS_PER_WORKER = 8


def pool_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: ``fork`` is fastest, but unsafe once other threads run
    (``mkdocs serve``); then ``spawn``, which imports the installed package afresh."""
    if hasattr(os, "fork") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def run_jobs(work: Callable[[Job], object], jobs: Sequence[Job], *, parallel_from: int = 2) -> None:
    """Run ``work`` on every job, on every core when there are at least ``parallel_from`` of
    them (a pool costs a process start per core), here otherwise. ``work`` must be a module-level
    function (``spawn`` pickles it by name); a job's exception is raised here."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if len(jobs) >= parallel_from and workers > 1:
        chunk = max(1, len(jobs) // (workers * CHUNKS_PER_WORKER))
        with ProcessPoolExecutor(workers, mp_context=pool_context()) as pool:
            list(pool.map(work, jobs, chunksize=chunk))
    else:
        for job in jobs:
            work(job)
