"""Worker processes for the build's slow parts (cards, routine audio), started one safe way."""

from __future__ import annotations

import multiprocessing
import os
import threading


def pool_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: ``fork`` is fastest, but unsafe once other threads run
    (``mkdocs serve``); then ``spawn``, which imports the installed package afresh."""
    if hasattr(os, "fork") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")
