"""How fast crossdept builds workbooks: the five templates, and a department workbook full of data.

Prints figures; asserts nothing (speed goals live here, never in timed tests). Run:
    .venv/bin/python bench/bench_templates.py [ROWS]
ROWS issues and ROWS tasks (default 5,000 each) plus 50 meetings go through build_workbook and
save_workbook into bench/data/ (git-ignored), then are read back with read_workbook.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from crossdept.read import read_workbook
from crossdept.write.templates import build_templates, build_workbook, save_workbook

DATA = Path(__file__).parent / "data"
DAY = dt.date(2026, 11, 20)


def data(rows: int) -> dict:
    issues = [{"id": f"RD-{i:05}", "description": f"问题 {i}", "impact": "联调", "raised_by": "研发部",
               "raised_on": DAY - dt.timedelta(days=i % 30), "owner": "张三", "owner_dept": "研发部",
               "due": DAY + dt.timedelta(days=i % 9 - 4), "level": ("一级", "二级", "三级")[i % 3],
               "status": ("待处理", "处理中", "已解决", "已关闭")[i % 4], "update": "跟进中",
               "updated_on": DAY - dt.timedelta(days=i % 3)} for i in range(rows)]
    tasks = [{"id": f"RD-T{i:05}", "task": f"任务 {i}", "milestone": "M1", "department": "研发部", "owner": "李四",
              "start": DAY - dt.timedelta(days=20), "planned_finish": DAY + dt.timedelta(days=i % 11 - 5),
              "status": ("未开始", "进行中", "已完成", "阻塞")[i % 4], "progress": (0, 50, 100, 30)[i % 4],
              "updated_on": DAY} for i in range(rows)]
    minutes = [{"fields": {"meeting_name": f"第{n}次周例会", "meeting_type": "周例会", "date": DAY - dt.timedelta(weeks=n)},
                "rows": [{"no": k, "topic": f"议题{k}", "owner": "王五", "due": DAY, "status": "进行中"} for k in range(1, 6)]}
               for n in range(1, 51)]
    return {"issues": issues, "board": tasks, "minutes": minutes}


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        build_templates(Path(folder))
        print(f"five templates built and saved: {time.perf_counter() - start:.2f} s")
    DATA.mkdir(exist_ok=True)
    path = DATA / f"department-{rows}.xlsx"
    content = data(rows)
    start = time.perf_counter()
    wb = build_workbook("department", project="智慧门店上线", department="研发部", data=content)
    built = time.perf_counter()
    save_workbook(wb, path)
    saved = time.perf_counter()
    book = read_workbook(path, DAY.year)
    read = time.perf_counter()
    print(f"department workbook, {rows} issues + {rows} tasks + 50 meetings: build {built - start:.2f} s, "
          f"save {saved - built:.2f} s, read back {read - saved:.2f} s, {path.stat().st_size / 1e6:.1f} MB")
    print(f"records read back: issues {len(book.sheet('issues').records)}, tasks {len(book.sheet('board').records)}, "
          f"meetings {len(book.sheet('minutes').blocks)}")


if __name__ == "__main__":
    main()
