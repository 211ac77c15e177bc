"""Problems found in content files, reported all at once as ``path:line: field: message``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one field of one file."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}"


class ContentError(Exception):
    """Raised once with every problem found, after every file has been read."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"{count} {noun} in Limber content:\n" + "\n".join(map(str, self.problems))
        )


def found(value: Any) -> str:
    """A value as the user wrote it, for "found ..." in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        more = ", ..." if len(value) > 6 else ""
        return "[" + ", ".join(found(item) for item in value[:6]) + more + "]"
    if isinstance(value, dict):
        return "a mapping {" + ", ".join(str(key) for key in value) + "}"
    return f"a {type(value).__name__} ({value})"


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest choice, or nothing when none is near."""
    if not isinstance(word, str):
        return ""
    options = list(choices)
    lowered = {choice.lower(): choice for choice in options}
    near = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean {lowered[near[0]]!r}?)" if near else ""
