"""Shared test helpers: where ../shared is, and a quick way to write a real .xlsx to read back."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PEER_DIR = SHARED / "peer-workbooks" / "calamine"


def peer_files() -> list[Path]:
    """Every hostile peer workbook; empty on a user's clone, where ../shared is absent."""
    if not PEER_DIR.is_dir():
        return []
    return sorted(p for p in PEER_DIR.iterdir() if p.is_file() and p.suffix.lower() != ".md")


@pytest.fixture
def peers() -> list[Path]:
    files = peer_files()
    if not files:
        pytest.skip("../shared/peer-workbooks is not beside this clone (CI has it; a user's clone does not)")
    return files


def write_xlsx(path: Path, sheets: dict[str, Iterable[Iterable[object]]]) -> Path:
    """A real workbook written by openpyxl: {sheet name: rows}, rows starting at A1."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    wb.save(path)
    return path


@pytest.fixture
def spawned_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """read/pool.py's workers started afresh (spawn), as on Windows and macOS, instead of forked:
    everything sent to them must pickle, and they hash text with a seed other than this process's."""
    import multiprocessing
    import os
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from crossdept.read import pool

    seed = os.environ.get("PYTHONHASHSEED", "")
    assert sys.flags.hash_randomization or seed  # this process's seed is known to differ from theirs
    monkeypatch.setenv("PYTHONHASHSEED", "1" if seed != "1" else "2")
    spawn = multiprocessing.get_context("spawn")
    monkeypatch.setattr(pool, "_pool", lambda workers: ProcessPoolExecutor(workers, mp_context=spawn))
