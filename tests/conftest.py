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
