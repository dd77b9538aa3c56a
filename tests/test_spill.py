"""store/spill.py: what a large roll-up keeps on disk reads back exactly as the lists it replaces.

The units compare SpillList with sorted() (ties included: the order must be sorted()'s, stable)
and SpilledSeen with the in-memory SeenRows. The roll-up itself is then run three ways on the
project folder (tests/rollup_folder.py) plus a copy of a department's workbook (its rows repeat,
so the second file is read again and its ids are looked up in the spilled index): serial with
everything in memory, serial with every threshold forced down to a few items, and by worker
processes with the thresholds forced down. The JSON and every part of the three workbooks but
their save time must be the same.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import zipfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest

from crossdept.config import load_config
from crossdept.core.rollup import file_part
from crossdept.core.submissions import SeenRows
from crossdept.ops.rollup import roll_up
from crossdept.read.folder import read_folder
from crossdept.read.pool import map_folder
from crossdept.store import spill
from crossdept.store.spill import SpilledSeen, SpillList
from rollup_folder import build_project

TODAY = dt.date(2026, 11, 20)


@dataclass(slots=True)
class Item:
    rank: int
    group: str
    n: int  # tells items with equal keys apart
    day: dt.date | None = None


def _items(n: int) -> list[Item]:
    rng = random.Random(17)
    return [Item(rng.randrange(5), rng.choice("甲乙丙"), i, rng.choice([None, TODAY])) for i in range(n)]


@pytest.mark.parametrize("threshold", [1, 3, 7, 1000])
def test_a_sorted_spill_reads_back_as_sorted_would(threshold: int) -> None:
    items = _items(257)
    key = lambda t: (-t.rank, t.group)  # noqa: E731 - ties on purpose: they must keep the order of adding
    kept = SpillList(Item, key=key, threshold=threshold)
    for item in items[:100]:
        kept.append(item)
    kept.extend(items[100:])
    expected = sorted(items, key=key)
    assert list(kept) == expected and list(kept) == expected  # read as often as needed
    assert len(kept) == 257 and bool(kept)
    assert kept[:5] == expected[:5] and kept[0] == expected[0] and kept[-1] == expected[-1]


@pytest.mark.parametrize("threshold", [1, 4, 1000])
def test_an_unsorted_spill_keeps_the_order_of_adding(threshold: int) -> None:
    items = _items(50)
    kept = SpillList(Item, threshold=threshold)
    kept.extend(items[:20])
    for item in items[20:]:
        kept.append(item)
    assert list(kept) == items and kept[10:13] == items[10:13]
    assert not SpillList(Item) and list(SpillList(Item)) == [] and SpillList(Item)[:3] == []
    with pytest.raises(IndexError):
        SpillList(Item)[0]


def test_the_spilled_index_of_ids_answers_as_the_dict_does() -> None:
    rng = random.Random(3)
    keys = [rng.randrange(-2**63, 2**63) for _ in range(400)]
    spilled, memory = SpilledSeen(threshold=16), SeenRows()
    for n, key in enumerate(keys[:200]):
        seen = (rng.randrange(-2**63, 2**63), f"部门{n % 7}.xlsx", "进度看板" if n % 2 else "问题跟踪表", n * 16384 + 1)
        spilled[key] = memory[key] = seen
    part = SeenRows({key: (1, "后来.xlsx", "进度看板", 16385) for key in keys[200:300]})
    assert spilled.isdisjoint(part) and memory.isdisjoint(part)
    spilled.update(part)
    memory.update(part)
    for key in keys:
        assert spilled.get(key) == memory.get(key)
    assert not spilled.isdisjoint([keys[3]]) and not spilled.isdisjoint([keys[250]])
    assert spilled.isdisjoint(keys[300:])


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}  # core.xml: the save time


def test_a_spilled_rollup_is_the_one_kept_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = build_project(tmp_path / "项目")
    shutil.copyfile(folder / "研发部.xlsx", folder / "研发部-副本.xlsx")  # 研发部.xlsx repeats it: read again
    config = load_config(folder)

    def run(name: str, entries):  # type: ignore[no-untyped-def]
        out = tmp_path / name
        out.mkdir()
        done = roll_up(entries, folder, config, TODAY, "zh", out / "汇总.xlsx", out / "history.sqlite", year=2026)
        return done, _parts(out / "汇总.xlsx")

    memory, memory_xlsx = run("memory", read_folder(folder, 2026))
    monkeypatch.setattr(spill, "ITEMS_IN_MEMORY", 1)
    monkeypatch.setattr(spill, "IDS_IN_MEMORY", 2)
    serial, serial_xlsx = run("serial", read_folder(folder, 2026))
    then = partial(file_part, config=config, today=TODAY)
    pooled, pooled_xlsx = run("pooled", map_folder(folder, 2026, then, workers=2, min_files=1))
    assert len(memory.rollup.overdue) > 2 and len(memory.rollup.blocked) >= 1
    for spilled in (serial, pooled):
        assert spilled.to_json() == memory.to_json()
        assert list(spilled.rollup.overdue) == list(memory.rollup.overdue)
        assert list(spilled.rollup.blocked) == list(memory.rollup.blocked)
    again = next(f for f in pooled.rollup.files if f.path.endswith("项目/研发部.xlsx"))
    assert {n.rule for n in again.notes} >= {"duplicate-row"}  # found in the spilled index
    assert pooled_xlsx == memory_xlsx and serial_xlsx == memory_xlsx
