"""Problems found in content files, reported all at once as ``path:line: field: message``."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from limber.limits import MAX_PROBLEMS, MAX_PROBLEMS_PER_FILE

MAX_MESSAGE = 400  # characters of one message


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one field of one file."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return escaped(f"{where}: {self.field}: {self.message}")


_UNSAFE = re.compile(r"[^\S ]|[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def escaped(text: str) -> str:
    """Text with every control, line-breaking, invisible or direction character written as an
    escape (``\\n``, ``\\x1b``, ``\\u202e``): a key name in a hostile file can then neither
    clear the terminal nor forge a CI annotation on a line of its own."""

    def escape(match: re.Match[str]) -> str:
        return match.group().encode("unicode_escape").decode("ascii")

    return _UNSAFE.sub(escape, text)


def bounded(problems: Iterable[Problem]) -> list[Problem]:
    """At most ``MAX_PROBLEMS_PER_FILE`` problems per file and ``MAX_PROBLEMS`` in all, each
    message cut to a few lines' length, with a last line per file saying how many were left
    out: a hostile file cannot flood the terminal or the CI log."""
    by_path: dict[str, list[Problem]] = {}
    for problem in sorted(set(problems)):
        by_path.setdefault(problem.path, []).append(problem)
    kept: list[Problem] = []
    for path, found_here in by_path.items():
        for problem in found_here[:MAX_PROBLEMS_PER_FILE]:
            message = problem.message
            if len(message) > MAX_MESSAGE:
                message = message[: MAX_MESSAGE - 3] + "..."
            field = problem.field if len(problem.field) <= 80 else problem.field[:77] + "..."
            kept.append(Problem(path[:300], problem.line, field, message))
        if len(found_here) > MAX_PROBLEMS_PER_FILE:
            more = len(found_here) - MAX_PROBLEMS_PER_FILE
            message = f"{more} more problem{'s' if more != 1 else ''} not shown; fix those listed"
            kept.append(Problem(path[:300], 0, "file", message))
    if len(kept) > MAX_PROBLEMS:
        more = len(kept) - MAX_PROBLEMS
        last = kept[MAX_PROBLEMS - 1]
        kept = kept[: MAX_PROBLEMS - 1]
        kept.append(Problem(last.path, 0, "content", f"{more + 1} more problems not shown"))
    return kept


class ContentError(Exception):
    """Raised once with every problem found, after every file has been read."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"{count} {noun} in Limber content:\n" + "\n".join(map(str, self.problems))
        )


def found(value: Any, depth: int = 0) -> str:
    """A value as the user wrote it, for "found ..." in a message; short, whatever its size."""
    if depth > 2:
        return "..."
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if isinstance(value, int) and value.bit_length() > 50:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        more = ", ..." if len(value) > 6 else ""
        return "[" + ", ".join(found(item, depth + 1) for item in value[:6]) + more + "]"
    if isinstance(value, dict):
        keys = [found(key, depth + 1) if not isinstance(key, str) else key for key in value]
        shown = ", ".join(key if len(key) <= 40 else key[:37] + "..." for key in keys[:6])
        return "a mapping {" + shown + (", ..." if len(keys) > 6 else "") + "}"
    return f"a {type(value).__name__} ({str(value)[:60]})"


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest choice, or nothing when none is near."""
    if not isinstance(word, str):
        return ""
    options = list(choices)
    lowered = {choice.lower(): choice for choice in options}
    near = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean {lowered[near[0]]!r}?)" if near else ""
