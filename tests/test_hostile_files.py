"""Hostile workbooks meet the reader (issue 13, cases 1 and 2): nothing crashes, a batch goes on.

Real files: Apache POI's fuzzer-made .xls and an .xlsb with a missing shared-string key, on which
python-calamine panics (a Rust panic, raised in Python as pyo3's PanicException, a BaseException);
workbooks written by openpyxl with values in A1 and XFD1048576 or CV300000, which a dense reader
turns into 17 billion or 30 million cells. Commands run in a real subprocess where the old
behaviour was an abort (exit 134) that would take pytest down with it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import SHARED, write_xlsx
from crossdept.cli import app
from crossdept.read import WorkbookError, read_workbook
from rollup_folder import ISSUE_HEAD

POI = SHARED / "peer-workbooks" / "poi"
PANICS = ("test-data_spreadsheet_Simple.xlsb",
          "test-data_spreadsheet_clusterfuzz-testcase-minimized-POIHSSFFuzzer-5816431116615680.xls")
CROSSDEPT = [sys.executable, "-c", "import sys; from crossdept.cli import main; sys.argv[0] = 'crossdept'; main()"]


def panic_file(name: str) -> Path:
    path = POI / name
    if not path.is_file():
        pytest.skip("../shared/peer-workbooks/poi is not beside this clone (CI has it; a user's clone does not)")
    return path


def far_apart(path: Path, far: str) -> Path:
    """A 问题跟踪表 of two issues and one stray value at `far`: a 5 KB file."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "问题跟踪表"
    ws.append(ISSUE_HEAD)
    ws.append(["RD-1", "接口超时", "联调", "研发部", "2026-11-16", "张伟", "研发部", "2026-11-18", "一级", "待处理"])
    ws.append(["RD-2", "证书过期", "上线", "研发部", "2026-11-19", "李娜", "研发部", "2026-11-23", "二级", "处理中"])
    ws[far] = "stray"
    wb.save(path)
    return path


def run_measured(args: list[str], tmp_path: Path) -> tuple[int, str, float]:
    """Run crossdept in a child process: exit code, standard error, peak memory in MB."""
    err_path = tmp_path / "stderr.txt"
    with err_path.open("wb") as err:
        proc = subprocess.Popen([*CROSSDEPT, *args], stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, err_path.read_text("utf-8", "replace"), usage.ru_maxrss / 1024


@pytest.mark.parametrize("name", PANICS)
def test_an_engine_panic_is_the_files_unreadable_status(name: str) -> None:
    path = panic_file(name)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    assert caught.value.status == "unreadable" and caught.value.rule == "file-corrupt"
    assert caught.value.params["reason"].startswith("calamine: ")
    assert "\n" not in caught.value.message("en")


def test_a_panicking_file_does_not_stop_a_rollup(tmp_path: Path) -> None:
    folder = tmp_path / "项目"
    folder.mkdir()
    for name in PANICS:
        shutil.copyfile(panic_file(name), folder / name)
    write_xlsx(folder / "研发部.xlsx", {"说明": [["部门", "研发部"]], "问题跟踪表": [
        ISSUE_HEAD, ["RD-1", "接口超时", "联调", "研发部", "2026-11-16", "张伟", "研发部", "2026-11-30", "一级", "待处理"]]})
    result = CliRunner().invoke(app, ["rollup", str(folder), "-o", str(tmp_path / "r.xlsx"), "--json",
                                      "--today", "2026-11-20", "--lang", "en"])
    assert result.exit_code == 2, result.output  # some input unreadable, the rest rolled up
    data = json.loads(result.stdout)
    statuses = {Path(f["path"]).name: f["status"] for f in data["files"]}
    assert statuses == {PANICS[0]: "unreadable", PANICS[1]: "unreadable", "研发部.xlsx": "ok"}
    assert (tmp_path / "r.xlsx").is_file()


@pytest.mark.parametrize("command", ["validate", "inspect", "highlight"])
def test_a_panicking_file_is_one_line_and_exit_2(command: str, tmp_path: Path) -> None:
    path = panic_file(PANICS[1])
    code, err, _ = run_measured([command, str(path), "--lang", "en", "--today", "2026-11-20"], tmp_path)
    assert code == 2
    assert "Traceback" not in err and "PanicException" not in err
    assert "is damaged or not really a workbook (calamine: range end index 64" in err


@pytest.mark.parametrize("far", ["XFD1048576", "CV300000"])
def test_values_far_apart_are_read_sparsely(far: str, tmp_path: Path) -> None:
    path = far_apart(tmp_path / "研发部.xlsx", far)
    assert path.stat().st_size < 10_000
    code, err, peak_mb = run_measured(["validate", str(path), "--lang", "en", "--today", "2026-11-20"], tmp_path)
    assert code in (0, 1), err  # was 134 (abort) for XFD1048576, 1.2 GB for CV300000
    assert peak_mb < 300, peak_mb
    book = read_workbook(path, 2026)
    issues = book.sheet("issues")
    assert [r.get("id") for r in issues.records] == ["RD-1", "RD-2"]
    assert str(issues.records[1].get("due")) == "2026-11-23"


def test_an_xls_spanning_a_whole_sheet_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    path = panic_file("test-data_spreadsheet_51535.xls")  # 41 KB; a cell at IV65536: 16.7 million cells
    code, err, peak_mb = run_measured(["validate", str(path), "--lang", "en"], tmp_path)
    assert code == 2 and "spans more than 3,000,000 cells" in err and "Save it as .xlsx" in err
    assert peak_mb < 300, peak_mb  # it was 1.2 GB
