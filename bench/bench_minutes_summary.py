"""How fast `crossdept minutes` and `crossdept summary` are on big inputs, and where the time goes.

    .venv/bin/python bench/bench_minutes_summary.py [--meetings 200] [--topics 15] [--issues 5000] [--files 40]

minutes: one workbook with MEETINGS meetings of TOPICS topics stacked on 会议纪要 and ISSUES issues
(a third overdue) for the appendix. summary: the roll-up benchmark's folder of FILES department
workbooks (bench/gen_rollup_data.py, 600 tasks and 300 issues each; made once under bench/data/).
Each command runs in a fresh child process (wall, CPU = user + system, peak RSS), then the summary's
steps are timed in this process. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
CROSSDEPT = str(Path(sys.executable).with_name("crossdept"))
TODAY = "2026-11-20"


def minutes_workbook(path: Path, meetings: int, topics: int, issues: int, seed: int = 7) -> Path:
    from crossdept.model.sheets import ISSUES, MINUTES

    rng = random.Random(seed)
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet(MINUTES.name)
    row = 0
    start = dt.date(2026, 11, 20) - dt.timedelta(days=7 * meetings)
    for m in range(meetings):
        day = start + dt.timedelta(days=7 * (m + 1))
        for label, value in (("会议名称", f"第{m + 1}次周例会"), ("会议类型", "周例会"), ("日期", day.isoformat()),
                             ("时间", "15:00-16:00"), ("主持人", "陈晨"), ("参会人员", "研发、市场、运营、销售、财务")):
            ws.write_string(row, 0, label)
            ws.write_string(row, 1, value)
            row += 1
        ws.write_row(row, 0, [c.header for c in MINUTES.columns])
        row += 1
        for t in range(topics):
            ws.write_row(row, 0, [t + 1, f"议题{t + 1}", rng.choice(("研发", "市场", "运营")), "进展说明" * 8,
                                  "结论" * 6, "待办事项" * 3, rng.choice(("张伟", "王芳", "李娜")),
                                  (day + dt.timedelta(days=rng.randint(1, 14))).isoformat(), "进行中"])
            row += 1
        row += 1
    ws = wb.add_worksheet(ISSUES.name)
    ws.write_row(0, 0, ["问题编号", "问题描述", "影响范围", "提出日期", "责任人", "解决时限", "冲突等级", "状态"])
    for i in range(issues):
        raised = dt.date(2026, 11, 20) - dt.timedelta(days=rng.randint(0, 60))
        due = raised + dt.timedelta(days=rng.randint(1, 90))
        ws.write_row(i + 1, 0, [f"IS-{i:05d}", "问题描述" * 5, "上线", raised.isoformat(), "张伟", due.isoformat(),
                                rng.choice(("一级", "二级", "三级")), rng.choice(("待处理", "处理中", "已解决"))])
    wb.close()
    return path


def run(label: str, args: list[str]) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([CROSSDEPT, *args, "--today", TODAY], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"{label:<44} exit {done.returncode}  wall {wall:6.2f} s  cpu {cpu:6.2f} s  peak RSS {after.ru_maxrss / 1024:6.0f} MiB")


def summary_steps(folder: Path, out: Path) -> None:
    """Where the summary's time goes, step by step, in this process."""
    from crossdept.config import load_config
    from crossdept.core.rollup import build_rollup
    from crossdept.core.summary import build_summary, summary_context
    from crossdept.read import Workbook
    from crossdept.read.folder import read_folder
    from crossdept.write.summary_email import build_message, chart_png, render_html, render_text, write_eml

    today = dt.date.fromisoformat(TODAY)
    config = load_config(folder)
    steps: list[tuple[str, float]] = []

    def step(name: str, fn):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        value = fn()
        steps.append((name, time.perf_counter() - t0))
        return value

    entries = step("read folder", lambda: list(read_folder(folder, today.year)))
    rollup = step("roll up", lambda: build_rollup(entries, config, today))
    books = [b for _, b in entries if isinstance(b, Workbook)]
    context = step("summary context", lambda: summary_context(build_summary(rollup, books, config, folder.name)))
    step("HTML (jinja2 + css-inline)", lambda: render_html(context))
    step("plain text", lambda: render_text(context))
    png = step("chart PNG", lambda: chart_png(context))
    msg = step("whole message", lambda: build_message(context, ["pm@example.com"]))
    step("write .eml", lambda: write_eml(msg, out))
    for name, seconds in steps:
        print(f"  {name:<30} {seconds * 1000:9.1f} ms")
    print(f"  overdue issues listed {len(context['overdue'])} of {context['overdue_total']}, "
          f"blocked tasks {len(context['blocked'])} of {context['blocked_total']}, "
          f"chart {len(png)} bytes, .eml {out.stat().st_size / 1024:.0f} KiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=200)
    parser.add_argument("--topics", type=int, default=15)
    parser.add_argument("--issues", type=int, default=5000)
    parser.add_argument("--files", type=int, default=40)
    args = parser.parse_args()
    from gen_rollup_data import generate

    folder = HERE / "data" / f"rollup-{args.files}x600x300"
    if not folder.is_dir():
        generate(folder, args.files, 600, 300)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book = minutes_workbook(work / "minutes.xlsx", args.meetings, args.topics, args.issues)
        print(f"minutes: {args.meetings} meetings x {args.topics} topics, {args.issues} issues")
        run("crossdept minutes -o .docx --md .md", ["minutes", str(book), "-o", str(work / "m.docx"), "--md", str(work / "m.md")])
        run("crossdept minutes --meeting (the first one)", ["minutes", str(book), "-o", str(work / "m1.docx"),
                                                            "--meeting", (dt.date(2026, 11, 20) - dt.timedelta(days=7 * (args.meetings - 1))).isoformat()])
        print(f"summary: {args.files} department workbooks x (600 tasks + 300 issues)")
        run("crossdept summary -o .eml --html", ["summary", str(folder), "-o", str(work / "s.eml"), "--html", str(work / "s.html")])
        summary_steps(folder, work / "steps.eml")


if __name__ == "__main__":
    main()
