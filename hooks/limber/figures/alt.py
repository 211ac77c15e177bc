"""A figure in words, for people who cannot see it: the alt text of the page figure.

The words are the catalogue's (``figure.*`` in ``messages/en.yml``), so a translation describes
the picture too; the pose data stays in ``model``, which knows no words.
"""

from __future__ import annotations

from collections.abc import Iterable

from limber.figures.model import Figure
from limber.messages import SOURCE_LANGUAGE, current, list_text, text
from limber.vocabulary import label


def alt_text(figure: Figure | None, name: str, areas: Iterable[str]) -> str:
    """What the figure shows: the view, the pose and props, its frames, the stretched areas."""
    if figure is None:
        return text("figure.missing", name=name)
    position = text(f"figure.pose.{figure.pose}")
    props = [p for p in figure.props if not (p == "chair" and figure.pose == "chair")]
    if props:
        words = list_text([text(f"figure.prop.{prop}") for prop in props])
        position = text("figure.with_props", pose=position, props=words)
    frames = [frame.name for frame in figure.frames()]
    if len(frames) > 1:
        position = _moving(position, frames)
    # Area names sit mid-sentence: the vocabulary's display names, in lower case.
    highlighted = text("list.separator").join(label(area).lower() for area in areas)
    view = text(f"figure.view.{figure.view}")
    return text("figure.alt", view=view, name=name, position=position, areas=highlighted)


def _moving(position: str, frames: list[str]) -> str:
    """The frames by the catalogue's names for them; a contributor's name the catalogue lacks is
    said as written in English, and counted in other languages (no English word mid-sentence)."""
    catalogue = current()
    named = [catalogue.entries.get(f"figure.frame.{name}") for name in frames]
    words = [word for word in named if isinstance(word, str)]
    if len(words) == len(frames):
        return text("figure.moving", position=position, frames=list_text(words))
    if catalogue.language == SOURCE_LANGUAGE:
        return text("figure.moving", position=position, frames=list_text(frames))
    return text("figure.moving_count", position=position, count=len(frames))
