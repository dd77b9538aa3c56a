"""The two shortcuts of marking, held to what they replace.

- package_check.edited_only_by_marks proves a marked sheet lost nothing from its bytes; every
  tampered sheet below (a value, a cell, a merged range, a person's rule, a comment) is not
  proven, and losses() then names what is lost, as the cell-by-cell comparison always did.
- xlsx_marks.already_marked proves a rerun changes nothing; each sheet below that the editor
  would change (or refuse) is not proven, and the editor's verdict stands. Over the peer
  workbooks (XML from many writers) its answer is checked against the editor's own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import pytest
import xlsxwriter

from conftest import SHARED
from crossdept.model.sheets import ISSUES
from crossdept.write.marks import RowMark, SheetPlan
from crossdept.write.ooxml import Package, PackageError, number_cells, parse_xml, to_xml
from crossdept.write.package_check import edited_only_by_marks, losses
from crossdept.write.xlsx_marks import SheetEditor, _numbered, already_marked, ensure_dxfs, mark_package, same_xml

SHEET = "xl/worksheets/sheet1.xml"
HEADERS = [c.header for c in ISSUES.columns]
PLAN = {2: RowMark(2, "overdue", [], "逾期2天 & <立即>"), 3: RowMark(3, None, [(2, "stale")], "=1+1 不是公式"),
        5: RowMark(5, "due_soon", [], "明天到期")}


def book_bytes() -> bytes:
    """A 问题跟踪表 of five issues with a formula, a merged range and a person's own rule, by XlsxWriter."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"created": dt.datetime(2026, 11, 1)})
    ws = wb.add_worksheet("问题跟踪表")
    ws.write_row(0, 0, HEADERS)
    for r in range(1, 6):
        ws.write_row(r, 0, [f"RD-{r}", f"问题{r}", "上线", "2026-11-02", "张伟", "研发部", "2026-11-18", "一级",
                            "处理中"])
    ws.write_formula("N2", "=LEN(B2)", None, 3)
    ws.merge_range("K6:L6", "合并")
    ws.conditional_format("A2:A6", {"type": "cell", "criteria": "==", "value": '"RD-1"',
                                    "format": wb.add_format({"bold": True})})
    wb.close()
    return buf.getvalue()


def marked(plan_rows: dict[int, RowMark] | None = None) -> tuple[Package, Package, int]:
    """The workbook as read, the marked package (written and read back) and the alert column."""
    pkg = Package.read(book_bytes())
    result = mark_package(pkg, [SheetPlan("问题跟踪表", 1, 1, len(HEADERS), None, dict(plan_rows or PLAN))])
    return pkg, Package.read(pkg.to_bytes(result.changed)), result.alert_cols["问题跟踪表"]


# --- the loss check ---------------------------------------------------------------------------


def test_a_marked_sheet_is_proven_lossless_on_its_bytes() -> None:
    before, after, col = marked()
    assert edited_only_by_marks(before.parts[SHEET], after.parts[SHEET], col)
    assert losses(before, before.overlay({SHEET: after.parts[SHEET]}), {"问题跟踪表": col}) == []


TAMPERED = {
    "a value": (lambda x: re.sub(rb'(<c r="H4"[^>]*><v>)\d+', rb"\g<1>999", x, count=1), "问题跟踪表!H4"),
    "a cell": (lambda x: re.sub(rb'<c r="B3"[^>]*>.*?</c>', b"", x, count=1), "问题跟踪表!B3"),
    "a formula": (lambda x: x.replace(b"<f>LEN(B2)</f>", b""), "问题跟踪表!N2"),
    "a merged range": (lambda x: re.sub(rb"<mergeCells.*?</mergeCells>", b"", x), "mergeCell ×1"),
    "a person's rule": (lambda x: re.sub(rb'<conditionalFormatting sqref="A2:A6">.*?</conditionalFormatting>', b"", x),
                        "conditionalFormatting ×1"),
    "a cell hidden in a comment": (lambda x: re.sub(rb'(<c r="B4"[^>]*>.*?</c>)', rb"<!--\1-->", x, count=1),
                                   "问题跟踪表!B4"),
    "a cell moved into the alert column": (lambda x: re.sub(rb'<c r="I3"[^>]*>.*?</c>', b"", x, count=1),
                                           "问题跟踪表!I3"),
}


@pytest.mark.parametrize("what", sorted(TAMPERED))
def test_a_sheet_that_lost_something_is_not_proven_and_the_loss_is_named(what: str) -> None:
    before, after, col = marked()
    edit, named = TAMPERED[what]
    tampered = edit(after.parts[SHEET])
    assert tampered != after.parts[SHEET]
    assert not edited_only_by_marks(before.parts[SHEET], tampered, col)
    lost = losses(before, before.overlay({SHEET: tampered}), {"问题跟踪表": col})
    assert any(named in item for item in lost), lost


def test_only_the_alert_column_is_crossdepts_own() -> None:
    """A value in the alert column may change; the same change one column left is a loss."""
    before, after, col = marked()
    xml = after.parts[SHEET]
    assert edited_only_by_marks(before.parts[SHEET], xml, col)
    assert not edited_only_by_marks(before.parts[SHEET], xml, col - 1)
    assert not edited_only_by_marks(before.parts[SHEET], xml, None)


# --- a rerun ----------------------------------------------------------------------------------


def rerun(pkg: Package, col: int, rows: dict[int, RowMark]) -> tuple[bytes, SheetPlan, dict[str, int]]:
    _, dxf_ids = ensure_dxfs(pkg.parts[pkg.styles])
    return pkg.parts[SHEET], SheetPlan("问题跟踪表", 1, 1, len(HEADERS), col, rows), dxf_ids


def editor_keeps(xml: bytes, plan: SheetPlan, dxf_ids: dict[str, int]) -> bool:
    """The editor's own verdict (what mark_package decided before the shortcut)."""
    editor = SheetEditor(xml, plan)
    new = editor.apply(dxf_ids)
    return new is None or (not editor.edited and same_xml(new, xml))


def test_a_rerun_with_the_same_plan_is_proven_unchanged() -> None:
    _, after, col = marked()
    xml, plan, dxf_ids = rerun(after, col, dict(PLAN))
    assert already_marked(xml, plan, dxf_ids) and editor_keeps(xml, plan, dxf_ids)
    assert mark_package(after, [plan]).changed == {}


CHANGED_PLANS = {
    "other words": {**PLAN, 2: RowMark(2, "overdue", [], "逾期3天")},
    "a row newly marked": {**PLAN, 4: RowMark(4, "overdue", [], "逾期1天")},
    "a mark gone": {k: v for k, v in PLAN.items() if k != 5},
    "another colour": {**PLAN, 5: RowMark(5, "overdue", [], "明天到期")},
    "a stale cell moved": {**PLAN, 3: RowMark(3, None, [(4, "stale")], "=1+1 不是公式")},
    "nothing left": {},
}


@pytest.mark.parametrize("what", sorted(CHANGED_PLANS))
def test_a_rerun_whose_plan_changes_anything_is_left_to_the_editor(what: str) -> None:
    _, after, col = marked()
    xml, plan, dxf_ids = rerun(after, col, CHANGED_PLANS[what])
    assert not editor_keeps(xml, plan, dxf_ids)
    assert not already_marked(xml, plan, dxf_ids)


CHANGED_SHEETS = {
    "a value typed into the alert column": lambda x, c: re.sub(
        rb'(<c r="' + c + rb'4")/>', rb'\1 t="n"><v>7</v></c>', x) if b'<c r="' + c + b'4"/>' in x else re.sub(
        rb"(<row r=\"4\"[^>]*>.*?)</row>", rb'\1<c r="' + c + rb'4"><v>7</v></c></row>', x, count=1),
    "a cell without its position": lambda x, c: x.replace(b'<c r="A3" ', b"<c ", 1),
    "a narrower dimension": lambda x, c: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:B2"/>', x),
    "crossdept's rule widened": lambda x, c: x.replace(b'sqref="A2:' + c + b'2', b'sqref="A2:' + c + b'3', 1),
    "the words as a shared string": lambda x, c: re.sub(
        rb'<c r="' + c + rb'5" t="inlineStr"><is><t>[^<]*</t></is></c>', rb'<c r="' + c + rb'5" t="s"><v>0</v></c>', x),
    "a row nested in a cell": lambda x, c: x.replace(b"<v>3</v>", b'<v>3<row r="9"/></v>', 1),
}


@pytest.mark.parametrize("what", sorted(CHANGED_SHEETS))
def test_a_rerun_on_a_sheet_the_editor_would_change_is_left_to_it(what: str) -> None:
    _, after, col = marked()
    xml, plan, dxf_ids = rerun(after, col, dict(PLAN))
    letters = re.search(rb'<c r="([A-Z]+)2" t="inlineStr">', xml).group(1)  # the alert column
    tampered = CHANGED_SHEETS[what](xml, letters)
    assert tampered != xml
    assert not already_marked(tampered, plan, dxf_ids)


@pytest.mark.parametrize("broken", [b'<row r="2"><c r="A2"></row>', b'<row r="2" x9:odd="1">'])
def test_xml_the_editor_refuses_is_still_refused(broken: bytes) -> None:
    _, after, col = marked()
    xml, plan, dxf_ids = rerun(after, col, dict(PLAN))
    tampered = re.sub(rb'<row r="2"[^>]*>', broken, xml, count=1)
    assert not already_marked(tampered, plan, dxf_ids)
    with pytest.raises(PackageError):
        mark_package(after.overlay({SHEET: tampered}), [plan])


def test_on_every_peer_sheet_the_rerun_proof_agrees_with_the_editor() -> None:
    """XML from Excel, LibreOffice, POI...: marked once, then the same plan (unchanged) and another."""
    folder = SHARED / "peer-workbooks" / "calamine"
    if not folder.is_dir():
        pytest.skip("../shared/peer-workbooks is not beside this clone (CI has it; a user's clone does not)")
    proven = 0
    for path in sorted(folder.glob("*.xls[xm]")):
        try:
            pkg = Package.read(path)
            sheet = next(iter(pkg.sheets))
            plan = SheetPlan(sheet, 1, 1, 3, None, dict(PLAN))
            result = mark_package(pkg, [plan])
            again = Package.read(pkg.to_bytes(result.changed))
        except (PackageError, StopIteration, ValueError, KeyError):
            continue
        _, dxf_ids = ensure_dxfs(again.parts[again.styles])
        xml = again.parts[again.sheets[sheet]]
        col = result.alert_cols[sheet]
        for rows in (dict(PLAN), CHANGED_PLANS["other words"], CHANGED_PLANS["a mark gone"]):
            rerun_plan = dataclasses.replace(plan, alert_col=col, rows=rows)
            verdict = already_marked(xml, rerun_plan, dxf_ids)
            assert not verdict or editor_keeps(xml, rerun_plan, dxf_ids), path
            proven += verdict
    assert proven >= 20


# --- the editor's numbering shortcut ----------------------------------------------------------

UNNUMBERED = {
    "a row without r": lambda x: x.replace(b'<row r="3"', b"<row", 1),
    "a cell without r": lambda x: x.replace(b'<c r="B2"', b"<c", 1),
    "r after another attribute": lambda x: re.sub(rb'<c r="B2"( [^>]*)?>', rb'<c\1 r="B2">', x, count=1),
    "a three-letter column": lambda x: x.replace(b'<c r="B2"', b'<c r="AAB2"', 1),
    "a comment in the rows": lambda x: x.replace(b'<row r="3"', b'<!-- <c r="A1"/> --><row r="3"', 1),
}


def _numbering_changes(xml: bytes) -> bool:
    root = parse_xml(xml)
    before = to_xml(root)
    number_cells(root)
    return to_xml(root) != before


@pytest.mark.parametrize("what", sorted(UNNUMBERED))
def test_numbering_is_skipped_only_when_the_bytes_state_every_position(what: str) -> None:
    """SheetEditor skips number_cells when _numbered(xml): never when a position is left implicit
    or stated in a way the byte patterns do not recognise."""
    xml = Package.read(book_bytes()).parts[SHEET]
    assert _numbered(xml) is not None and not _numbering_changes(xml)
    tampered = UNNUMBERED[what](xml)
    assert tampered != xml
    assert _numbered(tampered) is None


def peer_sheets() -> list[bytes]:
    """Every worksheet of the peer workbooks (XML from Excel, LibreOffice, POI...); none when
    ../shared is not beside this clone."""
    folder = SHARED / "peer-workbooks" / "calamine"
    sheets: list[bytes] = []
    for path in sorted(folder.glob("*.xls[xm]")) if folder.is_dir() else ():
        try:
            pkg = Package.read(path)
            sheets += [pkg.parts[part] for part in pkg.sheets.values()]
        except (PackageError, ValueError, KeyError):
            continue
    return sheets


def test_on_every_peer_sheet_numbering_is_skipped_only_when_it_changes_nothing() -> None:
    sheets = peer_sheets()
    if not sheets:
        pytest.skip("../shared/peer-workbooks is not beside this clone (CI has it; a user's clone does not)")
    skipped = 0
    for xml in sheets:
        if _numbered(xml) is not None:
            assert not _numbering_changes(xml)
            skipped += 1
    assert skipped >= 20


def test_on_every_peer_sheet_the_editors_shortcuts_change_no_byte() -> None:
    """A first marking with the editor's shortcuts (no row walked when the new cells end their
    rows; the rows not searched for rules when their bytes hold none) writes what walking and
    searching everything writes: on every peer sheet, and on the test book, tampered or not."""
    book = Package.read(book_bytes()).parts[SHEET]
    peers = peer_sheets()
    sheets = [book, *(fn(book) for fn in UNNUMBERED.values()), *peers]
    placed = 0
    for xml in sheets:
        results = []
        for shortcut in (True, False):
            try:
                editor = SheetEditor(xml, SheetPlan("s", 1, 1, 3, None, dict(PLAN)))
            except PackageError:
                break
            placed += shortcut and editor.rightmost is not None
            if not shortcut:  # as before the shortcuts: every row walked, searched for rules
                editor.rightmost, editor.rules_outside_rows = None, False
            try:
                results.append(editor.apply({"overdue": 0, "due_soon": 1, "stale": 2, "blocked": 3}))
            except PackageError as exc:
                results.append(str(exc).encode())
        assert len(set(results)) <= 1
    assert placed >= 1 + (20 if peers else 0)
