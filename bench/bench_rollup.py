"""How fast, and how much memory: `crossdept rollup` against the jobs it replaces.

    .venv/bin/python bench/bench_rollup.py [--files 40[,120]] [--tasks 600] [--issues 300] [--jobs ...]

Makes the department workbooks once (bench/gen_rollup_data.py, under bench/data/, git-ignored),
then runs each job in a fresh child process, one after the other, and prints side by side the
wall time, the CPU time (user + system: steadier than wall time on a shared machine; the ratios
use it) and the child's peak memory (ru_maxrss):

- crossdept   the real command (`crossdept rollup FOLDER -o OUT.xlsx --history ...`), start-up
              included;
- crossdept-startup  only importing crossdept's command line, the fixed part of the above;
- naive       what people script: pandas.read_excel (openpyxl engine) over every file, concat,
              DataFrame.to_excel with openpyxl for the two consolidated sheets (pandas is not
              a crossdept dependency: `pip install -e '.[bench]'`);
- calamine    the bare python-calamine read of every sheet of every file: the floor for reading;
- calamine+xlsxwriter(cm)  that read plus XlsxWriter in constant_memory mode writing the rows
              (no tables: XlsxWriter refuses add_table in that mode);
- calamine+rustpy  that read plus rustpy-xlsxwriter (Rust) writing the rows, when installed
              (it is not a crossdept dependency; it has no Excel tables).
With several sizes (--files 40,120) it ends with crossdept's ratio and peak memory per size, to
show the goal (>= 10x the naive job, memory flat in the number of files).
Figures are printed, never asserted: timing belongs here, not in the test suite.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SHEETS = ("进度看板", "问题跟踪表")


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.xlsx"))


def job_crossdept(folder: Path, out: Path) -> None:
    from crossdept.cli import main

    sys.argv = ["crossdept", "rollup", str(folder), "-o", str(out), "--history", str(out.with_suffix(".sqlite")),
                "--today", "2026-11-20", "--lang", "en"]
    try:
        main()
    except SystemExit as exc:
        if exc.code not in (0, 1):
            raise


def job_crossdept_startup(folder: Path, out: Path) -> None:
    from crossdept.cli import load

    load(["rollup"])  # what `crossdept rollup` imports before it reads a file


def job_naive(folder: Path, out: Path) -> None:
    import pandas as pd

    frames: dict[str, list] = {s: [] for s in SHEETS}
    for path in _files(folder):
        sheets = pd.read_excel(path, sheet_name=list(SHEETS), header=1, engine="openpyxl")
        for name, frame in sheets.items():
            frame["来源文件"] = path.name
            frames[name].append(frame)
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, parts in frames.items():
            pd.concat(parts, ignore_index=True).to_excel(writer, sheet_name=name, index=False)


def _calamine_rows(folder: Path):  # type: ignore[no-untyped-def]
    import python_calamine as pc

    for path in _files(folder):
        book = pc.CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            yield name, path.name, book.get_sheet_by_name(name).to_python()


def job_calamine(folder: Path, out: Path) -> None:
    sum(len(rows) for _, _, rows in _calamine_rows(folder))


def job_calamine_xlsxwriter(folder: Path, out: Path) -> None:
    import datetime as dt

    import xlsxwriter

    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True, "strings_to_formulas": False})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    sheets = {name: [wb.add_worksheet(name), 0] for name in SHEETS}
    for name, source, rows in _calamine_rows(folder):
        if name not in sheets:
            continue
        ws, r = sheets[name]
        for row in rows[2:]:
            for c, value in enumerate((*row, source)):
                if isinstance(value, str):
                    if value:
                        ws.write_string(r, c, value)
                elif isinstance(value, (dt.date, dt.datetime)):
                    ws.write_datetime(r, c, value, date)
                else:
                    ws.write_number(r, c, value)
            r += 1
        sheets[name][1] = r
    wb.close()


def job_calamine_rustpy(folder: Path, out: Path) -> None:
    import rustpy_xlsxwriter

    records: dict[str, list[dict]] = {s: [] for s in SHEETS}
    for name, source, rows in _calamine_rows(folder):
        if name in records:
            header = [str(h) for h in rows[1]]
            records[name] += [{**dict(zip(header, row)), "来源文件": source} for row in rows[2:]]
    rustpy_xlsxwriter.write_worksheets(list(records.items()), str(out))


JOBS = {
    "crossdept": job_crossdept,
    "crossdept-startup": job_crossdept_startup,
    "naive": job_naive,
    "calamine": job_calamine,
    "calamine+xlsxwriter(cm)": job_calamine_xlsxwriter,
    "calamine+rustpy": job_calamine_rustpy,
}


def child(job: str, folder: Path, out: Path) -> None:
    """Run one job in this process and print its time and peak memory as JSON."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    JOBS[job](folder, out)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": after.ru_maxrss / 1024}))  # KiB on Linux


def run_size(files: int, tasks: int, issues: int, jobs: list[str]) -> dict[str, dict[str, float]]:
    """Generate (once) and run every job on `files` workbooks; print and return the figures."""
    from gen_rollup_data import generate

    folder = HERE / "data" / f"rollup-{files}x{tasks}x{issues}"
    generate(folder, files, tasks, issues)
    print(f"\n{files} files x ({tasks} tasks + {issues} issues) = {files * (tasks + issues)} rows; "
          f"python {sys.version.split()[0]}")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for job in jobs:
            out = Path(tmp) / f"{job.replace('+', '_').replace('(', '').replace(')', '')}.xlsx"
            proc = subprocess.run([sys.executable, __file__, "--child", job, str(folder), str(out)],
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                last = (proc.stderr.strip().splitlines() or ["?"])[-1]
                print(f"{job:26s} failed: {last}")
                continue
            results[job] = json.loads(proc.stdout.strip().splitlines()[-1])
    naive = results.get("naive", {}).get("cpu")
    print(f"{'job':26s} {'wall s':>8s} {'CPU s':>8s} {'peak MB':>8s} {'naive/job (CPU)':>16s}")
    for job, r in results.items():
        ratio = f"{naive / r['cpu']:.1f}x" if naive else "-"
        print(f"{job:26s} {r['seconds']:8.2f} {r['cpu']:8.2f} {r['peak_mb']:8.0f} {ratio:>16s}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", default="40", help="number of department workbooks; several: 40,120")
    parser.add_argument("--tasks", type=int, default=600)
    parser.add_argument("--issues", type=int, default=300)
    parser.add_argument("--jobs", default=",".join(JOBS), help="comma-separated subset of: " + ", ".join(JOBS))
    parser.add_argument("--child", nargs=3, metavar=("JOB", "FOLDER", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    sizes = [int(n) for n in args.files.split(",")]
    runs = {n: run_size(n, args.tasks, args.issues, args.jobs.split(",")) for n in sizes}
    mine = {n: r for n, r in runs.items() if "crossdept" in r}
    if len(mine) > 1:
        print("\ncrossdept rollup by size (goal: >= 10x the naive job's CPU, memory flat in the number of files):")
        for n, r in mine.items():
            ratio = f"{r['naive']['cpu'] / r['crossdept']['cpu']:.1f}x the naive job" if "naive" in r else "no naive run"
            print(f"  {n:4d} files: {r['crossdept']['cpu']:6.2f} CPU s, {ratio}, peak {r['crossdept']['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
