"""How long the ribbon takes: building the add-in, and the buttons on a 10,000-row 问题跟踪表.

Prints figures; asserts nothing. Run:
    .venv/bin/python bench/bench_excel.py [ROWS]
The buttons run through dispatch() on xlwings' remote engine (no Excel here), with the workbook
arriving as JSON, so the figures are crossdept's own share of a click: reading the live grid,
the core, and preparing every write. Excel's own time for those writes (COM or AppleScript) is
not in them. The remote engine needs a licence key: this script uses xlwings' "noncommercial" key,
which its PolyForm Noncommercial licence allows for this kind of use (docs/excel.md).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings is imported

import xlwings as xw  # noqa: E402

from crossdept.excel.addin_build import build_addin  # noqa: E402
from crossdept.excel.dispatch import dispatch  # noqa: E402
from crossdept.excel.live import read_raw  # noqa: E402
from crossdept.read import read_grids  # noqa: E402
from crossdept.read.calamine_engine import load  # noqa: E402
from crossdept.write.templates import build_workbook, save_workbook  # noqa: E402

TODAY = dt.date(2026, 11, 20)


def tracker(path: Path, rows: int) -> Path:
    """A department workbook whose tracker has `rows` issues: a third overdue, a third due soon."""
    issues = []
    for i in range(rows):
        due = TODAY + dt.timedelta(days=(i % 3) - 2)
        issues.append({"id": f"RD-{i:05d}", "description": f"接口第{i}号问题", "owner": "王强", "owner_dept": "研发部",
                       "raised_on": TODAY - dt.timedelta(days=5), "due": due, "level": "一级",
                       "status": "处理中" if i % 4 else "已解决", "updated_on": TODAY - dt.timedelta(days=i % 4)})
    return save_workbook(build_workbook("department", project="基准", department="研发部", data={"issues": issues}), path)


def payload(path: Path) -> dict:
    """The JSON an xlwings client sends for the workbook (cells as crossdept's file reader sees them)."""
    def plain(v: object) -> object:
        if isinstance(v, dt.datetime):
            return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
        return v.isoformat() if isinstance(v, dt.date) else (None if v == "" else v)

    sheets = [{"name": s.name, "values": [[plain(v) for v in row] for row in s.rows] or [[]], "pictures": [],
               "tables": [], "visibility": "Visible"} for s in load(path).sheets]
    return {"client": "Microsoft Excel", "version": xw.__version__,
            "book": {"name": str(path), "active_sheet_index": 0, "selection": "A1"}, "sheets": sheets, "names": []}


def timed(fn, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"addin build: {timed(lambda: build_addin(folder / 'crossdept.xlam')):.2f} s (median of 3)")
        path = tracker(folder / "研发部.xlsx", rows)
        data = payload(path)
        print(f"live read + parse, {rows} rows: {timed(lambda: read_grids(read_raw(xw.Book(json=data)))):.2f} s")
        for button in ("cdValidate", "cdHighlight"):
            book = xw.Book(json=payload(path))
            start = time.perf_counter()
            dispatch(button, book=book, today=TODAY, lang="zh")
            took = time.perf_counter() - start
            acts = book.json()["actions"]
            rules = sum(a["func"] == "addConditionalFormat" for a in acts)
            cells = sum(len(a["values"]) * len(a["values"][0]) for a in acts if a["func"] == "setValues")
            print(f"{button}, {rows} rows: {took:.2f} s; {len(acts)} writes ({cells} cells, {rules} conditional formats)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
