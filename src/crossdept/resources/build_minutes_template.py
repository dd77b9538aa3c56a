"""Build minutes.docx, the docxtpl template of `crossdept minutes`, with python-docx.

    .venv/bin/python src/crossdept/resources/build_minutes_template.py

The template is an ordinary Word document holding jinja2 tags ({{ m.host }}, {%tr for ... %}), so
a user can open it in Word or WPS, restyle it, and pass their copy with --template. It is built
by this script rather than drawn by hand so that it stays in step with the sheet model: every
column and field label below comes from model/sheets.py, and every word is a variable (``L``,
core/minutes.labels) so the same template makes Chinese and English minutes. tests/test_minutes_template.py checks
that the committed file is what this script makes.

The variables a template may use are documented in docs/minutes.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

from crossdept.model.sheets import ISSUES, MINUTES

TEMPLATE = Path(__file__).with_name("minutes.docx")

# Fonts that Word and WPS both have on a Chinese Windows; a font named only for Latin text would
# leave Chinese in whatever the application falls back to, so East Asian fonts are set explicitly.
LATIN, BODY_CJK, HEADING_CJK = "Calibri", "宋体", "黑体"
HEAD_FILL = "D9E2F3"


def set_fonts(rpr_parent, latin: str, east_asia: str) -> None:
    """Name the Latin and East Asian fonts of a style or default, dropping theme fonts that win over names."""
    rpr = rpr_parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_parent.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin), ("w:eastAsia", east_asia)):
        fonts.set(qn(attr), name)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def style_document(doc: Document) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    set_fonts(defaults, LATIN, BODY_CJK)
    normal = styles["Normal"]
    set_fonts(normal.element, LATIN, BODY_CJK)
    normal.font.size = Pt(10.5)  # 五号
    for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 12)):
        style = styles[name]
        set_fonts(style.element, LATIN, HEADING_CJK)
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x1F, 0x1F)
        style.font.bold = True
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name in ("Header", "Footer"):
        set_fonts(styles[name].element, LATIN, BODY_CJK)


def shade(cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    props.append(shd)


def repeat_header(table: Table) -> None:
    """The head row repeats on every page a long table spans."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def set_widths(table: Table, widths: list[float]) -> None:
    """Column widths in cm, in the grid (which LibreOffice and WPS follow) and in every cell (Word)."""
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        col.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def write_cell(cell, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold


def loop_table(doc: Document, heads: list[str], widths: list[float], var: str, items: str, cells: list[str]) -> None:
    """A table whose middle row repeats once per item (docxtpl's {%tr for %} rows)."""
    table = doc.add_table(rows=4, cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, widths)
    for i, head in enumerate(heads):
        write_cell(table.rows[0].cells[i], head, bold=True)
        shade(table.rows[0].cells[i], HEAD_FILL)
        write_cell(table.rows[2].cells[i], "{{ %s.%s }}" % (var, cells[i]))
    write_cell(table.rows[1].cells[0], "{%%tr for %s in %s %%}" % (var, items))
    write_cell(table.rows[3].cells[0], "{%tr endfor %}")
    repeat_header(table)


def info_table(doc: Document) -> None:
    """The meeting's header block, labelled as on the sheet (in the language of the run)."""
    label = {f.key: "{{ L.field.%s }}" % f.key for f in MINUTES.fields}
    pairs = [("meeting_type", "date"), ("time", "place"), ("host", "recorder")]
    wide = ["attendees", "absentees"]
    table = doc.add_table(rows=len(pairs) + len(wide), cols=4)
    table.style = "Table Grid"
    set_widths(table, [2.6, 5.9, 2.6, 5.9])  # before merging, so a merged cell spans the sum
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, keys in enumerate(pairs):
        for c, key in enumerate(keys):
            write_cell(table.rows[r].cells[2 * c], label[key], bold=True)
            shade(table.rows[r].cells[2 * c], HEAD_FILL)
            write_cell(table.rows[r].cells[2 * c + 1], "{{ m.%s }}" % key)
    for r, key in enumerate(wide, start=len(pairs)):
        row = table.rows[r]
        write_cell(row.cells[0], label[key], bold=True)
        shade(row.cells[0], HEAD_FILL)
        merged = row.cells[1].merge(row.cells[3])
        write_cell(merged, "{{ m.%s }}" % key)


def only_if_empty(doc: Document, var: str, text: str) -> None:
    doc.add_paragraph("{%%p if not %s %%}" % var)
    doc.add_paragraph(text)
    doc.add_paragraph("{%p endif %}")


def titled_document(subtitle: str) -> Document:
    """A styled A4 document with the project in its header, the archive name in its footer, the
    project as title and `subtitle` under it: the frame of every crossdept Word template."""
    doc = Document()
    style_document(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.header.paragraphs[0].text = "{{ project }}"
    section.footer.paragraphs[0].text = "{{ archive_name }}"
    section.footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("{{ project }}", style="Title")
    doc.add_paragraph(subtitle, style="Heading 1").alignment = WD_ALIGN_PARAGRAPH.CENTER
    return doc


def build(path: Path = TEMPLATE) -> Path:
    doc = titled_document("{{ m.meeting_name }}")
    info_table(doc)
    deadline = doc.add_paragraph()
    deadline.add_run("{{ L.deadline }}{{ L.colon }}").bold = True
    deadline.add_run("{{ distribute_by }}{{ L.deadline_note }}")

    col = {c.key: "{{ L.col.%s }}" % c.key for c in MINUTES.columns}
    doc.add_paragraph("{{ L.topics }}", style="Heading 2")
    loop_table(doc, [col[k] for k in ("no", "topic", "department", "discussion", "decision")],
               [1.2, 3.2, 2.0, 5.3, 5.3], "i", "topics", ["no", "topic", "department", "discussion", "decision"])
    only_if_empty(doc, "topics", "{{ L.no_topics }}")

    doc.add_paragraph("{{ L.actions }}", style="Heading 2")
    loop_table(doc, [col[k] for k in ("no", "action", "owner", "due", "status")],
               [1.2, 8.6, 2.6, 2.8, 1.8], "a", "actions", ["no", "action", "owner", "due", "status"])
    only_if_empty(doc, "actions", "{{ L.no_actions }}")

    doc.add_paragraph("{{ L.carried }}", style="Heading 2")
    loop_table(doc, ["{{ L.meeting }}", "{{ L.meeting_date }}", col["action"], col["owner"], col["due"], col["status"],
                     "{{ L.days_overdue }}"],
               [3.4, 2.2, 4.8, 1.8, 2.3, 1.5, 1.5], "c", "carried_over",
               ["meeting", "meeting_date", "action", "owner", "due", "status", "days_overdue"])
    only_if_empty(doc, "carried_over", "{{ L.no_carried }}")

    issue = {c.key: "{{ L.issue.%s }}" % c.key for c in ISSUES.columns}
    doc.add_paragraph("{{ L.appendix }}{{ m.date }}{{ L.appendix_end }}", style="Heading 2")
    loop_table(doc, [issue["id"], issue["description"], issue["owner"], issue["owner_dept"], issue["due"],
                     issue["level"], "{{ L.days_overdue }}", "{{ L.escalate_to }}"],
               [1.8, 4.4, 1.5, 1.6, 2.3, 1.3, 1.3, 2.8], "o", "overdue",
               ["id", "description", "owner", "owner_dept", "due", "level", "days_overdue", "escalate_to"])
    only_if_empty(doc, "overdue", "{{ L.no_overdue }}")

    doc.core_properties.title = "会议纪要"  # the writer sets the real title (properties are not escaped)
    doc.core_properties.author = "crossdept"
    doc.save(path)
    return path


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
