"""How fast crossdept reads a large sheet: a 10,000-row 问题跟踪表, every column filled.

Prints figures; asserts nothing (speed goals live here, never in timed tests). Run:
    .venv/bin/python bench/bench_read.py [ROWS]
The workbook is generated with XlsxWriter into bench/data/ (git-ignored) with a mix of value
forms (date cells, serial numbers, text dates, aliases) so normalisation is exercised, not skipped.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import tracemalloc
from pathlib import Path

import python_calamine
import xlsxwriter

from crossdept.model import ISSUES
from crossdept.read import read_workbook
from crossdept.read.calamine_engine import load

DATA = Path(__file__).parent / "data"


def make_tracker(path: Path, rows: int) -> None:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("问题跟踪表")
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, [c.header for c in ISSUES.columns])
    base = dt.datetime(2026, 10, 1)
    statuses = ["待处理", "处理中", " 已解决 ", "Closed"]
    levels = ["一级", "二级", "三级", "2"]
    for i in range(1, rows + 1):
        raised = base + dt.timedelta(days=i % 50)
        ws.write_string(i, 0, f"RD-{i:05d}")
        ws.write_string(i, 1, f"接口第{i}号问题：响应时间超过 2 秒")
        ws.write_string(i, 2, "上线里程碑")
        ws.write_string(i, 3, "研发部")
        ws.write_datetime(i, 4, raised, date_fmt)
        ws.write_string(i, 5, "张伟")
        ws.write_string(i, 6, "研发部")
        if i % 3 == 0:
            ws.write_string(i, 7, f"{raised.year}年{raised.month}月{raised.day + 0}日")
        else:
            ws.write_number(i, 7, (raised.date() - dt.date(1899, 12, 30)).days + 2)
        ws.write_string(i, 8, levels[i % 4])
        ws.write_string(i, 9, statuses[i % 4])
        ws.write_string(i, 10, "已定位，修复中")
        ws.write_string(i, 11, raised.strftime("%Y/%m/%d"))
        ws.write_string(i, 12, "")
        ws.write_string(i, 13, "")
    wb.close()


def best_of(n: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    DATA.mkdir(exist_ok=True)
    path = DATA / f"issues-{rows}.xlsx"
    if not path.exists():
        make_tracker(path, rows)
    bare = best_of(5, lambda: python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())
    engine = best_of(5, lambda: load(path))
    full = best_of(5, lambda: read_workbook(path, 2026))
    tracemalloc.start()
    book = read_workbook(path, 2026)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    records = len(book.sheet("issues").records)
    print(f"rows: {records} ({path.stat().st_size / 1e6:.1f} MB file), findings: {len(book.findings)}")
    print(f"bare python-calamine read     : {bare * 1000:7.0f} ms")
    print(f"crossdept engine (all sheets) : {engine * 1000:7.0f} ms")
    print(f"crossdept read_workbook       : {full * 1000:7.0f} ms  ({full / records * 1e6:.1f} us/row)")
    print(f"peak Python memory of a read  : {peak / 1e6:7.1f} MB")


if __name__ == "__main__":
    main()
