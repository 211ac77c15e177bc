"""Reading only regular files inside the repository, and never more than a bound.

A pull request can add a symbolic link (to ``/dev/zero``, to ``/proc/self/environ``), a named
pipe or a device under ``stretches/`` or ``docs/``. Reading one could hang the build, exhaust
memory or publish a file from outside the repository, so such entries are refused before
anything is read, and content files are opened without following links.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from limber.limits import MAX_DOCS_FILE_BYTES
from limber.problems import Problem


class Refused(Exception):
    """A file that is not read: the message says what was found and what is allowed."""


ALLOWED = "allowed: a regular file in the repository (no links, pipes or devices)"


def kind(mode: int) -> str:
    """What a file system entry is, in words, from its ``lstat`` mode."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def read_regular(file: Path, limit: int) -> bytes:
    """The bytes of ``file`` if it is a regular file of at most ``limit`` bytes.

    The entry is checked with ``lstat``, then opened without following links and without
    blocking (a pipe swapped in between the two still cannot hang the build), checked again on
    the open descriptor, and read no further than the limit.
    """
    try:
        mode = os.lstat(file).st_mode
    except OSError as error:
        raise Refused(f"cannot be read ({error.strerror})") from None
    if not stat.S_ISREG(mode):
        raise Refused(f"found {kind(mode)}; {ALLOWED}")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(file, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise Refused(f"cannot be read ({error.strerror}); {ALLOWED}") from None
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise Refused(f"found {kind(mode)}; {ALLOWED}")
        data = handle.read(limit + 1)
    if len(data) > limit:
        size = os.path.getsize(file)
        raise Refused(f"found {size:,} bytes; allowed: at most {limit:,} bytes")
    return data


def shown(path: Path, root: Path) -> str:
    """``path`` as messages name it: relative to the repository, without resolving links."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def check_tree(folder: Path, root: Path, limit: int = MAX_DOCS_FILE_BYTES) -> list[Problem]:
    """A problem for every entry under ``folder`` that is not a regular file or folder, or is
    larger than ``limit``; links are reported, never followed."""
    problems: list[Problem] = []
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        return []
    if not stat.S_ISDIR(mode):
        return [Problem(shown(folder, root), 0, "file", f"found {kind(mode)}; allowed: a folder")]
    for top, folders, names in os.walk(folder, followlinks=False):
        for name in sorted([*folders, *names]):
            entry = Path(top) / name
            try:
                info = os.lstat(entry)
            except OSError:
                continue
            if stat.S_ISDIR(info.st_mode):
                continue
            if not stat.S_ISREG(info.st_mode):
                message = f"found {kind(info.st_mode)}; {ALLOWED}"
                problems.append(Problem(shown(entry, root), 0, "file", message))
            elif info.st_size > limit:
                message = f"found {info.st_size:,} bytes; allowed: at most {limit:,} bytes"
                problems.append(Problem(shown(entry, root), 0, "file", message))
    return problems
