"""Generated pages: every page kind renders the hostile fixture with its markup shown as text."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from limber import builder, pages, sheet
from limber.audio.markup import render_audio_block
from limber.figures.model import Figure
from limber.figures.svg import render_svg
from limber.loading import Library, load_library, load_stretches
from limber.model import Routine, RoutineItem, Stretch
from limber.templating import ENVIRONMENT
from limber.wording import plain

from .conftest import FIXTURES, ROOT

SITE = FIXTURES / "site"
RAW = ("<img src=x", "<script>window.__pwned", '<b onmouseover="window', "<em>now</em>", "<i>")


def _link(src_uri: str) -> str:
    return f"../{src_uri.removesuffix('.md')}.html"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(SITE, SITE / "docs")


@pytest.fixture(scope="module")
def hostile(library: Library) -> Stretch:
    # Every free-text field an outsider controls, with markup in it.
    return dataclasses.replace(
        library.stretches["hostile-markup"],
        muscles=("<i>trapezius</i>",),
        author='<i>Eve</i> "the author"',
        source='https://example.org/"><i>x</i>',
        license="<i>CC0</i>",
        aliases=("<i>Hostile alias</i>",),
    )


@pytest.fixture(scope="module")
def routine(library: Library, hostile: Stretch) -> Routine:
    desk = library.routines["desk-break"]
    items = (*desk.items, RoutineItem(hostile, hostile.dose))
    return dataclasses.replace(desk, summary="<i>for</i> & after work", items=items)


def _every_page_kind(library: Library, hostile: Stretch, routine: Routine) -> dict[str, str]:
    stretches = [*library.stretches.values(), hostile]
    outputs = {
        "stretch markdown": pages.render_stretch_markdown(hostile),
        "stretch index markdown": pages.render_stretch_index_markdown(len(stretches)),
        "routine markdown": pages.render_routine_markdown("Move."),
        "routine index": pages.render_routine_index([routine], _link),
        "social preview": pages.social_meta(hostile.name, hostile.summary, "cards/x.png"),
        "builder markdown": builder.render_builder_markdown(len(stretches)),
        "customise link": builder.customise_link(routine, _link),
        "audio block": render_audio_block(routine, _link, 400.0, cards=True),
        "figure": render_svg(Figure("side", "all-fours"), hostile.name, hostile.areas),
        "figure thumbnail": render_svg(None, hostile.name, hostile.areas, thumbnail=True),
    }
    blocks = {
        "stretch": pages.render_stretch_blocks(hostile, _link, card=True),
        "stretch late": pages.render_stretch_late_blocks(hostile),
        "stretch index": pages.render_stretch_index_blocks(stretches, _link),
        "routine": pages.render_routine_blocks(routine, _link, cards=True, url="https://x.org/r"),
        "routine late": pages.render_routine_late_blocks(routine),
        "builder": builder.render_builder_blocks(stretches, _link, url="https://x.org/b"),
    }
    for kind, named in blocks.items():
        outputs |= {f"{kind} {name}": html for name, html in named.items()}
    return outputs


def test_every_page_kind_shows_hostile_front_matter_as_text(
    library: Library, hostile: Stretch, routine: Routine
) -> None:
    outputs = _every_page_kind(library, hostile, routine)
    for where, html in outputs.items():
        for raw in RAW:
            assert raw not in html, f"{where}: {raw}"
    everything = "\n".join(outputs.values())
    assert "&lt;img src=x onerror=" in outputs["stretch top"]
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt;" in outputs["stretch top"]
    assert "&lt;b onmouseover=" in outputs["stretch foot"]
    assert "Written by &lt;i&gt;Eve&lt;/i&gt;" in outputs["stretch foot"]
    assert 'href="https://example.org/&#34;&gt;&lt;i&gt;x&lt;/i&gt;"' in outputs["stretch foot"]
    assert "Desk break &lt;em&gt;now&lt;/em&gt;" in outputs["routine top"]
    assert "&lt;i&gt;for&lt;/i&gt; &amp; after work" in outputs["routine index"]
    assert "&lt;i&gt;trapezius&lt;/i&gt;" in outputs["stretch top"]
    assert "Also called: &lt;i&gt;Hostile alias&lt;/i&gt;" in outputs["stretch top"]
    # The timer's plan is JSON inside a script element: no way out of the element.
    assert "</script><script>" not in outputs["stretch late timer"]
    assert "\\u003cimg src=x" in outputs["stretch late timer"]
    assert "&lt;img src=x onerror=" in outputs["builder builder"]  # the library
    assert "\\u003cimg src=x" in outputs["builder builder"]  # the page data
    # The figure's alt text names the stretch; the audio block's settings carry the title.
    assert 'aria-label="Side view of &lt;img src=x onerror=&#34;' in outputs["figure"]
    assert 'aria-label="No picture of &lt;img src=x' in outputs["stretch late figure"]
    assert 'aria-label="No picture of &lt;img src=x' in outputs["figure thumbnail"]
    assert '"title":"Desk break \\u003cem\\u003enow\\u003c/em\\u003e"' in outputs["audio block"]
    assert everything.count("Hostile") >= 10


def test_front_matter_of_a_generated_page_is_escaped_yaml(hostile: Stretch) -> None:
    header = pages.render_stretch_markdown(hostile).split("---")[1]
    assert 'title: "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;Hostile' in header


def test_the_environment_escapes_by_default() -> None:
    template = ENVIRONMENT.from_string("<p>{{ text }}</p>")
    assert template.render(text="<b>&</b>") == "<p>&lt;b&gt;&amp;&lt;/b&gt;</p>"
    assert ENVIRONMENT.autoescape is True


PACKAGE = ROOT / "hooks" / "limber"
# Where a tag may be written in Python: the escaping helpers and the environment themselves.
MARKUP_MAKERS = ("html.py", "templating.py")
MODULES = sorted(path for path in PACKAGE.rglob("*.py") if path.name not in MARKUP_MAKERS)
TAG = re.compile(r"<[A-Za-z/!]")
# Contributors' messages name a placeholder in angle brackets ("stretch: <slug>"): plain text.
NOT_TAGS = ("<slug>", "<language>")  # placeholders in messages to contributors


def _formatted_markup(source: str) -> list[str]:
    """Every f-string, ``+``, ``%``, ``format`` or ``join`` in ``source`` that writes a tag."""
    formatted = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.JoinedStr)
        or (isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)))
        or (isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("format", "join"))
    ]
    # Markup(...).format escapes what it is given: that is how a template would do it.
    formatted = [node for node in formatted if not ast.unparse(node).startswith("Markup(")]
    return [
        ast.unparse(node)
        for node in formatted
        if any(
            isinstance(part, ast.Constant)
            and isinstance(part.value, str)
            and TAG.search(re.sub("|".join(map(re.escape, NOT_TAGS)), "", part.value))
            for part in ast.walk(node)
        )
    ]


def test_the_markup_guard_catches_a_formatted_tag() -> None:
    assert _formatted_markup('html = f"<p>{name}</p>"') == ["f'<p>{name}</p>'"]
    assert _formatted_markup('html = "<svg>" + body') == ["'<svg>' + body"]
    assert _formatted_markup('"<g>{}</g>".format(x)') == ["'<g>{}</g>'.format(x)"]
    assert _formatted_markup('Markup("<b>{}</b>").format(x)') == []
    assert _formatted_markup('text.replace("<", "\\u003c") + ";"') == []  # not a tag


@pytest.mark.parametrize("module", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_module_builds_markup_from_strings(module: Path) -> None:
    """Markup lives in the templates: no f-string or format call in the package writes a tag."""
    tags = _formatted_markup(module.read_text(encoding="utf-8"))
    assert not tags, f"{module.name} formats markup: {tags}"


def test_a_sheet_row_holds_whole_steps_the_cue_first_then_more() -> None:
    stretches, _ = load_stretches(ROOT)
    for stretch in stretches.values():
        cue, more, _ = sheet.sheet_steps(stretch)
        steps = [sheet._sentence(plain(step)) for step in stretch.steps]
        assert cue.startswith(steps[0]) and len(f"{cue} {more}") <= max(
            sheet.MORE_LIMIT, len(steps[0])
        )
        shown = f"{cue} {more}".strip()
        assert " ".join(steps).startswith(shown), stretch.slug  # whole steps, in order
    many = max(stretches.values(), key=lambda s: len(s.steps))
    assert sheet.sheet_steps(many).more  # a stretch of many steps has more than its cue


def test_every_size_a_sheet_may_print_in_has_its_print_style() -> None:
    """The rule chooses a size; the print style draws it (a size without one would print at
    the base size while the rule counted on more room)."""
    css = (PACKAGE / "assets" / "limber.css").read_text(encoding="utf-8")
    for points in sheet.LARGER_POINTS:
        rule = f".limber-routine.limber-sheet-{points}pt) {{ --limber-sheet-scale: "
        assert f"{rule}{points / sheet.BASE_POINTS:g}; }}" in css, points


def test_only_a_sheet_with_room_carries_their_next_steps() -> None:
    """The next steps are printed on a sheet with room for them on one page; a longer routine's
    page does not carry them hidden (search would index them, and every page would be heavier)."""
    routine = max(load_library(ROOT, ROOT / "docs").routines.values(), key=lambda r: len(r.items))
    assert not sheet.sheet_room([item.stretch for item in routine.items]).more
    long_list = pages.render_routine_blocks(routine, _link)["list"]
    assert "limber-more-steps" not in long_list and "limber-few" not in long_list
    assert '<ol class="limber-routine">' in long_list  # in the sheet's own size
    short = dataclasses.replace(routine, items=routine.items[:3])  # a physiotherapist's three
    short_list = pages.render_routine_blocks(short, _link)["list"]
    room = sheet.sheet_room([item.stretch for item in short.items])
    assert room.more and room.points > sheet.BASE_POINTS  # it prints larger, for the wall
    assert f'class="limber-routine limber-few limber-sheet-{room.points}pt"' in short_list
    assert short_list.count("limber-more-steps") == sum(
        1 for item in short.items if sheet.sheet_steps(item.stretch).more
    )
