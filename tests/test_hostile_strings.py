"""Hostile text in every cell a person types, through every output crossdept writes (issue 13).

A department typed as "研发_x0007_部" (Excel's escape for BEL; every reader decodes it to the control
character), IDs with terminal escape sequences, lone surrogates, 40,000-character notes: every XML
part of every output must still parse with a strict XML parser (lxml without recover), every
workbook must open in openpyxl, and no cell may exceed Excel's 32,767 characters.
"""

from __future__ import annotations

import email
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from typer.testing import CliRunner

from crossdept.cli import app
from crossdept.model.sheets import ALL_SHEETS
from crossdept.write.xmlsafe import CUT_MARK, MAX_CELL_CHARS, cell_text, xml_text
from conftest import ROOT

SAMPLES = ROOT / "samples" / "智慧门店上线"
BEL = "研发_x0007_部"              # decoded by readers to 研发\x07部
LONG = "长" * 40_000
STRICT = etree.XMLParser(recover=False, resolve_entities=False, huge_tree=True)


# Words crossdept recognises (headers, labels, allowed values) stay as typed, so the sheets still read.
KNOWN = {text for spec in ALL_SHEETS for col in (*spec.columns, *spec.fields)
         for text in (col.header, col.alias, *col.aliases,
                      *((c for ch in col.choices.items for c in (ch.value, ch.en, *ch.aliases)) if col.choices else ()))}
SUFFIXES = ("_x0007_", "_x001B_]0;owned_x0007_", "_xD800_", "_x000C_\u202e")


def _hostile_project(folder: Path) -> Path:
    """The sample project with hostile text typed into its cells: 研发部 renamed with a BEL in the
    middle, a control sequence or a lone surrogate after other text, and 40,000 characters in some."""
    shutil.copytree(SAMPLES, folder)
    n = 0
    for path in sorted(folder.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows(min_row=3):
                for cell in row:
                    value = cell.value
                    if not isinstance(value, str) or cell.data_type == "f":
                        continue
                    if value == "研发部":
                        cell.value = BEL
                    elif value.strip() not in KNOWN and "例会" not in value:
                        n += 1
                        cell.value = value + (LONG if n % 25 == 0 else SUFFIXES[n % len(SUFFIXES)])
        wb.save(path)
    return folder


def _xml_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if n.endswith((".xml", ".rels", ".vml"))]
        for name in names:
            try:
                etree.fromstring(zf.read(name), STRICT)  # raises on any character XML 1.0 forbids
            except etree.XMLSyntaxError as exc:
                raise AssertionError(f"{path.name}!{name}: {exc}") from None
    return names


def _cells_within_limit(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert len(cell.value) <= MAX_CELL_CHARS, (path.name, ws.title, cell.coordinate)


def test_the_sanitiser_keeps_xml_characters_and_cuts_visibly() -> None:
    assert xml_text("a\x07b\x00c\ud800d\ufffee\tf\ng") == "abcde\tf\ng"
    assert xml_text("😀 中文 \u202e") == "😀 中文 \u202e"  # astral and bidi characters are XML characters
    cut = cell_text("x" * 40_000)
    assert len(cut) == MAX_CELL_CHARS and cut.endswith(CUT_MARK)
    assert cell_text("x" * MAX_CELL_CHARS) == "x" * MAX_CELL_CHARS


def test_the_printable_shortcut_keeps_exactly_the_xml_characters() -> None:
    """xml_text returns a printable text as it is: over every code point, what it keeps is what
    XML 1.0 allows (tab, CR, LF, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 up), shortcut or not."""
    def allowed(c: int) -> bool:
        return c in (0x9, 0xA, 0xD) or 0x20 <= c <= 0xD7FF or 0xE000 <= c <= 0xFFFD or c >= 0x10000

    kept = [xml_text(chr(c)) == chr(c) for c in range(0x110000)]
    assert [c for c in range(0x110000) if kept[c] != allowed(c)] == []
    assert xml_text("中\x07文\ud800") == "中文" and xml_text("".join(map(chr, range(0x20, 0x3000)))) == "".join(
        map(chr, range(0x20, 0x3000)))


def test_every_output_of_a_weekly_run_is_strict_xml(tmp_path: Path) -> None:
    folder = _hostile_project(tmp_path / "proj")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["weekly", str(folder), "--out", str(out), "--today", "2026-11-20",
                                      "--lang", "en"])
    assert result.exit_code in (0, 1), result.output
    outputs = sorted(p for p in out.rglob("*") if p.is_file())
    zips = [p for p in outputs if p.suffix in (".xlsx", ".docx")]
    assert {p.suffix for p in zips} == {".xlsx", ".docx"}
    for path in zips:
        assert _xml_parts(path), path
        if path.suffix == ".xlsx":
            _cells_within_limit(path)
    eml = next(p for p in outputs if p.suffix == ".eml")
    message = email.message_from_bytes(eml.read_bytes())
    for part in message.walk():
        if part.get_content_type() in ("text/plain", "text/html"):
            text = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
            assert "\x1b" not in text and "\x07" not in text


@pytest.mark.parametrize("command", ["rollup", "validate", "highlight"])
def test_each_writer_alone_writes_strict_xml(tmp_path: Path, command: str) -> None:
    folder = _hostile_project(tmp_path / "proj")
    book = folder / "智慧门店上线-项目总表.xlsx"
    out = tmp_path / "out"
    args = {
        "rollup": ["rollup", str(folder), "-o", str(out / "r.xlsx")],
        "validate": ["validate", str(book), "--annotate", str(out)],
        "highlight": ["highlight", str(book), "--out", str(out)],
    }[command]
    result = CliRunner().invoke(app, [*args, "--today", "2026-11-20", "--lang", "en"])
    assert result.exit_code in (0, 1), result.output
    written = [p for p in out.rglob("*.xlsx")]
    assert written
    for path in written:
        _xml_parts(path)
        _cells_within_limit(path)
