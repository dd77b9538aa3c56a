"""Atomic writes and backups: nothing half-written, nothing lost, outputs readable by colleagues."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from crossdept.write.atomic import BACKUP_DIR, backup, write_atomic, write_bytes_atomic


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "周报 汇总.xlsx"
    target.write_bytes(b"old")

    def explode(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, explode)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["周报 汇总.xlsx"]


def test_new_file_gets_the_usual_mode_and_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        fresh = write_bytes_atomic(tmp_path / "new.txt", b"x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_bytes(b"a")
        kept.chmod(0o640)
        write_bytes_atomic(kept, b"b")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_bytes() == b"b"
    finally:
        os.umask(umask)


def test_backup_is_a_copy_in_the_hidden_folder(tmp_path: Path) -> None:
    book = tmp_path / "研发部.xlsx"
    book.write_bytes(b"content")
    first, second = backup(book), backup(book)
    assert first.parent == second.parent == tmp_path / BACKUP_DIR
    assert first != second and first.read_bytes() == second.read_bytes() == b"content"
    assert first.name.startswith("研发部-") and first.suffix == ".xlsx"
