"""How fast `crossdept highlight` marks a large workbook, and how fast a rerun finds nothing to do.

Prints figures; asserts nothing. Run:
    .venv/bin/python bench/bench_highlight.py [ROWS]
A 问题跟踪表 of ROWS issues (default 10,000) and a 进度看板 of ROWS/2 tasks is generated with
XlsxWriter into bench/data/ (git-ignored); about half the rows end up marked on 2026-11-20.
Phases: read (calamine + parse), states (core/overdue.py), plan, package edit, loss check, write.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import time
from pathlib import Path

import xlsxwriter

from crossdept.config import Config
from crossdept.core.overdue import Rules, workbook_marks
from crossdept.model.sheets import BOARD, ISSUES
from crossdept.read import read_workbook
from crossdept.write.marks import plan_workbook
from crossdept.write.ooxml import Package
from crossdept.write.package_check import losses
from crossdept.write.xlsx_marks import mark_package

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2026, 11, 20)


def write_rows(ws, keys: list[str], rows: list[dict[str, object]], date) -> None:  # type: ignore[no-untyped-def]
    for i, values in enumerate(rows, start=1):
        for col, key in enumerate(keys):
            value = values.get(key)
            if isinstance(value, dt.datetime):
                ws.write_datetime(i, col, value, date)
            elif value is not None:
                ws.write(i, col, value)


def make_book(path: Path, rows: int) -> None:
    wb = xlsxwriter.Workbook(str(path))
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet("问题跟踪表")
    ws.write_row(0, 0, [c.header for c in ISSUES.columns])
    issues = []
    for i in range(1, rows + 1):
        raised = dt.datetime(2026, 11, 1) + dt.timedelta(days=i % 19)
        issues.append({"id": f"RD-{i:05d}", "description": f"第{i}号问题", "impact": "上线", "raised_on": raised,
                       "owner": "张伟", "owner_dept": "研发部", "level": ["一级", "二级", "三级"][i % 3],
                       "status": ["待处理", "处理中", "已解决"][i % 3],
                       "due": raised + dt.timedelta(days=i % 7) if i % 4 else None,
                       "updated_on": raised + dt.timedelta(days=i % 5)})
    write_rows(ws, [c.key for c in ISSUES.columns], issues, date)
    ws = wb.add_worksheet("进度看板")
    ws.write_row(0, 0, [c.header for c in BOARD.columns])
    tasks = [{"id": f"T{i}", "task": f"任务{i}", "department": "研发部", "owner": "李娜",
              "planned_finish": dt.datetime(2026, 11, 1) + dt.timedelta(days=i % 40),
              "status": ["未开始", "进行中", "已完成", "阻塞"][i % 4], "progress": 0.5} for i in range(1, rows // 2 + 1)]
    write_rows(ws, [c.key for c in BOARD.columns], tasks, date)
    wb.close()


def mark_once(path: Path) -> dict[str, float]:
    times: dict[str, float] = {}
    t = time.perf_counter()
    book = read_workbook(path, 2026)
    times["read"] = time.perf_counter() - t
    t = time.perf_counter()
    rules = Rules.from_config(Config(), TODAY, book)
    marks = workbook_marks(book, rules)
    times["states"] = time.perf_counter() - t
    t = time.perf_counter()
    plans = plan_workbook(book, marks, rules, "zh")
    times["plan"] = time.perf_counter() - t
    t = time.perf_counter()
    pkg = Package.read(path)
    marked = mark_package(pkg, plans)
    times["edit"] = time.perf_counter() - t
    if marked.changed:
        t = time.perf_counter()
        data = pkg.to_bytes(marked.changed)
        lost = losses(pkg, Package.read(data), marked.alert_cols)
        times["loss check"] = time.perf_counter() - t
        assert not lost, lost
        t = time.perf_counter()
        path.write_bytes(data)
        times["write"] = time.perf_counter() - t
    print(f"  {len(marks.issues)} issue marks, {len(marks.tasks)} task marks, "
          f"{sum(len(p.rows) for p in plans)} rows marked, {len(marked.changed)} parts changed")
    return times


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    DATA.mkdir(exist_ok=True)
    source = DATA / f"highlight-{rows}.xlsx"
    if not source.exists():
        make_book(source, rows)
    work = DATA / f"highlight-{rows}-work.xlsx"
    shutil.copyfile(source, work)
    print(f"{rows} issues + {rows // 2} tasks, {source.stat().st_size / 1e6:.1f} MB")
    for label in ("first run (marks)", "second run (nothing to change)"):
        print(label)
        times = mark_once(work)
        total = sum(times.values())
        print("  " + ", ".join(f"{k} {v:.2f}s" for k, v in times.items()) + f"; total {total:.2f}s")


if __name__ == "__main__":
    main()
