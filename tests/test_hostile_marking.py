"""Marking workbooks that other tools wrote, or that are in use (issue 13, cases 4-11).

Real packages: a tracker written by openpyxl, then its styles rewritten the way the .NET Open XML
SDK writes them (every element prefixed x:), or with a format wrapped in mc:AlternateContent;
real symbolic links, lock files, read-only files and concurrent runs in threads.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from conftest import write_xlsx
from crossdept.cli import app
from crossdept.write.atomic import BACKUP_DIR
from rollup_folder import ISSUE_HEAD

D = dt.date
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def tracker(path: Path) -> Path:
    """A 问题跟踪表 with one overdue issue (due 11-18, open) as of 2026-11-20."""
    return write_xlsx(path, {"问题跟踪表": [
        ISSUE_HEAD,
        ["RD-1", "接口超时", "联调", "研发部", D(2026, 11, 16), "张伟", "研发部", D(2026, 11, 18), "一级", "待处理",
         "排查中", D(2026, 11, 19), None, ""],
    ]})


def highlight(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["highlight", *args, "--today", "2026-11-20", "--lang", "en"])


def rewrite_part(path: Path, part: str, edit) -> None:  # type: ignore[no-untyped-def]
    """Replace one part of a package, keeping every other member as it was."""
    with zipfile.ZipFile(path) as zf:
        members = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            out.writestr(info, edit(data) if info.filename == part else data)


def prefixed(xml: bytes) -> bytes:
    """The same XML with every element in the x: prefix, as the Open XML SDK writes it."""
    text = xml.decode("utf-8")
    head, sep, body = text.partition("?>")
    body = re.sub(r"<(/?)([A-Za-z])", r"<\1x:\2", body).replace(f'xmlns="{MAIN}"', f'xmlns:x="{MAIN}"')
    return (head + sep + body).encode("utf-8")


def styles(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read("xl/styles.xml"))


def rule_dxf_ids(path: Path) -> list[int]:
    with zipfile.ZipFile(path) as zf:
        sheet = etree.fromstring(zf.read("xl/worksheets/sheet1.xml"))
    return [int(r.get("dxfId")) for r in sheet.iter(f"{{{MAIN}}}cfRule")]


def backups(folder: Path) -> list[Path]:
    return sorted((folder / BACKUP_DIR).glob("*")) if (folder / BACKUP_DIR).is_dir() else []


# --- 4, 5: styles as XML with namespaces ---------------------------------------------------------


def test_marking_a_prefixed_styles_part_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    book = tracker(tmp_path / "研发部.xlsx")
    assert highlight(str(book)).exit_code == 1
    # Saved again by a tool on the .NET Open XML SDK: the same styles, every element x:-prefixed.
    rewrite_part(book, "xl/styles.xml", prefixed)
    saved = book.read_bytes()
    for _ in range(2):
        assert highlight(str(book)).exit_code == 1
        dxfs = styles(book).find(f"{{{MAIN}}}dxfs")
        assert len(dxfs) == 4 and dxfs.get("count") == "4"
        assert book.read_bytes() == saved  # crossdept's formats recognised: nothing rewritten
    assert len(backups(tmp_path)) == 1  # the first run's backup only


def test_formats_inside_alternate_content_keep_their_index(tmp_path: Path) -> None:
    book = tracker(tmp_path / "研发部.xlsx")

    def wrapped(xml: bytes) -> bytes:  # one format of the person's, the way newer Excel wraps some
        root = etree.fromstring(xml)
        dxfs = root.find(f"{{{MAIN}}}dxfs")
        if dxfs is None:
            dxfs = etree.SubElement(root, f"{{{MAIN}}}dxfs")
            root.insert(list(root).index(root.find(f"{{{MAIN}}}cellStyles")) + 1, dxfs)
        ac = etree.SubElement(dxfs, f"{{{MC}}}AlternateContent", nsmap={"mc": MC})
        for branch in ("Choice", "Fallback"):
            b = etree.SubElement(ac, f"{{{MC}}}{branch}", **({"Requires": "x14"} if branch == "Choice" else {}))
            font = etree.SubElement(etree.SubElement(b, f"{{{MAIN}}}dxf"), f"{{{MAIN}}}font")
            etree.SubElement(font, f"{{{MAIN}}}b")
        dxfs.set("count", "1")
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    rewrite_part(book, "xl/styles.xml", wrapped)
    assert highlight(str(book)).exit_code == 1
    ids = rule_dxf_ids(book)
    assert ids and 0 not in ids  # index 0 is the person's bold format, never crossdept's colour
    assert styles(book).find(f"{{{MAIN}}}dxfs").get("count") == "5"
    first = book.read_bytes()
    assert highlight(str(book)).exit_code == 1
    assert book.read_bytes() == first


# --- 6: one snapshot, one run at a time ----------------------------------------------------------


def test_a_save_between_reading_and_writing_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = tracker(tmp_path / "研发部.xlsx")
    import crossdept.ops.highlight as cmd

    real_marked = cmd.marked_parts

    def saved_meanwhile(path, plans, in_place, snapshot=None):  # type: ignore[no-untyped-def]
        tracker(book)  # the person saves the workbook after crossdept read it
        return real_marked(path, plans, in_place, snapshot)

    monkeypatch.setattr(cmd, "marked_parts", saved_meanwhile)
    result = highlight(str(book))
    assert result.exit_code == 2
    assert "changed after crossdept read it" in result.output
    assert not backups(tmp_path)
    assert alert_columns(book) == 0


def alert_columns(path: Path) -> int:
    import openpyxl

    ws = openpyxl.load_workbook(path)["问题跟踪表"]
    return sum(1 for c in ws[1] if c.value == "crossdept提醒")


def run_together(*argvs: list[str], between=None) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    """Start crossdept processes one after the other (after `between()` returns true, when
    given), all running at once; (exit code, standard error) of each."""
    import subprocess
    import sys
    import time

    code = "import sys; from crossdept.cli import main; sys.argv[0] = 'crossdept'; main()"
    procs = []
    for argv in argvs:
        while procs and between is not None and not between() and procs[0].poll() is None:
            time.sleep(0.01)
        procs.append(subprocess.Popen([sys.executable, "-c", code, *argv, "--today", "2026-11-20", "--lang", "en"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    return [(p.wait(), p.communicate()[1].decode("utf-8", "replace")) for p in procs]


def test_two_runs_at_once_leave_one_alert_column(tmp_path: Path) -> None:
    book = tracker(tmp_path / "研发部.xlsx")
    results = run_together(["highlight", str(book)], ["highlight", str(book)])
    codes = sorted(code for code, _ in results)
    assert codes in ([1, 1], [1, 2]), results  # the second refused, or ran after and found it marked
    if codes == [1, 2]:
        assert any("changed after crossdept read it" in err for _, err in results)
    assert alert_columns(book) == 1
    assert highlight(str(book)).exit_code == 1 and alert_columns(book) == 1


# --- 7: parts streamed, not loaded ---------------------------------------------------------------


def test_a_gigabyte_of_zeros_in_a_media_part_is_not_loaded(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    book = tracker(tmp_path / "研发部.xlsx")
    with zipfile.ZipFile(book, "a", zipfile.ZIP_DEFLATED) as zf, zf.open("xl/media/zeros.bin", "w",
                                                                          force_zip64=True) as part:
        block = bytes(1 << 20)
        for _ in range(1024):
            part.write(block)
    assert book.stat().st_size < 3 << 20
    out = tmp_path / "out"
    code = ("import sys; from crossdept.cli import main; sys.argv[0] = 'crossdept'; main()")
    for extra in (["--dry-run"], ["--out", str(out)]):
        err = tmp_path / "err.txt"
        with err.open("wb") as fh:
            proc = subprocess.Popen([sys.executable, "-c", code, "highlight", str(book), *extra, "--today",
                                     "2026-11-20", "--lang", "en"], stdout=subprocess.DEVNULL, stderr=fh)
            _, status, usage = os.wait4(proc.pid, 0)
        assert os.waitstatus_to_exitcode(status) == 1, err.read_text()
        assert usage.ru_maxrss / 1024 < 300  # MB; it was 3.2 GB
    with zipfile.ZipFile(out / book.name) as zf:
        assert zf.getinfo("xl/media/zeros.bin").file_size == 1 << 30


# --- 8, 10: in place ---------------------------------------------------------------------------


def test_marking_through_a_link_marks_the_real_workbook(tmp_path: Path) -> None:
    real = tracker(tmp_path / "real" / "研发部.xlsx") if (tmp_path / "real").mkdir() is None else None
    link = tmp_path / "研发部.xlsx"
    link.symlink_to(real)
    assert highlight(str(link)).exit_code == 1
    assert link.is_symlink() and alert_columns(real) == 1
    assert len(backups(real.parent)) == 1


@pytest.mark.parametrize("owner", ["~$研发部.xlsx", ".~lock.研发部.xlsx#"])
def test_a_workbook_open_elsewhere_is_not_marked_in_place(tmp_path: Path, owner: str) -> None:
    book = tracker(tmp_path / "研发部.xlsx")
    (tmp_path / owner).write_bytes(b"someone")
    before = book.read_bytes()
    result = highlight(str(book))
    assert result.exit_code == 2 and "the workbook is open" in result.output and owner in result.output
    assert book.read_bytes() == before and not backups(tmp_path)
    out = tmp_path / "out"
    assert highlight(str(book), "--out", str(out)).exit_code == 1  # a marked copy is still possible
    assert alert_columns(out / book.name) == 1


def test_a_read_only_workbook_is_not_replaced_even_by_root(tmp_path: Path) -> None:
    book = tracker(tmp_path / "研发部.xlsx")
    book.chmod(0o444)
    before = book.read_bytes()
    result = highlight(str(book))
    assert result.exit_code == 2 and "read-only" in result.output
    assert book.read_bytes() == before and not backups(tmp_path)


def test_a_password_to_modify_is_respected(tmp_path: Path) -> None:
    book = tracker(tmp_path / "研发部.xlsx")

    def shared(xml: bytes) -> bytes:
        root = etree.fromstring(xml)
        el = etree.Element(f"{{{MAIN}}}fileSharing", userName="王芳", algorithmName="SHA-512",
                           hashValue="aGFzaA==", saltValue="c2FsdA==", spinCount="100000")
        root.insert(0, el)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    rewrite_part(book, "xl/workbook.xml", shared)
    before = book.read_bytes()
    result = highlight(str(book))
    assert result.exit_code == 2 and "password to modify" in result.output
    assert book.read_bytes() == before


def test_a_protected_tracker_is_not_marked_in_place(tmp_path: Path) -> None:
    import openpyxl

    book = tracker(tmp_path / "研发部.xlsx")
    wb = openpyxl.load_workbook(book)
    wb["问题跟踪表"].protection.sheet = True
    wb.save(book)
    before = book.read_bytes()
    result = highlight(str(book))
    assert result.exit_code == 2 and "sheet '问题跟踪表' is protected" in result.output
    assert book.read_bytes() == before


# --- 9: two weekly runs into one --out -----------------------------------------------------------


def test_two_weekly_runs_into_one_folder_both_finish(tmp_path: Path) -> None:
    import shutil

    from conftest import ROOT

    project = tmp_path / "proj"
    shutil.copytree(ROOT / "samples" / "智慧门店上线", project)
    out = tmp_path / "out"
    # The second starts while the first is writing into its staging folder.
    results = run_together(["weekly", str(project), "--out", str(out)], ["weekly", str(project), "--out", str(out)],
                           between=lambda: any(out.glob(".crossdept-staging-*/*")))
    assert [code for code, _ in results] == [1, 1], results  # was "unexpected problem: FileNotFoundError"
    assert not any("unexpected problem" in err for _, err in results)
    assert not list(out.glob(".crossdept-staging-*"))
    assert len(list(out.glob("*周报汇总.xlsx"))) == 1


# --- 11: full disk, kill -9, terminal escapes --------------------------------------------------------


def test_a_full_disk_leaves_no_truncated_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil as sh

    import crossdept.write.atomic as atomic

    book = tracker(tmp_path / "研发部.xlsx")
    before = book.read_bytes()

    def disk_full(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        Path(dst).write_bytes(Path(src).read_bytes()[:100])  # a part of the copy, then ENOSPC
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.shutil, "copy2", disk_full)
    result = highlight(str(book))
    assert result.exit_code == 2 and "No space left on device" in result.output
    folder = tmp_path / BACKUP_DIR
    assert [p.name for p in folder.iterdir()] == []  # no truncated copy under a backup's name
    assert book.read_bytes() == before
    assert sh.copy2 is not None


def test_leftovers_of_a_killed_run_are_cleaned_by_the_next(tmp_path: Path) -> None:
    book = tracker(tmp_path / "研发部.xlsx")
    leftover = tmp_path / ".~tmp-研发部-k9abcdef.xlsx"  # what kill -9 during a write leaves
    leftover.write_bytes(book.read_bytes())
    other = tmp_path / ".~tmp-研发部-2-abcdefgh.xlsx"  # another target's: not ours to remove
    other.write_bytes(b"x")
    assert highlight(str(book)).exit_code == 1
    assert not leftover.exists() and other.exists()


def test_escape_sequences_in_an_id_never_reach_the_terminal(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "研发部.xlsx", {"问题跟踪表": [
        ISSUE_HEAD,
        ["RD_x001B_]0;owned_x0007__x001B_[2J-1", "接口超时\u202e", "联调", "研发部", D(2026, 11, 16), "张伟", "研发部",
         D(2026, 11, 18), "一级", "待处理", "", D(2026, 11, 19), None, ""],
    ]})
    result = highlight(str(book), "--dry-run")
    assert result.exit_code == 1
    assert "RD]0;owned[2J-1" in result.output
    assert not any(ch in result.output for ch in "\x1b\x07\u202e")


def test_a_dry_run_reports_each_refusal_of_the_real_run_and_writes_nothing(tmp_path: Path) -> None:
    """Open elsewhere, read-only, a password to modify, a protected tracker: `--dry-run` says the
    real run would be refused, in the real run's words (the same message id), and writes nothing."""
    import openpyxl

    def opened(book: Path) -> None:
        (book.parent / f"~${book.name}").write_bytes(b"someone")

    def protected(book: Path) -> None:
        wb = openpyxl.load_workbook(book)
        wb["问题跟踪表"].protection.sheet = True
        wb.save(book)

    def password(book: Path) -> None:
        def shared(xml: bytes) -> bytes:
            root = etree.fromstring(xml)
            root.insert(0, etree.Element(f"{{{MAIN}}}fileSharing", userName="王芳", hashValue="aGFzaA=="))
            return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        rewrite_part(book, "xl/workbook.xml", shared)

    cases = {"open": opened, "read-only": lambda book: book.chmod(0o444), "password": password, "protected": protected}
    for name, make in cases.items():
        folder = tmp_path / name
        folder.mkdir()
        book = tracker(folder / "研发部.xlsx")
        make(book)
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        dry = highlight(str(book), "--dry-run", "--json")
        assert dry.exit_code == 2, name
        (outcome,) = json.loads(dry.stdout)["files"]
        assert outcome["status"] == "refused" and outcome["written"] is None and outcome["backup"] is None, name
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before, name
        real = json.loads(highlight(str(book), "--json").stdout)["files"][0]
        assert (outcome["status"], outcome["error"]) == (real["status"], real["error"]), name
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before, name
    out = tmp_path / "copies"  # --dry-run --out: a copy is still possible, nothing is refused
    assert highlight(str(tmp_path / "open" / "研发部.xlsx"), "--dry-run", "--out", str(out)).exit_code == 1
    assert not out.exists()


def test_emoji_codes_in_names_and_cells_print_as_typed(tmp_path: Path) -> None:
    """rich turns ":fire:" into 🔥 by default; crossdept's console shows a file name, an ID or a
    department exactly as typed (terminal.SafeConsole), in messages and in the roll-up's table."""
    book = write_xlsx(tmp_path / "研发部:fire:.xlsx", {"说明": [["部门", ":warning:部"]], "问题跟踪表": [
        ISSUE_HEAD,
        ["RD:fire:-1", "接口超时", "联调", ":warning:部", D(2026, 11, 16), "张伟", ":warning:部", D(2026, 11, 18), "一级",
         "待处理", "", D(2026, 11, 19), None, ""],
    ]})
    result = highlight(str(book), "--dry-run")
    assert result.exit_code == 1 and "RD:fire:-1" in result.output and "研发部:fire:.xlsx" in result.output
    rolled = CliRunner().invoke(app, ["rollup", str(tmp_path), "-o", str(tmp_path / "out" / "汇总.xlsx"), "--history",
                                      str(tmp_path / "h.sqlite"), "--today", "2026-11-20", "--lang", "en"],
                                env={"COLUMNS": "200"})  # the table's cells unwrapped
    assert rolled.exit_code == 1, rolled.output
    assert ":warning:部" in rolled.output
    assert not any(ch in result.output + rolled.output for ch in "🔥⚠")
