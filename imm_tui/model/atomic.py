"""Atomic file replacement: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, backup: bool = True) -> None:
    """Write `data` to `path` through a temp file in the same folder, fsync, and `os.replace`.

    With `backup`, the previous version is kept as `<name>.bak` (itself replaced atomically).
    """
    folder = path.parent
    if backup and path.exists():
        fd, bak_tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".bak.tmp", dir=folder)
        os.close(fd)
        try:
            shutil.copy2(path, bak_tmp)
            os.replace(bak_tmp, path.with_name(path.name + ".bak"))
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(bak_tmp)
            raise
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, harmless where it is not.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
