"""How long crossdept takes to start: `crossdept --help`, an empty roll-up, and what they import.

Prints figures; asserts nothing. Run:
    .venv/bin/python bench/bench_startup.py [--repeat 7] [--src OTHER/src]
Each is a whole process (bench/proc.py), median of --repeat, beside bare `python -c pass`.
Goal: `crossdept --help` and a roll-up of an empty folder under 0.25 s. To see where the time
goes: `.venv/bin/python -X importtime -c "from crossdept.cli import main; main()" --help`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proc import CROSSDEPT, env_with_src, header, measure, row  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--src", type=Path, help="run crossdept from this src/ (another checkout) instead")
    args = parser.parse_args()
    env = env_with_src(args.src)
    header("start-up, whole processes")
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        empty.mkdir()
        figures = {
            "python -c pass": measure([sys.executable, "-c", "pass"], args.repeat),
            "crossdept --help": measure([*CROSSDEPT, "--help"], args.repeat, env=env),
            "crossdept rollup EMPTY -o OUT.xlsx": measure(
                [*CROSSDEPT, "rollup", str(empty), "-o", str(Path(tmp) / "out.xlsx"), "--history",
                 str(Path(tmp) / "h.sqlite"), "--today", "2026-11-20"], args.repeat, env=env, ok=(2,)),  # 2: nothing to roll up
        }
    for label, fig in figures.items():
        row(label, fig, "" if label.startswith("python") else "(goal < 0.25 s)")


if __name__ == "__main__":
    main()
