"""Apply a marks plan (write/marks.py) to an .xlsx/.xlsm package, touching nothing else.

Three kinds of edit, each idempotent:
- the alert column: inline-string cells in the one column crossdept owns (a cell's own style is
  kept; a cell crossdept created and no longer needs is removed again);
- colours: conditional-formatting rules whose formula is MARK_FORMULA (always true, and
  crossdept's signature) over exactly the marked cells; old ones are replaced, a person's rules are kept
  above in order but below ours in priority, and a person's direct fills, fonts, comments and
  formulas are never edited, so they reappear untouched once a mark goes;
- the four differential styles (dxf) those rules use, added to styles.xml once and then reused.
Written strings are inline strings, so a text starting with "=" is never a formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from crossdept.cellref import column_index, column_letter, range_bounds  # not openpyxl.utils: its import loads all openpyxl
from crossdept.write.marks import (ALERT_HEADER, ALERT_WIDTH, KIND_ORDER, MARK_COLOURS, MARK_FORMULA, SheetPlan,
                                   is_mark_formula)
from crossdept.write.ooxml import Package, PackageError, local, number_cells, parse_xml, to_xml
from crossdept.write.xmlsafe import ooxml_text

_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_SPANS = re.compile(r"(\d+):(\d+)")

# CT_Worksheet children up to conditionalFormatting; ours go after the last of these present.
_BEFORE_CF = ("sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
              "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
              "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting")
# CT_Stylesheet children after dxfs.
_AFTER_DXFS = ("tableStyles", "colors", "extLst")


# Column letters -> index, for every column a valid reference named so far: a sheet of 100,000s of
# cells names a few dozen columns, and splitting each reference with the regex was most of the editing.
_COLUMNS: dict[str, int] = {}


def split_ref(ref: str, sheet: str) -> tuple[int, int]:
    """(row, column) of a cell reference such as "P12"; PackageError when it is not one."""
    letters = ref.rstrip("0123456789") if ref else ""
    col = _COLUMNS.get(letters)
    if col is not None and len(letters) < len(ref):  # letters known valid, ASCII digits follow
        return int(ref[len(letters):]), col
    m = _REF.match(ref or "")
    if not m:
        raise PackageError(f"cell reference {ref!r}", sheet)
    col = _COLUMNS[m.group(1)] = column_index(m.group(1))
    return int(m.group(2)), col


def ref_column(ref: str, sheet: str) -> int:
    """The column of a cell reference: split_ref's, without making the row a number."""
    letters = ref.rstrip("0123456789")
    col = _COLUMNS.get(letters)
    return col if col is not None and len(letters) < len(ref) else split_ref(ref, sheet)[1]


# --- styles -----------------------------------------------------------------------------------


def _dxf(ns: str, kind: str) -> etree._Element:
    fill_rgb, font_rgb = MARK_COLOURS[kind]
    dxf = etree.Element(f"{{{ns}}}dxf", nsmap={None: ns})
    font = etree.SubElement(dxf, f"{{{ns}}}font")
    etree.SubElement(font, f"{{{ns}}}color", rgb=font_rgb)
    fill = etree.SubElement(dxf, f"{{{ns}}}fill")
    pattern = etree.SubElement(fill, f"{{{ns}}}patternFill")
    etree.SubElement(pattern, f"{{{ns}}}bgColor", rgb=fill_rgb)
    return dxf


def _shape(el: etree._Element) -> tuple:
    """An element as namespaces, names, attributes, text and children, whatever its prefixes:
    `<x:dxf>` written by the .NET Open XML SDK is the same format as crossdept's `<dxf>`."""
    return (el.tag, tuple(sorted(el.attrib.items())), (el.text or "").strip(),
            tuple(_shape(c) for c in el if isinstance(c.tag, str)))


def _formats(dxfs: etree._Element) -> list[etree._Element | None]:
    """The dxfs' entries in index order, each a dxf. An mc:AlternateContent counts as one entry
    (its Fallback's dxf, or its first Choice's, is what a reader without the extension uses);
    one holding no dxf is None, still taking its index."""
    out: list[etree._Element | None] = []
    for child in dxfs:
        name = local(child)
        if name == "dxf":
            out.append(child)
        elif name == "AlternateContent":
            branches = sorted(child, key=lambda b: local(b) != "Fallback")
            out.append(next((d for b in branches for d in b if local(d) == "dxf"), None))
    return out


def ensure_dxfs(styles_xml: bytes) -> tuple[bytes, dict[str, int]]:
    """styles.xml holding crossdept's four dxfs (added once), and each kind's dxf index."""
    root = parse_xml(styles_xml)
    ns = etree.QName(root).namespace or ""
    dxfs = root.find(f"{{{ns}}}dxfs")
    if dxfs is None:
        dxfs = etree.Element(f"{{{ns}}}dxfs")
        after = next((c for c in root if local(c) in _AFTER_DXFS), None)
        if after is not None:
            after.addprevious(dxfs)
        else:
            root.append(dxfs)
    existing = _formats(dxfs)
    shapes = [_shape(el) if el is not None else None for el in existing]
    ids = {}
    for kind in KIND_ORDER:
        wanted = _shape(_dxf(ns, kind))
        index = next((i for i, shape in enumerate(shapes) if shape == wanted), None)
        if index is None:
            fresh = etree.SubElement(dxfs, f"{{{ns}}}dxf")
            fresh.extend(list(_dxf(ns, kind)))
            shapes.append(wanted)
            index = len(shapes) - 1
        ids[kind] = index
    dxfs.set("count", str(len(shapes)))
    return to_xml(root), ids


# --- one worksheet ----------------------------------------------------------------------------


class SheetEditor:
    """One worksheet's XML and the edits marking makes to it."""

    def __init__(self, xml: bytes | etree._Element, plan: SheetPlan, cells: bool = True) -> None:
        """`cells=False` (a tree already parsed, for sheet-level edits only) leaves the cells unindexed."""
        self.root = parse_xml(xml) if isinstance(xml, bytes) else xml
        self.plan = plan
        self.alert_col: int | None = plan.alert_col
        self.ns = etree.QName(self.root).namespace or ""
        data = self.root.find(self.q("sheetData"))
        if data is None:
            raise PackageError("no sheetData", plan.sheet)
        self.data = data
        self.rows: dict[int, etree._Element] = {}
        # No cell lies right of this column, when the sheet's bytes show it (None: not known); a
        # new cell there or further right ends its row, so put_text need not walk the row to place it.
        self.rightmost: int | None = None
        self.rules_outside_rows = False  # True when the bytes show no cfRule among the rows
        if cells:
            inner = _numbered(xml) if isinstance(xml, bytes) else None
            if inner is None:
                number_cells(self.root)  # its walk over every cell in Python: skipped when the bytes show it has nothing to do
            else:
                self.rightmost = max(map(column_index, {m.decode() for m in _CELL_LETTERS.findall(inner)}), default=0)
                self.rules_outside_rows = b"cfRule" not in inner
            self.rows = {int(row.get("r")): row for row in data.iterchildren(self.q("row"))}
        # Set by an edit that surely changes the XML (a cell added or removed, contents dropped):
        # then the new part differs and comparing canonical forms (two parses) is not needed.
        self.edited = False

    def q(self, tag: str) -> str:
        return f"{{{self.ns}}}{tag}"

    # cells

    def cells(self, row: etree._Element, from_right: bool = False) -> Iterable[tuple[int, etree._Element]]:
        """(column, cell) of a row, in order or from the right (the alert column is near the end)."""
        sheet = self.plan.sheet
        for c in row.iterchildren(self.q("c"), reversed=from_right):
            yield ref_column(c.get("r", ""), sheet), c

    def cell(self, row_no: int, col: int) -> etree._Element | None:
        """The cell at (row, col): the first from the right whose column is not past `col`, if it is `col`."""
        row = self.rows.get(row_no)
        if row is None:
            return None
        sheet = self.plan.sheet
        for c in row.iterchildren(self.q("c"), reversed=True):
            cc = ref_column(c.get("r", ""), sheet)
            if cc <= col:
                return c if cc == col else None
        return None

    def has_content(self, c: etree._Element) -> bool:
        return any(local(child) in ("v", "f", "is") for child in c)

    def merged_columns(self) -> set[int]:
        """Columns covered by a merged range reaching the header row or below."""
        out: set[int] = set()
        for merge in self.root.iter(self.q("mergeCell")):
            try:
                c1, _r1, c2, r2 = range_bounds(merge.get("ref", ""))
            except (ValueError, TypeError):
                continue
            if r2 is not None and r2 >= self.plan.header_row:
                out.update(range(c1, c2 + 1))
        return out

    def free_column(self) -> int:
        """The first column right of the table with nothing in it from the header row down."""
        used: set[int] = set(self.merged_columns())
        for row_no, row in self.rows.items() if self.rightmost is None or self.rightmost > self.plan.last_col else ():
            if row_no >= self.plan.header_row:
                for col, c in self.cells(row, from_right=True):
                    if col <= self.plan.last_col:
                        break
                    if self.has_content(c):
                        used.add(col)
        col = self.plan.last_col + 1
        while col in used:
            col += 1
        if col > 16384:
            raise PackageError("no free column for the alert column", self.plan.sheet)
        return col

    def row(self, row_no: int) -> etree._Element:
        row = self.rows.get(row_no)
        if row is not None:
            return row
        row = etree.Element(self.q("row"), r=str(row_no))
        following = next((self.rows[r] for r in sorted(self.rows) if r > row_no), None)
        if following is not None:
            following.addprevious(row)
        else:
            self.data.append(row)
        self.rows[row_no] = row
        return row

    def put_text(self, row_no: int, col: int, text: str, style: str | None = None, fresh: bool = False) -> None:
        """An inline-string cell, keeping the style a cell already has there. `fresh`: the caller
        knows the row has no cell in `col` or right of it (nothing to look up)."""
        row = self.row(row_no)
        c = None if fresh else self.cell(row_no, col)
        if c is None:
            c = etree.Element(self.q("c"), r=f"{column_letter(col)}{row_no}")
            if style is not None:
                c.set("s", style)
            ends_row = fresh or (self.rightmost is not None and col >= self.rightmost)
            after = None if ends_row else self._first_right_of(row, col)
            if after is not None:
                after.addprevious(c)
            else:
                row.append(c)
            self._widen_spans(row, col)
            self.edited = True
        else:  # a cell crossdept made last time, or a person's: its words and type go
            for child in list(c):
                c.remove(child)
            for attr in ("t", "cm", "vm"):
                c.attrib.pop(attr, None)
        c.set("t", "inlineStr")
        inline = etree.SubElement(c, self.q("is"))
        etree.SubElement(inline, self.q("t")).text = ooxml_text(text)

    def _first_right_of(self, row: etree._Element, col: int) -> etree._Element | None:
        """The first cell from the left whose column is right of `col`: a new cell goes before it."""
        sheet = self.plan.sheet
        for c in row.iterchildren(self.q("c")):
            if ref_column(c.get("r", ""), sheet) > col:
                return c
        return None

    def clear(self, row_no: int, col: int) -> None:
        """Remove crossdept's words from a cell; the cell goes when it has no style of its own."""
        c = self.cell(row_no, col)
        if c is None:
            return
        if c.get("s") is None:
            c.getparent().remove(c)
            self.edited = True
            return
        if len(c) or c.get("t") is not None:
            self.edited = True
        for child in list(c):
            c.remove(child)
        c.attrib.pop("t", None)

    @staticmethod
    def _widen_spans(row: etree._Element, col: int) -> None:
        spans = row.get("spans")
        if spans is None:
            return
        m = _SPANS.fullmatch(spans)
        if m:
            row.set("spans", f"{min(int(m.group(1)), col)}:{max(int(m.group(2)), col)}")
        else:
            del row.attrib["spans"]

    # sheet-level bookkeeping

    def widen_dimension(self, col: int, last_row: int) -> None:
        dim = self.root.find(self.q("dimension"))
        if dim is None:
            return
        try:
            c1, r1, c2, r2 = range_bounds(dim.get("ref", ""))
        except (ValueError, TypeError):
            return
        if c1 is None or r1 is None:
            return
        c2, r2 = max(c2 or c1, col), max(r2 or r1, last_row)
        dim.set("ref", f"{column_letter(c1)}{r1}:{column_letter(c2)}{r2}")

    def set_width(self, col: int) -> None:
        """A readable width for a new alert column, unless the person set one already."""
        cols = self.root.find(self.q("cols"))
        if cols is None:
            cols = etree.Element(self.q("cols"))
            self.data.addprevious(cols)
        for c in cols.iterchildren(self.q("col")):
            if int(c.get("min", 0)) <= col <= int(c.get("max", 0)):
                return
        new = etree.Element(self.q("col"), min=str(col), max=str(col), width=str(ALERT_WIDTH), customWidth="1")
        after = next((c for c in cols.iterchildren(self.q("col")) if int(c.get("min", 0)) > col), None)
        if after is not None:
            after.addprevious(new)
        else:
            cols.append(new)

    # conditional formatting

    def _is_ours(self, cf: etree._Element) -> bool:
        rules = [r for r in cf if local(r) == "cfRule"]
        return bool(rules) and all(
            any(local(f) == "formula" and is_mark_formula(f.text) for f in r) for r in rules)

    def set_rules(self, ranges: dict[str, list[str]], dxf_ids: dict[str, int]) -> None:
        for cf in self.root.findall(self.q("conditionalFormatting")):
            if self._is_ours(cf):
                self.root.remove(cf)
        if not ranges:
            return
        reserved = len(KIND_ORDER)
        # Any namespace (x14 too); the rows are not searched when their bytes hold no cfRule.
        scope = [child for child in self.root if child is not self.data] if self.rules_outside_rows else [self.root]
        others = [r for el in scope for r in el.iter("{*}cfRule") if r.get("priority", "").isdigit()]
        if others and min(int(r.get("priority")) for r in others) <= reserved:
            for r in others:
                r.set("priority", str(int(r.get("priority")) + reserved))
        anchor = None
        for child in self.root:
            if local(child) in _BEFORE_CF and etree.QName(child).namespace == self.ns:
                anchor = child
        for priority, kind in enumerate(KIND_ORDER, start=1):
            refs = ranges.get(kind)
            if not refs:
                continue
            cf = etree.Element(self.q("conditionalFormatting"), sqref=" ".join(refs))
            rule = etree.SubElement(cf, self.q("cfRule"), type="expression", dxfId=str(dxf_ids[kind]),
                                    priority=str(priority))
            etree.SubElement(rule, self.q("formula")).text = MARK_FORMULA.lstrip("=")
            anchor.addnext(cf)
            anchor = cf

    # the whole plan

    def has_our_rules(self) -> bool:
        return any(self._is_ours(cf) for cf in self.root.findall(self.q("conditionalFormatting")))

    def apply(self, dxf_ids: dict[str, int] | None) -> bytes | None:
        """The sheet's new XML, or None when the plan asks for nothing on this sheet."""
        plan = self.plan
        if plan.alert_col is None and not plan.rows and not self.has_our_rules():
            return None
        col = plan.alert_col
        if col is None and plan.rows:
            col = self.free_column()
            last_header = self.cell(plan.header_row, plan.last_col)
            header_style = last_header.get("s") if last_header is not None else None
            self.put_text(plan.header_row, col, ALERT_HEADER, header_style)
            self.set_width(col)
        self.alert_col = col
        if col is not None:
            # A column right of every cell the sheet had: below the header, nothing to clear or look up.
            fresh = self.rightmost is not None and col > self.rightmost
            for row_no in [r for r in self.rows if r > plan.header_row and r not in plan.rows] if not fresh else ():
                self.clear(row_no, col)
            for row_no, mark in sorted(plan.rows.items()):
                self.put_text(row_no, col, mark.text, fresh=fresh and row_no > plan.header_row)
            self.widen_dimension(col, max([plan.header_row, *plan.rows]))
        self.set_rules(self.ranges(col) if col is not None else {}, dxf_ids or {})
        return to_xml(self.root)

    def ranges(self, alert_col: int) -> dict[str, list[str]]:
        """Ranges per kind: whole rows through the alert cell, single cells, runs of rows joined."""
        spans: dict[tuple[str, int, int], list[int]] = {}  # (kind, first col, last col) -> rows
        for row_no, mark in sorted(self.plan.rows.items()):
            if mark.row_kind:
                spans.setdefault((mark.row_kind, self.plan.first_col, alert_col), []).append(row_no)
            for col, kind in mark.cells:
                spans.setdefault((kind, col, col), []).append(row_no)
            alert_kind = mark.alert_kind()
            if alert_kind:
                spans.setdefault((alert_kind, alert_col, alert_col), []).append(row_no)
        out: dict[str, list[str]] = {}
        for (kind, c1, c2), rows in spans.items():
            for top, bottom in _runs(rows):
                first, last = f"{column_letter(c1)}{top}", f"{column_letter(c2)}{bottom}"
                out.setdefault(kind, []).append(first if first == last else f"{first}:{last}")
        return out


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """[3, 4, 5, 8] -> [(3, 5), (8, 8)]: a few large ranges keep the rule small for Excel."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


# --- a rerun with nothing to change ------------------------------------------------------------
#
# A workbook marked yesterday and unchanged since is marked again with the same plan: the editor
# would rebuild every alert cell as it is and serialise the sheet to the same bytes. Building and
# freeing the tree of 100,000s of cells is most of that. `already_marked` proves the same on the
# bytes of sheetData (C-level scans, one short check per row, libxml2 checking it is well-formed
# without building a tree) and runs the editor's own code for the sheet-level edits (dimension,
# rules) on the sheet without its rows. When it cannot prove it, the editor runs as before.

_ODD_REF = re.compile(rb'<c r="(?![A-Z]{1,2}[0-9]+")')  # not a plain position up to column ZZ
_CELL_LETTERS = re.compile(rb'<c r="([A-Z]+)')
_ROW_START = re.compile(rb'<row r="([0-9]+)"')
_ODD_ROW = re.compile(rb'<row r="(?![0-9]+")')
_PREFIXED_TAG = re.compile(rb"</?[A-Za-z_][\w.\-]*:")
_PREFIXED_ATTR = re.compile(rb':[A-Za-z_][\w.\-]*="')


class _Nothing:
    """A parser target that builds nothing: libxml2 only checks the XML is well-formed."""

    def close(self) -> None:
        return None


_CHECK_ONLY = etree.XMLParser(target=_Nothing(), resolve_entities=False, no_network=True, huge_tree=True)


def _as_written(text: str) -> bytes:
    """The bytes of a text node as lxml writes it (so equal bytes mean equal text)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;").encode()


def _sheet_data(xml: bytes) -> bytes | None:
    """The bytes inside the worksheet's one unprefixed <sheetData>, None when not so plain."""
    if xml.count(b"<sheetData") != 1 or b":sheetData" in xml:
        return None
    start, end = xml.find(b"<sheetData>"), xml.find(b"</sheetData>")
    return xml[start + len(b"<sheetData>"):end] if 0 <= start < end else None


def _positions_stated(inner: bytes) -> bool:
    """Whether every row and cell element in sheetData's bytes states its position plainly first
    (then numbering them changes nothing, and no reference the editor reads can be refused).
    Elements are counted by name, so an element with another name starting so makes this False."""
    return (not _PREFIXED_TAG.search(inner) and inner.count(b"<row") == inner.count(b'<row r="')
            and inner.count(b"<c") == inner.count(b'<c r="') and not _ODD_REF.search(inner)
            and not _ODD_ROW.search(inner))


def _numbered(xml: bytes) -> bytes | None:
    """The bytes inside sheetData when every row and cell of a worksheet states its position
    plainly, so that number_cells would change nothing and every cell's column is in these bytes
    (no DOCTYPE, comment or instruction either: every pattern counted is an element); else None."""
    if b"<!" in xml:
        return None
    inner = _sheet_data(xml)
    return inner if inner is not None and b"<?" not in inner and _positions_stated(inner) else None


def _alert_shape(col: int) -> re.Pattern[bytes]:
    """The alert cell in `col` closing its row, exactly as crossdept writes it: (style, inline, text)."""
    return re.compile(rb'<c r="' + column_letter(col).encode() + rb'[0-9]+"( s="[0-9]+")?( t="inlineStr")?'
                      rb'(?:/>|><is><t>([^<]*)</t></is></c>)\Z')


def _attribute_prefixes(inner: bytes) -> set[bytes]:
    """The prefixes of prefixed attributes (x14ac:dyDescent): the check-only parse does not ask
    whether they are declared, the editor's parse does. A colon in a text may add a word: then
    the proof fails, which is safe."""
    return {inner[inner.rfind(b" ", 0, m.start()) + 1:m.start()] for m in _PREFIXED_ATTR.finditer(inner)}


def _rows_as_planned(inner: bytes, plan: SheetPlan, col: int) -> bool:
    """Whether sheetData's rows (bytes) are what the plan leaves them: see already_marked."""
    if any(token in inner for token in (b"<!", b"<?", b"xmlns", b"cfRule")) or not _positions_stated(inner):
        return False
    letters = column_letter(col).encode()
    pieces = inner.split(b"</row>")
    if pieces.pop() != b"":
        return False
    shape, last, alert_cells, alert_start = _alert_shape(col), 0, 0, b'<c r="' + letters
    written: dict[str, bytes] = {}  # a few dozen distinct words over thousands of rows
    expected = {row_no: written.get(mark.text) or written.setdefault(mark.text, _as_written(ooxml_text(mark.text)))
                for row_no, mark in plan.rows.items()}
    for piece in pieces:
        m = _ROW_START.match(piece)
        if m is None or piece.count(b"<row") != 1:
            return False  # every row a direct child of sheetData, in its own piece
        row_no = int(m.group(1))
        if row_no <= last:
            return False
        last = row_no
        at = piece.rfind(alert_start)
        cell = shape.match(piece, at) if at > 0 else None
        if cell is not None:
            alert_cells += 1
        want = expected.pop(row_no, None)
        if want is not None:
            if cell is None or cell.group(2) is None or cell.group(3) != want or not want:
                return False
        elif row_no > plan.header_row and cell is not None and (
                cell.group(1) is None or cell.group(2) is not None or cell.group(3) is not None):
            return False  # the editor would empty or remove it
    # every marked row exists, and no other cell of the alert column anywhere
    return not expected and alert_cells == len(re.findall(rb'<c r="' + letters + rb'[0-9]', inner))


def already_marked(xml: bytes, plan: SheetPlan, dxf_ids: dict[str, int] | None) -> bool:
    """Whether marking `plan` would leave worksheet `xml` as it is (True only when proven).

    Proven when: the sheet is well-formed UTF-8 with one sheetData, whose content is only
    unprefixed elements of the worksheet's namespace (no comment, CDATA, namespace declaration or
    rule inside), so byte patterns are elements; every row is a direct child stating its number,
    ascending; every cell states a plain position (numbering changes nothing, no reference the
    editor reads is refused); every cell in the alert column is the last of its row and exactly what
    the plan asks: the plan's words, inline, in each marked row, and nothing (an emptied cell keeping
    its style) in other rows below the header; and the editor's own dimension and rule edits, run on
    the sheet without its rows, change nothing.
    """
    col = plan.alert_col
    inner = _sheet_data(xml) if col is not None and b"<!" not in xml else None
    if inner is None:
        return False
    start, end = xml.find(b"<sheetData>"), xml.find(b"</sheetData>")
    try:
        etree.fromstring(xml, _CHECK_ONLY)
        root = parse_xml(xml[:start] + b"<sheetData/>" + xml[end + len(b"</sheetData>"):])
    except (etree.XMLSyntaxError, PackageError):
        return False  # the editor's parse says what is wrong
    ns = etree.QName(root).namespace or ""
    data = root.find(f"{{{ns}}}sheetData")
    if data is None or root.prefix is not None or any(p and uri == ns for p, uri in root.nsmap.items()):
        return False
    if (root.getroottree().docinfo.encoding or "").upper().replace("-", "") != "UTF8":
        return False
    declared = {p.encode() for p in root.nsmap if p} | {b"xml"}
    if not _attribute_prefixes(inner) <= declared or not _rows_as_planned(inner, plan, col):
        return False
    editor = SheetEditor(root, plan, cells=False)
    before = [etree.tostring(child) for child in root if child is not data]
    editor.widen_dimension(col, max([plan.header_row, *plan.rows]))
    editor.set_rules(editor.ranges(col), dxf_ids or {})
    return before == [etree.tostring(child) for child in root if child is not data]


def same_xml(a: bytes, b: bytes) -> bool:
    """Whether two serialisations hold the same XML (declaration and quoting aside).

    Equal bytes first: a part crossdept wrote last time serialises to the very same bytes, so a
    rerun with nothing to change skips canonicalising both versions."""
    if a == b:
        return True
    return etree.tostring(parse_xml(a), method="c14n") == etree.tostring(parse_xml(b), method="c14n")


@dataclass
class Marked:
    """The parts that change (none when the workbook is already marked so) and the alert columns."""

    changed: dict[str, bytes] = field(default_factory=dict)
    alert_cols: dict[str, int] = field(default_factory=dict)  # sheet name -> column crossdept owns


def mark_package(pkg: Package, plans: list[SheetPlan]) -> Marked:
    """Apply `plans` to the package's parts in memory."""
    result = Marked()
    changed = result.changed
    dxf_ids: dict[str, int] | None = None
    styles: bytes | None = None
    if any(plan.rows for plan in plans):
        if pkg.styles is None or pkg.styles not in pkg.parts:
            raise PackageError("no styles part")
        styles, dxf_ids = ensure_dxfs(pkg.parts[pkg.styles])
    for plan in plans:
        part = pkg.sheets.get(plan.sheet)
        if part is None or part not in pkg.parts:
            raise PackageError("sheet part not found", plan.sheet)
        if already_marked(pkg.parts[part], plan, dxf_ids):
            result.alert_cols[plan.sheet] = plan.alert_col
            continue
        editor = SheetEditor(pkg.parts[part], plan)
        new = editor.apply(dxf_ids)
        if editor.alert_col is not None:
            result.alert_cols[plan.sheet] = editor.alert_col
        if new is not None and (editor.edited or not same_xml(new, pkg.parts[part])):
            changed[part] = new
    if changed and styles is not None and pkg.styles and not same_xml(styles, pkg.parts[pkg.styles]):
        changed[pkg.styles] = styles
    return result
