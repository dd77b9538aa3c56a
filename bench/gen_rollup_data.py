"""Make N department workbooks of realistic size for bench_rollup.py (data goes to bench/data/).

Each file is what a department keeps: a 说明 sheet naming the department, a 进度看板 under a
title row and a 问题跟踪表. Two data sets: "mixed", with the variety a real folder has (English or
alias headers, reordered columns, an extra column), and "canonical", every file with the
templates' headers in the templates' order (what a folder of workbooks made by `crossdept new`
looks like; on it the naive script's concat lines columns up instead of writing the union of
three spellings). Deterministic for a given seed, so runs compare.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import xlsxwriter

from crossdept.model.sheets import BOARD, INSTRUCTIONS, ISSUES

AS_OF = dt.date(2026, 11, 20)
TASK_STATUS = ("未开始", "进行中", "已完成", "阻塞")
ISSUE_STATUS = ("待处理", "处理中", "已解决", "已关闭")
LEVELS = ("一级", "二级", "三级")
PEOPLE = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴婷")


def _header(col, variant: int) -> str:
    """Canonical header, English alias or first alias, as different departments write them."""
    if variant == 1:
        return col.alias
    if variant == 2 and col.aliases:
        return col.aliases[0]
    return col.header


def _task(rng: random.Random, dept: str, i: int) -> dict[str, object]:
    status = rng.choices(TASK_STATUS, (2, 4, 5, 1))[0]
    start = AS_OF - dt.timedelta(days=rng.randint(0, 60))
    planned = start + dt.timedelta(days=rng.randint(3, 60))
    done = status == "已完成"
    return {
        "id": f"{dept[:2]}-T{i:04d}", "task": f"{dept}任务{i}：完成第{i % 7 + 1}阶段交付物的评审与确认",
        "milestone": f"M{i % 5 + 1}", "department": dept, "owner": rng.choice(PEOPLE), "start": start,
        "planned_finish": planned, "actual_finish": planned if done else None, "status": status,
        "progress": 1.0 if done else (0 if status == "未开始" else round(rng.random(), 2)),
        "notes": "等待接口联调" if status == "阻塞" else "", "updated_on": AS_OF - dt.timedelta(days=rng.randint(0, 5)),
    }


def _issue(rng: random.Random, dept: str, i: int) -> dict[str, object]:
    status = rng.choices(ISSUE_STATUS, (3, 3, 3, 2))[0]
    raised = AS_OF - dt.timedelta(days=rng.randint(0, 30))
    return {
        "id": f"{dept[:2]}-{i:04d}", "description": f"问题{i}：第三方接口返回超时，影响门店收银联调",
        "impact": "门店收银、会员积分", "raised_by": dept, "raised_on": raised, "owner": rng.choice(PEOPLE),
        "owner_dept": dept, "due": raised + dt.timedelta(days=rng.randint(1, 10)) if rng.random() < 0.8 else None,
        "level": rng.choice(LEVELS), "status": status, "update": "已联系供应商排查",
        "updated_on": raised + dt.timedelta(days=rng.randint(0, (AS_OF - raised).days)),
        "resolved_on": AS_OF if status in ("已解决", "已关闭") else None, "notes": "",
    }


def write_department(path: Path, dept: str, tasks: int, issues: int, seed: int, canonical: bool = False) -> None:
    rng = random.Random(seed)
    variant = 0 if canonical else seed % 3
    wb = xlsxwriter.Workbook(str(path))
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    pct_fmt = wb.add_format({"num_format": "0%"})
    info = wb.add_worksheet(INSTRUCTIONS.name)
    info.write_string(0, 0, INSTRUCTIONS.column("project").header)
    info.write_string(0, 1, "智慧门店上线")
    info.write_string(1, 0, INSTRUCTIONS.column("department").header)
    info.write_string(1, 1, dept)
    for spec, count, make in ((BOARD, tasks, _task), (ISSUES, issues, _issue)):
        ws = wb.add_worksheet(spec.name)
        columns = list(spec.columns)
        if variant == 2:
            columns.reverse()  # a department that reordered its columns
        ws.write_string(0, 0, f"{dept} {spec.name}")  # a title row above the header
        headers = [_header(c, variant) for c in columns] + ([] if canonical else ["内部备注"])  # and a column of its own
        for c, text in enumerate(headers):
            ws.write_string(1, c, text)
        for i in range(count):
            record = make(rng, dept, i + 1)
            for c, col in enumerate(columns):
                value = record.get(col.key)  # optional columns (关联里程碑) stay empty
                if value is None or value == "":
                    continue
                if isinstance(value, dt.date):
                    ws.write_datetime(i + 2, c, dt.datetime.combine(value, dt.time()), date_fmt)
                elif col.key == "progress":
                    ws.write_number(i + 2, c, float(value), pct_fmt)
                else:
                    ws.write_string(i + 2, c, str(value))
            if not canonical:
                ws.write_string(i + 2, len(columns), "内部")
    wb.close()


DATA_SETS = ("mixed", "canonical")


def folder_for(root: Path, data: str, files: int, tasks: int, issues: int) -> Path:
    """Where a data set of that size lives (the mixed one keeps its historical name)."""
    return root / f"{'rollup' if data == 'mixed' else data}-{files}x{tasks}x{issues}"


def generate(folder: Path, files: int, tasks: int, issues: int, canonical: bool = False) -> list[Path]:
    """Write `files` department workbooks into folder (kept when already there with the same size)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(files):
        dept = f"部门{n + 1:03d}"
        path = folder / f"{dept}-进度与问题.xlsx"
        if not path.exists():
            write_department(path, dept, tasks, issues, seed=n, canonical=canonical)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--tasks", type=int, default=600)
    parser.add_argument("--issues", type=int, default=300)
    parser.add_argument("--data", choices=DATA_SETS, default="mixed")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data")
    args = parser.parse_args()
    folder = folder_for(args.out, args.data, args.files, args.tasks, args.issues)
    generate(folder, args.files, args.tasks, args.issues, canonical=args.data == "canonical")
    print(folder)


if __name__ == "__main__":
    main()
