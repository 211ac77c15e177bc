"""How big contributed content may be, and which characters it may hold, in one place.

Everything a pull request writes is untrusted. These bounds are checked before anything is built,
so a hostile file costs a few milliseconds and one clear message, never minutes, memory or a
half-written site. docs/security.md shows this table (generated from these names).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_FILE_BYTES = 32_000  # one stretch or routine file
MAX_DOCS_FILE_BYTES = 5_000_000  # any other file in docs/ (images included)
MAX_TEXT = 200  # a text field without a tighter limit of its own (a caution, a tag)
MAX_SHORT_TEXT = 60  # an item of a short list (a muscle)
MAX_LIST_ITEMS = 12  # cautions, muscles, tags
MAX_ROUTINE_ITEMS = 30  # stretches in one routine
MAX_SECONDS = 600  # one hold, or the rest between stretches
MAX_BREATHS = 100
MAX_REPS = 50
MAX_NUMBER_CHARS = 15  # how a number may be written in YAML, sign and digits included
MAX_YAML_DEPTH = 8  # nesting of lists and mappings in front-matter
MAX_KEYFRAMES = 8
# A body's Markdown is parsed in a time that grows with the square of these: each "[" or "<" is
# matched by reading on to the end of its paragraph (32 KB of "[" took over two minutes), each
# code fence that is not closed by reading on to the end of the body.
MAX_BODY_MARKS = 100  # of each mark in _MARK_HINTS, in one body
MAX_PARAGRAPH = 2_000  # characters between two blank lines of a body
MAX_PROBLEMS_PER_FILE = 20  # reported per file; the rest are counted
MAX_PROBLEMS = 200  # reported in all

COUNT_MAXIMUM = {"seconds": MAX_SECONDS, "breaths": MAX_BREATHS, "repetitions": MAX_REPS}

# Names a keyframe may have: they become CSS animation names in the figure.
KEYFRAME_NAME = re.compile(r"^[a-z][a-z0-9-]{0,23}$")

# Characters that change how text around them is shown: they can make a name read backwards or
# hide words. Refused in every content file, front-matter and body alike.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = "\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\u2028\u2029"
_BAD = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + _BIDI + _INVISIBLE + "]"
)  # tab, line feed and carriage return are fine in a file
_BAD_IN_LINE = re.compile("[\t\n\r]")


def _describe(char: str) -> str:
    name = unicodedata.name(char, "control character")
    return f"U+{ord(char):04X} ({name.lower()})"


def bad_character(text: str, *, one_line: bool = False) -> tuple[int, str] | None:
    """The position and description of the first character content may not hold, if any.

    Control characters, direction overrides and invisible separators are refused: they can make
    text display other than it reads, or break the terminal and the CI annotations it is shown in.
    """
    match = _BAD.search(text) or (_BAD_IN_LINE.search(text) if one_line else None)
    if match is None:
        return None
    return match.start(), _describe(match.group())


_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_MARK_HINTS = {
    "[": "each link or image uses one",
    "<": "each HTML tag or <https://...> link uses one; write &lt; for a less-than sign in text",
    "```": "a fence of code uses two",
    "~~~": "a fence of code uses two",
}


def body_problem(body: str, *, paragraphs: bool = True) -> tuple[int, str] | None:
    """The line (counted from 0 within ``body``) and message of the first bound the body
    breaks, if any: more than ``MAX_PARAGRAPH`` characters without a blank line (unless not
    ``paragraphs``), or more than ``MAX_BODY_MARKS`` of a mark that Markdown matches by reading
    ahead. Checked before the body is parsed."""
    start = 0
    for blank in (*_BLANK_LINES.finditer(body), None) if paragraphs else ():
        end = blank.start() if blank else len(body)
        if end - start > MAX_PARAGRAPH:
            return body.count("\n", 0, start), (
                f"found {end - start:,} characters without a blank line (a paragraph, list or "
                f"table); allowed: at most {MAX_PARAGRAPH:,} (put blank lines between paragraphs "
                "or list items)"
            )
        start = blank.end() if blank else end
    for mark, hint in _MARK_HINTS.items():
        if (count := body.count(mark)) > MAX_BODY_MARKS:
            over = -len(mark)
            for _ in range(MAX_BODY_MARKS + 1):
                over = body.index(mark, over + len(mark))
            return body.count("\n", 0, over), (
                f"found {count:,} '{mark}' in the body; allowed: at most {MAX_BODY_MARKS} ({hint})"
            )
    return None


ALLOWED_CHARACTERS = "text without control characters, direction overrides or invisible separators"


def normalized(text: str) -> str:
    """Text in Unicode NFC, so that names that look the same compare the same."""
    return unicodedata.normalize("NFC", text)


def table() -> list[tuple[str, str]]:
    """The limits as rows for the maintainers' page (Markdown): what, and how much."""
    return [
        ("A stretch or routine file", f"{MAX_FILE_BYTES:,} bytes"),
        ("Any other file in docs/", f"{MAX_DOCS_FILE_BYTES:,} bytes"),
        ("A text field with no limit of its own (a caution, a tag)", f"{MAX_TEXT} characters"),
        ("A muscle name", f"{MAX_SHORT_TEXT} characters"),
        ("Cautions, muscles or tags", f"{MAX_LIST_ITEMS} items"),
        ("Stretches in a routine", f"{MAX_ROUTINE_ITEMS}"),
        ("A hold, or the rest between stretches", f"{MAX_SECONDS} seconds"),
        ("Breaths", f"{MAX_BREATHS}"),
        ("Repetitions", f"{MAX_REPS}"),
        ("A number as written", f"{MAX_NUMBER_CHARS} characters"),
        ("Nesting of lists and mappings in front-matter", f"{MAX_YAML_DEPTH} levels"),
        (
            "A body's text without a blank line (a paragraph, list or table; not in a translated "
            "page)",
            f"{MAX_PARAGRAPH:,} characters",
        ),
        (f"{_either(_MARK_HINTS)} in a body, each", f"{MAX_BODY_MARKS}"),
        ("Keyframes of a figure", f"{MAX_KEYFRAMES}, named a-z, 0-9 and hyphens"),
        ("YAML anchors and aliases", "none"),
        ("Problems reported", f"{MAX_PROBLEMS_PER_FILE} per file, {MAX_PROBLEMS} in all"),
    ]


def _either(marks: Iterable[str]) -> str:
    """Marks as Markdown code, "`[`, `<` or ...": a fence of one backtick more than a mark has."""
    quoted = []
    for mark in marks:
        fence = "`" * (max(len(run) for run in re.findall("`*", mark)) + 1)
        space = " " if "`" in mark else ""
        quoted.append(f"{fence}{space}{mark}{space}{fence}")
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


LIMITS_MARKER = "<!-- limber:limits -->"


def render_table() -> str:
    """The limits as a Markdown table, for docs/security.md (filled in at build time)."""
    lines = ["| What | At most |", "| --- | --- |"]
    lines += [f"| {what} | {much} |" for what, much in table()]
    return "\n".join(lines)
