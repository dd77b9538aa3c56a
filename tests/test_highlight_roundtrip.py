"""Round trips: every peer workbook and every sample through `crossdept highlight`.

For each file: nothing crashes, the input is byte-identical afterwards (with --out), and what was
written lost no part, value or formula (checked by write/package_check.py and read back by
python-calamine), or the command refused it with a one-line reason.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
import python_calamine as pc
import xlsxwriter
from typer.testing import CliRunner

from crossdept.cli import app
from crossdept.model.sheets import ISSUES
from crossdept.read import read_workbook
from crossdept.write.atomic import BACKUP_DIR
from crossdept.write.marks import ALERT_HEADER, RowMark, SheetPlan
from crossdept.write.ooxml import Package, PackageError
from crossdept.write.package_check import losses
from crossdept.write.xlsx_marks import mark_package

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def alert_columns(path: Path) -> dict[str, int]:
    """Where crossdept's alert column is in each marked sheet of a written workbook."""
    book = read_workbook(path, 2026)
    return {s.name: col for s in book.sheets if s.header for col, text in s.header.extra.items()
            if text == ALERT_HEADER}


def highlight(*args: object):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["highlight", *map(str, args), "--json", "--lang", "en", "--today", "2026-11-20"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    return result


def check_written(source: Path, written: Path) -> None:
    assert losses(Package.read(source), Package.read(written), alert_columns(written)) == []


def test_every_peer_workbook_is_marked_without_loss_or_refused_with_a_reason(peers: list[Path], tmp_path: Path) -> None:
    before = {p: digest(p) for p in peers}
    out = tmp_path / "out"
    res = highlight(*peers, "--out", out)
    assert res.exit_code in (0, 1, 2)
    files = json.loads(res.stdout)["files"]
    assert [Path(f["path"]) for f in files] == peers
    for entry in files:
        path = Path(entry["path"])
        assert digest(path) == before[path], path
        if entry["status"] in ("unreadable", "refused"):
            assert entry["error"] and "\n" not in entry["error"], path
            continue
        assert entry["status"] in ("ok", "skipped"), path
        if entry["written"] and path.suffix.lower() in (".xlsx", ".xlsm"):
            check_written(path, Path(entry["written"]))


@pytest.mark.skipif(not any(SAMPLES.glob("**/*.xlsx")), reason="samples/ has no workbooks yet")
def test_samples_marked_in_place_lose_nothing_and_a_rerun_changes_nothing(tmp_path: Path) -> None:
    work = tmp_path / "samples"
    shutil.copytree(SAMPLES, work)
    books = sorted(p for p in work.rglob("*.xlsx") if BACKUP_DIR not in p.parts)
    originals = {p: p.read_bytes() for p in books}
    res = highlight(*books)
    assert res.exit_code in (0, 1), res.stderr
    files = json.loads(res.stdout)["files"]
    assert all(f["status"] == "ok" for f in files), res.stderr
    marked = [Path(f["written"]) for f in files if f["written"]]
    assert marked, "the samples are meant to hold something overdue on 2026-11-20"
    for entry in files:
        path = Path(entry["path"])
        if entry["written"]:
            backup = Path(entry["backup"])
            assert backup.read_bytes() == originals[path]
            check_written(backup, path)
        else:
            assert path.read_bytes() == originals[path]
    after = {p: p.read_bytes() for p in books}
    res = highlight(*books)
    assert res.exit_code in (0, 1)
    assert {p: p.read_bytes() for p in books} == after
    assert all(f["written"] is None for f in json.loads(res.stdout)["files"])


def test_the_package_editor_marks_every_peer_sheet_without_loss(peers: list[Path]) -> None:
    """The peers hold no crossdept sheet, so mark their first sheet directly: XML from many writers."""
    tried = 0
    for path in peers:
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            continue
        try:
            pkg = Package.read(path)
            names = [n for n in pc.CalamineWorkbook.from_path(str(path)).sheet_names if n in pkg.sheets]
        except (PackageError, pc.CalamineError, pc.PasswordError, pc.ZipError, pc.XmlError, ValueError, OSError):
            continue  # unreadable files are covered above
        if not names:
            continue
        plan = SheetPlan(names[0], header_row=1, first_col=1, last_col=3, alert_col=None, rows={
            2: RowMark(2, "overdue", [], "逾期2天"), 4: RowMark(4, None, [(2, "stale")], "=1+1 不是公式")})
        try:
            marked = mark_package(pkg, [plan])
        except PackageError as exc:
            assert exc.detail, path  # refused, with a reason
            continue
        data = pkg.to_bytes(marked.changed)
        assert losses(pkg, Package.read(data), marked.alert_cols) == [], path
        col = marked.alert_cols[names[0]]
        written = pc.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(names[0]).to_python(
            skip_empty_area=False)
        assert written[1][col - 1] == "逾期2天" and written[3][col - 1] == "=1+1 不是公式", path
        again = Package.read(data)
        assert mark_package(again, [SheetPlan(**{**plan.__dict__, "alert_col": col})]).changed == {}, path
        tried += 1
    assert tried >= 20


def test_an_xlsm_keeps_its_macros_byte_for_byte(peers: list[Path], tmp_path: Path) -> None:
    source = next(p for p in peers if p.name == "vba.xlsm")
    vba = tmp_path / "vbaProject.bin"
    vba.write_bytes(zipfile.ZipFile(source).read("xl/vbaProject.bin"))
    book = tmp_path / "研发部.xlsm"
    wb = xlsxwriter.Workbook(str(book))
    ws = wb.add_worksheet("问题跟踪表")
    ws.write_row(0, 0, [c.header for c in ISSUES.columns if c.key != "milestone"])
    row = {"id": "RD-1", "description": "接口", "impact": "上线", "raised_on": "2026-11-16", "owner": "张伟",
           "due": "2026-11-18", "level": "一级", "status": "处理中", "updated_on": "2026-11-20"}
    ws.write_row(1, 0, [row.get(c.key) for c in ISSUES.columns if c.key != "milestone"])
    wb.add_vba_project(str(vba))
    wb.close()
    before = Package.read(book)
    res = highlight(book)
    assert res.exit_code == 1
    after = Package.read(book)
    assert after.parts["xl/vbaProject.bin"] == vba.read_bytes()
    assert after.parts["[Content_Types].xml"] == before.parts["[Content_Types].xml"]
    assert losses(before, after, alert_columns(book)) == []
    rows = pc.CalamineWorkbook.from_path(str(book)).get_sheet_by_name("问题跟踪表").to_python()
    assert rows[1][14] == "2 days overdue, propose level 2 (the project lead mediates)"
