"""Would a written workbook lose anything? Compare two packages before a file is replaced.

Checked, sheet by sheet name so that differently named parts still compare: the kinds of part
(charts, drawings, images, comments, VBA, controls, pivot caches, custom XML... by content type),
the features a worksheet refers to (drawings, form controls, tables, merged cells, validations,
extensions), and every cell's value and formula outside the column crossdept owns. Any kind, feature
or cell that is fewer or different afterwards is reported; the writer then refuses.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter

from lxml import etree

from crossdept.cellref import column_letter
from crossdept.write.marks import is_mark_formula
from crossdept.write.ooxml import Package, PackageError, local, number_cells, parse_xml
from crossdept.write.xlsx_marks import split_ref

# Worksheet elements whose count must not drop.
FEATURES = ("drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObject", "control", "tablePart",
            "hyperlink", "dataValidation", "mergeCell", "extLst", "AlternateContent", "conditionalFormatting",
            "sheetProtection", "autoFilter", "rowBreaks", "colBreaks")

# Parts derived from cells, which the cell comparison covers; a writer may drop or rebuild them.
DERIVED_KINDS = ("sharedStrings", "calcChain")
# What a drawing part holds: shapes and text boxes, pictures, charts and other frames, groups, connectors.
DRAWING_OBJECTS = ("sp", "pic", "graphicFrame", "grpSp", "cxnSp")

Contents = dict[str, tuple[str | None, str | None]]  # cell ref -> (value as text, formula)


def part_kinds(pkg: Package) -> Counter[str]:
    """How many parts of each content type, named by the type's last word (chart, drawing, png...)."""
    types = pkg.parts.get("[Content_Types].xml")
    defaults, overrides = {}, {}
    for el in parse_xml(types) if types is not None else ():
        if local(el) == "Default":
            defaults[el.get("Extension", "").lower()] = el.get("ContentType", "")
        elif local(el) == "Override":
            overrides[el.get("PartName", "").lstrip("/")] = el.get("ContentType", "")
    kinds: Counter[str] = Counter()
    for name in pkg.parts:
        if name.endswith("/") or name == "[Content_Types].xml" or name.endswith(".rels"):
            continue
        ctype = overrides.get(name) or defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")
        short = ctype.split("/")[-1].removesuffix("+xml").split(".")[-1] or posixpath.splitext(name)[1]
        if short in DERIVED_KINDS:
            continue
        kinds[short] += 1
        if short == "drawing":
            for el in parse_xml(pkg.parts[name]).iter():
                if local(el) in DRAWING_OBJECTS:
                    kinds[f"drawing {local(el)}"] += 1
    return kinds


def shared_strings(pkg: Package) -> list[str]:
    name = next((p for p in pkg.parts if p.lower().endswith("sharedstrings.xml")), None)
    if name is None:
        return []
    return ["".join(t.text or "" for t in si.iter() if local(t) == "t")
            for si in parse_xml(pkg.parts[name]) if local(si) == "si"]


def _cell(el: etree._Element, sst: list[str], kinds: dict[object, str]) -> tuple[str | None, str | None]:
    """A cell's (value, formula); `kinds` caches each tag's local name (a few tags, 100,000s of cells)."""
    value = formula = None
    for child in el:
        kind = kinds.get(child.tag)
        if kind is None:
            kind = kinds[child.tag] = local(child)
        if kind == "v":
            value = child.text
        elif kind == "f":
            formula = child.text or f"shared:{child.get('si')}"
        elif kind == "is":
            value = "".join(t.text or "" for t in child.iter() if local(t) == "t")
    if el.get("t") == "s" and value is not None:
        try:
            value = sst[int(value)]
        except (ValueError, IndexError):
            pass
    return value, formula


def _is_marks(part: etree._Element) -> bool:
    """A conditionalFormatting whose every formula is crossdept's signature: its own marks."""
    return local(part) == "conditionalFormatting" and all(
        is_mark_formula(f.text) for f in part.iter() if local(f) == "formula")


def sheet_contents(xml: bytes, sheet: str, sst: list[str]) -> tuple[Counter[str], Contents]:
    """A worksheet's feature counts and each non-empty cell's (value, formula)."""
    root = parse_xml(xml)
    number_cells(root)
    ns = etree.QName(root).namespace or ""
    features: Counter[str] = Counter()
    cells: Contents = {}
    kinds: dict[object, str] = {}
    for part in root:
        if local(part) == "sheetData":
            for el in part.iter(f"{{{ns}}}c"):
                value, formula = _cell(el, sst, kinds)
                if value is not None or formula is not None:
                    cells[el.get("r", "")] = (value, formula)
            continue
        if _is_marks(part):
            continue  # crossdept's own marks come and go
        for el in part.iter():
            name = local(el)
            if name in FEATURES:
                features[name] += 1
    return features, cells


# --- the proof for a sheet crossdept edited --------------------------------------------------
#
# Marking re-serialises a worksheet it edits (lxml), so the after-part is never the file's bytes,
# but every row it did not touch comes out as the same bytes, and a touched row differs only by
# crossdept's alert cell and the row's spans. `edited_only_by_marks` proves exactly that with
# byte comparisons (no tree of 100,000s of cells, no per-cell dict); when it cannot prove it, the
# cell-by-cell comparison below decides, as before. It is at least as strict as that comparison:
# it accepts only when every cell outside the alert column is byte for byte the same element
# (hence the same value and formula, shared strings being unchanged) and everything outside
# sheetData is the same XML apart from what carries no value or feature (crossdept's own rules,
# rule priorities, the dimension's range, an empty column width for the alert column).

_DECLARATION = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*?\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")
_DATA_START, _DATA_END = b"<sheetData>", b"</sheetData>"
_SPANS = re.compile(rb'(<row r="\d+") spans="[^"]*"')
_FOLLOWERS = (b'<c r="', b"</row>")


def _plain_xml(data: bytes) -> int | None:
    """Where the XML starts after its declaration, when every "<" in it starts a tag: UTF-8, no
    comment, CDATA, DOCTYPE (entities) or processing instruction, so equal bytes are equal elements."""
    m = _DECLARATION.match(data)
    start = 0
    if m:
        enc = _ENCODING.search(m.group())
        if enc and enc.group(1).lower().replace(b"-", b"") != b"utf8":
            return None
        start = m.end()
    elif data.startswith(b"\xef\xbb\xbf"):
        start = 3
    return None if data.find(b"<!", start) >= 0 or data.find(b"<?", start) >= 0 else start


def _owned_cells(col: int) -> re.Pattern[bytes]:
    """crossdept's alert cell in `col` exactly as it writes one (inline text, or emptied with its
    style kept): no other cell or attribute can match, so removing the matches removes nothing else."""
    letters = column_letter(col).encode()
    return re.compile(rb'<c r="' + letters + rb'\d+"(?: s="\d+")?(?: t="inlineStr")?'
                      rb'(?:/>|><is><t>[^<]*</t></is></c>|><is><t/></is></c>)')


def _rows_without_marks(inner: bytes, owned: re.Pattern[bytes] | None) -> bytes | None:
    """sheetData's rows without crossdept's alert cells and row spans; None when a removed cell
    is followed by a cell without its own position (removing it would renumber that one)."""
    ok = True

    def drop(m: re.Match[bytes]) -> bytes:
        nonlocal ok
        if not m.string.startswith(_FOLLOWERS, m.end()):
            ok = False
        return b""

    if owned is not None:
        inner = owned.sub(drop, inner)
    return _SPANS.sub(rb"\1", inner) if ok else None


def _outside_marks(xml: bytes, owned: int | None) -> bytes | None:
    """Everything but sheetData, canonical, without what marking may change and what carries no
    value or feature (see above); None when it cannot be parsed."""
    try:
        root = parse_xml(xml)
    except PackageError:
        return None
    for part in list(root):
        name = local(part)
        if name == "dimension":
            part.attrib.pop("ref", None)
        elif name == "cols" and owned is not None:
            for col in list(part):
                if len(col) == 0 and col.get("min") == col.get("max") == str(owned) and not (col.text or "").strip():
                    part.remove(col)
            if len(part) == 0 and not part.attrib and not (part.text or "").strip():
                root.remove(part)
        elif _is_marks(part):
            root.remove(part)
    for rule in root.iter("{*}cfRule"):
        rule.attrib.pop("priority", None)
    return etree.tostring(root, method="c14n")


def edited_only_by_marks(before: bytes, after: bytes, owned: int | None) -> bool:
    """Whether worksheet `after` is `before` with at most crossdept's marks changed (the alert
    cells in column `owned`, row spans, its rules and the rules' priorities, the dimension, the
    alert column's width). True proves nothing is lost; False only means "not proven".

    At least as strict as the cell-by-cell comparison it spares (which still decides whenever this
    says False): the rows must be the same bytes once crossdept's alert cells (only in the exact
    shapes it writes, and only where removing one renumbers no neighbour) and row spans are taken
    out, and bytes can only be compared as elements when every "<" starts a tag in UTF-8 (no
    comment, CDATA, DOCTYPE or processing instruction); so every other cell is the very same
    element, with the same value and formula. Everything outside sheetData must be the same
    canonical XML but for what holds no value or feature, so no feature is fewer either.
    """
    ends = []
    for data in (before, after):
        begin = _plain_xml(data)
        start = data.find(_DATA_START, begin or 0)
        end = data.find(_DATA_END, start)
        if begin is None or start < 0 or end < 0:
            return False
        ends.append((begin, start, end))
    (bb, sb, eb), (ba, sa, ea) = ends
    owned_re = _owned_cells(owned) if owned is not None else None
    rows_b = _rows_without_marks(before[sb + len(_DATA_START):eb], owned_re)
    if rows_b is None or rows_b != _rows_without_marks(after[sa + len(_DATA_START):ea], owned_re):
        return False
    rest_b = _outside_marks(before[bb:sb] + before[eb + len(_DATA_END):], owned)
    return rest_b is not None and rest_b == _outside_marks(after[ba:sa] + after[ea + len(_DATA_END):], owned)


def _same_value(a: str | None, b: str | None) -> bool:
    if a == b:
        return True
    try:
        return a is not None and b is not None and float(a) == float(b)
    except ValueError:
        return False


def losses(before: Package, after: Package, owned: dict[str, int] | None = None) -> list[str]:
    """What `after` lacks of `before`, in words; `owned` = sheet name -> crossdept's alert column."""
    owned = owned or {}
    lost: list[str] = []
    # What `after` took unchanged from `before` (same part name, not replaced) holds the same
    # bytes, so only replaced parts and what depends on them are parsed and compared.
    replaced = after.parts.replaced
    same_package = after.overlays(before)
    kinds_before = part_kinds(before)
    # Replacing worksheets or styles (all marking does) keeps every part's name and content type.
    plain = same_package and replaced <= {*before.sheets.values(), before.styles}
    kinds_after = kinds_before if plain else part_kinds(after)
    for kind, n in sorted(kinds_before.items()):
        if kinds_after[kind] < n:
            lost.append(f"{kind} ×{n - kinds_after[kind]}")
    sst_same = plain
    sst_before, sst_after = None, None
    for sheet, part in before.sheets.items():
        other = after.sheets.get(sheet)
        if other is None or other not in after.parts:
            lost.append(sheet)
            continue
        if sst_same and other == part and part not in replaced:
            continue  # the very part as read: nothing in it can be lost (its cells are not re-parsed)
        if sst_same and edited_only_by_marks(before.parts[part], after.parts[other], owned.get(sheet)):
            continue  # only crossdept's marks differ (proven on the bytes, above)
        if sst_before is None:
            sst_before = shared_strings(before)
            sst_after = sst_before if sst_same else shared_strings(after)
        feats_b, cells_b = sheet_contents(before.parts[part], sheet, sst_before)
        feats_a, cells_a = sheet_contents(after.parts[other], sheet, sst_after)
        for feat, n in sorted(feats_b.items()):
            if feats_a[feat] < n:
                lost.append(f"{sheet}: {feat} ×{n - feats_a[feat]}")
        bad = []
        for ref, (value, formula) in cells_b.items():
            value_a, formula_a = cells_a.get(ref, (None, None))
            if not _same_value(value, value_a) or (formula is not None and formula_a is None) or (
                    formula and not formula.startswith("shared:") and formula != formula_a):
                try:  # only a cell that differs asks whether it is in the column crossdept owns
                    if split_ref(ref, sheet)[1] == owned.get(sheet):
                        continue
                except PackageError:
                    pass
                bad.append(ref)
        if bad:
            lost.append(f"{sheet}!{', '.join(bad[:5])}{'…' if len(bad) > 5 else ''}")
    return lost
