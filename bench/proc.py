"""Timing whole processes for bench/: wall clock, CPU and peak memory of one child, median of runs.

Every goal in issue 17 is about what a user waits for, so each job runs as its own Python
process, start-up included, exactly as the console script would start it. The child's own
resource usage comes from os.wait4 (per child, unlike RUSAGE_CHILDREN, whose ru_maxrss is the
largest of all children so far); its CPU time includes the worker processes the child waited
for, and its peak memory is the largest single process's. Figures are printed, never asserted.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
# The console script `crossdept` is exactly this (setuptools' entry point), run with the bench's
# Python; at exit it also reports the CPU time of the worker processes it ran (see Figure).
WORKERS_CPU = "BENCH_WORKERS_CPU="
WORKERS_PEAK = "BENCH_WORKERS_PEAK="  # the largest worker process's peak memory, KiB
CROSSDEPT = [sys.executable, "-c", "import atexit, resource, sys; sys.argv[0] = 'crossdept'; "
             "atexit.register(lambda: print('" + WORKERS_CPU + "%f' % sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2]), "
             "'" + WORKERS_PEAK + "%d' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, sep='\\n', "
             "file=sys.stderr)); from crossdept.cli import main; sys.exit(main())"]


@dataclass
class Figure:
    """The median wall and CPU seconds of a job's runs and the largest peak memory among them.

    CPU is the process's and its worker processes'. On a machine shared with other work (the
    load is printed in each header) wall time stretches with the load while CPU time holds, so
    `idle` estimates the wall time on an idle machine of CORES cores: a single process's CPU
    time; for a job with worker processes (crossdept's commands report their CPU time,
    `workers_cpu`), the CPU time spread over the cores, but never less than the main process's
    own (its critical path).
    """

    wall: float
    cpu: float
    peak_mb: float
    runs: int
    exit_code: int
    workers_cpu: float | None = None
    workers_peak_mb: float | None = None  # the largest worker process's (each worker beside peak_mb)

    @property
    def idle(self) -> float:
        if not self.workers_cpu:
            return self.cpu
        return max(self.cpu - self.workers_cpu, self.cpu / CORES)

    def __str__(self) -> str:
        workers = f"  workers <= {self.workers_peak_mb:.0f} MB each" if self.workers_peak_mb else ""
        return f"{self.wall:7.2f} s {self.cpu:7.2f} CPU s {self.peak_mb:6.0f} MB {self.idle:7.2f} s{workers}"


def _launch(argv: Sequence[str]) -> None:
    """In the launcher process: run argv, print its figures as JSON (see run_once)."""
    with tempfile.TemporaryFile() as err:
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                   (os.POSIX_SPAWN_DUP2, err.fileno(), 2)]
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], list(argv), os.environ, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        lines = err.read().decode(errors="replace").strip().splitlines()
    workers = [float(line[len(WORKERS_CPU):]) for line in lines if line.startswith(WORKERS_CPU)]
    peaks = [int(line[len(WORKERS_PEAK):]) / 1024 for line in lines if line.startswith(WORKERS_PEAK)]
    tail = [line for line in lines if not line.startswith((WORKERS_CPU, WORKERS_PEAK))][-3:]
    print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                      "code": os.waitstatus_to_exitcode(status), "stderr": tail, "workers_cpu": workers[-1] if workers else None,
                      "workers_peak_mb": peaks[-1] if peaks else None}))


def run_once(argv: Sequence[str], env: dict[str, str] | None = None,
             ok: tuple[int, ...] = (0, 1)) -> tuple[float, float, float, int, float | None, float | None]:
    """Run argv to its end; (wall s, CPU s, peak MB, exit code, its workers' CPU s and largest
    worker's peak MB when the job reports them). Output is discarded; an exit code
    not in `ok` raises with the end of its standard error.

    Through a small launcher process (this file run as a script): a child forked by a large
    process (the bench, with xlwings or pandas imported) starts with that memory resident, and
    Linux keeps the high-water mark in ru_maxrss across exec, so every child would report at
    least the bench's own size. The launcher is a bare Python, smaller than any job."""
    proc = subprocess.run([sys.executable, __file__, *argv], env=env, capture_output=True, text=True, check=True)
    r = json.loads(proc.stdout)
    if r["code"] not in ok:
        raise RuntimeError(f"{' '.join(argv[-6:])} exited {r['code']}: " + " | ".join(r["stderr"]))
    return r["wall"], r["cpu"], r["peak_mb"], r["code"], r["workers_cpu"], r["workers_peak_mb"]  # ru_maxrss: KiB


def measure(argv: Sequence[str], repeat: int = 3, env: dict[str, str] | None = None,
            before: Callable[[], None] | None = None, ok: tuple[int, ...] = (0, 1)) -> Figure:
    """Median of `repeat` runs of argv; `before` runs ahead of each (e.g. restoring a fresh copy)."""
    walls, cpus, peaks, workers, worker_peaks, code = [], [], [], [], [], 0
    for _ in range(repeat):
        if before:
            before()
        wall, cpu, peak, code, worker_cpu, worker_peak = run_once(argv, env, ok)
        if worker_peak:
            worker_peaks.append(worker_peak)
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
        if worker_cpu is not None:
            workers.append(worker_cpu)
    return Figure(statistics.median(walls), statistics.median(cpus), max(peaks), repeat, code,
                  statistics.median(workers) if workers else None, max(worker_peaks, default=None))


def env_with_src(src: Path | None) -> dict[str, str] | None:
    """The environment for running another checkout's crossdept (`--src OTHER/src`), or None for ours."""
    if src is None:
        return None
    env = dict(os.environ)
    env["PYTHONPATH"] = str(src.resolve()) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def goal(label: str, num: Figure, den: Figure, target: str) -> None:
    """num / den as ratios of wall clock measured, CPU, and idle-machine wall (Figure.idle),
    beside the goal."""
    print(f"    {label:36s} {num.wall / den.wall:5.1f}x wall, {num.cpu / den.cpu:5.1f}x CPU, "
          f"{num.idle / den.idle:5.1f}x idle wall  (goal {target})")


def row(label: str, fig: Figure | None, note: str = "") -> None:
    print(f"  {label:44s} {str(fig) if fig else '(not run)':>44s}  {note}")


def header(title: str) -> None:
    load = os.getloadavg()[0]
    title += f"; {os.cpu_count()} cores, load {load:.1f} at start (other work on the machine slows wall time)"
    print(f"\n{title}\n  {'job':44s} {'wall (median)':>15s} {'CPU':>11s} {'peak':>9s} {'idle wall':>9s}")


def python_job(script: Path, *args: str) -> list[str]:
    return [sys.executable, str(script), *args]


if __name__ == "__main__":
    _launch(sys.argv[1:])
