"""The marked copies' bytes, pinned: what `crossdept highlight` and the package editor write.

tests/data/marking_digests.json holds the SHA-256 of every output below, generated with main at
09cae01 (before issue 17's round-three rewrite of write/xlsx_marks.py and write/package_check.py)
by `python tests/test_marking_bytes.py --write`. Any change to the marked workbook, the in-place
result or its backup, an --out copy, the console lines or the JSON shows here as a digest that
differs. Cases:
- the samples through the CLI: marked into --out, a rerun of the marked copies with nothing to
  change, the same copies a fortnight later (marks move: the editor and the loss check work on
  XML crossdept wrote itself), and marked in place (result and backup);
- every peer workbook's first sheet (../shared: XML from Excel, LibreOffice, POI, WPS...) marked
  by the package editor with a fixed plan, then re-marked with another plan, and what the loss
  check says about each.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import SHARED  # noqa: E402
from crossdept.cli import app  # noqa: E402
from crossdept.write.atomic import BACKUP_DIR  # noqa: E402
from crossdept.write.marks import RowMark, SheetPlan  # noqa: E402
from crossdept.write.ooxml import Package, PackageError  # noqa: E402
from crossdept.write.package_check import losses  # noqa: E402
from crossdept.write.xlsx_marks import mark_package  # noqa: E402

EXPECTED = ROOT / "tests" / "data" / "marking_digests.json"
SAMPLES = ROOT / "samples" / "智慧门店上线"
PEERS = [SHARED / "peer-workbooks" / "calamine", SHARED / "peer-workbooks" / "poi"]


STAMP = re.compile(r"-\d{8}-\d{6}(-\d+)?")  # a backup's time in its name


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cli(tmp: Path, *args: object) -> str:
    """One highlight run: a digest of its exit code, JSON and console lines (the temp folder named as TMP)."""
    result = CliRunner().invoke(app, ["highlight", *map(str, args)])
    text = f"{result.exit_code}\n{result.stdout}\n{result.stderr}".replace(str(tmp), "TMP")
    return sha(STAMP.sub("-STAMP", text).encode())


def sample_digests(tmp: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    work = tmp / "in"
    shutil.copytree(SAMPLES, work)
    books = sorted(work.glob("*.xlsx"))
    out["cli first --out"] = cli(tmp, *books, "--out", tmp / "o1", "--json", "--lang", "zh", "--today", "2026-11-20")
    marked = sorted((tmp / "o1").glob("*.xlsx"))
    out["cli rerun --out"] = cli(tmp, *marked, "--out", tmp / "o2", "--json", "--lang", "zh", "--today", "2026-11-20")
    out["cli later --out"] = cli(tmp, *marked, "--out", tmp / "o3", "--lang", "en", "--today", "2026-12-04")
    out["cli in place"] = cli(tmp, *books, "--json", "--lang", "en", "--today", "2026-11-20")
    out["cli in place rerun"] = cli(tmp, *books, "--lang", "en", "--today", "2026-11-20")
    for folder in ("o1", "o2", "o3", "in", f"in/{BACKUP_DIR}"):
        for path in sorted((tmp / folder).glob("*.xlsx")):
            out[f"{folder}/{STAMP.sub('-STAMP', path.name)}"] = sha(path.read_bytes())
    return out


PLAN_1 = {2: RowMark(2, "overdue", [], "逾期2天"), 4: RowMark(4, None, [(2, "stale")], "=1+1 不是公式"),
          5: RowMark(5, "due_soon", [(1, "blocked")], " 前后空格 & <b>")}
PLAN_2 = {3: RowMark(3, "overdue", [], "逾期9天"), 4: RowMark(4, None, [(3, "stale")], "=1+1 不是公式"),
          9: RowMark(9, "blocked", [], "阻塞")}


def mark(pkg: Package, plan: SheetPlan) -> tuple[str, Package | None, int | None]:
    """A digest of what marking `pkg` by `plan` gives (changed parts and the loss check, or the refusal)."""
    try:
        marked = mark_package(pkg, [plan])
        if not marked.changed:
            return "unchanged", None, marked.alert_cols.get(plan.sheet)
        lost = losses(pkg, pkg.overlay(marked.changed), marked.alert_cols)
        written = Package.read(pkg.to_bytes(marked.changed))
    except PackageError as exc:
        return sha(f"refused {exc}".encode()), None, None
    parts = {name: sha(data) for name, data in sorted(marked.changed.items())}
    return sha(json.dumps([parts, lost]).encode()), written, marked.alert_cols.get(plan.sheet)


def peer_digests() -> dict[str, str]:
    out: dict[str, str] = {}
    for folder in PEERS:
        for path in sorted(folder.glob("*")):
            if path.suffix.lower() not in (".xlsx", ".xlsm"):
                continue
            try:
                pkg = Package.read(path)
            except PackageError:
                continue
            if not pkg.sheets:
                continue
            sheet = next(iter(pkg.sheets))
            key = f"{folder.name}/{path.name}"
            out[key], again, col = mark(pkg, SheetPlan(sheet, 1, 1, 3, None, dict(PLAN_1)))
            if again is not None:
                out[key + " again"] = mark(again, SheetPlan(sheet, 1, 1, 3, col, dict(PLAN_2)))[0]
    return out


def test_samples_are_marked_byte_for_byte_as_before(tmp_path: Path) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["samples"]
    assert sample_digests(tmp_path) == expected


def test_peer_sheets_are_marked_byte_for_byte_as_before() -> None:
    if not all(folder.is_dir() for folder in PEERS):
        pytest.skip("../shared/peer-workbooks is not beside this clone (CI has it; a user's clone does not)")
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["peers"]
    got = peer_digests()
    assert sorted(got) == sorted(expected)
    assert [k for k in expected if got[k] != expected[k]] == []


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        digests = {"samples": sample_digests(Path(tmp)), "peers": peer_digests()}
    EXPECTED.write_text(json.dumps(digests, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
