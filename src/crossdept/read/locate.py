"""Find what a sheet is and where its header row sits, by name, never by position.

A sheet is recognised by its name (canonical, English alias, another alias, or one of those
followed by a suffix such as "会议纪要-1120"), else by its headers. The header row is the row,
among the first rows, that matches most of the sheet's columns, so a title block above it is fine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crossdept.model.sheets import ALL_SHEETS
from crossdept.model.spec import Column, Layout, SheetSpec
from crossdept.model.text import clean_text, header_candidates, match_key

# How far down a header row may sit under a title block.
HEADER_SCAN_ROWS = 40


@dataclass
class HeaderMap:
    """Where each known column of a sheet is: Excel row of the header, 1-based column numbers."""

    row: int
    columns: dict[str, int] = field(default_factory=dict)
    headers: dict[int, str] = field(default_factory=dict)  # column -> header text as written
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (column key, column) seen again
    extra: dict[int, str] = field(default_factory=dict)  # headers that match no column


# {id(columns): (columns, {header key: the first of columns with it})}. The tuple is kept with its
# index, so its id cannot be reused while the entry lives; callers pass their spec's own tuple.
_INDEXES: dict[int, tuple[tuple[Column, ...], dict[str, Column]]] = {}


def _header_index(columns: tuple[Column, ...]) -> dict[str, Column]:
    """Every header spelling of `columns` to its column, the first in order where two share one:
    match_column runs for every cell of a sheet's first rows, so one dict lookup per candidate
    replaces a walk over the columns."""
    entry = _INDEXES.get(id(columns))
    if entry is None or entry[0] is not columns:
        index: dict[str, Column] = {}
        for col in columns:
            for key in col.header_keys:
                index.setdefault(key, col)
        if len(_INDEXES) >= 64:
            _INDEXES.clear()
        entry = _INDEXES[id(columns)] = (columns, index)
    return entry[1]


def match_column(text: object, columns: tuple[Column, ...]) -> Column | None:
    """The column a header cell names, trying the whole text first, then its parts."""
    if clean_text(text) == "":
        return None
    index = _header_index(columns)
    for candidate in header_candidates(text):
        col = index.get(candidate)
        if col is not None:
            return col
    return None


def map_header(values: list[object], row: int, columns: tuple[Column, ...]) -> HeaderMap:
    """Map one row of header cells to the columns it names."""
    hm = HeaderMap(row)
    for idx, value in enumerate(values, start=1):
        text = clean_text(value)
        if not text:
            continue
        hm.headers[idx] = text
        col = match_column(text, columns)
        if col is None:
            hm.extra[idx] = text
        elif col.key in hm.columns:
            hm.duplicates.append((col.key, idx))
        else:
            hm.columns[col.key] = idx
    return hm


def _named(values: list[object], columns: tuple[Column, ...]) -> set[str]:
    """The keys of the distinct columns a row names."""
    return {c.key for v in values if (c := match_column(v, columns)) is not None}


def header_score(values: list[object], columns: tuple[Column, ...]) -> int:
    """How many distinct columns a row names."""
    return len(_named(values, columns))


def min_header_score(spec: SheetSpec) -> int:
    """A row counts as this sheet's header when it names at least this many columns."""
    if spec.layout is Layout.MATRIX:
        return 1
    return min(3, len(spec.columns))


def is_header_row(values: list[object], spec: SheetSpec) -> bool:
    """Enough of the sheet's columns named in one row; two suffice when they are the required ones.

    The second case is a minimal table that still says what it is, such as a 项目章程 milestone
    table headed only 里程碑 | 计划日期.
    """
    return _is_header(values, spec, _named(values, spec.columns))


def _is_header(values: list[object], spec: SheetSpec, named: set[str]) -> bool:
    """is_header_row for a row whose named columns are known."""
    required = {c.key for c in spec.required_columns}
    if len(named) < min_header_score(spec) and not (len(named) >= 2 and len(required) >= 2 and required <= named):
        return False
    if spec.layout is Layout.MATRIX:
        return bool(named) and sum(1 for v in values if clean_text(v)) >= 2
    return True


def find_header_rows(rows: list[list[object]], spec: SheetSpec, first_only: bool) -> list[int]:
    """0-based indexes of header rows: the best-scoring one near the top, or every one (blocks).

    The first row naming every column is the best: no row below can name more, so the rows
    under it are not looked at (a sheet with the template's headers stops at its header row)."""
    if spec.layout is Layout.BLOCKS and not first_only:
        return [i for i, r in enumerate(rows) if is_header_row(r, spec)]
    best, best_score = -1, 0
    for i, r in enumerate(rows[:HEADER_SCAN_ROWS]):
        named = _named(r, spec.columns)
        if not _is_header(r, spec, named):
            continue
        if len(named) > best_score:
            best, best_score = i, len(named)
            if best_score == len(spec.columns):
                break
    return [best] if best >= 0 else []


def spec_by_name(name: str, rows: list[list[object]]) -> SheetSpec | None:
    """The sheet a name means: a known name exactly, or a known name followed by a suffix.

    A suffix without words ("会议纪要-1120", "Issues 2025") is enough. A suffix with words
    ("进度看板（研发）", "Progress notes", "RACI备注") counts only when the sheet's rows hold that
    sheet's header (or fields): a person's own sheet that happens to start with an alias must not
    be taken for a broken crossdept sheet and fail validation.
    """
    key = match_key(name)
    for spec in ALL_SHEETS:
        if key in spec.name_keys:
            return spec
    prefixed = [(len(k), spec) for spec in ALL_SHEETS for k in spec.name_keys if key.startswith(k) and len(k) >= 2]
    if not prefixed:
        return None
    length, spec = max(prefixed, key=lambda pair: pair[0])
    if not any(ch.isalpha() for ch in key[length:]) or _holds(rows, spec):
        return spec
    return None


def _holds(rows: list[list[object]], spec: SheetSpec) -> bool:
    """Whether a sheet's first rows hold the spec's header row, or, for 说明, one of its field labels."""
    if spec.columns:
        return bool(find_header_rows(rows, spec, first_only=True))
    labels = frozenset().union(*(f.header_keys for f in spec.fields))
    return any(match_key(clean_text(v).partition("：")[0].partition(":")[0]) in labels
               for r in rows[:HEADER_SCAN_ROWS] for v in r if clean_text(v))


def spec_by_headers(rows: list[list[object]]) -> SheetSpec | None:
    """For a sheet with an unknown name: the sheet whose columns its best header row names most."""
    best: tuple[int, SheetSpec] | None = None
    for spec in ALL_SHEETS:
        if not spec.columns or spec.layout is Layout.MATRIX:
            continue  # a RACI matrix has one named column; too little to tell it by headers
        needed = max(3, len(spec.key_columns))
        for r in rows[:HEADER_SCAN_ROWS]:
            score = header_score(r, spec.columns)
            has_keys = all(match_column_key(r, spec, k) for k in spec.key_columns)
            if score >= needed and has_keys and (best is None or score > best[0]):
                best = (score, spec)
    return best[1] if best else None


def match_column_key(values: list[object], spec: SheetSpec, key: str) -> bool:
    return any((c := match_column(v, spec.columns)) is not None and c.key == key for v in values)
