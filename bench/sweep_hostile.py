"""Robustness sweep: every crossdept command over every hostile peer workbook.

For each file in ../shared/peer-workbooks/ (calamine's test files and Apache POI's, fuzzer finds,
encrypted and legacy files included) it runs validate, inspect, highlight --dry-run, highlight
--out, minutes, and rollup + weekly of a folder holding the file, and prints what matters:

    tracebacks      an exception that escaped a command, or its "unexpected problem" line
    bad exits       exit codes outside 0/1/2 (134 = abort, -9 = killed, ...)
    changed inputs  files whose bytes differ after the commands (SHA-256)
    peak memory     the largest resident set of one command (MB), and the file that caused it

Each command runs in a forked child of one warm process (crossdept already imported), so one
command that aborts or panics cannot hide the others, and os.wait4 gives each its own peak memory.
Files go in batches of --group (20): validate, inspect and highlight take the whole batch, rollup
and weekly a folder holding it, minutes each file; a batch that goes wrong is rerun file by file
to name the culprit. Run:
    .venv/bin/python bench/sweep_hostile.py [--group N] [--limit N] [--only SUBSTRING] [--commands a,b]
The fast subset runs in the test suite (tests/test_hostile_sweep.py); the full sweep is marked slow.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT.parent / "shared" / "peer-workbooks"
TODAY = "2026-11-20"
TIMEOUT_S = 120
#: Exit code a child uses when an exception escaped the command (never a crossdept code).
ESCAPED = 99
#: Peak resident memory of one command that counts as a problem (issue 13's bar).
PEAK_LIMIT_MB = 500

COMMANDS = ("validate", "inspect", "highlight-dry", "highlight-out", "minutes", "rollup", "weekly")


def peer_files(root: Path = PEERS) -> list[Path]:
    """Every workbook-like file under the peers folder (licences and readmes left out)."""
    skip = {".md", ".txt", ".py"}
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() not in skip
                  and p.name not in {"LICENSE", "NOTICE"})


def argv_for(command: str, paths: list[Path], work: Path) -> list[str]:
    """The command line of `command` over `paths` (minutes takes one file: the first)."""
    folder = work / "folder"
    files = [str(p) for p in paths]
    common = ["--today", TODAY, "--lang", "en"]
    return {
        "validate": ["validate", *files, "--json", *common],
        "inspect": ["inspect", *files, *common],
        "highlight-dry": ["highlight", *files, "--dry-run", "--json", *common],
        "highlight-out": ["highlight", *files, "--out", str(work / "marked"), *common],
        "minutes": ["minutes", files[0], "-o", str(work / "minutes.docx"), *common],
        "rollup": ["rollup", str(folder), "-o", str(work / "rollup.xlsx"), *common],
        "weekly": ["weekly", str(folder), "--out", str(work / "weekly"), *common],
    }[command]


@dataclass
class Outcome:
    file: str
    command: str
    code: int
    peak_mb: float
    escaped: bool
    internal: bool
    line: str = ""


@dataclass
class Totals:
    outcomes: list[Outcome] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def tracebacks(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.escaped or o.internal]

    @property
    def bad_exits(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.code not in (0, 1, 2)]

    @property
    def peak(self) -> Outcome | None:
        return max(self.outcomes, key=lambda o: o.peak_mb, default=None)


def _child(argv: list[str], err_path: Path) -> None:
    """Runs in the forked child: one command, its stderr to a file, exit with its code."""
    fd = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 2)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    signal.alarm(TIMEOUT_S)
    code = 0
    import click

    try:
        from crossdept.cli import app

        result = app(args=argv, prog_name="crossdept", standalone_mode=False)
        code = result if isinstance(result, int) else 0
    except click.ClickException as exc:  # a usage error: what the real CLI prints, exit 2
        exc.show()
        code = exc.exit_code
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except BaseException:  # noqa: BLE001 - exactly what the sweep counts
        traceback.print_exc()
        code = ESCAPED
    try:
        sys.stderr.flush()
    finally:
        os._exit(code)


def run_one(command: str, paths: list[Path], work: Path) -> Outcome:
    """Fork, run one command, and read its exit code, peak memory and last error line."""
    err_path = work / f"{command}.err"
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        _child(argv_for(command, paths, work), err_path)
    _, status, usage = os.wait4(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    text = err_path.read_text("utf-8", "replace") if err_path.exists() else ""
    lines = [line for line in text.splitlines() if line.strip()]
    internal = any("unexpected problem" in line or "意外问题" in line for line in lines)
    shown = str(paths[0]) if len(paths) == 1 else f"{paths[0]} (+{len(paths) - 1} more)"
    return Outcome(shown, command, code, usage.ru_maxrss / 1024, code == ESCAPED or "Traceback" in text,
                   internal, lines[-1][:200] if lines else "")


def bad(outcome: Outcome) -> bool:
    return outcome.escaped or outcome.internal or outcome.code not in (0, 1, 2) or outcome.peak_mb >= PEAK_LIMIT_MB


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sweep(files: list[Path], commands: tuple[str, ...] = COMMANDS, echo: bool = False, group: int = 1) -> Totals:
    """Run `commands` over `files`, `group` files per run (a batch, as people run them: validate
    with many files, a roll-up of a folder holding them). A batch that goes wrong is run again
    file by file, so every problem is pinned on its file. Inputs are hashed before and after."""
    import crossdept.cli

    crossdept.cli.load()  # warm: every command's module imported once, before the forks
    totals = Totals()
    batches = [files[i:i + group] for i in range(0, len(files), group)]
    for n, batch in enumerate(batches, 1):
        before = {p: digest(p) for p in batch}
        with tempfile.TemporaryDirectory(prefix="sweep-") as tmp:
            work = Path(tmp)
            folder = work / "folder"
            folder.mkdir()
            copies = {}
            for p in batch:
                copy = folder / p.name
                shutil.copyfile(p, copy)
                copies[copy] = digest(copy)
            for command in commands:
                runs = [batch[:1]] if command == "minutes" and len(batch) == 1 else (
                    [[p] for p in batch] if command == "minutes" else [batch])
                for paths in runs:
                    outcome = run_one(command, paths, work)
                    if bad(outcome) and len(paths) > 1 and command not in ("rollup", "weekly"):
                        outcomes = [run_one(command, [p], work) for p in paths]  # whose fault?
                    else:
                        outcomes = [outcome]
                    totals.outcomes.extend(outcomes)
                    for o in outcomes:
                        if echo and bad(o):
                            print(f"  ! {Path(o.file).name} {command}: exit {o.code}, {o.peak_mb:.0f} MB {o.line}",
                                  flush=True)
            totals.changed += [str(c) for c, h in copies.items() if digest(c) != h]
        totals.changed += [str(p) for p, h in before.items() if digest(p) != h]
        if echo and n % 5 == 0:
            print(f"{sum(len(b) for b in batches[:n])}/{len(files)} files", flush=True)
    return totals


def report(totals: Totals, files: int, seconds: float) -> str:
    peak = totals.peak
    lines = [
        f"files: {files}, command runs: {len(totals.outcomes)}, {seconds:.0f} s",
        f"tracebacks: {len(totals.tracebacks)}",
        f"exit codes outside 0/1/2: {len(totals.bad_exits)}",
        f"inputs changed: {len(totals.changed)}",
        f"peak memory of one command: {peak.peak_mb:.0f} MB ({Path(peak.file).name}, {peak.command})" if peak else "",
        "exit codes: " + ", ".join(f"{c}: {n}" for c, n in sorted(_count(o.code for o in totals.outcomes).items())),
    ]
    for o in [o for o in totals.outcomes if bad(o)]:
        lines.append(f"  {Path(o.file).name} {o.command}: exit {o.code}, {o.peak_mb:.0f} MB: {o.line}")
    lines += [f"  changed: {p}" for p in totals.changed]
    return "\n".join(lines)


def _count(values) -> dict[int, int]:
    out: dict[int, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--only", default="")
    parser.add_argument("--shard", default="0/1", help="i/n: every n-th file from the i-th")
    parser.add_argument("--commands", default=",".join(COMMANDS))
    parser.add_argument("--group", type=int, default=20, help="files per batch run (1: every file alone)")
    args = parser.parse_args()
    if not PEERS.is_dir():
        sys.exit(f"{PEERS} is absent")
    files = [p for p in peer_files() if args.only in p.name]
    i, n = (int(x) for x in args.shard.split("/"))
    files = files[i::n]
    if args.limit:
        files = files[:args.limit]
    start = time.perf_counter()
    totals = sweep(files, tuple(args.commands.split(",")), echo=True, group=args.group)
    print(report(totals, len(files), time.perf_counter() - start))
    print(f"sweep driver peak: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
