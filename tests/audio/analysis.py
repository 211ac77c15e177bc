"""Measuring a decoded track as a listener would hear it: where sounds start."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

WINDOW = 0.025  # seconds
FLOOR_DB = -40.0  # quieter than this is silence
RISE_DB = 9.0  # a jump this large over the previous window is a new sound, even over another


def window_levels(samples: npt.NDArray[np.float32], rate: int) -> npt.NDArray[np.float64]:
    """The RMS level of each 25 ms window, in dB below full scale."""
    size = int(WINDOW * rate)
    count = len(samples) // size
    frames = samples[: count * size].astype(np.float64).reshape(count, size)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    return 20 * np.log10(np.maximum(rms, 1e-6))


def onsets(samples: npt.NDArray[np.float32], rate: int) -> list[float]:
    """Seconds at which a sound starts: a window above the floor that is much louder than the
    one before it."""
    return level_onsets(window_levels(samples, rate), int(WINDOW * rate) / rate)


def level_onsets(levels: npt.NDArray[np.float64], window: float) -> list[float]:
    """``onsets`` from window levels already measured (in the browser, for instance)."""
    before = np.concatenate([[-120.0], levels[:-1]])
    louder = levels - np.maximum(before, FLOOR_DB - RISE_DB) >= RISE_DB
    starts = np.flatnonzero((levels > FLOOR_DB) & louder)
    return [float(index * window) for index in starts]


def misses(times: Sequence[float], heard: Sequence[float], tolerance: float) -> list[float]:
    """The times in ``times`` with no onset within ``tolerance`` seconds."""
    found = np.asarray(heard)
    return [t for t in times if found.size == 0 or float(np.min(np.abs(found - t))) > tolerance]
