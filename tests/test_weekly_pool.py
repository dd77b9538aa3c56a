"""ops/weekly.py on worker processes (read/pool.py) writes what the serial run writes, byte for byte.

The folder is samples/ plus what makes the per-file cut hard: a copy of a department's workbook
(its rows repeat an earlier file's, so that file is validated and rolled up again in the main
process), a same-named workbook in a subfolder (one marked copy's name is taken: both marked in the
main process, in file order), a corrupt workbook, a lock file and a note: 11 workbooks, so the
pool is used. The run is made once serially (one usable core) and once on two workers, each on
a fresh copy of the folder, and every file both left behind is compared: the archive (but the
run log's start time and the save times inside the zip packages), the inputs (with --in-place
marked and backed up) and the history's rows.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import json
import re
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

import crossdept.notify.compose
import crossdept.read.pool
import crossdept.store.spill
from crossdept import weekly
from crossdept.core.weekchanges import WeekRow
from crossdept.store.history import DEFAULT_HISTORY
from crossdept.store.weekrows import WeekRows
from crossdept.write.atomic import BACKUP_DIR

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "智慧门店上线"
DAY = "2026-11-20"


def _folder(root: Path) -> Path:
    folder = root / "项目"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns(".crossdept"))
    shutil.copyfile(folder / "研发部.xlsx", folder / "研发部-副本.xlsx")  # sorts first: 研发部.xlsx repeats it
    (folder / "分部").mkdir()
    shutil.copyfile(folder / "销售部.xlsx", folder / "分部" / "销售部.xlsx")  # its marked copy's name is taken
    (folder / "~$财务部.xlsx").write_bytes(b"\x00locked by someone")
    (folder / "坏的工作簿.xlsx").write_bytes(b"PK\x03\x04 this is not really a zip")
    (folder / "会议记录.txt").write_text("周五开会", encoding="utf-8")
    return folder


def _contents(path: Path) -> object:
    """What must be equal of one file: a zip package's parts but its save time, a database's rows,
    a run log but its start time, an email but its date and id, else the bytes."""
    data = path.read_bytes()
    if path.suffix == ".eml":  # its date, id and boundaries are the moment's; the attachments are packages
        message = email.message_from_bytes(data, policy=email.policy.default)
        return ([(k, v) for k, v in message.items() if k not in ("Date", "Message-ID", "Content-Type")],
                [(p.get_content_type(), p.get_filename(), _package(p.get_payload(decode=True)))
                 for p in message.walk() if not p.is_multipart()])
    if data.startswith(b"SQLite format 3"):
        with sqlite3.connect(path) as db:
            tables = [t for (t,) in db.execute("select name from sqlite_master where type='table' order by name")]
            return {t: sorted(map(repr, db.execute(f"select * from {t}"))) for t in tables}
    if path.name.endswith("运行日志.txt"):
        return data.decode("utf-8").split("\n", 1)[1]
    return _package(data)


def _package(data: bytes) -> object:
    """A zip package's parts but its save time (docProps/core.xml), else the bytes."""
    if data.startswith(b"PK\x03\x04") and zipfile.is_zipfile(io.BytesIO(data)):  # not 坏的工作簿.xlsx
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}
    return data


def _name(path: Path) -> str:
    """A file's place, a backup's without the moment it was taken (write/atomic.backup)."""
    if BACKUP_DIR in path.parts:
        return re.sub(r"-\d{8}-\d{6}(-\d+)?(\.\w+)$", r"\2", str(path))
    return str(path)


def _last_week(folder: Path) -> None:
    """A week of issue rows in the history, so the digest says what changed: MK-001 closed since,
    RD-002 slipped and escalated, every other issue opened."""
    with WeekRows(folder / DEFAULT_HISTORY) as weeks:
        weeks.record(dt.date(2026, 11, 13), [WeekRow("市场部.xlsx", "MK-001", "处理中", None, None, "一级", True),
                                             WeekRow("研发部.xlsx", "RD-002", "处理中", dt.date(2026, 11, 10), "张伟",
                                                     "一级", True)])


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cores: int, in_place: bool) -> tuple[dict, dict]:
    """Run weekly on a fresh folder with `cores` usable cores; every file left behind, and the JSON.
    On workers, what the run keeps to its end is forced onto disk (store/spill.py) as at 400 files:
    the ids seen, the overdue items, the escalations and the week rows (ops/remind.WeekDigest)."""
    monkeypatch.setattr(crossdept.read.pool, "usable_cores", lambda: cores)
    monkeypatch.setattr(crossdept.notify.compose, "GROUP_LIST_MAX", 3)  # the digest's lists end in "and n more"
    if cores > 1:
        monkeypatch.setattr(crossdept.store.spill, "IDS_IN_MEMORY", 100)
        monkeypatch.setattr(crossdept.store.spill, "ITEMS_IN_MEMORY", 3)
    root = tmp_path / "run"
    folder = _folder(root)
    _last_week(folder)
    result = weekly(folder, out=root / "归档", today=DAY, lang="zh", in_place=in_place)
    files = {_name(p.relative_to(root)): _contents(p) for p in sorted(root.rglob("*")) if p.is_file()}
    shutil.move(root, tmp_path / f"run-{cores}")
    return files, json.loads(json.dumps(result.to_json(), default=str))


@pytest.mark.parametrize("in_place", [False, True], ids=["copies", "in-place"])
def test_workers_write_what_the_serial_run_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  in_place: bool) -> None:
    serial, serial_json = _run(tmp_path, monkeypatch, 1, in_place)
    pooled, pooled_json = _run(tmp_path, monkeypatch, 2, in_place)
    assert sum(name.endswith(".xlsx") and name.startswith("项目/") for name in serial) >= crossdept.read.pool.MIN_FILES
    assert pooled.keys() == serial.keys()
    for name in serial:
        assert pooled[name] == serial[name], name
    assert pooled_json == serial_json
    statuses = {Path(f["path"]).name: f["status"] for f in serial_json["files"]}
    assert statuses["坏的工作簿.xlsx"] == "unreadable" and statuses["~$财务部.xlsx"] == "skipped"
    marked = {str(Path(m["path"]).relative_to(tmp_path / "run")): m["status"] for m in serial_json["marked"]}
    assert marked["项目/销售部.xlsx"] == ("ok" if in_place else "refused")  # 分部/销售部.xlsx took its copy's name
    assert (sum(BACKUP_DIR in name for name in serial) > 0) == in_place  # each workbook marked in place, backed up
    digest = next(v for k, v in serial.items() if k.endswith("群消息.txt")).decode("utf-8")
    for said in ("已关闭：MK-001", "时限推迟：RD-002", "另有", "请以下同事"):  # closed, slipped; lists cut short; owners to act
        assert said in digest, said


def test_spawned_workers_write_what_the_serial_run_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        spawned_workers: None) -> None:
    """Windows and macOS start workers afresh (spawn), not as forks: everything sent to them
    must pickle, and text hashes differ from the main process's (a seed of their own)."""
    serial, serial_json = _run(tmp_path, monkeypatch, 1, False)  # one core: no worker is started
    pooled, pooled_json = _run(tmp_path, monkeypatch, 2, False)
    assert pooled.keys() == serial.keys()
    for name in serial:
        assert pooled[name] == serial[name], name
    assert pooled_json == serial_json
