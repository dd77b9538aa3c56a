"""How far the cells of each worksheet in an .xlsx/.xlsm reach, found before any engine reads it.

calamine turns a sheet into one dense rectangle from A1 to the last used cell: a 5 KB file with
values in A1 and XFD1048576 asks for 17 billion cells and the process aborts (a Rust allocation
failure cannot be caught). So the worksheet parts are scanned first, streamed through the zip in
chunks, for the largest row and column any cell names; only a sheet whose rectangle fits
DENSE_CELLS goes to calamine, the others are read sparsely (read/sparse_xlsx.py).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

#: Cells (rows x columns from A1) a sheet may span to be read as one dense grid: 3 million is
#: a 100,000-row table 30 columns wide, about 250 MB at most while calamine and Python both hold it.
DENSE_CELLS = 3_000_000

# The r attribute of a cell: letters then digits ("XFD1048576"); a row's r has digits only.
_CELL_REF = re.compile(rb'r\s*=\s*["\']([A-Z]{1,3})([0-9]{1,7})["\']')
# A reference beyond column Z or row 99,999. A part without one spans at most 26 x 99,999 cells
# (under DENSE_CELLS), which one pass of this search proves; only parts with one are measured.
_FAR_REF = re.compile(rb'r\s*=\s*["\'](?:[A-Z]{2,3}[0-9]|[A-Z][0-9]{6})')
_WORKSHEET = re.compile(r"(^|/)worksheets/[^/]+\.xml$", re.IGNORECASE)
_CHUNK = 1 << 20
_OVERLAP = 64


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def part_extent(stream) -> tuple[int, int]:
    """(last row, last column) named by any cell of a worksheet part, read in chunks.

    Kept cheap (it runs before every .xlsx read): one regex pass per chunk, and the maxima taken
    over the distinct row numbers and column letters, not over every cell."""
    last_row = last_col = 0
    tail = b""
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        data = tail + chunk
        # A match may straddle chunks: keep the end and rescan it with the next chunk. A match
        # found twice only repeats a maximum.
        found = _CELL_REF.findall(data)
        if found:
            letters, digits = zip(*found)
            last_col = max(last_col, *map(column_number, set(letters)))
            last_row = max(last_row, *map(int, set(digits)))
        tail = data[-_OVERLAP:]
    return last_row, last_col


def _has_far_ref(stream) -> bool:
    tail = b""
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return False
        if _FAR_REF.search(tail + chunk):
            return True
        tail = chunk[-_OVERLAP:]


def widest_sheet(path: Path) -> tuple[str, int, int] | None:
    """The worksheet part spanning the most cells from A1, as (part, last row, last column), among
    parts reaching beyond column Z or row 99,999; None when there is none, or when the file is not
    a zip package (calamine then says why)."""
    try:
        with zipfile.ZipFile(path) as zf:
            widest: tuple[str, int, int] | None = None
            for info in zf.infolist():
                if not _WORKSHEET.search(info.filename.replace("\\", "/")):
                    continue
                with zf.open(info) as stream:
                    if not _has_far_ref(stream):
                        continue
                with zf.open(info) as stream:
                    rows, cols = part_extent(stream)
                if widest is None or rows * cols > widest[1] * widest[2]:
                    widest = (info.filename, rows, cols)
            return widest
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, NotImplementedError):
        return None


def needs_sparse(path: Path) -> bool:
    """Whether some worksheet of an .xlsx/.xlsm is too wide or too long to read as a dense grid."""
    widest = widest_sheet(path)
    return widest is not None and widest[1] * widest[2] > DENSE_CELLS


# --- legacy .xls (BIFF8 records in an OLE compound file) --------------------------------------------

# Cell records (row, column first in each body): BLANK, NUMBER, LABEL, BOOLERR, RK, LABELSST,
# FORMULA, RSTRING; MULRK and MULBLANK also end with their last column.
_XLS_CELLS = {0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x0006, 0x00D6}
_XLS_MULTI = {0x00BD, 0x00BE}
_XLS_BOF, _XLS_FILEPASS = 0x0809, 0x002F


def xls_cells(path: Path) -> int | None:
    """How many cells calamine would hold for an .xls: the sum over its sheets of the rectangle
    from A1 to the farthest cell record. None when the file is not a readable BIFF8 workbook
    (or is encrypted: its record bodies are ciphertext), so calamine says what it is.

    calamine decodes every sheet of an .xls as dense grids when the file is opened; a 41 KB file
    with a cell at IV65536 costs 1.2 GB before any sheet is asked for, so this is counted first
    from the record headers, without decoding anything."""
    import struct

    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if name is None:
                return None
            data = ole.openstream(name).read()
    except (OSError, ValueError, IndexError, struct.error, NotImplementedError, AttributeError, TypeError):
        return None
    total = rows = cols = 0
    pos, end = 0, len(data)
    while pos + 4 <= end:
        kind, length = struct.unpack_from("<HH", data, pos)
        body = pos + 4
        if kind == _XLS_FILEPASS:
            return None
        if kind == _XLS_BOF:
            total += rows * cols
            rows = cols = 0
        elif (kind in _XLS_CELLS or kind in _XLS_MULTI) and length >= 6 and body + length <= end:
            row, col = struct.unpack_from("<HH", data, body)
            if kind in _XLS_MULTI:
                col = max(col, struct.unpack_from("<H", data, body + length - 2)[0])
            rows, cols = max(rows, row + 1), max(cols, col + 1)
        pos = body + length
    return total + rows * cols
