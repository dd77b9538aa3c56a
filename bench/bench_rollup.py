"""How fast, and how much memory: `crossdept rollup` and `crossdept weekly` against the jobs they replace.

    .venv/bin/python bench/bench_rollup.py [--files 40,400] [--data mixed,canonical] [--repeat 3]
                                          [--jobs ...] [--src OTHER/src]

Makes the department workbooks once (bench/gen_rollup_data.py, under bench/data/, git-ignored;
"mixed" headers as real folders have them, "canonical" headers as `crossdept new` writes them),
then runs every job as its own Python process, start-up included, and prints the median wall
time, CPU time and the child's peak memory (bench/proc.py), and each goal of issue 17 beside
its peer or floor measured in the same run:

- crossdept   the real command (`crossdept rollup FOLDER -o OUT.xlsx --history ...`);
- weekly      `crossdept weekly FOLDER --out DIR` on the same folder (goal: <= 1.5x the roll-up);
- naive       what people script: pandas.read_excel (openpyxl engine) over every file, concat,
              DataFrame.to_excel with openpyxl for the two consolidated sheets (goal: >= 10x);
- calamine    the bare python-calamine read of every sheet of every file: the floor for reading;
- calamine+xlsxwriter(cm)  that read plus XlsxWriter in constant_memory mode writing the rows
              (no tables: XlsxWriter refuses add_table in that mode);
- calamine+rustpy  that read plus rustpy-xlsxwriter (Rust) writing the rows, the fastest writer
              (the `bench` extra; no Excel tables). Goal: the roll-up within 2x of it.
Slow jobs run once above 100 files (--repeat applies below). `--src OTHER/src` runs another
checkout's crossdept (e.g. `git archive main src | tar -x -C /tmp/before`) for before/after.
Figures are printed, never asserted: timing belongs here, not in the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from proc import CROSSDEPT, Figure, env_with_src, goal, header, measure, python_job, row  # noqa: E402

SHEETS = ("进度看板", "问题跟踪表")
TODAY = "2026-11-20"


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.xlsx"))


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


CHILD_JOBS = {
    "naive": job_naive,
    "calamine": job_calamine,
    "calamine+xlsxwriter(cm)": job_calamine_xlsxwriter,
    "calamine+rustpy": job_calamine_rustpy,
}
JOBS = ("crossdept", "weekly", *CHILD_JOBS)
SLOW = ("naive", "weekly")  # run once above 100 files


def run_job(job: str, folder: Path, tmp: Path, repeat: int, src: Path | None) -> Figure:
    """One job on one folder as a whole process; its outputs go under tmp and are removed before each run."""
    out = tmp / "out"

    def clean() -> None:
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()

    if job == "crossdept":
        argv = [*CROSSDEPT, "rollup", str(folder), "-o", str(out / "rollup.xlsx"),
                "--history", str(out / "history.sqlite"), "--today", TODAY, "--lang", "en"]
    elif job == "weekly":
        argv = [*CROSSDEPT, "weekly", str(folder), "--out", str(out / "weekly"),
                "--history", str(out / "history.sqlite"), "--today", TODAY, "--lang", "en"]
    else:
        argv = python_job(Path(__file__), "--child", job, str(folder), str(out / "out.xlsx"))
    env = env_with_src(src) if job in ("crossdept", "weekly") else None
    return measure(argv, repeat, env=env, before=clean)


def run_size(data: str, files: int, tasks: int, issues: int, jobs: list[str], repeat: int,
             src: Path | None) -> dict[str, Figure]:
    """Generate (once) and run every job on `files` workbooks; print the figures and the goals."""
    from gen_rollup_data import folder_for, generate

    folder = folder_for(HERE / "data", data, files, tasks, issues)
    generate(folder, files, tasks, issues, canonical=data == "canonical")
    header(f"{data} headers, {files} files x ({tasks} tasks + {issues} issues) = {files * (tasks + issues)} rows; "
           f"python {sys.version.split()[0]}")
    results: dict[str, Figure] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for job in jobs:
            times = 1 if job in SLOW and files > 100 else repeat
            try:
                results[job] = run_job(job, folder, Path(tmp), times, src)
            except (RuntimeError, OSError) as exc:
                print(f"  {job:44s} failed: {exc}")
                continue
            row(f"{job} ({times} run{'s' if times > 1 else ''})", results[job])
    goals(results)
    return results


def goals(r: dict[str, Figure]) -> None:
    """Each goal of issue 17 about the roll-up, as a figure beside its peer or floor."""
    mine = r.get("crossdept")
    if not mine:
        return
    print("  goals:")
    if "naive" in r:
        goal("naive script / roll-up", r["naive"], mine, ">= 10x")
    for floor in ("calamine+rustpy", "calamine+xlsxwriter(cm)", "calamine"):
        if floor in r:
            goal(f"roll-up / {floor}", mine, r[floor], "<= 2x" if floor == "calamine+rustpy" else "-")
    workers = f", each worker process at most {mine.workers_peak_mb:.0f} MB" if mine.workers_peak_mb else ""
    print(f"    roll-up peak memory {mine.peak_mb:.0f} MB (goal < 100 MB at 400 files){workers}"
          + (f", naive script {r['naive'].peak_mb:.0f} MB" if "naive" in r else ""))
    if "weekly" in r:
        goal("weekly / roll-up", r["weekly"], mine, "<= 1.5x")
        print(f"    weekly peak memory {r['weekly'].peak_mb:.0f} MB (goal < 250 MB at 400 files)")


def child(job: str, folder: Path, out: Path) -> None:
    CHILD_JOBS[job](folder, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", default="40", help="number of department workbooks; several: 40,400")
    parser.add_argument("--data", default="mixed,canonical", help="data sets: mixed, canonical or both")
    parser.add_argument("--tasks", type=int, default=600)
    parser.add_argument("--issues", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3, help="runs per job (median); slow jobs run once above 100 files")
    parser.add_argument("--jobs", default=",".join(JOBS), help="comma-separated subset of: " + ", ".join(JOBS))
    parser.add_argument("--src", type=Path, help="run crossdept from this src/ (another checkout) instead")
    parser.add_argument("--child", nargs=3, metavar=("JOB", "FOLDER", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    jobs = args.jobs.split(",")
    for data in args.data.split(","):
        for n in (int(n) for n in args.files.split(",")):
            run_size(data, n, args.tasks, args.issues, jobs, args.repeat, args.src)


if __name__ == "__main__":
    main()
