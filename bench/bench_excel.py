"""How long the ribbon takes: building the add-in, and the buttons on a 10,000-row 问题跟踪表.

Prints figures; asserts nothing. Run:
    .venv/bin/python bench/bench_excel.py [ROWS] [--click-rows 5000] [--repeat 3] [--src OTHER/src]
First the goal: a ribbon click as the whole Python process RunPython starts (interpreter start,
imports, reading the live workbook, the handler), on a tracker of --click-rows issues, median of
--repeat (bench/proc.py); goal under 0.7 s on 5,000 rows. The child gets the workbook as the
JSON xlwings' remote engine receives. Then the buttons' own share on ROWS rows, in this process.
The buttons run through dispatch() on xlwings' remote engine (no Excel here), with the workbook
arriving as JSON, so the figures are crossdept's own share of a click: reading the live grid,
the core, and preparing every write. Excel's own time for those writes (COM or AppleScript) is
not in them. The remote engine needs a licence key: this script uses xlwings' "noncommercial" key,
which its PolyForm Noncommercial licence allows for this kind of use (docs/excel.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proc import env_with_src, header, measure, row  # noqa: E402

TODAY = dt.date(2026, 11, 20)
# What the add-in's VBA hands RunPython (crossdept.excel.dispatch.command), with the workbook
# handed over as JSON instead of by Excel. xlwings imports pandas and numpy whenever they are
# installed; a user's install has neither (pandas is only in the `bench` extra, numpy comes with
# it and with the test extra), so the click hides them as they would be missing there.
CLICK = """import os, sys, json, datetime as dt
if os.environ.get("BENCH_AS_INSTALLED") != "1":
    sys.modules.update(pandas=None, numpy=None)
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
import xlwings as xw
book = xw.Book(json=json.loads(open(sys.argv[2], encoding="utf-8").read()))
import crossdept.excel.dispatch as d
d.dispatch(sys.argv[1], book=book, today=dt.date(2026, 11, 20), lang="zh")
"""


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


def clicks(rows: int, repeat: int, src: Path | None) -> None:
    """The goal: each button's whole process on a `rows`-issue tracker."""
    header(f"a ribbon click, whole Python process, {rows} issues")
    with tempfile.TemporaryDirectory() as tmp:
        path = tracker(Path(tmp) / "研发部.xlsx", rows)
        data = Path(tmp) / "book.json"
        data.write_text(json.dumps(payload(path), ensure_ascii=False), encoding="utf-8")
        env = env_with_src(src) or dict(os.environ)
        base = measure([sys.executable, "-c", CLICK.split("import crossdept")[0], "-", str(data)], repeat, env=env)
        row("python + xlwings + the workbook's JSON", base)
        for button in ("cdValidate", "cdHighlight"):
            row(f"click {button}", measure([sys.executable, "-c", CLICK, button, str(data)], repeat, env=env),
                "(goal < 0.7 s)")
        env["BENCH_AS_INSTALLED"] = "1"
        row("click cdValidate, pandas+numpy importable", measure([sys.executable, "-c", CLICK, "cdValidate", str(data)],
                                                                   repeat, env=env), "(as in this venv)")


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
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", nargs="?", type=int, default=10_000)
    parser.add_argument("--click-rows", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--src", type=Path, help="run crossdept from this src/ (another checkout) instead")
    parser.add_argument("--clicks-only", action="store_true", help="only the whole-process goal")
    args = parser.parse_args()
    clicks(args.click_rows, args.repeat, args.src)
    if not args.clicks_only:
        main(args.rows)
