"""Writing files so that nothing is ever half-written or lost.

Every output goes to a temporary file in the destination folder and is moved into place with
os.replace, which is atomic on one file system: a crash or Ctrl-C leaves either the old file
or the new one, never a torn one. Writing over a user's workbook first copies it to a backup,
itself written the same way, so a full disk never leaves a truncated copy under a backup's name.

The temporary file is named `.~tmp-NAME-XXXX` after its target. A run killed with kill -9 cannot
remove it; the next write of the same target does (that write holds the target, so no other
crossdept run is using the leftover). A path that is a symbolic link is written through to the
file it points to: the link stays, and the real workbook gets the content.
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


TMP_PREFIX = ".~tmp-"


def _tmp_prefix(target: Path) -> str:
    return f"{TMP_PREFIX}{target.stem}-"


def clean_leftovers(target: Path) -> list[Path]:
    """Remove the temporary files an interrupted write of `target` left beside it."""
    removed = []
    # mkstemp's random part is 8 characters: matching exactly 8 leaves the temporary files of
    # "NAME-other.xlsx" alone.
    for leftover in target.parent.glob(glob_escape(_tmp_prefix(target)) + "?" * 8 + glob_escape(target.suffix)):
        try:
            leftover.unlink()
            removed.append(leftover)
        except OSError:
            pass
    return removed


def glob_escape(text: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in text)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path to write to; moved onto `target` only when the block succeeds."""
    target = Path(os.path.realpath(target)) if Path(target).is_symlink() else Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(target)
    fd, tmp_name = tempfile.mkstemp(prefix=_tmp_prefix(target), suffix=target.suffix, dir=target.parent)
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
    write_atomic(dest, lambda tmp: shutil.copy2(path, tmp))
    return dest
