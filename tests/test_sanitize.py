"""The body sanitizer: what survives, what is removed, and what ``limber check`` says about it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.config.defaults import MkDocsConfig

from limber import cli, pages, sanitize

from .conftest import FIXTURES, ROOT, make_site

INERT = FIXTURES / "hostile" / "inert"


def test_the_audit_renders_bodies_with_the_sites_markdown_extensions() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    always = MkDocsConfig.markdown_extensions.builtins  # MkDocs adds these to every site's
    assert tuple(dict.fromkeys([*always, *names])) == sanitize.EXTENSIONS


def test_a_tables_alignment_and_a_code_blocks_language_pass_without_a_word() -> None:
    body = "| Side | Seconds |\n|:---|---:|\n| left | 30 |\n\n```text\nbreathe in\n```\n"
    cleaned = sanitize.clean(sanitize.render(body))
    assert '<th style="text-align: right;">Seconds</th>' in cleaned
    assert '<td style="text-align: left;">left</td>' in cleaned
    assert "<pre><code>breathe in" in cleaned  # the language's class goes: no code is coloured
    assert list(sanitize.audit(body + "{ }")) == []  # the brace has the audit render the body


def test_stretch_text_survives() -> None:
    body = (
        "1. Sit **tall**, *slowly*.\n2. See [the safety notes](../safety.html), "
        "[a source](https://example.org/a) and [below](#tips).\n\n## Tips\n\n"
        '!!! warning "Careful"\n    Go gently.\n\n'
        '<details class="note"><summary>More</summary>Easier version.</details>\n\n'
        "| Side | Hold |\n|---|---|\n\n<table><tr><th>Side</th><td>Left</td></tr></table>\n\n"
        "![Figure](../assets/images/favicon.svg)"
    )
    html = sanitize.render(body)
    assert list(sanitize.audit(body)) == []
    cleaned = sanitize.clean(html)
    for kept in (
        "<strong>tall</strong>", "<em>slowly</em>", 'href="../safety.html"',
        'href="https://example.org/a"', 'href="#tips"', '<h2 id="tips">',
        'class="headerlink"', 'class="admonition warning"', 'class="admonition-title"',
        '<details class="note">', "<th>Side</th>", 'src="../assets/images/favicon.svg"',
    ):  # fmt: skip
        assert kept in cleaned, kept


@pytest.mark.parametrize(
    ("body", "gone", "message"),
    [
        ("<script>window.__pwned=1</script>", "__pwned", "found <script>, which would be removed"),
        ('<img src="x.png" onerror="window.__pwned=1">', "onerror", "attribute onerror on <img>"),
        ('Text\n{: onclick="window.__pwned=1" }', "onclick", "attribute onclick on <p>"),
        ("[x](javascript:window.__pwned=1)", "javascript", "found a link to 'javascript:"),
        ('<a href="java&#x0A;script:alert(1)">x</a>', "script:", "found a link to"),
        ('<iframe src="https://example.org"></iframe>', "iframe", "found <iframe>"),
        ('<form action="https://example.org"><input></form>', "form", "found <form>"),
        ("<style>.limber-safety{display:none}</style>", "display", "found <style>"),
        ('<p style="display:none">x</p>', "style", "attribute style on <p>"),
        ('<td style="text-align: left; color: red">x</td>', "color", "the style 'text-align"),
        ('<td style="background: url(https://example.org/x)">x</td>', "url", "found the style"),
        ('```{ .py onclick="window.__pwned=1" }\nx\n```', "onclick", "attribute onclick on <code>"),
        ("```{ .py .limber-safety }\nx\n```", "limber-safety", "class 'limber-safety' on <pre>"),
        ("Text\n{: .limber-safety }", "limber-safety", "the class 'limber-safety' on <p>"),
        ("Text\n{: hidden }", "hidden", "attribute hidden on <p>"),
        ("## Title {: #__drawer }", 'id="__drawer"', "found the id '__drawer'"),
        ("![x](https://example.org/pixel.png)", "example.org", "found an image from"),
        ("<svg onload=alert(1)></svg>", "svg", "found <svg>"),
        ("!!! limber-safety\n    Covered.", "limber-safety", "class 'limber-safety' on <div>"),
    ],
)
def test_each_vector_is_removed_and_reported(body: str, gone: str, message: str) -> None:
    cleaned = sanitize.clean(sanitize.render(body))
    assert gone not in cleaned
    messages = [text for _, text in sanitize.audit(body)]
    assert any(message in text for text in messages), messages


def test_placeholders_in_a_body_are_never_honoured() -> None:
    assert pages.marker("foot") not in "<!--limber:foot-->"
    forged = "<p>a</p><!--limber:foot-->"
    html = f"{pages.marker('body')}{forged}{pages.marker('end')}{pages.marker('foot')}"
    cleaned = pages.clean_body(html)
    assert "limber:foot-->" not in cleaned.replace(pages.marker("foot"), "")
    assert pages.fill(cleaned, {"foot": "SAFETY"}).endswith("<p>a</p>SAFETY")


def test_an_unclosed_body_closes_before_the_safety_note() -> None:
    html = f"{pages.marker('body')}<details><div>x{pages.marker('end')}{pages.marker('foot')}"
    cleaned = pages.fill(pages.clean_body(html), {"foot": "<aside>safety</aside>"})
    assert cleaned.endswith("</div></details><aside>safety</aside>")


def test_a_body_that_hides_the_end_marker_is_an_error() -> None:
    with pytest.raises(pages.BodyError):
        pages.clean_body(f"{pages.marker('body')}<p>x</p>")


def test_check_names_the_file_line_and_what_is_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site")
    shutil.copy(INERT / "stretches" / "raw-script.md", site / "stretches")
    assert cli.main(["--root", str(site), "check"]) == 1
    problems = [line for line in capsys.readouterr().out.splitlines() if ": advice: " not in line]
    assert problems == [
        "stretches/raw-script.md:15: body: found <script>, which would be removed with its "
        "content; allowed: Markdown, and HTML from the list in docs/security.md"
    ]
