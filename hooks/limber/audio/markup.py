"""The audio block of a routine page: the download link, and the data "Play as audio" reads.

``assets/audio.js`` adds the "Play as audio" button and the ``<audio>`` element from this block;
without scripts the link still plays or saves the track.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from limber import html
from limber.audio.build import minutes
from limber.model import Routine
from limber.paths import card_image, routine_audio

Link = Callable[[str], str]


def render_audio_block(routine: Routine, link: Link, seconds: float, cards: bool) -> str:
    """The routine's audio link ("Audio (MP3, 7 min)") and the player's audio settings."""
    src = link(routine_audio(routine.slug))
    artwork: Sequence[str] = (
        [link(card_image(item.stretch.slug)) for item in routine.items] if cards else []
    )
    config = {"src": src, "title": routine.title, "artwork": list(artwork)}
    return (
        '<div class="limber-audio limber-sheet-hide" data-limber-audio>'
        f'<script type="application/json" data-limber-audio-config>{html.json_script(config)}'
        "</script>"
        f'<p class="limber-audio-link"><a href="{html.text(src)}" type="audio/mpeg" download>'
        f"Audio (MP3, {minutes(seconds)} min)</a>: the whole routine at its shortest, with "
        "spoken cues and tones, for any music player, even with the screen off.</p></div>\n"
    )
