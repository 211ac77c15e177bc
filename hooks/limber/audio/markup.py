"""The audio block of a routine page: the download link, and the data "Play as audio" reads.

``assets/audio.js`` adds the "Play as audio" button and the ``<audio>`` element from this block;
without scripts the link still plays or saves the track. The markup is ``templates/audio.html``.
"""

from __future__ import annotations

from collections.abc import Callable

from limber.audio.build import minutes
from limber.model import Routine
from limber.paths import card_image, routine_audio
from limber.templating import render

Link = Callable[[str], str]


def render_audio_block(routine: Routine, link: Link, seconds: float, cards: bool) -> str:
    """The routine's audio link ("Audio (MP3, 7 min)") and the player's audio settings."""
    src = link(routine_audio(routine.slug))
    artwork = [link(card_image(item.stretch.slug)) for item in routine.items] if cards else []
    config = {"src": src, "title": routine.title, "artwork": artwork}
    return render("audio.html", src=src, config=config, minutes=minutes(seconds))
