"""Content rules beyond the field types: what a reader must never see, and advice on style.

Two kinds of finding. Problems fail ``limber check`` and the build: text left from the
``limber new`` template (an example summary or step published as if it were the stretch), and
treatment claims ("cures", "fixes", "treats" a condition), which promise more than gentle
self-care can. Advice is shown by ``limber check`` only and never fails a build: a stretch with
no cautions, and steps that are not a numbered list (the card and the routine sheet show only
the first numbered list).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

import yaml

from limber.model import Stretch
from limber.problems import Problem

# Words that claim to treat a condition. Imperatives such as "fix your gaze" or "treat your
# knees kindly" are fine; what a stretch cures, fixes or treats is not.
CLAIM = re.compile(r"\b(cure[sd]?|curing|fixes|treats|treating)\b", re.IGNORECASE)
CLAIM_FIELDS = ("name", "summary", "aliases", "cautions", "muscles")
_COMMENTED_FIELD = re.compile(r"^# ([a-z]+): (.*?)  # ")
_LIST_MARK = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s+")


@functools.cache
def template_texts() -> tuple[tuple[str, str], ...]:
    """Every example sentence ``limber new`` writes, with the field it sits in: read from the
    template itself, so the check follows the template when it changes."""
    from limber import cli  # the command module renders the template; imported late (cycle)

    lines = cli.render_template("Example").splitlines()
    end = lines.index("---", 1)
    data = yaml.safe_load("\n".join(lines[1:end])) or {}
    for line in lines[1:end]:  # the optional fields, commented out in the template
        commented = _COMMENTED_FIELD.match(line)
        if commented:
            data.setdefault(commented.group(1), yaml.safe_load(commented.group(2)))
    texts = [(key, text) for key, text in _fields(data) if key != "name" and len(text) > 12]
    for line in lines[end + 1 :]:
        text = _LIST_MARK.sub("", line).strip()
        if len(text) > 12:
            texts.append(("body", text))
    return tuple(texts)


def _fields(data: Mapping[str, object]) -> Iterable[tuple[str, str]]:
    """Every text of the front-matter, a list's items one by one, with its key."""
    for key, value in data.items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                yield str(key), text


def check_text(
    path: str, data: Mapping[str, object], lines: Mapping[str, int], body: str, body_line: int
) -> list[Problem]:
    """Template text left in, and treatment claims, in a stretch's front-matter and body."""
    problems: list[Problem] = []
    fields = list(_fields(data))
    body_lines = body.splitlines()

    def body_at(needle: str) -> int:
        return body_line + next((i for i, line in enumerate(body_lines) if needle in line), 0)

    for key, example in template_texts():
        if key == "body":
            if example in body:
                message = (
                    f"found the template's example step {example!r}; allowed: your own steps "
                    "(replace the example text from limber new)"
                )
                problems.append(Problem(path, body_at(example), "body", message))
            continue
        if any(field == key and text.strip() == example for field, text in fields):
            message = (
                f"found the template's example {example!r}; allowed: your own words "
                "(replace the example text from limber new)"
            )
            problems.append(Problem(path, lines.get(key, 1), key, message))
    claim_message = (
        "allowed: words of gentle self-care: say what the reader may feel, not what the "
        "stretch cures, fixes or treats (see the content rules in the contributor guide)"
    )
    for key, text in fields:
        if key in CLAIM_FIELDS:
            for match in CLAIM.finditer(text):
                found = f"found the treatment claim {match.group(0)!r} in {_quote(text, match)}"
                problems.append(Problem(path, lines.get(key, 1), key, f"{found}; {claim_message}"))
    for number, line in enumerate(body_lines):
        for match in CLAIM.finditer(line):
            found = f"found the treatment claim {match.group(0)!r} in {_quote(line, match)}"
            problems.append(Problem(path, body_line + number, "body", f"{found}; {claim_message}"))
    return problems


def _quote(text: str, match: re.Match[str]) -> str:
    """A few words either side of a match, quoted, so the message shows where it is."""
    start = text.rfind(" ", 0, max(match.start() - 30, 0)) + 1
    end = text.find(" ", match.end() + 30)
    end = len(text) if end == -1 else end
    words = text[start:end].strip()
    return repr(("..." if start else "") + words + ("..." if end < len(text) else ""))


def advice(stretch: Stretch) -> list[Problem]:
    """Style advice for one stretch, shown by ``limber check`` and never failing a build."""
    found: list[Problem] = []
    if not stretch.cautions:
        found.append(
            Problem(
                stretch.path,
                0,
                "cautions",
                "found none; advised: one or two short warnings (what to avoid, when to stop)",
            )
        )
    if stretch.figure is None:
        found.append(
            Problem(
                stretch.path,
                0,
                "figure",
                "found none; advised: a figure (see 'A picture of the stretch' on the Add a "
                "stretch page); until then the page, the card and the lists show a placeholder",
            )
        )
    if not stretch.steps:
        found.append(
            Problem(
                stretch.path,
                0,
                "body",
                "found no numbered list of steps; advised: steps as '1. ...', '2. ...' lines, "
                "which the card and the routine sheet show",
            )
        )
    return found
