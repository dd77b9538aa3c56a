"""How fast `crossdept highlight` marks a large workbook, and how fast a rerun finds nothing to do.

Prints figures; asserts nothing. Run:
    .venv/bin/python bench/bench_highlight.py [ROWS] [--repeat 3] [--src OTHER/src]
A 问题跟踪表 of ROWS issues (default 10,000) and a 进度看板 of ROWS/2 tasks is generated with
XlsxWriter into bench/data/ (git-ignored); about half the rows end up marked on 2026-11-20.

First the goals, each a whole process (start-up included, median of --repeat; bench/proc.py):
`crossdept highlight FILE` on a fresh copy (first run) and on its marked result (a rerun with
nothing to change), beside two floors run as processes too: reading every sheet with
python-calamine, and that read plus one lxml edit of the largest worksheet and a rezip of the
package. Goals: first run within 2.5x of read + edit + rezip, a rerun within 3x of the read.
Then the phases in one process: read (calamine + parse), states (core/overdue.py), plan,
package edit, loss check, write.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
import zipfile
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proc import CROSSDEPT, env_with_src, goal, header, measure, python_job, row  # noqa: E402

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


def floor_read(path: Path) -> None:
    """The reading floor: every sheet of the workbook through python-calamine."""
    import python_calamine as pc

    book = pc.CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()


def floor_edit(path: Path) -> None:
    """The marking floor: the read, one lxml edit of the largest worksheet, every part rezipped."""
    from lxml import etree

    floor_read(path)
    with zipfile.ZipFile(path) as src:
        infos = src.infolist()
        largest = max((i for i in infos if i.filename.startswith("xl/worksheets/")), key=lambda i: i.file_size)
        root = etree.fromstring(src.read(largest))
        root.set("edited", "1")  # stands for crossdept's edits of the sheet
        out = path.with_suffix(".floor.xlsx")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in infos:
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                    if info is largest else src.read(info)
                dst.writestr(info.filename, data)
    out.replace(path.with_suffix(".out.xlsx"))


def whole_processes(source: Path, repeat: int, src: Path | None) -> None:
    """The goals: first run and rerun of `crossdept highlight` as processes, beside the floors."""
    header(f"highlight, whole processes ({source.name})")
    with tempfile.TemporaryDirectory() as tmp:
        work, marked = Path(tmp) / "work.xlsx", Path(tmp) / "marked.xlsx"
        argv = [*CROSSDEPT, "highlight", str(work), "--today", TODAY.isoformat(), "--lang", "en"]

        def fresh(origin: Path) -> object:
            def restore() -> None:
                shutil.rmtree(Path(tmp) / ".crossdept-backup", ignore_errors=True)
                shutil.copyfile(origin, work)
            return restore

        env = env_with_src(src)
        first = measure(argv, repeat, env=env, before=fresh(source))
        shutil.copyfile(work, marked)
        again = measure(argv, repeat, env=env, before=fresh(marked))
        read = measure(python_job(Path(__file__), "--child", "read", str(marked)), repeat)
        edit = measure(python_job(Path(__file__), "--child", "edit", str(work)), repeat, before=fresh(source))
    row("crossdept highlight, first run", first)
    row("crossdept highlight, rerun (nothing to change)", again)
    row("floor: calamine read", read)
    row("floor: read + one lxml edit + rezip", edit)
    print("  goals:")
    goal("first run / read+edit+rezip", first, edit, "<= 2.5x")
    goal("rerun / read", again, read, "<= 3x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", nargs="?", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--src", type=Path, help="run crossdept from this src/ (another checkout) instead")
    parser.add_argument("--no-phases", action="store_true", help="only the whole-process goals")
    parser.add_argument("--child", nargs=2, metavar=("FLOOR", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        {"read": floor_read, "edit": floor_edit}[args.child[0]](Path(args.child[1]))
        return
    rows = args.rows
    DATA.mkdir(exist_ok=True)
    source = DATA / f"highlight-{rows}.xlsx"
    if not source.exists():
        make_book(source, rows)
    whole_processes(source, args.repeat, args.src)
    if args.no_phases:
        return
    work = DATA / f"highlight-{rows}-work.xlsx"
    shutil.copyfile(source, work)
    print(f"\nphases in one process: {rows} issues + {rows // 2} tasks, {source.stat().st_size / 1e6:.1f} MB")
    for label in ("first run (marks)", "second run (nothing to change)"):
        print(label)
        times = mark_once(work)
        total = sum(times.values())
        print("  " + ", ".join(f"{k} {v:.2f}s" for k, v in times.items()) + f"; total {total:.2f}s")


if __name__ == "__main__":
    main()
