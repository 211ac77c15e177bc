"""Building into a fresh folder beside ``site/`` and moving it into place only when all went well.

MkDocs empties ``site/`` before it writes. Any failure after that (a strict-mode warning, a broken
link, an exception, Ctrl-C) used to leave the site emptied or half-written. Instead the build
writes into ``.site.building-XXXX`` (a unique name, so two builds at once never share it), and only
a finished build is swapped in: the old site is renamed away, the new one renamed in, the old one
deleted. On failure the temporary folder is removed and ``site/`` is exactly as it was.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import tempfile
from pathlib import Path

ATTEMPTS = 50


def fresh_folder(final: Path) -> Path:
    """A new, empty folder beside ``final`` (same file system, so the swap is a rename)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{final.name}.building-", dir=final.parent))
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)  # as a folder MkDocs made would be, not mkdtemp's 0700
    return folder


def swap_into_place(new: Path, final: Path) -> None:
    """Make ``new`` the folder at ``final``; the previous one is deleted afterwards.

    Another build may swap its own site in at the same moment: then the rename finds ``final``
    taken again and the swap is tried anew (the last build to finish wins, whole).
    """
    olds: list[Path] = []
    try:
        for _ in range(ATTEMPTS):
            old = final.with_name(f".{final.name}.old-{secrets.token_hex(6)}")
            try:
                os.rename(final, old)
                olds.append(old)
            except FileNotFoundError:
                pass
            try:
                os.rename(new, final)
                return
            except OSError as error:
                if error.errno not in (errno.ENOTEMPTY, errno.EEXIST, errno.EISDIR):
                    raise
        raise OSError(f"could not move the new site into {final}: another build kept it")
    finally:
        for old in olds:
            shutil.rmtree(old, ignore_errors=True)


def discard(folder: Path | None) -> None:
    """Remove an unfinished build's folder, if it is still there."""
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
