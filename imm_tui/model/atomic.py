"""The files IMM writes: replaced atomically (a reader sees the old file or the new one, never half of
either) and private to their owner (files 0600, folders IMM creates 0700), since they hold personal data."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def private_folder(path: Path) -> Path:
    """`mkdir -p path`, every folder it creates owner-only; folders that exist are left as their owner made them."""
    missing: list[Path] = []
    folder = path
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for created in reversed(missing):
        with contextlib.suppress(FileExistsError):
            created.mkdir(mode=PRIVATE_FOLDER)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty and owner-only unless it exists; an existing one readable by others is made owner-only."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    except FileExistsError:
        tighten(path)
    return path


def tighten(path: Path) -> None:
    """Take group and other permissions off a file IMM keeps (where the file system lets us)."""
    try:
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            path.chmod(mode & 0o700)
    except OSError:
        pass  # not ours, or a read-only file system: reading still works


def append_private(path: Path, text: str) -> None:
    """Append to a log kept owner-only."""
    private_folder(path.parent)
    fd = os.open(path, os.O_APPEND | os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(text)
    tighten(path)


def write_atomic(path: Path, data: bytes, *, backup: bool = True) -> None:
    """Write `data` to `path` through a temp file in the same folder, fsync, and `os.replace`.

    With `backup`, the previous version is kept as `<name>.bak` (itself replaced atomically). Both are
    owner-only (0600) whatever the old file's mode was: what IMM writes holds personal data.
    """
    folder = path.parent
    if backup and path.exists():
        fd, bak_tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".bak.tmp", dir=folder)
        os.close(fd)
        try:
            shutil.copyfile(path, bak_tmp)  # into the 0600 temp file; copy2 would copy the old mode too
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
        os.replace(tmp, path)  # mkstemp made it 0600
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
