"""How fast `crossdept validate` checks a large sheet: a 10,000-row 问题跟踪表.

Prints figures; asserts nothing (speed goals live here, never in timed tests). Run:
    .venv/bin/python bench/bench_validate.py [ROWS]
The tracker is written with XlsxWriter into bench/data/ (git-ignored); one row in 25 carries a
planted mistake (no level, closed without a date, a misspelt owner, deadline before raised,
an id used twice) and the config lists people and departments, so every rule family does work
and difflib is asked for suggestions. The goal: read + validate well under one second.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import xlsxwriter
from bench_read import best_of  # the same timing as the read benchmark, from beside this file

from crossdept.config import Config, Person
from crossdept.core.validate import validate_workbook
from crossdept.model import ISSUES
from crossdept.read import read_workbook
from crossdept.write.annotate import annotate

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2026, 11, 20)
PEOPLE = ["张伟", "李娜", "王芳", "刘洋", "陈静"]
DEPARTMENTS = ["研发部", "市场部", "运营部", "客服部"]
CONFIG = Config(departments=DEPARTMENTS, people=[Person(n, DEPARTMENTS[i % 4]) for i, n in enumerate(PEOPLE)])


def make_tracker(path: Path, rows: int) -> None:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("问题跟踪表")
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    keys = [c.key for c in ISSUES.columns]
    ws.write_row(0, 0, [c.header for c in ISSUES.columns])
    base = dt.datetime(2026, 10, 1)
    for i in range(1, rows + 1):
        raised = base + dt.timedelta(days=i % 45)
        mistake = i % 25 == 0 and (i // 25) % 5
        closed = i % 4 == 0
        row = {
            "id": f"RD-{i - 1 if mistake == 4 else i:05d}",
            "description": f"接口第{i}号问题：响应时间超过 2 秒", "impact": "上线里程碑",
            "raised_by": DEPARTMENTS[i % 4], "raised_on": raised,
            "owner": "张 伟" if mistake == 2 else PEOPLE[i % 5], "owner_dept": DEPARTMENTS[(i + 1) % 4],
            "due": raised - dt.timedelta(days=2) if mistake == 3 else raised + dt.timedelta(days=3),
            "level": "" if mistake == 1 else ("一级", "二级", "三级")[i % 3],
            "status": "已关闭" if closed else ("待处理", "处理中", "处理中")[i % 3],
            "update": "已定位，修复中", "updated_on": raised + dt.timedelta(days=1),
            "resolved_on": raised + dt.timedelta(days=2) if closed and mistake != 1 else "",
            "notes": "",
        }
        for c, key in enumerate(keys):
            value = row[key]
            if isinstance(value, dt.datetime):
                ws.write_datetime(i, c, value, date_fmt)
            elif value:
                ws.write_string(i, c, value)
    wb.close()


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    DATA.mkdir(exist_ok=True)
    path = DATA / f"validate-issues-{rows}.xlsx"
    if not path.exists():
        make_tracker(path, rows)
    book = read_workbook(path, 2026)
    read = best_of(5, lambda: read_workbook(path, 2026))
    check = best_of(5, lambda: validate_workbook(book, CONFIG, TODAY))
    findings = validate_workbook(book, CONFIG, TODAY)
    with tempfile.TemporaryDirectory() as out:
        marked = best_of(1, lambda: annotate(path, findings, Path(out), "zh"))
    by_rule: dict[str, int] = {}
    for f in findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    print(f"rows: {len(book.sheet('issues').records)}, findings: {len(findings)} {by_rule}")
    print(f"read_workbook (python-calamine) : {read * 1000:7.0f} ms")
    print(f"validate_workbook               : {check * 1000:7.0f} ms")
    print(f"read + validate                 : {(read + check) * 1000:7.0f} ms  (goal: well under 1000 ms)")
    print(f"annotated copy (openpyxl)       : {marked * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
