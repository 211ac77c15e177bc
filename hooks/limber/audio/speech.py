"""Offline speech: eSpeak NG, as shipped in the ``espeakng-loader`` wheel, called through ctypes.

eSpeak NG is GPL-3.0-or-later. Limber (MIT) does not ship it: pip installs it beside Limber for
the build, which runs it as a tool; the speech it produces is the build's output, not a copy of
eSpeak NG, and goes on the site like any other generated file.

``LIMBER_ESPEAK_LIBRARY`` may name another ``libespeak-ng`` (for example the system's); its
voices are then read from ``LIMBER_ESPEAK_DATA``, or from the library's own default.
"""

from __future__ import annotations

import ctypes
import os
import re
from typing import Any

import numpy as np
import numpy.typing as npt

_SYNCHRONOUS = 2  # AUDIO_OUTPUT_SYNCHRONOUS: espeak_Synth returns when the text is spoken
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_RATE = 1  # espeakRATE
RATE_WPM = 160  # a little slower than eSpeak's 175: cues are heard across a room
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)
Samples = npt.NDArray[np.float32]


class SpeechUnavailable(Exception):
    """The speech library could not be loaded here; the message says why, in a line."""


class Voice:
    """One eSpeak NG voice in this process: text in, mono float samples out."""

    def __init__(self, library: Any, rate: int, language: str, version: str) -> None:
        self._lib = library
        self.sample_rate = rate
        self.language = language
        self.identity = f"espeak-ng {version} {language} {RATE_WPM} wpm"
        self._chunks: list[Samples] = []
        # Keep the callback object alive as long as the library may call it.
        self._callback = _CALLBACK(self._collect)
        library.espeak_SetSynthCallback(self._callback)

    def _collect(self, wav: Any, count: int, events: Any) -> int:
        if wav and count > 0:
            chunk = np.ctypeslib.as_array(wav, shape=(count,)).astype(np.float32) / 32768.0
            self._chunks.append(chunk)
        return 0

    def say(self, text: str) -> Samples:
        """``text`` spoken, with the silence eSpeak adds before and after it trimmed off, so a
        clip placed at a time is heard at that time."""
        clean = _CONTROL.sub(" ", text).strip().encode("utf-8")
        if _current[0] != self.language:  # eSpeak keeps one voice for the whole process
            self._lib.espeak_SetVoiceByName(self.language.encode())
            _current[0] = self.language
        self._chunks = []
        self._lib.espeak_Synth(clean, len(clean) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
        self._lib.espeak_Synchronize()
        if not self._chunks:
            return np.zeros(0, dtype=np.float32)
        return trim(np.concatenate(self._chunks))


def trim(samples: Samples, threshold: float = 0.01) -> Samples:
    """``samples`` without their quiet start and end."""
    loud = np.flatnonzero(np.abs(samples) > threshold)
    if loud.size == 0:
        return samples[:0]
    return samples[loud[0] : loud[-1] + 1]


_voices: dict[str, Voice] = {}
_current = [""]


def load_voice(language: str = "en") -> Voice:
    """This process's eSpeak NG voice for ``language``, loaded once; ``SpeechUnavailable`` with
    the reason if the library, its voices or MP3 writing cannot be had here."""
    if language in _voices:
        return _voices[language]
    library_path = os.environ.get("LIMBER_ESPEAK_LIBRARY", "")
    data_path = os.environ.get("LIMBER_ESPEAK_DATA", "")
    if not library_path:
        try:
            import espeakng_loader
        except ImportError:
            raise SpeechUnavailable(
                "the espeakng-loader package is not installed (pip install -e .)"
            ) from None
        library_path = espeakng_loader.get_library_path()
        data_path = data_path or espeakng_loader.get_data_path()
    try:
        library = ctypes.CDLL(library_path)
    except OSError as error:
        raise SpeechUnavailable(f"eSpeak NG did not load from {library_path}: {error}") from None
    library.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    library.espeak_Synth.argtypes = [
        ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
        ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
    ]  # fmt: skip
    library.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
    library.espeak_Info.restype = ctypes.c_char_p
    library.espeak_Info.argtypes = [ctypes.c_void_p]
    rate = library.espeak_Initialize(_SYNCHRONOUS, 0, data_path.encode() or None, 0)
    if rate <= 0:
        raise SpeechUnavailable(f"eSpeak NG found no voice data in {data_path or 'its default'}")
    if library.espeak_SetVoiceByName(language.encode()) != 0:
        raise SpeechUnavailable(f"eSpeak NG has no voice for the language {language!r}")
    _current[0] = language
    library.espeak_SetParameter(_RATE, RATE_WPM, 0)
    version = (library.espeak_Info(None) or b"?").decode("ascii", "replace")
    _voices[language] = Voice(library, rate, language, version)
    return _voices[language]
