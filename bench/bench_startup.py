"""How long crossdept takes to start: `crossdept --help`, an empty roll-up, and what they import.

Prints figures; asserts nothing. Run:
    .venv/bin/python bench/bench_startup.py [--repeat 7] [--src OTHER/src]
Each is a whole process (bench/proc.py), median of --repeat, beside bare `python -c pass`.
Goal: `crossdept --help` and a roll-up of an empty folder under 0.25 s. To see where the time
goes: `.venv/bin/python -X importtime -c "from crossdept.cli import main; main()" --help`.

Each job runs twice over: with a bytecode cache (a fresh PYTHONPYCACHEPREFIX, filled by one
unmeasured run first), which is what a user has (pip writes the .pyc files when it installs
crossdept, and Python writes them on first use otherwise), and without one
(PYTHONDONTWRITEBYTECODE=1, as some shells and CI images set): then every crossdept module is
compiled from source on every run of an editable install, ~0.06 CPU s of an empty roll-up.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proc import CROSSDEPT, env_with_src, header, measure, row, run_once  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--src", type=Path, help="run crossdept from this src/ (another checkout) instead")
    args = parser.parse_args()
    header("start-up, whole processes")
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        empty.mkdir()
        jobs = {
            "crossdept --help": ([*CROSSDEPT, "--help"], (0,)),
            "crossdept rollup EMPTY -o OUT.xlsx": (  # exit 2: nothing to roll up
                [*CROSSDEPT, "rollup", str(empty), "-o", str(Path(tmp) / "out.xlsx"), "--history",
                 str(Path(tmp) / "h.sqlite"), "--today", "2026-11-20"], (2,)),
        }
        row("python -c pass", measure([sys.executable, "-c", "pass"], args.repeat))
        cached = bytecode_env(env_with_src(args.src), Path(tmp) / "pyc")
        uncached = {**(env_with_src(args.src) or os.environ), "PYTHONDONTWRITEBYTECODE": "1"}
        for label, (argv, ok) in jobs.items():
            run_once(argv, cached, ok)  # fills the cache: the run a user makes once after installing
            row(label, measure(argv, args.repeat, env=cached, ok=ok), "(goal < 0.25 s)")
            row("  … without a bytecode cache", measure(argv, args.repeat, env=uncached, ok=ok))


def bytecode_env(env: dict[str, str] | None, cache: Path) -> dict[str, str]:
    """`env` with Python's .pyc files written to and read from `cache` (none of the caller's)."""
    out = {k: v for k, v in (env or os.environ).items() if k != "PYTHONDONTWRITEBYTECODE"}
    out["PYTHONPYCACHEPREFIX"] = str(cache)
    return out


if __name__ == "__main__":
    main()
