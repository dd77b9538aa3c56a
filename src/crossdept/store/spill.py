"""Temporary files for what a large roll-up keeps to its end, so its memory stays flat in the
number of files (issue 17: under 100 MB at 400 workbooks).

A roll-up streams its detail rows (write/rollup_rows.py), but three things must last until every
file is in (core/rollup.py `Keep`): the overdue items (逾期与升级 lists them sorted, most days
overdue first), the blocked tasks (the summary lists them) and, for duplicate detection, the first
row of every id (core/submissions.py). At 400 department workbooks those were ~130 MB. Here each
keeps its last few thousand entries in memory and the rest on disk; reading them back gives
exactly what the lists gave, in the same order, so the outputs are byte for byte the same
(tests/test_spill.py, tests/test_read_pool.py).

- SpillList: items pickled in blocks to an anonymous temporary file. With a sort key each spilled
  batch of items (a run) is sorted first and the runs are merged when read (heapq.merge), each
  item numbered in the order it was added so equal keys keep that order: the order of
  sorted(all items, key) without holding them all.
- SpilledSeen: the duplicate detector's index, a key -> first row mapping probed once per row:
  the entries pickled in batches to a temporary file, only their keys (sorted, 8 bytes each)
  and a bit filter in memory.
"""

from __future__ import annotations

import dataclasses
import heapq
import pickle
import tempfile
import weakref
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain, islice
from operator import attrgetter
from typing import IO, Any, Generic, TypeVar, overload

T = TypeVar("T")
# Items a SpillList keeps in memory before writing them out, by default: ~6 MB of overdue items
# (~300 bytes each), so a roll-up of up to ~60 department workbooks never writes any.
ITEMS_IN_MEMORY = 20_000
# Ids SpilledSeen keeps in memory before writing them out: ~190 bytes each in a dict, ~11 MB;
# ~60 workbooks of 900 rows.
IDS_IN_MEMORY = 60_000
_BLOCK = 1_000  # items per pickled block: what one run holds in memory while runs are merged
_FILTER_BITS = 1 << 25  # 4 MB: ~1 % of new keys look seen at 360,000 ids (and are then searched for)


class SpillList(Generic[T]):
    """A list that can only grow, read back whole (in `key` order when given) as often as needed.

    Items are dataclass or NamedTuple instances (`cls`), spilled as tuples of their fields: a
    tuple pickles several times faster than a slotted object or a NamedTuple. Sorted, each is spilled as (key, number, fields),
    the number counting items in the order they were added, so equal keys never compare the
    fields and come back in that order, as sorted() would give them. Supports what a roll-up's
    readers do with its lists: len, iteration, and indexing or slicing (the summary shows the
    first few)."""

    def __init__(self, cls: type[T], key: Callable[[T], Any] | None = None, threshold: int | None = None) -> None:
        self.cls = cls
        self.key = key
        self.threshold = ITEMS_IN_MEMORY if threshold is None else threshold
        names = getattr(cls, "_fields", None) or [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
        self._fields = attrgetter(*names)
        self._items: list[T] = []
        self._runs: list[list[tuple[int, int]]] = []  # each run: (offset, size) of its pickled blocks
        self._file: IO[bytes] | None = None
        self._len = 0

    def append(self, item: T) -> None:
        self._items.append(item)
        self._len += 1
        if len(self._items) >= self.threshold:
            self._spill()

    def extend(self, items: Iterable[T]) -> None:
        before = len(self._items)
        self._items.extend(items)
        self._len += len(self._items) - before
        if len(self._items) >= self.threshold:
            self._spill()

    def _entries(self, items: list[T]) -> list[Any]:
        """Items as spilled: their fields; sorted, (key, number, fields) in key order."""
        fields = self._fields
        if self.key is None:
            return [fields(item) for item in items]
        key, first = self.key, self._len - len(self._items)
        entries = [(key(item), first + n, fields(item)) for n, item in enumerate(items)]
        entries.sort()  # the numbers are unique: the fields are never compared
        return entries

    def _spill(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile()
            weakref.finalize(self, self._file.close)  # removed with the list, like the list's memory
        entries = self._entries(self._items)
        run = []
        self._file.seek(0, 2)
        for start in range(0, len(entries), _BLOCK):
            data = pickle.dumps(entries[start:start + _BLOCK], pickle.HIGHEST_PROTOCOL)
            run.append((self._file.tell(), len(data)))
            self._file.write(data)
        self._runs.append(run)
        self._items = []

    def _run(self, blocks: list[tuple[int, int]]) -> Iterator[Any]:
        file = self._file
        assert file is not None
        for offset, size in blocks:
            file.seek(offset)  # readers share the file: each block is read whole before yielding
            yield from pickle.loads(file.read(size))

    def __iter__(self) -> Iterator[T]:
        if not self._runs:  # all in memory
            return iter(sorted(self._items, key=self.key) if self.key is not None else list(self._items))
        cls, runs = self.cls, [self._run(blocks) for blocks in self._runs]
        if self.key is None:
            return chain((cls(*fields) for fields in chain(*runs)), list(self._items))
        merged = heapq.merge(*runs, self._entries(self._items))
        return (cls(*fields) for _, _, fields in merged)

    def __len__(self) -> int:
        return self._len

    def __bool__(self) -> bool:
        return self._len > 0

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._len)
            return list(islice(self, start, stop, step))
        if not -self._len <= index < self._len:
            raise IndexError("SpillList index out of range")
        return next(islice(self, index % self._len, None))


Seen = tuple[int, str, str, int]  # core/submissions.py's first row of an id: (values key, path, sheet, cell)


class SpilledSeen:
    """core/submissions.py's index of the first row of each id (a SeenIndex), mostly on disk.

    Each batch of `threshold` entries is pickled whole to a temporary file (a blob); in memory
    stay its keys, sorted, 8 bytes each (an array: 3 MB for 400 workbooks of 900 rows, where the
    entries took ~70 MB), and one bit per key in a filter. Every row of the folder passes through
    here, so the common answer, "never seen", must be cheap: the filter gives it for ~99 % of new
    keys, a binary search of the batches' keys for the rest. The entries themselves are needed
    only for a row that repeats one seen before (rare: the file is then read again), so only then
    is a blob read back; the last one read is kept. (SQLite, tried first for the key index, cost
    ~0.5 s of CPU at 400 workbooks inserting keys that are never looked up.)"""

    def __init__(self, threshold: int | None = None) -> None:
        self.threshold = IDS_IN_MEMORY if threshold is None else threshold
        self._recent: dict[int, Seen] = {}
        self._file: IO[bytes] | None = None
        self._blobs: list[tuple[int, int]] = []  # (offset, size) of each pickled batch of entries
        self._keys: list[array[int]] = []  # each batch's keys, sorted
        self._loaded: tuple[int, dict[int, Seen]] = (-1, {})  # the blob read last, by number
        self._filter = bytearray()  # a bit per key & (_FILTER_BITS - 1) of the keys written out

    def get(self, key: int) -> Seen | None:
        seen = self._recent.get(key)
        if seen is None and self._keys and self._maybe(key):
            number = self._find(key)
            if number is not None:
                seen = self._blob(number)[key]
        return seen

    def __setitem__(self, key: int, seen: Seen) -> None:
        self._recent[key] = seen
        if len(self._recent) >= self.threshold:
            self._flush()

    def update(self, other: Mapping[int, Seen]) -> None:
        self._recent.update(other)
        if len(self._recent) >= self.threshold:
            self._flush()

    def isdisjoint(self, keys: Iterable[int]) -> bool:
        """Whether none of `keys` was seen."""
        keys = list(keys)
        if not self._recent.keys().isdisjoint(keys):
            return False
        if not self._keys:
            return True
        bits, mask = self._filter, _FILTER_BITS - 1  # _maybe, inlined: one test per row of the folder
        return all(self._find(k) is None for k in keys if bits[(k & mask) >> 3] & (1 << (k & 7)))

    def _maybe(self, key: int) -> bool:
        """False when `key` is surely not in the database (its bit in the filter is not set)."""
        return bool(self._filter[(key & (_FILTER_BITS - 1)) >> 3] & (1 << (key & 7)))

    def _find(self, key: int) -> int | None:
        """The number of the batch holding `key`, if one does."""
        for number, keys in enumerate(self._keys):
            at = bisect_left(keys, key)
            if at < len(keys) and keys[at] == key:
                return number
        return None

    def _blob(self, number: int) -> dict[int, Seen]:
        if self._loaded[0] != number:
            assert self._file is not None
            offset, size = self._blobs[number]
            self._file.seek(offset)
            self._loaded = (number, pickle.loads(self._file.read(size)))
        return self._loaded[1]

    def _flush(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile()
            weakref.finalize(self, self._file.close)
            self._filter = bytearray(_FILTER_BITS // 8)
        bits, mask = self._filter, _FILTER_BITS - 1
        for key in self._recent:
            bits[(key & mask) >> 3] |= 1 << (key & 7)
        data = pickle.dumps(self._recent, pickle.HIGHEST_PROTOCOL)
        self._file.seek(0, 2)
        self._blobs.append((self._file.tell(), len(data)))
        self._file.write(data)
        self._keys.append(array("q", sorted(self._recent)))  # submissions.stable_key values: signed 64-bit
        self._recent = {}
