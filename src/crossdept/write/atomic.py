"""Writing files so that nothing is ever half-written or lost.

Every output goes to a temporary file in the destination folder and is moved into place with
os.replace, which is atomic on one file system: a crash or Ctrl-C leaves either the old file
or the new one, never a torn one. Writing over a user's workbook first copies it to a backup.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from crossdept.today import now as shanghai_now

# Backups sit beside the workbook in a hidden folder, so that a roll-up of the folder skips them.
BACKUP_DIR = ".crossdept-backup"


def _mode_for(target: Path) -> int:
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path to write to; moved onto `target` only when the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".~tmp-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); give it the mode a plain open() would have,
        # or keep the mode of the file it replaces, so colleagues can still open the output.
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_atomic(target: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp_path)` and move the result onto `target` atomically."""
    with atomic_path(target) as tmp:
        write(tmp)
    return Path(target)


def write_bytes_atomic(target: Path, data: bytes) -> Path:
    return write_atomic(target, lambda tmp: tmp.write_bytes(data))


def write_text_atomic(target: Path, text: str) -> Path:
    return write_atomic(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def backup(path: Path, now: dt.datetime | None = None) -> Path:
    """Copy `path` to .crossdept-backup/NAME-YYYYmmdd-HHMMSS.ext beside it; returns the copy."""
    path = Path(path)
    stamp = (now or shanghai_now()).strftime("%Y%m%d-%H%M%S")
    folder = path.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    dest = folder / f"{path.stem}-{stamp}{path.suffix}"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{path.stem}-{stamp}-{n}{path.suffix}"
    shutil.copy2(path, dest)
    return dest
