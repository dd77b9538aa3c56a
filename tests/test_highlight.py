"""`crossdept highlight` on real workbooks: marks, idempotence, removal, preservation, refusal.

Fixtures are written by openpyxl or xlsxwriter; results are read back by python-calamine (values
as crossdept and people see them) and openpyxl (styles, comments, formulas, conditional formats).
Today is Friday 2026-11-20.
"""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import python_calamine as pc
import pytest
import xlsxwriter
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from typer.testing import CliRunner

from crossdept.cli import app
from crossdept.model.sheets import BOARD, ISSUES
from crossdept.write.atomic import BACKUP_DIR
from crossdept.write.marks import ALERT_HEADER, MARK_COLOURS
from crossdept.write.ooxml import Package
from crossdept.write.package_check import losses

TODAY = "2026-11-20"
# The guide's 14 columns (A..N, without the optional 关联里程碑): the alert column is O.
ISSUE_COLS = [c for c in ISSUES.columns if c.key != "milestone"]
ISSUE_HEAD = [c.header for c in ISSUE_COLS]
BOARD_HEAD = [c.header for c in BOARD.columns]  # 12 columns: A..L, the alert column is M


def issue(id: str, due: str | None, status: str = "处理中", level: str = "一级", updated: str = TODAY,
          description: str | None = None) -> list[object]:
    values = {"id": id, "description": description or f"问题{id}", "impact": "上线", "raised_on": "2026-11-16",
              "owner": "张伟", "owner_dept": "研发部", "due": due, "level": level, "status": status,
              "updated_on": updated}
    return [values.get(c.key) for c in ISSUE_COLS]


def task(id: str, planned: str, status: str) -> list[object]:
    values = {"id": id, "task": f"任务{id}", "department": "研发部", "owner": "李娜", "planned_finish": planned,
              "status": status, "progress": 50}
    return [values.get(c.key) for c in BOARD.columns]


ISSUES_ROWS = [
    issue("RD-001", "2026-11-18", level="二级"),  # row 3: overdue 2 days -> 三级
    issue("RD-002", "2026-11-20"),  # row 4: due today
    issue("RD-003", "2026-12-31", updated="2026-11-17"),  # row 5: stale only
    issue("RD-004", "2026-11-01", status="已解决"),  # row 6: resolved
    issue("RD-005", "2026-12-31"),  # row 7: nothing
]
TASK_ROWS = [
    task("T1", "2026-11-19", "进行中"),  # row 2: overdue
    task("T2", "2026-12-31", "阻塞"),  # row 3: blocked
    task("T3", "2026-11-01", "已完成"),  # row 4: nothing
]


def make_book(path: Path, charter: dict[str, str] | None = None) -> Path:
    """A department workbook by openpyxl, with a person's own formatting, comments and formulas."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "说明"
    ws.append(["部门", "研发部"])
    if charter:
        ch = wb.create_sheet("项目章程")
        for k, v in charter.items():
            ch.append([k, v])
    iss = wb.create_sheet("问题跟踪表")
    iss.append(["问题跟踪表（研发部）"])
    iss.append(ISSUE_HEAD)
    for row in ISSUES_ROWS:
        iss.append(row)
    # A person's own formatting on marked and unmarked rows.
    iss["B3"].fill = PatternFill("solid", fgColor="FF00B0F0")
    iss["B3"].font = Font(bold=True, color="FF0000FF")
    iss["C6"].fill = PatternFill("solid", fgColor="FF92D050")
    iss["D4"].comment = Comment("请财务确认", "王强")
    iss["N3"] = "=A3&\"-备注\""
    board = wb.create_sheet("进度看板")
    board.append(BOARD_HEAD)
    for row in TASK_ROWS:
        board.append(row)
    board["J2"] = "=0.5"
    wb.save(path)
    return path


def run(*args: str, lang: str = "zh"):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["highlight", *map(str, args), "--lang", lang, "--today", TODAY])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def grid(path: Path, sheet: str) -> list[list[object]]:
    return pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def rules(path: Path, sheet: str) -> dict[str, list[str]]:
    """crossdept's conditional formats of a sheet: fill colour -> sorted ranges."""
    wb = openpyxl.load_workbook(path)
    out: dict[str, list[str]] = {}
    for cf in wb[sheet].conditional_formatting:
        for rule in cf.rules:
            if rule.formula == ['ISTEXT("crossdept")']:
                fill = rule.dxf.fill.bgColor.rgb
                out.setdefault(fill, []).extend(str(cf.sqref).split())
    return {k: sorted(v) for k, v in out.items()}


def snapshot(path: Path) -> dict[tuple[str, str], tuple]:
    """Every cell's value, formula, style and comment, as openpyxl sees them."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                out[(ws.title, c.coordinate)] = (
                    c.value, c.fill.fgColor.rgb, c.fill.fill_type, c.font.b, c.font.color.rgb if c.font.color else None,
                    c.number_format, c.comment.text if c.comment else None)
    return out


RED, AMBER, STALE, BLOCKED = (MARK_COLOURS[k][0] for k in ("overdue", "due_soon", "stale", "blocked"))


def test_marks_in_place_with_backup_words_and_colours(tmp_path: Path) -> None:
    book = make_book(tmp_path / "研发部.xlsx")
    original = book.read_bytes()
    res = run(book, "--json")
    assert res.exit_code == 1
    data = json.loads(res.stdout)["files"][0]
    assert data["status"] == "ok" and data["error"] is None
    assert [(i["id"], i["state"], i["days_overdue"], i["escalate_to"]) for i in data["issues"]] == [
        ("RD-001", "overdue", 2, "三级"), ("RD-002", "due_soon", 0, None), ("RD-003", "stale", 0, None)]
    assert [(t["id"], t["state"]) for t in data["tasks"]] == [("T1", "overdue"), ("T2", "blocked")]
    backups = list((tmp_path / BACKUP_DIR).iterdir())
    assert len(backups) == 1 and backups[0].read_bytes() == original

    rows = grid(book, "问题跟踪表")
    assert rows[1][14] == ALERT_HEADER
    assert rows[2][14] == "逾期2天，建议升级至三级（项目发起人决策）"
    assert rows[3][14] == "今天到期"
    assert rows[4][14].startswith("自2026-11-17起未更新")
    assert rows[5][14] == "" and rows[6][14] == ""
    assert rules(book, "问题跟踪表") == {RED: ["A3:O3"], AMBER: ["A4:O4"], STALE: ["L5", "O5"]}
    board = grid(book, "进度看板")
    assert board[0][12] == ALERT_HEADER and board[1][12] == "计划2026-11-19完成，已逾期1天"
    assert rules(book, "进度看板") == {RED: ["A2:M2"], BLOCKED: ["I3", "M3"]}


def test_english_words_and_the_named_lead_from_config(tmp_path: Path) -> None:
    book = make_book(tmp_path / "rd.xlsx")
    (tmp_path / "crossdept.toml").write_text('[project]\nlead = "王强"\nsponsor = "陈建国"\n', encoding="utf-8")
    run(book, lang="en")
    assert grid(book, "问题跟踪表")[2][14] == "2 days overdue, propose level 3 (project sponsor 陈建国 decides)"


def test_second_run_changes_nothing(tmp_path: Path) -> None:
    book = make_book(tmp_path / "rd.xlsx")
    run(book)
    first_bytes, first = book.read_bytes(), snapshot(book)
    res = run(book)
    assert res.exit_code == 1
    assert book.read_bytes() == first_bytes
    assert snapshot(book) == first
    assert len(list((tmp_path / BACKUP_DIR).iterdir())) == 1  # no write, so no second backup


def test_a_persons_formatting_comments_and_formulas_stay(tmp_path: Path) -> None:
    book = make_book(tmp_path / "rd.xlsx")
    before = snapshot(book)
    run(book)
    after = snapshot(book)
    ours = {k for k in after if k[1][0] in "OM" and k[0] in ("问题跟踪表", "进度看板")}
    assert {k: v for k, v in after.items() if k not in ours} == {k: v for k, v in before.items() if k not in ours}
    assert after[("问题跟踪表", "B3")][1:4] == ("FF00B0F0", "solid", True)
    assert after[("问题跟踪表", "N3")][0] == '=A3&"-备注"'
    assert after[("问题跟踪表", "D4")][6] == "请财务确认"


def test_resolved_issue_loses_its_marks_and_shows_the_persons_fill(tmp_path: Path) -> None:
    book = make_book(tmp_path / "rd.xlsx")
    run(book)
    wb = openpyxl.load_workbook(book)  # a person closes RD-001 and paints a cell, as in Excel
    wb["问题跟踪表"]["J3"] = "已解决"
    wb["问题跟踪表"]["C3"].fill = PatternFill("solid", fgColor="FFFFFF00")
    wb.save(book)
    res = run(book)
    assert res.exit_code == 1
    rows = grid(book, "问题跟踪表")
    assert rows[2][14] == "" and rows[3][14] == "今天到期"
    assert rules(book, "问题跟踪表") == {AMBER: ["A4:O4"], STALE: ["L5", "O5"]}
    after = snapshot(book)
    assert after[("问题跟踪表", "C3")][1] == "FFFFFF00" and after[("问题跟踪表", "B3")][1] == "FF00B0F0"
    # Everything resolved: no marks left at all, the header stays for the next time.
    wb = openpyxl.load_workbook(book)
    for r, status in ((4, "已关闭"), (5, "已解决")):
        wb["问题跟踪表"][f"J{r}"] = status
    wb.save(book)
    run(book)
    assert rules(book, "问题跟踪表") == {}
    assert [r[14] for r in grid(book, "问题跟踪表")[2:]] == ["", "", "", "", ""]


def test_alert_words_are_never_formulas(tmp_path: Path) -> None:
    book = make_book(tmp_path / "rd.xlsx", charter={"项目名称": "门店", "项目发起人": "=cmd|' /C calc'!A0"})
    wb = openpyxl.load_workbook(book)  # the name typed as text, as Excel stores "'=cmd..."
    wb["项目章程"]["B2"].value = "=cmd|' /C calc'!A0"
    wb["项目章程"]["B2"].data_type = "s"
    wb.save(book)
    run(book)
    cell = openpyxl.load_workbook(book)["问题跟踪表"]["O3"]
    assert cell.data_type == "s" and "=cmd|' /C calc'!A0" in cell.value
    assert not str(cell.value).startswith("=")
    xml = zipfile.ZipFile(book).read("xl/worksheets/sheet3.xml")
    assert b"<f>" not in xml.split(b'r="O3"')[1].split(b"</c>")[0]


def test_dry_run_and_out_leave_the_input_untouched(tmp_path: Path) -> None:
    book = make_book(tmp_path / "rd.xlsx")
    original = book.read_bytes()
    res = run(book, "--dry-run", "--json")
    assert res.exit_code == 1 and json.loads(res.stdout)["files"][0]["issues"]
    assert book.read_bytes() == original and not (tmp_path / BACKUP_DIR).exists()
    out = tmp_path / "marked"
    res = run(book, "--out", out)
    assert res.exit_code == 1
    assert book.read_bytes() == original and not (tmp_path / BACKUP_DIR).exists()
    assert grid(out / "rd.xlsx", "问题跟踪表")[2][14].startswith("逾期2天")
    assert losses(Package.read(book), Package.read(out / "rd.xlsx"), {"问题跟踪表": 15, "进度看板": 13}) == []


def test_nothing_to_mark_leaves_the_file_alone_and_exits_0(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "问题跟踪表"
    wb.active.append(ISSUE_HEAD)
    wb.active.append(issue("X", "2026-12-31"))
    wb.save(tmp_path / "ok.xlsx")
    original = (tmp_path / "ok.xlsx").read_bytes()
    res = run(tmp_path / "ok.xlsx")
    assert res.exit_code == 0
    assert (tmp_path / "ok.xlsx").read_bytes() == original and not (tmp_path / BACKUP_DIR).exists()


def test_unreadable_files_exit_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    res = run(tmp_path / "missing.xlsx", tmp_path / "bad.xlsx", "--json")
    assert res.exit_code == 2
    files = json.loads(res.stdout)["files"]
    assert [f["status"] for f in files] == ["unreadable", "unreadable"]
    assert "Traceback" not in res.stderr and "missing.xlsx" in res.stderr


def test_unknown_year_warns(tmp_path: Path) -> None:
    book = make_book(tmp_path / "rd.xlsx")
    res = CliRunner().invoke(app, ["highlight", str(book), "--dry-run", "--lang", "en", "--today", "2030-03-04"])
    assert res.exit_code == 1
    assert "does not know" in res.stderr and "2030" in res.stderr
    two = CliRunner().invoke(app, ["highlight", str(book), "--dry-run", "--lang", "en", "--today", "2031-01-01"])
    assert "2030, 2031 yet" in two.stderr  # years joined the English way


# --- parts openpyxl would drop ---------------------------------------------------------------


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"\x00\xff\x00\x00"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def make_rich_book(path: Path) -> Path:
    """An xlsxwriter workbook with a chart, an image, a text box, a comment, a dropdown and formulas."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("问题跟踪表")
    ws.write_row(0, 0, ISSUE_HEAD)
    for r, row in enumerate(ISSUES_ROWS, start=1):
        ws.write_row(r, 0, row)
    ws.write_formula("N2", "=LEN(B2)", None, 6)
    ws.write_comment("B3", "person's note")
    ws.data_validation("J2:J100", {"validate": "list", "source": ["待处理", "处理中", "已解决", "已关闭"]})
    ws.insert_image("Q2", "dot.png", {"image_data": io.BytesIO(tiny_png())})
    ws.insert_textbox("Q10", "看这里")
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "=问题跟踪表!$N$2:$N$2"})
    ws.insert_chart("Q20", chart)
    wb.close()
    return path


def test_charts_images_shapes_and_cached_values_survive_marking(tmp_path: Path) -> None:
    book = make_rich_book(tmp_path / "rich.xlsx")
    before = Package.read(book)
    res = run(book)
    assert res.exit_code == 1
    after = Package.read(book)
    assert sorted(after.parts) == sorted(before.parts)
    changed = {n for n in before.parts if before.parts[n] != after.parts[n]}
    assert changed == {"xl/worksheets/sheet1.xml", "xl/styles.xml"}
    assert losses(before, after, {"问题跟踪表": 15}) == []
    rows = grid(book, "问题跟踪表")
    assert rows[1][13] == 6  # the formula's cached result is still there for every reader
    assert rows[1][14].startswith("逾期2天")


def test_the_loss_check_names_what_an_openpyxl_save_drops(tmp_path: Path) -> None:
    book = make_rich_book(tmp_path / "rich.xlsx")
    resaved = tmp_path / "resaved.xlsx"
    openpyxl.load_workbook(book).save(resaved)
    lost = losses(Package.read(book), Package.read(resaved))
    text = "; ".join(lost)
    # The picture survives (openpyxl keeps images when Pillow, a crossdept dependency, is installed);
    assert "png" not in text
    assert "drawing sp" in text  # the text box: openpyxl keeps no shapes
    assert "问题跟踪表!N2" in text  # and the cached result of the formula


def test_a_signed_workbook_is_refused_in_place_but_copied_with_out(tmp_path: Path) -> None:
    book = make_book(tmp_path / "signed.xlsx")
    with zipfile.ZipFile(book, "a") as zf:
        zf.writestr("_xmlsignatures/sig1.xml", "<Signature/>")
    original = book.read_bytes()
    res = run(book, "--json", lang="en")
    assert res.exit_code == 2
    entry = json.loads(res.stdout)["files"][0]
    assert entry["status"] == "refused" and "digitally signed" in entry["error"]
    assert entry["issues"]  # the states are still listed
    assert book.read_bytes() == original and not (tmp_path / BACKUP_DIR).exists()
    res = run(book, "--out", tmp_path / "copy")
    assert res.exit_code == 1 and (tmp_path / "copy" / "signed.xlsx").exists()


def rewrite_parts(book: Path, edit) -> None:  # type: ignore[no-untyped-def]
    """Rewrite a package's parts through `edit(parts)`, as another program might have stored them."""
    with zipfile.ZipFile(book) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    edit(parts)
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def test_rows_and_cells_stored_without_positions_are_marked_in_the_right_place(tmp_path: Path) -> None:
    book = make_book(tmp_path / "odd.xlsx")

    def drop_positions(parts: dict[str, bytes]) -> None:
        # Every row loses its number, and the header row's cells (A2..N2, no gaps) their references.
        xml = re.sub(rb'<row r="\d+"', b"<row", parts["xl/worksheets/sheet2.xml"])
        parts["xl/worksheets/sheet2.xml"] = re.sub(rb'<c r="[A-N]2"', b"<c", xml)
        assert b'<row r="' not in parts["xl/worksheets/sheet2.xml"] and b'r="B2"' not in parts["xl/worksheets/sheet2.xml"]

    rewrite_parts(book, drop_positions)
    before = grid(book, "问题跟踪表")
    res = run(book)
    assert res.exit_code == 1
    after = grid(book, "问题跟踪表")
    assert [r[:14] for r in after] == [r[:14] for r in before]
    assert after[2][14].startswith("逾期2天") and after[3][14] == "今天到期"


def test_a_package_without_styles_is_refused_with_the_reason(tmp_path: Path) -> None:
    book = make_book(tmp_path / "bare.xlsx")

    def drop_styles(parts: dict[str, bytes]) -> None:
        del parts["xl/styles.xml"]
        parts["xl/_rels/workbook.xml.rels"] = re.sub(
            rb'<Relationship[^>]*styles"[^>]*/>', b"", parts["xl/_rels/workbook.xml.rels"])
        parts["[Content_Types].xml"] = re.sub(
            rb'<Override PartName="/xl/styles.xml"[^>]*/>', b"", parts["[Content_Types].xml"])

    rewrite_parts(book, drop_styles)
    original = book.read_bytes()
    res = run(book, "--json", lang="en")
    assert res.exit_code == 2
    entry = json.loads(res.stdout)["files"][0]
    assert entry["status"] == "refused" and "cannot safely write (no styles part)" in entry["error"]
    assert entry["issues"] and book.read_bytes() == original


@pytest.mark.parametrize("bad", ["file", "input-folder"])
def test_out_must_be_another_folder(tmp_path: Path, bad: str) -> None:
    book = make_book(tmp_path / "rd.xlsx")
    original = book.read_bytes()
    if bad == "file":
        (tmp_path / "f").write_text("x")
        res = run(book, "--out", tmp_path / "f")
    else:
        res = run(book, "--out", tmp_path)
    assert res.exit_code == 2
    assert book.read_bytes() == original


def test_a_control_character_in_a_configured_name_does_not_break_the_file(tmp_path: Path) -> None:
    book = make_book(tmp_path / "rd.xlsx")
    (tmp_path / "crossdept.toml").write_text('[project]\nsponsor = "陈\\u0001建国"\n', encoding="utf-8")
    res = run(book)
    assert res.exit_code == 1
    assert grid(book, "问题跟踪表")[2][14] == "逾期2天，建议升级至三级（项目发起人陈建国决策）"


def test_two_inputs_of_the_same_name_do_not_overwrite_each_other_in_out(tmp_path: Path) -> None:
    first = make_book((tmp_path / "a").mkdir() or tmp_path / "a" / "rd.xlsx")
    second = make_book((tmp_path / "b").mkdir() or tmp_path / "b" / "rd.xlsx")
    res = run(first, second, "--out", tmp_path / "out", "--json")
    assert res.exit_code == 2
    files = json.loads(res.stdout)["files"]
    assert [f["status"] for f in files] == ["ok", "refused"]
    assert files[0]["written"] == str(tmp_path / "out" / "rd.xlsx") and files[1]["written"] is None


def write_ods(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A minimal OpenDocument spreadsheet, as LibreOffice stores one: strings and ISO dates."""
    def cell(value: object) -> str:
        if value is None:
            return "<table:table-cell/>"
        text = str(value).replace("&", "&amp;").replace("<", "&lt;")
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return (f'<table:table-cell office:value-type="date" office:date-value="{text}">'
                    f"<text:p>{text}</text:p></table:table-cell>")
        return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'

    tables = "".join(
        f'<table:table table:name="{name}">'
        + "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
        + "</table:table>" for name, rows in sheets.items())
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        zf.writestr("META-INF/manifest.xml", manifest)
        zf.writestr("content.xml", content)
    return path


def test_an_ods_workbook_is_reported_but_not_marked(tmp_path: Path) -> None:
    book = write_ods(tmp_path / "研发部.ods", {"问题跟踪表": [ISSUE_HEAD, *ISSUES_ROWS]})
    original = book.read_bytes()
    res = run(book, "--json", lang="en")
    assert res.exit_code == 2
    entry = json.loads(res.stdout)["files"][0]
    assert entry["status"] == "refused" and "cannot be written into a .ods file" in entry["error"]
    assert [(i["id"], i["state"]) for i in entry["issues"]] == [
        ("RD-001", "overdue"), ("RD-002", "due_soon"), ("RD-003", "stale")]
    assert book.read_bytes() == original and not (tmp_path / BACKUP_DIR).exists()
    # Nothing to mark there: no refusal, exit 0.
    clean = write_ods(tmp_path / "clean.ods", {"问题跟踪表": [ISSUE_HEAD, issue("X", "2026-12-31")]})
    assert run(clean).exit_code == 0


def test_runs_of_rows_share_one_range(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "问题跟踪表"
    ws.append(ISSUE_HEAD)
    for row in (issue("A", "2026-11-18"), issue("B", "2026-11-19"), issue("C", "2026-11-19"),
                issue("D", "2026-12-31"), issue("E", "2026-11-02")):
        ws.append(row)
    wb.save(tmp_path / "runs.xlsx")
    run(tmp_path / "runs.xlsx")
    assert rules(tmp_path / "runs.xlsx", "问题跟踪表") == {RED: ["A2:O4", "A6:O6"]}


def test_a_malformed_worksheet_is_refused_not_crashed(tmp_path: Path) -> None:
    book = make_book(tmp_path / "bad-cols.xlsx")

    def bad_cols(parts: dict[str, bytes]) -> None:
        xml = parts["xl/worksheets/sheet2.xml"]
        parts["xl/worksheets/sheet2.xml"] = xml.replace(b"<sheetData>", b'<cols><col min="A" max="B"/></cols><sheetData>')

    rewrite_parts(book, bad_cols)
    good = make_book(tmp_path / "good.xlsx")
    res = run(book, good, "--json", lang="en")
    assert res.exit_code == 2
    entries = json.loads(res.stdout)["files"]
    assert entries[0]["status"] == "refused" and "ValueError" in entries[0]["error"]
    assert entries[1]["status"] == "ok" and entries[1]["written"]  # the other file is still marked


def test_a_write_that_fails_is_reported_for_that_file(tmp_path: Path) -> None:
    book = make_book(tmp_path / "rd.xlsx")
    (tmp_path / "out" / "rd.xlsx").mkdir(parents=True)  # the copy's name is taken by a folder
    original = book.read_bytes()
    res = run(book, "--out", tmp_path / "out", "--json", lang="en")
    assert res.exit_code == 2
    entry = json.loads(res.stdout)["files"][0]
    assert entry["status"] == "refused" and entry["error"].startswith(f"Cannot write {tmp_path / 'out' / 'rd.xlsx'}")
    assert entry["issues"] and book.read_bytes() == original


def test_derived_deadline_words_say_whether_the_deadline_was_empty_or_unreadable(tmp_path: Path) -> None:
    """Raised Monday 11-16: 一级 + 1 day = 11-17 (overdue 3 working days). A typed but unreadable
    解决时限 is quoted, so the person fixes the typo instead of being told it was left empty."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "问题跟踪表"
    ws.append(ISSUE_HEAD)
    ws.append(issue("RD-010", None))
    ws.append(issue("RD-011", "2026/11/31"))
    book = tmp_path / "研发部.xlsx"
    wb.save(book)
    assert run(book).exit_code == 1
    words = [row[14] for row in grid(book, "问题跟踪表")[1:]]
    assert words == ["逾期3天，建议升级至二级（项目负责人协调）（未填解决时限，按一级推算为2026-11-17）",
                     "逾期3天，建议升级至二级（项目负责人协调）（解决时限「2026/11/31」无法识别，按一级推算为"
                     "2026-11-17；请改为如 2026-11-20 的日期）"]
    run(book, lang="en")
    assert grid(book, "问题跟踪表")[2][14] == (
        '3 days overdue, propose level 2 (the project lead mediates) (the deadline "2026/11/31" '
        'cannot be read, so Level 1 makes it 2026-11-17; write it like 2026-11-20)')


def test_out_the_input_folder_names_both_file_and_folder(tmp_path: Path) -> None:
    book = make_book(tmp_path / "rd.xlsx")
    res = run(book, "--out", tmp_path)
    assert res.exit_code == 2
    assert f"{book}：--out 不能是输入文件所在的文件夹 {tmp_path}" in res.stderr
